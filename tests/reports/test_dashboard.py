"""The dashboard panel shows the statutory date of the report due next and the days remaining."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.agencies.models import Kind, Level, Role
from gongkai.core import clock
from gongkai.reports import deadlines
from tests.conftest import AgencyFactory, member

pytestmark = pytest.mark.django_db


def test_deadlines_by_kind() -> None:
    dept = AgencyFactory.build(kind=Kind.DEPARTMENT)
    gov = AgencyFactory.build(kind=Kind.GOVERNMENT, level=Level.COUNTY)
    assert deadlines.due_date(dept, 2025) == dt.date(2026, 1, 31)
    assert deadlines.due_date(gov, 2025) == dt.date(2026, 3, 31)
    assert deadlines.current_year(dept, dt.date(2026, 1, 31)) == 2025
    assert deadlines.current_year(dept, dt.date(2026, 2, 1)) == 2026
    assert deadlines.current_year(gov, dt.date(2026, 2, 1)) == 2025
    assert deadlines.days_remaining(gov, 2025, dt.date(2026, 3, 1)) == 30


def test_panel_on_dashboard(client: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 1, 20))
    gov = AgencyFactory(name="某县人民政府", kind=Kind.GOVERNMENT)
    dept = AgencyFactory(name="某县教育局", parent=gov)
    user = member(dept, Role.CLERK)
    member_gov = member(gov, Role.CLERK)
    client.force_login(user)
    page = client.get("/staff/").content.decode()
    assert "年度报告期限" in page and "2026年1月31日" in page and "<td>11</td>" in page
    client.force_login(member_gov)
    page = client.get("/staff/").content.decode()
    assert "2026年3月31日" in page and "<td>70</td>" in page
