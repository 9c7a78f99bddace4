"""Who may import or parse published reports, and how large an upload to the ingest pages and API may be.

Importing a report writes an agency's disclosure history, which the annual report builds on (last-year
comparison, the R5 carry-over check), and parsing runs the heaviest readers on untrusted files; both are
for the roles that own the annual report in an agency: 公开工作机构负责人 (office head) and 机关管理员
(agency admin), and platform admins. Uploads follow the ``ingest`` policy of ``gongkai.core.uploads``
(settings ``GONGKAI_UPLOAD_INGEST_MAX_FILE_BYTES`` …), refused by declared length before the body is
read and stopped while streaming; the API gets the same rules with JSON answers (``guard_parse_upload``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase, JsonResponse

from gongkai.agencies.access import is_platform_admin, readable_agencies
from gongkai.agencies.models import Agency, Role
from gongkai.core import uploads

IMPORT_ROLES: tuple[str, ...] = (Role.OFFICE_HEAD, Role.ADMIN)
UPLOAD_POLICY = "ingest"
NO_ROLE_MESSAGE = "只有本机关的公开工作机构负责人或机关管理员可以导入、解析年度报告文件"


def import_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies for which ``user`` may import published reports."""
    qs = readable_agencies(user)
    if not is_platform_admin(user):
        # A direct membership in one of the roles; superior viewers read subordinates but import nothing.
        qs = qs.filter(memberships__user=user, memberships__role__in=IMPORT_ROLES).distinct()
    return qs.order_by("path")


def can_import(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and import_agencies(user).exists()


def _json(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def too_large_message(declared: int) -> str:
    cap = uploads.policy(UPLOAD_POLICY)
    return (f"上传的内容约 {declared / uploads.MiB:.0f} MB，超过年度报告文件上限 "
            f"{cap.max_file_bytes / uploads.MiB:.0f} MB")


Run = Callable[..., HttpResponseBase]


def guard_parse_upload(run: Run) -> Run:
    """Wrap a django-ninja operation (``decorate_view``) that takes an uploaded report file.

    Runs before ninja's authentication and parameter parsing, i.e. before the body is read: a signed-in
    user without an import role gets 403, a body declared larger than the ingest cap 413, and the body is
    then streamed through the ingest upload handler, which stops at the cap (the operation reports it
    via ``uploads.refusal``). Anonymous requests pass through to ninja's own 401.
    """

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST":
            user = getattr(request, "user", None)
            if getattr(user, "is_authenticated", False) and not can_import(user):
                return _json(403, NO_ROLE_MESSAGE)
            cap = uploads.policy(UPLOAD_POLICY)
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > cap.max_request_bytes + uploads.FORM_OVERHEAD_BYTES:
                return _json(413, too_large_message(declared))
            request.upload_handlers = [uploads.GuardedUploadHandler(request, UPLOAD_POLICY)]
        return run(request, *args, **kwargs)

    return wrapper
