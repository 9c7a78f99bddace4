"""Building blocks of an official annual-report format, declared as data.

A ``Format`` (one per era: 2021, 2019, pre-2019 统计表) owns its ``Section`` headings, its ``Table`` s and
its consistency ``Rule`` s. A table is a stack of ``Block`` s (Table 2 has four or five stacked sub-tables,
each opening with a caption row); a block has header rows of ``HeaderCell`` (with colspan/rowspan so an
HTML renderer can draw the merged headers), value ``Column`` s, ``Group`` s (row-spanning label cells that
hold no figures) and ``Row`` s with a stable English key and the exact full-width label. Nothing here
knows about a database, a parser or a renderer; they all read these objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

# What a fillable cell holds. int: a non-negative count; signed_int: a signed count (本年增/减);
# decimal: an amount (万元 or 元, see the column/row unit); note: free text only.
CellKind = Literal["int", "signed_int", "decimal", "note"]
Era = Literal["2021", "2019", "pre2019", "narrative"]
ERAS: tuple[str, ...] = ("2021", "2019", "pre2019", "narrative")


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Column:
    """A value column. ``span`` is how many grid columns its cells cover when drawn (Table 2 （五）)."""

    key: str
    label: str
    kind: CellKind = "int"
    unit: str = "件"
    span: int = 1


@dataclass(frozen=True)
class Group:
    """A label cell spanning several rows, with no figures of its own (e.g. ``（三）不予公开``)."""

    key: str
    label: str
    parent: str | None = None


@dataclass(frozen=True)
class Row:
    """A data row. ``cells`` restricts which columns take figures (empty: every column of the block).

    ``unit``/``kind`` override the column's (pre-2019 rows carry their own unit). A ``heading`` row has
    no figure at all (pre-2019 rows whose unit cell is ``——``). ``aliases`` are other labels seen in
    published reports for the same row (matched tolerantly, never emitted).
    """

    key: str
    label: str
    group: str | None = None
    cells: tuple[str, ...] = ()
    unit: str | None = None
    kind: CellKind | None = None
    heading: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One stacked sub-table: optional caption row, header rows, value columns, groups and rows.

    ``label_columns`` is how many grid columns the row labels take (Table 3: 3 levels; Table 2: 1).
    """

    key: str
    caption: str | None
    header_rows: tuple[tuple[HeaderCell, ...], ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    groups: tuple[Group, ...] = ()
    label_columns: int = 1

    @cached_property
    def _columns_by_key(self) -> dict[str, Column]:
        return {c.key: c for c in self.columns}

    def column(self, key: str) -> Column:
        return self._columns_by_key[key]

    def group(self, key: str) -> Group:
        for g in self.groups:
            if g.key == key:
                return g
        raise KeyError(key)

    def row_columns(self, row: Row) -> tuple[Column, ...]:
        if row.heading:
            return ()
        if not row.cells:
            return self.columns
        return tuple(c for c in self.columns if c.key in row.cells)

    def group_chain(self, row: Row) -> tuple[Group, ...]:
        """Groups enclosing ``row``, outermost first."""
        chain: list[Group] = []
        key = row.group
        while key is not None:
            g = self.group(key)
            chain.append(g)
            key = g.parent
        return tuple(reversed(chain))

    def level(self, row: Row) -> int:
        return len(self.group_chain(row)) + 1

    @property
    def grid_width(self) -> int:
        return self.label_columns + sum(c.span for c in self.columns)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    section: str
    blocks: tuple[Block, ...]
    # A free table accepts unknown rows as label/value/unit triples (pre-2019 统计表, spec §5).
    free_rows: bool = False

    def rows(self) -> Iterator[tuple[Block, Row]]:
        for b in self.blocks:
            for r in b.rows:
                yield b, r

    @cached_property
    def _by_key(self) -> dict[str, tuple[Block, Row]]:
        return {r.key: (b, r) for b, r in self.rows()}

    def row(self, key: str) -> Row:
        return self._by_key[key][1]

    def block_of(self, row_key: str) -> Block:
        return self._by_key[row_key][0]

    def cells(self) -> Iterator[tuple[Row, Column]]:
        """Every fillable (row, column) of the table, in reading order."""
        for b, r in self.rows():
            for c in b.row_columns(r):
                yield r, c

    def cell_kind(self, row_key: str, col_key: str) -> CellKind:
        b = self.block_of(row_key)
        r = self.row(row_key)
        return r.kind or b.column(col_key).kind

    def cell_unit(self, row_key: str, col_key: str) -> str:
        b = self.block_of(row_key)
        r = self.row(row_key)
        return r.unit if r.unit is not None else b.column(col_key).unit


@dataclass(frozen=True)
class Section:
    """A numbered section. ``heading`` is emitted; ``aliases`` are accepted variant headings."""

    key: str
    number: str
    heading: str
    table: str | None = None
    aliases: tuple[str, ...] = ()
    # Keywords that identify the section in free-form (pre-2019) reports.
    keywords: tuple[str, ...] = ()


RuleKind = Literal["sum", "nonnegative", "carry_over", "balance"]


@dataclass(frozen=True)
class Rule:
    """A consistency rule (勾稽关系) over one table.

    kind ``sum``: sum(left) == sum(right). With ``axis="rows"`` left/right are row keys and the equation
    is checked in each column of ``over`` (empty: every value column); with ``axis="columns"`` they are
    column keys, checked in each row of ``over`` (empty: every row that has those columns).
    kind ``carry_over``: this year's ``left`` row equals last year's ``right`` row, per column (R5).
    kind ``balance``: in each row of ``over``, this year's ``left[0]`` column equals last year's
    ``left[0]`` plus this year's ``right[0]`` minus ``right[1]`` (Table 2 现行有效; a warning, spec §3.2).
    kind ``nonnegative``: every count cell of the table is a non-negative whole number, amounts are
    non-negative, signed counts are whole numbers (R4).
    ``left_label``/``right_label`` name the two sides in messages, e.g. "一+二" and "三+四".
    Blank cells count as 0 in sums (spec §0.2). ``severity`` is "error" or "warning".
    """

    id: str
    table: str
    title: str
    kind: RuleKind = "sum"
    axis: Literal["rows", "columns"] = "rows"
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    over: tuple[str, ...] = ()
    left_label: str = ""
    right_label: str = ""
    source: str = ""
    severity: str = "error"


@dataclass(frozen=True)
class Format:
    era: str
    title: str
    document: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    report_years: str = ""
    # Statutory sections every report of this era must contain (Art. 50); pre-2019 checks keywords.
    required_sections: tuple[str, ...] = field(default=())

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def has_table(self, key: str) -> bool:
        return any(t.key == key for t in self.tables)
