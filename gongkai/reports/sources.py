"""The ledgers the annual report reads, behind one thin seam: each function calls another app's
selector (all SQL aggregates, see docs/catalog.md, docs/applications.md) and returns plain dicts keyed
by the shared keys. An app whose selector is missing fails closed with a message naming it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any


class LedgerUnavailable(RuntimeError):
    """A ledger's selector is not installed; the report cannot be computed (never guessed)."""


def _selector(module: str, name: str, what: str) -> Callable[..., Any]:
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise LedgerUnavailable(f"无法计算年报：{what}（{module}）不可用") from exc
    fn = getattr(mod, name, None)
    if fn is None:
        raise LedgerUnavailable(f"无法计算年报：{what}缺少 {module}.{name}")
    return fn  # type: ignore[no-any-return]


def table2(agency_ids: list[int], year: int) -> dict[str, Any]:
    """Catalog Table 2 figures: ``regulation.{issued,repealed,in_force}``, ``normative.{…}``,
    ``licensing``, ``penalty``, ``coercion`` (ints) and ``fees`` (Decimal, 万元)."""
    return dict(_selector("gongkai.catalog.selectors", "table2_figures", "公开目录")(agency_ids, year))


def channels(agency_ids: list[int], year: int) -> dict[str, int]:
    return dict(_selector("gongkai.catalog.selectors", "channel_counts", "公开目录")(agency_ids, year))


def categories(agency_ids: list[int], year: int) -> list[dict[str, Any]]:
    return list(_selector("gongkai.catalog.selectors", "category_counts", "公开目录")(agency_ids, year))


def _nested(raw: Any) -> dict[str, dict[str, int]]:
    """{row: {col: n}} from either that shape, {(row, col): n} or {"row|col": n}."""
    out: dict[str, dict[str, int]] = {}
    for key, value in dict(raw).items():
        if isinstance(value, dict):
            for col, n in value.items():
                out.setdefault(str(key), {})[str(col)] = int(n or 0)
            continue
        if isinstance(key, tuple):
            row, col = key
        else:
            row, _sep, col = str(key).partition("|")
        out.setdefault(row, {})[col] = int(value or 0)
    return out


def table3(agency_ids: list[int], year: int) -> dict[str, dict[str, int]]:
    """Applications by Table 3 row × applicant type (new_received, carried_over, outcomes, carry_forward)."""
    return _nested(_selector("gongkai.applications.selectors", "table3_counts", "依申请公开台账")(agency_ids, year))


def table4(agency_ids: list[int], year: int) -> dict[str, int]:
    """Review and litigation cases keyed ``review.upheld`` … ``litigation_after_review.pending``."""
    raw = _selector("gongkai.appeals.selectors", "table4_counts", "复议诉讼台账")(agency_ids, year)
    out: dict[str, int] = {}
    for key, value in dict(raw).items():
        if isinstance(value, dict):
            for sub, n in value.items():
                out[f"{key}.{sub}"] = int(n or 0)
        else:
            out[str(key)] = int(value or 0)
    return out


def fees(agency_ids: list[int], year: int) -> dict[str, Any]:
    """Processing fees of the year (section 六): notices issued and their amount, amount collected (元)."""
    raw = dict(_selector("gongkai.applications.selectors", "fee_figures", "信息处理费台账")(agency_ids, year))
    return {k: (Decimal(v) if isinstance(v, Decimal | float | str) else v) for k, v in raw.items()}


def work(agency_ids: Iterable[int], year: int) -> dict[str, Any]:
    from gongkai.worklog.selectors import work_figures

    return dict(work_figures(list(agency_ids), year))
