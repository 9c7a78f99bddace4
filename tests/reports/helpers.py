"""Ledger rows for report tests, written straight to the models (the apps' own tests cover their services)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from gongkai.agencies.models import Agency


def application(agency: Agency, *, received: dt.date, applicant_type: str = "natural_person",
                outcome: str = "", closed: dt.date | None = None) -> Any:
    from gongkai.applications.models import Application
    from gongkai.applications.workflow import Status

    status = Status.PROCESSING if closed is None else (Status.ANSWERED if outcome else Status.WITHDRAWN)
    return Application.objects.create(
        agency=agency, applicant_type=applicant_type, applicant_name="申请人", info_name="某信息",
        submitted_at=timezone.make_aware(dt.datetime.combine(received, dt.time(10)), timezone.get_current_timezone()),
        received_on=received, status=status, outcome=outcome, closed_on=closed,
    )


def appeal(agency: Agency, *, kind: str, filed: dt.date, outcome: str = "pending",
           decided: dt.date | None = None) -> Any:
    from gongkai.appeals.models import AppealCase

    return AppealCase.objects.create(agency=agency, kind=kind, appellant="某甲", subject="答复", filed_on=filed,
                                     decided_on=decided, outcome=outcome)


def ledger(agency: Agency, year: int = 2025) -> None:
    """A small, consistent year: 2 carried in, 6 new, 5 closed, 3 carried forward; 2 appeals."""
    d = dt.date
    application(agency, received=d(year - 1, 12, 20), closed=d(year, 1, 10), outcome="granted")
    application(agency, received=d(year - 1, 12, 28), applicant_type="commercial")  # still open
    application(agency, received=d(year, 2, 1), closed=d(year, 2, 20), outcome="granted")
    application(agency, received=d(year, 3, 1), closed=d(year, 3, 25), outcome="partial",
                applicant_type="legal_service")
    application(agency, received=d(year, 4, 1), closed=d(year, 4, 20), outcome="denied.third_party")
    application(agency, received=d(year, 5, 1), closed=d(year, 5, 20), outcome="other.no_correction",
                applicant_type="research")
    application(agency, received=d(year, 12, 20))
    application(agency, received=d(year, 12, 30), applicant_type="commercial")
    appeal(agency, kind="review", filed=d(year, 6, 1), outcome="upheld", decided=d(year, 8, 1))
    appeal(agency, kind="litigation_direct", filed=d(year, 9, 1))
