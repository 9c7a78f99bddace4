"""Writes on the website annual report: create a year's report, edit its identity/figures/notes while
editable, and act on it (submit, return, publish) through ``workflow.TABLE``. Each is one transaction and
one event; permission through ``agencies.access`` (editors: clerk, approver, office head, admin; signers:
approver, office head, admin). Submitting freezes the computed figures so the published report never
drifts when the catalog changes later; publishing bumps the public catalog version of the platform so the
portal home page (cached per version) lists it at once."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.agencies.access import require_role
from gongkai.agencies.models import Agency
from gongkai.catalog import versions
from gongkai.core import clock, events
from gongkai.core.actors import Actor, person
from gongkai.formats import website as form
from gongkai.websites import selectors
from gongkai.websites.models import WebsiteReport
from gongkai.websites.workflow import EDIT_ROLES, EDITABLE, Status, transition

MAX_FIGURE = 10**12
MAX_NOTE = 2000
MAX_IDENTITY = 300


def _snapshot(r: WebsiteReport) -> dict[str, object]:
    return {"status": r.status, "identity": r.identity, "entered": r.entered, "notes": r.notes}


def website_report_create(*, agency: Agency, year: int, actor: Actor) -> WebsiteReport:
    require_role(actor, agency, *EDIT_ROLES)
    if not 2018 <= year <= clock.today().year:
        raise ValidationError(f"年度须在 2018 年（{form.DOCUMENT}施行）至今年之间")
    now = clock.now()
    report = WebsiteReport(agency=agency, year=year, created_at=now, updated_at=now,
                           identity={"host": agency.name}, entered={}, notes={})
    try:
        with transaction.atomic():
            report.save()
            events.record(action="website_report.create", obj=report, actor=actor, agency=agency,
                          after={"year": year})
    except IntegrityError as exc:
        raise ValidationError(f"{agency.name}已有{year}年度的网站年度报表") from exc
    return report


def clean_entered(raw: Mapping[str, str]) -> dict[str, int | None]:
    """Entered figures from form text: blank → None, otherwise a whole number 0…10^12 (Chinese errors)."""
    out: dict[str, int | None] = {}
    errors: list[str] = []
    for key in form.ENTERED_KEYS:
        text = (raw.get(key) or "").strip().replace(",", "").replace("，", "")
        if not text:
            out[key] = None
        elif text.isascii() and text.isdigit() and int(text) <= MAX_FIGURE:
            out[key] = int(text)
        else:
            errors.append(f"“{form.ROW_BY_KEY[key].label}”须填写不小于 0 的整数")
    if errors:
        raise ValidationError(errors)
    return out


def website_report_edit(*, report: WebsiteReport, identity: Mapping[str, str], entered: Mapping[str, int | None],
                        notes: Mapping[str, str], actor: Actor) -> WebsiteReport:
    require_role(actor, report.agency, *EDIT_ROLES)
    if report.status not in EDITABLE:
        raise ValidationError("报表已报送或已发布，不能修改")
    ident = {f.key: str(identity.get(f.key, "")).strip()[:MAX_IDENTITY] for f in form.IDENTITY}
    numbers = {k: entered.get(k) for k in form.ENTERED_KEYS}
    for k, v in numbers.items():
        if v is not None and not 0 <= int(v) <= MAX_FIGURE:
            raise ValidationError(f"“{form.ROW_BY_KEY[k].label}”超出范围")
    text = {s.key: str(notes.get(s.key, "")).strip() for s in form.SECTIONS}
    long = [form.SECTION_LABELS[k] for k, v in text.items() if len(v) > MAX_NOTE]
    if long:
        raise ValidationError(f"情况说明不超过 {MAX_NOTE} 字：" + "、".join(long))
    with transaction.atomic():
        report = WebsiteReport.objects.select_for_update().get(pk=report.pk)
        before = _snapshot(report)
        report.identity, report.entered, report.notes = ident, numbers, text
        report.updated_at = clock.now()
        report.save()
        events.record(action="website_report.edit", obj=report, actor=actor, agency=report.agency, before=before,
                      after=_snapshot(report))
    return report


def submit_problems(report: WebsiteReport) -> list[str]:
    """What stops submission: blank identity or entered figures, and inconsistent figures."""
    out = [f"请填写“{f.label}”" for f in form.IDENTITY if not str(report.identity.get(f.key, "")).strip()]
    out += [f"请填写“{form.ROW_BY_KEY[k].label}”（没有的填 0）" for k in form.ENTERED_KEYS
            if report.entered.get(k) is None]
    return out + form.check({k: report.entered.get(k) for k in form.ENTERED_KEYS})


def website_report_act(*, report: WebsiteReport, action: str, actor: Actor, comment: str = "") -> WebsiteReport:
    with transaction.atomic():
        report = WebsiteReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
        row = transition(report.status, action)
        require_role(actor, report.agency, *row.roles)
        if row.options.get("needs_comment") and not comment.strip():
            raise ValidationError("退回时请写明退回意见")
        before = {"status": report.status}
        now = clock.now()
        if action == "submit":
            problems = submit_problems(report)
            if problems:
                raise ValidationError(problems)
            report.computed = selectors.computed_figures(report.agency_id, report.year)
            report.submitted_at, report.return_comment = now, ""
        elif action == "return":
            report.return_comment = comment.strip()[:MAX_NOTE]
        elif action == "publish":
            report.published_at, report.published_on = now, clock.local_date(now)
            report.published_by = person(actor)
            versions.bump(report.agency_id)
        report.status = Status(str(row.target))
        report.updated_at = now
        report.save()
        events.record(action=f"website_report.{action}", obj=report, actor=actor, agency=report.agency,
                      before=before, after={"status": report.status, "computed": report.computed,
                                            "comment": report.return_comment})
    return report
