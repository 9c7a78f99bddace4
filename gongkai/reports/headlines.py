"""Headline figures of a ``ReportData`` for the indexed columns of ``PublishedReport`` (pure).

Tables win over prose: Table 3 总计 column (blank treated as 0 only when a group has any value) for
2019/2021 reports, the 统计表 for pre-2019 ones, otherwise the figures stated in sentences. A figure
the report does not state stays None. Unsure figures are not used.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.formats import get_format
from gongkai.formats.declarations import LITIGATION_KINDS, TABLE4_TOTAL
from gongkai.reports.data import Number, ReportData

OUTCOME_GROUPS: dict[str, tuple[str, ...]] = {
    "outcome_granted": ("granted",),
    "outcome_partial": ("partial",),
    "outcome_denied": ("denied.",),
    "outcome_unable": ("unable.",),
    "outcome_not_processed": ("not_processed.",),
    "outcome_other": ("other",),
}


def _int(v: Number | None) -> int | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else None
    return v


def _sum_rows(data: ReportData, table: str, prefixes: tuple[str, ...], col: str) -> int | None:
    cells = data.tables.get(table, {})
    found = [c for (r, c_key), c in cells.items() if c_key == col and any(
        r == p or (p.endswith(".") and r.startswith(p)) or (p == "other" and r.startswith("other.")) for p in prefixes)]
    values = [c.value for c in found if c.value is not None and not c.unsure]
    if not values:
        return None
    return _int(sum(values, start=0))


def _figure(data: ReportData, key: str) -> int | None:
    f = data.figure(key)
    if f is None or f.unsure or f.value is None:
        return None
    return _int(f.value)


def summary(data: ReportData) -> dict[str, int | None]:
    out: dict[str, int | None] = {k: None for k in (
        "applications_received", *OUTCOME_GROUPS, "proactive_total", "review_total", "litigation_total")}
    if data.era in ("2019", "2021") and "table3" in data.tables:
        out["applications_received"] = _sum_rows(data, "table3", ("new_received",), "total")
        for field, prefixes in OUTCOME_GROUPS.items():
            out[field] = _sum_rows(data, "table3", prefixes, "total")
    if data.era in ("2019", "2021") and "table4" in data.tables:
        fmt = get_format(data.era)
        cols = [c.key for c in fmt.table("table4").blocks[0].columns]
        t4 = data.tables["table4"]

        def v(col: str) -> int | None:
            c = t4.get(("all", col))
            return None if c is None or c.unsure else _int(c.value)

        out["review_total"] = v(f"review.{TABLE4_TOTAL}")
        lit = [v(f"{k}.{TABLE4_TOTAL}") for k in LITIGATION_KINDS]
        if any(x is not None for x in lit):
            out["litigation_total"] = sum(x or 0 for x in lit)
        assert cols
    if data.era == "pre2019" and "stats" in data.tables:
        st = data.tables["stats"]
        for field, key in (("applications_received", "app.received"), ("proactive_total", "proactive.total"),
                           ("review_total", "review.total"), ("litigation_total", "litigation.total"),
                           ("outcome_granted", "app.answered.granted"), ("outcome_partial", "app.answered.partial"),
                           ("outcome_denied", "app.answered.denied")):
            c = st.get((key, "value"))
            if c is not None and not c.unsure:
                out[field] = _int(c.value)
    for field, key in (("applications_received", "applications.received"), ("proactive_total", "proactive.total"),
                       ("review_total", "review.total"), ("litigation_total", "litigation.total")):
        if out[field] is None:
            out[field] = _figure(data, key)
    return out
