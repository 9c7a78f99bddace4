"""The report's life cycle through the staff pages: draft → submitted → returned with a comment →
fixed → submitted → accepted → published in 政府信息公开年报 with its 索引号 → reopened as version 2."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.agencies.models import Kind, Level, Membership, Role
from gongkai.core.models import Event
from gongkai.reports import services
from gongkai.reports.models import AnnualReport
from gongkai.reports.workflow import Status, TransitionError
from tests.conftest import AgencyFactory, member
from tests.reports.helpers import ledger

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    county = AgencyFactory(name="某县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    dept = AgencyFactory(name="某县教育局", parent=county)
    clerk = member(dept, Role.CLERK)
    approver = member(dept, Role.APPROVER)
    superior = member(county, Role.SUPERIOR_VIEWER)
    ledger(dept)
    return {"county": county, "dept": dept, "clerk": clerk, "approver": approver, "superior": superior}


def _act(client: Any, user: Any, report: AnnualReport, action: str, **data: str) -> Any:
    client.force_login(user)
    return client.post(f"/staff/reports/{report.pk}/act/{action}/", data)


def test_full_cycle_through_pages(client: Any, world: dict[str, Any]) -> None:
    dept = world["dept"]
    client.force_login(world["clerk"])
    resp = client.post(f"/staff/reports/agency/{dept.pk}/new/", {"year": 2025})
    assert resp.status_code == 302
    report = AnnualReport.objects.get(agency=dept, year=2025)
    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    assert "建议草稿" in page and "全年新收政府信息公开申请6件" in page
    assert report.overview == ""  # the suggestion is shown, never pasted by itself

    # Submitting with empty narrative sections is refused by the Art. 50 section check.
    resp = _act(client, world["approver"], report, "submit")
    report.refresh_from_db()
    assert report.status == Status.DRAFT

    client.force_login(world["clerk"])
    client.post(f"/staff/reports/{report.pk}/edit/", {"use_suggestion": "overview"})
    report.refresh_from_db()
    assert "全年新收政府信息公开申请6件" in report.overview
    client.post(f"/staff/reports/{report.pk}/edit/", {"overview": report.overview + "\n本机关补充说明。",
                                                      "problems": "一是解读不够。", "other": "未收取信息处理费。"})
    assert _act(client, world["approver"], report, "submit").status_code == 302
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.data is not None

    # The agency cannot accept its own report; the superior office returns it with a comment.
    assert _act(client, world["approver"], report, "accept").status_code == 403
    _act(client, world["superior"], report, "return", comment="")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED  # a return needs a comment
    _act(client, world["superior"], report, "return", comment="请补充政策解读情况")
    report.refresh_from_db()
    assert report.status == Status.RETURNED and report.review_comment == "请补充政策解读情况"
    client.force_login(world["clerk"])
    assert "请补充政策解读情况" in client.get(f"/staff/reports/{report.pk}/").content.decode()

    client.post(f"/staff/reports/{report.pk}/edit/", {"overview": report.overview, "problems": "一是解读不够，已补充。",
                                                      "other": "未收取信息处理费。"})
    _act(client, world["approver"], report, "submit")
    _act(client, world["superior"], report, "accept", comment="同意发布")
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    _act(client, world["approver"], report, "publish")
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.index_number.startswith(f"{dept.code}/")

    # On the portal under 政府信息公开年报: the agency column, the record, and /nianbao/.
    client.logout()
    column = client.get(f"/gk/{dept.pk}/annual-reports/").content.decode()
    assert report.title in column
    record = client.get(f"/record/{report.record_id}/").content.decode()
    assert "一、本年新收政府信息公开申请数量" in record and f"/nianbao/{report.pk}/" in record
    nianbao = client.get("/nianbao/").content.decode()
    assert report.title in nianbao
    page = client.get(f"/nianbao/{report.pk}/").content.decode()
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in page
    assert 'rowspan="22"' in page  # 三、本年度办理结果 spans its 22 rows

    actions = list(Event.objects.filter(object_type="reports.annualreport", object_id=str(report.pk))
                   .values_list("action", flat=True))
    assert actions.count("reports.report_submit") == 2 and "reports.report_return" in actions
    assert actions[-1] == "reports.report_publish"


def test_published_figures_are_frozen_and_reopen_keeps_old_version(world: dict[str, Any]) -> None:
    from tests.reports.helpers import application

    dept = world["dept"]
    report = services.report_create(agency=dept, year=2025, actor=world["clerk"])
    services.report_update(report=report, actor=world["clerk"],
                           narrative={"overview": "概述", "problems": "问题", "other": "其他"})
    services.report_act(report=report, action="submit", actor=world["approver"])
    services.report_act(report=report, action="accept", actor=world["superior"])
    report = services.report_act(report=report, action="publish", actor=world["approver"])
    frozen = report.data
    application(dept, received=dt.date(2025, 6, 1), closed=dt.date(2025, 6, 5), outcome="granted")
    report.refresh_from_db()
    assert report.data == frozen  # later ledger changes do not touch the published figures
    with pytest.raises(TransitionError):
        services.report_update(report=report, actor=world["clerk"], narrative={"overview": "改"})
    with pytest.raises(PermissionDenied):
        services.report_act(report=report, action="reopen", actor=world["clerk"])
    v2 = services.report_act(report=report, action="reopen", actor=world["approver"])
    assert v2.version == 2 and v2.status == Status.DRAFT and v2.overview == "概述"
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.data == frozen
    services.report_act(report=v2, action="submit", actor=world["approver"])
    services.report_act(report=v2, action="accept", actor=world["superior"])
    v2 = services.report_act(report=v2, action="publish", actor=world["approver"])
    report.refresh_from_db()
    assert report.status == Status.SUPERSEDED and report.data == frozen
    assert v2.data["tables"]["table3"]["new_received|total"]["v"] == 7
    assert v2.index_number != report.index_number


def test_superior_is_an_ancestor_office_only(world: dict[str, Any]) -> None:
    dept = world["dept"]
    report = services.report_create(agency=dept, year=2025, actor=world["clerk"])
    services.report_update(report=report, actor=world["clerk"],
                           narrative={"overview": "概述", "problems": "问题", "other": "其他"})
    services.report_act(report=report, action="submit", actor=world["approver"])
    stranger_root = AgencyFactory(level=Level.COUNTY, kind=Kind.GOVERNMENT)
    stranger = member(stranger_root, Role.ADMIN)
    Membership.objects.create(user=stranger, agency=stranger_root, role=Role.SUPERIOR_VIEWER)
    with pytest.raises(PermissionDenied):
        services.report_act(report=report, action="accept", actor=stranger)
    county_admin = member(world["county"], Role.ADMIN)
    services.report_act(report=report, action="accept", actor=county_admin)


def test_one_open_version_per_agency_and_year(world: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError

    services.report_create(agency=world["dept"], year=2025, actor=world["clerk"])
    with pytest.raises(ValidationError):
        services.report_create(agency=world["dept"], year=2025, actor=world["clerk"])


def test_entered_figure_through_the_page_is_caught_and_blocks_submission(client: Any, world: dict[str, Any]) -> None:
    dept = world["dept"]
    report = services.report_create(agency=dept, year=2025, actor=world["clerk"])
    client.force_login(world["clerk"])
    client.post(f"/staff/reports/{report.pk}/edit/", {
        "overview": "概述", "problems": "问题", "other": "其他", "e:table3:carried_over:natural_person": "5"})
    report.refresh_from_db()
    assert report.entered == {"table3": {"carried_over": {"natural_person": 5}}}
    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    assert "[R1] 自然人: 一+二=8, 三+四=4" in page
    resp = _act(client, world["approver"], report, "submit")
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert "检查未通过" in client.get(resp["Location"]).content.decode()
    # A computed cell cannot be entered at all.
    client.force_login(world["clerk"])
    client.post(f"/staff/reports/{report.pk}/edit/", {"e:table3:granted:natural_person": "1"})
    report.refresh_from_db()
    assert report.entered == {"table3": {"carried_over": {"natural_person": 5}}}
