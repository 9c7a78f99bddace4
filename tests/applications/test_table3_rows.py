"""``Table3Rows``: the flat lists ``table3_by_agency`` returns give back each agency's ``Table3Row`` and its
columns in any order of agencies asked for."""

from __future__ import annotations

from gongkai.applications.selectors import COLUMNS, NO_CASES, Table3Row, Table3Rows


def _counts(*first: int) -> tuple[int, ...]:
    return (*first, *NO_CASES[len(first):])


def test_rows_round_trip_and_columns_follow_the_ids_asked_for() -> None:
    rows = {
        7: Table3Row(new_received=_counts(3, 1), carry_forward=_counts(0, 2), closed={"granted": _counts(2, 1)}),
        4: Table3Row(carried_over=_counts(5), closed={"denied.secret": _counts(0, 0, 4)}),
        9: Table3Row(),
    }
    flat = Table3Rows.of(rows)
    assert list(flat) == [7, 4, 9] and len(flat) == 3
    assert {aid: flat[aid] for aid in flat} == rows  # outcomes that do not occur for an agency stay out
    assert flat[9].closed == {}
    in_order = flat.columns(flat.flows["new_received"], [7, 4, 9])
    assert len(in_order) == len(COLUMNS) and in_order[0] == [3, 0, 0] and in_order[1] == [1, 0, 0]
    reordered = flat.columns(flat.closed["denied.secret"], [9, 4])
    assert reordered[2] == [0, 4] and reordered[0] == [0, 0]
