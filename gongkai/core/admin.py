"""Event log in the Django admin: read-only (no add, change or delete for anyone)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.core.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "agency", "action", "object_type", "object_id"]
    list_filter = ["action"]
    search_fields = ["object_type", "object_id", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
