"""Figures computed from the ledgers: Table 3 equals a direct count, totals, zeros, reproducibility,
entered figures caught by the checks with the column named, Table 4, worklog-driven pre-2019 rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import Q

from gongkai.formats import TABLE3_APPLICANT_COLUMNS, get_format, table3_leaf_keys
from gongkai.reports import figures
from gongkai.reports.checks import check_report, errors
from tests.conftest import AgencyFactory
from tests.reports.helpers import application, ledger

pytestmark = pytest.mark.django_db


def direct_table3(agency_ids: list[int], year: int) -> dict[tuple[str, str], int]:
    """Table 3 counted application by application (the reference for the SQL GROUP BY)."""
    from gongkai.applications.models import Application

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out: dict[tuple[str, str], int] = {}
    for app in Application.objects.filter(agency_id__in=agency_ids):
        col = app.applicant_type
        rows = []
        if app.received_on and first <= app.received_on <= last:
            rows.append("new_received")
        if app.received_on and app.received_on < first and (app.closed_on is None or app.closed_on >= first):
            rows.append("carried_over")
        if app.closed_on and first <= app.closed_on <= last and app.outcome:
            rows += [app.outcome, "total"]
        if app.received_on and app.received_on <= last and (app.closed_on is None or app.closed_on > last):
            rows.append("carry_forward")
        for r in rows:
            out[(r, col)] = out.get((r, col), 0) + 1
            out[(r, "total")] = out.get((r, "total"), 0) + 1
    return out


def test_table3_equals_direct_count_cell_by_cell(agency: Any) -> None:
    ledger(agency)
    other = AgencyFactory()
    application(other, received=dt.date(2025, 3, 3), closed=dt.date(2025, 3, 9), outcome="granted")
    data = figures.compute(agency.pk, 2025)
    expected = direct_table3([agency.pk], 2025)
    fmt = get_format("2021")
    for row, col in fmt.table("table3").cells():
        assert data.value("table3", row.key, col.key) == expected.get((row.key, col.key), 0), (row.key, col.key)
    assert data.value("table3", "new_received", "total") == 6
    assert data.value("table3", "carried_over", "total") == 2
    assert data.value("table3", "total", "total") == 5
    assert data.value("table3", "carry_forward", "total") == 3
    assert not errors(check_report(data))


def test_table4_from_appeals(agency: Any) -> None:
    ledger(agency)
    data = figures.compute(agency.pk, 2025)
    assert data.value("table4", "all", "review.upheld") == 1
    assert data.value("table4", "all", "review.total") == 1
    assert data.value("table4", "all", "litigation_direct.pending") == 1
    assert data.value("table4", "all", "litigation_after_review.total") == 0


def test_year_without_applications_prints_zero_everywhere(agency: Any) -> None:
    data = figures.compute(agency.pk, 2025)
    fmt = get_format("2021")
    for table in ("table2", "table3", "table4"):
        for row, col in fmt.table(table).cells():
            assert data.value(table, row.key, col.key) == 0, (table, row.key, col.key)
    assert not errors(check_report(data))


def test_past_year_is_reproducible(agency: Any) -> None:
    ledger(agency, 2024)
    before = figures.compute(agency.pk, 2024).to_json()
    from gongkai.applications.models import Application

    # Later activity — answering 2024's carried-forward cases in 2025, new cases — leaves 2024 unchanged.
    Application.objects.filter(agency=agency, closed_on__isnull=True).update(
        closed_on=dt.date(2025, 1, 15), outcome="granted", status="answered")
    application(agency, received=dt.date(2025, 2, 5), closed=dt.date(2025, 2, 9), outcome="partial")
    application(agency, received=dt.date(2026, 1, 5))
    assert figures.compute(agency.pk, 2024).to_json() == before


def test_entered_inconsistent_figure_is_caught_with_column_named(agency: Any) -> None:
    ledger(agency)
    data = figures.compute(agency.pk, 2025, entered={"table3": {"carried_over": {"natural_person": 5}}})
    assert data.value("table3", "carried_over", "natural_person") == 5
    assert data.value("table3", "carried_over", "total") == 6  # 总计 re-derived: 5 + 1 commercial
    problems = errors(check_report(data))
    r1 = [p for p in problems if p.rule == "R1"]
    assert {p.column for p in r1} == {"natural_person", "total"}
    msg = next(p.message for p in r1 if p.column == "natural_person")
    assert msg.startswith("自然人: ") and "一+二=8" in msg and "三+四=4" in msg


def test_entering_a_computed_cell_is_refused(agency: Any) -> None:
    with pytest.raises(ValueError, match="由台账计算"):
        figures.compute(agency.pk, 2025, entered={"table3": {"granted": {"natural_person": 1}}})


def test_set_of_agencies_one_call(agency: Any) -> None:
    other = AgencyFactory()
    ledger(agency)
    ledger(other)
    application(other, received=dt.date(2025, 3, 3), closed=dt.date(2025, 3, 9), outcome="granted")
    both = figures.tables([agency.pk, other.pk], 2025)
    one = figures.compute(agency.pk, 2025)
    assert both.report(agency.pk).tables == one.tables
    assert both.report(other.pk).value("table3", "granted", "total") == one.value("table3", "granted", "total") + 1


def test_2019_format_merges_other_rows(agency: Any) -> None:
    ledger(agency, 2020)
    data = figures.compute(agency.pk, 2020, era="2019")
    assert data.value("table3", "other", "research") == 1
    assert set(table3_leaf_keys(era="2019")) >= {"other"}
    assert not errors(check_report(data))


def test_pre2019_rows_from_worklog(agency: Any) -> None:
    from gongkai.worklog.models import WorkEntry

    WorkEntry.objects.create(agency=agency, year=2018, kind="training", title="培训", quantity=3, secondary=147)
    WorkEntry.objects.create(agency=agency, year=2018, kind="press_conference", title="发布会", quantity=2,
                             principal_leader=True)
    WorkEntry.objects.create(agency=agency, year=2018, kind="funds", title="经费", quantity=Decimal("12.5"))
    data = figures.compute(agency.pk, 2018, era="pre2019")
    assert data.value("stats", "training.sessions", "value") == 3
    assert data.value("stats", "training.attendees", "value") == 147
    assert data.value("stats", "response.press_leader", "value") == 2
    assert data.value("stats", "org.funds", "value") == Decimal("12.50")


def test_no_applicant_total_column_needed(agency: Any) -> None:
    ledger(agency)
    data = figures.compute(agency.pk, 2025)
    for key in ["new_received", *table3_leaf_keys(era="2021")]:
        assert data.value("table3", key, "total") == sum(
            data.value("table3", key, c) or 0 for c in TABLE3_APPLICANT_COLUMNS)
    assert Q  # imported for readers of direct_table3
