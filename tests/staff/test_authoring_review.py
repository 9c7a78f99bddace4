"""Authoring and confidentiality review through the staff pages (issue 13 items 8, 9): the form is grouped
by the metadata, 正文 is cleaned on save, attachments carry display names and an order, the public page
can be previewed before publication, the reviewer opens each attachment inside the page and records a
保密审查意见 whose text and author are on the record's history."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from gongkai.catalog import services
from gongkai.catalog.models import Attachment, Record, ReviewOpinion
from gongkai.core.models import Event
from tests.staff.helpers import draft, office

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx(*paragraphs: str, heading: str = "") -> bytes:
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "年度", "里程"
    table.cell(1, 0).text, table.cell(1, 1).text = "2026", "120"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 0, 0)).save(out, format="PNG")
    return out.getvalue()


def test_form_is_grouped_required_first_with_the_editor_served_locally(client: Any) -> None:
    org = office()
    client.force_login(org["clerk"])
    page = client.get(f"/staff/catalog/new/?agency={org['agency'].pk}").content.decode()
    legends = [page.index(f"<legend>{w}</legend>") for w in ("必填信息", "文件信息", "关联与分类", "正文",
                                                             "由平台生成的信息")]
    assert legends == sorted(legends)
    required = page[legends[0]:legends[1]]
    assert all(f'id="id_{f}"' in required for f in ("title", "category", "topic", "formed_on", "disclosure"))
    assert 'src="/static/catalog/vendor/trix/trix.umd.min.js"' in page and "data-rich-text" in page
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page)  # nothing from another host
    assert "发布时按本机关编码和年份自动生成" in page


def test_body_is_sanitised_and_preview_shows_the_public_page_unpublished(client: Any) -> None:
    org = office()
    client.force_login(org["clerk"])
    category = services.category_named(org["agency"], "规划计划", actor=org["clerk"])
    response = client.post("/staff/catalog/new/", {
        "agency": org["agency"].pk, "title": "养护计划征求意见", "category": category.pk, "topic": "工业、交通\\公路",
        "formed_on": "2026-10-12", "disclosure": "proactive", "form": "full",
        "body": "<div><strong>一、</strong>目标<br>二、<script>alert(1)</script>措施</div><img src=x onerror=y()>"})
    assert response.status_code == 302
    record = Record.objects.get(title="养护计划征求意见")
    assert "<strong>一、</strong>" in record.body and "script" not in record.body and "onerror" not in record.body
    page = client.get(f"/staff/catalog/{record.pk}/preview/").content.decode()
    assert "这是发布后公开页面的样子，尚未公开" in page and "（发布时生成）" in page
    assert "<strong>一、</strong>" in page and "None" not in page
    assert client.get(f"/record/{record.pk}/").status_code == 404  # still not public


def test_attachment_names_and_order(client: Any) -> None:
    org = office()
    record = draft(org)
    first = services.attachment_add(record=record, name="plan.docx", data=_docx("一、目标"), actor=org["clerk"])
    second = services.attachment_add(record=record, name="list.pdf", data=PDF, title="附件2：路段清单",
                                     actor=org["clerk"])
    assert (first.position, second.position) == (1, 2) and second.display_name == "附件2：路段清单"
    client.force_login(org["clerk"])
    client.post(f"/staff/catalog/{record.pk}/attachments/arrange/", {
        f"title-{first.pk}": "附件2：养护计划", f"position-{first.pk}": "2",
        f"title-{second.pk}": "附件1：路段清单", f"position-{second.pk}": "1"})
    assert [a.display_name for a in record.attachments.all()] == ["附件1：路段清单", "附件2：养护计划"]
    assert Event.objects.filter(action="catalog.attachment.arrange").count() == 1
    page = client.get(f"/staff/catalog/{record.pk}/preview/").content.decode()
    assert page.index("附件1：路段清单") < page.index("附件2：养护计划")
    services.record_act(record=record, action="submit", actor=org["clerk"])
    client.post(f"/staff/catalog/{record.pk}/attachments/arrange/", {f"title-{first.pk}": "改名"})
    assert Attachment.objects.get(pk=first.pk).title == "附件2：养护计划"  # frozen once submitted


def test_reviewer_opens_each_attachment_inline(client: Any) -> None:
    org = office()
    record = draft(org)
    doc = services.attachment_add(record=record, name="plan.docx", actor=org["clerk"],
                                  data=_docx("三、资金<script>x</script>保障", heading="养护计划"))
    pdf = services.attachment_add(record=record, name="list.pdf", data=PDF, actor=org["clerk"])
    png = services.attachment_add(record=record, name="map.png", data=_png(), actor=org["clerk"])
    services.record_act(record=record, action="submit", actor=org["clerk"])
    client.force_login(org["reviewer"])
    base = f"/staff/catalog/{record.pk}/attachments"

    page = client.get(f"{base}/{doc.pk}/").content.decode()
    assert "<h3>养护计划</h3>" in page and "三、资金&lt;script&gt;x&lt;/script&gt;保障" in page
    assert "<td>2026</td><td>120</td>" in page and "下一个附件" in page

    page = client.get(f"{base}/{pdf.pk}/").content.decode()
    assert f'<iframe class="preview-frame" id="attachment-frame" src="{base}/{pdf.pk}/file/"' in page
    served = client.get(f"{base}/{pdf.pk}/file/")
    assert served["Content-Type"] == "application/pdf" and served["X-Frame-Options"] == "SAMEORIGIN"
    assert "inline" in served["Content-Disposition"]
    assert "frame-ancestors 'self'" in served["Content-Security-Policy"]

    page = client.get(f"{base}/{png.pk}/").content.decode()
    assert f'<img class="preview-image" id="attachment-image" src="{base}/{png.pk}/file/"' in page
    assert client.get(f"{base}/{png.pk}/file/")["Content-Type"] == "image/png"


def test_opinion_is_required_and_lands_on_the_history_with_the_reviewer(client: Any) -> None:
    org = office()
    record = draft(org)
    services.attachment_add(record=record, name="list.pdf", data=PDF, title="附件1：路段清单", actor=org["clerk"])
    services.record_act(record=record, action="submit", actor=org["clerk"])
    client.force_login(org["reviewer"])
    response = client.post(f"/staff/catalog/{record.pk}/review/", {"decision": "pass", "opinion": "  "})
    assert response.status_code == 400 and "请填写保密审查意见" in response.content.decode()
    assert Record.objects.get(pk=record.pk).status == "submitted"
    opinion = "经审查，正文和附件1不涉及国家秘密和个人隐私，同意公开。"
    client.post(f"/staff/catalog/{record.pk}/review/", {"decision": "pass", "opinion": opinion})
    assert Record.objects.get(pk=record.pk).status == "reviewed"
    saved = ReviewOpinion.objects.get(record=record)
    assert (saved.decision, saved.opinion, saved.reviewer, saved.attachments) == (
        "pass", opinion, org["reviewer"], ["附件1：路段清单"])
    client.force_login(org["approver"])
    page = client.get(f"/staff/catalog/{record.pk}/").content.decode()
    history = page[page.index('id="ev-h"'):]
    assert f"保密审查 李强 保密审查通过：{opinion}" in history
    assert "通过，同意公开</strong> · 保密审查 李强" in page


def test_return_with_opinion_goes_back_to_the_clerk(client: Any) -> None:
    org = office()
    record = services.record_act(record=draft(org), action="submit", actor=org["clerk"])
    client.force_login(org["reviewer"])
    client.post(f"/staff/catalog/{record.pk}/review/", {"decision": "return", "opinion": "附件含个人电话，请删除"})
    record.refresh_from_db()
    assert record.status == "returned" and record.return_reason == "附件含个人电话，请删除"


def test_public_page_lists_attachments_by_display_name_in_order(client: Any) -> None:
    from tests.catalog.helpers import OPINION

    org = office()
    record = draft(org)
    # Real documents: publication makes a cleaned public copy of each (core.scrub), which needs a readable file.
    services.attachment_add(record=record, name="list.docx", data=_docx("县道X012线"), title="附件2：路段清单",
                            actor=org["clerk"])
    services.attachment_add(record=record, name="plan.docx", data=_docx("一、目标"), actor=org["clerk"])
    first, second = record.attachments.all()
    services.attachments_arrange(record=record, arrangement={first.pk: ("附件2：路段清单", 2),
                                                             second.pk: ("附件1：养护计划", 1)}, actor=org["clerk"])
    for action, who in (("submit", "clerk"), ("review_pass", "reviewer"), ("approve", "approver"),
                        ("publish", "approver")):
        record = services.record_act(record=record, action=action, actor=org[who], reason=OPINION)
    page = client.get(f"/record/{record.pk}/").content.decode()
    assert page.index("附件1：养护计划") < page.index("附件2：路段清单") and "plan.docx" not in page
