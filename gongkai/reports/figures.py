"""The one road from the ledgers to an annual report's tables, for one agency or many (ADR 0004).

``read_ledgers`` calls each ledger's grouped selector once for all the agencies asked for: typed rows per
agency (``catalog.Table2Row``, ``applications.Table3Row`` and ``FeeRow``, ``appeals.Table4Row``,
``worklog.WorkRow``). ``fill`` puts one agency's rows into the format's cells as one flat list of numbers
per table (in the order of ``checks.table_plan``), applies the few figures staff may enter
(``ENTERABLE``) and derives every total from the format's sum rules (``checks.derivation_plan``, the
rules the checks apply). ``tables(ids, year, era=…)`` does both and returns ``Tables``: ``report(id)`` is
an agency's ``ReportData``, ``problems(id)`` its checks by the evaluator ``check_tables`` uses
(``checks.evaluate``). ``compute`` is ``tables`` for one agency with its entered figures.

Every caller takes this road: the report page and the API (``assemble.live_data``, ``api``), ``gongkai
report`` for one agency or ``--all``, the roll-up and the superior office's overview (``rollup``).
Nothing here reads the clock or stored results: a past year gives the same numbers. Generated tables
print 0 where the ledger has nothing (the form expects figures); blank (None) only where no ledger fills
the cell and nothing was entered. A selector that leaves out an agency asked for, or an outcome the format
has no row for, is an error (``KeyError``), never a silent 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from operator import add

from gongkai.appeals.selectors import Table4Row, table4_by_agency
from gongkai.applications.selectors import FeeRow, Table3Row, fees_by_agency, table3_by_agency
from gongkai.catalog.selectors import Table2Row, channel_counts, table2_by_agency
from gongkai.formats import STATS_VALUE, TABLE3_APPLICANT_COLUMNS, TABLE4_ROW, get_format, table3_leaf_keys
from gongkai.formats.declarations import APPEAL_PENDING, LITIGATION_KINDS, OUTCOME_KEYS, TABLE4_PART_KEYS
from gongkai.reports.checks import Picker, Problem, TablePlan, Vector, derivation_plan, evaluate, picker, table_plan
from gongkai.reports.data import Cell, CellKey, Number, ReportData
from gongkai.worklog.selectors import WorkRow, work_by_agency

# A figure as posted by the report page or stored in ``AnnualReport.entered``: {table: {row: {column: value}}}.
EnteredValue = str | int | float | Decimal | None
Entered = Mapping[str, Mapping[str, Mapping[str, EnteredValue]]]

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

# The ``Table2Row`` field behind each Table 2 cell (row, column), by era.
TABLE2_SOURCE: dict[str, dict[CellKey, str]] = {
    "2021": {
        ("regulations", "issued"): "regulation_issued", ("regulations", "repealed"): "regulation_repealed",
        ("regulations", "in_force"): "regulation_in_force", ("normative_docs", "issued"): "normative_issued",
        ("normative_docs", "repealed"): "normative_repealed", ("normative_docs", "in_force"): "normative_in_force",
        ("licensing", "decisions"): "licensing", ("penalty", "decisions"): "penalty",
        ("enforcement", "decisions"): "coercion", ("admin_fees", "amount"): "fees",
    },
    "2019": {
        ("regulations", "made"): "regulation_issued", ("regulations", "published"): "regulation_issued",
        ("regulations", "total_published"): "regulation_in_force",
        ("normative_docs", "made"): "normative_issued", ("normative_docs", "published"): "normative_issued",
        ("normative_docs", "total_published"): "normative_in_force",
        ("licensing", "decisions"): "licensing", ("penalty", "decisions"): "penalty",
        ("enforcement", "decisions"): "coercion",
    },
}
# The 2019 form has one （六）其他处理 row for the 2021 form's three.
TABLE3_ROW_OF_OUTCOME: dict[str, dict[str, str]] = {
    "2019": {"other.no_correction": "other", "other.fee_unpaid": "other", "other.other": "other"},
}
_FLOWS = ("new_received", "carried_over", "carry_forward")  # Table3Row fields = Table 3 rows 一, 二, 四

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
# The one pre-2019 total no rule states (工作人员 = 专职 + 兼职): derived like the rules' totals.
STATS_EXTRA_TOTALS: dict[CellKey, tuple[CellKey, ...]] = {
    ("org.staff", STATS_VALUE): (("org.staff.full_time", STATS_VALUE), ("org.staff.part_time", STATS_VALUE)),
}
TABLES: dict[str, tuple[str, ...]] = {"2021": ("table2", "table3", "table4"), "2019": ("table2", "table3", "table4"),
                                      "pre2019": ("stats",)}


def enterable(era: str, table: str, row: str, col: str) -> bool:
    return col in ENTERABLE.get(era, {}).get(table, {}).get(row, ())


# ---------------------------------------------------------------- the ledgers' rows

@dataclass(frozen=True)
class LedgerRows:
    """One agency's rows of every ledger its report reads, for one year. Fees, work figures and channel
    counts are read only for the pre-2019 统计表 (None otherwise), the only table that shows them."""

    table2: Table2Row
    table3: Table3Row
    table4: Table4Row
    fees: FeeRow | None = None
    work: WorkRow | None = None
    channels: dict[str, int] | None = None


def read_ledgers(agency_ids: Iterable[int], year: int, *, era: str) -> dict[int, LedgerRows]:
    """Every ledger's grouped selector, once for all of ``agency_ids``: ``{agency id: LedgerRows}``."""
    ids = sorted(set(agency_ids))
    t2, t3, t4 = table2_by_agency(ids, year), table3_by_agency(ids, year), table4_by_agency(ids, year)
    if era != "pre2019":
        return {aid: LedgerRows(t2[aid], t3[aid], t4[aid]) for aid in ids}
    fees, work = fees_by_agency(ids, year), work_by_agency(ids, year)
    # The channel tallies have no grouped selector; the pre-2019 form is for report years up to 2018 only.
    return {aid: LedgerRows(t2[aid], t3[aid], t4[aid], fees[aid], work[aid], channel_counts([aid], year))
            for aid in ids}


# ---------------------------------------------------------------- rows into cells

@dataclass(frozen=True)
class Layout:
    """Where one era's ledger rows go: positions in each table's list (``checks.table_plan(era, t).keys``).

    A Table 3 row's applicant-type cells are consecutive, so a row is placed by its first position.
    ``plans`` are the tables' check plans without the equations ``fill`` makes true by deriving their
    total from exactly their parts (checking those would recompute the same sum): the rest (R1, R3 on
    the 总计 row, the non-negative rules, the pre-2019 sums of the ledgers' own totals) are checked.
    """

    era: str
    keys: dict[str, tuple[CellKey, ...]]
    index: dict[str, dict[CellKey, int]]
    t2: tuple[tuple[int, str], ...]  # (position, Table2Row field)
    t3_flows: tuple[tuple[str, int], ...]  # (Table3Row field, first position of its row)
    t3_outcomes: dict[str, int]  # outcome → first position of its row
    t3_merged: frozenset[str]  # outcomes sharing a row with another (2019 （六）其他处理): added, not placed
    t4: tuple[tuple[str, int], ...]  # (Table4Row part key, position)
    # Derived totals per table: (target position, its parts' picker), parts before their totals.
    totals: dict[str, tuple[tuple[int, Picker], ...]]
    plans: dict[str, TablePlan]


@cache
def layout(era: str) -> Layout:
    if era not in TABLES:
        raise ValueError(f"不能生成“{era}”格式的年报")
    keys = {t: table_plan(era, t).keys for t in TABLES[era]}
    index = {t: {k: i for i, k in enumerate(ks)} for t, ks in keys.items()}
    t2: tuple[tuple[int, str], ...] = ()
    t3_flows: tuple[tuple[str, int], ...] = ()
    t3_outcomes: dict[str, int] = {}
    t4: tuple[tuple[str, int], ...] = ()
    rename = TABLE3_ROW_OF_OUTCOME.get(era, {})
    if "table3" in keys:
        at3 = index["table3"]

        def first(row: str) -> int:
            places = [at3[(row, c)] for c in TABLE3_APPLICANT_COLUMNS]
            assert places == list(range(places[0], places[0] + len(places))), row  # consecutive cells
            return places[0]

        t2 = tuple((index["table2"][cell], src) for cell, src in TABLE2_SOURCE[era].items())
        t3_flows = tuple((row, first(row)) for row in _FLOWS)
        t3_outcomes = {o: first(rename.get(o, o)) for o in OUTCOME_KEYS}
        t4 = tuple((k, index["table4"][(TABLE4_ROW, k)]) for k in TABLE4_PART_KEYS)
    plan = [(d.table, d.target, d.parts) for d in derivation_plan(era) if d.table in keys]
    plan += [("stats", target, parts) for target, parts in STATS_EXTRA_TOTALS.items() if "stats" in keys]
    filled = {("stats", (row, STATS_VALUE)) for row in _STATS_FILLED} if "stats" in keys else set()
    totals: dict[str, list[tuple[int, tuple[int, ...]]]] = {t: [] for t in keys}
    for table, target, parts in plan:
        if (table, target) not in filled:  # a total the ledger gives itself (收到申请数) is not derived
            at = index[table]
            totals[table].append((at[target], tuple(at[p] for p in parts)))
    plans = {t: table_plan(era, t).without(frozenset(totals[t])) for t in keys}
    merged = frozenset(o for o in OUTCOME_KEYS if list(rename.values()).count(rename.get(o, o)) > 1)
    return Layout(era, keys, index, t2, t3_flows, t3_outcomes, merged, t4,
                  {t: tuple((target, picker(parts)) for target, parts in v) for t, v in totals.items()}, plans)


def _entered(era: str, entered: Entered | None) -> list[tuple[str, CellKey, Number, str]]:
    """The entered figures as (table, cell, number, text as entered); ValueError naming a cell that the
    format does not let staff enter."""
    out: list[tuple[str, CellKey, Number, str]] = []
    fmt = get_format(era)
    for table, rows in (entered or {}).items():
        for row, cols in (rows or {}).items():
            for col, value in (cols or {}).items():
                if not enterable(era, table, row, col):
                    raise ValueError(f"“{_cell_label(era, table, row, col)}”由台账计算，不能录入")
                if value is None or value == "":
                    continue
                number: Number = (Decimal(str(value)) if fmt.table(table).cell_kind(row, col) == "decimal"
                                  else int(value))
                out.append((table, (row, col), number, str(value)))
    return out


def _cell_label(era: str, table: str, row: str, col: str) -> str:
    try:
        t = get_format(era).table(table)
        r = t.row(row)
        c = t.block_of(row).column(col)
    except KeyError:
        return f"{table}/{row}/{col}"
    return f"{r.label} / {c.label}" if r.label else c.label


def fill(lay: Layout, rows: LedgerRows, entered: Iterable[tuple[str, CellKey, Number, str]] = ()
         ) -> dict[str, Vector]:
    """One agency's tables as lists of numbers: the ledgers' counts, then the entered figures, then the
    totals derived by the format's sum rules (blank only when every part is blank, spec §0.2)."""
    if lay.era == "pre2019":
        stats: Vector = [None] * len(lay.keys["stats"])
        at = lay.index["stats"]
        for row, value in _stats_values(rows).items():
            stats[at[(row, STATS_VALUE)]] = value
        values = {"stats": stats}
    else:
        t2: Vector = [None] * len(lay.keys["table2"])  # cells no ledger fills stay blank
        for i, name in lay.t2:
            t2[i] = getattr(rows.table2, name)
        t3: Vector = [0] * len(lay.keys["table3"])
        width = len(TABLE3_APPLICANT_COLUMNS)
        for name, i in lay.t3_flows:
            t3[i:i + width] = getattr(rows.table3, name)
        for outcome, by_type in rows.table3.closed.items():
            i = lay.t3_outcomes[outcome]
            if outcome in lay.t3_merged:
                t3[i:i + width] = map(add, t3[i:i + width], by_type)  # type: ignore[arg-type]
            else:
                t3[i:i + width] = by_type
        t4: Vector = [0] * len(lay.keys["table4"])
        cases = rows.table4.cases
        for key, i in lay.t4:
            t4[i] = cases[key]
        values = {"table2": t2, "table3": t3, "table4": t4}
    for table, cell, number, _text in entered:
        values[table][lay.index[table][cell]] = number
    for table, derived in lay.totals.items():
        v = values[table]
        if None not in v:  # counts only (Tables 3 and 4 always): plain sums
            for target, parts in derived:
                v[target] = sum(parts(v))  # type: ignore[arg-type]
            continue
        for target, parts in derived:
            found = [x for x in parts(v) if x is not None]
            v[target] = sum(found) if found else None
    return values


# Pre-2019 rows the ledgers fill (the rest are entered or derived).
_STATS_FILLED = (*STATS_FROM_WORK, *STATS_FROM_CHANNELS, *STATS_FROM_OUTCOMES, "proactive.normative_docs",
                 "proactive.normative_docs_issued", "app.received", "app.concluded", "review.upheld",
                 "review.corrected", "review.other", "litigation.upheld", "litigation.corrected", "litigation.other",
                 "fees")


def _stats_values(rows: LedgerRows) -> dict[str, Number | None]:
    """The pre-2019 统计表 rows the ledgers give (spec §5); the old categories are coarser than 2019's."""
    if rows.fees is None or rows.work is None or rows.channels is None:
        raise ValueError("2008年格式的统计表需要收费、工作量和发布渠道台账")  # read_ledgers(era="pre2019") reads them
    work, chan, t3, cases = rows.work.figures, rows.channels, rows.table3, rows.table4.cases

    def closed(*outcomes: str) -> int:
        return sum(sum(t3.closed[o]) for o in outcomes if o in t3.closed)

    values: dict[str, Number | None] = {stat: work.get(key, 0) for stat, key in STATS_FROM_WORK.items()}
    values.update({stat: chan.get(key, 0) for stat, key in STATS_FROM_CHANNELS.items()})
    values["proactive.normative_docs"] = values["proactive.normative_docs_issued"] = rows.table2.normative_issued
    values["app.received"] = sum(t3.new_received)
    values.update({stat: closed(*outcomes) for stat, outcomes in STATS_FROM_OUTCOMES.items()})
    values["app.concluded"] = closed(*table3_leaf_keys(era="2021"))
    values["review.upheld"], values["review.corrected"] = cases["review.upheld"], cases["review.corrected"]
    values["review.other"] = cases["review.other"] + cases[f"review.{APPEAL_PENDING}"]
    for outcome in ("upheld", "corrected"):
        values[f"litigation.{outcome}"] = sum(cases[f"{g}.{outcome}"] for g in LITIGATION_KINDS)
    values["litigation.other"] = sum(cases[f"{g}.{o}"] for g in LITIGATION_KINDS for o in ("other", APPEAL_PENDING))
    values["fees"] = (Decimal(rows.fees.collected) / Decimal(10000)).quantize(Decimal("0.0001"))  # 元 → 万元
    return values


# ---------------------------------------------------------------- the entry points

@dataclass
class Tables:
    """The tables of many agencies for one year, as lists of numbers (positions: ``layout(era)``)."""

    year: int
    era: str
    layout: Layout
    values: dict[int, dict[str, Vector]]
    entered: dict[int, list[tuple[str, CellKey, Number, str]]] = field(default_factory=dict)

    def report(self, agency_id: int, *, agency_name: str = "", title: str = "") -> ReportData:
        """The agency's tables as ``ReportData`` (entered figures keep the text as entered)."""
        keys = self.layout.keys
        data = ReportData(agency_name=agency_name, year=self.year, era=self.era, title=title, source="ledgers",
                          tables={t: dict(zip(keys[t], map(Cell, vec), strict=True))
                                  for t, vec in self.values[agency_id].items()},
                          sections=list(get_format(self.era).required_sections))
        applied = self.entered.get(agency_id, [])
        for table, cell, number, text in applied:
            data.tables[table][cell] = Cell(number, raw=text)
        if applied:
            data.notes.append("录入：" + "，".join(f"{t}|{r}|{c}" for t, (r, c), _n, _x in applied))
        return data

    def problems(self, agency_id: int) -> list[Problem]:
        """``check_tables(self.report(agency_id))`` (no previous year), evaluated on the numbers with the
        equations that hold by derivation left out (``Layout.plans``)."""
        out: list[Problem] = []
        plans = self.layout.plans
        for table, vec in self.values[agency_id].items():
            out.extend(evaluate(plans[table], vec))
        return out

    def all_problems(self) -> dict[int, list[Problem]]:
        """Every agency's problems (agencies without any are left out)."""
        out: dict[int, list[Problem]] = {}
        for aid in self.values:
            found = self.problems(aid)
            if found:
                out[aid] = found
        return out


def tables(agency_ids: Iterable[int], year: int, *, era: str = "2021",
           entered: Mapping[int, Entered] | None = None) -> Tables:
    """The tables of ``year`` in ``era``'s format for every agency in ``agency_ids``, from the ledgers."""
    lay = layout(era)
    applied = {aid: _entered(era, figures) for aid, figures in (entered or {}).items()}
    rows = read_ledgers(agency_ids, year, era=era)
    values = {aid: fill(lay, r, applied.get(aid, ())) for aid, r in rows.items()}
    return Tables(year=year, era=era, layout=lay, values=values, entered=applied)


def compute(agency_id: int, year: int, *, era: str = "2021", entered: Entered | None = None,
            agency_name: str = "", title: str = "") -> ReportData:
    """One agency's tables of ``year`` in ``era``'s format: ``tables`` for one, with its entered figures."""
    found = tables([agency_id], year, era=era, entered={agency_id: entered or {}})
    return found.report(agency_id, agency_name=agency_name, title=title)
