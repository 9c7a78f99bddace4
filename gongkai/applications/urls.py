"""Staff URLs of ``gongkai.applications``."""

from django.urls import URLPattern, URLResolver

app_name = "applications"
urlpatterns: list[URLPattern | URLResolver] = []
