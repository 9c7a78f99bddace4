"""Staff pages and public portal pages, through the Django test client."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.catalog import services
from gongkai.catalog.models import Record
from gongkai.core.actors import SYSTEM
from tests.catalog.helpers import draft, publish


def _form(org: dict[str, Any], **over: Any) -> dict[str, Any]:
    cat = services.category_named(org["agency"], "工作动态", actor=SYSTEM)
    data = {"agency": org["agency"].pk, "title": "示例县教育局召开秋季开学工作部署会", "doc_number": "",
            "topic": "科技、教育\\教育", "category": cat.pk, "keywords": "开学", "issuing_organ": "",
            "department": "办公室", "written_on": "2026-08-25", "formed_on": "2026-08-25",
            "disclosure": "proactive", "legal_ground": "", "form": "full", "kind": "", "interprets": "",
            "summary": "部署秋季开学各项工作。", "body": "<p>会议要求<b>压实责任</b>。</p>"}
    data.update(over)
    return data


def test_staff_flow_through_pages(org: dict[str, Any], client: Any, django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(org["clerk"])
    resp = client.post("/staff/catalog/new/", _form(org))
    assert resp.status_code == 302
    record = Record.objects.get()
    rid = record.pk
    bad = SimpleUploadedFile("x.pdf", b"not a pdf")
    client.post(f"/staff/catalog/{rid}/attachments/", {"file": bad})
    assert record.attachments.count() == 0
    page = client.get(f"/staff/catalog/{rid}/").content.decode()
    assert "内容与扩展名 .pdf 不符" in page
    resp = client.post(f"/staff/catalog/{rid}/edit/", _form(org, title="示例县教育局召开2026年秋季开学工作部署会"))
    assert resp.status_code == 302
    client.post(f"/staff/catalog/{rid}/submit/")
    client.force_login(org["reviewer"])
    client.post(f"/staff/catalog/{rid}/review/", {"decision": "return", "opinion": "标题年份缺失"})
    assert Record.objects.get(pk=rid).status == "returned"
    client.force_login(org["clerk"])
    client.post(f"/staff/catalog/{rid}/submit/")
    client.force_login(org["reviewer"])
    client.post(f"/staff/catalog/{rid}/review/", {"decision": "pass", "opinion": "不涉密，同意公开"})
    client.force_login(org["approver"])
    client.post(f"/staff/catalog/{rid}/approve/", {"decision": "approve"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/catalog/{rid}/publish/")
    record.refresh_from_db()
    assert record.status == "published" and record.index_number
    resp = client.post(f"/staff/catalog/{rid}/revise/", {**_form(org, summary="部署秋季开学及安全工作。"),
                                                          "reason": "补充内容概述"})
    assert resp.status_code == 302
    client.post(f"/staff/catalog/{rid}/channels/", {"channel": "wechat", "published_on": "2026-08-26",
                                                     "link": "https://mp.example.cn/1", "note": ""})
    public = client.get(f"/record/{rid}/").content.decode()
    assert record.index_number in public and "补充内容概述" in public and "政务微信" in public
    dash = client.get("/staff/").content.decode()
    assert "公开时效" in dash


def test_agency_pages(org: dict[str, Any], client: Any) -> None:
    agency = org["agency"]
    assert client.post(f"/staff/catalog/agency/{agency.pk}/figures/").url.startswith("/staff/login/")
    client.force_login(org["reviewer"])
    assert client.post(f"/staff/catalog/agency/{agency.pk}/figures/", {
        "period_start": "2026-01-01", "period_end": "2026-06-30", "licensing": "5", "penalty": "1",
        "coercion": "0", "fees": "1.25", "note": ""}).status_code == 403
    client.force_login(org["clerk"])
    resp = client.post(f"/staff/catalog/agency/{agency.pk}/figures/", {
        "period_start": "2026-01-01", "period_end": "2026-06-30", "licensing": "5", "penalty": "1",
        "coercion": "0", "fees": "1.25", "note": ""})
    assert resp.status_code == 302
    resp = client.post(f"/staff/catalog/agency/{agency.pk}/figures/", {
        "period_start": "2026-11-01", "period_end": "2027-01-31", "licensing": "5", "penalty": "1",
        "coercion": "0", "fees": "1", "note": ""})
    assert "统计期间不能跨年" in resp.content.decode()
    client.post(f"/staff/catalog/agency/{agency.pk}/channels/", {
        "channel": "gazette", "period_start": "2026-01-01", "period_end": "2026-12-31", "count": "12", "note": ""})
    # The count's own cell: a bare "12" would also match the date 2026-12-31 on the same row.
    assert "<td>12</td>" in client.get(f"/staff/catalog/agency/{agency.pk}/channels/").content.decode()
    assert client.post(f"/staff/catalog/agency/{agency.pk}/categories/", {"name": "新分类", "ordering": 5}
                       ).status_code == 403  # clerk is not an agency admin
    client.force_login(org["all"])
    client.post(f"/staff/catalog/agency/{agency.pk}/categories/", {"name": "新分类", "ordering": 5})
    assert "新分类" in client.get(f"/staff/catalog/agency/{agency.pk}/categories/").content.decode()
    data = client.get(f"/api/catalog/agencies/{agency.pk}/figures/2026").json()
    assert data["table2"]["licensing"] == 5 and data["channels"]["gazette"] == 12


def test_public_portal(org: dict[str, Any], client: Any, django_capture_on_commit_callbacks: Any) -> None:
    agency = org["agency"]
    agency.address, agency.phone = "示例县人民路8号", "0571-12345678"
    agency.save()
    with django_capture_on_commit_callbacks(execute=True):
        policy = publish(org, draft(org, kind="normative"), now=dt.datetime(2026, 3, 10, 2, tzinfo=dt.UTC))
        interp = publish(org, draft(org, title="《招生入学工作方案》政策解读", interprets=policy,
                                    category=services.category_named(agency, "政策解读", actor=SYSTEM)))
        hidden = draft(org, title="尚未发布的草稿")
        services.record_publish_generated(agency=agency, title="测试县教育局2025年政府信息公开工作年度报告",
                                          category_name="政府信息公开年报", body_html="<p>年报</p>",
                                          formed_on=dt.date(2026, 1, 20), actor=org["approver"])
    home = client.get("/").content.decode()
    assert agency.name in home and "县级" in home
    guide = client.get(f"/gk/{agency.pk}/guide/").content.decode()
    assert "示例县人民路8号" in guide and "0571-12345678" in guide and "政策解读" in guide
    page = client.get(f"/record/{policy.pk}/").content.decode()
    for label in ("索引号", "主题分类", "发布机构", "成文日期", "发文字号", "发布日期", "有效性"):
        assert f">{label}<" in page
    assert policy.index_number in page and "示教〔2026〕3号" in page and interp.title in page
    assert re.search(r'<meta name="ArticleTitle" content="[^"]*招生入学工作方案', page)
    for name in ("PubDate", "ContentSource", "Keywords", "Author", "Description", "Url", "SiteName", "ColumnName"):
        assert f'<meta name="{name}"' in page
    assert "<script>" not in page
    assert policy.title in client.get(f"/record/{interp.pk}/").content.decode()
    assert client.get(f"/record/{hidden.pk}/").status_code == 404
    content = client.get(f"/gk/{agency.pk}/content/?year=2026&topic=科技、教育").content.decode()
    assert policy.title in content and "共 2 条" in content
    assert "共 0 条" in client.get(f"/gk/{agency.pk}/content/?year=2025").content.decode()
    assert "年度报告" in client.get(f"/gk/{agency.pk}/annual-reports/").content.decode()
    assert 'href="/apply/"' in client.get(f"/gk/{agency.pk}/").content.decode()
    feed = client.get(f"/gk/{agency.pk}/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml") and policy.title in feed.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/record/{policy.pk}/" in sitemap and f"/record/{hidden.pk}/" not in sitemap
    found = client.get("/search/", {"q": "招生入学", "agency": agency.pk}).content.decode()
    assert "找到 2 条" in found and "<mark>" in found
    assert 'name="category"' in found and 'name="topic"' in found  # facets are in the form, not only the URL
    params = {"q": "招生入学", "agency": agency.pk, "category": "政策解读"}
    by_category = client.get("/search/", params).content.decode()
    assert "找到 1 条" in by_category and interp.title in by_category
