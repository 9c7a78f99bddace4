"""Public URLs of ``gongkai.reports``: published annual reports."""

from django.urls import URLPattern, URLResolver

app_name = "nianbao"
urlpatterns: list[URLPattern | URLResolver] = []
