"""Staff dashboard panels contributed by the domain apps.

An app that wants a panel defines ``gongkai.<app>.dashboard.panels(request, agencies)`` returning a
list of dicts with at least ``template`` (rendered with ``panel`` in context). The shell only collects.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gongkai.agencies.models import Agency
from gongkai.staff.plugins import app_modules


def collect(request: HttpRequest, agencies: list[Agency]) -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = []
    for module in app_modules("dashboard"):
        panels.extend(module.panels(request, agencies))
    return panels
