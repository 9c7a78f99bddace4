"""Processing fees (信息处理费) as pure functions over the tiers of 国办函〔2020〕109号 (spec §2.2).

The law is declared once here as data: the per-piece bands (按件计收, cumulative for one applicant
within one natural month) and the per-page bands (按量计收, pages of one application). Both methods
are progressive on the excess (超额累进, Art. 3); one method per application. Amounts are whole 元
(``int``). Nothing here touches the database or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SOURCE = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


class Method(StrEnum):
    PIECES = "pieces"  # 按件计收 (Art. 3–4 of 109号)
    PAGES = "pages"  # 按量计收 (Art. 3, 5 of 109号)


METHOD_LABELS = {Method.PIECES: "按件计收", Method.PAGES: "按量计收"}


@dataclass(frozen=True)
class Band:
    """Units ``first``..``last`` (inclusive; ``last=None`` = no upper bound) cost ``price`` 元 each."""

    first: int
    last: int | None
    price: int
    label: str


# 按量计收: pages of one application (109号; spec §2.2).
PAGE_BANDS: tuple[Band, ...] = (
    Band(1, 30, 0, "30页以下（含30页）不收费"),
    Band(31, 100, 10, "31—100页（含100页）的部分：10元/页"),
    Band(101, 200, 20, "101—200页（含200页）的部分：20元/页"),
    Band(201, None, 40, "201页以上的部分：40元/页"),
)

# 按件计收: pieces of one applicant within one natural month, cumulative (109号; spec §2.2).
PIECE_BANDS: tuple[Band, ...] = (
    Band(1, 10, 0, "10件以下（含10件）不收费"),
    Band(11, 30, 100, "11—30件（含30件）的部分：100元/件"),
)
# 31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件 (31–40: 200, 41–50: 300 …).
PIECE_OPEN_FROM = 31
PIECE_OPEN_STEP_UNITS = 10
PIECE_OPEN_START_PRICE = 200
PIECE_OPEN_STEP_PRICE = 100
PIECE_OPEN_LABEL = "31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件"

MAX_COUNT = 1_000_000  # sanity bound for quotes; larger requests are refused, not computed


class FeeInputError(ValueError):
    """A count that cannot be priced (negative, not an integer, or absurdly large)."""


def _check(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FeeInputError(f"{name}必须是整数")
    if value < 0:
        raise FeeInputError(f"{name}不能为负数")
    if value > MAX_COUNT:
        raise FeeInputError(f"{name}不能超过{MAX_COUNT}")


def _overlap(a: int, b: int, first: int, last: int | None) -> int:
    """How many of units a..b (inclusive) fall within first..last."""
    hi = b if last is None else min(b, last)
    lo = max(a, first)
    return max(0, hi - lo + 1)


def piece_price(k: int) -> int:
    """Price of the k-th piece (1-based) of one applicant in one natural month."""
    if k < 1:
        raise FeeInputError("件次从1开始")
    for band in PIECE_BANDS:
        if _overlap(k, k, band.first, band.last):
            return band.price
    return PIECE_OPEN_START_PRICE + PIECE_OPEN_STEP_PRICE * ((k - PIECE_OPEN_FROM) // PIECE_OPEN_STEP_UNITS)


def pieces_fee(count: int, prior: int = 0) -> int:
    """Fee in 元 for ``count`` more pieces when ``prior`` pieces were already counted this month."""
    _check("件数", count)
    _check("本月已计件数", prior)
    a, b = prior + 1, prior + count
    if count == 0:
        return 0
    total = sum(band.price * _overlap(a, b, band.first, band.last) for band in PIECE_BANDS)
    start = max(a, PIECE_OPEN_FROM)
    while start <= b:  # one step per 10-piece band touched
        band_index = (start - PIECE_OPEN_FROM) // PIECE_OPEN_STEP_UNITS
        band_last = PIECE_OPEN_FROM + (band_index + 1) * PIECE_OPEN_STEP_UNITS - 1
        end = min(b, band_last)
        total += (end - start + 1) * (PIECE_OPEN_START_PRICE + PIECE_OPEN_STEP_PRICE * band_index)
        start = end + 1
    return total


def pages_fee(pages: int) -> int:
    """Fee in 元 for the pages of one application."""
    _check("页数", pages)
    return sum(band.price * _overlap(1, pages, band.first, band.last) for band in PAGE_BANDS)


def quote(method: str, count: int, prior: int = 0) -> int:
    """Fee for ``count`` units by ``method`` ("pieces" uses ``prior``; "pages" must have prior 0)."""
    try:
        m = Method(method)
    except ValueError as exc:
        raise FeeInputError("计收方式必须是 pieces（按件）或 pages（按量）") from exc
    if m is Method.PIECES:
        return pieces_fee(count, prior)
    if prior:
        raise FeeInputError("按量计收只按一件申请的页数计算，不接受 prior")
    return pages_fee(count)


def bands(method: str) -> list[str]:
    """The tier labels of a method, for pages and notices that cite the standard."""
    if Method(method) is Method.PAGES:
        return [b.label for b in PAGE_BANDS]
    return [b.label for b in PIECE_BANDS] + [PIECE_OPEN_LABEL]
