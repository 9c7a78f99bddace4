"""Agency objects for the cross-agency walker."""

from __future__ import annotations

from typing import Any

PUBLIC_PATHS: list[str] = []


def make(agency: Any, user: Any) -> dict[str, object]:
    from gongkai.agencies.models import EnrolmentRequest, Membership, Role
    from gongkai.core import clock
    from tests.conftest import AgencyFactory, member

    # A pending request from an unrelated agency for this agency's user: only this agency's admin decides.
    elsewhere = AgencyFactory()
    req = EnrolmentRequest.objects.create(user=user, agency=elsewhere, role=Role.CLERK,
                                          requested_by=member(elsewhere, Role.ADMIN), requested_at=clock.now())
    return {"agency_id": agency.pk, "membership_id": Membership.objects.filter(agency=agency).first().pk,
            "request_id": req.pk}
