"""Cross-site posts to the JSON API are refused (issue 9, item 11).

A page on another site can make the victim's browser POST ``text/plain`` or form bodies (no CORS
preflight) carrying the victim's session cookie, but it cannot set ``Content-Type: application/json``
nor read the CSRF token. So: a non-JSON body is refused on every API write (415), and a JSON write that
rides on the session cookie without the CSRF token is refused (403) by django-ninja's ``django_auth``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from gongkai.applications import services
from gongkai.applications.models import Application
from tests.conftest import AgencyFactory, member

SUBMIT = {"agency_id": 0, "applicant_type": "natural_person", "applicant_name": "跨站",
          "id_number": "110101199001011237", "phone": "13900001111", "info_name": "跨站提交的申请"}


@pytest.fixture
def case(db: Any) -> dict[str, Any]:
    agency = AgencyFactory()
    clerk = member(agency)
    app = services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": "申请人", "id_number": "110101199001011237",
        "phone": "13900001111", "info_name": "某信息"}, channel="in_person",
        submitted_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), received_on=dt.date(2026, 3, 2), actor=clerk)
    return {"agency": agency, "clerk": clerk, "app": app}


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", "text/plain;charset=UTF-8"])
def test_cross_site_text_plain_submit_is_refused(case: dict[str, Any], ctype: str) -> None:
    before = Application.objects.count()
    body = json.dumps({**SUBMIT, "agency_id": case["agency"].pk}, ensure_ascii=False)
    resp = Client(enforce_csrf_checks=True).post("/api/applications/submit", body, content_type=ctype,
                                                 HTTP_ORIGIN="https://evil.example")
    assert resp.status_code == 415
    assert "JSON" in resp.json()["detail"]
    assert Application.objects.count() == before


def test_cross_site_text_plain_answer_with_session_cookie_is_refused(case: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(case["clerk"])
    app = case["app"]
    body = json.dumps({"outcome": "granted", "on": "2026-03-10", "answer_text": "跨站"})
    resp = client.post(f"/api/applications/{app.pk}/answer", body, content_type="text/plain",
                       HTTP_ORIGIN="https://evil.example")
    assert resp.status_code in (403, 415)
    app.refresh_from_db()
    assert app.outcome == "" and app.status != "answered"


def test_json_with_session_cookie_needs_the_csrf_token(case: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(case["clerk"])
    app = case["app"]
    body = json.dumps({"outcome": "granted", "on": "2026-03-10", "answer_text": "无令牌"})
    resp = client.post(f"/api/applications/{app.pk}/answer", body, content_type="application/json")
    assert resp.status_code == 403
    app.refresh_from_db()
    assert app.status != "answered"
    # The same request with the token (a same-site page of the platform) goes through.
    client.get("/staff/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    ok = client.post(f"/api/applications/{app.pk}/answer", body, content_type="application/json",
                     HTTP_X_CSRFTOKEN=token)
    assert ok.status_code in (200, 400), ok.content  # accepted for processing (400 = a business rule)


def test_json_submit_still_works(case: dict[str, Any]) -> None:
    body = json.dumps({**SUBMIT, "agency_id": case["agency"].pk}, ensure_ascii=False)
    resp = Client(enforce_csrf_checks=True).post("/api/applications/submit", body, content_type="application/json")
    assert resp.status_code == 201, resp.content


def test_nul_in_json_body_is_400(case: dict[str, Any]) -> None:
    body = json.dumps({**SUBMIT, "agency_id": case["agency"].pk, "info_name": "a\x00b"})
    resp = Client().post("/api/applications/submit", body, content_type="application/json")
    assert resp.status_code == 400
