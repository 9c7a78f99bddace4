"""Headers, sessions, error pages and self-hosted assets (issue 9, items 8 and 9).

- every page carries a Content-Security-Policy that allows only the platform's own origin and no inline
  script; templates hold no inline script, event-handler attribute or un-nonced <style>;
- no template or rendered page loads an asset from another host (government intranets have no
  internet); /api/docs serves Swagger UI from the platform's static files;
- pages with personal data are ``Cache-Control: no-store``; public portal pages are not;
- a staff session ends after GONGKAI_STAFF_IDLE_MINUTES without a request (sliding), with a Chinese notice;
- production settings switch on HSTS, the HTTPS redirect and secure cookies;
- 400/403/404/500 pages are Chinese templates, with nothing English leaking when DEBUG is off.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from gongkai.applications import services
from gongkai.core.httpguard import IDLE_SESSION_KEY
from tests.conftest import AgencyFactory, member

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "gongkai").glob("*/templates/**/*.html"))
EXTERNAL_ASSET = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*[\"']?"
    r"(?:https?:)?//", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.fixture
def staff(db: Any) -> Any:
    agency = AgencyFactory()
    return member(agency)


def test_templates_exist() -> None:
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_script_or_external_asset(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", text, re.I), \
        "inline <script>: move it to a static file"
    assert not INLINE_HANDLER.search(text), "on*= event handler attribute"
    assert "javascript:" not in text.lower()
    for m in re.finditer(r"<style\b[^>]*>", text, re.I):
        assert "csp_nonce" in m.group(0), "<style> without the CSP nonce"
    assert not EXTERNAL_ASSET.search(text), "asset loaded from another host"


def _csp(resp: Any) -> dict[str, list[str]]:
    header = resp["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_csp_on_public_and_staff_pages(client: Client, staff: Any) -> None:
    for url in ("/", "/apply/", "/search/?q=x"):
        policy = _csp(client.get(url))
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy.get("style-src", [])
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    client.force_login(staff)
    assert _csp(client.get("/staff/"))["script-src"] == ["'self'"]


def test_report_style_block_uses_the_nonce(client: Client, staff: Any) -> None:
    from gongkai.reports.models import AnnualReport
    from gongkai.reports.services import report_create

    agency = AgencyFactory()
    admin = member(agency)
    report: AnnualReport = report_create(agency=agency, year=2025, era=None, actor=admin)
    client.force_login(admin)
    resp = client.get(f"/staff/reports/{report.pk}/")
    assert resp.status_code == 200
    nonce = re.search(r"<style nonce=\"([^\"]+)\"", resp.content.decode())
    assert nonce, "the report page's <style> has no nonce"
    assert f"'nonce-{nonce.group(1)}'" in _csp(resp)["style-src"]


def test_rendered_pages_load_nothing_from_other_hosts(client: Client, staff: Any) -> None:
    pages = ["/", "/apply/", "/apply/status/", "/apply/fees/", "/search/?q=公开", "/nianbao/", "/staff/login/",
             "/api/docs"]
    client.force_login(staff)
    pages += ["/staff/", "/staff/catalog/", "/staff/applications/", "/staff/reports/"]
    for url in pages:
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.content.decode()
        assert not EXTERNAL_ASSET.search(html), f"{url} loads an asset from another host"
        assert "cdn." not in html.lower() and "unpkg" not in html.lower() and "jsdelivr" not in html.lower(), url


def test_api_docs_use_the_platforms_own_swagger(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css", "ninja/swagger-ui-init.js"):
        assert f"/static/{asset}" in html
        assert finders.find(asset), f"{asset} is not among the static files"


def test_personal_pages_are_no_store(client: Client, staff: Any) -> None:
    app = services.application_submit(agency=AgencyFactory(), data={
        "applicant_type": "natural_person", "applicant_name": "申请人", "id_number": "110101199001011234",
        "phone": "13900001111", "info_name": "某信息"}, channel="online",
        submitted_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), received_on=dt.date(2026, 3, 2))
    status = client.post("/apply/status/", {"code": app.tracking_code, "phone_tail": "1111"}, follow=True)
    assert status.status_code == 200 and app.tracking_code in status.content.decode()
    assert "no-store" in status["Cache-Control"]
    api_status = client.post("/api/applications/status", json.dumps({"code": app.tracking_code, "phone_tail": "1111"}),
                             content_type="application/json")
    assert api_status.status_code == 200 and "no-store" in api_status["Cache-Control"]
    assert "no-store" not in client.get("/").get("Cache-Control", "")  # the public portal stays cacheable
    client.force_login(staff)
    for url in ("/staff/", "/staff/applications/", "/api/applications/"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert "no-store" in resp["Cache-Control"], url


def _age_session(client: Client, minutes: int) -> None:
    session = client.session
    session[IDLE_SESSION_KEY] = int(time.time()) - minutes * 60
    session.save()


def test_staff_idle_timeout_is_sliding(client: Client, staff: Any) -> None:
    client.force_login(staff)
    assert client.get("/staff/").status_code == 200
    _age_session(client, settings.GONGKAI_STAFF_IDLE_MINUTES - 1)
    assert client.get("/staff/").status_code == 200  # active within the window: still signed in …
    assert int(time.time()) - client.session[IDLE_SESSION_KEY] < 5  # … and the window starts again
    _age_session(client, settings.GONGKAI_STAFF_IDLE_MINUTES + 1)
    resp = client.get("/staff/applications/")
    assert resp.status_code == 302 and "reason=idle" in resp["Location"]
    login = client.get(resp["Location"])
    assert "自动退出" in login.content.decode()
    assert client.get("/staff/").status_code == 302  # signed out for good
    assert client.get("/api/applications/").status_code == 401


@override_settings(GONGKAI_STAFF_IDLE_MINUTES=5)
def test_idle_minutes_are_configurable(client: Client, staff: Any) -> None:
    client.force_login(staff)
    client.get("/staff/")
    _age_session(client, 6)
    assert client.get("/staff/").status_code == 302


def test_production_settings_enable_hsts_and_secure_cookies() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.prod",
           "GONGKAI_SECRET_KEY": "x" * 60}
    env.pop("DATABASE_URL", None)
    code = ("import django; django.setup(); from django.conf import settings as s; import json; print(json.dumps("
            "[s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SESSION_COOKIE_HTTPONLY, s.GONGKAI_STAFF_IDLE_MINUTES]))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout
    hsts, redirect, session_secure, csrf_secure, httponly, idle = json.loads(out.strip().splitlines()[-1])
    assert hsts >= 180 * 24 * 3600 and redirect and session_secure and csrf_secure and httponly and idle == 30
    env["GONGKAI_SSL_REDIRECT"] = "0"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout
    assert json.loads(out.strip().splitlines()[-1])[1] is False


# --- error pages -------------------------------------------------------------------------------------

def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("internal failure with an English message and a key: None")


def _bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("English reason")


def _denied(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("missing role")


urlpatterns = [path("boom/", _boom), path("bad/", _bad), path("denied/", _denied)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
@pytest.mark.parametrize(("url", "status", "title"), [
    ("/boom/", 500, "系统暂时无法处理"), ("/bad/", 400, "请求有误"), ("/denied/", 403, "无权访问"),
    ("/no-such-page/", 404, "页面不存在"),
])
def test_error_pages_are_chinese(db: Any, url: str, status: int, title: str) -> None:
    resp = Client(raise_request_exception=False).get(url)
    assert resp.status_code == status
    html = resp.content.decode()
    assert title in html and 'lang="zh-Hans"' in html
    text = re.sub(r"<[^>]+>", " ", html)
    for leak in ("English", "None", "missing role", "Traceback", "Not Found", "Server Error", "Bad Request",
                 "Forbidden"):
        assert leak not in text, leak


def test_csrf_failure_page_is_chinese(db: Any) -> None:
    resp = Client(enforce_csrf_checks=True).post("/apply/status/", {"code": "X", "phone_tail": "1234"})
    assert resp.status_code == 403
    html = resp.content.decode()
    assert "页面已过期" in html and "CSRF" not in re.sub(r"<[^>]+>", " ", html)
