"""Public URLs of ``gongkai.reports``: published annual reports (政府信息公开年报)."""

from django.urls import URLPattern, URLResolver, path

from gongkai.reports import public_views

app_name = "nianbao"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", public_views.nianbao_list, name="list"),
    path("<int:report_id>/", public_views.nianbao_detail, name="detail"),
    path("<int:report_id>/download.<str:export_kind>", public_views.nianbao_download, name="download"),
]
