"""Django admin for calendar data (platform admins): years with their days, and the imported notices."""

from django.contrib import admin

from gongkai.core.admin import EventLoggedAdmin
from gongkai.workdays.models import CalendarDay, CalendarYear, HolidayNotice


class DayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0
    fields = ["date", "kind", "name", "origin", "notice"]
    raw_id_fields = ["notice"]


@admin.register(CalendarYear)
class CalendarYearAdmin(EventLoggedAdmin):
    list_display = ["year", "origin", "source", "changed_at"]
    inlines = [DayInline]


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(EventLoggedAdmin):
    list_display = ["year", "title", "doc_number", "issued_on", "imported_at"]
    readonly_fields = ["imported_at", "imported_by"]
