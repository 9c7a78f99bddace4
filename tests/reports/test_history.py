"""Imported history (ingest's PublishedReport for the previous year) feeds the next generated report:
the year-over-year sentences of the suggested overview, the R5 carry-over check and the portal chart."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.reports import narrative, services
from gongkai.reports.assemble import live_data, previous_data, run_checks
from gongkai.reports.report_charts import report_charts
from gongkai.worklog.models import WorkEntry
from tests.conftest import member
from tests.reports.helpers import application

pytestmark = pytest.mark.django_db
SEED_2022 = "/work/shared/seeds/002_dab922a29014b33d.txt"  # 一平浪镇2022年报: 热线75件, 培训3次147人次, 表三全0


@pytest.fixture
def imported(agency: Any) -> Any:
    from gongkai.ingest.services import published_report_import

    user = member(agency)
    published_report_import(agency=agency, path_or_bytes=SEED_2022, actor=user)
    return user


def test_imported_previous_year_drives_comparisons(agency: Any, imported: Any) -> None:
    WorkEntry.objects.create(agency=agency, year=2023, kind="hotline", title="12345", quantity=100, secondary=99)
    WorkEntry.objects.create(agency=agency, year=2023, kind="training", title="培训", quantity=2, secondary=60)
    for month in (3, 4, 5):
        application(agency, received=dt.date(2023, month, 1), closed=dt.date(2023, month, 20), outcome="granted")
    report = services.report_create(agency=agency, year=2023, actor=imported)
    data = live_data(report)
    previous = previous_data(agency, 2023)
    assert previous is not None and previous.year == 2022
    text = narrative.suggest(data, previous, agency_name=agency.name, year=2023)["overview"]
    assert "全年新收政府信息公开申请3件，比上年增加3件" in text
    assert "受理热线及网络问政事项100件，比上年增加25件" in text
    assert "开展政务公开业务培训2次，比上年减少1次" in text
    assert not [p for p in run_checks(report, data) if p.rule == "R5"]
    svg = str(report_charts(data, previous))
    assert "与上年对比" in svg and "2022年" in svg


def test_carry_over_checked_against_imported_report(agency: Any, imported: Any) -> None:
    # A case received in 2022 and still open in 2023: the ledger says 上年结转 1, the 2022 report said 0.
    application(agency, received=dt.date(2022, 12, 28), closed=dt.date(2023, 1, 10), outcome="granted")
    report = services.report_create(agency=agency, year=2023, actor=imported)
    r5 = [p for p in run_checks(report) if p.rule == "R5"]
    assert {p.column for p in r5} == {"natural_person", "total"}
    assert any(p.message.startswith("自然人: ") for p in r5)
    # Without last year's report there is nothing to compare with.
    assert narrative.compare(5, None, "条") == ""
