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
    "no front matter": ("今年以来，云岭县……\n", 1, "front matter", "文件开头缺少 ---"),
    "front matter not closed": ("---\ntitle: 标题\nunit: yunling\n", 1, "front matter", "开头的 --- 没有对应的结束行"),
    "yaml syntax error at the file's line": (
        report("title: 云岭县茶园\nunit: yunling\ncategory: [工作动态\nissue: 3"),
        4,
        "category",
        "方括号没有配对",
    ),
    "bad indentation": (
        report("title: 云岭县茶园\n  unit: yunling\ncategory: 工作动态"),
        3,
        "unit",
        "缩进不对",
    ),
    "tab": (report("title: 云岭县茶园\nunit:\tyunling\ncategory: 工作动态"), 3, "unit", "这一行有制表符（Tab 键）"),
    "duplicate key": (report(GOOD_FRONT + "title: 另一个标题"), 7, "title", "title 写了两次（第 2 行已经有了）"),
    "unknown key with suggestion": (
        report(GOOD_FRONT + "catgory: 工作动态"),
        7,
        "catgory",
        "没有 catgory 这一项：是不是 category？",
    ),
    "missing required key": (
        report("title: 云岭县茶园\nunit: yunling"),
        2,
        "category",
        "缺少这一项（必填）：请加一行 category: …",
    ),
    "unknown unit": (
        report(GOOD_FRONT.replace("unit: yunling", "unit: yunlin")),
        3,
        "unit",
        "没有“yunlin”这个单位",
    ),
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
    "unknown series": (report(GOOD_FRONT + "series: sqmy"), 7, "series", "没有刊物 sqmy。可以写：jrxx（今日信息）"),
    "unknown category": (
        report(GOOD_FRONT.replace("工作动态", "工作简报")),
        6,
        "category",
        "没有“工作简报”这个栏目",
    ),
    "issue without date": (
        report(GOOD_FRONT.replace("date: 2026-02-01\n", "")),
        4,
        "issue",
        "写了期号 issue，还要写这一期的日期",
    ),
    "date without issue": (report(GOOD_FRONT.replace("issue: 3\n", "")), 4, "date", "写了日期 date 却没有期号 issue"),
    "not a calendar day": (
        report(GOOD_FRONT.replace("2026-02-01", "2026-02-30")),
        5,
        "date",
        "2026-02-30 不是日历上有的日子",
    ),
    "issue date years away from the folder": (
        report(GOOD_FRONT.replace("2026-02-01", "2028-02-01")),
        5,
        "date",
        "只能在当年或下一年刊发",
    ),
    "date in another format": (
        report(GOOD_FRONT.replace("2026-02-01", "2026/2/1")),
        5,
        "date",
        "“2026/2/1”的写法不对：应当写成 年-月-日",
    ),
    "NO read as a boolean": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title: NO")),
        2,
        "title",
        'NO 会被读成真假值（是/否），而不是文字；请加引号写成 "NO"',
    ),
    "1.10 read as a number": (report(GOOD_FRONT + "tags: [1.10, 茶园]"), 7, "tags[1]", "1.10 会被读成数字"),
    "0123 read as octal": (
        report(GOOD_FRONT.replace("issue: 3", "issue: 0123")),
        4,
        "issue",
        "0123 以 0 开头，会被读成八进制数（另一个数）；请写成 123",
    ),
    "12:30 read as sexagesimal": (report(GOOD_FRONT + "authors: [12:30]"), 7, "authors[1]", "12:30 会被读成时间"),
    "quoted issue number": (report(GOOD_FRONT.replace("issue: 3", 'issue: "3"')), 4, "issue", "应当是不加引号的整数"),
    "empty title": (report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title:")), 2, "title", "是空的"),
    "secret classification": (
        report(GOOD_FRONT + "classification: 秘密"),
        7,
        "classification",
        "涉密信息绝不能上这个网络",
    ),
    "top secret classification": (
        report(GOOD_FRONT + "classification: 绝密"),
        7,
        "classification",
        "绝密文件不能放进这个仓库",
    ),
    "unknown classification": (
        report(GOOD_FRONT + "classification: 保密"),
        7,
        "classification",
        "“保密”不是可以选的值；可以选：公开、内部",
    ),
    "instruction level": (
        report(
            GOOD_FRONT + "instructions:\n  - by: 市委书记\n    level: mayor\n    date: 2026-02-03\n    text: 很好。"
        ),
        9,
        "instructions[1].level",
        "“mayor”不是可以选的值",
    ),
    "instruction missing text": (
        report(GOOD_FRONT + "instructions:\n  - by: 市委书记\n    level: city\n    date: 2026-02-03"),
        8,
        "instructions[1].text",
        "缺少这一项（必填）：请加一行 text: …",
    ),
    "instruction before the issue": (
        report(GOOD_FRONT + "instructions:\n  - by: 市委书记\n    level: city\n    date: 2026-01-03\n    text: 很好。"),
        7,
        "instructions",
        "早于这一期的日期 2026-02-01",
    ),
    "adoption level": (
        report(GOOD_FRONT + "adoptions:\n  - {by: 省委办公厅, level: city, date: 2026-02-05}"),
        8,
        "adoptions[1].level",
        "“city”不是可以选的值",
    ),
    "正文里不能写 HTML 标签“<script>”": (
        report(GOOD_FRONT, "第一段。\n\n<script>alert(1)</script>"),
        10,
        "body",
        "正文里不能写 HTML 标签“<script>”",
    ),
    "inline HTML with a handler": (
        report(GOOD_FRONT, '正文<img src=x onerror="alert(1)">正文'),
        8,
        "body",
        "正文里不能写 HTML 标签“<img>”",
    ),
    "HTML comment": (report(GOOD_FRONT, "正文<!-- 备注 -->"), 8, "body", "正文里不能写 HTML 注释"),
    "javascript link": (report(GOOD_FRONT, "正文\n[点此查看](javascript:alert(1))"), 9, "body", "正文里不能有脚本链接"),
    "javascript link hidden by case and entities": (
        report(GOOD_FRONT, "[点此](JaVa&#115;cript&#58;alert(1))"),
        8,
        "body",
        "正文里不能有脚本链接",
    ),
    "javascript in a link definition": (
        report(GOOD_FRONT, "见[附件][1]。\n\n[1]: javascript:alert(1)"),
        10,
        "body",
        "正文里不能有脚本链接",
    ),
    "other link scheme": (
        report(GOOD_FRONT, "[文件](file:///etc/passwd)"),
        8,
        "body",
        "链接“file:///etc/passwd”不能用",
    ),
    "attribute injection": (
        report(GOOD_FRONT, '一是加强领导。\n{: onclick="alert(1)" }'),
        9,
        "body",
        "正文里不能写 {: …}",
    ),
    "attribute injection without colon": (
        report(GOOD_FRONT, "二是压实责任。{ #top .danger }"),
        8,
        "body",
        "正文里不能写 {: …}",
    ),
    "image from another host": (
        report(GOOD_FRONT, "![图](https://cdn.example.com/a.png)"),
        8,
        "body",
        "不能引用其他网站的图片（https://cdn.example.com/a.png）",
    ),
    "unclosed fence does not hide HTML": (
        report(GOOD_FRONT, "```\n<script>alert(1)</script>"),
        9,
        "body",
        "正文里不能写 HTML 标签“<script>”",
    ),
    "info-string fence that Markdown does not take": (
        report(GOOD_FRONT, "```text 说明\n<img src=x onerror=alert(1)>\n```"),
        9,
        "body",
        "正文里不能写 HTML 标签“<img>”",
    ),
    "escaped backtick does not make a code span": (
        report(GOOD_FRONT, "正文 \\`<img src=x onerror=alert(1)>`"),
        8,
        "body",
        "正文里不能写 HTML 标签“<img>”",
    ),
    "attribute list starting with a digit": (
        report(GOOD_FRONT, "*x*{ 1 onclick=alert(1) #__search }"),
        8,
        "body",
        "正文里不能写 {: …}",
    ),
    "reference-style image from another host": (
        report(GOOD_FRONT, "正文![图][p]\n\n[p]: https://evil.example/a.png"),
        10,
        "body",
        "不能引用其他网站的图片（https://evil.example/a.png）",
    ),
    "angle brackets in a title": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", 'title: "月度简报</title><script>"')),
        2,
        "title",
        "标题里不能有尖括号 < >",
    ),
    "lone surrogate in a title": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", 'title: "标题\\ud800"')),
        2,
        "title",
        "双引号里的反斜杠",
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
        "不能换行",
    ),
    "y read as a boolean by YAML 1.1": (
        report(GOOD_FRONT + "tags: [y, 茶园]"),
        7,
        "tags[1]",
        "y 会被读成真假值",
    ),
    "tagged number": (report(GOOD_FRONT.replace("issue: 3", "issue: !!float 3")), 4, "issue", "YAML 标签 !!float"),
    "full-width digits in a date": (
        report(GOOD_FRONT.replace("2026-02-01", "２０２６-０２-０１")),
        5,
        "date",
        "的写法不对：应当写成 年-月-日",
    ),
    "= 是有特殊含义的写法": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title: =")),
        2,
        "title",
        "= 是有特殊含义的写法",
    ),
    "anchor and alias": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", "title: &t 云岭县开展冬季茶园管护") + "tags: [*t]"),
        2,
        "title",
        "不能用 & 和 * 引用别处的值",
    ),
    "line separator inside the front matter": (
        report(GOOD_FRONT.replace("title: 云岭县开展冬季茶园管护", 'title: "标题\u2028续"')),
        2,
        "title",
        "U+2028",
    ),
    "deep nesting": (report(GOOD_FRONT + "tags: " + "[" * 100 + "]" * 100), 7, "tags", "嵌套超过 40 层"),
    "unknown emergency on a normal series": (
        report(GOOD_FRONT + "emergency:\n  event: 0201-qingshi-huapo\n  stage: 初报\n  reported: 2026-02-01 09:10"),
        7,
        "emergency",
        "只有紧急信息类刊物的报告才写 emergency",
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
    find_problem(problems, BAD, 5, "date", "2026-02-30 不是日历上有的日子")
    find_problem(problems, BAD, 7, "colour", "没有 colour 这一项")
    find_problem(problems, "reports/2026/0203-hefeng-bad.md", 3, "unit", "没有“nowhere”这个单位")
    find_problem(problems, "reports/2026/0202-hefeng-bad.md", 1, "front matter", "文件开头缺少 ---")
    assert len(problems) == 4


def test_problem_prints_as_path_line_field_message(archive_root):
    write(archive_root, BAD, report(GOOD_FRONT.replace("2026-02-01", "2026-02-30")))
    (problem,) = problems_of(archive_root)
    assert str(problem) == f"{BAD}:5: date: 2026-02-30 不是日历上有的日子：请核对"


def test_duplicate_id_across_years(archive_root):
    original = archive_root / "reports/2026/0105-yunling-chalv.md"
    write(archive_root, "reports/2025/0105-yunling-chalv.md", original.read_text(encoding="utf-8"))
    find_problem(
        problems_of(archive_root),
        "reports/2026/0105-yunling-chalv.md",
        1,
        "file",
        "报告编号 0105-yunling-chalv 重复了：reports/2025/0105-yunling-chalv.md 的文件名与它相同",
    )


def test_file_names_must_be_ascii_ids_in_year_folders(archive_root):
    write(archive_root, "reports/2026/云岭茶园.md", report(GOOD_FRONT))
    write(archive_root, "reports/loose.md", report(GOOD_FRONT))
    write(archive_root, "reports/2026/notes.txt", "备忘")
    problems = problems_of(archive_root)
    find_problem(problems, "reports/2026/云岭茶园.md", 1, "file", "文件名是报告的永久编号，只能用小写英文字母")
    find_problem(problems, "reports/loose.md", 1, "file", "报告要放在 reports/<年份>/<编号>.md")
    find_problem(problems, "reports/2026/notes.txt", 1, "file", "reports/<年份>/ 里只能放报告")


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
  event: 0201-qingshi-huapo
  stage: 初报
  reported: 2026-02-01 09:10"""
EVENT_FILE = "reports/events/2026/0201-qingshi-huapo.yml"
EVENT = """name: 云岭县青石镇山体滑坡
type: 自然灾害
grade: 一般
place: 云岭县青石镇
unit: yunling
occurred: 2026-02-01 08:30
office_learned: 2026-02-01 09:30
"""


def test_emergency_report_is_read(archive_root):
    from bulletin.archive import load_archive

    write(archive_root, EVENT_FILE, EVENT)
    write(archive_root, BAD, report(EMERGENCY_FRONT + EMERGENCY))
    archive = load_archive(archive_root)
    (issue,) = archive.issues_of("jjxx")
    emergency = issue.reports[0].emergency
    assert (emergency.event, emergency.stage, str(emergency.reported)) == (
        "0201-qingshi-huapo",
        "初报",
        "2026-02-01 09:10:00",
    )
    (event,) = archive.events
    assert (event.name, event.grade, event.unit, str(event.occurred)) == (
        "云岭县青石镇山体滑坡",
        "一般",
        "yunling",
        "2026-02-01 08:30:00",
    )


@pytest.mark.parametrize(
    "change, line, field, fragment",
    [
        (lambda t: t.replace(EMERGENCY, ""), 4, "series", "《紧急信息》的报告要写 emergency"),
        (lambda t: t.replace("初报", "续报2x"), 10, "emergency.stage", "报告阶段写 初报、续报一、续报二……或 终报"),
        (
            lambda t: t.replace("2026-02-01 09:10", "2026-02-01"),
            11,
            "emergency.reported",
            "“2026-02-01”的写法不对：应当写成 年-月-日 时:分",
        ),
        (
            lambda t: t.replace("0201-qingshi-huapo", "0201-qingshi-huapu"),
            9,
            "emergency.event",
            "没有登记事件 0201-qingshi-huapu，是不是“0201-qingshi-huapo”",
        ),
        (
            lambda t: t.replace("09:10", "07:10"),
            11,
            "emergency.reported",
            "报告时间 2026-02-01 07:10 早于事件发生时间 2026-02-01 08:30",
        ),
    ],
)
def test_bad_emergency_details(archive_root, change, line, field, fragment):
    write(archive_root, EVENT_FILE, EVENT)
    write(archive_root, BAD, change(report(EMERGENCY_FRONT + EMERGENCY)))
    find_problem(problems_of(archive_root), BAD, line, field, fragment)


@pytest.mark.parametrize(
    "change, line, field, fragment",
    [
        (lambda t: t.replace("08:30", "25:30"), 6, "occurred", "2026-02-01 25:30 不是真实的日期和时间"),
        (
            lambda t: t.replace("grade: 一般", "grade: 很大"),
            3,
            "grade",
            "“很大”不是可以选的值；可以选：特别重大、重大、较大、一般",
        ),
        (lambda t: t.replace("自然灾害", "天灾"), 2, "type", "可以选：自然灾害、事故灾难、公共卫生事件、社会安全事件"),
        (lambda t: t.replace("unit: yunling", "unit: yunlin"), 5, "unit", "yunling"),
        (
            lambda t: t.replace("09:30", "08:00"),
            7,
            "office_learned",
            "市委办获知时间 2026-02-01 08:00 早于事件发生时间",
        ),
        (lambda t: t + "ended: 2026-02-01 07:00\n", 8, "ended", "处置结束时间 2026-02-01 07:00 早于事件发生时间"),
        (lambda t: t.replace("2026-02-01 08:30", "2025-02-01 08:30"), 6, "occurred", "应当放在 reports/events/2025/"),
        (lambda t: t + "phone: 2026-02-01 09:00\n", 8, "phone", "没有 phone 这一项"),
        (
            lambda t: t + "changes:\n  - {time: 2026-02-01 10:00, grade: 一般}\n",
            8,
            "changes[1].grade",
            "调整后的等级“一般”与调整前相同",
        ),
    ],
)
def test_bad_event_file(archive_root, change, line, field, fragment):
    write(archive_root, EVENT_FILE, change(EVENT))
    write(archive_root, BAD, report(EMERGENCY_FRONT + EMERGENCY))
    find_problem(problems_of(archive_root), EVENT_FILE, line, field, fragment)


def test_a_report_with_a_table_passes_and_its_header_cells_head_their_columns(archive_root):
    """A Markdown table (Word imports make them too): its header cells get scope="col" for screen
    readers when rendered, which the body check knows is the renderer's, not the author's."""
    from bulletin.archive import load_archive
    from bulletin.markup.reportbody import render_body_html

    table = "\n| 乡镇 | 茶园面积（亩） |\n| --- | ---: |\n| 青石镇 | 8200 |\n| 白沙乡 | 5100 |\n"
    write(archive_root, BAD, report(GOOD_FRONT) + table)
    archive = load_archive(archive_root)
    (found,) = [r for r in archive.reports if r.path == BAD]
    assert '<th scope="col">乡镇</th>' in render_body_html(found)
