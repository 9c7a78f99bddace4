"""Who may see and change which agency's non-public (staff) data.

Rules: a platform admin (superuser) sees and changes everything; a member of an agency sees that
agency's staff data and acts in the roles it holds there; a superior-office viewer additionally sees
every subordinate agency's staff data read-only. Nothing else is visible. Views answer 404 for an
agency the user may not read (no existence leak) and 403 for a missing role on a readable agency. The
system actor (``core.actors.SYSTEM``: scheduled and command-line work) counts as a platform admin.

Granting roles: an agency's admin grants the acting roles in that agency. A superior-viewer role in
agency A widens reads to A's whole subtree, so A's own admin may not grant it (that was a self-grant
of other agencies' data): it comes from an admin of an agency above A (any proper ancestor, which
already answers for A's subtree) or a platform admin. Enrolling a user who belongs to another agency
needs that agency's consent (``can_decide_enrolment``) or a platform admin.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.core.actors import Actor, is_system


def _memberships(user: Actor) -> list[tuple[int, str, str]]:
    """(agency id, agency path, role) for the user, cached on the user object for the request."""
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    cached = getattr(user, "_gongkai_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user, agency__is_active=True)
                      .values_list("agency_id", "agency__path", "role"))
        setattr(user, "_gongkai_memberships", cached)  # noqa: B010  (per-request cache on the user object)
    return cached


def is_platform_admin(user: Actor) -> bool:
    # The named system actor (core.actors.SYSTEM) does the scheduled and command-line work an admin
    # could do; it is never a login, so no request carries it.
    if is_system(user):
        return True
    return isinstance(user, User) and user.is_authenticated and user.is_superuser


def is_staff_user(user: Actor) -> bool:
    return is_platform_admin(user) or bool(_memberships(user))


def readable_agencies(user: Actor) -> QuerySet[Agency]:
    """Agencies whose staff data ``user`` may read."""
    if is_platform_admin(user):
        return Agency.objects.all()
    rows = _memberships(user)
    if not rows:
        return Agency.objects.none()
    cond = Q(pk__in={aid for aid, _p, _r in rows})
    for _aid, path, role in rows:
        if role == Role.SUPERIOR_VIEWER:
            cond |= Q(path__startswith=path)
    return Agency.objects.filter(cond)


def can_read(user: Actor, agency: Agency) -> bool:
    if is_platform_admin(user):
        return True
    for aid, path, role in _memberships(user):
        if aid == agency.pk:
            return True
        if role == Role.SUPERIOR_VIEWER and agency.path.startswith(path):
            return True
    return False


def roles_in(user: Actor, agency: Agency) -> set[str]:
    """Roles the user holds directly in ``agency`` (the roles that allow acting, not just reading)."""
    return {role for aid, _p, role in _memberships(user) if aid == agency.pk and role != Role.SUPERIOR_VIEWER}


def has_role(user: Actor, agency: Agency, *roles: str) -> bool:
    if is_platform_admin(user):
        return True
    held = roles_in(user, agency)
    return bool(held & set(roles)) if roles else bool(held)


def require_read(user: Actor, agency: Agency) -> None:
    if not can_read(user, agency):
        raise Http404("no such agency")


def require_role(user: Actor, agency: Agency, *roles: str) -> None:
    require_read(user, agency)
    if not has_role(user, agency, *roles):
        raise PermissionDenied("missing role")


def readable_agency_or_404(user: Actor, pk: int | str) -> Agency:
    try:
        agency = Agency.objects.get(pk=pk)
    except (Agency.DoesNotExist, ValueError) as exc:
        raise Http404("no such agency") from exc
    require_read(user, agency)
    return agency


def _ancestor_ids(agency: Agency) -> set[int]:
    """Ids of the agencies above ``agency`` (its materialized path minus itself)."""
    return {int(part) for part in agency.path.strip("/").split("/") if part} - {agency.pk}


def is_superior_admin(user: Actor, agency: Agency) -> bool:
    """Whether ``user`` is an admin of an agency above ``agency`` (parent, grandparent …)."""
    above = _ancestor_ids(agency)
    return any(role == Role.ADMIN and aid in above for aid, _p, role in _memberships(user))


def can_grant(user: Actor, agency: Agency, role: str) -> bool:
    """Whether ``user`` may give ``role`` in ``agency`` (see the module docstring)."""
    if is_platform_admin(user):
        return True
    if role == Role.SUPERIOR_VIEWER:
        return is_superior_admin(user, agency)
    return Role.ADMIN in roles_in(user, agency)


def grantable_roles(user: Actor, agency: Agency) -> list[tuple[str, str]]:
    """Role choices ``user`` may give in ``agency``, for forms."""
    return [(value, str(label)) for value, label in Role.choices if can_grant(user, agency, value)]


def can_decide_enrolment(user: Actor, member_of: set[int]) -> bool:
    """Whether ``user`` may accept a request for someone who belongs to the agencies ``member_of``.

    An admin of any agency the user already belongs to speaks for that account; a user who belongs
    nowhere (or is a platform admin) is the platform admins' to place.
    """
    if is_platform_admin(user):
        return True
    return any(role == Role.ADMIN and aid in member_of for aid, _p, role in _memberships(user))
