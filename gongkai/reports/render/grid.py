"""The official tables as grids of positioned cells, generated from the format declarations.

``table_grid(fmt, table, data)`` lays out every caption row, header row (with the declared colspan and
rowspan), group cell (rowspan over its rows) and value cell (span as declared) of a table, and places
each cell at its absolute (row, column) position so that HTML, DOCX and XLSX draw the same merges.
Labels come only from the declarations; values from ``ReportData`` (blank stays blank).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.formats import Block, Format, Table
from gongkai.reports.data import Cell, Number, ReportData


@dataclass
class GridCell:
    text: str
    row: int
    col: int
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    key: tuple[str, str] | None = None  # (row_key, col_key) for value cells
    value: Number | None = None


@dataclass
class Grid:
    table: Table
    width: int
    height: int = 0
    cells: list[GridCell] = field(default_factory=list)

    def rows(self) -> list[list[GridCell]]:
        out: list[list[GridCell]] = [[] for _ in range(self.height)]
        for c in self.cells:
            out[c.row].append(c)
        for r in out:
            r.sort(key=lambda c: c.col)
        return out


def fmt_value(v: Number | None) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        s = format(v.normalize(), "f")
        return s
    return str(v)


class _Placer:
    """Places cells left to right, skipping positions covered by earlier rowspans."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.taken: set[tuple[int, int]] = set()

    def row(self, cells: list[tuple[str, int, int, bool, tuple[str, str] | None, Number | None]]) -> None:
        r = self.grid.height
        c = 0
        for text, colspan, rowspan, header, key, value in cells:
            while (r, c) in self.taken:
                c += 1
            self.grid.cells.append(GridCell(text, r, c, colspan, rowspan, header, key, value))
            for dr in range(rowspan):
                for dc in range(colspan):
                    self.taken.add((r + dr, c + dc))
            c += colspan
        self.grid.height = r + 1


def _group_sizes(block: Block) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for row in block.rows:
        for g in block.group_chain(row):
            sizes[g.key] = sizes.get(g.key, 0) + 1
    return sizes


def table_grid(fmt: Format, table: Table, data: ReportData | None) -> Grid:
    width = max(b.grid_width for b in table.blocks)
    grid = Grid(table, width)
    placer = _Placer(grid)
    cells: dict[tuple[str, str], Cell] = data.tables.get(table.key, {}) if data is not None else {}
    for block in table.blocks:
        if block.caption:
            placer.row([(block.caption, width, 1, True, None, None)])
        for hrow in block.header_rows:
            placer.row([(h.label, h.colspan, h.rowspan, True, None, None) for h in hrow])
        sizes = _group_sizes(block)
        seen: set[str] = set()
        for row in block.rows:
            out: list[tuple[str, int, int, bool, tuple[str, str] | None, Number | None]] = []
            chain = block.group_chain(row)
            for g in chain:
                if g.key not in seen:
                    seen.add(g.key)
                    out.append((g.label, 1, sizes[g.key], True, None, None))
            if block.key == "stats":  # pre-2019: label | unit | value
                out.append((row.label, 1, 1, True, None, None))
                out.append((row.unit or "", 1, 1, False, None, None))
            elif block.label_columns:
                out.append((row.label, block.label_columns - len(chain), 1, True, None, None))
            value_cols = block.row_columns(row)
            if row.heading:
                out.append(("", sum(c.span for c in block.columns), 1, False, None, None))
            for col in value_cols:
                cell = cells.get((row.key, col.key))
                text = "" if cell is None else (fmt_value(cell.value) if cell.value is not None else (cell.note or ""))
                out.append((text, col.span, 1, False, (row.key, col.key), None if cell is None else cell.value))
            placer.row(out)
    return grid


def section_table(fmt: Format, key: str, data: ReportData | None) -> Table:
    """The declaration to draw table ``key`` with: the report's own layout for that table when it kept
    another era's layout (e.g. the 2019 Table 2 inside a 2021 report, spec §4.3), else ``fmt``'s."""
    if data is not None:
        era = data.layout(key)
        if era != fmt.era:
            from gongkai.formats import get_format

            other = get_format(era)
            if other.has_table(key):
                return other.table(key)
    return fmt.table(key)


def report_grids(fmt: Format, data: ReportData) -> list[tuple[str, Grid]]:
    """(section heading, grid) for each table of the format, in section order."""
    out: list[tuple[str, Grid]] = []
    for s in fmt.sections:
        if s.table and fmt.has_table(s.table):
            out.append((s.heading, table_grid(fmt, section_table(fmt, s.table, data), data)))
    return out
