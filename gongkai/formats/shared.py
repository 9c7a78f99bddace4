"""Parts shared by the 2019 and 2021 formats: the six sections, Table 3 and Table 4 (spec §3.1, §3.3, §3.4).

Table 3 differs between the two eras only in ``（六）其他处理`` (one row in 2019, three sub-rows in 2021),
so it is built by one function with that switch. Row and column keys are the platform's shared keys
(application outcomes and applicant types), so the generator's GROUP BY lands on them directly.
"""

from __future__ import annotations

from gongkai.formats.base import Block, Column, Group, HeaderCell, Row, Rule, Section, Table

# --- Sections (spec §3.1, §4.1) ---------------------------------------------------------------------

SECTION_PROBLEMS_2021 = "五、存在的主要问题及改进情况"
SECTION_PROBLEMS_2019 = "五、政府信息公开工作存在的主要问题及改进情况"


def sections(*, era: str) -> tuple[Section, ...]:
    five = SECTION_PROBLEMS_2021 if era == "2021" else SECTION_PROBLEMS_2019
    five_alias = SECTION_PROBLEMS_2019 if era == "2021" else SECTION_PROBLEMS_2021
    return (
        Section("overview", "一", "一、总体情况", keywords=("总体情况", "概述")),
        Section("proactive", "二", "二、主动公开政府信息情况", table="table2",
                aliases=("二、主动公开政府信息的情况",), keywords=("主动公开",)),
        Section("applications", "三", "三、收到和处理政府信息公开申请情况", table="table3",
                keywords=("依申请", "收到和处理")),
        Section("review_litigation", "四", "四、政府信息公开行政复议、行政诉讼情况", table="table4",
                keywords=("行政复议", "行政诉讼")),
        Section("problems", "五", five, aliases=(five_alias, "五、存在的主要问题及改进措施"),
                keywords=("存在的主要问题", "存在的问题")),
        Section("other", "六", "六、其他需要报告的事项",
                aliases=("六、其它需要报告的事项", "六、其他需要报告的情况", "六、其它需要报告的情况"),
                keywords=("其他需要报告", "其它需要报告")),
    )


SECTION_KEYS: tuple[str, ...] = ("overview", "proactive", "applications", "review_litigation", "problems", "other")

# --- Table 3 (spec §3.3) -----------------------------------------------------------------------------

TABLE3_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
TABLE3_APPLICANT_COLUMNS: tuple[str, ...] = tuple(c.key for c in TABLE3_COLUMNS if c.key != "total")

TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

TABLE3_HEADER: tuple[tuple[HeaderCell, ...], ...] = (
    (HeaderCell(TABLE3_NOTE, colspan=3, rowspan=3), HeaderCell("申请人情况", colspan=7)),
    (HeaderCell("自然人", rowspan=2), HeaderCell("法人或其他组织", colspan=5), HeaderCell("总计", rowspan=2)),
    (HeaderCell("商业企业"), HeaderCell("科研机构"), HeaderCell("社会公益组织"), HeaderCell("法律服务机构"),
     HeaderCell("其他")),
)

TABLE3_GROUPS_COMMON: tuple[Group, ...] = (
    Group("results", "三、本年度办理结果"),
    Group("denied", "（三）不予公开", parent="results"),
    Group("unable", "（四）无法提供", parent="results"),
    Group("not_processed", "（五）不予处理", parent="results"),
)


def table3_rows(*, era: str) -> tuple[Row, ...]:
    head = (
        Row("new_received", "一、本年新收政府信息公开申请数量"),
        Row("carried_over", "二、上年结转政府信息公开申请数量"),
        Row("granted", "（一）予以公开", group="results"),
        Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", group="results",
            aliases=("（二）部分公开",)),
        Row("denied.state_secret", "1.属于国家秘密", group="denied"),
        Row("denied.law_forbidden", "2.其他法律行政法规禁止公开", group="denied"),
        Row("denied.three_safety_one_stability", "3.危及“三安全一稳定”", group="denied"),
        Row("denied.third_party", "4.保护第三方合法权益", group="denied"),
        Row("denied.internal_affairs", "5.属于三类内部事务信息", group="denied"),
        Row("denied.process_info", "6.属于四类过程性信息", group="denied"),
        Row("denied.enforcement_file", "7.属于行政执法案卷", group="denied"),
        Row("denied.admin_query", "8.属于行政查询事项", group="denied"),
        Row("unable.not_held", "1.本机关不掌握相关政府信息", group="unable"),
        Row("unable.needs_creation", "2.没有现成信息需要另行制作", group="unable"),
        Row("unable.unclear_after_correction", "3.补正后申请内容仍不明确", group="unable"),
        Row("not_processed.petition_complaint", "1.信访举报投诉类申请", group="not_processed"),
        Row("not_processed.duplicate", "2.重复申请", group="not_processed"),
        Row("not_processed.publication", "3.要求提供公开出版物", group="not_processed"),
        Row("not_processed.mass_repeat", "4.无正当理由大量反复申请", group="not_processed"),
        Row("not_processed.confirm_reissue", "5.要求行政机关确认或重新出具已获取信息", group="not_processed"),
    )
    if era == "2021":
        other: tuple[Row, ...] = (
            Row("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                group="other"),
            Row("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                group="other"),
            Row("other.other", "3.其他", group="other"),
        )
    else:
        # 2019 (试行): （六）其他处理 is one row without sub-items (spec §4.3).
        other = (Row("other", "（六）其他处理", group="results"),)
    tail = (
        Row("total", "（七）总计", group="results"),
        Row("carry_forward", "四、结转下年度继续办理"),
    )
    return head + other + tail


def table3_groups(*, era: str) -> tuple[Group, ...]:
    if era == "2021":
        return (*TABLE3_GROUPS_COMMON, Group("other", "（六）其他处理", parent="results"))
    return TABLE3_GROUPS_COMMON


def table3(*, era: str) -> Table:
    return Table(
        key="table3",
        title="收到和处理政府信息公开申请情况",
        section="applications",
        blocks=(Block(key="applications", caption=None, header_rows=TABLE3_HEADER, columns=TABLE3_COLUMNS,
                      rows=table3_rows(era=era), groups=table3_groups(era=era), label_columns=3),),
    )


def table3_leaf_keys(*, era: str) -> tuple[str, ...]:
    """Outcome rows (3 … 23 in 2021) whose sum is （七）总计 (rule R2)."""
    return tuple(r.key for r in table3_rows(era=era)
                 if r.key not in ("new_received", "carried_over", "total", "carry_forward"))


def table3_rules(*, era: str) -> tuple[Rule, ...]:
    return (
        Rule("R1", "table3", "第一项加第二项之和，等于第三项加第四项之和",
             left=("new_received", "carried_over"), right=("total", "carry_forward"),
             left_label="一+二", right_label="三+四", source="国办公开办函〔2021〕30号 表三（表内注明）"),
        Rule("R2", "table3", "（七）总计等于各项办理结果之和",
             left=("total",), right=table3_leaf_keys(era=era),
             left_label="（七）总计", right_label="各项办理结果之和", source="spec §3.3 [D]"),
        Rule("R3", "table3", "总计等于各类申请人之和", axis="columns",
             left=("total",), right=TABLE3_APPLICANT_COLUMNS,
             left_label="总计", right_label="各类申请人之和", source="spec §3.3 [D]"),
        Rule("R4", "table3", "各项数据均为非负整数", kind="nonnegative", source="spec §3.3 [D]"),
        Rule("R5", "table3", "本年“上年结转”等于上年报告“结转下年度继续办理”", kind="carry_over",
             left=("carried_over",), right=("carry_forward",),
             left_label="本年二、上年结转", right_label="上年四、结转下年度继续办理", source="spec §3.3 [D]"),
    )


# --- Table 4 (spec §3.4) -----------------------------------------------------------------------------

TABLE4_ROW = "all"
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"),
    ("total", "总计"),
)
TABLE4_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"), ("litigation_direct", "未经复议直接起诉"), ("litigation_after_review", "复议后起诉"),
)
TABLE4_COLUMNS: tuple[Column, ...] = tuple(
    Column(f"{g}.{o}", label) for g, _gl in TABLE4_GROUPS for o, label in OUTCOMES
)
TABLE4_HEADER: tuple[tuple[HeaderCell, ...], ...] = (
    (HeaderCell("行政复议", colspan=5), HeaderCell("行政诉讼", colspan=10)),
    (*(HeaderCell(label, rowspan=2) for _o, label in OUTCOMES),
     HeaderCell("未经复议直接起诉", colspan=5), HeaderCell("复议后起诉", colspan=5)),
    tuple(HeaderCell(label) for _o, label in OUTCOMES) * 2,
)


def table4() -> Table:
    return Table(
        key="table4",
        title="政府信息公开行政复议、行政诉讼情况",
        section="review_litigation",
        blocks=(Block(key="review_litigation", caption=None, header_rows=TABLE4_HEADER, columns=TABLE4_COLUMNS,
                      rows=(Row(TABLE4_ROW, "", ),), label_columns=0),),
    )


def table4_rules() -> tuple[Rule, ...]:
    rules = []
    for g, glabel in TABLE4_GROUPS:
        parts = tuple(f"{g}.{o}" for o, _l in OUTCOMES if o != "total")
        rules.append(Rule(f"T4.{g}", "table4", f"{glabel}总计等于维持、纠正、其他、尚未审结之和", axis="columns",
                          left=(f"{g}.total",), right=parts, left_label=f"{glabel}总计",
                          right_label=f"{glabel}各项之和", source="spec §3.4 [D]"))
    rules.append(Rule("T4.nonnegative", "table4", "各项数据均为非负整数", kind="nonnegative", source="spec §3.4 [D]"))
    return tuple(rules)
