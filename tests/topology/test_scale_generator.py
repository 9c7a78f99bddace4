"""`gongkai demo --scale` by the bulk paths (issue 16 item 2), at a small size on whichever engine the tests
run: counts, contiguous 索引号 serials in publication order, search entries through the same tokenizer,
clock events, a valid event hash chain with one summary event per batch, and a second run adding more."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, ClockEvent
from gongkai.catalog.models import Record
from gongkai.core import events
from gongkai.core.models import Event
from gongkai.search.backends import search
from gongkai.search.models import SearchEntry
from gongkai.search.tokens import document_tokens


def _scale(**sizes: int) -> str:
    out = io.StringIO()
    args = ["--scale"] + [f"--{k}={v}" for k, v in sizes.items()]
    call_command("demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scale_generates_everything_by_the_bulk_paths(monkeypatch: Any) -> None:
    from gongkai.applications import demo as app_demo
    from gongkai.catalog import demo as catalog_demo

    monkeypatch.setattr(catalog_demo, "BATCH", 70)  # several batches even at this size
    monkeypatch.setattr(app_demo, "BATCH", 25)
    sizes = {"cities": 1, "counties": 2, "departments": 3, "townships": 2, "records": 12, "applications": 5}
    out = _scale(**sizes)
    n_agencies = 1 + 1 * (1 + 2 * (1 + 3 + 2))
    assert f"scale data: {n_agencies} agencies" in out
    assert Agency.objects.filter(code__startswith="9").count() == n_agencies
    assert all(a.path == a.compute_path() for a in Agency.objects.filter(code__startswith="9"))
    records = Record.objects.filter(generated=True)
    assert records.count() == 12 * n_agencies
    # Ids follow publication dates; each agency's serials run 1..12 in date order.
    rows = list(records.order_by("pk").values_list("pk", "published_on", "agency_id", "index_number"))
    assert [r[1] for r in rows] == sorted(r[1] for r in rows)
    for agency_id in {r[2] for r in rows}:
        serials = [int(r[3].rsplit("-", 1)[1]) for r in rows if r[2] == agency_id]
        assert serials == list(range(1, 13))
    # Every record has its search entry, tokenized as index_document would.
    assert SearchEntry.objects.count() == records.count()
    entry = SearchEntry.objects.order_by("?").first()
    record = Record.objects.get(pk=int(entry.key.split(":")[1]))  # type: ignore[union-attr]
    assert entry.tokens == " ".join(document_tokens("\n".join([  # type: ignore[union-attr]
        record.title, record.summary, " ".join([record.doc_number, record.keywords, record.index_number or ""])])))
    assert search(record.keywords, agency=record.agency_id).total >= 1
    apps = Application.objects.filter(agency__code__startswith="9")
    assert apps.count() == 5 * n_agencies
    assert ClockEvent.objects.filter(application__in=apps, kind="received").count() == apps.count()
    closed = apps.filter(closed_on__isnull=False)
    assert ClockEvent.objects.filter(application__in=closed, kind="answered").count() == closed.count()
    # One summary event per batch, and the chain verifies.
    batches = Event.objects.filter(action="demo.bulk_generated")
    assert batches.filter(object_type="catalog.record").count() == -(-records.count() // 70)
    assert sum(e.after["rows"] for e in batches.filter(object_type="catalog.record")) == records.count()
    assert batches.filter(object_type="applications.application").exists()
    assert all(s.broken is None for s in events.verify())

    # A second run keeps the agencies and continues the serials.
    _scale(**{**sizes, "records": 3, "applications": 0})
    assert Agency.objects.filter(code__startswith="9").count() == n_agencies
    assert records.count() == 15 * n_agencies
    last = Record.objects.filter(generated=True).order_by("-pk").first()
    assert last is not None and int((last.index_number or "").rsplit("-", 1)[1]) >= 13
    assert all(s.broken is None for s in events.verify())
