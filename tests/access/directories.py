"""Standard-directory objects for the cross-agency walker."""

from __future__ import annotations

from typing import Any

PUBLIC_PATHS: list[str] = ["/directory/"]


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.directories import services

    rows, source = services.standard_rows("social_assistance")
    items = services.directory_import(agency=agency, domain="social_assistance", rows=rows, source=source,
                                      actor=user)
    return {"agency_id": agency.pk, "item_id": items[0].pk}
