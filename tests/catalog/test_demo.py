"""Demo loading (idempotent, realistic) and scale generation (serials without gaps, indexed)."""

from __future__ import annotations

from typing import Any

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.catalog import demo, selectors
from gongkai.catalog.models import IndexCounter, Record
from gongkai.catalog.rules import INDEX_NUMBER_RE
from gongkai.search.backends import search
from tests.conftest import AgencyFactory


@pytest.mark.django_db
def test_demo_load_is_realistic_and_idempotent(django_capture_on_commit_callbacks: Any) -> None:
    full = agencies_demo.load_county()
    # The county government and one department keep the test fast; load() treats every agency alike.
    county = agencies_demo.DemoCounty(full.city, full.county, full.departments[:1], [])
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(county)
    n = Record.objects.count()
    demo.load(county)
    assert Record.objects.count() == n > 40
    ids = [county.county.pk]
    t2 = selectors.table2_figures(ids, 2026)
    assert t2["normative.repealed"] == 1 and t2["normative.in_force"] >= 3 and t2["licensing"] > 0
    assert selectors.channel_counts(ids, 2026)["weibo"] == 125
    assert selectors.overdue_drafts(ids).exists()
    assert selectors.timeliness_counts(ids, 2025)["late"] >= 1
    assert Record.objects.filter(interprets__isnull=False).exists()
    assert search("政务公开工作要点").total >= 1


@pytest.mark.django_db
def test_scale_bulk_creates_with_contiguous_serials() -> None:
    agencies = [AgencyFactory(), AgencyFactory()]
    demo.scale(agencies, {"records": 0, "year": 2026})
    assert not Record.objects.exists()
    demo.scale(agencies, {"records": 30, "year": 2026})
    demo.scale(agencies[:1], {"records": 5, "year": 2026})
    rows = Record.objects.filter(agency=agencies[0]).values_list("index_number", "summary")
    serials = sorted(int(INDEX_NUMBER_RE.match(n).group("serial")) for n, _s in rows)  # type: ignore[union-attr]
    assert serials == list(range(1, 36))
    assert IndexCounter.objects.get(issuer_code=agencies[0].code).last_serial == 35
    assert all(250 <= len(s) <= 300 for _n, s in rows)
    assert search("工作", agency=agencies[1]).total > 0
