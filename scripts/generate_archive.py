#!/usr/bin/env python3
"""Generate a synthetic archive of any size for benchmarks (deterministic for a seed).

    python scripts/generate_archive.py --reports 25000 --years 10 --out /tmp/archive25k

The result is a complete repository layout (mkdocs.yml, content/, overrides/, hooks/,
reports/) built like the sample archive: the sample's units and settings, 《今日信息》 issues
of 3–6 reports on working days, one report per 《今日信息（增刊）》 issue, 批示 on about one
report in six, higher adoptions on about one in twelve, a few joint and pending reports.
The Chinese text is made of sentences of the sample archive's own reports, reshuffled.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEVELS = ("city", "city", "city", "province", "county", "central")
BY = {
    "city": ("市委书记", "市长", "市委副书记", "分管副市长"),
    "province": ("省委领导同志",),
    "county": ("县委书记",),
    "central": ("中央领导同志",),
}
ADOPTED_BY = (
    ("省委办公厅《信息快报》", "province"),
    ("省委办公厅《每日要情》", "province"),
    ("中央办公厅信息综合室", "central"),
)


def read_sample(repo: Path) -> tuple[list[str], list[str], list[str]]:
    """Sentences, titles and tags of the sample reports."""
    sentences, titles, tags = [], [], []
    for path in sorted((repo / "reports").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        front, body = text.split("\n---\n", 1)
        titles += re.findall(r"^title: \"?(.+?)\"?$", front, re.MULTILINE)
        for found in re.findall(r"^tags: \[(.*)\]$", front, re.MULTILINE):
            tags += [t.strip() for t in found.split(",") if t.strip()]
        for paragraph in body.split("\n"):
            if paragraph.strip() and not paragraph.startswith("#"):
                sentences += [s + "。" for s in re.split(r"。", paragraph.replace("**", "")) if len(s) > 8]
    return sentences, titles, sorted(set(tags))


def working_days(year: int, count: int) -> list[dt.date]:
    days = [dt.date(year, 1, 1) + dt.timedelta(d) for d in range(365)]
    days = [d for d in days if d.weekday() < 5 and d.year == year]
    step = len(days) / count
    return [days[int(i * step)] for i in range(count)]


def write_report(folder: Path, report_id: str, front: list[str], body: str) -> None:
    (folder / f"{report_id}.md").write_text("---\n" + "\n".join(front) + "\n---\n" + body + "\n", encoding="utf-8")


def generate(out: Path, reports: int, years: int, seed: int, first_year: int) -> dict[str, int]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "reports").mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, out / name)
    for name in ("content", "overrides"):
        shutil.copytree(REPO / name, out / name)
    (out / "hooks").mkdir()
    shutil.copy(REPO / "hooks" / "mkdocs_hooks.py", out / "hooks" / "mkdocs_hooks.py")
    shutil.copy(REPO / "reports" / "units.yml", out / "reports" / "units.yml")
    units = re.findall(r"^([a-z0-9-]+):$", (REPO / "reports" / "units.yml").read_text(encoding="utf-8"), re.MULTILINE)
    sentences, titles, tags = read_sample(REPO)
    per_year = reports // years
    counts = {"reports": 0, "issues": 0, "pending": 0}
    serial = 0
    for year in range(first_year, first_year + years):
        folder = out / "reports" / str(year)
        folder.mkdir()
        supplements = max(1, per_year // 60)  # ~40 增刊 a year at 2,500 reports
        regular = per_year - supplements - 2  # two pending reports a year
        sizes: list[int] = []
        while sum(sizes) < regular:
            sizes.append(min(rng.randint(3, 6), regular - sum(sizes)))
        plan = [("jrxx", size) for size in sizes] + [("zk", 1)] * supplements
        days = working_days(year, len(sizes))
        zk_days = working_days(year, supplements)
        numbers = {"jrxx": 0, "zk": 0}
        for series, size in plan:
            numbers[series] += 1
            day = (days if series == "jrxx" else zk_days)[numbers[series] - 1]
            for order in range(1, size + 1):
                serial += 1
                unit = rng.choice(units)
                joint = rng.random() < 0.01
                unit_field = f"[{unit}, {rng.choice([u for u in units if u != unit])}]" if joint else unit
                # about 1,500 characters for 《今日信息》, 4,000 for a supplement
                count = rng.randint(5, 8) if series == "jrxx" else rng.randint(14, 20)
                paragraphs = ["".join(rng.choice(sentences) for _ in range(rng.randint(4, 6))) for _ in range(count)]
                front = [f'title: "{rng.choice(titles)}"', f"unit: {unit_field}"]
                if series != "jrxx":
                    front.append(f"series: {series}")
                front += [
                    f"issue: {numbers[series]}",
                    f"date: {day.isoformat()}",
                    f"order: {order}",
                    f"category: {'调研报告' if series == 'zk' else rng.choice(['工作动态', '经验做法', '问题建议', '社情民意'])}",
                    f"tags: [{', '.join(rng.sample(tags, 3))}]",
                ]
                if rng.random() < 0.16:
                    level = rng.choice(LEVELS)
                    front += [
                        "instructions:",
                        f"  - by: {rng.choice(BY[level])}",
                        f"    level: {level}",
                        f"    date: {(day + dt.timedelta(rng.randint(1, 20))).isoformat()}",
                        f"    text: {rng.choice(sentences)}",
                    ]
                if rng.random() < 0.08:
                    by, level = rng.choice(ADOPTED_BY)
                    front += [
                        "adoptions:",
                        f"  - by: {by}",
                        f"    level: {level}",
                        f"    date: {(day + dt.timedelta(rng.randint(3, 30))).isoformat()}",
                    ]
                write_report(folder, f"{day:%m%d}-{unit}-s{serial:06d}", front, "\n\n".join(paragraphs))
                counts["reports"] += 1
            counts["issues"] += 1
        for _ in range(2):
            serial += 1
            unit = rng.choice(units)
            write_report(
                folder,
                f"1231-{unit}-s{serial:06d}",
                [f'title: "{rng.choice(titles)}"', f"unit: {unit}", "category: 工作动态"],
                "".join(rng.choice(sentences) for _ in range(10)),
            )
            counts["reports"] += 1
            counts["pending"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, required=True)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--first-year", type=int, default=2017)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    counts = generate(args.out, args.reports, args.years, args.seed, args.first_year)
    print(f"{args.out}: {counts['reports']} reports, {counts['issues']} issues, {counts['pending']} pending")


if __name__ == "__main__":
    main()
