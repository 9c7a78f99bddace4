"""One road from the ledgers to the tables (issue 10 item 2): many agencies at once equal each one alone
(figures and problems), every caller takes ``figures.tables``, and nothing missing becomes a silent 0.

The callers are checked by replacing ``figures.tables`` with a recording wrapper: a caller that filled
tables another way (or not at all) would leave the record empty and fail.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.agencies.models import Kind, Level, Role
from gongkai.appeals.selectors import Table4Row
from gongkai.catalog.selectors import FlatRows
from gongkai.formats import get_format
from gongkai.reports import figures, rollup, services
from gongkai.reports.assemble import live_data
from gongkai.reports.checks import check_tables, evaluate, table_plan
from gongkai.reports.data import Cell, Number, ReportData
from tests.conftest import AgencyFactory, member
from tests.reports.helpers import appeal, application, ledger


@pytest.mark.django_db
@pytest.mark.parametrize("era, year", [("2021", 2025), ("2019", 2025), ("pre2019", 2018)])
def test_many_agencies_equal_each_alone(era: str, year: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from gongkai.appeals import selectors as appeal_sel
    from gongkai.applications import demo as app_demo
    from gongkai.applications import selectors as app_sel
    from gongkai.catalog import demo as cat_demo
    from gongkai.catalog import selectors as cat_sel
    from gongkai.catalog.models import PeriodFigures

    generated = [AgencyFactory() for _ in range(4)]
    opts = {"records": 12, "applications": 10, "year": year, "index": False}
    cat_demo.scale(generated, opts)
    app_demo.scale(generated, opts)
    consistent, broken, empty = AgencyFactory(), AgencyFactory(), AgencyFactory()
    ledger(consistent, year)
    ledger(broken, year)
    # Closed (in the year) before it was received (next year): counted in 总计, in neither 一 nor 二.
    application(broken, received=dt.date(year + 1, 1, 5), closed=dt.date(year, 12, 30), outcome="granted",
                applicant_type="research")
    application(broken, received=dt.date(year, 6, 1), closed=dt.date(year, 6, 9), outcome="other.fee_unpaid")
    # With ledger()'s other.no_correction (research): two outcomes in one 2019 （六）其他处理 cell.
    application(broken, received=dt.date(year, 7, 1), closed=dt.date(year, 7, 9), outcome="other.other",
                applicant_type="research")
    appeal(broken, kind="review", filed=dt.date(year, 2, 1), outcome="corrected", decided=dt.date(year, 5, 1))
    PeriodFigures.objects.create(agency=broken, period_start=dt.date(year, 1, 1), period_end=dt.date(year, 6, 30),
                                 licensing=4, penalty=2, coercion=1, fees="0.35")
    ids = [a.pk for a in (*generated, consistent, broken, empty)]
    # With and without WHERE … IN (…) in the ledgers' grouped selectors.
    for limit in (cat_sel.SCOPE_LIMIT, 0):
        monkeypatch.setattr(cat_sel, "SCOPE_LIMIT", limit)
        monkeypatch.setattr(app_sel, "TABLE3_SCOPE_LIMIT", limit)
        monkeypatch.setattr(appeal_sel, "SCOPE_LIMIT", limit)
        many = figures.tables(ids, year, era=era)
        assert set(many.ids) == set(ids)
        found = many.all_problems()
        for aid in ids:
            one = figures.compute(aid, year, era=era)
            assert many.report(aid).tables == one.tables, aid
            assert many.problems(aid) == check_tables(one) == found.get(aid, []), aid
        if era != "pre2019":
            assert [(p.rule, p.column) for p in found[broken.pk]] == [("R1", "research"), ("R1", "total")]
            assert set(found) == {broken.pk}
    if era == "pre2019":
        return
    assert sum(sum(v for v in many.values(a)["table3"] if v) for a in ids[:4]) > 0  # generated ledgers count
    other = ("other", "research") if era == "2019" else ("other.other", "research")
    assert many.report(broken.pk).value("table3", *other) == (2 if era == "2019" else 1)
    assert many.report(broken.pk).value("table2", "licensing", "decisions") == 4


@pytest.mark.django_db
def test_pre2019_counts_each_application_once(agency: Any) -> None:
    """The 统计表 rows drawn from Table 3 count cases, not cases plus their 总计 column (it did, twice)."""
    ledger(agency, 2018)
    data = figures.compute(agency.pk, 2018, era="pre2019")
    assert data.value("stats", "app.received", "value") == 6  # ledger(): 6 received in the year
    assert data.value("stats", "app.concluded", "value") == 5
    assert data.value("stats", "app.answered.granted", "value") == 2
    assert data.value("stats", "app.answered.partial", "value") == 1
    assert data.value("stats", "app.answered.denied.other_law", "value") == 1  # denied.third_party
    assert data.value("stats", "app.answered", "value") == 4  # derived by P3 (other.no_correction has no row)
    assert data.value("stats", "review.total", "value") == 1  # derived by P5
    assert data.value("stats", "org.staff", "value") == 0


@pytest.mark.django_db
def test_a_selector_leaving_out_an_agency_is_an_error_not_zero(agency: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(figures, "table4_by_agency", lambda ids, year: FlatRows[Table4Row]({}, {}, Table4Row))
    with pytest.raises(KeyError):
        figures.tables([agency.pk], 2025)


@pytest.mark.django_db
def test_an_outcome_without_a_row_is_an_error_not_dropped(agency: Any) -> None:
    application(agency, received=dt.date(2025, 3, 1), closed=dt.date(2025, 3, 9), outcome="no.such.outcome")
    with pytest.raises(KeyError):
        figures.tables([agency.pk], 2025)


@pytest.mark.django_db
@pytest.mark.parametrize("received", [dt.date(2025, 3, 1), dt.date(2026, 1, 5)])  # in 一, or only in 三 (closed)
@pytest.mark.parametrize("limit", [200, 0])  # with and without WHERE agency_id IN (…)
def test_an_undeclared_applicant_type_is_an_error_not_dropped(agency: Any, monkeypatch: pytest.MonkeyPatch,
                                                              received: dt.date, limit: int) -> None:
    from gongkai.applications import selectors as app_sel

    monkeypatch.setattr(app_sel, "TABLE3_SCOPE_LIMIT", limit)
    application(agency, received=dt.date(2025, 2, 1), closed=dt.date(2025, 2, 9), outcome="granted")
    figures.tables([agency.pk], 2025)  # declared types only: fine
    application(agency, received=received, closed=dt.date(2025, 12, 30), outcome="granted",
                applicant_type="no_such_type")
    with pytest.raises(KeyError, match="undeclared applicant type"):
        figures.tables([agency.pk], 2025)


def test_unknown_era_is_refused() -> None:
    with pytest.raises(ValueError, match="不能生成"):
        figures.layout("narrative")


def _report(era: str) -> ReportData:
    """A 2021/2019 report with every kind of figure the evaluator's slow paths must handle."""
    fmt = get_format(era)
    data = ReportData(year=2025, era=era, source="ledgers")
    for t in ("table2", "table3", "table4"):
        for row, col in fmt.table(t).cells():
            data.set(t, row.key, col.key, Cell(3))
    t2 = [(r.key, c.key) for r, c in fmt.table("table2").cells()]
    data.set("table2", *t2[0], Cell(-2))
    data.set("table2", *t2[1], Cell(Decimal("1.5")))
    data.set("table2", *t2[2], Cell(None))
    data.set("table3", "new_received", "natural_person", Cell(-1))
    data.set("table3", "granted", "commercial", Cell(Decimal("2.5")))
    data.set("table3", "partial", "total", Cell(None))  # a blank 总计 is not checked (R3)
    data.set("table3", "total", "research", Cell(None))  # a blank cell counts 0 in R1/R2 (generated: strict)
    data.set("table4", "all", "review.total", Cell(7))
    return data


@pytest.mark.parametrize("era", ["2021", "2019"])
def test_one_evaluator_for_cells_and_numbers(era: str) -> None:
    data = _report(era)
    expected = check_tables(data)
    assert {p.rule for p in expected} >= {"R1", "R2", "R3", "R4", "T4.review", "T2.nonnegative"}
    lay = figures.layout(era)
    on_numbers = [p for t in lay.keys
                  for p in evaluate(table_plan(era, t), [data.tables[t][k].value for k in lay.keys[t]])]
    assert on_numbers == expected
    ok = figures.Tables(2025, era, lay, [1], {t: [[0] for _ in lay.keys[t]] for t in lay.keys})
    assert ok.problems(1) == [] == check_tables(ok.report(1))


@pytest.mark.parametrize("era", ["2021", "2019", "pre2019"])
def test_the_column_screen_leaves_out_only_lists_without_problems(era: str) -> None:
    """``Tables.problems`` (screen per column, then ``evaluate`` on what it cannot pass) equals ``evaluate``
    on every agency's lists: all zeros with one figure changed — a count, a negative, a fraction, a whole
    Decimal, a blank — so some lists pass and some do not."""
    rnd = random.Random(10)
    lay = figures.layout(era)
    changes: list[Number | None] = [5, -1, Decimal("1.5"), Decimal("2"), None, 0]
    lists: dict[str, list[list[Number | None]]] = {t: [] for t in lay.keys}
    for _ in range(400):
        for table, keys in lay.keys.items():
            vec: list[Number | None] = [0] * len(keys)
            vec[rnd.randrange(len(keys))] = rnd.choice(changes)
            lists[table].append(vec)
    ids = list(range(1, 401))
    columns = {t: [tuple(c) for c in zip(*vs, strict=True)] for t, vs in lists.items()}
    many = figures.Tables(2025, era, lay, ids, columns)
    found = [many.problems(aid) for aid in ids]
    assert found == [[p for t in lay.keys for p in evaluate(lay.plans[t], lists[t][i])] for i in range(400)]
    assert 50 < sum(1 for f in found if f) < 350  # both kinds present
    assert many.all_problems() == {aid: f for aid, f in zip(ids, found, strict=True) if f}


def test_engine_plan_leaves_out_only_equations_that_hold_by_derivation() -> None:
    lay = figures.layout("2021")
    full, engine = table_plan("2021", "table3"), lay.plans["table3"]
    left_out = {(r.id, c.row, c.column) for r, cs, _ in full.steps for c in cs} - {
        (r.id, c.row, c.column) for r, cs, _ in engine.steps for c in cs}
    assert {rule for rule, _row, _col in left_out} == {"R2", "R3"}  # 总计 derived from exactly their parts
    kept = {(r.id, c.row) for r, cs, _ in engine.steps for c in cs}
    assert ("R3", "total") in kept and ("R1", "new_received") in kept  # derived otherwise, or not derived


# ---------------------------------------------------------------- every caller takes the road

@pytest.fixture
def road(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[int], int, str]]:
    """Record every call of ``figures.tables`` (the engine's entry point) and pass it through."""
    calls: list[tuple[list[int], int, str]] = []
    real = figures.tables

    def spy(agency_ids: Any, year: int, *, era: str = "2021", entered: Any = None) -> figures.Tables:
        ids = sorted(agency_ids)
        calls.append((ids, year, era))
        return real(ids, year, era=era, entered=entered)

    monkeypatch.setattr(figures, "tables", spy)
    return calls


@pytest.fixture
def county(db: Any) -> dict[str, Any]:
    gov = AgencyFactory(name="某县人民政府", level=Level.COUNTY, kind=Kind.GOVERNMENT)
    depts = [AgencyFactory(name=f"某县第{i}局", parent=gov) for i in range(3)]
    ledger(depts[0])
    ledger(depts[1])
    # depts[1] breaks R1 (closed in 2025, received in 2026): the overview must show it.
    application(depts[1], received=dt.date(2026, 1, 5), closed=dt.date(2025, 12, 30), outcome="granted")
    return {"gov": gov, "depts": depts, "viewer": member(gov, Role.SUPERIOR_VIEWER)}


def test_superior_overview_takes_the_engine(client: Any, county: dict[str, Any], road: list[Any]) -> None:
    depts = county["depts"]
    client.force_login(county["viewer"])
    page = client.get("/staff/reports/rollup/?year=2025").content.decode()
    assert road == [(sorted(d.pk for d in depts), 2025, "2021")]  # all subordinates, one call
    assert page.count('data-errors="0"') == 2 and 'data-errors="2"' in page  # R1 in 自然人 and 总计
    assert "2处不一致" in page


def test_superior_overview_checks_frozen_figures_of_submitted_reports(county: dict[str, Any],
                                                                      road: list[Any]) -> None:
    depts = county["depts"]
    clerk = member(depts[0], Role.CLERK, Role.APPROVER)
    rep = services.report_create(agency=depts[0], year=2025, actor=clerk)
    services.report_update(report=rep, actor=clerk, narrative={"overview": "a", "problems": "b", "other": "c"})
    services.report_act(report=rep, action="submit", actor=clerk)
    road.clear()
    rows = {s.agency.pk: s for s in rollup.overview(depts, 2025, era="2021", today=dt.date(2026, 1, 20))}
    assert road == [(sorted([depts[1].pk, depts[2].pk]), 2025, "2021")]  # the submitted one is frozen
    assert rows[depts[1].pk].error_count == 2 and rows[depts[0].pk].error_count == 0


def test_rollup_takes_the_engine(county: dict[str, Any], road: list[Any]) -> None:
    rollup.aggregate(county["depts"], 2025)
    assert road == [(sorted(d.pk for d in county["depts"]), 2025, "2021")]


def test_report_all_takes_the_engine(tmp_path: Path, county: dict[str, Any], road: list[Any]) -> None:
    out = tmp_path / "all.json"
    with pytest.raises(SystemExit) as exited:  # depts[1] has errors: exit status 1
        call_command("report", "--all", "2025", "--out", str(out), stdout=io.StringIO())
    assert exited.value.code == 1
    everyone = sorted([county["gov"].pk, *(d.pk for d in county["depts"])])
    assert road == [(everyone, 2025, "2021")]
    found = {a["name"]: a for a in json.loads(out.read_text(encoding="utf-8"))["agencies"]}
    assert found["某县第1局"]["errors"] == 2 and found["某县第0局"]["errors"] == 0
    assert [p["rule"] for p in found["某县第1局"]["problems"]] == ["R1", "R1"]
    csv_out = tmp_path / "all.csv"
    with pytest.raises(SystemExit):
        call_command("report", "--all", "2025", "--out", str(csv_out), stdout=io.StringIO())
    lines = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "机关代码,机关名称,错误,提示,问题" and len(lines) == 5


def test_report_all_refuses_bad_use(tmp_path: Path, db: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="用法"):
        call_command("report", "--all", "某局", "2025", "--out", str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match=r"\.json 或 \.csv"):
        call_command("report", "--all", "2025", "--out", str(tmp_path / "x.pdf"))


def test_single_report_page_api_and_cli_take_the_engine(client: Any, tmp_path: Path, county: dict[str, Any],
                                                        road: list[Any]) -> None:
    dept = county["depts"][0]
    clerk = member(dept, Role.CLERK)
    rep = services.report_create(agency=dept, year=2025, actor=clerk)
    road.clear()
    live_data(rep)
    assert road == [([dept.pk], 2025, "2021")]
    road.clear()
    client.force_login(clerk)
    assert client.get(f"/staff/reports/{rep.pk}/").status_code == 200
    assert ([dept.pk], 2025, "2021") in road
    road.clear()
    assert client.get(f"/api/reports/agencies/{dept.pk}/2025/figures").status_code == 200
    assert road == [([dept.pk], 2025, "2021")]
    road.clear()
    call_command("report", dept.code, "2024", "--out", str(tmp_path / "r.json"), stdout=io.StringIO(),
                 stderr=io.StringIO())
    assert road == [([dept.pk], 2024, "2021")]


def test_overview_with_an_unknown_format_says_so(client: Any, county: dict[str, Any]) -> None:
    client.force_login(county["viewer"])
    response = client.get("/staff/reports/rollup/?year=2025&era=narrative")
    assert response.status_code == 200
    assert "未知的年报格式" in response.content.decode()
