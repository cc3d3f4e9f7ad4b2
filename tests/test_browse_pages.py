"""Browsing pages on the fixture archive: topics, 批示汇编, unit year pages."""

from __future__ import annotations

import pytest
from helpers import REPO, assert_year_pages_count_each_years_reports, text_of

from bulletin.slugs import assign_slugs, make_slug


def test_slugs_are_ascii_and_stable():
    assert make_slug("工作动态") == "gongzuo-dongtai"
    assert make_slug("乡村振兴") == "xiangcun-zhenxing"
    assert assign_slugs(["重庆", "重庆", "虫情"]) == {"虫情": "chongqing", "重庆": "chongqing-2"}


@pytest.mark.build
def test_topic_pages_group_by_year(built):
    site = built / "site"
    index = text_of(site / "topics/index.html")
    assert "经验做法（2篇）" in index and "茶产业（1）" in index
    year = text_of(site / "topics/jingyan-zuofa/index.html")  # a short list: one page
    assert "云岭县“茶旅融合”带动山区群众增收" in year and "禾丰县与青石镇联合推行“全程托管”服务" in year
    assert "云岭县“茶旅融合”带动山区群众增收" in text_of(site / "topics/tags/chachan-ye/index.html")


@pytest.mark.build
def test_instruction_compilation_newest_first(built):
    text = text_of(built / "site/instructions/2026/index.html")
    assert "市委书记（市级，2026年1月8日）" in text and "安全生产无小事" in text
    assert "批示在：市应急管理局开展岁末年初安全生产大排查" in text


def test_long_lists_get_a_page_per_year():
    from bulletin.archive import load_archive

    assert_year_pages_count_each_years_reports(load_archive(REPO))  # counts from the archive: see helpers


@pytest.mark.build
def test_unit_year_page(built):
    text = text_of(built / "site/units/yingji/2026/index.html")
    assert "市应急管理局开展岁末年初安全生产大排查" in text
    assert "市应急管理局部署冬季森林防火工作" not in text  # pending
