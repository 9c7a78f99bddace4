"""`gongkai ingest PATH... [--out results.jsonl] [--csv FILE]`: read published annual reports in bulk.

Thin: walks the paths (directories recursively), runs ``pipeline.ingest_file`` per file, streams one
JSON line per good file (stdout unless --out) and optional long-format CSV rows, prints one error line
per unreadable or unrecognised file to stderr and goes on, with a tqdm progress bar on stderr.
No input ends in a traceback: an output file that cannot be opened or written, a closed pipe or a
missing path each give one Chinese line. Exit status: 0 when at least one file was read (with
``--strict``, only when every file was), 1 when no file could be read, 2 when the output cannot be written.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from gongkai.ingest.pipeline import csv_rows, display_path, ingest_file, iter_paths, write_csv_header
from gongkai.ingest.readers import os_error_reason


class _OutputFailed(Exception):
    """Writing results failed (disk full, closed pipe …); the message is Chinese."""


def _open_output(path: str, what: str, **kwargs: Any) -> IO[str]:
    try:
        return open(path, "w", **kwargs)  # closed in handle()'s finally
    except OSError as exc:
        raise _OutputFailed(f"无法写入{what} {display_path(path)}：{os_error_reason(exc)}") from exc
    except ValueError as exc:  # a NUL character in the path
        raise _OutputFailed(f"无法写入{what} {display_path(path)}：路径中含有不允许的字符") from exc


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
        out: IO[str] = sys.stdout
        csv_fh: IO[str] | None = None
        try:
            if opts.get("out"):
                out = _open_output(opts["out"], "结果文件", encoding="utf-8")
            if opts.get("csv"):
                csv_fh = _open_output(opts["csv"], " CSV 文件", encoding="utf-8-sig", newline="")
            good, bad, total = self._run(opts, out, csv_fh)
        except _OutputFailed as exc:
            sys.stderr.write(f"错误 {exc}\n")
            sys.exit(2)
        finally:
            for fh in (out, csv_fh):
                if fh is not None and fh is not sys.stdout:
                    try:
                        fh.close()
                    except OSError:
                        pass  # already reported as a write failure
        sys.stderr.write(f"共 {total} 个文件：成功 {good}，出错 {bad}\n")
        if total == 0:
            sys.stderr.write("错误 没有找到可读取的文件\n")
        if good == 0 or (bad and opts.get("strict")):
            sys.exit(1)

    def _run(self, opts: dict[str, Any], out: IO[str], csv_fh: IO[str] | None) -> tuple[int, int, int]:
        paths = list(iter_paths(opts["paths"]))
        good = bad = 0
        bar = tqdm(total=len(paths), unit="份", desc="读取年报", file=sys.stderr,
                   disable=opts.get("no_progress") or None, mininterval=0.5)
        try:
            writer = write_csv_header(csv_fh) if csv_fh is not None else None
            for path in paths:
                result = ingest_file(path)
                if result.ok:
                    good += 1
                    line = json.dumps(result.to_json(), ensure_ascii=False) + "\n"
                else:
                    bad += 1
                    line = ""
                    tqdm.write(f"错误 {result.path}: {result.error}", file=sys.stderr)
                if line:
                    out.write(line)
                if writer is not None:
                    writer.writerows(csv_rows(result))
                bar.update(1)
            out.flush()
        except BrokenPipeError as exc:  # `gongkai ingest … | head`: the reader has gone, nothing left to do
            if out is sys.stdout:
                # Point stdout at /dev/null so the interpreter's final flush does not print a second error.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise _OutputFailed("输出管道已关闭") from exc
        except OSError as exc:
            raise _OutputFailed(f"无法写入结果：{os_error_reason(exc)}") from exc
        finally:
            bar.close()
        return good, bad, len(paths)
