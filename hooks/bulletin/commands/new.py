"""`bulletin new`: start a report file with valid front matter and a permanent ASCII id."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bulletin import limits
from bulletin.archive import REPORTS_DIR
from bulletin.commands.event import choose_category, find_emergency_series, load_context, option, plan_new_emergency
from bulletin.commands.moments import now_in_office
from bulletin.commands.writing import create_file
from bulletin.errors import BulletinError, Problem
from bulletin.i18n import _
from bulletin.model import Settings, Unit
from bulletin.placeholders import BODY_PLACEHOLDER  # check.unfinished refuses it until replaced
from bulletin.read.fields import KEY_PATTERN
from bulletin.read.unitnames import explain_no_unit, find_unit
from bulletin.read.yamlreader import find_invisible
from bulletin.slugs import pair_pinyin

SLUG_CHARACTERS = 4
LEADING_WORDS = ("关于", "我市", "全市", "本市", "当前", "进一步", "开展", "推进", "加强", "对")


def title_option() -> str:
    """Where a problem of the --title argument is (it is in no file yet), in the language in use."""
    return _("命令行参数 --title")


def slug_option() -> str:
    """Where a problem of the --slug argument is."""
    return _("命令行参数 --slug")


def derive_slug(title: str, unit: Unit) -> str:
    """A short pinyin slug from the title, without the unit's own name at its start."""
    han = "".join(re.findall(r"[\u4e00-\u9fff]", title))
    name = "".join(re.findall(r"[\u4e00-\u9fff]", unit.name))
    # "青石镇…" for 云岭县青石镇, "市应急管理局…" for 市应急管理局: the unit is already in the id.
    prefix = next((k for k in range(min(len(han), len(name)), 1, -1) if han[:k] in name), 0)
    han = han[prefix:] or han
    while word := next((w for w in LEADING_WORDS if han.startswith(w) and len(han) > len(w)), None):
        han = han[len(word) :]
    return "-".join(pair_pinyin(han[:SLUG_CHARACTERS], keep_places=True)) or "report"


def existing_ids(root: Path) -> set[str]:
    return {path.stem for path in (root / REPORTS_DIR).glob("*/*.md")}


def create_report(
    root: Path,
    settings: Settings,
    units: dict[str, Unit],
    unit_key: str,
    title: str,
    category: str | None,
    series: str | None,
    day: dt.date,
    slug: str | None = None,
    event: str | None = None,
) -> Path:
    """Write reports/<year>/<id>.md with valid front matter; never overwrite. Returns the path.

    A report of an emergency series (紧急信息) gets its ``emergency`` block: the event's next
    stage when ``event`` names it, otherwise a placeholder ``bulletin check`` asks to fill in."""
    report = prepare_report(root, settings, units, unit_key, title, category, series, day, slug, event=event)
    create_file(root, report.relative, report.data)  # never overwrites
    return root / report.relative


@dataclass(frozen=True)
class NewReport:
    """A new report file, ready to be written: where (relative to the root) and its bytes."""

    relative: str
    data: bytes


def prepare_report(
    root: Path,
    settings: Settings,
    units: dict[str, Unit],
    unit_key: str,
    title: str,
    category: str | None,
    series: str | None,
    day: dt.date,
    slug: str | None = None,
    body: str = BODY_PLACEHOLDER,
    event: str | None = None,
) -> NewReport:
    """The file ``bulletin new`` (or ``bulletin import``, with its ``body``) writes, its name
    not yet taken; BulletinError for an argument that names nothing or a title it refuses."""
    problems = []
    match = find_unit(unit_key, units)
    if match.unit is None:
        problems.append(Problem("reports/units.yml", 0, "unit", explain_no_unit(match)))
    else:
        unit_key = match.unit.key  # a name or a part of it, written as the unit's key
    if event is not None and series is None:
        series = find_emergency_series(settings, None).key  # --event: a report of the emergency series
    target = settings.find_series(series) if series is not None else settings.series[0]
    if category is None and target is not None and target.emergency:
        category = choose_category(settings)  # 紧急信息, when the settings have it
    category = category or settings.categories[0]
    if category not in settings.categories:
        problems.append(
            Problem(
                "mkdocs.yml",
                1,
                "category",
                _("没有“{category}”这个栏目：--category 可以写 {known}").format(
                    category=category, known=_("、").join(settings.categories)
                ),
            )
        )
    if series is not None and settings.find_series(series) is None:
        problems.append(
            Problem(
                "mkdocs.yml",
                1,
                "series",
                _("没有刊物 {series}：--series 可以写 {known}").format(
                    series=series, known=_("、").join(f"{s.key}（{s.name}）" for s in settings.series)
                ),
            )
        )
    if not is_utf8(title):
        problems.append(
            Problem(
                title_option(),
                0,
                "title",
                _("标题里有不是 UTF-8 编码的字节（终端或脚本的编码不是 UTF-8？）；请把编码设为 UTF-8 后重新输入标题"),
            )
        )
    elif not title.strip():
        problems.append(Problem(title_option(), 0, "title", _("标题是空的：请在 --title 后面用引号写上报告的标题")))
    elif re.search(r"[<>\x00-\x1f\x7f-\x9f\u2028\u2029]", title):
        problems.append(
            Problem(
                title_option(),
                0,
                "title",
                _("标题里不能有尖括号 < >、换行或控制字符：书名请用《》，标题写在一行里"),
            )
        )
    elif len(title.strip()) > limits.MAX_TITLE_CHARS:
        problems.append(
            Problem(
                title_option(),
                0,
                "title",
                _("标题有 {length} 个字符，超过 {limit} 个字符的上限：请写得简短些").format(
                    length=len(title.strip()), limit=limits.MAX_TITLE_CHARS
                ),
            )
        )
    elif invisible := find_invisible(title):
        problems.append(
            Problem(
                title_option(),
                0,
                "title",
                _("标题含有不可见的控制字符 {invisible}：请删去它，重新输入标题").format(invisible=invisible),
            )
        )
    if event is not None and target is not None and not target.emergency:
        problems.append(
            Problem(
                option("--event"),
                0,
                "event",
                _("--event 只用于紧急信息类刊物的报告；{key}（{name}）不是：去掉 --event，或换 --series").format(
                    key=target.key, name=target.name
                ),
            )
        )
    if slug is not None and not re.fullmatch(KEY_PATTERN, slug):
        problems.append(
            Problem(slug_option(), 0, "slug", _("--slug 只能用小写英文字母、数字和单个连字符“-”，如 qingshi-town"))
        )
    if problems:
        raise BulletinError(problems)
    emergency: list[str] = []
    if target is not None and target.emergency:
        emergency, hint = plan_new_emergency(load_context(root), event, now_in_office())
        emergency += [hint] if hint else []
    base = f"{day:%m%d}-{unit_key}-{slug or derive_slug(title, units[unit_key])}"
    if len(base) + 3 > limits.MAX_ID_CHARS:  # room for a suffix such as -2
        raise BulletinError(
            [
                Problem(
                    slug_option(),
                    0,
                    "slug",
                    _("编号 {id} 太长（上限 {limit} 个字符）：请用 --slug 给一个较短的").format(
                        id=base, limit=limits.MAX_ID_CHARS
                    ),
                )
            ]
        )
    taken = existing_ids(root)
    report_id, suffix = base, 2
    while report_id in taken:
        report_id, suffix = f"{base}-{suffix}", suffix + 1
    path = root / REPORTS_DIR / str(day.year) / f"{report_id}.md"
    lines = ["---", f"title: {json.dumps(title.strip(), ensure_ascii=False)}", f"unit: {unit_key}"]
    if series is not None and series != settings.series[0].key:
        lines.append(f"series: {series}")
    lines += [f"category: {category}", "tags: []", "authors: []", *emergency, "---", body.rstrip("\n"), ""]
    return NewReport(path.relative_to(root).as_posix(), "\n".join(lines).encode("utf-8"))


def is_utf8(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (an argument that was not UTF-8 holds surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
