"""At-most-once side effects of background tasks: a claim ledger keyed by what the effect is.

Celery runs tasks with late acknowledgement (settings ``CELERY_TASK_ACKS_LATE``): a task whose worker
died is delivered again, so a task can run twice. Re-indexing is harmless twice; a notice mailed twice
is not. Such a task calls ``claim(key)`` just before the effect and skips it when the key was already
claimed — by an earlier run or a concurrent duplicate (the primary key decides, in one INSERT). A worker
killed between the claim and the effect loses that one effect rather than repeating it.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from gongkai.core import clock
from gongkai.core.models import TaskClaim


def claim(key: str) -> bool:
    """True if this call is the first to claim ``key`` (then do the effect), False if it was claimed."""
    try:
        with transaction.atomic():
            TaskClaim.objects.create(key=key, claimed_at=clock.now())
    except IntegrityError:
        return False
    return True


def prune(*, before: dt.datetime) -> int:
    """Forget claims older than ``before`` (their effects can no longer be repeated by a redelivery)."""
    deleted, _ = TaskClaim.objects.filter(claimed_at__lt=before).delete()
    return deleted
