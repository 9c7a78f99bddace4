"""Online applicants choose their notice channels themselves (SMS only with consent), on a page only their
own browser reaches; the choice is recorded with one event and used by the notice planner."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai.applications.models import Application
from gongkai.core.models import Event
from gongkai.notices.models import Consent
from tests.conftest import AgencyFactory

pytestmark = pytest.mark.django_db

FORM = {"applicant_type": "natural_person", "applicant_name": "王五", "id_doc_type": "id_card",
        "id_number": "11010519491231002X", "phone": "13800001234", "email": "wangwu@example.cn",
        "info_name": "2025年度城区道路维修计划", "provision_form": "electronic", "provision_way": "email"}


def test_applicant_turns_on_sms_for_their_own_case(client: Client) -> None:
    agency = AgencyFactory()
    done = client.post("/apply/", {**FORM, "agency": agency.pk})
    assert done.status_code == 302
    app = Application.objects.get()
    receipt = client.get(done["Location"]).content.decode()
    assert f"/apply/notices/{app.tracking_code}/" in receipt
    page = client.get(f"/apply/notices/{app.tracking_code}/").content.decode()
    assert "通过短信通知办理进展" in page
    assert re.search(r'name="email"[^>]*checked', page) and not re.search(r'name="sms"[^>]*checked', page)
    saved = client.post(f"/apply/notices/{app.tracking_code}/", {"email": "on", "sms": "on"})
    assert saved.status_code == 302 and saved["Location"] == f"/apply/status/{app.tracking_code}/"
    consent = Consent.objects.get(application=app)
    assert consent.email and consent.sms
    assert Event.objects.filter(action="notice.consent_recorded", object_id=str(app.pk)).count() == 1
    # Another browser, without the code verified, cannot read or change the settings.
    assert Client().get(f"/apply/notices/{app.tracking_code}/").status_code == 404
    assert Client().post(f"/apply/notices/{app.tracking_code}/", {"sms": ""}).status_code == 404
