"""Django admin for the work ledger (read-mostly; staff use the staff pages)."""

from django.contrib import admin

from gongkai.core.admin import EventLoggedAdmin
from gongkai.worklog.models import WorkEntry


@admin.register(WorkEntry)
class WorkEntryAdmin(EventLoggedAdmin):
    list_display = ["agency", "year", "kind", "title", "quantity", "secondary"]
    list_filter = ["year", "kind"]
