"""A user of one agency never reads or changes another agency's non-public data.

Walks EVERY URL pattern under /staff/ and /api/ (enumerated from the URL resolver, so new views are
covered automatically) as a user who holds every role in an unrelated agency — and is a superior-office
viewer of an unrelated branch — and checks: a URL naming another agency's object answers 403/404/405 to
GET and POST and changes nothing; a URL without object kwargs never shows that agency's marked data.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests.access as access_pkg
from gongkai.agencies.models import Kind, Level, Role
from gongkai.core.models import Event
from tests.access import MARKER
from tests.conftest import AgencyFactory, member

# Global, non-agency kwargs: calendar years etc. (the calendar is shared by every agency).
GLOBAL_KWARGS: dict[str, object] = {"year": 2026}
# Public by design even under /staff/ or /api/ (login page, API docs/schema).
BASE_PUBLIC = ["/staff/login/", "/staff/logout/", "/api/docs", "/api/openapi.json"]


def _walk(resolver: URLResolver, prefix: str = "") -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            out.extend(_walk(p, route))
        elif isinstance(p, URLPattern):
            out.append((route, list(p.pattern.regex.groupindex)))
    return out


def _fill(route: str, values: dict[str, object]) -> str | None:
    route = route.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")

    def sub(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in values:
            raise KeyError(name)
        return str(values[name])

    try:
        path = re.sub(r"<(?:(\w+):)?(\w+)>", sub, route)
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), path)
    except KeyError as exc:
        raise AssertionError(
            f"URL {route!r} has kwarg {exc} with no value: add it to a tests/access/<app>.py make()"
        ) from exc
    return "/" + path


def _modules() -> list[Any]:
    return [importlib.import_module(f"tests.access.{m.name}") for m in pkgutil.iter_modules(access_pkg.__path__)]


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    root_a = AgencyFactory(name="甲市人民政府", level=Level.CITY, kind=Kind.GOVERNMENT)
    agency_a = AgencyFactory(name="甲县机关", parent=root_a)
    owner = member(agency_a)
    values: dict[str, object] = dict(GLOBAL_KWARGS)
    public: list[str] = list(BASE_PUBLIC)
    for module in _modules():
        values.update(module.make(agency_a, owner))
        public.extend(getattr(module, "PUBLIC_PATHS", []))
    root_b = AgencyFactory(name="乙市人民政府", level=Level.CITY, kind=Kind.GOVERNMENT)
    agency_b = AgencyFactory(name="乙县机关", parent=root_b)
    outsider = member(agency_b)
    from gongkai.agencies.models import Membership

    Membership.objects.create(user=outsider, agency=root_b, role=Role.SUPERIOR_VIEWER)
    return {"values": values, "public": public, "agency_a": agency_a, "outsider": outsider}


def test_walker_finds_staff_and_api_urls() -> None:
    routes = [r for r, _k in _walk(get_resolver()) if r.startswith(("staff/", "api/"))]
    assert any("agencies" in r for r in routes)
    assert any(r.startswith("api/") for r in routes)


def test_no_cross_agency_access(world: dict[str, Any], client: Any) -> None:
    client.force_login(world["outsider"])
    agency_a = world["agency_a"]
    before = Event.objects.filter(agency=agency_a).count()
    object_kwargs = {k for k in world["values"] if k not in GLOBAL_KWARGS}
    failures: list[str] = []
    checked = 0
    for route, kwargs in _walk(get_resolver()):
        if not route.lstrip("^").startswith(("staff/", "api/")):
            continue
        path = _fill(route, world["values"])
        assert path is not None
        if any(path.startswith(p) for p in world["public"]):
            continue
        scoped = bool(set(kwargs) & object_kwargs)
        for method in ("get", "post"):
            resp = getattr(client, method)(path)
            checked += 1
            body = resp.content.decode("utf-8", "replace") if resp.status_code < 300 else ""
            if body and resp.get("Content-Type", "").startswith("application/json"):
                # django-ninja escapes non-ASCII in JSON; decode so the marker check can fire.
                body = json.dumps(resp.json(), ensure_ascii=False)
            if scoped and resp.status_code not in (403, 404, 405):
                failures.append(f"{method.upper()} {path} → {resp.status_code}")
            elif MARKER in body:
                failures.append(f"{method.upper()} {path} shows another agency's data")
    assert not failures, "cross-agency access:\n" + "\n".join(failures)
    assert Event.objects.filter(agency=agency_a).count() == before, "another agency's data was changed"
    assert checked > 0
