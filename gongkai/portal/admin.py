"""Django admin for the site identity: platform admins edit the one ``SiteSettings`` row (no second row,
no delete); every change is an event (``EventLoggedAdmin``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Field
from django.http import HttpRequest

from gongkai.core.admin import EventLoggedAdmin
from gongkai.portal.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(EventLoggedAdmin):
    list_display = ["site_name", "organiser", "site_code", "updated_at"]
    fieldsets = [
        (None, {"fields": ["site_name", "base_url"]}),
        ("页脚", {"fields": ["organiser", "operator", "contact", "site_code", "icp_number", "police_number"]}),
    ]

    def formfield_for_dbfield(self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "base_url":
            kwargs["assume_scheme"] = "https"  # a site address typed without a scheme is https
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: SiteSettings | None = None) -> bool:
        return False
