"""The statutory answer clock as a pure function over an application's event ledger (spec §1.4).

Law as data: the 20-workday answer period (Art. 33 ¶2), the 7-workday window for the one correction
notice (Art. 30), the restart on receipt of the correction (Art. 30), the 15-workday sub-deadline of
third-party and other-organ consultations (Art. 32, 34) whose time is excluded (Art. 33 ¶3), one
extension of at most 20 workdays (Art. 33 ¶2), a deadline set by the organ (Art. 35), and the
20-workday payment window of a fee notice (109号; spec §2.3), which pauses the answer clock when the
agency says so. The periods are those of the regulation in force on the receipt date
(``gongkai.formats.law.clock_regime``: 15 + 15 workdays before 2019-05-15, 20 + 20 after).
``compute_due(entries, cal)`` returns the due date and an explanation.

A year without calendar data (next year's State Council notice not yet out) gives a *provisional*
date: the missing year is counted with Monday–Friday as workdays and no holidays (``provisional``,
``assumed_years``), marked 暂估 with the reason, and recomputed when the notice is imported. Holidays
can only remove workdays, so the real date is the provisional one or later, unless a make-up workday
(调休上班) falls inside the period before its holidays do (docs/applications.md, "The year boundary").

Counting convention: the start day is not counted; the n-th following counted workday is the last
permissible day. A pause ``(a, b]`` removes the workdays after ``a`` up to and including ``b``: the
day a consultation is sent (or the applicant receives a fee notice) still counts, the day the answer
(or payment) arrives does not, and counting resumes the next day (docs/applications.md, "Pause
boundaries", for the reading of Art. 33 ¶3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from gongkai.formats.declarations import FEE_PAYMENT_WORKDAYS  # 109号: 收到收费通知次日起20个工作日内
from gongkai.formats.law import REGULATION_2019, ClockRegime, clock_regime
from gongkai.workdays.counting import CalendarYearMissing, SkippedDay, WorkdayCalendar

# The 2019 regulation's periods (the ones new applications get); older ones come from ``clock_regime``.
ANSWER_WORKDAYS = REGULATION_2019.answer_workdays  # Art. 33 ¶2: 自收到申请之日起20个工作日内
CORRECTION_NOTICE_WORKDAYS = 7  # Art. 30: 收到申请之日起7个工作日内一次性告知
CONSULTATION_WORKDAYS = 15  # Art. 32 (third party), Art. 34 (other organs)
EXTENSION_MAX_WORKDAYS = REGULATION_2019.extension_max_workdays  # Art. 33 ¶2: 最长不得超过20个工作日


class Kind(StrEnum):
    RECEIVED = "received"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CONSULTATION_OPENED = "consultation_opened"
    CONSULTATION_CLOSED = "consultation_closed"
    EXTENSION_APPROVED = "extension_approved"
    ART35_DEADLINE_SET = "art35_deadline_set"
    FEE_NOTICE_RECEIVED = "fee_notice_received"
    FEE_PAID = "fee_paid"
    FEE_WAIVED = "fee_waived"
    ANSWERED = "answered"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


KIND_LABELS: dict[str, str] = {
    Kind.RECEIVED: "收到申请",
    Kind.CORRECTION_REQUESTED: "发出补正告知",
    Kind.CORRECTION_RECEIVED: "收到补正材料",
    Kind.CONSULTATION_OPENED: "征求意见",
    Kind.CONSULTATION_CLOSED: "征求意见结束",
    Kind.EXTENSION_APPROVED: "批准延期答复",
    Kind.ART35_DEADLINE_SET: "确定合理答复期限（第三十五条）",
    Kind.FEE_NOTICE_RECEIVED: "申请人收到收费通知",
    Kind.FEE_PAID: "缴纳信息处理费",
    Kind.FEE_WAIVED: "减免信息处理费",
    Kind.ANSWERED: "作出答复",
    Kind.CLOSED: "终止办理",
    Kind.WITHDRAWN: "申请人撤回申请",
}

PARTY_LABELS = {"third_party": "第三方", "other_organ": "其他机关"}

STOP_KINDS = frozenset({Kind.ANSWERED, Kind.CLOSED, Kind.WITHDRAWN})


@dataclass(frozen=True)
class Entry:
    """One ledger row as the clock sees it.

    ``days``: extension length; ``ref``: pairs a consultation's open/close or a fee notice with its
    payment; ``party``: "third_party" or "other_organ"; ``until``: a date the organ set (Art. 35
    deadline, or the correction period's end).
    """

    kind: str
    on: dt.date
    days: int = 0
    ref: str = ""
    party: str = ""
    until: dt.date | None = None


@dataclass(frozen=True)
class Pause:
    reason: str  # "consultation" or "fee"
    label: str
    start: dt.date  # the pause covers (start, end]
    end: dt.date
    projected: bool  # end not yet known: the sub-deadline or window end is assumed
    sub_deadline: dt.date | None
    workdays: int = 0  # workdays that the pause actually removed from the count


@dataclass(frozen=True)
class Milestone:
    label: str
    date: dt.date


@dataclass
class DueResult:
    """The due date (or why there is none) and everything needed to explain it."""

    due: dt.date | None = None
    state: str = "running"  # running | awaiting_correction | stopped | error
    start: dt.date | None = None
    start_reason: str = ""
    period_workdays: int = ANSWER_WORKDAYS
    extension_workdays: int = 0
    art35_date: dt.date | None = None
    pauses: list[Pause] = field(default_factory=list)
    skipped: list[SkippedDay] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stopped_on: dt.date | None = None
    error: str = ""
    missing_year: int | None = None
    regime: ClockRegime = REGULATION_2019
    # Counted with a year whose holidays are not known yet: Monday–Friday taken as workdays there.
    provisional: bool = False
    assumed_years: tuple[int, ...] = ()

    @property
    def provisional_reason(self) -> str:
        """Why the date is provisional (zh), or ""."""
        if not self.provisional:
            return ""
        years = "、".join(f"{y}年" for y in self.assumed_years)
        return (f"{years}的节假日安排（国务院办公厅通知）尚未录入，暂按周一至周五均为工作日计算；"
                "录入后自动重新计算，截止日一般只会推后。")

    @property
    def holidays(self) -> list[dt.date]:
        return [s.date for s in self.skipped if s.reason == "holiday"]

    @property
    def weekend_count(self) -> int:
        return sum(1 for s in self.skipped if s.reason == "weekend")

    def lines(self) -> list[str]:
        """A plain-language explanation, one sentence per line (zh)."""
        if self.error:
            return [self.error]
        if self.state == "awaiting_receipt":
            return ["申请已提交，尚待本机关确认收到；答复期限自双方确认之日（收到申请之日）起计算"
                    "（《条例》第三十一条第三项）。"]
        out = []
        if self.start:
            out.append(f"起算日：{self.start.isoformat()}（{self.start_reason}），当日不计入。")
        if self.state == "awaiting_correction":
            out.append("已发出补正告知，答复期限自收到补正材料之日起重新计算。")
            return out + self.warnings
        out.append(f"答复期限：{self.period_workdays}个工作日（{self.regime.law}{self.regime.answer_article}）。")
        if self.extension_workdays:
            out.append(f"经政府信息公开工作机构负责人同意延期{self.extension_workdays}个工作日。")
        for p in self.pauses:
            tail = "（尚未结束，按期限推算）" if p.projected else ""
            out.append(f"{p.label}：{p.start.isoformat()}至{p.end.isoformat()}，"
                       f"不计入{p.workdays}个工作日{tail}。")
        if self.holidays:
            out.append("跳过法定节假日：" + "、".join(d.isoformat() for d in self.holidays) + "。")
        if self.weekend_count:
            out.append(f"跳过周末{self.weekend_count}天（调休上班日计为工作日）。")
        if self.art35_date:
            out.append(f"依《条例》第三十五条确定的答复期限：{self.art35_date.isoformat()}。")
        if self.due:
            mark = "（暂估）" if self.provisional else ""
            out.append(f"答复截止日：{self.due.isoformat()}{mark}。")
        if self.provisional:
            out.append(f"暂估：{self.provisional_reason}")
        return out + self.warnings


ONE_DAY = dt.timedelta(days=1)


class Days(Protocol):
    """What the clock asks of a calendar: ``WorkdayCalendar`` or the provisional view over it."""

    def is_workday(self, day: dt.date) -> bool: ...

    def add_workdays(self, start: dt.date, n: int) -> dt.date: ...

    def skipped_days(self, start: dt.date, end: dt.date) -> list[SkippedDay]: ...


class ProvisionalCalendar:
    """A calendar that counts a year without data as Monday–Friday workdays, and remembers it did.

    Used only after the real calendar raised ``CalendarYearMissing``: years with data are read from
    ``base`` unchanged; for a missing year no holiday is known, so the count there is the earliest
    the deadline can be (holidays only push it later).
    """

    def __init__(self, base: WorkdayCalendar) -> None:
        self.base = base
        self.assumed: set[int] = set()

    def is_workday(self, day: dt.date) -> bool:
        if self.base.covers(day.year):
            return self.base.is_workday(day)
        self.assumed.add(day.year)
        return day.weekday() < 5

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        if n < 0:
            raise ValueError("n must be non-negative")
        day, remaining = start, n
        while remaining:
            day += ONE_DAY
            if self.is_workday(day):
                remaining -= 1
        return day

    def skipped_days(self, start: dt.date, end: dt.date) -> list[SkippedDay]:
        out: list[SkippedDay] = []
        day = start
        while day < end:
            day += ONE_DAY
            if not self.is_workday(day):
                holiday = self.base.covers(day.year) and self.base.is_holiday(day)
                out.append(SkippedDay(day, "holiday" if holiday else "weekend"))
        return out



def _count_forward(start: dt.date, n: int, pauses: list[tuple[dt.date, dt.date]], cal: Days) -> dt.date:
    """The n-th workday after ``start`` that lies in no pause (pauses are half-open (a, b])."""
    day = start
    remaining = n
    while remaining:
        day += ONE_DAY
        if cal.is_workday(day) and not any(a < day <= b for a, b in pauses):
            remaining -= 1
    return day


def _compute(entries: list[Entry], cal: Days, fee_pauses_clock: bool) -> DueResult:
    res = DueResult()
    ordered = sorted(entries, key=lambda e: e.on)
    received = next((e for e in ordered if e.kind == Kind.RECEIVED), None)
    if received is None:
        # An online application the agency has not yet confirmed (Art. 31(3)): no clock yet.
        res.state = "awaiting_receipt"
        return res
    regime = res.regime = clock_regime(received.on)
    res.period_workdays = regime.answer_workdays
    res.start, res.start_reason = received.on, "收到申请之日（《条例》第三十一条）"
    correction_deadline: dt.date | None = None
    if regime.correction_notice_workdays is not None:
        correction_deadline = cal.add_workdays(received.on, regime.correction_notice_workdays)
        res.milestones.append(Milestone("补正告知最迟发出日（第三十条）", correction_deadline))

    requests = [e for e in ordered if e.kind == Kind.CORRECTION_REQUESTED]
    receipts = [e for e in ordered if e.kind == Kind.CORRECTION_RECEIVED]
    for req in requests:
        if correction_deadline and req.on > correction_deadline:
            res.warnings.append(f"补正告知于{req.on.isoformat()}发出，晚于收到申请后7个工作日"
                                f"（{correction_deadline.isoformat()}）。")
        if req.until:
            res.milestones.append(Milestone("补正期限", req.until))
    if requests:
        last_req = requests[-1]
        later = [r for r in receipts if r.on >= last_req.on]
        if not later:
            res.state = "awaiting_correction"
            return res
        res.start, res.start_reason = later[-1].on, "收到补正材料之日，重新计算（《条例》第三十条）"
    start = res.start

    opened = {e.ref: e for e in ordered if e.kind == Kind.CONSULTATION_OPENED}
    closed = {e.ref: e for e in ordered if e.kind == Kind.CONSULTATION_CLOSED}
    pause_info: list[tuple[str, str, dt.date, dt.date, bool, dt.date | None]] = []
    for ref, op in opened.items():
        sub = cal.add_workdays(op.on, CONSULTATION_WORKDAYS)
        label = f"征求{PARTY_LABELS.get(op.party, '第三方')}意见"
        res.milestones.append(Milestone(f"{label}答复期限（15个工作日）", sub))
        cl = closed.get(ref)
        end, projected = (min(cl.on, sub), False) if cl else (sub, True)
        if cl and cl.on > sub:
            res.warnings.append(f"{label}超过15个工作日，超出部分计入答复期限。")
        if end > max(op.on, start):
            pause_info.append(("consultation", label, max(op.on, start), end, projected, sub))

    fee_window_label = f"缴费期限（收到通知次日起{FEE_PAYMENT_WORKDAYS}个工作日）"
    if fee_pauses_clock:
        paid = {e.ref: e for e in ordered if e.kind in (Kind.FEE_PAID, Kind.FEE_WAIVED)}
        for e in ordered:
            if e.kind != Kind.FEE_NOTICE_RECEIVED:
                continue
            window = cal.add_workdays(e.on, FEE_PAYMENT_WORKDAYS)
            res.milestones.append(Milestone(fee_window_label, window))
            pay = paid.get(e.ref)
            end, projected = (min(pay.on, window), False) if pay else (window, True)
            if end > max(e.on, start):
                pause_info.append(("fee", "缴纳信息处理费期间", max(e.on, start), end, projected, window))
    else:
        for e in ordered:
            if e.kind == Kind.FEE_NOTICE_RECEIVED:
                res.milestones.append(Milestone(fee_window_label, cal.add_workdays(e.on, FEE_PAYMENT_WORKDAYS)))
    raw_pauses = [(a, b) for _r, _l, a, b, _p, _s in pause_info]

    extensions = [e for e in ordered if e.kind == Kind.EXTENSION_APPROVED]
    if len(extensions) > 1:
        res.warnings.append("只能延期一次；仅计第一次延期。")
    if extensions:
        res.extension_workdays = max(0, min(extensions[0].days, regime.extension_max_workdays))

    due = _count_forward(start, regime.answer_workdays + res.extension_workdays, raw_pauses, cal)
    art35 = [e for e in ordered if e.kind == Kind.ART35_DEADLINE_SET and e.until]
    if art35:
        # Art. 35: the organ sets the deadline and tells the applicant; the date told is the deadline.
        # It is not rolled past a non-workday: the applicant was promised that day (issue 11 item 13).
        chosen: dt.date = art35[-1].until or due
        res.art35_date = due = chosen
        if not cal.is_workday(chosen):
            res.warnings.append(f"第三十五条期限{chosen.isoformat()}不是工作日；已告知申请人的日期不顺延，"
                                "请在此前的工作日作出答复。")
    res.due = due
    for reason, label, a, b, projected, sub_deadline in pause_info:
        removed = sum(1 for d in _days(a, min(b, due)) if cal.is_workday(d))
        res.pauses.append(Pause(reason, label, a, b, projected, sub_deadline, removed))
    res.skipped = cal.skipped_days(start, due)
    stop = next((e for e in ordered if e.kind in STOP_KINDS), None)
    if stop:
        res.state, res.stopped_on = "stopped", stop.on
    return res


def _days(a: dt.date, b: dt.date) -> list[dt.date]:
    """Dates in (a, b]."""
    return [a + dt.timedelta(days=i) for i in range(1, (b - a).days + 1)]


def missing_year_message(year: int) -> str:
    """The Chinese sentence for a year without calendar data (no English gloss: staff and applicants read it)."""
    return f"缺少{year}年的节假日安排数据，无法计算工作日。请录入《国务院办公厅关于{year}年部分节假日安排的通知》。"


def compute_due(entries: list[Entry], cal: WorkdayCalendar, *, fee_pauses_clock: bool = True) -> DueResult:
    """Due date and explanation of one application's answer clock; never raises for a missing year.

    When a year the count needs has no calendar data, the date is provisional (``ProvisionalCalendar``).
    """
    try:
        return _compute(entries, cal, fee_pauses_clock)
    except CalendarYearMissing as exc:
        provisional = ProvisionalCalendar(cal)
        res = _compute(entries, provisional, fee_pauses_clock)
        res.provisional = True
        res.assumed_years = tuple(sorted(provisional.assumed)) or (exc.year,)
        res.missing_year = res.assumed_years[0]
        return res


def _safe(fn: Callable[[Days], dt.date], cal: WorkdayCalendar) -> tuple[dt.date, bool]:
    """(date, provisional): ``fn`` over the real calendar, else over the provisional one."""
    try:
        return fn(cal), False
    except CalendarYearMissing:
        return fn(ProvisionalCalendar(cal)), True


def correction_notice_deadline(received: dt.date, cal: WorkdayCalendar) -> dt.date:
    """Last day to send the one correction notice (Art. 30); provisional near a year without data."""
    return _safe(lambda c: c.add_workdays(received, CORRECTION_NOTICE_WORKDAYS), cal)[0]


def consultation_deadline(opened: dt.date, cal: WorkdayCalendar) -> dt.date:
    return _safe(lambda c: c.add_workdays(opened, CONSULTATION_WORKDAYS), cal)[0]


def fee_payment_deadline(notice_received: dt.date, cal: WorkdayCalendar) -> tuple[dt.date, bool]:
    """(last day to pay, provisional): 20 workdays from the day after the applicant received the notice."""
    return _safe(lambda c: c.add_workdays(notice_received, FEE_PAYMENT_WORKDAYS), cal)
