"""Writes to agencies and memberships (one transaction, one event each), and CSV import/export.

CSV import is all-or-nothing: every row is validated first; any error names the line and field and
nothing is written (bad input loses nothing). Rows are matched by issuer ``code``; a parent is named
by its ``parent_code`` and may appear anywhere in the file.

Staff accounts: every password set here passes Django's validators (AUTH_PASSWORD_VALIDATORS); role
grants obey ``access.can_grant``; a user who belongs elsewhere joins only through an accepted
``EnrolmentRequest``; a login lockout is cleared by ``login_unlock``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.agencies import access, lockout
from gongkai.agencies.models import (
    Agency,
    EnrolmentRequest,
    EnrolmentStatus,
    Kind,
    Level,
    Membership,
    Role,
    SsoIdentity,
)
from gongkai.core import clock, csvsafe, events
from gongkai.core.actors import Actor, person

CSV_FIELDS = [
    "code", "name", "short_name", "parent_code", "level", "kind", "office_name", "address",
    "office_hours", "phone", "fax", "web_contact", "email", "postcode", "index_date_format",
    "approval_levels", "fee_pauses_clock", "ordering", "is_active",
]
EDITABLE = [f for f in CSV_FIELDS if f not in ("code", "parent_code")]
_BOOL = {"1": True, "true": True, "yes": True, "是": True, "0": False, "false": False, "no": False, "否": False}


class AgencyImportError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _row_values(row: dict[str, str], line: int, errors: list[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in EDITABLE:
        raw = csvsafe.unescape((row.get(name) or "").strip())  # our export escapes formula-like cells
        if name in ("approval_levels", "ordering"):
            if raw:
                try:
                    values[name] = int(raw)
                except ValueError:
                    errors.append(f"第{line}行 {name}：“{raw}”不是整数")
        elif name in ("fee_pauses_clock", "is_active"):
            if raw:
                if raw.lower() not in _BOOL:
                    errors.append(f"第{line}行 {name}：“{raw}”应为 1/0")
                else:
                    values[name] = _BOOL[raw.lower()]
        elif name == "level" and raw and raw not in Level.values:
            errors.append(f"第{line}行 level：“{raw}”应为 {'/'.join(Level.values)}")
        elif name == "kind" and raw and raw not in Kind.values:
            errors.append(f"第{line}行 kind：“{raw}”应为 {'/'.join(Kind.values)}")
        else:
            if raw or name in row:
                values[name] = raw
    return values


@transaction.atomic
def agencies_import_csv(*, text: str, actor: Actor) -> ImportResult:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None or "code" not in reader.fieldnames or "name" not in reader.fieldnames:
        raise AgencyImportError(["CSV 缺少表头，至少需要 code 和 name 两列"])
    unknown = set(reader.fieldnames) - set(CSV_FIELDS)
    errors: list[str] = [f"未知的列：{', '.join(sorted(unknown))}"] if unknown else []
    rows: list[tuple[int, dict[str, str], dict[str, Any]]] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        code = (row.get("code") or "").strip()
        if not code:
            errors.append(f"第{line}行：code 为空")
            continue
        if code in seen:
            errors.append(f"第{line}行：code {code} 重复")
            continue
        seen.add(code)
        rows.append((line, row, _row_values(row, line, errors)))
    existing = {a.code: a for a in Agency.objects.filter(code__in=seen)}
    file_codes = seen
    for line, row, _values in rows:
        parent_code = (row.get("parent_code") or "").strip()
        if parent_code and parent_code not in file_codes and not Agency.objects.filter(code=parent_code).exists():
            errors.append(f"第{line}行：上级机关代码 {parent_code} 不存在")
    if errors:
        raise AgencyImportError(errors)

    result = ImportResult()
    by_code: dict[str, Agency] = {}
    # First pass: create or update without parents; second pass: link parents (order independent).
    for line, row, values in rows:
        code = row["code"].strip()
        agency = existing.get(code)
        before = events.snapshot(agency) if agency else None
        if agency is None:
            agency = Agency(code=code)
            for k, v in values.items():
                setattr(agency, k, v)
        else:
            for k, v in values.items():
                setattr(agency, k, v)
        try:
            agency.full_clean(exclude=["parent", "path"])
        except ValidationError as exc:
            msgs = [f"{k}：{'；'.join(v)}" for k, v in exc.message_dict.items()]
            raise AgencyImportError([f"第{line}行：{m}" for m in msgs]) from exc
        agency.save()
        by_code[code] = agency
        agency._import_before = before  # type: ignore[attr-defined]
    for line, row, _values in rows:
        agency = by_code[row["code"].strip()]
        parent_code = (row.get("parent_code") or "").strip()
        parent = by_code.get(parent_code) or (Agency.objects.get(code=parent_code) if parent_code else None)
        if parent is not None and f"/{agency.pk}/" in (parent.path or f"/{parent.pk}/"):
            raise AgencyImportError([f"第{line}行：上级机关形成循环"])
        agency.parent = parent
        agency.save()
    for _line, row, _values in rows:
        agency = by_code[row["code"].strip()]
        agency.refresh_from_db()
        before = agency._import_before if hasattr(agency, "_import_before") else None
        after = events.snapshot(agency, exclude=["path"])
        if before is None:
            result.created.append(agency.code)
            events.record(action="agency.created", obj=agency, agency=agency, actor=actor, after=after,
                          note="CSV import")
        else:
            before.pop("path", None)
            if before != after:
                result.updated.append(agency.code)
                events.record(action="agency.updated", obj=agency, agency=agency, actor=actor,
                              before=before, after=after, note="CSV import")
            else:
                result.unchanged.append(agency.code)
    return result


def agencies_export_csv(agencies: Iterable[Agency] | None = None) -> str:
    out = io.StringIO()
    writer = csvsafe.dict_writer(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    qs = agencies if agencies is not None else Agency.objects.select_related("parent").order_by("path")
    for a in qs:
        row = {f: getattr(a, f) for f in EDITABLE}
        row["fee_pauses_clock"] = int(a.fee_pauses_clock)
        row["is_active"] = int(a.is_active)
        row["code"] = a.code
        row["parent_code"] = a.parent.code if a.parent else ""
        writer.writerow(row)
    return out.getvalue()


@transaction.atomic
def agency_update(*, agency: Agency, data: dict[str, Any], actor: Actor) -> Agency:
    before = events.snapshot(agency, exclude=["path"])
    for k, v in data.items():
        setattr(agency, k, v)
    agency.full_clean()
    agency.save()
    events.record(action="agency.updated", obj=agency, agency=agency, actor=actor, before=before,
                  after=events.snapshot(agency, exclude=["path"]))
    return agency


@transaction.atomic
def agency_create(*, data: dict[str, Any], actor: Actor) -> Agency:
    agency = Agency(**data)
    agency.full_clean()
    agency.save()
    events.record(action="agency.created", obj=agency, agency=agency, actor=actor,
                  after=events.snapshot(agency, exclude=["path"]))
    return agency


@transaction.atomic
def membership_grant(*, user: User, agency: Agency, role: str, actor: Actor) -> Membership:
    """Give ``user`` a role in ``agency``; refused unless ``actor`` may grant it and the user is already
    this agency's (or the actor is a platform admin): others' staff join through ``enrolment_request``."""
    if not access.can_grant(actor, agency, role):
        raise PermissionDenied("may not grant this role here")
    if not access.is_platform_admin(actor) and not Membership.objects.filter(user=user, agency=agency).exists():
        raise PermissionDenied("user belongs elsewhere: needs that agency's consent")
    m, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        events.record(action="membership.granted", obj=m, agency=agency, actor=actor,
                      after={"user": user.pk, "role": role})
    return m


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: Actor) -> None:
    events.record(action="membership.revoked", obj=membership, agency=membership.agency, actor=actor,
                  before={"user": membership.user_id, "role": membership.role})
    membership.delete()


def check_new_password(password: str, *, username: str, full_name: str = "") -> None:
    """Django's password validators (Chinese messages); raises ValidationError listing every problem."""
    validate_password(password, user=User(username=username, first_name=full_name))


@transaction.atomic
def staff_user_create(*, username: str, full_name: str, password: str, agency: Agency, role: str,
                      actor: Actor) -> User:
    """A new staff account holding ``role`` in ``agency`` (the password must pass the validators)."""
    if not access.can_grant(actor, agency, role):
        raise PermissionDenied("may not grant this role here")
    check_new_password(password, username=username, full_name=full_name)
    user = get_user_model()(username=username, first_name=full_name)
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(user=user, agency=agency, role=role)
    events.record(action="membership.granted", obj=membership, agency=agency, actor=actor,
                  after={"user": user.pk, "role": role, "new_user": username}, note="新建用户")
    return user


@transaction.atomic
def enrolment_request(*, user: User, agency: Agency, role: str, actor: Actor) -> EnrolmentRequest:
    """Ask the agencies ``user`` belongs to for consent to give them ``role`` in ``agency`` (idempotent)."""
    if not access.can_grant(actor, agency, role):
        raise PermissionDenied("may not grant this role here")
    requester = person(actor)
    if requester is None:  # the other agency is asked by a named colleague, never by the system
        raise PermissionDenied("an enrolment request needs a signed-in requester")
    req = EnrolmentRequest.objects.filter(user=user, agency=agency, role=role,
                                          status=EnrolmentStatus.PENDING).first()
    if req is None:
        req = EnrolmentRequest.objects.create(user=user, agency=agency, role=role, requested_by=requester,
                                              requested_at=clock.now())
        events.record(action="enrolment.requested", obj=req, agency=agency, actor=actor,
                      after={"user": user.pk, "role": role})
    return req


def enrolment_member_of(req: EnrolmentRequest) -> set[int]:
    """The agencies whose consent the request needs: those the user belongs to, other than the asking one."""
    return set(Membership.objects.filter(user_id=req.user_id).exclude(agency_id=req.agency_id)
               .values_list("agency_id", flat=True))


@transaction.atomic
def enrolment_decide(*, req: EnrolmentRequest, accept: bool, actor: Actor) -> EnrolmentRequest:
    """Accept (the membership is created) or decline a pending request, as an admin of the user's agency."""
    req = EnrolmentRequest.objects.select_for_update().get(pk=req.pk)
    if not access.can_decide_enrolment(actor, enrolment_member_of(req)):
        raise PermissionDenied("not an admin of the user's agency")
    if req.status != EnrolmentStatus.PENDING:
        raise ValidationError("该申请已处理")
    req.status = EnrolmentStatus.ACCEPTED if accept else EnrolmentStatus.DECLINED
    req.decided_by = person(actor)
    req.decided_at = clock.now()
    req.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        Membership.objects.get_or_create(user_id=req.user_id, agency_id=req.agency_id, role=req.role)
    events.record(action=f"enrolment.{req.status}", obj=req, agency=req.agency, actor=actor,
                  after={"user": req.user_id, "role": req.role, "status": req.status})
    return req


@transaction.atomic
def login_unlock(*, username: str, agency: Agency | None, actor: Actor) -> int:
    """Clear ``username``'s login failures from every address (django-axes rows); returns rows removed.

    ``agency`` is the admin's agency (only its members, never platform admins) or None for a platform
    admin acting platform-wide.
    """
    if agency is None:
        if not access.is_platform_admin(actor):
            raise PermissionDenied("platform admins only")
    elif not access.has_role(actor, agency, Role.ADMIN):
        raise PermissionDenied("agency admins only")
    user = lockout.unlockable_users(agency).filter(username=username).first()
    if user is None and agency is not None:
        raise PermissionDenied("not a member of this agency")
    attempts = AccessAttempt.objects.filter(username=username)
    first = attempts.first()
    if first is None:
        return 0
    before = {"username": username, "addresses": sorted({a.ip_address or "" for a in attempts}),
              "failures": sum(a.failures_since_start for a in attempts)}
    events.record(action="login.unlocked", obj=user if user is not None else first, agency=agency, actor=actor,
                  before=before)
    removed = attempts.count()
    attempts.delete()
    return removed


def sso_roles(claim: object) -> tuple[set[tuple[int, str]], list[str]]:
    """(agency id, role) pairs named by the identity provider's role claim, and the entries it could not use.

    The claim is a list of "发布机构代码:role" strings (e.g. "11330100002:clerk"); roles are the keys of
    ``Role``. An unknown code or role is skipped and reported, never guessed."""
    entries = claim if isinstance(claim, list) else ([claim] if isinstance(claim, str) else [])
    codes = {}
    wanted: list[tuple[str, str]] = []
    skipped: list[str] = []
    for entry in entries:
        code, _, role = str(entry).partition(":")
        if role not in Role.values:
            skipped.append(str(entry))
            continue
        wanted.append((code.strip(), role))
    if wanted:
        codes = dict(Agency.objects.filter(code__in={c for c, _ in wanted}, is_active=True).values_list("code", "pk"))
    pairs = set()
    for code, role in wanted:
        if code in codes:
            pairs.add((codes[code], role))
        else:
            skipped.append(f"{code}:{role}")
    return pairs, skipped


def sso_sign_in(*, issuer: str, claims: dict[str, object], roles_claim: str, actor: Actor) -> User:
    """Create or update the staff account of a person the identity provider vouches for, and set their
    memberships to exactly what the provider's role claim says (one event with before/after)."""
    subject = str(claims.get("sub") or "")
    if not subject:
        raise ValidationError("身份认证平台没有提供用户标识")
    pairs, skipped = sso_roles(claims.get(roles_claim))
    now = clock.now()
    with transaction.atomic():
        ident = SsoIdentity.objects.select_for_update().select_related("user").filter(
            issuer=issuer, subject=subject).first()
        user_model = get_user_model()
        if ident is None:
            base = str(claims.get("preferred_username") or subject)[:100]
            username = f"sso-{base}"
            n = 1
            while user_model.objects.filter(username=username).exists():
                n += 1
                username = f"sso-{base}-{n}"
            user = user_model.objects.create(username=username)
            user.set_unusable_password()  # signs in only through the provider
            ident = SsoIdentity(user=user, issuer=issuer, subject=subject, synced_at=now)
        user = ident.user
        name = str(claims.get("name") or "").strip()[:150]
        if name and user.first_name != name:
            user.first_name = name
        user.is_active = True
        user.save()
        ident.synced_at = now
        ident.save()
        current = {(m.agency_id, m.role): m for m in Membership.objects.filter(user=user)}
        before = sorted(f"{a}:{r}" for a, r in current)
        for key in set(current) - pairs:
            current[key].delete()
        for agency_id, role in pairs - set(current):
            Membership.objects.create(user=user, agency_id=agency_id, role=role)
        events.record(action="agency.sso_sign_in", obj=ident, actor=actor, at=now,
                      before={"memberships": before},
                      after={"memberships": sorted(f"{a}:{r}" for a, r in pairs), "skipped": skipped})
    return user

