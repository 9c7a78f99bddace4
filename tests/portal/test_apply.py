"""The online application as a citizen meets it: identity numbers checked by their document type's rule
(GB 11643 check digit, GB 32100 credit code, permits, passports), length limits, 法定代表人/联系人 for
organisations, the printable 回执 with received date, statutory due date and tracking code, and the status
page's steps in plain words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from gongkai.applications import idcheck
from gongkai.applications.models import Application

NOW = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)  # Monday 09:30 in Shanghai


@pytest.mark.parametrize(("number", "ok"), [
    ("110101199001061234", True), ("11010119900106123x", False), ("110101199001011234", False),
    ("11010519491231002X", True), ("11010519491231002x", True), ("110105194912310021", False),
    ("110101199002301234", False),  # 30 February
    ("110101900106123", False),  # first-generation 15 digits
    ("1101011990010612345", False),
])
def test_gb11643(number: str, ok: bool) -> None:
    assert (idcheck.problem("id_card", number) == "") is ok


def test_gb11643_reasons_are_chinese_and_specific() -> None:
    assert "校验位" in idcheck.problem("id_card", "110101199001011234")
    assert "出生日期" in idcheck.problem("id_card", "110101199002301234")
    assert "15位" in idcheck.problem("id_card", "110101900106123")


@pytest.mark.parametrize(("kind", "number", "ok"), [
    ("credit_code", "91330100MA2XXXXX1B", True), ("credit_code", "91330100MA2XXXXX1Y", False),
    ("credit_code", "91350100M000100Y43", True), ("credit_code", "9135010OM000100Y43", False),
    ("permit", "H12345678", True), ("permit", "M1234567890", True), ("permit", "12345678", True),
    ("permit", "X1", False), ("permit", "810000199001061234", False),
    ("passport", "E12345678", True), ("passport", "E1", False), ("other", "军官证 123", True), ("other", "", False),
])
def test_other_document_types(kind: str, number: str, ok: bool) -> None:
    assert (idcheck.problem(kind, number) == "") is ok, idcheck.problem(kind, number)


def _post(client: Client, agency: Any, **over: str) -> Any:
    data = {"agency": str(agency.pk), "applicant_type": "natural_person", "applicant_name": "张三",
            "id_doc_type": "id_card", "id_number": "110101199001061234", "phone": "138-0000-5678",
            "info_name": "2025年教师招聘面试评分细则", "info_description": "面试评分标准",
            "provision_form": "electronic", "provision_way": "email"}
    data.update(over)
    return client.post("/apply/", data)


def test_bad_id_keeps_everything_typed_and_says_why(agency: Any, client: Client) -> None:
    resp = _post(client, agency, id_number="110101199001011234")
    html = resp.content.decode()
    assert resp.status_code == 200 and not Application.objects.exists()
    assert "居民身份证号码校验位不正确" in html and 'id="form-errors"' in html
    assert 'value="2025年教师招聘面试评分细则"' in html and 'value="张三"' in html


def test_organisation_needs_legal_representative_and_contact(agency: Any, client: Client) -> None:
    resp = _post(client, agency, applicant_type="commercial", applicant_name="示例科技有限公司",
                 id_doc_type="credit_code", id_number="91330100MA2XXXXX1B")
    html = resp.content.decode()
    assert "请填写法定代表人或负责人" in html and "请填写联系人姓名" in html
    resp = _post(client, agency, applicant_type="commercial", applicant_name="示例科技有限公司",
                 id_doc_type="credit_code", id_number="91330100ma2xxxxx1b", legal_rep="李四", contact_name="王五")
    assert resp.status_code == 302
    app = Application.objects.get()
    assert (app.legal_rep, app.contact_name, app.id_number_masked[:3]) == ("李四", "王五", "913")
    assert app.reveal_id_number() == "91330100MA2XXXXX1B"  # stored normalised


def test_natural_person_cannot_use_a_credit_code(agency: Any, client: Client) -> None:
    html = _post(client, agency, id_doc_type="credit_code", id_number="91330100MA2XXXXX1B").content.decode()
    assert "自然人请使用居民身份证" in html


def test_lengths_and_phone_checked(agency: Any, client: Client) -> None:
    html = _post(client, agency, info_description="很" * 2001, phone="12ab", postcode="12").content.decode()
    assert "2000" in html and "请填写有效的联系电话" in html and "邮政编码应为6位数字" in html
    assert not Application.objects.exists()
    assert 'maxlength="2000"' in client.get("/apply/").content.decode()


def test_receipt_and_plain_status(agency: Any, calendar: Any, client: Client, monkeypatch: Any) -> None:
    from gongkai.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    resp = _post(client, agency)
    assert resp.status_code == 302
    app = Application.objects.get()
    receipt = client.get(resp["Location"]).content.decode()
    text = re.sub(r"<[^>]+>", " ", receipt)
    due = calendar.add_workdays(dt.date(2026, 3, 2), 20)
    assert "政府信息公开申请回执" in text and app.tracking_code in text
    assert "2026年3月2日" in text and f"{due.year}年{due.month}月{due.day}日" in text
    assert "110***********1234" in text and "110101199001061234" not in text
    status = client.get(f"/apply/status/{app.tracking_code}/").content.decode()
    steps = re.search(r'<ol class="steps steps-plain">.*?</ol>', status, re.S)
    assert steps and "受理机关收到您的申请，从这一天起计算答复期限" in steps.group(0)


@pytest.mark.parametrize(("label", "plain"), [
    ("（一）予以公开", "予以公开"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    ("（三）不予公开：1.属于国家秘密", "不予公开（属于国家秘密）"),
    ("（五）不予处理：2.重复申请", "不予处理（重复申请）"),
    ("（六）其他处理：3.其他", "其他处理"),
])
def test_outcome_in_plain_words(label: str, plain: str) -> None:
    from gongkai.applications.public_views import plain_outcome

    assert plain_outcome(label) == plain
