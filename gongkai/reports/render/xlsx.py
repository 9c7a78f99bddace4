"""XLSX of an annual report's tables (openpyxl): one sheet per table, laid out as the official form
with merged cells, value cells as numbers (blank stays empty), plus a flat ``数据`` sheet of
table / row key / column key / value for machine use."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from gongkai.formats import Format, get_format
from gongkai.reports.data import ReportData
from gongkai.reports.render.grid import section_table, table_grid

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

SHEET_NAMES = {"table2": "表二 主动公开", "table3": "表三 依申请公开", "table4": "表四 复议诉讼", "stats": "统计表"}


def report_xlsx(data: ReportData, *, fmt: Format | None = None) -> bytes:
    fmt = fmt or get_format(data.era)
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for table in fmt.tables:
        ws = wb.create_sheet(SHEET_NAMES.get(table.key, table.key)[:31])
        table = section_table(fmt, table.key, data)
        grid = table_grid(fmt, table, data)
        for c in grid.cells:
            cell = ws.cell(row=c.row + 1, column=c.col + 1)
            if c.key is not None:
                v = c.value
                cell.value = float(v) if isinstance(v, Decimal) else v
                if isinstance(v, Decimal):
                    cell.number_format = "0.####"
            else:
                cell.value = c.text
                cell.font = Font(bold=c.header and c.row < len(table.blocks[0].header_rows) + 1)
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="left" if c.header and c.col == 0 and c.rowspan == 1 else "center")
            for dr in range(c.rowspan):
                for dc in range(c.colspan):
                    ws.cell(row=c.row + 1 + dr, column=c.col + 1 + dc).border = _BORDER
            if c.colspan > 1 or c.rowspan > 1:
                ws.merge_cells(start_row=c.row + 1, start_column=c.col + 1,
                               end_row=c.row + c.rowspan, end_column=c.col + c.colspan)
        ws.column_dimensions["A"].width = 24
    flat = wb.create_sheet("数据")
    flat.append(["table", "row", "column", "value"])
    for table_key, cells in data.tables.items():
        for (row, col), cell in cells.items():
            v = cell.value
            flat.append([table_key, row, col, float(v) if isinstance(v, Decimal) else v])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
