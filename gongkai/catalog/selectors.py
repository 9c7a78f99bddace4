"""Reads over the catalog, all SQL aggregates: the annual report's Table 2 figures, channel and
category counts per year, Art. 26 timeliness, and permission-scoped record lists for staff.

Annual-report code calls ``table2_by_agency`` (a typed ``Table2Row`` per agency, held as one list per field:
``FlatRows``; ``table2_figures`` is their sum over a set), ``channel_counts``, ``category_counts`` and
``timeliness_counts`` with agency ids and a year; see docs/catalog.md for the keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Count, F, Min, Q, QuerySet, Sum

from gongkai.catalog.models import ChannelPublication, ChannelTally, PeriodFigures, Record
from gongkai.catalog.rules import Art20Kind, Channel, Validity
from gongkai.catalog.workflow import PENDING, Status
from gongkai.core import clock

# Statuses that count as made public. A withdrawn record was taken back and is excluded everywhere.
COUNTED = (Status.PUBLISHED,)


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


# Table 2 (2021 format) figures of a set of agencies: ``regulation.{issued,repealed,in_force}``,
# ``normative.{…}``, ``licensing``, ``penalty``, ``coercion`` (int) and ``fees`` (Decimal, 万元).
Table2Figures = dict[str, int | Decimal]
# Above this many agencies the Table 2 queries read the year's rows of every agency and drop the others
# in Python: cheaper than WHERE agency_id IN (…thousands of parameters…), same result.
SCOPE_LIMIT = 200
R = TypeVar("R")  # the typed row of a ``FlatRows``


@dataclass(frozen=True, slots=True)
class Table2Row:
    """One agency's Table 2 of a year: records tagged 规章 / 行政规范性文件 (Art. 20 kinds) made (published),
    repealed or expired, in force on 31 December; the entered period figures (decisions; fees collected, 万元)."""

    regulation_issued: int = 0
    regulation_repealed: int = 0
    regulation_in_force: int = 0
    normative_issued: int = 0
    normative_repealed: int = 0
    normative_in_force: int = 0
    licensing: int = 0
    penalty: int = 0
    coercion: int = 0
    fees: Decimal = Decimal(0)


_ART20, _ZERO = (f"{Art20Kind.REGULATION}_", f"{Art20Kind.NORMATIVE}_"), asdict(Table2Row())
_PERIOD = ("licensing", "penalty", "coercion", "fees")  # summed over the entered period figures


class FlatRows(Mapping[int, R]):
    """Typed rows of many agencies as one list per field, agency ``id`` at position ``at[id]`` of each: ``make``
    builds a row when asked for; ``column`` gives one field of the agencies asked for (a new list, KeyError
    for one not held), in turn."""

    def __init__(self, at: dict[int, int], figures: dict[str, list[int | Decimal]], make: Callable[..., R]) -> None:
        self.at, self.figures, self.make = at, figures, make

    def __getitem__(self, agency_id: int) -> R:
        return self.make(**{name: col[self.at[agency_id]] for name, col in self.figures.items()})

    def __iter__(self) -> Iterator[int]:
        return iter(self.at)

    def __len__(self) -> int:
        return len(self.at)

    def column(self, name: str, ids: Sequence[int]) -> list[int | Decimal | None]:
        col = self.figures[name]
        return list(col) if list(ids) == list(self.at) else [col[self.at[aid]] for aid in ids]


def table2_by_agency(agency_ids: Iterable[int], year: int) -> FlatRows[Table2Row]:
    """``{agency id: Table2Row}`` for ``year``, every agency given present (0 where nothing). Counts come from
    publication and repeal/expiry dates of published records tagged 规章/行政规范性文件; licensing, penalty,
    coercion and fees are summed over the entered period figures whose period starts in ``year``."""
    ids = sorted(set(agency_ids))
    start, end = _year_bounds(year)
    at = {aid: i for i, aid in enumerate(ids)}
    found: dict[str, list[int | Decimal]] = {name: [zero] * len(ids) for name, zero in _ZERO.items()}
    # kind > '' is kind <> '' for this non-null field, but lets the (agency, kind, …) index find the rows.
    records = Record.objects.filter(status__in=COUNTED, kind__gt="")
    periods = PeriodFigures.objects.filter(period_start__gte=start, period_start__lte=end)
    if len(ids) <= SCOPE_LIMIT:
        records, periods = records.filter(agency_id__in=ids), periods.filter(agency_id__in=ids)
    ended = Q(validity__in=[Validity.EXPIRED, Validity.REPEALED])
    for aid, kind, *counts in (
            records.values("agency_id", "kind").annotate(
                issued=Count("id", filter=Q(published_on__gte=start, published_on__lte=end)),
                repealed=Count("id", filter=ended & Q(validity_changed_on__gte=start, validity_changed_on__lte=end)),
                in_force=Count("id", filter=Q(published_on__lte=end) & (~ended | Q(validity_changed_on__gt=end))))
            .values_list("agency_id", "kind", "issued", "repealed", "in_force")):
        if (i := at.get(aid)) is not None:  # None: another agency's row, read because the scope was the whole table
            found[f"{kind}_issued"][i], found[f"{kind}_repealed"][i], found[f"{kind}_in_force"][i] = counts
    for aid, *sums in periods.values("agency_id").annotate(**{name: Sum(name) for name in _PERIOD}).values_list(
            "agency_id", *_PERIOD):
        if (i := at.get(aid)) is not None:
            for name, n in zip(_PERIOD, sums, strict=True):
                found[name][i] = Decimal(n or 0) if name == "fees" else n or 0
    return FlatRows(at, found, Table2Row)


def table2_figures(agency_ids: Iterable[int], year: int) -> Table2Figures:
    """Table 2 of ``year`` summed over ``agency_ids`` (the rows of ``table2_by_agency`` added up), keyed
    ``regulation.issued`` … ``fees`` (a ``Table2Row`` field with its Art. 20 kind before a dot)."""
    return {name.replace("_", ".", 1) if name.startswith(_ART20) else name: sum(col, start=_ZERO[name])
            for name, col in table2_by_agency(agency_ids, year).figures.items()}


def channel_counts(agency_ids: Iterable[int], year: int) -> dict[str, int]:
    """Items published per channel in ``year``: catalog records marked for the channel (by the
    channel publication date) plus the entered tallies whose period starts in the year.
    Keys: ``gazette``, ``weibo``, ``wechat``, ``other``, plus ``website`` = records published in the catalog."""
    ids = list(agency_ids)
    start, end = _year_bounds(year)
    out = {c: 0 for c in Channel.values}
    marked = (ChannelPublication.objects
              .filter(record__agency_id__in=ids, record__status__in=COUNTED,
                      published_on__gte=start, published_on__lte=end)
              .values("channel").annotate(n=Count("id")))
    for row in marked:
        out[row["channel"]] += row["n"]
    tallied = (ChannelTally.objects.filter(agency_id__in=ids, period_start__gte=start, period_start__lte=end)
               .values("channel").annotate(n=Sum("count")))
    for row in tallied:
        out[row["channel"]] += int(row["n"] or 0)
    out["website"] = Record.objects.filter(agency_id__in=ids, status__in=COUNTED, published_on__gte=start,
                                           published_on__lte=end).count()
    return out


def category_counts(agency_ids: Iterable[int], year: int) -> list[dict[str, Any]]:
    """Published records per information category in ``year``: ``[{"category": name, "count": n}]``
    ordered by the categories' own order (categories of several agencies merge by name)."""
    start, end = _year_bounds(year)
    rows = (Record.objects.filter(agency_id__in=list(agency_ids), status__in=COUNTED, published_on__gte=start,
                                  published_on__lte=end)
            .values("category__name").annotate(count=Count("id"), order=Min("category__ordering"))
            .order_by("order", "category__name"))
    return [{"category": r["category__name"], "count": r["count"]} for r in rows]


def timeliness_counts(agency_ids: Iterable[int], year: int, *, today: dt.date | None = None) -> dict[str, int]:
    """Art. 26 in ``year``: ``published`` (records published in the year), ``late`` (of those,
    published after their due date), ``overdue_pending`` (not yet published, due date passed as of
    ``today``, due in the year), ``unknown_due`` (due date not computable: calendar year missing)."""
    today = today or clock.today()
    ids = list(agency_ids)
    start, end = _year_bounds(year)
    published = Record.objects.filter(agency_id__in=ids, status__in=COUNTED, published_on__gte=start,
                                      published_on__lte=end)
    agg = published.aggregate(published=Count("id"), late=Count("id", filter=Q(published_on__gt=F("due_on"))))
    pending = Record.objects.filter(agency_id__in=ids, status__in=list(PENDING))
    return {
        "published": agg["published"],
        "late": agg["late"],
        "overdue_pending": pending.filter(due_on__lt=today, due_on__gte=start, due_on__lte=end).count(),
        "unknown_due": pending.filter(due_on__isnull=True, formed_on__gte=start, formed_on__lte=end).count(),
    }


def overdue_drafts(agency_ids: Iterable[int], *, today: dt.date | None = None) -> QuerySet[Record]:
    today = today or clock.today()
    return (Record.objects.filter(agency_id__in=list(agency_ids), status__in=list(PENDING), due_on__lt=today)
            .select_related("agency").order_by("due_on"))


def late_publications(agency_ids: Iterable[int], year: int) -> QuerySet[Record]:
    start, end = _year_bounds(year)
    return (Record.objects.filter(agency_id__in=list(agency_ids), status__in=COUNTED, published_on__gte=start,
                                  published_on__lte=end, published_on__gt=F("due_on"))
            .select_related("agency").order_by("-published_on"))


def public_records() -> QuerySet[Record]:
    """Records the public may see (published; withdrawn ones are gone from the portal)."""
    return Record.objects.filter(status=Status.PUBLISHED)
