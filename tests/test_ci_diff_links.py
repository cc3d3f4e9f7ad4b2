"""`bulletin diff` links that open from a pull-request comment: absolute from the site's address
(site_url of mkdocs.yml on the target branch, or --site-url); root-relative without one."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import commit_all, edit, git, problems_of, run_bulletin

ISSUE1 = "reports/2026/0105-yingji-paicha.md"
PENDING = "reports/2026/1120-yingji-pending.md"
SITE = "http://xxkw.example.intranet/bulletin/"


def bulletin(root: Path, *args: str):
    return run_bulletin("--root", str(root), *args)


def set_site_url(root: Path, value: str) -> None:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_url:.*\n", "", text)
    (root / "mkdocs.yml").write_text(f"site_url: {value}\n" + text, encoding="utf-8")


def add_instruction_and_issue(repo: Path) -> None:
    """The branch: a 批示 on a published report and a new issue of the pending report."""
    edit(
        repo,
        ISSUE1,
        "instructions:\n",
        "instructions:\n  - by: 市长\n    level: city\n    date: 2026-01-22\n    text: 请各县区借鉴。\n",
    )
    assert bulletin(repo, "compose", str(repo / PENDING), "--date", "2026-02-02").returncode == 0
    commit_all(repo, "批示和新的一期")


def site_url_on_main(repo: Path, value: str) -> None:
    git(repo, "checkout", "-q", "main")
    set_site_url(repo, value)
    commit_all(repo, "网站地址")
    git(repo, "checkout", "-q", "change")
    git(repo, "merge", "-q", "main")


def test_links_are_root_relative_without_an_address(repo):
    add_instruction_and_issue(repo)
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert "](/reports/2026/0105-yingji-paicha/)" in summary
    assert "`/jrxx/2026/003/`" in summary
    assert "http" not in summary


def test_links_are_absolute_from_site_url_of_the_target_branch(repo):
    site_url_on_main(repo, SITE)
    add_instruction_and_issue(repo)
    summary = bulletin(repo, "diff", "--base", "main").stdout
    # the 批示 leads to the published report, the new issue to its page, both on the intranet site
    assert "](http://xxkw.example.intranet/bulletin/reports/2026/0105-yingji-paicha/)：市长" in summary
    assert "[/jrxx/2026/003/](http://xxkw.example.intranet/bulletin/jrxx/2026/003/)" in summary
    assert "](/" not in summary and "`/jrxx" not in summary


def test_the_option_wins_and_a_branch_cannot_point_the_links_elsewhere(repo):
    site_url_on_main(repo, SITE)
    add_instruction_and_issue(repo)
    # the branch's own mkdocs.yml names another host: the comment still links to the published site
    set_site_url(repo, "http://phishing.example.invalid/")
    commit_all(repo, "另一个地址")
    summary = bulletin(repo, "diff", "--base", "main").stdout
    assert "phishing" not in summary.split("### 程序与网站配置的改动")[0]
    assert "http://xxkw.example.intranet/bulletin/reports/2026/0105-yingji-paicha/" in summary
    given = bulletin(repo, "diff", "--base", "main", "--site-url", "https://10.1.2.3:8443").stdout
    assert "](https://10.1.2.3:8443/reports/2026/0105-yingji-paicha/)" in given


def test_an_address_that_could_break_out_of_a_link_is_refused(repo):
    for bad in ("javascript:alert(1)", "http://x.intranet/a)b", "http://user:pw@x.intranet/", "http://x/ @信息科"):
        result = bulletin(repo, "diff", "--base", "main", "--site-url", bad)
        assert result.returncode == 2
        assert "不是可用的网站地址" in result.output and "Traceback" not in result.output
    set_site_url(repo, '"http://x.intranet/<img src=x>"')
    problems = problems_of(repo)
    assert [(p.path, p.line, p.field) for p in problems] == [("mkdocs.yml", 1, "site_url")]
    assert "不是可用的网站地址" in problems[0].message
    set_site_url(repo, "[http://x.intranet/]")
    assert [(p.line, p.field) for p in problems_of(repo)] == [(1, "site_url")]
    set_site_url(repo, '""')
    assert problems_of(repo) == ()
