"""Reads of the appeals ledger: Table 4 figures for an annual report, as one SQL GROUP BY.

``table4_counts(agency_ids, year)`` counts the cases of ``year`` by kind × outcome. Which cases
belong to a year: those decided in the year (by their outcome) plus those filed on or before
31 December and not decided by then (尚未审结). Keys are ``<kind>.<outcome>`` and ``<kind>.total``,
matching the Table 4 keys of the report formats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, CharField, Count, Q, Value, When

from gongkai.appeals.models import AppealCase
from gongkai.formats.declarations import APPEAL_PENDING, TABLE4_PART_KEYS, TABLE4_TOTAL, TABLE4_TOTAL_KEYS


def table4_counts(agency_ids: Iterable[int], year: int) -> dict[str, int]:
    last = dt.date(year, 12, 31)
    qs = AppealCase.objects.filter(agency_id__in=list(agency_ids)).filter(
        Q(decided_on__year=year) | Q(filed_on__lte=last, decided_on__isnull=True) | Q(filed_on__lte=last,
                                                                                        decided_on__gt=last))
    bucket = Case(When(Q(decided_on__isnull=True) | Q(decided_on__gt=last), then=Value(APPEAL_PENDING)),
                  default="outcome", output_field=CharField())
    out = dict.fromkeys((*TABLE4_PART_KEYS, *TABLE4_TOTAL_KEYS), 0)
    for kind, outcome, n in qs.annotate(b=bucket).values("kind", "b").annotate(n=Count("id")).values_list(
            "kind", "b", "n"):
        out[f"{kind}.{outcome}"] += n
        out[f"{kind}.{TABLE4_TOTAL}"] += n
    return out
