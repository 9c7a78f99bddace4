"""Inline SVG charts: well-formed XML, accessible title/desc, values printed, blanks not drawn as 0."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from gongkai.reports.charts import bar_chart, grouped_bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart() -> None:
    svg = bar_chart([("工作动态", 42), ("政策法规", 8), ("未填<报>", None)], title="主动公开信息分类", unit="条")
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "主动公开信息分类"  # type: ignore[union-attr]
    assert "工作动态：42条" in root.find(f"{SVG}desc").text  # type: ignore[union-attr,operator]
    assert len(root.findall(f"{SVG}rect")) == 2  # the blank is not drawn
    assert "未填&lt;报&gt;" in str(svg)


def test_grouped_and_line() -> None:
    g = grouped_bar_chart(["2021", "2022"], {"予以公开": [3, 4], "部分公开": [1, None]}, title="办理结果", stacked=True)
    root = ET.fromstring(str(g))
    assert len([r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]) == 3
    line = line_chart(["2019", "2020", "2021"], {"甲": [1, None, 3]}, title="申请数")
    root = ET.fromstring(str(line))
    assert len(root.findall(f"{SVG}circle")) == 2
