"""App configuration for ``gongkai.core``."""

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _ensure_event_triggers(*, using: str = "default", **kwargs: Any) -> None:
    # A later migration that rebuilds core_event on SQLite drops its triggers; re-install them after every
    # migrate (and flush) so the table never stays unprotected.
    from gongkai.core import eventchain

    eventchain.ensure_triggers(connections[using])


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from gongkai.core import bulkcopy, eventlabels

        eventlabels.register({"demo.bulk_generated": bulkcopy.BATCH_EVENT_LABEL})
        post_migrate.connect(_ensure_event_triggers, sender=self, dispatch_uid="gongkai.core.event_triggers")
