"""App configuration for ``gongkai.applications``; connects the calendar-change receiver."""

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.applications import signals  # noqa: F401
