"""Agency objects for the cross-agency walker."""

from __future__ import annotations

from typing import Any

PUBLIC_PATHS: list[str] = []


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.agencies.models import Membership

    return {"agency_id": agency.pk, "membership_id": Membership.objects.filter(agency=agency).first().pk}
