"""Staff forms for the catalog: thin wrappers that hand cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.catalog.models import ChannelPublication, ChannelTally, InfoCategory, PeriodFigures, Record
from gongkai.catalog.rules import Validity
from gongkai.catalog.services import EDITABLE_FIELDS, REVISABLE_FIELDS
from gongkai.catalog.workflow import Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Record
        fields = list(EDITABLE_FIELDS)
        widgets = {"written_on": DATE, "formed_on": DATE, "summary": forms.Textarea(attrs={"rows": 3}),
                   "body": forms.Textarea(attrs={"rows": 12}), "legal_ground": forms.TextInput()}

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
