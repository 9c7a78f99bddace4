"""HTML of an annual report: the six sections in order, each official table drawn from its grid with
the form's merged cells and full-width labels. ``report_fragment`` is embedded in portal pages and in
the catalog record; ``report_document`` is a standalone page (the PDF source)."""

from __future__ import annotations

import html
from typing import Any

from gongkai.formats import Format, get_format
from gongkai.reports.data import ReportData
from gongkai.reports.render.grid import Grid, section_table, table_grid

TABLE_CSS = """
table.nianbao { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.9em; }
table.nianbao th, table.nianbao td { border: 1px solid #000; padding: 2px 4px; text-align: center;
  vertical-align: middle; }
table.nianbao th.label { text-align: left; font-weight: normal; }
table.nianbao td { min-width: 2.5em; }
table.nianbao tr { break-inside: avoid; page-break-inside: avoid; }
table.nianbao thead { display: table-header-group; break-inside: avoid; }
"""

# Print only (PDF): fixed layout keeps wide tables (Table 4 has 15 value columns) inside the page margins;
# a heading or caption never ends a page without the table that follows it.
PRINT_TABLE_CSS = """
table.nianbao { table-layout: fixed; }
table.nianbao td, table.nianbao th { min-width: 0; overflow-wrap: anywhere; }
table.nianbao[data-table="table4"] { font-size: 9pt; }
h2, caption { break-after: avoid; page-break-after: avoid; }
"""

# Widths (percent) of the label columns by how many the table has; value columns share the rest.
LABEL_WIDTHS: dict[int, tuple[int, ...]] = {1: (28,), 2: (62, 8), 3: (9, 9, 32)}


def _colgroup(grid: Grid) -> str:
    labels = LABEL_WIDTHS.get(grid.table.blocks[0].label_columns, ())
    rest = grid.width - len(labels)
    if rest <= 0:
        return ""
    each = (100 - sum(labels)) / rest
    cols = [f"{w}%" for w in labels] + [f"{each:.2f}%"] * rest
    return "<colgroup>" + "".join(f'<col style="width:{w}">' for w in cols) + "</colgroup>"


def grid_html(grid: Grid, *, caption: str = "") -> str:
    e = html.escape
    parts = [f'<table class="nianbao" data-table="{e(grid.table.key)}">']
    if caption:
        parts.append(f"<caption>{e(caption)}</caption>")
    parts.append(_colgroup(grid))
    rows = list(grid.rows())
    head = _head_rows(rows)
    # The leading all-header rows are the table's <thead>: WeasyPrint repeats it on every PDF page the
    # table runs onto (Table 3 spans two pages), and screen readers announce it with each cell.
    parts.append("<thead>" if head else "<tbody>")
    for index, row in enumerate(rows):
        if head and index == head:
            parts.append("</thead><tbody>")
        parts.append("<tr>")
        for c in row:
            attrs = ""
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            if c.key is not None:
                attrs += f' data-cell="{e(c.key[0])}|{e(c.key[1])}"'
            if c.header:
                scope = ' scope="row" class="label"' if c.colspan < grid.width and c.key is None and c.rowspan == 1 \
                    and c.col == 0 else ""
                parts.append(f"<th{attrs}{scope}>{e(c.text)}</th>")
            else:
                parts.append(f"<td{attrs}>{e(c.text)}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>" if not head or head < len(rows) else "</thead></table>")
    return "".join(parts)


def _head_rows(rows: list[list[Any]]) -> int:
    """How many leading rows are all header cells, stopping where a header cell's rowspan would reach into
    a row with data (a <thead> must close on a row boundary)."""
    count, reach = 0, 0
    for index, row in enumerate(rows):
        if not row or not all(c.header for c in row):
            break
        reach = max([reach, *(index + c.rowspan for c in row)])
        count = index + 1
    while count and reach > count:  # a rowspan crosses the boundary: keep those rows out of the head
        count -= 1
    return count if count < len(rows) else 0


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in (text or "").splitlines() if line.strip())


def report_fragment(data: ReportData, *, fmt: Format | None = None, charts: str = "",
                    heading_tag: str = "h2") -> str:
    """The report body: sections with narrative paragraphs and tables (no <html> wrapper)."""
    fmt = fmt or get_format(data.era)
    e = html.escape
    parts: list[str] = []
    for s in fmt.sections:
        parts.append(f'<section class="nianbao-section" id="s-{e(s.key)}"><{heading_tag}>{e(s.heading)}'
                     f"</{heading_tag}>")
        if s.table and fmt.has_table(s.table):
            if s.key == "proactive" and charts:
                parts.append(charts)
            # On a phone the table scrolls inside this box, never the page (focusable so keyboards can scroll).
            parts.append(f'<div class="table-scroll" role="region" tabindex="0" aria-label="{e(s.heading)}">'
                         + grid_html(table_grid(fmt, section_table(fmt, s.table, data), data)) + "</div>")
        text = data.narrative.get(s.key, "")
        if text:
            parts.append(_paragraphs(text))
        elif not s.table:
            parts.append("<p>（无）</p>")
        parts.append("</section>")
    return "".join(parts)


def report_document(data: ReportData, *, fmt: Format | None = None, page_css: str = "") -> str:
    """A standalone HTML page of the report (title, body, tables), used for PDF."""
    e = html.escape
    body = report_fragment(data, fmt=fmt, heading_tag="h2")
    return (f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{e(data.title)}</title>'
            f"<style>{page_css}{TABLE_CSS}{PRINT_TABLE_CSS} h2 {{ font-family: '黑体', 'Noto Sans CJK SC', sans-serif; "
            f"font-size: 16pt; margin: 0.5em 0; }} table.nianbao {{ font-size: 10.5pt; }}</style></head>"
            f"<body><h1>{e(data.title)}</h1>{body}</body></html>")
