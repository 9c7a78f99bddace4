"""Table 2, channel, category and timeliness figures come from SQL over the catalog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from gongkai.catalog import selectors, services
from gongkai.core.actors import SYSTEM
from tests.catalog.helpers import draft, publish

T25 = dt.datetime(2025, 6, 2, 2, tzinfo=dt.UTC)
T26 = dt.datetime(2026, 4, 1, 2, tzinfo=dt.UTC)


def test_table2_counts_from_publication_and_repeal_dates(org: dict[str, Any]) -> None:
    ids = [org["agency"].pk]
    a = publish(org, draft(org, kind="normative", formed_on=dt.date(2025, 5, 20)), now=T25)
    b = publish(org, draft(org, kind="normative", formed_on=dt.date(2025, 5, 20)), now=T25)
    publish(org, draft(org, kind="regulation", formed_on=dt.date(2026, 3, 20)), now=T26)
    c = publish(org, draft(org, kind="normative", formed_on=dt.date(2026, 3, 20)), now=T26)
    publish(org, draft(org, formed_on=dt.date(2026, 3, 20)), now=T26)  # untagged: not in Table 2
    services.record_repeal(record=a, validity="repealed", on=dt.date(2026, 4, 1), replaced_by=c,
                           actor=org["approver"])
    services.record_repeal(record=b, validity="expired", on=dt.date(2027, 1, 1), actor=org["approver"])
    services.period_figures_save(agency=org["agency"], period_start=dt.date(2026, 1, 1),
                                 period_end=dt.date(2026, 6, 30), licensing=120, penalty=8, coercion=1,
                                 fees="12.5", actor=org["clerk"])
    services.period_figures_save(agency=org["agency"], period_start=dt.date(2026, 7, 1),
                                 period_end=dt.date(2026, 12, 31), licensing=30, penalty=2, fees="0.3456",
                                 actor=org["clerk"])
    f25 = selectors.table2_figures(ids, 2025)
    assert (f25["normative.issued"], f25["normative.repealed"], f25["normative.in_force"]) == (2, 0, 2)
    f26 = selectors.table2_figures(ids, 2026)
    assert (f26["normative.issued"], f26["normative.repealed"], f26["normative.in_force"]) == (1, 1, 2)
    assert (f26["regulation.issued"], f26["regulation.repealed"], f26["regulation.in_force"]) == (1, 0, 1)
    assert (f26["licensing"], f26["penalty"], f26["coercion"]) == (150, 10, 1)
    assert f26["fees"] == Decimal("12.8456")
    assert selectors.table2_figures(ids, 2024)["fees"] == Decimal("0")


def test_channel_and_category_counts(org: dict[str, Any]) -> None:
    ids = [org["agency"].pk]
    r = publish(org, draft(org), now=T26)
    publish(org, draft(org, category=services.category_named(org["agency"], "工作动态", actor=SYSTEM)), now=T26)
    services.channel_publication_add(record=r, channel="gazette", published_on=dt.date(2026, 4, 15),
                                     link="http://example.gov.cn/gb/1", actor=org["clerk"])
    services.channel_tally_save(agency=org["agency"], channel="weibo", period_start=dt.date(2026, 1, 1),
                                period_end=dt.date(2026, 12, 31), count=340, actor=org["clerk"])
    services.channel_tally_save(agency=org["agency"], channel="weibo", period_start=dt.date(2026, 1, 1),
                                period_end=dt.date(2026, 12, 31), count=345, actor=org["clerk"])  # replaces
    counts = selectors.channel_counts(ids, 2026)
    assert counts == {"gazette": 1, "weibo": 345, "wechat": 0, "other": 0, "website": 2}
    cats = selectors.category_counts(ids, 2026)
    assert cats == [{"category": "工作动态", "count": 1}, {"category": "政策法规", "count": 1}]


def test_timeliness(org: dict[str, Any]) -> None:
    ids = [org["agency"].pk]
    on_time = draft(org, formed_on=dt.date(2026, 3, 20))
    publish(org, on_time, now=dt.datetime(2026, 4, 1, 2, tzinfo=dt.UTC))
    late = draft(org, formed_on=dt.date(2026, 1, 5))  # due 2026-02-02
    publish(org, late, now=dt.datetime(2026, 3, 1, 2, tzinfo=dt.UTC))
    draft(org, formed_on=dt.date(2026, 9, 1))  # due 2026-09-29 (before 国庆), pending → overdue by 11-23
    draft(org, formed_on=dt.date(2026, 11, 20))  # not yet due
    counts = selectors.timeliness_counts(ids, 2026, today=dt.date(2026, 11, 23))
    assert counts == {"published": 2, "late": 1, "overdue_pending": 1, "unknown_due": 0}
    assert [r.formed_on for r in selectors.overdue_drafts(ids, today=dt.date(2026, 11, 23))] == [dt.date(2026, 9, 1)]
    assert list(selectors.late_publications(ids, 2026)) == [late]


def test_missing_calendar_year_is_not_guessed(org: dict[str, Any]) -> None:
    r = draft(org, formed_on=dt.date(2026, 12, 20))  # 20 workdays runs into 2027 (no data)
    assert r.due_on is None
    assert selectors.timeliness_counts([org["agency"].pk], 2026, today=dt.date(2026, 12, 21))["unknown_due"] == 1
