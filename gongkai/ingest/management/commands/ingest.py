"""`gongkai ingest PATH... [--out results.jsonl] [--csv FILE]`: read published annual reports in bulk.

Thin: walks the paths (directories recursively), runs ``pipeline.ingest_file`` per file, streams one
JSON line per good file (stdout unless --out) and optional long-format CSV rows, prints one error line
per unreadable or unrecognised file to stderr and goes on, with a tqdm progress bar on stderr.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from gongkai.ingest.pipeline import csv_rows, ingest_file, iter_paths, write_csv_header


class Command(BaseCommand):
    requires_system_checks: list[str] = []
    help = "读取已发布的政府信息公开工作年度报告（TXT/HTML/DOCX/PDF），输出 JSON Lines 和 CSV"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="文件或目录（递归）")
        parser.add_argument("--out", help="结果 JSON Lines 文件（默认标准输出）")
        parser.add_argument("--csv", help="另存长表 CSV：每个表格单元格和文字数据一行")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument("--strict", action="store_true", help="有文件出错时以状态码 1 退出")

    def handle(self, *args: Any, **opts: Any) -> None:
        paths = [str(p) for p in iter_paths(opts["paths"])]
        out = open(opts["out"], "w", encoding="utf-8") if opts.get("out") else sys.stdout
        csv_fh = open(opts["csv"], "w", encoding="utf-8-sig", newline="") if opts.get("csv") else None
        writer = write_csv_header(csv_fh) if csv_fh is not None else None
        good = bad = 0
        bar = tqdm(total=len(paths), unit="份", desc="读取年报", file=sys.stderr,
                   disable=opts.get("no_progress") or None, mininterval=0.5)
        try:
            for path in paths:
                result = ingest_file(path)
                if result.ok:
                    good += 1
                    out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                else:
                    bad += 1
                    tqdm.write(f"错误 {path}: {result.error}", file=sys.stderr)
                if writer is not None:
                    writer.writerows(csv_rows(result))
                bar.update(1)
        finally:
            bar.close()
            if out is not sys.stdout:
                out.close()
            if csv_fh is not None:
                csv_fh.close()
        sys.stderr.write(f"共 {len(paths)} 个文件：成功 {good}，出错 {bad}\n")
        if bad and opts.get("strict"):
            sys.exit(1)
