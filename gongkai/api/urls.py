"""The JSON API (django-ninja, OpenAPI schema at /api/openapi.json), one router per domain app.

Every operation is throttled (``gongkai.api.throttling``): per IP without a login, per user with one.
"""

import re

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from ninja import NinjaAPI
from ninja.errors import Throttled

from gongkai.api.throttling import AnonThrottle, UserThrottle
from gongkai.appeals.api import router as appeals_router
from gongkai.applications.api import router as applications_router
from gongkai.catalog.api import router as catalog_router
from gongkai.ingest.api import router as ingest_router
from gongkai.reports.api import router as reports_router
from gongkai.supervision.api import router as supervision_router
from gongkai.worklog.api import router as worklog_router

api = NinjaAPI(title="gongkai API", version="1", urls_namespace="api", throttle=[AnonThrottle(), UserThrottle()])


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(request, {"detail": "请求过于频繁，请稍后再试。"}, status=429)
    response["Retry-After"] = str(int(exc.wait or 60))
    return response


# Swagger UI at /api/docs comes from django-ninja's own static files ("ninja" in INSTALLED_APPS), never a
# CDN. Cookie-authenticated operations (django_auth) check the CSRF token; writes must be JSON
# (gongkai.core.httpguard.ApiJsonOnlyMiddleware). Error details are Chinese, like the pages.
@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "未找到所请求的内容"}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # Internal reasons are written in English for the logs; only a Chinese one is shown.
    reason = str(exc)
    detail = reason if re.search(r"[\u4e00-\u9fff]", reason) else "无权执行此操作"
    return api.create_response(request, {"detail": detail}, status=403)


api.add_router("/catalog/", catalog_router)
api.add_router("/", applications_router)
api.add_router("/appeals/", appeals_router)
api.add_router("/worklog/", worklog_router)
api.add_router("/reports/", reports_router)
api.add_router("/ingest/", ingest_router)
api.add_router("/supervision/", supervision_router)

urlpatterns = [path("", api.urls)]
