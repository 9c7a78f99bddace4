"""Pure consistency checks (勾稽关系) over ``ReportData`` and its declared format.

Reads the rules from ``gongkai.formats`` (R1–R5 of spec §3.3, the Table 4 sums, the pre-2019
derived sums, the Table 2 cross-year balance) and adds section completeness (Art. 50; Art. 32 of the
2008 regulation for pre-2019 reports) and prose parts-versus-total checks. Blank cells count as 0 only
inside sums; a cell holding a note instead of a number makes its equation uncheckable (reported as a
warning, never treated as 0). Every problem names the rule, table, row and column, with a zh message
such as ``自然人: 一+二=5, 三+四=4``. No database, no clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache
from typing import Any, cast

from gongkai.formats import FORMATS, Block, Format, Rule, Table, section_format
from gongkai.reports.data import Cell, Number, ReportData


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
    if isinstance(n, Decimal):
        s = format(n.normalize(), "f")
        return s
    return str(n)


def _cells(data: ReportData, table: str) -> dict[tuple[str, str], Cell]:
    return data.tables.get(table, {})


def _sum(cells: dict[tuple[str, str], Cell], keys: Iterable[tuple[str, str]]) -> tuple[Number, bool]:
    """Sum with blanks as 0; the flag is False when a cell holds a note or an unsure figure."""
    total: Number = 0
    ok = True
    for k in keys:
        c = cells.get(k)
        if c is None:
            continue
        if c.value is None and c.note:
            ok = False
        if c.unsure:
            ok = False
        total += c.as_number()
    return total, ok


def _block_for(table: Table, rule: Rule) -> Block:
    if rule.axis == "rows":
        return table.block_of(rule.left[0])
    for b in table.blocks:
        keys = {c.key for c in b.columns}
        if set(rule.left) <= keys:
            return b
    raise KeyError(rule.left)


@dataclass(frozen=True)
class Derivation:
    """One derived cell of a generated report: ``target`` = sum of ``parts`` (cells of ``table``)."""

    table: str
    target: tuple[str, str]
    parts: tuple[tuple[str, str], ...]


# Tables whose totals a generated report derives from the other cells (the pre-2019 统计表 has its own).
DERIVED_TABLES = ("table3", "table4")


@cache
def derivation_plan(era: str) -> tuple[Derivation, ...]:
    """The totals of ``era``'s generated Tables 3 and 4, read off the same sum rules the checks use.

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


def _check_sum(rule: Rule, table: Table, data: ReportData) -> list[Problem]:
    cells = _cells(data, table.key)
    out: list[Problem] = []
    block = _block_for(table, rule)
    if rule.axis == "rows":
        columns = [c for c in block.columns if not rule.over or c.key in rule.over]
        for col in columns:
            lk = [(r, col.key) for r in rule.left]
            rk = [(r, col.key) for r in rule.right]
            if not any(k in cells for k in lk + rk):
                continue
            lv, lok = _sum(cells, lk)
            rv, rok = _sum(cells, rk)
            where = f"{col.label}: " if len(block.columns) > 1 else ""
            if not (lok and rok):
                if lv != rv:
                    out.append(Problem(rule.id, table.key, rule.left[0], col.key,
                                       f"{where}含非数字或存疑的数据，{rule.left_label}与{rule.right_label}未能核对",
                                       "warning"))
                continue
            if lv != rv:
                out.append(Problem(rule.id, table.key, rule.left[0], col.key,
                                   f"{where}{rule.left_label}={_fmt(lv)}, {rule.right_label}={_fmt(rv)}",
                                   rule.severity))
    else:
        rows = [r for r in block.rows if (not rule.over or r.key in rule.over) and not r.heading]
        for row in rows:
            lk = [(row.key, c) for c in rule.left]
            rk = [(row.key, c) for c in rule.right]
            if not any(k in cells for k in lk + rk):
                continue
            lv, lok = _sum(cells, lk)
            rv, rok = _sum(cells, rk)
            # Some reports leave 总计 blank on rows that have values (spec §0.2): blank total is not checked.
            left_blank = all(cells.get(k) is None or cells[k].value is None for k in lk)
            if left_blank and not any(cells.get(k) is not None and cells[k].note for k in lk):
                continue
            prefix = f"{row.label}: " if row.label else ""
            if not (lok and rok):
                if lv != rv:
                    out.append(Problem(rule.id, table.key, row.key, rule.left[0],
                                       f"{prefix}含非数字或存疑的数据，{rule.left_label}与{rule.right_label}未能核对",
                                       "warning"))
                continue
            if lv != rv:
                out.append(Problem(rule.id, table.key, row.key, rule.left[0],
                                   f"{prefix}{rule.left_label}={_fmt(lv)}, {rule.right_label}={_fmt(rv)}",
                                   rule.severity))
    return out


def _check_nonnegative(rule: Rule, table: Table, data: ReportData) -> list[Problem]:
    cells = _cells(data, table.key)
    out: list[Problem] = []
    for row, col in table.cells():
        c = cells.get((row.key, col.key))
        if c is None or c.value is None:
            continue
        kind = table.cell_kind(row.key, col.key)
        where = " ".join(x for x in (row.label, col.label) if x)
        v = c.value
        whole = isinstance(v, int) or (isinstance(v, Decimal) and v == v.to_integral_value())
        if kind in ("int", "signed_int") and not whole:
            out.append(Problem(rule.id, table.key, row.key, col.key, f"{where}: {_fmt(v)} 不是整数", rule.severity))
        elif kind != "signed_int" and v < 0:
            out.append(Problem(rule.id, table.key, row.key, col.key, f"{where}: {_fmt(v)} 为负数", rule.severity))
    return out


def _check_carry_over(rule: Rule, table: Table, data: ReportData, previous: ReportData | None) -> list[Problem]:
    if previous is None or table.key not in previous.tables or table.key not in data.tables:
        return []
    cells, prev = _cells(data, table.key), _cells(previous, table.key)
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
    if previous is None or table.key not in previous.tables:
        return []
    if previous.layout(table.key) != data.layout(table.key):
        return []
    cells, prev = _cells(data, table.key), _cells(previous, table.key)
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
    """Every declared rule over the tables present (R5 needs ``previous``).

    Each table is checked with the rules of the format it is drawn in (``data.layout(table)``), so a
    2021 report that kept the 2019 Table 2 gets the 2019 Table 2 rules.
    """
    out: list[Problem] = []
    known = ("table2", "table3", "table4", "stats")
    for table_key in sorted(data.tables, key=lambda k: known.index(k) if k in known else len(known)):
        tfmt = fmt or FORMATS.get(data.layout(table_key))
        if tfmt is None or not tfmt.has_table(table_key):
            continue
        table = tfmt.table(table_key)
        for rule in tfmt.rules:
            if rule.table != table_key:
                continue
            if rule.kind == "sum":
                out.extend(_check_sum(rule, table, data))
            elif rule.kind == "nonnegative":
                out.extend(_check_nonnegative(rule, table, data))
            elif rule.kind == "carry_over":
                out.extend(_check_carry_over(rule, table, data, previous))
            elif rule.kind == "balance":
                out.extend(_check_balance(rule, table, data, previous))
    return out


def check_sections(data: ReportData, *, fmt: Format | None = None) -> list[Problem]:
    """All required sections present (Art. 50; for pre-2019 reports Art. 32 of 2008, as a warning)."""
    fmt = fmt or section_format(data.era, data.year)
    present = set(data.sections)
    pre = fmt.era == "pre2019"
    out: list[Problem] = []
    for key in fmt.required_sections:
        if key in present:
            continue
        s = fmt.section(key)
        basis = "《条例》（2008）第三十二条" if pre else "《条例》第五十条"
        out.append(Problem("S1", None, key, None, f"缺少“{s.heading}”部分（{basis}）",
                           "warning" if pre else "error"))
    return out


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


def check_report(data: ReportData, *, previous: ReportData | None = None) -> list[Problem]:
    """Tables, sections and prose: the full list of problems, errors first."""
    problems = check_tables(data, previous=previous) + check_sections(data) + check_prose(data)
    return sorted(problems, key=lambda p: p.severity != "error")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


# --- compiled checks over plain value vectors (batch runs) ---------------------------------------------
# ``check_tables`` walks Cell dicts; for thousands of generated reports the same rules are compiled once
# per format and table layout into index lists and evaluated over flat lists of numbers (one per table,
# in the order of the layout's keys). Such vectors carry no notes and no doubtful cells, so this is
# ``check_tables`` without ``previous`` for figures computed from the ledgers; tests hold the two equal.

Vector = list[Number | None]
_PLAIN_TYPES = {int, Decimal, type(None)}


@dataclass(frozen=True)
class _SumCheck:
    rule: Rule
    row: str
    column: str
    left: tuple[int, ...]
    right: tuple[int, ...]
    where: str
    skip_blank_left: bool  # columns axis: a blank 总计 is not checked


@dataclass(frozen=True)
class _CellCheck:
    rule: Rule
    row: str
    column: str
    index: int
    where: str
    kind: str


def _residuals(checks: list[_SumCheck]) -> Callable[[Vector], tuple[Number, ...]]:
    """``v -> (sum(left) - sum(right) for each check)``, read from the checks' index lists."""
    pairs = tuple((c.left, c.right) for c in checks)

    def residuals(v: Vector) -> tuple[Number, ...]:
        nums = cast(list[Number], v)  # ``check`` passes only blank-free vectors here (see ``_plain``)
        return tuple(sum(nums[i] for i in left) - sum(nums[i] for i in right) for left, right in pairs)

    return residuals


class CompiledChecks:
    """The sum and non-negative rules of ``fmt`` compiled for fixed table layouts.

    ``layout`` maps a table key to the cell keys of its vector, in order. ``check(values)`` returns the
    same problems, in the same order, as ``check_tables`` on the equivalent Cell tables (no ``previous``).
    """

    def __init__(self, fmt: Format, layout: dict[str, tuple[tuple[str, str], ...]]) -> None:
        self.fmt = fmt
        self.layout = layout
        known = ("table2", "table3", "table4", "stats")
        # Per table, one function of the whole vector giving left − right of every sum check, in order.
        self.residuals: dict[str, Callable[[Vector], tuple[Number, ...]]] = {}
        self.whole_cells: dict[str, tuple[int, ...]] = {}  # cells of kind int / signed_int, by table
        self.plan: list[tuple[str, list[tuple[Rule, list[_SumCheck] | list[_CellCheck]]]]] = []
        for table_key in sorted(layout, key=lambda k: known.index(k) if k in known else len(known)):
            if not fmt.has_table(table_key):
                continue
            table = fmt.table(table_key)
            index = {k: i for i, k in enumerate(layout[table_key])}
            self.whole_cells[table_key] = tuple(i for (r, c), i in index.items() if r in table._by_key
                                                and table.cell_kind(r, c) in ("int", "signed_int"))
            steps: list[tuple[Rule, list[_SumCheck] | list[_CellCheck]]] = []
            for rule in fmt.rules:
                if rule.table != table_key:
                    continue
                if rule.kind == "sum":
                    steps.append((rule, self._compile_sum(rule, table, index)))
                elif rule.kind == "nonnegative":
                    steps.append((rule, self._compile_nonnegative(rule, table, index)))
                # carry_over and balance need the previous year's report: not part of a one-year batch.
            self.plan.append((table_key, steps))
            self.residuals[table_key] = _residuals([c for rule, cs in steps if rule.kind == "sum"
                                                             for c in cs if isinstance(c, _SumCheck)])

    @staticmethod
    def _compile_sum(rule: Rule, table: Table, index: dict[tuple[str, str], int]) -> list[_SumCheck]:
        out: list[_SumCheck] = []
        block = _block_for(table, rule)

        def idx(keys: list[tuple[str, str]]) -> tuple[int, ...]:
            return tuple(index[k] for k in keys if k in index)

        if rule.axis == "rows":
            for col in (c for c in block.columns if not rule.over or c.key in rule.over):
                lk = [(r, col.key) for r in rule.left]
                rk = [(r, col.key) for r in rule.right]
                if not any(k in index for k in lk + rk):
                    continue
                where = f"{col.label}: " if len(block.columns) > 1 else ""
                out.append(_SumCheck(rule, rule.left[0], col.key, idx(lk), idx(rk), where, False))
        else:
            for row in (r for r in block.rows if (not rule.over or r.key in rule.over) and not r.heading):
                lk = [(row.key, c) for c in rule.left]
                rk = [(row.key, c) for c in rule.right]
                if not any(k in index for k in lk + rk):
                    continue
                where = f"{row.label}: " if row.label else ""
                out.append(_SumCheck(rule, row.key, rule.left[0], idx(lk), idx(rk), where, True))
        return out

    @staticmethod
    def _compile_nonnegative(rule: Rule, table: Table, index: dict[tuple[str, str], int]) -> list[_CellCheck]:
        out: list[_CellCheck] = []
        for row, col in table.cells():
            i = index.get((row.key, col.key))
            if i is None:
                continue
            where = " ".join(x for x in (row.label, col.label) if x)
            out.append(_CellCheck(rule, row.key, col.key, i, where, table.cell_kind(row.key, col.key)))
        return out

    def check(self, values: dict[str, Vector]) -> list[Problem]:
        out: list[Problem] = []
        for table_key, steps in self.plan:
            vals = values.get(table_key)
            if vals is None:
                continue
            plain = self._plain(table_key, vals)
            # Without blanks every sum check of the table is one call; only a table with an unequal sum
            # (or blanks, which need the per-check path) is looked at check by check.
            sums_hold = None not in vals and not any(self.residuals[table_key](vals))
            get = vals.__getitem__
            for rule, checks in steps:
                if rule.kind == "nonnegative":
                    if not plain:
                        out.extend(self._nonnegative(table_key, checks, vals))  # type: ignore[arg-type]
                    continue
                if sums_hold:
                    continue
                for c in checks:
                    assert isinstance(c, _SumCheck)
                    # filter(None) drops blanks (and zeros, which add nothing).
                    lv: Number = sum(filter(None, map(get, c.left)))  # type: ignore[arg-type]
                    rv: Number = sum(filter(None, map(get, c.right)))  # type: ignore[arg-type]
                    if lv == rv:
                        continue
                    if c.skip_blank_left and all(vals[i] is None for i in c.left):
                        continue
                    out.append(Problem(rule.id, table_key, c.row, c.column,
                                       f"{c.where}{rule.left_label}={_fmt(lv)}, {rule.right_label}={_fmt(rv)}",
                                       rule.severity))
        return out

    def _plain(self, table_key: str, vals: Vector) -> bool:
        """No figure negative and every whole-number cell whole: every non-negative rule holds."""
        try:  # the common case, counts only: two calls in C
            if min(cast(list[int], vals)) < 0:
                return False
            if type(sum(cast(list[int], vals))) is int:  # no Decimal (nor float) among them
                return True
        except TypeError:  # blanks among them
            pass
        types = set(map(type, vals))
        if not types <= _PLAIN_TYPES:
            return False
        nums = [v for v in vals if v is not None] if type(None) in types else vals
        if nums and min(cast(list[int], nums)) < 0:
            return False
        if Decimal in types:
            whole = self.whole_cells[table_key]
            return all(type(vals[i]) is not Decimal or vals[i] == cast(Decimal, vals[i]).to_integral_value()
                       for i in whole)
        return True

    @staticmethod
    def _nonnegative(table_key: str, checks: list[_CellCheck], vals: Vector) -> list[Problem]:
        out: list[Problem] = []
        for c in checks:
            v = vals[c.index]
            if v is None:
                continue
            whole = isinstance(v, int) or (isinstance(v, Decimal) and v == v.to_integral_value())
            if c.kind in ("int", "signed_int") and not whole:
                out.append(Problem(c.rule.id, table_key, c.row, c.column, f"{c.where}: {_fmt(v)} 不是整数",
                                   c.rule.severity))
            elif c.kind != "signed_int" and v < 0:
                out.append(Problem(c.rule.id, table_key, c.row, c.column, f"{c.where}: {_fmt(v)} 为负数",
                                   c.rule.severity))
        return out
