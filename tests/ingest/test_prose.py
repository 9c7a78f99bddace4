"""Figures stated in sentences (real sentences from published reports) and a property round trip of
Table 3 through the flattened-text reader."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.formats import get_format
from gongkai.ingest.parser import parse_tokens
from gongkai.ingest.prose import extract_figures
from gongkai.ingest.readers import read_text


def test_shanghai_2023_applications_sentence() -> None:
    # 2023年上海市政府信息公开工作年度报告 (shanghai.gov.cn), 二、依申请公开方面.
    s = ("2023年,全市共收到政府信息公开申请34290件,申请数量较2022年上升29.3%;答复政府信息公开申请34430件"
         "(含上年度转结),均在法定期限内予以答复。")
    got = {(f.key, f.value) for f in extract_figures([("applications", s)])}
    assert got == {("applications.received", 34290), ("applications.answered", 34430)}


def _proactive(*sentences: str) -> set[tuple[str, object]]:
    return {(f.key, f.value) for f in extract_figures([("proactive", x) for x in sentences])
            if f.key.startswith("proactive.")}


def test_documents_counted_in_jian_are_categories_never_totals() -> None:
    # 2022年上海市政府信息公开工作年度报告: documents (规章, 规范性文件, 人事任免文件) counted in 件 are kinds of
    # what was published, the (含…) breakdown of 规章 too; no total or channel is made of them.
    s = ("2022年,在上海市人民政府网站、《上海市人民政府公报》主动公开市政府规章13件(含新制定5件,修改4件,废止4件),"
         "主动公开市政府和市政府办公厅行政规范性文件42件,人事任免文件106件,其他文件113件。")
    assert _proactive(s) == {("proactive.category", v) for v in (13, 5, 4, 42, 106, 113)}
    # 2019年上海市人民政府办公厅…年度报告: the same wording, a second document.
    s2 = ("2019年，通过“中国上海”门户网站、《上海市人民政府公报》等平台主动公开规章13件，行政规范性文件60件，"
          "市政府其他文件162件，人事任免文件141件。")
    assert _proactive(s2) == {("proactive.category", v) for v in (13, 60, 162, 141)}
    # 江西省人民政府办公厅2019年…: a total in 件, then kinds in 部 and 件.
    s3 = ("2019年,通过省政府门户网站、省政府微信公众号、《江西省人民政府公报》等渠道主动公开省政府及省政府办公厅"
          "政府信息759件,其中,发布省政府规章11部,规范性文件83件,省政府工作报告1件。")
    assert _proactive(s3) == {("proactive.total", 759), ("proactive.category", 11), ("proactive.category", 83),
                              ("proactive.category", 1)}


def test_counts_in_jian_that_are_not_documents_stay_out() -> None:
    # 沭阳县2025年…: the 3 documents put to consultation are not a second kind of disclosure.
    s0 = "全年公开政策文件4件，对3件主动公开政策性文件进行意见征集并公开征集结果，让群众深度参与政策制定。"
    assert _proactive(s0) == {("proactive.category", 4)}
    # 乌海市工业和信息化局2020年…: interpretations in 条 are no category; "其他信息2167条" shares the website.
    s = ("通过局门户网站公开政府信息公开52条,其他信息2167条,局微博发布信息541条,局微信公众号公开政府信息175条,"
         "发布政策解读信息7条。")
    assert _proactive(s) == {("proactive.channel", v) for v in (52, 2167, 541, 175)}
    # 上海 2019: interpretations published on their own are counted as interpretations only.
    s2 = "通过“中国上海”门户网站发布政策解读共132件。"
    assert _proactive(s2) == set()
    # An application count in 件 after 公开 is never a kind of proactive disclosure.
    assert _proactive("全年受理依申请公开规范性文件3件。") == set()


def test_qizhong_after_a_channel_count_breaks_it_down() -> None:
    # 都市镇2019 (重庆): 其中 glued to the channel's figure without a comma.
    s = ("2019年,全镇主动在新闻网站发布信息160余条;政府微信公众号更新信息40余条政府官方网站主动公开政府信息86条"
         "其中更新工作动态56条、通知通告22条、领导分工8条,涵盖民生、消防安全等各项工作内容。")
    assert _proactive(s) == {("proactive.channel", 160), ("proactive.channel", 40), ("proactive.channel", 86),
                             ("proactive.category", 56), ("proactive.category", 22), ("proactive.category", 8)}
    # 青阳县朱备镇2025年…: 其中 opens the next sentence.
    a = "2025年,我镇主动公开方面,通过政府信息公开平台精准推送各类政务信息255条,累计浏览量达39481次。"
    b = ("其中,围绕我镇重点工作安排,累计更新财政资金信息46条,及时公开部门预决算等情况;公共资源交易信息38条,"
         "涵盖工程招投标、采购项目等关键内容;社会救助信息65条,详细公示低保、特困供养等救助政策与发放情况。")
    figs = extract_figures([("proactive", a + b)])
    assert {(f.key, f.value) for f in figs} == {("proactive.channel", 255), ("proactive.category", 46),
                                                ("proactive.category", 38), ("proactive.category", 65)}
    # 其中 after a count that is not proactive (interpretations) gives no category (银川市 2022).
    assert _proactive("发布政策解读信息260条,其中,解读材料39条,解读产品201个,媒体评论文章20篇。") == set()


def test_breakdowns_never_add_up_to_more_than_their_count() -> None:
    # 乐山市政府法制办2010: 1+1+3+10+12 = 27; "其中主站采用15条" (a second 其中) is not a sixth kind.
    s = ("2010年根据市政府关于政府信息公开的要求,我办及时、准确的在市政府入口网站和法制办网站进行了主动公开信息27条,"
         "其中概况信息1条、计划总结1条、工作动态3条、法规公文10条、法制新闻12条,其中主站采用15条。")
    assert {v for k, v in _proactive(s) if k == "proactive.category"} == {1, 3, 10, 12}
    # 北票市长皋乡2025: 52+38+100+200 ≤ 400, all four kinds kept (余: approximate).
    s2 = ("依托8个行政村政务公开专区及乡政务服务中心等载体,全年累计主动公开各类政务信息400余条,其中政策文件52条、"
          "工作动态38条、涉农惠民政策解读100余条,其余政务关联信息200余条,实现公开内容全领域覆盖。")
    assert _proactive(s2) == {("proactive.total", 400), ("proactive.category", 52), ("proactive.category", 38),
                              ("proactive.category", 100), ("proactive.category", 200)}


def test_parenthesis_and_baokuo_cues() -> None:
    # 银川市人民政府办公室2022: a parenthesis after the website's count; 20余万 is 200,000 (approximate).
    s = ("通过《银川市人民政府公报》、政府网站和政务新媒体以及各类新闻、报纸、广播及宣传栏、电子屏、查询机等媒介,"
         "主动公开政府信息20余万条,其中,银川市政府门户网站发布信息16642条(概况类194条、政务动态5749条、信息公开目录10699条)。")
    got = _proactive(s)
    assert {("proactive.total", 200000), ("proactive.category", 194), ("proactive.category", 5749),
            ("proactive.category", 10699)} <= got
    # 松木塘镇2022 (湖南): 包括 after the total.
    s2 = ("2022年,主动公开政府信息32条,包括领导信息类1条、机构职能类2条、工作动态类6条、财政预决算类3条、"
          "处罚强制类9条。")
    assert _proactive(s2) == {("proactive.total", 32), ("proactive.category", 1), ("proactive.category", 2),
                              ("proactive.category", 6), ("proactive.category", 3), ("proactive.category", 9)}
    # 威海市2024: 15.8万条 is 158,000.
    s3 = "全市共主动公开政府信息15.8万条,发布市政府规章1部、行政规范性文件70件。"
    assert ("proactive.total", 158000) in _proactive(s3)


def test_number_before_its_noun_and_every_channel_is_the_total() -> None:
    # 西秀区黄腊乡2021: online and offline together are every channel.
    assert _proactive("公开数量主要包含了通过线上及线下公开的1860条信息。") == {("proactive.total", 1860)}
    # 湖口县付垅乡2025: several channels "等线上线下渠道" — the total, never one channel's figure.
    s = ("全年通过湖口县人民政府门户网站付垅乡板块、乡政府及各村(场)政务公开栏等线上线下渠道,"
         "主动公开各类政府信息累计300余条。")
    assert _proactive(s) == {("proactive.total", 300)}
    # 铁边城镇2022 (陕西): a list closed by 等, then the count of everything it names.
    assert _proactive("2022我镇公开了临时救助、低保、移民搬迁、脱贫攻坚、重点工程、镇街动态和政府文件等109条内容,"
                      "做到及时真实。") == {("proactive.total", 109)}
    # A named channel keeps its count a channel's, even with the number before the noun.
    assert ("proactive.total", 50) not in _proactive("通过政府信息公开专栏公开的50条信息均已归档。")


def test_a_count_printed_without_its_unit_after_shuliang() -> None:
    # 兴国镇2025 (甘肃): the page lost 条 after both counts; 数量 says they are counts of items.
    s = "其中通过政府网站、政务新媒体等平台发布的信息数量304利用本镇微信公众号“实干兴国XG”发布信息数量144"
    assert _proactive(s) == {("proactive.channel", 304), ("proactive.channel", 144)}
    # A rate after 数量 is no count.
    assert _proactive("通过政府网站发布的信息数量同比增长30%。") == set()


def test_litigation_after_review_and_applications_in_fen() -> None:
    s = "信息公开类行政复议7件，诉讼9件，均获维持。"  # 上海市人民政府办公厅2019
    got = {(f.key, f.value) for f in extract_figures([("review", s)])}
    assert got == {("review.total", 7), ("litigation.total", 9)}
    s2 = "2022年,区政府办公室共收到8份政府信息公开申请,均为自然人申请。"  # 汉阳区政府办公室2022
    assert {(f.key, f.value) for f in extract_figures([("applications", s2)])} == {("applications.received", 8)}


def test_conflicting_totals_are_unsure() -> None:
    figs = extract_figures([("proactive", "全年共主动公开政府信息1200条。"),
                            ("overview", "本年度主动公开政府信息1300条。")])
    assert [(f.value, f.unsure) for f in figs] == [(1200, True), (1300, True)]


def test_categories_after_qizhong_sentence() -> None:
    figs = extract_figures([("proactive", "全年共主动公开政府信息1200条。其中,政策文件300条,工作动态900条。")])
    assert [(f.key, f.label, f.value) for f in figs] == [
        ("proactive.total", "", 1200), ("proactive.category", "政策文件", 300), ("proactive.category", "工作动态", 900)]


T3 = get_format("2021").table("table3")
CELLS = [(r.key, c.key) for r, c in T3.cells()]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 99999)), min_size=len(CELLS), max_size=len(CELLS)),
       st.booleans())
def test_table3_round_trip_through_text(values: list[int | None], pipes: bool) -> None:
    """Any Table 3 written as | rows (blanks explicit) reads back cell for cell, blank kept blank."""
    by_cell = dict(zip(CELLS, values, strict=True))
    lines = ["某局2022年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    block = T3.blocks[0]
    for row in block.rows:
        cells = ["" if by_cell[(row.key, c.key)] is None else str(by_cell[(row.key, c.key)]) for c in block.columns]
        lines.append("| " + " | ".join([row.label, *cells]) + " |" if pipes else "\t".join([row.label, *cells]))
    d = parse_tokens(read_text("\n".join(lines)))
    assert d.era == "2021"
    assert {k: c.value for k, c in d.tables["table3"].items()} == by_cell


def test_non_events_and_rates_read_only_for_what_they_say() -> None:
    def got(s: str) -> set[tuple[str, object]]:
        return {(f.key, f.value) for f in extract_figures([("x", s)])}

    # 柳城县古砦乡2025: no review or litigation — nothing is said about applications.
    assert got("全年未发生因依申请公开引发的行政复议或行政诉讼案件。") == {("review.total", 0), ("litigation.total", 0)}
    # 上海市政府办公厅2025: no review *lost*, which does not say none was filed.
    assert got("全年未发生因依申请公开被行政复议纠错或被行政诉讼败诉的情况。") == set()
    # 张义镇2008 (甘肃): 未收到…的申请, 未有…复议…诉讼 are stated zeros.
    assert got("2008年,我镇未收到公开政府信息的申请。") == {("applications.received", 0)}
    assert got("2008年我镇未有因政府信息公开申请行政复议和提起行政诉讼的情况。") == {
        ("review.total", 0), ("litigation.total", 0)}
    # 文登区政府办公室2022: 建议、提案 办结率 is no hotline's; 西夏区2024: the 12345 hotline's is.
    assert got("至12月底,全部建议、提案均已办理完毕,办结率为100%。") == set()
    hotline = "办理答复中国政府网、微博、“12345”等渠道咨询投诉500余件,办结率100%。"
    assert ("hotline.completion_rate", 100) in got(hotline)
    # 南湖新区某局2019: applications counted in 条 are applications, no proactive total.
    assert got("全年收到依申请公开信息3条,答复率100%。") == {("applications.received", 3)}


def test_a_breakdown_sentence_states_no_total_and_joint_channels_state_one() -> None:
    # 西夏区2024: the sentence opens with 其中 — its counts are parts of the 3800 stated before.
    figs = _proactive("公开政府信息3800余条。", "其中通过政府网站公开政府信息2000余条;通过政务新媒体公开信息1800余条;"
                      "出版《政府公报》3期,公开信息96条。")
    assert figs == {("proactive.total", 3800), ("proactive.channel", 2000), ("proactive.channel", 1800)}
    # 张义镇2008: two channels named together with the total's wording — the total, no channel figure.
    assert _proactive("2008年,我镇通过政府信息公开平台、政府网站主动公开政府信息12条。") == {("proactive.total", 12)}
    # 乳山经济开发区2021: categories "从内容分类看"; a later 共公开 on one channel is no second total.
    s = ("2021年,乳山经济开发区认真贯彻落实《中华人民共和国政府信息公开条例》,共主动公开信息13条,从内容分类看,"
         "机关职能4条,法规文件1条,规划计划1条,财政预决算1条,人事信息2条,通知公告4条。通过显示屏及宣传栏等形式,累计共公开200余条。")
    figs = _proactive(s)
    assert ("proactive.total", 200) not in figs and ("proactive.total", 13) in figs
    assert {v for k, v in figs if k == "proactive.category"} == {4, 1, 2}


def test_an_outcome_count_is_not_the_applications_answered() -> None:
    # 上海市科委2024: "同意公开答复 9 件" counts one outcome; 汉阳区 style "答复…申请N件" stays the total answered.
    s = "所有办结的信息公开申请中同意公开答复9件,部分公开答复0件,不予公开答复2件。"
    assert {f.key for f in extract_figures([("applications", s)])} == set()
    s2 = "答复政府信息公开申请805件(含上年度结转申请18件)。"
    assert {(f.key, f.value) for f in extract_figures([("applications", s2)])} == {("applications.answered", 805)}


def test_interpretations_counted_as_jiedu_lei_xinxi() -> None:
    # 沭阳县2025: "发布解读类信息 21 条"; 北部湾办2022: "解读信息4条".
    for s, v in (("全年累计发布解读类信息21条,打造文字、图文、视频全品类解读产品矩阵。", 21),
                 ("发布政策文件4条、解读信息4条、回应公众关注热点4条。", 4)):
        assert {(f.key, f.value) for f in extract_figures([("x", s)]) if f.key == "interpretations.count"} == {
            ("interpretations.count", v)}


def test_older_wordings_of_staff_consultations_and_non_events() -> None:
    # 某地震局2010 (a mirror converted from traditional script).
    got = {(f.key, f.value) for s in ("本机关从事政府信息公开工作的全职人员1人。",
                                      "2010年,我局共接受公民、法人及其他组织政府信息公开方面的谘询2070人次。",
                                      "2010年,未产生针对我局政府信息公开的行政复议与行政诉讼。")
           for f in extract_figures([("x", s)])}
    assert got == {("staff.full_time", 1), ("consultations.received", 2070), ("review.total", 0),
                   ("litigation.total", 0)}


def test_kinds_listed_on_one_channel_and_posts_on_accounts() -> None:
    # 北部湾办2022: kinds published on the portal joined by 、 — 88 is the first kind, the portal's own count is
    # never stated; after ";" a new list starts (发布政策文件4条 is no kind of this one); posts in 篇 on an account.
    s = ("2022年,利用门户网站主动公开政府信息88条、规范性文件2条、人大代表建议及政协提案办理信息34条、财政信息2条、"
         "规划计划2条、人事信息13条、政务动态类信息421条,其他信息70条;发布政策文件4条、解读信息4条、"
         "微信公众号推送信息1350篇,累计阅读量42万余次、微博账号累计推送信息792条,累计阅读量80万余次。")
    assert _proactive(s) == {("proactive.category", v) for v in (88, 2, 34, 13, 421, 70)} | {
        ("proactive.channel", 1350), ("proactive.channel", 792)}
    # 乌海市工信局2020: clauses joined by "," keep the channel's own count (no 、-list of kinds follows).
    assert ("proactive.channel", 52) in _proactive("通过局门户网站公开政府信息公开52条,其他信息2167条。")


def _figs(*sentences: str) -> set[tuple[str, object]]:
    return {(f.key, f.value) for f in extract_figures([("overview", x) for x in sentences])}


def test_a_channel_counted_in_jian_when_what_it_published_is_information() -> None:
    # 上海市科委2024: "通过部门网站当年发布政府信息393件"; 下管镇2009: "在政府门户网站上主动公开信息数量为46件".
    assert ("proactive.channel", 393) in _figs("截至2024年12月31日，市科委通过部门网站当年发布政府信息 393 件，"
                                               "其中包括：行政规范性文件 13 件；规划计划文件 2 件。")
    assert ("proactive.channel", 46) in _figs("全年我镇在政府门户网站上主动公开信息数量为46件,内容涵盖政策文件。")
    # Documents published on a website are a kind, never the website's count of information.
    assert not any(k == "proactive.channel" for k, _v in _figs("通过区政府网站发布规范性文件3件。"))


def test_an_accounts_posts_and_a_websites_year_total_are_channel_counts() -> None:
    # 上海市科委2024: "网站全年累计发布信息2139条", "微信公众号共编发文章1640篇"; 其中 after the website's count gives
    # its kinds, while a different account's 584条 after the 1640篇 is counted in another unit: no part of it.
    got = _figs("“上海科技”网站全年累计发布信息 2139 条，其中动态类信息发布 1744 条，政务信息发布 393 条。",
                "“上海科技”微信公众号共编发文章 1640 篇，其中原创文章 294篇，微信公众号目前关注人数达 1016823 人；"
                "“上海科技”视频号共制作并发布短视频 584 条，累计观看量 1924252 次。")
    assert {("proactive.channel", 2139), ("proactive.channel", 1640), ("proactive.category", 1744),
            ("proactive.category", 393)} <= got
    assert ("proactive.category", 584) not in got
    # 文登区 style: a website's posts without 全年 read as before.
    assert ("proactive.channel", 175) in _figs("局微信公众号公开政府信息175条。")


def test_reviews_counted_before_their_noun_and_never_the_ones_lost() -> None:
    # 上海市科委2024: "有 1 件涉及政府信息公开工作的行政复议"; not a count of reviews that went against the agency.
    assert ("review.total", 1) in _figs("2024 年市科委有 1 件涉及政府信息公开工作的行政复议，"
                                        "该行政复议件未被复议审查机关纠错。")
    assert ("review.total", 2) in _figs("本年度共有2起因政府信息公开引发的行政复议。")
    assert not any(k == "review.total" for k, _v in _figs("全年有1件行政复议被纠错。"))


def test_carried_forward_is_not_answered_and_gong_banli_is() -> None:
    # 上海市科委2024: "转下一年度办理答复的有 1 件" is the carry-forward; 沭阳县2025: "共办理 718 件" is answered.
    got = _figs("所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2件，其他处理 14 件，"
                "转下一年度办理答复的有 1 件。")
    assert not any(k == "applications.answered" for k, _v in got)
    got2 = _figs("全县全年共受理政府信息公开申请 749 件，其中自然人申请 741 件，法人或其他组织申请 8 件；"
                 "共办理 718 件，结转下一年 31 件。")
    assert {("applications.received", 749), ("applications.answered", 718)} <= got2


def test_part_time_staff_before_the_noun_and_fees_not_involved() -> None:
    # 白云乡2011: "明确了1名兼职人员"; 乐山市法制办2010: "全年未涉及政府信息公开的收费及减免情况".
    assert ("staff.part_time", 1) in _figs("党政办、各村委会及相关站所为成员,并明确了1名兼职人员和各自工作职责,"
                                           "保障信息公开工作。")
    assert ("staff.part_time", 2) in _figs("政府信息公开工作配备2名兼职人员。")
    assert ("fees.amount", 0) in _figs("全年未涉及政府信息公开的收费及减免情况。")


def test_interpretations_and_their_parts_after_qizhong() -> None:
    # 银川市2022: the parts of 260 after 其中 (also one in parentheses); 西夏区2024: a count of 解读文件 in 个 and its
    # parts in the next sentence; 螅镇2022: 政策解读活动 in 次. A rate (政策解读比例为100%) is no count.
    got = _figs("发布政策解读信息260条,其中,解读材料39条,解读产品201个(包括动漫短视频解读16个),媒体评论文章20篇,"
                "政策解读比例为100%。")
    assert {v for k, v in got if k == "interpretations.count"} == {260, 39, 201, 16, 20}
    got2 = _figs("2024年,政府办公室共解读文件23个。其中图片解读文件16个,动漫解读文件7个,实现图文解读全覆盖。")
    assert {v for k, v in got2 if k == "interpretations.count"} == {23, 16, 7}
    assert ("interpretations.count", 15) in _figs("主动公开政务文件11份,开展政策解读活动15次。")
    # 其中 after something else is no part of the interpretations.
    got3 = _figs("发布政策解读信息12条。", "受理申请5件,其中自然人申请4件。")
    assert {v for k, v in got3 if k == "interpretations.count"} == {12}


def test_documents_counted_in_fen_are_kinds() -> None:
    # 螅镇2022: "主动公开政务文件11份" (the only count: a kind, not the total); 荔浦市2022:
    # "…其他信息2084条,主动公开文件597份" (its own statement after the 其中 parts, which add up to the total).
    assert _figs("主动公开政务文件11份,开展政策解读活动15次。") >= {("proactive.category", 11)}
    assert not any(k == "proactive.total" for k, _v in _figs("主动公开政务文件11份,开展政策解读活动15次。"))
    got = _figs("2022年通过政府网站主动公开信息5767条,其中重点领域信息3683条,其他信息2084条,"
                "主动公开文件597份,政策解读14篇。")
    assert {("proactive.channel", 5767), ("proactive.category", 3683), ("proactive.category", 2084),
            ("proactive.category", 597)} <= got


def test_running_totals_since_the_regulation_are_never_the_years_figures() -> None:
    # 2008-era reports give counts since the regulation took effect next to the year's (wordings built in that
    # shape: no stored report in the corpus has one). They are no year figure; the year's, stated beside, is.
    # 截至 the year's end, 累计 is the year's own count in real reports (三门沿海工业城 2016 "截至2016年12月31日,在县
    # 政府网站政府信息公开平台上累计发布信息20条"; 厦门市 2016 "截至12月31日,…累计主动公开政府信息39129条,…数量同比
    # 明显增多"), so it is read as the year's.
    assert _figs("截至2012年12月31日，累计主动公开政府信息12345条。") == {("proactive.total", 12345)}
    assert _figs("自《条例》实施以来，我局累计主动公开政府信息5678条，其中2012年主动公开政府信息456条。") == {
        ("proactive.total", 456)}
    assert _figs("历年累计主动公开政府信息3210条，本年度主动公开政府信息321条。") == {("proactive.total", 321)}
    assert not any(k == "applications.received" for k, _v in _figs(
        "2008年5月1日至2012年12月31日，累计受理政府信息公开申请20件。"))
    # The year itself, however it is written, stays the year's: 2012年1月1日至12月31日; 截至… without 累计 (杨陵区统计局
    # 2020: "截至2020年12月31日,主动在门户网站公开政府信息41条"); 全年累计 (上海市科委2024).
    assert ("applications.received", 20) in _figs("2012年1月1日至12月31日，累计受理政府信息公开申请20件。")
    assert ("proactive.channel", 41) in _figs("截至2020年12月31日,主动在门户网站公开政府信息41条,涉及部门领导。")
    assert ("proactive.channel", 2139) in _figs("“上海科技”网站全年累计发布信息 2139 条。")


def test_under_the_applications_heading_answered_needs_no_shenqing_of_its_own() -> None:
    got = {(f.key, f.value) for f in extract_figures(
        [("applications", "全年共受理政府信息公开申请5件。已答复5件，其中同意公开4件，同意部分公开1件。")])}
    assert {("applications.received", 5), ("applications.answered", 5)} <= got
    # Elsewhere "答复…件" without 申请 (a reply to deputies' proposals) is no application figure.
    assert not any(k == "applications.answered" for k, _v in _figs("答复人大代表建议12件。"))


def test_2008_era_wordings_of_fujian_and_zhejiang_reports() -> None:
    # Sentences of reports added 2026-12-02 (corpus entries fj-jimei-czj-2014, fj-zhangzhou-wjmj-2012-hant,
    # fj-dehua-sjj-2010, gd-longgui-town-2016, zj-sanmen-gyc-2016, zj-lucheng-czj-2014).
    # 制作/获取…信息N条,其中主动公开M条: the count made is no total; what was published proactively is.
    assert ("proactive.total", 29) in _figs("2014年共制作、获取政府信息614 条,其中主动公开29条,不予公开583条。")
    assert ("proactive.total", 9) in _figs("2012年制作政府信息总数80条,其中,主动公开档案数9条,依申请公开档案数32条。")
    assert not any(v in (614, 80) for _k, v in _figs("2012年制作政府信息总数80条,其中,主动公开档案数9条。"))
    # A stated zero printed without its unit at the end of its clause.
    assert ("applications.received", 0) in _figs("我局共受理政府信息公开申请0,没有收取任何费用。")
    # 复议/诉讼 without 行政 in a list of non-events; no consultations; 没有…收费.
    assert {("review.total", 0), ("litigation.total", 0)} <= _figs("2016年度未接到有关政府信息公开方面的复议、诉讼。")
    assert ("consultations.received", 0) in _figs("2016年度未收到任何形式的有关信息公开方面的咨询。")
    assert ("fees.amount", 0) in _figs("2016年度没有政府信息公开收费及减免情况。")
    # 以…形式 names a channel; "提供服务类信息48条" after it is a kind (类), never that channel's second figure.
    got = _figs("全文电子化的主动公开信息数9条,以网站公开形式发布的政府信息9条,提供服务类信息48条。")
    assert ("proactive.channel", 9) in got and ("proactive.channel", 48) not in got
    # Kinds of the running total (历年) are no kinds of the year's items.
    assert not any(k == "proactive.category" for k, _v in _figs(
        "历年主动公开的政府信息中,机构职能类信息12条,规划计划类信息6条,行政许可类信息5条。"))
    # Parts that name the outlets a joint total listed are channels.
    got2 = _figs("2014年,我局通过区政府信息公开网、简报信息报送、宣传栏等各类政府公开载体主动公开信息43条,"
                 "其中我局财政信息网公开财政信息为19条、政府简报信息报送24条、依申请公开信息0条。")
    assert {("proactive.total", 43), ("proactive.channel", 19), ("proactive.channel", 24)} <= got2
    assert not any(k == "proactive.category" for k, _v in got2)


def test_wordings_of_the_third_round_of_2008_era_reports() -> None:
    # Sentences of corpus entries added 2026-12-02 (helpers fj2 and ot), each rule with its real sentence.
    assert ("staff.part_time", 512) in _figs(  # 信阳市2012
        "从事政府信息公开工作的专(兼)职工作人员共768人,其中专职人员256人,兼职512人,保障了政府信息公开工作。")
    got = _figs("2010年全市各镇街、单位举办政府信息公开各类培训共31期,累计1162人次参训。")  # 福清市2010
    assert {("training.sessions", 31), ("training.attendees", 1162)} <= got
    assert ("training.sessions", 2) in _figs(  # 福州市司法局2010
        "2010年共参加了2次由市数字办组织的政府信息公开培训,进一步增强了有关人员做好政府信息公开工作的能力。")
    assert ("interpretations.count", 40) in _figs(  # 硚口区2015
        "通过硚口信息内网向群众解读政策40次,通过微博微信回应事件数4次。")
    assert ("proactive.total", 755) in _figs("2017年,主动公开政府工作信息、动态755多条。")  # 铜陵市郊区2017
    assert not any(k == "proactive.total" for k, _v in _figs("主动公开政府信息中,规范性文件5条。"))
    assert ("proactive.channel", 12263) in _figs("2016年政府门户网站累计公开政府信息数12263条。")  # 湘阴县2016
    # A web address in parentheses does not cut a channel from its figure (河北省体育局2011).
    assert ("proactive.channel", 1469) in _figs("在河北省体育局门户网站(http://sport.hebei.gov.cn)公开信息1469条。")
    # Channels named together "等多种形式" state the total, whatever the verb (荣成市发改局2013).
    assert ("proactive.total", 70) in _figs(
        "全年,通过荣成市人民政府信息公开网站以及新闻媒体、公告栏等多种形式,发布各类政府信息70多条。")
    # The on-time part of what was completed is not the number answered (西安2018).
    assert not any(k == "applications.answered" for k, _v in _figs("受理申请525件,我办按时办结数517件,延期办结8件。"))
    # Kinds in a parenthesis after a total printed without its figure (黄村镇2014); 依申请 items are no kind (鹿城区).
    got2 = _figs("全镇2014年主动公开政府信息共计十一大类条(其中政府领导231条、机构设置70条、其他3条)。")
    assert {("proactive.category", 231), ("proactive.category", 70), ("proactive.category", 3)} <= got2
    assert ("proactive.category", 0) not in _figs(
        "主动公开信息43条,其中我局财政信息网公开财政信息为19条、依申请公开信息0条。")
    # A kind named before the verb ("…等重点领域公开信息1947条", 硚口区2015) is a kind, not a total.
    got3 = _figs("二是通过硚口信息网向社会主动公开信息10033条,其中包括政务动态3183条,公示公告192条,"
                 "保障性住房、食品药品安全等重点领域公开信息1947条,办事服务、互动交流等其他信息公开4711条。")
    assert ("proactive.category", 1947) in got3 and not any(k == "proactive.total" for k, _v in got3)


def test_wordings_of_the_fourth_round() -> None:
    # Real sentences of entries added 2026-12-02 (helpers fj3, t21): one rule each.
    # A sub-heading that names the website gives the channel of the count below it (沙塘镇2016); outlets' names in a
    # 其中 list with a remark in brackets are channels; applications counted in 宗.
    got = {(f.key, f.value) for f in extract_figures([
        ("proactive", "(一)镇政府信息公开网站主动公开政府信息情况"),
        ("proactive", "2016年镇政府信息公开全年发布各类信息247条,其中机构概况类5条,规章类文件11条,业务类30条。"),
        ("proactive", "(二)政务网站、微信、微博信息发布情况"),
        ("proactive", "2016年政务网站、微信、微博共发布各类信息2483条,其中网站(含转发)319条,微信(含转发)851条。"),
        ("applications", "2016年,政府信息依申请公开系统共收到1宗信息。")])}
    assert {("proactive.channel", 247), ("proactive.category", 5), ("proactive.category", 11),
            ("proactive.channel", 319), ("proactive.channel", 851), ("applications.received", 1)} <= got
    assert not any(v == 2483 for _k, v in got)
    # A 累计 count followed by the year's own count is a running total (洛江2016).
    assert _figs("截至2016年底,累计主动公开政府信息114条,全文电子化率达100%;其中2016年全年主动公开政府信息14条。") >= {
        ("proactive.total", 14)}
    assert ("proactive.total", 114) not in _figs(
        "截至2016年底,累计主动公开政府信息114条;其中2016年全年主动公开政府信息14条。")
    # One website's 总数 is that channel's (宁中镇2017); a 微博's 条数 likewise (北城街道2016).
    assert ("proactive.channel", 116) in _figs("本年度宁中镇人民政府网站主动公开政府信息总数116条。")
    assert ("proactive.channel", 42) in _figs("其中机构信息0条,政务微博公开政府信息条数42条。")
    # A disclosure system is a channel (东湖街道2023); small counts in characters (大垅乡2020, 唐村镇2010).
    assert ("proactive.channel", 47) in _figs("在越城区政府信息公开系统上主动公开政府信息47条,其中部门文件22件。")
    assert ("staff.full_time", 1) in _figs("明确一名副科级领导和一名专职工作人员负责信息公开工作。")
    assert ("training.sessions", 2) in _figs("年初、年中两次举办政府信息公开工作人员培训。")
    # A remark in brackets inside a kind's name (东浦镇2016); 无依申请公开的政府信息 (洪山镇2011).
    assert ("proactive.category", 289) in _figs(
        "在主动公开的信息中,其中政策文件类的信息113条,公共资源交易类(建设项目招标)的信息289条。")
    assert ("applications.received", 0) in _figs("三、依申请公开政府信息:无依申请公开的政府信息。")


def test_wordings_of_the_fifth_round() -> None:
    # Real sentences of entries added 2026-12-02 (helpers t21b, fj4).
    got = {(f.key, f.value, f.label) for f in extract_figures([
        ("proactive", "二是主动公开政府信息8条。"),  # a total stated before the numbered kinds
        ("proactive", "1.机构设置、主要职能、办事程序和办事指南:主要公开镇政府各口管理职能及其调整变动情况方面的信息,"
                      "本年度新增信息3条,占37.5%。"),
        ("proactive", "2.贯彻落实国家关于农村工作政策的情况:主要公开镇政府贯彻落实国家关于农村工作政策的情况,"
                      "本年度新增信息2条,占25%。")])}
    assert ("proactive.category", 3, "机构设置、主要职能、办事程序和办事指南") in got  # 鸿山镇2021
    assert ("proactive.category", 2, "贯彻落实国家关于农村工作政策的情况") in got
    # "简报111篇(条)" counts in 条 (永春县审计局2014); "政府信32条" as printed (四都镇2022), its kinds after
    # 类别主要包括.
    assert ("proactive.total", 111) in _figs("2014年度,我局主动公开政府信息简报111篇(条),主要为网站信息发布。")
    got2 = _figs("2022年累计主动公开政府信32条,全文电子化率达100%。",
                 "主动公开政府信息的类别主要包括:机构职能类信息共4条,占比12.5%安全生产、应急管理类信息共13条,占比41%;"
                 "其他类别信息共15条,占比46.8%。")
    assert {("proactive.total", 32), ("proactive.category", 4), ("proactive.category", 13),
            ("proactive.category", 15)} <= got2
    # 不予公开 is never a kind; since the report year began is the year's (青川县2021, read with the report's year).
    assert ("proactive.category", 55) not in _figs(
        "2014年本单位制作政府信息总数60件,其中主动公开文件数5件、不予公开文件数55件。")
    figs = {(f.key, f.value) for f in extract_figures([("proactive", "2021年以来公开政府信息98条。")], year=2021)}
    assert ("proactive.total", 98) in figs
    assert ("proactive.total", 98) not in {
        (f.key, f.value) for f in extract_figures([("proactive", "2003年以来累计公开政府信息98条。")], year=2016)}
    assert ("proactive.channel", 66) in _figs("通过政府网站发布32条,微信等新媒体发布66条。")  # 青川县2021


def test_wordings_of_the_sixth_round() -> None:
    # Real sentences of entries added 2026-12-02 (helpers n5, t21c), one rule each.
    assert {("proactive.category", 105), ("proactive.category", 3)} <= _figs(  # 建国门街道2013: a remark in brackets
        "主动公开政府信息461条,其中行政办事事项(居民)105条,行政办事事项(单位)3条。")
    assert ("consultations.received", 20000) in _figs(
        "共接待公民、法人及其他组织政府信息公开方面、行政办事事项方面的咨询20000余人次。")
    assert ("proactive.total", 19) in _figs("共主动公开政府资讯19条。")  # 北京市信访办2009 (a mirror's 资讯)
    assert ("staff.full_time", 2) in _figs("负责信息公开工作人员6人(其中全职2人,兼职4人)。")  # 钦州市政府办公室2013
    assert ("proactive.total", 23) not in _figs(  # 大兴区发改委2010: one domain's count
        "主动公开政府信息104条。重点领域公开政府信息数23条。")
    got = _figs("我镇通过不同渠道和方式主动公开政务信息共217条。")  # 大五里镇2020: every channel at once
    assert ("proactive.total", 217) in got and not any(k == "proactive.channel" for k, _v in got)
    assert ("proactive.total", 25) in _figs("通过麻阳县政府门户网站共发布各类信息25条。")  # 板栗树乡2022: 共发布
    assert ("proactive.total", 273) in _figs("2022年度,长兴岛街道主动公开事项共计273余项。")
    assert ("proactive.channel", 584) in _figs("“上海科技”视频号共制作并发布短视频 584 条,累计观看量 1924252 次。")
    assert {("proactive.category", 50), ("proactive.category", 85)} <= _figs(  # 上海市科委2024
        "市科委通过部门网站当年发布政府信息 393 件,其中包括:《代表建议和政协提案办理工作总体情况》"
        "及主合办人大代表建议 50 件,主合办政协提案 85 件的办理复文。")
    assert ("proactive.category", 1) in _figs(  # 四都镇2022: an item right after a percentage
        "主动公开政府信息32条。", "类别主要包括:机构职能类信息共4条,占比12.5%农业类信息共1条,占比3%。")
    # The sentence before says what a staff count is for (广内街道2013).
    assert ("staff.part_time", 1) in {(f.key, f.value) for f in extract_figures(
        [("overview", "街道高度重视政府信息公开工作。为此,配备了1名兼职工作人员,设立了1个专门的信息申请受理点。")])}


def test_wordings_of_the_seventh_round() -> None:
    # Real sentences of entries added 2026-12-02 (helpers n6, fj5), one rule each.
    assert ("applications.received", 0) in _figs("2014年没有发生依申请信息公开事件。")  # 展览路街道2014
    assert ("applications.received", 0) in _figs("我镇未受理依申请公开政府信息。")  # 巍山镇2017
    assert ("applications.received", 0) in _figs("我镇2016年度无申请。")  # 蚌埠某镇2016
    assert ("applications.received", 0) in _figs("2020年,我镇收到申请公开政府信息的要求0件。")  # 吾峰镇2020
    assert ("hotline.received", 758) in _figs("县长信箱收件758件,均已办结。")  # 武隆县2011
    got = _figs("2012年,我县政府信息公开网站发布主动公开信息28大项、79小项,共计6657条。")  # 泾县2012
    assert ("proactive.channel", 6657) in got and not any(v in (28, 79) for _k, v in got)
    got2 = _figs("通过政府网站公开信息数163 条,政务微信订阅号“印象理合务”(微信号:lhwz4822006)公开政府信息23条,"
                 "村务公开栏公开信息18条。")  # 理合务镇2017
    assert {("proactive.channel", 163), ("proactive.channel", 23), ("proactive.channel", 18)} <= got2
    got3 = _figs("通过各渠道公开信息通过政府信息平台主动公开信息共287条。")  # 茗岙乡2018: every channel
    assert ("proactive.total", 287) in got3 and ("proactive.channel", 287) not in got3
    assert {("staff.full_time", 1), ("staff.part_time", 1)} <= _figs(
        "为做好政府信息公开工作,配备两名工作人员,其中专职与兼职人员各一人。")
    got4 = _figs("其中,网上公开信息20条,政务公开揭示板上公开45条。")  # 兴华乡2010: outlets, not kinds
    assert not any(k == "proactive.category" for k, _v in got4)
    got5 = {(f.key, f.value) for f in extract_figures([("proactive", "主动公开政府信息179条。"),
                                                       ("proactive", "重点领域公开政府信息数共24条。")])}
    assert ("proactive.category", 24) in got5 and ("proactive.total", 24) not in got5  # 西长安街街道2015


def test_wordings_of_the_eighth_round() -> None:
    # Real sentences of entries added 2026-12-02 (helpers t21d, n7), one rule each.
    assert ("applications.received", 1) in _figs("2023年,收到政府信息公开申请一件,已按时答复。")  # 厚桥街道2023
    assert ("proactive.channel", 359) in _figs("通过廿三里街道政务信息公开专栏发布信息359条。")  # 廿三里街道2022
    got = _figs("全年主动公开政府信息总数171条:基层政务公开领域信息124条,工作动态34条,预算决算4条,应急预案3条。")
    assert {("proactive.category", 124), ("proactive.category", 34), ("proactive.category", 3)} <= got  # 重庆某镇2022
    # One kind of applicant is no statement about all applications (平武县统计局2021); all of them are (乐山 2010).
    assert not any(k == "applications.received" for k, _v in _figs(
        "2021年度,未收到法人或者其他组织对依申请公开政府信息的申请。"))
    assert ("applications.received", 0) in _figs("未收到公民、法人和其他组织的政府信息公开申请。")
    assert ("applications.received", 0) in _figs("2014年,我镇没有依申请公开政府信息办理事项。")  # 亭子坝镇2014
    assert ("proactive.total", 123) in _figs("2013年,主动公开政府信息件数为123件。")  # 谢塘镇2013
    got2 = _figs("2015年1月至今,通过政府门户网站主动公开信息506条,政策法规类13条,规范性文件22条,政府工作动态类471条。")
    assert {("proactive.category", 13), ("proactive.category", 22), ("proactive.category", 471)} <= got2  # 西牛镇
    assert ("proactive.category", 8674) not in _figs(  # 威海市2024: kinds end where something else is counted
        "全市共主动公开政府信息15.8万条,发布市政府规章1部、行政规范性文件70件,回应网上民声8674条。")
    got3 = {(f.key, f.value) for f in extract_figures([
        ("proactive", "我局2010年度共主动公开政府信息122条。"),
        ("proactive", "法规文件类99条,占总数的81%;工作动态类23条,占总数的19%。")])}  # 石城县工信局2010
    assert {("proactive.category", 99), ("proactive.category", 23)} <= got3
    got4 = _figs("2021年,我镇主动公开政府信息共800余条,其中通过政府信息公开网站公开信息共471条"
                 "(其中“两化”专题专栏公开信息135条),发布政策解读稿件11篇,政策文件4篇。")  # 新安镇2021
    assert {("proactive.category", 135), ("proactive.category", 4)} <= got4 and ("proactive.category", 11) not in got4
    assert {("proactive.category", 7), ("proactive.category", 2)} <= _figs("2017年公开人大建议7条,政协提案2条。")
    assert ("proactive.channel", 70) in _figs("微信平台公众号上公开政府工作情况70余条。")  # 上营乡2020


def test_wordings_of_the_ninth_round() -> None:
    # The four entries that waited in corpus-incoming (楚门镇 2014, 西安镇 2015, 坪山街道 2017, 城西街道 2017).
    got = _figs("按照《条例》的要求,截至2014年12月31日,在县政府网站累计公开政府信息846条,"
                "其中本年度在县政府网站及本单位门户网站公开214条")
    # The 累计 count followed by the year's own part is a running total; the part on two sites together is the total.
    assert got == {("proactive.total", 214)}
    # Still one site's figure when the year's part names one site only.
    assert ("proactive.total", 30) not in _figs("截至2014年12月31日,在县政府网站累计公开政府信息846条,"
                                                 "其中本年度在县政府网站公开30条")
    assert {("proactive.category", 4), ("proactive.category", 23), ("proactive.category", 6)} <= _figs(
        "2014年在县政府网站公开政府信息类别:政策文件信息4条,政府决策23条,人事信息6条。")
    assert ("proactive.total", 60) in _figs("到2015年底累计主动公开政府信息60条。")  # the 截至…累计 convention
    # One way of asking is not every consultation; all of them are.
    assert not any(k == "consultations.received" for k, _v in _figs("本街道2017年度未收到网上咨询。"))
    assert ("consultations.received", 0) in _figs("本街道2017年度未收到任何咨询。")
    assert ("fees.amount", 0) in _figs("向对方无偿提供电子文档或纸质文档,没有向申请人收取任何费用。")
    assert ("applications.answered", 0) in _figs("2017年共处理政府信息公开申请0件。")
    assert ("hotline.received", 139) in _figs("及时回复民生相关问题和建议,2017年回复领导信箱群众信件139条。")


def test_wordings_of_the_tenth_round() -> None:
    # Real sentences of helper b4's batch (2026-12-02), one rule each.
    # A later year's figures in a report (张义镇 2009): not the report year's.
    got = {(f.key, f.value) for f in extract_figures(
        [("proactive", "此外,2010年我镇通过门户网站公开各类政府信息24余条。")], year=2009)}
    assert got == set()
    assert ("proactive.channel", 24) in {(f.key, f.value) for f in extract_figures(
        [("proactive", "此外,2010年我镇通过门户网站公开各类政府信息24余条。")], year=2010)}
    # With the year's own count stated, 截至 the year's end…累计 is the running total (南开区 2012).
    para = ("2012年区政府及各工作部门主动公开政府信息3217条,其中,区政府主动公开政府信息1142条,"
            "各工作部门主动公开2075条。"
            "截至2012年12月31日,区政府及各工作部门累计主动公开政府信息11115条,其中,区政府主动公开政府信息1746条。")
    got2 = {(f.key, f.value) for f in extract_figures([("proactive", para)], year=2012)}
    assert ("proactive.total", 3217) in got2 and not {v for _k, v in got2} & {11115, 1746}
    # Without it the convention stands: 截至 the year's end, 累计 is the year's count.
    assert ("proactive.total", 74) in {(f.key, f.value) for f in extract_figures(
        [("proactive", "截至2015年12月31日,累计主动公开政府信息74条。")], year=2015)}
    # Channels counted, not named; 主动 before channels named together: the total (锡盟商务局 2021, 新安镇 2021).
    assert _figs("全年通过两个网站平台,主动公开政府信息数209条次,主要包括工作动态。") == {("proactive.total", 209)}
    assert ("proactive.total", 314) in _figs("主动在政府门户网站和政务新媒体公开政府信息314条。")
    assert ("consultations.received", 0) in _figs("没有受理过关于政府信息公开咨询、投诉情况。")
    # Stated zeros of fees in longer wordings (溪下乡 2017, cut mid-word; 哈日诺尔苏木 2019; 河北区某委 2015).
    assert ("fees.amount", 0) in _figs("2017年度,本单位没有向依申请公开对象收取复印、传真、递送等任何费")
    assert ("fees.amount", 0) in _figs("2019年,没有对公民、法人和其他组织收取依申请信息公开的任何费用。")
    assert ("fees.amount", 0) in _figs("2015年未有收费及减免情况。")
    # How many accounts, in brackets, is no count of what they published (西柳镇 2023).
    got3 = _figs("2023年,西柳镇人民政府微信公众账号(1个)发布信息149条;抖音短视频账号(1个)发布信息46条。")
    assert got3 == {("proactive.channel", 149), ("proactive.channel", 46)}
    # Helper g7's 西四镇 2025: 主动发布 over channels named with 等…渠道 is the total; a longer list of who did not
    # apply.
    assert ("proactive.total", 49) in _figs(
        "全年通过电子屏幕,公告栏等公开渠道主动发布政府信息共计49条(不同渠道发布的同一信息计为1条)。")
    assert ("applications.received", 0) in _figs(
        "年内,我镇未收到公民、法人或其他组织通过任何形式提出的政府信息公开申请。")


def test_wordings_of_the_eleventh_round() -> None:
    # Helper b6's batch and 新兴街道 2025 (helper g7), one rule each.
    got = _figs("2025年新兴街道办事处通过铁东区门户网站公开信息85篇,其中发布街道工作动态类信息51篇、优化营商环境8篇、"
                "决策公开4篇、政务公开信息年报1篇。")
    assert {("proactive.channel", 85), ("proactive.category", 51), ("proactive.category", 8)} <= got
    assert ("proactive.total", 85) not in got
    # Posts counted in 篇 are the channel's own, never the total (抚远市自然资源局 2022); one kind's count on a
    # platform is no total either.
    assert not any(k == "proactive.total" for k, _v in _figs("通过政府门户网站共发布信息18篇,其中,土地资源6篇。"))
    assert not any(k == "proactive.total" for k, _v in _figs("我局在黑龙江省信用公示平台共发布行政许可信息76条。"))
    assert ("proactive.total", 81) in _figs("通过网站主动公开政府信息共81条。")
    # A running total in brackets beside the year's count is no kind (东河区 2014).
    got2 = _figs("其中,公开政府文件23件(累计公开件184件);公开信息动态348条(累计公开3808条)。")
    assert 184 not in {v for _k, v in got2} and 3808 not in {v for _k, v in got2}
    # 内容涵盖 opens a list of kinds; 政策解读 inside it is one kind (平川区发改局 2025); elsewhere a count of its own.
    got3 = _figs("内容涵盖政府信息公开制度5条、政策法规9条、预算决算2条、政策解读15条、政策公开5条。")
    assert ("proactive.category", 15) in got3 and ("interpretations.count", 15) not in got3
    assert ("interpretations.count", 4) in _figs("发布政策文件4条、解读信息4条、群众留言办理10条。")
    # One publisher's part after the total is no second total (西藏 2011, 龙潭街道 2010); "或" joins no figure.
    got4 = {(f.key, f.value) for f in extract_figures([("proactive", (
        "2011年新增主动公开政府信息53019条。自治区直属机关主动公开政府信息16848条,全文电子化率为86.1%。"))], year=2011)}
    assert ("proactive.total", 53019) in got4 and ("proactive.total", 16848) not in got4
    assert _figs("2010年,在信息公开专栏或信息公开网站发布信息7条。") == set()
    # The count before what a channel published (琼海某镇 2022).
    got5 = _figs("2022年我镇公开政府信息243条,在门户网站的“镇场工作”栏目公开了63条动态信息,"
                 "信息公开专栏公开180条政务信息。")
    assert {("proactive.total", 243), ("proactive.channel", 63), ("proactive.channel", 180)} <= got5
    # 其中 breaks down the count right before it, not the sentence's last count (抚远市自然资源局 2022); who wrote an
    # account's posts is no kind (上海市科委 2024).
    got6 = _figs("通过政府门户网站共发布信息18篇,其中,政府信息年报1篇,土地资源6篇,矿产资源10篇,城市规划1篇;"
                 "同时,我局在黑龙江省信用公示平台共发布行政许可信息76条,行政处罚信息2条。")
    assert {("proactive.category", 6), ("proactive.category", 10)} <= got6
    assert ("proactive.category", 294) not in _figs("“上海科技”微信公众号共编发文章1640篇，其中原创文章294篇。")


def test_wordings_of_the_twelfth_round() -> None:
    # Helper g9's 南阳 pages, one rule each.
    assert ("proactive.total", 500) in _figs("全年通过各类平台发布政府信息超500条。")  # 汲滩镇 2025: every platform
    got = _figs("全年主动公开各类政府信息7479条,其中政府网站公开1970条,推送微信信息1808条,微博信息1760条,"
                "网路宣传1941条。")
    assert ("proactive.channel", 1941) in got and ("proactive.category", 1941) not in got  # 南阳市生态环境局 2022
    assert not any(k == "applications.received" for k, _v in _figs(
        "在复议、诉讼方面,本年度未收到有关政府信息公开的行政复议申请、未发生关于政府信息公开的行政诉讼案件。"))
    got2 = _figs("本年度,17个重点领域累计更新信息151条,其中政务动态51条、政策解读13条;"
                 "通过南阳晚报、南阳网、今日头条、中宏网等多渠道发布各类资讯及稿件超2800篇。")  # 城郊乡 2025
    assert {("proactive.total", 151), ("proactive.category", 51), ("proactive.category", 13)} <= got2
    assert not {v for _k, v in got2} & {2800} and ("interpretations.count", 13) not in got2
    assert not any(k == "fees.amount" for k, _v in _figs("本年度无行政事业性收费事项。"))  # 宛城区民政局 2025
    assert ("fees.amount", 0) in _figs("本年度无信息公开收费事项。")


def test_wordings_of_the_thirteenth_round() -> None:
    # Helper b8's batch, one rule each.
    # An earlier year's sentence when the report states its own year (衡阳县审批局 2023, 云湖桥镇 2023); not when the
    # year is only a guess (亭子坝镇 2014, year read from a slip).
    para = [("overview", "2022年我镇在本单位部门网站主动公开政府信息223条,工作动态113条。")]
    assert extract_figures(para, year=2023, year_stated=True) == []
    assert ("proactive.channel", 223) in {(f.key, f.value) for f in extract_figures(para, year=2023)}
    # One way of applying is no count of all applications (湘西州乡村振兴局 2023).
    assert not any(k == "applications.received" for k, _v in _figs("本年度收到网上提交依申请公开信息0件。"))
    # A long name of the first kind listed after a channel's verb (敏洞乡 2022).
    got = _figs("2022年,我乡利用剑河县人民政府门户网站主动公开政策文件、工作动态、社会事务等方面政策的信息69条、"
                "工作动态33条。")
    assert {("proactive.category", 69), ("proactive.category", 33)} <= got and ("proactive.channel", 69) not in got
    # Counties' parts after the city's total are no second total (平顶山 2010).
    got2 = _figs("通过人民政府门户网站主动公开信息共13749条。各县(市、区)公开信息15170条。")
    assert ("proactive.total", 15170) not in got2
    # Counted by channel after the year's total (大村镇 2024): outlets named by their level, no second total.
    got3 = {(f.key, f.value) for f in extract_figures([("proactive", (
        "2024年,大村镇累计公开政府信息427条。从公开渠道来看,古蔺县人民政府网站公开信息11条,学习强国等国家级媒体公开信息64条,"
        "四川新闻网等省市级平台公开信息33条。"))], year=2024)}
    assert {("proactive.total", 427), ("proactive.channel", 64), ("proactive.channel", 33)} <= got3
    assert ("proactive.total", 64) not in got3
    assert ("applications.received", 22) in _figs("2021年,我街共收到信息公开申请22宗。")  # 新华街道 2021 (广东: 宗)


def test_wordings_of_the_fourteenth_round() -> None:
    # Helpers b10 and z11 (zones), one rule each.
    assert ("proactive.channel", 126) in _figs(  # 复兴镇 2021: 专区 is an outlet
        "全年主动公开政府信息178条(其中政府网站公开政府信息数52条,政务公开专区公开政府信息数126条)。")
    got = _figs("累计主动公开政府信息173条,其中,政府网站公开文件政策、信息动态32条,“生态永新”微信公众号发布政务信息、"
                "政策法规工作动态等内容141条。")  # 永新镇 2020: each item's words name its outlet and verb
    assert {("proactive.channel", 32), ("proactive.channel", 141)} <= got
    assert not {("proactive.category", 32), ("proactive.category", 141)} & got
    got2 = _figs("2019年管委会累计公开政务信息131条:其中通过向市委办、市政府办报送信息公开88条,"
                 "通过管委会政务信息公开栏公开信息18条。")  # 弥勒工业园区 2019
    assert {("proactive.channel", 88), ("proactive.channel", 18)} <= got2
    assert ("proactive.total", 0) not in _figs("依申请公开2条,免于公开信息0条。")  # 周家桥街道 2023
    assert ("proactive.category", 73) in _figs(  # 北京街道 2020: a remark in brackets inside a kind's name
        "北京街道办事处全年主动公开政府信息86条,其中:组织机构类信息2条;政务(工作)动态类信息73条。")
    assert not any(k == "applications.received" for k, _v in _figs(
        "本年度兰州市政府及组成部门共收到有关政府信息公开的行政复议申请12件,均及时进行了答复。"))
    assert not any(k == "fees.amount" for k, _v in _figs("依申请公开政府信息不收取任何费用。"))  # a policy
    assert ("interpretations.count", 6) in _figs("主动公开政府信息478条;解读民生政策文件6余件。")  # 兴海县 2021
    assert not any(k == "proactive.total" for k, _v in _figs(  # 北京经开区 2012: since the regulation
        "自《条例》施行以来,截至2012年12月31日,政府信息公开专栏主动公开政府信息812条。"))
    got3 = {(f.key, f.value) for f in extract_figures([("proactive", (
        "高新区管委会累计主动公开政府信息272条。2010年新增主动公开政府信息57条。"))], year=2010)}
    assert ("proactive.total", 57) in got3 and ("proactive.total", 272) not in got3  # 乐山高新区 2010
    # The only channel's 共…主动公开 is the total, unless another channel's count follows (唐村镇 2020).
    got4 = {(f.key, f.value) for f in extract_figures([
        ("proactive", "通过网站主动公开政府信息共81条。"), ("proactive", "通过微信公众号发布信息108条。")])}
    assert ("proactive.total", 81) not in got4
    # 政策解读 inside a 其中 list of kinds is a kind; after the list has added up to its whole, a count of its own.
    assert ("proactive.category", 16) in _figs(
        "公开信息3000条。其中,政务类信息672条,机构职能类43条,制发政策解读16篇,规范性文件10篇。")
    assert ("interpretations.count", 14) in _figs(
        "2022年通过政府网站主动公开信息5767条,其中重点领域信息3683条,其他信息2084条,主动公开文件597份,发布政策解读14篇。")


def test_wordings_of_the_fifteenth_round() -> None:
    # Helper b12's batch, one rule each.
    got = _figs("为做好信息公开工作,专门配备了1名全职工作人员、2名兼职工作人员。")  # 甘霖镇 2012
    assert ("staff.full_time", 1) in got and ("staff.full_time", 2) not in got and ("staff.part_time", 2) in got
    assert not any(k == "interpretations.count" for k, _v in _figs(  # 海珠区 2022: 政策解读 inside a remark
        "2022年本单位通过政府网站主动公开政府信息100条,其中:1.政策文件类(含规范性文件、政策解读)24条。"))


def test_wordings_of_the_sixteenth_round() -> None:
    # Helper b13's 福州 county pages.
    assert not any(k == "proactive.category" for k, _v in _figs(  # 闽侯县政府办 2023: sent to the archives
        "本年度我办主动公开政府信息135条;向县档案馆累计报送政府信息主动公开文件135件。"))
    got = {(f.key, f.value) for f in extract_figures([("applications", (
        "本年度我街道共收到政府信息公开申请1件,为网络申请件。截至2023年12月31日,我街道累计受理依申请公开2件。"))])}
    assert ("applications.received", 1) in got and ("applications.received", 2) not in got  # 水部街道 2023
    # An application count before its noun, in 条 (金山街道 2023); 依申请公开信息数0条 among items made is no count of
    # applications (罗坊乡 2021).
    assert ("applications.received", 4) in _figs("2023年,金山街道办事处共收到4条公开政府信息的申请(历年累计17条)。")
    assert not any(k == "applications.received" for k, _v in _figs(
        "2021年度我单位共制作信息15条,其中主动公开信息数15条,占比100%;依申请公开信息数0条,占比0%。"))
    # 福州 county pages: a total of 政务动态信息; 主要类别有: opens kinds; kinds of a total printed in 件 (闽清 2022,
    # 泰宁 2023).
    got2 = _figs("2022年我县共主动公开政务动态信息共计5942条(包含重点领域信息公开栏目以及政府信息公开专栏),"
                 "其中政府信息公开专栏632条,主要类别有:机构职能类信息54条,政策、规范性文件类信息56条。")
    assert {("proactive.total", 5942), ("proactive.category", 54), ("proactive.category", 56)} <= got2
    assert ("proactive.category", 90) in _figs(
        "2023年全县累计主动公开政府信息557件,其中机构职能类信息90件,规划计划类信息23件。")


def test_wordings_of_the_seventeenth_round() -> None:
    # Third session, helpers b15 (南平, 龙岩) and b16 (天津, 黑龙江, 新疆 …), one rule each.
    # Channels named with "其他…渠道" and 主动公开: every channel, so the total (黑龙江省商务厅 2010).
    got = _figs("省商务厅2010年通过门户网站和其他信息公开渠道主动公开政府信息2398条,全文电子化率达100%。")
    assert ("proactive.total", 2398) in got and not any(k == "proactive.channel" for k, _v in got)
    # 主动公开、更新 is the year's publishing; the 累计 after it is then a running total (宁河县 2014).
    got2 = _figs("2014年,宁河区政府共主动公开、更新各类信息222条,累计主动公开信息2382条。")
    assert ("proactive.total", 222) in got2 and ("proactive.total", 2382) not in got2
    # 于 a website, in 件 of information: the only channel's 共 count, so also the total; documents sent to the
    # archives and the library (两馆) are no kind (建瓯市 2019).
    got3 = _figs("2019年,我市各部门、各乡镇街道于政务门户网站主动公开各类信息共8516件,主动报送“两馆”文件共1297件。")
    assert {("proactive.total", 8516), ("proactive.channel", 8516)} <= got3
    assert ("proactive.category", 1297) not in got3
    # The information, then 主动公开 and its count in 篇 (泗村店镇 2019); 依申请公开18篇 is no total.
    got4 = _figs("2019年全年,我单位基本做到了及时公开。政府信息主动公开170篇,依申请公开18篇。")
    assert ("proactive.total", 170) in got4 and ("proactive.total", 18) not in got4


def test_kinds_under_the_fujian_template() -> None:
    # 福建's 2008–2021 template states the total, then the kinds in their own paragraph or sentence: "主要类别情况:"
    # (湖镇 2013), "主要类别如下:" (厦门火炬高新区 2021), "全办主动公开政府信息:机构职能类信息0条;…" (永泰县政府办
    # 2022), and a sentence of kinds right after the total's (湄洲岛 2021) — never adding up past the total.
    got = {(f.key, f.value) for f in extract_figures([
        ("proactive", "(一)主动公开政府信息的数量共192条。"),
        ("proactive", "(二)主动公开政府信息的主要类别情况:党政信息类147条,文件类47条,制度类4条。")])}
    assert {("proactive.category", 147), ("proactive.category", 47), ("proactive.category", 4)} <= got
    assert ("proactive.category", 11) in _figs(
        "2021年主动公开政府信息212条。主动公开政府信息的主要类别如下:机构职能类信息7条,政策法规类信息11条。")
    got2 = {(f.key, f.value) for f in extract_figures([
        ("proactive", "1.主动公开政府信息的数量。2022年,全办主动公开政府信息2009条。"),
        ("proactive", "2.主要类别。2022年,全办主动公开政府信息:机构职能类信息0条;规划计划类信息7条。")])}
    assert {("proactive.category", 0), ("proactive.category", 7)} <= got2
    got3 = _figs("2021年,我办共主动公开信息26条。机构职能类信息2条,规划计划类信息1条,为民办实事类信息5条。")
    assert {("proactive.category", 2), ("proactive.category", 1), ("proactive.category", 5)} <= got3
    got4 = _figs("2021年,我办共主动公开信息6条。机构职能类信息2条,规划计划类信息5条。")
    assert ("proactive.category", 5) not in got4  # 2 + 5 would pass the total of 6
    # Without a total stated before, a sentence of kinds gives none.
    assert not any(k == "proactive.category" for k, _v in _figs(
        "我办认真做好公开工作。机构职能类信息2条,规划计划类信息1条。"))


def test_wordings_of_the_eighteenth_round() -> None:
    # Missing figures of the corpus read by a rule each (third session).
    got = _figs("2021年,我局收到依申请公开政府信息2条,办结2条,办结率100%。")  # 遂溪县农业农村局 2021
    assert ("applications.answered", 2) in got and ("applications.answered", 100) not in got
    got2 = _figs("收到公民、法人或其他组织提交政府信息公开申请0条。政府信息公开行政复议、行政诉讼0条。")  # 耿马县司法局
    assert {("review.total", 0), ("litigation.total", 0)} <= got2
    assert not any(k == "review.total" for k, _v in _figs("发生行政复议、行政诉讼3件。"))  # a joint count: no split
    # The only channel's 公开发布…共计 is the total too (鼓楼区市场监管局 2025); 公布 is a verb (东港镇 2021).
    assert ("proactive.total", 481) in _figs("2025年度通过区政府门户网站公开发布信息共计481条,全面实现数字化公开。")
    assert {("proactive.channel", 304), ("proactive.total", 304)} <= _figs(
        "2021年通过政府网站主动公布政府信息共计304条,全文电子化达100%。")
    # …but not a channel's 共计 after other counts (新安镇 2021).
    got3 = _figs("2021年,我镇主动公开政府信息共800余条,其中通过政府信息公开网站公开信息共471条,"
                 "通过其他渠道和平台公开政府信息共计300余条。")
    assert ("proactive.total", 300) not in got3 and ("proactive.channel", 300) in got3
    assert ("applications.received", 19) in _figs(  # 亳州高新区 2022: applications counted as 事项…项
        "2022年度,亳州高新区管委会受理并按时回复政府信息依申请公开事项19项,全部为自然人申请。")


def test_wordings_of_the_nineteenth_round() -> None:
    # Helpers b17 and b18 (third session), one rule each.
    assert ("staff.part_time", 4) in _figs("办公室安排了4名工作人员兼职负责政务公开的日常工作。")  # 梅林街道 2011
    # The 2008 tri-partition of documents: 依申请公开0件 there is a class, no count of applications (集美区安监局 2012).
    assert not any(k == "applications.received" for k, _v in _figs(
        "2012年度我局主动公开文件41件,依申请公开0件,不予公开125件。"))
    assert ("applications.received", 0) in _figs("2012年度我局依申请公开0件。")
    # Every channel at once: the total; a channel closed by 等途径 (林山乡 2020, 会仪镇 2021).
    got = _figs("2020年,林山乡全年通过多种渠道共发布信息376条,其中:政务公开平台发布信息236条;微信公众号发布信息140条。")
    assert ("proactive.total", 376) in got
    got2 = _figs("2021年我镇公开政府信息1030条,其中通过门户网站发布信息31条、通过公示公告栏等途径发布信息861条。")
    assert ("proactive.channel", 861) in got2 and ("proactive.total", 861) not in got2
    # …but not the ways, then another clause's count of one kind (福州保税区 2010).
    assert not any(k in ("proactive.channel", "proactive.total") for k, _v in _figs(
        "2010年,我委通过我区网站、电子屏幕、刊物等信息公开渠道对外公开,全年共对外公开财政性资金信息9条。"))
    # The sentences after another year's in its paragraph are about that year too (松江河镇 2020).
    got3 = {(f.key, f.value) for f in extract_figures([("overview", (
        "2019年,我镇通过抚松县政府网站公开信息94条。通过微信公众平台公布信息25条。通过新闻和报纸公开信611条。"))],
        year=2020, year_stated=True)}
    assert not any(v in (94, 25, 611) for _k, v in got3)
    got4 = {(f.key, f.value) for f in extract_figures([("overview", (
        "2019年,我镇通过县政府网站公开信息94条。2020年,我镇通过微信公众平台公布信息25条。"))],
        year=2020, year_stated=True)}
    assert ("proactive.channel", 25) in got4 and ("proactive.channel", 94) not in got4


def test_wordings_of_the_twentieth_round() -> None:
    # Helper b19 (2016–2018, 2024), one rule each.
    # 主动公开的信息数共有N条; a share after each kind keeps 政策解读 inside the list of kinds (泸州乡 2018).
    got = _figs("我乡今年来主动公开的信息数共有164条,其中:工作动态类信息122条,占74%;通知公告24条,占15%;"
                "政策解读6条,占4%;信息公开年报1条,占1%。")
    assert {("proactive.total", 164), ("proactive.category", 122), ("proactive.category", 6)} <= got
    assert not any(k == "interpretations.count" for k, _v in got)
    # Outlets named together after another channel's count are one channel more (胡家园街道 2024); first, with
    # 共计…主动公开, they state the total (鞍山市人社局 2020).
    got2 = _figs("2024年,我街通过门户网站主动公开信息26条,通过微博、微信公众号主动公开信息750条。")
    assert ("proactive.channel", 750) in got2 and ("proactive.total", 750) not in got2
    got3 = _figs("2020年市人社局通过市政府门户网站及本部门门户网站主动公开信息共计794条,通过政务新媒体发布信息251条。")
    assert ("proactive.total", 794) in got3 and ("proactive.channel", 251) in got3
    # Applications answered as 回复办理; their 办结率 is no hotline's, even after 申请人的诉求 (胡家园街道 2024).
    got4 = _figs("全面准确了解申请人的诉求,切实提高办理答复质量,全年受理公开申请40件,回复办理40件,办结率为100%。")
    assert ("applications.answered", 40) in got4 and not any(k == "hotline.completion_rate" for k, _v in got4)
    # On a page flattened to one line, a 无 answering one numbered item says nothing of the next (长湖乡 2018).
    assert not any(k == "review.total" for k, _v in _figs(
        "4.政府信息公开的收费及减免情况:无5.因政府信息公开申请行政复议、提起行政拆讼的情况:4条二、工作措施"))


def test_wordings_of_the_twenty_first_round() -> None:
    # Helper b20 (district and county departments, streets), one rule each.
    # 共发布、更新各类信息 is the year's publishing: the total, and its 26 kinds (宣州区自然资源局 2021).
    got = _figs("全年共发布、更新各类信息567条。其中:政策法规13条,规范性文件立改废信息12条,重点栏目212条。")
    assert {("proactive.total", 567), ("proactive.category", 212)} <= got
    # Kinds published on one channel are kinds, not the channel's count (泽州县民政局 2022, 长春某局 2023).
    got2 = _figs("2022年,在泽州县人民政府门户网站发布动态类信息56条,及时准确公开群众关心关注的内容。")
    assert ("proactive.category", 56) in got2 and not any(k == "proactive.channel" for k, _v in got2)
    got3 = _figs("截止2023年12月31日我局通过官方网站发布政务类信息34条,概况类信息150条。")
    assert {("proactive.category", 34), ("proactive.category", 150)} <= got3
    assert not any(k == "proactive.channel" for k, _v in got3)
    # An account on 抖音 and a 公示栏 are channels (西宁城中区文旅局 2023, 东岗镇 2020); outlets listed and closed by 等
    # with 主动公开 state the total (八里镇 2023).
    assert ("proactive.channel", 41) in _figs("2023年在“香水书院”抖音号累计发布信息41条。")
    assert ("proactive.channel", 15) in _figs("2020年,我镇通过县政府网站公开信息74条,通过电子公示栏公布政务信息15条。")
    assert ("proactive.total", 48) in _figs("(一)主动公开政府信息情况。利用电子屏、公告栏等主动公开政府信息48条。")
    # An on-time rate is no completion rate (礼让街 2025); 热线办理N条 is what the hotline received (西乡塘街道 2024).
    assert not any(k == "hotline.completion_rate" for k, _v in _figs(
        "全年累计办理各类投诉231件、督办事项18件、信访26件,按时办结率100%。"))
    assert ("hotline.received", 1572) in _figs("线下主动公开政府信息文件93份。完成12345政府热线办理1572条。")


def test_wordings_of_the_twenty_second_round() -> None:
    # Missing figures of the corpus, one rule each (third session).
    got = {(f.key, f.value) for f in extract_figures([  # 长湖乡 2018: the 2008 outline's items answered on their line
        ("overview", "1.主动公开政府信息的情况:81条"), ("overview", "4.政府信息公开的收费及减免情况:无")])}
    assert {("proactive.total", 81), ("fees.amount", 0)} <= got
    assert not any(k == "fees.amount" for k, _v in _figs("4.政府信息公开的收费及减免情况:无5.因政府信息公开申请行政复议"
                                                         "的情况:4条"))  # 无 is item 4's answer, but 4条 follows item 5
    # The only channel's 公开…累计 is the total too (安镇街道 2024).
    assert {("proactive.total", 49), ("proactive.channel", 49)} <= _figs(
        "2024年,安镇街道主动在政务公开网上公开政府信息累计49条,其中政务信息公开14条。")
    # 已办结N without its unit after the count received (关东街 2025).
    assert ("applications.answered", 18) in _figs(
        "2025关东街共受理政府信息公开申请21件,结转上年度2件,其中网上申请20件,书面申请3件,已办结18,结转下年度继续办理5。")


def test_wordings_of_the_twenty_third_round() -> None:
    # Helper b22 (2008–2015, 北方 and 中部), one rule each.
    # Outlets named together with 主动发布 state the total (哈尔滨市外侨办 2011).
    got = _figs("2011年,我办通过市外侨办政务外网及市政府门户网站主动发布信息总量达200条,其中外事动态信息129条。")
    assert ("proactive.total", 200) in got and not any(k == "proactive.channel" for k, _v in got)
    # Counts by level of government are parts, never the total (黑龙江省 2011).
    assert not any(k == "proactive.total" for k, _v in _figs(
        "省政府及省直单位主动公开信息14.9万条,较上年增长96%;各市(地)政府及市直单位主动公开信息39.9万条,同比下降6%。"))
    # Consultations about applying state neither count (中原区审计局 2015); each stated plainly, both.
    assert _figs("2015年度,本局未收到依申请公开信息的咨询。") == set()
    got2 = _figs("2015年度,本局未收到政府信息公开申请,也未收到咨询。")
    assert {("applications.received", 0), ("consultations.received", 0)} <= got2
    # One kind published on outlets named together is no channel's figure (岳阳市民政局 2015).
    assert not any(k in ("proactive.channel", "proactive.total") for k, _v in _figs(
        "在政府网站和县民政局网站主动公布低保和五保对象信息23093条。"))


def test_wordings_of_the_twenty_fourth_round() -> None:
    # Helper b21 (浙江, 江苏, 广东, 山东 2019–2025), one rule each.
    # A sub-heading naming a channel, run into its paragraph: the count under it is that channel's (华富街道 2022).
    got = {(f.key, f.value) for f in extract_figures([
        ("proactive", "我街道2022年主动公开政府信息共304条。在主动公开的信息中,通过福田政府在线网站公开信息165条,"
                      "占总体比例的54%;通过新闻报刊公开信息53条,占总体比例的17%。"),
        ("proactive", "(一)福田政府在线街道办事处主页。下设工作动态等栏目,2022年共主动公开政府信息165条。"),
        ("proactive", "(二)新闻报刊。通过《南方日报》等新闻报刊媒体,公开街道重点工作,2022年公开53条。")])}
    assert ("proactive.total", 304) in got and ("proactive.total", 165) not in got
    assert {("proactive.channel", 165), ("proactive.channel", 53)} <= got and ("proactive.total", 53) not in got
    # Information reported upward is no kind (江阴临港开发区 2023).
    assert ("proactive.category", 316) not in _figs(
        "2023年,全年主动公开政府信息1464条,其中政府发文6条,网站信息516条,微信信息626条,上报政府信息316条。")
    # The website's 共计 with another channel's count after it in the sentence is its own (萧山区农业农村局 2024).
    got2 = _figs("本年度我局在区政府信息公开网公开信息共计251条,通过“萧山三农”微信公众号发布政务动态信息524条。")
    assert ("proactive.total", 251) not in got2 and ("proactive.channel", 251) in got2
    # Requests to disclose, and the number answered before its noun (萧山区农业农村局 2024).
    got3 = _figs("2024年,收到群众要求公开政府信息21件,其中当面申请1件。目前20件申请已办结,1件申请结转2025年答复。")
    assert {("applications.received", 21), ("applications.answered", 20)} <= got3


def test_since_an_earlier_year_is_a_running_total() -> None:
    # "自2008年以来" in the 2012 report scopes its sentence: a running total, even without 累计; "2012年以来" and
    # "今年以来" are the report year's own (settled for helper b23's batch).
    def figs(text: str, year: int) -> set[tuple[str, object]]:
        return {(f.key, f.value) for f in extract_figures([("proactive", text)], year=year, year_stated=True)}
    assert ("proactive.total", 1200) not in figs("自2008年以来,街道主动公开政府信息1200条。", 2012)
    assert ("proactive.total", 120) in figs("2012年以来,街道共主动公开政府信息120条。", 2012)
    assert ("proactive.total", 120) in figs("今年以来,街道共主动公开政府信息120条。", 2012)


def test_wordings_of_the_twenty_fifth_round() -> None:
    # Helpers b23 (running totals) and b24 (the west, 2019–2025), one rule each.
    # A running total printed with the year's own count in brackets: the year's count (民治街道 2022).
    got = {(f.key, f.value) for f in extract_figures([("proactive", (
        "2022年,民治街道累计公开信息7976条(2022年新增435条),在已公开信息当中公告、新闻动态类信息累计4849条(2022年新增"
        "204条),政策法规类信息1130条(2022年新增98条)。"))], year=2022, year_stated=True)}
    assert {("proactive.total", 435), ("proactive.category", 204), ("proactive.category", 98)} <= got
    assert not any(v in (7976, 4849, 1130) for _k, v in got)
    # Since the report year's first month, the year's own (东郊办事处 2019).
    got2 = {(f.key, f.value) for f in extract_figures([("proactive", (
        "自2019年1月份以来我办共计发布各类信息共408条,其中政策文件22条,机构设置3条。"))], year=2019, year_stated=True)}
    assert ("proactive.total", 408) in got2
    # The areas a total covers (迎宾路街道 2021).
    assert ("proactive.total", 423) in _figs("截止到2021年12月,迎宾路街道主动公开涉及疫情防控等方面信息423条。")
    # Consultations about non-disclosure, reposted interpretations and mailbox replies are none of those counts
    # (长高乡 2025, 温都尔勒图苏木 2021, 陇县城关镇 2023).
    assert not any(k == "consultations.received" for k, _v in _figs("全年未接到关于信息不予公开的相关咨询事项。"))
    assert not any(k == "interpretations.count" for k, _v in _figs("2021年我苏木通过公众平台转发各类政策解读150条。"))
    got3 = _figs("2023年全镇通过政府网站、公开专栏等途径向社会公开各类政府信息328条次,其中:通过政府网站公开"
                 "镇领导班子成员分工2条、通知文件12条,全年县长信箱留言答复17条。")
    assert ("proactive.category", 17) not in got3


def test_kinds_after_zhuyao_baokuo_and_a_total_named_again() -> None:
    # "主要包括…" after the total (新华街道 2019); "在…公开的信息总数40条中,…" (江密峰镇 2013).
    got = _figs("2019年主动公开政府信息数696条,其中全文电子化率达100%。主要包括部门动态477条、重点领域202条。")
    assert {("proactive.category", 477), ("proactive.category", 202)} <= got
    one = extract_figures([("proactive", "2019年主动公开政府信息数696条。主要包括部门动态477条。")])
    assert any(f.label == "部门动态" for f in one)
    got2 = {(f.key, f.value) for f in extract_figures([
        ("proactive", "全镇政府共对外公开信息40条。"),
        ("proactive", "在2013年全部公开的信息总数40条中,全镇公开规范性文件类信息15条,占37.5%,规划计划类信息7条。")])}
    assert {("proactive.category", 15), ("proactive.category", 7)} <= got2


def test_wordings_of_the_twenty_sixth_round() -> None:
    # Helper b26 (福建's county departments 2021–2025), one rule each.
    # The year's count first, a 累计 one after it: the running total (晋安区发改局 2023).
    got = _figs("1、主动公开政府信息的数量:2023年度我局主动公开政府信息44件,累计主动公开政府信息2305条。")
    assert ("proactive.total", 2305) not in got and ("proactive.total", 44) in got
    # …but not 截至 the year's end, 累计 the year's own (三门沿海工业城 2016's convention).
    assert ("proactive.total", 20) in _figs("截至2016年12月31日,我委累计发布信息20条。")
    # Interpretations counted before their noun (晋安区发改局 2023, 石狮市农业农村局 2021).
    assert ("interpretations.count", 0) in _figs("4、开展政策解读工作情况:2023年我局开展0条政策解读。")
    assert ("interpretations.count", 8) in _figs(
        "主动公开政府信息16条,其中主动公开规范性文件类信息8条,安全生产、应急管理类信息1条,其他类信息7条,并相应发布了8条政策解读稿。")


def test_wordings_of_the_twenty_seventh_round() -> None:
    # Helper b25 (pages with a CMS or crawler header), one rule each.
    # 政策解读类信息 in a list of kinds is a kind (杨郢乡 2023).
    assert not any(k == "interpretations.count" for k, _v in _figs(
        "乡镇本级栏目中公开决策公开类信息5条、管理和服务类信息54条、政策解读类信息2条、执行和结果类12条。"))
    # A disclosure platform named in a 其中 item with its verb is that channel's count (公园街道 2021).
    got = _figs("2021年,我主动公开政府信息400余条,其中政府信息公开平台公布政务信息53条,公众号“印象公园”发布300余条。")
    assert ("proactive.channel", 53) in got and ("proactive.category", 53) not in got
    # The only channel's 共新增主动公开 is the total too (云岭乡 2023).
    assert ("proactive.total", 41) in _figs("2023年度在永嘉县政府信息公开网站上共新增主动公开政府信息41条。")


def test_wordings_of_the_twenty_eighth_round() -> None:
    # Helper b28 (city and province departments 2019–2025), one rule each.
    # 分平台看 lists channels, none of them the total; 共公开各类统计信息 is the total (张掖市统计局 2020).
    got = _figs("2020年,共公开各类统计信息1870条。分平台看,政府网站发布各类信息285条,微信公众号发布各类信息74条,"
                "今日头条公开各类信息67条。")
    assert ("proactive.total", 1870) in got and ("proactive.total", 67) not in got
    assert {("proactive.channel", 285), ("proactive.channel", 67)} <= got
    # A part named by its outlet is that channel's count, verb or none (眉山市人社局 2022).
    got2 = _figs("2022年,我局通过政府信息公开平台公开政府信息共计677条,其中,政府网站人社信息387条、“眉山人社”微信服务号"
                 "发布信息290条。")
    assert ("proactive.channel", 387) in got2 and ("proactive.category", 387) not in got2
    # A column's own count in a list of kinds, and proposals received, are no kinds (江苏省交通运输厅 2023,
    # 渭南市民政局 2019).
    assert ("proactive.category", 33) not in _figs(
        "专栏共主动发布政府信息473条,其中发布政策解读信息15条;交通强国建设试点专栏,总结发布阶段性成效33条;公开预决算信息68条。")
    got3 = {(f.key, f.value) for f in extract_figures([("overview", (
        "2019年,市民政局收到人大代表建议和政协委员提案共24件。其中,市人大代表建议12件,市政协提案12件。"))])}
    assert ("proactive.category", 12) not in got3
    # Columns named before the verb are outlets, not a kind of documents (杭州市统计局 2020).
    assert ("proactive.category", 472) not in _figs(
        "2020年市统计局通过网站通知公告、工作动态、规划计划、人事任免等栏目主动公开信息472篇:其中通知公告类信息22篇。")


def test_wordings_of_the_twenty_ninth_round() -> None:
    # Helpers b29 (central towns 2020–2025) and b30 (county governments 2015–2020), one rule each.
    assert not any(k == "review.total" and v == 1 for k, v in _figs(  # 茶恩寺镇 2022: 没有一件 is none
        "2022年,我镇没有收到政府信息公开申请,全年没有一件因政府信息公开工作被申请行政复议、提起行政诉讼。"))
    assert not any(k == "fees.amount" for k, _v in _figs(  # 白水乡 2020: Table 2's fee row, not disclosure fees
        "(2)本年度政府信息公开工作没有发生相关行政事业性收费情况。"))
    assert not any(k == "applications.answered" for k, _v in _figs(  # 彰武县 2019: replies to proposals
        "2019年我县主动公开各类政务信息3000余份,其中政府文件121份,公开各类建议提案答复12件,依申请公开受理6件。"))
    assert not any(k == "applications.received" for k, _v in _figs(  # 大英县 2020: one way of applying
        "2020年,我县收到政府信息公开书面申请12件;涉及信息公开行政复议1项。"))
    assert not any(k == "applications.answered" for k, _v in _figs(  # 番禺区 2019: reviews of the replies
        "2019年,共受理政府信息公开申请55件,全部按时办结;所作信息公开申请答复被申请行政复议共1件。"))


def test_wordings_of_the_thirtieth_round() -> None:
    # Helper b31 (福建 2012–2018). The year's share of a running total, stated without a verb, is the year's total
    # (闽侯县审计局 2018); another year's share is not.
    line = "经过梳理和编目,我局历年累计主动公开信息210条,其中2018年度55条."
    got = {(f.key, f.value) for f in extract_figures([("overview", line)], year=2018)}
    assert ("proactive.total", 55) in got and ("proactive.total", 210) not in got
    assert not any(f.key == "proactive.total" for f in extract_figures(
        [("overview", "经过梳理和编目,我局历年累计主动公开信息210条,其中2017年度55条.")], year=2018))


def test_wordings_of_the_thirty_first_round() -> None:
    # Helper b32 (2019–2025 pages reaching their tables), one rule each.
    # An account's platform publishing, without 通过/在, is that channel's count, not the total (鸭南乡 2021).
    got = _figs("鸭南乡鸭南微讯”微信平台公开发布信息78条,涉及政策文件解读、规划计划等方面内容。")
    assert ("proactive.channel", 78) in got and ("proactive.total", 78) not in got
    # 主动公开了 is 主动公开 (吴起县商务局 2022).
    assert ("proactive.total", 24) in _figs("一年来,我局主动公开了各类信息24条,内容涵盖了重大项目、机构职能等信息。")
    # Only an account pushes: the count pushed in a sentence naming one account is that account's (成山镇 2019).
    got2 = _figs("利用“荣成成山”微信公众号,及时发布成山镇工作动态、政策解读等,2019年推送信息128条,是有益补充。")
    assert ("proactive.channel", 128) in got2 and ("proactive.total", 128) not in got2


def test_wordings_of_the_thirty_second_round() -> None:
    # Helper b33 (provinces the corpus had least of), one rule each.
    # Fees on request are no applications (月浦镇 2025).
    assert not any(k == "applications.received" for k, _v in _figs(
        "申请均在法定期限内予以答复,未发生依申请公开政府信息收费、减免情况。"))
    # The year's own count after a 累计 one and a clause between: the 累计 one is the running total (高桥镇 2009).
    line = "本镇到2009年底累计主动公开政府信息81条,全文电子化率达100%,其中,本年度新增的主动公开政府信息27条。"
    got = {(f.key, f.value) for f in extract_figures([("overview", line)], year=2009)}
    assert ("proactive.total", 27) in got and ("proactive.total", 81) not in got
    # A list of kinds after a channel's count: none of them is more of that channel (东梁乡 2023).
    got2 = _figs("通过盂县东梁乡政府信息公开平台,共发布政务信息742条,行政权力信息62条,"
                 "惠民资金政策和补贴发放类信息364条,意见征集信息8条,政策解读信息6条,主动回应信息21条。")
    assert ("proactive.channel", 62) not in got2
    # A part larger than the whole it breaks down: both kept as published, both unsure (西藏国资委 2020).
    figs = extract_figures([("overview", "充分发挥政府门户网站作用,主动公开信息19条,其中向政府网站推送35条。")])
    flagged = {(f.key, f.value) for f in figs if f.unsure}
    assert {("proactive.total", 19), ("proactive.channel", 35)} <= flagged


def test_wordings_of_the_thirty_third_round() -> None:
    # Helpers b34 (city and province departments, zones) and b35 (福建 2019–2020), one rule each.
    got = _figs("2019年,累计对外公开规章和规范性文件14件,行政处罚2项,收到并处理政府信息公开申请7项。")  # 福州市统计局
    assert ("applications.received", 7) in got
    assert not any(k == "applications.received" for k, _v in _figs("全年受理行政许可申请58项。"))
    assert ("proactive.category", 45) not in _figs(  # 辽宁省卫健委 2020: sent up, not published
        "全年通过门户网站等平台公开发布信息2249条,向省政府办公厅送交主动公开文件45件。")
    assert not any(k == "applications.answered" for k, _v in _figs(  # 遵义市人社局 2021: one outcome of several
        "我局2021年度共受理依申请公开政府信息申请12件,答复7件,不予受理4件。"))
    assert ("proactive.category", 33) not in _figs(  # 杭州市卫健委 2023: kept in force, not published
        "2023年度新发布的行政规范性文件4件,制作相关解读文字和图片8个,确定继续有效的行政规范性文件33件。")
    got2 = _figs("2021年,高新区通过各类政务公开载体发布信息18269条,其中天津滨海高新技术产业开发区政务网2905条,"
                 "微博(天津高新区THT)6128条,今日头条5135条,一点资讯2487条,抖音74条。")  # 天津滨海高新区 2021
    assert ("proactive.total", 18269) in got2
    assert {("proactive.channel", v) for v in (2905, 6128, 5135, 2487, 74)} <= got2
    assert not any(k == "proactive.category" for k, _v in got2)


def test_wordings_of_the_thirty_fourth_round() -> None:
    # Helpers b36 (2014–2018, central provinces) and b37 (crawler pages), one rule each.
    assert not any(k == "interpretations.count" for k, _v in _figs(  # 昌岗街道 2018: inside a kind's bracket
        "全年主动公开政府信息250条。其中:1.组织机构类信息5条;2.工作文件类(包括规范性文件、政策解读等)信息10条。"))
    assert not any(k == "hotline.received" for k, _v in _figs(  # 淄川区卫计局 2014: a kind naming a hotline
        "公告、通知类信息620条,占19.7%;便民热线、规划总结等其它类信息641条,占20.4%。"))
    assert not any(k.startswith("consultations") for k, _v in _figs(  # 怀化市统计局 2017: ways of asking
        "共解答网上咨询4人次;接听电话咨询1000余人次,现场接待咨询200余人次。"))
    got = _figs("本街道2018年通过福田政府在线共主动公开政府信息524条,其中全文电子化率达100%。"
                "本街道2018年通过街道官方微信公众号共发布有关信息519条。")  # 香蜜湖街道 2018
    assert ("proactive.channel", 524) in got and ("proactive.total", 524) not in got
    got2 = _figs("截至2020年12月31日,我局主动公开政府信息88条,其中政府网站公开政府信息数38条,"
                 "诗画浦江公开政府信息数50条。")  # 浦江县交通运输局 2020: parallel parts, an app by its name
    assert {("proactive.channel", 38), ("proactive.channel", 50)} <= got2
    got3 = _figs("截至2017年底,我局共公布政府信息、工作动态信息128余条。其中:政府网站公开政府信息数46条,"
                 "政务微信公开政府信息数58条,其他方式24条。")  # 平江县档案局 2017
    assert ("proactive.total", 128) in got3 and ("proactive.channel", 24) in got3
    assert ("interpretations.count", 429) in _figs("加大政策解读力度,发布各类解读429件,在天津政务网开展在线访谈20期。")
    assert ("fees.amount", 0) in _figs("无政府信息公开的收费及减免情况。")  # 郎溪县交通运输局 2019
    got4 = _figs("我局2017年度共受理有关政府信息公开工作的行政复议、行政诉讼和申诉案件0件。")
    assert {("review.total", 0), ("litigation.total", 0)} <= got4
    got5 = _figs("2021年,全县各级各部门通过县政府门户网站暨信息公开平台共主动公开机构信息、政策文件、财政预决算、"
                 "疫情防控等方面政府信息7579条,未发生信息公开泄密事件。")  # 威县 2021: the only channel's 共…主动公开
    assert {("proactive.total", 7579), ("proactive.channel", 7579)} <= got5


def test_wordings_of_the_thirty_fifth_round() -> None:
    # Helpers b38 (2008–2013 towns) and b39 (2024–2025 county departments), one rule each.
    got = _figs("2024年,通过市政府信息公开统一平台等渠道,主动公开政府信息79条。")  # 五常市自然资源局 2024
    assert ("proactive.total", 79) in got and ("proactive.channel", 79) not in got
    assert ("proactive.total", 385) in _figs("结合我镇实际,对全年政府工作形成的信息进行了梳理,全年共上传信息385条。")
    assert ("proactive.total", 24) in _figs("2009年我街政府信息公开的数量有24件。")  # 通江街道 2009
    assert not any(k == "proactive.total" for k, _v in _figs("2009年依申请政府信息公开的数量有2件。"))
    assert ("fees.amount", 0) in _figs("2011年度暂不存在政府信息公开收费及减免情况。")  # 文庙街道 2011


def test_wordings_of_the_thirty_sixth_round() -> None:
    # Helper b40 (2019-form tables), one rule each.
    got = _figs("2020年,我乡通过各类方式公布政务信息近300条,其中:政府门户网站主动公开信息20条;微信公众号公布73条。")
    assert ("proactive.total", 300) in got and ("proactive.channel", 300) not in got  # 骑马乡 2020: every channel
    assert ("hotline.received", 132) in _figs(  # 南通市民政局 2019
        "接处“12345”专网交办的来电来信工单共132件,市长信箱42件,接处网上依申请公开7件。")
    assert not any(k == "hotline.received" for k, _v in _figs(  # 西夏区 2024: handled through several channels
        "办理答复中国政府网、微博、“12345”等渠道咨询投诉500余件,办结率100%。"))


def test_wordings_of_the_thirty_seventh_round() -> None:
    # Helper b41 (city and province departments 2010–2016), one rule each.
    got = _figs("2010年,通过政府信息公开专栏及我局政务网站主动公开政府信息2585条,全文电子化率为100%。")  # 北京市环保局
    assert ("proactive.total", 2585) in got and not any(k == "proactive.channel" for k, _v in got)
    got2 = _figs("截止2011年12月31日,我局通过市政府信息公开系统和民政局网站主动公开政府信息累计91条,全部为网上公开。")
    assert ("proactive.total", 91) in got2 and not any(k == "proactive.channel" for k, _v in got2)  # 鄂尔多斯市民政局
    assert not any(v == 148 for _k, v in _figs(  # 攀枝花市审计局 2014: each outlet's, or both — not said
        "2014年,我局在攀枝花市人民政府门户网站和攀枝花市审计局门户网站信息公开栏目分别主动公开政府信息148条。"))


def test_wordings_of_the_thirty_eighth_round() -> None:
    # Helper b42 (2021–2023 towns reaching their tables), one rule each.
    assert ("proactive.total", 200) in _figs(  # 金紫乡 2021: the areas listed, closed by 等…领域
        "全年我乡主动公开机构设置、领导人事变动、安全生产、环境保护、减灾救灾、乡村振兴等相关领域信息共计200余条。")
    assert ("proactive.channel", 36) in _figs("2022年,共发布信息18条,发布政府公报1期。微信公众平台发布36条。")  # 卯都乡


def test_wordings_of_the_thirty_ninth_round() -> None:
    # Helper b43 (福建 towns and departments 2021–2025), one rule each.
    got = _figs("2023年华大街道主动公开政府信息共6条。",
                "2023年度公开的6条政府信息中,业务公文2条、人事信息、公务员招录考试3条、其他应当主动公开的政府信息1条。")
    assert ("proactive.total", 6) in got and ("proactive.total", 1) not in got  # 华大街道 2023: a kind, not the total
    assert not any(k == "proactive.total" for k, _v in _figs(  # 三元区卫健局 2025: the statutory items
        "《中华人民共和国政府信息公开条例》第二十条规定的法定主动公开0条政府信息;公开行政法规、规章和规范性文件0条。"))


def test_wordings_of_the_fortieth_round() -> None:
    # Helper b45 (northern towns and departments 2019–2023): information counted in 项 (府谷县交通运输局 2022).
    assert ("proactive.total", 16) in _figs("对招生入学、人事编制等事项积极主动进行政务公开,全年主动公开信息16项。")


def test_wordings_of_the_forty_first_round() -> None:
    # Helper b44 (south-west 2015–2020): one kind on outlets named together is no channel's count (钟祥镇 2019).
    got = _figs("在信息公示栏、宣传展板、工作手册公开内容145条;在眉山日报、四川农村日报公开发布工作动态5条。")
    assert not any(v == 5 for _k, v in got)


def test_wordings_of_the_forty_second_round() -> None:
    # Helper b47 (zones and province offices): a list of kinds joined by 、 after one outlet is no channel's count
    # (湖南省政府办公厅 2020).
    got = _figs("在全国省级政府网站率先建立“抗击新冠肺炎疫情—湖南在行动”专栏,发布疫情防控举措445条、疫情总体信息343期、"
                "辟谣信息21条、防护知识83条。")
    assert not any(k == "proactive.channel" for k, _v in got)
