"""Where each figure of an imported report was read: labels, character span, and the choices left open.

``Evidence`` is kept per table cell (key ``"<table>|<row>|<col>"``, the JSONL cell key) beside the
``ReportData`` the parser builds: the row and column labels as the format declares them, the character
span in the reading's text (``Reading.text``, the extracted text the parser saw, one token per line), the
published text of the cell, and for a figure the parser could not settle (a glued digit run that several
splits explain) the alternative values a person must choose from. The staff page shows the span as
"read from here"; the JSONL output carries it under ``evidence``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.reports.checks import Problem
from gongkai.reports.data import Number, ReportData


@dataclass(frozen=True)
class Evidence:
    row_label: str
    col_label: str
    span: tuple[int, int] | None
    source_text: str
    alternatives: tuple[Number, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"row_label": self.row_label, "col_label": self.col_label,
                               "span": list(self.span) if self.span else None, "text": self.source_text}
        if self.alternatives:
            out["alternatives"] = [v if isinstance(v, int) else str(v) for v in self.alternatives]
        return out


@dataclass
class Reading:
    """One file read: its kind, the report, the checks, the evidence per cell and the extracted text."""

    kind: str
    data: ReportData
    problems: list[Problem] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    text: str = ""
    ocr_pages: tuple[int, ...] = ()  # PDF pages read by OCR (gongkai.ingest.ocr); their figures need the rules
