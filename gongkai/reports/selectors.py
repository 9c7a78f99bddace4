"""Reads of annual reports with permission scope: the staff list, the superior office's view, and
the public list of published reports (the latest published version per agency and year)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from gongkai.agencies.access import is_platform_admin, readable_agencies
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.reports.models import AnnualReport
from gongkai.reports.workflow import Status


def superior_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies for which ``user`` is the superior office (subordinates of their superior/admin posts)."""
    if is_platform_admin(user):
        return Agency.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    paths = list(Membership.objects.filter(user=user, role__in=[Role.SUPERIOR_VIEWER, Role.ADMIN],
                                           agency__is_active=True).values_list("agency__path", flat=True))
    if not paths:
        return Agency.objects.none()
    cond = Q()
    for p in paths:
        cond |= Q(path__startswith=p)
    return Agency.objects.filter(cond).exclude(path__in=paths)


def visible_agencies(user: Any) -> QuerySet[Agency]:
    return Agency.objects.filter(Q(pk__in=readable_agencies(user).values("pk"))
                                 | Q(pk__in=superior_agencies(user).values("pk")))


def reports_for(user: Any) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(agency__in=visible_agencies(user)).select_related("agency")


def public_reports() -> QuerySet[AnnualReport]:
    return (AnnualReport.objects.filter(status=Status.PUBLISHED).select_related("agency")
            .order_by("-year", "agency__path", "-version"))
