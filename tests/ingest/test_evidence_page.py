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
