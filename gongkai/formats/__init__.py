"""The official annual-report formats, declared once as data (spec §3, §4, §5).

``FORMATS`` maps an era ("2021", "2019", "pre2019") to its ``Format``: sections with exact headings,
tables (stacked blocks with caption rows, header rows with colspan/rowspan, rows with stable keys and
exact full-width labels, groups, columns with units and cell kinds) and the consistency rules as data.
The generator, renderers, checks and the importer of published reports all read these; no label is
written anywhere else. Lookup helpers map published labels (half-width, spaced, broken) to keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from gongkai.formats.base import (
    ERAS,
    Block,
    CellKind,
    Column,
    Era,
    Format,
    Group,
    HeaderCell,
    Row,
    Rule,
    Section,
    Table,
)
from gongkai.formats.f2019 import FORMAT_2019
from gongkai.formats.f2021 import FORMAT_2021
from gongkai.formats.labels import LabelIndex, normalize_label, normalize_with_positions, same_label
from gongkai.formats.local2008 import FORMAT_LOCAL2008, LOCAL_MARKERS
from gongkai.formats.pre2019 import FORMAT_PRE2019, HEADING_UNIT, STATS_TITLE, STATS_VALUE
from gongkai.formats.shared import (
    SECTION_KEYS,
    TABLE3_APPLICANT_COLUMNS,
    TABLE4_ROW,
    table3_leaf_keys,
)

FORMATS: dict[str, Format] = {"2021": FORMAT_2021, "2019": FORMAT_2019, "pre2019": FORMAT_PRE2019}
# Formats that are only ever read from published reports (never generated): FORMATS plus the 2008–2016
# local 统计表. The importer, its checks and its pages use this; the generator and its API use FORMATS.
READ_FORMATS: dict[str, Format] = {**FORMATS, "local2008": FORMAT_LOCAL2008}

# Labels that only one era prints (spec §4.3 and §5): the era is chosen from what the tables say,
# never from the report year. Table 2 and Table 3 are judged separately because some organs kept the
# 2019 Table 2 with the 2021 Table 3 (spec §4.3, S20).
TABLE2_MARKERS: dict[str, tuple[str, ...]] = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额（单位：万元）", "本年处理决定数量"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "政府集中采购",
             "采购项目数量"),
}
# Only the 2021 Table 3 splits （六）其他处理 into sub-rows.
TABLE3_2021_MARKERS: tuple[str, ...] = (
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
)
PRE2019_MARKERS: tuple[str, ...] = (
    STATS_TITLE, "统 计 指 标", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "（一）收到申请数",
    "（三）申请答复数", "1.属于已主动公开范围数", "七、依申请公开信息收取的费用",
)
ERA_MARKERS: dict[str, tuple[str, ...]] = {
    "2021": TABLE2_MARKERS["2021"] + TABLE3_2021_MARKERS,
    "2019": TABLE2_MARKERS["2019"],
    "pre2019": PRE2019_MARKERS,
}
# Labels common to the 2019 and 2021 Table 3 (their presence means one of those two eras).
TABLE3_MARKERS: tuple[str, ...] = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                                   "四、结转下年度继续办理", "（七）总计", "申请人情况")


def get_format(era: str) -> Format:
    try:
        return READ_FORMATS[era]
    except KeyError:
        raise KeyError(f"未知的年报格式：{era}") from None


def section_format(era: str, year: int | None) -> Format:
    """The format whose sections a report must have: its own, or for narrative-only reports by year."""
    if era in READ_FORMATS:
        return READ_FORMATS[era]
    if year is not None and year <= 2018:
        return FORMAT_PRE2019
    if year is not None and year <= 2020:
        return FORMAT_2019
    return FORMAT_2021


@cache
def row_index(era: str, table_key: str) -> LabelIndex:
    table = get_format(era).table(table_key)
    idx = LabelIndex()
    for _b, r in table.rows():
        if r.label:
            idx.add(r.key, r.label, *r.aliases)
    return idx


@cache
def group_index(era: str, table_key: str) -> LabelIndex:
    idx = LabelIndex()
    for b in get_format(era).table(table_key).blocks:
        for g in b.groups:
            idx.add(g.key, g.label)
    return idx


@cache
def section_index(era: str) -> LabelIndex:
    idx = LabelIndex()
    fmt = get_format(era)
    for s in fmt.sections:
        idx.add(s.key, s.heading, *s.aliases)
    return idx


@cache
def _marker_sets() -> dict[str, frozenset[str]]:
    def norm(labels: Iterable[str]) -> frozenset[str]:
        return frozenset(normalize_label(x) for x in labels)

    return {"t2_2021": norm(TABLE2_MARKERS["2021"]), "t2_2019": norm(TABLE2_MARKERS["2019"]),
            "t3_2021": norm(TABLE3_2021_MARKERS), "t3_other": norm(("（六）其他处理",)), "t3": norm(TABLE3_MARKERS),
            "pre2019": norm(PRE2019_MARKERS), "local2008": norm(LOCAL_MARKERS)}


def row_key(era: str, table_key: str, label: str) -> str | None:
    """The row key for a published label in ``table_key`` of ``era`` (None when unknown or ambiguous)."""
    return row_index(era, table_key).find(label)


def row_candidates(era: str, table_key: str, label: str) -> list[str]:
    return row_index(era, table_key).candidates(label)


def section_key(era: str, heading: str) -> str | None:
    return section_index(era).find(heading)


def column_key(block: Block, label: str) -> str | None:
    n = normalize_label(label)
    hits = [c.key for c in block.columns if normalize_label(c.label) == n]
    return hits[0] if len(hits) == 1 else None


def era_votes(labels: Iterable[str]) -> dict[str, int]:
    """How many era-specific labels of each kind appear among ``labels``."""
    sets = _marker_sets()
    votes = dict.fromkeys(sets, 0)
    for label in labels:
        n = normalize_label(label)
        for k, marks in sets.items():
            if n in marks:
                votes[k] += 1
    return votes


def detect_layouts(labels: Iterable[str]) -> dict[str, str]:
    """``{"era": …, "table2": …, "table3": …}`` from the table labels (never from the year).

    ``era`` is "2021", "2019", "pre2019", "local2008" (2008–2016 local 统计表) or "narrative"; it follows
    Table 3 when Table 3 is present (a report with a 2019 Table 2 and a 2021 Table 3 is a 2021 report whose
    ``table2`` layout is "2019").
    Table keys appear only for tables whose labels were seen.
    """
    v = era_votes(labels)
    out: dict[str, str] = {}
    if v["t2_2021"] or v["t2_2019"]:
        out["table2"] = "2021" if v["t2_2021"] > v["t2_2019"] else "2019"
    if v["t3"]:
        if v["t3_2021"]:
            out["table3"] = "2021"
        elif v["t3_other"]:
            out["table3"] = "2019"  # （六）其他处理 without its three 2021 sub-rows
        else:
            out["table3"] = out.get("table2", "2021")  # the part that differs was not published
    if v["pre2019"] >= 2 and not v["t3"]:
        out["era"] = "pre2019"
    elif v["local2008"] >= 2 and not v["t3"] and "table2" not in out:
        out["era"] = "local2008"
    elif "table3" in out:
        out["era"] = out["table3"]
    else:
        out["era"] = out.get("table2", "narrative")
    return out


def detect_era(labels: Iterable[str]) -> str:
    """"2021", "2019", "pre2019" or "narrative", from table labels (see ``detect_layouts``)."""
    return detect_layouts(labels)["era"]


__all__ = [
    "ERAS", "ERA_MARKERS", "FORMATS", "HEADING_UNIT", "READ_FORMATS", "SECTION_KEYS", "STATS_TITLE", "STATS_VALUE",
    "TABLE2_MARKERS", "TABLE3_2021_MARKERS", "TABLE3_APPLICANT_COLUMNS", "TABLE4_ROW", "Block", "CellKind",
    "Column", "Era", "Format", "Group", "HeaderCell", "LabelIndex", "Row", "Rule", "Section", "Table",
    "column_key", "detect_era", "detect_layouts", "era_votes", "get_format", "group_index", "normalize_label",
    "normalize_with_positions",
    "row_candidates", "row_index", "row_key", "same_label", "section_format", "section_index", "section_key",
    "table3_leaf_keys",
]
