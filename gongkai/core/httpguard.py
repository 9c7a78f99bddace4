"""HTTP hardening middleware: request sanity, no-store caching of personal pages, the staff idle timeout
and the JSON content-type rule of the API.

- ``RequestSanityMiddleware`` answers 400 to a NUL character in the path or query string (PostgreSQL
  refuses NUL in text, so it would surface as a 500) and 404 to a numeric path segment beyond the 64-bit
  key range (SQLite overflows on it), for every view including ones added later.
- ``NoStoreMiddleware`` marks pages that show personal data ``Cache-Control: no-store``: everything under
  ``/staff/`` and ``/api/`` (except the public, cacheable schema and docs), the applicant's status pages,
  and any page rendered for a signed-in user.
- ``StaffIdleTimeoutMiddleware`` signs a staff user out after ``GONGKAI_STAFF_IDLE_MINUTES`` without a
  request (sliding) and sends them to the login page with a Chinese notice.
- ``ApiJsonOnlyMiddleware`` refuses a state-changing ``/api/`` request whose body is not JSON (or a file
  upload): a cross-site page can send ``text/plain`` or form bodies without a CORS preflight, never
  ``application/json``. Cookie-authenticated endpoints additionally check the CSRF token (django-ninja's
  ``django_auth``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers

from gongkai.core.params import is_out_of_range_id

View = Callable[[HttpRequest], HttpResponseBase]

_INTEGER = re.compile(r"-?[0-9]+")
IDLE_SESSION_KEY = "gongkai_last_seen"
IDLE_FLAG = "idle"  # ?reason=idle on the login page shows the timeout notice

# Public API pages that carry no personal data (OpenAPI schema and its viewer).
_API_PUBLIC = ("/api/openapi.json", "/api/docs")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _bad_request(request: HttpRequest, detail: str, status: int = 400) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
    template = {400: "400.html", 404: "404.html"}.get(status, "400.html")
    return render(request, template, status=status)


class RequestSanityMiddleware:
    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path or "\x00" in request.META.get("QUERY_STRING", "") or any(
                "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return _bad_request(request, "请求中含有不允许的字符")
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], view_args: tuple[Any, ...],
                     view_kwargs: dict[str, Any]) -> HttpResponse | None:
        # Every model here has an integer key, so an ``…id`` segment that is not an integer names nothing
        # (Django's own admin password view raises ValueError on one).
        bad_key = any((k == "id" or k.endswith("_id")) and isinstance(v, str) and not _INTEGER.fullmatch(v)
                      for k, v in view_kwargs.items())
        if bad_key or any(is_out_of_range_id(v) for v in (*view_args, *view_kwargs.values())):
            return _bad_request(request, "未找到所请求的内容", status=404)
        return None


def _personal(request: HttpRequest) -> bool:
    path = request.path
    if path.startswith(_API_PUBLIC):
        return False
    if path.startswith(("/staff/", "/api/", "/admin/", "/apply/status/", "/apply/done/")):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if _personal(request):
            # Shared proxies and the browser's back button must not keep an applicant's data.
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


def idle_seconds() -> int:
    return int(getattr(settings, "GONGKAI_STAFF_IDLE_MINUTES", 30)) * 60


class StaffIdleTimeoutMiddleware:
    """Runs after ``AuthenticationMiddleware``; only signed-in users carry the last-seen stamp."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = getattr(request, "user", None)
        limit = idle_seconds()
        if user is not None and user.is_authenticated and limit > 0:
            now = int(time.time())
            last = request.session.get(IDLE_SESSION_KEY)
            if isinstance(last, int) and now - last > limit:
                logout(request)
                if _is_api(request):
                    return JsonResponse({"detail": "登录已超时，请重新登录"}, status=401,
                                        json_dumps_params={"ensure_ascii": False})
                return redirect(f"{settings.LOGIN_URL}?{urlencode({'reason': IDLE_FLAG, 'next': request.path})}")
            # Written at most once a minute, so a busy page does not save the session on every request.
            if not isinstance(last, int) or now - last >= 60:
                request.session[IDLE_SESSION_KEY] = now
        return self.get_response(request)


_JSON_TYPES = ("application/json",)
_UPLOAD_TYPES = ("multipart/form-data",)


class ApiJsonOnlyMiddleware:
    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _is_api(request) and request.method in ("POST", "PUT", "PATCH", "DELETE"):
            ctype = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if ctype not in _JSON_TYPES + _UPLOAD_TYPES:
                return _bad_request(request, "请求体必须是 JSON（Content-Type: application/json）", status=415)
            if ctype in _JSON_TYPES and b"\\u0000" in request.body:
                return _bad_request(request, "请求中含有不允许的字符")
        return self.get_response(request)
