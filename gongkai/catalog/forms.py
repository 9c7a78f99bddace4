"""Staff forms for the catalog: thin wrappers that hand cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import (
    ChannelPublication,
    ChannelTally,
    InfoCategory,
    PeriodFigures,
    Record,
    ReviewDecision,
)
from gongkai.catalog.rules import Validity
from gongkai.catalog.services import EDITABLE_FIELDS, REVISABLE_FIELDS
from gongkai.catalog.workflow import Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The 14 metadata fields of a catalog entry as they appear on government pages (spec §6.1: 索引号, 标题,
# 发布机构, 发文字号, 成文日期, 发布日期, 主题分类, 主题词, 有效性, 内容概述, 公开属性, 公开形式, plus the
# agency's 信息分类 and the Art. 26 形成或变更日期), grouped for the drafting form: what the clerk must
# fill first, then the document's own particulars; the rest is assigned by the platform (shown read-only).
REQUIRED_GROUP = ("title", "category", "topic", "formed_on", "disclosure", "legal_ground", "form")
DOCUMENT_GROUP = ("doc_number", "written_on", "issuing_organ", "department", "keywords", "summary")
RELATION_GROUP = ("kind", "interprets")
# (field, label, how the platform fills it): the metadata the drafter never types.
ASSIGNED_FIELDS = (
    ("index_number", _("索引号"), _("发布时按本机关编码和年份自动生成")),
    ("agency", _("发布机构"), _("本机关")),
    ("published_on", _("发布日期"), _("审批后发布之日")),
    ("validity", _("有效性"), _("发布时为“有效”；失效或废止由审批人标记")),
)


class RichTextWidget(forms.Textarea):
    """正文: a plain textarea that ``catalog/editor.js`` turns into the Trix editor served from our own
    static files (no CDN; docs/decisions/0013-staff-authoring-and-review.md). Without JavaScript the textarea stays
    usable; either way the HTML is cleaned by ``services.sanitise_html`` before it is stored."""

    template_name = "django/forms/widgets/textarea.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"rows": 14, "data-rich-text": "1", **(attrs or {})})

    class Media:
        css = {"all": ("catalog/vendor/trix/trix.css", "catalog/editor.css")}
        js = ("catalog/vendor/trix/trix.umd.min.js", "catalog/editor.js")


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Record
        fields = list(EDITABLE_FIELDS)
        widgets = {"written_on": DATE, "formed_on": DATE, "summary": forms.Textarea(attrs={"rows": 3}),
                   "body": RichTextWidget(), "legal_ground": forms.TextInput()}

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the order of the metadata groups (fieldset legend, bound fields)."""
        present = [name for name in self.fields]
        out = []
        for legend, names in ((_("必填信息"), REQUIRED_GROUP), (_("文件信息"), DOCUMENT_GROUP),
                              (_("关联与分类"), RELATION_GROUP)):
            fields = [self[n] for n in names if n in present]
            if fields:
                out.append((str(legend), fields))
        grouped = {*REQUIRED_GROUP, *DOCUMENT_GROUP, *RELATION_GROUP, "body"}
        rest = [self[n] for n in present if n not in grouped]
        if rest:
            out.append((str(_("其他")), rest))
        return out

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = InfoCategory.objects.filter(agency=agency)  # type: ignore[attr-defined]
        interprets = Record.objects.filter(agency=agency, status=Status.PUBLISHED)
        if self.instance.pk:
            interprets = interprets.exclude(pk=self.instance.pk)
        self.fields["interprets"].queryset = interprets.order_by("-published_at")  # type: ignore[attr-defined]
        self.fields["interprets"].required = False

    def _post_clean(self) -> None:
        # Model validation runs in the service (the instance is not the one being saved).
        pass


class RevisionForm(RecordForm):
    reason = forms.CharField(label=_("修订说明"), widget=forms.Textarea(attrs={"rows": 2}))

    class Meta(RecordForm.Meta):
        fields = list(REVISABLE_FIELDS)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RepealForm(forms.Form):
    validity = forms.ChoiceField(label=_("有效性"), choices=[(Validity.REPEALED, Validity.REPEALED.label),
                                                           (Validity.EXPIRED, Validity.EXPIRED.label)])
    on = forms.DateField(label=_("失效或废止日期"), widget=DATE)
    replaced_by = forms.ModelChoiceField(label=_("替代文件"), queryset=Record.objects.none(), required=False)
    reason = forms.CharField(label=_("说明"), required=False)

    def __init__(self, *args: Any, record: Record, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        qs = Record.objects.filter(agency=record.agency, status=Status.PUBLISHED).exclude(pk=record.pk)
        self.fields["replaced_by"].queryset = qs.order_by("-published_at")  # type: ignore[attr-defined]


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件（PDF、DOC、DOCX、XLS、XLSX、OFD、图片）"))
    title = forms.CharField(label=_("显示名称（公开页面上显示，可留空）"), max_length=200, required=False)


class ReviewForm(forms.Form):
    """The 保密审查意见 and its decision (both required)."""

    decision = forms.ChoiceField(label=_("审查结论"), choices=ReviewDecision.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label=_("保密审查意见"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": _("请填写保密审查意见")})


class ChannelPublicationForm(forms.ModelForm):  # type: ignore[type-arg]
    link = forms.URLField(label=_("链接"), required=False, max_length=400, assume_scheme="https")

    class Meta:
        model = ChannelPublication
        fields = ["channel", "published_on", "link", "note"]
        widgets = {"published_on": DATE}


class ChannelTallyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ChannelTally
        fields = ["channel", "period_start", "period_end", "count", "note"]
        widgets = {"period_start": DATE, "period_end": DATE}

    def validate_unique(self) -> None:
        pass  # the service replaces an existing tally for the same period


class PeriodFiguresForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PeriodFigures
        fields = ["period_start", "period_end", "licensing", "penalty", "coercion", "fees", "note"]
        widgets = {"period_start": DATE, "period_end": DATE}

    def validate_unique(self) -> None:
        pass  # the service replaces existing figures for the same period


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("分类名称"), max_length=60)
    ordering = forms.IntegerField(label=_("排序"), min_value=0, initial=1000)
    description = forms.CharField(label=_("说明"), max_length=200, required=False)
