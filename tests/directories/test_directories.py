"""County standard directories: the shipped data, the published XLSX layout, each item's state against the
catalog, the compliance figures against a direct count, access, and the portal page."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from gongkai.agencies.models import Role
from gongkai.catalog.models import Record
from gongkai.directories import selectors, services
from gongkai.directories.declarations import (
    DOMAINS,
    STANDARD_DIRECTORIES,
    channels_ticked,
    time_limit_workdays,
)
from gongkai.directories.models import DirectoryItem
from gongkai.directories.reader import DirectoryFileError, read_xlsx
from gongkai.workdays.services import get_calendar
from tests.catalog.helpers import draft, publish
from tests.conftest import AgencyFactory, member

pytestmark = pytest.mark.django_db


def test_time_limits_and_channels_read_as_published() -> None:
    assert time_limit_workdays("信息形成或者变更之日起20个工作日内") == 20
    assert time_limit_workdays("制 定 或 获 取 信 息之日起 10 个 工作日内") == 10  # 盖州市, spaced as printed
    assert time_limit_workdays("制定或获取信息之日起10个工作日内,公示7个工作日") == 10
    assert time_limit_workdays("实时更新") is None
    # 翔安区香山街道义务教育领域目录, as printed (boxes glued to the next name in places)
    cell = ("■政府网站 □政府公报 ■两微一端 □发布会/听证会 ■广播电视 ■纸质媒体 ■公开查阅点□政务服务中心 "
            "□便民服务站□入户/现场 ■社区/企事业单位/村公示栏(电子屏) □精准推送 □其他")
    assert channels_ticked(cell) == ["website", "new_media", "broadcast", "print", "reading_point", "notice_board"]
    assert channels_ticked("■政府网站\n■政务服务中心\n■镇村公示公开栏") == ["website", "service_centre", "notice_board"]
    assert len(DOMAINS) == 26 and len({k for k, _ in DOMAINS}) == 26


@pytest.mark.parametrize("domain", sorted(STANDARD_DIRECTORIES))
def test_shipped_directories_carry_their_source(domain: str) -> None:
    rows, source = services.standard_rows(domain)
    assert source.startswith("https://") and ".gov.cn/" in source
    assert len(rows) >= 3 and all(r.content and r.level1 and r.limit_workdays for r in rows)
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))


def _published_layout(domain: str) -> bytes:
    """The shipped rows written back in the layout counties publish: a title row, two header rows, merged
    一级事项 left blank below its first row, ticks as √."""
    rows, _ = services.standard_rows(domain)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["社会救助领域基层政务公开标准目录"])
    ws.append(["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
               "公开对象", None, "公开方式", None, "公开层级", None, None])
    ws.append([None, "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群众", "主动",
               "依申请公开", "县级", "乡级", "村级"])
    previous = ""
    for r in rows:
        ws.append([r.seq, "" if r.level1 == previous else r.level1, r.level2, r.content, r.basis, r.time_limit,
                   r.subject, " ".join(("■" if k in r.channels else "□") + label for k, label in
                                       (("website", "政府网站"), ("gazette", "政府公报"), ("new_media", "两微一端"))),
                   "√" if "public" in r.audience else "", "", "√", "", *("√" if lv in r.levels else ""
                                                                         for lv in ("county", "township", "village"))])
        previous = r.level1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_in_the_published_layout_reads_back_the_same_items() -> None:
    shipped, _ = services.standard_rows("social_assistance")
    read = read_xlsx(_published_layout("social_assistance"))
    assert [(r.seq, r.level1, r.level2, r.content, r.time_limit, r.channels, r.levels, r.mode) for r in read] == [
        (r.seq, r.level1, r.level2, r.content, r.time_limit, r.channels, r.levels, r.mode) for r in shipped]
    with pytest.raises(DirectoryFileError, match="XLSX"):
        read_xlsx(b"not a workbook")
    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.active.append(["名称", "内容"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(DirectoryFileError, match="表头缺少：序号、一级事项"):
        read_xlsx(buf.getvalue())


def test_item_states_and_compliance_equal_a_direct_count(org: dict[str, Any]) -> None:
    agency = org["agency"]
    rows, source = services.standard_rows("compulsory_education")
    items = services.directory_import(agency=agency, domain="compulsory_education", rows=rows, source=source,
                                      actor=org["clerk"])
    on_time = publish(org, draft(org, formed_on=dt.date(2026, 3, 2)), now=dt.datetime(2026, 3, 4, 2, tzinfo=dt.UTC))
    late = publish(org, draft(org, title="教育事业发展主要情况", formed_on=dt.date(2026, 1, 5)),
                   now=dt.datetime(2026, 3, 4, 2, tzinfo=dt.UTC))
    services.directory_link(item=items[0], record=on_time, actor=org["clerk"])
    services.directory_link(item=items[2], record=late, actor=org["clerk"])
    states = {s.item.seq: s for s in selectors.item_states(agency.pk, cal=get_calendar())}
    assert states[1].state == "ok" and states[3].state == "late"
    assert "应于2026年2月" in states[3].note  # 20 workdays after 2026-01-05 falls in February
    assert states[2].state == states[4].state == "missing"
    summary = {c.agency_id: c for c in selectors.compliance_by_agency([agency.pk])}
    direct_missing = DirectoryItem.objects.filter(agency=agency).exclude(
        links__record__in=Record.objects.filter(selectors.current_records())).count()
    assert (summary[agency.pk].items, summary[agency.pk].missing) == (4, direct_missing) == (4, 2)
    # Re-importing keeps the links of items whose 序号 stays.
    services.directory_import(agency=agency, domain="compulsory_education", rows=rows, source=source,
                              actor=org["clerk"])
    assert DirectoryItem.objects.get(agency=agency, seq=1).links.count() == 1


def test_other_agencies_cannot_write_or_link_foreign_records(org: dict[str, Any], client: Client) -> None:
    agency = org["agency"]
    other = AgencyFactory()
    stranger = member(other)
    rows, source = services.standard_rows("elderly_care")
    with pytest.raises(Http404):  # another agency's staff do not learn that the agency's data exist
        services.directory_import(agency=agency, domain="elderly_care", rows=rows, source=source, actor=stranger)
    reader = member(agency, Role.SUPERIOR_VIEWER)
    with pytest.raises(PermissionDenied):
        services.directory_import(agency=agency, domain="elderly_care", rows=rows, source=source, actor=reader)
    items = services.directory_import(agency=agency, domain="elderly_care", rows=rows, source=source,
                                      actor=org["clerk"])
    client.force_login(stranger)
    assert client.post(f"/staff/directories/{agency.pk}/import/", {"domain": "elderly_care",
                                                                   "standard": "1"}).status_code == 404
    foreign = publish({"clerk": stranger, "reviewer": stranger, "approver": stranger, "approver2": stranger},
                      draft({"agency": other, "clerk": stranger}))
    assert client.post(f"/staff/directories/items/{items[0].pk}/link/", {"record": foreign.pk}).status_code == 404


def test_portal_shows_the_directory_with_links_to_records(org: dict[str, Any], client: Client) -> None:
    agency = org["agency"]
    rows, source = services.standard_rows("social_assistance")
    items = services.directory_import(agency=agency, domain="social_assistance", rows=rows, source=source,
                                      actor=org["clerk"])
    record = publish(org, draft(org, title="最低生活保障办事指南"))
    services.directory_link(item=items[3], record=record, actor=org["clerk"])
    page = client.get(f"/directory/{agency.pk}/").content.decode()
    assert "社会救助" in page and "办理事项、办理条件" in page
    assert f'href="/record/{record.pk}/"' in page and "最低生活保障办事指南" in page
    assert "None" not in page
