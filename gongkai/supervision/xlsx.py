"""The 督办 figures as an XLSX workbook (openpyxl): one sheet per request, every text cell formula-escaped."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.core.csvsafe import escape
from gongkai.supervision.selectors import FIGURES, LABELS, Row, totals


def workbook(rows: Sequence[Row], *, title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "督办统计"
    ws.append([escape(title)])
    ws["A1"].font = Font(bold=True)
    ws.append(["机关", *[LABELS[k] for k in FIGURES]])
    for r in rows:
        # Agency names come from users: a name such as "=HYPERLINK(…)" must stay text (core.csvsafe).
        ws.append([escape(r.agency), *[r.figures[k] for k in FIGURES]])
    t = totals(rows)
    ws.append(["合计", *[t[k] for k in FIGURES]])
    ws.column_dimensions["A"].width = 36
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
