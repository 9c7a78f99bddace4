"""The JSON API (django-ninja, OpenAPI schema at /api/openapi.json), one router per domain app."""

from django.urls import path
from ninja import NinjaAPI

from gongkai.appeals.api import router as appeals_router
from gongkai.applications.api import router as applications_router
from gongkai.catalog.api import router as catalog_router
from gongkai.ingest.api import router as ingest_router
from gongkai.reports.api import router as reports_router
from gongkai.worklog.api import router as worklog_router

api = NinjaAPI(title="gongkai API", version="1", urls_namespace="api")
api.add_router("/catalog/", catalog_router)
api.add_router("/", applications_router)
api.add_router("/appeals/", appeals_router)
api.add_router("/worklog/", worklog_router)
api.add_router("/reports/", reports_router)
api.add_router("/ingest/", ingest_router)

urlpatterns = [path("", api.urls)]
