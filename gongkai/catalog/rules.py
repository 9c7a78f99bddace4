"""Catalog rules declared once: the Art. 26 period, the default information categories, labels of
the disclosure attribute, validity, Art. 20 kinds and channels, the 索引号 pattern (spec §6.2), and
the 发文字号 bracket normalisation (spec §6.1). Pure functions only; no database access.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.workdays.counting import WorkdayCalendar

# Art. 26: publish within 20 workdays of the information being formed or changed.
PUBLICATION_WORKDAYS = 20

# Default information categories offered to every agency (issue 3), in display order. The last two
# are the standard portal columns 政府信息公开制度 / 政府信息公开年报 (国办公开办函〔2019〕61号).
POLICY_INTERPRETATION = "政策解读"
ANNUAL_REPORT = "政府信息公开年报"
DISCLOSURE_RULES = "政府信息公开制度"
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "工作动态", "政策法规", POLICY_INTERPRETATION, "规划计划", "工作报告", "工作总结", "办事指南",
    "财政预决算", "人事信息", "人大代表建议和政协提案办理", "其他", DISCLOSURE_RULES, ANNUAL_REPORT,
)


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Form(models.TextChoices):
    FULL = "full", _("全文公开")
    PARTIAL = "partial", _("部分公开")


class Validity(models.TextChoices):
    EFFECTIVE = "effective", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class Art20Kind(models.TextChoices):
    """Art. 20 item (一) tags that feed Table 2 (spec §3.2)."""

    NONE = "", _("—")
    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")


class Channel(models.TextChoices):
    """Art. 23 channels besides the website that the annual report counts."""

    GAZETTE = "gazette", _("政府公报")
    WEIBO = "weibo", _("政务微博")
    WECHAT = "wechat", _("政务微信")
    OTHER = "other", _("其他")


# Spec §6.2 parser regex, tested against every example there.
INDEX_NUMBER_RE = re.compile(
    r"^(?P<org>[0-9A-Z]{18}|[0-9A-Z]{7,8}-[0-9A-Z]|[0-9A-Z]{8,9})/(?P<year>\d{4})(?P<month>\d{2})?-(?P<serial>\d{4,6})$"
)


def index_period(on: dt.date, date_format: str) -> str:
    """The date part of a 索引号: ``YYYY`` or ``YYYYMM`` per the agency's setting."""
    return f"{on:%Y%m}" if date_format == "YYYYMM" else f"{on:%Y}"


def format_index_number(issuer_code: str, period: str, serial: int) -> str:
    """``<issuer code>/<period>-<serial:05d>`` (spec §6.2)."""
    if serial < 1 or serial > 99999:
        raise ValueError(f"索引号流水号超出范围：{serial}")
    return f"{issuer_code}/{period}-{serial:05d}"


_YEAR_IN_BRACKETS = re.compile(r"〔\s*(\d{4})\s*〕")


def normalise_doc_number(value: str) -> str:
    """Normalise the year brackets of a 发文字号 to 〔〕 (spec §6.1); other text is kept.

    Only brackets that enclose a four-digit year are rewritten when round brackets are used, so a
    number like ``示教〔2025〕3号（试行）`` keeps its trailing note.
    """
    text = (value or "").strip()
    if not text:
        return ""
    out = re.sub(r"[\[【﹝［(（]\s*(\d{4})\s*[\]】﹞］)）]", r"〔\1〕", text)
    return _YEAR_IN_BRACKETS.sub(r"〔\1〕", out)


def publication_due(formed_on: dt.date, calendar: WorkdayCalendar) -> dt.date:
    """Art. 26 due date: ``PUBLICATION_WORKDAYS`` workdays after ``formed_on``.

    Raises ``CalendarYearMissing`` from the calendar when a year has no data (never guesses).
    """
    return calendar.add_workdays(formed_on, PUBLICATION_WORKDAYS)


def is_late(published_on: dt.date | None, due_on: dt.date | None) -> bool:
    return published_on is not None and due_on is not None and published_on > due_on
