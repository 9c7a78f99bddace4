"""Demo data: the county loads through the services (idempotently) and feeds Tables 3 and 4 consistently."""

from __future__ import annotations

import pytest

from gongkai.agencies.demo import load_county, scale_agencies
from gongkai.appeals import demo as appeals_demo
from gongkai.appeals.selectors import table4_counts
from gongkai.applications import demo
from gongkai.applications.models import Application
from gongkai.applications.selectors import table3_counts

pytestmark = pytest.mark.django_db


def test_demo_county_loads_once_and_is_consistent() -> None:
    county = load_county()
    demo.load(county)
    appeals_demo.load(county)
    n = Application.objects.count()
    demo.load(county)
    appeals_demo.load(county)
    assert Application.objects.count() == n == len(demo.CASES)
    ids = [county.county.pk, *(d.pk for d in county.departments)]
    t = table3_counts(ids, 2026)
    assert t["carried_over"]["total"] == 2
    assert t["carry_forward"]["total"] == 3
    for col in ("natural_person", "commercial", "total"):
        assert (t["new_received"][col] + t["carried_over"][col] == t["total"][col] + t["carry_forward"][col])
    assert Application.objects.filter(outcome="not_processed.duplicate").get().duplicate_of is not None
    t4 = table4_counts(ids, 2026)
    assert t4["review.total"] >= 1 and t4["litigation_after_review.pending"] == 1


def test_scale_bulk() -> None:
    agencies = scale_agencies(cities=1, counties=1, departments=1, townships=1)
    demo.scale(agencies, {"applications": 20, "year": 2026})
    assert Application.objects.count() == 20 * len(agencies)
