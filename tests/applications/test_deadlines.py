"""The answer clock (spec §1.4): properties required by issue 4, plus worked examples over the real 2026 calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications.deadlines import Entry, Kind, compute_due
from gongkai.workdays.counting import WorkdayCalendar, YearData

D = dt.date


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    """The statutory calendar 2004–2026 built from the same package data the database is seeded from
    (no database: the clock is pure, and this keeps these tests independent of test ordering)."""
    from chinese_calendar import constants

    holidays: dict[int, set[dt.date]] = {}
    makeup: dict[int, set[dt.date]] = {}
    for day in constants.holidays:
        holidays.setdefault(day.year, set()).add(day)
    for day in constants.workdays:
        makeup.setdefault(day.year, set()).add(day)
    return WorkdayCalendar(YearData(y, frozenset(holidays.get(y, set())), frozenset(makeup.get(y, set())))
                           for y in range(2004, 2027))


# received dates early enough in 2026 that every deadline below stays within 2026
received_dates = st.dates(D(2025, 1, 2), D(2026, 7, 31))
offsets = st.integers(0, 25)
H = settings(max_examples=60, deadline=None)


def rec(on: dt.date) -> Entry:
    return Entry(Kind.RECEIVED, on)


@H
@given(received=received_dates, a=offsets, length=st.integers(0, 20), ext=st.integers(0, 20), paid=st.booleans())
def test_due_is_always_a_workday(cal: WorkdayCalendar, received: dt.date, a: int, length: int, ext: int,
                                 paid: bool) -> None:
    op = received + dt.timedelta(days=a)
    entries = [rec(received), Entry(Kind.CONSULTATION_OPENED, op, ref="c1", party="third_party"),
               Entry(Kind.CONSULTATION_CLOSED, op + dt.timedelta(days=length), ref="c1"),
               Entry(Kind.FEE_NOTICE_RECEIVED, op, ref="f1")]
    if paid:
        entries.append(Entry(Kind.FEE_PAID, op + dt.timedelta(days=length // 2), ref="f1"))
    if ext:
        entries.append(Entry(Kind.EXTENSION_APPROVED, op, days=ext))
    res = compute_due(entries, cal)
    assert res.due is not None, res.error
    assert cal.is_workday(res.due)
    assert res.due > received


@H
@given(received=received_dates, a=offsets, length=st.integers(0, 30), party=st.sampled_from(["third_party",
                                                                                          "other_organ"]))
def test_adding_a_pause_never_makes_it_earlier(cal: WorkdayCalendar, received: dt.date, a: int, length: int,
                                               party: str) -> None:
    base = [rec(received), Entry(Kind.EXTENSION_APPROVED, received, days=5)]
    before = compute_due(base, cal).due
    op = received + dt.timedelta(days=a)
    paused = [*base, Entry(Kind.CONSULTATION_OPENED, op, ref="x", party=party),
              Entry(Kind.CONSULTATION_CLOSED, op + dt.timedelta(days=length), ref="x")]
    after = compute_due(paused, cal)
    assert before is not None and after.due is not None
    assert after.due >= before
    fee = [*paused, Entry(Kind.FEE_NOTICE_RECEIVED, op, ref="f")]
    with_fee = compute_due(fee, cal, fee_pauses_clock=True).due
    assert with_fee is not None and with_fee >= after.due
    assert compute_due(fee, cal, fee_pauses_clock=False).due == after.due


@H
@given(received=received_dates, n=st.integers(1, 20))
def test_extension_adds_exactly_n_workdays(cal: WorkdayCalendar, received: dt.date, n: int) -> None:
    before = compute_due([rec(received)], cal).due
    after = compute_due([rec(received), Entry(Kind.EXTENSION_APPROVED, received + dt.timedelta(days=10), days=n)],
                        cal).due
    assert before is not None and after is not None
    assert cal.workdays_between(before, after) == n
    assert cal.add_workdays(before, n) == after


@H
@given(received=received_dates, req=st.integers(0, 9), back=st.integers(0, 40))
def test_restart_after_correction_counts_from_its_receipt(cal: WorkdayCalendar, received: dt.date, req: int,
                                                          back: int) -> None:
    requested = received + dt.timedelta(days=req)
    corrected = requested + dt.timedelta(days=back)
    entries = [rec(received), Entry(Kind.CORRECTION_REQUESTED, requested, until=requested + dt.timedelta(days=15))]
    waiting = compute_due(entries, cal)
    assert waiting.due is None and waiting.state == "awaiting_correction"
    res = compute_due([*entries, Entry(Kind.CORRECTION_RECEIVED, corrected)], cal)
    assert res.due == cal.add_workdays(corrected, 20)
    assert res.start == corrected


def test_plain_twenty_workdays_over_spring_festival(cal: WorkdayCalendar) -> None:
    res = compute_due([rec(D(2026, 2, 6))], cal)
    assert res.due == D(2026, 3, 12)
    assert D(2026, 2, 17) in res.holidays  # Spring Festival skipped
    assert any("法定节假日" in line for line in res.lines())


def test_consultation_pause_worked_example(cal: WorkdayCalendar) -> None:
    # received Mon 2026-03-02 → plain due 2026-03-30. Consultation opened 03-04, answered 03-11:
    # the pause (03-04, 03-11] removes 5 workdays, so the due date moves 5 workdays later
    entries = [rec(D(2026, 3, 2)), Entry(Kind.CONSULTATION_OPENED, D(2026, 3, 4), ref="a", party="third_party"),
               Entry(Kind.CONSULTATION_CLOSED, D(2026, 3, 11), ref="a")]
    plain = compute_due([rec(D(2026, 3, 2))], cal).due
    assert plain == D(2026, 3, 30)
    res = compute_due(entries, cal)
    assert res.pauses[0].workdays == 5
    assert res.due == cal.add_workdays(D(2026, 3, 30), 5)


def test_open_consultation_projects_its_sub_deadline(cal: WorkdayCalendar) -> None:
    entries = [rec(D(2026, 3, 2)), Entry(Kind.CONSULTATION_OPENED, D(2026, 3, 2), ref="a", party="other_organ")]
    res = compute_due(entries, cal)
    assert res.pauses[0].projected and res.pauses[0].end == cal.add_workdays(D(2026, 3, 2), 15)
    assert res.due == cal.add_workdays(D(2026, 3, 2), 35)


def test_art35_deadline_is_kept_as_told(cal: WorkdayCalendar) -> None:
    res = compute_due([rec(D(2026, 3, 2)), Entry(Kind.ART35_DEADLINE_SET, D(2026, 3, 5), until=D(2026, 5, 2))],
                      cal)
    # 2026-05-02 is in the 劳动节 holiday: the applicant was told that day, so it is the deadline
    # (not rolled to 2026-05-06), and the clerk is warned to answer on a workday before it.
    assert not cal.is_workday(D(2026, 5, 2))
    assert res.art35_date == D(2026, 5, 2) and res.due == D(2026, 5, 2)
    assert any("不顺延" in w for w in res.warnings)


def test_late_correction_notice_is_warned(cal: WorkdayCalendar) -> None:
    res = compute_due([rec(D(2026, 3, 2)), Entry(Kind.CORRECTION_REQUESTED, D(2026, 3, 20)),
                       Entry(Kind.CORRECTION_RECEIVED, D(2026, 3, 23))], cal)
    assert any("晚于" in w for w in res.warnings)


def test_deadline_in_a_year_without_data_is_provisional(cal: WorkdayCalendar) -> None:
    res = compute_due([rec(D(2026, 12, 10))], cal)
    assert res.state == "running" and res.error == ""
    assert res.provisional and res.assumed_years == (2027,) and res.missing_year == 2027
    assert res.due == D(2027, 1, 7)  # 20 weekdays after 2026-12-10, no 2027 holiday known
    lines = res.lines()
    assert "答复截止日：2027-01-07（暂估）。" in lines
    assert any(line.startswith("暂估：2027年的节假日安排") for line in lines)
    assert not any(c.isascii() and c.isalpha() for line in lines for c in line)  # no English gloss


def test_no_receipt_is_explained_as_awaiting_confirmation(cal: WorkdayCalendar) -> None:
    res = compute_due([], cal)
    assert res.due is None and res.state == "awaiting_receipt"
    assert "确认收到" in res.lines()[0] and "第三十一条" in res.lines()[0]


def test_provisional_date_against_real_calendars() -> None:
    """Drop each year 2008–2026 in turn (as before its notice) and compare the provisional due date with
    the real one for every receipt day of October–December of the year before, with and without a
    20-workday extension. Holidays only push the real date later; a make-up Sunday before Spring
    Festival can pull it one day earlier (measured: 5 of 1,328; docs/applications.md, ADR 0010)."""
    from chinese_calendar import constants

    hol: dict[int, set[dt.date]] = {}
    mk: dict[int, set[dt.date]] = {}
    for day in constants.holidays:
        hol.setdefault(day.year, set()).add(day)
    for day in constants.workdays:
        mk.setdefault(day.year, set()).add(day)

    def without(skip: int | None) -> WorkdayCalendar:
        return WorkdayCalendar(YearData(y, frozenset(hol.get(y, ())), frozenset(mk.get(y, ())))
                               for y in range(2004, 2027) if y != skip)

    full = without(None)
    cases, earlier = 0, []
    for year in range(2008, 2027):
        part = without(year)
        day = dt.date(year - 1, 10, 1)
        while day <= dt.date(year - 1, 12, 31):
            for ext in (0, 20):
                entries = [rec(day)] + ([Entry(Kind.EXTENSION_APPROVED, day, days=ext)] if ext else [])
                prov = compute_due(entries, part)
                if prov.provisional:
                    real = compute_due(entries, full).due
                    assert prov.due is not None and real is not None
                    cases += 1
                    if real < prov.due:
                        earlier.append((real, prov.due, ext))
            day += dt.timedelta(days=1)
    assert cases == 1328
    assert len(earlier) == 5
    # each exception: one day, a 20-workday extension, and a make-up weekend day (调休上班) in the missing
    # year before the real date — the only way a day can be gained (2008-02-03, 2019-02-03, 2022-01-30)
    for real, prov, ext in earlier:
        first = dt.date(real.year, 1, 1)
        days = [first + dt.timedelta(days=i) for i in range((real - first).days + 1)]
        assert (prov - real).days == 1 and ext == 20
        assert any(d.weekday() >= 5 and full.is_workday(d) for d in days), real
