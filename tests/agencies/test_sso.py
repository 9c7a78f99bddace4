"""Single sign-on for staff against an OpenID Connect provider run on loopback: the provider's role claim
becomes the account's memberships (and changes them on the next sign-in), forged or misdirected tokens
sign nobody in, local accounts keep working, and SSO off means the URLs 404."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth.models import User
from django.test import Client

from gongkai.agencies.models import Membership, Role
from gongkai.core.models import Event
from tests.agencies.oidc_provider import Provider, running
from tests.conftest import AgencyFactory, member

pytestmark = pytest.mark.django_db

BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend",
            "gongkai.agencies.sso.StaffOIDCBackend"]


@pytest.fixture
def provider(settings: Any) -> Iterator[Provider]:
    with running() as op:
        for key, value in op.endpoints().items():
            setattr(settings, key, value)
        settings.GONGKAI_OIDC_ENABLED = True
        settings.GONGKAI_OIDC_ISSUER = op.base
        settings.AUTHENTICATION_BACKENDS = BACKENDS
        yield op


def _sign_in(client: Client, op: Provider) -> Any:
    start = client.get("/staff/sso/start/")
    assert start.status_code == 302 and start["Location"].startswith(op.base + "/authorize?")
    back = op.sign_in(start["Location"])
    return client.get(back.replace("http://testserver", ""))


def test_roles_claim_becomes_memberships_and_follows_the_provider(client: Client, provider: Provider) -> None:
    county = AgencyFactory(code="11330100002")
    bureau = AgencyFactory(code="11330100003")
    provider.claims = {"sub": "u-123", "preferred_username": "zhangsan", "name": "张三",
                       "gongkai_roles": ["11330100002:clerk", "11330100003:reviewer", "99999999999:clerk",
                                         "11330100002:superuser"]}
    done = _sign_in(client, provider)
    assert done.status_code == 302 and done["Location"] == "/staff/"
    user = User.objects.get(sso_identity__subject="u-123")
    assert user.first_name == "张三" and not user.has_usable_password()
    assert {(m.agency_id, m.role) for m in user.memberships.all()} == {(county.pk, Role.CLERK),
                                                                       (bureau.pk, Role.REVIEWER)}
    event = Event.objects.get(action="agency.sso_sign_in")
    assert set(event.after["skipped"]) == {"99999999999:clerk", "11330100002:superuser"}
    assert client.get("/staff/").status_code == 200
    # The provider moves the person: the next sign-in follows, nobody else's posts change.
    colleague = member(county, Role.CLERK)
    client.logout()
    provider.claims["gongkai_roles"] = ["11330100003:approver"]
    _sign_in(client, provider)
    assert {(m.agency_id, m.role) for m in User.objects.get(pk=user.pk).memberships.all()} == {
        (bureau.pk, Role.APPROVER)}
    assert Membership.objects.filter(user=colleague, agency=county, role=Role.CLERK).exists()
    assert User.objects.filter(sso_identity__subject="u-123").count() == 1


def test_forged_or_misdirected_tokens_sign_nobody_in(client: Client, provider: Provider) -> None:
    AgencyFactory(code="11330100002")
    provider.claims = {"sub": "u-666", "gongkai_roles": ["11330100002:admin"]}
    provider.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = _sign_in(client, provider)
    assert forged.status_code == 302 and forged["Location"] == "/staff/login/?sso=failed"
    provider.signing_key = None
    provider.audience = "another-client"
    misdirected = _sign_in(client, provider)
    assert misdirected["Location"] == "/staff/login/?sso=failed"
    assert not User.objects.filter(sso_identity__subject="u-666").exists()
    assert "统一身份认证登录未成功" in client.get("/staff/login/?sso=failed").content.decode()


def test_local_accounts_still_sign_in_and_login_page_offers_sso(client: Client, provider: Provider) -> None:
    agency = AgencyFactory()
    user = member(agency, Role.CLERK)
    user.set_password("local-pass-2026!")
    user.save()
    page = client.get("/staff/login/").content.decode()
    assert "统一身份认证登录" in page and "/staff/sso/start/" in page
    done = client.post("/staff/login/", {"username": user.username, "password": "local-pass-2026!"})
    assert done.status_code == 302


def test_sso_off_means_404_and_no_button(client: Client) -> None:
    assert client.get("/staff/sso/start/").status_code == 404
    assert client.get("/staff/sso/callback/?code=x&state=y").status_code == 404
    assert "统一身份认证登录" not in client.get("/staff/login/").content.decode()
