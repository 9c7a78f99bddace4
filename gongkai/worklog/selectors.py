"""Reads of the work ledger: entries scoped by agency, and the yearly figures as one GROUP BY.

``work_figures(agency_ids, year)`` returns a flat dict keyed by kind (``"hotline"``) plus derived keys
``"<kind>.secondary"`` (completed items / attendance) and ``"<kind>.principal"`` (those with the
principal leader). Kinds without entries are absent, so callers can tell "nothing entered" (blank)
from an entered 0.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def _num(kind: str, value: Decimal | None) -> Figure | None:
    if value is None:
        return None
    return value if SPECS[kind].decimal else int(value)


def work_figures(agency_ids: Iterable[int], year: int) -> dict[str, Figure]:
    """Summed work figures for the agencies and year (one aggregate query)."""
    rows = (
        WorkEntry.objects.filter(agency_id__in=list(agency_ids), year=year)
        .values("kind")
        .annotate(
            total=Sum("quantity"),
            second_sum=Sum("secondary"),
            with_secondary=Count("id", filter=Q(secondary__isnull=False)),
            principal_sum=Sum("quantity", filter=Q(principal_leader=True)),
        )
        .order_by("kind")
    )
    out: dict[str, Figure] = {}
    for row in rows:
        kind = row["kind"]
        if kind not in SPECS:
            continue
        total = _num(kind, row["total"])
        if total is not None:
            out[kind] = total
        spec = SPECS[kind]
        if spec.secondary is not None and row["with_secondary"]:
            out[f"{kind}.secondary"] = int(row["second_sum"] or 0)
        if spec.principal:
            out[f"{kind}.principal"] = int(row["principal_sum"] or 0)
    return out


def completion_rate(figures: dict[str, Figure], kind: str = "hotline") -> Decimal | None:
    """办结率 in percent (one decimal), or None when nothing was received or completion not entered."""
    received = figures.get(kind)
    done = figures.get(f"{kind}.secondary")
    if not received or done is None:
        return None
    return (Decimal(done) * 100 / Decimal(received)).quantize(Decimal("0.1"))
