"""App configuration for ``gongkai.appeals``."""

from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"

    def ready(self) -> None:
        from gongkai.core import eventlabels

        eventlabels.register({"appeal.created": "登记复议诉讼案件", "appeal.updated": "修改复议诉讼案件"})
