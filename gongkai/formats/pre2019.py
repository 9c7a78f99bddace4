"""The pre-2019 ``政府信息公开情况统计表`` (report years up to 2018, 国务院令第492号; spec §5, §1.6).

Three columns ``统 计 指 标 | 单位 | 统计数``; rows whose unit is ``——`` are headings without a figure.
The canonical row list below is the usual national version (every row seen in a published 2018 report);
it is used for matching and rendering. Local variants exist, so readers also keep rows they cannot match
as free label/value/unit triples (``Table.free_rows``). Derived sums (spec §5 "Derived checks") are rules.
Sections follow Art. 32 of the 2008 regulation, matched by keywords since headings varied.
"""

from __future__ import annotations

from gongkai.formats.base import Block, Column, Format, HeaderCell, Row, Rule, Section, Table

HEADING_UNIT = "——"


def _h(key: str, label: str) -> Row:
    return Row(key, label, unit=HEADING_UNIT, heading=True)


def _r(key: str, label: str, unit: str, *aliases: str) -> Row:
    kind = "decimal" if unit == "万元" else "int"
    return Row(key, label, unit=unit, kind=kind, aliases=aliases)  # type: ignore[arg-type]


STATS_ROWS: tuple[Row, ...] = (
    _h("proactive", "一、主动公开情况"),
    _r("proactive.total", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条"),
    _r("proactive.normative_docs", "其中：主动公开规范性文件数", "条"),
    _r("proactive.normative_docs_issued", "制发规范性文件总数", "件"),
    _r("proactive.proposals", "人大代表建议和政协提案办理结果公开数", "件"),
    _h("channels", "（二）通过不同渠道和方式公开政府信息的情况"),
    _r("channel.gazette", "1.政府公报公开政府信息数", "条"),
    _r("channel.website", "2.政府网站公开政府信息数", "条"),
    _r("channel.weibo", "3.政务微博公开政府信息数", "条"),
    _r("channel.wechat", "4.政务微信公开政府信息数", "条"),
    _r("channel.other", "5.其他方式公开政府信息数", "条"),
    _h("response", "二、回应解读情况"),
    _r("response.hotspots", "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次"),
    _h("response_channels", "（二）通过不同渠道和方式回应解读的情况"),
    _r("response.press", "1.参加或举办新闻发布会总次数", "次"),
    _r("response.press_leader", "其中：主要负责同志参加新闻发布会次数", "次"),
    _r("response.interviews", "2.政府网站在线访谈次数", "次"),
    _r("response.interviews_leader", "其中：主要负责同志参加政府网站在线访谈次数", "次"),
    _r("response.interpretations", "3.政策解读稿件发布数", "篇"),
    _r("response.weibo_wechat", "4.微博微信回应事件数", "次"),
    _r("response.other", "5.其他方式回应事件数", "次"),
    _h("applications", "三、依申请公开情况"),
    _r("app.received", "（一）收到申请数", "件"),
    _r("app.received.in_person", "1.当面申请数", "件"),
    _r("app.received.fax", "2.传真申请数", "件"),
    _r("app.received.online", "3.网络申请数", "件"),
    _r("app.received.letter", "4.信函申请数", "件"),
    _r("app.concluded", "（二）申请办结数", "件"),
    _r("app.concluded.on_time", "1.按时办结数", "件"),
    _r("app.concluded.extended", "2.延期办结数", "件"),
    _r("app.answered", "（三）申请答复数", "件"),
    _r("app.answered.already_public", "1.属于已主动公开范围数", "件"),
    _r("app.answered.granted", "2.同意公开答复数", "件"),
    _r("app.answered.partial", "3.同意部分公开答复数", "件"),
    _r("app.answered.denied", "4.不同意公开答复数", "件"),
    _r("app.answered.denied.state_secret", "其中：涉及国家秘密", "件"),
    _r("app.answered.denied.commercial_secret", "涉及商业秘密", "件"),
    _r("app.answered.denied.privacy", "涉及个人隐私", "件"),
    _r("app.answered.denied.security_stability", "危及国家安全、公共安全、经济安全和社会稳定", "件"),
    _r("app.answered.denied.not_gov_info", "不是《条例》所指政府信息", "件"),
    _r("app.answered.denied.other_law", "法律法规规定的其他情形", "件"),
    _r("app.answered.not_this_organ", "5.不属于本行政机关公开数", "件"),
    _r("app.answered.not_exist", "6.申请信息不存在数", "件"),
    _r("app.answered.correction", "7.告知作出更改补充数", "件"),
    _r("app.answered.other_route", "8.告知通过其他途径办理数", "件"),
    _r("review.total", "四、行政复议数量", "件"),
    _r("review.upheld", "（一）维持具体行政行为数", "件"),
    _r("review.corrected", "（二）被依法纠错数", "件"),
    _r("review.other", "（三）其他情形数", "件"),
    _r("litigation.total", "五、行政诉讼数量", "件"),
    _r("litigation.upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", "件"),
    _r("litigation.corrected", "（二）被依法纠错数", "件"),
    _r("litigation.other", "（三）其他情形数", "件"),
    _r("complaints", "六、举报投诉数量", "件"),
    _r("fees", "七、依申请公开信息收取的费用", "万元"),
    _h("organization", "八、机构建设和保障经费情况"),
    _r("org.offices", "（一）政府信息公开工作专门机构数", "个"),
    _r("org.reading_points", "（二）设置政府信息公开查阅点数", "个"),
    _r("org.staff", "（三）从事政府信息公开工作人员数", "人"),
    _r("org.staff.full_time", "1.专职人员数（不包括政府公报及政府网站工作人员数）", "人"),
    _r("org.staff.part_time", "2.兼职人员数", "人"),
    _r("org.funds", "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元"),
    _h("meetings", "九、政府信息公开会议和培训情况"),
    _r("meetings.count", "（一）召开政府信息公开工作会议或专题会议数", "次"),
    _r("training.sessions", "（二）举办各类培训班数", "次"),
    _r("training.attendees", "（三）接受培训人员数", "人次"),
)

STATS_TITLE = "政府信息公开情况统计表"
STATS_VALUE = "value"

STATS_TABLE = Table(
    key="stats",
    title=STATS_TITLE,
    section="stats",
    blocks=(Block(
        key="stats", caption=None,
        header_rows=((HeaderCell("统 计 指 标"), HeaderCell("单位"), HeaderCell("统计数")),),
        columns=(Column(STATS_VALUE, "统计数"),),
        rows=STATS_ROWS,
        label_columns=2,  # label and unit
    ),),
    free_rows=True,
)


def _sum(rid: str, title: str, total: str, parts: tuple[str, ...]) -> Rule:
    return Rule(rid, "stats", title, left=(total,), right=parts, over=(STATS_VALUE,),
                left_label=title.split("=")[0], right_label=title.split("=")[1], source="spec §5 [D]")


STATS_RULES: tuple[Rule, ...] = (
    _sum("P1", "收到申请数=当面+传真+网络+信函", "app.received",
         ("app.received.in_person", "app.received.fax", "app.received.online", "app.received.letter")),
    _sum("P2", "申请办结数=按时办结+延期办结", "app.concluded", ("app.concluded.on_time", "app.concluded.extended")),
    _sum("P3", "申请答复数=第1至8项之和", "app.answered",
         ("app.answered.already_public", "app.answered.granted", "app.answered.partial", "app.answered.denied",
          "app.answered.not_this_organ", "app.answered.not_exist", "app.answered.correction",
          "app.answered.other_route")),
    _sum("P4", "不同意公开答复数=其中各项之和", "app.answered.denied",
         ("app.answered.denied.state_secret", "app.answered.denied.commercial_secret", "app.answered.denied.privacy",
          "app.answered.denied.security_stability", "app.answered.denied.not_gov_info",
          "app.answered.denied.other_law")),
    _sum("P5", "行政复议数量=维持+纠错+其他", "review.total", ("review.upheld", "review.corrected", "review.other")),
    _sum("P6", "行政诉讼数量=维持+纠错+其他", "litigation.total",
         ("litigation.upheld", "litigation.corrected", "litigation.other")),
    Rule("P.nonnegative", "stats", "各项数据均为非负数", kind="nonnegative", source="spec §5 [D]"),
)

# Art. 32 of 国务院令第492号 (2008): what a pre-2019 annual report had to contain.
PRE2019_SECTIONS: tuple[Section, ...] = (
    Section("overview", "", "概述", keywords=("概述", "总体情况", "基本情况")),
    Section("proactive", "一", "一、主动公开政府信息的情况", keywords=("主动公开",)),
    Section("applications", "二", "二、依申请公开政府信息和不予公开政府信息的情况", keywords=("依申请", "申请公开")),
    Section("fees", "三", "三、政府信息公开的收费及减免情况", keywords=("收费",)),
    Section("review_litigation", "四", "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
            keywords=("复议", "诉讼", "申诉")),
    Section("problems", "五", "五、政府信息公开工作存在的主要问题及改进情况",
            keywords=("存在的主要问题", "存在的问题", "问题")),
    Section("other", "六", "六、其他需要报告的事项", keywords=("其他需要报告", "其它需要报告")),
    Section("stats", "", STATS_TITLE, table="stats", keywords=(STATS_TITLE,)),
)

FORMAT_PRE2019 = Format(
    era="pre2019",
    title=STATS_TITLE,
    document="国务院令第492号第三十二条；各地统计表",
    report_years="—2018",
    sections=PRE2019_SECTIONS,
    tables=(STATS_TABLE,),
    rules=STATS_RULES,
    required_sections=("proactive", "applications", "fees", "review_litigation", "problems", "other"),
)
