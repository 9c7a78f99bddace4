"""Report history is stored and read by reports (``reports.history``); ingest only parses (ADR 0004)."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.formats import get_format
from gongkai.reports import history
from gongkai.reports.data import Cell, ReportData
from gongkai.reports.models import PublishedReport
from tests.conftest import member

pytestmark = pytest.mark.django_db


def _report(year: int, carried: int, forward: int) -> ReportData:
    t3 = {(r.key, c.key): Cell(0) for r, c in get_format("2021").table("table3").cells()}
    t3[("carried_over", "natural_person")] = t3[("carried_over", "total")] = Cell(carried)
    t3[("carry_forward", "natural_person")] = t3[("carry_forward", "total")] = Cell(forward)
    return ReportData(year=year, era="2021", source="import", tables={"table3": t3})


def test_store_checks_against_last_years_history_and_records_one_event(agency: Any) -> None:
    user = member(agency)
    history.history_store(agency=agency, data=_report(2022, 0, 2), actor=user, source_filename="a.txt",
                          source_kind="text", sha256="0" * 64)
    events_before = Event.objects.count()
    stored = history.history_store(agency=agency, data=_report(2023, 1, 0), actor=user, source_filename="b.txt",
                                   source_kind="text", sha256="1" * 64)
    assert Event.objects.count() == events_before + 1
    assert "R5" in {p["rule"] for p in stored.checks}  # 2023 carried 1, the 2022 history said 2
    previous = history.last_year_report(agency, 2023)
    assert previous is not None and previous.value("table3", "carry_forward", "total") == 2
    assert PublishedReport.objects.filter(agency=agency).count() == 2


def test_store_needs_a_year(agency: Any) -> None:
    with pytest.raises(ValueError):
        history.history_store(agency=agency, data=ReportData(year=None, era="2021", source="import"),
                              actor=SYSTEM, source_filename="x.txt", source_kind="text", sha256="2" * 64)
