"""Checks of the 2008–2016 local 统计表 (``formats.local2008``), which the report checks do not cover.

``gongkai.reports.checks`` checks the formats the platform generates (``formats.FORMATS``); the local
统计表 is only ever read, so its declared rules (``LOCAL_RULES``: parts and totals per column, non-negative
figures) and the running-total rule are evaluated here, on the same ``Problem`` type, as warnings: a
published table that does not add up is flagged with the rule and column and kept as published.
"""

from __future__ import annotations

from gongkai.formats.local2008 import CUMULATIVE, FORMAT_LOCAL2008, LOCAL_COLUMNS, YEAR
from gongkai.reports.checks import Problem
from gongkai.reports.data import ReportData


def check_local(data: ReportData) -> list[Problem]:
    cells = data.tables.get("local", {})
    if not cells:
        return []
    out: list[Problem] = []
    col_label = {c.key: c.label for c in LOCAL_COLUMNS}
    for rule in FORMAT_LOCAL2008.rules:
        if rule.kind == "nonnegative":
            for (row, col), c in cells.items():
                if c.value is not None and c.value < 0:
                    out.append(Problem(rule.id, "local", row, col, f"{rule.title}：读到{c.value}", "warning"))
            continue
        for col in (c.key for c in LOCAL_COLUMNS):
            left = [cells.get((r, col)) for r in rule.left]
            right = [cells.get((r, col)) for r in rule.right]
            if any(c is None or c.value is None or c.unsure for c in left):
                continue
            stated = [c for c in right if c is not None and c.value is not None and not c.unsure]
            if not stated or any(c is not None and c.unsure for c in right):
                continue  # nothing to compare, or a part still waits for a person
            lsum = sum(c.value for c in left if c is not None and c.value is not None)
            rsum = sum(c.value for c in stated if c.value is not None)
            if lsum != rsum:
                out.append(Problem(rule.id, "local", rule.left[0], col,
                                   f"{rule.title}（{col_label[col]}）：{rule.left_label}为{lsum}，"
                                   f"{rule.right_label}为{rsum}", "warning"))
    for (row, col), c in cells.items():
        if col != YEAR or c.value is None or c.unsure:
            continue
        cum = cells.get((row, CUMULATIVE))
        if cum is not None and cum.value is not None and not cum.unsure and cum.value < c.value:
            out.append(Problem("L.running", "local", row, CUMULATIVE,
                               f"历年累计（{cum.value}）小于本年度（{c.value}）", "warning"))
    return out
