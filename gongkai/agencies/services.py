"""Writes to agencies and memberships (one transaction, one event each), and CSV import/export.

CSV import is all-or-nothing: every row is validated first; any error names the line and field and
nothing is written (bad input loses nothing). Rows are matched by issuer ``code``; a parent is named
by its ``parent_code`` and may appear anywhere in the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency, Kind, Level, Membership
from gongkai.core import events

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
        raw = (row.get(name) or "").strip()
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
def agencies_import_csv(*, text: str, actor: Any) -> ImportResult:
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
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
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
def agency_update(*, agency: Agency, data: dict[str, Any], actor: Any) -> Agency:
    before = events.snapshot(agency, exclude=["path"])
    for k, v in data.items():
        setattr(agency, k, v)
    agency.full_clean()
    agency.save()
    events.record(action="agency.updated", obj=agency, agency=agency, actor=actor, before=before,
                  after=events.snapshot(agency, exclude=["path"]))
    return agency


@transaction.atomic
def agency_create(*, data: dict[str, Any], actor: Any) -> Agency:
    agency = Agency(**data)
    agency.full_clean()
    agency.save()
    events.record(action="agency.created", obj=agency, agency=agency, actor=actor,
                  after=events.snapshot(agency, exclude=["path"]))
    return agency


@transaction.atomic
def membership_grant(*, user: Any, agency: Agency, role: str, actor: Any) -> Membership:
    m, created = Membership.objects.get_or_create(user=user, agency=agency, role=role)
    if created:
        events.record(action="membership.granted", obj=m, agency=agency, actor=actor,
                      after={"user": user.pk, "role": role})
    return m


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: Any) -> None:
    events.record(action="membership.revoked", obj=membership, agency=membership.agency, actor=actor,
                  before={"user": membership.user_id, "role": membership.role})
    membership.delete()
