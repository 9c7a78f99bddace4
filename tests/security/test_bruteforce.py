"""Issue 9 item 5: guessing is bounded — status lookups, staff and admin logins, the API — and every
password that is set passes Django's validators.

Each test performs the attack with the real (default) limits from settings and asserts the refusal.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.agencies import demo, services
from gongkai.agencies.models import Membership, Role
from gongkai.applications import services as app_services
from gongkai.applications.models import Application
from gongkai.core.models import Event
from tests.conftest import UserFactory, member

PASSWORD = "pw-12345678"  # UserFactory's


def _application(agency: Any) -> Application:
    return app_services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": "王五", "id_number": "110101199001011234",
        "phone": "13900005678", "info_name": "某信息"}, channel="in_person",
        submitted_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), received_on=dt.date(2026, 3, 2))


def _limit(setting: str) -> int:
    return int(str(getattr(settings, setting)).split("/")[0])


@pytest.fixture(autouse=True)
def _one_rate_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # django-ratelimit counts in clock-aligned windows; on a loaded machine a test's requests can straddle a
    # window edge and start counting again. Every test here runs inside one fixed window instead.
    import django_ratelimit.core

    monkeypatch.setattr(django_ratelimit.core, "_get_window", lambda value, period: 4_000_000_000)


# ---------------------------------------------------------------- public status lookup

def test_status_lookup_guessing_is_cut_off_and_right_code_refused_until_cooloff(agency: Any) -> None:
    app = _application(agency)
    client = Client()
    statuses = []
    for guess in range(200):
        resp = client.post("/apply/status/", {"code": app.tracking_code, "phone_tail": f"{guess:04d}"})
        statuses.append(resp.status_code)
    # 0000‥0004 are wrong (the phone ends 5678); after the per-code limit everything is 429.
    limit = min(_limit("GONGKAI_RATE_LOOKUP_CODE"), _limit("GONGKAI_RATE_LOOKUP_IP"))
    assert all(s == 200 for s in statuses[:limit]), statuses[:limit]
    assert statuses[limit:] == [429] * (200 - limit)
    refused = client.post("/apply/status/", {"code": app.tracking_code, "phone_tail": "5678"})
    assert refused.status_code == 429
    assert "操作过于频繁" in refused.content.decode()
    assert "apply_verified" not in client.session or app.tracking_code not in client.session["apply_verified"]


def test_per_code_limit_holds_across_ip_addresses(agency: Any) -> None:
    """A botnet spreading one code's 10,000 tails over many addresses still meets the per-code limit."""
    app = _application(agency)
    limit = _limit("GONGKAI_RATE_LOOKUP_CODE")
    for n in range(limit):
        Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post("/apply/status/", {"code": app.tracking_code,
                                                                       "phone_tail": f"{n:04d}"})
    fresh = Client(REMOTE_ADDR="10.0.1.1")
    resp = fresh.post("/apply/status/", {"code": app.tracking_code, "phone_tail": "5678"})
    assert resp.status_code == 429
    # The JSON API spends the same per-code budget.
    api = fresh.post("/api/applications/status", json.dumps({"code": app.tracking_code, "phone_tail": "5678"}),
                     content_type="application/json")
    assert api.status_code == 429
    assert "过多" in api.json()["detail"]


def test_right_code_answers_within_the_limit(agency: Any) -> None:
    app = _application(agency)
    resp = Client().post("/apply/status/", {"code": app.tracking_code, "phone_tail": "5678"})
    assert resp.status_code == 302


def test_forwarded_for_header_does_not_reset_the_ip_limit(agency: Any) -> None:
    """Without a configured proxy a client cannot pick its own address with X-Forwarded-For."""
    limit = _limit("GONGKAI_RATE_LOOKUP_IP")
    codes = [f"GK{n:08d}" for n in range(limit + 1)]  # different codes: only the per-IP limit applies
    last = None
    for n, code in enumerate(codes):
        last = Client(HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}").post(
            "/apply/status/", {"code": code, "phone_tail": "0000"})
    assert last is not None and last.status_code == 429


def test_fee_calculator_is_rate_limited(db: Any) -> None:
    client = Client()
    limit = _limit("GONGKAI_RATE_FEES_IP")
    codes = [client.get("/apply/fees/", {"method": "pieces", "count": n % 50}).status_code for n in range(limit + 5)]
    assert codes[:limit] == [200] * limit
    assert codes[limit:] == [429] * 5


def test_public_apply_post_is_rate_limited(agency: Any) -> None:
    client = Client()
    limit = _limit("GONGKAI_RATE_APPLY_IP")
    codes = [client.post("/apply/", {"agency": agency.pk}).status_code for _ in range(limit + 2)]
    assert 429 not in codes[:limit]
    assert codes[limit:] == [429, 429]


def test_api_is_throttled_per_ip_with_chinese_json(db: Any) -> None:
    client = Client()
    limit = _limit("GONGKAI_RATE_API_ANON")
    codes = [client.get("/api/fees/quote", {"method": "pieces", "count": 3}).status_code for _ in range(limit + 3)]
    assert codes[:limit] == [200] * limit
    assert codes[limit:] == [429] * 3
    resp = client.get("/api/fees/quote", {"method": "pieces", "count": 3})
    assert resp.json() == {"detail": "请求过于频繁，请稍后再试。"}
    assert int(resp["Retry-After"]) > 0


def test_api_is_throttled_per_logged_in_user(agency: Any, settings: Any) -> None:
    settings.GONGKAI_RATE_API_USER = "5/m"  # the real limit is 600/m; the mechanism is the same
    client = Client()
    client.force_login(member(agency, Role.CLERK))
    codes = [client.get("/api/applications/").status_code for _ in range(7)]
    assert codes == [200] * 5 + [429, 429]


# ---------------------------------------------------------------- staff and admin login lockout

def _login(client: Client, path: str, username: str, password: str) -> Any:
    return client.post(path, {"username": username, "password": password})


@pytest.mark.parametrize("path", ["/staff/login/", "/admin/login/"])
def test_login_locked_after_failures_even_with_the_right_password(agency: Any, path: str) -> None:
    user = member(agency, Role.CLERK)
    if path.startswith("/admin/"):
        user.is_staff = True
        user.save()
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(settings.AXES_FAILURE_LIMIT):
        resp = _login(attacker, path, user.username, f"guess-{n}")
        assert resp.status_code in (200, 429)
    locked = _login(attacker, path, user.username, PASSWORD)
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "登录已暂时锁定" in body and "机关管理员" in body
    assert "_auth_user_id" not in attacker.session
    # The combination (username, IP) is locked, not the user everywhere: the clerk's own address works …
    own = Client(REMOTE_ADDR="198.51.100.7")
    assert _login(own, path, user.username, PASSWORD).status_code == 302
    # … and not the address for everyone: another user from the attacker's address still logs in.
    other = member(agency, Role.CLERK)
    if path.startswith("/admin/"):
        other.is_staff = True
        other.save()
    assert _login(Client(REMOTE_ADDR="203.0.113.9"), path, other.username, PASSWORD).status_code == 302


def test_agency_admin_unlocks_own_member_but_not_another_agencys(agency: Any, other_agency: Any) -> None:
    clerk = member(agency, Role.CLERK)
    stranger = member(other_agency, Role.CLERK)
    for victim in (clerk, stranger):
        c = Client(REMOTE_ADDR="203.0.113.10")
        for n in range(settings.AXES_FAILURE_LIMIT):
            _login(c, "/staff/login/", victim.username, f"bad-{n}")
        assert _login(c, "/staff/login/", victim.username, PASSWORD).status_code == 429

    admin = Client()
    admin.force_login(member(agency, Role.ADMIN))
    page = admin.get(f"/staff/agencies/{agency.pk}/lockouts/").content.decode()
    assert clerk.username in page and stranger.username not in page

    # Another agency's user cannot be unlocked through this agency's page.
    admin.post(f"/staff/agencies/{agency.pk}/lockouts/", {"username": stranger.username})
    assert AccessAttempt.objects.filter(username=stranger.username).exists()
    # Nor through the other agency's page (404: not readable) or the platform-wide page (403).
    assert admin.post(f"/staff/agencies/{other_agency.pk}/lockouts/",
                      {"username": stranger.username}).status_code == 404
    assert admin.post("/staff/agencies/lockouts/", {"username": stranger.username}).status_code == 403
    assert AccessAttempt.objects.filter(username=stranger.username).exists()

    resp = admin.post(f"/staff/agencies/{agency.pk}/lockouts/", {"username": clerk.username})
    assert resp.status_code == 302
    assert not AccessAttempt.objects.filter(username=clerk.username).exists()
    assert Event.objects.filter(action="login.unlocked", agency=agency).count() == 1
    assert _login(Client(REMOTE_ADDR="203.0.113.10"), "/staff/login/", clerk.username, PASSWORD).status_code == 302


def test_agency_admin_cannot_unlock_a_platform_admin_member(agency: Any) -> None:
    boss = member(agency, Role.CLERK)
    boss.is_superuser = True
    boss.save()
    c = Client(REMOTE_ADDR="203.0.113.11")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(c, "/staff/login/", boss.username, f"bad-{n}")
    admin = Client()
    admin.force_login(member(agency, Role.ADMIN))
    admin.post(f"/staff/agencies/{agency.pk}/lockouts/", {"username": boss.username})
    assert AccessAttempt.objects.filter(username=boss.username).exists()
    platform = Client()
    platform.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert boss.username in platform.get("/staff/agencies/lockouts/").content.decode()
    platform.post("/staff/agencies/lockouts/", {"username": boss.username})
    assert not AccessAttempt.objects.filter(username=boss.username).exists()


# ---------------------------------------------------------------- password validation

WEAK = ["short1", "12345678901", "password123", "qwertyuiop"]


@pytest.mark.parametrize("weak", WEAK)
def test_member_add_refuses_weak_password(agency: Any, weak: str) -> None:
    client = Client()
    client.force_login(member(agency, Role.ADMIN))
    resp = client.post(f"/staff/agencies/{agency.pk}/members/", {
        "username": "newclerk", "full_name": "新经办人", "password": weak, "role": Role.CLERK}, follow=True)
    assert not get_user_model().objects.filter(username="newclerk").exists()
    assert "初始密码不符合要求" in resp.content.decode()


def test_member_add_refuses_password_like_the_username(agency: Any) -> None:
    client = Client()
    client.force_login(member(agency, Role.ADMIN))
    client.post(f"/staff/agencies/{agency.pk}/members/", {
        "username": "zhangsanfeng", "password": "zhangsanfeng1", "role": Role.CLERK})
    assert not get_user_model().objects.filter(username="zhangsanfeng").exists()


def test_weak_password_refused_by_the_service_too(agency: Any) -> None:
    with pytest.raises(ValidationError):
        services.staff_user_create(username="svc", full_name="", password="12345", agency=agency, role=Role.CLERK,
                                   actor=member(agency, Role.ADMIN))
    assert not get_user_model().objects.filter(username="svc").exists()


def test_demo_password_passes_the_validators(db: Any) -> None:
    demo.load_county()
    assert get_user_model().objects.get(username="clerk").check_password(demo.DEMO_PASSWORD)


def test_admin_user_creation_and_password_change_validate(db: Any) -> None:
    """Django's admin forms and the createsuperuser/changepassword commands use the same validators."""
    from django.contrib.auth.password_validation import validate_password

    with pytest.raises(ValidationError) as exc:
        validate_password("1234567890")
    assert any("数字" in m or "常见" in m for m in exc.value.messages)
    platform = Client()
    platform.force_login(UserFactory(is_superuser=True, is_staff=True))
    platform.post("/admin/auth/user/add/", {"username": "weakling", "password1": "abc", "password2": "abc",
                                            "usable_password": "true"})
    assert not get_user_model().objects.filter(username="weakling").exists()
    assert Membership.objects.count() == 0
