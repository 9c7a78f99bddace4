"""Rendering: DOCX opens with the GB/T 9704 set-up and merged table cells; the PDF's text contains every
Table 3 row label; the XLSX cells equal the JSON; the HTML tables follow the declared merges."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest

from gongkai.formats import get_format
from gongkai.reports import figures
from gongkai.reports.data import ReportData
from gongkai.reports.render.docx import report_docx
from gongkai.reports.render.grid import table_grid
from gongkai.reports.render.pdf import report_pdf
from gongkai.reports.render.xlsx import SHEET_NAMES, report_xlsx
from tests.reports.helpers import ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(agency: Any) -> ReportData:
    ledger(agency)
    title = f"{agency.name}2025年政府信息公开工作年度报告"
    d = figures.compute(agency.pk, 2025, agency_name=agency.name, title=title)
    d.narrative = {"overview": "全年主动公开政府信息10条。", "problems": "一是……", "other": "未收取信息处理费。"}
    d.tables["table2"][("admin_fees", "amount")].value = Decimal("1.25")
    return d


def test_grid_matches_the_official_merges() -> None:
    fmt = get_format("2021")
    g3 = table_grid(fmt, fmt.table("table3"), None)
    assert g3.width == 10
    note = g3.cells[0]
    assert (note.colspan, note.rowspan) == (3, 3) and note.text.startswith("（本列数据的勾稽关系为")
    results = next(c for c in g3.cells if c.text == "三、本年度办理结果")
    assert results.rowspan == 22
    denied = next(c for c in g3.cells if c.text == "（三）不予公开")
    assert denied.rowspan == 8 and denied.col == 1
    g4 = table_grid(fmt, fmt.table("table4"), None)
    assert g4.width == 15 and [c.text for c in g4.cells[:2]] == ["行政复议", "行政诉讼"]
    # No two cells overlap and every grid position is covered exactly once.
    for grid in (g3, g4, table_grid(fmt, fmt.table("table2"), None)):
        seen: set[tuple[int, int]] = set()
        for c in grid.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    assert (r, k) not in seen
                    seen.add((r, k))
        assert len(seen) == grid.width * grid.height


def test_docx_opens_with_gbt9704_setup(data: ReportData) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document(io.BytesIO(report_docx(data)))
    sec = doc.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert round(sec.top_margin.mm) == 37 and round(sec.left_margin.mm) == 28
    title = doc.paragraphs[0]
    assert title.text == data.title
    assert title.runs[0].font.size == Pt(22) and title.runs[0].font.name == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text == "全年主动公开政府信息10条。")
    assert body.runs[0].font.size == Pt(16) and body.runs[0].font.name == "仿宋_GB2312"
    assert len(doc.tables) == 3
    t3 = doc.tables[1]
    assert t3.cell(0, 0).text.startswith("（本列数据的勾稽关系") and t3.cell(2, 2).text == t3.cell(0, 0).text
    texts = "\n".join(c.text for row in t3.rows for c in row.cells)
    for _b, row in get_format("2021").table("table3").rows():
        assert row.label in texts


def test_pdf_text_contains_every_table3_row_label(data: ReportData) -> None:
    import pdfplumber

    pdf = report_pdf(data)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        cells: list[str] = []
        text = ""
        for page in doc.pages:
            text += page.extract_text() or ""
            for table in page.extract_tables():
                cells += [re.sub(r"\s+", "", c or "") for row in table for c in row]
        fonts = {ch.get("fontname", "") for page in doc.pages for ch in page.chars[:50]}
    assert data.title[:10] in re.sub(r"\s+", "", text)
    assert any("CJK" in f or "Noto" in f for f in fonts)
    for _b, row in get_format("2021").table("table3").rows():
        assert row.label in cells, row.label
    for block in get_format("2021").table("table3").blocks:
        for group in block.groups:
            assert group.label in cells, group.label


def test_xlsx_cells_equal_json(data: ReportData) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(report_xlsx(data)))
    as_json = ReportData.from_json(data.to_json())
    fmt = get_format("2021")
    compared = 0
    for table in fmt.tables:
        ws = wb[SHEET_NAMES[table.key]]
        for c in table_grid(fmt, table, as_json).cells:
            got = ws.cell(row=c.row + 1, column=c.col + 1).value
            if c.key is None:
                assert got == (c.text or None)
                continue
            want = as_json.value(table.key, *c.key)
            assert (None if got is None else Decimal(str(got))) == (None if want is None else Decimal(want)), c.key
            compared += 1
    assert compared == 10 + 175 + 15
    flat = {(r[0].value, r[1].value, r[2].value): r[3].value for r in wb["数据"].iter_rows(min_row=2)}
    assert flat[("table3", "new_received", "total")] == 6
    assert len(flat) == sum(len(c) for c in as_json.tables.values())
    merged = {str(m) for m in wb[SHEET_NAMES["table3"]].merged_cells.ranges}
    assert "A1:C3" in merged


def test_ofd_export_reads_back_as_the_pdf_page_by_page(data: ReportData) -> None:
    import pdfplumber

    from gongkai.core.ofd import ofd_text
    from gongkai.reports.render.exports import CONTENT_TYPES, render_bytes

    assert CONTENT_TYPES["ofd"] == "application/ofd"
    ofd_pages = [re.sub(r"\s+", "", t) for t in ofd_text(render_bytes(data, "ofd"))]
    with pdfplumber.open(io.BytesIO(report_pdf(data))) as doc:
        pdf_pages = [re.sub(r"\s+", "", p.extract_text() or "") for p in doc.pages]
    # Same glyphs on the same pages (line grouping differs: the OFD splits a line where the font changes).
    assert [sorted(p) for p in ofd_pages] == [sorted(p) for p in pdf_pages] and len(ofd_pages) >= 3
    assert data.title in ofd_pages[0]
    assert "（七）总计" in "".join(ofd_pages)
