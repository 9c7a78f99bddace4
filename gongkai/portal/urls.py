"""Public portal URLs (server-rendered, zh-Hans): the platform home, each agency's standard columns,
record pages, attachments, Atom feeds, search and the sitemap."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.portal import views
from gongkai.portal.feeds import AgencyFeed
from gongkai.portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_view, name="search"),
    path("mode/", views.mode_switch, name="mode"),
    path("gk/", views.agency_index, name="agencies"),
    path("zhengce/", views.policies, name="policies"),
    path("gk/<int:agency_id>/", views.agency_home, name="agency"),
    path("gk/<int:agency_id>/guide/", views.guide, name="guide"),
    path("gk/<int:agency_id>/rules/", views.rules, name="rules"),
    path("gk/<int:agency_id>/content/", views.content, name="content"),
    path("gk/<int:agency_id>/annual-reports/", views.annual_reports, name="annual_reports"),
    path("gk/<int:agency_id>/feed/", AgencyFeed(), name="feed"),
    path("record/<int:record_id>/", views.record_page, name="record"),
    path("record/<int:record_id>/file/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
