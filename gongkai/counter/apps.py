"""App configuration for ``gongkai.counter`` (pages only: no models)."""

from django.apps import AppConfig


class CounterConfig(AppConfig):
    name = "gongkai.counter"
    label = "counter"
    verbose_name = "综合窗口"
