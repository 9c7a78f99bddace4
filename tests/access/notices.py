"""Notices objects for the cross-agency walker (one planned e-mail notice of a case)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import MARKER


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.applications import services
    from gongkai.core.models import Event
    from gongkai.notices.services import notices_plan

    app = services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": f"通知{MARKER}", "phone": "13900002222",
        "email": "applicant@example.org", "info_name": f"通知信息{MARKER}"}, channel="in_person",
        received_on=dt.date(2026, 3, 2), actor=user)
    event = Event.objects.get(action="application.submitted", object_id=str(app.pk))
    return {"notice_id": notices_plan(event=event)[0].pk}
