"""Reads of the work ledger: entries scoped by agency, and the yearly figures as one GROUP BY.

``work_by_agency(agency_ids, year)`` gives each agency's figures (a typed ``WorkRow``) and ``work_figures``
their sum over a set: a flat dict keyed by kind (``"hotline"``) plus derived keys
``"<kind>.secondary"`` (completed items / attendance) and ``"<kind>.principal"`` (those with the
principal leader). Kinds without entries are absent, so callers can tell "nothing entered" (blank)
from an entered 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from gongkai.worklog.kinds import SPECS
from gongkai.worklog.models import WorkEntry

Figure = int | Decimal


def entries(agency_ids: Iterable[int], year: int | None = None) -> QuerySet[WorkEntry]:
    qs = WorkEntry.objects.filter(agency_id__in=list(agency_ids)).select_related("agency")
    if year is not None:
        qs = qs.filter(year=year)
    return qs


def _figures(kind: str, total: Decimal | None, second_sum: Decimal | None, with_secondary: int,
             principal_sum: Decimal | None) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    spec = SPECS[kind]
    if total is not None:
        out[kind] = total if spec.decimal else int(total)
    if spec.secondary is not None and with_secondary:
        out[f"{kind}.secondary"] = int(second_sum or 0)
    if spec.principal:
        out[f"{kind}.principal"] = int(principal_sum or 0)
    return out


@dataclass(frozen=True, slots=True)
class WorkRow:
    """One agency's work figures of a year: ``figures`` keyed by kind (``"hotline"``) plus
    ``"<kind>.secondary"`` and ``"<kind>.principal"``. A kind without entries is absent, never 0."""

    figures: dict[str, Figure] = field(default_factory=dict)


def work_by_agency(agency_ids: Iterable[int], year: int) -> dict[int, WorkRow]:
    """``{agency id: WorkRow}`` for ``year`` (one GROUP BY; an agency without entries has empty figures)."""
    ids = sorted(set(agency_ids))
    out = {aid: WorkRow() for aid in ids}
    rows = (WorkEntry.objects.filter(agency_id__in=ids, year=year).values("agency_id", "kind")
            .annotate(total=Sum("quantity"), second_sum=Sum("secondary"),
                      with_secondary=Count("id", filter=Q(secondary__isnull=False)),
                      principal_sum=Sum("quantity", filter=Q(principal_leader=True)))
            .order_by("agency_id", "kind")
            .values_list("agency_id", "kind", "total", "second_sum", "with_secondary", "principal_sum"))
    for aid, kind, total, second_sum, with_secondary, principal_sum in rows:
        if kind in SPECS:
            out[aid].figures.update(_figures(kind, total, second_sum, with_secondary, principal_sum))
    return out


_SUFFIX_ORDER = {"": 0, "secondary": 1, "principal": 2}


def work_figures(agency_ids: Iterable[int], year: int) -> dict[str, Figure]:
    """Work figures for the agencies and year: the rows of ``work_by_agency`` added up, by kind."""
    summed: dict[str, Figure] = {}
    for row in work_by_agency(agency_ids, year).values():
        for key, value in row.figures.items():
            summed[key] = summed.get(key, 0) + value
    # Kind order, each kind followed by its derived keys: pages list the figures in this order.
    return dict(sorted(summed.items(), key=lambda kv: (kv[0].partition(".")[0],
                                                       _SUFFIX_ORDER[kv[0].partition(".")[2]])))


def completion_rate(figures: dict[str, Figure], kind: str = "hotline") -> Decimal | None:
    """办结率 in percent (one decimal), or None when nothing was received or completion not entered."""
    received = figures.get(kind)
    done = figures.get(f"{kind}.secondary")
    if not received or done is None:
        return None
    return (Decimal(done) * 100 / Decimal(received)).quantize(Decimal("0.1"))
