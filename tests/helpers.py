"""Plain helpers of the tests (fixtures are in conftest.py): fixture archives, problems, builds, pages.

Test modules import these from here, never from each other or from conftest.py.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from bulletin.archive import load_archive
from bulletin.environment import CACHE_VARIABLE
from bulletin.errors import BulletinError, Problem

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "archive"
STATS_FIXTURE = REPO / "tests" / "fixtures" / "stats"
# SOURCE_DATE_EPOCH of the test builds: 2026-12-31 12:00 in Beijing, after every date the fixtures
# and the tests write. The build date rules what is published (an issue dated later is scheduled)
# and what may be recorded (a 批示 dated later is refused).
BUILD_EPOCH = "1798689600"


# --- archives and their problems -------------------------------------------------------


def copy_fixture(target: Path, source: Path = FIXTURE) -> Path:
    """A fixture archive, made buildable: the real hook module and stylesheet beside it."""
    shutil.copytree(source, target)
    (target / "hooks").mkdir()
    shutil.copy(REPO / "hooks" / "mkdocs_hooks.py", target / "hooks" / "mkdocs_hooks.py")
    (target / "content" / "assets").mkdir(parents=True, exist_ok=True)
    for asset in ("bulletin.css", "search.js", "search-worker.js"):
        shutil.copy(REPO / "content" / "assets" / asset, target / "content" / "assets" / asset)
    shutil.copytree(REPO / "overrides", target / "overrides")
    return target


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(root: Path) -> tuple[Problem, ...]:
    try:
        load_archive(root)
    except BulletinError as error:
        return error.problems
    return ()


def find_problem(problems: Iterable[Problem], path: str, line: int, field: str, fragment: str) -> Problem:
    problems = list(problems)
    for problem in problems:
        if (problem.path, problem.line, problem.field) == (path, line, field) and fragment in problem.message:
            return problem
    shown = "\n".join(str(p) for p in problems) or "(no problems)"
    raise AssertionError(f"expected {path}:{line}: {field}: …{fragment}… among:\n{shown}")


# --- builds ------------------------------------------------------------------------------

# The search index caches of the builds of this test run, one folder per built archive, outside
# the checkout (the default, .cache/ in the archive, would put the repository's own in it).
_CACHES = Path(tempfile.mkdtemp(prefix="bulletin-test-caches-"))
atexit.register(shutil.rmtree, _CACHES, ignore_errors=True)


def build_cache_dir(root: Path) -> Path:
    """The search index cache of builds of ``root`` in this test run: the same for every build
    of one archive (a second build reuses the index, as in real life), none shared."""
    return _CACHES / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def run_build(
    root: Path, *args: str, epoch: str = BUILD_EPOCH, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the archive ``root``. Its search index cache goes to
    build_cache_dir(root) unless ``env`` names BULLETIN_CACHE_DIR (empty: the default,
    .cache/ in ``root``); ``env`` adds to the environment."""
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        CACHE_VARIABLE: str(build_cache_dir(root)),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        check=False,  # a failing build is what some tests look at
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


# --- built pages -------------------------------------------------------------------------


def text_of(page: Path) -> str:
    """The visible text of a page's article, tags removed and blanks collapsed."""
    source = page.read_text(encoding="utf-8")
    article = source[source.index("<article") : source.rindex("</article>")]
    article = re.sub(r"</?(?:a|span|strong|em|code)\b[^>]*>", "", article)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- Git repositories ---------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def make_repo(folder: Path, branch: str | None = "change") -> Path:
    """The fixture archive committed on main in a new repository ``folder``, with ``branch``
    checked out (None: stay on main)."""
    root = copy_fixture(folder)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "editor@example.invalid")
    git(root, "config", "user.name", "信息科编辑")
    commit_all(root, "archive")
    if branch:
        git(root, "checkout", "-q", "-b", branch)
    return root


def edit(root: Path, path: str, old: str, new: str) -> None:
    """Replace the first ``old`` in the file by ``new`` (``old`` must be there)."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the `bulletin` command as an editor runs it ---------------------------------------------

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "BULLETIN_LANG")


def without_locale(**environment: str) -> dict[str, str]:
    """This process's environment with no language asked for (as on a CI runner: LANG=C.UTF-8),
    plus ``environment``."""
    return {**{k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}, "LANG": "C.UTF-8", **environment}


def run_bulletin(*args: str, timeout: int = 300, **environment: str) -> subprocess.CompletedProcess[str]:
    """The real `bulletin` command in a process of its own, in the language ``environment`` asks
    for (by default none: Chinese)."""
    return subprocess.run(
        [BULLETIN, *args],
        env=without_locale(**environment),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# --- the sample archive, as an office grows it ------------------------------------------------

GROWN_PENDING = 10  # pending reports grow_sample adds


def grow_sample(target: Path) -> Path:
    """A copy of the repository's sample archive with reports an office might add: one more issue
    of 《今日信息》 (2026年第23期, one report, with a keyword of its own and a 批示) and
    GROWN_PENDING pending reports. Tests that read the sample's figures must pass on it too."""
    shutil.copytree(
        REPO, target, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".site-builds", ".cache", "tests")
    )
    write(
        target,
        "reports/2026/1127-yunling-dongcha.md",
        """
        ---
        title: 云岭县组织茶农冬季培训提升茶园管护水平
        unit: yunling
        series: jrxx
        issue: 23
        date: 2026-11-27
        category: 工作动态
        tags: [茶产业, 茶农培训]
        instructions:
          - {by: 副市长, level: 市级, date: 2026-11-28, text: 培训要讲实用技术。}
        ---
        今冬以来，云岭县组织茶叶技术人员进村入户，开展茶园冬季管护培训。
        """,
    )
    for n in range(1, GROWN_PENDING + 1):
        write(
            target,
            f"reports/2026/1128-hefeng-daikan-{n:02d}.md",
            f"""
            ---
            title: 禾丰县待刊稿件第{n}篇
            unit: hefeng
            category: 工作动态
            ---
            禾丰县报送的第{n}篇稿件，已审定，尚未排期。
            """,
        )
    return target


def assert_year_pages_count_each_years_reports(archive) -> None:
    """A long list (every published report of the archive) gets an index linking each year's
    page with that year's count, newest first, and one page per year. The counts are the
    archive's own: tests/test_loose_counts.py runs this on a copy of the sample an office grew."""
    from bulletin.pages.browse import render_year_lists

    items = [(r, i) for i in archive.issues for r in i.reports]
    per_year = Counter(issue.date.year for _report, issue in items)
    years = sorted(per_year, reverse=True)
    assert len(years) >= 2  # the sample has two years, an office's archive more
    pages = render_year_lists(archive, "topics/all", "全部", "", items)
    assert [p.src for p in pages] == ["topics/all/index.md", *(f"topics/all/{year}.md" for year in years)]
    links = " · ".join(f'<a href="{year}/">{year}年（{per_year[year]}篇）</a>' for year in years)
    assert links in pages[0].html
    assert pages[0].toc == ((str(years[0]), f"{years[0]}年"),)  # the latest year's list, in the table of contents
    for page, year in zip(pages[1:], years, strict=True):  # each year's page lists that year's reports
        assert page.html.count("<li>") == per_year[year]


def assert_pending_reports_are_those_in_no_issue(archive) -> None:
    """The archive has pending reports, and they are exactly the reports in no issue (however many)."""
    assert archive.pending
    in_issues = {r.id for issue in archive.issues for r in issue.reports}
    assert {r.id for r in archive.pending} == {r.id for r in archive.reports if r.id not in in_issues}
    assert all(r.is_pending for r in archive.pending)


def show_all(page):
    """Click 更多 until every result is shown. The button hides when clicked and shows again when
    the batch it asked for is in (or the status line says all are shown): wait for that, not a
    fixed time (on a busy machine an older year's part can take seconds to load)."""
    while page.locator("#bl-search-more").is_visible():
        page.click("#bl-search-more")
        page.wait_for_function(
            "() => !document.getElementById('bl-search-more').hidden"
            " || document.getElementById('bl-search-status').textContent.includes('全部结果')",
            timeout=30000,
        )


# Headless Chromium as the tests start it: no sandbox (root in CI), and none of its own calls to
# outside hosts, which this closed network refuses (and which would count as outside requests).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass  # a test's output is its own


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A built site served on localhost (a free port) while the block runs: its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
