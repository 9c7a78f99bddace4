"""Importing from the staff page asks before storing a report signed by another agency or replacing a year
already imported; nothing is stored until the person ticks 确认导入."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.reports.models import PublishedReport
from tests.conftest import AgencyFactory, member
from tests.ingest.conftest import SEED_2022

pytestmark = pytest.mark.django_db


def _upload(client: Client, agency: Any, *, confirm: bool) -> Any:
    data: dict[str, Any] = {"agency": agency.pk, "file": SimpleUploadedFile("2022.txt", SEED_2022.read_bytes())}
    if confirm:
        data["confirm"] = "on"
    return client.post("/staff/ingest/upload/", data)


def test_report_signed_by_another_agency_needs_confirmation(client: Client) -> None:
    agency = AgencyFactory(name="示例县民政局")
    client.force_login(member(agency, Role.OFFICE_HEAD))
    asked = _upload(client, agency, confirm=False)
    assert asked.status_code == 409
    page = asked.content.decode()
    assert "报告署名为“一平浪镇”，不是所选的“示例县民政局”" in page
    assert not PublishedReport.objects.filter(agency=agency).exists()
    assert _upload(client, agency, confirm=True).status_code == 302
    assert PublishedReport.objects.filter(agency=agency, year=2022).count() == 1


def test_replacing_an_imported_year_needs_confirmation(client: Client) -> None:
    agency = AgencyFactory(name="一平浪镇人民政府")
    client.force_login(member(agency, Role.OFFICE_HEAD))
    assert _upload(client, agency, confirm=False).status_code == 302  # same name, first import: no question
    first = PublishedReport.objects.get(agency=agency, year=2022)
    asked = _upload(client, agency, confirm=False)
    assert asked.status_code == 409 and "已有2022年度的导入报告" in asked.content.decode()
    assert PublishedReport.objects.get(agency=agency, year=2022).imported_at == first.imported_at
    assert _upload(client, agency, confirm=True).status_code == 302
    assert PublishedReport.objects.filter(agency=agency, year=2022).count() == 1
