"""App config of the county standard directories; registers the Chinese labels of its events."""

from __future__ import annotations

from django.apps import AppConfig


class DirectoriesConfig(AppConfig):
    name = "gongkai.directories"
    label = "directories"
    verbose_name = "基层政务公开标准目录"

    def ready(self) -> None:
        from gongkai.core.eventlabels import register

        register({"directory.import": "导入标准目录", "directory.link": "关联目录事项与政府信息",
                  "directory.unlink": "取消目录事项关联"})
