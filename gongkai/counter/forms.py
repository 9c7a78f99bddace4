"""Forms of the counter: the batch head (which desk) and one row per paper application (Art. 29 content,
the Art. 31 channel and day, the agency that answers it, scans, and the applicant's notice consent)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.applications.forms import ApplicationForm, DateInput, MultipleFileField, checked_uploads
from gongkai.applications.models import Channel
from gongkai.core import clock, uploads

POLICY = "counter"
# Paper reaches a counter in person or by post or fax; online and e-mail applications are not typed in here.
PAPER_CHANNELS = [(c.value, c.label) for c in (Channel.IN_PERSON, Channel.TRACKED_POST, Channel.ORDINARY_POST,
                                               Channel.FAX)]


class DeskForm(forms.Form):
    desk: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(label=_("受理窗口（登记机关）"), queryset=None)

    def __init__(self, *args: Any, desks: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["desk"].queryset = desks  # type: ignore[attr-defined]


class RowForm(ApplicationForm):
    channel = forms.ChoiceField(label=_("收件方式"), choices=PAPER_CHANNELS)
    received_on = forms.DateField(label=_("收到申请之日（第三十一条）"), widget=DateInput())
    to_agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label=_("承办机关（留空由本窗口机关办理）"), queryset=Agency.objects.filter(is_active=True), required=False)
    scans = MultipleFileField(label=_("申请表扫描件"), required=False)
    consent_email = forms.BooleanField(label=_("同意以电子邮件接收办理通知"), required=False, initial=True)
    consent_sms = forms.BooleanField(label=_("同意以短信接收办理通知"), required=False)
    id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = clock.today()

    def clean_scans(self) -> list[uploads.Accepted]:
        """Each scan checked by content (``core.uploads``: PDF and images, no active content)."""
        files: list[UploadedFile] = self.cleaned_data.get("scans") or []
        cap = uploads.policy(POLICY)
        return checked_uploads(files, max_file_bytes=cap.max_file_bytes)


RowFormSet = forms.formset_factory(RowForm, extra=0, min_num=1, validate_min=True, max_num=50, validate_max=True)
