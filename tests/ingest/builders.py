"""Test helpers: draw the official tables from the format declarations as HTML, DOCX and PDF.

Used to turn the figures of a real report (typed in by hand from its text) into each file type, so
every reader is exercised on the same facts. The grid placement (rowspan/colspan) is computed from
the declarations the same way an HTML renderer would.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongkai.formats import Block, Table, get_format

Values = Mapping[tuple[str, str], str]


@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    header: bool = False


def block_grid(block: Block, values: Values, *, unit_column: bool = False) -> list[list[GridCell]]:
    """Rows of cells (only the cells that start at each grid row), with spans, for one block."""
    width = block.grid_width
    rows: list[list[GridCell]] = []
    r = 0
    if block.caption:
        rows.append([GridCell(r, 0, 1, width, block.caption, header=True)])
        r += 1
    for hrow in block.header_rows:
        rows.append([GridCell(r, 0, h.rowspan, h.colspan, h.label, header=True) for h in hrow])
        r += 1
    counts: dict[str, int] = {}
    for row in block.rows:
        for g in block.group_chain(row):
            counts[g.key] = counts.get(g.key, 0) + 1
    seen: set[str] = set()
    for row in block.rows:
        cells: list[GridCell] = []
        chain = block.group_chain(row)
        for g in chain:
            if g.key not in seen:
                seen.add(g.key)
                cells.append(GridCell(r, 0, counts[g.key], 1, g.label))
        if block.label_columns:
            span = block.label_columns - len(chain) - (1 if unit_column else 0)
            cells.append(GridCell(r, 0, 1, max(1, span), row.label))
            if unit_column:
                cells.append(GridCell(r, 0, 1, 1, row.unit or ""))
        for col in block.row_columns(row) if not row.heading else ():
            cells.append(GridCell(r, 0, 1, col.span, values.get((row.key, col.key), "")))
        if row.heading:
            cells.append(GridCell(r, 0, 1, 1, ""))
        rows.append(cells)
        r += 1
    # Assign grid columns honouring rowspans from above.
    occupied: set[tuple[int, int]] = set()
    for cells in rows:
        c = 0
        for cell in cells:
            while (cell.row, c) in occupied:
                c += 1
            cell.col = c
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((cell.row + dr, c + dc))
            c += cell.colspan
    return rows


def table_html(table: Table, values: Values) -> str:
    out = []
    for block in table.blocks:
        grid = block_grid(block, values, unit_column=table.free_rows)
        out.append('<table border="1" style="border-collapse:collapse">')
        for cells in grid:
            out.append("<tr>" + "".join(
                f'<{"th" if c.header else "td"} rowspan="{c.rowspan}" colspan="{c.colspan}">'
                f'{html.escape(c.text)}</{"th" if c.header else "td"}>' for c in cells) + "</tr>")
        out.append("</table>")
    return "\n".join(out)


def report_html(title: str, parts: Sequence[str | tuple[str, ...]], era: str, tables: Mapping[str, Values]) -> str:
    """``parts``: paragraphs, or ("table", key[, era]) where a table goes (its own era if given)."""
    body = [f"<h1>{html.escape(title)}</h1>"]
    for p in parts:
        if isinstance(p, tuple):
            fmt = get_format(p[2] if len(p) > 2 else era)
            body.append(table_html(fmt.table(p[1]), tables.get(p[1], {})))
        else:
            body.append(f"<p>{html.escape(p)}</p>")
    css = ("body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:10pt}"
           "table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:2px;font-size:8pt}")
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{css}</style></head>'
            f'<body>{"".join(body)}</body></html>')


def report_docx(title: str, parts: Sequence[str | tuple[str, ...]], era: str, tables: Mapping[str, Values]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    fmt = get_format(era)
    for p in parts:
        if not isinstance(p, tuple):
            document.add_paragraph(p)
            continue
        table = fmt.table(p[1])
        for block in table.blocks:
            grid = block_grid(block, tables.get(p[1], {}), unit_column=table.free_rows)
            t = document.add_table(rows=len(grid), cols=block.grid_width)
            t.style = "Table Grid"
            for cells in grid:
                for c in cells:
                    top = t.cell(c.row, c.col)
                    if c.rowspan > 1 or c.colspan > 1:
                        top = top.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                    top.text = c.text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def report_pdf(html_text: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_text).write_pdf()  # type: ignore[no-any-return]


@dataclass
class CorpusReport:
    """A real corpus report as the parts the builders draw: its title and its published sentences (the text
    as found), and its tables from the figures a person typed into ``expected.json`` (never from a parser's
    reading), so a DOCX, PDF or scan built from it holds the real report's words and figures."""

    title: str
    era: str
    parts: list[str | tuple[str, ...]]
    tables: dict[str, dict[tuple[str, str], str]]


_SECTION_HEADS = ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况")


def scanned(pdf: bytes) -> bytes:
    """``pdf``'s pages rasterised at 300 dpi, grey, and wrapped as an image-only PDF (no text layer)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    pages = [doc[i].render(scale=300 / 72, grayscale=True).to_pil() for i in range(len(doc))]
    doc.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=300)
    return out.getvalue()


def corpus_report(entry: Path) -> CorpusReport:
    """``entry``: a folder of tests/fixtures/corpus. Sentences come from the stored report's text (lines of 20+
    characters that read as prose: they hold a 。 or ，); table figures from its expected.json."""
    import json

    from gongkai.ingest.pipeline import ingest_reading

    exp = json.loads((entry / "expected.json").read_text(encoding="utf-8"))
    report = next(entry.glob("report.*"))
    data = ingest_reading(report.name, report.read_bytes()).data
    sentences = [line.strip() for text in data.narrative.values() for line in text.splitlines()
                 if len(line.strip()) >= 20 and any(p in line for p in "。，,、；")]
    tables: dict[str, dict[tuple[str, str], str]] = {}
    for key, value in exp["figures"].items():
        if key.startswith("prose."):
            continue
        table, rest = key.split(".", 1)
        fmt = get_format(exp["era"])
        row = next(r for _b, r in fmt.table(table).rows() if rest.startswith(r.key + "."))
        tables.setdefault(table, {})[(row.key, rest[len(row.key) + 1:])] = str(value)
    title = "".join(data.title.lstrip("# ").split()) or f"{exp['agency']}{exp['year']}年政府信息公开工作年度报告"
    parts: list[str | tuple[str, ...]] = ["一、总体情况", *sentences]
    for head, table in zip(_SECTION_HEADS, ("table2", "table3", "table4"), strict=True):
        parts.append(head)
        if table in tables:
            parts.append(("table", table))
    return CorpusReport(title, exp["era"], parts, tables)
