"""Celery tasks of notices: plan after an event commits, send each notice, release held and retried ones.

In-process (no broker) they run eagerly; a deployment with a worker adds ``send-due-notices`` to the
beat schedule (or runs ``gongkai notices send-due`` from cron) so retries and quiet-hour SMS go out.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task


@shared_task
def plan_notices(event_id: int) -> int:
    from gongkai.core.models import Event
    from gongkai.notices.services import notices_plan

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    planned = notices_plan(event=event)
    for n in planned:
        deliver_notice.delay(n.pk)
    return len(planned)


@shared_task
def deliver_notice(notice_id: int) -> str:
    from gongkai.notices.services import notice_deliver

    n = notice_deliver(notice_id=notice_id)
    return n.state if n is not None else ""


@shared_task
def send_due_notices() -> int:
    from gongkai.notices.services import send_due

    return send_due()


@shared_task
def warn_overdue(today_iso: str | None = None) -> int:
    from gongkai.core import clock
    from gongkai.notices.services import overdue_plan

    today = dt.date.fromisoformat(today_iso) if today_iso else clock.today()
    planned = overdue_plan(today=today)
    for n in planned:
        deliver_notice.delay(n.pk)
    return len(planned)
