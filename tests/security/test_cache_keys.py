"""The portal page cache cannot be filled with junk (issue 9, item 12).

3,000 anonymous requests with junk query strings (unknown parameters, hostile values of the declared
ones, pages past the last, categories and years that name nothing, shuffled parameter order) go to the
cached portal pages. Before the fix every distinct URL was a key (3,001 keys); now the key names only the
page's declared parameters in canonical form, so the count stays at the handful of real pages.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.core.actors import SYSTEM
from gongkai.portal.cache import PAGE_SECONDS, page_cache
from tests.catalog.helpers import draft, publish
from tests.conftest import AgencyFactory, member

BIG_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
             # Large enough that LocMem's own culling cannot hide unbounded growth.
             "portal": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "probe-pages",
                        "OPTIONS": {"MAX_ENTRIES": 100_000}}}


@pytest.fixture
def org(db: Any) -> dict[str, Any]:
    """An agency with its default categories and one member per catalog role (as tests/catalog uses)."""
    agency = AgencyFactory(name="缓存测试县教育局")
    services.categories_ensure(agency=agency, actor=SYSTEM)
    return {"agency": agency, "clerk": member(agency, Role.CLERK), "reviewer": member(agency, Role.REVIEWER),
            "approver": member(agency, Role.APPROVER), "approver2": member(agency, Role.APPROVER)}


@pytest.fixture
def pages() -> Iterator[Any]:
    with override_settings(CACHES=BIG_CACHE):
        store = page_cache()
        store.clear()
        yield store
        store.clear()
        caches["portal"].close()


def _junk(i: int, rng: random.Random, category_id: int) -> str:
    kind = i % 10
    return [
        f"utm_source=x{i}",
        f"page=abc{i}",
        f"page={10**30 + i}",
        f"page={50 + i}",  # past the last page
        f"year=-{i}",
        f"year={1900 + i % 150}",  # a plausible year without records
        f"category={10_000 + i}",  # a category that does not exist
        f"topic=junk{i}&page=1",
        f"category={category_id}&utm={i}&page=1",
        "&".join(rng.sample([f"a{i}=1", "page=1", f"b{i}=2", f"category={category_id}"], 4)),
    ][kind]


def test_junk_query_strings_make_a_bounded_number_of_keys(org: dict[str, Any], pages: Any) -> None:
    category_id = publish(org, draft(org, title="缓存键测试文件")).category_id
    aid = org["agency"].pk
    rng = random.Random(9)
    client = Client()
    statuses: set[int] = set()
    for i in range(3000):
        path = [f"/gk/{aid}/content/", f"/gk/{aid}/rules/"][i % 2]
        resp = client.get(f"{path}?{_junk(i, rng, category_id)}")
        statuses.add(resp.status_code)
    assert statuses <= {200, 400}
    keys = len(pages._cache)
    # content, content?category=<real>, rules — plus at most a few legitimate variants.
    assert keys <= 6, f"{keys} cache keys after 3,000 junk query strings"


def test_junk_parameters_do_not_leak_into_cached_pager_links(org: dict[str, Any], pages: Any) -> None:
    for n in range(25):  # more than one page of 20
        publish(org, draft(org, title=f"分页文件{n}"))
    aid = org["agency"].pk
    client = Client()
    first = client.get(f"/gk/{aid}/content/?evil=%22%3E%3Cscript%3E&page=1").content.decode()
    assert "evil" not in first and "page=2" in first
    assert client.get(f"/gk/{aid}/content/").content.decode() == first


def test_entries_expire() -> None:
    assert 0 < PAGE_SECONDS <= 3600


@pytest.mark.parametrize("query", ["category=abc", "year=0", f"year={10**30}", "category=²"])
def test_invalid_filters_are_400_and_not_cached(org: dict[str, Any], pages: Any, query: str) -> None:
    aid = org["agency"].pk
    resp = Client().get(f"/gk/{aid}/content/?{query}")
    assert resp.status_code == 400 and "请求有误" in resp.content.decode()
    assert len(pages._cache) == 0

