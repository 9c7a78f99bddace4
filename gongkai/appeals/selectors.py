"""Reads of the appeals ledger: Table 4 figures for annual reports, as one SQL GROUP BY per call.

``table4_by_agency(agency_ids, year)`` is the one definition: the cases of ``year`` counted by agency ×
kind × outcome. Which cases belong to a year: those decided in the year (by their outcome) plus those
filed on or before 31 December and not decided by then (尚未审结). Each agency's row is keyed
``<kind>.<outcome>`` and ``<kind>.total`` (the Table 4 keys declared in ``gongkai.formats``), every key
present. ``table4_counts`` is the same rows summed over a set of agencies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, CharField, Count, Q, Value, When

from gongkai.appeals.models import AppealCase
from gongkai.formats.declarations import APPEAL_PENDING, TABLE4_PART_KEYS, TABLE4_TOTAL, TABLE4_TOTAL_KEYS

# Table 4 of one agency (or a set): declared key → number of cases.
Table4Counts = dict[str, int]
# Above this many agencies the query groups the whole ledger and drops other agencies' rows in Python:
# cheaper than WHERE agency_id IN (…thousands of parameters…), same result.
SCOPE_LIMIT = 200


def _empty() -> Table4Counts:
    return dict.fromkeys((*TABLE4_PART_KEYS, *TABLE4_TOTAL_KEYS), 0)


def table4_by_agency(agency_ids: Iterable[int], year: int) -> dict[int, Table4Counts]:
    """``{agency id: Table 4 counts}`` for every id given (all zeros for an agency without cases)."""
    ids = sorted(set(agency_ids))
    last = dt.date(year, 12, 31)
    qs = AppealCase.objects.filter(
        Q(decided_on__year=year) | Q(filed_on__lte=last, decided_on__isnull=True) | Q(filed_on__lte=last,
                                                                                        decided_on__gt=last))
    if len(ids) <= SCOPE_LIMIT:
        qs = qs.filter(agency_id__in=ids)
    bucket = Case(When(Q(decided_on__isnull=True) | Q(decided_on__gt=last), then=Value(APPEAL_PENDING)),
                  default="outcome", output_field=CharField())
    out = {aid: _empty() for aid in ids}
    for aid, kind, outcome, n in (qs.annotate(b=bucket).values("agency_id", "kind", "b").annotate(n=Count("id"))
                                  .values_list("agency_id", "kind", "b", "n")):
        row = out.get(aid)
        if row is None:  # another agency's cases, read because the scope was the whole ledger
            continue
        row[f"{kind}.{outcome}"] += n
        row[f"{kind}.{TABLE4_TOTAL}"] += n
    return out


def table4_counts(agency_ids: Iterable[int], year: int) -> Table4Counts:
    """Table 4 of ``year`` summed over ``agency_ids`` (the rows of ``table4_by_agency`` added up)."""
    out = _empty()
    for row in table4_by_agency(agency_ids, year).values():
        for key, n in row.items():
            out[key] += n
    return out
