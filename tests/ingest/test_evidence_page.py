"""The staff page shows each figure with where it was read, and lists the unsure ones for a person."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from gongkai.ingest.services import published_report_import
from tests.conftest import member

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def test_detail_shows_evidence_per_figure(agency: Any) -> None:
    user = member(agency)
    f = CORPUS / "sh-office-2019-html" / "report.html"
    report = published_report_import(agency=agency, path_or_bytes=f, actor=user)
    c = Client()
    c.force_login(user)
    page = c.get(f"/staff/ingest/{report.pk}/").content.decode()
    assert "原文依据（每个数字读自何处）" in page
    assert "一、本年新收政府信息公开申请数量｜自然人：「821」" in page
    assert "2019年格式（国办公开办函〔2019〕60号）" in page
    assert "proactive.total" not in page and "applications.received" not in page  # no internal keys
    assert "收到申请数" in page  # the prose figure's Chinese label
    assert "需人工确认的数据" not in page


def test_unsure_figures_are_listed_for_a_person(agency: Any) -> None:
    user = member(agency)
    text = ("某镇2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量831000185\n（一）予以公开110000011\n")
    report = published_report_import(agency=agency, path_or_bytes=text.encode(), actor=user, filename="g.txt")
    c = Client()
    c.force_login(user)
    page = c.get(f"/staff/ingest/{report.pk}/").content.decode()
    assert "需人工确认的数据" in page
    assert "可能为：1、11" in page
    assert report.data["tables"]["table3"]["granted|natural_person"]["v"] is None  # never picked silently


def _glued_report(agency: Any, user: Any) -> Any:
    text = ("某镇2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量831000185\n（一）予以公开110000011\n")
    return published_report_import(agency=agency, path_or_bytes=text.encode(), actor=user, filename="g.txt")


def test_a_person_confirms_an_unsure_figure(agency: Any) -> None:
    from gongkai.core.models import Event

    user = member(agency)
    report = _glued_report(agency, user)
    c = Client()
    c.force_login(user)
    events = Event.objects.count()
    bad = c.post(f"/staff/ingest/{report.pk}/confirm/", {"key": "table3|granted|natural_person", "value": "一"})
    assert bad.status_code == 302
    report.refresh_from_db()
    assert report.data["tables"]["table3"]["granted|natural_person"]["v"] is None  # nothing changed
    assert "请填写对照原文读到的非负整数" in c.get(f"/staff/ingest/{report.pk}/").content.decode()
    ok = c.post(f"/staff/ingest/{report.pk}/confirm/", {"key": "table3|granted|natural_person", "value": "11"})
    assert ok.status_code == 302
    report.refresh_from_db()
    cell = report.data["tables"]["table3"]["granted|natural_person"]
    assert cell["v"] == 11 and not cell.get("unsure") and "确认为11" in cell["snippet"]
    assert Event.objects.count() == events + 1  # one event for the one write
    # A cell that is not unsure cannot be "confirmed".
    c.post(f"/staff/ingest/{report.pk}/confirm/", {"key": "table3|new_received|total", "value": "3"})
    report.refresh_from_db()
    assert report.data["tables"]["table3"]["new_received|total"]["v"] == 85


def test_confirm_needs_the_import_role_of_that_agency(agency: Any, other_agency: Any) -> None:
    from gongkai.agencies.models import Role

    owner = member(agency)
    report = _glued_report(agency, owner)
    clerk = member(agency, Role.CLERK)
    outsider = member(other_agency)
    for user, status in ((clerk, 403), (outsider, 404)):
        c = Client()
        c.force_login(user)
        r = c.post(f"/staff/ingest/{report.pk}/confirm/", {"key": "table3|granted|natural_person", "value": "1"})
        assert r.status_code == status
    report.refresh_from_db()
    assert report.data["tables"]["table3"]["granted|natural_person"]["v"] is None
