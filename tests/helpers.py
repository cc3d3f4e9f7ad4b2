"""Plain helpers of the tests (fixtures are in conftest.py): fixture archives, problems, builds, pages.

Test modules import these from here, never from each other or from conftest.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import html
import html.parser
import http.server
import importlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import click
from click.testing import CliRunner

from bulletin.archive import load_archive
from bulletin.environment import CACHE_VARIABLE, DOCUMENTS_VARIABLE
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import choose_language, current_language, use_language

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "archive"
STATS_FIXTURE = REPO / "tests" / "fixtures" / "stats"
# SOURCE_DATE_EPOCH of the test builds: 2026-12-31 12:00 in Beijing, after every date the fixtures
# and the tests write. The build date rules what is published (an issue dated later is scheduled)
# and what may be recorded (a 批示 dated later is refused).
BUILD_EPOCH = "1798689600"
# The sample archive's own build date (README): 2026-11-30 12:00 in Beijing.
SAMPLE_EPOCH = "1796011200"
# The stats fixture's: 2026-03-31 08:00 in Beijing, after every date of that fixture.
MARCH_31 = "1774915200"


# --- archives and their problems -------------------------------------------------------


def copy_fixture(target: Path, source: Path = FIXTURE) -> Path:
    """A fixture archive, made buildable: the real hook module and stylesheet beside it."""
    shutil.copytree(source, target)
    (target / "hooks").mkdir()
    shutil.copy(REPO / "hooks" / "mkdocs_hooks.py", target / "hooks" / "mkdocs_hooks.py")
    (target / "content" / "assets").mkdir(parents=True, exist_ok=True)
    for asset in ("bulletin.css", "search.js", "search-worker.js", "deadlines.js"):
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

# The search index and documents caches of the builds of this test run, one folder per built
# archive, outside the checkout (the default, .cache/ in the archive, would put the repository's
# own in it): in the run's temporary folder (conftest.py says where).
_CACHES: list[Path] = []


def use_build_caches(folder: Path) -> None:
    """Keep the test builds' caches in ``folder`` from now on."""
    _CACHES[:] = [folder]


def build_cache_dir(root: Path) -> Path:
    """The search index cache of builds of ``root`` in this test run: the same for every build
    of one archive (a second build reuses the index, as in real life), none shared."""
    assert _CACHES, "conftest.py names the folder of the build caches"
    return _CACHES[0] / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def run_build(
    root: Path,
    *args: str,
    epoch: str = BUILD_EPOCH,
    env: Mapping[str, str] | None = None,
    documents: bool = False,
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the archive ``root``. Its search index cache goes to
    build_cache_dir(root) unless ``env`` names BULLETIN_CACHE_DIR (empty: the default,
    .cache/ in ``root``); ``env`` adds to the environment. Each issue's PDF and Word file only
    with ``documents`` (they take most of a build's time; BULLETIN_DOCUMENTS=0 otherwise: the
    issue pages then link none)."""
    environment = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "NO_MKDOCS_2_WARNING": "1",
        CACHE_VARIABLE: str(build_cache_dir(root)),
        DOCUMENTS_VARIABLE: "1" if documents else "0",
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


# --- work, counted -------------------------------------------------------------------------


def calls_made(work: Callable[[], object]) -> int:
    """How many Python functions ``work()`` calls, itself and all below it: the work it does,
    counted the same on any machine, however busy (a wall clock is not). Linear work doubles with
    its input; a test compares two sizes."""
    count = 0

    def profile(frame: object, event: str, argument: object) -> None:
        nonlocal count
        if event == "call":
            count += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(previous)
    return count


# --- built pages -------------------------------------------------------------------------


def text_of(page: Path) -> str:
    """The visible text of a page's article, tags removed and blanks collapsed."""
    source = page.read_text(encoding="utf-8")
    article = source[source.index("<article") : source.rindex("</article>")]
    article = re.sub(r"</?(?:a|span|strong|em|code)\b[^>]*>", "", article)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


class PageTables(html.parser.HTMLParser):
    """Every <table> of a built page as rows of cell texts; the figure descriptions of its charts."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.descriptions: list[str] = []
        self._cell: list[str] | None = None
        self._desc = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "desc":
            self._desc = True
            self.descriptions.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "desc":
            self._desc = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._desc:
            self.descriptions[-1] += data


def page_tables(path: Path) -> PageTables:
    parser = PageTables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


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


@dataclasses.dataclass(frozen=True)
class Ran:
    """What a run of the `bulletin` command gave: as subprocess.CompletedProcess names it."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    output: str  # stdout and stderr as a terminal shows them, in the order they were written


# The module of the group (not `import bulletin.cli.main as …`: the package's `main` is the group).
bulletin_cli = importlib.import_module("bulletin.cli.main")
_CLI_GROUPS: dict[str, click.Group] = {}
_CLICK_MODULES = (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types)


def _cli_group(language: str) -> click.Group:
    """bulletin.cli's group as a process asked for ``language`` makes it: its help texts are
    translated when the module is loaded (bulletin.i18n), so each language has its own copy of
    the module, loaded once, beside the one tests import (which stays as it is)."""
    if language not in _CLI_GROUPS:
        spec = importlib.util.find_spec(bulletin_cli.__name__)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        saved_argv = sys.argv
        sys.argv = ["bulletin", "--lang", language]  # what the module reads its language from
        try:
            spec.loader.exec_module(module)
        finally:
            sys.argv = saved_argv
        _CLI_GROUPS[language] = module.main
    return _CLI_GROUPS[language]


def run_bulletin(
    *args: str, cwd: Path | str | None = None, input: str | bytes | None = None, **environment: str
) -> Ran:
    """The `bulletin` command run in this process (click's CliRunner) as an editor runs it in a
    process of its own: in Chinese unless ``environment`` or ``--lang`` asks for English, with
    this process's environment plus ``environment``, in ``cwd`` if given. Nothing leaks into the
    next run: the environment, the language of the messages and of Click's own words, and the
    current folder are put back. An exception the command does not turn into a message fails the
    test (a real process would print a traceback). `bulletin build` is run_bulletin_process's."""
    before = ("", *args[:-1])  # the argument before each: the values of --root and --lang are not commands
    command = next((a for a, b in zip(args, before, strict=True) if a[:1] != "-" and b not in ("--root", "--lang")), "")
    assert command != "build" or "--help" in args, (
        "`bulletin build` runs MkDocs in a process whose output is its own: run_bulletin_process"
    )
    changes: dict[str, str | None] = dict.fromkeys(LOCALE_VARIABLES)
    changes.update({"LANG": "C.UTF-8", **environment})
    effective = {**{k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}, "LANG": "C.UTF-8", **environment}
    language = choose_language(effective, args)
    # Click wraps help as in a process whose output is not a terminal (CliRunner's own is 80).
    columns = effective.get("COLUMNS", "")
    width = max(min(int(columns) if columns.isdigit() else 80, 80) - 2, 50)
    saved_language = current_language()
    saved_click = [(module, module.__dict__.get("_"), module.__dict__.get("ngettext")) for module in _CLICK_MODULES]
    saved_cwd = os.getcwd()
    try:
        group = _cli_group(language)
        use_language(language)
        bulletin_cli.translate_click()
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner(env=changes).invoke(
            group, list(args), input=input, catch_exceptions=False, prog_name="bulletin", terminal_width=width
        )
    finally:
        os.chdir(saved_cwd)
        use_language(saved_language)
        for module, gettext_function, ngettext_function in saved_click:
            for name, function in (("_", gettext_function), ("ngettext", ngettext_function)):
                if function is None:
                    module.__dict__.pop(name, None)
                else:
                    setattr(module, name, function)
    return Ran(tuple(args), result.exit_code, result.stdout, result.stderr, result.output)


def run_bulletin_process(*args: str, timeout: int = 300, **environment: str) -> subprocess.CompletedProcess[str]:
    """The real `bulletin` command in a process of its own, in the language ``environment`` asks
    for (by default none: Chinese). Only where the process itself is under test: its language
    and environment, signals, locks, exit statuses of the installed command; everything else
    uses run_bulletin."""
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


def copy_sample(target: Path) -> Path:
    """A copy of the repository's sample archive (no Git, builds, caches or tests)."""
    ignored = shutil.ignore_patterns(".git", ".venv", "site", ".site-builds", ".cache", "tests")
    shutil.copytree(REPO, target, ignore=ignored)
    return target


def add_next_issue(target: Path, *, instruction: bool = True) -> None:
    """One more issue of 《今日信息》 in the sample: 2026年第23期, one report with a keyword of its
    own (and a 批示, unless ``instruction`` is False)."""
    given = "instructions:\n  - {by: 副市长, level: 市级, date: 2026-11-28, text: 培训要讲实用技术。}\n"
    (target / "reports/2026/1127-yunling-dongcha.md").write_text(
        "---\ntitle: 云岭县组织茶农冬季培训提升茶园管护水平\nunit: yunling\nseries: jrxx\nissue: 23\n"
        "date: 2026-11-27\ncategory: 工作动态\ntags: [茶产业, 茶农培训]\n"
        + (given if instruction else "")
        + "---\n今冬以来，云岭县组织茶叶技术人员进村入户，开展茶园冬季管护培训。\n",
        encoding="utf-8",
    )


def grow_sample(target: Path) -> Path:
    """A copy of the repository's sample archive with reports an office might add: one more issue
    of 《今日信息》 (2026年第23期, one report, with a keyword of its own and a 批示) and
    GROWN_PENDING pending reports. Tests that read the sample's figures must pass on it too."""
    copy_sample(target)
    add_next_issue(target)
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
    archive's own: tests/test_sample_archive.py runs this on a copy of the sample an office grew too."""
    from bulletin.pages.browse import list_reports, render_year_lists

    items = [(r, i) for i in archive.issues for r in i.reports]
    per_year = Counter(issue.date.year for _report, issue in items)
    years = sorted(per_year, reverse=True)
    assert len(years) >= 2  # the sample has two years, an office's archive more
    pages = render_year_lists(list_reports(archive), "topics/all", "全部", "", items)
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
