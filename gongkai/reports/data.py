"""The annual-report data structure shared by the generator (reports) and the importer (ingest).

``ReportData`` holds one organ's report for one year in one format era: every table cell keyed by
``(row_key, col_key)`` from ``gongkai.formats``, the sections found and their text, figures
stated in prose (each with the snippet it came from), free label/value/unit rows that match no declared
row (pre-2019 local variants), and notes. A ``Cell`` keeps a blank (``value is None``) distinct from 0,
keeps a non-numeric entry as ``note`` (e.g. "由市司法局填报"), and flags figures read with doubt as
``unsure``. ``to_json``/``from_json`` round-trip exactly (Decimals as strings), for JSONFields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

Number = int | Decimal
CellKey = tuple[str, str]
KEY_SEP = "|"
# ``ReportData.source`` of reports this platform computed (from the ledgers, or a roll-up of them); any
# other source is a published report read from a file (its name).
GENERATED_SOURCES = ("ledgers", "rollup")


def _num_to_json(v: Number | None) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        raise TypeError("a cell value cannot be a bool")
    if isinstance(v, int):
        return v
    return {"d": str(v)}


def _num_from_json(v: Any) -> Number | None:
    if v is None:
        return None
    if isinstance(v, dict):
        return Decimal(v["d"])
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        try:
            return Decimal(v)
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {v!r}") from exc
    if isinstance(v, float):
        return Decimal(str(v))
    raise ValueError(f"not a number: {v!r}")


@dataclass
class Cell:
    """One table cell: ``value`` None means blank (never 0); ``raw`` is the text as published."""

    value: Number | None = None
    raw: str | None = None
    note: str | None = None
    snippet: str | None = None
    unsure: bool = False

    @property
    def blank(self) -> bool:
        return self.value is None and not self.note

    def as_number(self) -> Number:
        """The value for sums: blank (and note-only) counts as 0 (spec §0.2)."""
        return self.value if self.value is not None else 0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"v": _num_to_json(self.value)}
        if self.raw is not None:
            out["raw"] = self.raw
        if self.note is not None:
            out["note"] = self.note
        if self.snippet is not None:
            out["snippet"] = self.snippet
        if self.unsure:
            out["unsure"] = True
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Cell:
        return cls(value=_num_from_json(d.get("v")), raw=d.get("raw"), note=d.get("note"),
                   snippet=d.get("snippet"), unsure=bool(d.get("unsure", False)))


@dataclass
class ProseFigure:
    """A figure stated in a sentence, e.g. key "proactive.category", label "工作动态", value 42, unit "条".

    Keys (see docs/ingest.md): proactive.total, proactive.category, proactive.channel,
    applications.received, applications.answered, fees.amount, review.total, litigation.total,
    staff.total, staff.full_time, staff.part_time, meetings.count, training.sessions, training.attendees,
    hotline.received, hotline.completed, hotline.completion_rate, consultations.received,
    consultations.answered, interpretations.count, media.items.
    ``approx`` marks "余/约/多" (a lower bound or round figure), ``unsure`` a figure read with doubt.
    """

    key: str
    value: Number | None
    unit: str = ""
    label: str = ""
    snippet: str = ""
    section: str | None = None
    approx: bool = False
    unsure: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "v": _num_to_json(self.value), "unit": self.unit,
                               "label": self.label, "snippet": self.snippet}
        if self.section is not None:
            out["section"] = self.section
        if self.approx:
            out["approx"] = True
        if self.unsure:
            out["unsure"] = True
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ProseFigure:
        return cls(key=d["key"], value=_num_from_json(d.get("v")), unit=d.get("unit", ""), label=d.get("label", ""),
                   snippet=d.get("snippet", ""), section=d.get("section"), approx=bool(d.get("approx", False)),
                   unsure=bool(d.get("unsure", False)))


@dataclass
class FreeRow:
    """A table row that matches no declared row: kept as a label/value/unit triple (spec §5)."""

    table: str
    label: str
    unit: str
    cell: Cell

    def to_json(self) -> dict[str, Any]:
        return {"table": self.table, "label": self.label, "unit": self.unit, "cell": self.cell.to_json()}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> FreeRow:
        return cls(table=d["table"], label=d["label"], unit=d.get("unit", ""), cell=Cell.from_json(d["cell"]))


@dataclass
class ReportData:
    agency_name: str = ""
    year: int | None = None
    era: str = "narrative"
    title: str = ""
    tables: dict[str, dict[CellKey, Cell]] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    figures: list[ProseFigure] = field(default_factory=list)
    free_rows: list[FreeRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""
    # Tables drawn in another era's layout than ``era`` (e.g. {"table2": "2019"} in a 2021 report).
    layouts: dict[str, str] = field(default_factory=dict)

    @property
    def generated(self) -> bool:
        """Computed here from the ledgers (checked strictly), not read from a published report."""
        return self.source in GENERATED_SOURCES

    def layout(self, table: str) -> str:
        """The format era whose declaration describes ``table`` in this report."""
        return self.layouts.get(table, self.era)

    # --- access ----------------------------------------------------------------------------------
    def cell(self, table: str, row: str, col: str) -> Cell | None:
        return self.tables.get(table, {}).get((row, col))

    def value(self, table: str, row: str, col: str) -> Number | None:
        c = self.cell(table, row, col)
        return c.value if c is not None else None

    def set(self, table: str, row: str, col: str, cell: Cell) -> None:
        self.tables.setdefault(table, {})[(row, col)] = cell

    def figure(self, key: str, label: str = "") -> ProseFigure | None:
        for f in self.figures:
            if f.key == key and (not label or f.label == label):
                return f
        return None

    def figures_of(self, key: str) -> list[ProseFigure]:
        return [f for f in self.figures if f.key == key]

    # --- JSON ------------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "agency_name": self.agency_name,
            "year": self.year,
            "era": self.era,
            "title": self.title,
            "tables": {t: {f"{r}{KEY_SEP}{c}": cell.to_json() for (r, c), cell in cells.items()}
                       for t, cells in self.tables.items()},
            "sections": list(self.sections),
            "headings": dict(self.headings),
            "narrative": dict(self.narrative),
            "figures": [f.to_json() for f in self.figures],
            "free_rows": [r.to_json() for r in self.free_rows],
            "notes": list(self.notes),
            "source": self.source,
            "layouts": dict(self.layouts),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ReportData:
        tables: dict[str, dict[CellKey, Cell]] = {}
        for t, cells in (d.get("tables") or {}).items():
            tables[t] = {}
            for k, v in cells.items():
                r, c = k.split(KEY_SEP, 1)
                tables[t][(r, c)] = Cell.from_json(v)
        return cls(
            agency_name=d.get("agency_name", ""),
            year=d.get("year"),
            era=d.get("era", "narrative"),
            title=d.get("title", ""),
            tables=tables,
            sections=list(d.get("sections") or []),
            headings=dict(d.get("headings") or {}),
            narrative=dict(d.get("narrative") or {}),
            figures=[ProseFigure.from_json(x) for x in d.get("figures") or []],
            free_rows=[FreeRow.from_json(x) for x in d.get("free_rows") or []],
            notes=list(d.get("notes") or []),
            source=d.get("source", ""),
            layouts=dict(d.get("layouts") or {}),
        )
