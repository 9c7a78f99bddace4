"""`gongkai agencies import FILE` and `gongkai agencies export` (CSV with a header row) (thin)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies import services
from gongkai.core.actors import SYSTEM


class Command(BaseCommand):
    help = "Import or export agencies as CSV (issuer code in the column `code`)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import")
        imp.add_argument("file")
        sub.add_parser("export")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["action"] == "export":
            self.stdout.write(services.agencies_export_csv(), ending="")
            return
        try:
            text = Path(opts["file"]).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取 {opts['file']}：{exc}") from exc
        try:
            result = services.agencies_import_csv(text=text, actor=SYSTEM)
        except services.AgencyImportError as exc:
            raise CommandError("导入失败，未写入任何数据：\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(f"created {len(result.created)}, updated {len(result.updated)}, "
                          f"unchanged {len(result.unchanged)}")
