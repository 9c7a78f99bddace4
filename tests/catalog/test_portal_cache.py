"""The portal's page cache: a committed change to public output shows on the very next request
(record page, category list, portal home), and an unchanged page is served from the cache."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gongkai.catalog import services, versions
from gongkai.core.actors import SYSTEM
from gongkai.portal.cache import page_cache
from tests.catalog.helpers import draft, publish


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    page_cache().clear()
    yield
    page_cache().clear()


def _get(client: Client, url: str) -> str:
    resp = client.get(url)
    assert resp.status_code == 200, url
    return resp.content.decode()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_unchanged_pages_are_served_from_the_cache_with_one_query(org: dict[str, Any], client: Client) -> None:
    a = publish(org, draft(org, title="缓存测试第一份文件"))
    aid = org["agency"].pk
    for url in ("/", f"/gk/{aid}/content/", f"/record/{a.pk}/", f"/gk/{aid}/guide/"):
        first = _queries(client, url)
        assert _queries(client, url) == 1 < first, url  # the version lookup only


def test_publication_shows_at_once_on_cached_pages(org: dict[str, Any], client: Client) -> None:
    aid = org["agency"].pk
    a = publish(org, draft(org, title="缓存测试第一份文件"))
    pages = ["/", f"/gk/{aid}/", f"/gk/{aid}/content/", f"/gk/{aid}/content/?page=1", f"/record/{a.pk}/"]
    for url in pages:
        assert "缓存测试第一份文件" in _get(client, url)
    b = publish(org, draft(org, title="缓存测试第二份文件"))
    for url in pages[:4]:
        assert "缓存测试第二份文件" in _get(client, url), url
    assert "缓存测试第二份文件" in _get(client, f"/record/{b.pk}/")


def test_revision_and_withdrawal_show_at_once(org: dict[str, Any], client: Client) -> None:
    aid = org["agency"].pk
    a = publish(org, draft(org, title="缓存测试原标题"))
    other = publish(org, draft(org, title="缓存测试另一份"))
    for url in (f"/record/{a.pk}/", f"/gk/{aid}/content/", "/", f"/record/{other.pk}/"):
        _get(client, url)
    services.record_revise(record=a, data={"title": "缓存测试更正后标题"}, reason="更正标题", actor=org["approver"])
    assert "缓存测试更正后标题" in _get(client, f"/record/{a.pk}/")
    assert "缓存测试更正后标题" in _get(client, f"/gk/{aid}/content/")
    services.record_act(record=a, action="withdraw", actor=org["approver"], reason="内容有误")
    assert client.get(f"/record/{a.pk}/").status_code == 404
    assert "缓存测试更正后标题" not in _get(client, f"/gk/{aid}/content/")
    assert "缓存测试更正后标题" not in _get(client, "/")
    services.record_repeal(record=other, validity="repealed", on=other.published_on, actor=org["approver"])
    assert "废止" in _get(client, f"/record/{other.pk}/")


def test_category_and_agency_edits_show_at_once(org: dict[str, Any], client: Client) -> None:
    agency = org["agency"]
    publish(org, draft(org, title="缓存测试分类文件"))
    _get(client, f"/gk/{agency.pk}/content/")
    guide = _get(client, f"/gk/{agency.pk}/guide/")
    assert "缓存测试新分类" not in guide
    category = services.category_named(agency, "政策法规", actor=SYSTEM)
    services.category_update(category=category, name="缓存测试新分类", ordering=category.ordering,
                             actor=org["approver"])
    assert "缓存测试新分类" in _get(client, f"/gk/{agency.pk}/content/")
    assert "缓存测试新分类" in _get(client, f"/gk/{agency.pk}/guide/")
    agency.name = "缓存测试改名后的机关"
    agency.save()
    assert "缓存测试改名后的机关" in _get(client, f"/gk/{agency.pk}/")
    assert "缓存测试改名后的机关" in _get(client, "/")


def test_logged_in_users_and_flash_messages_bypass_the_cache(org: dict[str, Any], client: Client) -> None:
    url = f"/gk/{org['agency'].pk}/content/"
    _get(client, url)
    client.force_login(org["clerk"])
    assert _queries(client, url) > 1


def test_versions_advance_platform_and_linked_agencies(org: dict[str, Any]) -> None:
    aid = org["agency"].pk
    before = (versions.current(aid), versions.current(versions.PLATFORM))
    publish(org, draft(org, title="缓存测试版本"))
    after = (versions.current(aid), versions.current(versions.PLATFORM))
    assert None not in before and None not in after
    assert after[0] > before[0] and after[1] > before[1]  # type: ignore[operator]
