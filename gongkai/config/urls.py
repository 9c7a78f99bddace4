"""URL routing: public portal at the root, staff pages under /staff/, the JSON API under /api/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.agencies import sso
from gongkai.staff import views as staff_views

urlpatterns = [
    path("healthz", staff_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("staff/login/", auth_views.LoginView.as_view(), name="login"),
    path("staff/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/sso/start/", sso.sso_start, name="sso-start"),
    path("staff/sso/callback/", sso.sso_callback, name="sso-callback"),
    path("staff/", staff_views.dashboard, name="staff-dashboard"),
    path("staff/agencies/", include("gongkai.agencies.urls")),
    path("staff/calendar/", include("gongkai.workdays.urls")),
    path("staff/catalog/", include("gongkai.catalog.urls")),
    path("staff/applications/", include("gongkai.applications.urls")),
    path("staff/appeals/", include("gongkai.appeals.urls")),
    path("staff/notices/", include("gongkai.notices.urls")),
    path("staff/directories/", include("gongkai.directories.urls")),
    path("staff/websites/", include("gongkai.websites.urls")),
    path("staff/supervision/", include("gongkai.supervision.urls")),
    path("staff/counter/", include("gongkai.counter.urls")),
    path("staff/worklog/", include("gongkai.worklog.urls")),
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/ingest/", include("gongkai.ingest.urls")),
    path("api/", include("gongkai.api.urls")),
    path("apply/", include("gongkai.applications.public_urls")),
    path("nianbao/", include("gongkai.reports.public_urls")),
    path("directory/", include("gongkai.directories.public_urls")),
    path("apply/notices/", include("gongkai.notices.public_urls")),
    path("wangzhan/", include("gongkai.websites.public_urls")),
    path("", include("gongkai.portal.urls")),
]
