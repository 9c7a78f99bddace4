"""Appeals objects for the cross-agency walker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import MARKER

PUBLIC_PATHS: list[str] = []


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.appeals import services

    case = services.appeal_create(agency=agency, data={
        "kind": "review", "appellant": f"复议申请人{MARKER}", "subject": f"不服答复{MARKER}",
        "filed_on": dt.date(2026, 4, 1)}, actor=user)
    return {"appeal_id": case.pk}
