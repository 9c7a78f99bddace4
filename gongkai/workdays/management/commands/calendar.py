"""`gongkai calendar due DATE N` and `gongkai calendar import-notice FILE [--dry-run] [--confirm]` (thin).

The import prints what the notice adds, confirms or changes, every sentence it did not use and every
warning; a doubtful notice or a conflict with stored days is saved only with ``--confirm``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.actors import SYSTEM
from gongkai.workdays import selectors, services
from gongkai.workdays.counting import CalendarYearMissing
from gongkai.workdays.notice import NoticeParseError, parse_notice
from gongkai.workdays.selectors import CHANGE


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
        imp.add_argument("--confirm", action="store_true",
                         help="save although sentences were not used, warnings were raised or stored days change")

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
        plan = selectors.notice_merge_plan(parsed)
        self.stdout.write(f"# {parsed.source_label}")
        for line in plan.lines:
            self.stdout.write(f"{line.date.isoformat()} {line.kind} {line.name} [{line.action_label}]"
                              + (f"（原为{line.existing_kind_label}，来源：{line.existing_source}）"
                                 if line.action == CHANGE else ""))
        for kept in plan.kept:
            self.stdout.write(f"保留 {kept.date.isoformat()} {kept.kind_label} {kept.name}（来源：{kept.source}）")
        for sentence in parsed.unused:
            self.stderr.write(f"未使用的句子（含日期）：{sentence}")
        for report in parsed.sentences:
            if report.status == "no_date":
                self.stderr.write(f"未使用的句子（不含日期）：{report.text}")
        for warning in parsed.warnings:
            self.stderr.write(f"提示：{warning}")
        if opts["dry_run"]:
            return
        try:
            services.year_import_notice(parsed=parsed, text=text, source=opts["source"], actor=SYSTEM,
                                        confirmed=opts["confirm"])
        except services.NoticeNeedsConfirmation as exc:
            raise CommandError(f"未保存：{exc}。请核对上面列出的内容，确认无误后加 --confirm 重新运行") from exc
        self.stderr.write(f"saved {parsed.year}: {len(plan.added)} added, {len(plan.conflicts)} changed, "
                          f"{len(plan.kept)} kept")
