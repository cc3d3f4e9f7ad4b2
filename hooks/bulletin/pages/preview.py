"""What only the editors' preview (``make serve``) shows: pending reports, and a failed build's problems.

A pending report (approved, in no issue) has no page on the published site. The preview
gives it one at its future address, marked 待刊, so that whoever reviews the pull request
that adds it reads it as it will look; ``/pending/`` lists them all.

When the archive has problems, the preview does not fail: MkDocs' live server holds every
request until a build succeeds (``LiveReloadServer._serve_request`` waits for the epoch of
the build that failed), so a failed build would leave the editor's browser waiting without a
word. Instead the preview's site is one page listing every problem, ``path:line: field:
message``, served at every address; it reloads itself when the problems change, and the
build after the fix brings the site back.

The published build (``make site``, ``bulletin build``) uses none of this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from bulletin.addresses import HOME_SRC, PENDING_SRC
from bulletin.errors import Problem, make_visible
from bulletin.model import Archive
from bulletin.pages.page import WIDE, Page, make_page
from bulletin.pages.reports import render_report_page
from bulletin.pages.templating import render_template

PENDING_TITLE = "待刊稿件（预览）"
PROBLEMS_TITLE = "稿件库有问题，请先改正"
FAILED_TITLE = "预览没有生成，请先改正"
PROBLEMS_ID = "bl-problems"  # the problems page's list; its data-version changes with the problems


def render_pending_pages(archive: Archive) -> tuple[Page, ...]:
    """A page for each pending report at its future address (marked 待刊), and their list."""
    pages = [render_report_page(archive, report, None) for report in archive.pending]
    pages.append(
        make_page(
            PENDING_SRC,
            "pending.html",
            PENDING_TITLE,
            archive=archive,
            reports=sorted(archive.pending, key=lambda report: report.path, reverse=True),
        )
    )
    return tuple(pages)


def version_of(lines: list[str]) -> str:
    """What the page of problems compares to know that they changed."""
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def render_problems_page(problems: Iterable[Problem], src: str = HOME_SRC) -> Page:
    """The one page of a preview whose archive has problems: each as ``path:line: field: message``.

    Its script asks the server for the page again every second and reloads when the problems
    changed or are gone; it carries no report text and is not sanitised (that would drop the script)."""
    lines = [str(problem) for problem in problems]
    version = version_of(lines)
    return make_page(
        src,
        "problems.html",
        PROBLEMS_TITLE,
        sanitize=False,
        hide=WIDE,
        problems=lines,
        problems_id=PROBLEMS_ID,
        version=version,
    )


def render_preview_banner(src: str, months: int) -> str:
    """The line at the top of every page of a preview of the last ``months`` months (and of its
    404 page): older pages are not built and every count covers those months only."""
    return render_template("preview-banner.html", src, months=months)


def render_failed_build(messages: Iterable[str]) -> str:
    """A whole HTML document for a preview MkDocs could not build (its warnings in strict mode, a
    template's error): the messages it logged, made visible (no control character, one line each),
    and the same script as the page of problems. Written without the theme, which may be what failed."""
    lines = [make_visible(line) for message in messages for line in message.splitlines() if line.strip()]
    return render_template(
        "build-failed.html",
        HOME_SRC,
        title=FAILED_TITLE,
        lines=lines,
        version=version_of(lines),
        problems_id=PROBLEMS_ID,
    )
