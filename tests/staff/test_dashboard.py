"""The dashboard's to-do list (issue 13 item 12): annual reports of past years still unpublished after
their statutory date come before the report due next; cases due within 3 workdays; records past their
Art. 26 date (20 workdays after formation) and not yet published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.agencies.models import Kind
from gongkai.catalog import services
from gongkai.core import clock
from tests.staff.helpers import application, draft, office

pytestmark = pytest.mark.django_db


def _dashboard(client: Any, user: Any) -> str:
    client.force_login(user)
    response = client.get("/staff/")
    assert response.status_code == 200
    return response.content.decode()


def test_past_years_overdue_reports_come_before_next_years(client: Any, monkeypatch: Any) -> None:
    # The agency started on the platform in 2024 (its first event), so its 2024 and 2025 reports
    # (departments: due 1月31日 of the next year) are overdue on 2026-12-01; 2026's is due next.
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2024, 3, 1, 2, tzinfo=dt.UTC))
    org = office(name="某县交通运输局", kind=Kind.DEPARTMENT)
    monkeypatch.undo()
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 1))
    page = _dashboard(client, org["clerk"])
    assert "往年年度报告逾期未公布：2 份" in page
    todo = page[page.index('id="todo-reports"'):page.index('id="todo-cases"')]
    assert todo.index("2024年度") < todo.index("2025年度")
    panel = page[page.index('id="panel-nianbao"'):]
    rows = [panel.index(f"<td>{y}</td>") for y in (2024, 2025, 2026)]
    assert rows == sorted(rows), "past years first, oldest first, then the year due next"
    assert "已逾期" in panel and "逾期（-" not in panel


def test_no_past_years_before_the_agency_used_the_platform(client: Any, monkeypatch: Any) -> None:
    org = office(name="某县新设局", kind=Kind.DEPARTMENT)  # first event today: nothing before is owed here
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 1))
    assert "往年年度报告逾期未公布：0 份" in _dashboard(client, org["clerk"])


def test_cases_due_within_three_workdays(client: Any, monkeypatch: Any) -> None:
    org = office()
    case = application(org["agency"], dt.date(2026, 3, 2))
    assert case.due_on is not None
    monkeypatch.setattr(clock, "today", lambda: case.due_on - dt.timedelta(days=1))
    page = _dashboard(client, org["clerk"])
    assert "3个工作日内到期的申请：1 件" in page and case.number in page
    monkeypatch.setattr(clock, "today", lambda: case.due_on - dt.timedelta(days=14))
    page = _dashboard(client, org["clerk"])
    assert "3个工作日内到期的申请：0 件" in page and case.number not in page


def test_records_past_their_article_26_date(client: Any, monkeypatch: Any) -> None:
    org = office()
    late = draft(org, title="养护计划征求意见（超期）", formed_on=dt.date(2026, 10, 12))
    draft(org, title="本周刚形成的信息", formed_on=dt.date(2026, 11, 30))
    services.record_act(record=late, action="submit", actor=org["clerk"])
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 1))
    page = _dashboard(client, org["clerk"])
    todo = page[page.index('id="todo-records"'):page.index('id="my-agencies"')]
    assert "仍未公开的信息：1 条" in todo and "养护计划征求意见（超期）" in todo
    assert "本周刚形成的信息" not in todo
    assert late.due_on is not None and late.due_on.isoformat() in todo
