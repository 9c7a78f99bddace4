"""The time seam: the only place domain code asks for the current instant or the statutory date.

Statutory counting is done on dates in Asia/Shanghai (Principle 5): services take ``today`` or
``now`` as arguments and default to these functions, so tests can pin the clock.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    """The current instant, timezone-aware."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in Asia/Shanghai, the date that statutory periods count from."""
    return now().astimezone(SHANGHAI).date()


def local_date(instant: dt.datetime) -> dt.date:
    """The Asia/Shanghai calendar date of an instant."""
    return instant.astimezone(SHANGHAI).date()
