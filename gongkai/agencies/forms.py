"""Staff forms: an agency's 公开指南 data and settings; granting a role to a user; superior-viewer grants."""

from __future__ import annotations

from typing import Any

from django import forms

from gongkai.agencies.models import Agency


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name", "short_name", "office_name", "address", "office_hours", "phone", "fax",
            "web_contact", "email", "postcode", "index_date_format", "approval_levels", "fee_pauses_clock",
            "online_receipt", "routes_online",
        ]


class MembershipForm(forms.Form):
    """Role choices are only those the acting user may grant here (``access.grantable_roles``)."""

    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=150, required=False)
    password = forms.CharField(label="初始密码（新用户）", required=False, widget=forms.PasswordInput,
                               help_text="至少10个字符，不能过于常见、不能全是数字、不能与用户名相近")
    role = forms.ChoiceField(label="角色")

    def __init__(self, *args: Any, roles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = roles


class SuperiorViewerForm(forms.Form):
    """An admin of a superior agency gives a subordinate agency's staff member read-only oversight of
    that agency's own subordinates."""

    subordinate = forms.ModelChoiceField(label="下级机关", queryset=Agency.objects.none())
    username = forms.CharField(label="该机关工作人员的用户名", max_length=150)

    def __init__(self, *args: Any, superior: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["subordinate"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (Agency.objects.filter(path__startswith=superior.path, is_active=True)
                          .exclude(pk=superior.pk).order_by("path"))
