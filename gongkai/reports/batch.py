"""Many agencies' Tables 2–4 at once: the same figures as ``figures.compute`` for each agency, from a
handful of ``GROUP BY agency_id`` queries instead of a set of queries per agency (for roll-ups and
province-scale runs; see bench/reports_bench.py), and their consistency checks.

``tables_many`` keeps each agency's tables as flat lists of numbers (one per table, in the order of
``layout(era)``); ``TableBatch.report`` turns one into ``ReportData`` on demand and ``TableBatch.check``
runs the format's rules compiled once (``checks.CompiledChecks``) over the numbers. The per-set selectors
of catalog, applications and appeals stay the canonical definitions; this module repeats their conditions
grouped by agency, and tests/reports/test_batch.py and test_batch_perf_equivalence.py hold the two equal
(figures and problems) on the same ledgers, so they cannot drift apart unnoticed.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, cast

from django.db import connections
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When

from gongkai.formats import TABLE3_APPLICANT_COLUMNS, TABLE4_ROW, get_format, table3_leaf_keys
from gongkai.formats.declarations import APPEAL_KIND_KEYS, APPEAL_RESULT_KEYS
from gongkai.reports.checks import CompiledChecks, Problem, Vector
from gongkai.reports.data import Cell, CellKey, ReportData
from gongkai.reports.figures import TABLE2_SOURCE

T4_GROUPS = APPEAL_KIND_KEYS
T4_PARTS = APPEAL_RESULT_KEYS
# Above this many agencies the applications and appeals queries group the whole ledger and drop other
# agencies' rows in Python: cheaper than WHERE agency_id IN (…thousands of parameters…), same result.
# The records query always names its agencies (in chunks of RECORD_CHUNK): the catalog's (agency, …)
# indexes then deliver the rows already grouped, where a whole-table GROUP BY sorts a million rows.
SCOPE_LIMIT = 200
RECORD_CHUNK = 5000


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
    t3_leaves: tuple[int, ...]
    t3_total: int
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
    return Layout(era=era, keys=keys, t2_sources=tuple(TABLE2_SOURCE[era].get(k) for k in t2),
                  t3_width=len(cols3), t3_row=row_no, t3_outcome_row=outcome_row,
                  t3_col={c: i for i, c in enumerate(TABLE3_APPLICANT_COLUMNS)},
                  t3_leaves=tuple(row_no[k] for k in table3_leaf_keys(era=era)), t3_total=row_no["total"],
                  t4_index={k: i for i, (_r, k) in enumerate(t4)}, checks=CompiledChecks(fmt, keys))


def _scoped(qs: QuerySet[Any], ids: list[int]) -> QuerySet[Any]:
    return qs.filter(agency_id__in=ids) if len(ids) <= SCOPE_LIMIT else qs


def _rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The query's rows as the driver returns them (ids, strings and counts need no converters)."""
    sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    with connections[qs.db].cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _table2(ids: list[int], year: int) -> dict[int, dict[str, Any]]:
    from gongkai.catalog.models import PeriodFigures, Record
    from gongkai.catalog.rules import Validity
    from gongkai.catalog.selectors import COUNTED

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out: dict[int, dict[str, Any]] = {aid: {} for aid in ids}
    ended = Q(validity__in=[Validity.EXPIRED, Validity.REPEALED])
    for at in range(0, len(ids), RECORD_CHUNK):
        # kind > '' is kind <> '' for this non-null field, but lets the (agency, kind, …) index find the rows.
        rows = (Record.objects.filter(agency_id__in=ids[at:at + RECORD_CHUNK], status__in=COUNTED, kind__gt="")
                .values("agency_id", "kind").annotate(
                    issued=Count("id", filter=Q(published_on__gte=start, published_on__lte=end)),
                    repealed=Count("id", filter=ended & Q(validity_changed_on__gte=start,
                                                          validity_changed_on__lte=end)),
                    in_force=Count("id", filter=Q(published_on__lte=end) & (~ended | Q(validity_changed_on__gt=end))))
                .values_list("agency_id", "kind", "issued", "repealed", "in_force"))
        for aid, kind, issued, repealed, in_force in _rows(rows):
            fig = out[aid]
            fig[f"{kind}.issued"], fig[f"{kind}.repealed"], fig[f"{kind}.in_force"] = issued, repealed, in_force
    for p in (_scoped(PeriodFigures.objects.filter(period_start__gte=start, period_start__lte=end), ids)
              .values("agency_id").annotate(licensing=Sum("licensing"), penalty=Sum("penalty"),
                                            coercion=Sum("coercion"), fees=Sum("fees"))):
        period = out.get(p["agency_id"])
        if period is not None:
            period.update(licensing=p["licensing"] or 0, penalty=p["penalty"] or 0, coercion=p["coercion"] or 0,
                       fees=Decimal(p["fees"] or 0))
    return out


def _fill_table3(ids: list[int], year: int, lay: Layout, vecs: dict[int, dict[str, Vector]]) -> None:
    from gongkai.applications.models import Application

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    w, col_of = lay.t3_width, lay.t3_col
    new_at, carried_at, forward_at = (lay.t3_row[k] * w for k in ("new_received", "carried_over", "carry_forward"))
    open_at_start = Q(received_on__lt=first) & (Q(closed_on__isnull=True) | Q(closed_on__gte=first))
    open_at_end = Q(received_on__lte=last) & (Q(closed_on__isnull=True) | Q(closed_on__gt=last))
    received = Q(received_on__range=(first, last))
    closed = Q(closed_on__range=(first, last)) & ~Q(outcome="")
    # One pass over the applications: the flows (一, 二, 四) and, for cases closed in the year, the outcome.
    # Grouped by (agency, applicant type, outcome if closed in the year else ''): summing the flows over
    # the outcome groups gives the per-type flows; a group with an outcome counts its closed cases.
    rows = (_scoped(Application.objects.filter(received | open_at_start | open_at_end | closed), ids)
            .annotate(o=Case(When(closed, then=F("outcome")), default=Value(""), output_field=CharField()))
            .values("agency_id", "applicant_type", "o").annotate(
                new=Count("id", filter=received), carried=Count("id", filter=open_at_start),
                forward=Count("id", filter=open_at_end), n=Count("id"))
            .values_list("agency_id", "applicant_type", "o", "new", "carried", "forward", "n"))
    row_of = lay.t3_outcome_row
    for aid, applicant_type, outcome, new, carried, forward, n in _rows(rows):
        t = vecs.get(aid)
        c = col_of.get(applicant_type)
        if t is None or c is None:
            continue
        v = t["table3"]
        v[new_at + c] += new
        v[carried_at + c] += carried
        v[forward_at + c] += forward
        if outcome:
            r = row_of.get(outcome)
            if r is not None:
                v[r * w + c] += n


def _fill_table4(ids: list[int], year: int, lay: Layout, vecs: dict[int, dict[str, Vector]]) -> None:
    from gongkai.appeals.models import AppealCase, AppealOutcome

    last = dt.date(year, 12, 31)
    bucket = Case(When(Q(decided_on__isnull=True) | Q(decided_on__gt=last), then=Value(AppealOutcome.PENDING.value)),
                  default="outcome", output_field=CharField())
    rows = (_scoped(AppealCase.objects.all(), ids)
            .filter(Q(decided_on__year=year) | Q(filed_on__lte=last, decided_on__isnull=True)
                    | Q(filed_on__lte=last, decided_on__gt=last))
            .annotate(b=bucket).values("agency_id", "kind", "b").annotate(n=Count("id"))
            .values_list("agency_id", "kind", "b", "n"))
    index = lay.t4_index
    for aid, kind, b, n in _rows(rows):
        t = vecs.get(aid)
        i = index.get(f"{kind}.{b}")
        if t is not None and i is not None and b != "total":
            t["table4"][i] += n


@contextmanager
def _no_gc() -> Iterator[None]:
    """Hundreds of thousands of small acyclic objects: the cyclic collector would rescan them over and over."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


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
        with _no_gc():
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
    w, leaves, total_at = lay.t3_width, lay.t3_leaves, lay.t3_total * lay.t3_width
    # The outcome rows are consecutive in both forms: each column's sum is one strided slice.
    assert leaves == tuple(range(leaves[0], leaves[-1] + 1))
    leaf_from, leaf_to = leaves[0] * w, (leaves[-1] + 1) * w
    cols = range(w - 1)
    with _no_gc():
        vecs: dict[int, dict[str, Vector]] = {aid: {"table2": [], "table3": [0] * n3, "table4": [0] * 15}
                                              for aid in ids}
        _fill_table3(ids, year, lay, vecs)
        _fill_table4(ids, year, lay, vecs)
        t2 = _table2(ids, year)
        sources = lay.t2_sources
        blank2: Vector = [None if key is None else 0 for key in sources]  # an agency with no catalog figures
        at_of = [(i, key) for i, key in enumerate(sources) if key is not None]
        row_cols = range(w - 1)
        for aid, tables in vecs.items():
            figs = t2[aid]
            v2 = list(blank2)
            if figs:
                for i, key in at_of:  # counts (int) and the fee amount (Decimal), as the queries gave them
                    v2[i] = figs.get(key, 0)
            tables["table2"] = v2
            v3 = cast(list[int], tables["table3"])  # counts only: no blanks
            for c in cols:  # （七）总计 row: the outcome rows, one strided slice per column
                v3[total_at + c] = sum(v3[leaf_from + c:leaf_to:w])
            # 总计 column: each row's applicant types (the columns as strided slices, zipped row-wise).
            v3[w - 1::w] = map(sum, zip(*[v3[c::w] for c in row_cols], strict=True))
            v4 = cast(list[int], tables["table4"])
            for g in range(0, 15, 5):
                v4[g + 4] = v4[g] + v4[g + 1] + v4[g + 2] + v4[g + 3]
    return TableBatch(year=year, era=era, layout=lay, vectors=vecs)


def compute_many(agency_ids: Iterable[int], year: int, *, era: str = "2021") -> dict[int, ReportData]:
    """``{agency id: ReportData}`` with Tables 2–4 of ``year`` (2021 or 2019 format), 0 where nothing."""
    return tables_many(agency_ids, year, era=era).reports()


def check_many(agency_ids: Iterable[int], year: int, *, era: str = "2021") -> dict[int, list[Problem]]:
    """Compute and check every agency's Tables 2–4: ``{agency id: problems}`` for agencies with problems."""
    return tables_many(agency_ids, year, era=era).problems()
