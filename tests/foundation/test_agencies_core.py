"""Agencies (CSV, hierarchy, roles), the event log, health check, demo data and staff calendar pages."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from gongkai.agencies import access, services
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.core import events
from gongkai.core.actors import SYSTEM
from gongkai.core.models import AppendOnlyError, Event
from gongkai.workdays.models import CalendarYear
from tests.conftest import AgencyFactory, UserFactory, member

CSV_TEXT = """code,name,parent_code,level,kind,office_name,phone
014416330,某市人民政府,,city,government,市政府办公室,0571-1
11441700007280420Y,某市教育局,014416330,city,department,办公室,0571-2
620702072,某县三闸镇人民政府,014416331,township,township,党政办,0936-3
014416331,某县人民政府,014416330,county,government,县政府办公室,0936-4
"""


def test_csv_import_export_round_trip(db, tmp_path, capsys):
    f = tmp_path / "a.csv"
    f.write_text(CSV_TEXT, encoding="utf-8")
    call_command("agencies", "import", str(f))
    town = Agency.objects.get(code="620702072")
    assert town.parent.code == "014416331"
    assert town.parent.parent.code == "014416330"
    assert Event.objects.filter(action="agency.created").count() == 4
    capsys.readouterr()
    call_command("agencies", "export")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["code"] for r in rows} == {"014416330", "11441700007280420Y", "620702072", "014416331"}
    assert next(r for r in rows if r["code"] == "620702072")["parent_code"] == "014416331"
    # Import again: nothing changes, no new events.
    call_command("agencies", "import", str(f))
    assert Event.objects.filter(action="agency.updated").count() == 0


def test_csv_import_bad_input_writes_nothing(db, tmp_path):
    bad = CSV_TEXT + "BAD CODE!,坏机关,,county,department,,\n12345,缺上级,NOPE,county,department,,\n"
    f = tmp_path / "bad.csv"
    f.write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("agencies", "import", str(f))
    message = str(exc.value)
    assert "第7行" in message and "NOPE" in message
    assert Agency.objects.count() == 0


def test_csv_import_rejects_invalid_issuer_code(db):
    with pytest.raises(services.AgencyImportError) as exc:
        services.agencies_import_csv(text="code,name,level,kind\nabc,某局,county,department\n", actor=SYSTEM)
    assert "第2行" in str(exc.value)


def test_event_log_is_append_only(agency):
    with transaction.atomic():
        ev = events.record(action="test.done", obj=agency, agency=agency, before={"a": 1}, after={"a": 2})
    with pytest.raises(AppendOnlyError):
        ev.save()
    with pytest.raises(AppendOnlyError):
        ev.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=ev.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert Event.objects.get(pk=ev.pk).after == {"a": 2}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_event_outside_transaction_refused():
    agency = AgencyFactory()
    with pytest.raises(RuntimeError):
        events.record(action="x", obj=agency)


def test_superior_viewer_reads_subordinates_only(db):
    city = AgencyFactory(level="city", kind="government")
    county = AgencyFactory(parent=city)
    sibling_city = AgencyFactory(level="city", kind="government")
    viewer = member(city, Role.SUPERIOR_VIEWER)
    county.refresh_from_db()
    assert access.can_read(viewer, county)
    assert not access.can_read(viewer, sibling_city)
    assert not access.has_role(viewer, county, Role.CLERK)
    assert set(access.readable_agencies(viewer)) == {city, county}


def test_agency_move_rewrites_subtree_paths(db):
    a, b = AgencyFactory(), AgencyFactory()
    child = AgencyFactory(parent=a)
    grandchild = AgencyFactory(parent=child)
    child.parent = b
    child.save()
    grandchild.refresh_from_db()
    assert grandchild.path.startswith(b.path)


def test_edit_requires_admin_role(client, agency):
    clerk = member(agency, Role.CLERK)
    client.force_login(clerk)
    assert client.get(f"/staff/agencies/{agency.pk}/").status_code == 200
    assert client.get(f"/staff/agencies/{agency.pk}/edit/").status_code == 403
    admin = member(agency, Role.ADMIN)
    client.force_login(admin)
    resp = client.post(f"/staff/agencies/{agency.pk}/edit/", {
        "name": agency.name, "office_name": "新办公室", "index_date_format": "YYYY", "approval_levels": 2,
        "online_receipt": "submission",
    })
    assert resp.status_code == 302
    agency.refresh_from_db()
    assert agency.office_name == "新办公室" and agency.approval_levels == 2
    assert Event.objects.filter(action="agency.updated", object_id=str(agency.pk)).count() == 1


def test_healthz_and_home(client, db):
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.json()["status"] == "ok"
    assert client.get("/").status_code == 200
    assert client.get("/staff/login/").status_code == 200
    assert client.get("/staff/").status_code == 302  # login required


def test_demo_is_idempotent(db):
    call_command("demo")
    n_agencies, n_members = Agency.objects.count(), Membership.objects.count()
    call_command("demo")
    assert (Agency.objects.count(), Membership.objects.count()) == (n_agencies, n_members)
    assert Agency.objects.filter(name="示例县人民政府").exists()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


def test_scale_agencies_small(db):
    from gongkai.agencies.demo import scale_agencies

    made = scale_agencies(cities=2, counties=2, departments=3, townships=2)
    assert len(made) == 1 + 2 * (1 + 2 * (1 + 3 + 2))
    assert Membership.objects.filter(agency__in=made, role=Role.CLERK).count() == len(made)


def test_system_check_warns_about_next_year(db):
    ids = {m.id for m in run_checks(include_deployment_checks=False)}
    assert "workdays.W001" in ids


def test_staff_notice_import_preview_then_confirm(client, db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "2027" in client.get("/staff/calendar/").content.decode()
    text = ("国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n"
            "二、春节：2月6日至12日放假调休，共7天。2月20日（周六）上班。")
    resp = client.post("/staff/calendar/import/", {"text": text})
    assert resp.status_code == 200 and "2027-02-20" in resp.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()  # nothing saved before confirmation
    resp = client.post("/staff/calendar/import/", {"text": text, "confirm": "1", "year": "2027"})
    assert resp.status_code == 302
    assert CalendarYear.objects.get(year=2027).days.count() == 11


def test_calendar_import_forbidden_for_agency_staff(client, agency):
    client.force_login(member(agency))
    assert client.get("/staff/calendar/").status_code == 200
    assert client.post("/staff/calendar/import/", {"text": "x"}).status_code == 403


def test_agency_admin_manages_members(client, agency):
    admin = member(agency, Role.ADMIN)
    client.force_login(admin)
    resp = client.post(f"/staff/agencies/{agency.pk}/members/", {
        "username": "newclerk", "full_name": "新经办人", "password": "pw-abcdefgh", "role": Role.CLERK})
    assert resp.status_code == 302
    m = Membership.objects.get(user__username="newclerk", agency=agency)
    assert Event.objects.filter(action="membership.granted").count() == 1
    clerk = m.user
    client.force_login(clerk)
    assert client.post(f"/staff/agencies/{agency.pk}/members/{m.pk}/remove/").status_code == 403
    client.force_login(admin)
    client.post(f"/staff/agencies/{agency.pk}/members/{m.pk}/remove/")
    assert not Membership.objects.filter(pk=m.pk).exists()
    assert Event.objects.filter(action="membership.revoked").count() == 1
