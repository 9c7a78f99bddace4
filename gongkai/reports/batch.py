"""Many agencies' Tables 2–4 at once: the same figures as ``figures.compute`` for each agency, from a
handful of ``GROUP BY agency_id`` queries instead of a set of queries per agency (for roll-ups and
province-scale runs; see bench/reports_bench.py), and their consistency checks.

``tables_many`` keeps each agency's tables as flat lists of numbers (one per table, in the order of
``layout(era)``); ``TableBatch.report`` turns one into ``ReportData`` on demand and ``TableBatch.check``
runs the format's rules compiled once (``checks.CompiledChecks``) over the numbers. Tables 2–4 come
from the ledgers' own grouped selectors (``catalog.selectors.table2_by_agency``,
``applications.selectors.table3_by_agency``, ``appeals.selectors.table4_by_agency``), whose sums over a
set of agencies are what the single report reads; tests/reports/test_batch.py and
test_batch_perf_equivalence.py hold the two equal (figures and problems) on the same ledgers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import cast

from gongkai.appeals.selectors import table4_by_agency
from gongkai.applications.selectors import table3_by_agency
from gongkai.catalog.selectors import table2_by_agency
from gongkai.formats import TABLE3_APPLICANT_COLUMNS, TABLE4_ROW, get_format
from gongkai.formats.declarations import APPEAL_KIND_KEYS, APPEAL_RESULT_KEYS, TABLE4_PART_KEYS
from gongkai.reports.checks import CompiledChecks, Problem, Vector, derivation_plan
from gongkai.reports.data import Cell, CellKey, ReportData
from gongkai.reports.figures import TABLE2_SOURCE

T4_GROUPS = APPEAL_KIND_KEYS
T4_PARTS = APPEAL_RESULT_KEYS


@dataclass(frozen=True)
class Layout:
    """Where each cell sits in an agency's vectors, and the precomputed index lists to fill them."""

    era: str
    keys: dict[str, tuple[CellKey, ...]]
    t2_sources: tuple[str | None, ...]  # the catalog figure behind each Table 2 cell (None: not from ledgers)
    t3_width: int  # applicant columns + 总计
    t3_row: dict[str, int]  # row key → row number (new_received, carried_over, outcomes, carry_forward)
    t3_outcome_row: dict[str, int]  # outcome value → row number (2019: the three 其他处理 rows → other)
    t3_col: dict[str, int]
    # The format's derived totals (``checks.derivation_plan``) as (table, target position, part positions).
    totals: tuple[tuple[str, int, tuple[int, ...]], ...]
    t4_index: dict[str, int]  # "review.upheld" → position
    checks: CompiledChecks


@cache
def layout(era: str) -> Layout:
    fmt = get_format(era)
    t2 = tuple((r.key, c.key) for r, c in fmt.table("table2").cells())
    rows3 = [r.key for _b, r in fmt.table("table3").rows()]
    cols3 = (*TABLE3_APPLICANT_COLUMNS, "total")
    t3 = tuple((r, c) for r in rows3 for c in cols3)
    t4 = tuple((TABLE4_ROW, f"{g}.{o}") for g in T4_GROUPS for o in (*T4_PARTS, "total"))
    row_no = {r: i for i, r in enumerate(rows3)}
    outcome_row = {r: i for r, i in row_no.items() if r not in ("new_received", "carried_over", "total",
                                                                 "carry_forward")}
    if era == "2019":  # one （六）其他处理 row in the 2019 form
        for k in ("other.no_correction", "other.fee_unpaid", "other.other", "other"):
            outcome_row[k] = row_no["other"]
    keys = {"table2": t2, "table3": t3, "table4": t4}
    at = {table: {k: i for i, k in enumerate(cells)} for table, cells in keys.items()}
    totals = tuple((d.table, at[d.table][d.target], tuple(at[d.table][p] for p in d.parts))
                   for d in derivation_plan(era))
    return Layout(era=era, keys=keys, t2_sources=tuple(TABLE2_SOURCE[era].get(k) for k in t2),
                  t3_width=len(cols3), t3_row=row_no, t3_outcome_row=outcome_row,
                  t3_col={c: i for i, c in enumerate(TABLE3_APPLICANT_COLUMNS)},
                  totals=totals,
                  t4_index={k: i for i, (_r, k) in enumerate(t4)}, checks=CompiledChecks(fmt, keys))


def _fill_table3(ids: list[int], year: int, lay: Layout, vecs: dict[int, dict[str, Vector]]) -> None:
    w, col_of, row_of = lay.t3_width, lay.t3_col, lay.t3_outcome_row
    flows = tuple((k, lay.t3_row[k] * w) for k in ("new_received", "carried_over", "carry_forward"))
    for aid, counts in table3_by_agency(ids, year).items():
        v = cast(list[int], vecs[aid]["table3"])  # counts only: no blanks
        for row_key, at in flows:
            for col, c in col_of.items():
                v[at + c] += counts[row_key][col]
        for outcome, row in counts.items():
            r = row_of.get(outcome)  # flows and ``total`` are not outcome rows; totals are derived below
            if r is None:
                continue
            for col, c in col_of.items():
                v[r * w + c] += row[col]


def _fill_table4(ids: list[int], year: int, lay: Layout, vecs: dict[int, dict[str, Vector]]) -> None:
    index = lay.t4_index
    for aid, counts in table4_by_agency(ids, year).items():
        v = vecs[aid]["table4"]
        for key in TABLE4_PART_KEYS:  # the totals are derived below, from the parts
            v[index[key]] = counts[key]


@dataclass
class TableBatch:
    """Tables 2–4 of many agencies for one year, as flat lists of numbers (see ``layout``)."""

    year: int
    era: str
    layout: Layout
    vectors: dict[int, dict[str, Vector]]

    def report(self, agency_id: int) -> ReportData:
        """The agency's tables as ``ReportData`` (equal to ``figures.compute([agency_id], year, era=era)``)."""
        tables = {t: {k: Cell(v) for k, v in zip(self.layout.keys[t], vec, strict=True)}
                  for t, vec in self.vectors[agency_id].items()}
        return ReportData(year=self.year, era=self.era, source="ledgers", tables=tables)

    def reports(self) -> dict[int, ReportData]:
        return {aid: self.report(aid) for aid in self.vectors}

    def check(self, agency_id: int) -> list[Problem]:
        """``check_tables(self.report(agency_id))``, evaluated on the numbers."""
        return self.layout.checks.check(self.vectors[agency_id])

    def problems(self) -> dict[int, list[Problem]]:
        """Every agency's problems (agencies without any are left out)."""
        check = self.layout.checks.check
        out: dict[int, list[Problem]] = {}
        for aid, vec in self.vectors.items():
            found = check(vec)
            if found:
                out[aid] = found
        return out


def tables_many(agency_ids: Iterable[int], year: int, *, era: str = "2021") -> TableBatch:
    """Tables 2–4 of ``year`` (2021 or 2019 format) for every agency in ``agency_ids``, 0 where nothing."""
    if era not in ("2021", "2019"):
        raise ValueError(f"批量计算只支持2021和2019格式，不支持“{era}”")
    ids = sorted(set(agency_ids))
    lay = layout(era)
    n3 = len(lay.keys["table3"])
    vecs: dict[int, dict[str, Vector]] = {aid: {"table2": [], "table3": [0] * n3, "table4": [0] * 15}
                                          for aid in ids}
    _fill_table3(ids, year, lay, vecs)
    _fill_table4(ids, year, lay, vecs)
    t2 = table2_by_agency(ids, year)
    sources = lay.t2_sources
    blank2: Vector = [None if key is None else 0 for key in sources]  # cells no ledger fills stay blank
    at_of = [(i, key) for i, key in enumerate(sources) if key is not None]
    for aid, tables in vecs.items():
        figs = t2[aid]
        v2 = list(blank2)
        for i, key in at_of:  # counts (int) and the fee amount (Decimal), as the selector gave them
            v2[i] = figs.get(key, 0)
        tables["table2"] = v2
        for table, target, parts in lay.totals:  # the same sum rules the checks use (counts: no blanks)
            v = cast(list[int], tables[table])
            v[target] = sum(v[i] for i in parts)
    return TableBatch(year=year, era=era, layout=lay, vectors=vecs)


def compute_many(agency_ids: Iterable[int], year: int, *, era: str = "2021") -> dict[int, ReportData]:
    """``{agency id: ReportData}`` with Tables 2–4 of ``year`` (2021 or 2019 format), 0 where nothing."""
    return tables_many(agency_ids, year, era=era).reports()


def check_many(agency_ids: Iterable[int], year: int, *, era: str = "2021") -> dict[int, list[Problem]]:
    """Compute and check every agency's Tables 2–4: ``{agency id: problems}`` for agencies with problems."""
    return tables_many(agency_ids, year, era=era).problems()
