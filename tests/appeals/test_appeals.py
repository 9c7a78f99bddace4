"""Appeals ledger: validation, Table 4 counts by year, and the staff pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gongkai.appeals import services
from gongkai.appeals.models import AppealCase
from gongkai.appeals.selectors import table4_counts
from gongkai.applications import services as app_services
from gongkai.core.actors import SYSTEM
from tests.conftest import member

D = dt.date
pytestmark = pytest.mark.django_db


def case(agency: Any, kind: str, filed: dt.date, decided: dt.date | None = None, outcome: str = "pending",
         **kw: Any) -> AppealCase:
    return services.appeal_create(agency=agency, data={"kind": kind, "appellant": "甲", "subject": "不服答复",
                                                       "filed_on": filed, "decided_on": decided, "outcome": outcome,
                                                       **kw}, actor=SYSTEM)


def test_table4_counts(agency: Any, other_agency: Any) -> None:
    case(agency, "review", D(2026, 2, 1), D(2026, 4, 1), "upheld")
    case(agency, "review", D(2026, 3, 1), D(2026, 5, 1), "corrected")
    case(agency, "review", D(2026, 10, 1))
    case(agency, "litigation_direct", D(2025, 11, 1), D(2026, 1, 20), "other")
    case(agency, "litigation_after_review", D(2026, 6, 1), D(2027, 2, 1), "upheld")  # pending at 2026 year end
    case(agency, "review", D(2025, 1, 1), D(2025, 3, 1), "upheld")  # a 2025 case
    case(other_agency, "review", D(2026, 2, 1), D(2026, 4, 1), "upheld")
    t = table4_counts([agency.pk], 2026)
    assert (t["review.upheld"], t["review.corrected"], t["review.other"], t["review.pending"], t["review.total"]) == (
        1, 1, 0, 1, 3)
    assert t["litigation_direct.other"] == 1 and t["litigation_direct.total"] == 1
    assert t["litigation_after_review.pending"] == 1 and t["litigation_after_review.upheld"] == 0
    assert table4_counts([agency.pk], 2025)["review.total"] == 1
    assert table4_counts([agency.pk], 2025)["litigation_direct.pending"] == 1
    assert set(t) == {f"{k}.{o}" for k in ("review", "litigation_direct", "litigation_after_review")
                      for o in ("upheld", "corrected", "other", "pending", "total")}


def test_validation(agency: Any, other_agency: Any) -> None:
    with pytest.raises(ValidationError):
        case(agency, "review", D(2026, 2, 1), None, "upheld")
    with pytest.raises(ValidationError):
        case(agency, "review", D(2026, 2, 1), D(2026, 1, 1), "upheld")
    foreign = app_services.application_submit(agency=other_agency, data={"applicant_name": "x", "info_name": "y"},
                                              channel="in_person", received_on=D(2026, 3, 2))
    with pytest.raises(ValidationError):
        case(agency, "review", D(2026, 4, 1), application=foreign)


def test_pages(client: Any, agency: Any) -> None:
    user = member(agency)
    client.force_login(user)
    r = client.post("/staff/appeals/new/", {"agency": agency.pk, "kind": "litigation_direct", "appellant": "乙",
                                            "subject": "不服不予公开答复", "filed_on": "2026-05-06",
                                            "outcome": "pending"})
    assert r.status_code == 302, r.content.decode()[:2000]
    c = AppealCase.objects.get()
    r = client.post(f"/staff/appeals/{c.pk}/edit/", {"kind": "litigation_direct", "appellant": "乙", "subject": "x",
                                                     "filed_on": "2026-05-06", "decided_on": "2026-09-01",
                                                     "outcome": "corrected"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.outcome == "corrected"
    assert "结果纠正" in client.get("/staff/appeals/").content.decode()
