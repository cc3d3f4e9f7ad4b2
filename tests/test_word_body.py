"""The HTML walker of the Word file (issue 13, item 1): whatever the HTML, the build goes on and
no text is lost.

The reader lets control characters and U+FFFE into a report's body, and Markdown passes
character references (``&#1;``, ``&#xD800;``) through to the HTML: XML can hold none of them,
and python-docx refuses them. Generated HTML (Hypothesis) and hand-made hostile bodies (a huge
table, deep nesting, the longest report a file may hold) must all give a Word file that opens.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import time
from pathlib import Path

import docx
from helpers import copy_fixture
from hypothesis import given
from hypothesis import strategies as st

from bulletin.archive import load_archive
from bulletin.documents.issueword import start_document, write_issue_docx
from bulletin.documents.wordbody import MAX_COLUMNS, clean_text, parse_fragment, write_body

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def reopen(document) -> docx.document.Document:
    """The document saved and opened again, as Word would open it."""
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def text_of(document) -> str:
    """Every text of the body (paragraphs and table cells) in document order, blanks removed."""
    return re.sub(r"\s+", "", "".join(t.text or "" for t in document.element.body.iter(f"{W}t")))


def write_html(html_text: str) -> docx.document.Document:
    document = start_document()
    write_body(document, html_text)
    return reopen(document)


def texts_of_tree(html_text: str) -> list[str]:
    """The texts of the parsed HTML a reader would see, as the walker cleans them."""
    if not clean_text(html_text).strip():
        return []
    root = parse_fragment(html_text)
    found = []
    for node in root.iter():
        if isinstance(node.tag, str) and node.text:
            found.append(node.text)
        if node is not root and node.tail:
            found.append(node.tail)
    return [t for t in (re.sub(r"\s+", "", clean_text(t)) for t in found) if t]


# --- generated HTML ---------------------------------------------------------------------------

TAGS = [
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "th", "td", "blockquote", "pre", "code", "a", "span", "div", "br", "hr", "sup", "dl", "dt",
]  # fmt: skip
LEAF = st.text(
    alphabet=st.one_of(
        st.sampled_from("示例市云岭县一是二是，。、“”（）：；"),
        st.characters(min_codepoint=0, max_codepoint=0x7F),
        st.characters(),  # surrogates, controls, U+FFFE …
    ),
    max_size=12,
)


def render_tree(tree) -> str:
    if isinstance(tree, str):
        return html.escape(tree, quote=False)
    tag, children = tree
    return f"<{tag}>" + "".join(render_tree(c) for c in children) + f"</{tag}>"


TREES = st.recursive(LEAF, lambda inner: st.tuples(st.sampled_from(TAGS), st.lists(inner, max_size=4)), max_leaves=25)
REFERENCES = st.sampled_from(["&#1;", "&#0;", "&#xD800;", "&#65535;", "&#xFFFE;", "&amp;", "&lt;td&gt;", "&nbsp;"])


@given(st.lists(st.one_of(TREES.map(render_tree), REFERENCES), max_size=6))
def test_any_html_gives_a_word_file_that_holds_its_text(pieces):
    html_text = "".join(pieces)
    whole = text_of(write_html(html_text))
    for text in texts_of_tree(html_text):
        assert text in whole


@given(st.text(max_size=200))
def test_any_text_of_a_paragraph_is_kept_but_what_xml_cannot_hold(text):
    whole = text_of(write_html(f"<p>{html.escape(text)}</p>"))
    kept = re.sub(r"\s+", "", clean_text(text))
    assert whole == kept


def test_characters_xml_cannot_hold_are_taken_out():
    document = write_html("<p>控制\x01字符\x00 &#1; \ufffe\ud800结束。</p>")
    assert text_of(document).startswith("控制字符")
    assert text_of(document).endswith("结束。")
    assert not re.search("[\x00-\x08\ud800-\udfff\ufffe]", text_of(document))


def test_a_report_with_control_characters_still_gives_its_issues_word_file(tmp_path: Path):
    root = copy_fixture(tmp_path / "archive")
    path = root / "reports/2026/0105-yunling-kongzhi.md"
    path.write_text(
        "---\ntitle: 控制字符\nunit: yunling\nissue: 1\ndate: 2026-01-05\ncategory: 经验做法\n---\n"
        "控制\x01字符 &#1; &#xD800; \ufffe 结束。\n",
        encoding="utf-8",
    )
    archive = load_archive(root, today=dt.date(2026, 12, 31))
    issue = next(i for i in archive.issues if any(r.id == "0105-yunling-kongzhi" for r in i.reports))
    document = docx.Document(io.BytesIO(write_issue_docx(archive, issue, moment=dt.datetime(2026, 12, 31))))
    paragraphs = [p.text for p in document.paragraphs]
    body = paragraphs[paragraphs.index("控制字符") + 2]
    assert body.startswith("控制字符") and body.endswith("结束。")


# --- hostile shapes -----------------------------------------------------------------------------


def test_a_table_too_wide_for_word_is_written_row_by_row():
    columns = MAX_COLUMNS + 1
    head = "".join(f"<th>列{n}</th>" for n in range(columns))
    row = "".join(f"<td>值{n}</td>" for n in range(columns))
    document = write_html(f"<table><thead><tr>{head}</tr></thead><tbody>{row * 1}</tbody></table>")
    assert not document.tables
    first = document.paragraphs[0]
    assert first.text.startswith("列0 | 列1 | ") and first.text.endswith(f"列{columns - 1}")
    assert all(run.bold for run in first.runs if run.text.startswith("列"))


def test_a_huge_table_is_written_in_reasonable_time():
    """150 rows of 63 columns: the largest table a paragraph of a report could hold is far smaller."""
    rows = "".join("<tr>" + "".join(f"<td>{r}-{c}</td>" for c in range(MAX_COLUMNS)) + "</tr>" for r in range(150))
    start = time.process_time()  # CPU time: a busy machine stretches the wall clock, not this
    document = write_html(f"<table><tbody>{rows}</tbody></table>")
    elapsed = time.process_time() - start
    table = document.tables[0]
    assert len(table.rows) == 150 and len(table.columns) == MAX_COLUMNS
    assert table.rows[149].cells[62].text == "149-62"
    assert elapsed < 60, elapsed


def test_a_table_in_a_table_and_text_outside_cells_are_kept():
    document = write_html(
        "<table><caption>表一</caption><tr><td>外层<table><tr><td>内层甲</td><td>内层乙</td></tr></table></td>"
        "<td>右</td></tr>散落文字</table>"
    )
    table = document.tables[0]
    assert table.rows[0].cells[0].text.replace("\n", "") == "外层内层甲 | 内层乙"
    assert table.rows[0].cells[1].text == "右"
    whole = text_of(document)
    assert "表一" in whole and "散落文字" in whole


def test_deep_nesting_is_written_as_text():
    depth = 300
    html_text = "<blockquote><ul><li>" * depth + "最深处" + "</li></ul></blockquote>" * depth
    document = write_html(html_text)
    assert "最深处" in text_of(document)
    assert len(document.paragraphs) < depth


def test_the_largest_report_a_file_may_hold_is_written_in_reasonable_time():
    """About 200 KB of text in 1000 paragraphs with bold lead-ins (the reader's limits)."""
    paragraph = "<p><strong>一是加强统筹。</strong>" + "示例市云岭县持续推进。" * 16 + "</p>"
    start = time.process_time()  # CPU time: a busy machine stretches the wall clock, not this
    document = write_html(paragraph * 1000)
    elapsed = time.process_time() - start
    assert len(document.paragraphs) == 1000
    assert elapsed < 60, elapsed
