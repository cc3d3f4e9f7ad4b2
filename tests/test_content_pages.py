"""The hand-written pages of content/ are checked like reports (markup, outside images, their
front matter, YAML tags, a byte order mark), sanitised at build like reports, and listed by
`bulletin diff` when they change."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import (
    Ran,
    copy_fixture,
    find_problem,
    git,
    make_repo,
    problems_of,
    run_build,
    run_bulletin,
    write,
)


def bulletin(root: Path, *args: str) -> Ran:
    return run_bulletin("--root", str(root), *args)


def test_content_page_with_a_script_or_an_outside_image_is_refused(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    write(
        root,
        "content/about.md",
        "---\ntitle: 关于\n---\n\n# 关于本站\n\n说明。\n\n<script>alert(1)</script>\n\n![图](https://evil.example/x.png)\n",
    )
    result = bulletin(root, "check")
    out = result.stdout
    assert result.returncode == 1
    assert "content/about.md:9: body: 正文里不能写 HTML 标签“<script>”" in out
    assert "content/about.md:11: body: 不能引用其他网站的图片（https://evil.example/x.png）" in out
    assert bulletin(root, "check", "content/about.md").returncode == 1  # a page can be checked alone


@pytest.mark.build
def test_content_page_with_a_script_stops_the_build(tmp_path):
    root = copy_fixture(tmp_path / "archive")
    write(root, "content/about.md", "# 关于本站\n\n说明。<img src=x onerror=alert(1)>\n")
    result = run_build(root)
    assert result.returncode != 0
    assert "content/about.md:3: body: 正文里不能写 HTML 标签“<img>”" in result.stderr
    assert not (root / "site").exists()


def test_content_page_title_cannot_carry_markup(tmp_path):
    """The theme prints a page's title into <title> (unescaping a heading's): no markup in it."""
    root = copy_fixture(tmp_path / "archive")
    write(root, "content/about.md", "关于 &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n===\n\n说明。\n")
    write(root, "content/guide.md", '---\ntitle: "须知</title>"\n---\n\n# 报送须知\n')
    out = bulletin(root, "check").stdout
    assert "content/about.md:1: title: 页面的标题里不能有 < > & 或 \\，请删去" in out
    assert "content/guide.md:2: front matter: 页面的前置信息（标题等）里不能有 < > & 或 \\，请删去" in out


def test_content_page_html_is_sanitised_at_build(tmp_path):
    """The second line of defence, for what a check might miss: the adapter sanitises the HTML
    of every content page as it sanitises report pages (a real config, archive and page)."""
    import importlib.util

    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    root = copy_fixture(tmp_path / "archive")
    write(root, "content/about.md", "# 关于本站\n\n说明。\n")
    spec = importlib.util.spec_from_file_location("hooks_under_test", root / "hooks" / "mkdocs_hooks.py")
    assert spec is not None and spec.loader is not None
    hooks = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = hooks  # its dataclasses look their module up
    spec.loader.exec_module(hooks)
    config = load_config(str(root / "mkdocs.yml"))
    hooks.on_pre_build(config)
    files = Files([])
    page = Page("关于", File("about.md", str(root / "content"), str(root / "site"), False), config)
    hostile = (
        '<p>说明。</p><script>alert(1)</script><img src="https://evil.example/x.png"><a href="javascript:x">链接</a>'
    )
    page.read_source(config)
    page.meta["title"] = "</title><script>alert(1)</script>"  # as if the check had let it through
    html = hooks.on_page_content(hostile, page, config, files)
    assert html == "<p>说明。</p><a>链接</a>"
    assert page.meta["title"] == "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"  # the theme prints it as it is
    if hooks._state and hooks._state.indexer:
        hooks._state.indexer.abandon()


def test_diff_lists_changed_content_pages(tmp_path):
    root = make_repo(tmp_path / "repo")
    about = root / "content" / "about.md"
    write(root, "content/about.md", "# 关于本站\n\n本站由示例市委办公室信息科维护。\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "about")
    git(root, "checkout", "-q", "-b", "change2")
    about.write_text("# 关于本站\n\n本站由示例市委办公室信息科维护，联系电话另行通知。\n", encoding="utf-8")
    write(root, "content/guide_@x.md", "# 报送须知\n\n请按时报送。\n")
    (root / "content" / "index.md").unlink()
    result = bulletin(root, "diff", "--base", "change")
    summary = result.stdout
    assert result.returncode == 0, summary
    assert "本次变更不改变已发布的网站" not in summary
    assert (
        "### 手写页面（content/）的改动\n\n"
        "- content/about\\.md：有改动\n- content/guide\\_＠x\\.md：新增\n- content/index\\.md：删除\n"
    ) in summary


def test_a_yaml_tag_in_a_content_page_front_matter_is_refused(archive_root):
    """YAML tags are refused everywhere: the front matter of a content/ page was only searched
    for markup, so `!!python/object/apply:…` passed the check (and reached the site's source)."""
    write(
        archive_root,
        "content/about.md",
        """
        ---
        title: 关于本站
        hide:
          - !!python/object/apply:os.system ["echo 云岭县"]
        ---
        # 关于本站

        示例市委办公室信息科维护。
        """,
    )
    find_problem(problems_of(archive_root), "content/about.md", 4, "hide", "YAML 标签 !!python/object/apply:os.system")


def test_a_content_page_with_a_byte_order_mark_has_its_front_matter_checked(archive_root):
    """MkDocs drops a byte order mark before it reads a page's front matter; the check read
    such a page as all body, so its front matter went unchecked."""
    (archive_root / "content" / "about.md").write_text(
        "\ufeff---\ntitle: 关于 <b>本站</b>\nhide: !!python/name:os.system\n---\n# 关于本站\n", encoding="utf-8"
    )
    problems = problems_of(archive_root)
    find_problem(problems, "content/about.md", 2, "front matter", "不能有 < > & 或")
    find_problem(problems, "content/about.md", 3, "hide", "YAML 标签 !!python/name:os.system")
