"""Every write to applications: intake, the clock ledger actions, fees, answers, letters, withdrawal.

One function per action of the transition table (``workflow.TABLE``); each runs inside ``_acting``,
which checks the actor's role, locks the case row, checks the transition, and afterwards moves the
status, recomputes the stored due date from the ledger (``deadlines.compute_due``; the only writer of
``Application.due_on`` besides ``recompute_open``, which refreshes open cases after a calendar change)
and appends the one event ``application.<action>``. Letters are decided inside that transaction (the
``Letter`` row with its text); their DOCX and PDF are built after commit, outside the row lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Agency, OnlineReceipt, Role
from gongkai.applications import deadlines, fees, letters
from gongkai.applications.deadlines import Entry, Kind
from gongkai.applications.models import (
    OUTCOME_BASIS,
    Application,
    Attachment,
    Channel,
    ClockEvent,
    FeeNotice,
    FeeStatus,
    Letter,
    LetterKind,
    LetterTemplate,
    Outcome,
)
from gongkai.applications.selectors import compute_due_from_ledger, month_pieces_before
from gongkai.applications.tasks import build_letter_files
from gongkai.applications.workflow import ACTING, OPEN_STATUSES, TABLE, Status, roles
from gongkai.core import clock, events
from gongkai.core.actors import Actor, person
from gongkai.core.uploads import Accepted
from gongkai.formats.law import clock_regime
from gongkai.workdays.counting import WorkdayCalendar
from gongkai.workdays.services import get_calendar

TRACKED = ("status", "outcome", "due_on", "closed_on", "legal_basis", "received_on")
# Actions that need no receipt day: confirming it, the applicant withdrawing, and routing on a platform.
BEFORE_RECEIPT = frozenset({"confirm_receipt", "withdraw", "route", "sign", "return_to_router"})
ANONYMOUS = AnonymousUser()
logger = logging.getLogger(__name__)


def _snap(app: Application) -> dict[str, Any]:
    return events.snapshot(app, fields=TRACKED)


def info_key(info_name: str, doc_number: str) -> str:
    """Normalized fingerprint of the information sought (for 重复申请 and Art. 44 hints)."""
    text = re.sub(r"[\s，,。.、“”\"'《》()（）：:；;]", "", (doc_number or info_name)).lower()
    return hashlib.sha1(text.encode()).hexdigest()[:32] if text else ""


def _recompute(app: Application, cal: WorkdayCalendar | None = None) -> None:
    res = compute_due_from_ledger(app, cal)
    app.due_on = res.due
    app.due_error = res.error[:300]
    app.due_provisional = res.provisional
    app.save(update_fields=["due_on", "due_error", "due_provisional"])


def _ledger(app: Application, kind: str, on: dt.date, actor: Actor, **kw: Any) -> ClockEvent:
    return ClockEvent.objects.create(application=app, kind=kind, on=on, actor=person(actor), **kw)


def _require(actor: Actor, agency: Agency, *roles: str) -> None:
    # No actor is exempt: scheduled and command-line work passes core.actors.SYSTEM, which holds every role.
    if not has_role(actor, agency, *roles):
        raise PermissionDenied("missing role")


def _check_date(app: Application, on: dt.date) -> None:
    if app.received_on and on < app.received_on:
        raise ValidationError("日期不能早于收到申请之日")


@dataclass
class _Act:
    """One action in progress: the locked case and what the action adds to its event."""

    app: Application
    action: str
    before: dict[str, Any]
    after: dict[str, Any] = field(default_factory=dict)
    status: str | None = None  # the service's decision where the table's target is None
    notes: list[str] = field(default_factory=list)
    moved: bool = False

    def move(self) -> None:
        """Check the transition from the status the case was locked in, and take it (once)."""
        if self.moved:
            return
        row = TABLE.find(self.before["status"], self.action)
        target = self.status or row.target
        if target is not None:
            self.app.status = target
        self.moved = True

    def letter(self, kind: str, inputs: letters.Inputs) -> Letter:
        """Decide a letter: its text and row now, its files after commit (``letter_files_build``).

        The text reads the case as the action leaves it (new status, recomputed due date), so the
        move is taken and the due date refreshed first.
        """
        self.move()
        self.app.save()
        _recompute(self.app)
        title, text, note = _letter_text(self.app, kind, inputs)
        letter = Letter.objects.create(application=self.app, kind=kind, title=title, body=text,
                                       issued_on=inputs.issued_on)
        if note:
            self.notes.append(note)
        pk = letter.pk
        transaction.on_commit(lambda: _build_after_commit(pk), robust=True)
        return letter


@contextmanager
def _acting(application: Application, action: str, actor: Actor, *, on: dt.date | None = None) -> Iterator[_Act]:
    """Role check, one transaction, the locked row; after the body: move, recompute, one event.

    Unless the body calls ``act.move()`` earlier, the transition is checked after the body's own
    rules on purpose: a second correction notice tells the clerk "只能发出一次", not only that the
    status does not allow it.
    """
    _require(actor, application.agency, *roles(action))
    with transaction.atomic():
        app = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
        act = _Act(app=app, action=action, before=_snap(app))
        if app.received_on is None and action not in BEFORE_RECEIPT:
            raise ValidationError("请先确认收到该网上申请（《条例》第三十一条第三项：以双方确认之日为收到申请之日）")
        if on is not None:
            _check_date(app, on)
        yield act
        act.move()
        app.save()
        _recompute(app)
        events.record(action=f"application.{action}", obj=app, actor=actor, agency=app.agency, before=act.before,
                      after={**_snap(app), **act.after}, note="\n".join(act.notes)[:500])


# ---------------------------------------------------------------- intake

def application_submit(*, agency: Agency, data: dict[str, Any], channel: str, submitted_at: dt.datetime | None = None,
                       received_on: dt.date | None = None, uploads: Sequence[Accepted] | None = None,
                       actor: Actor = ANONYMOUS) -> Application:
    """Register an application (online form or staff intake). ``received_on`` is the Art. 31 date.

    Anyone may apply (Art. 27), so no role is checked; the default actor is an anonymous visitor
    (the online form and the API pass ``request.user``, staff intake the clerk, the demo ``SYSTEM``).

    An online application an applicant submits to an agency that confirms online receipt by hand
    (``Agency.online_receipt == "staff"``) has no receipt day yet: Art. 31(3) makes it the day both
    sides confirm, which is the day staff record "确认收到" (``receipt_confirm``). Until then there is
    no ledger ``received`` entry and no clock. Staff registering an application state its day.
    """
    submitted_at = submitted_at or clock.now()
    received_on = received_on or clock.local_date(submitted_at)
    awaiting = (channel == Channel.ONLINE and agency.online_receipt == OnlineReceipt.STAFF
                and not has_role(actor, agency, *ACTING))
    submitted_day = received_on
    with transaction.atomic():
        id_number = data.pop("id_number", "") or ""
        app = Application(agency=agency, channel=channel, submitted_at=submitted_at,
                          received_on=None if awaiting else received_on, **data)
        app.set_id_number(id_number)
        app.info_key = info_key(app.info_name, app.info_doc_number)
        if app.id_fingerprint or app.applicant_name:
            same_person = Q(id_fingerprint=app.id_fingerprint) if app.id_fingerprint else Q(
                applicant_name=app.applicant_name)
            app.duplicate_of = (Application.objects.filter(same_person, agency=agency, info_key=app.info_key)
                                .exclude(info_key="").order_by("received_on", "id").first())
        app.save()
        app.number = f"{submitted_day:%Y}-{app.pk:06d}"
        app.save(update_fields=["number"])
        for upload in uploads or []:
            # Stored under a generated name (``<hex>.<kind>``): the applicant's name is only displayed.
            stored = Attachment(application=app, name=upload.checked.name)
            stored.file.save(upload.checked.storage_name(), upload.file, save=False)
            stored.save()
        if not awaiting:
            _ledger(app, Kind.RECEIVED, received_on, actor, note=str(app.get_channel_display()))
        _recompute(app)
        events.record(action="application.submitted", obj=app, actor=actor, agency=agency, after={
            **_snap(app), "channel": channel, "received_on": app.received_on, "submitted_on": submitted_day,
            "duplicate_of": app.duplicate_of_id})
    return app


def identity_reveal(*, application: Application, actor: Actor) -> str:
    """Decrypt the identity number for a staff member and log that it was seen (issue 4 §8)."""
    _require(actor, application.agency, *ACTING)
    with transaction.atomic():
        events.record(action="application.identity_viewed", obj=application, actor=actor, agency=application.agency)
    return application.reveal_id_number()


# ---------------------------------------------------------------- clock actions

def receipt_confirm(*, application: Application, on: dt.date, actor: Actor) -> Application:
    """``confirm_receipt``: staff confirm an online application; ``on`` is its Art. 31(3) receipt day.

    Only for an online application still awaiting confirmation (agency rule "staff"); the day may not
    precede the submission or lie in the future. The clock starts: the ``received`` ledger entry is
    written with this day and the due date is computed from it.
    """
    with _acting(application, "confirm_receipt", actor) as act:
        app = act.app
        if app.received_on is not None:
            raise ValidationError(f"该申请已于{app.received_on.isoformat()}确认收到")
        submitted = clock.local_date(app.submitted_at)
        if on < submitted:
            raise ValidationError(f"确认收到之日不能早于提交之日（{submitted.isoformat()}）")
        if on > clock.today():
            raise ValidationError("确认收到之日不能晚于今天")
        app.received_on = on
        app.save(update_fields=["received_on"])
        _ledger(app, Kind.RECEIVED, on, actor, note=f"{app.get_channel_display()}，工作人员确认收到（双方确认）")
        act.after = {"on": on, "submitted_on": submitted}
    return app


def correction_request(*, application: Application, on: dt.date, until: dt.date, note: str, actor: Actor,
                       issue_letter: bool = True) -> Application:
    """``request_correction``: the one correction notice (Art. 30), within 7 workdays of receipt, with a period."""
    with _acting(application, "request_correction", actor, on=on) as act:
        app = act.app
        if app.clock_events.filter(kind=Kind.CORRECTION_REQUESTED).exists():
            raise ValidationError("补正告知只能发出一次（《条例》第三十条：一次性告知）")
        assert app.received_on is not None
        # Art. 30 (2019) only: the 2008 regulation set no period for the notice (formats.law).
        if clock_regime(app.received_on).correction_notice_workdays is not None:
            last = deadlines.correction_notice_deadline(app.received_on, get_calendar())
            if on > last:
                raise ValidationError(f"补正告知应在收到申请之日起7个工作日内（{last.isoformat()}（含当日）前）发出")
        if until <= on:
            raise ValidationError("补正期限应晚于告知日期")
        _ledger(app, Kind.CORRECTION_REQUESTED, on, actor, until=until, note=note[:300])
        act.after = {"on": on, "until": until}
        if issue_letter:
            act.letter(LetterKind.CORRECTION, letters.Inputs(issued_on=on, until=until, note=note))
    return app


def correction_receive(*, application: Application, on: dt.date, actor: Actor) -> Application:
    """``receive_correction``: the corrected application arrived; the clock restarts (Art. 30)."""
    with _acting(application, "receive_correction", actor, on=on) as act:
        _ledger(act.app, Kind.CORRECTION_RECEIVED, on, actor)
        act.after = {"on": on}
    return act.app


def consultation_open(*, application: Application, on: dt.date, party: str, party_name: str, actor: Actor,
                      issue_letter: bool = True) -> ClockEvent:
    """``open_consultation``: a third party (Art. 32) or another organ (Art. 34); not counted (Art. 33 ¶3)."""
    with _acting(application, "open_consultation", actor, on=on) as act:
        app = act.app
        ref = f"c{app.clock_events.filter(kind=Kind.CONSULTATION_OPENED).count() + 1}"
        ev = _ledger(app, Kind.CONSULTATION_OPENED, on, actor, ref=ref, party=party, note=party_name[:300])
        act.after = {"ref": ref, "party": party, "on": on}
        if issue_letter and party == "third_party":
            act.letter(LetterKind.CONSULTATION, letters.Inputs(issued_on=on, party_name=party_name))
    return ev


def consultation_close(*, application: Application, ref: str, on: dt.date, note: str = "",
                       actor: Actor) -> Application:
    """``close_consultation``: back to processing when no other consultation is left open."""
    with _acting(application, "close_consultation", actor) as act:
        app = act.app
        if not app.clock_events.filter(kind=Kind.CONSULTATION_OPENED, ref=ref).exists():
            raise ValidationError("没有这项征求意见")
        if app.clock_events.filter(kind=Kind.CONSULTATION_CLOSED, ref=ref).exists():
            raise ValidationError("这项征求意见已经结束")
        opened = app.clock_events.get(kind=Kind.CONSULTATION_OPENED, ref=ref)
        if on < opened.on:
            raise ValidationError("结束日期不能早于征求意见日期")
        _ledger(app, Kind.CONSULTATION_CLOSED, on, actor, ref=ref, note=note[:300])
        still_open = (app.clock_events.filter(kind=Kind.CONSULTATION_OPENED).count()
                      > app.clock_events.filter(kind=Kind.CONSULTATION_CLOSED).count())
        act.status = Status.CONSULTING if still_open else Status.PROCESSING
        act.after = {"ref": ref, "on": on}
    return app


def extension_approve(*, application: Application, on: dt.date, days: int, reason: str, actor: Actor,
                      issue_letter: bool = True) -> Application:
    """``approve_extension``: once, by the disclosure-office head, before the deadline has passed.

    At most 20 workdays (2019 Art. 33 ¶2), or 15 for an application received under the 2008
    regulation (Art. 24; ``formats.law.clock_regime``). An extension approved after the due date would
    revive an overdue case and hide it from the overdue lists, so it is refused (issue 11 item 11);
    approving on the due date itself is allowed.
    """
    with _acting(application, "approve_extension", actor, on=on) as act:
        app = act.app
        assert app.received_on is not None
        regime = clock_regime(app.received_on)
        if not 1 <= days <= regime.extension_max_workdays:
            raise ValidationError(f"延长期限为1至{regime.extension_max_workdays}个工作日"
                                  f"（{regime.law}{regime.extension_article}）")
        act.move()  # a closed case is refused before "only once"
        if app.clock_events.filter(kind=Kind.EXTENSION_APPROVED).exists():
            raise ValidationError("答复期限只能延长一次")
        current = compute_due_from_ledger(app)
        if current.due is not None and on > current.due:
            mark = "（暂估）" if current.provisional else ""
            raise ValidationError(f"答复期限已于{current.due.isoformat()}{mark}届满，不能再批准延期；"
                                  "延期须在答复期限届满前（含当日）决定并告知申请人。")
        _ledger(app, Kind.EXTENSION_APPROVED, on, actor, days=days, note=reason[:300])
        act.after = {"days": days, "on": on}
        if issue_letter:
            act.letter(LetterKind.EXTENSION, letters.Inputs(issued_on=on, days=days, note=reason))
    return app


def art35_deadline_set(*, application: Application, on: dt.date, until: dt.date, reason: str,
                       actor: Actor) -> Application:
    """``set_art35_deadline``: the organ sets a reasonable later deadline for a large or frequent application."""
    with _acting(application, "set_art35_deadline", actor, on=on) as act:
        if until <= on:
            raise ValidationError("答复期限应晚于确定日期")
        _ledger(act.app, Kind.ART35_DEADLINE_SET, on, actor, until=until, note=reason[:300])
        act.after = {"until": until}
    return act.app


# ---------------------------------------------------------------- fees

def fee_notice_send(*, application: Application, method: str, count: int, sent_on: dt.date, received_on: dt.date,
                    prior: int | None = None, actor: Actor, issue_letter: bool = True) -> FeeNotice:
    """``send_fee_notice`` (109号): one method per application; opens the 20-workday payment window."""
    with _acting(application, "send_fee_notice", actor, on=sent_on) as act:
        app = act.app
        if received_on < sent_on:
            raise ValidationError("收到日期不能早于发出日期")
        if app.fee_notices.exclude(method=method).exists():
            raise ValidationError("同一申请只能选择一种计收方式")
        if method == fees.Method.PIECES and prior is None:
            prior = month_pieces_before(app)
            if prior is None:
                raise ValidationError("申请人未登记证件号码，无法按证件号码累计本月已计件数；"
                                      "请填写“本月此前已计件数”。")
        prior = (prior or 0) if method == fees.Method.PIECES else 0
        try:
            amount = fees.quote(method, count, prior)
        except fees.FeeInputError as exc:
            raise ValidationError(str(exc)) from exc
        if amount <= 0:
            # A 0 元 notice would pause the clock for the payment window and let the case close as
            # 逾期未缴费 for a fee that was never owed (issue 11 item 12).
            unit = "件" if method == fees.Method.PIECES else "页"
            raise ValidationError(f"按{fees.METHOD_LABELS[fees.Method(method)]}计算应缴金额为0元"
                                  f"（{count}{unit}），不收费，不应发出收费通知。")
        pay_by, _provisional = deadlines.fee_payment_deadline(received_on, get_calendar())
        notice = FeeNotice.objects.create(
            application=app, method=method, count=count, prior=prior, amount=amount, sent_on=sent_on,
            received_on=received_on, pay_by=pay_by)
        _ledger(app, Kind.FEE_NOTICE_RECEIVED, received_on, actor, ref=f"f{notice.pk}")
        act.after = {"method": method, "count": count, "amount": amount}
        if issue_letter:
            act.letter(LetterKind.FEE, letters.Inputs(issued_on=sent_on, fee=notice))
    return notice


def _fee_settle(notice: FeeNotice, on: dt.date, actor: Actor, action: str, status: str, reason: str = "") -> FeeNotice:
    with _acting(notice.application, action, actor) as act:
        notice = FeeNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.status != FeeStatus.NOTIFIED:
            raise ValidationError("该收费通知已处理")
        notice.status, notice.paid_on, notice.waive_reason = status, on, reason[:300]
        notice.save()
        kind = Kind.FEE_PAID if status == FeeStatus.PAID else Kind.FEE_WAIVED
        _ledger(act.app, kind, on, actor, ref=f"f{notice.pk}", note=reason[:300])
        act.after = {"fee_notice": notice.pk, "on": on, "reason": reason}
    return notice


def fee_pay(*, notice: FeeNotice, on: dt.date, actor: Actor) -> FeeNotice:
    """``pay_fee``: the applicant paid; the payment window closes."""
    return _fee_settle(notice, on, actor, "pay_fee", FeeStatus.PAID)


def fee_waive(*, notice: FeeNotice, on: dt.date, reason: str, actor: Actor) -> FeeNotice:
    """``waive_fee``: the fee is waived, with the reason."""
    if not reason.strip():
        raise ValidationError("减免必须说明理由")
    return _fee_settle(notice, on, actor, "waive_fee", FeeStatus.WAIVED, reason)


# ---------------------------------------------------------------- endings

def _close(application: Application, *, action: str, outcome: str, on: dt.date, actor: Actor, legal_basis: str = "",
           answer_text: str = "", referral_organ: str = "", referral_contact: str = "", kind: str = Kind.ANSWERED,
           letter: bool = True, guard: Callable[[Application, dt.date], None] | None = None) -> Application:
    if outcome and outcome not in Outcome.values:
        raise ValidationError(f"未知的办理结果：{outcome}")
    with _acting(application, action, actor, on=on) as act:
        app = act.app
        act.move()
        if guard is not None:
            guard(app, on)
        app.outcome = outcome
        app.legal_basis = legal_basis or OUTCOME_BASIS.get(outcome, "")
        app.answer_text = answer_text
        app.referral_organ, app.referral_contact = referral_organ, referral_contact
        app.closed_on = on
        if action == "close_fee_unpaid":
            app.fee_notices.filter(status=FeeStatus.NOTIFIED).update(status=FeeStatus.UNPAID)
        # The ledger is read by staff: the outcome's label (Table 3 row), never its key (issue 13 item 11).
        _ledger(app, kind, on, actor, note=str(Outcome(outcome).label) if outcome else "")
        if letter and outcome:
            act.letter(LetterKind.ANSWER, letters.Inputs(issued_on=on))
    return app


def application_answer(*, application: Application, outcome: str, on: dt.date, actor: Actor, legal_basis: str = "",
                       answer_text: str = "", referral_organ: str = "", referral_contact: str = "",
                       letter: bool = True) -> Application:
    """Answer (Art. 36–39): the outcome is a Table 3 leaf row; a referral names the organ (Art. 36(5))."""
    if outcome in (Outcome.NO_CORRECTION, Outcome.FEE_UNPAID):
        raise ValidationError("逾期不补正、逾期未缴费请使用相应的终止操作")
    if not outcome:
        raise ValidationError("请选择办理结果")
    return _close(application, action="answer", outcome=outcome, on=on, actor=actor, legal_basis=legal_basis,
                  answer_text=answer_text, referral_organ=referral_organ, referral_contact=referral_contact,
                  letter=letter)


def _correction_period_over(app: Application, on: dt.date) -> None:
    """逾期不补正 only once the period the notice gave has passed (its last day included)."""
    req = app.clock_events.filter(kind=Kind.CORRECTION_REQUESTED).order_by("-on", "-id").first()
    if req is not None and req.until is not None and on <= req.until:
        raise ValidationError(f"补正期限为{req.until.isoformat()}（含当日），期满后才能按逾期不补正终止办理")


def _payment_window_over(app: Application, on: dt.date) -> None:
    """逾期未缴费 only after every open notice's 20-workday window (109号), counted on the real calendar.

    A window that falls in a year without calendar data is only provisional (it may end later), so the
    case cannot be closed for non-payment until the notice is imported: the applicant keeps every day.
    """
    cal = get_calendar()
    for notice in app.fee_notices.filter(status=FeeStatus.NOTIFIED):
        end, provisional = deadlines.fee_payment_deadline(notice.received_on, cal)
        if provisional:
            raise ValidationError(f"缴费期限暂估为{end.isoformat()}（节假日安排尚未录入），为免早于实际期限终止，"
                                  "请录入节假日安排后再按逾期未缴费终止办理")
        if on <= end:
            raise ValidationError(f"缴费期限为{end.isoformat()}（含当日），期满后才能按逾期未缴费终止办理")


def application_close_no_correction(*, application: Application, on: dt.date, actor: Actor) -> Application:
    """No correction within the period: deemed abandoned, row （六）1 (only after the period, Art. 30)."""
    return _close(application, action="close_no_correction", outcome=Outcome.NO_CORRECTION, on=on, actor=actor,
                  kind=Kind.CLOSED, guard=_correction_period_over)


def application_close_fee_unpaid(*, application: Application, on: dt.date, actor: Actor) -> Application:
    """Fee not paid within the window: deemed abandoned, row （六）2 (only after the window, 109号)."""
    return _close(application, action="close_fee_unpaid", outcome=Outcome.FEE_UNPAID, on=on, actor=actor,
                  kind=Kind.CLOSED, guard=_payment_window_over)


def application_withdraw(*, application: Application, on: dt.date, reason: str, actor: Actor) -> Application:
    """The applicant withdrew; the case counts under （六）3.其他 with the reason recorded."""
    return _close(application, action="withdraw", outcome=Outcome.OTHER, on=on, actor=actor,
                  answer_text=f"申请人撤回申请。{reason}", kind=Kind.WITHDRAWN, letter=False)


# ---------------------------------------------------------------- letters

def _letter_text(app: Application, kind: str, inputs: letters.Inputs) -> tuple[str, str, str]:
    """(title, text, note): the agency's template, or the default when the stored template is unusable.

    A stored template can fail here only if it bypassed ``letter_template_save`` (written before the
    check existed, or straight into the database); the applicant then gets the default wording, never
    a broken letter, and ``note`` records why for the action's event. ``LetterValueMissing`` (a
    ``ValidationError``) is not caught: a case lacking a required value gets no letter with a hole.
    """
    tpl = LetterTemplate.objects.filter(agency_id=app.agency_id, kind=kind).first()
    if tpl is not None:
        try:
            title, text = letters.render(kind, app=app, inputs=inputs, title=tpl.title, body=tpl.body)
            return title, text, ""
        except letters.TemplateProblem as exc:
            logger.warning("letter template %s (agency %s, kind %s) unusable, default used: %s",
                           tpl.pk, app.agency_id, kind, exc)
            note = f"本机关的“{letters.KIND_LABELS[kind]}”模板无法使用（{exc}），已改用默认模板出具。"
    else:
        note = ""
    try:
        title, text = letters.render(kind, app=app, inputs=inputs)
    except letters.TemplateProblem as exc:  # a defect of a shipped default; tests/security prevents it
        logger.error("default letter template %s unusable: %s", kind, exc)
        label = letters.KIND_LABELS[kind]
        raise ValidationError(f"默认的“{label}”模板出错，暂时无法出具，请联系平台管理员。") from None
    return title, text, note[:500]


def letter_files_build(*, letter: Letter) -> bool:
    """Build a decided letter's DOCX and PDF if they are missing; True when the files exist afterwards.

    Runs after the deciding transaction has committed (and again from the case page or on the first
    download when that failed), so the ~0.4 s of rendering holds no row lock. The files are derived
    from the stored title and text, so this appends no event; a concurrent second build loses the
    race quietly (the first writer's files are kept).
    """
    letter = Letter.objects.select_related("application__agency").get(pk=letter.pk)
    if letter.docx and letter.pdf:
        return True
    app = letter.application
    try:
        docx, pdf = letters.build(letter.title, letter.body, app=app, issued_on=letter.issued_on)
    except Exception:  # any renderer failure: the letter stays decided, its files can be retried
        logger.exception("letter %s: building DOCX/PDF failed", letter.pk)
        return False
    stem = f"{app.number or app.pk}-{letter.kind}-{letter.pk}"
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if not (locked.docx and locked.pdf):
            locked.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
            locked.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            locked.save(update_fields=["docx", "pdf"])
    return True


def _build_after_commit(letter_id: int) -> None:
    build_letter_files.delay(letter_id)


def _regeneration_inputs(app: Application, old: Letter, on: dt.date) -> letters.Inputs:
    """The figures of the action that issued ``old``, read back from the ledger (which is append-only).

    The remedy clause keeps the law of the original decision's day (``decided_on``).
    """
    base = letters.Inputs(issued_on=on, decided_on=old.issued_on)
    events_of = app.clock_events.order_by("on", "id")
    if old.kind == LetterKind.ANSWER:
        return base
    if old.kind == LetterKind.CORRECTION:
        ev = events_of.filter(kind=Kind.CORRECTION_REQUESTED).first()
        if ev is not None:
            return replace(base, until=ev.until, note=ev.note)
    elif old.kind == LetterKind.EXTENSION:
        ev = events_of.filter(kind=Kind.EXTENSION_APPROVED).first()
        if ev is not None:
            return replace(base, days=ev.days, note=ev.note)
    elif old.kind == LetterKind.CONSULTATION:
        opened = events_of.filter(kind=Kind.CONSULTATION_OPENED, party="third_party")
        ev = opened.filter(on=old.issued_on).first() or opened.first()
        if ev is not None:
            return replace(base, party_name=ev.note)
    elif old.kind == LetterKind.FEE:
        notices = app.fee_notices.order_by("id")
        notice = notices.filter(sent_on=old.issued_on).first() or notices.last()
        if notice is not None:
            return replace(base, fee=notice)
    raise ValidationError("找不到该文书对应的办理记录，无法重新生成。")


def letter_regenerate(*, letter: Letter, on: dt.date, reason: str, actor: Actor) -> Letter:
    """Issue a corrected version of ``letter`` from today's wording, keeping the old version unchanged.

    For letters issued before a fix (one that read "于None前", or the old remedy wording): the text is
    rendered again with the agency's current template from the same ledger facts; the new row points
    to the old one (``supersedes``), the old row and its files stay as they were delivered, and the
    public status page shows the newest version. One event records both texts.
    """
    _require(actor, letter.application.agency, *ACTING)
    reason = reason.strip()
    if not reason:
        raise ValidationError("请说明重新生成的原因")
    with transaction.atomic():
        app = Application.objects.select_for_update().select_related("agency").get(pk=letter.application_id)
        old = Letter.objects.select_for_update().get(pk=letter.pk, application=app)
        if Letter.objects.filter(supersedes=old).exists():
            raise ValidationError("该文书已有更正版本，请对最新版本操作")
        if on < old.issued_on:
            raise ValidationError("重新生成的日期不能早于原文书的出具日期")
        title, text, note = _letter_text(app, old.kind, _regeneration_inputs(app, old, on))
        new = Letter.objects.create(application=app, kind=old.kind, title=title, body=text, issued_on=on,
                                    supersedes=old, regenerated_reason=reason[:300])
        events.record(action="application.letter_regenerated", obj=app, actor=actor, agency=app.agency,
                      before={"letter": old.pk, "body": old.body},
                      after={"letter": new.pk, "body": text, "reason": reason}, note=note)
        pk = new.pk
        transaction.on_commit(lambda: _build_after_commit(pk), robust=True)
    return new


def letter_deliver(*, letter: Letter, way: str, on: dt.date, proof: str, actor: Actor) -> Letter:
    """Record how and when a letter reached the applicant, with the proof (e.g. a tracking number)."""
    _require(actor, letter.application.agency, *ACTING)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)
        before = events.snapshot(letter, fields=["delivery_way", "delivered_on", "delivery_proof"])
        letter.delivery_way, letter.delivered_on, letter.delivery_proof = way[:40], on, proof[:200]
        letter.save()
        events.record(action="application.letter_delivered", obj=letter, actor=actor,
                      agency=letter.application.agency, before=before,
                      after=events.snapshot(letter, fields=["delivery_way", "delivered_on", "delivery_proof"]))
    return letter


def letter_template_save(*, agency: Agency, kind: str, title: str, body: str, actor: Actor) -> LetterTemplate:
    """Save an agency's wording of a letter, only if ``letters.check`` accepts it.

    The check test-renders the template for every outcome (and both fee methods) over sample values,
    so a template that refers to anything outside the placeholder dictionary, or fails in some
    branch, is refused here with its Chinese reasons instead of failing when a letter is issued.
    """
    _require(actor, agency, Role.ADMIN, Role.OFFICE_HEAD)
    if kind not in LetterKind.values:
        raise ValidationError("未知的文书类型")
    title = title.strip()
    if not title:
        raise ValidationError("标题不能为空")
    problems = letters.check(kind, body)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        tpl, created = LetterTemplate.objects.get_or_create(agency=agency, kind=kind,
                                                            defaults={"title": title, "body": body})
        before = None if created else {"title": tpl.title, "body": tpl.body}
        tpl.title, tpl.body = title, body
        tpl.save()
        events.record(action="application.letter_template_saved", obj=tpl, actor=actor, agency=agency,
                      before=before, after={"title": title, "body": body})
    return tpl


# ---------------------------------------------------------------- recomputation

def recompute_open(*, agency_ids: list[int] | None = None, batch: int = 2000) -> int:
    """Recompute the stored due date of every open application (after a calendar change).

    The due date is an indexed copy of a pure function of the ledger, so this is not a domain
    write and appends no event; it reads the ledger in bulk and writes one UPDATE per new value.
    """
    cal = get_calendar()
    qs = Application.objects.filter(status__in=OPEN_STATUSES)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    ids = list(qs.values_list("id", flat=True).order_by("id"))
    pauses = dict(Agency.objects.values_list("id", "fee_pauses_clock"))
    # compute_due is pure: cases with the same ledger (most open cases: received on a day, nothing else yet)
    # and the same fee rule share one result, computed once per run.
    results: dict[tuple[tuple[Entry, ...], bool], deadlines.DueResult] = {}
    pay_by_of: dict[dt.date, dt.date] = {}
    changed = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        ledger: dict[int, list[Entry]] = {i: [] for i in chunk}
        for row in ClockEvent.objects.filter(application_id__in=chunk).order_by("on", "id").values_list(
                "application_id", "kind", "on", "days", "ref", "party", "until"):
            ledger[row[0]].append(Entry(*row[1:]))
        current = Application.objects.filter(id__in=chunk).values_list("id", "agency_id", "due_on", "due_error",
                                                                       "due_provisional")
        groups: dict[tuple[dt.date | None, str, bool], list[int]] = defaultdict(list)
        for pk, agency_id, due_on, due_error, provisional in current:
            key = (tuple(ledger[pk]), pauses.get(agency_id, True))
            res = results.get(key)
            if res is None:
                res = results[key] = deadlines.compute_due(ledger[pk], cal, fee_pauses_clock=key[1])
            err = res.error[:300]
            if due_on != res.due or due_error != err or provisional != res.provisional:
                groups[(res.due, err, res.provisional)].append(pk)
        # one UPDATE per distinct new value (few hundred dates) instead of a per-row CASE
        with transaction.atomic():
            for (due, err, prov), pks in groups.items():
                Application.objects.filter(pk__in=pks).update(due_on=due, due_error=err, due_provisional=prov)
            # the stored last day to pay of notices still open (a provisional one becomes real on import)
            for notice in FeeNotice.objects.filter(application_id__in=chunk, status=FeeStatus.NOTIFIED):
                if notice.received_on not in pay_by_of:
                    pay_by_of[notice.received_on] = deadlines.fee_payment_deadline(notice.received_on, cal)[0]
                pay_by = pay_by_of[notice.received_on]
                if notice.pay_by != pay_by:
                    FeeNotice.objects.filter(pk=notice.pk).update(pay_by=pay_by)
        changed += sum(len(p) for p in groups.values())
    return changed
