"""Django admin for agencies and memberships (platform admins)."""

from django.contrib import admin

from gongkai.agencies.models import Agency, Membership


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "kind", "parent"]
    search_fields = ["name", "code"]
    list_filter = ["level", "kind"]
    raw_id_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user", "agency"]
