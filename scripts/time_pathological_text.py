"""Time the red team's pathological reports (issue 16) through the reader, the checks and,
when they pass, the renderer, each in a process of its own with a time limit.

    .venv/bin/python scripts/time_pathological_text.py                    # this checkout
    .venv/bin/python scripts/time_pathological_text.py --hooks ../main/hooks --limit 60   # another

Prints one line per input: the time, and the first problem or what went wrong.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

FRONT = "---\ntitle: {title}\nunit: yunling\ncategory: 工作动态\n---\n"
INPUTS = {
    "1,000 backticks after a colon": ("reports/2026/1201-a.md", "测试", "说明:" + "`" * 1_000 + "\n"),
    "2,000 backticks after a colon": ("reports/2026/1201-a.md", "测试", "说明:" + "`" * 2_000 + "\n"),
    "20 KB of backticks after colons": ("reports/2026/1201-a.md", "测试", ("说明:" + "`" * 97 + "\n") * 200),
    "40 KB of [": ("reports/2026/1201-a.md", "测试", "[" * 40_000 + "\n"),
    "115 KB of [a](": ("reports/2026/1201-a.md", "测试", "[a](" * 28_750 + "\n"),
    "300-level nested list": ("reports/2026/1201-a.md", "测试", "".join("    " * i + "- 层\n" for i in range(300))),
    "1,000,000-character title": ("reports/2026/1201-a.md", "长" * 1_000_000, "正文。\n"),
    "190 KB of spaces in a front-matter line": ("reports/2026/1201-a.md", "甲\n乙" + " " * 190_000 + "丙", "正文。\n"),
    "252-character id": (f"reports/2026/1201-{'a' * 247}.md", "测试", "正文。\n"),
    # Front matter read on after each problem (tests/test_check_messages.py counts the work instead)
    "33,000 tab lines before any key": ("reports/2026/1201-a.md", "测试" + "\n\tx: 1" * 33_000, "正文。\n"),
    "33,000 tabs in one long entry": ("reports/2026/1201-a.md", "测试\ntags:" + "\n  -\tx" * 33_000, "正文。\n"),
    "9 syntax errors after 30,000 lines": (
        "reports/2026/1201-a.md",
        "测试" + "\nk: v" * 30_000 + "\na: b: c" * 9,
        "正文。\n",
    ),
}
RUN = """
import sys, time
sys.path.insert(0, sys.argv[1]) if sys.argv[1] else None
from bulletin.errors import BulletinError, Problems
from bulletin.read.reportfile import read_report
from bulletin.check.body import check_body
from bulletin.markup.reportbody import render_body_html
path, text = sys.argv[2], sys.stdin.read()
problems = Problems()
started = time.perf_counter()
try:
    report = read_report(path, text, "jrxx", problems)
    if report is not None:
        check_body(report, problems)
        if not problems:
            render_body_html(report)
    outcome = str(problems.items[0])[:110] if problems else "passed"
except BulletinError as error:
    outcome = str(error.problems[0])[:110]
except RecursionError:
    outcome = "RecursionError (no report named)"
print(f"{time.perf_counter() - started:8.2f} s  {outcome}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hooks", default="", help="the hooks/ folder of the checkout to time (default: installed)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before an input counts as a hang")
    args = parser.parse_args()
    hooks = str(Path(args.hooks).resolve()) if args.hooks else ""
    for name, (path, title, body) in INPUTS.items():
        text = FRONT.format(title=title) + body
        started = time.perf_counter()
        try:
            result = subprocess.run(
                [sys.executable, "-c", RUN, hooks, path],
                input=text,
                capture_output=True,
                text=True,
                timeout=args.limit,
                check=False,
            )
            line = (
                result.stdout.strip()
                or f"{time.perf_counter() - started:8.2f} s  " + (result.stderr.strip().split("\n")[-1][:110])
            )
        except subprocess.TimeoutExpired:
            line = f"> {args.limit:6.0f} s  did not finish"
        print(f"{name:34} {line}", flush=True)


if __name__ == "__main__":
    main()
