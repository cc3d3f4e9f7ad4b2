"""Untrusted text in every output format: no line of `bulletin check` or of the build log that a
CI runner would take as a command, `bulletin diff`'s fields as text, JSON in pages that a script
cannot break out of, CSV cells that cannot start a formula.

Each test is one failure the red team found (issue 16), named after what it protects; diffs run
on real Git repositories in tmp_path.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import markdown
import pytest
from helpers import (
    Ran,
    copy_fixture,
    make_repo,
    run_build,
    run_bulletin,
    write,
)


def bulletin(root: Path, *args: str) -> Ran:
    return run_bulletin("--root", str(root), *args)


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
