"""Reads of the appeals ledger: Table 4 figures for annual reports, as one SQL GROUP BY per call.

``table4_by_agency(agency_ids, year)`` is the one definition: the cases of ``year`` counted by agency × kind ×
outcome, a typed ``Table4Row`` per agency (held as one list per part: ``catalog.FlatRows``). The cases of a
year: those decided in it (by their outcome) plus those filed on or before 31 December and not decided by then
(尚未审结). A row's ``cases`` are keyed ``<kind>.<outcome>`` (the Table 4 parts declared in ``gongkai.formats``),
every key present. ``table4_counts``: the parts and totals summed over a set of agencies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, CharField, Count, Q, Value, When

from gongkai.appeals.models import AppealCase
from gongkai.catalog.selectors import FlatRows
from gongkai.formats.declarations import (
    APPEAL_KIND_KEYS,
    APPEAL_PENDING,
    APPEAL_RESULT_KEYS,
    TABLE4_PART_KEYS,
    TABLE4_TOTAL,
)

# Table 4 of a set of agencies: declared key (parts and totals) → number of cases (``table4_counts``).
Table4Counts = dict[str, int]
# Above this many agencies the query groups the whole ledger and drops other agencies' rows in Python:
# cheaper than WHERE agency_id IN (…thousands of parameters…), same result.
SCOPE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Table4Row:
    """One agency's review and litigation cases of a year: ``cases`` maps every declared Table 4 part
    (``review.upheld`` … ``litigation_after_review.pending``) to its count. Totals are not part of the
    row: the report derives them from its rules; ``table4_counts`` adds them."""

    cases: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLE4_PART_KEYS, 0))


def table4_by_agency(agency_ids: Iterable[int], year: int) -> FlatRows[Table4Row]:
    """``{agency id: Table4Row}`` for every id given (all zeros for an agency without cases)."""
    ids = sorted(set(agency_ids))
    last = dt.date(year, 12, 31)
    undecided = Q(decided_on__isnull=True) | Q(decided_on__gt=last)  # on 31 December
    qs = AppealCase.objects.filter(Q(decided_on__year=year) | Q(filed_on__lte=last) & undecided)
    if len(ids) <= SCOPE_LIMIT:
        qs = qs.filter(agency_id__in=ids)
    bucket = Case(When(undecided, then=Value(APPEAL_PENDING)), default="outcome", output_field=CharField())
    at = {aid: i for i, aid in enumerate(ids)}
    cases: dict[str, list[int | Decimal]] = {key: [0] * len(ids) for key in TABLE4_PART_KEYS}
    for aid, kind, outcome, n in (qs.annotate(b=bucket).values("agency_id", "kind", "b").annotate(n=Count("id"))
                                  .values_list("agency_id", "kind", "b", "n")):
        if (i := at.get(aid)) is not None:  # None: another agency's cases, read because the scope was the whole ledger
            cases[f"{kind}.{outcome}"][i] += n
    return FlatRows(at, cases, lambda **found: Table4Row(found))


def table4_counts(agency_ids: Iterable[int], year: int) -> Table4Counts:
    """Table 4 of ``year`` summed over ``agency_ids`` (the parts of ``table4_by_agency`` added up), with totals."""
    cases = {key: int(sum(col)) for key, col in table4_by_agency(agency_ids, year).figures.items()}
    return cases | {f"{k}.{TABLE4_TOTAL}": sum(cases[f"{k}.{r}"] for r in APPEAL_RESULT_KEYS) for k in APPEAL_KIND_KEYS}
