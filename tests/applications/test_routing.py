"""Routing on a shared platform (分办/签收/退回): each step an event, return and re-route, the receipt-day rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.applications import routing
from gongkai.applications import services as s
from gongkai.applications.models import Application, RoutingKind
from gongkai.applications.workflow import Status
from gongkai.core.models import Event
from gongkai.core.workflow import TransitionError
from tests.conftest import AgencyFactory, member

D = dt.date
pytestmark = pytest.mark.django_db
DATA = {"applicant_type": "natural_person", "applicant_name": "王五", "id_number": "110101199003071234",
        "phone": "13800001234", "info_name": "2025年度城区道路维修计划"}


@pytest.fixture
def platform(db: Any) -> dict[str, Agency]:
    county = AgencyFactory(name="示例县人民政府")
    desk = AgencyFactory(name="示例县政务服务中心", parent=county)
    roads = AgencyFactory(name="示例县交通运输局", parent=county)
    housing = AgencyFactory(name="示例县住房和城乡建设局", parent=county)
    elsewhere = AgencyFactory(name="另一县交通运输局")
    return {"county": county, "desk": desk, "roads": roads, "housing": housing, "elsewhere": elsewhere}


MARCH_2 = D(2026, 3, 2)


def _intake(desk: Agency, on: dt.date = MARCH_2) -> Application:
    return routing.intake_for_routing(desk=desk, data=dict(DATA), channel="in_person", received_on=on,
                                      actor=member(desk))


def _events(app: Application) -> list[str]:
    return list(Event.objects.filter(object_id=str(app.pk), action__startswith="application.")
                .order_by("id").values_list("action", flat=True))


def test_route_return_reroute_sign_each_an_event_and_the_clock_unchanged(platform: dict[str, Agency]) -> None:
    desk, roads, housing = platform["desk"], platform["roads"], platform["housing"]
    direct = s.application_submit(agency=roads, data=dict(DATA), channel="in_person", received_on=D(2026, 3, 2))
    app = _intake(desk)
    assert app.status == Status.TO_ROUTE and app.agency == desk
    assert app.due_on == direct.due_on == D(2026, 3, 30)

    router = member(desk)
    app = routing.application_route(application=app, to_agency=housing, on=D(2026, 3, 3), actor=router)
    assert (app.status, app.agency) == (Status.TO_SIGN, housing)

    h_clerk = member(housing)
    with pytest.raises(TransitionError):  # no answer before signing
        s.application_answer(application=app, outcome="granted", on=D(2026, 3, 4), actor=h_clerk)
    with pytest.raises(ValidationError):  # a return needs its reason
        routing.application_return(application=app, on=D(2026, 3, 4), reason=" ", actor=h_clerk)
    app = routing.application_return(application=app, on=D(2026, 3, 4), reason="道路维修属交通运输局职责",
                                     actor=h_clerk)
    assert (app.status, app.agency) == (Status.TO_ROUTE, desk)

    with pytest.raises(ValidationError, match="已退回"):
        routing.application_route(application=app, to_agency=housing, on=D(2026, 3, 5), actor=router)
    app = routing.application_route(application=app, to_agency=roads, on=D(2026, 3, 5), actor=router)
    app = routing.application_sign(application=app, on=D(2026, 3, 6), actor=member(roads))
    app.refresh_from_db()
    assert (app.status, app.agency) == (Status.PROCESSING, roads)
    # Rule ROUTED_RECEIPT: the platform's Art. 31 day stays the receipt day; routing adds no day.
    assert app.received_on == D(2026, 3, 2)
    assert app.due_on == direct.due_on
    assert [st.kind for st in app.routing_steps.all()] == [
        RoutingKind.ROUTED, RoutingKind.RETURNED, RoutingKind.ROUTED, RoutingKind.SIGNED]
    assert app.routing_steps.get(kind=RoutingKind.RETURNED).reason == "道路维修属交通运输局职责"
    assert _events(app) == ["application.submitted", "application.route", "application.return_to_router",
                            "application.route", "application.sign"]
    ret = Event.objects.get(object_id=str(app.pk), action="application.return_to_router")
    assert ret.before["status"] == Status.TO_SIGN and ret.after["status"] == Status.TO_ROUTE


def test_roles_and_scope(platform: dict[str, Agency]) -> None:
    desk, roads = platform["desk"], platform["roads"]
    app = _intake(desk)
    with pytest.raises(PermissionDenied):  # the receiving agency cannot route the desk's case
        routing.application_route(application=app, to_agency=roads, on=D(2026, 3, 3), actor=member(roads))
    with pytest.raises(ValidationError, match="本平台"):
        routing.application_route(application=app, to_agency=platform["elsewhere"], on=D(2026, 3, 3),
                                  actor=member(desk))
    with pytest.raises(ValidationError, match="本身"):
        routing.application_route(application=app, to_agency=desk, on=D(2026, 3, 3), actor=member(desk))
    with pytest.raises(ValidationError, match="早于"):
        routing.application_route(application=app, to_agency=roads, on=D(2026, 3, 1), actor=member(desk))
    app = routing.application_route(application=app, to_agency=roads, on=D(2026, 3, 3), actor=member(desk))
    with pytest.raises(PermissionDenied):  # the desk cannot sign for the agency
        routing.application_sign(application=app, on=D(2026, 3, 3), actor=member(desk))
    with pytest.raises(TransitionError):  # the desk cannot route it twice
        routing.application_route(application=app, to_agency=platform["housing"], on=D(2026, 3, 3),
                                  actor=platform_admin())


def platform_admin() -> Any:
    from gongkai.core.actors import SYSTEM

    return SYSTEM


def test_return_is_not_the_not_held_answer(platform: dict[str, Agency]) -> None:
    """After signing, 'not ours' is the Art. 36(5) answer (a Table 3 row), not a return."""
    desk, roads = platform["desk"], platform["roads"]
    app = routing.application_route(application=_intake(desk), to_agency=roads, on=D(2026, 3, 3),
                                    actor=member(desk))
    clerk = member(roads)
    app = routing.application_sign(application=app, on=D(2026, 3, 3), actor=clerk)
    with pytest.raises(TransitionError):
        routing.application_return(application=app, on=D(2026, 3, 4), reason="不归我们", actor=clerk)
    app = s.application_answer(application=app, outcome="unable.not_held", on=D(2026, 3, 10), actor=clerk,
                               referral_organ="示例县住房和城乡建设局", letter=False)
    assert app.outcome == "unable.not_held" and app.closed_on == D(2026, 3, 10)


def test_receipt_rule_is_declared_and_pure() -> None:
    rule = routing.ROUTED_RECEIPT
    assert "第三十一条" in rule.article and rule.in_force == D(2019, 5, 15)
    got = routing.receipt_for_receiving_agency(platform_received_on=D(2026, 3, 2),
                                               steps=[("routed", D(2026, 3, 9)), ("signed", D(2026, 3, 20))])
    assert got == D(2026, 3, 2)
    with pytest.raises(ValueError):
        routing.receipt_for_receiving_agency(platform_received_on=D(2026, 3, 2), steps=[("routed", D(2026, 3, 1))])


def test_staff_pages_route_and_sign(client: Client, platform: dict[str, Agency]) -> None:
    desk, roads = platform["desk"], platform["roads"]
    app = _intake(desk)
    client.force_login(member(desk))
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "分办至承办机关" in page and "待分办" in page
    r = client.post(f"/staff/applications/{app.pk}/act/route/", {"on": "2026-03-03", "to_agency": roads.pk})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.status == Status.TO_SIGN
    assert client.get(f"/staff/applications/{app.pk}/").status_code == 404  # no longer the desk's case
    client.force_login(member(roads))
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "签收" in page and "退回分办" in page
    client.post(f"/staff/applications/{app.pk}/act/sign/", {"on": "2026-03-04"})
    app.refresh_from_db()
    assert app.status == Status.PROCESSING


def test_api_route_and_sign(client: Client, platform: dict[str, Agency]) -> None:
    desk, roads = platform["desk"], platform["roads"]
    app = _intake(desk)
    client.force_login(member(desk))
    url = f"/api/applications/{app.pk}/actions/"
    bad = client.post(url + "route", {"on": "2026-03-03", "to_agency": 999999}, content_type="application/json")
    assert bad.status_code == 400 and "有效的承办机关" in bad.json()["detail"]
    ok = client.post(url + "route", {"on": "2026-03-03", "to_agency": roads.pk}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == Status.TO_SIGN
    client.force_login(member(roads))
    signed = client.post(url + "sign", {"on": "2026-03-04"}, content_type="application/json")
    assert signed.status_code == 200 and signed.json()["status"] == Status.PROCESSING
