"""App configuration for ``gongkai.workdays``; registers the missing-next-year system check."""

from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from gongkai.core import eventlabels

        eventlabels.register({"calendar.year_imported": "导入节假日安排", "calendar.day_set": "设置日历日"})
        from gongkai.workdays import checks  # noqa: F401
