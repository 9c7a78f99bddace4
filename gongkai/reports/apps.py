"""App configuration for ``gongkai.reports``: registers the declared-keys system check (``declared.py``)."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"

    def ready(self) -> None:
        from django.core import checks

        # Imported here: the check reads the ledger apps' models, which are loaded only once apps are ready.
        from gongkai.reports.declared import check_declared_choices

        checks.register(check_declared_choices)
