"""App configuration for ``gongkai.reports``: registers the declared-keys system check (``declared.py``)."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"

    def ready(self) -> None:
        from gongkai.core import eventlabels
        from gongkai.reports.workflow import TABLE

        eventlabels.register({f"reports.report_{r.action}": TABLE.label(r.action) for r in TABLE.rows} | {
            "reports.report_created": "新建年度报告", "reports.report_updated": "修改年度报告",
            "ingest.published_report.import": "导入已发布年报", "ingest.published_report.replace": "替换已导入年报",
        })
        from django.core import checks

        # Imported here: the check reads the ledger apps' models, which are loaded only once apps are ready.
        from gongkai.reports.declared import check_declared_choices

        checks.register(check_declared_choices)
