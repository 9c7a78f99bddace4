"""App configuration for ``gongkai.appeals``."""

from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
