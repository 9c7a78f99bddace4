"""Staff URLs of ``gongkai.ingest``: imported published reports and the comparison page."""

from django.urls import URLPattern, URLResolver, path

from gongkai.ingest import views

app_name = "ingest"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.report_list, name="list"),
    path("upload/", views.report_upload, name="upload"),
    path("compare/", views.compare, name="compare"),
    path("<int:published_report_id>/", views.report_detail, name="detail"),
    path("<int:published_report_id>/confirm/", views.report_confirm, name="confirm"),
]
