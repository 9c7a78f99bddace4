"""`gongkai calendar due DATE N` and `gongkai calendar import-notice FILE [--dry-run]` (thin)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.actors import SYSTEM
from gongkai.workdays import services
from gongkai.workdays.counting import CalendarYearMissing
from gongkai.workdays.notice import NoticeParseError, parse_notice


class Command(BaseCommand):
    help = "Statutory workday calendar: compute a due date, or import a State Council holiday notice."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="print the N-th workday after DATE (start day not counted)")
        due.add_argument("date")
        due.add_argument("n", type=int)
        imp = sub.add_parser("import-notice", help="read the notice text, print its days, save them")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true")
        imp.add_argument("--year", type=int, default=None)
        imp.add_argument("--source", default="")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "due":
            try:
                start = dt.date.fromisoformat(opts["date"])
            except ValueError as exc:
                raise CommandError(f"日期格式应为 YYYY-MM-DD：{opts['date']}") from exc
            if opts["n"] < 0:
                raise CommandError("N 不能为负数")
            try:
                self.stdout.write(services.get_calendar().add_workdays(start, opts["n"]).isoformat())
            except CalendarYearMissing as exc:
                raise CommandError(str(exc)) from exc
            return
        path = Path(opts["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取 {path}：{exc}") from exc
        try:
            parsed = parse_notice(text, opts["year"])
        except NoticeParseError as exc:
            raise CommandError(str(exc)) from exc
        for day in parsed.days:
            self.stdout.write(f"{day.date.isoformat()} {day.kind} {day.name}")
        for warning in parsed.warnings:
            self.stderr.write(f"warning: {warning}")
        if not opts["dry_run"]:
            services.year_import_notice(parsed=parsed, text=text, source=opts["source"], actor=SYSTEM)
            self.stderr.write(f"saved {parsed.year}: {len(parsed.holidays)} holidays, "
                              f"{len(parsed.makeup_workdays)} make-up workdays")
