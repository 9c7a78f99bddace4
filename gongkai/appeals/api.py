"""JSON API of appeals (mounted at /api/appeals/): Table 4 figures and case reads, scoped by agency."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.security import django_auth

from gongkai.agencies.access import readable_agencies, require_read
from gongkai.appeals.models import AppealCase

router = Router(tags=["appeals"])


class AppealOut(Schema):
    id: int
    agency_id: int
    application_id: int | None
    kind: str
    case_number: str
    subject: str
    filed_on: dt.date
    decided_on: dt.date | None
    outcome: str


@router.get("/", response=list[AppealOut], auth=django_auth, summary="复议诉讼案件列表")
def appeal_list(request: HttpRequest) -> list[AppealCase]:
    return list(AppealCase.objects.filter(agency__in=readable_agencies(request.user)).order_by("-filed_on")[:1000])


@router.get("/{appeal_id}", response=AppealOut, auth=django_auth, summary="复议诉讼案件")
def appeal_detail(request: HttpRequest, appeal_id: int) -> AppealCase:
    case = get_object_or_404(AppealCase.objects.select_related("agency"), pk=appeal_id)
    require_read(request.user, case.agency)
    return case
