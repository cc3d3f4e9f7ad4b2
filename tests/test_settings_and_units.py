"""The unit registry and the publication settings are read as strictly as reports."""

from __future__ import annotations

from helpers import find_problem, problems_of, write


def test_unit_registry_problems(archive_root):
    write(
        archive_root,
        "reports/units.yml",
        """
        yunling:
          name: 云岭县委办公室
          kind: county
        yingji:
          name: 市应急管理局
          kind: ministry
        qingshi-town:
          name: 云岭县青石镇
          kind: town
          parent: yunlin
        dongping-town:
          name: 禾丰县东坪镇
          kind: town
        yunling:
          name: 重复
          kind: county
        Bad_Key:
          name: 错误
          kind: county
        hefeng:
          name: 禾丰县委办公室
          kind: county
          quota: {monthly: 0}
    """,
    )
    problems = problems_of(archive_root)
    path = "reports/units.yml"
    find_problem(problems, path, 6, "yingji.kind", "“ministry”不是可以选的值；可以选：county、district")
    find_problem(problems, path, 10, "qingshi-town.parent", "名录里没有单位 yunlin")
    find_problem(problems, path, 12, "dongping-town.parent", "缺少 parent：乡镇、街道直报点要写所属的县（区）或开发区")
    find_problem(problems, path, 14, "yunling", "yunling 写了两次（第 1 行已经有了）")
    find_problem(problems, path, 17, "Bad_Key", "键名只能用小写英文字母、数字和单个连字符")
    find_problem(problems, path, 23, "hefeng.quota.monthly", "不能小于 1")


def test_settings_problems_have_mkdocs_yml_lines(archive_root):
    config = archive_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("        total_offset: 100\n", "        total_offset: 100\n        colour: red\n")
    text = text.replace("        name: 今日信息（增刊）\n", "        name: 今日信息（增刊）\n        emergency: yes\n")
    config.write_text(text, encoding="utf-8")
    problems = problems_of(archive_root)
    lines = text.split("\n")
    colour = lines.index("        colour: red") + 1
    emergency = lines.index("        emergency: yes") + 1
    find_problem(problems, "mkdocs.yml", colour, "extra.bulletin.series.jrxx.colour", "没有 colour 这一项")
    find_problem(problems, "mkdocs.yml", emergency, "extra.bulletin.series.zk.emergency", "只能是 true 或 false")


def test_missing_settings(archive_root):
    config = archive_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("  bulletin:")], encoding="utf-8")
    find_problem(problems_of(archive_root), "mkdocs.yml", 1, "extra.bulletin", "缺少发布设置")


def test_duplicate_keys_anywhere_in_mkdocs_yml(archive_root):
    config = archive_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") + "extra:\n  generator: true\n"
    config.write_text(text, encoding="utf-8")
    line = len(text.split("\n")) - 2
    find_problem(problems_of(archive_root), "mkdocs.yml", line, "extra", "extra 写了两次（第 27 行已经有了）")


def test_hidden_files_in_report_folders_are_ignored(archive_root):
    write(archive_root, "reports/2026/.DS_Store", "x")
    write(archive_root, "reports/2026/.0105-yunling-chalv.md.swp", "x")
    assert problems_of(archive_root) == ()


def test_search_part_size_is_a_positive_whole_number(archive_root):
    from bulletin.archive import load_archive
    from bulletin.pages.search.parts import plan_search_parts

    config = archive_root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  bulletin:\n", "  bulletin:\n    search_part_reports: 0\n", 1), encoding="utf-8")
    line = text.split("\n").index("  bulletin:") + 2
    find_problem(problems_of(archive_root), "mkdocs.yml", line, "extra.bulletin.search_part_reports", "不能小于 1")
    config.write_text(text.replace("  bulletin:\n", "  bulletin:\n    search_part_reports: 2\n", 1), encoding="utf-8")
    archive = load_archive(archive_root)
    assert archive.settings.search_part_reports == 2
    assert [p.name for p in plan_search_parts(archive)] == ["2026"]  # one year is never split


def test_index_is_not_a_unit_key(archive_root):
    """units/index/ is the list of all units: a unit keyed `index` would take its address."""
    units = (archive_root / "reports/units.yml").read_text(encoding="utf-8")
    write(archive_root, "reports/units.yml", units + "index:\n  name: 市索引办\n  kind: department\n")
    line = units.count("\n") + 2  # the line of its entry's first key
    find_problem(problems_of(archive_root), "reports/units.yml", line, "index", "index 不能用作单位的键")
