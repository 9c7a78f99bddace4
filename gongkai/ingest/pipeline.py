"""Ingest pipeline: a file (or bytes) → read → parse → check, with one clear error per bad file.

``ingest_bytes`` raises ``UnreadableFile`` (cannot be decoded) or ``UnrecognisedFile`` (decoded, but no
annual report in it); ``ingest_file`` never raises for a bad file and returns an ``IngestResult`` with
``error`` set instead, so a batch goes on. ``iter_paths`` walks directories recursively in a stable
order. Results stream out one at a time (JSON lines, CSV rows): memory stays flat over any batch.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from gongkai.core import csvsafe
from gongkai.formats import FORMATS
from gongkai.ingest.evidence import Evidence, Reading
from gongkai.ingest.localchecks import check_local
from gongkai.ingest.ocr import OCR_NOTE
from gongkai.ingest.parser import parse_reading
from gongkai.ingest.readers import UnreadableFile, read_document, read_file
from gongkai.reports.checks import Problem, check_report, table_plan
from gongkai.reports.data import ReportData

logger = logging.getLogger(__name__)

SKIP_SUFFIXES = {".jsonl", ".csv", ".pyc"}


class UnrecognisedFile(Exception):
    """Readable, but not a 政府信息公开工作年度报告 (no title, year, sections or tables found)."""


@dataclass
class IngestResult:
    path: str
    kind: str = ""
    sha256: str = ""
    data: ReportData | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)
    ocr_pages: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "kind": self.kind, "sha256": self.sha256, "ok": self.ok, "error": self.error,
            "report": self.data.to_json() if self.data is not None else None,
            "problems": [p.to_json() for p in self.problems],
            "evidence": {k: e.to_json() for k, e in self.evidence.items()},
            "ocr_pages": list(self.ocr_pages),
        }


_SELF_RE = re.compile(r"本(?:年报|年度报告|报告)[^。]{0,80}?(?:政府信息公开|信息公开条例|编制)")


def _recognised(data: ReportData, text_sample: str) -> bool:
    if data.era == "local2008":
        # A 统计表 of local design counts as a report only with its figures or its year (a blank form does not).
        return bool(data.tables) and data.year is not None
    if data.era != "narrative":
        return True
    if "公开" not in text_sample:
        return False
    # A report without title or numbered sections still says what it is ("本年报根据《条例》…编制", 厦门市 2016).
    # A report's part without numbered headings (a mirror that kept "概述" bare, 大涌镇 2010) still reports its year's
    # figures on the disclosure work: two of them, and the regulation's words, say what it is.
    reported = len({f.key for f in data.figures}) >= 2 and "政府信息公开" in text_sample
    return data.year is not None and (bool(data.sections) or bool(data.title) or bool(_SELF_RE.search(text_sample))
                                      or reported)


def ingest_reading(name: str, content: bytes, *, previous: ReportData | None = None,
                   ocr_seconds: float | None = None) -> Reading:
    """Read, parse and check one file, keeping the evidence of each figure (labels, span, alternatives).
    Raises only ``UnreadableFile`` or ``UnrecognisedFile`` (zh message): every caller (CLI, staff upload,
    API) can show the message, and no input ends in a 500 or traceback."""
    try:
        doc = read_document(name, content, ocr_seconds=ocr_seconds)
        kind, tokens = doc.kind, doc.tokens
        data, evidence, text = parse_reading(tokens, source=name)
        sample = "".join(t.text for t in tokens[:400])
        recognised = _recognised(data, sample)
        problems = (check_report(data, previous=previous) + check_local(data)) if recognised else []
        if doc.ocr_pages and recognised:
            settle_ocr(data, problems, doc.ocr_pages)
    except (UnreadableFile, UnrecognisedFile):
        raise
    except RecursionError as exc:
        raise UnreadableFile("文件结构嵌套过深，无法读取") from exc
    except MemoryError as exc:
        raise UnreadableFile("文件内容过大，读取时内存不足，未读取") from exc
    except Exception as exc:
        # A reader or parser bug must not surface as a 500 or stop a batch; the details go to the log.
        logger.exception("ingest of %r failed", name)
        raise UnreadableFile("读取或解析时发生意外错误，文件可能已损坏；已记录，请联系系统管理员") from exc
    if not recognised:
        raise UnrecognisedFile("未识别为政府信息公开工作年度报告（没有找到标题年度、章节或统计表格）")
    return Reading(kind=kind, data=data, problems=problems, evidence=evidence, text=text, ocr_pages=doc.ocr_pages)


def ocr_table_confirmed(data: ReportData, table_key: str, problems: list[Problem]) -> bool:
    """Whether the form's own rules vouch for a table read by OCR: the table has sum rules (Table 3's R1–R3,
    Table 4's group totals, the pre-2019 sums; Table 2 and the local 统计表 have none), every declared cell
    was found, none holds a note or a doubt, and no check (error or warning) names the table. A misread
    digit breaks a sum, so a table that passes has every figure cross-checked by at least one equation."""
    fmt = FORMATS.get(data.layout(table_key))
    if fmt is None or not fmt.has_table(table_key):
        return False
    plan = table_plan(fmt.era, table_key)
    if not plan.sums:
        return False
    cells = data.tables.get(table_key, {})
    for key in plan.keys:
        c = cells.get(key)
        if c is None or c.unsure or (c.value is None and c.note):
            return False
    return not any(p.table == table_key for p in problems)


def settle_ocr(data: ReportData, problems: list[Problem], pages: tuple[int, ...]) -> None:
    """Figures read from scanned pages: every table whose rules do not vouch for it (``ocr_table_confirmed``)
    has each cell marked unsure, with the note ``OCR识别，待人工核对`` on each figure; prose figures and free
    rows are always unsure (no rule checks them). Values are never changed: a cell OCR could not read is
    already absent (a blank, or the note ``OCR未能识别``)."""
    confirmed: list[str] = []
    failed: list[str] = []
    for table_key, cells in data.tables.items():
        fmt = FORMATS.get(data.layout(table_key))
        title = fmt.table(table_key).title if fmt is not None and fmt.has_table(table_key) else table_key
        if ocr_table_confirmed(data, table_key, problems):
            confirmed.append(title)
            continue
        # Once its cells are unsure the checks only say "未能核对": keep what failed as read, for the person.
        broken = [p for p in problems if p.table == table_key and p.severity == "error"]
        if broken:
            failed.append(f"{title}按OCR读数不成立：" + "；".join(f"[{p.rule}] {p.message}" for p in broken[:3])
                          + (f" 等{len(broken)}处" if len(broken) > 3 else ""))
        for c in cells.values():
            c.unsure = True
            if c.value is not None:
                c.note = OCR_NOTE if not c.note else f"{c.note}；{OCR_NOTE}"
            c.snippet = f"{c.snippet}（{OCR_NOTE}）" if c.snippet else OCR_NOTE
    for fr in data.free_rows:
        fr.cell.unsure = True
    for f in data.figures:
        f.unsure = True
    where = "、".join(str(p) for p in pages)
    ok = "、".join(confirmed)
    data.notes.append(f"第{where}页为扫描件，经OCR识别；" + (f"{ok}的表内勾稽关系全部成立，数据可用；" if ok else "")
                      + "其余数据已标为存疑（OCR识别，待人工核对）")
    data.notes.extend(failed)


def ingest_bytes(name: str, content: bytes, *, previous: ReportData | None = None,
                 ocr_seconds: float | None = None) -> tuple[str, ReportData, list[Problem]]:
    """``ingest_reading`` without the evidence: (kind, report, problems)."""
    r = ingest_reading(name, content, previous=previous, ocr_seconds=ocr_seconds)
    return r.kind, r.data, r.problems


def display_path(path: str | Path) -> str:
    """``path`` as one printable line: undecodable bytes and control characters (a newline in a file
    name) are escaped, so an error stays one line and JSON/CSV output can always be encoded."""
    raw = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in raw)


def ingest_file(path: str | Path) -> IngestResult:
    p = Path(path)
    result = IngestResult(path=display_path(p))
    try:
        content = read_file(p)
    except UnreadableFile as exc:
        result.error = str(exc)
        return result
    result.sha256 = hashlib.sha256(content).hexdigest()
    try:
        r = ingest_reading(p.name, content)
        result.kind, result.data, result.problems, result.evidence = r.kind, r.data, r.problems, r.evidence
        result.ocr_pages = r.ocr_pages
    except (UnreadableFile, UnrecognisedFile) as exc:
        result.error = str(exc)
    return result


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under ``paths`` (directories walked recursively, sorted; hidden entries skipped)."""
    for raw in paths:
        p = Path(raw)
        try:
            is_dir = p.is_dir()
        except (OSError, ValueError):  # a name too long, a NUL: reported by the reader as that file's error
            is_dir = False
        if is_dir:
            # An unreadable subdirectory is yielded itself, so the batch reports it instead of skipping it silently.
            unreadable: list[Path] = []

            def note(exc: OSError, top: Path = p, into: list[Path] = unreadable) -> None:
                into.append(Path(exc.filename or top))

            for root, dirs, files in os.walk(p, onerror=note):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith(".") or Path(f).suffix.lower() in SKIP_SUFFIXES:
                        continue
                    yield Path(root) / f
            yield from unreadable
        else:
            yield p


CSV_HEADER = ["path", "agency", "year", "era", "kind", "table", "row", "column", "value", "note", "unsure", "snippet"]


def csv_rows(result: IngestResult) -> Iterator[list[str]]:
    """Long format: one row per table cell and per prose figure (errors give one row with the message)."""
    d = result.data
    if d is None:
        yield [result.path, "", "", "", "error", "", "", "", "", result.error or "", "", ""]
        return
    base = [result.path, d.agency_name, str(d.year or ""), d.era]
    for table, cells in d.tables.items():
        for (row, col), c in cells.items():
            yield [*base, "cell", table, row, col, "" if c.value is None else str(c.value), c.note or "",
                   "1" if c.unsure else "", ""]
    for fr in d.free_rows:
        yield [*base, "free_row", fr.table, fr.label, fr.unit, "" if fr.cell.value is None else str(fr.cell.value),
               fr.cell.note or "", "1" if fr.cell.unsure else "", ""]
    for f in d.figures:
        yield [*base, "figure", "", f.key, f.label, "" if f.value is None else str(f.value), f.unit,
               "1" if f.unsure else ("approx" if f.approx else ""), f.snippet]


def write_csv_header(fh: IO[str]) -> Any:
    w = csvsafe.writer(fh)  # parsed text comes from outside: no cell may become a spreadsheet formula
    w.writerow(CSV_HEADER)
    return w
