"""Supervision objects for the cross-agency walker (a 督办 note on one case of the agency)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import MARKER


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.applications import services
    from gongkai.core.actors import SYSTEM
    from gongkai.supervision.services import note_issue

    app = services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": f"督办{MARKER}", "phone": "13900003333",
        "info_name": f"督办信息{MARKER}"}, channel="in_person", received_on=dt.date(2026, 3, 2), actor=user)
    note = note_issue(application=app, text=f"请按期办理{MARKER}", actor=SYSTEM)
    return {"note_id": note.pk}
