"""Figures stated in sentences: proactive items (total, by category, by channel), applications, fees,
review and litigation, staff, meetings, training, hotline and consultations.

Each figure keeps the sentence it came from as ``snippet`` and the section it was in. ``余``/``多``
("130余条") marks a figure ``approx`` (``万`` multiplies: "20余万条"); a statement of none ("无依申请公开件",
"未收取任何信息处理费用") is a stated 0, a non-event of something else (未发生…被复议纠错) is not. Categories
follow a total or a channel's count they break down (never adding up past it) or are documents counted in
件/部; the unit is kept as printed. Figures that two sentences state differently are flagged ``unsure``; nothing is
inferred that the text does not say. Patterns are deliberately narrow: a missed figure is better than
a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from gongkai.reports.data import ProseFigure

_SENT_RE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_N = r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<approx>余|多)?"
_GAP = r"[^，。；,;\d]"
# Counts of proactive items may be written in 万 ("20余万条" is 200,000, approximate).
_NW = _N + r"(?P<wan>万)?"

_CHANNEL_RE = re.compile(
    # ("于政务门户网站主动公开各类信息共8516件", 建瓯市 2019.)
    # ("通过福田政府在线共主动公开政府信息524条", 香蜜湖街道 2018: the district portal's name.)
    r"(?:在|通过|利用|依托|以|于)(?P<ch>[^，。；,;\d]{0,30}(?:网站|门户网|网|政府在线|公众号|微博|微信群?|平台|公报|报纸|日报|媒体|公开栏|宣传栏|"
    # ("通过门户网站和其他信息公开渠道主动公开政府信息2398条", 黑龙江省商务厅 2010: every channel, the total.)
    # ("通过政府网站主动公布政府信息共计304条", 东港镇 2021.)
    # ("通过多种渠道共发布信息376条", 林山乡 2020: every channel; "通过公示公告栏等途径发布信息861条", 会仪镇 2021.)
    r"客户端|头条号?|抖音号?|视频号|快手号?|APP|形式|方式|栏目|专栏|系统|公示栏|公告栏|报刊|(?:其他|其它|多种|不同|各类|各种)[^，。；,;\d]{0,6}?(?:渠道|载体|途径)|等途径))(?P<q>[“\"][^”\"]{1,20}[”\"])?[^。；;\d]{0,14}?(?:公开|发布|推送|公示|公布)"
    # "公开低保评议发放、扶贫领域…等方面的政务信息合计298条": what was published, listed, closed by 等.
    # ("通过铁东区门户网站公开信息85篇", 新兴街道 2025: a website's posts counted in 篇.)
    # ("通过政府网站依法主动公开机构概况、规划计划、业务工作、人事任免相关领域信息共计39条", 涟水开发区 2022.)
    r"(?:[^。；;\d]{0,10}?|[^。；;\d]{0,60}?等[^。；;\d]{0,12}?|[^。；;\d]{0,60}?(?:领域|方面)的?信息(?:共计?|合计)?)"
    + _NW + r"(?P<cu>条|件|篇)"
)
# "通过部门网站当年发布政府信息393件", "在政府门户网站上主动公开信息数量为46件": a channel's items counted in 件
# only when what was published is 信息 (documents in 件 are kinds: "通过网站发布规范性文件3件").
_INFO_BEFORE_RE = re.compile(r"信息(?:数量|总数|数)?(?:为|是|共计?|达到?)?$")
_TOTAL_RES = (
    # Never after 申请: "收到依申请公开信息3条" counts applications.
    # ("主动公开政府信息简报111篇(条)", 永春县审计局 2014; "主动公开政府信32条", 四都镇 2022 as printed.)
    # ("…公告栏等公开渠道主动发布政府信息共计49条", 西四镇 2025: 主动发布 is 主动公开.)
    # ("17个重点领域累计更新信息151条,其中…", 城郊乡 2025: 累计更新 is the year's publishing too.)
    # ("共主动公开政务动态信息共计5942条", 闽清县 2022.)
    # ("共主动公开、更新各类信息222条", 宁河县 2014.)
    # ("今年来主动公开的信息数共有164条", 泸州乡 2018.)
    # ("全年共发布、更新各类信息567条", 宣州区自然资源局 2021: publishing and updating, the year's whole work.)
    # ("全年共上传信息385条", 宗圃镇 2013.)
    # (Never "其他应当主动公开的政府信息1条", 华大街道 2023: a kind of what ought to be published.)
    re.compile(r"(?<!不予)(?<!予以)(?<!申请)(?<!免于)(?<!应)(?<!应当)(?<!应主动)(?<!应当主动)(?:主动)?(?:公开|(?<=主动)发布"
               r"|(?<=共)发布(?=、更新)"
               r"|(?<=累计)更新"
               r"|(?<=全年共)上传)"
               # ("一年来,我局主动公开了各类信息24条", 吴起县商务局 2022.)
               r"(?:发布|、更新)?了?(?:各类)?"
               r"(?:(?<=主动公开)的)?(?:政府信息?|政务(?:动态)?信息|信息)"
               r"(?:简报|稿件)?(?:的)?"
               r"(?:数量|总数|数)?(?:共计?|共有|达到?|为|累计|有)?\s*" + _NW + r"条"),
    # 2008-era wording of the 统计表's first rows: "共制作、获取政府信息614条,其中主动公开29条,不予公开583条",
    # "制作政府信息总数80条,其中,主动公开档案数9条" — the count made is no total; what was published proactively is.
    re.compile(r"(?:制作|获取|制发)[^。；;]{0,12}?信息(?:总数)?\d+(?:条|件)[，,]其中[，,:：]?主动公开(?:政府信息|文件|档案)?"
               r"(?:数)?\s*" + _N + r"(?:条|件)"),
    # "截至2018年12月31日,我乡共向社会发布信息40条": the agency itself publishing, no channel named.
    # ("自2019年1月份以来我办共计发布各类信息共408条", 东郊办事处 2019.)
    re.compile(r"(?:我|本)[镇乡局委区县市办街]{1,2}(?:共计?|累计)?(?:向社会)?(?:主动)?(?:发布|公开)(?:各类)?(?:政府|政务)?信息"
               r"(?:共计?)?" + _NW + r"条"),
    # "…发布信息514条，总计2401条": the sum the report states itself.
    re.compile(r"(?<=条)[，,]\s*(?:总计|合计)\s*" + _N + r"条"),
    # ("2009年我街政府信息公开的数量有24件", 通江街道 2009.)
    re.compile(r"信息公开(?:数量|总数|数)(?:共计?|达到?|为|累计)?\s*" + _N + r"条"),
    re.compile(r"(?<!申请)政府信息公开的(?:数量|总数)(?:共计?|达到?|为|有)\s*" + _N + r"[条件]"),
    # "全镇政府信息公开566条": 政府信息公开 as the subject, its count the total.
    re.compile(r"(?:^|[，,])[^，,。；;\d]{0,8}?(?<!申请)政府信息公开(?:共计?|合计)?\s*" + _NW + r"条"),
    # 2008-era wording: "共发布各类主动公开信息96件".
    re.compile(r"(?:共|累计)(?:发布|公开)(?:各类)?主动公开(?:政府)?信息(?:共计?)?\s*" + _N + r"(?:条|件)"),
    # "主动公开政府工作信息、动态755多条": what was published named in a short list, then the count.
    # ("全年我乡主动公开机构设置、领导人事变动、…、乡村振兴等相关领域信息共计200余条", 金紫乡 2021: the areas listed,
    # closed by 等…领域.)
    re.compile(r"主动公开[^。；;\d，,]{4,80}?等(?:相关)?(?:领域|方面)的?(?:政府|政务)?信息(?:共计?|合计)\s*"
               + _NW + r"条"),
    # ("我局共公布政府信息、工作动态信息128余条", 平江县档案局 2017.)
    re.compile(r"(?:主动公开|(?<=共)公布)[^。；;\d，,]{0,12}?信息(?:、[^。；;\d，,中]{1,6})" + _NW + r"条"),
    # "政府信息主动公开170篇" (泗村店镇 2019): the information first, then 主动公开 and its count.
    re.compile(r"(?:^|[，,。])(?:政府|政务)信息主动公开(?:共计?|合计)?\s*" + _NW + r"(?:条|篇)"),
    # The 2008 outline's items answered on their line: "1.主动公开政府信息的情况:81条" (长湖乡 2018).
    re.compile(r"主动公开政府信息的?(?:情况|数量)[:：]\s*" + _NW + r"条"),
    # "主动公开涉及疫情防控、社会救助、…等方面信息423条" (迎宾路街道 2021): the areas the total covers.
    re.compile(r"主动公开涉及[^。；;\d]{2,60}?(?:等)?方面(?:的)?(?:政府)?信息(?:共计?)?\s*" + _NW + r"条"),
    # "2020年,共公开各类统计信息1870条" (张掖市统计局 2020): the agency's own kind of information, all of it.
    re.compile(r"共(?:主动)?公开各类[^\d，。；,;]{1,4}信息" + _NW + r"条"),
    # "主动公开事项共计273余项" (长兴岛街道 2022): the items counted in 项.
    # ("全年主动公开信息16项", 府谷县交通运输局 2022.)
    re.compile(r"主动公开(?:事项|(?:各类)?(?:政府|政务)?信息)(?:共计?|合计)?\s*" + _NW + r"项"),
    # "主动公开省政府及省政府办公厅政府信息759件": a total counted in 件.
    re.compile(r"主动公开[^。；;\d，,]{0,20}?政府信息(?:件数|数量)?(?:为|是)?\s*" + _N + r"件"),
    # The number before its noun: "公开了1860条信息", "主动公开的86条政府信息" (never inside a channel's clause:
    # see ``_CLAUSE_CHANNEL_RE``).
    # (Never "第二十条规定的法定主动公开0条政府信息", 三元区卫健局 2025: the statutory items, not the year's total.)
    re.compile(r"(?<!不予)(?<!予以)(?<!申请)(?<!法定)(?<!法定主动)(?:主动)?公开(?:了|的)?(?:各类)?\s*" + _NW
               + r"条(?:各类)?(?:政府|政务)?信息"),
    # "公开了临时救助、低保…等109条内容": a list closed by 等, then the count of all it names.
    re.compile(r"(?<!不予)(?<!予以)(?<!申请)公开了[^。；;\d]{2,80}?等\s*" + _NW + r"条(?:内容|信息)"),
)
_NUMBER_FIRST = (len(_TOTAL_RES) - 2, len(_TOTAL_RES) - 1)
# A clause that names a way of publishing ("通过网站…", "在公开栏…") states a channel's count, not the total;
# online and offline together ("通过线上及线下公开的1860条信息") are every channel, so that count is the total.
_CLAUSE_CHANNEL_RE = re.compile(r"(?:在|通过|利用|依托|借助)(?!线上(?:及|和|与|、|\+)?线下)")
_CLAUSE_START_RE = re.compile(r"[，,；;]")
_JOINT_CHANNELS_RE = re.compile(
    # ("利用电子屏、公告栏等主动公开政府信息48条", 八里镇 2023.)
    # ("通过政府信息公开专栏及我局政务网站主动公开…2585条", 北京市环保局 2010; "…信息公开系统和民政局网站…", 鄂尔多斯.)
    r"(?:网站|网|公众号|微博|微信|平台|公报|报纸|日报|公开栏|宣传栏|公告栏|公示栏|电子屏|客户端|新媒体|专栏|系统)[^，。；,;]{0,12}?"
    r"[、和及与]"
    r"[^，。；,;]{0,20}?(?:网站|网|公众号|微博|微信|平台|公报|报纸|日报|公开栏|宣传栏|公告栏|公示栏|客户端|新媒体|媒体|渠道|载体|途径)"
    # "通过两个网站平台,主动公开政府信息数209条次" (锡林郭勒盟商务局 2021): channels counted, not named.
    r"|(?:两|二|三|四|五|多)个[^，。；,;]{0,4}?(?:网站|平台|公众号|媒体)")
# ("分平台看,政府网站发布各类信息285条,…,今日头条公开各类信息67条", 张掖市统计局 2020.)
_BY_CHANNEL_RE = re.compile(r"^(?:(?:从|按)(?:公开)?(?:渠道|载体|平台)(?:来)?(?:看|分)|分(?:平台|渠道|载体)(?:来)?看)")
_PRESS_RE = re.compile(r"稿件|报道|宣传文章|宣传稿")  # (资讯 is read as 信息 before: a mirror's wording)
_EITHER_CHANNEL_RE = re.compile(r"(?:网站|专栏|公众号|微博|微信|平台|公报|公开栏|宣传栏)或")
# A sub-heading that names one channel ("(一)镇政府信息公开网站主动公开政府信息情况"), any other sub-heading.
_SUBHEAD_CHANNEL_RE = re.compile(
    r"^[（(][一二三四五六七八九十]{1,2}[)）](?P<ch>[^，。；,;、\d]{0,16}?(?:网站|门户网|公众号|公开栏|宣传栏|公报))"
    r"[^，。；,;、\d]{0,12}?情况[。:：]?$")
# The same sub-heading run into its paragraph: "(一)福田政府在线街道办事处主页。下设…栏目,…共主动公开政府信息165条".
_SUBHEAD_OUTLET = (r"[（(][一二三四五六七八九十]{1,2}[)）]"
                   r"(?P<ch>[^，。；,;、:：\d]{0,16}?(?:网站|主页|门户网|公众号|公开栏|宣传栏|公报|报刊|新媒体))")
_SUBHEAD_INLINE_RE = re.compile(r"^" + _SUBHEAD_OUTLET + r"[。:：]")
# …or closing a sentence run together with the next ("…主要公开形式如下:(一)福田政府在线街道办事处主页。").
_SUBHEAD_TAIL_RE = re.compile(r"[:：]" + _SUBHEAD_OUTLET + r"[。:：]?$")
_ANY_SUBHEAD_START_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,2}[)）]")
_ANY_SUBHEAD_RE = re.compile(r"^[（(][一二三四五六七八九十]{1,2}[)）][^，。；,;\d]{2,30}[。:：]?$")
_SUB_COUNT_RE = re.compile(r"(?:发布|公开|更新)(?:各类)?(?:政府|政务)?信息" + _NW + r"条")
# A numbered kind with its year's count: "1.机构设置…:主要公开…,本年度新增信息3条".
_KIND_LINE_RE = re.compile(r"^\d{1,2}[.、．](?P<kind>[^:：。；;\d]{2,30})[:：][^。]{0,80}?(?:本年度?|全年)?"
                           r"新增(?:信息)?(?P<n>\d+)条")
# An account's number or address in brackets: "订阅号“印象理合务”(微信号:lhwz4822006)公开政府信息23条".
_ACCOUNT_RE = re.compile(r"[(（](?:微信号|微博号|账号|网址|域名)[^)）]{0,40}[)）]"
                         # "微信公众账号(1个)发布信息149条" (西柳镇 2023): how many accounts, not what they published.
                         r"|(?<=号)[(（]\d{1,2}个[)）]")
# Kinds counted beside their share of the total: "法规文件类99条,占总数的81%".
_SHARE_OF_TOTAL_RE = re.compile(r"类\d+条[，,]?占(?:总数|总量|全部)")
# Applicants of one kind only (persons, or organisations): a statement about them is none about all applications.
_PERSON_RE = re.compile(r"自然人|公民|个人")
_ORG_RE = re.compile(r"法人|其他组织")
# A total the stored text cuts before its unit: "…主动公开政府信息260余".
_TOTAL_AT_END_RE = re.compile(r"(主动公开(?:政府|政务)?信息\d+余?)$")
# A count in 篇 that the report says is in 条: "简报111篇(条)".
_UNIT_REMARK_RE = re.compile(r"(?:篇|件|个)[(（]条[)）]")
# A remark in brackets between an outlet or a kind and its count: "网站(含转发)319条", "行政办事事项(居民)105条".
_REMARK_RE = re.compile(r"[(（]含[^)）\d]{1,16}[)）]"  # ("政策文件类(含规范性文件、政策解读)24条", 海珠区 2022)
                        r"|[(（][^()（）\d，,。]{1,10}[)）](?=[\u4e00-\u9fff]{0,4}?的?(?:信息|类)|\d)"
                        # "公开政府文件23件(累计公开件184件)" (东河区 2014): the running total beside the year's count.
                        r"|[(（](?:历年)?累计[^()（）]{0,20}[)）]")
# "累计公开…846条,其中本年度在县政府网站及本单位门户网站公开214条" (楚门镇 2014): the year's own part of a
# running total — the 累计 count before it is never the year's, and the part is.
_YEAR_PART_RE = re.compile(r"[，,]?其中(?:全年|本年度?|当年|今年|(?:19|20)\d{2}年(?:全年|度)?)"
                           r"[^。；;\d]{0,30}?(?:公开|发布)[^。；;\d]{0,8}?\d+条")
# ("…累计主动公开政府信息81条,…,其中,本年度新增的主动公开政府信息27条", 高桥镇 2009.)
_YEAR_COUNT_RE = re.compile(r"(?:全年|本年度?|当年|今年|(?:19|20)\d{2}年(?:全年|度)?)(?:新增|新)?的?(?:共|共计)?"
                            r"(?:主动)?公开(?:各类)?(?:政府|政务)?信息\d+条")
_RUNNING_THEN_YEAR_RE = re.compile(
    r"累计(?:主动)?(?:公开|发布)[^。；;\d]{0,16}?\d+条[，,]?其中[，,]?(?P<yr>本年度?|全年|当年|今年|(?:19|20)\d{2}年(?:度|全年)?)"
    r"(?:新增|新)?(?:共)?(?P<n>\d+)条")
_LISTED_RE = re.compile(r"[、等\d]|领域|方面|类")
_CN_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_COUNT_RE = re.compile(
    # (Not "没有一件…被申请行政复议" (茶恩寺镇 2022): none, not one.)
    r"(?<![第每逐单一二两三四五六七八九十百千万亿])(?<!没有)(?<!无)([一两二三四五六七八九])(?=[名次期场人件](?!性))")
_URL_RE = re.compile(r"[(（](?:https?://|www\.)[^)）]{0,120}[)）]")
# "政务网站、微信、微博共发布各类信息2483条": 共 over channels named together sums them.
_JOINT_SUM_RE = re.compile(r"(?:共|合计|总计)(?:计)?(?:发布|公开|推送)")
_MANY_WAYS_RE = re.compile(r"等(?:多种|各类|各种)?(?:形式|方式|渠道|载体|途径)")
# Every channel at once: "线上线下", "通过不同渠道和方式主动公开政务信息共217条" (大五里镇 2020).
_ALL_CHANNELS_RE = re.compile(
    # ("全年通过各类平台发布政府信息超500条", 汲滩镇 2025.)
    # ("通过各类政务公开载体发布信息18269条,其中…政务网2905条,微博…", 天津滨海高新区 2021.)
    # ("通过各类方式公布政务信息近300条", 骑马乡 2020.)
    r"线上(?:及|和|与|、|\+)?线下|(?:不同|多种|各种|各类|各)渠道|(?:不同|多种|各种|各类)(?:形式|方式)|(?:各类|各种|多种)平台"
    r"|(?:各类|各种|多种)[^，。；,;\d]{0,4}?载体")
# "局微信公众号公开政府信息175条", "网站共发布各类信息46106条": a channel named without 在/通过.
_CHANNEL_BARE_RE = re.compile(
    # ("学习强国等国家级媒体公开信息64条,四川新闻网等省市级平台公开信息33条", 大村镇 2024.)
    r"(?P<ch>[^，。；,;、:：\d(（]{0,12}?(?:门户网站|网站|公众号|视频号|订阅号|微博|微信|客户端|头条号|今日头条|新媒体|公开栏|"
    r"宣传栏|短视频|其他方式|级媒体|级平台|专区))(?P<q>[“\"][^”\"]{1,20}[”\"])?上?"
    # "微博账号累计推送信息792条", "微信公众号推送信息1350篇" (posts on an account are counted in 篇 too).
    # "网站全年累计发布信息2139条", "微信公众号共编发文章1640篇" (an account's posts are its items).
    # "微信公众账号发布信息149条", "抖音短视频账号发布信息46条" (西柳镇 2023).
    # "鸭南微讯”微信平台公开发布信息78条" (鸭南乡 2021).
    # ("微信公众平台发布36条", 卯都乡 2022.)
    r"(?:公众账号|账号|公众平台|平台)?(?:全年|当年|年内)?(?:共计?|累计)?(?:主动)?(?:制作并)?(?:公开)?(?:发布|公开|推送|更新|编发)"
    r"(?:各类)?(?:政府|政务)?"
    r"(?:动态|短视频|工作情况|工作动态)?"
    r"(?:(?:信息|文章)(?:条数|总数|数|数量)?(?:共计?|为)?"
    # "网站发布主动公开信息28大项、79小项,共计6657条" (泾县 2012): items counted in groups, then the whole.
    r"|[^。；;条]{0,30}?共计)?" + _NW
    + r"(?P<bu>条|篇)"
)
_NEXT_LISTED_RE = re.compile(r"、[^，。；;,、:：\d]{2,12}?\d+\s*(?:余|多)?[条件篇期项]")
_PUSHED_RE = re.compile(r"推送(?:各类)?(?:信息|文章|消息)?(?:共计?)?" + _NW + r"(?P<bu>条|篇)")
_PUSHER_RE = re.compile(r"(?:[“\"][^”\"]{1,12}[”\"])?"
                        r"(?:微信公众号|微信公众平台|微信号|政务微博|微博|抖音号|头条号|视频号)")
# The count before what was published: "信息公开专栏公开180条政务信息" (琼海某镇 2022).
_CHANNEL_NUM_FIRST_RE = re.compile(
    r"(?P<ch>[^，。；,;、:：\d]{0,12}?(?:门户网站|网站|公众号|微博|微信|专栏|栏目|公开栏|宣传栏))(?P<q>[“\"][^”\"]{1,20}[”\"])?"
    r"上?(?:共|累计)?(?:主动)?(?:公开|发布|更新)了?" + _NW + r"(?P<bu>条)(?:政务|政府|动态)?信息")
_OUTLET_NAMES = frozenset({"网站", "门户网站", "微信", "微博", "公众号", "微信公众号", "客户端", "公开栏", "公报"})
_CHANNEL_WORDS = ("线上", "线下", "网站", "门户网", "公众号", "微博", "微信", "客户端", "新媒体", "公开栏", "宣传栏",
                  "公报", "专区", "公开平台")
# A level of government and its departments as a sentence's subjects ("省政府及省直单位主动公开信息14.9万条,…;
# 各市(地)政府及市直单位…", 黑龙江省 2011): parts by level, none of them the total.
_LEVEL_RE = re.compile(r"(?:政府|机关)及[^，,；;。\d]{0,6}?直(?:单位|部门|机关)")
_PUBLISHER_RE = re.compile(r"(?:机关|部门|单位|社区|行署|人民政府|乡镇|各村|各县(?:[(（]市、区[)）])?|各区|各市)$")
# ("…共主动公开机构信息、政策文件、…、疫情防控等方面政府信息7579条", 威县 2021: the areas listed, closed by 等方面.)
_ANY_INFO_RE = re.compile(r"^(?:了)?(?:各类|各项)?(?:政府|政务|主动公开)?(?:信息)?(?:共计?|总计|累计|数量?为?)?\s*$"
                          r"|^[^。；;\d]{2,80}?等(?:方面|领域)的?(?:政府|政务)?信息$")
_CHANNEL_TOTAL_RE = re.compile(r"主动公开[^。；;\d]{0,10}?(?:共计?|累计|总计)|共计?(?:新增)?(?:主动)?(?:公开|发布)|"
                               # ("通过区政府门户网站公开发布信息共计481条", 鼓楼区市场监管局 2025.)
                               r"累计(?:发布|公开)[^。；;\d]{0,10}?共计|(?:公开|发布|公布)[^。；;\d]{0,8}?(?:共计|累计)")
# A category item: its name, then its count. Items start after a separator, after a publishing verb
# ("发布省政府规章11部") or at a 其中 glued to the figure before it ("…86条其中更新工作动态56条").
_CATEGORY_ITEM_RE = re.compile(
    r"(?:^|[，,；;、:：(（%％]|(?<=》及)|(?<=公开|发布|刊登|公布|更新|推送)|(?<=[条件部])(?=其中))\s*(?:其中)?[:：]?\s*"
    r"(?P<name>[^，,；;、:：。\d()（）]{2,24}?)\s*" + _NW + r"(?P<u>条|件|部|份|篇)"
)
# ("…其中政府信息公开专栏632条,主要类别有:机构职能类信息54条,…", 闽清县 2022.)
_CATEGORY_CUE_RE = re.compile(r"内容涵盖|主要类别(?:有|包括)[:：]?|类别(?:情况|如下)[:：]?|"
                              # ("主要包括部门动态477条、…", 新华街道 2019; "在…公开的信息总数40条中", 江密峰镇.)
                              r"(?:主要|内容|具体)包括[:：]?(?=[^。；;，,、\d]{1,20}\d)|总数\d+条中[，,]?|"
                              # "2022年,全办主动公开政府信息:机构职能类信息0条;…" (永泰县政府办 2022).
                              r"(?<=信息)[:：](?=[^。；;\d]{0,16}类)|"
                              r"公开的?信息(?:当)?中|信息公开中|信息中[，,]|按.{0,6}分类|从.{0,4}分类看?|分类[:：]|"
                              r"其中|(?<=条[，,])包括|"
                              # "全年主动公开政府信息总数171条:基层政务公开领域信息124条,…" (重庆某镇 2022).
                              r"类别(?:主要)?(?:包括|有)?[:：]|类别(?:主要)?(?:包括|有)|(?<=条)[:：]")
# Cues that name the categories themselves ("在主动公开的信息中,政策法规类的信息1条…"): no total needed before.
_EXPLICIT_CUE_RE = re.compile(
    # "2014年在县政府网站公开政府信息类别:政策文件信息4条,…" (楚门镇 2014).
    # "内容涵盖政府信息公开制度5条、政策法规9条…" (平川区发改局 2025).
    # ("试点领域信息公开中重大建设项目52条,义务教育53条,…", 鹤庆县 2021.)
    # ("…的主要类别如下:机构职能类信息7条,…", 厦门火炬高新区 2021; "…主要类别情况:党政信息类147条", 湖镇 2013.)
    # ("在已公开信息当中公告、新闻动态类信息…", 民治街道 2022.)
    r"内容涵盖|公开的?信息(?:当)?中|信息公开中|按.{0,6}分类|分类[:：]|(?<=条[(（])其中|类别(?:主要)?(?:包括|有)?[:：]|类别(?:主要)?(?:包括|有)"
    r"|类别(?:情况|如下)[:：]?")
# Documents are counted in 件 or 部 ("规章11部", "规范性文件83件", "人事任免文件106件"); other items only in 条.
# (建议/提案: the replies to deputies' proposals, a kind the 2017 统计表 counts in 件.)
_DOC_WORDS = ("规章", "文件", "任免", "解读", "工作报告", "公告", "通告", "决定", "意见", "办法", "方案", "规划",
              "建议", "提案")
_PUBLISH_IN_NAME_RE = re.compile(r"(?:主动)?(?:公开|发布|刊登|公布|更新|推送)(?:了)?")
_PUBLISH_RE = re.compile(r"公开|发布|刊登|公布|印发")
# (原创/转载 say who wrote an account's posts, no kind: "共编发文章1640篇，其中原创文章294篇", 上海市科委 2024.)
_ANY_COUNT_RE = re.compile(r"\d+\s*(?:余|多)?(?:条|件|篇|个|项|份)")
_YEAR_SLICE_RE = re.compile(r"^(?:其中)?[，,:：]?(?:本年度?|全年|当年|今年)(?:新增|新)?的?(?:主动公开|公开)?的?"
                            r"(?:政府|政务)?信息$")
# A part named by its outlet ("其中,政府网站人社信息387条", 眉山市人社局 2022).
_LEAD_OUTLET_RE = re.compile(
    r"[，,:：、]?(?:其中)?[，,:：]?(?P<o>政府网站|门户网站|网站|微信公众号|公众号|微信|微博|客户端)")
# Outlets named by their own names (一点资讯 arrives as 一点信息: 资讯 is read as 信息 first).
_APP_OUTLET_RE = re.compile(r"(?:今日头条|头条号|抖音号?|快手号?|视频号|学习强国|一点(?:资讯|信息)|人民号|澎湃号|百家号"
                            r"|政务网|信息网)$")
_SENT_UP_RE = re.compile(r"(?<!通过)向[^，,；;。]{0,16}?(?:送交|报送|呈报|上报)")
_ARCHIVES_RE = re.compile(r"档案馆|两馆|图书馆")
_NOT_PROACTIVE_RE = re.compile(r"申请|复议|诉讼|清理|审查|备案|征求|不予公开|原创|转载")
# ("确定继续有效的行政规范性文件33件", 杭州市卫健委 2023: documents kept in force, not published this year.)
_IN_FORCE_RE = re.compile(r"(?:继续|现行)有效的?[^，,；;、]{0,12}$")
_VERB_PREFIX_RE = re.compile(r"^(?:全年|累计|共计?)*(?:主动)?(?:发布|更新|公开|刊登|公布|推送)(?:了)?")
# "通过局门户网站公开政府信息公开52条,其他信息2167条": a bare "…信息N条" right after a channel's figure
# shares that channel (the verb and the channel are not repeated).
_CHANNEL_MORE_RE = re.compile(r"[，,、]\s*(?P<name>(?!其中)[^，。；;,、:：\d]{0,8}?信息)\s*" + _N + r"条")
_PART_AFTER_RE = re.compile(r"(?P<t>\d+)条[，,]?其中[，,:：]?[^，,；;。\d]{0,20}?(?P<p>\d+)条")
_LIST_ITEM_RE = re.compile(r"[，,、]\s*([^，。；;,、:：\d]{1,20}?)" + _N + r"条")
_OPEN_PAREN_RE = re.compile(r"[(（]")
# An outlet named by its site ("财政信息网公开…"): a channel, never a kind of information.
_NET_PUBLISH_RE = re.compile(r"[^，。；,;]{1,12}?信息网(?:站)?上?(?:公开|发布)")
_KIND_LIST_RE = re.compile(r"、(?P<name>[^，。；;,、:：\d]{2,20}?)\d+(?:余|多)?(?:条|件)")
# ("…主动公开政策文件、工作动态、…等方面政策的信息69条、工作动态33条", 敏洞乡 2022: a long name of the first kind.)
_FIRST_KIND_RE = re.compile(r"(?:公开|发布|推送|公示)(?P<k>[^\d]{2,12}?|[^\d，,]{2,60}?(?:的信息|方面))"
                            r"\d+(?:余|多)?条$")
_DOC_OBJECTS = ("公告", "通知", "通告", "文件", "规章", "建议", "提案", "办法", "方案", "决定")
_GENERIC_NAMES = frozenset({"信息", "政府信息", "政务信息", "各类信息", "公开信息", "各类", "其中"})
_COUNT_BEFORE_RE = re.compile(r"\d+\s*(?:余|多)?万?(?:条|件|个|篇|部|项|次)(?=\s*[，,]?\s*$)")
_NOT_NAME_RE = re.compile(r"发布|公开|推送|更新|刊登|共|合计|总计|累计|其中")
# "…发布的信息数量304": a count (数量) printed without its unit; the unit is 条.
# (Never a year: "(一)主动公开信息数量2013年,我镇…" on a page run together.)
_COUNT_NO_UNIT_RE = re.compile(r"(信息数量(?:为|是|达到?)?\s*\d+)(?![\d.条件个项次人万千百%％元年月])")

_PATTERNS: tuple[tuple[str, re.Pattern[str], str, str | None], ...] = (
    # key, pattern, unit, a word the sentence must contain
    # "我局共受理政府信息公开申请0": a count printed without its unit ends its clause.
    # (Not "收到网上提交依申请公开信息0件", 湘西州乡村振兴局 2023: one way of applying only.)
    # (Nor "收到有关政府信息公开的行政复议申请12件", 兰州 2011: a review's application.)
    ("applications.received", re.compile(r"(?:收到|受理|新收|接收|接受)(?!网上|网络|在线|当面|信函|电话|邮寄)"
                                         # (Nor "收到政府信息公开书面申请12件", 大英县 2020: one way of applying.)
                                         r"(?:(?!复议|诉讼)[^，。；,;\d]){0,24}?(?<!书面)(?<!网上)(?<!当面)(?<!信函)申请"
                                         + _GAP + r"{0,10}?"
                                         + _N
                                         # ("共收到信息公开申请22宗", 新华街道 2021: 广东 counts in 宗.)
                                         # ("共收到4条公开政府信息的申请", 金山街道 2023.)
                                         # ("受理并按时回复政府信息依申请公开事项19项", 亳州高新区 2022.)
                                         # ("收到并处理政府信息公开申请7项", 福州市统计局 2019; never 许可申请N项.)
                                         + r"(?:件|个|份|条|宗|项(?<=事项\d项)|项(?<=事项\d\d项)|项(?<=公开申请\d项)"
                                         + r"|项(?<=公开申请\d\d项)|(?=[，。；,;]|$))"
                                         + r"|收到(?P<n2>\d+)(?:件|起|份|宗|条)"
                                         + _GAP
                                         + r"{0,8}?申请"),
     "件", None),
    # "政府信息依申请公开系统共收到1宗信息" (广东 counts applications in 宗).
    ("applications.received", re.compile(r"依申请公开[^。，；,;\d]{0,8}?(?:共)?(?:收到|受理)(?P<n>\d+)\s*(?:件|宗|份)"),
     "件", None),
    # Not "同意公开答复9件": the count of one outcome.
    # Nor "转下一年度办理答复的有1件" (carried forward); "共办理718件", "共处理…申请0件" are the number answered.
    ("applications.answered", re.compile(r"(?<!同意公开)(?<!部分公开)(?<!不予公开)(?<!予以公开)(?<!年度办理)(?<!年度)"
                                         r"(?<!按时)(?<!延期)(?<!提案)(?<!建议)(?:答复|办结|回复办理|(?<=[共计])(?:办理|处理))"
                                         # (Not "申请答复被申请行政复议共1件", 番禺区 2019: the reviews of the replies.)
                                         + r"(?:(?!复议|诉讼)" + _GAP + r"){0,10}?" + _N + r"件"
                                         # ("…申请12件,答复7件,不予受理4件", 遵义市人社局 2021: one outcome of many.)
                                         + r"(?![，,、]\s*不予(?:受理|处理|公开|答复))"), "件", "申请"),
    # "收到群众要求公开政府信息21件…。目前20件申请已办结" (萧山区农业农村局 2024): requests; a count before its noun.
    ("applications.received", re.compile(r"收到[^，。；,;\d]{0,8}?要求公开(?:政府)?信息" + _N + r"件"), "件", None),
    ("applications.answered", re.compile(r"(?<![\d.])(?P<n>\d+)件申请(?:均已|已|均)(?:办结|答复)"), "件", None),
    # "…申请21件,…,已办结18,结转下年度继续办理5" (关东街 2025): the count answered without its unit.
    ("applications.answered", re.compile(r"(?<=[，,])已办结(?P<n>\d+)(?=[，,。；;])"), "件", "申请"),
    # "收到依申请公开政府信息2条,办结2条" (遂溪县农业农村局 2021): the clause after the count received.
    ("applications.answered", re.compile(r"(?<=[，,])办结" + _N + r"条"), "件", "申请"),
    ("fees.amount", re.compile(r"收取" + _GAP + r"{0,12}?费" + _GAP + r"{0,8}?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>万元|元)"),
     "", None),
    # (Never a count of the two together: "行政复议、行政诉讼3件" states neither one's figure.)
    ("review.total", re.compile(r"行政复议(?:案件|申请)?(?:(?!诉讼)" + _GAP + r"){0,6}?" + _N + r"(?:件|起|宗)"), "件",
     None),
    ("litigation.total", re.compile(r"(?<!复议[、和及与])(?<!复议[、和及与]提起)行政诉讼(?:案件)?" + _GAP
                                    + r"{0,6}?" + _N + r"(?:件|起|宗)"), "件", None),
    # "有1件涉及政府信息公开工作的行政复议": the number before its noun (never a count of reviews lost).
    ("review.total", re.compile(r"有(?P<n>\d+)\s*(?:件|起|宗)(?:涉及)?[^，。；,;\d]{0,16}?行政复议"
                                r"(?![^，。；]{0,4}?(?:纠错|纠正|败诉|撤销))"), "件", None),
    # "行政复议7件，诉讼9件": 诉讼 after a 复议 count in the same list is the administrative litigation.
    ("litigation.total", re.compile(r"复议[^。；;\d]{0,12}?\d+\s*(?:件|起|宗)[，,、]\s*(?:提起)?诉讼(?:案件)?\s*"
                                    + _N + r"(?:件|起|宗)"), "件", None),
    ("staff.full_time", re.compile(r"(?:专职|全职)(?:工作)?(?:人员)?" + _GAP + r"{0,4}?" + _N
                                   + r"(?:名|人)|(?<![\d.])(?P<n2>\d+)名(?:专职|全职)"), "人", "公开"),
    # "其中专职与兼职人员各一人" (茗岙乡 2018): one of each.
    ("staff.full_time", re.compile(r"专职(?:与|和|及)兼职(?:工作)?(?:人员)?各" + _N + r"(?:名|人)"), "人", "公开"),
    ("staff.part_time", re.compile(r"专职(?:与|和|及)兼职(?:工作)?(?:人员)?各" + _N + r"(?:名|人)"), "人", "公开"),
    ("staff.part_time", re.compile(r"兼职(?:工作)?(?:人员)?" + _GAP + r"{0,4}?" + _N
                                   # ("安排了4名工作人员兼职负责政务公开的日常工作", 梅林街道 2011.)
                                   + r"(?:名|人)|(?<![\d.])(?P<n2>\d+)名(?:工作人员)?兼职"), "人", "公开"),
    ("meetings.count", re.compile(r"召开" + _GAP + r"{0,20}?(?:会议|专题会|推进会)" + _GAP + r"{0,4}?"
                                  + _N + r"次"), "次", "公开"),
    ("training.sessions", re.compile(r"培训(?:班|会)?" + _GAP + r"{0,8}?"
                                     + r"(?<![\d.])(?P<n>\d+)\s*(?:次|场|期)(?!人)|参加了?(?P<n2>\d+)次" + _GAP
                                     + r"{0,20}?培训"), "次", None),
    # "年初、年中两次举办…培训" (唐村镇 2010): the number before the verb.
    ("training.sessions", re.compile(r"(?<![\d.])(?P<n>\d+)次(?:举办|开展|组织)" + _GAP + r"{0,20}?培训"), "次", None),
    # "累计1162人次参训" (the number before the verb).
    ("training.attendees", re.compile(r"(?:培训|参训|参加培训)" + _GAP + r"{0,10}?" + _N
                                      + r"人次|(?P<n2>\d+)人次参(?:加)?训"), "人次", None),
    # (热线办理N件 is what was received and handled: 麻阳县板栗树乡 2022, 北部湾办 2022, 西乡塘街道 2024; 办结 is not.)
    # ("接处“12345”专网交办的来电来信工单共132件", 南通市民政局 2019.)
    ("hotline.received", re.compile(r"(?:热线|12345[”\"]?(?:专网|热线|平台|工单)|网络问政|在线咨询|政民互动|留言|信箱)"
                                    r"(?:(?!办结)[^。；;]){0,20}?" + _N
                                    + r"(?:件|条|个)"), "件", None),
    ("hotline.completed", re.compile(r"(?:热线|问政|留言)[^。；;]{0,30}?办结" + _N + r"(?:件|条|个)"), "件", None),
    # Only a rate of what the public sent in (建议、提案 办结率 is no hotline's).
    # (Not "…申请人的诉求,…受理公开申请40件,回复办理40件,办结率为100%" (胡家园街道 2024): the applications' rate.)
    ("hotline.completion_rate", re.compile(r"(?:热线|问政|留言|咨询|投诉|信箱|诉求|12345)(?:(?!申请)[^。；;]){0,40}?"
                                           # (An on-time rate is no completion rate: "按时办结率100%", 礼让街 2025.)
                                           r"(?<!按时)(?<!按期)办结率(?:达到?|为)?\s*(?P<n>\d+(?:\.\d+)?)\s*[%％]"),
     "%", None),
    ("consultations.received", re.compile(r"(?:接待|接受)" + _GAP + r"{0,30}?[咨谘]询" + _GAP + r"{0,4}?" + _N
                                          + r"(?:人次|次)"),
     "人次", None),
    ("consultations.answered", re.compile(r"解答" + _GAP + r"{0,8}?咨询" + _GAP + r"{0,4}?" + _N + r"人次"),
     "人次", None),
    # Not "行政公文和政策解读信息9条": interpretations counted together with another kind.
    # Nor "转发各类政策解读150余条" (温都尔勒图苏木 2021): others' interpretations reposted.
    ("interpretations.count", re.compile(r"(?<![和及与])(?<!转发各类)(?<!转发)(?:公示|发布|公开)?(?<![和及与])"
                                         # (Not "政策解读类信息2条" in a list of kinds, 杨郢乡 2023.)
                                         r"(?:政策解读(?!类)(?:稿件|材料|信息)?|(?<!政策)解读类?信息)"
                                         + _GAP + r"{0,4}?" + _N + r"(?:篇|条|件)"), "条", None),
    # "共解读文件23个", "开展政策解读活动15次" (events of interpretation, counted as they are printed).
    # ("解读民生政策文件6余件", 兴海县 2021.)
    # ("发布各类解读429件", 天津市 2020.)
    ("interpretations.count", re.compile(r"(?:解读文件|政策解读活动|解读政策|解读[^，。；,;\d]{1,6}?(?:政策|文件)"
                                         r"|(?<=发布各类)解读)"
                                         + _GAP + r"{0,4}?" + _N
                                         + r"(?:个|次|件|篇)"),
     "条", None),
    # The number before its noun: "2023年我局开展0条政策解读" (晋安区发改局 2023), "发布了8条政策解读稿" (石狮市
    # 农业农村局 2021).
    ("interpretations.count", re.compile(
        r"(?:开展|发布|制作|撰写|编发)了?(?<![\d.])(?P<n>\d+)\s*(?:条|篇|份)政策解读"), "条", None),
    ("media.items", re.compile(r"报道" + _N + r"次"), "次", None),
)

# The parts after 其中 of a count of interpretations ("发布政策解读信息260条,其中,解读材料39条,解读产品201个
# (包括动漫短视频解读16个)"; "共解读文件23个。其中图片解读文件16个,…") are interpretations too.
_INTERP_PART_RE = re.compile(r"(?P<name>[^，,；;、:：。\d()（）]{2,16}?)" + _N + r"(?:条|个|篇|件)")

# (The gap never runs past an item's number: "…收费及减免情况:无5.因…申请行政复议…:4条", 长湖乡 2018 on one line.)
_NO_ITEM_GAP = r"(?:(?![\d一二三四五六七八九十][.、．])[^。]){0,40}?"
# ("…的行政复议、行政诉讼和申诉案件0件", 平江县档案局 2017.)
_JOINT_ZERO = (r"|行政复议[、和及与](?:提起)?(?:行政)?诉讼(?:[、和及与]申诉)?(?:案件)?(?:数|数量)?(?:为|共)?0\s*"
               r"(?:条|件|起|宗|个)")
_NOT_LOST = r"(?![^，。；]{0,4}?(?:纠错|纠正|败诉|撤销))"
_ZERO_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("applications.received", re.compile(r"无依申请公开(?:件|事项|申请|情况|的?(?:政府)?信息)|"
                                         # "未发生因依申请公开引发的行政复议": no review (applications not stated).
                                         r"(?:未|没有)(?:收到|接到|接收到|发生|受理)[^，。；]{0,12}?(?:依申请|公开申请)"
                                         # (Nor "未发生依申请公开政府信息收费、减免情况", 月浦镇 2025: fees.)
                                         r"(?![^，。；]{0,12}?(?:复议|诉讼|收费|费用|减免))(?![^，。；,;]{0,6}?咨询)|"
                                         # (Never "未收到…的行政复议申请", 南阳市生态环境局 2022.)
                                         r"(?:没有|未)(?:收到|接到)(?:(?!复议|诉讼)[^，。；]){0,30}?申请(?![^，。；]{0,12}?(?:复议|诉讼))(?![^，。；,;]{0,6}?咨询)|未(?:收到|接到)申请公开|(?<!提交)依申请公开[^，。；\d]{0,6}?0件(?![，,、]\s*不予公开)|"
                                         # "我镇2016年度无申请" (a 蚌埠 town, 2016).
                                         r"年度?无(?:任何)?申请(?!人)|"
                                         # "我镇没有依申请公开政府信息办理事项" (亭子坝镇 2014); a sentence the store
                                         # cut inside its last word ("没有收到政府信息公开申", 永嘉县农业局 2010).
                                         r"(?:没有|无)依申请公开[^，。；]{0,12}?办理事项|"
                                         r"(?:没有|未)(?:收到|接到)[^，。；]{0,20}?信息公开申$")),
    # "没有向申请人收取任何费用" (坪山街道 2017).
    # ("没有对公民、法人和其他组织收取依申请信息公开的任何费用", 哈日诺尔苏木 2019; "2015年未有收费及减免情况".)
    # (Never Table 2's fee row: "没有发生相关行政事业性收费情况", 白水乡 2020.)
    ("fees.amount", re.compile(r"(?![^。；]{0,30}?行政事业性收费)(?:没有收费|没有[^。；，,]{0,16}?收取[^。；]{0,16}?费|"
                               r"没有[^。；，,]{0,24}?的?收费|"
                               r"未有收费|收费(?:及减免)?(?:的)?情况[:：]\s*无(?![^，。；]{0,3}[\d一二三四五六七八九十])|"
                               # (Not "无行政事业性收费事项": Table 2's fees, 宛城区民政局 2025.)
                               r"未收取[^。；]{0,14}?费|未发生[^。；]{0,20}?收费|无(?!行政事业性)[^，。；]{0,10}?收费|"
                               # ("2011年度暂不存在政府信息公开收费及减免情况", 文庙街道 2011.)
                               r"不存在[^。；，,]{0,16}?收费|"
                               r"未涉及[^。；，,]{0,14}?收费|未[^。；，,]{0,20}?收取[^。；]{0,6}?费)")),
    # "未发生…被行政复议纠错": no review was lost, which does not say none was filed.
    # "未接到有关政府信息公开方面的复议、诉讼和申诉": 复议/诉讼 without 行政 in such a list are the same.
    # ("政府信息公开行政复议、行政诉讼0条", 耿马县司法局 2021: one zero for both.)
    ("review.total", re.compile(r"(?:未发生|未收到|未接到|未出现|未有|未产生|无|没有)" + _NO_ITEM_GAP + r"(?:行政)?复议"
                                + _NOT_LOST + _JOINT_ZERO)),
    ("litigation.total", re.compile(r"(?:未发生|未收到|未接到|未出现|未有|未产生|无|没有)" + _NO_ITEM_GAP
                                    + r"(?:行政)?诉讼" + _NOT_LOST + _JOINT_ZERO)),
    # "未收到任何形式的有关信息公开方面的咨询". Not "未收到网上咨询" (城西街道 2017): one way of asking only.
    # "没有受理过关于政府信息公开咨询、投诉情况" (锡林郭勒盟商务局 2021).
    # (Not "未收到依申请公开信息的咨询" (中原区审计局 2015): consultations about applying, neither count plainly.)
    ("consultations.received", re.compile(r"(?:未收到|未接到|没有收到|没有受理过?|未受理|无)"
                                          r"(?:(?!依申请|不予公开)[^。，；]){0,24}?"
                                          r"(?<!网上)(?<!网络)(?<!电话)"
                                          r"(?<!现场)(?<!来信)(?<!信函)(?<!在线)(?<!当面)[咨谘]询")),
)


def _num(s: str) -> int | Decimal:
    return Decimal(s) if "." in s else int(s)


def _val(m: re.Match[str]) -> int | Decimal:
    """The number of a match of ``_NW``: "20余万" → 200000 (``approx`` says 余)."""
    v = _num(m.group("n"))
    if m.groupdict().get("wan"):
        v = v * 10000
        if isinstance(v, Decimal) and v == v.to_integral_value():
            v = int(v)
    return v


def _clean_category(name: str) -> str:
    name = name.strip(" “”\"")
    if name == "信息公开":
        return name  # "…的信息10条,信息公开30条" (某区统计局 2023): a kind of its own in an explicit list
    for prefix in ("其中", "涉及", "主要包括", "内容包括", "具体包括", "包括", "主要有", "含"):
        if name.startswith(prefix):
            name = name[len(prefix):]
    name = _VERB_PREFIX_RE.sub("", name)
    verbs = list(_PUBLISH_IN_NAME_RE.finditer(name))
    if verbs:
        verb = verbs[-1]
        # "《上海市人民政府公报》主动公开市政府规章": what was published follows the last verb;
        # "工作动态信息公开": a verb at the end leaves the name before it.
        # "信息公开年报", "信息公开指南": 信息公开 is part of the name.
        head, tail = name[:verb.start()], name[verb.end():]
        if head.endswith("信息"):
            if len(tail) < 2:
                name = head
        elif len(tail) >= 2 and tail not in _GENERIC_NAMES:
            name = tail
        elif tail in _GENERIC_NAMES and len(head) >= 2:
            name = head  # "食品药品安全等重点领域公开信息": the kind is named before the verb
    name = re.sub(r"(?:共计?|合计|为|达)$", "", name)  # "机构职能类信息共4条"
    for suffix in ("类的信息", "的信息", "类信息", "信息", "类"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    return name.strip(" ：:")


def _in_paren_after(compact: str, at: int, item_end: int | None) -> bool:
    """Whether position ``at`` is inside a parenthesis opened right after an accepted item
    ("规章13件(含新制定5件,修改4件,废止4件)": the breakdown of that item)."""
    if item_end is None:
        return False
    opened = max(compact.rfind("(", 0, at + 1), compact.rfind("（", 0, at + 1))
    closed = max(compact.rfind(")", 0, at + 1), compact.rfind("）", 0, at + 1))
    return opened == item_end and opened > closed


# A count since the regulation took effect, not the year's: "历年累计…", "自《条例》实施以来…", "2008年5月1日至
# 2012年12月31日,累计受理…" (a period over several years). 全年/本年/当年 keep it the year's.
_SINCE_RE = re.compile(r"历年|以来|至今|迄今|截至目前|截止目前|截至今")
_ENACTED_SINCE_RE = re.compile(r"(?:施行|实施|颁布|生效)(?:之日)?以来")
_YEAR_ADDED_RE = re.compile(r"(?<![\d.])\d+(?:余|多)?条[(（](?:(?P<y>(?:19|20)\d{2})年)?(?:本年|当年|全年)?新增"
                            r"(?P<m>\d+)条[)）]")
_SINCE_YEAR_RE = re.compile(r"((?:19|20)\d{2})年[^，。；,;\d]{0,8}?以来")
_YEAR_WORD_RE = re.compile(r"当年|全年|本年|今年|年度内")
_SPAN_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?:\d{1,2}日)?(?:起)?(?:至|到|—|-)((?:19|20)\d{2})年")


def _clause_start(compact: str, at: int, marks: str = "，,；;") -> int:
    """Where the clause holding position ``at`` starts (after the last of ``marks`` before it)."""
    return max(compact.rfind(x, 0, at) for x in marks) + 1


# A sentence that opens with a year ("此外,2010年我镇…"); never a date range or a running count from that year.
_OTHER_YEAR_RE = re.compile(r"^(?:此外|另外|同时)?[，,]?((?:19|20)\d{2})年(?!\d{1,2}月)(?!以来|至|到|起|底)")
_RUNNING_AFTER_YEAR_RE = re.compile(r"^截[至止][^，。；]{0,16}?[，,]?[^，。；]{0,20}?累计(?:主动)?公开")


def _cumulative(compact: str, at: int, year: int | None = None) -> bool:
    """Whether the count at ``at`` is a running total over years (never the report year's figure)."""
    clause_from = _clause_start(compact, at)
    clause = compact[clause_from:at]
    before = compact[:at]
    # ("自2019年1月份以来我办共计发布各类信息共408条" in the 2019 report, 东郊办事处: since the year began.)
    if _YEAR_WORD_RE.search(clause) or (year is not None and re.search(
            rf"(?:{year}年(?:1月(?:1日|份)?)?|今年|年初)以来", before) is not None):
        return False  # (青川县乡村振兴局 2021: "2021年以来公开政府信息98条" — since the report year began)
    if _SINCE_RE.search(clause) or (_SINCE_RE.search(before) and "累计" in clause):
        return True
    since = _SINCE_YEAR_RE.search(before)
    if since is not None and year is not None and int(since.group(1)) < year:
        # "自2008年以来,街道主动公开政府信息1200条" in the 2012 report: since an earlier year, a running total.
        return True
    if _ENACTED_SINCE_RE.search(before) and not re.search(r"(?:19|20)\d{2}年(?!\d{1,2}月)", clause):
        # "自《条例》施行以来,截至2012年12月31日,…公开政府信息812条" (北京经开区 2012); not "…其中2012年…456条".
        return True
    span = _SPAN_RE.search(before)
    # (截至 the year's end, 累计 is the year's own figure: 三门沿海工业城 2016 "截至2016年12月31日,…累计发布信息20条",
    # 厦门市 2016 "截至12月31日,…累计主动公开政府信息39129条,…数量同比明显增多".)
    return span is not None and span.group(1) != span.group(3) and "累计" in clause + before[span.end():]


def _running_before_year(compact: str, m: re.Match[str]) -> bool:
    """Whether a channel's 累计 count is followed by the year's own part ("在县政府网站累计公开政府信息846条,其中本年度
    …公开214条", 楚门镇 2014): then it is a running total, as ``_cumulative`` says of 历年 and 以来."""
    return "累计" in compact[_clause_start(compact, m.start()):m.end()] and (
        _YEAR_PART_RE.match(compact, m.end()) is not None)


def _in_kinds_list(compact: str, at: int) -> bool:
    """Whether ``at`` is inside a 、-joined list opened by a cue that names kinds ("内容涵盖…5条、…、政策解读15条")."""
    # ("…151条,其中政务动态51条、政策解读13条", 城郊乡 2025: 其中 opens the list too.)
    cues = [c for c in (*_EXPLICIT_CUE_RE.finditer(compact, 0, at), *re.finditer("其中", compact[:at]))]
    cues.sort(key=lambda c: c.end())
    if not cues:
        return False
    # Every item between the cue and ``at`` is a counted kind ("其中,政务类信息672条,…,制发政策解读16篇", 湟源县
    # 2021), and what stands right before ``at`` is no more than a verb.
    *items, last = re.split(r"[，,；;、]", compact[cues[-1].end():at])
    # (A share after an item is no item: "工作动态类信息122条,占74%;…;政策解读6条", 泸州乡 2018.)
    counts = [re.search(r"(\d+)\s*(?:余|多)?(?:条|件|篇|个|项|份)$", x) for x in items
              if x and not re.fullmatch(r"占[^\d]{0,6}?[\d.]+[%％]", x)]
    if len(last) > 4 or not all(counts):
        return False
    # A list that already adds up to the count it breaks down has ended ("…5767条,其中重点领域信息3683条,其他信息
    # 2084条,主动公开文件597份,发布政策解读14篇", 荔浦 2022: the 14 is a statement of its own).
    parent = _COUNT_BEFORE_RE.search(compact, 0, cues[-1].start())
    whole = int(re.sub(r"\D.*$", "", parent.group(0))) if parent is not None else None
    own = re.match(r"[^\d。；;]{0,12}?(\d+)", compact[at:])
    # (…and an item that would take the list past it is no part of it: "…2139条,其中动态类1744条,政务393条,解读类信息
    # 发布21条" — 上海市科委 2024.)
    return whole is None or sum(int(c.group(1)) for c in counts if c) + (int(own.group(1)) if own else 0) <= whole


def _sentences(text: str) -> Iterable[str]:
    for m in _SENT_RE.finditer(text):
        s = m.group(0).strip()
        if s:
            yield s


def _verb_tail(raw_name: str) -> str | None:
    """What a part says from its publishing verb on ("政府网站公开政府信息数" → "公开政府信息数"), if it has one."""
    v = _PUBLISH_IN_NAME_RE.search(raw_name)
    return raw_name[v.start():] if v is not None and v.start() >= 2 else None


def _other_thing(key: str, compact: str, m: re.Match[str]) -> bool:
    """A match of ``key``'s pattern that counts something else: interpretations named inside a kind's bracket
    ("工作文件类(包括规范性文件、政策解读等)信息10条", 昌岗街道 2018), a kind whose name mentions a hotline
    ("便民热线、规划总结等其它类信息641条", 淄川区卫计局 2014), one way of asking ("现场接待咨询200余人次",
    "解答网上咨询4人次", 怀化市统计局 2017: walk-ins and the web are ways, not all consultations)."""
    if key == "interpretations.count":
        opened = max(compact.rfind("(", 0, m.start()), compact.rfind("（", 0, m.start()))
        closed = max(compact.rfind(")", 0, m.start()), compact.rfind("）", 0, m.start()))
        return opened > closed or re.search(r"[)）]", m.group(0)) is not None
    if key == "hotline.received":
        return re.search(r"(?<![各此该])类", m.group(0)) is not None  # (never "各类咨询、投诉42件", 晋安区发改局 2023)
    if key.startswith("consultations."):
        return re.search(r"(?:网上|网络|电话|现场|当面|来电|来访)(?:接待)?[咨谘]询", m.group(0)) is not None or compact[
            max(0, m.start() - 2):m.start()] in ("现场", "电话", "当面")
    return False


def extract_figures(lines: Iterable[tuple[str | None, str]], *, year: int | None = None,
                    year_stated: bool = False) -> list[ProseFigure]:
    """Figures of the sentences in ``lines`` ((section, text) pairs). ``year`` is the report's year; with
    ``year_stated`` (the title or the statistics period says it) a sentence about an earlier year is that year's."""
    out: list[ProseFigure] = []
    derived_totals: list[tuple[ProseFigure, str]] = []  # totals read from the only channel named so far
    seen: set[tuple[str, str, object]] = set()

    def add(f: ProseFigure) -> None:
        k = (f.key, f.label, f.value)
        if k in seen:
            return
        seen.add(k)
        out.append(f)

    sub_channel = ""  # the channel a sub-heading names ("(一)镇政府信息公开网站主动公开政府信息情况")
    for section, line in lines:
        prev_counted = False  # the sentence before (same paragraph) stated a total or a channel's count
        other_year_run = False  # a sentence of this paragraph was about another year
        prev_interp = False  # the sentence before stated a count of interpretations
        kind = _KIND_LINE_RE.match(line.replace(" ", ""))
        if kind is not None and any(f.key in ("proactive.total", "proactive.channel") for f in out):
            # "1.机构设置、主要职能…:主要公开…的信息,本年度新增信息3条,占37.5%" (鸿山镇 2021): a numbered kind
            # with its year's count, under a total stated before.
            add(ProseFigure("proactive.category", _num(kind.group("n")), "条", kind.group("kind"), line.strip(),
                            section))
            continue
        sub = _SUBHEAD_CHANNEL_RE.match(line.replace(" ", "")) or (
            _SUBHEAD_INLINE_RE.match(line.replace(" ", "")) if _ANY_SUBHEAD_RE.match(line.replace(" ", "")) else None)
        if sub is not None or _ANY_SUBHEAD_RE.match(line.replace(" ", "")):
            sub_channel = sub.group("ch") if sub is not None else ""
            continue
        inline = _SUBHEAD_INLINE_RE.match(line.replace(" ", ""))
        if inline is not None:
            sub_channel = inline.group("ch")  # "(二)新闻报刊。通过《南方日报》…,2022年公开53条。" (华富街道 2022)
        elif _ANY_SUBHEAD_START_RE.match(line.replace(" ", "")):
            sub_channel = ""
        prev_sentence = ""
        pending_sub: str | None = None  # a sub-heading that closes a sentence names the channel of the next ones
        for sent in _sentences(line):
            # A web address in parentheses is no text ("在河北省体育局门户网站(http://sport.hebei.gov.cn)公开信息1469条").
            compact = _COUNT_NO_UNIT_RE.sub(r"\1条", _URL_RE.sub("", sent.replace(" ", "")))
            # "一名专职工作人员", "两次举办…培训": a small count written in characters.
            compact = _CN_COUNT_RE.sub(lambda x: str(_CN_DIGITS[x.group(1)]), compact)
            compact = _REMARK_RE.sub("", compact).replace("资讯", "信息")  # (a mirror's Taiwan wording for 信息)
            # "…栏目主动公开政府信息260余" where the stored text ends: the count without its unit, in 条.
            compact = _TOTAL_AT_END_RE.sub(r"\1条", _ACCOUNT_RE.sub("", compact))
            compact = _UNIT_REMARK_RE.sub("条", compact)  # "简报111篇(条)": the count in 条, as the report says
            added = _YEAR_ADDED_RE.search(compact)
            if added is not None and (year is None or added.group("y") is None or int(added.group("y")) == year):
                # "累计公开信息7976条(2022年新增435条),…类信息累计4849条(2022年新增204条)" (民治街道 2022): each running
                # total printed with the year's own count beside it — the year's count is the figure.
                compact = _YEAR_ADDED_RE.sub(r"\g<m>条", compact).replace("累计", "")
            if pending_sub is not None:
                sub_channel, pending_sub = pending_sub, None
            head_ch = _SUBHEAD_INLINE_RE.match(compact)
            if head_ch is not None and len(compact) <= 32:
                # The sub-heading as a sentence of a page run together on one line (华富街道 2022 flattened).
                sub_channel = head_ch.group("ch")
                continue
            if _ANY_SUBHEAD_START_RE.match(compact):
                sub_channel = ""
            tail_ch = _SUBHEAD_TAIL_RE.search(compact)
            if tail_ch is not None:
                pending_sub = tail_ch.group("ch")  # "…主要公开形式如下:(一)福田政府在线街道办事处主页。" (run together)
            other = _OTHER_YEAR_RE.match(compact)
            if other is not None:
                other_year_run = False
            elif other_year_run:
                # "2019年,我镇通过抚松县政府网站公开信息94条。通过微信公众平台公布信息25条。…" in the 2020 report
                # (松江河镇 2020): the sentences after another year's, in its paragraph, are about that year too.
                continue
            if year is not None and other is not None and (
                    int(other.group(1)) > year or (year_stated and int(other.group(1)) < year)):
                other_year_run = True
                # "此外,2010年我镇通过门户网站公开…24余条" in the 2009 report (张义镇); "2022年我镇在本单位部门网站
                # 主动公开…" in the 2023 report (云湖桥镇, 衡阳县审批局): another year's figures. (An earlier year only
                # when the report states its own year: one read from a signature may be the slip, 亭子坝镇 2014.)
                continue
            if _RUNNING_AFTER_YEAR_RE.search(compact) and any(
                    f.key == "proactive.total" and "累计" not in f.snippet for f in out):
                # "2012年…主动公开政府信息3217条,…。截至2012年12月31日,…累计主动公开政府信息11115条,其中…" (南开区
                # 2012): with the year's own count stated, the 累计 one to the year's end is the running total.
                continue
            channel_spans: list[tuple[int, int]] = []
            named: list[str] = []  # the channels a joint total names ("通过区政府信息公开网、简报信息报送、宣传栏等")
            total_end = None
            channel_label: dict[int, str] = {}
            kinds_from: int | None = None  # a list of kinds published on one channel starts here (、-joined)
            kinds_to = len(compact)
            for m in _CHANNEL_RE.finditer(compact):
                if m.group("ch").endswith(("渠道", "载体", "途径")) and re.search(
                        r"[，,]", compact[m.end("ch"):m.start("n")]):
                    # "…等信息公开渠道对外公开,全年共对外公开财政性资金信息9条" (福州保税区 2010): the ways, then
                    # another clause's count of one kind.
                    continue
                seg = compact[m.end("ch"):m.start("n")]
                if "分别" in seg and not re.match(r"[、,，]\s*\d+\s*(?:余|多)?[条件篇]", compact[m.end():]):
                    # "在…门户网站和…门户网站信息公开栏目分别主动公开政府信息148条" (攀枝花市审计局 2014): each outlet's
                    # count, or both together — the words do not say; no figure. (Counts given one per outlet, "分别发布
                    # 各类信息92条、306条" (河西街道 2019), are read as before.)
                    channel_spans.append(m.span())
                    continue
                verbs = list(re.finditer(r"公开|发布|推送|公示|公布", seg))
                if verbs and seg[verbs[-1].end():].rstrip().endswith(_DOC_OBJECTS):
                    # "通过局门户网站发布通知公告45篇、回复建议提案34篇" (衡阳市商务局 2022): documents of one kind
                    # published on the channel, not its count of information.
                    continue
                obj = seg[verbs[-1].end():].rstrip() if verbs else ""
                named_kind = (re.fullmatch(r"[\u4e00-\u9fff]{2,8}", obj) is not None
                              and not re.search(r"信息|内容|数|量|各类|政府|政务|计", obj))
                if named_kind and not _cumulative(compact, m.start("n"), year) and (
                        _JOINT_CHANNELS_RE.search(m.group("ch"))
                        # "…专栏,发布疫情防控举措445条、疫情总体信息343条…" (湖南省政府办公厅 2020): a list of kinds
                        # joined by 、 after one outlet — no channel's count.
                        or _NEXT_LISTED_RE.match(compact, m.end()) is not None):
                    # "在眉山日报、四川农村日报公开发布工作动态5条" (钟祥镇 2019): one kind on outlets named together —
                    # neither a channel's count nor the total (岳阳市民政局 2015's convention).
                    channel_spans.append(m.span())
                    continue
                if re.search(r"(?<![各此该])[^\d各]{1,8}类(?:信息)?$", obj) and not _cumulative(
                        compact, m.start("n"), year):
                    # "在泽州县人民政府门户网站发布动态类信息56条" (泽州县民政局 2022): one kind published on a channel
                    # (a kind, as 北部湾办 2022's list), not the channel's count.
                    add(ProseFigure("proactive.category", _val(m), m.group("cu"), obj, sent, section,
                                    approx=bool(m.group("approx"))))
                    channel_spans.append(m.span())
                    at = m.end()
                    while (more := _CHANNEL_MORE_RE.match(compact, at)) is not None and re.search(
                            r"(?<![各此该])类(?:信息)?$", more.group("name")):
                        # "…发布政务类信息34条,概况类信息150条" (长春某局 2023): the next kind on the same channel.
                        add(ProseFigure("proactive.category", _val(more), "条", more.group("name"), sent, section,
                                        approx=bool(more.group("approx"))))
                        channel_spans.append(more.span())
                        at = more.end()
                    continue
                if (m.group("cu") == "件" and not _INFO_BEFORE_RE.search(compact, 0, m.start("n"))) or _cumulative(
                        compact, m.start("n"), year) or _running_before_year(compact, m):
                    continue
                label = m.group("ch") + (m.group("q") or "")
                if (_JOINT_CHANNELS_RE.search(m.group("ch")) and _JOINT_SUM_RE.search(m.group(0))
                        and "主动公开" not in m.group(0) and not _MANY_WAYS_RE.search(m.group("ch"))):
                    # Outlets named together with 共发布 (their posts, not the proactive total): no one channel's
                    # figure and no total.
                    channel_spans.append(m.span())
                    continue
                clause_from = _clause_start(compact, m.start(), "，,；;。")
                every = _ALL_CHANNELS_RE.search(compact, clause_from, m.end())
                year_part = _YEAR_PART_RE.match(compact, clause_from) is not None
                # "主动在政府门户网站和政务新媒体公开政府信息314条" (新安镇 2021): 主动 before the channels.
                # ("通过市外侨办政务外网及市政府门户网站主动发布信息总量达200条", 哈尔滨市外侨办 2011.)
                proactive = re.search(r"主动(?:公开|发布)", m.group(0)) is not None or compact[
                    max(0, m.start() - 2):m.start()] == "主动"
                # ("通过门户网站主动公开信息26条,通过微博、微信公众号主动公开信息750条", 胡家园街道 2024: outlets named
                # together after another channel's count are one channel more, not every one.)
                alone = not any(f.key == "proactive.channel" and f.snippet == sent for f in out)
                # ("通过市政府信息公开统一平台等渠道,主动公开政府信息79条", 五常市自然资源局 2024: one outlet and
                # 等渠道, with the proactive wording — every channel.)
                many = (_MANY_WAYS_RE.search(m.group("ch")) is not None or _MANY_WAYS_RE.match(
                    compact, m.end("ch")) is not None) and proactive and alone
                if every or many or (_JOINT_CHANNELS_RE.search(m.group("ch")) and alone and (
                        proactive or _MANY_WAYS_RE.search(m.group("ch")) or year_part)):
                    # ("通过…网站以及新闻媒体、公告栏等多种形式,发布各类政府信息70多条", 荣成市发改局 2013.)
                    # "通过政府信息公开平台、政府网站主动公开政府信息12条": channels named together, with the
                    # wording of the proactive total, state the total — no one channel's figure.
                    # "…政务公开栏等线上线下渠道,主动公开各类政府信息累计300余条": every channel, so the total.
                    add(ProseFigure("proactive.total", _val(m), "条", "", sent, section,
                                    approx=bool(m.group("approx"))))
                    channel_spans.append(m.span())
                    total_end = m.end()
                    named = [x for x in re.split(r"[、和及与]", re.sub(r"等.*$", "", m.group("ch"))) if len(x) >= 3]
                    continue
                core = re.sub(r"(?:数量|总数|数)?(?:约|共计?|为|达到?|累计|近|超)*$", "",
                              re.sub(r"^(?:的|了)", "", obj))
                if _JOINT_CHANNELS_RE.search(m.group("ch")) and not re.fullmatch(
                        r"(?:各类|各项)?(?:政府|政务)?(?:工作)?(?:信息)?", core):
                    # "在政府网站和县民政局网站主动公布低保和五保对象信息23093条" (岳阳市民政局 2015): one kind on
                    # outlets named together — no channel's figure.
                    channel_spans.append(m.span())
                    continue
                more = _KIND_LIST_RE.match(compact, m.end())
                first = _FIRST_KIND_RE.search(m.group(0))
                if (more is not None and first is not None and kinds_from is None
                        and not any(w in more.group("name") for w in _CHANNEL_WORDS)):
                    # "利用门户网站主动公开政府信息88条、规范性文件2条、…其他信息70条": kinds published on the
                    # channel, listed with 、 — 88 is the first kind, not the channel's count (never stated).
                    add(ProseFigure("proactive.category", _val(m), "条", first.group("k"), sent, section,
                                    approx=bool(m.group("approx"))))
                    channel_spans.append(m.span())
                    kinds_from = m.end()
                    stop = min((x for x in (compact.find("；", m.end()), compact.find(";", m.end())) if x >= 0),
                               default=len(compact))
                    kinds_to = stop
                    continue
                if _EITHER_CHANNEL_RE.search(m.group("ch")) or (
                        _PRESS_RE.search(m.group(0)) is not None):
                    # News and press pieces, not information published ("通过南阳晚报、南阳网、今日头条、中宏网等多渠道
                    # 发布各类资讯及稿件超2800篇", 城郊乡 2025).
                    # "在信息公开专栏或信息公开网站发布信息7条" (龙潭街道 2010): one or the other, no channel's figure.
                    channel_spans.append(m.span())
                    continue
                add(ProseFigure("proactive.channel", _val(m), m.group("cu"), label, sent, section,
                                approx=bool(m.group("approx"))))
                channel_spans.append(m.span())
                channel_label[m.end()] = label
                tm = _CHANNEL_TOTAL_RE.search(m.group(0))
                what = m.group(0)[tm.end():m.start("n") - m.start()] if tm is not None else ""
                late = (tm is not None and tm.group(0).endswith(("共计", "累计"))
                        and not tm.group(0).startswith(("主动", "共", "累计")))
                if late and re.search(r"\d+\s*(?:余|多)?[条件篇]", compact[:m.start()]):
                    tm = None  # "…公开政府信息共计300余条" after other counts (新安镇 2021): that channel's own
                nxt_ch = next(_CHANNEL_RE.finditer(compact, m.end()), None)
                if tm is not None and nxt_ch is not None and "其中" not in compact[m.end():nxt_ch.start()]:
                    # "在区政府信息公开网公开信息共计251条,通过…微信公众号发布政务动态信息524条" (萧山区农业农村局
                    # 2024): another channel's count follows in the sentence — the 251 is the website's own.
                    tm = None
                if (tm is not None and m.group("cu") != "篇" and _ANY_INFO_RE.match(what)
                        and not any(f.key == "proactive.total" for f in out)):
                    # (Only information of every kind: "在…信用公示平台共发布行政许可信息76条" is one kind's count.)
                    # (Posts counted in 篇 are the channel's own: "通過政府門戶網站共發布信息18篇", 抚远自然资源局.)
                    # "通过网站主动公开政府信息共81条": the sentence states the total too — as long as no other
                    # channel's count follows in the report (唐村镇 2020: the website's 81, then another outlet's 108).
                    derived = ProseFigure("proactive.total", _val(m), "条", "", sent, section,
                                          approx=bool(m.group("approx")))
                    add(derived)
                    derived_totals.append((derived, label))
                    total_end = m.end()
            for m in (*_CHANNEL_BARE_RE.finditer(compact), *_CHANNEL_NUM_FIRST_RE.finditer(compact)):
                if any(a < m.end() and m.start() < b for a, b in channel_spans) or _cumulative(
                        compact, m.start("n"), year) or _running_before_year(compact, m):
                    continue
                label = m.group("ch").lstrip("局镇乡") + (m.group("q") or "")
                clause = compact[_clause_start(compact, m.start(), "，,；;。"):m.start()]
                if _JOINT_SUM_RE.search(m.group(0)) and re.search(
                        r"(?:网站|网|公众号|微博|微信|平台|公报|客户端|公开栏)[、和及与]$", clause):
                    # "2016年政务网站、微信、微博共发布各类信息2483条" (沙塘镇 2016): the outlets' posts together — no
                    # one channel's figure, and 共发布 of news outlets is not the proactive total either.
                    channel_spans.append(m.span())
                    continue
                add(ProseFigure("proactive.channel", _val(m), m.group("bu"), label, sent, section,
                                approx=bool(m.group("approx"))))
                channel_spans.append(m.span())
                channel_label[m.end()] = label
            pushed = _PUSHED_RE.search(compact)
            accounts = {a.group(0) for a in _PUSHER_RE.finditer(compact)}
            if (pushed is not None and len(accounts) == 1 and not _cumulative(compact, pushed.start("n"), year)
                    and not any(a < pushed.end() and pushed.start() < b for a, b in channel_spans)):
                # "利用“荣成成山”微信公众号,及时发布…工作动态、政策解读等,2019年推送信息128条" (成山镇 2019): only an
                # account pushes, and the sentence names one — the count is that account's.
                add(ProseFigure("proactive.channel", _val(pushed), pushed.group("bu"), accounts.pop(), sent, section,
                                approx=bool(pushed.group("approx"))))
                channel_spans.append(pushed.span())
            for end in sorted(channel_label):
                label, at = channel_label[end], end
                listed = [x for mi in _LIST_ITEM_RE.finditer(compact, end) if not _NOT_NAME_RE.search(x := mi.group(1))
                          and not any(w in x for w in _CHANNEL_WORDS)]
                if len(listed) >= 3:
                    # "通过…平台,共发布政务信息742条,行政权力信息62条,惠民资金…类信息364条,意见征集信息8条,…" (东梁乡
                    # 2023): a list of kinds follows the channel's count — none of them is more of that channel.
                    continue
                while (more := _CHANNEL_MORE_RE.match(compact, at)) is not None:
                    name = more.group("name")
                    if (_NOT_NAME_RE.search(name) or any(w in name for w in _CHANNEL_WORDS) or "类" in name
                            or any(a < more.end() and more.start() < b for a, b in channel_spans)):
                        break
                    add(ProseFigure("proactive.channel", _val(more), "条", label, sent, section,
                                    approx=bool(more.group("approx"))))
                    channel_spans.append(more.span())
                    at = more.end()
            # A sentence that opens with 其中 breaks an earlier count down, one "从公开渠道来看" counts by channel
            # (大村镇 2024): none of its figures is the total.
            by_channel = _BY_CHANNEL_RE.match(compact) is not None
            for k, rx in enumerate(_TOTAL_RES if total_end is None and not compact.startswith("其中")
                                   and not by_channel else ()):
                for m in rx.finditer(compact):
                    if any(a <= m.start() < b for a, b in channel_spans) or _cumulative(compact, m.start("n"), year):
                        continue
                    kind_before = re.search(r"([^，,；;。\d]{1,12}?(?:领域|方面|(?<![各分])类))$", compact[:m.start()])
                    if kind_before is not None:
                        # "重点领域公开政府信息数23条" (大兴区发改委 2010): one kind's count, never the total — a kind
                        # of the total stated before it (西长安街街道 2015: "…信息数共24条").
                        if any(f.key == "proactive.total" for f in out):
                            add(ProseFigure("proactive.category", _val(m), "条", kind_before.group(1), sent,
                                            section, approx=bool(m.group("approx"))))
                        continue
                    by_level = len(_LEVEL_RE.findall(compact)) >= 2  # "省政府及省直单位…;各市(地)政府及市直单位…"
                    if (any(f.key == "proactive.total" for f in out) or by_level) and _PUBLISHER_RE.search(
                            compact[_clause_start(compact, m.start()):m.start()]):
                        # "自治区直属机关主动公开政府信息16848条" after the 53019 of 西藏 2011, "社区公开信息5条"
                        # after the street's 7 (龙潭街道 2010): one publisher's part of the total before, no second.
                        continue
                    clause_at = _clause_start(compact, m.start())
                    if "累计" in compact[clause_at:m.start()] and re.search(
                            r"\d+\s*(?:余|多)?[条件]", compact[:clause_at]) and not re.search(
                            r"截[至止]", compact[:clause_at]):
                        # "2023年度我局主动公开政府信息44件,累计主动公开政府信息2305条" (晋安区发改局 2023): the year's
                        # own count stated first, the 累计 one after it is the running total.
                        continue
                    if "累计" in compact[_clause_start(compact, m.start()):m.start()] and (
                            _YEAR_COUNT_RE.search(compact, m.end())):
                        # "截至2016年底,累计主动公开政府信息114条,…;其中2016年全年主动公开政府信息14条" (洛江 2016): the
                        # year's own count stated after it makes the 累计 one a running total.
                        continue
                    if any(0 <= (q := compact.find("其中", b, m.start())) and _LISTED_RE.search(compact, q, m.start())
                           for _a, b in channel_spans if b <= m.start()):
                        # "…信息网…公开信息10033条,其中包括政务动态3183条,…等重点领域公开信息1947条": one part of a
                        # list is no total (伊宁县2014's "…8632条,其中,发布政府信息公开信息共399条" names no kind).
                        continue
                    if k in _NUMBER_FIRST:
                        starts = [x.end() for x in _CLAUSE_START_RE.finditer(compact, 0, m.start())]
                        if _CLAUSE_CHANNEL_RE.search(compact, starts[-1] if starts else 0, m.start()):
                            continue
                    if sub_channel and any(f.key == "proactive.total" for f in out):
                        # "(一)福田政府在线街道办事处主页。…共主动公开政府信息165条" after the street's 304 (华富街道
                        # 2022): under a sub-heading naming a channel, the count is that channel's, not a second total.
                        add(ProseFigure("proactive.channel", _val(m), "条", sub_channel, sent, section,
                                        approx=bool(m.group("approx"))))
                        channel_spans.append(m.span())
                        total_end = m.end()
                        break
                    add(ProseFigure("proactive.total", _val(m), "条", "", sent, section,
                                    approx=bool(m.group("approx"))))
                    total_end = m.end()
                    break
                if total_end is not None:
                    break
            if sub_channel and total_end is None and not channel_spans:
                # Under "(一)镇政府信息公开网站主动公开政府信息情况": "2016年镇政府信息公开全年发布各类信息247条,其中…"
                # counts what that website published (沙塘镇 2016) — the sub-heading's channel, not the total.
                mc = _SUB_COUNT_RE.search(compact)
                if mc is not None:
                    add(ProseFigure("proactive.channel", _val(mc), "条", sub_channel, sent, section,
                                    approx=bool(mc.group("approx"))))
                    channel_spans.append(mc.span())
            if total_end is None and not channel_spans and not any(f.key == "proactive.total" for f in out):
                ms = _RUNNING_THEN_YEAR_RE.search(compact)
                if ms is not None and (not (y := re.match(r"\d{4}", ms.group("yr"))) or int(y.group()) == year):
                    # "我局历年累计主动公开信息210条,其中2018年度55条" (闽侯县审计局 2018): the year's own share of the
                    # running total, stated without a verb, is the year's total.
                    add(ProseFigure("proactive.total", _val(ms), "条", "", sent, section))
                    total_end = ms.end()
            counted = total_end is not None or bool(channel_spans)
            cue = _CATEGORY_CUE_RE.search(compact, total_end or 0)
            if cue is not None and "历年" in compact[:cue.end()]:
                cue = None  # "历年主动公开的政府信息中,机构职能类信息12条…": kinds of the running total, not the year's
            # "门户网站发布信息16642条(概况类194条、…)": a parenthesis right after a count breaks it down.
            paren_at = next((b for _a, b in sorted(channel_spans) if compact[b:b + 1] in ("(", "（")), None)
            if paren_at is not None and (cue is None or paren_at < cue.start()):
                cue = _OPEN_PAREN_RE.match(compact, paren_at)
            cat_from: int | None = None
            if cue is not None and cue.group(0) in ("其中", "包括"):
                # "发布政策解读信息260条,其中,解读材料39条": 其中 breaks down the count right before it, which
                # must then be a total or a channel's count for its items to be categories.
                prior = _COUNT_BEFORE_RE.search(compact, 0, cue.start())
                if prior is not None and prior.end() != total_end and all(b != prior.end() for _a, b in channel_spans):
                    cue = None
            if cue is not None and (
                    total_end is not None or any(f.key == "proactive.total" for f in out)
                    or _EXPLICIT_CUE_RE.match(compact, cue.start()) is not None
                    # "…86条其中…", "…255条。其中,…": 其中 right after a channel's count breaks that count down.
                    or any(b == cue.start() or b + 1 == cue.start() for _a, b in channel_spans)
                    or (cue.start() == 0 and prev_counted)):
                cat_from = max(0, cue.start() - 1)
            if cat_from is None and kinds_from is not None:
                cat_from = kinds_from
            kinds_only = False  # only items named as kinds (…类, documents) are read: no cue says a list follows
            if cat_from is None and cue is None and counted:
                # "通过政府门户网站主动公开信息506条,政策法规类13条,规范性文件22条,…" (西牛镇 2015): kinds named right
                # after the count they break down, with no 其中.
                last = max([b for _a, b in channel_spans] + ([total_end] if total_end is not None else []))
                nxt = _CATEGORY_ITEM_RE.match(compact, last)
                if nxt is not None and (nxt.group("name").endswith("类")
                                        or any(w in nxt.group("name") for w in _DOC_WORDS if w != "解读")):
                    cat_from, kinds_only = last, True
            lead_parent: int | Decimal | None = None
            lead = _CATEGORY_ITEM_RE.match(compact) if cat_from is None and cue is None and prev_counted else None
            totals = [f for f in out if f.key == "proactive.total"]
            if lead is not None and totals and re.search(r"类(?:信息)?$", lead.group("name")):
                # "2021年,我办共主动公开信息26条。机构职能类信息2条,政策、规范性文件类信息2条,…" (湄洲岛 2021): a
                # sentence of kinds right after the sentence that stated the total; they never add up past it.
                cat_from, kinds_only, lead_parent = 0, True, totals[-1].value
            if cat_from is None and cue is None and any(f.key == "proactive.total" for f in out) and (
                    _SHARE_OF_TOTAL_RE.search(compact)):
                # "法规文件类99条,占总数的81%;工作动态类23条,占总数的19%" (石城县工信局 2010): kinds of the total.
                cat_from, kinds_only = 0, True
            docs_only = cat_from is None and not _NOT_PROACTIVE_RE.search(compact)
            if docs_only:
                # No total and no cue: only named documents published in this sentence are categories
                # ("主动公开规章13件，行政规范性文件60件，其他文件162件").
                cat_from = 0
            paren_anchor: int | None = None  # the end of the last item a parenthesis may break down
            listing = False
            # The count the items break down (the figure just before the cue): items never add up to more.
            parent = None
            parent_unit: str | None = None
            if cue is not None and not docs_only:
                before = [f for f in out if f.snippet == sent and f.key in ("proactive.total", "proactive.channel")]
                # The count printed right before the cue, when it is one of them ("…共发布信息18篇,其中,…1篇,…;同时,
                # …平台…76条,…2条": the 18, not the sentence's last count, 抚远市自然资源局 2022).
                prior_n = _COUNT_BEFORE_RE.search(compact, 0, cue.start())
                pv = int(re.sub(r"\D.*$", "", prior_n.group(0))) if prior_n is not None else None
                chosen = next((f for f in reversed(before) if f.value == pv), before[-1] if before else None)
                parent = chosen.value if chosen else None
                parent_unit = chosen.unit if chosen else None
                if chosen is not None and prior_n is not None and prior_n.group(0).endswith("件") and pv == parent:
                    parent_unit = "件"  # "累计主动公开政府信息557件,其中机构职能类信息90件" (泰宁县 2023)
            if parent is None and lead_parent is not None:
                parent = lead_parent
            summed: int | Decimal = 0
            second_cue = (compact.find("其中", cue.end()) if cue is not None and not docs_only else -1)
            if cue is not None and 0 <= second_cue <= cue.end() + 2:
                # "在主动公开的信息中,其中政策文件类的信息113条": the 其中 repeats the cue, it starts no second list.
                second_cue = compact.find("其中", second_cue + 2)
            while second_cue >= 1 and compact[second_cue - 1] in "(（":
                # "…网站公开信息共471条(其中“两化”专题专栏公开信息135条)" (新安镇 2021): a breakdown in brackets of
                # the count before it, not a second list.
                second_cue = compact.find("其中", second_cue + 2)
            end_at = kinds_to if kinds_from is not None and cat_from == kinds_from else len(compact)
            channel_tails: set[str] = set()  # what an outlet's part says after its verb ("公开政府信息数")
            for m in _CATEGORY_ITEM_RE.finditer(compact, cat_from or 0, end_at) if cat_from is not None else ():
                if second_cue >= 0 and m.end() > second_cue:
                    break  # a second 其中 breaks down something else

                if any(a < m.end() and m.start() < b for a, b in channel_spans):
                    if (tail0 := _verb_tail(m.group("name"))) is not None and len(tail0) >= 4:
                        channel_tails.add(tail0)
                    continue
                raw_name = m.group("name")
                if kinds_only and not (raw_name.endswith(("类", "类信息"))
                                       or any(w in raw_name for w in _DOC_WORDS if w != "解读")):
                    break  # the kinds end where something else is counted ("…回应网上民声8674条")
                if (_NOT_PROACTIVE_RE.search(raw_name) or _YEAR_SLICE_RE.match(raw_name)
                        or _IN_FORCE_RE.search(raw_name)
                        # "上报政府信息316条" (江阴临港开发区 2023): sent up, not published.
                        or raw_name.startswith("上报")
                        # "向县档案馆累计报送…主动公开文件135件" (闽侯县政府办 2023): sent to the archives.
                        # ("主动报送“两馆”文件共1297件", 建瓯市 2019: to the archives and the library.)
                        or _ARCHIVES_RE.search(compact, _clause_start(compact, m.start("name")), m.end("name"))
                        # "向省政府办公厅送交主动公开文件45件" (辽宁省卫健委 2020): sent up, not published.
                        or _SENT_UP_RE.search(compact, _clause_start(compact, m.start("name")), m.end("name"))
                        or re.match(r"解读[^类]{0,6}?(?:政策|文件)", raw_name)):
                    # "依申请公开信息0条": no kind of what was published proactively; "其中,本年度新增的主动公开政府
                    # 信息3条" (江川路街道 2010): the year's part of a running total, no kind.
                    continue
                name = _clean_category(raw_name)
                if not name or name.startswith(("通过", "在")):
                    continue
                unit = m.group("u")
                is_doc = any(w in raw_name for w in _DOC_WORDS)
                paren = _in_paren_after(compact, m.start(), paren_anchor)
                if unit != "条" and not (is_doc or paren or unit == parent_unit in ("篇", "件")):
                    # "…5件": only documents are counted in 件 or 部 (parts of a count in 篇 in 篇: 新兴街道 2025).
                    continue
                if unit == "篇" and "解读" in raw_name and not _in_kinds_list(compact, m.start() + len(raw_name) - 4):
                    continue  # "政策解读稿件11篇" counts interpretations, no kind of what was published
                if docs_only and unit == "条" and not any(w in raw_name for w in ("建议", "提案")):
                    # Without a total or a cue, only documents counted in 件/部 are categories (and the replies to
                    # deputies' proposals, counted in 条 too: "2017年公开人大建议7条,政协提案2条", 理合务镇 2017).
                    continue
                if docs_only and not (paren or listing):
                    # The list starts at a document published in its own clause ("主动公开规章13件"); the
                    # documents after it in the sentence continue that list ("，其他文件162件").
                    clause_at = _clause_start(compact, m.start()) - 1
                    starter = any(w in raw_name for w in _DOC_WORDS if w != "解读")  # 解读 alone: interpretations
                    if not (starter and _PUBLISH_RE.search(compact, clause_at + 1, m.start() + len(raw_name))):
                        continue
                    listing = True
                if raw_name.endswith("各类解读"):
                    continue  # "发布各类解读429件" (天津市 2020): interpretations of every kind, no kind of information
                if name in _GENERIC_NAMES or re.search(r"信箱|留言|热线|来电", raw_name):
                    # "公开信息96条": no kind named; "全年县长信箱留言答复17条" (陇县城关镇 2023): letters answered.
                    continue
                tail = _verb_tail(raw_name)  # what the part says from its verb on ("公开政府信息数")
                # ("…微博信息1760条,网络宣传1941条", 南阳市生态环境局 2022: 网络/网路 is an outlet.)
                outlet = any(w in name for w in (*_CHANNEL_WORDS, "方式", "渠道", "网上", "网络", "网路", "揭示板",
                                                 "公示栏", "公告栏", "栏目"))
                if (outlet and (_PUBLISH_IN_NAME_RE.search(raw_name) or name in _OUTLET_NAMES
                                or name.startswith(("网络", "网路"))
                                # "政务微信信息数9条" (温州空港新区 2017): an outlet's count of information.
                                or re.fullmatch(r"(?:政务)?(?:微信|微博|网站|门户网站|公众号)(?:信息)?数?", name))) or (
                        # "其中天津滨海高新技术产业开发区政务网2905条,…今日头条5135条,一点资讯2487条,抖音74条" (天津滨海
                        # 高新区 2021): outlets named by their own names.
                        (_APP_OUTLET_RE.search(name) or _APP_OUTLET_RE.search(raw_name)) and unit == "条") or (
                        any(x in raw_name for x in named) or _NET_PUBLISH_RE.search(raw_name)) or (
                        # "其中政府网站公开政府信息数38条,诗画浦江公开政府信息数50条" (浦江县交通运输局 2020): a part
                        # worded as an outlet's part before it is another outlet's (an app named by its name).
                        tail is not None and tail in channel_tails) or (
                        # "…政务微信公开政府信息数58条,其他方式24条" (平江县档案局 2017): an outlet word in a list of
                        # outlets' parts.
                        outlet and bool(channel_tails)):
                    # "其中我局财政信息网公开财政信息为19条、政府简报信息报送24条" after "通过区政府信息公开网、简报信息
                    # 报送、宣传栏等…主动公开信息43条" (鹿城区财政局 2014): the parts name outlets: channels.
                    if tail is not None and len(tail) >= 4:
                        channel_tails.add(tail)
                    if unit == "条" and not docs_only:
                        # "其中线上信息公开15条": a channel, not a category of information.
                        add(ProseFigure("proactive.channel", _val(m), "条", name, sent, section,
                                        approx=bool(m.group("approx"))))
                    continue
                since = max([cue.end()] if cue is not None else [0]) if cat_from is not None else 0
                counts_before = [x.end() for x in _ANY_COUNT_RE.finditer(compact, since, m.start() + 1)]
                item_words = compact[max([since, *counts_before]):m.start() + len(m.group(0))]
                verb = _PUBLISH_IN_NAME_RE.search(item_words)
                if (unit == "条" and not docs_only and cue is not None and cue.group(0) in ("其中", ":", "：")
                        and verb is not None
                        and (any(w in item_words[:verb.start()] for w in _CHANNEL_WORDS)
                             # "其中通过向市委办、市政府办报送信息公开88条" (弥勒工业园区 2019): 通过… names a way.
                             or re.match(r"[，,:：]?(?:其中)?[，,:：]?(?:通过|利用|依托)", item_words))):
                    # "其中,政府网站公开文件政策、信息动态32条,“生态永新”微信公众号发布…141条" (永新镇 2020): what the
                    # item says since the count before it names an outlet and its verb, so the count is that channel's.
                    add(ProseFigure("proactive.channel", _val(m), "条", item_words[:verb.start()].strip("，,:：“”\""),
                                    sent, section, approx=bool(m.group("approx"))))
                    continue
                lead_outlet = _LEAD_OUTLET_RE.match(item_words)
                if (unit == "条" and not docs_only and cue is not None and cue.group(0) in ("其中", ":", "：")
                        and verb is None and lead_outlet is not None):
                    # "共计677条,其中,政府网站人社信息387条、…微信服务号发布信息290条" (眉山市人社局 2022): a part named
                    # by its outlet is that channel's count, verb or none.
                    add(ProseFigure("proactive.channel", _val(m), "条", lead_outlet.group("o"), sent, section,
                                    approx=bool(m.group("approx"))))
                    continue
                semi = max(compact.rfind("；", 0, m.start("name")), compact.rfind(";", 0, m.start("name")))
                if semi >= 0 and re.search(r"专栏|栏目", compact[semi:m.start("name")]):
                    # "…;交通强国建设试点专栏,总结发布阶段性成效33条" (江苏省交通运输厅 2023): a column's own count.
                    continue
                if re.search(r"建议|提案", raw_name) and re.search(
                        r"收到|受理|承办", prev_sentence + compact[:m.start()]):
                    # "收到人大代表建议和政协委员提案共24件。其中,市人大代表建议12件" (渭南市民政局 2019): received, not
                    # published.
                    continue
                value = _val(m)
                # "…其他信息2084条,主动公开文件597份": an item with its own publishing verb is a statement of its
                # own, not one more part of the count the 其中 list breaks down.
                own_clause = unit != "条" and _VERB_PREFIX_RE.match(raw_name) is not None
                if parent_unit is not None and unit != parent_unit and not is_doc and not paren:
                    # "微信公众号共编发文章1640篇，其中原创文章294篇，…视频号共制作并发布短视频584条": a part is
                    # counted in its whole's unit (documents in 件/部/份 apart), so 584条 is no part of 1640篇.
                    continue
                if parent is not None and not paren and not own_clause:
                    if summed + value > parent:
                        break
                    summed += value
                add(ProseFigure("proactive.category", value, unit, name, sent, section,
                                approx=bool(m.group("approx"))))
                if not paren:
                    paren_anchor = m.end()
            prev_counted = counted
            interp_end: int | None = None
            for key, rx, unit, needs in _PATTERNS:
                if needs and needs not in compact and not (needs == "申请" and section == "applications") and not (
                        needs == "公开" and needs in prev_sentence):
                    # ("…信息公开工作…。为此,配备了1名兼职工作人员", 广内街道 2013: the sentence before says what for.)
                    # (Under 依申请公开 "已答复5件，其中同意公开4件" needs no 申请 of its own.)
                    continue
                m2 = next((x for x in rx.finditer(compact)
                           if not _cumulative(compact, x.start("n") if x.groupdict().get("n") else x.start(), year)
                           # "内容涵盖…预算决算2条、政策解读15条、…" (平川区发改局 2025): one kind in a list of kinds.
                           and not (key == "interpretations.count" and _in_kinds_list(compact, x.start()))
                           and not _other_thing(key, compact, x)),
                          None)
                if m2:
                    if key == "interpretations.count" and interp_end is None:
                        interp_end = m2.end()
                    u = unit or (m2.group("u") if "u" in rx.groupindex else "")
                    approx = bool(m2.groupdict().get("approx"))
                    n = m2.groupdict().get("n") or m2.groupdict().get("n2")
                    if n is not None:
                        add(ProseFigure(key, _num(n), u, "", sent, section, approx=approx))
            for key, rx in _ZERO_PATTERNS:
                zm = rx.search(compact)
                if zm is not None and key == "applications.received" and (
                        bool(_PERSON_RE.search(zm.group(0))) != bool(_ORG_RE.search(zm.group(0)))):
                    continue  # "未收到法人或者其他组织对依申请公开政府信息的申请" (平武县统计局 2021): one kind only
                if zm is not None and not any(f.key == key and f.snippet == sent for f in out):
                    unit = {"fees.amount": "元", "consultations.received": "人次"}.get(key, "件")
                    add(ProseFigure(key, 0, unit, "", sent, section))
            parts_from: int | None = None
            if prev_interp and compact.startswith("其中"):
                parts_from = 2
            elif interp_end is not None:
                after = interp_end + 1 if compact[interp_end:interp_end + 1] in ("，", ",") else interp_end
                if compact.startswith("其中", after):
                    parts_from = after + 2
            for m in _INTERP_PART_RE.finditer(compact, parts_from) if parts_from is not None else ():
                name = m.group("name").lstrip("，,(（包括其中")
                if "率" in name or "比例" in name:
                    continue
                add(ProseFigure("interpretations.count", _val(m), "条", name, sent, section,
                                approx=bool(m.group("approx"))))
            prev_interp = interp_end is not None
            prev_sentence = compact
    totals = [f for f in out if f.key == "proactive.total"]
    if len({f.value for f in totals}) > 1 and any("累计" not in f.snippet for f in totals):
        for f in totals:
            if ("累计" in f.snippet and _YEAR_WORD_RE.search(f.snippet) is None
                    and not re.search(r"截[至止]", f.snippet)):
                # "高新区管委会累计主动公开政府信息272条。2010年新增主动公开政府信息57条" (乐山高新区 2010): a 累计
                # count with no year of its own beside the year's count is the running total.
                out.remove(f)
    received = [f for f in out if f.key == "applications.received"]
    if len({f.value for f in received}) > 1 and any("累计" not in f.snippet for f in received):
        for f in received:
            if "累计" in f.snippet:
                # "本年度…共收到政府信息公开申请1件" and "截至2023年12月31日,我街道累计受理依申请公开2件" (水部街道
                # 2023): with the year's own count stated, the 累计 one is the running total.
                out.remove(f)
    for total, channel in derived_totals:
        if any(f.key == "proactive.channel" and f.label != channel and f.snippet != total.snippet for f in out):
            out.remove(total)
    for total in [f for f in out if f.key == "proactive.total" and "其中" in f.snippet]:
        mp = _PART_AFTER_RE.search(total.snippet)
        if mp is None or str(total.value) != mp.group("t") or int(mp.group("p")) <= int(mp.group("t")):
            continue
        # "主动公开信息19条,其中向政府网站推送35条" (西藏国资委 2020, 彝良县 2020): the first part larger than the
        # whole it breaks down — the sentence contradicts itself; both are kept as published and flagged for a person.
        for f in out:
            if f.snippet == total.snippet and (f is total or (
                    f.key in ("proactive.channel", "proactive.category") and str(f.value) == mp.group("p"))):
                f.unsure = True
    _flag_conflicts(out)
    return out


def _flag_conflicts(figures: list[ProseFigure]) -> None:
    """Two different values for the same single-valued figure: both are unsure."""
    single = {f.key for f in figures if f.key not in ("proactive.channel", "proactive.category", "media.items",
                                                     "interpretations.count")}
    for key in single:
        same = [f for f in figures if f.key == key]
        if len({f.value for f in same}) > 1:
            for f in same:
                f.unsure = True
