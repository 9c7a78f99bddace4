"""Probing: no URL of the project answers 500 to hostile path or query values (issue 9, item 8).

Every URL pattern is enumerated from the resolver at collection time (one test per pattern, so a new view
is probed as soon as it is routed). Each is requested as an anonymous visitor, as a staff user holding
every role in the agency that owns the objects, and as a platform admin, with

- path parameters filled with real object ids (so the view reaches its query-string parsing), a number
  beyond the 64-bit range, 0, and hostile strings (NUL, very long, non-ASCII digits);
- query strings setting every known parameter name at once to a hostile value: negative, huge,
  ``1e9``, NUL, non-numeric, non-ASCII digits (``²`` passes ``str.isdigit`` but not ``int``), fractions.

An answer is acceptable when it is not a 5xx and the client raised nothing. An error page must be Chinese.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import tests.access as access_pkg
from gongkai.agencies.models import Kind, Level
from tests.conftest import AgencyFactory, UserFactory, member

HUGE = "9" * 30
HOSTILE_VALUES = ["-1", "0", HUGE, "-" + HUGE, "1e9", "\x00", "abc", "²", "1.5", "", "9" * 400, "2026-13-45"]
PARAMS = ["page", "offset", "limit", "year", "category", "agency", "agency_id", "q", "status", "bucket", "kind",
          "era", "validity", "topic", "application", "open_only", "mine", "code", "phone_tail", "method",
          "count", "prior", "p", "o", "e", "fmt", "all"]
HOSTILE_QUERIES = [urlencode({name: value for name in PARAMS}) for value in HOSTILE_VALUES] + [
    urlencode([("page", "2"), ("page", "-3"), ("year", "2026"), ("year", HUGE)]),
    "&".join(f"junk{i}={i}" for i in range(50)),
]
HOSTILE_INTS = [HUGE, "0"]
HOSTILE_STRS = ["%00", quote("中文" * 60), "x" * 300, "..%2F..%2Fetc"]


def _walk(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    out: list[tuple[str, URLPattern]] = []
    for p in resolver.url_patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            out.extend(_walk(p, route))
        elif isinstance(p, URLPattern):
            out.append((route, p))
    return out


def _routes() -> list[str]:
    # Django's admin registers dozens of per-model patterns with the same views; one model's set probes them.
    keep = []
    for route, _p in _walk(get_resolver()):
        if route.startswith("admin/") and "auth/user" not in route and "(?P<app_label>" not in route \
                and route.count("/") > 1:
            continue
        keep.append(route)
    return sorted(set(keep))


def _converters(route: str) -> dict[str, str]:
    conv = {m.group(2): m.group(1) or "str" for m in re.finditer(r"<(?:(\w+):)?(\w+)>", route)}
    conv.update({m.group(1): "regex" for m in re.finditer(r"\(\?P<(\w+)>", route)})
    return conv


def _fill(route: str, values: dict[str, str]) -> str:
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\/", "/")
    path = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: values[m.group(2)], route)
    path = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda m: values[m.group(1)], path)
    return "/" + path


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """Objects of one agency (from tests/access) and three identities, created once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        root = AgencyFactory(name="探测市人民政府", level=Level.CITY, kind=Kind.GOVERNMENT)
        agency = AgencyFactory(name="探测县机关", parent=root)
        owner = member(agency)
        values: dict[str, str] = {"year": "2026"}
        for info in pkgutil.iter_modules(access_pkg.__path__):
            module = importlib.import_module(f"tests.access.{info.name}")
            values.update({k: str(v) for k, v in module.make(agency, owner).items()})
        from gongkai.applications.models import Application

        app = Application.objects.get(pk=int(values["application_id"]))
        values.update({"code": app.tracking_code, "fmt": "html", "export_kind": "json", "app_label": "auth",
                       "object_id": str(owner.pk), "content_type_id": "1", "url": "x", "path": "x"})
        admin = UserFactory(username="probe-admin")
        admin.is_staff = admin.is_superuser = True
        admin.save()
        yield {"values": values, "owner": owner, "admin": admin}
        transaction.set_rollback(True)


def _probe(client: Client, path: str, queries: list[str], failures: list[str], who: str) -> None:
    for query in queries:
        url = f"{path}?{query}" if query else path
        try:
            resp = client.get(url)
        except Exception as exc:  # the client re-raises a view's exception: that is the 500 we hunt
            failures.append(f"{who} GET {url[:160]} → {type(exc).__name__}: {str(exc)[:120]}")
            continue
        if resp.status_code >= 500:
            failures.append(f"{who} GET {url[:160]} → {resp.status_code}")
        elif resp.status_code in (400, 403, 404) and resp.get("Content-Type", "").startswith("text/html"):
            text = resp.content.decode("utf-8", "replace")
            if not re.search(r"[\u4e00-\u9fff]", text):
                failures.append(f"{who} GET {url[:160]} → {resp.status_code} page without Chinese")


@pytest.mark.parametrize("route", _routes())
def test_hostile_values_never_500(route: str, world: dict[str, Any], db: Any) -> None:
    conv = _converters(route)
    values = world["values"]
    real = {k: values.get(k, "1") for k in conv}
    variants = [(_fill(route, real), HOSTILE_QUERIES)]
    for name, kind in conv.items():
        # django-ninja routes capture ``{name}`` as a plain string, so a string slot also gets numbers.
        for bad in HOSTILE_INTS if kind == "int" else [*HOSTILE_STRS, *HOSTILE_INTS, "-1"] if kind in (
                "str", "path") else []:
            variants.append((_fill(route, {**real, name: bad}), [""]))
    failures: list[str] = []
    for who in ("anonymous", "staff", "admin"):
        client = Client()
        if who != "anonymous":
            client.force_login(world["owner"] if who == "staff" else world["admin"])
        for path, queries in variants:
            _probe(client, path, queries, failures, who)
    assert not failures, "hostile requests failed:\n" + "\n".join(failures)


def test_walker_covers_the_project() -> None:
    routes = _routes()
    for prefix in ("staff/", "api/", "apply/", "nianbao/", "gk/", "search/", "admin/"):
        assert any(r.startswith(prefix) for r in routes), prefix
