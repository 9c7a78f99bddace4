"""督办: figures by agency and month equal a direct count; time axis; notes issued and acknowledged; XLSX; API."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.applications import services as s
from gongkai.applications.models import Application
from gongkai.applications.workflow import OPEN_STATUSES
from gongkai.core.actors import SYSTEM
from gongkai.core.models import Event
from gongkai.supervision import selectors, services
from gongkai.workdays.services import get_calendar
from tests.conftest import AgencyFactory, member

D = dt.date
pytestmark = pytest.mark.django_db
TODAY = D(2026, 4, 20)


@pytest.fixture
def tree(db: Any) -> dict[str, Agency]:
    county = AgencyFactory(name="示例县人民政府")
    a = AgencyFactory(name="示例县教育局", parent=county)
    b = AgencyFactory(name="=HYPERLINK(\"http://x\",\"点此\")", parent=county)
    sub = AgencyFactory(name="示例县教育局下属中心", parent=a)
    other = AgencyFactory(name="另一县人民政府")
    return {"county": county, "a": a, "b": b, "sub": sub, "other": other}


def _make_cases(agencies: list[Agency], n: int, seed: int) -> None:
    rnd = random.Random(seed)
    cal = get_calendar()
    for i in range(n):
        ag = rnd.choice(agencies)
        received = D(2026, 2, 2) + dt.timedelta(days=rnd.randrange(0, 75))
        app = s.application_submit(agency=ag, data={
            "applicant_type": "natural_person", "applicant_name": f"申请人{i}", "phone": "13800001234",
            "info_name": f"信息{i}"}, channel="in_person", received_on=received, actor=SYSTEM)
        fate = rnd.random()
        if fate < 0.6:
            close = cal.add_workdays(received, rnd.randrange(1, 30))
            if close <= TODAY:
                s.application_answer(application=app, outcome="granted", on=close, actor=SYSTEM, letter=False)


def _direct(ids: list[int], year: int, month: int | None, today: dt.date) -> dict[int, dict[str, int]]:
    """The definitions of selectors' docstring, counted one case at a time in Python."""
    if month:
        start = D(year, month, 1)
        end = (D(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    else:
        start, end = D(year, 1, 1), D(year, 12, 31)
    horizon = get_calendar().add_workdays(today, 3)
    out = {pk: dict.fromkeys(selectors.FIGURES, 0) for pk in ids}
    for app in Application.objects.filter(agency_id__in=ids):
        f = out[app.agency_id]
        is_open = app.status in OPEN_STATUSES
        if app.received_on and start <= app.received_on <= end:
            f["received"] += 1
        if not is_open and app.closed_on and start <= app.closed_on <= end:
            if app.due_on is not None and app.closed_on > app.due_on:
                f["closed_late"] += 1
            else:
                f["closed_on_time"] += 1
        if is_open and app.due_on is not None:
            if app.due_on < today:
                f["overdue_open"] += 1
            elif app.due_on <= horizon:
                f["due_soon"] += 1
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_equal_a_direct_count(tree: dict[str, Agency], seed: int) -> None:
    subs = [tree["county"], tree["a"], tree["b"], tree["sub"]]
    _make_cases(subs, 40, seed)
    _make_cases([tree["other"]], 5, seed + 100)
    late = s.application_submit(agency=tree["b"], data={"applicant_type": "natural_person", "applicant_name": "迟",
                                                        "info_name": "逾期样本"}, channel="in_person",
                                received_on=D(2026, 3, 2), actor=SYSTEM)
    s.application_answer(application=late, outcome="granted", on=D(2026, 4, 10), actor=SYSTEM, letter=False)
    ids = [x.pk for x in selectors.subordinates(tree["county"])]
    assert set(ids) == {x.pk for x in subs}
    seen_nonzero = set()
    for month in (None, 2, 3, 4):
        rows = selectors.figures(ids, year=2026, month=month, today=TODAY)
        direct = _direct(ids, 2026, month, TODAY)
        assert {r.agency_id: r.figures for r in rows} == direct
        seen_nonzero |= {k for r in rows for k, v in r.figures.items() if v}
        for k in selectors.FIGURES:  # the list behind a figure has exactly that many cases
            assert selectors.cases(ids, k, year=2026, month=month, today=TODAY).count() == sum(
                d[k] for d in direct.values())
    assert seen_nonzero == set(selectors.FIGURES)  # every figure was exercised by the data


def test_notes_issue_acknowledge_and_roles(tree: dict[str, Agency]) -> None:
    app = s.application_submit(agency=tree["a"], data={"applicant_type": "natural_person", "applicant_name": "甲",
                                                       "info_name": "招生计划"}, channel="in_person",
                               received_on=D(2026, 3, 2), actor=SYSTEM)
    viewer = member(tree["county"], Role.SUPERIOR_VIEWER)
    clerk_a = member(tree["a"], Role.CLERK)
    with pytest.raises(PermissionDenied):  # the agency cannot 督办 itself
        services.note_issue(application=app, text="请按期答复", actor=clerk_a)
    with pytest.raises(PermissionDenied):  # another tree's superior cannot either
        services.note_issue(application=app, text="请按期答复", actor=member(tree["other"], Role.ADMIN))
    with pytest.raises(ValidationError):
        services.note_issue(application=app, text="  ", actor=viewer)
    note = services.note_issue(application=app, text="请于3月27日前答复", actor=viewer)
    assert note.from_agency == tree["county"] and note.to_agency == tree["a"]
    with pytest.raises(PermissionDenied):  # the superior cannot sign for the agency
        services.note_acknowledge(note=note, response="已阅", actor=viewer)
    note = services.note_acknowledge(note=note, response="已安排专人办理", actor=clerk_a)
    assert note.acknowledged_at is not None
    with pytest.raises(ValidationError, match="已签收"):
        services.note_acknowledge(note=note, response="again", actor=clerk_a)
    acts = list(Event.objects.filter(object_id=str(app.pk), action__startswith="supervision.")
                .values_list("action", "agency_id"))
    assert acts == [("supervision.note_issued", tree["a"].pk), ("supervision.note_acknowledged", tree["a"].pk)]
    moments = selectors.time_axis(app)
    axis = [m.what for m in moments]
    assert [m.on for m in moments] == sorted(m.on for m in moments)
    assert axis[0] == "期限事项：收到申请" and "收到申请" in axis and "发出督办意见" in axis and "签收督办意见" in axis
    assert any(w.startswith("期限事项") for w in axis)


def test_pages_xlsx_api_and_scope(tree: dict[str, Agency], client: Client) -> None:
    _make_cases([tree["a"], tree["b"]], 12, 7)
    viewer = member(tree["county"], Role.SUPERIOR_VIEWER)
    client.force_login(viewer)
    year = 2026
    some = Application.objects.filter(agency=tree["a"]).first()
    assert some is not None
    services.note_issue(application=some, text="请说明办理进度", actor=viewer)
    page = client.get(f"/staff/supervision/{tree['county'].pk}/", {"year": year, "month": 3})
    assert page.status_code == 200 and "逾期未办结" in page.content.decode()
    assert "待签收的督办意见" in page.content.decode() and "请说明办理进度" in page.content.decode()
    client.force_login(member(tree["a"], Role.CLERK))  # the agency sees the note it must acknowledge
    assert "请说明办理进度" in client.get(f"/staff/supervision/{tree['a'].pk}/").content.decode()
    client.force_login(viewer)
    ids = [x.pk for x in selectors.subordinates(tree["county"])]
    rows = selectors.figures(ids, year=year, month=3)
    resp = client.get(f"/staff/supervision/{tree['county'].pk}/export.xlsx", {"year": year, "month": 3})
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    table = [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]
    assert [r[1:] for r in table[:-1]] == [[x.figures[k] for k in selectors.FIGURES] for x in rows]
    names = [r[0] for r in table]
    assert "'=HYPERLINK(\"http://x\",\"点此\")" in names  # formula-escaped (core.csvsafe)
    cell = next(c for c in ws["A"] if c.value and str(c.value).startswith("'="))
    assert cell.data_type == "s"
    api = client.get(f"/api/supervision/agencies/{tree['county'].pk}/{year}", {"month": 3}).json()
    assert [[r[k] for k in selectors.FIGURES] for r in api["rows"]] == [
        [x.figures[k] for k in selectors.FIGURES] for x in rows]
    assert api["totals"] == selectors.totals(rows)
    assert client.get(f"/staff/supervision/{tree['county'].pk}/", {"month": "13"}).status_code == 400
    client.force_login(member(tree["other"]))
    assert client.get(f"/staff/supervision/{tree['county'].pk}/").status_code == 404
    assert client.get(f"/api/supervision/agencies/{tree['county'].pk}/{year}").status_code == 404
    # a department head sees only its own subtree, not its sibling's
    head_a = member(tree["a"], Role.SUPERIOR_VIEWER)
    Membership.objects.filter(user=head_a).update(role=Role.SUPERIOR_VIEWER)
    client.force_login(head_a)
    assert client.get(f"/staff/supervision/{tree['county'].pk}/").status_code == 404
    own = client.get(f"/api/supervision/agencies/{tree['a'].pk}/{year}").json()
    assert {r["agency_id"] for r in own["rows"]} == {tree["a"].pk, tree["sub"].pk}
