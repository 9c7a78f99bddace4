"""The demo county end to end (Done-when): Table 3 equals a direct count, R1–R5 hold, the county's
departments roll up to the cell-wise sum; the demo is idempotent; the CLI and the API."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.formats import get_format
from gongkai.reports import figures, rollup
from gongkai.reports.checks import check_report, errors
from gongkai.reports.models import AnnualReport
from tests.conftest import member
from tests.reports.test_figures import direct_table3

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db: Any) -> Any:
    from gongkai.agencies.demo import load_county
    from gongkai.staff.plugins import app_modules

    county = load_county()
    for module in app_modules("demo"):
        if module.__name__ != "gongkai.agencies.demo" and hasattr(module, "load"):
            module.load(county)
    return county


def _demo_county_table3_is_a_direct_count_and_checks_hold(demo: Any) -> None:
    from gongkai.applications.models import Application

    ids = [demo.county.pk, *[d.pk for d in demo.departments], *[t.pk for t in demo.townships]]
    years = sorted({d.year for d in Application.objects.filter(agency_id__in=ids).values_list("received_on",
                                                                                                   flat=True) if d})
    assert years, "the applications demo should hold cases"
    for year in years:
        for agency_id in ids:
            data = figures.compute(agency_id, year)
            expected = direct_table3([agency_id], year)
            for row, col in get_format("2021").table("table3").cells():
                assert data.value("table3", row.key, col.key) == expected.get((row.key, col.key), 0)
            assert not [p for p in errors(check_report(data)) if p.rule in ("R1", "R2", "R3", "R4")]


def _demo_draft_report_and_rollup_of_departments(demo: Any) -> None:
    report = AnnualReport.objects.get(agency=demo.county, year=2025)
    assert report.status == "draft" and report.overview == ""
    summed, problems = rollup.aggregate(demo.departments, 2025)
    parts = [figures.compute(d.pk, 2025) for d in demo.departments]
    for table in ("table2", "table3", "table4"):
        for row, col in get_format("2021").table(table).cells():
            assert summed.value(table, row.key, col.key) == sum(p.value(table, row.key, col.key) or 0 for p in parts)
    assert not errors(problems)


def _demo_is_idempotent(demo: Any) -> None:
    from gongkai.reports import demo as reports_demo

    n = AnnualReport.objects.count()
    reports_demo.load(demo)
    assert AnnualReport.objects.count() == n == 1


def _cli_writes_every_format(demo: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    call_command("report", demo.departments[0].code, "2025", "--out", str(out), stdout=io.StringIO(),
                 stderr=io.StringIO())
    doc = json.loads(out.read_text("utf-8"))
    table3 = doc["表格"]["收到和处理政府信息公开申请情况"]
    assert set(table3["一、本年新收政府信息公开申请数量"]) == {"自然人", "商业企业", "科研机构", "社会公益组织",
                                                    "法律服务机构", "其他", "总计"}
    assert "三、本年度办理结果／（三）不予公开／1.属于国家秘密" in table3
    for suffix in ("xlsx", "docx", "html"):
        path = tmp_path / f"r.{suffix}"
        call_command("report", str(demo.departments[0].pk), "2025", "--out", str(path), stdout=io.StringIO(),
                     stderr=io.StringIO())
        assert path.stat().st_size > 1000
    pre = tmp_path / "old.json"
    call_command("report", demo.county.code, "2018", "--format", "2008", "--out", str(pre), stdout=io.StringIO(),
                 stderr=io.StringIO())
    assert "政府信息公开情况统计表" in json.loads(pre.read_text("utf-8"))["表格"]


def _api_figures_scoped_and_published_list(client: Any, demo: Any) -> None:
    dept = demo.departments[0]
    client.force_login(member(demo.departments[1]))
    assert client.get(f"/api/reports/agencies/{dept.pk}/2025/figures").status_code == 404
    client.force_login(member(dept))
    body = client.get(f"/api/reports/agencies/{dept.pk}/2025/figures").json()
    assert "收到和处理政府信息公开申请情况" in body["表格"] and isinstance(body["checks"], list)
    client.logout()
    assert client.get("/api/reports/published/list").json() == []


def test_demo_county_done_when(demo: Any, client: Any, tmp_path: Path) -> None:
    """One demo county for every check below (loading it is the slow part)."""
    _demo_county_table3_is_a_direct_count_and_checks_hold(demo)
    _demo_draft_report_and_rollup_of_departments(demo)
    _demo_is_idempotent(demo)
    _cli_writes_every_format(demo, tmp_path)
    _api_figures_scoped_and_published_list(client, demo)
