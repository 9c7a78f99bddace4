"""Staff URLs of ``gongkai.worklog``."""

from django.urls import URLPattern, URLResolver

app_name = "worklog"
urlpatterns: list[URLPattern | URLResolver] = []
