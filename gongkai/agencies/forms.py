"""Staff form for editing an agency's 公开指南 data and settings."""

from django import forms

from gongkai.agencies.models import Agency


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name", "short_name", "office_name", "address", "office_hours", "phone", "fax",
            "web_contact", "email", "postcode", "index_date_format", "approval_levels", "fee_pauses_clock",
        ]
