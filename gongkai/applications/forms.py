"""Forms of applications: the public online form (Art. 29), staff intake, and one form per clock action."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.agencies.models import Agency
from gongkai.applications import idcheck, letters
from gongkai.applications.deadlines import EXTENSION_MAX_WORKDAYS
from gongkai.applications.fees import Method
from gongkai.applications.models import (
    RECEIPT_RULE,
    ApplicantType,
    Channel,
    IdDocType,
    Outcome,
    Party,
    ProvisionForm,
    ProvisionWay,
)
from gongkai.core import clock, uploads


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label: Any, **kw: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kw)


class ApplicationForm(forms.Form):
    """Art. 29 content: who applies, what information, in which form and way."""

    applicant_type = forms.ChoiceField(label=_("申请人类型"), choices=ApplicantType.choices)
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=120)
    id_doc_type = forms.ChoiceField(label=_("身份证明类型"), choices=IdDocType.choices)
    id_number = forms.CharField(label=_("证件号码"), max_length=40)
    phone = forms.CharField(label=_("联系电话"), max_length=40)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    postcode = forms.CharField(label=_("邮政编码"), max_length=10, required=False)
    info_name = forms.CharField(label=_("所需政府信息的名称"), max_length=300)
    info_doc_number = forms.CharField(label=_("文号"), max_length=120, required=False)
    info_description = forms.CharField(label=_("所需信息的其他特征性描述"), widget=forms.Textarea(attrs={"rows": 3}),
                                       required=False)
    provision_form = forms.ChoiceField(label=_("提供形式"), choices=ProvisionForm.choices)
    provision_way = forms.ChoiceField(label=_("获取方式"), choices=ProvisionWay.choices)

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        if sum(c.isdigit() for c in phone) < 4:
            raise forms.ValidationError(_("请填写有效的联系电话"))
        return phone


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files from one ``<input type=file multiple>``; cleans to a list."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items if item]
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [f for f in cleaned if f]


ORGANISATION_TYPES = frozenset(t.value for t in ApplicantType if t != ApplicantType.NATURAL_PERSON)


def checked_uploads(files: list[UploadedFile], *, max_file_bytes: int) -> list[uploads.Accepted]:
    """Each uploaded file checked by content (``core.uploads.inspect``); every refusal named at once."""
    accepted, errors = [], []
    for f in files:
        try:
            accepted.append(uploads.Accepted(uploads.inspect(f.name or "", f, max_bytes=max_file_bytes), f))
        except uploads.UploadRejected as exc:
            errors.append(str(exc))
    if errors:
        raise forms.ValidationError(errors)
    return accepted


class PublicApplicationForm(ApplicationForm):
    """The online 申请表: identity numbers checked by their document type's rule (``idcheck``), lengths
    limited as the model stores them, and for 法人或其他组织 the 法定代表人 and 联系人 required."""

    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(
        label=_("向哪个机关申请"), queryset=None, error_messages={"invalid_choice": _("请选择受理机关")})
    legal_rep = forms.CharField(label=_("法定代表人或负责人"), max_length=60, required=False,
                                help_text=_("法人或其他组织申请时填写"))
    contact_name = forms.CharField(label=_("联系人姓名"), max_length=60, required=False,
                                   help_text=_("法人或其他组织申请时填写"))
    upload = MultipleFileField(label=_("附件（可选）"), required=False, help_text=_(
        "可选 PDF、DOC、DOCX、XLS、XLSX、OFD、PNG、JPG、GIF 文件，"
        "最多 {files} 个，单个不超过 {file}，合计不超过 {total}"))

    def __init__(self, *args: Any, agencies: QuerySet[Agency] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        # A platform desk is offered for applicants who do not know which organ holds the information.
        self.fields["agency"].label_from_instance = (  # type: ignore[attr-defined]
            lambda a: f"{a.name}（不确定由哪个机关办理时选择，统一受理后分办）" if a.routes_online else a.name)
        self.order_fields(["agency", "applicant_type", "applicant_name", "legal_rep", "contact_name"])
        # Browsers stop typing at the model's length; the server checks the same limits.
        self.fields["info_description"].widget.attrs["maxlength"] = "2000"
        self.fields["info_description"].validators.append(MaxLengthValidator(2000))
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        cap = uploads.policy("public")
        self.fields["upload"].help_text = str(self.fields["upload"].help_text).format(
            files=cap.max_files, file=f"{cap.max_file_bytes // 1048576} MB",
            total=f"{cap.max_request_bytes // 1048576} MB")

    def clean_phone(self) -> str:
        phone = super().clean_phone()
        digits = sum(c.isdigit() for c in phone)
        if not re.fullmatch(r"[0-9+()\- ]+", phone) or not 7 <= digits <= 20:
            raise forms.ValidationError(_("请填写有效的联系电话（7至20位数字，可含区号分隔符“-”）"))
        return phone

    def clean_postcode(self) -> str:
        code = str(self.cleaned_data.get("postcode") or "").strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("邮政编码应为6位数字"))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, number = data.get("id_doc_type"), data.get("id_number")
        if kind and number:
            reason = idcheck.problem(str(kind), str(number))
            if reason:
                self.add_error("id_number", reason)
            else:
                data["id_number"] = idcheck.normalise(str(number)) if kind != IdDocType.OTHER else str(number).strip()
        organisation = data.get("applicant_type") in ORGANISATION_TYPES
        if organisation:
            for name, label in (("legal_rep", _("法定代表人或负责人")), ("contact_name", _("联系人姓名"))):
                if not str(data.get(name) or "").strip():
                    self.add_error(name, _("法人或其他组织申请，请填写%(f)s") % {"f": label})
        elif kind == IdDocType.CREDIT_CODE:
            self.add_error("id_doc_type", _("自然人请使用居民身份证、护照、通行证等个人身份证明"))
        return data

    def clean_upload(self) -> list[uploads.Accepted]:
        """Each file checked by content (the streaming handler has already bounded the sizes)."""
        files: list[UploadedFile] = self.cleaned_data.get("upload") or []
        cap = uploads.policy("public")
        if len(files) > cap.max_files:
            raise forms.ValidationError(_("一次最多上传 %(n)s 个附件") % {"n": cap.max_files})
        if sum(f.size or 0 for f in files) > cap.max_request_bytes:
            raise forms.ValidationError(_("附件合计超过上限 %(n)s MB") % {"n": cap.max_request_bytes // 1048576})
        return checked_uploads(files, max_file_bytes=cap.max_file_bytes)


class IntakeForm(ApplicationForm):
    agency: forms.ModelChoiceField[Agency] = forms.ModelChoiceField(label=_("受理机关"), queryset=None)
    channel = forms.ChoiceField(label=_("申请渠道"), choices=Channel.choices,
                                help_text="；".join(f"{Channel(k).label}：{v}" for k, v in RECEIPT_RULE.items()))
    received_on = _date(_("收到申请之日（第三十一条）"))
    id_number = forms.CharField(label=_("证件号码"), max_length=40, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)

    def __init__(self, *args: Any, agencies: QuerySet[Agency] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["received_on"].initial = clock.today()
        self.order_fields(["agency", "channel", "received_on"])

    def clean_phone(self) -> str:
        return str(self.cleaned_data.get("phone") or "").strip()


class StatusLookupForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20)
    phone_tail = forms.CharField(label=_("联系电话后四位"), min_length=4, max_length=4)


class FeeQuoteForm(forms.Form):
    method = forms.ChoiceField(label=_("计收方式"), choices=[(Method.PIECES.value, "按件计收"),
                                                        (Method.PAGES.value, "按量计收")])
    count = forms.IntegerField(label=_("件数或页数"), min_value=0, max_value=1_000_000)
    prior = forms.IntegerField(label=_("本月已计件数（按件）"), min_value=0, max_value=1_000_000, required=False)


# ---------------------------------------------------------------- staff actions

class OnForm(forms.Form):
    on = _date(_("日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = clock.today()


class CorrectionForm(OnForm):
    until = _date(_("补正期限"))
    note = forms.CharField(label=_("需要补正的内容"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class ConsultOpenForm(OnForm):
    party = forms.ChoiceField(label=_("征求对象"), choices=Party.choices)
    party_name = forms.CharField(label=_("名称"), max_length=200)


class ConsultCloseForm(OnForm):
    ref = forms.CharField(label=_("征求意见编号"), max_length=40)
    note = forms.CharField(label=_("意见"), max_length=300, required=False)


class ExtensionForm(OnForm):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=EXTENSION_MAX_WORKDAYS, initial=20)
    reason = forms.CharField(label=_("理由"), max_length=300)


class Art35Form(OnForm):
    until = _date(_("确定的答复期限"))
    reason = forms.CharField(label=_("理由"), max_length=300)


class FeeNoticeForm(forms.Form):
    method = forms.ChoiceField(label=_("计收方式"), choices=[(Method.PIECES.value, "按件计收"),
                                                        (Method.PAGES.value, "按量计收")])
    count = forms.IntegerField(label=_("件数或页数"), min_value=1, max_value=1_000_000)
    prior = forms.IntegerField(label=_("本月此前已计件数（留空自动计算）"), min_value=0, required=False)
    sent_on = _date(_("发出日期"))
    received_on = _date(_("申请人收到日期"))


class FeeSettleForm(OnForm):
    notice = forms.IntegerField(label=_("收费通知编号"), widget=forms.HiddenInput())
    reason = forms.CharField(label=_("减免理由"), max_length=300, required=False)


class AnswerForm(OnForm):
    outcome = forms.ChoiceField(label=_("办理结果（年报表三）"), choices=[
        c for c in Outcome.choices if c[0] not in (Outcome.NO_CORRECTION, Outcome.FEE_UNPAID)])
    legal_basis = forms.CharField(label=_("法律依据（留空使用默认）"), max_length=300, required=False)
    answer_text = forms.CharField(label=_("答复内容或理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    referral_organ = forms.CharField(label=_("负责公开的机关（第三十六条第五项）"), max_length=120, required=False)
    referral_contact = forms.CharField(label=_("该机关联系方式"), max_length=200, required=False)


class WithdrawForm(OnForm):
    reason = forms.CharField(label=_("撤回说明"), max_length=300, required=False)


class DeliverForm(OnForm):
    letter = forms.IntegerField(widget=forms.HiddenInput())
    way = forms.CharField(label=_("送达方式"), max_length=40)
    proof = forms.CharField(label=_("送达凭证（如邮件单号）"), max_length=200, required=False)


class LetterTemplateForm(forms.Form):
    """An agency's wording of one letter kind; the body must pass ``letters.check`` (placeholders, every outcome)."""

    title = forms.CharField(label=_("标题"), max_length=100)
    body = forms.CharField(label=_("正文模板"), max_length=letters.MAX_TEMPLATE_CHARS, strip=False,
                           widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean_body(self) -> str:
        body = str(self.cleaned_data["body"])
        problems = letters.check(self.kind, body)
        if problems:
            raise forms.ValidationError(problems)
        return body


# ---------------------------------------------------------------- routing (分办/签收/退回, routing.py)

class RouteForm(OnForm):
    to_agency = forms.ModelChoiceField(label=_("承办机关"), queryset=Agency.objects.filter(is_active=True),
                                       error_messages={"invalid_choice": _("请选择有效的承办机关")})
    note = forms.CharField(label=_("分办说明"), max_length=300, required=False)


class ReturnForm(OnForm):
    reason = forms.CharField(label=_("退回理由（为何不属于本机关办理）"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}))
