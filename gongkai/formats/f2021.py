"""The 2021 format (国办公开办函〔2021〕30号), first used for report year 2021 (spec §3).

Table 2 is four stacked sub-tables, each opening with a caption row ``第二十条第（X）项`` that spans all
columns; Tables 3 and 4 come from ``shared``. Rules: R1–R5 (Table 3), the Table 4 sums, and a soft
Table 2 cross-year balance (a warning: the form prints no Table 2 rule, spec §3.2).
"""

from __future__ import annotations

from gongkai.formats import shared
from gongkai.formats.base import Block, Column, Format, HeaderCell, Row, Rule, Table

_DECISIONS = Column("decisions", "本年处理决定数量", span=3)
_CONTENT = HeaderCell("信息内容")

TABLE2 = Table(
    key="table2",
    title="主动公开政府信息情况",
    section="proactive",
    blocks=(
        Block(
            key="item1", caption="第二十条第（一）项",
            header_rows=((_CONTENT, HeaderCell("本年制发件数"), HeaderCell("本年废止件数"),
                          HeaderCell("现行有效件数")),),
            columns=(Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"),
                     Column("in_force", "现行有效件数")),
            rows=(Row("regulations", "规章"), Row("normative_docs", "行政规范性文件", aliases=("规范性文件",))),
        ),
        Block(
            key="item5", caption="第二十条第（五）项",
            header_rows=((_CONTENT, HeaderCell("本年处理决定数量", colspan=3)),),
            columns=(_DECISIONS,),
            rows=(Row("licensing", "行政许可"),),
        ),
        Block(
            key="item6", caption="第二十条第（六）项",
            header_rows=((_CONTENT, HeaderCell("本年处理决定数量", colspan=3)),),
            columns=(_DECISIONS,),
            rows=(Row("penalty", "行政处罚"), Row("enforcement", "行政强制")),
        ),
        Block(
            key="item8", caption="第二十条第（八）项",
            header_rows=((_CONTENT, HeaderCell("本年收费金额（单位：万元）", colspan=3)),),
            columns=(Column("amount", "本年收费金额（单位：万元）", kind="decimal", unit="万元", span=3),),
            rows=(Row("admin_fees", "行政事业性收费"),),
        ),
    ),
)

TABLE2_RULES: tuple[Rule, ...] = (
    Rule("T2.nonnegative", "table2", "主动公开数据均为非负数", kind="nonnegative", source="spec §3.2 [D]"),
    Rule("T2.balance", "table2", "现行有效件数约等于上年现行有效件数加本年制发减本年废止", kind="balance",
         left=("in_force",), right=("issued", "repealed"), over=("regulations", "normative_docs"),
         left_label="现行有效件数", right_label="上年现行有效+本年制发−本年废止", source="spec §3.2 [D]",
         severity="warning"),
)

FORMAT_2021 = Format(
    era="2021",
    title="中华人民共和国政府信息公开工作年度报告格式",
    document="国办公开办函〔2021〕30号",
    report_years="2021—",
    sections=shared.sections(era="2021"),
    tables=(TABLE2, shared.table3(era="2021"), shared.table4()),
    rules=TABLE2_RULES + shared.table3_rules(era="2021") + shared.table4_rules(),
    required_sections=shared.SECTION_KEYS,
)
