"""Django admin for agencies and memberships (platform admins)."""

from django.contrib import admin

from gongkai.agencies.models import Agency, Membership
from gongkai.core.admin import EventLoggedAdmin


@admin.register(Agency)
class AgencyAdmin(EventLoggedAdmin):
    list_display = ["name", "code", "level", "kind", "parent"]
    search_fields = ["name", "code"]
    list_filter = ["level", "kind"]
    raw_id_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(EventLoggedAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user", "agency"]
