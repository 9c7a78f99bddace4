"""The batch computation equals the per-agency computation on the same ledgers, cell by cell."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongkai.reports import batch, figures
from tests.conftest import AgencyFactory
from tests.reports.helpers import appeal, application, ledger

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("era, year", [("2021", 2025), ("2019", 2020)])
def test_batch_equals_per_agency(agency: Any, era: str, year: int) -> None:
    from gongkai.catalog.models import PeriodFigures

    others = [AgencyFactory() for _ in range(3)]
    ledger(agency, year)
    ledger(others[0], year)
    application(others[1], received=dt.date(year, 3, 1), closed=dt.date(year, 3, 5), outcome="other.fee_unpaid")
    appeal(others[1], kind="litigation_after_review", filed=dt.date(year - 1, 5, 1), outcome="corrected",
           decided=dt.date(year, 2, 1))
    PeriodFigures.objects.create(agency=others[0], period_start=dt.date(year, 1, 1), period_end=dt.date(year, 6, 30),
                                 licensing=4, penalty=2, coercion=1, fees="0.35")
    ids = [agency.pk, *[o.pk for o in others]]
    many = batch.compute_many(ids, year, era=era)
    for aid in ids:
        one = figures.compute([aid], year, era=era)
        assert many[aid].tables == one.tables, aid
    assert many[others[0].pk].value("table2", "licensing", "decisions") == 4
