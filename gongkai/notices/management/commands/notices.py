"""`gongkai notices send-due | warn-overdue`: the periodic notice work, for cron on in-process deployments.

With a Celery worker, beat runs the same tasks (settings ``CELERY_BEAT_SCHEDULE``). Both print counts only,
never an address or a phone number.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.notices.tasks import send_due_notices, warn_overdue


class Command(BaseCommand):
    help = "Send due notices (retries, SMS held over quiet hours) or plan the overdue warnings to staff."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("send-due", help="send every pending notice whose time has come")
        warn = sub.add_parser("warn-overdue", help="warn clerks and office heads of overdue open cases (once each)")
        warn.add_argument("--today", help="YYYY-MM-DD (default: today in Asia/Shanghai)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "send-due":
            self.stdout.write(f"已发送 {send_due_notices()} 条通知")
            return
        today = opts.get("today")
        if today:
            try:
                dt.date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        self.stdout.write(f"逾期提醒 {warn_overdue(today)} 条（已发送过的不重复发送）")
