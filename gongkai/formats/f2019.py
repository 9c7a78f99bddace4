"""The 2019 format (国办公开办函〔2019〕60号, 试行), used for report years 2019 and 2020 (spec §4).

Differences from 2021 (spec §4.3): Table 2 （一） columns 本年新制作数量/本年新公开数量/对外公开总数量 and
the row ``规范性文件``; （五）/（六） with 上一年项目数量, a signed 本年增/减 and 处理决定数量; （八） counting fee
items; （九） 政府集中采购 (amount in 元, raw string kept); Table 3 with a single ``（六）其他处理`` row.
"""

from __future__ import annotations

from gongkai.formats import shared
from gongkai.formats.base import Block, Column, Format, HeaderCell, Row, Rule, Table

_CONTENT = HeaderCell("信息内容")
_ITEMS3 = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", kind="signed_int"),
    Column("decisions", "处理决定数量"),
)
_ITEMS3_HEADER = ((_CONTENT, HeaderCell("上一年项目数量"), HeaderCell("本年增/减"), HeaderCell("处理决定数量")),)

TABLE2 = Table(
    key="table2",
    title="主动公开政府信息情况",
    section="proactive",
    blocks=(
        Block(
            key="item1", caption="第二十条第（一）项",
            header_rows=((_CONTENT, HeaderCell("本年新制作数量"), HeaderCell("本年新公开数量"),
                          HeaderCell("对外公开总数量")),),
            columns=(Column("made", "本年新制作数量"), Column("published", "本年新公开数量"),
                     Column("total_published", "对外公开总数量")),
            rows=(Row("regulations", "规章"), Row("normative_docs", "规范性文件", aliases=("行政规范性文件",))),
        ),
        Block(key="item5", caption="第二十条第（五）项", header_rows=_ITEMS3_HEADER, columns=_ITEMS3,
              rows=(Row("licensing", "行政许可"), Row("other_services", "其他对外管理服务事项"))),
        Block(key="item6", caption="第二十条第（六）项", header_rows=_ITEMS3_HEADER, columns=_ITEMS3,
              rows=(Row("penalty", "行政处罚"), Row("enforcement", "行政强制"))),
        Block(
            key="item8", caption="第二十条第（八）项",
            header_rows=((_CONTENT, HeaderCell("上一年项目数量"), HeaderCell("本年增/减", colspan=2)),),
            columns=(Column("prev_items", "上一年项目数量"), Column("change", "本年增/减", kind="signed_int", span=2)),
            rows=(Row("admin_fees", "行政事业性收费"),),
        ),
        Block(
            key="item9", caption="第二十条第（九）项",
            header_rows=((_CONTENT, HeaderCell("采购项目数量"), HeaderCell("采购总金额", colspan=2)),),
            columns=(Column("items", "采购项目数量"),
                     Column("amount", "采购总金额", kind="decimal", unit="元", span=2)),
            rows=(Row("procurement", "政府集中采购"),),
        ),
    ),
)

TABLE2_RULES: tuple[Rule, ...] = (
    Rule("T2.nonnegative", "table2", "主动公开数据均为非负数（本年增/减除外）", kind="nonnegative",
         source="spec §4.2 [D]"),
)

FORMAT_2019 = Format(
    era="2019",
    title="中华人民共和国政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    report_years="2019—2020",
    sections=shared.sections(era="2019"),
    tables=(TABLE2, shared.table3(era="2019"), shared.table4()),
    rules=TABLE2_RULES + shared.table3_rules(era="2019") + shared.table4_rules(),
    required_sections=shared.SECTION_KEYS,
)
