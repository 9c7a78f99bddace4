"""App configuration for ``gongkai.notices``: plans notices when a case event is committed.

Notices follow the event log instead of being called by the applications' services: every step of a
case already appends one ``core`` event, so a receiver on ``Event`` creation queues ``plan_notices``
after commit for the event keys in ``kinds.BY_EVENT``. Applications import nothing from here; the
case page shows the sends through the ``gongkai_notices`` template tag (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


def _on_event(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    from gongkai.notices.kinds import BY_EVENT
    from gongkai.notices.tasks import plan_notices

    if created and instance.action in BY_EVENT:
        pk = instance.pk
        transaction.on_commit(lambda: plan_notices.delay(pk), robust=True)


class NoticesConfig(AppConfig):
    name = "gongkai.notices"
    label = "notices"
    verbose_name = "通知"

    def ready(self) -> None:
        from gongkai.core import eventlabels
        from gongkai.core.models import Event

        eventlabels.register({"notice.retried": "重新发送通知", "notice.consent_recorded": "登记通知同意"})
        post_save.connect(_on_event, sender=Event, dispatch_uid="gongkai.notices.plan")
