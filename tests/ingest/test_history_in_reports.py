"""Imported history reaches the report generator: last year's published report drives the
year-over-year comparison and the R5 carry-over check of the next report (issue 6, "done when")."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.core.actors import SYSTEM
from gongkai.ingest.services import published_report_import
from gongkai.reports.data import Cell, ProseFigure, ReportData
from tests.ingest.conftest import SEED_2019, SEED_2022

pytestmark = pytest.mark.django_db


def test_imported_2019_report_feeds_2020_comparison(agency: Any) -> None:
    from gongkai.reports.assemble import previous_data
    from gongkai.reports.narrative import suggest

    published_report_import(agency=agency, path_or_bytes=SEED_2019, actor=SYSTEM)  # 131 items in 2019
    previous = previous_data(agency, 2020)
    assert previous is not None and previous.year == 2019
    now = ReportData(agency_name="榕江县民政局", year=2020, era="2019",
                     figures=[ProseFigure("proactive.total", 192, "条")])
    text = suggest(now, previous, agency_name="榕江县民政局", year=2020)["overview"]
    assert "全年主动公开政府信息192条，比上年增加61条" in text


def test_imported_2022_report_drives_r5_of_2023(agency: Any) -> None:
    from gongkai.reports.assemble import previous_data
    from gongkai.reports.checks import check_tables

    published_report_import(agency=agency, path_or_bytes=SEED_2022, actor=SYSTEM)
    previous = previous_data(agency, 2023)
    assert previous is not None and previous.value("table3", "carry_forward", "total") == 0
    now = ReportData(year=2023, era="2021")
    now.set("table3", "carried_over", "total", Cell(4))
    assert [p.message for p in check_tables(now, previous=previous) if p.rule == "R5"] == [
        "总计: 本年二、上年结转=4, 上年四、结转下年度继续办理=0"]
