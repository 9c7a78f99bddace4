"""Routing on a shared platform or counter (分办/转办/签收/退回): the declared receipt rule and the three writes.

A platform (or a service-centre counter) that takes applications for many agencies registers them at
its own desk in status 待分办; the desk routes each to the agency that answers it (``route`` → 待签收);
that agency signs for it (``sign`` → 办理中) before any clock action, or sends it back with a reason
(``return_to_router`` → 待分办) and the desk routes it again. Every step is a ``RoutingStep`` row and
one event (``application.route`` / ``sign`` / ``return_to_router``) through the applications'
``_acting`` boilerplate, so the transition table decides what may happen when.

Returning is not an answer: an agency that has *signed* and finds it does not hold the information
answers 本机关不掌握 (Art. 36(5), outcome ``unable.not_held`` with the responsible organ), which
counts in Table 3; a return happens before signing and counts nowhere (ADR 0007).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, RoutingKind, RoutingStep
from gongkai.applications.services import _acting, application_submit
from gongkai.applications.workflow import Status
from gongkai.core.actors import Actor, person
from gongkai.core.uploads import Accepted


@dataclass(frozen=True)
class ReceiptRule:
    """Which day starts the receiving agency's answer clock for a routed application (ADR 0007)."""

    key: str
    article: str
    in_force: dt.date
    text: str


# Art. 31 fixes the receipt day by the channel the applicant used (in person: the day submitted;
# post: the day signed for; online, fax, e-mail: the day both sides confirm). A platform or counter
# run for several organs is the organs' own channel, so its Art. 31 day is the receiving agency's
# receipt day; routing, returning and re-routing inside the platform add no day the applicant bears
# (the 2019 revision, in force 2019-05-15, counts the 20 workdays from receipt, Art. 33).
ROUTED_RECEIPT = ReceiptRule(
    key="platform_receipt",
    article="《中华人民共和国政府信息公开条例》第三十一条、第三十三条",
    in_force=dt.date(2019, 5, 15),
    text="经统一平台或综合窗口提交的申请，以平台（窗口）按第三十一条确定的收到之日为承办机关收到申请之日；"
         "平台内分办、退回、再分办不另起算答复期限。",
)


def receipt_for_receiving_agency(*, platform_received_on: dt.date, steps: Sequence[tuple[str, dt.date]]) -> dt.date:
    """The receiving agency's Art. 31 day under ``ROUTED_RECEIPT``: the platform's, whatever the steps.

    ``steps`` are the (kind, day) routing steps; they are accepted so the rule's inputs are explicit
    (a different declared rule, e.g. "the day signed for", would read them) and are checked for order.
    """
    for _kind, on in steps:
        if on < platform_received_on:
            raise ValueError("routing step before the platform's receipt day")
    return platform_received_on


def _platform_root(agency: Agency) -> str:
    parts = [p for p in agency.path.strip("/").split("/") if p]
    return f"/{parts[0]}/" if parts else agency.path


def route_targets(desk: Agency) -> QuerySet[Agency]:
    """The agencies a desk may route to: active ones of its own platform (the same top-level agency)."""
    return (Agency.objects.filter(is_active=True, path__startswith=_platform_root(desk))
            .exclude(pk=desk.pk).order_by("path"))


def intake_for_routing(*, desk: Agency, data: dict[str, Any], channel: str, received_on: dt.date,
                       uploads: Sequence[Accepted] | None = None, actor: Actor) -> Application:
    """Register an application at a platform or counter desk, waiting to be routed (待分办)."""
    return application_submit(agency=desk, data={**data, "status": Status.TO_ROUTE}, channel=channel,
                              received_on=received_on, uploads=uploads, actor=actor)


def application_route(*, application: Application, to_agency: Agency, on: dt.date, note: str = "",
                      actor: Actor) -> Application:
    """``route`` (分办): the desk sends the case to the agency that answers it; that agency must sign."""
    with _acting(application, "route", actor, on=on) as act:
        app = act.app
        router = app.agency
        if to_agency.pk == router.pk:
            raise ValidationError("承办机关不能是分办机关本身")
        if not to_agency.is_active:
            raise ValidationError("该机关已停用，不能分办")
        if not to_agency.path.startswith(_platform_root(router)):
            raise ValidationError("只能分办至本平台的机关")
        last = app.routing_steps.order_by("-id").first()
        if last is not None and last.kind == RoutingKind.RETURNED and last.to_agency_id == to_agency.pk:
            raise ValidationError(f"{to_agency.name}已退回本申请，请分办至其他机关")
        RoutingStep.objects.create(application=app, kind=RoutingKind.ROUTED, router=router, to_agency=to_agency,
                                   on=on, reason=note[:300], actor=person(actor))
        app.agency = to_agency
        act.after = {"router": router.pk, "to_agency": to_agency.pk, "on": on}
    return app


def _router_of(app: Application) -> RoutingStep:
    step = app.routing_steps.filter(kind=RoutingKind.ROUTED).select_related("router").order_by("-id").first()
    if step is None:
        raise ValidationError("本申请未经分办")
    return step


def application_sign(*, application: Application, on: dt.date, actor: Actor) -> Application:
    """``sign`` (签收): the receiving agency takes the case; from now on it answers it."""
    with _acting(application, "sign", actor, on=on) as act:
        app = act.app
        routed = _router_of(app)
        if on < routed.on:
            raise ValidationError("签收日期不能早于分办日期")
        RoutingStep.objects.create(application=app, kind=RoutingKind.SIGNED, router=routed.router,
                                   to_agency=app.agency, on=on, actor=person(actor))
        act.after = {"on": on}
    return app


def application_return(*, application: Application, on: dt.date, reason: str, actor: Actor) -> Application:
    """``return_to_router`` (退回): not this agency's; back to the desk with the reason, to be routed again."""
    if not reason.strip():
        raise ValidationError("退回必须说明理由")
    with _acting(application, "return_to_router", actor, on=on) as act:
        app = act.app
        routed = _router_of(app)
        if on < routed.on:
            raise ValidationError("退回日期不能早于分办日期")
        RoutingStep.objects.create(application=app, kind=RoutingKind.RETURNED, router=routed.router,
                                   to_agency=app.agency, on=on, reason=reason[:300], actor=person(actor))
        act.after = {"from_agency": app.agency_id, "router": routed.router_id, "reason": reason[:300]}
        app.agency = routed.router
    return app
