"""The ledgers the annual report reads: each function is a plain call of the ledger app's selector.

Catalog (Table 2, channels, categories), applications (Table 3, processing fees), appeals (Table 4) and
the work log are always installed, so they are imported directly: a missing selector is an
``ImportError`` naming it at start-up, never a figure silently counted as 0. The selectors are SQL
aggregates (docs/catalog.md, docs/applications.md) keyed by the keys declared in ``gongkai.formats``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from gongkai.appeals.selectors import table4_counts
from gongkai.applications.selectors import fee_figures, table3_counts
from gongkai.catalog.selectors import category_counts, channel_counts, table2_figures
from gongkai.worklog.selectors import Figure, work_figures


def table2(agency_ids: list[int], year: int) -> dict[str, Any]:
    """Catalog Table 2 figures: ``regulation.{issued,repealed,in_force}``, ``normative.{…}``,
    ``licensing``, ``penalty``, ``coercion`` (ints) and ``fees`` (Decimal, 万元)."""
    return table2_figures(agency_ids, year)


def channels(agency_ids: list[int], year: int) -> dict[str, int]:
    return channel_counts(agency_ids, year)


def categories(agency_ids: list[int], year: int) -> list[dict[str, Any]]:
    return category_counts(agency_ids, year)


def table3(agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """Applications by Table 3 row × applicant type (new_received, carried_over, outcomes, carry_forward)."""
    return table3_counts(agency_ids, year)


def table4(agency_ids: list[int], year: int) -> dict[str, int]:
    """Review and litigation cases keyed ``review.upheld`` … ``litigation_after_review.pending``."""
    return table4_counts(agency_ids, year)


def fees(agency_ids: list[int], year: int) -> dict[str, int | Decimal]:
    """Processing fees of the year (section 六): notices issued and their amount, amount collected (元)."""
    return dict(fee_figures(agency_ids, year))


def work(agency_ids: Iterable[int], year: int) -> dict[str, Figure]:
    return work_figures(list(agency_ids), year)
