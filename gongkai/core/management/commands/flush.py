"""`flush` that may empty the append-only event log, only where settings allow it (the test suite).

Django's test runner flushes the database after transactional tests; the event triggers refuse that unless
the flush runs inside ``eventchain.purge_allowed``. Elsewhere (settings.GONGKAI_ALLOW_EVENT_PURGE false,
the default) the command refuses before touching anything, so a stray ``flush`` cannot wipe the log.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlushCommand
from django.db import connections

from gongkai.core import eventchain


class Command(DjangoFlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if not getattr(settings, "GONGKAI_ALLOW_EVENT_PURGE", False):
            raise CommandError(
                "操作记录只能追加，flush 不能清空数据库。仅测试配置（GONGKAI_ALLOW_EVENT_PURGE）允许此操作。"
            )
        with eventchain.purge_allowed(connection):
            super().handle(**options)
