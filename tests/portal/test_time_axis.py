"""Charts with years on a true time axis (issue 13 item 4): a year's x position is proportional to its
distance from the first year, every year in the span is ticked, a missing year breaks the line; and the
agency's 年报 column shows its published reports' headline figures over the years."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from gongkai.reports.charts import line_chart, year_positions


def _points(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]


def test_years_are_placed_by_their_distance() -> None:
    svg = str(line_chart(["2019", "2020", "2023"], {"新收申请": [4, 6, 9]}, title="申请数"))
    xs = _points(svg)
    assert len(xs) == 3
    assert abs((xs[1] - xs[0]) * 3 - (xs[2] - xs[1])) < 0.5  # 1 year apart vs 3 years apart
    for year in ("2021", "2022"):
        assert f">{year}</text>" in svg  # ticks for the years without a figure
    # The line stops at the gap: 2019–2020 is one polyline, 2023 stands alone.
    assert len(re.findall(r"<polyline", svg)) == 1


def test_non_year_labels_stay_evenly_spaced() -> None:
    xs = _points(str(line_chart(["甲", "乙", "丙"], {"a": [1, 2, 3]}, title="t")))
    assert abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.01
    assert year_positions(["2020年", "2021年"]) == [2020, 2021] and year_positions(["2021", "2020"]) is None


def test_agency_annual_reports_column_shows_the_trend(catalog: dict[str, Any], client: Client) -> None:
    from gongkai.core.actors import SYSTEM
    from gongkai.reports import services as report_services

    agency = catalog["agency"]
    for year in (2023, 2025):
        report = report_services.report_create(agency=agency, year=year, actor=SYSTEM)
        report_services.report_update(report=report, actor=SYSTEM, narrative={
            "overview": f"{year}年工作情况。", "problems": "无。", "other": "无。"})
        for action in ("submit", "accept", "publish"):
            report = report_services.report_act(report=report, action=action, actor=SYSTEM)
    html = client.get(f"/gk/{agency.pk}/annual-reports/").content.decode()
    assert "2023年度" in html and "2025年度" in html
    chart = re.search(r'<section aria-labelledby="trend-h".*?</section>', html, re.S)
    assert chart and ">2024</text>" in chart.group(0) and 'role="img"' in chart.group(0)
    listing = client.get("/nianbao/", {"year": "2023", "agency": str(agency.pk)}).content.decode()
    assert "2023年度" in listing and "2025年度" not in listing
    assert client.get("/nianbao/", {"year": "abc"}).status_code == 400
