"""The 《政府网站工作年度报表》 (website annual work report) of 国办函〔2018〕12号, declared once as data.

The notice (国务院办公厅关于做好政府网站年度报表发布工作的通知, issued and in force 2018-01-15) requires every
government website to publish its report "于每年1月31日前在本网站首页显著位置发布", covering eight
sections: 信息发布、专栏专题、解读回应、办事服务、互动交流、安全防护、移动新媒体、创新发展. The notice's
text names the sections and the deadline; the row labels of the national form are printed in its
attachment, which we could not read in the reference corpus. Each row below therefore carries the source
in which its label was read (``SOURCES``) and how sure that reading is (``verified``): a label seen only in
software that reproduces the form is ``secondary``, not ``official``. No row is written from memory; a
section whose rows we could not read has none here and is reported as the staff's 情况说明 text
(docs/websites.md lists what is missing). Who fills a row: ``computed`` rows come from the platform's own
catalog (it *is* the site), ``entered`` rows are typed by staff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

DOCUMENT = "国办函〔2018〕12号"
TITLE = "国务院办公厅关于做好政府网站年度报表发布工作的通知"
FORM_TITLE = "政府网站工作年度报表"
ISSUED = dt.date(2018, 1, 15)
IN_FORCE = dt.date(2018, 1, 15)
# 二、方式和时间: "于每年1月31日前在本网站首页显著位置发布" — the report on year Y is due on 31 January of Y+1.
DEADLINE_MONTH, DEADLINE_DAY = 1, 31

Verified = Literal["official", "secondary"]
Source = Literal["computed", "entered"]


@dataclass(frozen=True)
class Ref:
    """Where a label or a rule was read."""

    title: str
    url: str
    note: str = ""


SOURCES: dict[str, Ref] = {
    "notice": Ref(TITLE + "（" + DOCUMENT + "）", "https://www.chinacourt.org/law/detail/2018/01/id/149688.shtml",
                  "发布日期、生效日期 2018-01-15；八个方面和 1月31日前首页发布（又见 ceirp.cn 转载）"),
    "hunan": Ref("湖南省人民政府办公厅关于做好政府网站年度报表发布工作的通知",
                 "http://statesmanwelt.com/topic/2021wznb/zcwj/201801/t20180131_5260486.html",
                 "湖南省人民政府门户网站页面的转载（原站 hunan.gov.cn）；省内要求 1月29日前发布，"
                 "省级规定可早于国家期限；“政府网站主办单位负责编制”"),
    "linyi": Ref("临沂市政府网站开设流程说明", "http://linyi.gov.cn/info/8225/293542.htm",
                 "开设网站须经开办审批、党政机关网站标识、ICP备案、公安机关备案、政府网站标识码五个环节"),
    "cms_export": Ref("某政府网站群系统的年度统计导出（开源代码，非公开发布的报表）",
                      "code corpus id 46089814281",
                      "导出表头：网站名称、独立用户访问量、网站总访问量、政务动态信息更新量、信息公开目录更新量、"
                      "微信信息发布量、网名留言数量、办结留言数量、政务服务注册用户数、全称在线办理办件量"
                      "（“网名”“全称”为源码笔误，此处按“网民”“全程”收录）"),
    "dashboard": Ref("某政府网站数据大屏（开源代码，非公开发布的报表）", "code corpus id 20265015031",
                     "图例：概况类信息更新量、政务动态信息更新量、信息公开目录信息更新量、解读信息发布、"
                     "回应公众关注数量、留言办理公开答复数、在线访谈期数"),
    "published_refs": Ref("引用已发布报表“首页网址”一栏的两处开源代码注释", "code corpus ids 62667735250, 68801945653",
                          "成都市教育局《政府网站工作年度报表（2023年度）》、安阳、榆林等报表的“首页网址”"),
}


@dataclass(frozen=True)
class Section:
    key: str
    label: str


# The eight sections in the notice's order (一、对象和内容).
SECTIONS: tuple[Section, ...] = (
    Section("info", "信息发布"),
    Section("columns", "专栏专题"),
    Section("interpretation", "解读回应"),
    Section("services", "办事服务"),
    Section("interaction", "互动交流"),
    Section("security", "安全防护"),
    Section("new_media", "移动新媒体"),
    Section("innovation", "创新发展"),
)
SECTION_LABELS: dict[str, str] = {s.key: s.label for s in SECTIONS}


@dataclass(frozen=True)
class IdentityField:
    key: str
    label: str
    source: str
    verified: Verified


# The site's identity block at the head of the report.
IDENTITY: tuple[IdentityField, ...] = (
    IdentityField("site_name", "网站名称", "cms_export", "secondary"),
    IdentityField("home_url", "首页网址", "published_refs", "secondary"),
    IdentityField("host", "主办单位", "hunan", "secondary"),
    IdentityField("site_code", "政府网站标识码", "linyi", "secondary"),
    IdentityField("icp", "ICP备案号", "linyi", "secondary"),
    IdentityField("police", "公安机关备案号", "linyi", "secondary"),
)


@dataclass(frozen=True)
class Row:
    """One figure of the form: its key, section, label as read, unit, who fills it and its source."""

    key: str
    section: str
    label: str
    unit: str
    source: Source
    ref: str
    verified: Verified


ROWS: tuple[Row, ...] = (
    Row("unique_visitors", "", "独立用户访问量", "个", "entered", "cms_export", "secondary"),
    Row("total_visits", "", "网站总访问量", "次", "entered", "cms_export", "secondary"),
    Row("overview_updates", "info", "概况类信息更新量", "条", "entered", "dashboard", "secondary"),
    Row("news_updates", "info", "政务动态信息更新量", "条", "entered", "dashboard", "secondary"),
    # The platform's catalog is the site's 信息公开目录: counted, not typed.
    Row("directory_updates", "info", "信息公开目录信息更新量", "条", "computed", "dashboard", "secondary"),
    # Records published in the year that interpret another record (catalog ``interprets``).
    Row("interpretations", "interpretation", "解读信息发布", "条", "computed", "dashboard", "secondary"),
    Row("responses", "interpretation", "回应公众关注数量", "次", "entered", "dashboard", "secondary"),
    Row("registered_users", "services", "政务服务注册用户数", "个", "entered", "cms_export", "secondary"),
    Row("online_cases", "services", "全程在线办理办件量", "件", "entered", "cms_export", "secondary"),
    Row("messages_received", "interaction", "网民留言数量", "条", "entered", "cms_export", "secondary"),
    Row("messages_closed", "interaction", "办结留言数量", "条", "entered", "cms_export", "secondary"),
    Row("messages_answered", "interaction", "留言办理公开答复数", "条", "entered", "dashboard", "secondary"),
    Row("interviews", "interaction", "在线访谈期数", "期", "entered", "dashboard", "secondary"),
    # Catalog channel publications (政务微信) plus entered channel tallies for the year.
    Row("wechat_posts", "new_media", "微信信息发布量", "条", "computed", "cms_export", "secondary"),
)
ROW_BY_KEY: dict[str, Row] = {r.key: r for r in ROWS}
COMPUTED_KEYS: tuple[str, ...] = tuple(r.key for r in ROWS if r.source == "computed")
ENTERED_KEYS: tuple[str, ...] = tuple(r.key for r in ROWS if r.source == "entered")
# Figures the same site reports twice must agree (a pure check; the form's own rule is not in the notice).
NOT_MORE_THAN: tuple[tuple[str, str], ...] = (("messages_closed", "messages_received"),
                                             ("messages_answered", "messages_received"),
                                             ("unique_visitors", "total_visits"))


def rows_of(section: str) -> tuple[Row, ...]:
    return tuple(r for r in ROWS if r.section == section)


def deadline(year: int) -> dt.date:
    """The last day to publish the report on ``year`` (31 January of the next year, 国办函〔2018〕12号 二)."""
    return dt.date(year + 1, DEADLINE_MONTH, DEADLINE_DAY)


def check(entered: dict[str, int | None]) -> list[str]:
    """Consistency messages (zh-Hans) for entered figures; empty when none."""
    out: list[str] = []
    for small, big in NOT_MORE_THAN:
        a, b = entered.get(small), entered.get(big)
        if a is not None and b is not None and a > b:
            out.append(f"“{ROW_BY_KEY[small].label}”（{a}）不应大于“{ROW_BY_KEY[big].label}”（{b}）")
    return out
