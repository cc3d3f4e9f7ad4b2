"""`bulletin build` takes every page unchanged since the live build from it (bulletin.pages.reuse)
and renders only the others; the site is byte-identical to a full build of the same files.

One copy of the sample archive is built incrementally change after change, a second copy gets
the same changes and a full build each time, and after each change the two sites are compared
file by file. The changes are the office's: a new issue, a 更正, a 批示 on an old report, a unit
renamed (with its name history), a new emergency event and its 续报, a ledger item, a settings
change, a deleted pending report, a template change, and a build date that crosses a month end
(time-dependent pages change with no file changed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import add_next_issue, copy_fixture, copy_sample, edit, run_bulletin_process, tree_digest, write

from bulletin.pages.reuse import Manifest, explain_full_build, manifest_path, read_manifest
from bulletin.times import OFFICE_TIMEZONE

pytestmark = pytest.mark.build


def epoch(*moment: int) -> str:
    return str(int(dt.datetime(*moment, tzinfo=OFFICE_TIMEZONE).timestamp()))


NOVEMBER_30 = epoch(2026, 11, 30, 23, 50)
DECEMBER_1 = epoch(2026, 12, 1, 0, 10)


def add_front_matter(root: Path, path: str, lines: str) -> None:
    """``lines`` at the end of the report's front matter."""
    file = root / path
    head, rest = file.read_text(encoding="utf-8").split("\n---\n", 1)
    file.write_text(f"{head}\n{lines.rstrip()}\n---\n{rest}", encoding="utf-8")


def new_issue(root: Path) -> None:
    add_next_issue(root, instruction=False)


def correction(root: Path) -> None:
    add_front_matter(
        root,
        "reports/2026/1112-yunwu-tea-yonggong.md",
        "corrections:\n  - {date: 2026-11-28, note: 第二段“日收入150元左右”应为“日收入160元左右”。}",
    )


def instruction_on_an_old_report(root: Path) -> None:
    old = min((root / "reports" / "2025").glob("*.md"))
    add_front_matter(
        root,
        old.relative_to(root).as_posix(),
        "instructions:\n  - {by: 市长, level: 市级, date: 2026-11-28, text: 请民政部门研究吸收。}",
    )


def unit_renamed(root: Path) -> None:
    edit(
        root,
        "reports/units.yml",
        "  name: 市商务局\n  kind: department\n  former:                      # 机构改革: 2025 issues print the name the unit had then\n"
        "    - {name: 市商务和投资促进局, until: 2025-12-31}",
        "  name: 市商务和开放局\n  kind: department\n  former:\n"
        "    - {name: 市商务和投资促进局, until: 2025-12-31}\n    - {name: 市商务局, until: 2026-11-28}",
    )


def emergency_event_and_follow_up(root: Path) -> None:
    write(
        root,
        "reports/events/2026/1129-wuxi-huapo.yml",
        """
        name: 云岭县雾溪镇山体滑坡
        type: 自然灾害
        grade: 一般
        place: 云岭县雾溪镇上坪村
        unit: yunling
        occurred: 2026-11-29 06:20
        office_learned: 2026-11-29 07:00
        """,
    )
    for number, stage, reported, name in (
        (19, "初报", "2026-11-29 07:50", "chubao"),
        (20, "续报一", "2026-11-29 15:30", "xubao1"),
    ):
        write(
            root,
            f"reports/2026/1129-yunling-huapo-{name}.md",
            f"""
            ---
            title: 云岭县雾溪镇发生山体滑坡（{stage}）
            unit: yunling
            series: jjxx
            issue: {number}
            date: 2026-11-29
            category: 紧急信息
            emergency:
              event: 1129-wuxi-huapo
              stage: {stage}
              reported: {reported}
            ---
            11月29日6时20分，云岭县雾溪镇上坪村发生山体滑坡，无人员伤亡，已转移群众12人。
            """,
        )


def ledger_item(root: Path) -> None:
    file = root / "reports/submissions/2026/11/correspondent-hefeng.yml"
    file.write_text(
        file.read_text(encoding="utf-8")
        + "- received: 2026-11-29\n  title: 村级道路冬季养护的几点建议\n  kind: 社情民意\n  result: 待处理\n",
        encoding="utf-8",
    )


def settings_change(root: Path) -> None:
    edit(root, "mkdocs.yml", "site_name: 示例市委办公室信息刊物", "site_name: 示例市委办公室信息刊物（内网）")


def pending_report_deleted(root: Path) -> None:
    """Withdrawn before any issue: the report goes, and its ledger item is no longer 采用."""
    (root / "reports/2026/1123-nongye-dongmai.md").unlink()
    edit(
        root,
        "reports/submissions/2026/11/nongye.yml",
        "  result: 采用\n  reports: [2026/1123-nongye-dongmai]",
        "  result: 待处理",
    )


def template_change(root: Path) -> None:
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{#- 信息科：模板修改记录 -#}\n", encoding="utf-8")


def nothing(root: Path) -> None:
    """The clock moves on: the build date crosses a month end."""


# (what changes, the build moment, the reason a full build gives, or None where pages are taken)
CHANGES: list[tuple[Callable[[Path], None], str, str | None]] = [
    (new_issue, NOVEMBER_30, None),
    (correction, NOVEMBER_30, None),
    (instruction_on_an_old_report, NOVEMBER_30, None),
    (unit_renamed, NOVEMBER_30, None),
    (emergency_event_and_follow_up, NOVEMBER_30, None),
    (ledger_item, NOVEMBER_30, None),
    (settings_change, NOVEMBER_30, "网站设置（mkdocs.yml）有变化"),
    (pending_report_deleted, NOVEMBER_30, None),
    (template_change, NOVEMBER_30, "主题的覆盖文件（overrides/）有变化"),
    (nothing, DECEMBER_1, None),
]


def build(root: Path, moment: str, cache: Path, *args: str):
    result = run_bulletin_process(
        "--root",
        str(root),
        "build",
        *args,
        SOURCE_DATE_EPOCH=moment,
        BULLETIN_DOCUMENTS="0",
        BULLETIN_CACHE_DIR=str(cache),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def site_digest(root: Path) -> dict[str, str]:
    return tree_digest((root / "site").resolve())


def test_an_incremental_build_is_a_full_build_after_each_change(tmp_path):
    incremental, full = copy_sample(tmp_path / "incremental"), copy_sample(tmp_path / "full")
    cache = tmp_path / "cache"  # one search index cache: Pagefind's unordered files come out the same
    first = build(incremental, NOVEMBER_30, cache)
    assert "增量生成" not in first.stderr  # no build before it: every page is built
    build(full, NOVEMBER_30, cache, "--full")
    assert site_digest(incremental) == site_digest(full)
    for change, moment, reason in CHANGES:
        change(incremental)
        change(full)
        said = build(incremental, moment, cache).stderr
        build(full, moment, cache, "--full")
        if reason is None:
            assert "增量生成：沿用上次生成的" in said, (change.__name__, said[-2000:])
        else:
            assert f"完整生成：{reason}" in said, (change.__name__, said[-2000:])
        assert site_digest(incremental) == site_digest(full), change.__name__


def test_the_pages_a_change_touches_are_built_again_and_the_rest_taken(tmp_path):
    root = copy_sample(tmp_path / "archive")
    cache = tmp_path / "cache"
    build(root, NOVEMBER_30, cache)
    before = site_digest(root)
    correction(root)
    said = build(root, NOVEMBER_30, cache).stderr
    after = site_digest(root)
    changed = {page for page in after if before.get(page) != after[page]}
    # The report with its 更正, its issue, and the lists of corrections: not the archive's other pages.
    assert "reports/2026/1112-yunwu-tea-yonggong/index.html" in changed
    assert "sqmy/2026/008/index.html" in changed
    assert len(changed) < len(after) / 10, sorted(changed)
    taken = int(said.split("增量生成：沿用上次生成的 ")[1].split(" 页")[0])
    assert taken > len([p for p in after if p.endswith(".html")]) / 2


def test_a_damaged_or_missing_manifest_builds_everything_and_says_why(tmp_path):
    root = copy_sample(tmp_path / "archive")
    cache = tmp_path / "cache"
    build(root, NOVEMBER_30, cache)
    manifest = manifest_path((root / "site").resolve())
    assert isinstance(read_manifest(manifest), Manifest)
    manifest.write_text('{"inputs": {"code": 1}, "pages": [', encoding="utf-8")  # cut short by a crash
    said = build(root, NOVEMBER_30, cache).stderr
    assert "完整生成：上次生成的页面清单已损坏" in said
    manifest_path((root / "site").resolve()).unlink()
    assert "完整生成：上次生成没有留下页面清单" in build(root, NOVEMBER_30, cache).stderr
    # A full build on request says nothing of the previous one.
    assert "增量生成" not in build(root, NOVEMBER_30, cache, "--full").stderr


def test_only_the_live_builds_manifest_is_kept(tmp_path):
    root = copy_sample(tmp_path / "archive")
    cache = tmp_path / "cache"
    build(root, NOVEMBER_30, cache)
    build(root, NOVEMBER_30, cache)
    live = (root / "site").resolve()
    assert sorted(p.name for p in (root / ".site-builds").iterdir()) == sorted(
        ["lock", live.name, live.name + ".manifest.json"]
    )
    assert not list(live.rglob("*.manifest.json"))  # never published


def test_a_changed_part_of_the_inputs_is_named():
    previous = Manifest({"code": "a", "settings": "b", "nav": "c"}, {})
    assert explain_full_build(previous, {"code": "a", "settings": "b", "nav": "c"}) is None
    assert explain_full_build(previous, {"code": "x", "settings": "b", "nav": "y"}) == "程序或模板、导航栏有变化"
    assert explain_full_build(None, {}) == "没有上次完整生成的网站"


def test_issue_pages_keep_their_documents_sizes(tmp_path):
    """A reused issue page shows its files' sizes; a 更正 makes the issue's files and page anew."""
    root = copy_fixture(tmp_path / "archive")
    cache = tmp_path / "cache"
    for _ in range(2):
        result = run_bulletin_process(
            "--root", str(root), "build", SOURCE_DATE_EPOCH=NOVEMBER_30, BULLETIN_CACHE_DIR=str(cache)
        )
        assert result.returncode == 0, result.stderr
    assert "增量生成" in result.stderr
    site = (root / "site").resolve()
    page = (site / "jrxx/2026/001/index.html").read_text(encoding="utf-8")
    size = (site / "jrxx/2026/001/jrxx-2026-001.pdf").stat().st_size
    assert f'下载PDF</a><span class="bl-size">（{round(size / 1024)} KB）</span>' in page
    assert "bulletin-document-size" not in page  # every size written in
    add_front_matter(
        root, "reports/2026/0105-yunling-chalv.md", "corrections:\n  - {date: 2026-11-28, note: 增收数字有误。}"
    )
    result = run_bulletin_process(
        "--root", str(root), "build", SOURCE_DATE_EPOCH=NOVEMBER_30, BULLETIN_CACHE_DIR=str(cache)
    )
    assert result.returncode == 0, result.stderr
    incremental = tree_digest((root / "site").resolve())
    full = run_bulletin_process(
        "--root", str(root), "build", "--full", SOURCE_DATE_EPOCH=NOVEMBER_30, BULLETIN_CACHE_DIR=str(cache)
    )
    assert full.returncode == 0, full.stderr
    assert incremental == tree_digest((root / "site").resolve())


def test_links_into_a_taken_page_are_still_checked(tmp_path):
    """A hand-written page is rendered in every build; its link to a heading of a report page the
    build takes from the previous one is checked against that page's anchors (strict build)."""
    root = copy_sample(tmp_path / "archive")
    cache = tmp_path / "cache"
    write(root, "content/guide/anchors.md", "# 链接\n\n[用工](../reports/2026/1112-yunwu-tea-yonggong.md#report)\n")
    build(root, NOVEMBER_30, cache)
    new_issue(root)
    said = build(root, NOVEMBER_30, cache).stderr
    assert "增量生成：沿用上次生成的" in said
    assert "anchor" not in said.lower()
    page = (root / "site/guide/anchors/index.html").read_text(encoding="utf-8")
    assert "1112-yunwu-tea-yonggong/#report" in page


def test_pages_missing_from_the_live_build_are_built_again(tmp_path):
    """A report page and an issue page gone from the live build (a damaged folder): the next build
    does not take them, although their keys are the manifest's; it renders them, like a full build."""
    incremental, full = copy_sample(tmp_path / "incremental"), copy_sample(tmp_path / "full")
    cache = tmp_path / "cache"
    build(incremental, NOVEMBER_30, cache)
    build(full, NOVEMBER_30, cache, "--full")
    live = (incremental / "site").resolve()
    gone = ("reports/2026/1112-yunwu-tea-yonggong/index.html", "sqmy/2026/008/index.html")
    for page in gone:
        (live / page).unlink()
    said = build(incremental, NOVEMBER_30, cache).stderr
    assert "增量生成：沿用上次生成的" in said
    assert site_digest(incremental) == site_digest(full)
    assert all((incremental / "site" / page).is_file() for page in gone)
