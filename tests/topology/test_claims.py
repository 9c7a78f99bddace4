"""At-most-once side effects (core.claims) and the due reminder that relies on them (no topology needed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.agencies.models import Role
from gongkai.applications import services
from gongkai.applications.tasks import send_due_reminders
from gongkai.core import claims
from gongkai.core.models import TaskClaim
from tests.conftest import member


def test_claim_is_granted_once(db: Any) -> None:
    assert claims.claim("k:1") is True
    assert claims.claim("k:1") is False
    assert claims.claim("k:2") is True
    assert TaskClaim.objects.count() == 2


def test_prune_forgets_old_claims(db: Any) -> None:
    claims.claim("old")
    TaskClaim.objects.filter(key="old").update(claimed_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    claims.claim("new")
    assert claims.prune(before=dt.datetime(2021, 1, 1, tzinfo=dt.UTC)) == 1
    assert list(TaskClaim.objects.values_list("key", flat=True)) == ["new"]


def test_due_reminder_runs_twice_mails_once_per_day(agency: Any, mailoutbox: Any) -> None:
    # A redelivered task (worker killed after mailing) or a second beat tick on the same day mails no one
    # twice; the next day is a new reminder.
    for i in range(2):
        user = member(agency, Role.CLERK, username=f"clerk{i}")
        user.email = f"clerk{i}@example.org"
        user.save()
    services.application_submit(agency=agency, data={"applicant_name": "孙八", "phone": "1", "info_name": "y"},
                                channel="in_person", received_on=dt.date(2026, 3, 2))
    assert send_due_reminders.delay("2026-04-01").get() == 2
    assert send_due_reminders.delay("2026-04-01").get() == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["clerk0@example.org", "clerk1@example.org"]
    assert send_due_reminders.delay("2026-04-02").get() == 2
    assert len(mailoutbox) == 4
