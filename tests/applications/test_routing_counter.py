"""The counter (窗口): batch entry of paper applications with scans, routing at intake, consent, printed receipts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, Attachment, RoutingKind
from gongkai.applications.workflow import Status
from gongkai.core.models import Event
from gongkai.notices.models import Consent
from tests.conftest import AgencyFactory, member
from tests.security.test_uploads import pdf, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(db: Any) -> dict[str, Agency]:
    county = AgencyFactory(name="示例县人民政府")
    return {"county": county, "desk": AgencyFactory(name="示例县政务服务中心", parent=county),
            "roads": AgencyFactory(name="示例县交通运输局", parent=county)}


def _row(i: int, **over: Any) -> dict[str, Any]:
    row = {"applicant_type": "natural_person", "applicant_name": f"窗口申请人{i}", "id_doc_type": "id_card",
           "id_number": "110101199003071234", "phone": f"1380000{i:04d}", "email": f"a{i}@example.org",
           "address": "示例县人民路1号", "postcode": "", "info_name": f"2025年度道路养护合同{i}",
           "info_doc_number": "", "info_description": "", "provision_form": "paper", "provision_way": "post",
           "channel": "in_person", "received_on": "2026-03-02", "to_agency": "", "consent_email": "on"}
    row.update(over)
    return row


def _post(desk: Agency, rows: list[dict[str, Any]], files: dict[int, list[SimpleUploadedFile]]) -> dict[str, Any]:
    data: dict[str, Any] = {"desk": desk.pk, "row-TOTAL_FORMS": len(rows), "row-INITIAL_FORMS": 0,
                            "row-MIN_NUM_FORMS": 1, "row-MAX_NUM_FORMS": 50}
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"row-{i}-{k}"] = v
    for i, fl in files.items():
        data[f"row-{i}-scans"] = fl
    return data


def test_batch_registers_routes_and_prints_receipts(client: Client, platform: dict[str, Agency]) -> None:
    desk, roads = platform["desk"], platform["roads"]
    clerk = member(desk)
    client.force_login(clerk)
    assert "第3件" in client.get("/staff/counter/").content.decode()
    rows = [_row(1), _row(2, to_agency=str(roads.pk), consent_sms="on", channel="tracked_post")]
    files = {0: [SimpleUploadedFile("申请表.pdf", pdf(), "application/pdf")],
             1: [SimpleUploadedFile("scan.png", png(), "image/png"), SimpleUploadedFile("p2.pdf", pdf())]}
    r = client.post("/staff/counter/", _post(desk, rows, files))
    assert r.status_code == 302 and r["Location"] == "/staff/counter/receipts/"
    own, routed = Application.objects.order_by("id")
    assert (own.agency, own.status) == (desk, Status.PROCESSING)
    assert (routed.agency, routed.status, routed.channel) == (roads, Status.TO_SIGN, "tracked_post")
    assert routed.routing_steps.get().kind == RoutingKind.ROUTED and routed.routing_steps.get().router == desk
    assert Attachment.objects.filter(application=own).count() == 1
    assert Attachment.objects.filter(application=routed).count() == 2
    assert not Consent.objects.get(application=own).sms and Consent.objects.get(application=routed).sms
    page = client.get("/staff/counter/receipts/").content.decode()
    assert page.count("政府信息公开申请回执") == 2
    assert own.tracking_code in page and routed.tracking_code in page
    assert "示例县交通运输局（已分办，待签收）" in page and "2026年3月30日" in page
    assert "110101199003071234" not in page
    # the desk no longer reads the routed case, but the agency that holds it can reprint the receipt
    assert client.get(f"/staff/counter/receipt/{routed.pk}/").status_code == 404
    client.force_login(member(roads))
    assert routed.tracking_code in client.get(f"/staff/counter/receipt/{routed.pk}/").content.decode()
    assert client.get("/staff/counter/receipts/").status_code == 404  # another session has no batch
    actions = list(Event.objects.filter(object_id=str(routed.pk), action__startswith="application.")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["application.submitted", "application.route"]


def test_one_bad_row_stores_nothing_and_keeps_the_rest(client: Client, platform: dict[str, Agency]) -> None:
    desk = platform["desk"]
    client.force_login(member(desk))
    rows = [_row(1), _row(2, info_name="", phone="12")]
    r = client.post("/staff/counter/", _post(desk, rows, {}))
    page = r.content.decode()
    assert r.status_code == 200 and Application.objects.count() == 0
    assert "窗口申请人1" in page and "2025年度道路养护合同1" in page  # the good row's input is kept
    assert "请填写有效的联系电话" in page and "这个字段是必填项" in page


def test_scan_is_checked_by_content(client: Client, platform: dict[str, Agency]) -> None:
    desk = platform["desk"]
    client.force_login(member(desk))
    fake = SimpleUploadedFile("申请表.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    r = client.post("/staff/counter/", _post(desk, [_row(1)], {0: [fake]}))
    assert r.status_code == 200 and Application.objects.count() == 0
    assert "申请表.pdf" in r.content.decode()


def test_counter_needs_an_acting_role(client: Client, platform: dict[str, Agency]) -> None:
    viewer = member(platform["county"], "superior_viewer")
    client.force_login(viewer)
    assert client.get("/staff/counter/").status_code == 404
    other = AgencyFactory(name="外县")
    client.force_login(member(other))
    r = client.post("/staff/counter/", _post(platform["desk"], [_row(1)], {}))
    assert r.status_code == 200 and Application.objects.count() == 0  # the desk is not a choice for them


def test_demo_desk_is_idempotent_and_routed(db: Any) -> None:
    from gongkai.agencies.demo import load_county
    from gongkai.applications import demo as applications_demo
    from gongkai.counter import demo
    from gongkai.supervision.models import SupervisionNote

    county = load_county()
    applications_demo.load(county)
    demo.load(county)
    demo.load(county)  # a second run adds nothing
    cases = Application.objects.filter(info_description__endswith=demo.MARK)
    assert cases.count() == 4
    assert sorted(cases.values_list("status", flat=True)) == sorted(
        [Status.TO_ROUTE, Status.TO_SIGN, Status.ANSWERED, Status.PROCESSING])
    answered = cases.get(status=Status.ANSWERED)
    assert [s.kind for s in answered.routing_steps.all()] == ["routed", "returned", "routed", "signed"]
    assert answered.guided_paths.get().outcome == "granted" and "第（一）项" in answered.legal_basis
    assert SupervisionNote.objects.filter(application__in=cases).count() == 1
