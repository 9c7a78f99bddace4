"""Issue 9 item 6: an agency admin cannot widen its own reach.

The three attacks as found: (1) granting its own agency superior-viewer rights over its subordinates
(one form post took the visible cases from 6 to 27), (2) enrolling another agency's user, (3) telling
whether a username exists. Each is performed here and must end refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.test import Client

from gongkai.agencies import services
from gongkai.agencies.access import readable_agencies
from gongkai.agencies.models import EnrolmentRequest, EnrolmentStatus, Kind, Level, Membership, Role
from gongkai.applications import services as app_services
from gongkai.applications.models import Application
from gongkai.core.models import Event
from tests.conftest import AgencyFactory, UserFactory, member


def _case(agency: Any) -> Application:
    return app_services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": "李四", "id_number": "110101199001011234",
        "phone": "13900001111", "info_name": "某信息"}, channel="in_person",
        submitted_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), received_on=dt.date(2026, 3, 2))


@pytest.fixture
def tree(db: Any) -> dict[str, Any]:
    city = AgencyFactory(name="某市人民政府", level=Level.CITY, kind=Kind.GOVERNMENT)
    county = AgencyFactory(name="某县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT, parent=city)
    bureaus = [AgencyFactory(name=f"某县第{n}局", parent=county) for n in range(3)]
    for a in [county, *bureaus]:
        _case(a)
    return {"city": city, "county": county, "bureaus": bureaus}


def _visible_cases(user: Any) -> int:
    return Application.objects.filter(agency__in=readable_agencies(user)).count()


# ---------------------------------------------------------------- 1. superior-viewer self-grant

def test_agency_admin_cannot_grant_own_agency_superior_viewer(tree: dict[str, Any]) -> None:
    county = tree["county"]
    admin = member(county, Role.ADMIN)
    before = _visible_cases(admin)
    client = Client()
    client.force_login(admin)
    client.post(f"/staff/agencies/{county.pk}/members/", {"username": admin.username, "role": Role.SUPERIOR_VIEWER})
    assert not Membership.objects.filter(agency=county, role=Role.SUPERIOR_VIEWER).exists()
    # Nor for a colleague, nor through the superior-grant page of its own agency (county → county itself).
    colleague = member(county, Role.CLERK)
    client.post(f"/staff/agencies/{county.pk}/members/", {"username": colleague.username,
                                                           "role": Role.SUPERIOR_VIEWER})
    client.post(f"/staff/agencies/{county.pk}/superior-viewers/", {"subordinate": county.pk,
                                                                    "username": admin.username})
    assert not Membership.objects.filter(role=Role.SUPERIOR_VIEWER).exists()
    del admin._gongkai_memberships
    assert _visible_cases(admin) == before == 1
    # The service refuses too, whoever calls it.
    with pytest.raises(PermissionDenied):
        services.membership_grant(user=admin, agency=county, role=Role.SUPERIOR_VIEWER, actor=admin)


def test_superior_admin_grants_superior_viewer_to_subordinate_staff(tree: dict[str, Any]) -> None:
    city, county = tree["city"], tree["county"]
    county_staff = member(county, Role.OFFICE_HEAD)
    city_admin = member(city, Role.ADMIN)
    client = Client()
    client.force_login(city_admin)
    resp = client.post(f"/staff/agencies/{city.pk}/superior-viewers/", {"subordinate": county.pk,
                                                                       "username": county_staff.username})
    assert resp.status_code == 302
    assert Membership.objects.filter(user=county_staff, agency=county, role=Role.SUPERIOR_VIEWER).exists()
    assert _visible_cases(county_staff) == 4
    assert Event.objects.filter(action="membership.granted", agency=county).count() == 1


def test_superior_grant_only_inside_the_superiors_subtree(tree: dict[str, Any]) -> None:
    elsewhere = AgencyFactory(name="别的县")
    stranger = member(elsewhere, Role.CLERK)
    city_admin = member(tree["city"], Role.ADMIN)
    client = Client()
    client.force_login(city_admin)
    client.post(f"/staff/agencies/{tree['city'].pk}/superior-viewers/", {"subordinate": elsewhere.pk,
                                                                        "username": stranger.username})
    assert not Membership.objects.filter(role=Role.SUPERIOR_VIEWER).exists()


def test_top_level_superior_viewer_only_from_platform_admin(tree: dict[str, Any]) -> None:
    city = tree["city"]
    city_admin = member(city, Role.ADMIN)
    with pytest.raises(PermissionDenied):
        services.membership_grant(user=city_admin, agency=city, role=Role.SUPERIOR_VIEWER, actor=city_admin)
    platform = UserFactory(is_superuser=True)
    services.membership_grant(user=city_admin, agency=city, role=Role.SUPERIOR_VIEWER, actor=platform)
    assert Membership.objects.filter(user=city_admin, agency=city, role=Role.SUPERIOR_VIEWER).exists()


# ---------------------------------------------------------------- 2. enrolling another agency's user

def test_agency_admin_cannot_enrol_another_agencys_user_without_consent(agency: Any, other_agency: Any) -> None:
    victim = member(other_agency, Role.CLERK)
    admin = member(agency, Role.ADMIN)
    client = Client()
    client.force_login(admin)
    client.post(f"/staff/agencies/{agency.pk}/members/", {
        "username": victim.username, "password": "Strong-pass-2026", "role": Role.CLERK})
    assert not Membership.objects.filter(user=victim, agency=agency).exists()
    req = EnrolmentRequest.objects.get(user=victim, agency=agency)
    assert req.status == EnrolmentStatus.PENDING
    # The password typed by the requesting admin did not touch the victim's account.
    victim.refresh_from_db()
    assert victim.check_password("pw-12345678")
    # The requester cannot accept its own request.
    assert client.post(f"/staff/agencies/enrolments/{req.pk}/decide/", {"decision": "accept"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.membership_grant(user=victim, agency=agency, role=Role.CLERK, actor=admin)
    assert not Membership.objects.filter(user=victim, agency=agency).exists()

    # The victim's agency admin sees it and accepts: only then the membership exists.
    other_admin = Client()
    other_admin.force_login(member(other_agency, Role.ADMIN))
    assert victim.username in other_admin.get("/staff/agencies/enrolments/").content.decode()
    other_admin.post(f"/staff/agencies/enrolments/{req.pk}/decide/", {"decision": "accept"})
    assert Membership.objects.filter(user=victim, agency=agency, role=Role.CLERK).exists()
    assert Event.objects.filter(action="enrolment.accepted").count() == 1


def test_declined_enrolment_adds_nothing(agency: Any, other_agency: Any) -> None:
    victim = member(other_agency, Role.CLERK)
    req = services.enrolment_request(user=victim, agency=agency, role=Role.CLERK, actor=member(agency, Role.ADMIN))
    c = Client()
    c.force_login(member(other_agency, Role.ADMIN))
    c.post(f"/staff/agencies/enrolments/{req.pk}/decide/", {"decision": "decline"})
    req.refresh_from_db()
    assert req.status == EnrolmentStatus.DECLINED
    assert not Membership.objects.filter(user=victim, agency=agency).exists()


def test_third_agency_admin_cannot_accept(agency: Any, other_agency: Any) -> None:
    victim = member(other_agency, Role.CLERK)
    req = services.enrolment_request(user=victim, agency=agency, role=Role.CLERK, actor=member(agency, Role.ADMIN))
    third = AgencyFactory()
    c = Client()
    c.force_login(member(third, Role.ADMIN))
    assert c.post(f"/staff/agencies/enrolments/{req.pk}/decide/", {"decision": "accept"}).status_code == 404
    assert not Membership.objects.filter(user=victim, agency=agency).exists()


def test_platform_admin_enrols_directly(agency: Any, other_agency: Any) -> None:
    victim = member(other_agency, Role.CLERK)
    c = Client()
    c.force_login(UserFactory(is_superuser=True))
    c.post(f"/staff/agencies/{agency.pk}/members/", {"username": victim.username, "role": Role.CLERK})
    assert Membership.objects.filter(user=victim, agency=agency, role=Role.CLERK).exists()


# ---------------------------------------------------------------- 3. username enumeration

def _flash(resp: Any) -> list[str]:
    return [str(m) for m in resp.context["messages"]]


def test_existing_and_new_usernames_get_the_same_answer(agency: Any, other_agency: Any) -> None:
    member(other_agency, Role.CLERK, username="taken_elsewhere")
    client = Client()
    client.force_login(member(agency, Role.ADMIN))
    answers = []
    for username in ("taken_elsewhere", "brand_new_name"):
        resp = client.post(f"/staff/agencies/{agency.pk}/members/", {
            "username": username, "password": "Strong-pass-2026", "role": Role.CLERK}, follow=True)
        assert resp.redirect_chain[0][1] == 302
        answers.append(_flash(resp))
    assert answers[0] == answers[1] and "已提交" in answers[0][0]
    # Weak passwords and missing passwords are refused alike, existing or not.
    for field in ({"password": "123"}, {}):
        refusals = []
        for username in ("taken_elsewhere", "another_new_name"):
            resp = client.post(f"/staff/agencies/{agency.pk}/members/", {"username": username, "role": Role.CLERK,
                                                                         **field}, follow=True)
            refusals.append(_flash(resp))
        assert refusals[0] == refusals[1]
    assert not get_user_model().objects.filter(username="another_new_name").exists()
