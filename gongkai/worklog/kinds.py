"""The kinds of work figures that annual reports state but that no case ledger produces, declared once.

Each kind names what one entry counts, its unit, and — for kinds with a second figure — what that
second figure means (items completed for the hotline, attendance for training, …). The pre-2019
统计表 rows and the narrative prefill read these declarations; nothing else spells the labels out.
Seeds: 三闸镇 2018 (窗口咨询 1300人次), 一平浪镇 2022 (12345热线 75件, 办结率100%; 培训3次 147人次).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    INTERPRETATION = "interpretation", _("政策解读稿件")
    CONCERN_RESPONSE = "concern_response", _("回应公众关注热点或重大舆情")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    ONLINE_INTERVIEW = "online_interview", _("政府网站在线访谈")
    SOCIAL_RESPONSE = "social_response", _("微博微信回应事件")
    OTHER_RESPONSE = "other_response", _("其他方式回应事件")
    HOTLINE = "hotline", _("热线电话及网络问政")
    WINDOW_CONSULTATION = "window_consultation", _("服务窗口咨询")
    COMPLAINT = "complaint", _("举报投诉")
    STAFF_FULLTIME = "staff_fulltime", _("专职工作人员")
    STAFF_PARTTIME = "staff_parttime", _("兼职工作人员")
    OFFICE = "office", _("政府信息公开工作专门机构")
    READING_POINT = "reading_point", _("政府信息公开查阅点")
    FUNDS = "funds", _("政府信息公开专项经费")
    MEETING = "meeting", _("政府信息公开工作会议或专题会议")
    TRAINING = "training", _("培训班")


@dataclass(frozen=True)
class KindSpec:
    unit: str
    # Label of the second figure an entry of this kind may carry (None: no second figure).
    secondary: str | None = None
    # Whether the "主要负责同志参加" flag is meaningful for this kind.
    principal: bool = False
    # Decimal amounts (万元) rather than whole counts.
    decimal: bool = False
    # Stock figures (staff, offices) are stated as of the year; flows are summed over the year.
    stock: bool = False


SPECS: dict[str, KindSpec] = {
    Kind.INTERPRETATION: KindSpec("篇"),
    Kind.CONCERN_RESPONSE: KindSpec("次"),
    Kind.PRESS_CONFERENCE: KindSpec("次", principal=True),
    Kind.ONLINE_INTERVIEW: KindSpec("次", principal=True),
    Kind.SOCIAL_RESPONSE: KindSpec("次"),
    Kind.OTHER_RESPONSE: KindSpec("次"),
    Kind.HOTLINE: KindSpec("件", secondary="办结数"),
    Kind.WINDOW_CONSULTATION: KindSpec("人次"),
    Kind.COMPLAINT: KindSpec("件"),
    Kind.STAFF_FULLTIME: KindSpec("人", stock=True),
    Kind.STAFF_PARTTIME: KindSpec("人", stock=True),
    Kind.OFFICE: KindSpec("个", stock=True),
    Kind.READING_POINT: KindSpec("个", stock=True),
    Kind.FUNDS: KindSpec("万元", decimal=True),
    Kind.MEETING: KindSpec("次"),
    Kind.TRAINING: KindSpec("次", secondary="接受培训人员数（人次）"),
}

assert set(SPECS) == set(Kind.values), "every work figure kind needs a spec"
