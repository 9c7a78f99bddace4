"""Forms of the appeals ledger."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.appeals.models import AppealCase
from gongkai.applications.forms import DateInput
from gongkai.applications.models import Application


class AppealForm(forms.ModelForm):
    class Meta:
        model = AppealCase
        fields = ["agency", "kind", "case_number", "appellant", "body", "subject", "application", "filed_on",
                  "decided_on", "outcome", "note"]
        widgets = {"filed_on": DateInput(), "decided_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["application"].queryset = (  # type: ignore[attr-defined]
            Application.objects.filter(agency__in=agencies).order_by("-id"))
        self.fields["application"].required = False
        self.fields["application"].label = _("关联申请（可选）")
        if self.instance.pk:
            self.fields.pop("agency")
