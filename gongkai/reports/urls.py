"""Staff URLs of ``gongkai.reports``."""

from django.urls import URLPattern, URLResolver, path

from gongkai.reports import views

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.report_list, name="list"),
    path("rollup/", views.rollup_view, name="rollup"),
    path("agency/<int:agency_id>/new/", views.report_create, name="create"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/edit/", views.report_edit, name="edit"),
    path("<int:report_id>/act/<str:report_action>/", views.report_act, name="act"),
    path("<int:report_id>/download.<str:export_kind>", views.report_download, name="download"),
]
