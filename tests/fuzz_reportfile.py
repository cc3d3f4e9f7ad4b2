"""Fuzz target of the report reader: any bytes as a report file are read and checked without an
exception, in bounded time, and every problem names the file and a line of it.

    .venv/bin/python tests/fuzz_reportfile.py --seconds 600    # plain Hypothesis, time-boxed
    .venv/bin/python tests/fuzz_reportfile.py --atheris [libFuzzer options, e.g. -max_total_time=3600]

The second form needs atheris (not in requirements.txt: it is built against clang's libFuzzer);
it drives the same Hypothesis test through ``fuzz_one_input``, coverage-guided. A failure
prints the input; add it to tests/test_limits.py as a regression test.
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.check.body import check_body
from bulletin.errors import Problems
from bulletin.read.reportfile import read_report

PATH = "reports/2026/1201-yunling-ceshi.md"
SECONDS = 2.0
STARTS = [b"", b"---\n", b"---\ntitle: \xe6\xb5\x8b\xe8\xaf\x95\nunit: yunling\ncategory: \xe5\x8a\xa8\xe6\x80\x81\n"]


@settings(max_examples=50, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.tuples(st.sampled_from(STARTS), st.binary(max_size=4_096)).map(b"".join))
def fuzz_report_file(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")  # bytes that are not UTF-8 are refused before the reader
    problems = Problems()
    started = time.process_time()  # CPU time: a busy machine stretches the wall clock, not this
    report = read_report(PATH, text, "jrxx", problems)
    if report is not None:
        check_body(report, problems)
    elapsed = time.process_time() - started
    assert elapsed < SECONDS, f"{elapsed:.2f} s"
    last = text.count("\n") + 1
    for problem in problems.items:
        assert problem.path == PATH and 1 <= problem.line <= last and problem.message, problem


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run without atheris")
    parser.add_argument("--atheris", action="store_true", help="run under atheris (remaining arguments: libFuzzer's)")
    args, rest = parser.parse_known_args()
    if args.atheris:
        import atheris  # type: ignore[import-not-found]

        atheris.Setup([sys.argv[0], *rest], fuzz_report_file.hypothesis.fuzz_one_input)
        atheris.Fuzz()
        return
    deadline, examples = time.monotonic() + args.seconds, 0
    while time.monotonic() < deadline:
        fuzz_report_file()  # 50 examples, a fresh seed each round
        examples += 50
    print(f"{examples} examples in {args.seconds:g} s: every input read or refused with its place")


if __name__ == "__main__":
    main()
