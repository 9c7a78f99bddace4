"""Computing an annual report's tables from the ledgers, for one agency or a set of agencies and a year.

Every figure is a SQL aggregate in the owning app (``sources``); this module only places them in the
format's cells (``gongkai.formats``), applies the few cells staff may enter (``ENTERABLE``),
and derives the 总计 cells. The same call for a past year gives the same numbers: nothing here reads the
clock or stored results. Generated tables print 0 where the ledger has nothing (the form expects
figures); blank (None) only appears for cells with no source in the ledgers and nothing entered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from gongkai.formats import (
    STATS_VALUE,
    TABLE3_APPLICANT_COLUMNS,
    TABLE4_ROW,
    Format,
    get_format,
    table3_leaf_keys,
)
from gongkai.formats.declarations import (
    APPEAL_PENDING,
    LITIGATION_KINDS,
    TABLE4_PART_KEYS,
)
from gongkai.reports import sources
from gongkai.reports.checks import derivation_plan
from gongkai.reports.data import Cell, Number, ReportData

# Cells the format lets staff enter over (or instead of) the ledger: {era: {table: {row: columns}}}.
# Table 3 上年结转 is entered when last year's open cases predate the ledger (opening balance); the
# checks (R1, R5) catch an entered figure that does not agree. Everything else comes from a ledger;
# 2019 Table 2 item counts and the pre-2019 rows with no ledger behind them are entered.
ENTERABLE: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "2021": {"table3": {"carried_over": TABLE3_APPLICANT_COLUMNS}},
    "2019": {
        "table3": {"carried_over": TABLE3_APPLICANT_COLUMNS},
        "table2": {"licensing": ("prev_items", "change"), "other_services": ("prev_items", "change", "decisions"),
                   "penalty": ("prev_items", "change"), "enforcement": ("prev_items", "change"),
                   "admin_fees": ("prev_items", "change"), "procurement": ("items", "amount")},
    },
    "pre2019": {"stats": {k: (STATS_VALUE,) for k in (
        "proactive.proposals", "app.received.in_person", "app.received.fax", "app.received.online",
        "app.received.letter", "app.concluded.on_time", "app.concluded.extended", "app.answered.already_public",
        "app.answered.denied.commercial_secret", "app.answered.denied.privacy", "app.answered.denied.not_gov_info",
        "app.answered.correction", "app.answered.other_route")}},
}

# Catalog Table 2 keys per (row, column), by era.
TABLE2_SOURCE: dict[str, dict[tuple[str, str], str]] = {
    "2021": {
        ("regulations", "issued"): "regulation.issued", ("regulations", "repealed"): "regulation.repealed",
        ("regulations", "in_force"): "regulation.in_force", ("normative_docs", "issued"): "normative.issued",
        ("normative_docs", "repealed"): "normative.repealed", ("normative_docs", "in_force"): "normative.in_force",
        ("licensing", "decisions"): "licensing", ("penalty", "decisions"): "penalty",
        ("enforcement", "decisions"): "coercion", ("admin_fees", "amount"): "fees",
    },
    "2019": {
        ("regulations", "made"): "regulation.issued", ("regulations", "published"): "regulation.issued",
        ("regulations", "total_published"): "regulation.in_force",
        ("normative_docs", "made"): "normative.issued", ("normative_docs", "published"): "normative.issued",
        ("normative_docs", "total_published"): "normative.in_force",
        ("licensing", "decisions"): "licensing", ("penalty", "decisions"): "penalty",
        ("enforcement", "decisions"): "coercion",
    },
}

# Pre-2019 统计表 rows filled from the work ledger (worklog kind keys).
STATS_FROM_WORK: dict[str, str] = {
    "response.hotspots": "concern_response", "response.press": "press_conference",
    "response.press_leader": "press_conference.principal", "response.interviews": "online_interview",
    "response.interviews_leader": "online_interview.principal", "response.interpretations": "interpretation",
    "response.weibo_wechat": "social_response", "response.other": "other_response", "complaints": "complaint",
    "org.offices": "office", "org.reading_points": "reading_point", "org.staff.full_time": "staff_fulltime",
    "org.staff.part_time": "staff_parttime", "org.funds": "funds", "meetings.count": "meeting",
    "training.sessions": "training", "training.attendees": "training.secondary",
}
STATS_FROM_CHANNELS: dict[str, str] = {
    "channel.gazette": "gazette", "channel.website": "website", "channel.weibo": "weibo",
    "channel.wechat": "wechat", "channel.other": "other", "proactive.total": "website",
}
# Pre-2019 answer rows from the 2019 outcome keys (the old categories are coarser; see docs/reports.md).
STATS_FROM_OUTCOMES: dict[str, tuple[str, ...]] = {
    "app.answered.granted": ("granted",),
    "app.answered.partial": ("partial",),
    "app.answered.denied.state_secret": ("denied.state_secret",),
    "app.answered.denied.security_stability": ("denied.three_safety_one_stability",),
    "app.answered.denied.other_law": ("denied.law_forbidden", "denied.internal_affairs", "denied.process_info",
                                      "denied.enforcement_file", "denied.admin_query", "denied.third_party"),
    "app.answered.not_this_organ": (),
    "app.answered.not_exist": ("unable.not_held",),
    "app.answered.other_route": ("not_processed.publication",),
}


def enterable(era: str, table: str, row: str, col: str) -> bool:
    return col in ENTERABLE.get(era, {}).get(table, {}).get(row, ())


def _num(v: Any) -> Number:
    if isinstance(v, Decimal):
        return v
    return int(v or 0)


def _sum(values: Iterable[Number | None]) -> Number | None:
    """Cell-wise sum for derived cells: blank only when every part is blank (spec §0.2)."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    total: Number = 0
    for v in vals:
        total = total + v
    return total


def derive_totals(data: ReportData, fmt: Format) -> None:
    """Recompute the 总计 cells the form derives (Table 3 总计 column and （七）总计 row, Table 4 totals)
    from the format's sum rules (``checks.derivation_plan``), the same rules the checks apply."""
    for d in derivation_plan(fmt.era):
        cells = data.tables.setdefault(d.table, {})
        cells[d.target] = Cell(_sum(cells.get(p, Cell()).value for p in d.parts))


def apply_entered(data: ReportData, era: str, entered: Mapping[str, Any]) -> list[str]:
    """Put entered figures into their cells; returns the "table|row|col" keys applied.

    Raises ValueError naming the cell when a figure is entered where the format does not allow it.
    """
    applied: list[str] = []
    fmt = get_format(era)
    for table, rows in (entered or {}).items():
        for row, cols in (rows or {}).items():
            for col, value in (cols or {}).items():
                if not enterable(era, table, row, col):
                    label = _cell_label(fmt, table, row, col)
                    raise ValueError(f"“{label}”由台账计算，不能录入")
                if value is None or value == "":
                    continue
                number: Number = Decimal(str(value)) if fmt.table(table).cell_kind(row, col) == "decimal" \
                    else int(value)
                data.set(table, row, col, Cell(number, raw=str(value), note=None))
                applied.append(f"{table}|{row}|{col}")
    return applied


def _cell_label(fmt: Format, table: str, row: str, col: str) -> str:
    try:
        t = fmt.table(table)
        r = t.row(row)
        c = t.block_of(row).column(col)
    except KeyError:
        return f"{table}/{row}/{col}"
    return f"{r.label} / {c.label}" if r.label else c.label


def compute(agency_ids: Iterable[int], year: int, *, era: str = "2021", entered: Mapping[str, Any] | None = None,
            agency_name: str = "", title: str = "") -> ReportData:
    """The report's tables for ``agency_ids`` and ``year`` in ``era``, from the ledgers."""
    ids = sorted(set(agency_ids))
    fmt = get_format(era)
    data = ReportData(agency_name=agency_name, year=year, era=era, title=title, source="ledgers")
    if era in ("2021", "2019"):
        _fill_table2(data, fmt, ids, year)
        _fill_table3(data, fmt, sources.table3(ids, year))
        _fill_table4(data, sources.table4(ids, year))
    elif era == "pre2019":
        _fill_stats(data, fmt, ids, year)
    else:
        raise ValueError(f"不能生成“{era}”格式的年报")
    applied = apply_entered(data, era, entered or {})
    if applied:
        data.notes.append("录入：" + "，".join(applied))
    derive_totals(data, fmt)
    if era == "pre2019":
        _derive_stats(data)
    data.sections = list(fmt.required_sections)
    return data


def _fill_table2(data: ReportData, fmt: Format, ids: list[int], year: int) -> None:
    figures = sources.table2(ids, year)
    mapping = TABLE2_SOURCE[fmt.era]
    for row, col in fmt.table("table2").cells():
        key = mapping.get((row.key, col.key))
        value: Number | None = _num(figures.get(key)) if key is not None else None
        data.set("table2", row.key, col.key, Cell(value))


def _fill_table3(data: ReportData, fmt: Format, counts: dict[str, dict[str, int]]) -> None:
    for row, col in fmt.table("table3").cells():
        if col.key == "total" or row.key == "total":
            continue
        if row.key == "other" and fmt.era == "2019":  # one （六）其他处理 row in the 2019 form
            value = sum(counts.get(k, {}).get(col.key, 0) for k in ("other.no_correction", "other.fee_unpaid",
                                                                     "other.other", "other"))
        else:
            value = counts.get(row.key, {}).get(col.key, 0)
        data.set("table3", row.key, col.key, Cell(int(value)))


def _fill_table4(data: ReportData, counts: dict[str, int]) -> None:
    for key in TABLE4_PART_KEYS:
        data.set("table4", TABLE4_ROW, key, Cell(int(counts.get(key, 0))))


def _fill_stats(data: ReportData, fmt: Format, ids: list[int], year: int) -> None:
    work = sources.work(ids, year)
    chan = sources.channels(ids, year)
    t2 = sources.table2(ids, year)
    t3 = sources.table3(ids, year)
    t4 = sources.table4(ids, year)
    fee_yuan = Decimal(sources.fees(ids, year).get("collected") or 0)

    def t3_total(*rows: str) -> int:
        return sum(sum(t3.get(r, {}).values()) for r in rows)

    values: dict[str, Number | None] = {}
    for stat, key in STATS_FROM_WORK.items():
        v = work.get(key)
        values[stat] = v if v is not None else 0
    for stat, key in STATS_FROM_CHANNELS.items():
        values[stat] = int(chan.get(key, 0))
    values["proactive.normative_docs"] = int(t2.get("normative.issued", 0))
    values["proactive.normative_docs_issued"] = int(t2.get("normative.issued", 0))
    values["app.received"] = t3_total("new_received")
    for stat, outcomes in STATS_FROM_OUTCOMES.items():
        values[stat] = t3_total(*outcomes)
    values["app.concluded"] = t3_total(*table3_leaf_keys(era="2021"))
    for group, stats in (("review", "review"),):
        values[f"{stats}.upheld"] = t4.get(f"{group}.upheld", 0)
        values[f"{stats}.corrected"] = t4.get(f"{group}.corrected", 0)
        values[f"{stats}.other"] = t4.get(f"{group}.other", 0) + t4.get(f"{group}.pending", 0)
    for outcome in ("upheld", "corrected"):
        values[f"litigation.{outcome}"] = sum(t4.get(f"{g}.{outcome}", 0) for g in LITIGATION_KINDS)
    values["litigation.other"] = sum(t4.get(f"{g}.{o}", 0) for g in LITIGATION_KINDS for o in ("other", APPEAL_PENDING))
    values["fees"] = (fee_yuan / Decimal(10000)).quantize(Decimal("0.0001"))
    for row, _col in fmt.table("stats").cells():
        data.set("stats", row.key, STATS_VALUE, Cell(values.get(row.key)))


def _derive_stats(data: ReportData) -> None:
    """Pre-2019 totals that the table derives (spec §5): answered, denied, review, litigation, staff."""
    t = data.tables["stats"]

    def v(key: str) -> Number | None:
        return t.get((key, STATS_VALUE), Cell()).value

    denied_parts = ("state_secret", "commercial_secret", "privacy", "security_stability", "not_gov_info", "other_law")
    t[("app.answered.denied", STATS_VALUE)] = Cell(_sum(v(f"app.answered.denied.{p}") for p in denied_parts))
    answered_parts = ("already_public", "granted", "partial", "denied", "not_this_organ", "not_exist", "correction",
                      "other_route")
    t[("app.answered", STATS_VALUE)] = Cell(_sum(v(f"app.answered.{p}") for p in answered_parts))
    for total in ("review", "litigation"):
        t[(f"{total}.total", STATS_VALUE)] = Cell(_sum(v(f"{total}.{p}") for p in ("upheld", "corrected", "other")))
    t[("org.staff", STATS_VALUE)] = Cell(_sum(v(f"org.staff.{p}") for p in ("full_time", "part_time")))
