"""App configuration for ``gongkai.worklog``."""

from django.apps import AppConfig


class WorklogConfig(AppConfig):
    name = "gongkai.worklog"
    label = "worklog"
