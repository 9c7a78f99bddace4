"""App configuration for ``gongkai.catalog``."""

from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"

    def ready(self) -> None:
        from gongkai.catalog.workflow import TABLE
        from gongkai.core import eventlabels

        # Chinese words for the catalog's event keys (users never see the keys themselves).
        eventlabels.register({f"catalog.record.{r.action}": TABLE.label(r.action) for r in TABLE.rows} | {
            "catalog.record.create": "新建信息", "catalog.record.update": "修改信息",
            "catalog.record.revise": "修订更正",
            "catalog.record.repeal": "标记失效或废止", "catalog.record.publish_generated": "发布（系统生成）",
            "catalog.period_figures.save": "登记统计期数据", "catalog.channel_tally.save": "登记渠道发布条数",
            "catalog.channel.add": "登记发布渠道", "catalog.category.create": "新建分类",
            "catalog.category.update": "修改分类",
            "catalog.categories.defaults": "建立默认分类", "catalog.attachment.add": "添加附件",
            "catalog.attachment.remove": "删除附件", "catalog.attachment.arrange": "调整附件名称和顺序",
            "catalog.attachment.public_copy": "生成公开文件（清除隐藏信息）",
        })
