"""Many agencies' Tables 2–4 at once: the same figures as ``figures.compute`` for each agency, from a
handful of ``GROUP BY agency_id`` queries instead of a set of queries per agency (for roll-ups and
province-scale runs; see bench/reports_bench.py).

The per-set selectors of catalog, applications and appeals stay the canonical definitions; this module
repeats their conditions grouped by agency, and tests/reports/test_batch.py holds the two equal on the
same ledgers, so they cannot drift apart unnoticed.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Case, CharField, Count, Q, Sum, Value, When

from gongkai.reports.data import Cell, ReportData
from gongkai.reports.figures import TABLE2_SOURCE
from gongkai.reports.formats import TABLE3_APPLICANT_COLUMNS, TABLE4_ROW, get_format, table3_leaf_keys


def _table2(ids: list[int], year: int) -> dict[int, dict[str, Any]]:
    from gongkai.catalog.models import PeriodFigures, Record
    from gongkai.catalog.rules import Validity
    from gongkai.catalog.selectors import COUNTED

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out: dict[int, dict[str, Any]] = defaultdict(dict)
    ended = Q(validity__in=[Validity.EXPIRED, Validity.REPEALED])
    rows = (Record.objects.filter(agency_id__in=ids, status__in=COUNTED).exclude(kind="")
            .values("agency_id", "kind").annotate(
                issued=Count("id", filter=Q(published_on__gte=start, published_on__lte=end)),
                repealed=Count("id", filter=ended & Q(validity_changed_on__gte=start, validity_changed_on__lte=end)),
                in_force=Count("id", filter=Q(published_on__lte=end) & (~ended | Q(validity_changed_on__gt=end)))))
    for r in rows:
        for col in ("issued", "repealed", "in_force"):
            out[r["agency_id"]][f"{r['kind']}.{col}"] = r[col]
    for p in (PeriodFigures.objects.filter(agency_id__in=ids, period_start__gte=start, period_start__lte=end)
              .values("agency_id").annotate(licensing=Sum("licensing"), penalty=Sum("penalty"),
                                            coercion=Sum("coercion"), fees=Sum("fees"))):
        fig = out[p["agency_id"]]
        fig.update(licensing=p["licensing"] or 0, penalty=p["penalty"] or 0, coercion=p["coercion"] or 0,
                   fees=Decimal(p["fees"] or 0))
    return out


def _table3(ids: list[int], year: int) -> dict[int, dict[tuple[str, str], int]]:
    from gongkai.applications.models import Application

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    open_at_start = Q(received_on__lt=first) & (Q(closed_on__isnull=True) | Q(closed_on__gte=first))
    open_at_end = Q(received_on__lte=last) & (Q(closed_on__isnull=True) | Q(closed_on__gt=last))
    flows = (Application.objects.filter(agency_id__in=ids).filter(Q(received_on__range=(first, last)) | open_at_start
                                                                  | open_at_end)
             .values("agency_id", "applicant_type").annotate(
                 new=Count("id", filter=Q(received_on__range=(first, last))),
                 carried=Count("id", filter=open_at_start), forward=Count("id", filter=open_at_end)))
    for r in flows:
        cells = out[r["agency_id"]]
        col = r["applicant_type"]
        cells[("new_received", col)] = r["new"]
        cells[("carried_over", col)] = r["carried"]
        cells[("carry_forward", col)] = r["forward"]
    closed = (Application.objects.filter(agency_id__in=ids, closed_on__range=(first, last)).exclude(outcome="")
              .values("agency_id", "outcome", "applicant_type").annotate(n=Count("id")))
    for c in closed:
        out[c["agency_id"]][(c["outcome"], c["applicant_type"])] = c["n"]
    return out


def _table4(ids: list[int], year: int) -> dict[int, dict[str, int]]:
    from gongkai.appeals.models import AppealCase, AppealOutcome

    last = dt.date(year, 12, 31)
    bucket = Case(When(Q(decided_on__isnull=True) | Q(decided_on__gt=last), then=Value(AppealOutcome.PENDING.value)),
                  default="outcome", output_field=CharField())
    out: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (AppealCase.objects.filter(agency_id__in=ids)
            .filter(Q(decided_on__year=year) | Q(filed_on__lte=last, decided_on__isnull=True)
                    | Q(filed_on__lte=last, decided_on__gt=last))
            .annotate(b=bucket).values("agency_id", "kind", "b").annotate(n=Count("id")))
    for r in rows:
        key = f"{r['kind']}.{r['b']}"
        out[r["agency_id"]][key] = out[r["agency_id"]].get(key, 0) + r["n"]
    return out


def compute_many(agency_ids: Iterable[int], year: int, *, era: str = "2021") -> dict[int, ReportData]:
    """``{agency id: ReportData}`` with Tables 2–4 of ``year`` (2021 or 2019 format), 0 where nothing."""
    if era not in ("2021", "2019"):
        raise ValueError(f"批量计算只支持2021和2019格式，不支持“{era}”")
    ids = sorted(set(agency_ids))
    fmt = get_format(era)
    t2, t3, t4 = _table2(ids, year), _table3(ids, year), _table4(ids, year)
    t2_cells = [(r.key, c.key, TABLE2_SOURCE[era].get((r.key, c.key))) for r, c in fmt.table("table2").cells()]
    t3_rows = [r.key for _b, r in fmt.table("table3").rows() if r.key != "total"]
    leaves = table3_leaf_keys(era=era)
    other_rows = ("other.no_correction", "other.fee_unpaid", "other.other")
    t4_keys = [(g, [f"{g}.{o}" for o in ("upheld", "corrected", "other", "pending")])
               for g in ("review", "litigation_direct", "litigation_after_review")]
    out: dict[int, ReportData] = {}
    # Hundreds of thousands of small acyclic objects: the cyclic collector would rescan them over and over.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for aid in ids:
            out[aid] = _assemble(year, era, t2.get(aid, {}), t3.get(aid, {}), t4.get(aid, {}), t2_cells, t3_rows,
                                 leaves, other_rows, t4_keys)
    finally:
        if gc_was_enabled:
            gc.enable()
    return out


def _assemble(year: int, era: str, figs: dict[str, Any], c3: dict[tuple[str, str], int],
              c4: dict[str, int], t2_cells: list[tuple[str, str, str | None]], t3_rows: list[str],
              leaves: tuple[str, ...], other_rows: tuple[str, ...],
              t4_keys: list[tuple[str, list[str]]]) -> ReportData:
    cells2 = {(r, c): Cell(None if key is None else (figs.get(key, 0) if isinstance(figs.get(key), Decimal)
                                                    else int(figs.get(key, 0))))
              for r, c, key in t2_cells}
    # Plain ints first (the 总计 column and row derived as in figures.derive_totals), Cells once at the end.
    grid: dict[str, list[int]] = {}
    for row in t3_rows:
        if row == "other" and era == "2019":
            vals = [sum(c3.get((k, col), 0) for k in other_rows) for col in TABLE3_APPLICANT_COLUMNS]
        else:
            vals = [c3.get((row, col), 0) for col in TABLE3_APPLICANT_COLUMNS]
        grid[row] = vals
    grid["total"] = [sum(grid[r][i] for r in leaves) for i in range(len(TABLE3_APPLICANT_COLUMNS))]
    cells3: dict[tuple[str, str], Cell] = {}
    for row, vals in grid.items():
        for col, v in zip(TABLE3_APPLICANT_COLUMNS, vals, strict=True):
            cells3[(row, col)] = Cell(v)
        cells3[(row, "total")] = Cell(sum(vals))
    cells4: dict[tuple[str, str], Cell] = {}
    for g, parts in t4_keys:
        vals = [c4.get(k, 0) for k in parts]
        for k, v in zip(parts, vals, strict=True):
            cells4[(TABLE4_ROW, k)] = Cell(v)
        cells4[(TABLE4_ROW, f"{g}.total")] = Cell(sum(vals))
    return ReportData(year=year, era=era, source="ledgers",
                      tables={"table2": cells2, "table3": cells3, "table4": cells4})
