"""Staff page of notices: send a failed notice again (the case page lists the sends)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from gongkai.agencies.access import require_role
from gongkai.agencies.models import Role
from gongkai.notices import services
from gongkai.notices.models import Notice, State
from gongkai.notices.tasks import deliver_notice


@login_required
@require_POST
def notice_retry(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = get_object_or_404(Notice.objects.select_related("application__agency"), pk=notice_id)
    require_role(request.user, notice.application.agency, Role.CLERK, Role.OFFICE_HEAD, Role.ADMIN)
    n = services.notice_retry(notice=notice, actor=request.user)
    if n.state == State.PENDING:
        deliver_notice.delay(n.pk)
        messages.success(request, "已重新发送通知")
    return redirect("applications:detail", notice.application_id)
