"""A report that kept the 2019 Table 2 beside the 2021 Table 3 (spec §4.3) is drawn with each table's own layout."""

from __future__ import annotations

import io

import openpyxl

from gongkai.reports.data import Cell, ReportData
from gongkai.reports.render.html import report_fragment
from gongkai.reports.render.xlsx import report_xlsx


def _mixed() -> ReportData:
    data = ReportData(agency_name="某县某局", year=2023, era="2021", layouts={"table2": "2019"})
    data.set("table3", "new_received", "natural_person", Cell(value=3))
    return data


def test_html_draws_2019_table2_inside_2021_report():
    html = report_fragment(_mixed())
    assert "本年新制作数量" in html  # 2019 Table 2 column
    assert "本年制发件数" not in html  # the 2021 Table 2 column is not used
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in html  # 2021 Table 3 rows


def test_xlsx_uses_the_tables_own_layout():
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(_mixed())))
    texts = {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert "本年新制作数量" in texts and "本年制发件数" not in texts
