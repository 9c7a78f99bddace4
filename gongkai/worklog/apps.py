"""App configuration for ``gongkai.worklog``."""

from django.apps import AppConfig


class WorklogConfig(AppConfig):
    name = "gongkai.worklog"
    label = "worklog"

    def ready(self) -> None:
        from gongkai.core import eventlabels

        eventlabels.register({"worklog.entry_created": "登记工作数据", "worklog.entry_updated": "修改工作数据",
                              "worklog.entry_deleted": "删除工作数据"})
