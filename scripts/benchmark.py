#!/usr/bin/env python3
"""Benchmark the archive build against a plain MkDocs + Material build of the same pages.

    .venv/bin/python scripts/benchmark.py                 # N = 2,500 and 25,000 (about 30 minutes)
    .venv/bin/python scripts/benchmark.py --sizes 2500    # a quick run

For each size N (2,500 reports a year, so 25,000 is ten years) it generates a synthetic
archive (scripts/generate_archive.py) and measures, in the same run:

- ours: `mkdocs build` of the archive: issues, report pages, indexes, statistics, search
  index (Pagefind, one index per year);
- plain: `mkdocs build` of the same reports as plain pages (title and text), Material with
  its built-in search (lang zh, jieba), a short navigation;
- preview: our build with BULLETIN_PREVIEW_MONTHS=2, as `make serve` runs it after an edit;
- publish: `bulletin build` as `make site` and CI run it: one new issue of 4 reports published
  by a full build (`--full`), then another by an incremental build (pages unchanged since the
  live build taken from it), and their ratio; both index the newest search part again and,
  with documents, make the new issue's PDF and Word file (the rest from the cache);
- documents: each issue's PDF and Word file (`--documents`, on by default): the build with
  them cold (empty documents cache, search index cache warm) and warm, the warm build without
  them (BULLETIN_DOCUMENTS=0), and after one new issue the build with them against the build
  without them (the target: at most 10% slower). "ours" and "preview" above are measured
  without documents, as before they existed.

and prints build time, peak memory (the largest process, and all of them together), time
per report, site size, search bundle size, and for three typical queries the bytes a
browser fetches from opening the search page until it is idle, and the time until the
first result shows (ours: from the start of the navigation to the page's
`bl-search-answer` mark, median of five runs; plain: from opening the page until its first
result, one run of over a minute; headless Chromium, cold cache, against a local server).
Each run opens the page in a new browser context (an empty cache) once the browser has
finished starting that context's own processes.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
QUERIES = ("防汛", "老旧小区加装电梯", "乡村振兴 茶产业")
CHROMIUM = "/usr/bin/chromium"


def list_tree(root: int) -> list[int]:
    """A process and all its descendants, by process id."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def sum_tree_pss(root: int) -> int:
    """Proportional set size (KiB) of a process and all its descendants: pages shared after a
    fork are counted once, split between the processes sharing them."""
    total = 0
    for pid in list_tree(root):
        try:
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in lines if line.startswith("Pss:"))
    return total


def sum_children_cpu() -> float:
    """Processor seconds used so far by this process's descendants (the browser and its driver)."""
    total = 0
    for pid in list_tree(os.getpid())[1:]:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def wait_until_browser_idle(limit: float = 10.0) -> None:
    """Wait until the browser uses less than a tenth of a processor over 0.2 s. A new browser
    context goes on starting processes of its own after its page is made (among them a
    renderer for the browser's own interface: about 0.8 processor-seconds here); a page
    opened meanwhile would be timed with that work on a 2-processor machine."""
    deadline = time.monotonic() + limit
    before = sum_children_cpu()
    while time.monotonic() < deadline:
        time.sleep(0.2)
        now = sum_children_cpu()
        if now - before < 0.02:
            return
        before = now


def measure(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, int]:
    """Wall time, peak memory of the largest of the command's processes (KiB) and peak memory
    of all of them together (KiB, PSS sampled every 0.5 s) of a command."""
    probe = (
        "import resource, subprocess, sys, time; t = time.monotonic(); "
        "r = subprocess.run(sys.argv[1:]); "
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    process = subprocess.Popen(
        [PYTHON, "-c", probe, *command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak_all = 0
    while process.poll() is None:
        peak_all = max(peak_all, sum_tree_pss(process.pid))
        time.sleep(0.5)
    stdout, stderr = process.communicate()
    last = stdout.strip().splitlines()[-1].split()
    if last[2] != "0":
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr[-3000:]}")
    return float(last[0]), int(last[1]), peak_all


PREVIEW_DRIVER = """
import pathlib, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
site, report = sys.argv[1], pathlib.Path(sys.argv[2])
build(load_config(site_dir=site))                       # the preview's first build
report.write_text(report.read_text(encoding="utf-8").rstrip() + "（改）\\n", encoding="utf-8")
started = time.monotonic()
build(load_config(site_dir=site))                       # the rebuild after editing one report
print(time.monotonic() - started)
"""


def measure_preview(archive: Path, site: Path, env: dict) -> float:
    """Seconds of the preview's rebuild after one report is edited, as in `make serve`."""
    newest = max((archive / "reports").glob("*/*.md"))
    out = subprocess.run(
        [PYTHON, "-c", PREVIEW_DRIVER, str(site), str(newest)],
        check=False,
        cwd=archive,
        env=dict(env, BULLETIN_PREVIEW_MONTHS="2"),
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"preview failed:\n{out.stderr[-3000:]}")
    return float(out.stdout.strip().splitlines()[-1])


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def make_plain_site(archive: Path, target: Path) -> None:
    """The same reports as plain Markdown pages, for a plain MkDocs + Material build."""
    if target.exists():
        shutil.rmtree(target)
    docs = target / "docs"
    (docs / "r").mkdir(parents=True)
    (docs / "index.md").write_text("# 信息归档\n", encoding="utf-8")
    for path in sorted((archive / "reports").glob("*/*.md")):
        front, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
        title = next(line[7:].strip('"') for line in front.splitlines() if line.startswith("title: "))
        (docs / "r" / f"{path.parent.name}-{path.name}").write_text(f"# {title}\n\n{body}", encoding="utf-8")
    (target / "mkdocs.yml").write_text(
        "site_name: 信息归档\ntheme:\n  name: material\n  language: zh\n  font: false\n"
        "plugins:\n  - search:\n      lang: zh\nnav:\n  - index.md\nvalidation:\n  omitted_files: ignore\n",
        encoding="utf-8",
    )


def record_size(sizes: list[int], response: Any) -> None:
    """Note a response's size from its headers: reading a 300 MB body into the driver would exhaust it."""
    sizes.append(int(response.headers.get("content-length") or 0))


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def measure_queries(site: Path, kind: str, runs: int = 1) -> list[tuple[str, int, float]]:
    """Bytes fetched and seconds until results for each query, cold cache, in Chromium: the
    median of ``runs`` runs (this machine's timings vary from run to run; bytes do not)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for query in QUERIES:
            sizes, times = [], []
            for _ in range(runs):
                context = browser.new_context()  # a cold cache for every run
                page = context.new_page()
                wait_until_browser_idle()
                fetched: list[int] = []
                page.on("response", functools.partial(record_size, fetched))
                started = time.monotonic()  # from opening the page: the index loads as it opens
                if kind == "ours":
                    page.goto(f"{base}/search/?q={query}")
                    page.wait_for_function(  # the first result shown (or the answer that there is none)
                        "() => performance.getEntriesByName('bl-search-answer').length", timeout=120_000
                    )
                    # from the start of the navigation to the first answer, measured in the page
                    elapsed = page.evaluate("performance.getEntriesByName('bl-search-answer')[0].startTime") / 1000
                else:
                    page.goto(f"{base}/")
                    page.click("input.md-search__input")
                    page.keyboard.insert_text(query)  # as an input method does; then a key, which
                    page.keyboard.press("Space")  # the theme's search listens for
                    page.keyboard.press("Backspace")
                    page.wait_for_selector(".md-search-result__item", timeout=600_000)
                    elapsed = time.monotonic() - started
                page.wait_for_load_state("networkidle")
                sizes.append(sum(fetched))
                times.append(elapsed)
                context.close()
            results.append((query, max(sizes), statistics.median(times)))
        browser.close()
    server.shutdown()
    return results


def add_issue(archive: Path, tag: str, reports: int = 1) -> None:
    """One new issue of the first series (``reports`` reports), dated like the latest issue, numbered after it."""
    latest: tuple[str, int, str] | None = None  # (year folder, number, date)
    for path in sorted((archive / "reports").glob("*/*.md")):
        head = path.read_text(encoding="utf-8").split("---", 2)[1]
        if "\nseries:" in head or "\nissue:" not in head:
            continue
        number = int(head.split("\nissue:", 1)[1].split()[0])
        day = head.split("\ndate:", 1)[1].split()[0]
        if latest is None or (day, number) > (latest[2], latest[1]):
            latest = (path.parent.name, number, day)
    assert latest is not None
    folder, number, day = latest
    for n in range(1, reports + 1):
        name = f"{day[5:7]}{day[8:10]}-bench-{tag}" + (f"-{n}" if reports > 1 else "")
        (archive / "reports" / folder / f"{name}.md").write_text(
            f"---\ntitle: 基准测试新增一期（{tag}）第{n}篇\nunit: yunling\nissue: {number + 1}\ndate: {day}\n"
            f"category: 工作动态\n---\n云岭县基准测试新增一期的正文，第{n}篇。\n",
            encoding="utf-8",
        )


DOCUMENTS_LINE = re.compile(r"PDF 和 Word：共 (\d+) 个文件，其中 (\d+) 个取自缓存，新生成 (\d+) 个；等待 ([\d.]+) 秒")


def build_timed(archive: Path, site: Path, env: dict) -> tuple[float, dict[str, float]]:
    """Wall time of one `mkdocs build` and what it said of the documents (files, reused, made, waited s)."""
    started = time.monotonic()
    out = subprocess.run(
        [PYTHON, "-m", "mkdocs", "build", "-d", str(site)],
        check=False,
        cwd=archive,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    if out.returncode != 0:
        raise SystemExit(f"build failed:\n{out.stderr[-3000:]}")
    found = DOCUMENTS_LINE.search(out.stderr)
    said = {}
    if found:
        said = dict(zip(("files", "reused", "made", "waited"), map(float, found.groups()), strict=True))
    return seconds, said


SEED_DRIVER = """
import os, sys
from pathlib import Path
from bulletin.archive import load_archive
from bulletin.documents.keys import find_document_key
from bulletin.documents.cache import DocumentCache
from bulletin.documents.fonts import find_fonts
root, samples = Path(sys.argv[1]), {"pdf": Path(sys.argv[2]), "docx": Path(sys.argv[3])}
archive = load_archive(root)
fonts = find_fonts(root, archive.settings.fonts)
cache = DocumentCache(root / ".cache" / "documents")
for issue in archive.issues:
    for fmt, sample in samples.items():
        entry = cache.entry(find_document_key(archive, issue, fmt, fonts), fmt)
        entry.parent.mkdir(parents=True, exist_ok=True)
        if not entry.exists():
            os.link(sample, entry)
"""


def seed_cache(archive: Path, env: dict) -> None:
    """Every issue's cache entries as stand-ins (one real PDF and Word file, hard-linked under
    every key): the warm builds then measure the cache's own cost without hours of cold rendering."""
    samples = archive.parent / "seed-samples"
    samples.mkdir(exist_ok=True)
    for fmt in ("pdf", "docx"):
        subprocess.run(
            [
                str(Path(PYTHON).parent / "bulletin"),
                "--root",
                str(archive),
                "export",
                "jrxx",
                "2026",
                "1",
                "--format",
                fmt,
                "--output",
                str(samples / f"sample.{fmt}"),
            ],
            check=True,
            env=env,
            capture_output=True,
        )
    subprocess.run(
        [PYTHON, "-c", SEED_DRIVER, str(archive), str(samples / "sample.pdf"), str(samples / "sample.docx")],
        check=True,
        cwd=archive,
        env=env,
    )


def measure_documents(archive: Path, site: Path, env: dict, seed: bool = False) -> dict[str, Any]:
    """The builds with and without the documents (see the module's text), in this order, in one
    run; with ``seed`` the cold build is left out and the cache seeded with stand-ins."""
    with_documents = dict(env, BULLETIN_DOCUMENTS="1")
    shutil.rmtree(archive / ".cache" / "documents", ignore_errors=True)
    figures: dict[str, Any] = {"seeded": seed}
    if seed:
        seed_cache(archive, env)
        figures["cold"] = [0.0, {}]
    else:
        figures["cold"] = build_timed(archive, site, with_documents)
    figures["warm"] = build_timed(archive, site, with_documents)
    figures["documents_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.suffix in (".pdf", ".docx"))
    figures["warm_without"] = build_timed(archive, site, env)
    add_issue(archive, "a")
    figures["new_issue_with"] = build_timed(archive, site, with_documents)
    add_issue(archive, "b")
    figures["new_issue_without"] = build_timed(archive, site, env)
    figures["ratio_new_issue"] = figures["new_issue_with"][0] / figures["new_issue_without"][0]
    return figures


PUBLISH_LINE = re.compile(r"增量生成：沿用上次生成的 (\d+) 页，重新生成 (\d+) 页")
CLOCK_LINE = re.compile(
    r"用时 ([\d.]+) 秒：读取和检查 ([\d.]+) 秒，生成页面 ([\d.]+) 秒，整理页面（含沿用上次的页面）([\d.]+) 秒，"
    r"套用主题并写出 ([\d.]+) 秒（\d+ 页），等待 PDF 和 Word ([\d.]+) 秒，等待搜索索引 ([\d.]+) 秒"
)
STEPS = ("hooks", "read", "render", "take", "theme", "documents", "search")


def publish_timed(archive: Path, env: dict, *args: str) -> tuple[float, int, int, dict[str, float]]:
    """Wall time of one `bulletin build` (what `make site` runs), the pages it took from the
    live build and rendered (0, 0 for a full build), and where the time went as its last line
    says (STEPS: "hooks" is from reading the archive to the end of MkDocs' build)."""
    started = time.monotonic()
    out = subprocess.run(
        [str(Path(PYTHON).parent / "bulletin"), "--root", str(archive), "build", *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.monotonic() - started
    if out.returncode != 0:
        raise SystemExit(f"bulletin build failed:\n{out.stderr[-3000:]}")
    found = PUBLISH_LINE.search(out.stderr)
    clock = CLOCK_LINE.search(out.stderr)
    steps = dict(zip(STEPS, map(float, clock.groups()), strict=True)) if clock else {}
    return seconds, int(found[1]) if found else 0, int(found[2]) if found else 0, steps


def measure_publish(archive: Path, env: dict) -> dict[str, Any]:
    """One new issue of 4 reports published by a full `bulletin build`, then another by an
    incremental one: the same work for the search index (its newest part is indexed again) and
    the documents (the new issue's two files), every page against the changed pages only."""
    figures: dict[str, Any] = {"documents": env.get("BULLETIN_DOCUMENTS") != "0"}
    publish_timed(archive, env, "--full")  # the live build (search index cache warm, as in real life)
    add_issue(archive, "full", reports=4)  # published as before: every page built
    figures["full"] = publish_timed(archive, env, "--full")
    add_issue(archive, "incremental", reports=4)  # published incrementally
    figures["incremental"] = publish_timed(archive, env)
    figures["ratio"] = figures["incremental"][0] / figures["full"][0]
    return figures


def run_size(
    reports: int,
    work: Path,
    documents: bool = True,
    only_documents: bool = False,
    seed: bool = False,
    only_publish: bool = False,
) -> dict:
    years = max(1, reports // 2500)
    archive = work / f"archive-{reports}"
    subprocess.run(
        [
            PYTHON,
            str(REPO / "scripts" / "generate_archive.py"),
            "--reports",
            str(reports),
            "--years",
            str(years),
            "--first-year",
            str(2027 - years),
            "--out",
            str(archive),
        ],
        check=True,
    )
    # The build speaks for 2028-01-01: after every date the generator writes (its last issues'
    # 批示 and adoptions reach into 2027), which a build dated earlier refuses as typing slips.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1830297600", BULLETIN_DOCUMENTS="0")
    if only_publish:
        if documents:
            seed_cache(archive, env)  # every issue's files in the cache, as after the office's first build
        published = {
            "reports": reports,
            "publish": measure_publish(archive, dict(env, BULLETIN_DOCUMENTS="1" if documents else "0")),
        }
        print(json.dumps(published, ensure_ascii=False), flush=True)
        return published
    ours_site = work / f"ours-{reports}"
    ours = measure([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(ours_site)], archive, env)
    if only_documents:
        row: dict[str, Any] = {"reports": reports, "ours": {"seconds": ours[0]}}
        row["documents"] = measure_documents(archive, work / f"documents-{reports}", env, seed)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        return row
    preview = measure_preview(archive, work / f"preview-{reports}", env)
    plain_root = work / f"plain-{reports}"
    make_plain_site(archive, plain_root)
    plain = measure([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(plain_root / "site")], plain_root, env)
    row = {
        "reports": reports,
        "ours": {
            "seconds": ours[0],
            "peak_kib": ours[1],
            "peak_all_kib": ours[2],
            "site_bytes": folder_size(ours_site),
            "search_bytes": folder_size(ours_site / "pagefind"),
        },
        "plain": {
            "seconds": plain[0],
            "peak_kib": plain[1],
            "peak_all_kib": plain[2],
            "site_bytes": folder_size(plain_root / "site"),
            "search_bytes": (plain_root / "site" / "search" / "search_index.json").stat().st_size,
        },
        "preview_seconds": preview,
    }
    print(json.dumps(row, ensure_ascii=False), flush=True)  # the builds' figures, before the queries
    if documents:
        row["documents"] = measure_documents(archive, work / f"documents-{reports}", env)
        print(json.dumps(row["documents"], ensure_ascii=False), flush=True)
    # With documents after their figures: the cache then holds every issue's files but the new one's.
    row["publish"] = measure_publish(archive, dict(env, BULLETIN_DOCUMENTS="1" if documents else "0"))
    print(json.dumps(row["publish"], ensure_ascii=False), flush=True)
    if Path(CHROMIUM).exists():
        row["ours"]["queries"] = measure_queries(ours_site, "ours", runs=5)
        row["plain"]["queries"] = measure_queries(plain_root / "site", "plain")
    return row


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def print_report(rows: list[dict]) -> None:
    if all("plain" in r for r in rows):
        print_builds(rows)
    print_publish(rows)
    print_documents(rows)


def print_publish(rows: list[dict]) -> None:
    if not any("publish" in r for r in rows):
        return
    print("\npublish (`bulletin build`: one new issue of 4 reports published by a full build, another incrementally):")
    print("| reports | documents | new issue, full | new issue, incremental | pages taken / rendered | ratio |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        p = r.get("publish")
        if p:
            print(
                f"| {r['reports']:,} | {'with' if p['documents'] else 'without'} | {p['full'][0]:.1f} s "
                f"| {p['incremental'][0]:.1f} s | {p['incremental'][1]:,} / {p['incremental'][2]:,} | {p['ratio']:.3f}× |"
            )
    print(
        "\nwhere the time goes (seconds, as the build's last line says; outside: starting the processes, "
        "reading mkdocs.yml, switching the live site and removing the build before it):"
    )
    print(
        "| reports | build | whole command | outside | read+check | render | take | theme+write | documents | search |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        for kind in ("full", "incremental"):
            run = r.get("publish", {}).get(kind)
            if run and run[3]:
                t = run[3]
                print(
                    f"| {r['reports']:,} | {kind} | {run[0]:.1f} | {run[0] - t['hooks']:.1f} | {t['read']:.1f} "
                    f"| {t['render']:.1f} | {t['take']:.1f} | {t['theme']:.1f} | {t['documents']:.1f} | {t['search']:.1f} |"
                )


def print_builds(rows: list[dict]) -> None:
    print(
        "\n| reports | build ours | build plain+search | ratio | per report ours | peak mem ours (largest process / all) "
        "| peak mem plain | site ours | site plain | search bundle ours | search index plain | preview build |"
    )
    print("|" + "---|" * 12)
    for r in rows:
        o, p = r["ours"], r["plain"]
        print(
            f"| {r['reports']:,} | {o['seconds']:.1f} s | {p['seconds']:.1f} s | {o['seconds'] / p['seconds']:.2f}× "
            f"| {o['seconds'] / r['reports'] * 1000:.1f} ms | {o['peak_kib'] / 1e6:.2f} GB / {o['peak_all_kib'] / 1e6:.2f} GB "
            f"| {p['peak_kib'] / 1e6:.2f} GB "
            f"| {mb(o['site_bytes'])} | {mb(p['site_bytes'])} | {mb(o['search_bytes'])} | {mb(p['search_bytes'])} "
            f"| {r['preview_seconds']:.1f} s |"
        )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        per = lambda r: r["ours"]["seconds"] / r["reports"]
        print(f"\ntime per report at {large['reports']:,} vs {small['reports']:,}: {per(large) / per(small):.2f}×")
    for r in rows:
        if "queries" not in r["ours"]:
            continue
        print(
            f"\nqueries at {r['reports']:,} reports (all bytes the browser fetched, uncompressed, from opening the "
            "page until idle; time from opening the page to the first result, ours the median of 5 runs; cold cache):"
        )
        print("| query | ours bytes | ours time | plain bytes | plain time | bytes ratio |")
        print("|---|---|---|---|---|---|")
        for (q, ob, ot), (_, pb, pt) in zip(r["ours"]["queries"], r["plain"]["queries"], strict=True):
            print(f"| {q} | {mb(ob)} | {ot:.2f} s | {mb(pb)} | {pt:.2f} s | {ob / pb:.3f}× |")


def print_documents(rows: list[dict]) -> None:
    if any("documents" in r for r in rows):
        print(
            "\ndocuments (each issue's PDF and Word file; wall time of `mkdocs build`, the documents made beside it; "
            "files made / reused as the build log says):"
        )
        print("| reports | files | cold with | warm with | warm without | new issue with | new issue without | ratio |")
        print("|---|---|---|---|---|---|---|---|")
        for r in rows:
            d = r.get("documents")
            if d:
                print(
                    f"| {r['reports']:,} | {d['warm'][1].get('files', 0):,.0f} ({mb(d['documents_bytes'])}) "
                    + (
                        "| (seeded) "
                        if d.get("seeded")
                        else f"| {d['cold'][0]:.1f} s (made {d['cold'][1].get('made', 0):,.0f}) "
                    )
                    + f"| {d['warm'][0]:.1f} s (made {d['warm'][1].get('made', 0):,.0f}) | {d['warm_without'][0]:.1f} s "
                    + f"| {d['new_issue_with'][0]:.1f} s (made {d['new_issue_with'][1].get('made', 0):,.0f}) "
                    f"| {d['new_issue_without'][0]:.1f} s | {d['ratio_new_issue']:.3f}× |"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 25000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-benchmark"))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-documents", dest="documents", action="store_false", help="skip the PDF and Word figures")
    parser.add_argument(
        "--seed",
        type=int,
        nargs="*",
        default=[],
        help="sizes whose documents cache is seeded with stand-ins instead of a cold build (hours at 25,000)",
    )
    parser.add_argument(
        "--only-publish",
        action="store_true",
        help="only `bulletin build` publishing a new issue, full and incremental (documents: cache seeded with stand-ins)",
    )
    parser.add_argument(
        "--only-documents",
        action="store_true",
        help="only our build and the PDF and Word figures (no plain build, preview or queries)",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        print(f"== {size:,} reports", flush=True)
        rows.append(
            run_size(size, args.work, args.documents, args.only_documents, size in args.seed, args.only_publish)
        )
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    print_report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
