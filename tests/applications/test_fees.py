"""Fee tiers of 国办函〔2020〕109号: the spec's vectors and properties of the progressive bands."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.applications.fees import FeeInputError, pages_fee, piece_price, pieces_fee, quote


@pytest.mark.parametrize(("pages", "fee"), [
    (0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (2219, 83460),
])
def test_page_vectors(pages: int, fee: int) -> None:
    assert pages_fee(pages) == fee


@pytest.mark.parametrize(("k", "price"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200),
                                          (41, 300), (50, 300), (51, 400)])
def test_piece_price_vectors(k: int, price: int) -> None:
    assert piece_price(k) == price
    assert pieces_fee(1, prior=k - 1) == price


def test_month_of_35_pieces() -> None:
    assert pieces_fee(35) == 3000


@given(st.integers(0, 400), st.integers(0, 400))
def test_pieces_cumulative_split(a: int, b: int) -> None:
    # counting a pieces then b more equals counting a+b at once, and equals the per-piece sum
    assert pieces_fee(a) + pieces_fee(b, prior=a) == pieces_fee(a + b)
    assert pieces_fee(a + b) == sum(piece_price(k) for k in range(1, a + b + 1))


@given(st.integers(0, 5000))
def test_pages_monotone_marginal(n: int) -> None:
    marginal = pages_fee(n + 1) - pages_fee(n)
    assert marginal in (0, 10, 20, 40)
    assert marginal == (0 if n < 30 else 10 if n < 100 else 20 if n < 200 else 40)


@pytest.mark.parametrize(("method", "count", "prior"), [("x", 1, 0), ("pages", -1, 0), ("pieces", 1, -2),
                                                         ("pages", 10, 3), ("pages", 10**9, 0)])
def test_bad_input(method: str, count: int, prior: int) -> None:
    with pytest.raises(FeeInputError):
        quote(method, count, prior)
