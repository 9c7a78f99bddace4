"""Bounded parsing of numeric request parameters (query strings and path segments).

This module owns the rule that a number taken from a URL is plain ASCII digits within the range its
use allows: an id fits a 64-bit primary key, a year lies in ``MIN_YEAR..MAX_YEAR``, a page number is
clamped to ``1..MAX_PAGE``. ``str.isdigit`` is not enough (it accepts ``²``, which ``int`` refuses) and
``int`` alone is not enough (``10**30`` overflows SQLite and ``datetime.date``). Filters that do not
parse raise ``BadRequest`` (Django answers with the Chinese 400 page); page numbers never fail.
"""

from __future__ import annotations

import re
from typing import Annotated

from django.core.exceptions import BadRequest
from django.http import HttpRequest
from pydantic import Field

MAX_ID = 2**63 - 1  # signed 64-bit: the range of SQLite INTEGER and PostgreSQL bigint primary keys
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_PAGE = 10_000
MAX_OFFSET = 1_000_000

_ASCII_INT = re.compile(r"-?[0-9]{1,20}")

# Annotated types for django-ninja signatures: out-of-range values answer 422 before the view runs.
ApiId = Annotated[int, Field(ge=1, le=MAX_ID)]
ApiYear = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
ApiOffset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]


def parse_int(raw: str | None, *, lo: int, hi: int) -> int | None:
    """The integer written in ``raw`` if it is plain ASCII digits within ``lo..hi``, else None."""
    text = (raw or "").strip()
    if not _ASCII_INT.fullmatch(text):
        return None
    value = int(text)
    return value if lo <= value <= hi else None


def _filter(request: HttpRequest, name: str, lo: int, hi: int, what: str, raw: str | None = None) -> int | None:
    text = request.GET.get(name, "") if raw is None else raw
    if not text.strip():
        return None
    value = parse_int(text, lo=lo, hi=hi)
    if value is None:
        raise BadRequest(f"{what}参数不正确")
    return value


def query_id(request: HttpRequest, name: str, raw: str | None = None) -> int | None:
    """An optional id filter (``?agency=12``): None when absent, 400 when not a valid id."""
    return _filter(request, name, 1, MAX_ID, "编号", raw)


def query_ids(request: HttpRequest, name: str) -> list[int]:
    """A repeated id filter (``?agency=1&agency=2``): every value must be a valid id."""
    return [v for raw in request.GET.getlist(name) if (v := query_id(request, name, raw)) is not None]


def query_year(request: HttpRequest, name: str = "year") -> int | None:
    """An optional year filter: None when absent, 400 outside ``MIN_YEAR..MAX_YEAR``."""
    return _filter(request, name, MIN_YEAR, MAX_YEAR, "年份")


def page_number(raw: str | None) -> int:
    """A page number for ``Paginator.get_page`` or an offset: junk is page 1, huge values are clamped."""
    text = (raw or "").strip()
    if not _ASCII_INT.fullmatch(text):
        return MAX_PAGE if re.fullmatch(r"[0-9]{21,}", text) else 1
    return min(max(int(text), 1), MAX_PAGE)


def is_out_of_range_id(value: object) -> bool:
    """True for a path value that is written as an integer but cannot be any stored row's key."""
    if isinstance(value, int):
        return not -MAX_ID <= value <= MAX_ID
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        return len(value) > 20 or not -MAX_ID <= int(value) <= MAX_ID
    return False
