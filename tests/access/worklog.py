"""Work-ledger objects for the cross-agency walker."""

from __future__ import annotations

from typing import Any

from tests.access import MARKER

PUBLIC_PATHS: list[str] = []


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.worklog import services

    entry = services.entry_create(agency=agency, data={"year": 2026, "kind": "hotline", "title": MARKER,
                                                        "quantity": 3, "secondary": 2}, actor=user)
    return {"entry_id": entry.pk, "agency_id": agency.pk}
