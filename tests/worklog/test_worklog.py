"""Work ledger: validation, services with events, SQL sums per agency and year, staff pages and API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from gongkai.core.models import Event
from gongkai.worklog import selectors, services
from gongkai.worklog.kinds import SPECS, Kind
from gongkai.worklog.models import WorkEntry
from tests.conftest import AgencyFactory, member

pytestmark = pytest.mark.django_db


def _add(agency: Any, user: Any, kind: str, qty: str, **kw: Any) -> WorkEntry:
    data = {"year": 2025, "kind": kind, "title": f"{kind} {qty}", "quantity": Decimal(qty), **kw}
    return services.entry_create(agency=agency, data=data, actor=user)


def test_every_kind_has_a_spec() -> None:
    assert set(SPECS) == set(Kind.values)


def test_sums_group_by_kind_and_keep_absent_kinds_absent(agency: Any) -> None:
    user = member(agency)
    _add(agency, user, Kind.HOTLINE, "75", secondary=75)
    _add(agency, user, Kind.HOTLINE, "40", secondary=38)
    _add(agency, user, Kind.PRESS_CONFERENCE, "6")
    _add(agency, user, Kind.PRESS_CONFERENCE, "2", principal_leader=True)
    _add(agency, user, Kind.TRAINING, "3", secondary=147)
    _add(agency, user, Kind.FUNDS, "12.5")
    _add(agency, user, Kind.STAFF_PARTTIME, "0")
    other_year = services.entry_create(agency=agency, data={"year": 2024, "kind": Kind.HOTLINE, "title": "x",
                                                            "quantity": 9}, actor=user)
    assert other_year.pk
    figs = selectors.work_figures([agency.pk], 2025)
    assert figs["hotline"] == 115 and figs["hotline.secondary"] == 113
    assert figs["press_conference"] == 8 and figs["press_conference.principal"] == 2
    assert figs["training"] == 3 and figs["training.secondary"] == 147
    assert figs["funds"] == Decimal("12.50")
    assert figs["staff_parttime"] == 0  # entered 0 is kept, distinct from absent
    assert "interpretation" not in figs
    assert selectors.completion_rate(figs) == Decimal("98.3")


def test_sums_over_a_set_of_agencies(agency: Any, other_agency: Any) -> None:
    _add(agency, member(agency), Kind.INTERPRETATION, "5")
    _add(other_agency, member(other_agency), Kind.INTERPRETATION, "7")
    assert selectors.work_figures([agency.pk, other_agency.pk], 2025)["interpretation"] == 12
    assert selectors.work_figures([agency.pk], 2025)["interpretation"] == 5


@pytest.mark.parametrize("kw, field", [
    ({"kind": Kind.HOTLINE, "quantity": Decimal(3), "secondary": 4}, "secondary"),
    ({"kind": Kind.INTERPRETATION, "quantity": Decimal("1.5")}, "quantity"),
    ({"kind": Kind.INTERPRETATION, "quantity": Decimal(1), "principal_leader": True}, "principal_leader"),
    ({"kind": Kind.INTERPRETATION, "quantity": Decimal(-1)}, "quantity"),
    ({"kind": Kind.MEETING, "quantity": Decimal(1), "secondary": 5}, "secondary"),
])
def test_invalid_entries_are_refused_and_nothing_written(agency: Any, kw: dict[str, Any], field: str) -> None:
    user = member(agency)
    with pytest.raises(ValidationError) as exc:
        services.entry_create(agency=agency, data={"year": 2025, "title": "bad", **kw}, actor=user)
    assert field in exc.value.message_dict
    assert not WorkEntry.objects.exists()
    assert not Event.objects.filter(action__startswith="worklog.").exists()


def test_each_write_records_one_event(agency: Any) -> None:
    user = member(agency)
    e = _add(agency, user, Kind.MEETING, "1")
    services.entry_update(entry=e, data={"quantity": Decimal(2)}, actor=user)
    services.entry_delete(entry=e, actor=user)
    actions = list(Event.objects.filter(agency=agency).values_list("action", flat=True))
    assert actions == ["worklog.entry_created", "worklog.entry_updated", "worklog.entry_deleted"]


def test_staff_pages_create_edit_delete(client: Any, agency: Any) -> None:
    user = member(agency)
    client.force_login(user)
    resp = client.post(f"/staff/worklog/agency/{agency.pk}/new/", {
        "year": 2025, "kind": "hotline", "title": "12345热线", "quantity": "10", "secondary": "9"})
    assert resp.status_code == 302
    entry = WorkEntry.objects.get()
    page = client.get(f"/staff/worklog/?agency={agency.pk}&year=2025").content.decode()
    assert "12345热线" in page and "90.0%" in page
    resp = client.post(f"/staff/worklog/entry/{entry.pk}/", {
        "year": 2025, "kind": "hotline", "title": "12345热线", "quantity": "10", "secondary": "11"})
    assert resp.status_code == 200 and "办结数不能大于受理数" in resp.content.decode()
    assert client.post(f"/staff/worklog/entry/{entry.pk}/delete/").status_code == 302
    assert not WorkEntry.objects.exists()


def test_reader_without_role_cannot_write(client: Any, agency: Any) -> None:
    from gongkai.agencies.models import Membership, Role

    parent = AgencyFactory()
    agency.parent = parent
    agency.save()
    e = _add(agency, member(agency), Kind.MEETING, "1")
    viewer = member(parent, Role.CLERK)
    Membership.objects.create(user=viewer, agency=parent, role=Role.SUPERIOR_VIEWER)
    client.force_login(viewer)
    assert client.get(f"/staff/worklog/?agency={agency.pk}&year=2025").status_code == 200
    assert client.post(f"/staff/worklog/entry/{e.pk}/delete/").status_code == 403
    assert client.get(f"/staff/worklog/agency/{agency.pk}/new/").status_code == 403


def test_api_figures_scoped(client: Any, agency: Any, other_agency: Any) -> None:
    _add(agency, member(agency), Kind.INTERPRETATION, "5")
    client.force_login(member(other_agency))
    assert client.get(f"/api/worklog/agencies/{agency.pk}/2025/figures").status_code == 404
    client.force_login(member(agency))
    resp = client.get(f"/api/worklog/agencies/{agency.pk}/2025/figures")
    assert resp.status_code == 200 and resp.json() == {"interpretation": "5"}
    assert len(client.get(f"/api/worklog/agencies/{agency.pk}/2025/entries").json()) == 1


def test_demo_is_idempotent() -> None:
    from gongkai.agencies.demo import load_county
    from gongkai.worklog import demo

    county = load_county()
    demo.load(county)
    n = WorkEntry.objects.count()
    demo.load(county)
    assert WorkEntry.objects.count() == n > 0
    figs = selectors.work_figures([county.county.pk], 2025)
    assert figs["hotline"] == 115 and figs["training.secondary"] == 147
