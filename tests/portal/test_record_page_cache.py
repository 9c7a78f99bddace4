"""Record pages are cached per record (its agency's frame version and its own version): publishing another
record of the agency leaves them cached, while every change a record page shows — the record itself, a
record linked to it (interpretation, replacement), its channels, its agency's or category's name — shows on
the very next request."""

from __future__ import annotations

import datetime as dt
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

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    page_cache().clear()
    yield
    page_cache().clear()


def _get(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200, url
    return resp.content.decode(), len(ctx.captured_queries)


def test_publishing_another_record_leaves_record_pages_cached(org: dict[str, Any], client: Client) -> None:
    aid = org["agency"].pk
    a = publish(org, draft(org, title="缓存测试甲文件"))
    _get(client, f"/record/{a.pk}/")
    _get(client, f"/gk/{aid}/content/")
    b = publish(org, draft(org, title="缓存测试乙文件"))
    html, queries = _get(client, f"/record/{a.pk}/")
    assert queries == 1 and "缓存测试甲文件" in html  # the version lookup only
    assert "缓存测试乙文件" in _get(client, f"/gk/{aid}/content/")[0]  # the list is rendered afresh
    assert "缓存测试乙文件" in _get(client, f"/record/{b.pk}/")[0]


def test_linked_records_show_their_changes_at_once(org: dict[str, Any], client: Client) -> None:
    reading_cat = services.category_named(org["agency"], "政策解读", actor=SYSTEM)
    policy = publish(org, draft(org, title="缓存测试政策文件", kind="normative"))
    assert "缓存测试解读" not in _get(client, f"/record/{policy.pk}/")[0]
    reading = publish(org, draft(org, title="缓存测试解读", category=reading_cat, interprets=policy))
    assert "缓存测试解读" in _get(client, f"/record/{policy.pk}/")[0]
    assert "缓存测试政策文件" in _get(client, f"/record/{reading.pk}/")[0]
    services.record_revise(record=policy, data={"title": "缓存测试政策文件（更正）"}, reason="更正标题",
                           actor=org["approver"])
    assert "缓存测试政策文件（更正）" in _get(client, f"/record/{reading.pk}/")[0]
    services.record_act(record=reading, action="withdraw", actor=org["approver"], reason="解读有误")
    assert "缓存测试解读" not in _get(client, f"/record/{policy.pk}/")[0]
    newer = publish(org, draft(org, title="缓存测试新版文件", kind="normative"))
    assert "本文件替代或废止的文件" not in _get(client, f"/record/{newer.pk}/")[0]
    services.record_repeal(record=policy, validity="expired", on=dt.date(2026, 3, 1), replaced_by=newer,
                           actor=org["approver"])
    assert "缓存测试新版文件" in _get(client, f"/record/{policy.pk}/")[0]
    html = _get(client, f"/record/{newer.pk}/")[0]
    assert "本文件替代或废止的文件" in html and "缓存测试政策文件（更正）" in html


def test_agency_category_and_channel_changes_show_on_record_pages(org: dict[str, Any], client: Client) -> None:
    agency = org["agency"]
    a = publish(org, draft(org, title="缓存测试框架文件"))
    _get(client, f"/record/{a.pk}/")
    services.category_update(category=a.category, name="缓存测试改名分类", ordering=a.category.ordering,
                             actor=org["approver"])
    assert "缓存测试改名分类" in _get(client, f"/record/{a.pk}/")[0]
    agency.name = "缓存测试改名机关"
    agency.save()
    assert "缓存测试改名机关" in _get(client, f"/record/{a.pk}/")[0]
    services.channel_publication_add(record=a, channel="gazette", published_on=dt.date(2026, 3, 5),
                                     actor=org["approver"])
    assert "其他发布渠道" in _get(client, f"/record/{a.pk}/")[0]


def test_record_versions_advance_only_for_the_records_touched(org: dict[str, Any]) -> None:
    a = publish(org, draft(org, title="缓存测试版本甲"))
    before = versions.current_for_record(a.pk)
    publish(org, draft(org, title="缓存测试版本乙"))
    assert versions.current_for_record(a.pk) == before is not None
    services.record_revise(record=a, data={"title": "缓存测试版本甲（更正）"}, reason="更正", actor=org["approver"])
    assert versions.current_for_record(a.pk) != before


def test_an_agency_without_a_frame_row_still_shows_its_first_agency_wide_change(org: dict[str, Any],
                                                                                 client: Client) -> None:
    from gongkai.catalog.models import PublicVersion

    a = publish(org, draft(org, title="缓存测试旧数据文件"))
    # Data loaded before record pages had their own versions: no frame row, no record row.
    PublicVersion.objects.filter(scope__in=[versions.frame_scope(a.agency_id), versions.record_scope(a.pk)]).delete()
    assert "缓存测试旧数据文件" in _get(client, f"/record/{a.pk}/")[0]
    assert _get(client, f"/record/{a.pk}/")[1] == 1  # cached under the missing rows
    services.category_update(category=a.category, name="缓存测试首次改名", ordering=a.category.ordering,
                             actor=org["approver"])
    assert "缓存测试首次改名" in _get(client, f"/record/{a.pk}/")[0]
