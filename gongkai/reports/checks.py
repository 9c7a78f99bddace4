"""Pure consistency checks (勾稽关系) over ``ReportData`` and its declared format.

Reads the rules from ``gongkai.formats`` (R1–R5 of spec §3.3, the Table 4 sums, the pre-2019
derived sums, the Table 2 cross-year balance) and adds section completeness (Art. 50; Art. 32 of the
2008 regulation for pre-2019 reports) and prose parts-versus-total checks. Each table's sum and
non-negative rules are laid out once per format (``table_plan``: index lists over the table's cells in
reading order) and evaluated over a flat list of numbers by one evaluator (``evaluate``): ``check_tables``
lays a report's cells into that list, the report engine (``figures``) hands over the lists of the agencies
that the screen ``unsettled`` (the same rules over many lists at once, a column at a time) cannot pass.
The totals a generated report derives are read off the same rules (``derivation_plan``).

Blank cells count as 0 only inside sums; a cell holding a note instead of a number makes its equation
uncheckable (reported as a warning, never treated as 0). On an imported report a blank 总计 cell is "not
stated" (real reports leave it blank when the row is zero): an equation it makes unequal is a warning
saying so, not an R1/R2 error; generated reports (``ReportData.generated``) keep the strict rule. Every
problem names the rule, table, row and column, with a zh message such as ``自然人: 一+二=5, 三+四=4``.
No database, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache, cached_property
from itertools import compress, count
from operator import ne
from typing import Any

from gongkai.formats import FORMATS, Block, Format, Rule, Table, section_format
from gongkai.reports.data import Cell, CellKey, Number, ReportData


@dataclass(frozen=True)
class Problem:
    rule: str
    table: str | None
    row: str | None
    column: str | None
    message: str
    severity: str = "error"  # "error" | "warning"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Problem:
        return cls(**d)


def _fmt(n: Number) -> str:
    return format(n.normalize(), "f") if isinstance(n, Decimal) else str(n)


def _sum(cells: dict[tuple[str, str], Cell], keys: Iterable[tuple[str, str]]) -> tuple[Number, bool]:
    """Sum with blanks as 0; the flag is False when a cell holds a note or an unsure figure."""
    found = [c for c in map(cells.get, keys) if c is not None]
    total: Number = sum((c.as_number() for c in found), start=0)
    return total, not any(c.unsure or (c.value is None and c.note) for c in found)


def _block_for(table: Table, rule: Rule) -> Block:
    if rule.axis == "rows":
        return table.block_of(rule.left[0])
    for b in table.blocks:
        if set(rule.left) <= {c.key for c in b.columns}:
            return b
    raise KeyError(rule.left)


@dataclass(frozen=True)
class Derivation:
    """One derived cell of a generated report: ``target`` = sum of ``parts`` (cells of ``table``)."""

    table: str
    target: tuple[str, str]
    parts: tuple[tuple[str, str], ...]


# Tables whose totals a generated report derives from the other cells (Table 2 has no sum rule).
DERIVED_TABLES = ("table3", "table4", "stats")


@cache
def derivation_plan(era: str) -> tuple[Derivation, ...]:
    """The totals of ``era``'s generated tables, read off the same sum rules the checks use.

    Every sum rule with one cell on its left (R2, R3, the Table 4 group totals) derives that cell from its
    right side, in each column (rows axis) or row (columns axis) the rule covers. A cell that two rules
    derive (Table 3 （七）总计 × 总计) is taken from the first; both give the same number. The plan is
    ordered so that a derived cell comes after every derived cell it adds up.
    """
    fmt = FORMATS[era]
    found: dict[tuple[str, tuple[str, str]], tuple[tuple[str, str], ...]] = {}
    for rule in fmt.rules:
        if rule.kind != "sum" or len(rule.left) != 1 or rule.table not in DERIVED_TABLES:
            continue
        table = fmt.table(rule.table)
        block = _block_for(table, rule)
        if rule.axis == "rows":
            for col in block.columns:
                if not rule.over or col.key in rule.over:
                    found.setdefault((table.key, (rule.left[0], col.key)), tuple((r, col.key) for r in rule.right))
        else:
            for row in block.rows:
                if (not rule.over or row.key in rule.over) and not row.heading:
                    found.setdefault((table.key, (row.key, rule.left[0])), tuple((row.key, c) for c in rule.right))
    ordered: list[Derivation] = []
    placed: set[tuple[str, tuple[str, str]]] = set()

    def place(key: tuple[str, tuple[str, str]]) -> None:
        if key in placed:
            return
        placed.add(key)
        for part in found[key]:
            if (key[0], part) in found:
                place((key[0], part))
        ordered.append(Derivation(key[0], key[1], found[key]))

    for key in found:
        place(key)
    return tuple(ordered)


def _check_carry_over(rule: Rule, table: Table, data: ReportData, previous: ReportData | None) -> list[Problem]:
    if previous is None or table.key not in previous.tables or table.key not in data.tables:
        return []
    cells, prev = data.tables.get(table.key, {}), previous.tables.get(table.key, {})
    block = table.block_of(rule.left[0])
    out: list[Problem] = []
    for col in block.columns:
        lv, lok = _sum(cells, [(r, col.key) for r in rule.left])
        rv, rok = _sum(prev, [(r, col.key) for r in rule.right])
        if lok and rok and lv != rv:
            out.append(Problem(rule.id, table.key, rule.left[0], col.key,
                               f"{col.label}: {rule.left_label}={_fmt(lv)}, {rule.right_label}={_fmt(rv)}",
                               rule.severity))
    return out


def _check_balance(rule: Rule, table: Table, data: ReportData, previous: ReportData | None) -> list[Problem]:
    if previous is None or table.key not in previous.tables or previous.layout(table.key) != data.layout(table.key):
        return []
    cells, prev = data.tables.get(table.key, {}), previous.tables.get(table.key, {})
    out: list[Problem] = []
    (stock,), (added, removed) = rule.left, rule.right
    for row_key in rule.over:
        now, prior = cells.get((row_key, stock)), prev.get((row_key, stock))
        if now is None or prior is None or now.value is None or prior.value is None:
            continue
        add, ok1 = _sum(cells, [(row_key, added)])
        rem, ok2 = _sum(cells, [(row_key, removed)])
        if not (ok1 and ok2):
            continue
        expected = prior.value + add - rem
        if now.value != expected:
            out.append(Problem(rule.id, table.key, row_key, stock,
                               f"{table.row(row_key).label}: {rule.left_label}={_fmt(now.value)}, "
                               f"{rule.right_label}={_fmt(expected)}", rule.severity))
    return out


def check_tables(data: ReportData, *, previous: ReportData | None = None,
                 fmt: Format | None = None) -> list[Problem]:
    """Every declared rule over the tables present (R5 and the Table 2 balance need ``previous``).

    Each table is checked with the rules of the format it is drawn in (``data.layout(table)``), so a
    2021 report that kept the 2019 Table 2 gets the 2019 Table 2 rules. The rules that compare with last
    year's report come after the others of their table in every format, and are checked after them.
    """
    out: list[Problem] = []
    known = ("table2", "table3", "table4", "stats")
    for table_key in sorted(data.tables, key=lambda k: known.index(k) if k in known else len(known)):
        tfmt = fmt or FORMATS.get(data.layout(table_key))
        if tfmt is None or not tfmt.has_table(table_key):
            continue
        plan = table_plan(tfmt.era, table_key)
        cells = data.tables[table_key]
        found = list(enumerate(map(cells.get, plan.keys)))
        noted = frozenset(i for i, c in found if c is not None and c.value is None and c.note)
        unsure = frozenset(i for i, c in found if c is not None and c.unsure)
        absent = frozenset(i for i, c in found if c is None)
        out.extend(evaluate(plan, [None if c is None else c.value for _i, c in found], noted=noted, unsure=unsure,
                            absent=absent, strict=data.generated))
        table = tfmt.table(table_key)
        for rule in tfmt.rules:
            if rule.table != table_key:
                continue
            if rule.kind == "carry_over":
                out.extend(_check_carry_over(rule, table, data, previous))
            elif rule.kind == "balance":
                out.extend(_check_balance(rule, table, data, previous))
    return out


def check_sections(data: ReportData, *, fmt: Format | None = None) -> list[Problem]:
    """All required sections present (Art. 50; for pre-2019 reports Art. 32 of 2008, as a warning)."""
    fmt = fmt or section_format(data.era, data.year)
    pre = fmt.era in ("pre2019", "local2008")  # both are reports under the 2008 regulation (Art. 32)
    basis, severity = ("《条例》（2008）第三十二条", "warning") if pre else ("《条例》第五十条", "error")
    return [Problem("S1", None, key, None, f"缺少“{fmt.section(key).heading}”部分（{basis}）", severity)
            for key in fmt.required_sections if key not in set(data.sections)]


def check_prose(data: ReportData) -> list[Problem]:
    """Parts stated in prose add up to the stated total (categories of proactive items; hotline)."""
    out: list[Problem] = []
    total = data.figure("proactive.total")
    parts = data.figures_of("proactive.category")
    if total is not None and total.value is not None and parts and not total.unsure:
        if not any(p.approx or p.unsure or p.value is None for p in parts) and not total.approx:
            s = sum((p.value for p in parts if p.value is not None), start=0)
            if s != total.value:
                names = "、".join(f"{p.label}{_fmt(p.value)}" for p in parts if p.value is not None)
                out.append(Problem("F1", None, "proactive.category", None,
                                   f"主动公开信息: 总数={_fmt(total.value)}, 各类之和={_fmt(s)}（{names}）", "warning"))
    received, done = data.figure("hotline.received"), data.figure("hotline.completed")
    if received and done and received.value is not None and done.value is not None and done.value > received.value:
        out.append(Problem("F2", None, "hotline.completed", None,
                           f"热线: 办结={_fmt(done.value)}, 受理={_fmt(received.value)}（办结多于受理）", "warning"))
    return out


# A figure a published report states both in its text and in its tables (issue 12: "prose and table disagreeing
# are both kept and flagged"): each prose key with, per form, the cells that hold the same figure — and other
# readings the text may mean (受理…749件 may count the carried-over applications too: 表三 一+二).
_Cells = tuple[tuple[str, str, str], ...]
_PROSE_IN_TABLES: tuple[tuple[str, str, tuple[tuple[str, tuple[_Cells, ...]], ...]], ...] = (
    ("applications.received", "收到申请", (
        ("表三", ((("table3", "new_received", "total"),),
                 (("table3", "new_received", "total"), ("table3", "carried_over", "total")))),
        ("统计表", ((("local", "app.received", "year"),),)),
        ("统计表", ((("stats", "app.received", "value"),),)))),
    ("review.total", "行政复议", (("表四", ((("table4", "all", "review.total"),),)),
                                  ("统计表", ((("local", "review.total", "year"),),)))),
    ("litigation.total", "行政诉讼", (
        ("表四", ((("table4", "all", "litigation_direct.total"), ("table4", "all", "litigation_after_review.total")),)),
        ("统计表", ((("local", "litigation.total", "year"),),)))),
    ("proactive.total", "主动公开信息", (("统计表", ((("local", "proactive.total", "year"),),)),
                                       ("统计表", ((("stats", "proactive.total", "value"),),)))),
)


def check_prose_against_tables(data: ReportData) -> list[Problem]:
    """F3: a figure the text states (one value, read for sure) that the report's own table gives otherwise,
    under every reading the text allows. Both stay as published; the warning names the two. A table cell left
    blank or unsure is not compared."""
    out: list[Problem] = []
    for key, what, places in _PROSE_IN_TABLES:
        figs = [f for f in data.figures_of(key) if f.value is not None]
        if len({f.value for f in figs}) != 1 or any(f.unsure or f.approx for f in figs):
            continue
        said = figs[0].value
        if said is None:
            continue
        for table_name, readings in places:
            sums: list[Number] = []
            for cells in readings:
                got = [data.cell(t, r, c) for t, r, c in cells]
                if any(c is None or c.value is None or c.unsure for c in got):
                    break
                sums.append(sum((c.value for c in got if c is not None and c.value is not None), start=0))
            if sums and said not in sums:
                t, r, c = readings[0][0]
                out.append(Problem("F3", t, r, c, f"{what}: 正文为{_fmt(said)}，{table_name}为{_fmt(sums[0])}"
                                   "（正文与表格不一致，均按原文保留）", "warning"))
    return out


def check_report(data: ReportData, *, previous: ReportData | None = None) -> list[Problem]:
    """Tables, sections and prose: the full list of problems, errors first."""
    problems = (check_tables(data, previous=previous) + check_sections(data) + check_prose(data)
                + check_prose_against_tables(data))
    return sorted(problems, key=lambda p: p.severity != "error")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


# --- one evaluator over flat lists of numbers ---------------------------------------------------------

Vector = list[Number | None]
@dataclass(frozen=True)
class _SumCheck:
    """One equation of a sum rule: the positions of its two sides in the table's list."""

    rule: Rule
    row: str
    column: str
    left: tuple[int, ...]
    right: tuple[int, ...]
    where: str
    columns_axis: bool  # a blank 总计 on the left is not checked (spec §0.2)


@dataclass(frozen=True)
class _CellCheck:
    rule: Rule
    row: str
    column: str
    index: int
    where: str
    kind: str


@dataclass(frozen=True)
class TablePlan:
    """The sum and non-negative rules of one table of one format, laid out over the table's cells.

    ``keys`` are the table's fillable cells in reading order (the positions of its list of numbers);
    ``steps`` the rules in declaration order with their equations or cells; ``totals`` the positions of
    the 总计 cells (the single left cell of a sum rule); ``whole`` the cells that hold whole numbers.
    """

    keys: tuple[CellKey, ...]
    steps: tuple[tuple[Rule, tuple[_SumCheck, ...], tuple[_CellCheck, ...]], ...]
    totals: frozenset[int]
    whole: tuple[int, ...]

    @cached_property
    def sums(self) -> tuple[_SumCheck, ...]:
        """Every equation of the table's sum rules."""
        return tuple(c for _rule, checks, _cells in self.steps for c in checks)

    def without(self, held: frozenset[tuple[int, tuple[int, ...]]]) -> TablePlan:
        """The plan less the equations ``total = sum(parts)`` listed in ``held`` as (total, parts): for a
        caller that has just set each such total to the sum of exactly those parts."""
        steps = tuple((rule, tuple(c for c in checks if len(c.left) != 1 or (c.left[0], c.right) not in held),
                       cells) for rule, checks, cells in self.steps)
        return TablePlan(self.keys, steps, self.totals, self.whole)


@cache
def table_plan(era: str, table_key: str) -> TablePlan:
    """``era``'s rules for ``table_key``, laid out once (a format never changes while the process runs)."""
    fmt = FORMATS[era]
    table = fmt.table(table_key)
    keys = tuple((r.key, c.key) for r, c in table.cells())
    index = {k: i for i, k in enumerate(keys)}
    steps: list[tuple[Rule, tuple[_SumCheck, ...], tuple[_CellCheck, ...]]] = []
    for rule in fmt.rules:
        if rule.table != table_key:
            continue
        if rule.kind == "sum":
            steps.append((rule, _lay_sum(rule, table, index), ()))
        elif rule.kind == "nonnegative":
            steps.append((rule, (), tuple(
                _CellCheck(rule, row.key, col.key, index[(row.key, col.key)],
                           " ".join(x for x in (row.label, col.label) if x), table.cell_kind(row.key, col.key))
                for row, col in table.cells())))
    totals = frozenset(index[d.target] for d in derivation_plan(era) if d.table == table_key and d.target in index)
    whole = tuple(i for (r, c), i in index.items() if table.cell_kind(r, c) in ("int", "signed_int"))
    return TablePlan(keys, tuple(steps), totals, whole)


def _lay_sum(rule: Rule, table: Table, index: dict[CellKey, int]) -> tuple[_SumCheck, ...]:
    out: list[_SumCheck] = []
    block = _block_for(table, rule)

    def at(keys: list[CellKey]) -> tuple[int, ...]:
        return tuple(index[k] for k in keys if k in index)

    if rule.axis == "rows":
        for col in (c for c in block.columns if not rule.over or c.key in rule.over):
            lk, rk = [(r, col.key) for r in rule.left], [(r, col.key) for r in rule.right]
            if any(k in index for k in lk + rk):
                where = f"{col.label}: " if len(block.columns) > 1 else ""
                out.append(_SumCheck(rule, rule.left[0], col.key, at(lk), at(rk), where, False))
    else:
        for row in (r for r in block.rows if (not rule.over or r.key in rule.over) and not r.heading):
            lk, rk = [(row.key, c) for c in rule.left], [(row.key, c) for c in rule.right]
            if any(k in index for k in lk + rk):
                where = f"{row.label}: " if row.label else ""
                out.append(_SumCheck(rule, row.key, rule.left[0], at(lk), at(rk), where, True))
    return tuple(out)


_NONE: frozenset[int] = frozenset()


def evaluate(plan: TablePlan, values: Vector, *, noted: frozenset[int] = _NONE, unsure: frozenset[int] = _NONE,
             absent: frozenset[int] = _NONE, strict: bool = True) -> list[Problem]:
    """The problems of one table given as ``values`` (in ``plan.keys`` order), in rule order.

    ``noted``: positions holding a note instead of a number; ``unsure``: figures read with doubt;
    ``absent``: cells the report does not have at all. ``strict`` (generated reports) counts a blank
    总计 as 0 like any blank; otherwise an equation that fails only with a blank 总计 in it is a warning.
    A list without notes or doubts that the screen passes (``unsettled``) is settled at once.
    """
    if not (noted or unsure or absent) and not unsettled(plan, [(v,) for v in values]):
        return []  # the common case: every rule holds
    get = values.__getitem__
    doubtful = noted | unsure
    out: list[Problem] = []
    for rule, checks, cells in plan.steps:
        out.extend(_nonnegative(cells, values))
        for c in checks:
            # filter(None) drops blanks (and zeros, which add nothing).
            lv: Number = sum(filter(None, map(get, c.left)))  # type: ignore[arg-type]
            rv: Number = sum(filter(None, map(get, c.right)))  # type: ignore[arg-type]
            if absent and all(i in absent for i in (*c.left, *c.right)):
                continue
            if c.columns_axis and all(values[i] is None for i in c.left) and not any(i in noted for i in c.left):
                continue
            if lv == rv:
                continue
            sides, severity = f"{rule.left_label}与{rule.right_label}", "warning"
            if doubtful and any(i in doubtful for i in (*c.left, *c.right)):
                message = f"含非数字或存疑的数据，{sides}未能核对"
            elif not strict and any(values[i] is None and i not in noted and i in plan.totals
                                    for i in (*c.left, *c.right)):
                message = f"总计未填写，按未说明处理（{sides}未核对）"
            else:
                message = f"{rule.left_label}={_fmt(lv)}, {rule.right_label}={_fmt(rv)}"
                severity = rule.severity
            out.append(Problem(rule.id, rule.table, c.row, c.column, c.where + message, severity))
    return out


Column = Sequence[Number | None]  # one position of many lists: ``columns[p][r]`` is list ``r``'s figure at ``p``


def unsettled(plan: TablePlan, columns: Sequence[Column]) -> set[int]:
    """The rows of many lists given as columns that ``evaluate(plan, row)`` might find a problem in; it
    finds none in the others. A screen over every row at once, a column at a time: each equation holds
    with blanks as 0, and each figure is non-negative and, in a whole-number cell, an ``int`` (the
    conditions of ``evaluate``'s one pass). The rows it names are left to ``evaluate``."""
    rows = len(columns[0]) if columns else 0
    out: set[int] = set()

    def side(positions: tuple[int, ...]) -> list[Number]:
        if not positions:
            return [0] * rows
        by_row = zip(*[columns[i] for i in positions], strict=True)
        try:
            return list(map(sum, by_row))  # type: ignore[arg-type]
        except TypeError:  # blanks among them: they count 0
            return [sum(x for x in xs if x is not None) for xs in zip(*[columns[i] for i in positions], strict=True)]  # type: ignore[misc]

    for _rule, sums, _cells in plan.steps:
        for c in sums:
            out.update(compress(count(), map(ne, side(c.left), side(c.right))))
    whole = frozenset(plan.whole)
    for p, col in enumerate(columns):
        try:
            plain = min(col, default=0) >= 0 and (p not in whole or type(sum(col)) is int)  # type: ignore[type-var, arg-type, operator]
        except TypeError:  # blanks among them
            plain = False
        if not plain:
            out.update(r for r, x in enumerate(col)
                       if x is not None and (x < 0 or (p in whole and type(x) is not int)))
    return out


def _nonnegative(checks: tuple[_CellCheck, ...], vals: Vector) -> list[Problem]:
    out: list[Problem] = []
    for c in checks:
        v = vals[c.index]
        if v is None:
            continue
        whole = isinstance(v, int) or (isinstance(v, Decimal) and v == v.to_integral_value())
        if c.kind in ("int", "signed_int") and not whole:
            out.append(Problem(c.rule.id, c.rule.table, c.row, c.column, f"{c.where}: {_fmt(v)} 不是整数",
                               c.rule.severity))
        elif c.kind != "signed_int" and v < 0:
            out.append(Problem(c.rule.id, c.rule.table, c.row, c.column, f"{c.where}: {_fmt(v)} 为负数",
                               c.rule.severity))
    return out
