"""Django admin for calendar data (platform admins)."""

from django.contrib import admin

from gongkai.core.admin import EventLoggedAdmin
from gongkai.workdays.models import CalendarDay, CalendarYear


class DayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(EventLoggedAdmin):
    list_display = ["year", "origin", "source", "changed_at"]
    inlines = [DayInline]
