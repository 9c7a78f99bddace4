"""The public record page and category list read what they show in few queries (province scale, issue 16):
a record without attachments, channels or linked records costs one query; a record with them still shows
them; the list's total comes from the facet counts when at most one facet narrows it, and always equals
the number of records the filters select."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from docx import Document

from gongkai.catalog import services
from gongkai.catalog.models import Record
from gongkai.catalog.selectors import public_records
from gongkai.core.actors import SYSTEM
from gongkai.portal.cache import page_cache
from tests.catalog.helpers import draft, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_no_cache")]


@pytest.fixture
def _no_cache() -> Any:
    cache.clear()
    page_cache().clear()
    with override_settings(PORTAL_PAGE_CACHE=False):
        yield
    cache.clear()


def _docx() -> bytes:
    doc = Document()
    doc.add_paragraph("实施细则正文")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _get(client: Client, url: str, **params: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url, params)
    assert resp.status_code == 200, url
    return resp.content.decode(), len(ctx.captured_queries)


def test_a_plain_record_page_is_one_query(catalog: dict[str, Any], client: Client) -> None:
    plain = publish(catalog, draft(catalog, title="没有附件和关联的普通文件"))
    _get(client, f"/record/{plain.pk}/")  # the site identity is read once per process and kept 30 s
    html, queries = _get(client, f"/record/{plain.pk}/")
    assert queries == 1 and "没有附件和关联的普通文件" in html
    assert "其他发布渠道" not in html and 'id="att-h"' not in html and '<aside class="related"' not in html


def test_a_record_shows_its_attachments_channels_and_links(catalog: dict[str, Any], client: Client) -> None:
    record = draft(catalog, title="带附件和渠道的文件")
    services.attachment_add(record=record, name="细则.docx", data=_docx(), actor=catalog["clerk"],
                            title="附件1：实施细则")
    record = publish(catalog, record)
    services.channel_publication_add(record=record, channel="wechat", published_on=record.published_on,
                                     link="https://mp.example.gov.cn/s/1", actor=catalog["approver"])
    html, _n = _get(client, f"/record/{record.pk}/")
    assert "附件1：实施细则" in html and "其他发布渠道" in html and "https://mp.example.gov.cn/s/1" in html
    # A policy with its 解读 (inbound link) and the replaced record (outbound and inbound links).
    policy, _n = _get(client, f"/record/{catalog['policy'].pk}/")
    assert catalog["reading"].title in policy
    new, _n = _get(client, f"/record/{catalog['new'].pk}/")
    assert "本文件替代或废止的文件" in new and catalog["old"].title in new
    old, _n = _get(client, f"/record/{catalog['old'].pk}/")
    assert catalog["new"].title in old and "已修改" in old


def _total(html: str) -> int:
    found = re.search(r"<caption>共 (\d+) 条</caption>", html)
    assert found, "no total"
    return int(found.group(1))


def test_list_totals_equal_the_records_selected(catalog: dict[str, Any], client: Client) -> None:
    agency = catalog["agency"]
    other = services.category_named(agency, "工作动态", actor=SYSTEM)
    for i in range(3):
        publish(catalog, draft(catalog, title=f"工作动态{i}", category=other, topic="综合政务\\政务公开"))
    publish(catalog, draft(catalog, title="综合政务信访", category=other, topic="综合政务\\信访"))
    publish(catalog, draft(catalog, title="组织机构", topic="国务院组织机构"))
    last_year = draft(catalog, title="去年的文件")
    publish(catalog, last_year)
    Record.objects.filter(pk=last_year.pk).update(published_on=dt.date(2025, 6, 1))
    services.category_named(agency, "空分类", actor=SYSTEM)
    base = public_records().filter(agency=agency)
    this_year = base.exclude(pk=last_year.pk).first()
    assert this_year is not None and this_year.published_on is not None
    year = this_year.published_on.year
    cases: list[tuple[dict[str, str], Any]] = [
        ({}, base),
        ({"category": str(other.pk)}, base.filter(category=other)),
        ({"topic": "综合政务"}, base.filter(topic__startswith="综合政务")),
        ({"topic": "综合政务\\政务公开"}, base.filter(topic="综合政务\\政务公开")),
        ({"topic": "国务院组织机构"}, base.filter(topic__startswith="国务院组织机构")),
        ({"topic": "科技、教育\\教育"}, base.filter(topic="科技、教育\\教育")),
        ({"year": "2025"}, base.filter(published_on__year=2025)),
        ({"year": str(year)}, base.filter(published_on__year=year)),
        ({"category": str(other.pk), "year": str(year)}, base.filter(category=other, published_on__year=year)),
        ({"topic": "综合政务", "category": str(other.pk)}, base.filter(category=other, topic__startswith="综合政务")),
        ({"validity": "current"}, base.filter(validity="effective")),
        ({"q": "工作动态"}, base.filter(title__contains="工作动态")),
        ({"category": "999999"}, base.none()),
    ]
    url = f"/gk/{agency.pk}/content/"
    for params, expected in cases:
        html, _n = _get(client, url, **params)
        assert _total(html) == expected.count(), params
    # One facet (or none): no COUNT query; two facets: one COUNT more (the portal caches are off here, so
    # both requests read the three facet GROUP BYs).
    _html, plain = _get(client, url)
    _html, two = _get(client, url, category=str(other.pk), year=str(year))
    assert two == plain + 1
    assert not any("COUNT(*)" in q["sql"] for q in _captured(client, url))


def _captured(client: Client, url: str) -> list[dict[str, Any]]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return list(ctx.captured_queries)


def test_filter_fields_keep_what_was_typed_and_never_leak_it(catalog: dict[str, Any], client: Client) -> None:
    url = f"/gk/{catalog['agency'].pk}/content/"
    # The page cache is off here (every request renders); the kept filter fields are not.
    plain, _n = _get(client, url)
    current, _n = _get(client, url, validity="current")
    typed, _n = _get(client, url, q="招生", validity="current")
    wrong, _n = _get(client, url, date_from="2026-13-45")
    again, _n = _get(client, url)
    assert '<option value="current" selected>' in current and '<option value="current" selected>' not in plain
    assert 'value="招生"' in typed and '<option value="current" selected>' in typed
    assert "请输入有效日期" in wrong and 'value="2026-13-45"' in wrong
    assert again == plain and 'value="招生"' not in again and "请输入有效日期" not in again
