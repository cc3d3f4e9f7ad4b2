"""Every malformed report gets a `path:line: field: message` problem, and nothing loads."""

from __future__ import annotations

import pytest
from helpers import find_problem, problems_of, write

BAD = "reports/2026/0201-yunling-bad.md"


def report(front: str, body: str = "云岭县开展冬季茶园管护。") -> str:
    return f"---\n{front.strip()}\n---\n{body}\n"


GOOD_FRONT = """
title: 云岭县开展冬季茶园管护
unit: yunling
issue: 3
date: 2026-02-01
category: 工作动态
"""

CASES = {
    "no front matter": ("今年以来，云岭县……\n", 1, "front matter", "missing"),
    "front matter not closed": ("---\ntitle: 标题\nunit: yunling\n", 1, "front matter", "not closed"),
    "yaml syntax error at the file's line": (
        report("title: 云岭县茶园\nunit: yunling\ncategory: [工作动态\nissue: 3"),
        5,
        "yaml",
        "YAML syntax error",
    ),
    "bad indentation": (
        report("title: 云岭县茶园\n  unit: yunling\ncategory: 工作动态"),
        3,
        "yaml",
        "YAML syntax error",
    ),
    "tab": (report("title: 云岭县茶园\nunit:\tyunling\ncategory: 工作动态"), 3, "yaml", "tab character"),
    "duplicate key": (report(GOOD_FRONT + "title: 另一个标题"), 7, "title", "duplicate key (first given at line 2)"),
    "unknown key with suggestion": (report(GOOD_FRONT + "catgory: 工作动态"), 7, "catgory", "did you mean `category`?"),
    "missing required key": (report("title: 云岭县茶园\nunit: yunling"), 2, "category", "missing (required)"),
    "unknown unit": (report(GOOD_FRONT.replace("unit: yunling", "unit: yunlin")), 3, "unit", "没有“yunlin”这个单位"),
    "unknown unit in a joint report": (
        report(GOOD_FRONT.replace("unit: yunling", "unit: [yunling, nowhere]")),
        3,
        "unit",
        "没有“nowhere”这个单位",
    ),
    "unit name instead of its key": (
        report(GOOD_FRONT.replace("unit: yunling", "unit: 云岭县委办公室")),
        3,
        "unit",
        "云岭县委办公室 —— 请写单位代码 yunling（云岭县委办公室）",
    ),
    "unit name that is ambiguous": (
        report(GOOD_FRONT.replace("unit: yunling", "unit: 云岭县")),
        3,
        "unit",
        "“云岭县”可以指几个单位：qingshi-town（云岭县青石镇）、yunling（云岭县委办公室）",
    ),
    "unknown series": (report(GOOD_FRONT + "series: sqmy"), 7, "series", "unknown series 'sqmy'"),
    "unknown category": (
        report(GOOD_FRONT.replace("工作动态", "工作简报")),
        6,
        "category",
        "unknown category '工作简报'",
    ),
    "issue without date": (report(GOOD_FRONT.replace("date: 2026-02-01\n", "")), 4, "issue", "needs the issue `date`"),
    "date without issue": (report(GOOD_FRONT.replace("issue: 3\n", "")), 4, "date", "without `issue`"),
    "not a calendar day": (
        report(GOOD_FRONT.replace("2026-02-01", "2026-02-30")),
        5,
        "date",
        "2026-02-30 is not a day of the calendar",
    ),
    "issue date years away from the folder": (
        report(GOOD_FRONT.replace("2026-02-01", "2028-02-01")),
        5,
        "date",
        "published in the year it was filed or the next",
    ),
    "date in another format": (
        report(GOOD_FRONT.replace("2026-02-01", "2026/2/1")),
        5,
        "date",
        "is not written YYYY-MM-DD",
    ),
    "NO read as a boolean": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title: NO")),
        2,
        "title",
        "reads NO as a true/false value",
    ),
    "1.10 read as a number": (report(GOOD_FRONT + "tags: [1.10, 茶园]"), 7, "tags[1]", "reads 1.10 as a number"),
    "0123 read as octal": (report(GOOD_FRONT.replace("issue: 3", "issue: 0123")), 4, "issue", "leading zero"),
    "12:30 read as sexagesimal": (report(GOOD_FRONT + "authors: [12:30]"), 7, "authors[1]", "reads 12:30 as a number"),
    "quoted issue number": (report(GOOD_FRONT.replace("issue: 3", 'issue: "3"')), 4, "issue", "without quotes"),
    "empty title": (report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title:")), 2, "title", "is empty"),
    "secret classification": (
        report(GOOD_FRONT + "classification: 秘密"),
        7,
        "classification",
        "must never be put on this network",
    ),
    "top secret classification": (
        report(GOOD_FRONT + "classification: 绝密"),
        7,
        "classification",
        "绝密 material is refused",
    ),
    "unknown classification": (
        report(GOOD_FRONT + "classification: 保密"),
        7,
        "classification",
        "not one of: 公开, 内部",
    ),
    "instruction level": (
        report(
            GOOD_FRONT + "instructions:\n  - by: 市委书记\n    level: mayor\n    date: 2026-02-03\n    text: 很好。"
        ),
        9,
        "instructions[1].level",
        "not one of: county, city, province, central",
    ),
    "instruction missing text": (
        report(GOOD_FRONT + "instructions:\n  - by: 市委书记\n    level: city\n    date: 2026-02-03"),
        8,
        "instructions[1].text",
        "missing",
    ),
    "instruction before the issue": (
        report(GOOD_FRONT + "instructions:\n  - by: 市委书记\n    level: city\n    date: 2026-01-03\n    text: 很好。"),
        7,
        "instructions",
        "before the issue date",
    ),
    "adoption level": (
        report(GOOD_FRONT + "adoptions:\n  - {by: 省委办公厅, level: city, date: 2026-02-05}"),
        8,
        "adoptions[1].level",
        "not one of: province, central",
    ),
    "raw HTML": (report(GOOD_FRONT, "第一段。\n\n<script>alert(1)</script>"), 10, "body", "raw HTML"),
    "inline HTML with a handler": (report(GOOD_FRONT, '正文<img src=x onerror="alert(1)">正文'), 8, "body", "raw HTML"),
    "HTML comment": (report(GOOD_FRONT, "正文<!-- 备注 -->"), 8, "body", "raw HTML"),
    "javascript link": (report(GOOD_FRONT, "正文\n[点此查看](javascript:alert(1))"), 9, "body", "script links"),
    "javascript link hidden by case and entities": (
        report(GOOD_FRONT, "[点此](JaVa&#115;cript&#58;alert(1))"),
        8,
        "body",
        "script links",
    ),
    "javascript in a link definition": (
        report(GOOD_FRONT, "见[附件][1]。\n\n[1]: javascript:alert(1)"),
        10,
        "body",
        "script links",
    ),
    "other link scheme": (report(GOOD_FRONT, "[文件](file:///etc/passwd)"), 8, "body", "only http, https and mailto"),
    "attribute injection": (
        report(GOOD_FRONT, '一是加强领导。\n{: onclick="alert(1)" }'),
        9,
        "body",
        "attribute lists",
    ),
    "attribute injection without colon": (
        report(GOOD_FRONT, "二是压实责任。{ #top .danger }"),
        8,
        "body",
        "attribute lists",
    ),
    "image from another host": (
        report(GOOD_FRONT, "![图](https://cdn.example.com/a.png)"),
        8,
        "body",
        "images from another host",
    ),
    "unclosed fence does not hide HTML": (report(GOOD_FRONT, "```\n<script>alert(1)</script>"), 9, "body", "raw HTML"),
    "info-string fence that Markdown does not take": (
        report(GOOD_FRONT, "```text 说明\n<img src=x onerror=alert(1)>\n```"),
        9,
        "body",
        "raw HTML",
    ),
    "escaped backtick does not make a code span": (
        report(GOOD_FRONT, "正文 \\`<img src=x onerror=alert(1)>`"),
        8,
        "body",
        "raw HTML",
    ),
    "attribute list starting with a digit": (
        report(GOOD_FRONT, "*x*{ 1 onclick=alert(1) #__search }"),
        8,
        "body",
        "attribute lists",
    ),
    "reference-style image from another host": (
        report(GOOD_FRONT, "正文![图][p]\n\n[p]: https://evil.example/a.png"),
        10,
        "body",
        "images",
    ),
    "angle brackets in a title": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", 'title: "月度简报</title><script>"')),
        2,
        "title",
        "angle brackets",
    ),
    "lone surrogate in a title": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", 'title: "标题\\ud800"')),
        2,
        "yaml",
        "invalid Unicode",
    ),
    "control character in a title": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", 'title: "标题\\x07"')),
        2,
        "title",
        "U+0007",
    ),
    "title on two lines": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title: |\n  第一行\n  第二行")),
        2,
        "title",
        "line break",
    ),
    "y read as a boolean by YAML 1.1": (
        report(GOOD_FRONT + "tags: [y, 茶园]"),
        7,
        "tags[1]",
        "reads y as a true/false value",
    ),
    "tagged number": (report(GOOD_FRONT.replace("issue: 3", "issue: !!float 3")), 4, "yaml", "YAML 标签 !!float"),
    "full-width digits in a date": (
        report(GOOD_FRONT.replace("2026-02-01", "２０２６-０２-０１")),
        5,
        "date",
        "not written YYYY-MM-DD",
    ),
    "special YAML value": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title: =")),
        2,
        "title",
        "special YAML value",
    ),
    "anchor and alias": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title: &t 云岭县开展冬季茶园管护") + "tags: [*t]"),
        2,
        "yaml",
        "anchors and aliases",
    ),
    "line separator inside the front matter": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", 'title: "标题\u2028续"')),
        2,
        "yaml",
        "U+2028",
    ),
    "deep nesting": (report(GOOD_FRONT + "tags: " + "[" * 100 + "]" * 100), 7, "yaml", "nested more than"),
    "unknown emergency on a normal series": (
        report(
            GOOD_FRONT + "emergency:\n  event: 山体滑坡\n  grade: 一般\n  stage: 初报\n"
            "  occurred: 2026-02-01 08:30\n  reported: 2026-02-01 09:10"
        ),
        7,
        "emergency",
        "only reports of an emergency series",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_report_is_refused_with_its_place(archive_root, name):
    text, line, field, fragment = CASES[name]
    write(archive_root, BAD, text)
    find_problem(problems_of(archive_root), BAD, line, field, fragment)


def test_good_variant_of_the_cases_loads(archive_root):
    """The base the bad cases are made from is itself valid: each case fails for its own reason."""
    write(archive_root, BAD, report(GOOD_FRONT))
    assert problems_of(archive_root) == ()


def test_html_inside_code_is_allowed(archive_root):
    body = "示例：`<b>`标签会被原样显示。\n\n```\n<script>x</script>\n```"
    write(archive_root, BAD, report(GOOD_FRONT, body))
    assert problems_of(archive_root) == ()


def test_http_links_and_autolinks_are_allowed(archive_root):
    body = "详见[省政府网站](https://www.example.gov/x)和<https://www.example.gov/y>。"
    write(archive_root, BAD, report(GOOD_FRONT, body))
    assert problems_of(archive_root) == ()


def test_every_problem_of_every_file_in_one_run(archive_root):
    write(archive_root, BAD, report(GOOD_FRONT.replace("2026-02-01", "2026-02-30") + "colour: red"))
    write(archive_root, "reports/2026/0202-hefeng-bad.md", "没有前置信息\n")
    write(archive_root, "reports/2026/0203-hefeng-bad.md", report(GOOD_FRONT.replace("yunling", "nowhere")))
    problems = problems_of(archive_root)
    find_problem(problems, BAD, 5, "date", "not a day of the calendar")
    find_problem(problems, BAD, 7, "colour", "unknown key")
    find_problem(problems, "reports/2026/0203-hefeng-bad.md", 3, "unit", "没有“nowhere”这个单位")
    find_problem(problems, "reports/2026/0202-hefeng-bad.md", 1, "front matter", "missing")
    assert len(problems) == 4


def test_problem_prints_as_path_line_field_message(archive_root):
    write(archive_root, BAD, report(GOOD_FRONT.replace("2026-02-01", "2026-02-30")))
    (problem,) = problems_of(archive_root)
    assert str(problem) == f"{BAD}:5: date: 2026-02-30 is not a day of the calendar"


def test_duplicate_id_across_years(archive_root):
    original = archive_root / "reports/2026/0105-yunling-chalv.md"
    write(archive_root, "reports/2025/0105-yunling-chalv.md", original.read_text(encoding="utf-8"))
    find_problem(
        problems_of(archive_root),
        "reports/2026/0105-yunling-chalv.md",
        1,
        "file",
        "duplicate report id '0105-yunling-chalv': reports/2025/0105-yunling-chalv.md",
    )


def test_file_names_must_be_ascii_ids_in_year_folders(archive_root):
    write(archive_root, "reports/2026/云岭茶园.md", report(GOOD_FRONT))
    write(archive_root, "reports/loose.md", report(GOOD_FRONT))
    write(archive_root, "reports/2026/notes.txt", "备忘")
    problems = problems_of(archive_root)
    find_problem(problems, "reports/2026/云岭茶园.md", 1, "file", "permanent id")
    find_problem(problems, "reports/loose.md", 1, "file", "reports/<year>/<id>.md")
    find_problem(problems, "reports/2026/notes.txt", 1, "file", "only reports")


def test_not_utf8_is_refused(archive_root):
    (archive_root / BAD).write_bytes(report(GOOD_FRONT).encode("gb18030"))
    find_problem(problems_of(archive_root), BAD, 1, "file", "不是 UTF-8 编码")


def test_crlf_and_bom_are_read(archive_root):
    text = "\ufeff" + report(GOOD_FRONT).replace("\n", "\r\n")
    (archive_root / BAD).write_bytes(text.encode("utf-8"))
    assert problems_of(archive_root) == ()


EMERGENCY_FRONT = """
title: 云岭县青石镇发生山体滑坡
unit: qingshi-town
series: jjxx
issue: 1
date: 2026-02-01
category: 工作动态
"""
EMERGENCY = """emergency:
  event: 青石镇山体滑坡
  grade: 一般
  stage: 初报
  occurred: 2026-02-01 08:30
  reported: 2026-02-01 09:10"""


def test_emergency_report_is_read(archive_root):
    from bulletin.archive import load_archive

    write(archive_root, BAD, report(EMERGENCY_FRONT + EMERGENCY))
    (issue,) = load_archive(archive_root).issues_of("jjxx")
    emergency = issue.reports[0].emergency
    assert (emergency.grade, emergency.stage, str(emergency.reported)) == ("一般", "初报", "2026-02-01 09:10:00")


@pytest.mark.parametrize(
    "change, line, field, fragment",
    [
        (lambda t: t.replace(EMERGENCY, ""), 4, "series", "needs `emergency`"),
        (lambda t: t.replace("08:30", "25:30"), 12, "emergency.occurred", "not a real date and time"),
        (
            lambda t: t.replace("2026-02-01 09:10", "2026-02-01"),
            13,
            "emergency.reported",
            "not written YYYY-MM-DD HH:MM",
        ),
        (lambda t: t.replace("一般", "很大"), 10, "emergency.grade", "not one of: 特别重大, 重大, 较大, 一般"),
        (lambda t: t.replace("09:10", "07:10"), 8, "emergency", "`reported` is earlier than `occurred`"),
    ],
)
def test_bad_emergency_details(archive_root, change, line, field, fragment):
    write(archive_root, BAD, change(report(EMERGENCY_FRONT + EMERGENCY)))
    find_problem(problems_of(archive_root), BAD, line, field, fragment)
