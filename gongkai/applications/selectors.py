"""Reads of applications: one case's ledger, due date explanation and hints; scoped lists, due buckets, figures.

The due date is read one way: ``Application.due_on``/``due_error``, the copy services write from the
ledger. ``compute_due_from_ledger`` is that derivation (services call it when they write);
``explain`` gives pages the stored date with the ledger's explanation lines.

``table3_by_agency(agency_ids, year)`` is the Table 3 input as one GROUP BY, a typed ``Table3Row`` per agency
(held for many agencies as flat lists, ``Table3Rows``): cases closed in the year by outcome, plus
``new_received``, ``carried_over`` (received before the year and still open on 1 January) and
``carry_forward`` (open on 31 December), each by applicant type; ``table3_counts`` is those rows summed over a
set of agencies.
``fees_by_agency`` (a ``FeeRow`` per agency) and its sum ``fee_figures`` give the year's fee notices,
amounts and collections.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.db import connection
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When

from gongkai.applications import deadlines
from gongkai.applications.deadlines import Entry, Kind
from gongkai.applications.models import (
    Application,
    ApplicationQuerySet,
    ClockEvent,
    FeeNotice,
    FeeStatus,
)
from gongkai.applications.workflow import OPEN_STATUSES
from gongkai.core import clock
from gongkai.formats import TABLE3_APPLICANT_COLUMNS
from gongkai.workdays.counting import CalendarYearMissing, WorkdayCalendar
from gongkai.workdays.services import get_calendar

COLUMNS: tuple[str, ...] = TABLE3_APPLICANT_COLUMNS  # ApplicantType's values (system check reports.E001)


# ---------------------------------------------------------------- one case

def entries(app: Application) -> list[Entry]:
    """The clock ledger of one case as the pure ``deadlines`` entries."""
    return [Entry(e.kind, e.on, e.days, e.ref, e.party, e.until) for e in app.clock_events.all()]


def compute_due_from_ledger(app: Application, cal: WorkdayCalendar | None = None) -> deadlines.DueResult:
    """The due date derived from the ledger now; services store it, pages read the stored copy."""
    return deadlines.compute_due(entries(app), cal or get_calendar(), fee_pauses_clock=app.agency.fee_pauses_clock)


def explain(app: Application, cal: WorkdayCalendar | None = None) -> deadlines.DueResult:
    """The stored due date (or why there is none) with its explanation from the ledger (case and status pages).

    A closed case's clock has stopped: it shows no missing-calendar message and no provisional date
    (a 暂估 date that can no longer be recomputed would mislead), only the explanation up to its end.
    """
    res = compute_due_from_ledger(app, cal)
    if not app.is_open:
        due = None if res.provisional or app.due_provisional else app.due_on
        return replace(res, due=due, error="", provisional=False, assumed_years=())
    return replace(res, due=app.due_on, error=app.due_error or "", provisional=app.due_provisional)


def open_consultations(app: Application) -> list[ClockEvent]:
    """Consultations of the case that have not been closed (the choices of ``close_consultation``)."""
    closed = set(app.clock_events.filter(kind=Kind.CONSULTATION_CLOSED).values_list("ref", flat=True))
    return [e for e in app.clock_events.filter(kind=Kind.CONSULTATION_OPENED) if e.ref not in closed]


def similar_requests(app: Application) -> int:
    """How many *other* applicants asked this agency for the same information (Art. 44 hint)."""
    if not app.info_key:
        return 0
    qs = Application.objects.filter(agency_id=app.agency_id, info_key=app.info_key).exclude(pk=app.pk)
    if app.id_fingerprint:
        qs = qs.exclude(id_fingerprint=app.id_fingerprint)
    else:
        qs = qs.exclude(applicant_name=app.applicant_name)
    return qs.values("id_fingerprint", "applicant_name").distinct().count()


def month_pieces_before(app: Application) -> int | None:
    """Pieces already counted for this applicant at this agency in the application's natural month (109号 Art. 4).

    "同一申请人一个自然月内累计申请…件": the applicant is matched by the identity-number fingerprint
    (``crypto.fingerprint``, an HMAC), never by name — two people may share a name. Each earlier
    application received in the same month counts with the pieces of its 按件 fee notice when it had
    one (an application may be split into several pieces, "一事一申请"), else as one piece. ``None``
    when the case has no identity number: the pieces cannot be matched and must be stated.
    """
    assert app.received_on is not None
    if not app.id_fingerprint:
        return None
    earlier = (Application.objects.filter(id_fingerprint=app.id_fingerprint, agency_id=app.agency_id,
                                          received_on__year=app.received_on.year,
                                          received_on__month=app.received_on.month)
               .filter(Q(received_on__lt=app.received_on) | Q(received_on=app.received_on, pk__lt=app.pk))
               .annotate(billed=Sum("fee_notices__count", filter=Q(fee_notices__method="pieces")))
               .values_list("billed", flat=True))
    return sum(billed if billed else 1 for billed in earlier)


# ---------------------------------------------------------------- many cases


def scoped(agency_ids: Iterable[int]) -> ApplicationQuerySet:
    return Application.objects.filter(agency_id__in=list(agency_ids))


# Table 3 of a set of agencies: {row key: {column key: count}} (``table3_counts``); per applicant type.
Table3Counts = dict[str, dict[str, int]]
# Cases by applicant type, in the form's column order (``COLUMNS``: 自然人, then 法人或其他组织 by kind).
TypeCounts = tuple[int, ...]
NO_CASES: TypeCounts = (0,) * len(COLUMNS)
# Above this many agencies the Table 3 queries group the whole ledger and drop other agencies' rows in
# Python: cheaper than WHERE agency_id IN (…thousands of parameters…), same result.
TABLE3_SCOPE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Table3Row:
    """One agency's Table 3 cases for a year, by applicant type (``TypeCounts``): received in the year (一),
    received before it and open on 1 January (二), closed in the year by outcome (三; only outcomes that
    occur), open on 31 December (四). Totals are not part of the row: the report derives them from its rules."""

    new_received: TypeCounts = NO_CASES
    carried_over: TypeCounts = NO_CASES
    carry_forward: TypeCounts = NO_CASES
    closed: dict[str, TypeCounts] = field(default_factory=dict)

    def counts(self) -> Table3Counts:
        """``{row key: {type: n, "total": n}}`` with the ``total`` row (cases closed), as ``table3_counts``."""
        rows = {"new_received": self.new_received, "carried_over": self.carried_over,
                "carry_forward": self.carry_forward, **self.closed,
                "total": tuple(map(sum, zip(NO_CASES, *self.closed.values(), strict=True)))}
        return {key: {**dict(zip(COLUMNS, row, strict=True)), "total": sum(row)} for key, row in rows.items()}


FLOWS = ("new_received", "carried_over", "carry_forward")  # Table3Row fields = Table 3 rows 一, 二, 四


class Table3Rows(Mapping[int, Table3Row]):
    """The ``Table3Row`` of many agencies held as flat lists (``table3_by_agency``): an agency's counts of
    a row are the ``len(COLUMNS)`` consecutive numbers from its position ``at[id]``, by applicant type.
    ``flows`` holds such a list per flow field, ``closed`` per outcome that occurs; a row is made when asked
    for, and ``columns`` hands a report one applicant type's counts of every agency at once."""

    def __init__(self, at: dict[int, int], flows: dict[str, list[int]], closed: dict[str, list[int]]) -> None:
        self.at, self.flows, self.closed = at, flows, closed

    @classmethod
    def of(cls, rows: Mapping[int, Table3Row]) -> Table3Rows:
        occurring = {outcome for row in rows.values() for outcome in row.closed}
        return cls({aid: i * len(COLUMNS) for i, aid in enumerate(rows)},
                   {f: [n for row in rows.values() for n in getattr(row, f)] for f in FLOWS},
                   {o: [n for row in rows.values() for n in row.closed.get(o, NO_CASES)] for o in occurring})

    def __getitem__(self, agency_id: int) -> Table3Row:
        i = self.at[agency_id]
        j = i + len(COLUMNS)
        closed = {outcome: counts for outcome, col in self.closed.items() if any(counts := tuple(col[i:j]))}
        new, carried, forward = (tuple(self.flows[f][i:j]) for f in FLOWS)
        return Table3Row(new, carried, forward, closed)

    def __iter__(self) -> Iterator[int]:
        return iter(self.at)

    def __len__(self) -> int:
        return len(self.at)

    def columns(self, counts: list[int], ids: Sequence[int]) -> list[list[int]]:
        """``counts`` (a list of ``flows`` or ``closed``) as one list per applicant type, each holding the
        agencies of ``ids`` in turn."""
        w = len(COLUMNS)
        if list(ids) == list(self.at):
            return [counts[k::w] for k in range(w)]
        return [[counts[self.at[aid] + k] for aid in ids] for k in range(w)]


_UNDECLARED = "agency {}: applications of an undeclared applicant type"


def _rows(query: QuerySet[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of a grouped query, read through the cursor a batch at a time: the counts are integers on both
    databases (Django's per-value converters cost about as much as the query at province scale); a batch
    costs the driver one call (psycopg's per-row ``next`` cost a third of the loop), and is let go once
    read (the ledger's ~100,000 rows are never all held as Python objects at once)."""
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(5000):
            yield from batch


def table3_by_agency(agency_ids: Iterable[int], year: int) -> Table3Rows:
    """``{agency id: Table3Row}`` (``Table3Rows``) for ``year`` (every agency given present), from one GROUP BY: the
    cases of the year by agency, applicant type and outcome (a case closed in the year; '' for the others),
    with the flows counted alongside. A case of an undeclared applicant type raises ``KeyError`` (never
    dropped).

    One scan of the ledger: two queries (flows; outcomes) cost almost twice as much on SQLite and about
    a quarter more on PostgreSQL; the rows (~100,000 for a province) are read a batch at a time into one
    list per flow and per outcome, never into an object per agency."""
    ids = sorted(set(agency_ids))
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    received = Q(received_on__range=(first, last))
    open_at_start = Q(received_on__lt=first) & (Q(closed_on__isnull=True) | Q(closed_on__gte=first))
    open_at_end = Q(received_on__lte=last) & (Q(closed_on__isnull=True) | Q(closed_on__gt=last))
    closed = Q(closed_on__range=(first, last)) & ~Q(outcome="")
    scope = Application.objects.filter(agency_id__in=ids) if len(ids) <= TABLE3_SCOPE_LIMIT else Application.objects
    grouped = (scope.filter(received | open_at_start | open_at_end | closed)
               .annotate(o=Case(When(closed, then=F("outcome")), default=Value(""), output_field=CharField()))
               .values("agency_id", "applicant_type", "o")
               .annotate(new=Count("id", filter=received), carried=Count("id", filter=open_at_start),
                         forward=Count("id", filter=open_at_end), n=Count("id")))
    column = {t: k for k, t in enumerate(COLUMNS)}
    at = {aid: i * len(COLUMNS) for i, aid in enumerate(ids)}
    size = len(COLUMNS) * len(ids)
    new, carried, forward = [0] * size, [0] * size, [0] * size
    by_outcome: dict[str, list[int]] = {}
    for aid, atype, outcome, n_new, n_carried, n_forward, n in _rows(grouped):
        i = at.get(aid)
        if i is None:  # another agency's cases, read because the scope was the whole ledger
            continue
        k = column.get(atype)
        if k is None:
            raise KeyError(_UNDECLARED.format(aid))
        i += k
        new[i] += n_new  # a type's flows come in one row per outcome group: added up
        carried[i] += n_carried
        forward[i] += n_forward
        if outcome:
            if (counts := by_outcome.get(outcome)) is None:
                counts = by_outcome[outcome] = [0] * size
            counts[i] = n
    return Table3Rows(at, dict(zip(FLOWS, (new, carried, forward), strict=True)), by_outcome)


def table3_counts(agency_ids: Iterable[int], year: int) -> Table3Counts:
    """Table 3 of ``year`` summed over ``agency_ids`` (the rows of ``table3_by_agency`` added up)."""
    out: Table3Counts = Table3Row().counts()
    for row in table3_by_agency(agency_ids, year).values():
        for row_key, counts in row.counts().items():
            target = out.setdefault(row_key, dict.fromkeys([*COLUMNS, "total"], 0))
            for col, n in counts.items():
                target[col] += n
    return out


# The year's processing fees of a set of agencies, in 元, keyed like ``FeeRow``'s fields.
FeeFigures = dict[str, int]


@dataclass(frozen=True, slots=True)
class FeeRow:
    """One agency's processing fees (信息处理费) of a year, in 元: notices sent in the year and their
    amount; notices paid in the year (count, amount collected); notices waived in the year."""

    notices: int = 0
    amount: int = 0
    paid_count: int = 0
    collected: int = 0
    waived_count: int = 0


_FEE_KEYS = tuple(f.name for f in fields(FeeRow))


def fees_by_agency(agency_ids: Iterable[int], year: int) -> dict[int, FeeRow]:
    """``{agency id: FeeRow}`` for ``year`` (one GROUP BY; every agency given is present)."""
    ids = sorted(set(agency_ids))
    out = {aid: FeeRow() for aid in ids}
    sent = Q(sent_on__year=year)
    paid = Q(status=FeeStatus.PAID, paid_on__year=year)
    waived = Q(status=FeeStatus.WAIVED, paid_on__year=year)
    rows = (FeeNotice.objects.filter(application__agency_id__in=ids).filter(sent | paid | waived)
            .values("application__agency_id")
            # Prefixed names: an annotation may not reuse the ``amount`` field's name.
            .annotate(f_notices=Count("id", filter=sent), f_amount=Sum("amount", filter=sent),
                      f_paid_count=Count("id", filter=paid), f_collected=Sum("amount", filter=paid),
                      f_waived_count=Count("id", filter=waived))
            .values_list("application__agency_id", *(f"f_{k}" for k in _FEE_KEYS)))
    for aid, *figures in rows:
        out[aid] = FeeRow(*(int(v or 0) for v in figures))
    return out


def fee_figures(agency_ids: Iterable[int], year: int) -> FeeFigures:
    """Fee notices sent in ``year`` (count, amount) and what was collected (paid in ``year``), over a set."""
    rows = fees_by_agency(agency_ids, year).values()
    return {key: sum(getattr(row, key) for row in rows) for key in _FEE_KEYS}


def open_cases(agency_ids: Iterable[int]) -> QuerySet[Application]:
    return scoped(agency_ids).filter(status__in=OPEN_STATUSES)


def due_buckets(agency_ids: Iterable[int], *, today: dt.date | None = None,
                within_workdays: int = 3) -> tuple[list[Application], list[Application]]:
    """(due soon: due within ``within_workdays`` workdays from today, overdue: due before today)."""
    today = today or clock.today()
    try:
        horizon = get_calendar().add_workdays(today, within_workdays)
    except CalendarYearMissing:
        horizon = today + dt.timedelta(days=within_workdays + 4)
    base = open_cases(agency_ids).select_related("agency").order_by("due_on", "id")
    overdue = list(base.filter(due_on__lt=today)[:500])
    soon = list(base.filter(due_on__gte=today, due_on__lte=horizon)[:500])
    return soon, overdue
