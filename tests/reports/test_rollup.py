"""Roll-up: the superior office sees each subordinate's status (incl. late), and the sum of any set of
agencies is the cell-wise sum (blank+blank=blank, blank+n=n) with the checks re-run on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.agencies.models import Kind, Level, Role
from gongkai.formats import get_format
from gongkai.reports import rollup, services
from gongkai.reports.data import Cell, ReportData
from gongkai.reports.figures import compute
from tests.conftest import AgencyFactory, member
from tests.reports.helpers import application, ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(db: Any) -> dict[str, Any]:
    gov = AgencyFactory(name="某县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    depts = [AgencyFactory(name=f"某县第{i}局", parent=gov) for i in range(3)]
    ledger(depts[0])
    ledger(depts[1])
    application(depts[1], received=dt.date(2025, 7, 1), closed=dt.date(2025, 7, 9), outcome="unable.not_held",
                applicant_type="public_interest")
    return {"gov": gov, "depts": depts, "viewer": member(gov, Role.SUPERIOR_VIEWER)}


def test_rollup_is_the_cell_wise_sum(county: dict[str, Any]) -> None:
    depts = county["depts"]
    summed, problems = rollup.aggregate(depts, 2025)
    parts = [compute(d.pk, 2025) for d in depts]
    fmt = get_format("2021")
    for table in ("table2", "table3", "table4"):
        for row, col in fmt.table(table).cells():
            assert summed.value(table, row.key, col.key) == sum(
                p.value(table, row.key, col.key) or 0 for p in parts), (table, row.key, col.key)
    assert summed.value("table3", "unable.not_held", "public_interest") == 1
    assert not [p for p in problems if p.severity == "error"]
    # Same as the applications ledger's own sum over the set.
    from gongkai.applications.selectors import table3_counts

    direct = table3_counts([d.pk for d in depts], 2025)
    assert direct["unable.not_held"]["total"] == 1
    for row_key, by_type in direct.items():
        for col, n in by_type.items():
            assert summed.value("table3", row_key, col) == n, (row_key, col)


def test_blank_plus_blank_is_blank_and_checks_rerun_on_sum() -> None:
    a = ReportData(era="2021", year=2025, tables={"table3": {("new_received", "natural_person"): Cell(3),
                                                             ("new_received", "total"): Cell(3),
                                                             ("total", "natural_person"): Cell(None)}})
    b = ReportData(era="2021", year=2025, tables={"table3": {("new_received", "natural_person"): Cell(None),
                                                             ("new_received", "total"): Cell(2),
                                                             ("total", "natural_person"): Cell(None)}})
    s = rollup.sum_data([a, b], era="2021", year=2025)
    assert s.value("table3", "new_received", "natural_person") == 3
    assert s.value("table3", "new_received", "total") == 5
    assert s.value("table3", "total", "natural_person") is None
    from gongkai.reports.checks import check_report

    r3 = [p for p in check_report(s) if p.rule == "R3"]
    assert r3 and "一、本年新收政府信息公开申请数量" in r3[0].message


def test_statuses_and_late(county: dict[str, Any]) -> None:
    depts = county["depts"]
    clerk = member(depts[0], Role.CLERK, Role.APPROVER)
    rep = services.report_create(agency=depts[0], year=2025, actor=clerk)
    services.report_update(report=rep, actor=clerk, narrative={"overview": "a", "problems": "b", "other": "c"})
    services.report_act(report=rep, action="submit", actor=clerk)
    before = {s.agency.pk: s.status for s in rollup.statuses(depts, 2025, today=dt.date(2026, 1, 20))}
    assert before == {depts[0].pk: "submitted", depts[1].pk: "not_started", depts[2].pk: "not_started"}
    after = {s.agency.pk: s for s in rollup.statuses(depts, 2025, today=dt.date(2026, 2, 1))}
    assert {s.status for s in after.values()} == {"late"}  # departments: 1月31日
    assert after[depts[1].pk].days_remaining == -1
    gov = rollup.statuses([county["gov"]], 2025, today=dt.date(2026, 2, 1))[0]
    assert gov.status == "not_started" and gov.due == dt.date(2026, 3, 31)


def test_rollup_page_for_superior_only(client: Any, county: dict[str, Any]) -> None:
    depts = county["depts"]
    client.force_login(county["viewer"])
    page = client.get("/staff/reports/rollup/?year=2025").content.decode()
    assert all(d.name in page for d in depts) and "逾期未发布" in page
    q = "&".join(f"agency={d.pk}" for d in depts)
    page = client.get(f"/staff/reports/rollup/?year=2025&{q}").content.decode()
    assert "3个机关汇总" in page and 'data-cell="new_received|total">13<' in page
    client.force_login(member(depts[2], Role.CLERK))
    assert client.get("/staff/reports/rollup/?year=2025").status_code == 403


def test_rollup_uses_frozen_figures_of_submitted_reports(county: dict[str, Any]) -> None:
    depts = county["depts"]
    user = member(depts[0], Role.CLERK, Role.APPROVER)
    rep = services.report_create(agency=depts[0], year=2025, actor=user)
    services.report_update(report=rep, actor=user, narrative={"overview": "a", "problems": "b", "other": "c"})
    services.report_act(report=rep, action="submit", actor=user)
    before, _p = rollup.aggregate(depts, 2025)
    application(depts[0], received=dt.date(2025, 8, 1), closed=dt.date(2025, 8, 9), outcome="granted")
    application(depts[2], received=dt.date(2025, 8, 1), closed=dt.date(2025, 8, 9), outcome="granted")
    after, _p = rollup.aggregate(depts, 2025)
    # dept 0 is frozen at submission; dept 2 (no report) is live.
    assert after.value("table3", "granted", "total") == (before.value("table3", "granted", "total") or 0) + 1
