"""Applications objects for the cross-agency walker (one case with a letter and a fee notice)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import MARKER

PUBLIC_PATHS: list[str] = ["/api/fees/quote", "/api/applications/submit", "/api/applications/status"]


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.applications import services

    app = services.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": f"申请人{MARKER}", "id_number": "110101199001011234",
        "phone": "13900001111", "info_name": f"信息{MARKER}"}, channel="in_person",
        submitted_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), received_on=dt.date(2026, 3, 2), actor=user)
    services.correction_request(application=app, on=dt.date(2026, 3, 3), until=dt.date(2026, 3, 20),
                                note=MARKER, actor=user)
    letter = app.letters.get()
    return {"application_id": app.pk, "letter_id": letter.pk, "fmt": "pdf", "action": "receive_correction"}
