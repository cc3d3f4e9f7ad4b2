"""公开 and 内部 are a report's 公开属性, not a 密级 (秘密/机密/绝密, refused on this network):
the report page, the whole built site and `bulletin diff` say so."""

from __future__ import annotations

import pytest
from helpers import edit, run_bulletin, text_of

TUOGUAN = "reports/2026/0120-hefeng-qingshi-tuoguan.md"  # classification: 公开
CHALV = "reports/2026/0105-yunling-chalv.md"  # no classification: 内部


@pytest.mark.build
def test_report_pages_label_public_and_internal_as_disclosure_not_secrecy(built):
    site = built / "site"
    public = text_of(site / "reports/2026/0120-hefeng-qingshi-tuoguan/index.html")
    internal = text_of(site / "reports/2026/0105-yunling-chalv/index.html")
    assert "公开属性：公开" in public
    assert "公开属性：不公开（内部资料）" in internal
    for text in (public, internal):
        assert "密级" not in text


@pytest.mark.build
def test_no_page_calls_public_or_internal_a_secrecy_level(built):
    """密级 appears only where it means 秘密/机密/绝密 (the 报送须知's rule on classified material)."""
    site = built / "site"
    for page in site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        if "密级" in source:
            assert "秘密" in source and "绝密" in source, page.relative_to(site)
            assert "密级：" not in source, page.relative_to(site)


def test_diff_names_a_changed_disclosure_attribute(repo):
    edit(repo, TUOGUAN, "classification: 公开", "classification: 内部")
    result = run_bulletin("--root", str(repo), "diff", "--base", "main")
    assert result.returncode == 0, result.stderr
    assert "禾丰县与青石镇联合推行“全程托管”服务：公开属性有改动" in result.stdout
    assert "密级" not in result.stdout
