"""Background tasks of applications: letter files after commit, due dates, reminders of due and overdue cases.

Both run eagerly in-process unless a Celery broker is configured (gongkai.config.celery).
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from gongkai.agencies.models import Role
from gongkai.core import claims, clock


@shared_task
def recompute_due_dates() -> int:
    from gongkai.applications.services import recompute_open

    return recompute_open()


@shared_task
def build_letter_files(letter_id: int) -> bool:
    """Build a decided letter's DOCX and PDF (queued on commit of the action that decided it)."""
    from gongkai.applications.models import Letter
    from gongkai.applications.services import letter_files_build

    letter = Letter.objects.filter(pk=letter_id).first()
    return letter is not None and letter_files_build(letter=letter)


@shared_task
def send_due_reminders(today_iso: str | None = None, within_workdays: int = 3) -> int:
    """E-mail each agency's clerks and office heads their due-soon and overdue open applications, once a day
    each: a user already reminded for ``today`` (by beat firing twice or a redelivered run) is skipped."""
    from gongkai.applications.selectors import due_buckets

    today = dt.date.fromisoformat(today_iso) if today_iso else clock.today()
    sent = 0
    users = get_user_model().objects.filter(
        memberships__role__in=[Role.CLERK, Role.OFFICE_HEAD]).exclude(email="").distinct()
    for user in users:
        agency_ids = list(user.memberships.filter(role__in=[Role.CLERK, Role.OFFICE_HEAD])
                          .values_list("agency_id", flat=True))
        soon, overdue = due_buckets(agency_ids, today=today, within_workdays=within_workdays)
        if not soon and not overdue:
            continue
        # At most once per user and day: beat may fire again, and a redelivered run (worker died) skips
        # everyone already mailed (core.claims).
        if not claims.claim(f"due-reminder:{user.pk}:{today.isoformat()}"):
            continue
        lines = [f"逾期未答复：{a.number} {a.info_name[:40]}（截止{a.due_on}{'，暂估' if a.due_provisional else ''}）"
                 for a in overdue]
        lines += [f"即将到期：{a.number} {a.info_name[:40]}（截止{a.due_on}{'，暂估' if a.due_provisional else ''}）"
                  for a in soon]
        send_mail(f"政府信息公开申请到期提醒（{len(overdue)}件逾期，{len(soon)}件即将到期）", "\n".join(lines),
                  settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent
