"""Forms of the ingest staff pages: upload a published report for an agency."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency


class UploadForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("机关"), queryset=Agency.objects.none())
    file = forms.FileField(label=_("报告文件（TXT、HTML、DOCX、PDF）"))
    year = forms.IntegerField(label=_("报告年度（报告中未写明时填写）"), required=False, min_value=2007, max_value=2100)
    confirm = forms.BooleanField(label=_("确认导入（报告署名与所选机关不同，或替换已导入的同一年度报告时须勾选）"),
                                 required=False)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
