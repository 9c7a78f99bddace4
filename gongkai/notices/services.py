"""Planning and sending notices: one row per send (``Notice``), idempotent by key, retried, never duplicated.

``notices_plan(event)`` turns a committed case event into ``Notice`` rows for the channels the applicant
consented to (``Consent``; without a row: e-mail yes when an address was given, SMS no). The key is
``e<event id>:<channel>:<recipient>``, so planning the same event again finds the rows. ``notice_deliver``
claims a row (pending → sending, in its own transaction), sends outside any transaction, and records
the result: sent; or back to pending with the next attempt time when the provider failed transiently
(``BACKOFF``), failed after ``MAX_ATTEMPTS`` or at once on a permanent error. A row is never sent twice:
only the transaction that moved it to sending sends it; a worker lost mid-send leaves it "sending"
for a person to check (the provider receives our key as its reference). SMS is held in quiet hours
(``quiet_until``; default 22:00–08:00 Asia/Shanghai) and sent by ``send_due`` when they end.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string

from gongkai.agencies.access import has_role
from gongkai.agencies.models import Membership, Role
from gongkai.applications.models import Application
from gongkai.core import clock, events
from gongkai.core.actors import Actor
from gongkai.core.models import Event
from gongkai.notices import sms
from gongkai.notices.kinds import BY_EVENT, BY_KEY, Kind
from gongkai.notices.models import Channel, Consent, Notice, State

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
BACKOFF = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30), dt.timedelta(hours=2))
SHANGHAI = ZoneInfo("Asia/Shanghai")


def quiet_hours() -> tuple[int, int]:
    raw = str(getattr(settings, "GONGKAI_SMS_QUIET_HOURS", "22-8"))
    start, _dash, end = raw.partition("-")
    return int(start), int(end or 0)


def quiet_until(now: dt.datetime, hours: tuple[int, int] | None = None) -> dt.datetime | None:
    """When an SMS at ``now`` may go out: None if now is outside quiet hours, else the end of them (aware)."""
    start, end = hours or quiet_hours()
    if start == end:
        return None
    local = now.astimezone(SHANGHAI)
    h = local.hour
    inside = (start <= h or h < end) if start > end else (start <= h < end)
    if not inside:
        return None
    day = local.date() if h < end else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(end), tzinfo=SHANGHAI)


def consent_record(*, application: Application, email: bool, sms: bool, actor: Actor) -> Consent:
    """Record the applicant's choice of notice channels (at intake), with one event."""
    with transaction.atomic():
        row, _created = Consent.objects.update_or_create(application=application,
                                                         defaults={"email": email, "sms": sms})
        events.record(action="notice.consent_recorded", obj=application, actor=actor, agency=application.agency,
                      after={"email": email, "sms": sms})
    return row


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _context(app: Application, event: Event | None) -> dict[str, str]:
    after = (event.after or {}) if event is not None else {}
    due = _cn(app.due_on) if app.due_on else "（暂无法计算）"
    received = _cn(app.received_on) if app.received_on else ""
    return {"name": app.applicant_name, "code": app.tracking_code, "number": app.number, "agency": app.agency.name,
            "info": app.info_name[:60], "received": received, "due": due, "status": str(app.get_status_display()),
            "outcome": app.outcome_label, "until": str(after.get("until", "") or ""),
            "days": str(after.get("days", "") or ""), "amount": str(after.get("amount", "") or "")}


def _render(kind: Kind, channel: str, ctx: dict[str, str]) -> tuple[str, str]:
    if channel == Channel.SMS:
        return "", render_to_string(f"notices/{kind.key}.sms.txt", ctx).strip()
    text = render_to_string(f"notices/{kind.key}.txt", ctx).strip()
    subject, _nl, body = text.partition("\n")
    return subject.strip()[:200], body.strip()


def _create(*, key: str, kind: Kind, channel: str, app: Application, recipient: str, ctx: dict[str, str],
            event: Event | None = None, user_id: int | None = None) -> Notice:
    subject, body = _render(kind, channel, ctx)
    notice, _created = Notice.objects.get_or_create(key=key, defaults={
        "kind": kind.key, "channel": channel, "application": app, "agency_id": app.agency_id,
        "event_id": event.pk if event else None, "recipient": recipient, "to_user_id": user_id, "subject": subject,
        "body": body, "params": {k: v for k, v in ctx.items() if k in ("code", "agency", "due", "received")},
        "next_attempt_at": None})
    return notice


def notices_plan(*, event: Event) -> list[Notice]:
    """The notices a committed case event sends to the applicant (idempotent: the same rows every time)."""
    kind = BY_EVENT.get(event.action)
    if kind is None or event.object_type != "applications.application":
        return []
    app = Application.objects.select_related("agency").filter(pk=int(event.object_id)).first()
    if app is None:
        return []
    if kind.to_staff:  # routed: the receiving agency's clerks and office heads, by e-mail
        ctx = _context(app, event)
        with transaction.atomic():
            return [_create(key=f"e{event.pk}:email:u{uid}", kind=kind, channel=Channel.EMAIL, app=app,
                            recipient=addr, ctx=ctx, event=event, user_id=uid)
                    for uid, addr in _staff(app.agency_id)]
    consent = Consent.objects.filter(application=app).first()
    want_email = bool(app.email) and (consent.email if consent else True)
    want_sms = bool(app.phone) and (consent.sms if consent else False)
    ctx = _context(app, event)
    out = []
    with transaction.atomic():
        if want_email:
            out.append(_create(key=f"e{event.pk}:email:applicant", kind=kind, channel=Channel.EMAIL, app=app,
                               recipient=app.email, ctx=ctx, event=event))
        if want_sms:
            out.append(_create(key=f"e{event.pk}:sms:applicant", kind=kind, channel=Channel.SMS, app=app,
                               recipient=app.phone, ctx=ctx, event=event))
    return out


def _staff_rows(agency_id: int | None = None) -> list[tuple[int, int, str]]:
    """(agency id, user id, e-mail) of the clerks and office heads who have an address."""
    qs = Membership.objects.filter(role__in=[Role.CLERK, Role.OFFICE_HEAD]).exclude(user__email="")
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    return list(qs.values_list("agency_id", "user_id", "user__email"))


def _staff(agency_id: int) -> list[tuple[int, str]]:
    return sorted({(uid, addr) for _a, uid, addr in _staff_rows(agency_id)})


def overdue_plan(*, today: dt.date) -> list[Notice]:
    """One overdue warning per open overdue case, due date and staff member (clerks and office heads, e-mail)."""
    from gongkai.applications.workflow import OPEN_STATUSES

    kind = BY_KEY["overdue"]
    out: list[Notice] = []
    cases = Application.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today).select_related("agency")
    staff: dict[int, list[tuple[int, str]]] = {}
    for agency_id, uid, addr in _staff_rows():
        staff.setdefault(agency_id, []).append((uid, addr))
    for app in cases:
        ctx = _context(app, None)
        for uid, addr in sorted(set(staff.get(app.agency_id, []))):
            with transaction.atomic():
                out.append(_create(key=f"overdue:{app.pk}:{app.due_on}:email:u{uid}", kind=kind,
                                   channel=Channel.EMAIL, app=app, recipient=addr, ctx=ctx, user_id=uid))
    return out


def _claim(notice_id: int, now: dt.datetime) -> Notice | None:
    with transaction.atomic():
        n = Notice.objects.select_for_update().filter(pk=notice_id).first()
        if n is None or n.state != State.PENDING:
            return None
        if n.next_attempt_at and n.next_attempt_at > now:
            return None
        if n.channel == Channel.SMS:
            held = quiet_until(now)
            if held is not None:
                n.next_attempt_at = held
                n.save(update_fields=["next_attempt_at"])
                return None
        n.state, n.attempts = State.SENDING, n.attempts + 1
        n.save(update_fields=["state", "attempts"])
    return n


def _send(n: Notice) -> str:
    if n.channel == Channel.EMAIL:
        msg = EmailMessage(n.subject, n.body, settings.DEFAULT_FROM_EMAIL, [n.recipient])
        msg.extra_headers["X-Gongkai-Notice"] = n.key
        msg.send(fail_silently=False)
        return ""
    return sms.get_provider().send(sms.SmsMessage(phone=n.recipient, kind=n.kind, text=n.body,
                                                  params=dict(n.params), ref=n.key))


def notice_deliver(*, notice_id: int, now: dt.datetime | None = None) -> Notice | None:
    """Try to send one pending notice now; returns the row as left (None when it was not ours to send)."""
    now = now or clock.now()
    n = _claim(notice_id, now)
    if n is None:
        return None
    try:
        ref = _send(n)
    except Exception as exc:  # any provider or SMTP failure is recorded on the row, never lost
        transient = getattr(exc, "transient", True)
        n.last_error = f"{type(exc).__name__}: {exc}"[:300]
        if transient and n.attempts < MAX_ATTEMPTS:
            n.state = State.PENDING
            n.next_attempt_at = now + BACKOFF[min(n.attempts, len(BACKOFF)) - 1]
        else:
            n.state, n.next_attempt_at = State.FAILED, None
        logger.warning("notice %s attempt %s failed: %s", n.key, n.attempts, n.last_error)
    else:
        n.state, n.sent_at, n.provider_ref, n.last_error = State.SENT, now, ref[:100], ""
        n.next_attempt_at = None
    n.save(update_fields=["state", "sent_at", "provider_ref", "last_error", "next_attempt_at"])
    return n


def send_due(*, now: dt.datetime | None = None) -> int:
    """Send every pending notice whose time has come (retries and SMS held over quiet hours)."""
    now = now or clock.now()
    ids = list(Notice.objects.filter(state=State.PENDING).exclude(next_attempt_at__gt=now)
               .order_by("id").values_list("id", flat=True)[:1000])
    return sum(1 for pk in ids if (n := notice_deliver(notice_id=pk, now=now)) and n.state == State.SENT)


def notice_retry(*, notice: Notice, actor: Actor) -> Notice:
    """A person sends a failed (or stuck) notice again: back to pending with fresh attempts; one event."""
    app = notice.application
    if not has_role(actor, app.agency, Role.CLERK, Role.OFFICE_HEAD, Role.ADMIN):
        raise PermissionDenied("missing role")
    with transaction.atomic():
        n = Notice.objects.select_for_update().get(pk=notice.pk)
        if n.state not in (State.FAILED, State.SENDING):
            return n
        before = {"state": n.state, "attempts": n.attempts}
        n.state, n.attempts, n.next_attempt_at = State.PENDING, 0, None
        n.save(update_fields=["state", "attempts", "next_attempt_at"])
        events.record(action="notice.retried", obj=app, actor=actor, agency=app.agency, before=before,
                      after={"notice": n.pk, "state": n.state})
    return n
