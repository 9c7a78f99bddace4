"""An applicant who does not know which organ holds the information submits online to the platform's desk
(an agency that routes online applications): the case waits in 待分办, the desk routes it, the organ signs,
and the organ's clock counts from the day the applicant submitted (ADR 0007)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.applications import routing
from gongkai.applications.models import Application
from gongkai.applications.workflow import Status
from tests.conftest import AgencyFactory, member

pytestmark = pytest.mark.django_db

FORM = {"applicant_type": "natural_person", "applicant_name": "王五", "id_doc_type": "id_card",
        "id_number": "11010519491231002X", "phone": "13800001234", "info_name": "2025年度城区道路维修计划",
        "provision_form": "electronic", "provision_way": "email"}


def test_online_submission_to_the_desk_is_routed_then_signed(client: Client, monkeypatch: Any) -> None:
    county = AgencyFactory(name="示例县人民政府")
    desk = AgencyFactory(name="示例县政务服务中心", parent=county, routes_online=True)
    roads = AgencyFactory(name="示例县交通运输局", parent=county)
    page = client.get("/apply/").content.decode()
    assert "示例县政务服务中心（不确定由哪个机关办理时选择，统一受理后分办）" in page
    assert "示例县交通运输局（" not in page  # ordinary organs are listed by name only
    r = client.post("/apply/", {**FORM, "agency": desk.pk})
    assert r.status_code == 302, r.content.decode()[:500]
    app = Application.objects.get()
    assert (app.agency_id, app.status, app.channel) == (desk.pk, Status.TO_ROUTE, "online")
    submitted = app.received_on
    assert submitted is not None
    later = submitted + dt.timedelta(days=3)
    routing.application_route(application=app, to_agency=roads, on=later, actor=member(desk, Role.CLERK))
    signed = routing.application_sign(application=Application.objects.get(pk=app.pk), on=later,
                                      actor=member(roads, Role.CLERK))
    assert signed.agency_id == roads.pk and signed.status == Status.PROCESSING
    assert Application.objects.get(pk=app.pk).received_on == submitted  # routing adds no day


def test_an_ordinary_organ_receives_online_applications_directly(client: Client) -> None:
    roads = AgencyFactory(name="示例县交通运输局")
    assert client.post("/apply/", {**FORM, "agency": roads.pk}).status_code == 302
    assert Application.objects.get().status == Status.PROCESSING


def test_the_route_form_offers_only_the_platforms_agencies(client: Client) -> None:
    county = AgencyFactory(name="示例县人民政府")
    desk = AgencyFactory(name="示例县政务服务中心", parent=county, routes_online=True)
    AgencyFactory(name="示例县交通运输局", parent=county)
    AgencyFactory(name="另一县交通运输局")
    assert Client().post("/apply/", {**FORM, "agency": desk.pk}).status_code == 302
    app = Application.objects.get()
    client.force_login(member(desk, Role.CLERK))
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "示例县交通运输局" in page and "另一县交通运输局" not in page
    other = AgencyFactory(name="别处机关")
    r = client.post(f"/staff/applications/{app.pk}/act/route/", {"on": str(app.received_on), "to_agency": other.pk})
    assert r.status_code == 302 and Application.objects.get(pk=app.pk).status == Status.TO_ROUTE
