"""CSV cells that a spreadsheet cannot run: the one escaping rule used by every CSV export.

Excel, WPS and LibreOffice treat a cell beginning with ``=``, ``+``, ``-`` or ``@`` (and, after a tab or
line break, the same) as a formula, so an agency or record named ``=HYPERLINK("http://…","点此")``
would become a live link or command in the exporting clerk's spreadsheet (CSV/formula injection).
``escape`` prefixes such a cell with an apostrophe, which spreadsheets show as text; plain numbers
(``-5``, ``+3.5``) are left alone because a spreadsheet reads them as numbers, not formulas. ``unescape``
reverses it for CSV files the platform reads back (the agency import), so export → import round-trips.
``writer``/``dict_writer`` wrap the standard ``csv`` writers so no call site can forget the rule.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import IO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def escape(value: object) -> str:
    """``value`` as CSV cell text that no spreadsheet evaluates."""
    text = "" if value is None else str(value)
    # The csv module quotes a field holding "\n" but not a lone "\r" (unless it is in the line terminator),
    # and a spreadsheet starts a new row at an unquoted "\r": the rest of the cell would be a fresh cell.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape(text: str) -> str:
    """The original text of a cell written by ``escape`` (for reading our own exports back)."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` whose every cell passes through ``escape``."""

    def __init__(self, fh: IO[str], **kwargs: str) -> None:
        self._writer = csv.writer(fh, **kwargs)  # type: ignore[arg-type]

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([escape(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """``csv.DictWriter`` whose every cell passes through ``escape`` (header names are ours)."""

    def __init__(self, fh: IO[str], fieldnames: list[str], **kwargs: str) -> None:
        self._writer = csv.DictWriter(fh, fieldnames=fieldnames, **kwargs)  # type: ignore[arg-type]

    def writeheader(self) -> None:
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, object]) -> None:
        self._writer.writerow({k: escape(v) for k, v in row.items()})


def writer(fh: IO[str], **kwargs: str) -> SafeWriter:
    return SafeWriter(fh, **kwargs)


def dict_writer(fh: IO[str], fieldnames: list[str], **kwargs: str) -> SafeDictWriter:
    return SafeDictWriter(fh, fieldnames, **kwargs)
