"""Staff and public pages and the API: intake, actions through forms, status page with second factor, fee quote."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from gongkai.agencies.models import Role
from gongkai.applications import services
from gongkai.applications.models import Application
from tests.conftest import member

pytestmark = pytest.mark.django_db


def test_fee_quote_api(client: Any) -> None:
    r = client.get("/api/fees/quote", {"method": "pages", "count": 2219})
    assert r.status_code == 200 and r.json()["amount"] == 83460
    r = client.get("/api/fees/quote", {"method": "pieces", "count": 1, "prior": 30})
    assert r.json()["amount"] == 200
    assert client.get("/api/fees/quote", {"method": "pieces", "count": 35}).json()["amount"] == 3000
    assert client.get("/api/fees/quote", {"method": "bogus", "count": 3}).status_code == 422
    assert client.get("/api/fees/quote", {"method": "pages", "count": -3}).status_code == 422
    assert client.get("/api/fees/quote", {"method": "pages"}).status_code == 422
    bad = client.get("/api/fees/quote", {"method": "pages", "count": 40, "prior": 5})
    assert bad.status_code == 400 and "prior" in bad.json()["detail"]


def test_fee_calculator_page(client: Any) -> None:
    r = client.get("/apply/fees/", {"method": "pages", "count": "201"})
    assert r.status_code == 200 and 'id="fee-amount">2740<' in r.content.decode()


def test_public_submit_and_status_with_second_factor(client: Any, agency: Any) -> None:
    r = client.post("/apply/", {
        "agency": agency.pk, "applicant_type": "commercial", "applicant_name": "某公司", "id_doc_type": "credit_code",
        "legal_rep": "李四", "contact_name": "王五",
        "id_number": "91330100MA2XXXXX1B", "phone": "0571-88886666", "info_name": "某项目环评批复",
        "provision_form": "electronic", "provision_way": "email"})
    assert r.status_code == 302
    app = Application.objects.get()
    assert app.channel == "online" and app.received_on is not None
    page = client.get(r["Location"]).content.decode()
    assert app.tracking_code in page
    other = client_factory_fresh()
    assert other.get(f"/apply/status/{app.tracking_code}/").status_code == 404
    wrong = other.post("/apply/status/", {"code": app.tracking_code, "phone_tail": "0000"})
    assert wrong.status_code == 200 and "不正确" in wrong.content.decode()
    ok = other.post("/apply/status/", {"code": app.tracking_code.lower(), "phone_tail": "6666"})
    assert ok.status_code == 302
    status = other.get(ok["Location"]).content.decode()
    assert "91330100MA2XXXXX1B" not in status and app.id_number_masked in status
    assert "答复截止日" in status


def client_factory_fresh() -> Any:
    from django.test import Client

    return Client()


def test_api_submit_and_status(client: Any, agency: Any) -> None:
    r = client.post("/api/applications/submit", json.dumps({
        "agency_id": agency.pk, "applicant_type": "natural_person", "applicant_name": "王五",
        "id_number": "110101199001011237", "phone": "13912345678", "info_name": "低保名单"}),
        content_type="application/json")
    assert r.status_code == 201, r.content
    code = r.json()["tracking_code"]
    s = client.post("/api/applications/status", json.dumps({"code": code, "phone_tail": "5678"}),
                    content_type="application/json")
    assert s.status_code == 200 and s.json()["steps"][0]["kind"] == "received"
    bad = client.post("/api/applications/status", json.dumps({"code": code, "phone_tail": "1111"}),
                      content_type="application/json")
    assert bad.status_code == 404


API_BASE = {"applicant_type": "natural_person", "applicant_name": "王五", "id_number": "110101199001011237",
            "phone": "13912345678", "info_name": "低保名单"}


@pytest.mark.parametrize(("change", "field_words"), [
    ({"id_number": "110101199001011234"}, "校验位"),  # GB 11643 check character wrong
    ({"id_number": "11010119900101123"}, "证件号码"),  # 17 characters
    ({"id_doc_type": "credit_code", "id_number": "91330100MA2XXXXX1B"}, "自然人"),  # a person with a credit code
    ({"applicant_type": "commercial", "id_doc_type": "credit_code", "id_number": "91330100MA2XXXXX1B"}, "法定代表人"),
    ({"phone": "12"}, "联系电话"),
    ({"postcode": "1000"}, "邮政编码"),
])
def test_api_submit_checks_like_the_web_form(client: Any, agency: Any, change: dict[str, str],
                                              field_words: str) -> None:
    """The JSON API refuses what the web form refuses, in Chinese, and stores nothing."""
    r = client.post("/api/applications/submit", json.dumps({"agency_id": agency.pk, **API_BASE, **change}),
                    content_type="application/json")
    assert r.status_code == 400, r.content
    assert field_words in r.json()["detail"]
    assert not Application.objects.exists()


def test_api_submit_organisation_with_representative(client: Any, agency: Any) -> None:
    r = client.post("/api/applications/submit", json.dumps({
        "agency_id": agency.pk, **API_BASE, "applicant_type": "commercial", "applicant_name": "某公司",
        "id_doc_type": "credit_code", "id_number": "91330100MA2XXXXX1B", "legal_rep": "张三",
        "contact_name": "李四"}), content_type="application/json")
    assert r.status_code == 201, r.content
    app = Application.objects.get()
    assert app.applicant_type == "commercial"


def test_staff_intake_actions_and_roles(client: Any, agency: Any) -> None:
    clerk = member(agency, Role.CLERK)
    client.force_login(clerk)
    r = client.post("/staff/applications/new/", {
        "agency": agency.pk, "channel": "tracked_post", "received_on": "2026-03-02", "applicant_type": "natural_person",
        "applicant_name": "赵六", "id_doc_type": "id_card", "id_number": "", "phone": "13800000000",
        "info_name": "某路段改造批复", "provision_form": "paper", "provision_way": "post"})
    assert r.status_code == 302
    app = Application.objects.get()
    assert app.received_on == dt.date(2026, 3, 2) and app.channel == "tracked_post"
    detail = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "2026-03-30" in detail
    # clerk cannot approve an extension (office head only)
    assert client.post(f"/staff/applications/{app.pk}/act/approve_extension/",
                       {"on": "2026-03-05", "days": "10", "reason": "x"}).status_code == 403
    client.post(f"/staff/applications/{app.pk}/act/answer/", {"on": "2026-03-10", "outcome": "unable.not_held",
                                                              "referral_organ": "示例县财政局",
                                                              "referral_contact": "0571-1234"})
    app.refresh_from_db()
    assert app.outcome == "unable.not_held" and app.referral_organ == "示例县财政局"
    letter = app.letters.get()
    assert "示例县财政局" in letter.body
    # the test transaction never commits, so the after-commit build has not run: the case says so
    assert "文件尚未生成" in client.get(f"/staff/applications/{app.pk}/").content.decode()
    client.post(f"/staff/applications/{app.pk}/letters/{letter.pk}/build/")
    letter.refresh_from_db()
    assert letter.docx and letter.pdf
    assert "文件尚未生成" not in client.get(f"/staff/applications/{app.pk}/").content.decode()
    r = client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}/pdf/")
    assert r.status_code == 200 and b"".join(r.streaming_content)[:4] == b"%PDF"
    from gongkai.core.ofd import ofd_text

    r = client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}/ofd/")
    assert r.status_code == 200 and r["Content-Type"] == "application/ofd"
    assert "示例县财政局" in "".join(ofd_text(b"".join(r.streaming_content))).replace("\n", "")
    assert client.get(f"/staff/applications/{app.pk}/letters/{letter.pk}/exe/").status_code == 404
    assert client.get("/staff/applications/?bucket=overdue").status_code == 200


def test_identity_reveal_is_logged(client: Any, agency: Any) -> None:
    from gongkai.core.models import Event

    user = member(agency)
    app = services.application_submit(agency=agency, data={
        "applicant_name": "钱七", "id_number": "110101199001019999", "phone": "1", "info_name": "x"},
        channel="in_person", received_on=dt.date(2026, 3, 2))
    client.force_login(user)
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "110101199001019999" not in page
    r = client.post(f"/staff/applications/{app.pk}/identity/")
    assert "110101199001019999" in r.content.decode()
    assert Event.objects.filter(action="application.identity_viewed", actor=user).count() == 1


def test_due_reminder_emails(agency: Any, mailoutbox: Any) -> None:
    from gongkai.applications.tasks import send_due_reminders

    user = member(agency, Role.CLERK)
    user.email = "clerk@example.org"
    user.save()
    services.application_submit(agency=agency, data={"applicant_name": "孙八", "phone": "1", "info_name": "y"},
                                channel="in_person", received_on=dt.date(2026, 3, 2))
    assert send_due_reminders.delay("2026-04-01").get() == 1
    assert "逾期" in mailoutbox[0].subject and mailoutbox[0].to == ["clerk@example.org"]


def test_dashboard_templates_delivery_and_waiver(client: Any, agency: Any) -> None:
    user = member(agency)
    client.force_login(user)
    app = services.application_submit(agency=agency, data={"applicant_name": "周九", "phone": "13700001234",
                                                           "info_name": "某规划批复"},
                                      channel="email", received_on=dt.date(2026, 3, 2))
    # agency template overrides the default answer text
    r = client.post(f"/staff/applications/templates/{agency.pk}/", {
        "kind": "answer", "title": "答复书",
        "body": "{{ 申请人姓名 }}：\n\n本机关自定义答复。{{ 法律依据 }}"})
    assert r.status_code == 302
    r = client.post(f"/staff/applications/{app.pk}/act/send_fee_notice/", {
        "method": "pages", "count": "150", "sent_on": "2026-03-03", "received_on": "2026-03-04"})
    notice = app.fee_notices.get()
    assert notice.amount == 1700
    client.post(f"/staff/applications/{app.pk}/act/waive_fee/", {"notice": notice.pk, "on": "2026-03-05",
                                                                 "reason": "申请人经济困难"})
    notice.refresh_from_db()
    assert notice.status == "waived" and notice.waive_reason == "申请人经济困难"
    client.post(f"/staff/applications/{app.pk}/act/set_art35_deadline/", {"on": "2026-03-06", "until": "2026-05-29",
                                                                          "reason": "数量明显超过合理范围"})
    app.refresh_from_db()
    assert app.due_on == dt.date(2026, 5, 29)
    client.post(f"/staff/applications/{app.pk}/act/answer/", {"on": "2026-05-20", "outcome": "granted"})
    letter = app.letters.get(kind="answer")
    assert letter.title == "答复书" and "本机关自定义答复" in letter.body
    r = client.post(f"/staff/applications/{app.pk}/deliver/", {"letter": letter.pk, "way": "EMS", "on": "2026-05-21",
                                                               "proof": "EMS1234567890"})
    letter.refresh_from_db()
    assert letter.delivered_on == dt.date(2026, 5, 21) and letter.delivery_proof == "EMS1234567890"
    dash = client.get("/staff/").content.decode()
    assert "依申请公开" in dash
    assert client.get(f"/staff/applications/templates/{agency.pk}/?kind=fee").status_code == 200


def test_staff_action_api(client: Any, agency: Any, other_agency: Any) -> None:
    user = member(agency)
    app = services.application_submit(agency=agency, data={"applicant_name": "吴十", "info_name": "某信息"},
                                      channel="fax", received_on=dt.date(2026, 3, 2))
    client.force_login(user)
    url = f"/api/applications/{app.pk}/actions/"
    r = client.post(url + "open_consultation", json.dumps({"on": "2026-03-03", "party": "other_organ",
                                                            "party_name": "示例县财政局"}),
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "consulting", r.content
    r = client.post(url + "answer", json.dumps({"on": "2026-03-05", "outcome": "granted"}),
                    content_type="application/json")
    assert r.status_code == 200 and r.json()["outcome"] == "granted"
    r = client.post(url + "withdraw", json.dumps({"on": "2026-03-06"}), content_type="application/json")
    assert r.status_code == 400 and "不能" in r.json()["detail"]
    assert client.post(url + "nonsense", "{}", content_type="application/json").status_code == 400
    outsider = member(other_agency)
    client.force_login(outsider)
    assert client.post(url + "answer", "{}", content_type="application/json").status_code == 404


def test_each_page_action_requires_the_roles_of_its_table_row(client: Any, agency: Any) -> None:
    from gongkai.applications.actions import ACTIONS
    from gongkai.applications.workflow import TABLE

    assert set(ACTIONS) == TABLE.actions
    assert ACTIONS["approve_extension"].roles == (Role.OFFICE_HEAD,)
    app = services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": "张三", "id_number": "110101199003071234",
        "phone": "13800001234", "info_name": "信息"}, channel="in_person",
        submitted_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), received_on=dt.date(2026, 3, 2))
    for role, code in ((Role.CLERK, 403), (Role.APPROVER, 403), (Role.OFFICE_HEAD, 302)):
        client.force_login(member(agency, role))
        r = client.post(f"/staff/applications/{app.pk}/act/set_art35_deadline/",
                        {"on": "2026-03-06", "until": "2026-05-29", "reason": "申请量大"})
        assert r.status_code == code, role
    app.refresh_from_db()
    assert app.due_on == dt.date(2026, 5, 29)
