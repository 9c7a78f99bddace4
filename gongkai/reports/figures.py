"""The one road from the ledgers to an annual report's tables, for one agency or many (ADR 0004).

``read_ledgers`` calls each ledger's grouped selector once for all agencies asked for: typed rows per agency
(``catalog.Table2Row``, ``applications.Table3Row`` and ``appeals.Table4Row`` — held as flat lists (``FlatRows``,
``Table3Rows``) — and ``FeeRow``, ``worklog.WorkRow``). ``fill`` lays every agency's rows into the format's cells a
column at a time: per table, one column per cell (``checks.table_plan`` order) holding that cell of each agency in turn;
it applies the few figures staff may enter (``ENTERABLE``) and derives every total from the format's sum rules
(``checks.derivation_plan``, as the checks apply them), a whole column at once. ``tables`` does both and returns
``Tables``: ``values(id)`` an agency's lists of numbers, ``report(id)`` its ``ReportData``, ``problems(id)`` its checks
— the screen ``checks.unsettled`` over the columns passes most agencies at once and the evaluator ``check_tables`` uses
(``checks.evaluate``) runs on the others. ``compute``: ``tables`` of one agency with its entered figures.

Every caller takes this road: the report page and the API (``assemble.live_data``, ``api``), ``gongkai
report`` for one agency or ``--all``, the roll-up and the superior office's overview (``rollup``).
Nothing here reads the clock or stored results: a past year gives the same numbers. Generated tables
print 0 where the ledger has nothing (the form expects figures); blank (None) only where no ledger fills
the cell and nothing was entered. A selector that leaves out an agency asked for, or an outcome the format
has no row for, is an error (``KeyError``), never a silent 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, cached_property
from operator import add

from gongkai.appeals.selectors import Table4Row, table4_by_agency
from gongkai.applications.selectors import FLOWS, FeeRow, Table3Row, Table3Rows, fees_by_agency, table3_by_agency
from gongkai.catalog.selectors import FlatRows, Table2Row, channel_counts, table2_by_agency
from gongkai.formats import STATS_VALUE, TABLE3_APPLICANT_COLUMNS, TABLE4_ROW, get_format, table3_leaf_keys
from gongkai.formats.declarations import APPEAL_PENDING, LITIGATION_KINDS, OUTCOME_KEYS, TABLE4_PART_KEYS
from gongkai.reports.checks import (
    Column,
    Problem,
    TablePlan,
    Vector,
    derivation_plan,
    evaluate,
    table_plan,
    unsettled,
)
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
    "app.answered.granted": ("granted",), "app.answered.partial": ("partial",),
    "app.answered.denied.state_secret": ("denied.state_secret",),
    "app.answered.denied.security_stability": ("denied.three_safety_one_stability",),
    "app.answered.denied.other_law": ("denied.law_forbidden", "denied.internal_affairs", "denied.process_info",
                                      "denied.enforcement_file", "denied.admin_query", "denied.third_party"),
    "app.answered.not_this_organ": (), "app.answered.not_exist": ("unable.not_held",),
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
class Ledgers:
    """Every ledger's rows for a set of agencies and one year, ``{agency id: row}`` per ledger. Fees,
    work figures and channel counts are read only for the pre-2019 统计表 (empty otherwise), the only
    table that shows them. An agency missing from a ledger it needs is a ``KeyError`` in ``fill``."""

    table2: FlatRows[Table2Row]
    table3: Table3Rows
    table4: FlatRows[Table4Row]
    fees: Mapping[int, FeeRow] = field(default_factory=dict)
    work: Mapping[int, WorkRow] = field(default_factory=dict)
    channels: Mapping[int, dict[str, int]] = field(default_factory=dict)


def read_ledgers(agency_ids: Iterable[int], year: int, *, era: str) -> Ledgers:
    """Every ledger's grouped selector, once for all of ``agency_ids``."""
    ids = sorted(set(agency_ids))
    found = Ledgers(table2_by_agency(ids, year), table3_by_agency(ids, year), table4_by_agency(ids, year))
    if era != "pre2019":
        return found
    # The channel tallies have no grouped selector; the pre-2019 form is for report years up to 2018 only.
    return replace(found, fees=fees_by_agency(ids, year), work=work_by_agency(ids, year),
                   channels={aid: channel_counts([aid], year) for aid in ids})


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
    t4: tuple[tuple[int, str], ...]  # (position, Table4Row part key)
    # Derived totals per table: (target position, its parts' positions), parts before their totals.
    totals: dict[str, tuple[tuple[int, tuple[int, ...]], ...]]
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
    t4: tuple[tuple[int, str], ...] = ()
    rename = TABLE3_ROW_OF_OUTCOME.get(era, {})
    if "table3" in keys:
        at3 = index["table3"]

        def first(row: str) -> int:
            places = [at3[(row, c)] for c in TABLE3_APPLICANT_COLUMNS]
            assert places == list(range(places[0], places[0] + len(places))), row  # consecutive cells
            return places[0]

        t2 = tuple((index["table2"][cell], src) for cell, src in TABLE2_SOURCE[era].items())
        t3_flows = tuple((row, first(row)) for row in FLOWS)
        t3_outcomes = {o: first(rename.get(o, o)) for o in OUTCOME_KEYS}
        t4 = tuple((index["table4"][(TABLE4_ROW, k)], k) for k in TABLE4_PART_KEYS)
    plan = [(d.table, d.target, d.parts) for d in derivation_plan(era) if d.table in keys]
    plan += [("stats", target, parts) for target, parts in STATS_EXTRA_TOTALS.items() if "stats" in keys]
    filled = {("stats", (row, STATS_VALUE)) for row in _STATS_FILLED} if "stats" in keys else set()
    totals: dict[str, list[tuple[int, tuple[int, ...]]]] = {t: [] for t in keys}
    for table, target, parts in plan:
        if (table, target) not in filled:  # a total the ledger gives itself (收到申请数) is not derived
            at = index[table]
            totals[table].append((at[target], tuple(at[p] for p in parts)))
    plans = {t: table_plan(era, t).without(frozenset(totals[t])) for t in keys}
    return Layout(era, keys, index, t2, t3_flows, t3_outcomes, t4,
                  {t: tuple(v) for t, v in totals.items()}, plans)


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
        r, c = t.row(row), t.block_of(row).column(col)
    except KeyError:
        return f"{table}/{row}/{col}"
    return f"{r.label} / {c.label}" if r.label else c.label


_Cells = list[Number | None]  # a column while it is being filled


def fill(lay: Layout, ledgers: Ledgers, ids: Sequence[int],
         entered: Mapping[int, Iterable[tuple[str, CellKey, Number, str]]] | None = None
         ) -> dict[str, list[Column]]:
    """The agencies' tables as columns: for each table, one list per cell (``layout(era).keys`` order)
    holding that cell of every agency in ``ids`` in turn. The ledgers' counts first, then the entered
    figures, then the totals derived by the format's sum rules, a whole column at a time."""
    n = len(ids)
    if lay.era == "pre2019":
        columns = {"stats": _stats_columns(lay, ledgers, ids)}
    else:
        t2: list[_Cells] = [[None] * n for _ in lay.keys["table2"]]  # cells no ledger fills stay blank
        t4: list[_Cells] = [[0] * n for _ in lay.keys["table4"]]
        for cells, column, where in ((t2, ledgers.table2.column, lay.t2), (t4, ledgers.table4.column, lay.t4)):
            for i, name in where:
                cells[i] = column(name, ids)
        t3rows = ledgers.table3
        t3: list[_Cells] = [[0] * n for _ in lay.keys["table3"]]
        width = len(TABLE3_APPLICANT_COLUMNS)
        # KeyError: an outcome the format has no row for. A row may add up several outcomes (2019 （六）其他处理):
        # each adds to what it holds.
        places = [(i, t3rows.flows[name]) for name, i in lay.t3_flows]
        places += [(lay.t3_outcomes[outcome], counts) for outcome, counts in t3rows.closed.items()]
        for i, counts in places:
            held = zip(t3[i:i + width], t3rows.columns(counts, ids), strict=True)
            t3[i:i + width] = [list(map(add, *pair)) for pair in held]
        columns = {"table2": t2, "table3": t3, "table4": t4}
    for row, aid in enumerate(ids):
        for table, cell, number, _text in (entered or {}).get(aid, ()):
            columns[table][lay.index[table][cell]][row] = number
    for table, derived in lay.totals.items():
        cols = columns[table]
        for target, parts in derived:
            by_agency = zip(*[cols[p] for p in parts], strict=True)
            if table in _COUNTS_ONLY:
                cols[target] = list(map(sum, by_agency))
            else:  # blank only when every part is blank (spec §0.2)
                cols[target] = [sum(found) if (found := [x for x in xs if x is not None]) else None
                                for xs in by_agency]
    # Tuples from here on: a finished column is never changed, and the collector stops tracking tuples
    # of plain numbers, so millions of figures are not traversed by every later garbage collection.
    return {table: [tuple(col) for col in cols] for table, cols in columns.items()}


# Tables whose every cell a ledger fills (with 0 where it has nothing): their totals are plain sums.
_COUNTS_ONLY = frozenset({"table3", "table4"})


def _stats_columns(lay: Layout, ledgers: Ledgers, ids: Sequence[int]) -> list[_Cells]:
    """The pre-2019 统计表 of each agency laid out as its list, then turned into columns."""
    at = lay.index["stats"]
    lists: list[_Cells] = []
    for aid in ids:
        stats: _Cells = [None] * len(lay.keys["stats"])
        found = _stats_values(ledgers.table2[aid], ledgers.table3[aid], ledgers.table4[aid], ledgers.fees[aid],
                              ledgers.work[aid], ledgers.channels[aid])
        for row, value in found.items():
            stats[at[(row, STATS_VALUE)]] = value
        lists.append(stats)
    return [list(col) for col in zip(*lists, strict=True)] if lists else [[] for _ in lay.keys["stats"]]


# Pre-2019 rows the ledgers fill (the rest are entered or derived).
_STATS_FILLED = (*STATS_FROM_WORK, *STATS_FROM_CHANNELS, *STATS_FROM_OUTCOMES, "proactive.normative_docs",
                 "proactive.normative_docs_issued", "app.received", "app.concluded", "review.upheld",
                 "review.corrected", "review.other", "litigation.upheld", "litigation.corrected", "litigation.other",
                 "fees")


def _stats_values(t2: Table2Row, t3: Table3Row, t4: Table4Row, fees: FeeRow, work_row: WorkRow,
                  chan: dict[str, int]) -> dict[str, Number | None]:
    """The pre-2019 统计表 rows the ledgers give (spec §5); the old categories are coarser than 2019's."""
    work, cases = work_row.figures, t4.cases

    def closed(*outcomes: str) -> int:
        return sum(sum(t3.closed[o]) for o in outcomes if o in t3.closed)

    values: dict[str, Number | None] = {stat: work.get(key, 0) for stat, key in STATS_FROM_WORK.items()}
    values.update({stat: chan.get(key, 0) for stat, key in STATS_FROM_CHANNELS.items()})
    values["proactive.normative_docs"] = values["proactive.normative_docs_issued"] = t2.normative_issued
    values["app.received"] = sum(t3.new_received)
    values.update({stat: closed(*outcomes) for stat, outcomes in STATS_FROM_OUTCOMES.items()})
    values["app.concluded"] = closed(*table3_leaf_keys(era="2021"))
    values["review.upheld"], values["review.corrected"] = cases["review.upheld"], cases["review.corrected"]
    values["review.other"] = cases["review.other"] + cases[f"review.{APPEAL_PENDING}"]
    for outcome in ("upheld", "corrected"):
        values[f"litigation.{outcome}"] = sum(cases[f"{g}.{outcome}"] for g in LITIGATION_KINDS)
    values["litigation.other"] = sum(cases[f"{g}.{o}"] for g in LITIGATION_KINDS for o in ("other", APPEAL_PENDING))
    values["fees"] = (Decimal(fees.collected) / Decimal(10000)).quantize(Decimal("0.0001"))  # 元 → 万元
    return values


# ---------------------------------------------------------------- the entry points

@dataclass
class Tables:
    """The tables of many agencies for one year, as columns (``fill``; positions: ``layout(era)``)."""

    year: int
    era: str
    layout: Layout
    ids: Sequence[int]  # the agencies, in the order of each column
    columns: dict[str, list[Column]]
    entered: Mapping[int, list[tuple[str, CellKey, Number, str]]] = field(default_factory=dict)

    @cached_property
    def _row(self) -> dict[int, int]:
        return {aid: row for row, aid in enumerate(self.ids)}

    def values(self, agency_id: int) -> dict[str, Vector]:
        """The agency's tables as lists of numbers (``layout(era).keys`` order)."""
        row = self._row[agency_id]
        return {table: [col[row] for col in cols] for table, cols in self.columns.items()}

    def report(self, agency_id: int, *, agency_name: str = "", title: str = "") -> ReportData:
        """The agency's tables as ``ReportData`` (entered figures keep the text as entered)."""
        keys = self.layout.keys
        data = ReportData(agency_name=agency_name, year=self.year, era=self.era, title=title, source="ledgers",
                          tables={t: dict(zip(keys[t], map(Cell, vec), strict=True))
                                  for t, vec in self.values(agency_id).items()},
                          sections=list(get_format(self.era).required_sections))
        applied = self.entered.get(agency_id, [])
        for table, cell, number, text in applied:
            data.tables[table][cell] = Cell(number, raw=text)
        if applied:
            data.notes.append("录入：" + "，".join(f"{t}|{r}|{c}" for t, (r, c), _n, _x in applied))
        return data

    @cached_property
    def _unsettled(self) -> frozenset[int]:
        """The agencies (rows) whose tables the checks' screen cannot pass at once (``checks.unsettled``)."""
        plans = self.layout.plans
        return frozenset().union(*(unsettled(plans[t], cols) for t, cols in self.columns.items()))

    def problems(self, agency_id: int) -> list[Problem]:
        """``check_tables(self.report(agency_id))`` (no previous year): ``checks.evaluate`` on the numbers,
        with the equations that hold by derivation left out (``Layout.plans``), for an agency the screen
        did not pass; one it passed has none."""
        if self._row[agency_id] not in self._unsettled:
            return []
        return [p for table, vec in self.values(agency_id).items() for p in evaluate(self.layout.plans[table], vec)]

    def all_problems(self) -> dict[int, list[Problem]]:
        """Every agency's problems (agencies without any are left out)."""
        found = ((aid, self.problems(aid)) for aid in (self.ids[row] for row in sorted(self._unsettled)))
        return {aid: problems for aid, problems in found if problems}


def tables(agency_ids: Iterable[int], year: int, *, era: str = "2021",
           entered: Mapping[int, Entered] | None = None) -> Tables:
    """The tables of ``year`` in ``era``'s format for every agency in ``agency_ids``, from the ledgers."""
    lay = layout(era)
    applied = {aid: _entered(era, figures) for aid, figures in (entered or {}).items()}
    ids = sorted(set(agency_ids))
    columns = fill(lay, read_ledgers(ids, year, era=era), ids, applied)
    return Tables(year=year, era=era, layout=lay, ids=ids, columns=columns, entered=applied)


def compute(agency_id: int, year: int, *, era: str = "2021", entered: Entered | None = None,
            agency_name: str = "", title: str = "") -> ReportData:
    """One agency's tables of ``year`` in ``era``'s format: ``tables`` for one, with its entered figures."""
    found = tables([agency_id], year, era=era, entered={agency_id: entered or {}})
    return found.report(agency_id, agency_name=agency_name, title=title)
