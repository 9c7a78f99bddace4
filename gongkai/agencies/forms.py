"""Staff forms: an agency's 公开指南 data and settings; granting a role to a user."""

from django import forms

from gongkai.agencies.models import Agency, Role


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name", "short_name", "office_name", "address", "office_hours", "phone", "fax",
            "web_contact", "email", "postcode", "index_date_format", "approval_levels", "fee_pauses_clock",
        ]


class MembershipForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=150, required=False)
    password = forms.CharField(label="初始密码（新用户）", required=False, widget=forms.PasswordInput,
                               min_length=8)
    role = forms.ChoiceField(label="角色", choices=Role.choices)
