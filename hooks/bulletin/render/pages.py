"""Render the archive as generated pages: Markdown, or HTML that MkDocs puts into the theme.

Every function here is pure: archive in, page text out. Issue and report pages and the
long lists (years of a series, topics, keywords, 批示, units), nearly the whole site, are
written as HTML here (``Page.html``; their links are the pages' relative URLs, checked by
the tests): MkDocs builds no Markdown converter for them. The few other pages are
Markdown, with relative links to source files that MkDocs checks and rewrites.
Untrusted text (titles, names, 批示) is escaped; report bodies were validated to carry
no HTML and the rendered page is sanitised again by :mod:`bulletin.sanitize`.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify

from bulletin.model import Archive, Issue, Report, Series
from bulletin.render.addresses import (
    issue_src,
    link_url,
    report_anchor,
    report_src,
    series_src,
    unit_src,
    year_src,
)
from bulletin.render.labels import LEVEL_NAMES, format_date, issue_label, issue_title, unit_names
from bulletin.render.markdown import demote_html_headings, plain_text, render_body_html

HOME_MARKER = "<!-- bulletin:home -->"
RECENT_INSTRUCTIONS = 8
SERIES_PAGE_ISSUES = 10


@dataclass(frozen=True)
class Page:
    src: str  # source path inside docs_dir, e.g. "jrxx/2026/012.md"
    markdown: str
    sanitize: bool = True  # pages carrying report text are sanitised after rendering
    # A page rendered here as HTML (its Markdown is only the front matter): MkDocs shows it
    # as it is, with these (id, title HTML) sections in its table of contents. Issue, report
    # and list pages are nearly the whole site; writing them here saves MkDocs a Markdown
    # pass over each.
    html: str | None = None
    toc: tuple[tuple[str, str], ...] = ()


# --- addresses --------------------------------------------------------------------


def link_to(from_src: str, to_src: str, anchor: str = "") -> str:
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{anchor}" if anchor else target


# --- text -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def escape_md(text: str) -> str:
    """Text that Markdown shows as it is (no emphasis, links, HTML or attribute lists)."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def escape_html(text: str) -> str:
    return html.escape(text, quote=True)


def front_matter(title: str, hide: tuple[str, ...] = ("navigation",)) -> str:
    # A JSON string is a valid YAML double-quoted scalar. Generated pages are not in the
    # navigation, so its (empty) sidebar is hidden to give the text the room.
    # The theme prints the title into <title> and the header unescaped: escape it here.
    hidden = "".join(f"  - {item}\n" for item in hide)
    return f"---\ntitle: {json.dumps(escape_html(title), ensure_ascii=False)}\nhide:\n{hidden}---\n\n"


_SECTION = re.compile(r'<h2 id="([^"]*)">(.*?)</h2>')
_TAG = re.compile(r"<[^>]+>")


def render_section(heading: str, anchor: str = "") -> str:
    """An h2 of a page written as HTML (``heading`` is HTML); its id as Markdown's would be."""
    return f'<h2 id="{anchor or slugify(plain_text(heading), "-")}">{heading}</h2>\n'


def render_html_page(src: str, title: str, parts: list[str], heading: str = "") -> Page:
    """A page written here as HTML: ``heading`` (else ``title``) as its h1, then ``parts``; its
    h2 sections (see render_section) make its table of contents."""
    body = f"<h1>{escape_html(heading or title)}</h1>\n" + "".join(parts)
    toc = tuple((anchor, _TAG.sub("", name)) for anchor, name in _SECTION.findall(body))
    return Page(src, front_matter(title), html=body, toc=toc)


def embed_html(html_text: str) -> str:
    """A report's rendered text in its wrapper (the style of report text)."""
    return f'<div class="bl-body">\n{html_text}\n</div>\n\n'


# --- blocks -----------------------------------------------------------------------


def render_masthead(archive: Archive, issue: Issue) -> str:
    marking = '<p class="bl-marking">内部资料　注意保存</p>\n' if issue.classification == "内部" else ""
    return (
        '<header class="bl-masthead">\n'
        f"{marking}"
        f'<h1 class="bl-name">{escape_html(issue.series.name)}</h1>\n'
        f'<p class="bl-number">{issue.year}年第{issue.number}期'
        f'<span class="bl-total">（总第{issue.total}期）</span></p>\n'
        f'<p class="bl-meta"><span class="bl-office">{escape_html(archive.settings.office)}</span>'
        f'<span class="bl-date">{format_date(issue.date)}</span></p>\n'
        "</header>\n\n"
    )


def render_corrections(report: Report) -> str:
    if not report.corrections:
        return ""
    items = "\n".join(
        f'<p class="bl-correction"><strong>更正（{format_date(c.date)}）</strong>{escape_html(c.note)}</p>'
        for c in report.corrections
    )
    return f'<div class="bl-corrections">\n{items}\n</div>\n\n'


def render_footer(series: Series) -> str:
    lines = [
        f'<p><span class="bl-label">{label}：</span>{escape_html(value)}</p>'
        for label, value in (("报", series.to_higher), ("送", series.to_leaders), ("发", series.to_units))
        if value
    ]
    staff = [
        f"<span>{label}：{escape_html(value)}</span>"
        for label, value in (("责任编辑", series.editor), ("审核", series.reviewer), ("签发", series.signer))
        if value
    ]
    if staff:
        lines.append(f'<p class="bl-staff">{"".join(staff)}</p>')
    return '<footer class="bl-footer">\n' + "\n".join(lines) + "\n</footer>\n\n" if lines else ""


def render_contents_list(archive: Archive, issue: Issue, href) -> str:
    """An issue's reports as an HTML list (a raw block in a Markdown page), each linked to
    ``href(report)``, with its units."""
    items = "".join(
        f'<li><a href="{href(r)}">{escape_html(r.title)}</a>'
        f'<span class="bl-unit">{escape_html(unit_names(archive, r))}</span></li>\n'
        for r in issue.reports
    )
    return f"<ol>\n{items}</ol>\n"


# --- pages ------------------------------------------------------------------------


def render_issue_page(archive: Archive, issue: Issue, previous: Issue | None, following: Issue | None) -> Page:
    """The issue as printed: masthead, contents, full texts, distribution, pager (as HTML)."""
    src = issue_src(issue)
    contents = render_contents_list(archive, issue, lambda r: f"#{report_anchor(r)}")
    parts = [
        render_masthead(archive, issue),
        f'<nav class="bl-contents">\n<p class="bl-contents-title">本期目录</p>\n{contents}</nav>\n',
    ]
    for report in issue.reports:
        parts += [
            f'<article class="bl-report" id="{report_anchor(report)}">\n',
            f"<h2>{escape_html(report.title)}</h2>\n",
            f'<p class="bl-source">{escape_html(unit_names(archive, report))}</p>\n',
            render_corrections(report),
            embed_html(demote_html_headings(render_body_html(report), 1)),
            f'<p><a class="bl-permalink" href="{link_url(src, report_src(report))}">单篇页面</a></p>\n</article>\n',
        ]
    parts.append(render_footer(issue.series))
    pager = []
    if previous is not None:
        pager.append(
            f'<a class="bl-prev" href="{link_url(src, issue_src(previous))}">← 上一期：{issue_label(previous)}</a>'
        )
    if following is not None:
        pager.append(
            f'<a class="bl-next" href="{link_url(src, issue_src(following))}">下一期：{issue_label(following)} →</a>'
        )
    if pager:
        parts.append('<nav class="bl-pager">\n<p>' + "\n".join(pager) + "</p>\n</nav>\n")
    toc = tuple((report_anchor(r), escape_html(r.title)) for r in issue.reports)
    return Page(src, front_matter(issue_title(issue)), html="".join(parts), toc=toc)


def render_report_page(archive: Archive, report: Report, issue: Issue) -> Page:
    src = report_src(report)
    body_html = render_body_html(report)
    where = link_url(src, issue_src(issue), report_anchor(report))
    units = "、".join(
        f'<a href="{link_url(src, unit_src(k))}">{escape_html(archive.units[k].name)}</a>' for k in report.units
    )
    facts = [
        f"报送单位：{units}",
        f'刊发：<a href="{where}">《{escape_html(issue.series.name)}》{issue_label(issue)}（总第{issue.total}期）</a>'
        f"，{format_date(issue.date)}",
        f"类别：{escape_html(report.category)}",
    ]
    if report.tags:
        facts.append("关键词：" + "、".join(escape_html(t) for t in report.tags))
    if report.authors:
        facts.append("执笔：" + "、".join(escape_html(a) for a in report.authors))
    facts.append(f"密级：{'内部资料　注意保存' if report.classification == '内部' else '公开'}")
    parts = [
        '<div class="bl-report-page">\n',
        f"<h1>{escape_html(report.title)}</h1>\n",
        '<div class="bl-facts">\n<ul>\n' + "".join(f"<li>{f}</li>\n" for f in facts) + "</ul>\n</div>\n",
        render_corrections(report),
        embed_html(body_html),
    ]
    toc = []
    if report.instructions:
        toc.append(("instructions", "领导批示"))
        parts.append('<h2 id="instructions">领导批示</h2>\n')
        for item in sorted(report.instructions, key=lambda i: i.date):
            parts.append(
                '<blockquote class="bl-instruction">'
                f'<p class="bl-instruction-by">{escape_html(item.by)}'
                f"<span>（{LEVEL_NAMES[item.level]}，{format_date(item.date)}）</span></p>"
                f"<p>{escape_html(item.text)}</p></blockquote>\n"
            )
    if report.adoptions:
        toc.append(("adoptions", "上级采用"))
        parts.append('<h2 id="adoptions">上级采用</h2>\n<ul>\n')
        for item in sorted(report.adoptions, key=lambda a: a.date):
            parts.append(f"<li>{escape_html(item.by)}（{LEVEL_NAMES[item.level]}），{format_date(item.date)}</li>\n")
        parts.append("</ul>\n")
    parts.append("</div>\n")
    return Page(src, front_matter(report.title), html="".join(parts), toc=tuple(toc))


def render_issue_summary(archive: Archive, issue: Issue, src: str, level: int = 2, with_year: bool = False) -> str:
    """An issue's heading (linked, with its date and total number) and its contents, as HTML."""
    label = f"{issue.year}年第{issue.number}期" if with_year else f"第{issue.number}期"
    text = f'<a href="{link_url(src, issue_src(issue))}">{label}</a> · {format_date(issue.date)} · 总第{issue.total}期'
    heading = render_section(text) if level == 2 else f"<h{level}>{text}</h{level}>\n"
    return heading + render_contents_list(archive, issue, lambda r: link_url(src, report_src(r)))


def render_year_page(archive: Archive, series: Series, year: int, issues: list[Issue]) -> Page:
    src = year_src(series, year)
    parts = [
        f"<p>共{len(issues)}期，{sum(len(i.reports) for i in issues)}篇。"
        f'<a href="{link_url(src, series_src(series))}">返回《{escape_html(series.name)}》</a></p>\n'
    ]
    for issue in sorted(issues, key=lambda i: i.number, reverse=True):
        parts.append(render_issue_summary(archive, issue, src))
    return render_html_page(src, f"{series.name} {year}年", parts, heading=f"《{series.name}》{year}年")


def render_series_page(archive: Archive, series: Series) -> Page:
    src = series_src(series)
    issues = archive.issues_of(series.key)
    if not issues:
        return render_html_page(src, series.name, ["<p>尚无已刊发的期次。</p>\n"], heading=f"《{series.name}》")
    parts = [render_section("各年目录", "years"), "<ul>\n"]
    years = sorted({i.year for i in issues}, reverse=True)
    for year in years:
        of_year = [i for i in issues if i.year == year]
        totals = f"总第{of_year[0].total}期" if len(of_year) == 1 else f"总第{of_year[0].total}–{of_year[-1].total}期"
        parts.append(
            f'<li><a href="{link_url(src, year_src(series, year))}">{year}年</a>：共{len(of_year)}期（{totals}），'
            f"{sum(len(i.reports) for i in of_year)}篇</li>\n"
        )
    parts.append("</ul>\n" + render_section(f"最近{min(SERIES_PAGE_ISSUES, len(issues))}期", "latest"))
    for issue in sorted(issues, key=lambda i: (i.date, i.total), reverse=True)[:SERIES_PAGE_ISSUES]:
        parts.append(render_issue_summary(archive, issue, src, level=3, with_year=True))
    return render_html_page(src, series.name, parts, heading=f"《{series.name}》")


def render_home_blocks(archive: Archive, src: str = "index.md") -> str:
    """The generated part of the home page: latest issues and recent 批示."""
    parts = []
    for series in archive.settings.series:
        issues = archive.issues_of(series.key)
        if not issues:
            continue
        latest = issues[-1]
        parts.append(
            f"## 最新一期：《{escape_md(series.name)}》[{issue_label(latest)}]({link_to(src, issue_src(latest))})"
            f"\n\n{format_date(latest.date)} · 总第{latest.total}期 · "
            f"[往期]({link_to(src, series_src(series))})\n\n"
        )
        parts.append(render_contents_list(archive, latest, lambda r: link_url(src, report_src(r))) + "\n")
    recent = sorted(
        ((item, report) for report in archive.reports for item in report.instructions if not report.is_pending),
        key=lambda pair: (pair[0].date, pair[1].path),
        reverse=True,
    )[:RECENT_INSTRUCTIONS]
    if recent:
        parts.append("## 近期领导批示\n\n")
        for item, report in recent:
            parts.append(
                f"- {format_date(item.date)}，{escape_md(item.by)}批示"
                f"[{escape_md(report.title)}]({link_to(src, report_src(report))})：{escape_md(item.text)}\n"
            )
        parts.append("\n")
    return "".join(parts)


def render_bulletin_pages(archive: Archive) -> tuple[Page, ...]:
    """Every series, year, issue and report page, in a stable order."""
    pages: list[Page] = []
    for series in archive.settings.series:
        issues = list(archive.issues_of(series.key))
        pages.append(render_series_page(archive, series))
        for year in sorted({i.year for i in issues}):
            pages.append(render_year_page(archive, series, year, [i for i in issues if i.year == year]))
        for index, issue in enumerate(issues):
            previous = issues[index - 1] if index > 0 else None
            following = issues[index + 1] if index + 1 < len(issues) else None
            pages.append(render_issue_page(archive, issue, previous, following))
            pages.extend(render_report_page(archive, report, issue) for report in issue.reports)
    return tuple(pages)
