"""Public URLs of ``gongkai.applications``: the online form, status pages, the fee calculator."""

from django.urls import URLPattern, URLResolver

app_name = "apply"
urlpatterns: list[URLPattern | URLResolver] = []
