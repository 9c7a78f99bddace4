"""政府网站工作年度报表: the format as data, the computed figures against a direct count, the workflow,
access by another agency, and the portal home page showing the published report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from gongkai.catalog import services as catalog
from gongkai.catalog.models import ChannelPublication, Record
from gongkai.catalog.rules import Channel
from gongkai.core import clock
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.formats import website as form
from gongkai.websites import selectors, services
from gongkai.websites.models import WebsiteReport
from gongkai.websites.workflow import TransitionError
from tests.catalog.helpers import draft, publish
from tests.conftest import AgencyFactory, member

pytestmark = pytest.mark.django_db

IDENTITY = {"site_name": "测试县教育局网站", "home_url": "https://jyj.example.gov.cn/", "host": "测试县教育局",
            "site_code": "4417000001", "icp": "粤ICP备00000000号", "police": "粤公网安备00000000000000号"}


def _fill(report: WebsiteReport, actor: Any, **over: int | None) -> WebsiteReport:
    entered: dict[str, int | None] = {k: 3 for k in form.ENTERED_KEYS}
    entered.update(unique_visitors=100, total_visits=400)
    entered.update(over)
    return services.website_report_edit(report=report, identity=IDENTITY, entered=entered,
                                        notes={"security": "全年开展安全检测。"}, actor=actor)


def test_format_is_declared_once_with_its_notice() -> None:
    assert form.DOCUMENT == "国办函〔2018〕12号" and form.IN_FORCE == dt.date(2018, 1, 15)
    assert [s.label for s in form.SECTIONS] == ["信息发布", "专栏专题", "解读回应", "办事服务", "互动交流",
                                                "安全防护", "移动新媒体", "创新发展"]
    assert form.deadline(2025) == dt.date(2026, 1, 31)
    keys = [r.key for r in form.ROWS]
    assert len(keys) == len(set(keys))
    for row in form.ROWS:
        assert row.ref in form.SOURCES and (row.section == "" or row.section in form.SECTION_LABELS)
    assert all(f.source in form.SOURCES for f in form.IDENTITY)
    assert form.check({"messages_received": 2, "messages_closed": 3}) == [
        "“办结留言数量”（3）不应大于“网民留言数量”（2）"]


def test_computed_figures_equal_a_direct_count(org: dict[str, Any]) -> None:
    agency = org["agency"]
    in_year = dt.datetime(2026, 5, 6, 10, tzinfo=dt.UTC)
    policy = publish(org, draft(org), now=in_year)
    interp = publish(org, draft(org, title="《方案》政策解读", interprets=policy,
                                category=catalog.category_named(agency, "政策解读", actor=SYSTEM)), now=in_year)
    publish(org, draft(org, title="去年的通知"), now=dt.datetime(2025, 12, 30, 10, tzinfo=dt.UTC))
    draft(org, title="未发布的草稿")
    other = AgencyFactory()
    ChannelPublication.objects.create(record=interp, channel=Channel.WECHAT, published_on=dt.date(2026, 5, 7))
    ChannelPublication.objects.create(record=policy, channel=Channel.WEIBO, published_on=dt.date(2026, 5, 7))
    catalog.channel_tally_save(agency=agency, channel=Channel.WECHAT, period_start=dt.date(2026, 1, 1),
                               period_end=dt.date(2026, 6, 30), count=7, actor=org["clerk"])

    figures = selectors.computed_figures(agency.pk, 2026)
    in_2026 = Record.objects.filter(agency=agency, published_on__year=2026)
    assert figures["directory_updates"] == in_2026.count() == 2
    assert figures["interpretations"] == in_2026.exclude(interprets=None).count() == 1
    assert figures["wechat_posts"] == 1 + 7
    assert selectors.computed_figures(other.pk, 2026) == {k: 0 for k in form.COMPUTED_KEYS}
    assert selectors.computed_figures(agency.pk, 2025)["directory_updates"] == 1
    assert sum(c.count for c in selectors.columns(agency.pk, 2026)) == 2


def test_workflow_submit_return_publish(org: dict[str, Any]) -> None:
    report = services.website_report_create(agency=org["agency"], year=2025, actor=org["clerk"])
    with pytest.raises(ValidationError) as blank:
        services.website_report_act(report=report, action="submit", actor=org["clerk"])
    assert any("独立用户访问量" in m for m in blank.value.messages)
    _fill(report, org["clerk"], messages_closed=9, messages_received=2)
    with pytest.raises(ValidationError, match="不应大于"):
        services.website_report_act(report=report, action="submit", actor=org["clerk"])
    report = _fill(report, org["clerk"])
    with pytest.raises(TransitionError):
        services.website_report_act(report=report, action="publish", actor=org["approver"])
    report = services.website_report_act(report=report, action="submit", actor=org["clerk"])
    assert report.status == "submitted" and set(report.computed) == set(form.COMPUTED_KEYS)
    with pytest.raises(ValidationError):
        _fill(report, org["clerk"])
    with pytest.raises(PermissionDenied):
        services.website_report_act(report=report, action="publish", actor=org["clerk"])
    with pytest.raises(ValidationError, match="退回意见"):
        services.website_report_act(report=report, action="return", actor=org["approver"])
    report = services.website_report_act(report=report, action="return", actor=org["approver"], comment="访问量核对")
    assert report.status == "returned" and report.return_comment == "访问量核对"
    report = services.website_report_act(report=services.website_report_edit(
        report=report, identity=IDENTITY, entered={**report.entered, "total_visits": 500}, notes=report.notes,
        actor=org["clerk"]), action="submit", actor=org["clerk"])
    report = services.website_report_act(report=report, action="publish", actor=org["approver"])
    assert report.status == "published" and report.published_on is not None
    actions = list(Event.objects.filter(object_type="websites.websitereport", object_id=str(report.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["website_report.create", "website_report.edit", "website_report.edit",
                       "website_report.submit", "website_report.return",
                       "website_report.edit", "website_report.submit", "website_report.publish"]
    with pytest.raises(ValidationError):
        services.website_report_create(agency=org["agency"], year=2025, actor=org["clerk"])


def test_submitted_figures_are_frozen(org: dict[str, Any]) -> None:
    report = _fill(services.website_report_create(agency=org["agency"], year=2026, actor=org["clerk"]), org["clerk"])
    assert selectors.figures_of(report)["directory_updates"] == 0
    report = services.website_report_act(report=report, action="submit", actor=org["clerk"])
    publish(org, draft(org), now=dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC))
    assert selectors.computed_figures(org["agency"].pk, 2026)["directory_updates"] == 1
    assert selectors.figures_of(report)["directory_updates"] == 0


def test_bad_figures_get_a_chinese_error_and_keep_the_form(org: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as exc:
        services.clean_entered({"total_visits": "-5", "unique_visitors": "十"})
    assert exc.value.messages == ["“独立用户访问量”须填写不小于 0 的整数", "“网站总访问量”须填写不小于 0 的整数"]
    report = services.website_report_create(agency=org["agency"], year=2025, actor=org["clerk"])
    client = Client()
    client.force_login(org["clerk"])
    page = client.post(f"/staff/websites/{report.pk}/edit/",
                       {"site_name": "保留的名称", "total_visits": "abc", "note_security": "保留的说明"})
    body = page.content.decode()
    # The error is shown in Chinese and what was typed is still in the form; nothing was saved.
    assert page.status_code == 200 and "“网站总访问量”须填写不小于 0 的整数" in body
    assert 'value="保留的名称"' in body and 'value="abc"' in body and "保留的说明" in body
    report.refresh_from_db()
    assert report.identity == {"host": "测试县教育局"} and report.entered == {}


def test_another_agency_gets_404(org: dict[str, Any]) -> None:
    report = services.website_report_create(agency=org["agency"], year=2025, actor=org["clerk"])
    outsider = member(AgencyFactory())
    with pytest.raises(Http404):
        services.website_report_act(report=report, action="submit", actor=outsider)
    client = Client()
    client.force_login(outsider)
    for url in (f"/staff/websites/{report.pk}/", f"/staff/websites/{report.pk}/edit/",
                f"/staff/websites/{report.pk}/act/", f"/staff/websites/agency/{org['agency'].pk}/create/"):
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {"action": "submit", "year": "2024"}).status_code == 404
    assert WebsiteReport.objects.count() == 1
    assert Client().get(f"/wangzhan/{report.pk}/").status_code == 404  # not published yet


def test_portal_home_shows_the_published_report(org: dict[str, Any]) -> None:
    report = _fill(services.website_report_create(agency=org["agency"], year=2025, actor=org["clerk"]), org["clerk"])
    report = services.website_report_act(report=report, action="submit", actor=org["clerk"])
    home = Client().get("/").content.decode()  # cached before publication
    assert "测试县教育局2025年度政府网站工作年度报表" not in home
    services.website_report_act(report=report, action="publish", actor=org["approver"])
    home = Client().get("/").content.decode()
    assert "测试县教育局2025年度政府网站工作年度报表" in home and f"/wangzhan/{report.pk}/" in home
    page = Client().get(f"/wangzhan/{report.pk}/").content.decode()
    for text in ("政府网站标识码", "4417000001", "独立用户访问量", "网站总访问量", "400", "信息公开目录信息更新量",
                 "全年开展安全检测。", "国办函〔2018〕12号", "2026年1月31日"):
        assert text in page, text
    assert "None" not in page


def test_deadline_state_and_dashboard_panel(org: dict[str, Any]) -> None:
    assert selectors.due_state(2025, dt.date(2026, 1, 20), None) == (dt.date(2026, 1, 31), 11, 0)
    assert selectors.due_state(2025, dt.date(2026, 2, 3), None) == (dt.date(2026, 1, 31), -3, 3)
    assert selectors.due_state(2025, dt.date(2026, 2, 3), dt.date(2026, 1, 30))[2] == 0
    other = AgencyFactory(name="另一机关")
    report = _fill(services.website_report_create(agency=org["agency"], year=2025, actor=org["clerk"]), org["clerk"])
    services.website_report_act(report=services.website_report_act(report=report, action="submit",
                                                                    actor=org["clerk"]),
                                action="publish", actor=org["approver"])
    rows = selectors.due_rows([org["agency"], other], today=dt.date(2026, 2, 3))
    assert [(r.agency.pk, r.label, r.overdue_days) for r in rows] == [(other.pk, "未创建", 3),
                                                                       (org["agency"].pk, "已发布", 0)]
    client = Client()
    client.force_login(org["clerk"])
    page = client.get("/staff/").content.decode()
    panel = page[page.index('id="panel-wangzhan"'):]
    year = clock.today().year - 1
    assert f"{year + 1}年1月31日" in panel and org["agency"].name in panel
    assert ("已发布" in panel) == (year == 2025)
