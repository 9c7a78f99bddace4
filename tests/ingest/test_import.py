"""Import as history: service, last-year selector (R5 carry-over), staff pages, API, access scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.formats import get_format
from gongkai.ingest.services import published_report_import
from gongkai.reports.history import last_year_report
from gongkai.reports.models import PublishedReport
from tests.conftest import member
from tests.ingest.builders import report_html
from tests.ingest.conftest import SEED_2018, SEED_2019, SEED_2022

pytestmark = pytest.mark.django_db


def report_2023(carried: int) -> bytes:
    """A 2023 report (same township, test figures) whose 上年结转 is ``carried`` for 自然人."""
    t3 = {(r.key, c.key): "0" for r, c in get_format("2021").table("table3").cells()}
    for row in ("carried_over", "granted", "total"):
        t3[(row, "natural_person")] = str(carried)
        t3[(row, "total")] = str(carried)
    parts: list[Any] = ["三、收到和处理政府信息公开申请情况", ("table", "table3")]
    return report_html("一平浪镇2023年政府信息公开工作年度报告", parts, "2021", {"table3": t3}).encode()


def test_import_and_last_year(agency: Any) -> None:
    user = member(agency)
    r = published_report_import(agency=agency, path_or_bytes=SEED_2022, actor=user)
    assert (r.year, r.era, r.agency_name, r.source_kind) == (2022, "2021", "一平浪镇", "text")
    assert r.applications_received == 0 and r.outcome_granted == 0 and r.review_total == 0
    assert r.error_count == 0
    ev = Event.objects.get(object_id=str(r.pk), action="ingest.published_report.import")
    assert ev.agency_id == agency.pk and ev.actor_id == user.pk
    last = last_year_report(agency, 2023)
    assert last is not None and last.value("table2", "penalty", "decisions") == 1
    assert last_year_report(agency, 2022) is None

    ok = published_report_import(agency=agency, path_or_bytes=report_2023(0), actor=user, filename="2023.html")
    assert not [p for p in ok.checks if p["rule"] == "R5"]
    bad = published_report_import(agency=agency, path_or_bytes=report_2023(2), actor=user, filename="2023.html")
    assert bad.pk == ok.pk  # one report per agency and year: re-import replaces, with an event
    assert Event.objects.filter(object_id=str(ok.pk), action="ingest.published_report.replace").count() == 1
    r5 = [p["message"] for p in bad.checks if p["rule"] == "R5"]
    assert r5 == ["自然人: 本年二、上年结转=2, 上年四、结转下年度继续办理=0",
                  "总计: 本年二、上年结转=2, 上年四、结转下年度继续办理=0"]
    assert {p["rule"] for p in bad.checks if p["severity"] == "error"} == {"R5", "S1"}  # S1: only 三 given
    assert bad.error_count == 2 + 5


def test_narrative_headline_figures(agency: Any) -> None:
    r = published_report_import(agency=agency, path_or_bytes=SEED_2019, actor=SYSTEM)
    assert (r.proactive_total, r.applications_received, r.review_total, r.litigation_total) == (131, 0, 0, 0)
    assert r.outcome_granted is None  # not stated anywhere: stays unknown
    r18 = published_report_import(agency=agency, path_or_bytes=SEED_2018, actor=SYSTEM)
    assert r18.proactive_total == 174 and r18.applications_received is None


def test_import_refuses_bad_files(agency: Any) -> None:
    with pytest.raises(ValidationError, match="不是文本文件"):
        published_report_import(agency=agency, path_or_bytes=bytes(range(256)) * 4, actor=SYSTEM, filename="x.txt")
    with pytest.raises(ValidationError, match="不是所选的2021年度"):
        published_report_import(agency=agency, path_or_bytes=SEED_2022, actor=SYSTEM, year=2021)
    assert PublishedReport.objects.count() == 0


def test_staff_pages_and_scope(agency: Any, other_agency: Any) -> None:
    user, outsider = member(agency), member(other_agency)
    c = Client()
    c.force_login(user)
    page = c.get("/staff/ingest/")
    assert page.status_code == 200 and "导入已发布的年度报告" in page.content.decode()
    # The seeds are signed by other agencies: the person confirms (tests/ingest/test_import_confirm.py).
    up = c.post("/staff/ingest/upload/", {"agency": agency.pk, "confirm": "on",
                                          "file": SimpleUploadedFile("seed.txt", SEED_2018.read_bytes())})
    assert up.status_code == 302
    report = PublishedReport.objects.get(agency=agency, year=2018)
    detail = c.get(f"/staff/ingest/{report.pk}/").content.decode()
    assert "工作动态" in detail and "<svg" in detail and "我镇政府信息公开数量174条" in detail
    assert "缺少“二、依申请公开政府信息和不予公开政府信息的情况”部分" in detail
    c.post("/staff/ingest/upload/", {"agency": agency.pk, "confirm": "on",
                                     "file": SimpleUploadedFile("seed.txt", SEED_2022.read_bytes())})
    compare = c.get("/staff/ingest/compare/").content.decode()
    assert compare.count("<svg") == 3 and "申请办理结果构成" in compare
    bad = c.post("/staff/ingest/upload/", {"agency": agency.pk, "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x")})
    assert bad.status_code == 400 and "无法打开 PDF 文件" in bad.content.decode()
    # Another agency's user sees none of it and cannot upload for this agency.
    o = Client()
    o.force_login(outsider)
    assert o.get(f"/staff/ingest/{report.pk}/").status_code == 404
    assert "一平浪镇" not in o.get("/staff/ingest/").content.decode()
    assert "一平浪镇" not in o.get("/staff/ingest/compare/").content.decode()
    assert o.post("/staff/ingest/upload/", {"agency": agency.pk, "file": SimpleUploadedFile(
        "seed.txt", SEED_2022.read_bytes())}).status_code == 400
    assert PublishedReport.objects.filter(agency=agency).count() == 2
    # API, scoped the same way.
    assert [r["year"] for r in c.get("/api/ingest/published-reports").json()] == [2022, 2018]
    assert o.get("/api/ingest/published-reports").json() == []
    assert o.get(f"/api/ingest/published-reports/{report.pk}").status_code == 404
    assert c.get(f"/api/ingest/published-reports/{report.pk}").json()["data"]["year"] == 2018
    parsed = c.post("/api/ingest/parse", {"file": SimpleUploadedFile("s.txt", SEED_2022.read_bytes())}).json()
    assert parsed["report"]["era"] == "2021"
    ev = parsed["evidence"]["table2|penalty|decisions"]
    assert (ev["row_label"], ev["col_label"], ev["text"]) == ("行政处罚", "本年处理决定数量", "1") and ev["span"]
    assert c.post("/api/ingest/parse", {"file": SimpleUploadedFile("s.bin", b"\x00\x01" * 50)}).status_code == 422
    assert Client().get("/api/ingest/published-reports").status_code == 401
