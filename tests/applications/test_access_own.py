"""The cross-agency walker restricted to the applications and appeals URLs (runs even while other
apps' access modules are incomplete), plus the public status page's second factor."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from gongkai.agencies.models import Kind, Level, Membership, Role
from gongkai.core.models import Event
from tests.access import MARKER
from tests.access import appeals as appeals_access
from tests.access import applications as applications_access
from tests.conftest import AgencyFactory, member
from tests.test_cross_agency_access import _fill, _walk

MINE = ("staff/applications/", "staff/appeals/", "api/applications", "api/appeals", "api/fees")


@pytest.mark.django_db
def test_outsider_cannot_reach_applications_or_appeals(client: Any) -> None:
    root_a = AgencyFactory(level=Level.CITY, kind=Kind.GOVERNMENT)
    agency_a = AgencyFactory(parent=root_a)
    owner = member(agency_a)
    values: dict[str, object] = {"agency_id": agency_a.pk}
    public: list[str] = []
    for module in (applications_access, appeals_access):
        values.update(module.make(agency_a, owner))
        public.extend(module.PUBLIC_PATHS)
    root_b = AgencyFactory(level=Level.CITY, kind=Kind.GOVERNMENT)
    agency_b = AgencyFactory(parent=root_b)
    outsider = member(agency_b)
    Membership.objects.create(user=outsider, agency=root_b, role=Role.SUPERIOR_VIEWER)
    client.force_login(outsider)
    before = Event.objects.filter(agency=agency_a).count()
    failures, checked = [], 0
    for route, kwargs in _walk(get_resolver()):
        if not route.lstrip("^").startswith(MINE):
            continue
        path = _fill(route, values)
        assert path is not None
        if any(path.startswith(p) for p in public):
            continue
        scoped = bool(set(kwargs) & (set(values) - {"fmt", "action"}))
        for method in ("get", "post"):
            resp = getattr(client, method)(path)
            checked += 1
            body = resp.content.decode("utf-8", "replace") if resp.status_code < 300 else ""
            if scoped and resp.status_code not in (403, 404, 405):
                failures.append(f"{method.upper()} {path} → {resp.status_code}")
            elif MARKER in body:
                failures.append(f"{method.upper()} {path} shows another agency's data")
    assert not failures, "\n".join(failures)
    assert checked >= 20
    assert Event.objects.filter(agency=agency_a).count() == before
    # the owner does see them
    client.force_login(owner)
    assert MARKER in client.get("/staff/applications/").content.decode()
    assert MARKER in client.get("/staff/appeals/").content.decode()
