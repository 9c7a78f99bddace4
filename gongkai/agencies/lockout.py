"""Login lockout as staff administration sees it: the client address used for lockouts and rate limits,
and which users are currently locked out (django-axes rows), scoped to what an admin may unlock.

django-axes counts failures per (username, client IP) and refuses the pair after
``AXES_FAILURE_LIMIT`` failures until ``AXES_COOLOFF_TIME`` has passed. This module only reads those
rows; clearing them is ``services.login_unlock`` (one transaction, one event).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.agencies.models import Agency, Membership
from gongkai.core import clock


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry ``GONGKAI_PROXY_COUNT`` trusted proxies vouch for.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the N-th entry
    from the right; anything further left was written by the client and is ignored (spoofable).
    """
    remote = str(request.META.get("REMOTE_ADDR") or "0.0.0.0")
    count = int(getattr(settings, "GONGKAI_PROXY_COUNT", 0))
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    if count <= 0 or not forwarded:
        return remote
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    if not hops:
        return remote
    candidate = hops[-min(count, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


@dataclass(frozen=True)
class LockedUser:
    username: str
    full_name: str
    ip_address: str
    failures: int
    last_attempt: dt.datetime
    unlocks_at: dt.datetime


def _cooloff() -> dt.timedelta:
    value = settings.AXES_COOLOFF_TIME
    if isinstance(value, dt.timedelta):
        return value
    return dt.timedelta(hours=float(value or 0))


def _locked_pairs() -> list[dict[str, object]]:
    """(username, ip) pairs over the limit within the cool-off; axes sums rows that differ by user agent."""
    since = clock.now() - _cooloff()
    return list(AccessAttempt.objects.filter(attempt_time__gte=since)
                .values("username", "ip_address")
                .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
                .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
                .order_by("-last"))


def unlockable_users(agency: Agency | None) -> QuerySet[User]:
    """Users an admin of ``agency`` may unlock: its members, never platform admins (theirs to unlock).

    ``agency`` None means platform-wide (anyone), which only a platform admin reaches (views check).
    """
    users: QuerySet[User] = get_user_model().objects.all()
    if agency is not None:
        member_ids = Membership.objects.filter(agency=agency).values("user_id")
        users = users.filter(pk__in=member_ids, is_superuser=False)
    return users


def locked_users(agency: Agency | None) -> list[LockedUser]:
    """Currently locked-out (username, IP) pairs among the users an admin of ``agency`` may unlock."""
    pairs = _locked_pairs()
    if not pairs:
        return []
    names = {str(p["username"]) for p in pairs if p["username"]}
    users = {u.get_username(): u for u in unlockable_users(agency).filter(username__in=names)}
    cooloff = _cooloff()
    out: list[LockedUser] = []
    for p in pairs:
        username = str(p["username"] or "")
        user = users.get(username)
        # The platform-wide view also lists guessed names that match no account (evidence of an attack).
        if user is None and (agency is not None or not username):
            continue
        last = p["last"]
        assert isinstance(last, dt.datetime)
        out.append(LockedUser(
            username=username, full_name=user.get_full_name() if user is not None else "",
            ip_address=str(p["ip_address"] or ""), failures=int(str(p["failures"])), last_attempt=last,
            unlocks_at=last + cooloff,
        ))
    return out


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, object] | None = None) -> HttpResponse:
    """The page django-axes returns instead of a login while the (username, IP) pair is locked out."""
    minutes = max(1, int(_cooloff().total_seconds() // 60))
    return render(request, "agencies/lockout.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes,
    }, status=int(settings.AXES_HTTP_RESPONSE_CODE))
