"""URLs for the catalog benchmark: the whole site plus ``/bench-floor/``, a minimal template view
that sets the floor (framework, middleware and server cost with no data access)."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

_FLOOR = engines["django"].from_string("<!DOCTYPE html><html lang='zh-Hans'><title>floor</title><p>{{ n }}</p></html>")


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_FLOOR.render({"n": 1}, request))


urlpatterns = [path("bench-floor/", floor), path("", include("gongkai.config.urls"))]
