"""DOCX of an annual report after GB/T 9704 (党政机关公文格式): the page set-up, fonts and sizes of
``gongkai.core.documents`` (A4; margins 37/28/35/26 mm; title 小标宋 二号 centred; body 仿宋_GB2312
三号 with a two-character indent and 28.9pt lines; first-level headings 黑体 三号), plus the official
tables with their merged header and group cells (python-docx ``merge``)."""

from __future__ import annotations

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from gongkai.core.documents import BODY_FONT, BODY_PT, HEADING_FONT, new_document, para, set_run_font
from gongkai.formats import Format, get_format
from gongkai.reports.data import ReportData
from gongkai.reports.render.grid import Grid, section_table, table_grid

TABLE_PT = 10.5  # 五号: the tables are dense (Table 3 has 10 grid columns)


def _table(document: object, grid: Grid) -> None:
    table = document.add_table(rows=grid.height, cols=grid.width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c in grid.cells:
        cell = table.cell(c.row, c.col)
        if c.colspan > 1 or c.rowspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        cell.text = ""
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT if (c.header and c.key is None and c.col == 0 and c.rowspan == 1
                                                  and c.colspan < grid.width) else WD_ALIGN_PARAGRAPH.CENTER
        set_run_font(p.add_run(c.text), BODY_FONT, TABLE_PT)


def report_docx(data: ReportData, *, fmt: Format | None = None) -> bytes:
    fmt = fmt or get_format(data.era)
    document = new_document(data.title)
    for s in fmt.sections:
        para(document, s.heading, font=HEADING_FONT, size=BODY_PT)
        if s.table and fmt.has_table(s.table):
            _table(document, table_grid(fmt, section_table(fmt, s.table, data), data))
        text = data.narrative.get(s.key, "")
        for line in text.splitlines():
            if line.strip():
                para(document, line.strip())
        if not text.strip() and not s.table:
            para(document, "（无）")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
