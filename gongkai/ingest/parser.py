"""Parser: a reader's token stream → ``ReportData`` (agency, year, era, table cells, sections, prose).

The era comes from the table labels (``formats.detect_layouts``), never from the year. Table rows are found
by their declared labels (tolerantly, spec §0.2) and take the value tokens that follow, up to the row's
number of cells: numbers become int/Decimal, dashes and empty cells stay blank (None), any other short
text is kept as a note (e.g. "由市司法局填报"), never 0. When the source does not say which cell a
value belongs to (fewer values than cells in a flattened table), the values are kept as raw text and
flagged ``unsure`` instead of being placed by guess. Table 4 has no row label: its 15 values follow the
section heading or the 行政复议 header. Pre-2019 统计表 rows are matched in order (labels repeat under
四 and 五) and unknown rows are kept as free label/value/unit triples. Page chrome is dropped first.
Crawler pages that print a whole body on one line are cut back into rows: spaced tables cell by cell, and
tables with nothing between labels and figures by finding the form's row labels in the text (``_unglue_*``);
glued runs are split only by the form's rules. Table 3 figure rows printed apart from their labels are placed
by the form's row order only where every sum holds (``resolve_loose``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from gongkai.formats import (
    FORMATS,
    HEADING_UNIT,
    READ_FORMATS,
    STATS_TITLE,
    STATS_VALUE,
    Block,
    Column,
    Format,
    Row,
    Table,
    detect_layouts,
    get_format,
    group_index,
    normalize_label,
    normalize_with_positions,
    row_index,
    section_format,
    section_index,
)
from gongkai.formats.local2008 import (
    CUMULATIVE,
    LOCAL_COLUMN_WORDS,
    LOCAL_PARTS,
    LOCAL_RULES,
    LOCAL_SKIP_WORDS,
    LOCAL_TABLE,
    YEAR,
)
from gongkai.formats.pre2019 import STATS_TABLE
from gongkai.formats.shared import TABLE4_ROW
from gongkai.ingest.evidence import Evidence
from gongkai.ingest.glued import (
    is_digit_run,
    narrow_by_column_sums,
    narrow_by_rules,
    split_groups_with_totals,
    split_plain,
    split_with_total,
    split_year_and_running_total,
)
from gongkai.ingest.prose import extract_figures
from gongkai.ingest.readers import EOR, Token
from gongkai.reports.data import Cell, FreeRow, ReportData

# --- page chrome --------------------------------------------------------------------------------------

_CHROME = re.compile(
    r"^(?:上一[条篇页]|下一[条篇页]|相关(?:链接|文章|阅读))\s*[:：]|版权所有|ICP备|公网安备|网站标识码|^扫一扫|"
    r"^(?:【?关闭(?:窗口)?】?|【?打印(?:本页)?】?|返回顶部|分享到|收藏本页)\s*$|^首页\s*(?:>|>>|»|/|＞)|技术支持\s*[:：]|"
    r"^(?:主办|承办|协办)(?:单位)?\s*[:：]|^推荐使用|^(?:微博|微信|分享)\s*$|字体\s*[:：]?\s*[【\[]?\s*大|"
    r"^地址\s*[:：].*电话|点击(?:数|量|率)?\s*[:：]|^(?:当前位置|您当前的位置|您的位置|所在位置)\s*[:：]|"
    r"浏览次数|阅读次数|^\[?\s*(?:大|中|小)\s*\]?\s*$"
)
_TITLE_RE = re.compile(
    r"^(?:关于)?(?P<a1>[^。，,；;:：]*?)(?P<y>(?:19|20)\d{2})\s*年(?:度)?(?P<a2>[^。，,；;:：]*?)"
    # ("…关于2021年度政府信息公开情况的报告", 宁强县自然资源局; "…2025年政务信息公开工作开展年度报告", 西藏审计厅.)
    # ("武夷山市人民政府办公室 关于2018年政府信息公开工作的年度报告", 武夷山市 2018.)
    r"(?:政府|政务)?信息(?:年度)?(?:与政务)?公开(?:工作)?(?:开展)?(?:情况)?(?:年度)?的?(?:年度)?(?:报告|年报)(?!如下)"
    # Not a notice about the reports ("关于做好2021年政府信息公开工作年度报告编制发布工作的通知").
    r"(?!编制|发布|报送|填报|有关|相关|格式|模板|工作的?通知|的通知|事项|公布如下)"
)
# The year in brackets after the title ("宝坻区大钟庄镇政府信息公开工作年度报告 (2019年)", 天津's district pages).
_TITLE_PAREN_RE = re.compile(
    r"^(?P<a1>[^。，,；;:：\d]{2,40}?)政府信息(?:与政务)?公开(?:工作)?年度报告[（(](?P<y>(?:19|20)\d{2})年度?[)）]$")
# The year printed without 年 ("2009上海市浦东新区高桥镇政府信息公开工作年度报告", 高桥镇 2009;
# "西藏自治区政府国资委2020政府信息公开工作年度报告", 西藏国资委 2020).
_TITLE_BARE_YEAR_RE = re.compile(
    r"^(?P<a1>[\u4e00-\u9fff]{2,40}?)?(?P<y>(?:19|20)\d{2})(?P<a2>[\u4e00-\u9fff]{2,30}?)?"
    r"(?<=[\u4e00-\u9fff])(?:政府)?信息公开(?:工作)?年度报告$")
# A title opening a long line ("保定市徐水区交通运输局 2021年度…报告 根据《…》…", a page on one line;
# "江门市人民政府办公室(以下简称市府办公室)2013年政府信息公开工作年度报告。本报告由…", the line the opening
# sentence's 现公布 broke before).
_LEAD_TITLE_RE = re.compile(
    r"^\s*([\u4e00-\u9fff（）()]{2,40}\s?(?:19|20)\d{2}\s?年度?[\u4e00-\u9fff]{0,20}?报告)[\s。]")


def _with_lead_title(line: str) -> tuple[str, ...]:
    m = _LEAD_TITLE_RE.match(line) if len(line) > 80 else None
    if m is not None and re.search(r"公布|发布|编制|现将|报送|印发|根据|按照", m.group(1)):
        m = None  # a sentence ("…办事处向社会公布2021年…报告。"), not a title
    return (m.group(1), line) if m else (line,)


_BARE_ORGANS = frozenset({"办事处", "街道办事处", "人民政府", "政府", "管委会", "管理委员会", "委员会", "办公室", "局"})
_PLACE_LINE_RE = re.compile(r"^[^\d\s，。,:：|>《》]{2,30}(?:镇|乡|街道|区|县|市|人民政府)$")
_TITLE_ALT_RE = re.compile(
    r"^(?:关于)?(?P<a1>[^。，,；;:：\d]{2,40}?)政府信息(?:与政务)?公开(?:工作)?(?P<y>(?:19|20)\d{2})\s*年度?(?:报告|年报)"
)
# ("自2009年1月1日《条例》实施之日起,至2009年12月31日止", 大栅栏街道 2009: words between the two dates.)
# ("自2014年1月1日起至12月22日止", 吴淞街道 2014: a period cut short at the day the report was written.)
# ("统计期限为2022年1月1日到2022年12月31日止", 盐城市生态环境局 2022.)
_PERIOD_RE = re.compile(r"((?:19|20)\d{2})年1月1日[^。；;\d]{0,16}?(?:至|到)\s*(?:\1年)?12月[0-3]?\d日")
# ("截至2019年12月30日", 哈日诺尔苏木 2019: the day before the year's end, as printed; "截止2010年末", 龙潭街道 2010.)
# ("截止2019年12月,我局通过…门户网站主动公开文件115条", 海沧区某局 2019: December without its day.)
_YEAR_END_RE = re.compile(r"截[止至]\s*((?:19|20)\d{2})\s*年(?:\s*12\s*月(?:\s*3[01]\s*日|底|末|(?=[，,]))|末|底)")
# A year that sets the time of its clause ("，2011年新增…", "2022年度我镇未收到…", "我委2015年度在…"), not a date
# (2011年5月), a comparison (与2011年相比) or a running period (2008年以来).
_TIME_YEAR_RE = re.compile(r"(?:^|[。；;，,：:]|我[镇乡街局委区县市办]|本[镇乡街局委])\s*((?:19|20)\d{2})\s*年度?"
                           r"(?!\s*\d{1,2}\s*月|以来|至|起|相比|同期|[-—~～到])")
_ANY_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
# A flipbook's file title: "Page 9 - 2020年报_审计局".
_ANNUAL_FILE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年报")
_STATS_YEAR_RE = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*年度?\s*[)）]")
# Crawler and CMS pages put a field name before the title ("标题:…", "名称 …").
_META_PREFIX_RE = re.compile(
    # ("内容概述 2023年政府信息公开工作年度报告", 江阴临港开发区 2023: a CMS's field before the title.)
    r"^(?:[-•·*]\s*)?(?:(?:标\s*题|题\s*名|名\s*称|文章标题|信息名称|中文名|内容概述|内容摘要)\s*[:：]?|Page\s*\d+\s*[-–—])\s*")
# A title without its year ("乌海市工业和信息化局" ⏎ "政府信息公开工作年度报告"): the agency only.
_TITLE_NOYEAR_RE = re.compile(r"^(?P<a1>[^。，,；;:：\d]{2,40}?)政府信息(?:与政务)?公开(?:工作)?年度报告$")
# The title quoted in the opening sentence: "现公布泰州市人民政府2017年政府信息公开工作年度报告".
# The agency naming itself as the one that publishes: "三门沿海工业城管委会特向社会公布2016年度本级…年度报告".
_SELF_PUBLISH_RE = re.compile(
    r"(?:^|[，,。；;])(?P<a>(?![我本])(?:(?!领导小组)[^，,。；;\d《》“”]){2,30}?(?:人民政府办公室|人民政府|镇政府|乡政府|管委会|"
    r"管理委员会|委员会|局|委|"
    # ("盖洋乡人民政府编制了盖洋乡2021年政府信息公开工作年度报告", 盖洋乡 2021: the name said again before the year.)
    r"办公室|镇|乡|街道办事处|街道))(?:特向社会公(?:开|布)|特?编制了?)《?(?:[^，。,；;\d《》]{2,20}?)?(?P<y>(?:19|20)\d{2})"
    r"年度?[^。，,；;]{0,12}?"
    r"政府信息公开(?:工作)?的?"
    r"(?:年度)?报告")
_PROSE_TITLE_RE = re.compile(
    r"(?:现(?:将|予|向社会)?(?:公(?:布|开)|发布)|特向社会公(?:开|布))《?(?P<a1>[^。，,；;:：\d《]{0,30}?)(?P<y>(?:19|20)\d{2})\s*年度?"
    r"(?P<a2>[^。，,；;:：\d]{0,30}?)政府信息(?:与政务)?公开(?:工作)?(?:年度)?(?:报告|年报)"
)
# The year in a sentence about the report: "汇报我镇2023年政府信息公开工作", "现将2020年政府信息公开工作报告如下".
_PROSE_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年度?(?:的|我[镇乡局委区县市])?"
                            r"(?:政府信息(?:与政务)?公开|政务公开)(?:工作(?:年度)?(?:报告|年报|情况|如下)?"
                            r"|(?:年度)?(?:报告|年报))")
# What follows a year's 政府信息公开工作 when it is next year's plan ("…工作我们将采取以下措施").
_PLAN_AFTER_RE = re.compile(r"[^。；;]{0,6}?(?:将|要(?![求点])|拟|计划|打算)")
# "由两城镇人民政府党政办公室编制", "由乌海市工业和信息化局编制而成".
# The report named in a sentence that compiles or presents it, with the agency before its year.
_NAMED_REPORT_RE = re.compile(
    # "特编制《鞍山市政府2019年度…报告》", "现形成《海城市卫生健康局2025年…年度报告》" (鞍山 2019, 海城 2025).
    r"(?:编制了?《?|编写了?《?|编制形成了?《?|现形成《|现将|特将)(?P<a>(?![我本]|公布|发布)[^，。,；;\d《》“”]{2,30}?)(?P<y>(?:19|20)\d{2})\s*年度?"
    # (Not a notice's title: "《…编制公布2023年政府信息公开工作年度报告有关事项的通知》", 芦芝镇 2023.)
    r"[^，。,；;\d]{0,6}?政府信息公开(?:年度)?(?:工作)?(?:情况)?(?:年度)?报告(?!编制|发布|有关|相关|工作的?通知|的通知)")
# "我镇认真编制了《2021年色威镇政府信息公开工作年度报告》": the year, then the agency, inside the quoted title.
# "常太镇2019年政府信息公开年度报告是根据《条例》…编制的": the report named as the subject of its first sentence.
_SUBJECT_REPORT_RE = re.compile(
    r"^(?P<a>(?![我本])[^，。,；;\d《》“”]{2,20}?)(?P<y>(?:19|20)\d{2})\s*年度?政府信息公开(?:工作)?(?:年度)?报告"
    r"(?:是|系)?(?:根据|依据|按照)")
_NAMED_REPORT2_RE = re.compile(
    # ("特编制2021年建瓯市人民政府办公室政府信息公开工作年度报告", "编制形成2021年漳平市人民政府办公室…年度报告".)
    r"编(?:制|写)(?:了|形成)?《?(?P<y>(?:19|20)\d{2})\s*年度?(?P<a>[^，。,；;\d《》“”]{2,20}?)政府信息公开(?:工作)?(?:年度)?报告(?:》|(?![编发报的有相工]))")
# A report naming itself without 政府 ("特编制2017年理合务镇信息公开工作年度报告", "现公开来凤经济开发区信息公开2018年度
# 报告", "特向社会公布2015年度长春高新区信息公开年度报告"): the name must end as a place or an organ does.
# The report presented with the year first and the agency after it ("现将2023年陇县城关镇人民政府信息公开工作年度
# 报告…予以公布", "我街道特公布2022年度萧山区城厢街道办事处政府信息公开工作年度报告"): one more way of naming it.
_PRESENTED_RE = re.compile(
    r"(?:现将|特公布|特发布)《?(?P<y>(?:19|20)\d{2})\s*年度?(?P<a>(?![我本])[^。，,；;:：\d《》]{2,30}?(?:人民政府|人民|办事处|"
    r"管委会|委员会|局|办公室|镇|乡|街道))(?:政府)?信息公开(?:工作)?(?:年度)?报告")
_BARE_NAMED_RE = re.compile(
    r"(?:编制了?|编写了?|公布|公开|发布)《?(?:(?P<y1>(?:19|20)\d{2})\s*年度?(?P<a1>(?![我本度])[^，。,；;\d《》“”]{2,20}?"
    r"(?:镇|乡|街道办事处|街道|区|县|市|局|委|管委会|开发区|苏木))(?<!政府)信息公开(?:工作)?(?:年度)?报告"
    r"|(?P<a2>(?![我本])[^，。,；;\d《》“”]{2,20}?(?:镇|乡|街道办事处|街道|区|县|市|局|委|管委会|开发区|苏木))"
    r"(?<!政府)信息公开(?:工作)?(?P<y2>(?:19|20)\d{2})\s*年度?报告"
    # ("特向社会公布桐屿街道2024年度信息公开年度报告", 桐屿街道 2024: the agency, then the year.)
    r"|(?P<a3>(?![我本])[^，。,；;\d《》“”]{2,20}?(?:镇|乡|街道办事处|街道|局|委|管委会|开发区|苏木))"
    r"(?P<y3>(?:19|20)\d{2})\s*年度?(?:政府)?信息公开(?:工作)?(?:年度)?报告)")
_COMPILED_BY_RE = re.compile(
    # ("由武汉市青山区青山镇街编制的2020年度…报告", 青山镇街 2020.)
    r"由(?P<a>[^，。,；;（(由]{2,30}?(?:人民政府|管委会|管理委员会|委员会|局|厅|委|镇|乡|街道办事处|街道|镇街|信访办))"
    # ("本报告由黄花乡人民政府办公室按照《条例》…要求,结合我乡实际进行编制", 黄花乡 2019.)
    # ("由徐水区人民政府综合全区各部门和各乡镇政府信息公开工作年度报告和统计数据编制而成", 徐水区 2022.)
    r"(?:党政(?:综合)?办公室|办公室|政府信息公开办公室?|信息公开办)?(?:负责|结合[^，。,；;]{0,10}?|按照[^。]{0,200}?"
    r"|综合(?!科)[^，。,；;]{0,60}?)?"
    r"(?:进行)?编制"
)
_AGENCY_LINE_RE = re.compile(
    r"^[^\d\s，。,:：|>]{2,24}(?:人民政府|政府|局|委员会|委|厅|办公室|镇|乡|街道办事处|街道|管委会|区|县|市)$")
_OPENING_YEAR_RE = re.compile(r"^((?:19|20)\d{2})年(?:度|以来)?[，,]")
# "2020年,杨陵区统计局以习近平…": the agency that opens the overview (never 我局/本镇).
_OPENING_AGENCY_RE = re.compile(
    # ("2023年,在区委、区政府的坚强领导下,官洲街道办事处认真贯彻…", 官洲街道 2023: the clause of who leads first.)
    r"^(?:(?:19|20)\d{2}年(?:度|以来)?[，,]?)?(?:在[^，,。；;]{2,30}?(?:领导|指导|部署)下[，,]?)?(?P<a>(?![我本])[^，。,；;\d“”《》]{2,20}?"
    # ("2020年,武湖街认真贯彻…", 武湖街 2020: 武汉's streets are 街.)
    r"(?:人民政府办公厅|人民政府办公室|人民政府|管委会|委员会|局|厅|委|办公室|镇|乡|街道办事处|街道|街|开发区))"
    # "2009年,张义镇人民政府信息公开工作严格…" (张义镇 2009): the agency, then the work it reports on.
    # ("2021年,县卫生健康局的政府信息公开工作严格按照…", 峨山县卫健局.)
    r"(?:以|坚持|认真|按照|严格按照|根据|全面|深入|围绕|紧紧|紧扣|通过|在|高度重视|不断|持续|继续|全年|本年|今年"
    r"|(?<=人民政府)信息公开工作"
    # ("2021年,开发区管委会政务信息工作紧紧围绕…", 临潼开发区 2021.)
    r"|的?(?:政府信息公开|政务信息|政务公开)工作)")
# "…确保各项工作在阳光下运行。2019年,文登区住建局共主动公开…": a later sentence of the overview's first
# paragraph that opens with the year (the overview tells the report's year).
_SENTENCE_YEAR_RE = re.compile(r"[。；;，,]((?:19|20)\d{2})年度?[，,]")
# "(一)主动公开情况。2021年,乳山经济开发区…": a sub-heading run into the overview's first sentence.
_YEAR_OPENS_RE = re.compile(r"(?:^|[。；;]\s*)((?:19|20)\d{2})年度?(?!\d{1,2}月)")
# ("可与白沙镇综合党政办公室联系", "请联系宁化县文体和旅游局办公室,", "请联系永泰县人民政府办公室数字信息科(地址…":
# 福州's county pages.)
_CONTACT_RE = re.compile(
    r"(?:请与|可与|请联系)(?P<a>(?![我本])[^，。,；;\d《》“”(（:：]{2,20}?(?:人民政府办公室|人民政府|管委会|委员会|分局|局|委|镇|乡|"
    # ("请与白云乡人民政府党政办联系", 白云乡 2011.)
    r"街道办事处|街道))(?:(?:综合)?党政(?:综合)?办(?:公室)?|政府信息公开(?:工作)?(?:领导小组)?办公室|办公室|信息公开办|"
    r"[^，。,；;()（）:：]{1,6}?科)?(?:联系|[(（]|[，,])")
_SUBHEAD_ONLY_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）][^。，,\d]{1,20}$")
_SUBHEAD_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）][^。，,]{1,20}。")
# "在认真总结2020年帽儿山镇政府信息公开工作的基础上,编制了此报告" (帽儿山镇 2020).
_SUMMARISED_RE = re.compile(r"总结(?P<y>(?:19|20)\d{2})年度?(?P<a>(?![我本全了])[^，。,；;\d《》“”]{2,20}?)"
                            r"(?:人民)?政府信息公开工作"
                            # ("全面总结西宁市城中区人民政府礼让街街道办事处2025年政府信息公开工作情况", 礼让街 2025.)
                            r"|总结(?P<a2>(?![我本全了])[^，。,；;\d《》“”]{2,40}?(?:街道办事处|人民政府|管委会|委员会|局|镇|乡))"
                            r"(?P<y2>(?:19|20)\d{2})年度?政府信息公开工作")
# "我苏木成立哈日诺尔苏木政府信息公开领导小组" (哈日诺尔苏木 2019): the group is named after the agency.
_LEADING_GROUP_RE = re.compile(r"成立了?(?P<a>(?![我本全了])[^，。,；;\d《》“”]{2,20}?)"
                               r"(?:人民)?政府信息公开(?:工作)?领导小组")
# A mirror's host name or advertisement run into the agency ("puroview.com溪下乡", "uedbet体育_uedbet官网@:西柳镇…",
# "• 新安镇人民政府"): an agency's name holds no Latin letters, colons or bullets.
_AGENCY_JUNK_RE = re.compile(r"^.*[A-Za-z_@:：•·《]+\s*")  # (and "特编制《鞍山市政府": what precedes the quoted title)
_MIRROR_WORDS_RE = re.compile(r"^.*(?:官网|博彩|娱乐城|彩票|赌场|棋牌|投注)(?:[区县市](?:人民)?政府)?")
_COMPILED_THIS_RE = re.compile(
    r"[，,。；;](?:由)?(?P<a>(?![我本由])[^，,。；;\d《》“”()（）]{2,30}?(?:人民政府办公室|人民政府|管委会|管理委员会|委员会|"
    r"局|委|办公室|镇|乡|街道办事处|街道))(?:党政(?:综合)?办公室|(?<=局)办公室)?(?:特)?(?:编制了?|编制完成)(?:本|此)(?:年度)?报告")
# The signature block a report ends with: the agency on its own line, the date on the next ("亭子坝镇人民政府" ⏎
# "2015年1月10日", 亭子坝镇 2014).
_SIGNATURE_DATE_RE = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_SHORT_NAME_RE = re.compile(r"[(（](?:以下)?简称[^)）]{0,12}[)）]")
# The issuing organ in a page's metadata, colon or not ("发文机关宋村镇人民政府", 宋村镇 2023): before a 来源, which
# may be a newspaper.
_ISSUER_RE = re.compile(r"(?:发文机关|发布机构|发布单位)\s*[:：]?\s*(?P<a>[^\s:：|\d]{2,30}?(?:人民政府|政府|局|"
                        r"委员会|办公室|管委会|街道办事处|镇|乡))(?=\s|$|主题|发布|成文|索引|\|)")
_SOURCE_RE = re.compile(r"(?:来源|发布机构|发布单位)\s*[:：]\s*([^\s:：|]{2,30})")
_HEADING_RE = re.compile(r"^[一二三四五六七八九十]+、")
_PAREN_RE = re.compile(r"\([^()]*\)")
# The local 统计表's year column named by its year ("2009 年度" on 莆田市's 2009 form).
_YEAR_COLUMN_RE = re.compile(r"^(?:19|20)\d{2}年度?$")
_TABLE_CAPTION_RE = re.compile(r"^表[一二三四五六七八九十\d]+[:：、.]")
# A glued run holding a sign or a decimal point inside: "716-417298".
_SIGNED_RUN_RE = re.compile(r"^\d+(?:[.\-+−]\d+)+$")
_OPEN_PAREN_TAIL_RE = re.compile(r"\([^()]*$")

# --- values -------------------------------------------------------------------------------------------

_NUMBER_RE = re.compile(
    r"^(?P<sign>[+\-−－])?\s*(?P<num>\d{1,3}(?:[,，]\d{3})+|\d+)(?P<frac>\.\d+)?\s*"
    r"(?P<approx>余|多)?\s*(?P<unit>万元|元|件|条|个|人次|人|次|篇|项|%|％)?$"
)
_DASHES = {"-", "—", "——", "－", "/", "／", "—/—", "-/-", "\\", "--", "－－", "―", "─", "–"}
UNITS = {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项", "场", "期", HEADING_UNIT, "—", "-"}


def parse_number(text: str) -> tuple[int | Decimal | None, bool] | None:
    """(value, approx) for a numeric cell text, None when it is not a number."""
    s = text.strip().replace(" ", "")
    if s.isascii() and s.isdigit():
        return int(s), False
    if s[:1] in ("增", "减") and s[1:].isascii() and s[1:].isdigit():
        # 本年增/减 written in words: "减4" is −4, "增4" is +4 (2019 form, Table 2).
        return (-int(s[1:]) if s[0] == "减" else int(s[1:])), False
    m = _NUMBER_RE.match(s)
    if not m:
        return None
    digits = m.group("num").replace(",", "").replace("，", "")
    frac = m.group("frac") or ""
    try:
        value: int | Decimal = Decimal(digits + frac) if frac else int(digits)
    except (InvalidOperation, ValueError):
        return None
    if m.group("sign") in ("-", "−", "－"):
        value = -value
    return value, bool(m.group("approx"))


def is_dash(text: str) -> bool:
    return text.strip() in _DASHES


def to_cell(tok: Token) -> Cell:
    if tok.kind == "blank":
        return Cell(None, raw="")
    text = tok.text.strip()
    if is_dash(text) or not text:
        return Cell(None, raw=text)
    parsed = parse_number(text)
    if parsed is None:
        return Cell(None, raw=text, note=text)
    value, approx = parsed
    return Cell(value, raw=text, unsure=approx)


@cache
def _all_labels() -> frozenset[str]:
    """Every declared row and group label of every era, normalised (never a section heading)."""
    out: set[str] = set()
    for era, fmt in FORMATS.items():
        for t in fmt.tables:
            out |= set(row_index(era, t.key).exact) | set(group_index(era, t.key).exact)
    return frozenset(out)


# Table 4 printed as three sub-tables: the caption of each group and the words of their header rows.
_T4_GROUP_CAPTIONS: dict[str, int] = {
    normalize_label(x): off for x, off in (
        ("未经复议直接起诉", 5), ("行政诉讼（未经复议直接起诉）", 5), ("行政诉讼-未经复议直接起诉", 5),
        ("复议后起诉", 10), ("行政诉讼（复议后起诉）", 10), ("行政诉讼-复议后起诉", 10))
}
_T4_WORDS: frozenset[str] = frozenset(normalize_label(x) for x in (
    "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "行政诉讼", "行政复议"))
_EMBEDDED_ITEM_RE = re.compile(r"(?:^|[^\d.])\d{1,2}[.、．][\u4e00-\u9fff]")
_ITEM_LABEL_RE = re.compile(r"^(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十]{1,3}[)）])[^\d\s.]")
_LABEL_DIGITS_RE = re.compile(r"^(.*\D)(\d{2,})$")
_GROUP_HINT_RE = re.compile(r"本年度办理结果|[（(][一二三四五六七][)）]")
# A group's heading run into its first row: "三、本年度办理结果(一)" (the group's words and the row's number).
_GROUP_HEAD_RE = re.compile(r"^[一二三四五六七八九十]+、本年度办理结果(?:[（(][一二三四五六七]{1}[)）])?$")
# A sub-row's own name printed where a row's first figure should be ("行政检查", "行政确认"): a word, not a note.
_SUB_ROW_RE = re.compile(r"行政[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}(?:事项|类)")
_LABEL_DIGIT_RE = re.compile(r"^(.*[^\d.、．])(\d)$")


def _open_parens(text: str) -> int:
    """Opening minus closing parentheses (full- or half-width)."""
    return sum(text.count(c) for c in "(（") - sum(text.count(c) for c in ")）")


def _numeric(part: str) -> bool:
    return parse_number(part) is not None or is_dash(part)


def _group_then_label(text: str, labels: frozenset[str]) -> tuple[str, str] | None:
    """("三、本年度办理结果(一)", "予以公开")-style cut of a group's words glued before a row's label: both halves
    declared labels (or the group's heading with its item number), else None."""
    if _GROUP_HINT_RE.search(text) is None:
        return None  # (cheap test first: a page of "word123" lines must not cost a label search per character)
    for k in range(2, len(text) - 1):
        head, tail = text[:k], text[k:]
        if normalize_label(tail) in labels and (
                normalize_label(head) in labels or _GROUP_HEAD_RE.match(head) is not None):
            return head, tail
    return None


def _expand_inline(tokens: list[Token]) -> list[Token]:
    """Rows written on one line ("1.属于国家秘密 0 0 0 0 0 0 0", PDF text without ruled tables, or a
    line of bare numbers) become a label and cells, so they read like any other table row."""
    out: list[Token] = []
    labels = _all_labels()
    for t in tokens:
        if t.kind == "line" and len(t.text) <= 160 and not any(ch.isspace() for ch in t.text):
            m = _LABEL_DIGITS_RE.match(t.text) or _LABEL_DIGIT_RE.match(t.text)
            head_cut = (_group_then_label(m.group(1), labels)
                        if m and normalize_label(m.group(1)) not in labels else None)
            if m and head_cut is not None:
                # "三、本年度办理结果(一)予以公开1000001", "(三)不予公开1.属于国家秘密0000000" (新野县卫健委 2021): the
                # group's words glued before the row's label — the group, then the row.
                out.append(Token("line", head_cut[0]))
                out.append(Token("line", head_cut[1]))
                out.append(Token("cell", m.group(2)))
                out.append(EOR)
                continue
            if m and normalize_label(m.group(1)) in labels:
                # "一、本年新收政府信息公开申请数量831000185": the label with its cells glued on; "行政许可0" (八里镇
                # 2023, a one-cell row of Table 2 printed with nothing between label and figure).
                out.append(Token("line", m.group(1)))
                out.append(Token("cell", m.group(2)))
                out.append(EOR)
                continue
            words = (_t2_header_re().split(unicodedata.normalize("NFKC", t.text))
                     if len(t.text) >= 8 and ("数" in t.text or "信息内容" in t.text or "金额" in t.text) else [])
            if sum(1 for w in words if w) >= 2 and all(not w or _t2_header_re().fullmatch(w) for w in words):
                # "信息内容本年制发件数本年废止件数现行有效件数" (八里镇 2023): Table 2's header words glued together.
                out.extend(Token("line", w) for w in words if w)
                continue
        if t.kind != "line" or len(t.text) > 160 or not any(ch.isspace() for ch in t.text):
            out.append(t)
            continue
        parts = t.text.split()
        k = len(parts)
        while k > 0 and _numeric(parts[k - 1]):
            k -= 1
        # "（四）无 1.本机关不掌握相关政府信息 746 …": a group's words printed before the row label are dropped.
        start = next((s for s in range(k) if normalize_label(" ".join(parts[s:k])) in labels), None)
        head = " ".join(parts[:k])
        if (0 < k < len(parts) and start is None and out and out[-1].kind == "line"
                and normalize_label(out[-1].text + head) in labels):
            # "（二）部分公开（区分处理的，只计这一情" ⏎ "形，不计其他情形） 447 7 0 0 0 0 454": the label's start
            # is on the line above.
            out[-1] = Token("line", out[-1].text + head)
            out.extend(Token("cell", p) for p in parts[k:])
            out.append(EOR)
        elif 0 < k < len(parts) and start is not None:
            out.append(Token("line", " ".join(parts[start:k])))
            out.extend(Token("cell", p) for p in parts[k:])
            out.append(EOR)
        elif k == 0 and len(parts) >= 3:
            out.extend(Token("cell", p) for p in parts)
            out.append(EOR)
        else:
            out.append(t)
    return out


_LOCAL_UNIT_DIGITS_RE = re.compile(r"(条|件|人次|个|元|万元)(\d+)(?=$|\s|[^\d])")
_ITEM_NO_RE = re.compile(r"^(\d+)(\d)、")


def _explode_local(tokens: list[Token]) -> list[Token]:
    """A 2008-era table on one line with spaced cells ("主动公开信息数 条 312 2047 其中：1.网站公开 条 298 1960")
    becomes one token per cell; a unit glued to its figures ("条2175410932、政府公报") is cut after the unit,
    and an item number glued to the figures before "、" goes back to the next label."""
    out: list[Token] = []
    for t in tokens:
        if t.kind != "line" or (" " not in t.text.strip() and not _LOCAL_UNIT_DIGITS_RE.search(t.text)):
            out.append(t)
            continue
        word = "".join(t.text.split())
        if word in LOCAL_COLUMN_WORDS or word in LOCAL_SKIP_WORDS or _YEAR_COLUMN_RE.match(word):
            # A header cell whose characters are spaced out ("指   标  名  称", "2009  年度", "历年 累计") is one word.
            out.append(Token("line", word))
            continue
        for part in t.text.split():
            pieces: list[str] = []
            rest = part
            while True:
                m = _LOCAL_UNIT_DIGITS_RE.search(rest)
                if not m:
                    pieces.append(rest)
                    break
                before, unit, digits, after = rest[:m.start()], m.group(1), m.group(2), rest[m.end():]
                if after.startswith("、") and len(digits) > 1:
                    # "…2175410932、政府公报": the last digit is the next item's number ("2、政府公报").
                    digits, after = digits[:-1], digits[-1] + after
                pieces.extend(x for x in (before, unit, digits) if x)
                rest = after
                if not rest:
                    break
            out.extend(Token("line", x) for x in pieces if x)
    return out


# --- the parser ---------------------------------------------------------------------------------------


# Crawler text puts a whole page on one line: headings ("一、总体情况", "（一）主动公开") and header fields
# ("标题:…发布时间:…来源:…") are cut back onto lines of their own.
def _section_bodies() -> str:
    """The declared section headings without their numbers ("总体情况", "主动公开政府信息情况" …), as an alternation."""
    bodies = {re.sub(r"^[一二三四五六七八九十]+、", "", s.heading) for f in READ_FORMATS.values() for s in f.sections}
    bodies |= {re.sub(r"^[一二三四五六七八九十]+、", "", a) for f in READ_FORMATS.values() for s in f.sections
               for a in s.aliases}
    return "|".join(re.escape(b) for b in sorted(bodies, key=len, reverse=True) if len(b) >= 2)


_RUN_ON_CUT_RE = re.compile(
    r"(?:(?<=[。；;！？!?])|\s+)(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]))"
    # A declared section heading is one even with nothing before it ("…打印本页一、总体情况2022年,…").
    r"|(?=[一二三四五六七八九十]{1,2}、(?:" + _section_bodies() + r"))"
    r"|\s*(?=(?:标\s*题|发布时间|发布日期|信息来源|来\s*源|原文链接|索\s*引\s*号|发布机构|生成日期)\s*[:：])"
)
# A crawler's header block on one line ("标题:…年度报告 发布时间:2022-01-20 来源:… 原文链接:…"): each field apart,
# however short the line (issue 12 layout 1).
_FIELD_NAMES = (r"(?:标\s*题|发布时间|发布日期|信息来源|来\s*源|原文链接|索\s*引\s*号|发布机构|生成日期|成文日期"
                r"|文\s*号)")
_HEADER_FIELD_CUT_RE = re.compile(r"\s*(?=" + _FIELD_NAMES + r"\s*[:：])")
_HEADER_LINE_RE = re.compile(r"^\s*" + _FIELD_NAMES + r"\s*[:：]")
# "一、总体情况2022年,…": a declared section heading glued to its first sentence.
_SECTION_GLUED_RE = re.compile(r"^([一二三四五六七八九十]{1,2}、(?:" + _section_bodies() + r"))(\S.*)$")
RUN_ON_MIN = 200
_HEAD_BODY_RE = re.compile(
    r"^((?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])[^\s。；]{1,30})\s+(\S.*)$")


def _explode_spaced_table(text: str) -> list[Token] | None:
    """A whole table on one line with spaced cells ("一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3 二、上年结转…"):
    labels become lines and figures cells, so each row reads like a line-broken table. None when the line is
    not such a table (fewer than two declared row labels, or hardly any figures)."""
    parts = text.split()
    if len(parts) < 8:
        return None
    labels = _all_labels()
    numeric = sum(1 for p in parts if _numeric(p))
    known = sum(1 for p in parts if normalize_label(p) in labels)
    if known < 2 or numeric < 6:
        return None
    out: list[Token] = []
    for p in parts:
        out.append(Token("cell", p) if _numeric(p) else Token("line", p))
    return out


def _glued_rows(piece: str) -> list[Token] | None:
    """Several "label+digits" rows on one line, separated by spaces ("（二）部分公开…0000000 1.属于国家秘密5100006"):
    one line per row, so each is split into its label and its glued run."""
    if " " not in piece:
        return None
    parts = piece.split()
    labels = _all_labels()
    hits = 0
    for p in parts:
        m = _LABEL_DIGITS_RE.match(p)
        if m and normalize_label(m.group(1)) in labels:
            hits += 1
    if hits < 2:
        return None
    return [Token("line", p) for p in parts]


@cache
def _needles(eras: tuple[str, ...], table: str) -> tuple[tuple[str, str], ...]:
    """(normalised label, item number) of every row label of ``table`` in ``eras``, longest first; the item
    number ("2" of "2.其他法律行政法规禁止公开") lets a label be found with its number glued to the figures
    before it."""
    out: dict[str, str] = {}
    for era in eras:
        for n in row_index(era, table).exact:
            m = re.match(r"^(?:其中:?)?(\d+)\.", n)
            out.setdefault(n, "")
            if m:
                out.setdefault(n[m.end():], m.group(1))
    return tuple(sorted(out.items(), key=lambda x: -len(x[0])))


def _t3_needles() -> tuple[tuple[str, str], ...]:
    # Table 3's labels are long and distinctive, so they are safe to look for inside running text.
    return _needles(("2021", "2019"), "table3")


_UNIT_AFTER_RE = re.compile(r"数?(?:条|件|人次|人|个|项|次|篇|万元|元)?")


def _find_labels(norm: str, needles: Sequence[tuple[str, str]], *, start_at: int = 0,
                 units: bool = False) -> list[tuple[int, int, int]]:
    """(start, end, figures) of each label in ``norm`` followed by figures: the label's span (its item number
    included, also when it is glued to the figures before it) and where its figures begin (after a dropped
    数 and, with ``units``, the unit). Longer labels win; a label whose figures are only the next label's
    number is dropped."""
    taken = [False] * len(norm)
    found: list[tuple[int, int, int]] = []
    for needle, number in needles:
        at = norm.find(needle, start_at)
        while at >= 0:
            start, end = at, at + len(needle)
            if number:
                if norm[max(0, at - len(number) - 1):at] in (number + ".", number + "、"):
                    start = at - len(number) - 1
                elif norm[max(0, at - len(number)):at] == number:
                    start = at - len(number)
                else:
                    start = -1  # the label without its number: its number must be printed right before it
            if start >= 0 and not any(taken[start:end]):
                if units:
                    m = _UNIT_AFTER_RE.match(norm, end)
                    tail = m.end() if m else end
                else:
                    tail = end + 1 if norm[end:end + 1] == "数" else end
                if tail < len(norm) and ((norm[tail].isdigit() and _digit_run(norm, tail, len(norm)) > tail)
                                         or (norm[tail] == "/" and _slash_cells(norm, tail, len(norm)))):
                    # ("1.政府网站2.政府公报…" on a blank form: the 2 is the next item's number, no figure.)
                    found.append((start, end, tail))
                    for k in range(start, end):
                        taken[k] = True
            at = norm.find(needle, end)
    found.sort()
    return [(a, b, t) for n, (a, b, t) in enumerate(found)
            if t < (found[n + 1][0] if n + 1 < len(found) else len(norm))]


def _digit_run(norm: str, d0: int, stop: int) -> int:
    """End of the figures starting at ``d0``: digits (a sign or point inside), never the next label's number."""
    k = d0
    while k < stop and (norm[k].isdigit() or (norm[k] in ".-+−" and k + 1 < stop and norm[k + 1].isdigit()
                                             and (k > d0 or norm[k] != "."))):
        k += 1
    if k > d0 and norm[k:k + 1] in (".", "、") and "\u4e00" <= norm[k + 1:k + 2] <= "\u9fff":
        k -= 1  # "…00000006.属于四类过程性信" (a label cut short): the 6 is that label's number
    if k - d0 > 4 and norm[k:k + 1] == "年" and re.fullmatch(r"(?:19|20)\d{2}", norm[k - 4:k]):
        k -= 4  # "行政事业性收费02025年…" (西藏审计厅 2025 run together): the year of the text after the table
    return k


# (A character class, never "(?:\d+|/)*": nested repetition backtracks exponentially on a long digit run without a
# slash.)
_SLASH_RUN_RE = re.compile(r"[\d/]*/[\d/]*")


def _slash_cells(norm: str, d0: int, stop: int) -> list[str] | None:
    """A glued run whose cells printed "/" ("行政许可0/0", "申请数量0/////0", 林山乡 2020 flattened): each slash is a
    cell of its own and each digit group between them one figure — the slashes mark where cells end. None when the
    run holds no slash, or a group could be several cells ("00/////0": the zero can be no number's first digit)."""
    m = _SLASH_RUN_RE.match(norm, d0, stop)
    if m is None or not any(ch.isdigit() for ch in m.group()):
        return None
    run = m.group()
    if m.end() < stop and norm[m.end()] in ".、" and run[-1:].isdigit():
        run = run[:-1]  # "…/02.属于…": the 2 is the next label's number
    cells = re.findall(r"\d+|/", run)
    if any(len(c) > 1 and c[0] == "0" for c in cells):
        return None
    return cells


def _t2_needles() -> tuple[tuple[str, str], ...]:
    # Table 2's row labels of both forms, longest first ("行政规范性文件" before "规范性文件").
    return _needles(("2021", "2019"), "table2")


@cache
def _t2_header_re() -> re.Pattern[str]:
    """Table 2's header words and captions of both forms ("本年新制作数量", "第二十条第（五）项"), longest first: a
    glued Table 2 header is cut into them so that the form's own words tell 2019 from 2021."""
    words: set[str] = set()
    for era in ("2021", "2019"):
        for b in get_format(era).table("table2").blocks:
            words |= {h.label for row in b.header_rows for h in row if h.label}
            if b.caption:
                words.add(b.caption)
    norm = {unicodedata.normalize("NFKC", w) for w in words}
    return re.compile("(" + "|".join(re.escape(w) for w in sorted(norm, key=len, reverse=True)) + ")")


_T4_GLUED_RE = re.compile(r"(?:总计)(\d{15,})")


def _unglue_tables(text: str) -> list[Token] | None:
    """A crawler page whose tables were flattened with no separator at all: "…一、本年新收政府信息公开申请数量
    831000185二、上年结转政府信息公开申请数量000000…（七）总计…". Table 3's row labels are found in the text
    (with their item numbers, also when those are glued to the figures before: "00000002.其他法律…"), each
    becomes a label line and the digit run after it one glued cell (split later by the form's rules, never by
    guess); Table 4's run after its header's last 总计 likewise. None when fewer than two of Table 3's long
    labels are followed by figures and fewer than two of Table 2's rows after its own header."""
    norm, pos = normalize_with_positions(text)
    # A label whose figures are only the next label's number ("(六)其他处理1.申请人…": the 2019 row name is the
    # 2021 group's) is no row (_find_labels).
    found = [(a, b) for a, b, _t in _find_labels(norm, _t3_needles())]
    # Short labels ("3.其他", "(七)总计") count only inside the stretch the long ones mark as Table 3.
    long_ = [(a, b) for a, b in found if b - a >= 8]
    if len(long_) == 1 and "申请人情况" in norm[max(0, long_[0][0] - 300):long_[0][0]]:
        # One long label only (a page cut after Table 3's first row, 江南中街道 2020 flattened; a row named another
        # way, "上年转结"): the table's own header right before it says the row is Table 3's.
        long_ = long_ * 2
    if len(long_) >= 2:
        lo, hi = long_[0][0], long_[-1][1] + 300
        found = [(a, b) for a, b in found if b - a >= 8 or lo <= a <= hi]
        t3_start = found[0][0]
    else:
        # No Table 3 (a page cut before it, 杜市镇 2019): Table 2 alone, up to the next part's heading.
        found = []
        nxt = norm.find("三、收到和处理")
        t3_start = nxt if nxt >= 0 else len(norm)
    # Table 2's labels are short words prose uses too ("行政许可"): looked for only between Table 2's own header
    # ("第二十条第(一)项" / "信息内容") and Table 3's first row.
    t2_from = min((x for x in (norm.find("第二十条第(一)项"), norm.find("信息内容")) if 0 <= x < t3_start),
                  default=-1)
    if t2_from >= 0:
        t2 = [(a, b) for a, b, _t in _find_labels(norm[:t3_start], _t2_needles(), start_at=t2_from)]
        if not found and len(t2) < 2:
            return None
        found = sorted(found + t2)
    elif not found:
        return None
    out: list[Token] = []

    def prose(a: int, b: int) -> None:
        """Original text between two normalised positions, through the ordinary run-on cutting."""
        if a >= b:
            return
        if a < t2_from < b <= t3_start:
            prose(a, t2_from)
            a = t2_from
        piece = text[pos[a]:pos[b - 1] + 1]
        m4 = _T4_GLUED_RE.search(piece) if "行政复议" in piece else None
        if m4 is not None:
            # The heading up to its 情况; the header's words after it ("行政复议行政诉讼结果维持…总计") say only what
            # the 15 figures are, so they give way to one 行政复议 marker.
            head = piece[:m4.start()]
            cut = head.rfind("情况")
            out.extend(_run_on_pieces(head[:cut + 2] if cut >= 0 else ""))
            out.append(Token("line", "行政复议"))
            out.append(Token("cell", m4.group(1)))
            out.append(EOR)
            out.extend(_run_on_pieces(piece[m4.end():]))
        elif t2_from >= 0 and a >= t2_from and b <= t3_start:
            # Inside Table 2: its header words and captions, glued together, come apart.
            for part in _t2_header_re().split(unicodedata.normalize("NFKC", piece)):
                if part.strip():
                    out.append(Token("line", part.strip()))
        else:
            out.extend(_run_on_pieces(piece))

    last = 0
    for n, (start, end) in enumerate(found):
        prose(last, start)
        label = text[pos[start]:pos[end - 1] + 1]
        d0 = end + 1 if norm[end:end + 1] == "数" else end
        stop = found[n + 1][0] if n + 1 < len(found) else len(norm)  # the next label's own number is no figure
        out.append(Token("line", label))
        slashed = _slash_cells(norm, d0, stop)
        if slashed is not None:
            out.extend(Token("cell", c) for c in slashed)
            k = d0 + sum(len(c) for c in slashed)
        else:
            k = _digit_run(norm, d0, stop)
            out.append(Token("cell", norm[d0:k]))
        out.append(EOR)
        last = k
    prose(last, len(norm))
    return out


@dataclass(frozen=True)
class _GluedRun(Token):
    """A local 统计表 row's figures cut out of text that had no separator: one run holding every value
    column, so even "01" is two figures (0 | 1), never the number 1."""


_LOCAL_HEADER_RE = re.compile(r"(指标名称|计量单位|(?:19|20)\d{2}年度?|本年度|本期实际|本年累计|历年累计|代码)")
_STATS_HEADER_RE = re.compile(
    r"(政府信息公开情况统计表(?:[(（]\s*(?:19|20)\d{2}\s*年度?\s*[)）])?|统\s*计\s*指\s*标|统计数|单位)")


def _unglue_local(text: str) -> list[Token] | None:
    """A crawler page holding a 2008-era 统计表 with nothing between its cells: "…指标名称计量单位本年度历年累计
    主动公开信息数条2175410932、政府公报公开条1290…". Only after the table's own header words (历年累计, 计量单位 or
    本期实际) are its row labels looked for; each becomes a label line, its unit and its figures (one glued run of
    the year and the running total, split later by the form's rules). None when fewer than three rows."""
    return _unglue_form(text, ("历年累计", "计量单位", "本期实际"), "指标名称", ("local2008",), "local",
                        _LOCAL_HEADER_RE, glued=True)


def _unglue_stats(text: str) -> list[Token] | None:
    """The national 统计表 of 2017–18 on a crawler page with nothing between label, unit and figure
    ("…（一）收到申请数件211.当面申请数件7…"): rows looked for after the table's title or header words, one
    figure each (a digit before the next label's "1." is that label's number)."""
    return _unglue_form(text, ("统计指标", "统计数", "政府信息公开情况统计表"), "政府信息公开情况统计表",
                        ("pre2019",), "stats", _STATS_HEADER_RE, glued=False)


def _unglue_form(text: str, marks: tuple[str, ...], title: str, eras: tuple[str, ...], table: str,
                 header_re: re.Pattern[str], *, glued: bool) -> list[Token] | None:
    norm, pos = normalize_with_positions(text)
    at = [x for x in (norm.find(w) for w in marks) if x >= 0]
    if not at:
        return None
    head = min(at)
    head = min([x for x in (norm.rfind(title, 0, head + 1),) if x >= 0] + [head])
    found = _find_labels(norm, _needles(eras, table), start_at=head, units=True)
    if len(found) < 3:
        return None
    ends = [_digit_run(norm, t, found[n + 1][0] if n + 1 < len(found) else len(norm))
            for n, (_a, _b, t) in enumerate(found)]
    if any(any(ch.isspace() for ch in text[pos[t]:pos[k - 1] + 1]) for (_a, _b, t), k in zip(found, ends, strict=True)):
        return None  # the figures are spaced apart ("条 312 2047"): read cell by cell elsewhere
    out = _run_on_pieces(text[:pos[head]]) if head > 0 else []
    header = text[pos[head]:pos[found[0][0]]]
    for part in header_re.split(unicodedata.normalize("NFKC", "".join(header.split()))):
        if part.strip():
            out.append(Token("line", part.strip()))
    for n, ((start, end, tail), k) in enumerate(zip(found, ends, strict=True)):
        out.append(Token("line", text[pos[start]:pos[end - 1] + 1]))
        unit = norm[end:tail].lstrip("数")
        if unit:
            out.append(Token("line", unit))
        out.append(_GluedRun("line", norm[tail:k]) if glued else Token("line", norm[tail:k]))
        nxt = found[n + 1][0] if n + 1 < len(found) else len(norm)
        if k < nxt:
            # Text between a row's figures and the next label: a heading row ("二、回应解读情况"), or the page's rest.
            out.extend(_run_on_pieces(text[pos[k]:pos[nxt - 1] + 1]))
    return out


# Place names before an agency ("武江区", "福建省福州市"): each ends in the word of its level.
_PLACE_PREFIX_RE = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|地区|自治州|州|盟|自治县|县|区|旗))+$")
_FURNITURE_RE = re.compile(r"首页|欢迎|访问|网站|门户|信息公开|索引号|专栏|当前位置|简体|繁体|无障碍|登录|主动公开"
                           r"|新闻")


def _header_columns(columns: Sequence[Column], words: list[str]) -> tuple[list[str], str]:
    """The columns a block's printed header names, in the order printed (its words joined, so a label broken over
    cells still counts), and what of the header names no column (a word broken off: "本年增/" for 本年增/减)."""
    def bare(text: str) -> str:
        return re.sub(r"[\s()（）:：]", "", normalize_label(text))
    joined = bare("".join(words))
    at: list[tuple[int, str]] = []
    rest = joined
    for c in columns:
        lab = bare(c.label)
        for cand in (lab, re.sub(r"^本年度?", "", lab)):
            pos = joined.find(cand)
            if pos >= 0:
                at.append((pos, c.key))
                rest = rest.replace(cand, "", 1)
                break
    return [k for _p, k in sorted(at)], re.sub(r"^本年度?", "", rest)


def _fuller_by_place(agency: str, fuller: str) -> bool:
    """Whether ``fuller`` names the same agency with more of its place ("龙归镇" → "武江区龙归镇人民政府") — never page
    furniture glued before it on a crawler's page ("首页走进汉台新闻中心…汉台区徐望镇人民政府", "欢迎访问…门户网站
    仓山区农林水局") and never a place the agency's name already starts with ("北京市大兴区北京市大兴区发改委")."""
    prefix, _sep, suffix = fuller.partition(agency)
    if suffix not in ("", "人民政府", "政府", "办事处", "管委会", "省"):
        return False
    if not prefix:
        return True
    return (_PLACE_PREFIX_RE.match(prefix) is not None and _FURNITURE_RE.search(prefix) is None
            and not agency.startswith(prefix) and prefix not in agency)


def _run_on_pieces(text: str) -> list[Token]:
    """A long line cut before headings and header fields; a heading split from its body."""
    out: list[Token] = []
    for piece in (p.strip() for p in _RUN_ON_CUT_RE.split(text)):
        if not piece:
            continue
        # "一、概述 2016年，我镇…": the heading, then its body.
        rows = _glued_rows(piece)
        if rows is not None:
            out.extend(rows)
            continue
        m = _HEAD_BODY_RE.match(piece) or _SECTION_GLUED_RE.match(piece)
        if m:
            out.append(Token("line", m.group(1)))
            out.append(Token("line", m.group(2)))
        else:
            out.append(Token("line", piece))
    return out


def _split_run_on(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        if t.kind == "line" and len(t.text) < RUN_ON_MIN and _HEADER_LINE_RE.match(t.text):
            out.extend(Token("line", p.strip()) for p in _HEADER_FIELD_CUT_RE.split(t.text) if p.strip())
            continue
        if (t.kind == "line" and len(t.text) < RUN_ON_MIN and (hb := _HEAD_BODY_RE.match(t.text)) is not None
                and re.search(r"[。，,；;]", hb.group(2)) and len(hb.group(2)) >= 8):
            # "一、总体情况 2019年,我局…主动公开政府信息120条。" (a heading set in bold at the start of its paragraph):
            # the heading, then its sentences — never read as a heading alone, its figures lost.
            out.extend((Token("line", hb.group(1)), Token("line", hb.group(2))))
            continue
        if t.kind != "line" or len(t.text) < RUN_ON_MIN:
            out.append(t)
            continue
        exploded = (_explode_spaced_table(t.text) or _unglue_tables(t.text) or _unglue_local(t.text)
                    or _unglue_stats(t.text))
        if exploded is not None:
            out.extend(exploded)
            continue
        out.extend(_run_on_pieces(t.text))
    return out


def _rows(tokens: list[Token], start: int) -> tuple[list[Token], int] | None:
    """The cells of the table row starting at ``start`` (up to its end-of-row), or None if none starts there."""
    if start >= len(tokens) or tokens[start].kind not in ("cell", "blank"):
        return None
    j = start
    cells: list[Token] = []
    while j < len(tokens) and tokens[j].kind in ("cell", "blank"):
        cells.append(tokens[j])
        j += 1
    if j < len(tokens) and tokens[j].kind == "eor":
        return cells, j + 1
    return None


def _join_split_rows(tokens: list[Token]) -> list[Token]:
    """PDF→Markdown tables: a row label broken over two rows ("| 5.属于三类内部事务信 | 0 | … |" ⏎ "| 息 | | … |")
    becomes one row, and a label row with no figures takes the all-figure row printed under it. Only when the
    joined label is a declared one, or the detached row holds nothing but figures."""
    labels = _all_labels()
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        a = _rows(tokens, i)
        if a is None or not a[0] or a[0][0].kind != "cell" or _numeric(a[0][0].text):
            out.append(tokens[i])
            i += 1
            continue
        cells_a, after_a = a
        b = _rows(tokens, after_a)
        label_a = cells_a[0].text
        vals_a = cells_a[1:]
        if b is not None and b[0]:
            cells_b, after_b = b
            first_b = cells_b[0]
            vals_b = cells_b[1:]
            a_empty = all(v.kind == "blank" for v in vals_a)
            if (first_b.kind == "cell" and not _numeric(first_b.text) and normalize_label(label_a) not in labels
                    and normalize_label(label_a + first_b.text) in labels
                    and all(r and r[0].kind == "cell" and normalize_label(r[0].text) in labels
                            for r in (vals_a, vals_b))):
                # "| （三）不 | 4.保护第三方合法权益 | 0 … |" ⏎ "| 予公开 | 5.属于三类内部事务信息 | 8 … |": the group's
                # label is split over the two rows' first cells; each row keeps its own label and figures.
                out.extend([*vals_a, EOR, *vals_b, EOR])
                i = after_b
                continue
            if (first_b.kind == "cell" and not _numeric(first_b.text) and normalize_label(label_a) not in labels
                    and normalize_label(label_a + first_b.text) in labels):
                vals = vals_a if not a_empty else vals_b
                out.extend([Token("cell", label_a + first_b.text), *vals, EOR])
                i = after_b
                continue
            if (normalize_label(label_a) in labels and a_empty
                    and all(c.kind == "blank" or _numeric(c.text) for c in cells_b)
                    and any(c.kind != "blank" for c in cells_b)):
                out.extend([Token("cell", label_a), *cells_b, EOR])
                i = after_b
                continue
        out.extend(tokens[i:after_a])
        i = after_a
    return out


_BY_ORDER = "（该行数据与行标签分开印出，按表三行序对应，各行合计与（七）总计均相符）"


@dataclass(frozen=True)
class _Loose:
    """A Table 3 row of figures read without its own label: the value tokens' indexes, and — when it came
    after two labels printed together — the later label's row (where it stays, unsure, if order cannot
    place it) and the earlier label; otherwise the label fragments printed in the row, if any."""

    idxs: list[int]
    row: Row | None
    label: str


class _Parser:
    def __init__(self, tokens: Sequence[Token], source: str) -> None:
        self.tokens = _expand_inline(_join_split_rows(
            [t for t in _split_run_on(tokens)
             if not (t.kind == "line" and len(t.text) < 120 and _CHROME.search(t.text))]))
        self.data = ReportData(source=source)
        self.section: str | None = None
        self.mode: str | None = None
        self.block: Block | None = None
        self.stats_pos = -1
        self.lines: list[tuple[str | None, str]] = []
        self.heading_figures: list[tuple[str | None, str]] = []
        self._extra_n = 0
        self.evidence: dict[str, Evidence] = {}
        # (table, row) → (candidate splits, token index, columns, label) of glued digit runs.
        self.glued: dict[tuple[str, str], tuple[list[tuple[int, ...]], int | None, list[str], str]] = {}
        self.short_runs = False  # a glued Table 3/4 row had fewer digits than cells (set in place)
        self.year_stated = False
        self._offsets: list[int] | None = None
        self._last_idx: list[int] = []
        self._truncated = False  # the last row collected ran into the end of the text (a stored page cut there)
        # A Table 3 label with no figures after it: where the next label starts, and its text.
        self._orphan_at = -1
        self._orphan_label = ""
        self.t4_only = False  # a page with Table 4 and no Table 2/3 (prepare)
        self._col_labels: dict[int, dict[str, str]] = {}
        # The 2008-era table: value columns from its header, whether it has a row-code column.
        self.local_cols: list[str] = []
        self.local_code = False
        self._local_header_done = False
        # Table 3 rows whose figures were read under their own label (row key → token index of the label),
        # and rows of figures printed apart from their label (PDF→Markdown): placed by resolve_loose.
        self.t3_at: dict[str, int] = {}
        self.loose: list[_Loose] = []
        # Local 统计表 rows printed as one glued run of the year and the running total: row → (splits, token, run).
        self.local_glued: dict[str, tuple[list[tuple[int, int]], int, str]] = {}

    # -- evidence --
    def text(self) -> str:
        """The extracted text spans point into: one token per line (blank cells and row ends are empty lines)."""
        return "\n".join(t.text for t in self.tokens)

    def span_of(self, idx: int) -> tuple[int, int]:
        if self._offsets is None:
            offs, pos = [], 0
            for t in self.tokens:
                offs.append(pos)
                pos += len(t.text) + 1
            self._offsets = offs
        start = self._offsets[idx]
        return start, start + len(self.tokens[idx].text)

    def note_evidence(self, table: Table, row: Row, col: str, idx: int | None, *,
                      alternatives: tuple[int | Decimal, ...] = (), sub: tuple[int, int] | None = None) -> None:
        labels = self._col_labels.get(id(table))
        if labels is None:
            labels = {c.key: c.label for blk in table.blocks for c in blk.columns}
            self._col_labels[id(table)] = labels
        label = labels.get(col, col)
        span: tuple[int, int] | None = None
        text = ""
        if idx is not None and 0 <= idx < len(self.tokens):
            a, b = self.span_of(idx)
            text = self.tokens[idx].text
            if sub is not None:
                a, b = a + sub[0], a + sub[1]
                text = text[sub[0]:sub[1]]
            span = (a, b)
        self.evidence[f"{table.key}|{row.key}|{col}"] = Evidence(row.label, label, span, text, alternatives)
        cell = self.data.cell(table.key, row.key, col)
        if cell is not None:
            # The evidence travels with the stored report (Cell.snippet): what was read, and where.
            if text:
                where = ("" if not span else f"（提取文本第{span[1]}字）" if span[1] - span[0] == 1
                         else f"（提取文本第{span[0] + 1}–{span[1]}字）")
                read = f"「{text}」{where}"
            else:
                read = f"空白格（提取文本第{span[0] + 1}字处）" if span else "空白格"
            alts = f"；可能为：{'、'.join(str(v) for v in alternatives)}" if alternatives else ""
            cell.snippet = f"{row.label or table.title}｜{label}：{read}{alts}"

    # -- helpers --
    def fmt(self, table: str | None = None) -> Format | None:
        """The report's format, or the one ``table`` is drawn in (a 2021 report may keep the 2019 Table 2)."""
        return READ_FORMATS.get(self.data.layout(table) if table else self.data.era)

    def match_row(self, table: str, text: str, *, block: Block | None = None) -> Row | None:
        fmt = self.fmt(table)
        if fmt is None or not fmt.has_table(table):
            return None
        n = normalize_label(text)
        if not n or n in self.header_labels:
            return None
        keys = row_index(fmt.era, table).candidates(text)
        t = fmt.table(table)
        if block is not None:
            in_block = [k for k in keys if any(r.key == k for r in block.rows)]
            keys = in_block or keys
        if len(keys) == 1:
            return t.row(keys[0])
        return None

    def is_group(self, table: str, text: str) -> bool:
        fmt = self.fmt(table)
        if fmt is None or not fmt.has_table(table):
            return False
        return normalize_label(text) in group_index(fmt.era, table).exact

    def caption_block(self, text: str) -> Block | None:
        if len(text) > 30:
            return None
        return self.captions.get(normalize_label(text))

    def heading_key(self, tok: Token) -> str | None:
        """Section key for a heading line (``extra.N`` for an unknown numbered heading), else None."""
        if tok.kind != "line" or len(tok.text) > 60:
            return None
        n = normalize_label(tok.text)
        if not _HEADING_RE.match(n):
            return None
        if self.is_row_label(tok.text):
            return None
        sfmt = section_format(self.data.era, self.data.year)
        idx = section_index(sfmt.era)
        key = idx.find(tok.text)
        if key is None:
            stripped = _OPEN_PAREN_TAIL_RE.sub("", _PAREN_RE.sub("", n))
            key = idx.exact.get(stripped, [None])[0] if stripped in idx.exact else None
        if key is None:
            body = _HEADING_RE.sub("", n)
            for s in sfmt.sections:
                if any(k in body for k in s.keywords):
                    key = s.key
                    break
        if key is None:
            self._extra_n += 1
            key = f"extra.{self._extra_n}"
        return key

    def is_row_label(self, text: str) -> bool:
        return normalize_label(text) in _all_labels()

    def is_stop(self, tok: Token) -> bool:
        if tok.kind != "line" and tok.kind != "cell":
            return False
        text = tok.text
        if self.caption_block(text) is not None:
            return True
        if self.is_row_label(text):
            return True
        n = normalize_label(text)
        if n in self.header_labels or n == normalize_label(STATS_TITLE):
            return True
        return bool(tok.kind == "line" and _HEADING_RE.match(n))

    def is_valueish(self, tok: Token) -> bool:
        if tok.kind == "blank":
            return True
        if tok.kind not in ("line", "cell"):
            return False
        text = tok.text.strip()
        if is_dash(text) or parse_number(text) is not None:
            return True
        if _ITEM_LABEL_RE.match(text):
            return False  # "1.本机关不掌握相关政" (a row label broken over lines) is never a value or a note
        if not any(ch.isalnum() for ch in text) or _TABLE_CAPTION_RE.match(text):
            # "##" (a Markdown heading mark) or a table's caption ("表二：主动公开政府信息情况"): no note, no figure.
            return False
        if _open_parens(text) != 0 or text.endswith(("，", ",", "、")):
            # "(区分处理的," "只计这一情形," "不计其他情形)": pieces of a label's remark, never a note in a cell.
            return False
        # A short non-numeric entry in a value position is a note ("由市司法局填报", "无").
        return len(text) <= 24 and "。" not in text and not self.is_stop(tok)

    def _other_era_header(self, block_key: str, words: list[str]) -> bool:
        """Whether a Table 2 block's printed header is the other format's ("本年度收费金额(单位:万元)" over the 2019
        block of 第二十条第（八）项, which counts items): then the figures' columns are not the declared ones."""
        t2fmt = self.fmt("table2")
        era = t2fmt.era if t2fmt is not None else ""
        other = {"2019": "2021", "2021": "2019"}.get(era)
        if other is None:
            return False
        blocks = [b for b in get_format(other).table("table2").blocks if b.key == block_key]
        if not blocks:
            return False
        named, rest = _header_columns(blocks[0].columns, words)
        return bool(named) and not rest

    # -- value collection --
    def collect(self, i: int, n_cells: int) -> tuple[list[Token], int, bool]:
        j, ended = i + 1, False
        vals: list[Token] = []
        idxs: list[int] = []
        while j < len(self.tokens) and len(vals) < n_cells:
            t = self.tokens[j]
            if t.kind == "eor":
                ended = True
                j += 1
                break
            if not self.is_valueish(t):
                break
            vals.append(t)
            idxs.append(j)
            j += 1
        self._last_idx = idxs
        self._overflow = 0  # cells printed past the row's columns before its end (blank ones only)
        k = j
        while not ended and k < len(self.tokens) and self.tokens[k].kind == "blank":
            k += 1
        if k > j and k < len(self.tokens) and self.tokens[k].kind == "eor":
            self._overflow = k - j
        if not ended and j < len(self.tokens) and self.tokens[j].kind == "eor":
            ended = True
            j += 1
        self._truncated = j >= len(self.tokens)  # nothing after this row: the text was cut inside it
        return vals, j, ended

    def place(self, table: Table, row: Row, cols: Sequence[str], vals: list[Token], ended: bool,
              label: str) -> None:
        data = self.data
        real = [v for v in vals if v.kind != "blank"]
        idxs = self._last_idx if len(self._last_idx) == len(vals) else [None] * len(vals)
        read = [data.cell(table.key, row.key, c) for c in cols]
        if any(c is not None and c.value is not None for c in read) and not any(
                parse_number(v.text) is not None for v in real):
            # The label met again without figures (a garbled header row "| 项目 | … | 予以公开 | 部分公开 | … |"):
            # the figures already read for the row stand.
            return
        if real and any(v.kind == "blank" and v.text == "|" for v in vals):
            # "3 |" "3 |" then a line of bare borders for the rest: the empty cells were dropped, so which
            # columns the figures belong to is lost (readers.read_text marks those borders).
            raw = " ".join(v.text for v in real)
            for col in cols:
                data.set(table.key, row.key, col, Cell(None, raw=raw, unsure=True))
            data.notes.append(f"“{label}”一行有{len(cols)}格，只印出{len(real)}个数据（{raw}），其余为连写的表格线，"
                              "无法确定数据所在列，已标为存疑")
            return
        if (table.key in ("table3", "table4") and len(vals) == 1 and vals[0].text.strip().isdigit()
                and len(vals[0].text.strip()) < len(cols)):
            self.short_runs = True  # fewer digits than cells: this table's empty cells were dropped, not printed 0
        printed = max(len(vals), len(vals) + getattr(self, "_overflow", 0) if len(vals) == len(cols) else 0)
        # One figure first in a wide row, blank cells past it (never "| | … | 0 |": the blanks place that one).
        lone = len(real) == 1 and vals[0].kind != "blank" and len(cols) >= 5 and printed > len(cols)
        if real and (printed >= len(cols) + 2 or lone) and len(real) < len(cols) and any(
                v.kind == "blank" for v in vals):
            # "一、本年新收…申请数量 | 0 | ||||||||" (柞水县凤凰镇 2021 on a mirror): two or more cells past the row's
            # columns (spans lost) and fewer figures — which column the figure is in, the borders do not tell. (One
            # cell past them is a grid's padding: "行政许可 | 0 | | | |" in a four-column Table 2, 黄花乡 2019 — unless
            # it is a lone figure in a row of seven: 自然人 or 总计, nothing says.)
            raw = " ".join(v.text for v in real)
            for col in cols:
                data.set(table.key, row.key, col, Cell(None, raw=raw, unsure=True))
                self.note_evidence(table, row, col, idxs[0])
            data.notes.append(f"“{label}”一行有{len(cols)}格，印出{printed}格、其中{len(real)}个数据（{raw}），"
                              "无法确定数据所在列，已标为存疑")
            return
        sub = next((v.text.strip() for v in vals[:1] if _SUB_ROW_RE.fullmatch(v.text.strip())), None)
        if sub is not None and len(vals) > 1 and all(parse_number(v.text) is not None for v in vals[1:]):
            # "其他对外管理服务事项" ⏎ "行政检查 | 0 | 0 | 0 | 行政确认 | …" (通州新华街道 2019): the row split into
            # sub-rows of its own; which figures are the row's, nothing says — unsure, never shifted a column.
            raw = " ".join(v.text.strip() for v in vals)
            for col in cols:
                data.set(table.key, row.key, col, Cell(None, raw=raw, unsure=True))
                self.note_evidence(table, row, col, idxs[0])
            data.notes.append(f"“{label}”一行分为子项（{sub}…），无法确定本行数据，已标为存疑")
            return
        if len(vals) == len(cols):
            for col, tok, ix in zip(cols, vals, idxs, strict=True):
                data.set(table.key, row.key, col, to_cell(tok))
                self.note_evidence(table, row, col, ix)
            self._cut_last(table, row, cols, vals, idxs, label)
        elif (self._truncated and 1 < len(vals) < len(cols) and all(v.kind in ("cell", "line") for v in vals)
              and all(parse_number(v.text) is not None and len(v.text.strip()) <= 6 for v in vals)):
            # "| 6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0" and then nothing: the text ends inside the row (a page
            # cut where it was stored), so the figures printed are the row's first cells; the rest stay unread.
            for col, tok, ix in zip(cols, vals, idxs, strict=False):
                data.set(table.key, row.key, col, to_cell(tok))
                self.note_evidence(table, row, col, ix)
            data.notes.append(f"文本在“{label}”一行中途结束，只读入前{len(vals)}格")
            self._cut_last(table, row, cols, vals, idxs, label)
        elif not real:
            for col in cols:
                data.set(table.key, row.key, col, Cell(None, raw=""))
        elif (len(vals) == 1 and len(cols) in (7, 15) and table.key in ("table3", "table4")
              and is_digit_run(vals[0].text, min_len=len(cols))):
            # A glued digit run ("831000185"): split later by the form's rules, never by guess.
            digits = vals[0].text.strip()
            cands = (split_with_total(digits, 7) if len(cols) == 7
                     else split_groups_with_totals(digits, 3, 5))
            self.glued[(table.key, row.key)] = (cands, idxs[0], list(cols), label)
        elif len(vals) == 1 and len(cols) > 1 and _SIGNED_RUN_RE.match(vals[0].text.strip()):
            # "716-417298" (本年增/减 signed, glued to its neighbours): where one figure ends, nothing says.
            raw = vals[0].text.strip()
            for col in cols:
                data.set(table.key, row.key, col, Cell(None, raw=raw, unsure=True))
                self.note_evidence(table, row, col, idxs[0])
            data.notes.append(f"“{label}”一行数字连写（{raw}），含正负号，无法确定拆分，已标为存疑")
        elif (len(vals) == 1 and table.key == "table2" and len(cols) > 1 and vals[0].text.strip().isdigit()
              and len(vals[0].text.strip()) == len(cols)):
            # "规章000": as many digits as cells, so each cell holds one digit — the only split there is.
            digits = vals[0].text.strip()
            for k, (col, ch) in enumerate(zip(cols, digits, strict=True)):
                data.set(table.key, row.key, col, Cell(int(ch), raw=ch))
                self.note_evidence(table, row, col, idxs[0], sub=(k, k + 1))
            data.notes.append(f"“{label}”一行数字连写（{digits}），位数与格数相同，逐位拆分")
        elif (len(vals) == 1 and table.key == "table2" and len(cols) > 1 and vals[0].text.strip().isdigit()
              and (cands2 := split_plain(vals[0].text.strip(), len(cols)))):
            # "行政处罚3050": no rule joins Table 2's cells, and a cell printed empty leaves no trace in a glued
            # run ("22235" was 22 | (empty) | 235, 上海市政府办公厅 2025), so no split — not even the only one
            # without leading zeros — is a reading: the row stays unsure, its possible splits in the note.
            raw = vals[0].text.strip()
            for col in cols:
                data.set(table.key, row.key, col, Cell(None, raw=raw, unsure=True))
                self.note_evidence(table, row, col, idxs[0])  # each cell offered to a person to confirm
            opts = "；".join("|".join(str(v) for v in c) for c in cands2[:6]) + ("…" if len(cands2) > 6 else "")
            data.notes.append(f"“{label}”一行数字连写（{raw}），可拆为{opts}，也可能有空格被略去，无法确定，"
                              "已标为存疑，请对照原文确认")
        elif len(real) == 1 and parse_number(real[0].text) is None and not is_dash(real[0].text):
            # One note for the whole row (a merged cell): every cell of the row carries it.
            for col in cols:
                data.set(table.key, row.key, col, Cell(None, raw=real[0].text, note=real[0].text))
        else:
            for col, tok in zip(cols, vals, strict=False):
                c = to_cell(tok)
                data.set(table.key, row.key, col, Cell(None, raw=c.raw, note=c.note, unsure=True))
            data.notes.append(f"“{label}”一行有{len(cols)}格，只读到{len(vals)}个数据，无法确定所在列，已标为存疑")

    def _cut_last(self, table: Table, row: Row, cols: Sequence[str], vals: list[Token], idxs: Sequence[int | None],
                  label: str) -> None:
        """The text's very last token is a figure other than 0: where the page was cut, it may have been cut
        inside the number ("…| 2 | 1" for 12 or 1x, 四平某局 2022) — offered to a person, not read."""
        if not (self._truncated and vals and idxs and idxs[-1] == len(self.tokens) - 1):
            return
        last = vals[-1].text.strip()
        if parse_number(last) is None or re.fullmatch(r"0+", last):
            return
        col = cols[len(vals) - 1]
        self.data.set(table.key, row.key, col, Cell(None, raw=last, unsure=True))
        self.note_evidence(table, row, col, idxs[-1])
        self.data.notes.append(f"文本在“{label}”一行的“{last}”处结束，该数可能被截断，已标为存疑")

    # -- passes --
    def prepare(self) -> None:
        alltext = [t.text for t in self.tokens if t.text]
        # Labels inside a spaced one-line table count too ("指标名称 计量单位 本年度 历年累计 主动公开信息数 …").
        alltext += [p for t in self.tokens if t.kind == "line" and " " in t.text and len(t.text) < 4000
                    for p in t.text.split()]
        layouts = detect_layouts(alltext)
        self.data.era = layouts["era"]
        if self.data.era == "local2008":
            self.tokens = _explode_local(self.tokens)
            self._offsets = None
        words = {normalize_label(x) for x in alltext if len(x) <= 12}
        if self.data.era == "narrative" and {"行政复议", "未经复议直接起诉", "复议后起诉"} <= words:
            # A page holding only Table 4 (a PDF page of a 2019/2021 report: the two forms' Table 4 is the same):
            # its header words say what the 15 figures are; the report's era stays unknown.
            self.t4_only = True
            self.data.layouts["table4"] = "2021"
        if self.data.era in ("2019", "2021") and layouts.get("table2", self.data.era) != self.data.era:
            self.data.layouts["table2"] = layouts["table2"]
            self.data.notes.append(f"表二沿用{layouts['table2']}年格式，表三为{self.data.era}年格式")
        self.header_labels: set[str] = set()
        self.t2_header: list[str] = []  # the current Table 2 block's printed header words (信息内容 | …)
        self.captions: dict[str, Block] = {}
        t2fmt = self.fmt("table2")
        if t2fmt is not None and t2fmt.has_table("table2"):
            self.captions = {normalize_label(b.caption): b for b in t2fmt.table("table2").blocks if b.caption}
            # A block's own header words ("本年制发件数" only under 第二十条第（一）项) stand for its caption when the
            # caption is not printed (北坡镇 2022: "信息内容 | 本年制发件数 | …" straight after the section heading).
            seen: dict[str, list[Block]] = {}
            for blk in t2fmt.table("table2").blocks:
                for hrow in blk.header_rows:
                    for h in hrow:
                        seen.setdefault(normalize_label(h.label), []).append(blk)
            for word, blocks in seen.items():
                if len(blocks) == 1 and word not in self.captions and word != normalize_label("信息内容"):
                    self.captions[word] = blocks[0]
        for f in {self.fmt(), t2fmt} - {None}:
            assert f is not None
            for table in f.tables:
                for b in table.blocks:
                    for hrow in b.header_rows:
                        for h in hrow:
                            self.header_labels.add(normalize_label(h.label))
        self.find_title()

    def find_title(self) -> None:
        """Agency and year from the title (also split over two or three lines, or after a field name), else
        from the opening sentences ("现公布…2017年政府信息公开工作年度报告", "由…编制", the statistics period)."""
        d = self.data
        # A title printed in a layout table's cell ("2009年度下管镇政府信息公开年度报告 | ||") counts as a line.
        # (Empty cells do not count: a page that opens with a metadata table printed as 348 bare borders, 云岭乡 2023.)
        filled = [t for t in self.tokens if t.kind not in ("blank", "eor")][:80]
        head = [t.text for t in filled
                if t.kind == "line" or (t.kind == "cell" and ("报告" in t.text or "年报" in t.text))]
        # "保定市徐水区交通运输局 2021年度政府信息公开工作年度报告 根据《…》…" (徐水区交通运输局 2021, a page on
        # one line): the title opening a long line is looked at on its own as well.
        head = [y for x in head for y in _with_lead_title(x)]
        # One-line titles first; only then a title broken over two or three lines (a site name on the line
        # above a one-line title must not become part of the agency).
        found = False
        # (A title whose year lost its 年 only when no other title is found: 东河区 2014's page title loses to the
        # document's own, broken over two lines.)
        for bare, n in ((False, 1), (False, 2), (False, 3), (True, 1)):
            for k in range(min(60, len(head) - n + 1)):
                lines = head[k:k + n]
                if any(len(x) > (80 if n == 1 else 40) for x in lines):
                    continue
                compact = _META_PREFIX_RE.sub("", "".join(lines).replace(" ", "").replace("\u3000", ""))
                m = (_TITLE_BARE_YEAR_RE.match(compact) if bare else _TITLE_RE.search(compact)
                     or _TITLE_ALT_RE.search(compact) or _TITLE_PAREN_RE.match(compact))
                if m and re.search(r"\d", m.groupdict().get("a2") or ""):
                    # "…高桥镇人民政府" ⏎ "2010年2月" ⏎ "2009 上海市…年度报告" (高桥镇 2009): a date's year is no
                    # title's.
                    m = None
                if m and len(compact) <= 80:
                    d.title = _META_PREFIX_RE.sub("", " ".join(x.strip() for x in lines)).strip()
                    d.year = int(m.group("y"))
                    d.agency_name = (m.group("a1") or m.groupdict().get("a2") or "").strip(" 　\"“”《》")
                    d.agency_name = d.agency_name.removesuffix("关于")
                    if re.match(r"(?:关于)?(?:报送|上报|呈报|印发|转发)", d.agency_name):
                        # "关于报送《2011年政府信息公开年度报告》的报告" (福全镇 2011): a cover letter's title names the
                        # report it sends, not an agency.
                        d.agency_name = ""
                    # ("每日一报 | 辽宁2015年政府信息公开工作年度报告", 辽宁省 2015: a site's column before a bar, or
                    # before a wide gap where the bar was dropped.)
                    d.agency_name = re.split(r"[|｜]", d.agency_name)[-1].strip()
                    gap = re.split(r"\s{2,}|[|｜]", _META_PREFIX_RE.sub("", " ".join(x.strip() for x in lines)).strip())
                    if n == 1 and len(gap) > 1 and d.agency_name:
                        tail = next((g for g in reversed(gap) if m.group("y") in g), "")
                        m_tail = _TITLE_RE.search(tail.replace(" ", ""))
                        if m_tail is not None and m_tail.group("a1"):
                            d.agency_name = m_tail.group("a1").strip(" 　\"“”《》")
                    if d.agency_name in _BARE_ORGANS and k > 0 and _PLACE_LINE_RE.match(head[k - 1].strip()):
                        # "…人民政府小龙坎街道" ⏎ "办事处2023年…年度报告" (小龙坎街道 2023): the name broken over the
                        # two lines.
                        d.agency_name = head[k - 1].strip() + d.agency_name
                    if d.agency_name.endswith("人民") and "人民政府信息" in compact:
                        d.agency_name += "政府"  # "华容县人民政府信息公开…": 人民政府 + 信息公开
                    # ("琼 海 市人 民 政 府" ⏎ "2011年政府信息公开年度报告", 琼海市 2011: the name spaced out.)
                    above = head[k - 1].replace(" ", "").replace("\u3000", "").removesuffix("关于") if k > 0 else ""
                    if not d.agency_name and above and _AGENCY_LINE_RE.match(above):
                        # "五常市民意乡" ⏎ "2021年政府信息公开工作年度报告": the agency on the line above
                        # ("象湖镇人民政府关于" ⏎ "2019年政府信息公开工作的报告", 象湖镇 2019).
                        d.agency_name = above
                        d.title = f"{d.agency_name}{d.title}"
                    found = True
                    if not d.agency_name and n == 1 and any(
                            x == lines[0] and j > k for j, x in enumerate(head[:60])):
                        # "2022年…年度报告" ⏎ "桃江县松木塘镇人民政府" ⏎ "2022年…年度报告": the page title first, the
                        # document's own title (agency above it) again below — look on.
                        continue
                    break
                m0 = _TITLE_NOYEAR_RE.match(compact) if n > 1 else None
                if m0 and not d.agency_name:
                    d.title = " ".join(x.strip() for x in lines)
                    d.agency_name = m0.group("a1").strip(" 　\"“”《》")
            if found:
                break
        if found and d.agency_name and d.year is not None:
            # "2016年龙归镇政府信息公开年度报告" (the page's title) ⏎ "武江区龙归镇人民政府2016年政府信息公开年度报告
            # 本年报是…" (the document's own title opening the body): the document's fuller name of the agency wins.
            for line in head[:8]:
                m9 = _TITLE_RE.match(_META_PREFIX_RE.sub("", line.replace(" ", ""))[:80])
                fuller = (m9.group("a1") or "").strip(" 　\"“”《》") if m9 else ""
                if (m9 and int(m9.group("y")) == d.year and d.agency_name in fuller and fuller != d.agency_name
                        and (fuller.endswith(("人民政府", "政府", "办公室", "委员会", "管委会", "局", "办事处"))
                             # ("每日一报 辽宁2015年…" ⏎ … ⏎ "辽宁省2015年度…(全文)", 辽宁省 2015: the place in full.)
                             or fuller == d.agency_name + "省")
                        and _fuller_by_place(d.agency_name, fuller)):
                    d.agency_name = fuller
                    break
        if re.match(r"(?:编制|编写|特编制)?(?:我|本)", d.agency_name):
            d.agency_name = ""  # a sentence read as a title ("编制我单位2021年…年度报告。"): no name in it
        if not d.agency_name:
            for line in head[:30]:
                m10 = _SELF_PUBLISH_RE.search(line.replace(" ", ""))
                if m10 and (d.year is None or int(m10.group("y")) == d.year):
                    # "…,三门沿海工业城管委会特向社会公布2016年度本级政府信息公开年度报告".
                    d.agency_name = m10.group("a")
                    d.year = d.year or int(m10.group("y"))
                    break
        period = None
        if d.year is None:
            # The statistics period is the report's own statement of its year ("统计期限自2014年1月1日起至…"): it
            # beats a year quoted in a sentence (黄村镇2014: "特向社会公布2013年度…", a slip).
            period = next((int(m.group(1)) for t in self.tokens[:200] if (m := _PERIOD_RE.search(t.text))), None)
        if d.year is None or not d.agency_name:
            for line in head[:30]:
                m1 = _PROSE_TITLE_RE.search(line.replace(" ", ""))
                if m1:
                    if d.year is None:
                        d.year = period or int(m1.group("y"))
                    agency = (m1.group("a1") or m1.group("a2") or "").strip(" 　\"“”《》")
                    if not d.agency_name and agency and not agency.startswith(("我", "本")):
                        d.agency_name = agency
                    break
        if d.year is None:
            for t in self.tokens:
                m2 = _PERIOD_RE.search(t.text) or (_STATS_YEAR_RE.search(t.text) if len(t.text) < 20 else None)
                if m2:
                    d.year = int(m2.group(1))
                    d.notes.append(f"标题中未找到年度，按“{t.text[:40]}”取{d.year}年")
                    break
        # A sentence about the report's year, then a flipbook's file title ("Page 9 - 2020年报_审计局"), then the
        # year-end the figures are counted to ("截止2023年12月31日", 长春某局 2023).
        for lines, rx, where in ((head[:30], _PROSE_YEAR_RE, ""), (head[:3], _ANNUAL_FILE_RE, "页首"),
                                 (head[:40], _YEAR_END_RE, "")):
            if d.year is not None:
                break
            for line in lines:
                m4 = rx.search(line)
                planned = m4 is not None and m4.group(0).endswith("工作") and _PLAN_AFTER_RE.match(line, m4.end())
                if rx is _PROSE_YEAR_RE and planned:
                    # "为此,2015年政府信息公开工作我们将采取以下措施" (亭子坝镇 2014): next year's plans.
                    m4 = None
                if m4:
                    d.year = int(m4.group(1))
                    d.notes.append(f"标题中未找到年度，按{where}“{line[:40]}”取{d.year}年")
                    break
        if d.year is None:
            # "一、总体情况" ⏎ "2012年,我局…": the year the overview opens with.
            for k, line in enumerate(head[:40]):
                if _HEADING_RE.match(normalize_label(line)) and k + 1 < len(head):
                    m6 = _OPENING_YEAR_RE.match(_SUBHEAD_RE.sub("", head[k + 1])) or _SENTENCE_YEAR_RE.search(
                        head[k + 1])
                    if m6:
                        d.year = int(m6.group(1))
                        d.notes.append(f"标题中未找到年度，按概述首句“{head[k + 1][:30]}”取{d.year}年")
                    break
        if d.year is None:
            # A page that starts inside the report, its sentences opening with the year ("2019年度街道受理信息公开申请
            # 0件。2019年度街道发生…"): the year three or more of them state, if only one.
            opened = [int(m.group(1)) for line in head[:60] for m in _YEAR_OPENS_RE.finditer(line)]
            years = set(opened)
            if len(years) == 1 and len(opened) >= 3:
                d.year = opened[0]
                d.notes.append(f"标题中未找到年度，按正文中{len(opened)}处以“{d.year}年度”开头的句子取{d.year}年")
        if d.year is None:
            # A page without title or period (a report's second page, a page opening at 一、总体情况) whose clauses
            # set their time by one year, and that names no other year outside 《》 titles: that year (西藏 2011
            # page 2, 横山镇 2022, 大田县某镇 2025). Two different years and the page stays without one.
            plain = [re.sub(r"《[^》]{0,60}》", "", line) for line in head[:60]]
            timed = {int(m.group(1)) for line in plain for m in _TIME_YEAR_RE.finditer(line)}
            named = {int(m.group(1)) for line in plain for m in _ANY_YEAR_RE.finditer(line)}
            if len(timed) == 1 and named <= timed:
                d.year = timed.pop()
                d.notes.append(f"标题中未找到年度，按正文中以{d.year}年开头的分句取{d.year}年")
        if not d.agency_name:
            # The report's formal naming of itself or of its compiler first ("编制了永泰县2013年…报告", "由榮成市發展和
            # 改革局編制"), then the agency opening the overview (often a short form: "2013年荣成市发改局…"), then what
            # its working group is called, then a page's source field.
            # A later way's fuller name of the same agency wins ("现将茅坪回族镇2022年度…" ⏎ "茅坪回族镇人民政府严格…").
            # (A page's source field and its contact line come last and never lengthen a name found before.)
            # ("编制2012年我乡政府信息公开工作年度报告", 参内乡 2012: 我乡 names no agency.)
            finds = (self._agency_named, self._agency_compiler, self._agency_opening, self._agency_group)
            names = [name for find in finds if (name := find(head)) and not name.startswith(("我", "本"))]
            if names:
                d.agency_name = next((x for x in names[1:] if _fuller_by_place(names[0], x)), names[0])
            else:
                d.agency_name = (self._agency_source(head) or self._agency_contact(head)
                                 or self._agency_signature())
        # ("现公布随县经济开发区(以下简称县开发区)2019年…", 随县经开区 2019: the short name it goes by.)
        d.agency_name = _SHORT_NAME_RE.sub("", d.agency_name)
        # ("[甘霖镇]2012年甘霖镇政府信息公开工作年度报告", 甘霖镇 2012: a site's tag before the title.)
        d.agency_name = re.sub(r"^[\[【]([^\]】]{2,20})[\]】]$", r"\1", d.agency_name)
        # (A short sentence read as a title line: "现公布随县经济开发区…2019年…年度报告。")
        # ("编制并向社会公布邓南街2021年度…报告", 邓南街 2021; "请联系请联系绳金塔街道党政办公室", a doubled verb.)
        d.agency_name = re.sub(
            r"^(?:(?:并|及|和)?(?:现|特)?(?:将|予)?(?:向社会)?(?:公布|公开|发布)|请联系|请与|可与)+", "", d.agency_name)
        # ("新葡京博彩官网区人民政府北京街道办事处", 北京街道 2020: a gambling mirror's words over the district's name.)
        d.agency_name = _MIRROR_WORDS_RE.sub("", d.agency_name)
        cleaned = _AGENCY_JUNK_RE.sub("", d.agency_name)
        if cleaned != d.agency_name and len(cleaned) >= 2:
            d.agency_name = cleaned
        for k in range(2, len(d.agency_name) // 2 + 1):
            # "北京市大兴区北京市大兴区发展和改革委员会" (a title that printed its place twice, 大兴区发改委 2010).
            place = d.agency_name[:k]
            if d.agency_name[k:].startswith(place) and _PLACE_PREFIX_RE.match(place):
                d.agency_name = d.agency_name[k:]
                break
        if d.agency_name.endswith("人民"):
            d.agency_name += "政府"  # "茗岙乡人民政府信息公开…" read up to 政府信息: an agency never ends in 人民
        # The year is the report's own statement (its title, or its statistics period) rather than a guess from a
        # signature or a sentence: then a sentence about an earlier year is about that year (prose).
        period_year = next((int(m.group(1)) for t in self.tokens[:200] if (m := _PERIOD_RE.search(t.text))), None)
        self.year_stated = d.year is not None and (found or period_year == d.year)

    def _agency_named(self, head: list[str]) -> str:
        d = self.data
        for line in head[:30]:
            m15 = _COMPILED_THIS_RE.search(line.replace(" ", ""))
            if m15:
                return m15.group("a")  # "…要求,闽侯县财政局编制了本报告" (福州's county pages)
        for line in head[:30]:
            compact_line = line.replace(" ", "")
            m11 = (_NAMED_REPORT_RE.search(compact_line) or _NAMED_REPORT2_RE.search(compact_line)
                   or _SUBJECT_REPORT_RE.match(compact_line))
            if m11 and (d.year is None or int(m11.group("y")) == d.year):
                # "…编制了永泰县2013年政府信息公开工作年度报告", "现将福州高新区管理委员会2009年度…报告如下".
                d.year = d.year or int(m11.group("y"))
                return m11.group("a")
        for line in head[:30]:
            m17 = _PRESENTED_RE.search(line.replace(" ", ""))
            if m17 and (d.year is None or int(m17.group("y")) == d.year):
                d.year = d.year or int(m17.group("y"))
                name = m17.group("a")
                return name + "政府" if name.endswith("人民") else name
        for line in head[:30]:
            m16 = _BARE_NAMED_RE.search(line.replace(" ", ""))
            if m16:
                year = int(m16.group("y1") or m16.group("y2") or m16.group("y3"))
                if d.year is None or year == d.year:
                    d.year = d.year or year
                    return str(m16.group("a1") or m16.group("a2") or m16.group("a3"))
        return ""

    @staticmethod
    def _agency_compiler(head: list[str]) -> str:
        for line in head[:30]:
            m5 = _COMPILED_BY_RE.search(line)
            if m5:
                return m5.group("a")
        return ""

    @staticmethod
    def _agency_opening(head: list[str]) -> str:
        for k, line in enumerate(head[:40]):
            if _HEADING_RE.match(normalize_label(line)) and k + 1 < len(head):
                nxt = k + 1
                if _SUBHEAD_ONLY_RE.match(head[nxt].strip()) and nxt + 1 < len(head):
                    nxt += 1  # "一、总体情况" ⏎ "(一)主动公开政府信息情况" ⏎ "2025年和平街道办事处通过…" (和平街道)
                # The page's own opening sentence, before any heading ("2025年,海城市卫生健康局认真贯彻…").
                for cand in (*head[:min(k, 3)], head[nxt]):
                    m7 = _OPENING_AGENCY_RE.match(_SUBHEAD_RE.sub("", cand))
                    if m7:
                        return m7.group("a")
                return ""
        # A page without numbered headings: its first lines ("2018年,宿安乡继续把政府信息公开作为…", 宿安乡 2018).
        for cand in head[:3]:
            m8 = _OPENING_AGENCY_RE.match(cand)
            if m8:
                return m8.group("a")
        return ""

    def _agency_group(self, head: list[str]) -> str:
        d = self.data
        for line in head[:30]:
            compact_line = line.replace(" ", "")
            m12 = _SUMMARISED_RE.search(compact_line) or _LEADING_GROUP_RE.search(compact_line)
            if m12 is None:
                continue
            groups = m12.groupdict()
            y = groups.get("y") or groups.get("y2")
            if y is None or d.year is None or int(y) == d.year:
                return str(groups.get("a") or groups.get("a2"))
        return ""

    @staticmethod
    def _agency_contact(head: list[str]) -> str:
        # "如对报告有任何疑问,请与铜鼓公路分局政府信息公开办公室联系" (铜鼓公路分局 2017): where the public is sent.
        for line in head[:30]:
            m13 = _CONTACT_RE.search(line.replace(" ", ""))
            if m13:
                return m13.group("a")
        return ""

    def _agency_signature(self) -> str:
        # The last agency line printed right above a date line: the report's signature (name never stated before).
        lines = [t.text.strip() for t in self.tokens if t.kind == "line" and t.text.strip()]
        for k in range(len(lines) - 2, -1, -1):
            if _SIGNATURE_DATE_RE.match(lines[k + 1]) and _AGENCY_LINE_RE.match(lines[k]):
                return lines[k]
        return ""

    def _agency_source(self, _head: list[str]) -> str:
        for t in self.tokens[:40]:
            m14 = _ISSUER_RE.search(t.text)
            if m14:
                return m14.group("a")
        for t in self.tokens[:40]:
            m3 = _SOURCE_RE.search(t.text)
            if m3:
                return m3.group(1)
        return ""

    def run(self) -> ReportData:
        self.prepare()
        d = self.data
        toks = self.tokens
        fmt = self.fmt()
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.kind in ("eor", "blank"):
                i += 1
                continue
            text = tok.text
            # Table 2 caption rows.
            b = self.caption_block(text)
            if b is not None:
                self.mode, self.block = "table2", b
                self.t2_header = []
                i += 1
                continue
            if self.mode == "table2" and normalize_label(text) == normalize_label("信息内容"):
                # The block's own header row ("信息内容 | 处理决定数量 | ||"): which columns its figures are in,
                # when the publisher printed fewer than the form has (秦岭保护局 2022).
                j, words = i + 1, []
                while j < len(toks) and toks[j].kind != "eor" and (toks[j].kind == "blank" or (
                        parse_number(toks[j].text) is None and len(toks[j].text) <= 24
                        and self.match_row("table2", toks[j].text) is None)):
                    if toks[j].kind != "blank" and toks[j].text.strip():
                        words.append(toks[j].text)
                    j += 1
                self.t2_header = words
                i = j
                continue
            label_at = i
            if fmt is not None and fmt.era in ("2021", "2019") and tok.kind != "blank" and len(text) <= 40:
                # Prefer the longest label: "（二）部分公开" + "（区分处理的，…）" on the next line is one label.
                joined = self.join_broken_label(i, ("table3", "table2") if self.mode == "table2" else ("table3",))
                if joined is not None:
                    text, i = joined
            if fmt is not None and fmt.era in ("2021", "2019"):
                row = self.match_row("table3", text)
                if row is not None:
                    self.mode = "table3"
                    cols = [c.key for c in fmt.table("table3").blocks[0].columns]
                    vals, j, ended = self.collect(i, len(cols))
                    if (label_at == self._orphan_at and toks[label_at].kind == "line"
                            and any(v.kind != "blank" for v in vals)):
                        # "5.属于三类内部事务信息" ⏎ "1.本机关不掌握相关政府信息" ⏎ "| 1 | … | 1 |": two labels printed
                        # together, then one row of figures — whose it is, the label does not say; the form's
                        # row order may (resolve_loose), else the figures stay unsure on the later label's row.
                        self.loose.append(_Loose(list(self._last_idx), row, self._orphan_label))
                    else:
                        self.place(fmt.table("table3"), row, cols, vals, ended, row.label)
                        if (len(vals) == len(cols) and row.key not in self.t3_at
                                and any(parse_number(v.text) is not None for v in vals if v.kind != "blank")):
                            self.t3_at[row.key] = label_at
                    self._orphan_at = j if not vals else -1
                    self._orphan_label = row.label
                    i = j
                    continue
                if self.mode == "table3" and tok.kind == "cell" and (i == 0 or toks[i - 1].kind != "cell"):
                    nxt = self.loose_row(i)
                    if nxt is not None:
                        i = nxt
                        continue
                if (self.mode != "table2" and tok.kind == "line" and i + 1 < len(toks) and toks[i + 1].kind == "cell"
                        and parse_number(toks[i + 1].text) is not None):
                    # A page that starts inside Table 2 ("行政处罚 3985758" with no caption above): the row label
                    # followed by its figure on the same line says where we are.
                    t2row = self.match_row("table2", text)
                    t2fmt = self.fmt("table2")
                    if t2row is not None and t2fmt is not None:
                        self.mode, self.block = "table2", t2fmt.table("table2").block_of(t2row.key)
                if self.mode == "table2":
                    row = self.match_row("table2", text, block=self.block)
                    if row is not None:
                        t2fmt = self.fmt("table2")
                        assert t2fmt is not None
                        t2 = t2fmt.table("table2")
                        blk = t2.block_of(row.key)
                        cols = [c.key for c in blk.row_columns(row)]
                        named, rest = _header_columns(blk.row_columns(row), self.t2_header)
                        if named and not rest and len(named) < len(cols):
                            cols = named
                        elif not named and len(rest) >= 6 and self._other_era_header(blk.key, self.t2_header):
                            # Header words the form's block does not have ("本年度收费金额(单位:万元)" over the 2019
                            # block, whose (八) counts items): the figures' columns are not the form's — unsure.
                            vals, j, ended = self.collect(i, len(cols))
                            raw = " ".join(v.text for v in vals if v.kind != "blank")
                            if raw:
                                for col in cols:
                                    d.set(t2.key, row.key, col, Cell(None, raw=raw, unsure=True))
                                d.notes.append(f"“{row.label}”所在表格的表头（{'、'.join(self.t2_header)}）与"
                                               f"{t2fmt.era}年格式不符，数据所在列无法确定，已标为存疑")
                            i = j
                            continue
                        vals, j, ended = self.collect(i, len(cols))
                        self.place(t2, row, cols, vals, ended, row.label)
                        i = j
                        continue
                if self.is_group("table3", text):
                    i += 1
                    continue
                if normalize_label(text) == "行政复议" and "table4" not in d.tables and "table3" in d.tables:
                    self.mode = "table4"
                    i += 1
                    continue
                if self.mode == "table4" and self.is_valueish(tok) and (
                        tok.kind == "blank" or parse_number(text) is not None or is_dash(text)):
                    i = self.read_table4(i)
                    continue
            if self.t4_only and tok.kind == "cell" and "table4" not in d.tables:
                nxt = self.table4_alone(i)
                if nxt is not None:
                    i = nxt
                    continue
            if fmt is not None and fmt.era == "local2008":
                nxt = self.local_row(i)
                if nxt is not None:
                    i = nxt
                    continue
            if (fmt is not None and fmt.era == "pre2019") or normalize_label(text) == normalize_label(STATS_TITLE):
                nxt = self.stats_row(i)
                if nxt is not None:
                    i = nxt
                    continue
            key = self.heading_key(tok)
            if key is not None:
                if any(w in text for w in ("无", "没有", "未")):
                    # "五、2011年本局无因政府信息公开申请行政复议、提起行政诉讼的情况。" states figures.
                    self.heading_figures.append((key, text))
                self.section = key
                if key not in d.sections:
                    d.sections.append(key)
                    d.headings[key] = text.strip()
                if key == "review_litigation" and fmt is not None and fmt.has_table("table4"):
                    self.mode = "table4"
                elif self.mode in ("table3", "table4") or (self.mode == "table2" and key != "proactive"):
                    self.mode = None
                i += 1
                continue
            if tok.kind == "line":
                self.lines.append((self.section, text))
                if self.mode == "table3" and len(text) <= 40:
                    if _EMBEDDED_ITEM_RE.search(text):
                        # "（四）无2.没有现成信息需要另": a row label the parser could not read — the figures
                        # after the next label may be this row's.
                        self._orphan_at, self._orphan_label = i + 1, text
                    elif self._orphan_at == i:
                        self._orphan_at = i + 1  # "法提供行制作": the same broken label goes on
            i += 1
        self.finish()
        return d

    def join_broken_label(self, i: int, tables: tuple[str, ...]) -> tuple[str, int] | None:
        """A row label broken over 2–3 lines (``<br />`` copied as line breaks): (joined text, last index)."""
        parts = [self.tokens[i].text]
        for k in range(1, 3):
            j = i + k
            if j >= len(self.tokens):
                return None
            t = self.tokens[j]
            if t.kind not in ("line", "cell") or len(t.text) > 40 or parse_number(t.text) is not None:
                return None
            parts.append(t.text)
            joined = "".join(parts)
            for table in tables:
                if self.match_row(table, joined, block=self.block if table == "table2" else None) is not None:
                    return joined, j
        return None

    def read_table4(self, i: int) -> int:
        fmt = self.fmt()
        assert fmt is not None
        table = fmt.table("table4")
        cols = [c.key for c in table.blocks[0].columns]
        vals: list[Token] = []
        idxs: list[int] = []
        j = i
        while j < len(self.tokens) and len(vals) < len(cols):
            t = self.tokens[j]
            if t.kind == "eor":
                j += 1
                if vals:
                    break
                continue
            if t.kind == "blank" or parse_number(t.text) is not None or is_dash(t.text):
                vals.append(t)
                idxs.append(j)
                j += 1
                continue
            if self.is_valueish(t) and vals:
                vals.append(t)
                idxs.append(j)
                j += 1
                continue
            break
        if len(vals) == 5:
            groups = self.table4_subtables(j)
            if groups is not None:
                # Table 4 printed as three captioned five-column tables (PDF→markdown): each group's values
                # go to its own columns, by its caption, never by position alone.
                (v1, i1), rest = (vals, idxs), groups[0]
                row = table.row(TABLE4_ROW)
                for offset, gvals, gidx in [(0, v1, i1), *rest]:
                    for k, (tok, ix) in enumerate(zip(gvals, gidx, strict=True)):
                        self.data.set(table.key, row.key, cols[offset + k], to_cell(tok))
                        self.note_evidence(table, row, cols[offset + k], ix)
                self.mode = None
                return groups[1]
        self._last_idx = idxs
        self.place(table, table.row(TABLE4_ROW), cols, vals, True, "行政复议、行政诉讼情况表")
        self.mode = None
        return j

    def table4_alone(self, i: int) -> int | None:
        """Table 4 on a page without Table 2/3: a row of exactly 15 figures (blank or dash allowed) under the
        Table 4 header words, placed in the declared column order; anything else is left alone."""
        t4fmt = self.fmt("table4")
        assert t4fmt is not None
        table = t4fmt.table("table4")
        cols = [c.key for c in table.blocks[0].columns]
        j, vals, idxs = i, [], []
        while j < len(self.tokens) and self.tokens[j].kind in ("cell", "blank"):
            t = self.tokens[j]
            if t.kind == "cell" and parse_number(t.text) is None and not is_dash(t.text):
                return None
            vals.append(t)
            idxs.append(j)
            j += 1
        if len(vals) != len(cols) or j >= len(self.tokens) or self.tokens[j].kind != "eor":
            return None
        row = table.row(TABLE4_ROW)
        for col, tok, ix in zip(cols, vals, idxs, strict=True):
            self.data.set(table.key, row.key, col, to_cell(tok))
            self.note_evidence(table, row, col, ix)
        self.data.notes.append("本页只有行政复议、行政诉讼情况表（2019年与2021年格式相同），按其表头读取")
        return j + 1

    def table4_subtables(self, j: int) -> tuple[list[tuple[int, list[Token], list[int]]], int] | None:
        """After the 行政复议 group's five values: the other groups, each under its caption and header words.
        None unless at least one more captioned group of exactly five values follows."""
        toks = self.tokens
        out: list[tuple[int, list[Token], list[int]]] = []
        while j < len(toks):
            k = j
            while k < len(toks) and (toks[k].kind in ("eor", "blank") or
                                     normalize_label(toks[k].text) in _T4_WORDS):
                k += 1
            if k >= len(toks):
                break
            offset = _T4_GROUP_CAPTIONS.get(normalize_label(toks[k].text))
            if offset is None or any(o == offset for o, _v, _i in out):
                break
            k += 1
            vals: list[Token] = []
            idxs: list[int] = []
            while k < len(toks) and len(vals) < 5:
                t = toks[k]
                if t.kind == "eor" or (t.kind != "blank" and normalize_label(t.text) in _T4_WORDS):
                    k += 1
                    continue
                if t.kind == "blank" or parse_number(t.text) is not None or is_dash(t.text):
                    vals.append(t)
                    idxs.append(k)
                    k += 1
                    continue
                break
            if len(vals) != 5:
                break
            out.append((offset, vals, idxs))
            j = k
        return (out, j) if out else None

    # -- the 2008–2016 local 统计表 --
    def local_row(self, i: int) -> int | None:
        """A header (column words) or one row: label, unit, [code], the values of the value columns. Values
        that are absent stay absent; a glued run of the year and the running total is split only when one
        split has year ≤ running total, else both cells are unsure with the alternatives."""
        toks = self.tokens
        text = toks[i].text.strip()
        word = text.replace(" ", "")
        if _YEAR_COLUMN_RE.match(word):
            word = "本年度"  # "2009 年度" (莆田 2009's form names the year's column by the year)
        if word in LOCAL_COLUMN_WORDS or text in LOCAL_SKIP_WORDS or word in LOCAL_SKIP_WORDS:
            if self._local_header_done:  # a second table starts
                self.local_cols, self.local_code, self._local_header_done = [], False, False
            if word in LOCAL_COLUMN_WORDS:
                self.local_cols.append(LOCAL_COLUMN_WORDS[word])
            elif word == "代码":
                self.local_code = True
            return i + 1
        cols = self.local_cols or [YEAR, CUMULATIVE]
        if self.local_cols and not self._local_header_done:
            # The column-number row of a form ("甲 乙 丙 1 2") closes the header.
            if text in ("甲", "乙", "丙") or (text.isdigit() and len(text) == 1):
                return i + 1
        keys = row_index("local2008", "local").candidates(text) if len(text) <= 60 else []
        if not keys:
            return None
        self._local_header_done = True
        row = LOCAL_TABLE.row(keys[0])
        j = i + 1
        unit = ""
        if j < len(toks) and toks[j].text.strip() in UNITS:
            unit = toks[j].text.strip()
            j += 1
        if self.local_code and j < len(toks) and re.fullmatch(r"\d{2}", toks[j].text.strip()):
            j += 1  # the row code of the form (01, 02 …): never a figure
        vals: list[tuple[Token, int]] = []
        while j < len(toks) and len(vals) < len(cols):
            t = toks[j]
            if t.kind == "eor":
                j += 1
                break
            if t.kind == "blank" or is_dash(t.text) or parse_number(t.text) is not None:
                vals.append((t, j))
                j += 1
                continue
            break
        if len(vals) == 1 and cols == [YEAR, CUMULATIVE] and is_digit_run(
                vals[0][0].text, min_len=2 if isinstance(vals[0][0], _GluedRun) else 3):
            tok, ix = vals[0]
            pairs = split_year_and_running_total(tok.text.strip())
            if len(pairs) == 1:
                a, b = pairs[0]
                self.data.set("local", row.key, YEAR, Cell(a, raw=str(a)))
                self.data.set("local", row.key, CUMULATIVE, Cell(b, raw=str(b)))
                self.note_evidence(LOCAL_TABLE, row, YEAR, ix, sub=(0, len(str(a))))
                self.note_evidence(LOCAL_TABLE, row, CUMULATIVE, ix, sub=(len(str(a)), len(tok.text.strip())))
            else:
                # Several splits: the form's rules across rows may leave one (resolve_local_glued).
                self.local_glued[row.key] = (pairs, ix, tok.text.strip())
            return j
        for col, (tok, ix) in zip(cols, vals, strict=False):
            self.data.set("local", row.key, col, to_cell(tok))
            self.note_evidence(LOCAL_TABLE, row, col, ix)
        del unit
        return j

    def stats_row(self, i: int) -> int | None:
        """Read one 统计表 row at ``i`` (label [unit] [value]); None when ``i`` is not a row label."""
        toks = self.tokens
        tok = toks[i]
        n = normalize_label(tok.text)
        if n == normalize_label(STATS_TITLE) or n in ("统计指标", "单位", "统计数"):
            self.mode = "stats"
            if self.data.era != "pre2019":
                self.data.notes.append("发现“政府信息公开情况统计表”，但表格标签更像新格式，未按统计表读取")
            return i + 1
        if self.data.era != "pre2019":
            return None
        idx = row_index("pre2019", "stats")
        keys = idx.candidates(tok.text)
        order = [r.key for _b, r in STATS_TABLE.rows()]
        row: Row | None = None
        if keys:
            after = [k for k in keys if order.index(k) > self.stats_pos]
            key = (after or keys)[0]
            row = STATS_TABLE.row(key)
        inline: list[Token] = []
        if row is None:
            # "label unit value" written on one line.
            parts = tok.text.split()
            for k in range(len(parts) - 1, 0, -1):
                tail = parts[k:]
                if all(p in UNITS or parse_number(p) is not None or is_dash(p) for p in tail):
                    ks = idx.candidates(" ".join(parts[:k]))
                    if ks:
                        after = [x for x in ks if order.index(x) > self.stats_pos]
                        row = STATS_TABLE.row((after or ks)[0])
                        inline = [Token("cell", p) for p in tail]
                    break
        if row is None:
            if self.mode != "stats" or (tok.kind == "line" and len(tok.text) > 60):
                return None
            # An unknown row: kept as a free triple when a unit follows.
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or nxt.kind not in ("cell", "line") or nxt.text.strip() not in UNITS:
                return None
            unit = nxt.text.strip()
            seq, j = self.stats_values(i + 2)
            cell = self.stats_cell(seq, tok.text.strip())
            if unit != HEADING_UNIT:
                self.data.free_rows.append(FreeRow("stats", tok.text.strip(), unit, cell))
            return j
        self.mode = "stats"
        self.stats_pos = order.index(row.key)
        seq = inline or []
        j = i + 1
        if not inline:
            seq, j = self.stats_values(j)
        if row.heading:
            return j
        self.data.set("stats", row.key, STATS_VALUE, self.stats_cell(seq, row.label))
        return j

    def stats_values(self, j: int) -> tuple[list[Token], int]:
        """Unit and value tokens after a 统计表 label, up to the end of the row (at most 5)."""
        toks = self.tokens
        seq: list[Token] = []
        while j < len(toks) and len(seq) < 5:
            t = toks[j]
            if t.kind == "eor":
                j += 1
                return seq, j
            numeric = t.kind == "blank" or parse_number(t.text) is not None or is_dash(t.text)
            if t.text.strip() in UNITS or numeric or (t.kind == "cell" and len(t.text) <= 24 and not self.is_stop(t)):
                if numeric and any(x.kind == "line" for x in [*seq, t]) and self._has_value(seq):
                    break  # flattened text: one value per label, the next number belongs to something else
                seq.append(t)
                j += 1
                continue
            break
        if j < len(toks) and toks[j].kind == "eor":
            j += 1
        return seq, j

    @staticmethod
    def _has_value(seq: list[Token]) -> bool:
        return any(t.kind == "blank" or parse_number(t.text) is not None or is_dash(t.text) for t in seq
                   if t.text.strip() not in UNITS or t.kind == "blank")

    def stats_cell(self, seq: list[Token], label: str) -> Cell:
        values = [t for t in seq if not (t.kind != "blank" and t.text.strip() in UNITS)]
        if not values:
            return Cell(None, raw="")
        if len(values) == 1:
            return to_cell(values[0])
        raw = " ".join(t.text for t in values)
        self.data.notes.append(f"统计表“{label}”一行有{len(values)}个数据（{raw}），无法确定哪个是统计数，已标为存疑")
        return Cell(None, raw=raw, unsure=True)

    def loose_row(self, i: int) -> int | None:
        """A pipe row of Table 3 figures without a row label of its own ("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", or
        behind label fragments such as "| 缴纳费用、 | 行政机关不再处理其政 | 0 | … |"): kept for resolve_loose.
        Returns the index after the row, or None when the row is anything else."""
        toks = self.tokens
        j = i
        while j < len(toks) and toks[j].kind in ("cell", "blank"):
            j += 1
        if j < len(toks) and toks[j].kind != "eor":
            return None
        idxs = list(range(i, j))
        while idxs and toks[idxs[-1]].kind == "blank":
            idxs.pop()  # the empty cell a broken pipe row ends with
        if not 7 <= len(idxs) <= 9:
            return None
        lead, vals = idxs[:-7], idxs[-7:]
        if any(parse_number(toks[k].text) is None and not is_dash(toks[k].text) for k in vals):
            return None
        for k in lead:
            text = toks[k].text
            if (toks[k].kind != "cell" or parse_number(text) is not None or len(text) > 40
                    or self.match_row("table3", text) is not None):
                return None
        self.loose.append(_Loose(vals, None, "".join(toks[k].text for k in lead)))
        return j + 1

    def resolve_loose(self) -> None:
        """Rows of figures printed apart from their labels (PDF→Markdown: a label broken over lines comes out
        above or below the table, its figures as a label-less row). The figures still come in the form's row
        order, so between two rows read under their own labels, as many loose rows as there are unread
        declared rows are those rows, in order. The placing stands only when it can be checked: every row's
        applicant columns add up to its 总计 and the outcome rows add up to （七）总计 in every column
        (R1/R3); else the figures stay unsure — a loose row is never given to a row by guess."""
        if not self.loose:
            return
        d = self.data
        fmt = self.fmt("table3")
        if fmt is None or not fmt.has_table("table3"):
            return
        table = fmt.table("table3")
        order = [r for _b, r in table.rows()]
        pos = {r.key: k for k, r in enumerate(order)}
        cols = [c.key for c in table.blocks[0].columns]
        anchors = sorted((at, pos[key]) for key, at in self.t3_at.items())
        gaps: dict[tuple[int, int], list[_Loose]] = {}
        left: list[_Loose] = []
        for lo in sorted(self.loose, key=lambda x: x.idxs[0]):
            before = [a for a in anchors if a[0] < lo.idxs[0]]
            after = [a for a in anchors if a[0] > lo.idxs[0]]
            if before and after and before[-1][1] < after[0][1]:
                gaps.setdefault((before[-1][1], after[0][1]), []).append(lo)
            else:
                left.append(lo)
        placed: list[tuple[Row, _Loose]] = []
        for (p0, p1), los in gaps.items():
            free = [r for r in order[p0 + 1:p1] if r.key not in self.t3_at]
            rows_ok = len(free) == len(los) and all(self._row_adds_up(lo) for lo in los)
            if rows_ok:
                placed += list(zip(free, los, strict=True))
            else:
                left += los
        values: dict[str, list[int | None]] = {}
        for (rkey, col), cell in d.tables.get("table3", {}).items():
            if rkey in self.t3_at:
                v = cell.value
                values.setdefault(rkey, [None] * len(cols))[cols.index(col)] = (
                    v if isinstance(v, int) and not cell.unsure else None)
        for r, lo in placed:
            values[r.key] = [self._int(self.tokens[k].text) for k in lo.idxs]
        leaves = [r.key for r in order if r.key not in ("new_received", "carried_over", "total", "carry_forward")]
        checked = placed and "total" in self.t3_at and all(k in values for k in leaves)
        if checked:
            for c in range(len(cols)):
                parts = [values[k][c] for k in leaves]
                total = values["total"][c]
                if total is None or any(p is None for p in parts) or sum(p for p in parts if p) != total:
                    checked = False
                    break
        if not checked:
            left += [lo for _r, lo in placed]
            placed = []
        for r, lo in placed:
            for col, k in zip(cols, lo.idxs, strict=True):
                d.set("table3", r.key, col, to_cell(self.tokens[k]))
                self.note_evidence(table, r, col, k)
                got = d.cell("table3", r.key, col)
                if got is not None:
                    got.snippet = (got.snippet or "") + _BY_ORDER
        if placed:
            names = "、".join(f"“{r.label}”" for r, _lo in placed)
            d.notes.append(f"表三有{len(placed)}行数据与行标签分开印出，按表三的行序对应到{names}，"
                           "各行合计与（七）总计均相符")
        for lo in sorted(left, key=lambda x: x.idxs[0]):
            raw = " ".join(self.tokens[k].text for k in lo.idxs)
            if lo.row is not None:
                for col in cols:
                    d.set("table3", lo.row.key, col, Cell(None, raw=raw, unsure=True))
                d.notes.append(f"“{lo.label}”与“{lo.row.label}”两行标签相连，其后一行数据（{raw}）"
                               "属于哪一行无法确定，已标为存疑")
            else:
                where = f"（前有“{lo.label}”）" if lo.label else ""
                d.notes.append(f"表三有一行数据没有行标签{where}：{raw}，无法确定属于哪一行，未读入")

    def _row_adds_up(self, lo: _Loose) -> bool:
        nums = [self._int(self.tokens[k].text) for k in lo.idxs]
        if any(n is None for n in nums):
            return False
        return sum(n for n in nums[:-1] if n is not None) == nums[-1]

    @staticmethod
    def _int(text: str) -> int | None:
        parsed = parse_number(text)
        if parsed is None or parsed[1] or not isinstance(parsed[0], int):
            return None  # a dash is "not stated", never 0: a row holding one cannot be checked
        return parsed[0]

    def resolve_local_glued(self) -> None:
        """Glued local rows: the splits each row allows (year ≤ running total) narrowed by the form's rules
        across rows (L1–L3, and a 其中 row never above its whole). One split left → figures; several → unsure
        cells with the alternatives (a cell all splits agree on is known); never a pick."""
        if not self.local_glued:
            return
        d = self.data
        cols = (YEAR, CUMULATIVE)
        fixed: dict[str, tuple[int | None, ...]] = {}
        for (rkey, col), cell in d.tables.get("local", {}).items():
            if col in cols and rkey not in self.local_glued:
                vals = list(fixed.get(rkey, (None, None)))
                v = cell.value
                vals[cols.index(col)] = v if isinstance(v, int) and not cell.unsure else None
                fixed[rkey] = tuple(vals)
        equations = [(r.left, r.right) for r in LOCAL_RULES if r.left and r.right]
        cands = narrow_by_rules({k: list(v[0]) for k, v in self.local_glued.items()}, fixed, equations,
                                LOCAL_PARTS)
        for rkey, (pairs, ix, run) in self.local_glued.items():
            row = LOCAL_TABLE.row(rkey)
            left = cands.get(rkey) or pairs
            if len(left) == 1:
                a, b = left[0]
                d.set("local", rkey, YEAR, Cell(a, raw=str(a)))
                d.set("local", rkey, CUMULATIVE, Cell(b, raw=str(b)))
                self.note_evidence(LOCAL_TABLE, row, YEAR, ix, sub=(0, len(str(a))))
                self.note_evidence(LOCAL_TABLE, row, CUMULATIVE, ix, sub=(len(str(a)), len(run)))
                d.notes.append(f"统计表“{row.label}”本年度与历年累计连写（{run}），按表内关系唯一拆分为{a}|{b}")
                continue
            for k, col in enumerate(cols):
                alts = tuple(dict.fromkeys(p[k] for p in left))
                if len(alts) == 1:
                    d.set("local", rkey, col, Cell(alts[0], raw=run))
                    self.note_evidence(LOCAL_TABLE, row, col, ix)
                    continue
                d.set("local", rkey, col, Cell(None, raw=run, unsure=True))
                self.note_evidence(LOCAL_TABLE, row, col, ix, alternatives=alts)
            opts = "；".join(f"{a}|{b}" for a, b in left[:6])
            d.notes.append(f"统计表“{row.label}”本年度与历年累计连写（{run}），有{len(left)}种拆分"
                           f"（{opts}），已标为存疑，请人工确认")

    def resolve_glued(self) -> None:
        """Settle glued runs with the column rules across rows (R1, R2); one split left → figures, several →
        unsure cells carrying the alternatives, none → the run kept as raw text flagged unsure."""
        if not self.glued:
            return
        d = self.data
        fmt = self.fmt("table3")
        t3 = {r: c for (t, r), (c, _i, _cols, _l) in self.glued.items() if t == "table3"}
        if t3 and fmt is not None and fmt.has_table("table3"):
            cols = [c.key for c in fmt.table("table3").blocks[0].columns]
            fixed: dict[str, tuple[int | None, ...]] = {}
            for (row, col), cell in d.tables.get("table3", {}).items():
                if row not in t3:
                    vals = list(fixed.get(row, (None,) * len(cols)))
                    v = cell.value
                    vals[cols.index(col)] = v if isinstance(v, int) and not cell.unsure else None
                    fixed[row] = tuple(vals)
            leaves = [r.key for _b, r in fmt.table("table3").rows()
                      if r.key not in ("new_received", "carried_over", "total", "carry_forward")]
            equations = [(["new_received", "carried_over"], ["total", "carry_forward"]), (["total"], leaves)]
            narrowed = narrow_by_column_sums(t3, fixed, equations)
            for row, cands in narrowed.items():
                _c0, ix, cl, label = self.glued[("table3", row)]
                self.glued[("table3", row)] = (cands, ix, cl, label)
        for (tkey, rkey), (cands, ix, cols, label) in self.glued.items():
            tfmt = self.fmt(tkey)
            assert tfmt is not None
            table = tfmt.table(tkey)
            rowdecl = table.row(rkey)
            raw = self.tokens[ix].text if ix is not None else ""
            if len(cands) == 1:
                pos = 0
                for col, v in zip(cols, cands[0], strict=True):
                    w = len(str(v))
                    d.set(tkey, rkey, col, Cell(v, raw=str(v)))
                    self.note_evidence(table, rowdecl, col, ix, sub=(pos, pos + w))
                    pos += w
                d.notes.append(f"“{label}”一行数字连写（{raw}），按表内勾稽关系唯一拆分")
                continue
            offered = cands
            if not cands and raw.isdigit() and len(raw) == len(cols) and not self.short_runs:
                # "0000100" for seven cells whose 总计 is printed 0 (会仪镇 2021 flattened): no split keeps the rules,
                # and one digit a cell is the only split there is — offered to a person, never read. Not when another
                # row had fewer digits than cells (上海市政府办公厅 2019: "2581211" was 258 | 12 | 1 | 1, blanks
                # dropped).
                offered = [tuple(int(ch) for ch in raw)]
            for k, col in enumerate(cols):
                alts = tuple(dict.fromkeys(c[k] for c in offered))
                if len(alts) == 1 and cands:
                    # Every split that satisfies the rules gives this cell the same value: it is known.
                    d.set(tkey, rkey, col, Cell(alts[0], raw=raw))
                    self.note_evidence(table, rowdecl, col, ix)
                    continue
                d.set(tkey, rkey, col, Cell(None, raw=raw, unsure=True))
                self.note_evidence(table, rowdecl, col, ix, alternatives=alts)
            if cands:
                opts = "；".join("|".join(str(v) for v in c) for c in cands[:6])
                d.notes.append(f"“{label}”一行数字连写（{raw}），有{len(cands)}种拆分都符合表内关系（{opts}），"
                               "已标为存疑，请人工确认")
            elif offered:
                d.notes.append(f"“{label}”一行数字连写（{raw}），逐位拆分不符合表内关系（原表可能有误或有空格被略去），"
                               "已标为存疑，请对照原文确认")
            else:
                d.notes.append(f"“{label}”一行数字连写（{raw}），没有符合表内关系的拆分，已标为存疑")

    def finish(self) -> None:
        d = self.data
        self.resolve_loose()
        self.resolve_glued()
        self.resolve_local_glued()
        by_section: dict[str, list[str]] = {}
        for key, line in self.lines:
            by_section.setdefault(key or "preamble", []).append(line)
        d.narrative = {k: "\n".join(v) for k, v in by_section.items()}
        d.figures = extract_figures(self.heading_figures + self.lines, year=d.year, year_stated=self.year_stated)
        if d.era in READ_FORMATS:
            fmt = get_format(d.era)
            missing = [t.title for t in fmt.tables if t.key not in d.tables]
            if missing:
                d.notes.append("未读到表格：" + "、".join(missing))


def parse_reading(tokens: Sequence[Token], *, source: str = "") -> tuple[ReportData, dict[str, Evidence], str]:
    """The report, the evidence per cell (key ``table|row|col``) and the extracted text the spans point into."""
    p = _Parser(tokens, source)
    data = p.run()
    return data, p.evidence, p.text()


def parse_tokens(tokens: Sequence[Token], *, source: str = "") -> ReportData:
    return _Parser(tokens, source).run()
