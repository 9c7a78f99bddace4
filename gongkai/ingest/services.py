"""Writes of the ingest app: importing a published annual report as an agency's history.

``published_report_import`` reads and parses the file and hands the parsed report to
``gongkai.reports.history.history_store``, which runs the checks (with last year's history for the R5
carry-over check) and creates or replaces the agency's report for that year in one transaction with one
event. An unreadable or unrecognised file, a year other than the one chosen, or
no year at all is refused with a zh ``ValidationError`` naming the reason — never stored half-read.
``published_report_confirm_cell`` lets a person settle one unsure figure (issue 12), stored again the same way.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.core.actors import Actor
from gongkai.ingest.pipeline import UnrecognisedFile, ingest_bytes
from gongkai.ingest.readers import UnreadableFile
from gongkai.reports.data import ReportData
from gongkai.reports.history import history_store
from gongkai.reports.models import PublishedReport

MAX_BYTES = 30 * 1024 * 1024


class ImportNeedsConfirmation(ValidationError):
    """The import would store a report signed by another agency, or replace a stored year: a person must
    confirm (the messages say what would happen, in Chinese)."""


def import_questions(agency: Agency, data: ReportData) -> list[str]:
    """What a person should confirm before ``data`` is stored as ``agency``'s report for its year."""
    questions: list[str] = []
    signed = re.sub(r"\s+", "", data.agency_name or "")
    names = {re.sub(r"\s+", "", n) for n in (agency.name, agency.short_name) if n}
    if signed and not any(signed == n or n in signed or signed in n for n in names):
        questions.append(f"报告署名为“{data.agency_name}”，不是所选的“{agency.name}”，确认是本机关的报告吗？")
    existing = PublishedReport.objects.filter(agency=agency, year=data.year).first()
    if existing is not None:
        questions.append(f"{agency.name}已有{data.year}年度的导入报告（{existing.source_filename}），"
                         "导入将替换它（替换前的内容留在操作记录中）。")
    return questions


def published_report_import(*, agency: Agency | None, path_or_bytes: str | Path | bytes, actor: Actor,
                            filename: str | None = None, year: int | None = None,
                            ocr_seconds: float | None = None, ask: bool = False) -> PublishedReport:
    """Import one published report file for ``agency`` (None: keep the name printed in the report).
    ``ocr_seconds`` bounds the OCR of scanned pages (the staff page passes ``ocr.WEB_OCR_SECONDS``).
    ``ask``: raise ``ImportNeedsConfirmation`` instead of storing a report signed by another agency or
    replacing a stored year (the staff page asks until the person ticks 确认)."""
    if isinstance(path_or_bytes, bytes):
        content, name = path_or_bytes, filename or "upload"
    else:
        p = Path(path_or_bytes)
        try:
            content = p.read_bytes()
        except OSError as exc:
            raise ValidationError(f"无法读取文件“{p.name}”：{exc.strerror or exc}") from exc
        name = filename or p.name
    if len(content) > MAX_BYTES:
        raise ValidationError(f"文件“{name}”超过 {MAX_BYTES // 1024 // 1024} MB")
    try:
        kind, data, _problems = ingest_bytes(name, content, ocr_seconds=ocr_seconds)
    except (UnreadableFile, UnrecognisedFile) as exc:
        raise ValidationError(f"文件“{name}”：{exc}") from exc
    if year is not None:
        if data.year is not None and data.year != year:
            raise ValidationError(f"文件“{name}”是{data.year}年度的报告，不是所选的{year}年度")
        if data.year is None:
            data.notes.append(f"报告中未写明年度，按导入时选择的{year}年度")
            data.year = year
    if data.year is None:
        raise ValidationError(f"文件“{name}”中没有找到报告年度，请在导入时选择年度")
    if ask and agency is not None:
        questions = import_questions(agency, data)
        if questions:
            raise ImportNeedsConfirmation(questions)
    # Storing, checking against last year and the event belong to report history (gongkai.reports.history).
    return history_store(agency=agency, data=data, actor=actor, source_filename=name, source_kind=kind,
                         sha256=hashlib.sha256(content).hexdigest())


def published_report_confirm_cell(*, report: PublishedReport, key: str, value: int, actor: Actor) -> PublishedReport:
    """A person settles one unsure figure of an imported report (a glued run with several readings, values
    that could not be placed) after reading the original: the cell gets ``value``, loses ``unsure`` and keeps
    who confirmed it in its evidence text. The report is stored again through report history, which re-runs
    the checks and the headline figures and records the event (ADR 0004); the caller checks the role."""
    if report.agency is None:
        raise ValidationError("未关联机关的报告不能在此确认数据")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError("请填写非负整数")
    data = ReportData.from_json(report.data)
    table, _sep, rest = key.partition("|")
    row, _sep2, col = rest.partition("|")
    cell = data.cell(table, row, col)
    if cell is None or not cell.unsure:
        raise ValidationError("该数据不是待确认的数据")
    who = getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "") or "工作人员"
    cell.value = value
    cell.unsure = False
    cell.note = None
    cell.snippet = f"{cell.snippet or ''}；{who}对照原文确认为{value}"
    data.notes.append(f"{who}对照原文确认了一项存疑数据（{cell.raw or ''} → {value}）")
    return history_store(agency=report.agency, data=data, actor=actor, source_filename=report.source_filename,
                         source_kind=report.source_kind, sha256=report.sha256)

