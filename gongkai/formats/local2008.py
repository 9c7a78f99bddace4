"""The 2008–2016 local 政府信息公开情况统计表 (国务院令第492号 era; each province or city drew its own).

Before the national 统计表 of 2017–18 (``pre2019``), reports carried a statistics table of local design:
``指标名称 | 计量单位 | [代码] | 本年度 | 历年累计`` (annual reports) or ``本期实际 | 本年累计`` (the quarterly
return some cities also published). Rows count proactive items (with channels and kinds), applications
by channel, answers (同意公开 / 同意部分公开 / 否决 or 不同意公开 with reasons), 行政复议 / 行政诉讼 / 行政申诉
and fees. The labels below are those of a published form (定西市政府信息公开情况统计报表, corpus entry
gs-dingxi-template) plus the common variants of annual-report tables; a local row matching none of them is
kept as a free row, never forced onto a key. This format is read from published reports only: it is in
``READ_FORMATS``, not in ``FORMATS``, so nothing generates it.

Columns: ``year`` (本年度; 本年累计 of a year-end return is the same figure), ``period`` (本期实际) and
``cumulative`` (历年累计, the running total since 2008). Rules: parts and totals per column, and the
running total is never below the year's figure (used to split glued digit runs). The cross-year rule —
this year's 历年累计 = last year's 历年累计 + this year's 本年度 — needs last year's report and is left to
the importer, which has it.
"""

from __future__ import annotations

from gongkai.formats.base import Block, Column, Format, HeaderCell, Row, Rule, Table
from gongkai.formats.pre2019 import PRE2019_SECTIONS

LOCAL_TITLE = "政府信息公开情况统计表（地方样式）"
YEAR = "year"
PERIOD = "period"
CUMULATIVE = "cumulative"

# Header words → column key (a year-end 本年累计 is the year's figure).
LOCAL_COLUMN_WORDS: dict[str, str] = {
    "本年度": YEAR, "本年": YEAR, "本年累计": YEAR, "本年度数": YEAR, "全年": YEAR,
    "本期实际": PERIOD, "本期": PERIOD,
    "历年累计": CUMULATIVE, "累计": CUMULATIVE, "累计数": CUMULATIVE,
}
# Header words that are no value column (the row code column of the form).
LOCAL_SKIP_WORDS: frozenset[str] = frozenset({"代码", "指标名称", "指 标 名 称", "计量单位", "计量", "单位", "甲", "乙",
                                              "丙"})


def _r(key: str, label: str, unit: str, *aliases: str) -> Row:
    return Row(key, label, unit=unit, kind="decimal" if unit in ("元", "万元") else "int", aliases=aliases)


LOCAL_ROWS: tuple[Row, ...] = (
    _r("proactive.total", "主动公开信息数", "条", "主动公开政府信息数", "主动公开信息"),
    _r("proactive.full_text", "其中：全文电子化的主动公开信息数", "条", "全文电子化的主动公开信息数"),
    _r("proactive.normative_docs", "新增的行政规范性文件数", "条"),
    _r("proactive.services", "提供服务类信息数", "条"),
    _r("channel.website", "其中：网站公开", "条", "1.网站公开", "网站公开信息数", "政府网站公开", "1.政府网站",
       "政府网站"),
    _r("channel.gazette", "政府公报公开", "条", "2.政府公报公开", "2.政府公报", "公报公开"),
    _r("visits.website", "网站专栏页面访问量", "人次"),
    _r("visits.in_person", "现场接待人数", "人次"),
    _r("consult.online", "网上咨询数", "人次"),
    _r("consult.phone", "咨询电话接听数", "人次"),
    _r("app.catalog", "依申请公开信息目录数", "条"),
    # 依申请公开信息数 counts items disclosed on request, not applications: its own row.
    _r("app.disclosed", "依申请公开信息数", "条", "依申请公开政府信息数"),
    # 受理依申请公开信息总数 / 本年度对申请的答复总数 / 其它形式: the wording of 莆田市's 2009 form (corpus entry
    # fj-putian-form-2009-blank), where the channels below it make the first a count of applications.
    _r("app.received", "申请总数", "条", "收到申请数", "信息公开申请数", "申请数", "受理依申请公开信息总数",
       "受理申请总数"),
    _r("app.received.in_person", "其中：1.当面申请数", "条", "1.当面申请数", "当面申请数"),
    _r("app.received.fax", "2.传真申请数", "条", "传真申请数"),
    _r("app.received.email", "3.电子邮件申请数", "条", "电子邮件申请数"),
    _r("app.received.online", "4.网上申请数", "条", "网上申请数"),
    _r("app.received.letter", "5.信函申请数", "条", "信函申请数"),
    _r("app.received.other", "6.其他形式申请数", "条", "其他形式申请数", "6.其它形式申请数", "其它形式申请数"),
    _r("app.answered", "对申请的答复总数", "条", "对申请的答复数", "答复总数", "申请答复数", "本年度对申请的答复总数"),
    _r("app.answered.granted", "其中：1.同意公开答复数", "条", "1.同意公开答复数", "同意公开答复数", "同意公开"),
    _r("app.answered.partial", "2.同意部分公开答复数", "条", "同意部分公开答复数", "同意部分公开"),
    _r("app.answered.denied", "3.否决公开答复总数", "条", "否决公开答复总数", "不同意公开答复数", "不同意公开",
       "否决公开"),
    _r("app.denied.not_gov_info", "其中：（1）“非《规定》所指政府信息”数", "条", "（1）“非《规定》所指政府信息”数"),
    _r("app.denied.not_exist", "（2）“信息不存在”数", "条"),
    _r("app.denied.not_this_organ", "（3）“非本部门掌握”数", "条"),
    _r("app.denied.unclear", "（4）“申请内容不明确”数", "条"),
    _r("app.denied.exempt_1", "（5）“免予公开范围1”数", "条"),
    _r("app.denied.exempt_2", "（6）“免予公开范围2”数", "条"),
    _r("app.denied.exempt_3", "（7）“免予公开范围3”数", "条"),
    _r("app.denied.exempt_4", "（8）“免予公开范围4”数", "条"),
    _r("app.denied.exempt_5", "（9）“免予公开范围5”数", "条"),
    _r("app.denied.exempt_6", "（10）“免予公开范围6”数", "条"),
    _r("app.denied.other", "（11）其它原因", "条", "（11）其他原因"),
    _r("review.total", "行政复议数", "件", "行政复议"),
    _r("litigation.total", "行政诉讼数", "件", "行政诉讼"),
    _r("complaints.total", "行政申诉数", "件", "行政申诉", "申诉"),
    _r("complaints.first_unsatisfied", "其中：对本部门首次处理不满意的行政申诉数", "件",
       "对本部门首次处理不满意的行政申诉数 *"),
    _r("fees", "依申请公开收取费用", "元", "收费", "收取费用", "收费金额"),
)

LOCAL_COLUMNS: tuple[Column, ...] = (
    Column(YEAR, "本年度", unit=""),
    Column(PERIOD, "本期实际", unit=""),
    Column(CUMULATIVE, "历年累计", unit=""),
)

LOCAL_TABLE = Table(
    key="local",
    title=LOCAL_TITLE,
    section="stats",
    blocks=(Block(
        key="local", caption=None,
        header_rows=((HeaderCell("指标名称"), HeaderCell("计量单位"), HeaderCell("本年度"), HeaderCell("历年累计")),),
        columns=LOCAL_COLUMNS,
        rows=LOCAL_ROWS,
        label_columns=2,
    ),),
    free_rows=True,
)


def _sum(rid: str, title: str, total: str, parts: tuple[str, ...]) -> Rule:
    left, right = title.split("=")
    return Rule(rid, "local", title, left=(total,), right=parts, left_label=left, right_label=right,
                source="各地统计表（表内关系）", severity="warning")


LOCAL_RULES: tuple[Rule, ...] = (
    _sum("L1", "申请总数=各渠道申请数之和", "app.received",
         ("app.received.in_person", "app.received.fax", "app.received.email", "app.received.online",
          "app.received.letter", "app.received.other")),
    _sum("L2", "对申请的答复总数=同意公开+同意部分公开+否决公开", "app.answered",
         ("app.answered.granted", "app.answered.partial", "app.answered.denied")),
    _sum("L3", "否决公开答复总数=各项原因之和", "app.answered.denied",
         ("app.denied.not_gov_info", "app.denied.not_exist", "app.denied.not_this_organ", "app.denied.unclear",
          "app.denied.exempt_1", "app.denied.exempt_2", "app.denied.exempt_3", "app.denied.exempt_4",
          "app.denied.exempt_5", "app.denied.exempt_6", "app.denied.other")),
    Rule("L.nonnegative", "local", "各项数据均为非负数", kind="nonnegative", source="各地统计表"),
)

# The form's 其中 rows: each part is never more than its whole, in every column (a part may overlap another,
# so parts are not summed: an item can be on the website and in the gazette).
LOCAL_PARTS: tuple[tuple[str, str], ...] = (
    ("proactive.full_text", "proactive.total"), ("channel.website", "proactive.total"),
    ("channel.gazette", "proactive.total"),
    *((f"app.received.{c}", "app.received") for c in ("in_person", "fax", "email", "online", "letter", "other")),
    *((f"app.answered.{c}", "app.answered") for c in ("granted", "partial", "denied")),
    *((f"app.denied.{c}", "app.answered.denied") for c in (
        "not_gov_info", "not_exist", "not_this_organ", "unclear", "exempt_1", "exempt_2", "exempt_3", "exempt_4",
        "exempt_5", "exempt_6", "other")),
    ("complaints.first_unsatisfied", "complaints.total"),
)

# Labels only this table prints (era detection, never from the year).
LOCAL_MARKERS: tuple[str, ...] = (
    "历年累计", "本期实际", "计量单位", "主动公开信息数", "依申请公开信息数", "申请总数", "对申请的答复总数",
    "否决公开答复总数", "依申请公开信息目录数", "行政申诉数",
)

FORMAT_LOCAL2008 = Format(
    era="local2008",
    title=LOCAL_TITLE,
    document="国务院令第492号第三十一、三十二条；各省市政府信息公开情况统计表（2008—2016年）",
    report_years="2008—2016",
    sections=PRE2019_SECTIONS,
    tables=(LOCAL_TABLE,),
    rules=LOCAL_RULES,
    required_sections=("proactive", "applications", "fees", "review_litigation", "problems", "other"),
)
