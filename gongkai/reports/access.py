"""Who may read and act on an annual report (see workflow.py for the roles of each transition).

Readers: anyone who may read the agency's staff data (``gongkai.agencies.access.can_read``) and the
superior disclosure office. The superior office of an agency is every user holding ``superior_viewer``
or ``admin`` in one of its ancestor agencies; for a top-level agency, the platform admin.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.agencies.access import can_read, has_role, is_platform_admin
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.reports.workflow import Transition, actor


def ancestor_ids(agency: Agency) -> list[int]:
    return [int(x) for x in agency.path.strip("/").split("/") if x and int(x) != agency.pk]


def is_superior_office(user: Any, agency: Agency) -> bool:
    if is_platform_admin(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    ids = ancestor_ids(agency)
    if not ids:
        return False
    return Membership.objects.filter(user=user, agency_id__in=ids, agency__is_active=True,
                                     role__in=[Role.SUPERIOR_VIEWER, Role.ADMIN]).exists()


def can_read_report(user: Any, agency: Agency) -> bool:
    return can_read(user, agency) or is_superior_office(user, agency)


def require_read_report(user: Any, agency: Agency) -> None:
    if not can_read_report(user, agency):
        raise Http404("no such report")


def may(user: Any, agency: Agency, t: Transition) -> bool:
    if actor(t) == "superior":
        return is_superior_office(user, agency)
    return has_role(user, agency, *t.roles)


def require(user: Any, agency: Agency, t: Transition) -> None:
    if not may(user, agency, t):
        who = "上级政府信息公开工作主管部门" if actor(t) == "superior" else "本机关审批人、公开工作机构负责人或管理员"
        raise PermissionDenied(f"“{t.label}”需由{who}操作")
