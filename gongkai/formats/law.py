"""The law of the day, as data: which answer clock and which remedy clause apply on a given date.

Two kinds of rule change with time and are chosen by date, never by ``if year < …`` in code:

- ``CLOCK_REGIMES``: the answer clock of the regulation in force on the day an application was
  received — 国务院令第492号 (2008, in force 2008-05-01 to 2019-05-14: 15 workdays, extension at most
  15, Art. 24) or 国务院令第711号 (2019, from 2019-05-15: 20 workdays, extension at most 20, Art. 33;
  the 7-workday correction notice of Art. 30). ``clock_regime(received_on)`` picks one.
- ``REMEDY_RULES``: what an answer must tell the applicant about review (行政复议) and litigation
  (行政诉讼), by the law in force on the answer date. Before 2024-01-01 the applicant chooses: review
  within 60 days or litigation within 6 months. From 2024-01-01 the revised 行政复议法 (2023) Art. 23
  ¶1 (4) makes review come first (复议前置) when "申请政府信息公开，行政机关不予公开"; ADR 0010 decides
  which Table 3 outcomes that covers (``REVIEW_FIRST_OUTCOMES``). ``remedy_clause(on, outcome, …)``
  writes the sentence.

Every rule names its article and the date it took force. Pure data and functions; imports nothing
outside ``gongkai.formats``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.formats.declarations import OUTCOME_KEYS

# --- The answer clock by receipt date ------------------------------------------------------------------


@dataclass(frozen=True)
class ClockRegime:
    """The answer periods of one version of the Regulations (spec §1.3–1.4, §1.6)."""

    key: str
    law: str  # the instrument, as letters cite it
    in_force: dt.date  # first day it governs (by the Art. 31 receipt date)
    until: dt.date | None  # last day, None while in force
    answer_workdays: int
    answer_article: str
    extension_max_workdays: int
    extension_article: str
    # The one correction notice within n workdays of receipt (2019 Art. 30); 2008 set no such limit.
    correction_notice_workdays: int | None

    def governs(self, day: dt.date) -> bool:
        return self.in_force <= day and (self.until is None or day <= self.until)


REGULATION_2008 = ClockRegime(
    key="2008", law="《中华人民共和国政府信息公开条例》（国务院令第492号）",
    in_force=dt.date(2008, 5, 1), until=dt.date(2019, 5, 14),
    answer_workdays=15, answer_article="第二十四条第二款",  # 自收到申请之日起15个工作日内予以答复
    extension_max_workdays=15, extension_article="第二十四条第二款",  # 延长答复的期限最长不得超过15个工作日
    correction_notice_workdays=None,  # Art. 21(4): 告知申请人作出更改、补充 — no period stated
)
REGULATION_2019 = ClockRegime(
    key="2019", law="《中华人民共和国政府信息公开条例》（国务院令第711号）",
    in_force=dt.date(2019, 5, 15), until=None,
    answer_workdays=20, answer_article="第三十三条第二款",  # 自收到申请之日起20个工作日内予以答复
    extension_max_workdays=20, extension_article="第三十三条第二款",  # 延长的期限最长不得超过20个工作日
    correction_notice_workdays=7,  # Art. 30: 自收到申请之日起7个工作日内一次性告知
)
CLOCK_REGIMES: tuple[ClockRegime, ...] = (REGULATION_2008, REGULATION_2019)


def clock_regime(received_on: dt.date) -> ClockRegime:
    """The regulation whose clock governs an application received on ``received_on``.

    Applications received before the 2008 regulation took force get its clock too (the platform holds
    no earlier rules; such cases exist only as imported history).
    """
    for regime in CLOCK_REGIMES:
        if regime.governs(received_on):
            return regime
    return CLOCK_REGIMES[0]


# --- Remedies by answer date ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RemedyRule:
    """What an answer dated within [in_force, until] tells the applicant about review and litigation.

    ``choice`` is the sentence offering review or litigation; ``review_first`` (None when the law has
    no such rule) the sentence for outcomes in ``review_first_outcomes``. Both take ``{document}``
    (本答复 / 本通知 / 本告知书) and ``{organ}`` (the review organ).
    """

    key: str
    in_force: dt.date
    until: dt.date | None
    articles: str  # the provisions the sentences rest on, for docs and the letter dictionary
    choice: str
    review_first: str | None
    review_first_outcomes: frozenset[str]

    def governs(self, day: dt.date) -> bool:
        return self.in_force <= day and (self.until is None or day <= self.until)


# 行政复议法 (2023 revision) Art. 23 ¶1 (4): 申请政府信息公开，行政机关不予公开 — review first.
# ADR 0010: "不予公开" read as every answer that does not give the applicant the information asked for
# (the 不予公开, 部分公开, 无法提供 and 不予处理 rows, and the two rows where the organ stops processing);
# only a full grant (and a withdrawal, which gets no answer letter) keeps the free choice.
REVIEW_FIRST_OUTCOMES: frozenset[str] = frozenset(
    k for k in OUTCOME_KEYS
    if k == "partial" or k.split(".", 1)[0] in ("denied", "unable", "not_processed")
    or k in ("other.no_correction", "other.fee_unpaid"))

_CHOICE = ("如对{document}不服，可以自收到{document}之日起60日内向{organ}申请行政复议，"
           "或者自收到{document}之日起6个月内向人民法院提起行政诉讼。")

REMEDIES_BEFORE_2024 = RemedyRule(
    key="2017", in_force=dt.date(1999, 10, 1), until=dt.date(2023, 12, 31),
    # 行政复议法 (1999, amended 2009/2017) Art. 9 (60 days); 行政诉讼法 Art. 46 (6 months)
    articles="《中华人民共和国行政复议法》（2017年修正）第九条；《中华人民共和国行政诉讼法》第四十六条",
    choice=_CHOICE, review_first=None, review_first_outcomes=frozenset())
REMEDIES_FROM_2024 = RemedyRule(
    key="2023", in_force=dt.date(2024, 1, 1), until=None,
    # 行政复议法 (2023) Art. 20 (60 days), Art. 23 ¶1 (4) (review first); 行政诉讼法 Art. 45 (15 days
    # after the review decision), Art. 46 (6 months)
    articles=("《中华人民共和国行政复议法》（2023年修订）第二十条、第二十三条第一款第四项；"
              "《中华人民共和国行政诉讼法》第四十五条、第四十六条"),
    choice=_CHOICE,
    review_first=("如对{document}不服，应当自收到{document}之日起60日内向{organ}申请行政复议"
                  "（《中华人民共和国行政复议法》第二十三条第一款第四项：申请政府信息公开，行政机关不予公开的，"
                  "应当先申请行政复议）；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内"
                  "向人民法院提起行政诉讼。"),
    review_first_outcomes=REVIEW_FIRST_OUTCOMES)
REMEDY_RULES: tuple[RemedyRule, ...] = (REMEDIES_BEFORE_2024, REMEDIES_FROM_2024)


def remedy_rule(on: dt.date) -> RemedyRule:
    """The remedy rule in force on ``on`` (the date of the answer or notice)."""
    for rule in REMEDY_RULES:
        if rule.governs(on):
            return rule
    return REMEDY_RULES[0]


def review_first(on: dt.date, outcome: str) -> bool:
    """Whether an answer of ``outcome`` dated ``on`` must send the applicant to review first."""
    rule = remedy_rule(on)
    return rule.review_first is not None and outcome in rule.review_first_outcomes


def remedy_clause(on: dt.date, outcome: str, *, organ: str, document: str = "本答复") -> str:
    """The remedy sentence of a letter dated ``on`` with ``outcome`` ("" for a notice that has none)."""
    rule = remedy_rule(on)
    text = rule.choice
    if rule.review_first is not None and outcome in rule.review_first_outcomes:
        text = rule.review_first
    return text.format(document=document, organ=organ)


__all__ = [
    "CLOCK_REGIMES", "REGULATION_2008", "REGULATION_2019", "REMEDIES_BEFORE_2024", "REMEDIES_FROM_2024",
    "REMEDY_RULES", "REVIEW_FIRST_OUTCOMES", "ClockRegime", "RemedyRule", "clock_regime", "remedy_clause",
    "remedy_rule", "review_first",
]
