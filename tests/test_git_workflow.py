"""Editors' Git workflow on real repositories made in tmp_path: check --base, compose, new, diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import (
    commit_all,
    edit,
    git,
    run_bulletin,
    write,
)

from bulletin.model import Unit
from bulletin.placeholders import BODY_PLACEHOLDER

ISSUE2 = "reports/2026/0120-hefeng-qingshi-tuoguan.md"
ISSUE1 = "reports/2026/0105-yingji-paicha.md"
PENDING = "reports/2026/1120-yingji-pending.md"


def bulletin(root: Path, *args: str):
    return run_bulletin("--root", str(root), *args)


def correct_published_text(root: Path) -> None:
    """Edit issue 1's text and add the `corrections` entry that says so."""
    edit(root, ISSUE1, "整改隐患3418处", "整改隐患3481处")
    edit(
        root,
        ISSUE1,
        "---\n市应急管理局组织",
        "corrections:\n  - date: 2026-01-09\n    note: 整改隐患数应为3481处。\n---\n市应急管理局组织",
    )


def check_base(root: Path) -> tuple[int, list[str]]:
    result = bulletin(root, "check", "--base", "main")
    return result.returncode, result.stdout.splitlines()


# --- refused ----------------------------------------------------------------------


def test_renumbering_a_published_issue_is_refused(repo):
    edit(repo, ISSUE2, "issue: 2", "issue: 3")
    write(
        repo,
        "reports/2026/0120-yunling-filler.md",
        "---\ntitle: 云岭县填补第2期\nunit: yunling\nissue: 2\ndate: 2026-01-20\ncategory: 工作动态\n---\n正文。\n",
    )
    code, lines = check_base(repo)
    assert code == 1
    assert any(
        line.startswith(
            f"{ISSUE2}:4: issue: 已在 main 上发布于今日信息 2026年第2期 (2026-01-20)，现在是今日信息 2026年第3期"
        )
        for line in lines
    ), lines
    assert any(
        line.startswith(
            "reports/2026/0120-yunling-filler.md:4: issue: 本分支把这篇报告排在《今日信息》2026年第2期（2026-01-20），"
            "但 main 上已经发布了《今日信息》2026年第2期（2026-01-20，"
        )
        for line in lines
    ), lines


def test_removing_a_published_report_is_refused(repo):
    (repo / ISSUE1).unlink()
    code, lines = check_base(repo)
    assert code == 1
    assert lines[0].startswith(f"{ISSUE1}:1: file: 这篇报告已在 main 上发布于今日信息 2026年第1期")
    assert "却被删除了：已发布的报告不能删除；请恢复这个文件" in lines[0]


def test_moving_a_report_between_issues_is_refused(repo):
    moved = "reports/2026/0105-yunling-chalv.md"
    edit(repo, moved, "issue: 1\ndate: 2026-01-05\norder: 1", "issue: 2\ndate: 2026-01-20\norder: 2")
    code, lines = check_base(repo)
    assert code == 1
    assert any(
        line.startswith(
            f"{moved}:4: issue: 已在 main 上发布于今日信息 2026年第1期 (2026-01-05)，"
            "现在是今日信息 2026年第2期 (2026-01-20)"
        )
        for line in lines
    ), lines


def test_unpublishing_a_report_is_refused(repo):
    edit(repo, ISSUE1, "issue: 1\ndate: 2026-01-05\norder: 2\n", "")
    code, lines = check_base(repo)
    assert code == 1
    assert any("现在是待排期（不在任何一期）" in line for line in lines), lines


def test_changing_a_published_issue_date_is_refused(repo):
    edit(repo, ISSUE2, "date: 2026-01-20", "date: 2026-01-21")
    code, lines = check_base(repo)
    assert code == 1
    assert lines == [
        (
            f"{ISSUE2}:5: date: 已在 main 上发布于今日信息 2026年第2期 (2026-01-20)，现在是"
            "今日信息 2026年第2期 (2026-01-21)：已发布的期不能改日期；请把 date 改回原来的日期"
        )
    ]


def test_editing_a_published_title_without_correction_is_refused(repo):
    edit(repo, ISSUE1, "title: 市应急管理局开展岁末年初安全生产大排查", "title: 市应急管理局开展岁末年初安全大排查")
    code, lines = check_base(repo)
    assert code == 1
    assert lines == [
        (f"{ISSUE1}:2: title: 已发布的标题与 main 上的不同：请在 corrections 里加一条（date、note），说明更正了什么")
    ]


def test_editing_a_published_text_without_correction_is_refused(repo):
    edit(repo, ISSUE1, "整改隐患3418处", "整改隐患3481处")
    code, lines = check_base(repo)
    assert code == 1
    assert lines[0].startswith(f"{ISSUE1}:18: body: 已发布的正文与 main 上的不同")


def test_unknown_base_ref(repo):
    result = bulletin(repo, "check", "--base", "no-such-branch")
    assert result.returncode == 1
    assert "no-such-branch: base: 本仓库里没有这个提交或分支：请先用 git fetch 取回它" in result.stdout


# --- allowed ----------------------------------------------------------------------


def test_corrected_text_and_added_instructions_adoptions_pass(repo):
    correct_published_text(repo)
    edit(
        repo,
        ISSUE1,
        "adoptions:\n",
        "adoptions:\n  - by: 中央办公厅信息综合室\n    level: central\n    date: 2026-01-20\n",
    )
    edit(
        repo,
        ISSUE2,
        "classification: 公开\n",
        "classification: 公开\ninstructions:\n  - by: 市长\n"
        "    level: city\n    date: 2026-01-22\n    text: 此做法可在全市推广。\n",
    )
    write(
        repo,
        "reports/2026/1121-hefeng-new.md",
        "---\ntitle: 禾丰县新报送一篇稿件\nunit: hefeng\ncategory: 工作动态\n---\n正文。\n",
    )
    assert check_base(repo) == (0, [])


def test_composing_a_new_issue_passes(repo):
    result = bulletin(repo, "compose", str(repo / PENDING), "--date", "2026-02-02")
    assert result.returncode == 0, result.output
    assert "已排入：《今日信息》2026年第3期（2026-02-02）" in result.stdout
    assert check_base(repo) == (0, [])


def test_changes_made_on_the_target_after_branching_are_not_blamed(repo):
    git(repo, "checkout", "-q", "main")
    correct_published_text(repo)
    assert bulletin(repo, "compose", PENDING, "--date", "2026-02-02").returncode == 0
    commit_all(repo, "correction and issue 3 on main")
    git(repo, "checkout", "-q", "change")
    write(
        repo,
        "reports/2026/1121-hefeng-new.md",
        "---\ntitle: 禾丰县新报送一篇稿件\nunit: hefeng\ncategory: 工作动态\n---\n正文。\n",
    )
    commit_all(repo, "new report")
    assert check_base(repo) == (0, [])


def test_two_branches_taking_the_next_number(repo):
    write(
        repo, "reports/2026/1121-hefeng-a.md", "---\ntitle: 禾丰县甲稿\nunit: hefeng\ncategory: 工作动态\n---\n甲。\n"
    )
    write(
        repo, "reports/2026/1121-yunling-b.md", "---\ntitle: 云岭县乙稿\nunit: yunling\ncategory: 工作动态\n---\n乙。\n"
    )
    commit_all(repo, "two pending reports")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "change")
    git(repo, "checkout", "-q", "-b", "branch-a")
    assert bulletin(repo, "compose", "reports/2026/1121-hefeng-a.md", "--date", "2026-02-02").returncode == 0
    commit_all(repo, "compose a")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-q", "-b", "branch-b")
    assert bulletin(repo, "compose", "reports/2026/1121-yunling-b.md", "--date", "2026-02-03").returncode == 0
    commit_all(repo, "compose b")
    assert check_base(repo) == (0, [])  # before a merges, b is fine
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge a", "branch-a")
    git(repo, "checkout", "-q", "branch-b")
    code, lines = check_base(repo)
    assert code == 1
    assert lines == [
        (
            "reports/2026/1121-yunling-b.md:5: issue: 本分支把这篇报告排在《今日信息》2026年第3期（2026-02-03），"
            "但 main 上已经发布了《今日信息》2026年第3期（2026-02-02，收有 reports/2026/1121-hefeng-a.md）："
            "两个分支用了同一个期号。请先把 main 合并进本分支（git rebase main 或 git merge main），"
            "再运行 bulletin compose --renumber reports/2026/1121-yunling-b.md --base main，把它改排到下一个空期号"
        )
    ]


# --- compose ----------------------------------------------------------------------


def test_compose_keeps_every_other_byte(repo):
    original = (
        "---\r\n# 编辑备注：待主任审定\r\ntitle: 禾丰县冬季水利建设  # 暂定标题\r\nunit: hefeng\r\n"
        "category: 工作动态\r\n---\r\n禾丰县……\r\n\r\n```\r\n---\r\n```\r\n"
    )
    path = repo / "reports/2026/1122-hefeng-crlf.md"
    path.write_bytes(original.encode("utf-8"))
    result = bulletin(repo, "compose", str(path), str(repo / PENDING), "--date", "2026-02-02")
    assert result.returncode == 0, result.output
    after = path.read_bytes().decode("utf-8")
    assert after == original.replace(
        "category: 工作动态\r\n---", "category: 工作动态\r\nissue: 3\r\ndate: 2026-02-02\r\norder: 1\r\n---"
    )
    assert "issue: 3\ndate: 2026-02-02\norder: 2\n---" in (repo / PENDING).read_text(encoding="utf-8")


def test_compose_writes_series_for_a_non_default_series(repo):
    assert bulletin(repo, "compose", PENDING, "--series", "zk", "--date", "2026-04-01").returncode == 0
    assert "series: zk\nissue: 2\ndate: 2026-04-01\norder: 1\n" in (repo / PENDING).read_text(encoding="utf-8")


def test_compose_dry_run_writes_nothing(repo):
    before = (repo / PENDING).read_bytes()
    result = bulletin(repo, "compose", PENDING, "--date", "2026-02-02", "--dry-run")
    assert result.returncode == 0
    assert "将排入（未写入）：《今日信息》2026年第3期（2026-02-02）" in result.stdout
    assert (repo / PENDING).read_bytes() == before


def test_compose_refuses_scheduled_reports_and_backward_dates(repo):
    result = bulletin(repo, "compose", ISSUE1, "--date", "2026-02-02")
    assert result.returncode == 1
    assert f"{ISSUE1}:4: issue: 这篇报告已经排在第 1 期（2026-01-05）" in result.stdout
    result = bulletin(repo, "compose", PENDING, "--date", "2026-01-10")
    assert result.returncode == 1
    assert "2026-01-10 早于《今日信息》最近一期的日期（2026-01-20）" in result.stdout
    assert "issue:" not in (repo / PENDING).read_text(encoding="utf-8")


def test_compose_starts_a_new_year_at_one(repo):
    assert bulletin(repo, "compose", PENDING, "--date", "2027-01-04").returncode == 0
    assert "issue: 1\ndate: 2027-01-04\n" in (repo / PENDING).read_text(encoding="utf-8")


# --- new --------------------------------------------------------------------------


def test_new_creates_a_valid_report_and_never_overwrites(repo):
    args = ["new", "--unit", "yunling", "--title", "云岭县“茶旅融合”带动增收", "--date", "2026-11-26"]
    first, second = bulletin(repo, *args), bulletin(repo, *args)
    assert first.stdout.strip() == "reports/2026/1126-yunling-chalv-ronghe.md"
    assert second.stdout.strip() == "reports/2026/1126-yunling-chalv-ronghe-2.md"
    text = (repo / "reports/2026/1126-yunling-chalv-ronghe.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "云岭县“茶旅融合”带动增收"\nunit: yunling\ncategory: 工作动态\n')
    # Valid front matter; the body is still the template's hint, which check refuses until it is replaced.
    unfinished = bulletin(repo, "check")
    assert unfinished.returncode == 1
    assert (
        "reports/2026/1126-yunling-chalv-ronghe.md:8: body: 这一行还是 bulletin new 生成的模板提示文字"
        in unfinished.stdout
    )
    for name in ("1126-yunling-chalv-ronghe.md", "1126-yunling-chalv-ronghe-2.md"):
        edit(repo, f"reports/2026/{name}", BODY_PLACEHOLDER, "今年以来，云岭县茶旅融合带动群众增收。")
    assert bulletin(repo, "check").returncode == 0
    assert "1126-yunling-chalv-ronghe" in bulletin(repo, "pending").stdout


def test_new_refuses_unknown_unit(repo):
    result = bulletin(repo, "new", "--unit", "nowhere", "--title", "标题")
    assert result.returncode == 1
    assert "unit: 没有“nowhere”这个单位" in result.stdout


# --- output formats ---------------------------------------------------------------


def test_github_annotations_escape_hostile_file_names(repo):
    hostile = "reports/2026/0201-a,b:c%0A::warning::x\n.md"
    (repo / hostile).write_text("没有前置信息\n", encoding="utf-8")
    result = bulletin(repo, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "::error file=reports/2026/0201-a%2Cb%3Ac%250A%3A%3Awarning%3A%3Ax%0A.md,line=1,title=front matter::"
        "文件开头缺少 ---：一篇报告以一行 --- 开始，接着写 title、unit、category 等项，再以一行 --- 结束，下面写正文"
        in lines
    )
    assert all(line.startswith("::error ") for line in lines)


def test_json_format(repo):
    edit(repo, ISSUE1, "date: 2026-01-05", "date: 2026-01-35")
    result = bulletin(repo, "check", "--format", "json")
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert {"path": ISSUE1, "line": 5, "field": "date", "message": "2026-01-35 不是日历上有的日子：请核对"} in data[
        "problems"
    ]


def test_check_given_paths_only_reports_those(repo):
    write(repo, "reports/2026/0201-a-bad.md", "没有前置信息\n")
    assert bulletin(repo, "check", ISSUE1).returncode == 0
    result = bulletin(repo, "check", str(repo / "reports/2026/0201-a-bad.md"))
    assert result.returncode == 1 and result.stdout.startswith("reports/2026/0201-a-bad.md:1:")


# --- diff -------------------------------------------------------------------------


def test_diff_summarises_the_change_for_a_reviewer(repo):
    correct_published_text(repo)
    edit(
        repo,
        ISSUE2,
        "classification: 公开\n",
        "classification: 公开\ninstructions:\n  - by: 市长\n"
        "    level: city\n    date: 2026-01-22\n    text: 此做法可在全市推广。\n",
    )
    bulletin(repo, "compose", PENDING, "--date", "2026-02-02")
    write(
        repo,
        "reports/2026/1121-hefeng-new.md",
        "---\ntitle: 禾丰县新报送一篇稿件\nunit: hefeng\ncategory: 工作动态\n---\n正文。\n",
    )
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert summary.startswith("## 本次变更对网站的影响（与 `main` 相比）")
    assert (
        "- 《今日信息》2026年第3期（总第103期，2026年2月2日）`/jrxx/2026/003/`，1篇：\n"
        "    1. 市应急管理局部署冬季森林防火工作（市应急管理局）" in summary
    )
    assert "### 新增待刊稿件\n\n- 禾丰县新报送一篇稿件（禾丰县委办公室）`reports/2026/1121-hefeng-new.md`" in summary
    assert "市长（市级，2026年1月22日）：此做法可在全市推广。" in summary
    assert "### 新增更正" in summary and "2026年1月9日，整改隐患数应为3481处。" in summary
    assert "`/reports/2026/0105-yingji-paicha/` 市应急管理局开展岁末年初安全生产大排查：正文有改动" in summary


def test_diff_shows_a_hostile_title_as_text(repo):
    write(
        repo,
        "reports/2026/1121-hefeng-link.md",
        '---\ntitle: "点此[领取](https://evil.example/)![图](https://evil.example/x.png)"\n'
        "unit: hefeng\ncategory: 工作动态\n---\n正文。\n",
    )
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert (
        r"- 点此\[领取\]\(https：//evil\.example/\)\!\[图\]\(https：//evil\.example/x\.png\)（禾丰县委办公室）"
        in summary
    )  # "：//": GitHub links a bare web address in text, escapes or not
    assert "](https://evil" not in summary and "https://" not in summary


def test_diff_with_no_change(repo):
    assert "本次变更不改变已发布的网站" in bulletin(repo, "diff", "--base", "main").stdout


@pytest.mark.parametrize(
    "title, unit, slug",
    [
        ("青石镇“数字茶园”让春茶卖出好价钱", ("qingshi-town", "云岭县青石镇", "town"), "shuzi-chayuan"),
        ("市应急管理局开展岁末年初安全生产大排查", ("yingji", "市应急管理局", "department"), "suimo-nianchu"),
        ("关于我市县域经济高质量发展情况的调查", ("fgw", "市发展改革委", "department"), "xianyu-jingji"),
        ("AI应用", ("fgw", "市发展改革委", "department"), "yingyong"),
        ("2026", ("fgw", "市发展改革委", "department"), "report"),
    ],
)
def test_slug_is_short_pinyin_without_the_unit_name(title, unit, slug):
    from bulletin.commands.new import derive_slug

    assert derive_slug(title, Unit(*unit)) == slug


# --- more of the published record (review findings) --------------------------------


def test_moving_a_published_file_to_another_year_is_refused(repo):
    (repo / "reports/2025").mkdir()
    git(repo, "mv", ISSUE1, "reports/2025/0105-yingji-paicha.md")
    code, lines = check_base(repo)
    assert code == 1
    assert lines == [
        (
            "reports/2025/0105-yingji-paicha.md:1: file: 已在 main 上以 reports/2026/0105-yingji-paicha.md 发布："
            "移动文件会改变这篇报告的永久网址 /reports/2026/0105-yingji-paicha/；请把文件移回原处"
        )
    ]


@pytest.mark.parametrize(
    "old, new, line, field",
    [
        ("unit: yingji", "unit: yunling", 3, "unit"),
        ("order: 2", "order: 3", 6, "order"),
        ("category: 工作动态\n", "category: 工作动态\nclassification: 公开\n", 8, "classification"),
    ],
)
def test_changing_how_a_published_report_is_printed_is_refused(repo, old, new, line, field):
    edit(repo, ISSUE1, old, new)
    code, lines = check_base(repo)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith(f"{ISSUE1}:{line}: {field}: 在 main 上发布时 {field} 是")


def test_removing_a_published_instruction_is_refused(repo):
    edit(
        repo,
        ISSUE1,
        "instructions:\n  - by: 市委书记\n    level: city\n    date: 2026-01-08\n"
        "    text: 安全生产无小事，请各地各部门认真抓好落实。\n",
        "",
    )
    code, lines = check_base(repo)
    assert code == 1
    assert any("instructions: main 上已记录的批示被删除或改动了" in line for line in lines), lines


def test_changing_total_offset_is_refused(repo):
    edit(repo, "mkdocs.yml", "total_offset: 100", "total_offset: 90")
    code, lines = check_base(repo)
    assert code == 1
    assert lines == [
        (
            "mkdocs.yml:1: extra.bulletin.series.jrxx.total_offset: 今日信息 2026年第1期 已在 main 上以"
            "今日信息（总第101期）发布，现在成了今日信息（总第91期）：已发布的期保留原来的刊名和期号；"
            "请把 mkdocs.yml 里的这一项改回去"
        )
    ]


def test_instruction_added_on_target_after_branching_is_not_blamed(repo):
    git(repo, "checkout", "-q", "main")
    edit(
        repo,
        ISSUE2,
        "classification: 公开\n",
        "classification: 公开\ninstructions:\n  - by: 市长\n"
        "    level: city\n    date: 2026-01-22\n    text: 此做法可在全市推广。\n",
    )
    commit_all(repo, "批示 on main")
    git(repo, "checkout", "-q", "change")
    assert check_base(repo) == (0, [])


def test_check_refuses_paths_it_cannot_check(repo, tmp_path):
    result = bulletin(repo, "check", "reports/2026/no-such-file.md")
    assert result.returncode == 1 and "reports/2026/no-such-file.md:1: file: 找不到这个文件" in result.stdout
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = bulletin(repo, "check", str(outside))
    assert result.returncode == 1 and "这个文件不属于稿件库" in result.stdout


def test_compose_dry_run_refuses_flow_style_front_matter(repo):
    path = "reports/2026/1122-yunling-flow.md"
    write(repo, path, "---\n{title: 流式写法, unit: yunling, category: 工作动态}\n---\n正文。\n")
    result = bulletin(repo, "compose", path, "--date", "2026-02-02", "--dry-run")
    assert result.returncode == 1
    assert result.stdout.startswith(
        f"{path}:1: front matter: compose 只能在一行一个键的文件头里加行；请把文件头改成一行一个键后重试"
    )


def test_diff_lists_other_changes_to_published_reports(repo):
    edit(repo, ISSUE1, "order: 2", "order: 3")
    assert "市应急管理局开展岁末年初安全生产大排查：期内顺序有改动" in bulletin(repo, "diff", "--base", "main").stdout


def test_new_refuses_a_title_it_could_not_publish(repo):
    result = bulletin(repo, "new", "--unit", "yunling", "--title", "标题\u2028续")
    assert result.returncode == 1 and result.stdout.startswith(
        "命令行参数 --title: title: 标题里不能有尖括号 < >、换行或控制字符"
    )
    assert not list((repo / "reports").glob("*/*yunling-biaoti*"))


def test_compose_into_another_series_says_how_to_fix_it(repo):
    path = "reports/2026/1122-hefeng-zk.md"
    write(repo, path, "---\ntitle: 禾丰县调研\nunit: hefeng\nseries: jrxx\ncategory: 调研报告\n---\n正文。\n")
    before = (repo / path).read_bytes()
    result = bulletin(repo, "compose", path, "--series", "zk", "--date", "2026-04-01")
    assert result.returncode == 1
    assert (
        f"{path}:4: series: 这篇报告写的是 series: jrxx（今日信息）；"
        "要排入《今日信息（增刊）》，请把 series 改为 zk，或去掉 --series"
    ) in result.stdout
    assert (repo / path).read_bytes() == before


def test_check_base_does_not_say_a_corrected_published_text_is_unchanged(repo):
    """A published text corrected with a `corrections` entry passes check --base; the summary
    the reviewer reads must not claim that nothing published was changed."""
    path = "reports/2026/0105-yingji-paicha.md"
    text = (repo / path).read_text(encoding="utf-8")
    text = text.replace("整改隐患3418处", "整改隐患3481处").replace(
        "---\n市应急管理局组织",
        "corrections:\n  - date: 2026-01-09\n    note: 整改隐患数应为3481处。\n---\n市应急管理局组织",
    )
    (repo / path).write_text(text, encoding="utf-8")
    result = bulletin(repo, "check", "--base", "main")
    assert result.returncode == 0, result.stdout
    assert "检查通过" in result.stderr
    assert "没有改动" not in result.stderr
    assert "bulletin diff" in result.stderr
    assert "正文有改动" in bulletin(repo, "diff", "--base", "main").stdout


def test_diff_says_a_new_issue_dated_after_the_build_date_is_scheduled(repo, monkeypatch):
    """The reviewer of a pull request composing an issue for next week is told it is not on
    the home page, in the notices or in the search until its date; an issue of today is not."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01 08:00 Beijing time
    pending = "reports/2026/1120-yingji-pending.md"
    assert bulletin(repo, "compose", pending, "--date", "2026-12-08").returncode == 0
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert "2026年12月8日）" in summary
    assert "（定期发布：2026年12月8日起构建时才上首页、通报和检索）" in summary
    git(repo, "checkout", "-q", "--", pending)
    assert bulletin(repo, "compose", pending, "--date", "2026-12-01").returncode == 0
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert "2026年12月1日）" in summary
    assert "定期发布" not in summary
