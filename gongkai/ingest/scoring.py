"""Scoring a reading against a hand-read fixture: right / wrong / missing / invented per figure.

A corpus entry (``tests/fixtures/corpus/<id>/``) holds a published report exactly as found and an
``expected.json`` whose figures a person typed in by reading the text. Figure keys are
``<table>.<row>.<column>`` for table cells (``table3.granted.total``, ``table4.all.review.upheld``,
``stats.app.received.value``) and ``prose.<key>`` for figures stated in sentences (one number or a list
of the numbers stated under that key). ``blank`` lists the cells the report prints empty.

A table figure the reader emits is *right* when it equals the expected value, *wrong* when it differs,
*invented* when the fixture has no such figure (or lists the cell as blank); an expected figure the
reader did not emit is *missing*. A cell the reader marks ``unsure`` is never counted as right: it is
*unsure* when the expected value is among its alternatives (the reader asked a person, correctly),
otherwise wrong. Prose figures are compared per key as sets of distinct values (labels vary too much to be
keys, and a report may state the same figure twice). Identity (agency, year) is scored separately.
``crawler_page`` re-publishes an entry the way issue 12's crawler pages print a report (a header block, then the
whole body on one line, cells spaced or glued), for the flattened-corpus test and benchmark. Pure functions; no
Django.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from gongkai.ingest.evidence import Evidence
from gongkai.reports.data import Cell, ReportData

Number = int | Decimal


@dataclass(frozen=True)
class Expected:
    id: str
    source: str
    province: str
    level: str
    agency: str
    year: int | None
    era: str
    layout: str
    figures: dict[str, Number]
    prose: dict[str, list[Number]]
    blank: frozenset[str]
    notes: str = ""


def _num(v: object) -> Number:
    if isinstance(v, bool) or not isinstance(v, int | float | str):
        raise ValueError(f"not a number: {v!r}")
    if isinstance(v, int):
        return v
    d = Decimal(str(v))
    return int(d) if d == d.to_integral_value() else d


def load_expected(path: Path) -> Expected:
    raw = json.loads(path.read_text(encoding="utf-8"))
    figures: dict[str, Number] = {}
    prose: dict[str, list[Number]] = {}
    for key, value in raw.get("figures", {}).items():
        if key.startswith("prose."):
            values = value if isinstance(value, list) else [value]
            prose[key.removeprefix("prose.")] = [_num(v) for v in values]
        else:
            figures[key] = _num(value)
    return Expected(
        id=path.parent.name, source=raw["source"], province=raw.get("province", ""), level=raw.get("level", ""),
        agency=raw.get("agency", ""), year=raw.get("year"), era=raw.get("era", ""), layout=raw.get("layout", ""),
        figures=figures, prose=prose, blank=frozenset(raw.get("blank", [])), notes=raw.get("notes", ""),
    )


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    missing: int = 0
    invented: int = 0
    unsure: int = 0
    identity_ok: bool = True
    details: list[str] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return self.right + self.wrong + self.missing + self.unsure

    @property
    def exact(self) -> bool:
        return self.wrong == 0 and self.missing == 0 and self.invented == 0 and self.unsure == 0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.missing += other.missing
        self.invented += other.invented
        self.unsure += other.unsure
        self.identity_ok = self.identity_ok and other.identity_ok


def cell_alternatives(cell: Cell, ev: Evidence | None) -> list[Number]:
    """The values an unsure cell offers a person (its own value first, then the others)."""
    out: list[Number] = [] if cell.value is None else [cell.value]
    if ev is not None:
        out.extend(v for v in ev.alternatives if v not in out)
    return out


def score(data: ReportData | None, exp: Expected, *, evidence: Mapping[str, Evidence] | None = None) -> Score:
    s = Score()
    seen: set[str] = set()
    if data is not None:
        for table, cells in data.tables.items():
            for (row, col), cell in cells.items():
                key = f"{table}.{row}.{col}"
                if cell.unsure:
                    alts = cell_alternatives(cell, (evidence or {}).get(f"{table}|{row}|{col}"))
                    if not alts:
                        continue  # kept as raw text for a person: neither a figure nor a claim
                    seen.add(key)
                    if key in exp.figures and exp.figures[key] in alts:
                        s.unsure += 1
                    elif key in exp.figures:
                        s.wrong += 1
                        s.details.append(f"wrong(unsure) {key}: {alts} ≠ {exp.figures[key]}")
                    else:
                        s.invented += 1
                        s.details.append(f"invented(unsure) {key}: {alts}")
                    continue
                if cell.value is None:
                    continue
                seen.add(key)
                if key not in exp.figures:
                    s.invented += 1
                    blank = " (printed blank)" if key in exp.blank else ""
                    s.details.append(f"invented {key} = {cell.value}{blank}")
                elif exp.figures[key] == cell.value:
                    s.right += 1
                else:
                    s.wrong += 1
                    s.details.append(f"wrong {key}: {cell.value} ≠ {exp.figures[key]}")
        got: dict[str, set[Number]] = {}
        for f in data.figures:
            if f.value is not None:
                got.setdefault(f.key, set()).add(f.value)
        for key in sorted(got.keys() | exp.prose.keys()):
            have, want = got.get(key, set()), set(exp.prose.get(key, []))
            s.right += len(have & want)
            if have - want:
                s.invented += len(have - want)
                s.details.append(f"invented prose.{key}: {sorted(have - want, key=str)}")
            if want - have:
                s.missing += len(want - have)
                s.details.append(f"missing prose.{key}: {sorted(want - have, key=str)}")
        if exp.year is not None and data.year != exp.year:
            s.identity_ok = False
            s.details.append(f"year {data.year} ≠ {exp.year}")
        if exp.agency and exp.agency != data.agency_name.strip():
            s.identity_ok = False
            s.details.append(f"agency {data.agency_name!r} ≠ {exp.agency!r}")
    else:
        s.identity_ok = exp.year is None and not exp.agency
        for key in exp.prose:
            s.missing += len(set(exp.prose[key]))
    for key in sorted(exp.figures.keys() - seen):
        s.missing += 1
        s.details.append(f"missing {key} = {exp.figures[key]}")
    return s


def crawler_page(report: Path, exp: Expected, glue: str) -> bytes:
    """The report's own words and figures in a crawler's shape: 标题:/发布时间:/来源:/原文链接: and breadcrumbs, then
    every line and cell joined by ``glue`` (" " spaced, "" glued: "…申请数量831000185二、…") on one line."""
    from gongkai.ingest.readers import read_bytes

    _kind, tokens = read_bytes(report.name, report.read_bytes())
    body = glue.join(t.text.strip() for t in tokens if t.kind in ("line", "cell") and t.text.strip())
    head = (f"标题:{exp.agency}{exp.year}年政府信息公开工作年度报告 发布时间:{(exp.year or 2020) + 1}-01-20 "
            f"来源:{exp.agency} 原文链接:http://example.invalid/1\n首页 > 政务公开 > 年报\n")
    return (head + body).encode()


def corpus_entries(root: Path) -> list[tuple[Path, Expected]]:
    """(report file, expected) for every entry under ``root``, sorted by id."""
    out: list[tuple[Path, Expected]] = []
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        reports = sorted(d.glob("report.*"))
        if len(reports) == 1 and (d / "expected.json").is_file():
            out.append((reports[0], load_expected(d / "expected.json")))
    return out
