"""The cross-agency walker restricted to the catalog's own staff and API URLs (runs even while other
apps' access modules are incomplete), plus role checks on the staff pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from gongkai.agencies.models import Role
from gongkai.core.models import Event
from tests.access import MARKER
from tests.access import catalog as access_catalog
from tests.conftest import AgencyFactory, member
from tests.test_cross_agency_access import _fill, _walk


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    a = AgencyFactory(name="甲县机关")
    owner = member(a)
    values = {"agency_id": a.pk, "year": 2026, **access_catalog.make(a, owner)}
    b = AgencyFactory(name="乙县机关")
    return {"values": values, "agency_a": a, "outsider": member(b), "owner": owner}


def test_catalog_urls_refuse_other_agencies(world: dict[str, Any], client: Any) -> None:
    client.force_login(world["outsider"])
    before = Event.objects.filter(agency=world["agency_a"]).count()
    failures, checked = [], 0
    for route, kwargs in _walk(get_resolver()):
        if not route.startswith(("staff/catalog/", "api/catalog/")):
            continue
        path = _fill(route, world["values"])
        assert path is not None
        scoped = bool(set(kwargs) - {"year"})
        for method in ("get", "post"):
            resp = getattr(client, method)(path)
            checked += 1
            body = resp.content.decode("utf-8", "replace") if resp.status_code < 300 else ""
            if resp.status_code < 300 and resp.get("Content-Type", "").startswith("application/json"):
                body = str(resp.json())
            if scoped and resp.status_code not in (403, 404, 405):
                failures.append(f"{method} {path} → {resp.status_code}")
            elif MARKER in body:
                failures.append(f"{method} {path} shows marker")
    assert checked >= 30 and not failures, failures
    assert Event.objects.filter(agency=world["agency_a"]).count() == before


def test_owner_sees_marker_on_list(world: dict[str, Any], client: Any) -> None:
    client.force_login(world["owner"])
    assert MARKER in client.get("/staff/catalog/").content.decode()
    # The API answers \u-escaped JSON, so compare decoded values.
    assert MARKER in str(client.get("/api/catalog/records?mine=true").json())
    assert MARKER not in str(client.get("/api/catalog/records").json())


def test_reviewer_cannot_publish_via_view(world: dict[str, Any], client: Any) -> None:
    reviewer = member(world["agency_a"], Role.REVIEWER)
    client.force_login(reviewer)
    rid = world["values"]["record_id"]
    assert client.post(f"/staff/catalog/{rid}/submit/").status_code == 403
