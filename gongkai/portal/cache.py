"""Server-side cache of rendered public pages, correct across processes.

A page is cached under its absolute URL, today's date and the public catalog version of the agency
it shows (``gongkai.catalog.versions``; the platform scope for the portal home). Every catalog
write that changes public output bumps that version in its own transaction, and agency edits bump it
through a ``post_save`` signal, so the next request after the commit misses the cache and renders
fresh. A record page keys on narrower versions (its agency's frame and the record's own): a
publication invalidates the agency's lists and the pages of the records it touches, not every record
page of the agency. A hit costs one primary-key query. Only anonymous GET/HEAD requests without pending flash
messages are served from or stored in the cache; errors and non-200 responses are never stored.

Keys are bounded (issue 9, item 12): a key names the page's path and only the query parameters that
page declares (``QueryParams``), each normalised to its canonical value in a fixed order; unknown
parameters are dropped, so ``?x=1`` and ``?y=2`` share the plain page's entry. A request whose declared
parameter has a value outside its domain is rendered but never stored. Entries live at most
``PAGE_SECONDS``; with Redis, ``maxmemory`` + ``allkeys-lru`` bounds memory (docs/deployment.md).

Storage: the ``portal`` cache alias when configured, else a shared default cache (Redis), else a
process-local LocMem of ``PAGE_ENTRIES`` pages.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import BaseCache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse

from gongkai.catalog import versions
from gongkai.core import clock
from gongkai.core.params import MAX_ID, MAX_YEAR, MIN_YEAR, page_number, parse_int
from gongkai.portal import site

PAGE_SECONDS = 600  # an upper bound only; correctness comes from the version in the key

Scope = Callable[..., "tuple[str, int | str] | None"]


# A normaliser maps a raw query value to its canonical form: "" means the default (left out of the key),
# None means outside the parameter's domain (the request is not cached).
Normaliser = Callable[[str], "str | None"]
QueryParams = Mapping[str, Normaliser]


def norm_page(raw: str) -> str | None:
    """Same rule as the views' ``page_number``: junk is page 1, huge values are clamped."""
    number = page_number(raw)
    return "" if number == 1 else str(number)


def norm_id(raw: str) -> str | None:
    if not raw.strip():
        return ""
    value = parse_int(raw, lo=1, hi=MAX_ID)
    return None if value is None else str(value)


def norm_year(raw: str) -> str | None:
    if not raw.strip():
        return ""
    value = parse_int(raw, lo=MIN_YEAR, hi=MAX_YEAR)
    return None if value is None else str(value)


def norm_choice(choices: frozenset[str]) -> Normaliser:
    def norm(raw: str) -> str | None:
        return raw if raw in choices or raw == "" else None

    return norm


def norm_uncached(raw: str) -> str | None:
    """Free text and dates: the page is cached only while the parameter is empty."""
    return "" if not raw.strip() else None


PAGED: QueryParams = {"page": norm_page}
_NO_STORE_ATTR = "_gongkai_page_not_cacheable"
_SCOPE_ATTR = "_gongkai_page_scope"


def not_cacheable(request: HttpRequest) -> None:
    """Called by a view whose request names nothing that exists (a page past the last, a category or year
    without records): the page is rendered but not stored, so such values cannot multiply the keys."""
    setattr(request, _NO_STORE_ATTR, True)


def canonical_query(request: HttpRequest, params: QueryParams) -> str | None:
    """The page's declared parameters in canonical form and fixed order, or None when one is invalid.
    A repeated parameter counts by its last value, as ``QueryDict.get`` (the views' reader) does."""
    parts = []
    for name in sorted(params):
        value = params[name](request.GET.get(name, ""))
        if value is None:
            return None
        if value:
            parts.append(f"{name}={quote(value)}")
    return "&".join(parts)


PAGE_ENTRIES = 2000  # per process when the pages live in local memory (~15 KB a page)
_local: BaseCache | None = None


def page_cache() -> BaseCache:
    """The ``portal`` cache alias if configured; else the default cache if it is shared (Redis…);
    else a process-local LocMem sized for the pages (the default LocMem keeps only 300 entries)."""
    global _local
    if "portal" in settings.CACHES:
        return caches["portal"]
    if not settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return caches["default"]
    if _local is None:
        _local = LocMemCache("gongkai-portal-pages", {"OPTIONS": {"MAX_ENTRIES": PAGE_ENTRIES}})
    return _local


def agency_scope(request: HttpRequest, agency_id: int, **_: Any) -> tuple[str, int | str] | None:
    version = versions.current(int(agency_id))
    return None if version is None else (f"a{agency_id}", version)


def platform_scope(request: HttpRequest, **_: Any) -> tuple[str, int | str] | None:
    version = versions.current(versions.PLATFORM)
    return None if version is None else ("p", version)


def record_scope(request: HttpRequest, record_id: int, **_: Any) -> tuple[str, int | str] | None:
    """A record page keys on its agency's frame version and its own version, not on the agency's list
    version: publishing another record of the agency leaves this page cached (``catalog.versions``)."""
    found = versions.current_for_record(int(record_id))
    return None if found is None else (f"r{found[0]}", found[1])


def agency_version(request: HttpRequest, agency_id: int) -> int | None:
    """The agency's public catalog version as the page cache read it for this request (no second
    query), else read now."""
    found = getattr(request, _SCOPE_ATTR, None)
    if found is not None and found[0] == f"a{agency_id}":
        return int(found[1])
    return versions.current(agency_id)


def enabled() -> bool:
    """The portal's caches (pages and the fragments the views keep) are on; ``PORTAL_PAGE_CACHE = False``
    turns them all off, only to measure the cold path (bench/catalog_settings.py)."""
    return bool(getattr(settings, "PORTAL_PAGE_CACHE", True))


def _cacheable(request: HttpRequest) -> bool:
    if not enabled():
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return len(get_messages(request)) == 0  # type: ignore[arg-type]


def cached_page(scope: Scope, params: QueryParams | None = None,
                ) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a public view: serve the stored rendering while its scope's version is unchanged.
    ``params`` declares the query parameters the view reads (none by default); the view must read them
    through the same normalisation, so every URL mapped to one key renders the same page."""
    declared: QueryParams = params or {}

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            found = scope(request, **kwargs)
            if found is None:
                return view(request, *args, **kwargs)
            name, version = found
            setattr(request, _SCOPE_ATTR, found)
            query = canonical_query(request, declared)
            if query is None:
                return view(request, *args, **kwargs)
            url = request.build_absolute_uri(request.path) + ("?" + query if query else "")
            # The site identity (footer) and the visitor's 长者模式 change the page too.
            identity = f"{site.current().stamp}|{'elder' if site.is_elder(request) else ''}"
            key = "portal:page:" + hashlib.sha1(
                f"{name}|{version}|{clock.today().isoformat()}|{identity}|{url}".encode()).hexdigest()
            store = page_cache()
            hit = store.get(key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.has_header("Set-Cookie") \
                    and not response.cookies and not getattr(request, _NO_STORE_ATTR, False):
                store.set(key, (response.content, response["Content-Type"]), PAGE_SECONDS)
            return response

        return wrapper

    return decorate
