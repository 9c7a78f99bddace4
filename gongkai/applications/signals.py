"""Receivers: when the statutory calendar changes, every open application's due date is recomputed."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from gongkai.workdays.signals import calendar_changed


@receiver(calendar_changed)
def _on_calendar_changed(sender: Any, years: list[int] | None = None, **kwargs: Any) -> None:
    from gongkai.applications.tasks import recompute_due_dates

    recompute_due_dates.delay()
