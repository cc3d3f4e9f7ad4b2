"""Red-team regressions of issue 16 (outputs): escaping for every output format, writes that
never lose data, content/ pages checked like reports, queries with symbols.

Each test is one failure the red team found, named after what it protects. Crashes and
kills run real processes; diffs run on real Git repositories in tmp_path.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
from helpers import Ran, copy_fixture, git, make_repo, run_build, run_bulletin, write

PENDING = "reports/2026/1120-yingji-pending.md"
BULLETIN = [sys.executable, "-c", "from bulletin.cli import main; main()"]


def bulletin_process(root: Path, *args: str | bytes, **options) -> subprocess.CompletedProcess:
    """The real `bulletin` command in a process of its own (output as bytes): for what only a
    process has (a file size limit, a kill, arguments that are not UTF-8)."""
    return subprocess.run(
        [*BULLETIN, "--root", str(root), *args], check=False, capture_output=True, timeout=120, **options
    )


def bulletin(root: Path, *args: str) -> Ran:
    return run_bulletin("--root", str(root), *args)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def add_pending_reports(root: Path, count: int, sentences: int) -> list[str]:
    """Pending reports of the fixture's unit, each with a long plain body (to slow compose), in
    paragraphs of ten sentences (within bulletin.limits: 200 KB a report, 1000 paragraphs)."""
    sentence = "云岭县统筹推进冬春农田水利建设，完成渠道清淤一百二十公里，新建提灌站三座。"
    paths = []
    for n in range(count):
        path = f"reports/2026/1201-yunling-shuili-{n}.md"
        body = "\n\n".join([sentence * 10] * max(1, sentences // 10))
        write(root, path, f"---\ntitle: 云岭县冬春水利建设进展{n}\nunit: yunling\ncategory: 工作动态\n---\n{body}\n")
        paths.append(path)
    return paths


# --- writes that never lose data ------------------------------------------------------------


def limit_file_size_to_zero() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_compose_under_a_file_size_limit_keeps_every_report(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    paths = [PENDING, *add_pending_reports(root, 2, 3)]
    before = snapshot(root)
    result = bulletin_process(root, "compose", *paths, "--date", "2026-12-01", preexec_fn=limit_file_size_to_zero)
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    assert "文件超过了系统允许的文件大小上限" in out and "所有文件保持原样" in out
    assert b"Traceback" not in result.stderr
    assert snapshot(root) == before  # byte-identical, and no temporary file left


def test_compose_killed_leaves_each_report_old_or_new(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    paths = add_pending_reports(root, 72, 1700)  # about 190 KB each (the limit is 200 KB), 13 MB: writes take a while
    old = {path: (root / path).read_bytes() for path in paths}
    started = time.monotonic()
    done = bulletin_process(root, "compose", *paths, "--date", "2026-12-01")
    whole_run = time.monotonic() - started
    assert done.returncode == 0, done.stdout.decode()
    new = {path: (root / path).read_bytes() for path in paths}
    assert all(new[p] != old[p] for p in paths)
    chance = random.Random(16)
    killed = 0
    for _ in range(10):
        for path, data in old.items():
            (root / path).write_bytes(data)
        process = subprocess.Popen([*BULLETIN, "--root", str(root), "compose", *paths, "--date", "2026-12-01"])
        time.sleep(chance.uniform(0.2, 1.0) * whole_run)
        process.send_signal(signal.SIGKILL)
        killed += process.wait() == -signal.SIGKILL
        for path in paths:
            data = (root / path).read_bytes()
            assert data in (old[path], new[path]), f"{path}: neither the old nor the new text ({len(data)} bytes)"
    assert killed  # at least one kill landed while compose was running


def test_new_with_a_title_not_in_utf8_writes_nothing(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    before = snapshot(root)
    result = bulletin_process(
        root, "new", "--unit", "yunling", "--title", "云岭县".encode() + b"\xff\xfe" + "报告".encode()
    )
    assert result.returncode == 1
    assert "标题里有不是 UTF-8 编码的字节" in result.stdout.decode("utf-8")
    assert b"Traceback" not in result.stderr
    assert snapshot(root) == before


def test_new_under_a_file_size_limit_leaves_no_empty_report(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    before = snapshot(root)
    result = bulletin_process(
        root, "new", "--unit", "yunling", "--title", "云岭县茶园管护", "--date", "2026-12-02",
        preexec_fn=limit_file_size_to_zero,
    )  # fmt: skip
    assert result.returncode == 1
    assert (
        "reports/2026/1202-yunling-chayuan-guanhu.md: file: 文件超过了系统允许的文件大小上限" in result.stdout.decode()
    )
    assert snapshot(root) == before


# --- text output with no line a CI runner would take as a command ----------------------------

HOSTILE_KEY = '"tags\\n::error file=reports/2026/0105-yunling-chalv.md::通过\\r\\u202e\\u0085x": 1'


def write_hostile_key(root: Path) -> str:
    path = "reports/2026/1121-hefeng-key.md"
    write(root, path, f"---\ntitle: 禾丰县工作动态\nunit: hefeng\ncategory: 工作动态\n{HOSTILE_KEY}\n---\n正文。\n")
    return path


def lines_a_runner_would_obey(output: str) -> list[str]:
    """Lines that start a workflow command (GitHub, Gitea) or that a terminal would reorder."""
    return [
        line
        for line in output.replace("\r", "\n").replace("\x85", "\n").replace("\u2028", "\n").split("\n")
        if line.lstrip().startswith("::") or "\u202e" in line
    ]


def test_problem_with_a_newline_in_a_key_prints_no_command_line(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    path = write_hostile_key(root)
    text = bulletin(root, "check").stdout
    assert f"{path}:5: tags\\n::error file=reports/2026/0105-yunling-chalv.md::通过\\r\\u202e\\u0085x: " in text
    assert lines_a_runner_would_obey(text) == []

    github = bulletin(root, "check", "--format", "github").stdout
    assert all(line.startswith("::error file=") for line in github.splitlines())
    assert "title=tags%0A%3A%3Aerror file=reports/2026/0105-yunling-chalv.md%3A%3A通过%0D\\u202e\\u0085x" in github
    assert [line for line in lines_a_runner_would_obey(github) if not line.startswith("::error file=")] == []

    raw = bulletin(root, "check", "--format", "json").stdout
    assert lines_a_runner_would_obey(raw) == [] and "\\u202e\\u0085" in raw
    fields = {p["field"] for p in json.loads(raw)["problems"]}
    assert "tags\n::error file=reports/2026/0105-yunling-chalv.md::通过\r\u202e\x85x" in fields  # the value, unchanged


@pytest.mark.build
def test_build_log_shows_a_hostile_key_on_one_line(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    path = write_hostile_key(root)
    result = run_build(root)
    assert result.returncode != 0
    assert f"{path}:5: tags\\n::error file=" in result.stderr
    assert lines_a_runner_would_obey(result.stderr + result.stdout) == []


# --- bulletin diff: fields as text ------------------------------------------------------------


HOSTILE_TEXT = "请阅<!--\\n![图](https://evil.example/t.png) @zhangsan 见 <img src=x onerror=alert(1)> www.evil.example"


def test_diff_shows_titles_and_instructions_as_text(tmp_path):
    root = make_repo(tmp_path / "repo")
    published = root / "reports/2026/0105-yingji-paicha.md"
    text = published.read_text(encoding="utf-8")
    instruction = f'  - {{by: "市长 @lisi", level: city, date: 2026-01-09, text: "{HOSTILE_TEXT}"}}\nadoptions:\n'
    published.write_text(text.replace("adoptions:\n", instruction, 1), encoding="utf-8")
    title = "禾丰县![图](https://evil.example/t.png) @zhangsan www.evil.example"  # one line, no < > (refused)
    write(
        root, "reports/2026/1121-hefeng-x.md", f'---\ntitle: "{title}"\nunit: hefeng\ncategory: 工作动态\n---\n正文。\n'
    )
    result = bulletin(root, "diff", "--base", "main")
    assert result.returncode == 0, result.stdout
    summary = result.stdout
    # the raw text: nothing GitHub or Gitea would run, hide, fetch, link or notify
    for marker in ("<!--", "<img", "![", "@zhangsan", "@lisi", "https://", "www.evil"):
        assert marker not in summary
    assert "### 新增待刊稿件" in summary and "### 新增批示" in summary
    # and as Markdown renders it: every section shown, the fields as readable text, no markup
    html = markdown.markdown(summary)
    assert "<img" not in html and "<!--" not in html and "<script" not in html
    assert [h for h in ("新增待刊稿件", "新增批示") if f"<h3>{h}</h3>" in html] == ["新增待刊稿件", "新增批示"]
    assert re.findall(r'href="([^"]*)"', html) == [
        "/reports/2026/0105-yingji-paicha/"
    ]  # only the diff's own link to the report
    assert "请阅&lt;!-- ![图](https：//evil.example/t.png) ＠zhangsan 见 &lt;img src=x onerror=alert(1)&gt;" in html
    assert "市长 ＠lisi（市级，2026年1月9日）" in html
    assert "禾丰县![图](https：//evil.example/t.png) ＠zhangsan www．evil.example（禾丰县委办公室）" in html


# --- content/ pages: checked, sanitised, in the diff -------------------------------------------


def test_content_page_with_a_script_or_an_outside_image_is_refused(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    write(
        root,
        "content/about.md",
        "---\ntitle: 关于\n---\n\n# 关于本站\n\n说明。\n\n<script>alert(1)</script>\n\n![图](https://evil.example/x.png)\n",
    )
    result = bulletin(root, "check")
    out = result.stdout
    assert result.returncode == 1
    assert "content/about.md:9: body: 正文里不能写 HTML 标签“<script>”" in out
    assert "content/about.md:11: body: 不能引用其他网站的图片（https://evil.example/x.png）" in out
    assert bulletin(root, "check", "content/about.md").returncode == 1  # a page can be checked alone


@pytest.mark.build
def test_content_page_with_a_script_stops_the_build(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    write(root, "content/about.md", "# 关于本站\n\n说明。<img src=x onerror=alert(1)>\n")
    result = run_build(root)
    assert result.returncode != 0
    assert "content/about.md:3: body: 正文里不能写 HTML 标签“<img>”" in result.stderr
    assert not (root / "site").exists()


def test_content_page_title_cannot_carry_markup(tmp_path):
    """The theme prints a page's title into <title> (unescaping a heading's): no markup in it."""
    root = copy_fixture(tmp_path / "archive")
    write(root, "content/about.md", "关于 &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n===\n\n说明。\n")
    write(root, "content/guide.md", '---\ntitle: "须知</title>"\n---\n\n# 报送须知\n')
    out = bulletin(root, "check").stdout
    assert "content/about.md:1: title: 页面的标题里不能有 < > & 或 \\，请删去" in out
    assert "content/guide.md:2: front matter: 页面的前置信息（标题等）里不能有 < > & 或 \\，请删去" in out


def test_content_page_html_is_sanitised_at_build(tmp_path):
    """The second line of defence, for what a check might miss: the adapter sanitises the HTML
    of every content page as it sanitises report pages (a real config, archive and page)."""
    import importlib.util

    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    root = copy_fixture(tmp_path / "archive")
    write(root, "content/about.md", "# 关于本站\n\n说明。\n")
    spec = importlib.util.spec_from_file_location("hooks_under_test", root / "hooks" / "mkdocs_hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = hooks  # its dataclasses look their module up
    spec.loader.exec_module(hooks)
    config = load_config(str(root / "mkdocs.yml"))
    hooks.on_pre_build(config)
    files = Files([])
    page = Page("关于", File("about.md", str(root / "content"), str(root / "site"), False), config)
    hostile = (
        '<p>说明。</p><script>alert(1)</script><img src="https://evil.example/x.png"><a href="javascript:x">链接</a>'
    )
    page.read_source(config)
    page.meta["title"] = "</title><script>alert(1)</script>"  # as if the check had let it through
    html = hooks.on_page_content(hostile, page, config, files)
    assert html == "<p>说明。</p><a>链接</a>"
    assert page.meta["title"] == "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"  # the theme prints it as it is
    if hooks._state and hooks._state.indexer:
        hooks._state.indexer.abandon()


def test_diff_lists_changed_content_pages(tmp_path):
    root = make_repo(tmp_path / "repo")
    about = root / "content" / "about.md"
    write(root, "content/about.md", "# 关于本站\n\n本站由示例市委办公室信息科维护。\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "about")
    git(root, "checkout", "-q", "-b", "change2")
    about.write_text("# 关于本站\n\n本站由示例市委办公室信息科维护，联系电话另行通知。\n", encoding="utf-8")
    write(root, "content/guide_@x.md", "# 报送须知\n\n请按时报送。\n")
    (root / "content" / "index.md").unlink()
    result = bulletin(root, "diff", "--base", "change")
    summary = result.stdout
    assert result.returncode == 0, summary
    assert "本次变更不改变已发布的网站" not in summary
    assert (
        "### 手写页面（content/）的改动\n\n"
        "- content/about\\.md：有改动\n- content/guide\\_＠x\\.md：新增\n- content/index\\.md：删除\n"
    ) in summary


# --- script-safe JSON in pages, CSV cells that cannot start a formula --------------------------


def rename_units(root: Path, names: dict[str, str]) -> None:
    units = root / "reports" / "units.yml"
    text = units.read_text(encoding="utf-8")
    for old, new in names.items():
        text = text.replace(f"name: {old}\n", f"name: {json.dumps(new, ensure_ascii=False)}\n")
    units.write_text(text, encoding="utf-8")


def test_script_json_cannot_be_broken_out_of():
    from bulletin.pages.templating import dump_script_json

    value = {"units": ["禾丰<!--<script>县", "</script><script>alert(1)</script>", "云岭\u2028县&'"]}
    text = str(dump_script_json(value))
    assert not set("<>&'\u2028\u2029") & set(text)
    assert "禾丰" in text and json.loads(text) == value


@pytest.mark.build
def test_unit_name_with_a_comment_opener_keeps_the_search_page_working(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    rename_units(root, {"禾丰县委办公室": "禾丰<!--<script>县", "市应急管理局": "</script><script>alert(1)</script>"})
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "search" / "index.html").read_text(encoding="utf-8")
    start = page.index('<script type="application/json" id="bl-search-options">')
    options = page[start : page.index("</script>", start)].split(">", 1)[1]
    assert "<" not in options and "&" not in options
    assert "禾丰<!--<script>县" in json.loads(options)["dictionary"]
    assert page.count("<script") == page.count("</script>")  # no element left open or closed early
    assert "alert(1)</script>" not in page


@pytest.mark.build
def test_unit_names_starting_a_formula_stay_text_in_csv(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    hostile = {
        "云岭县委办公室": '=HYPERLINK("http://evil.example","云岭")',
        "禾丰县委办公室": "+cmd|' /C calc'!A0",
        "市应急管理局": "-2+3",
        "云岭县青石镇": "@SUM(1+1)",
    }
    rename_units(root, hostile)
    cli = bulletin(root, "stats", "--format", "csv", "--month", "2026-01")
    assert cli.returncode == 0, cli.stdout
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    site_csv = (root / "site" / "stats" / "2026" / "01" / "ranking.csv").read_text(encoding="utf-8-sig")
    for text in (cli.stdout, site_csv):
        rows = list(csv.DictReader(io.StringIO(text)))
        assert sorted(row["name"] for row in rows) == sorted("'" + name for name in hostile.values())
        assert all(not row["adopted_month"].startswith("'") for row in rows)


def test_a_negative_number_stays_a_number_in_csv():
    from bulletin.pages.ranking import COLUMNS, render_csv

    columns = tuple(c for c in COLUMNS if c.key in ("name", "points"))
    text = render_csv(columns, [("-1.5", "-1.5"), ("=1", "-2"), ("-", "+3")])
    assert text.split("\r\n")[1:4] == ["-1.5,-1.5", "'=1,-2", "'-,+3"]
