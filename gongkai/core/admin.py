"""Django admin plumbing owned by core: the read-only event log and the mixin that logs admin writes.

Every ModelAdmin in the platform derives from ``EventLoggedAdmin``: each save, delete, inline change and
bulk delete made in /admin/ appends an ``Event`` (actor, before/after) in the same transaction as the write,
like any service write. Admins registered before this module is imported (Django's users and groups, axes)
are re-registered wrapped in the mixin; gongkai's own apps use it directly.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import admin as auth_admin  # noqa: F401  (registers User and Group first)
from django.db import models, router, transaction
from django.db.models import QuerySet
from django.forms import BaseModelForm
from django.forms.models import BaseModelFormSet
from django.http import HttpRequest, HttpResponse

from gongkai.core import events
from gongkai.core.models import Event, EventChain

# Secrets never enter the log, whatever model carries them.
SECRET_FIELDS = ("password",)


def _admin_snapshot(obj: models.Model) -> dict[str, object]:
    data = events.snapshot(obj, exclude=SECRET_FIELDS)
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return data


def _agency_of(obj: models.Model, *, deleting: bool = False) -> models.Model | None:
    """The agency whose chain records a write to ``obj``: the agency itself, its ``agency``, or none.

    A deleted agency's event goes to its parent's chain: the event may not point at a row being removed.
    """
    if obj._meta.label_lower == "agencies.agency":
        return getattr(obj, "parent", None) if deleting else obj
    if getattr(obj, "agency_id", None) is not None:
        agency: models.Model = getattr(obj, "agency")  # noqa: B009  (typed getattr on any model)
        return agency
    return None


class EventLoggedAdmin(admin.ModelAdmin):
    """ModelAdmin whose every write appends an event (``admin.<app>.<model>.added|changed|deleted``)."""

    def _record(self, request: HttpRequest, obj: models.Model, verb: str, *,
                before: dict[str, object] | None = None, after: dict[str, object] | None = None) -> None:
        events.record(
            action=f"admin.{obj._meta.label_lower}.{verb}", obj=obj, actor=request.user,
            agency=_agency_of(obj, deleting=verb == "deleted"), before=before, after=after, note="管理后台",
        )

    def save_model(self, request: HttpRequest, obj: Any, form: BaseModelForm, change: bool) -> None:
        before = None
        if change:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = _admin_snapshot(stored) if stored is not None else None
        # Kept until save_related, where many-to-many values are saved and the event can be complete.
        obj._gongkai_admin_before = before
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: BaseModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        obj = form.instance
        self._record(request, obj, "changed" if change else "added",
                     before=getattr(obj, "_gongkai_admin_before", None), after=_admin_snapshot(obj))

    def save_formset(self, request: HttpRequest, form: BaseModelForm, formset: BaseModelFormSet,
                     change: bool) -> None:
        # Admin inline formsets always carry their model.
        model: type[models.Model] = formset.model  # type: ignore[assignment]
        stored: dict[Any, dict[str, object]] = {}
        for f in formset.initial_forms:
            if f.instance.pk is not None and (f in formset.deleted_forms or f.has_changed()):
                old = model._default_manager.filter(pk=f.instance.pk).first()
                if old is not None:
                    stored[f.instance.pk] = _admin_snapshot(old)
        for f in formset.deleted_forms:
            if f.instance.pk in stored:  # recorded before the row goes, while it still has its key
                self._record(request, f.instance, "deleted", before=stored[f.instance.pk])
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._record(request, obj, "added", after=_admin_snapshot(obj))
        for obj, _fields in formset.changed_objects:
            self._record(request, obj, "changed", before=stored.get(obj.pk), after=_admin_snapshot(obj))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._record(request, obj, "deleted", before=_admin_snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        # The bulk "delete selected" action runs outside the admin's view transaction: open one here.
        with transaction.atomic(using=router.db_for_write(queryset.model)):
            for obj in queryset.iterator():
                self._record(request, obj, "deleted", before=_admin_snapshot(obj))
            super().delete_queryset(request, queryset)


class _PasswordChangeEvents:
    """For the user admin: its separate password form saves outside save_model, so log it here."""

    model: type[models.Model]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        with transaction.atomic(using=router.db_for_write(self.model)):
            user = self.model._default_manager.filter(pk=unquote(id)).first()
            old_password = getattr(user, "password", None)
            response: HttpResponse = super().user_change_password(request, id, form_url)  # type: ignore[misc]
            if user is not None and request.method == "POST":
                user.refresh_from_db(fields=["password"])
                if getattr(user, "password", None) != old_password:  # the hash itself is never logged
                    events.record(action=f"admin.{user._meta.label_lower}.password_changed", obj=user,
                                  actor=request.user, note="管理后台")
            return response


def _wrap_registered_admins(site: admin.AdminSite) -> None:
    """Re-register admins of apps loaded before core (auth, axes) with the event-logging mixin."""
    for model, model_admin in list(site._registry.items()):
        cls = type(model_admin)
        if isinstance(model_admin, EventLoggedAdmin) or model in (Event, EventChain):
            continue
        bases: tuple[type, ...] = (EventLoggedAdmin, cls)
        if hasattr(cls, "user_change_password"):
            bases = (_PasswordChangeEvents, *bases)
        site.unregister(model)
        site.register(model, type(cls.__name__, bases, {"__module__": __name__}))


_wrap_registered_admins(admin.site)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "agency", "action", "object_type", "object_id", "seq"]
    list_filter = ["action"]
    search_fields = ["object_type", "object_id", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
