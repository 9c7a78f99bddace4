"""The 条件检索 of the public lists: the filter form of an agency's 法定主动公开内容 and of the 政策文件库,
and the public validity labels (现行有效 / 已修改 / 已失效 / 已废止).

The catalog stores validity as 有效/失效/废止 plus the record that replaced an old one
(``replaced_by``); the portal shows a replaced record that lost force as 已修改 and one that lost force
without a successor as 已失效, the words gov.cn 政策文件库 use. ``validity_q`` turns a public label into
the matching filter, so the list and its label can never disagree.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Record
from gongkai.catalog.rules import Art20Kind, Validity

PUBLIC_VALIDITY: tuple[tuple[str, str], ...] = (
    ("current", "现行有效"),
    ("amended", "已修改"),
    ("expired", "已失效"),
    ("repealed", "已废止"),
)
PUBLIC_VALIDITY_KEYS = frozenset(k for k, _label in PUBLIC_VALIDITY)


def validity_q(key: str) -> Q:
    """The records shown under the public validity ``key`` (an unknown key filters nothing)."""
    if key == "current":
        return Q(validity=Validity.EFFECTIVE)
    if key == "amended":
        return Q(validity=Validity.EXPIRED, replaced_by__isnull=False)
    if key == "expired":
        return Q(validity=Validity.EXPIRED, replaced_by__isnull=True)
    if key == "repealed":
        return Q(validity=Validity.REPEALED)
    return Q()


def validity_label(record: Record) -> str:
    if record.validity == Validity.EFFECTIVE:
        return "现行有效"
    if record.validity == Validity.REPEALED:
        return "已废止"
    return "已修改" if record.replaced_by_id else "已失效"


def validity_key(record: Record) -> str:
    return {"现行有效": "current", "已修改": "amended", "已失效": "expired", "已废止": "repealed"}[
        validity_label(record)]


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class RecordFilterForm(forms.Form):
    """Filters shared by the agency lists and the 政策文件库; every field optional."""

    q = forms.CharField(label=_("标题关键词"), max_length=60, required=False)
    doc_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    issuer = forms.CharField(label=_("发布机构"), max_length=60, required=False)
    date_from = forms.DateField(label=_("发布日期自"), required=False, widget=_DateInput(),
                                error_messages={"invalid": _("请输入有效日期，如 2025-01-31")})
    date_to = forms.DateField(label=_("至"), required=False, widget=_DateInput(),
                              error_messages={"invalid": _("请输入有效日期，如 2025-12-31")})
    validity = forms.ChoiceField(label=_("有效性"), required=False, choices=[("", "全部"), *PUBLIC_VALIDITY])

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            self.add_error("date_to", _("结束日期不能早于开始日期"))
        return data

    def apply(self, qs: QuerySet[Record]) -> QuerySet[Record]:
        """``qs`` narrowed by the valid fields (an invalid form filters by none of them)."""
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data.get("q"):
            qs = qs.filter(title__icontains=data["q"])
        if data.get("doc_number"):
            qs = qs.filter(doc_number__icontains=data["doc_number"])
        if data.get("issuer"):
            qs = qs.filter(Q(issuing_organ__icontains=data["issuer"]) | Q(
                issuing_organ="", agency__name__icontains=data["issuer"]))
        if data.get("date_from"):
            qs = qs.filter(published_on__gte=data["date_from"])
        if data.get("date_to"):
            qs = qs.filter(published_on__lte=data["date_to"])
        if data.get("validity"):
            qs = qs.filter(validity_q(data["validity"]))
        return qs


class PolicyFilterForm(RecordFilterForm):
    kind = forms.ChoiceField(label=_("文件类别"), required=False, choices=[
        ("", "全部"), (Art20Kind.REGULATION.value, "规章"), (Art20Kind.NORMATIVE.value, "行政规范性文件")])

    field_order = ["q", "kind", "doc_number", "issuer", "date_from", "date_to", "validity"]

    def apply(self, qs: QuerySet[Record]) -> QuerySet[Record]:
        qs = super().apply(qs)
        if self.is_valid() and self.cleaned_data.get("kind"):
            qs = qs.filter(kind=self.cleaned_data["kind"])
        return qs

