"""App configuration for ``gongkai.supervision``."""

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "督办"

    def ready(self) -> None:
        from gongkai.core import eventlabels

        eventlabels.register({"supervision.note_issued": "发出督办意见",
                              "supervision.note_acknowledged": "签收督办意见"})
