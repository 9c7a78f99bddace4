"""Staff form for a work ledger entry."""

from __future__ import annotations

from django import forms

from gongkai.worklog.models import WorkEntry


class WorkEntryForm(forms.ModelForm):
    class Meta:
        model = WorkEntry
        fields = ["year", "kind", "occurred_on", "title", "quantity", "secondary", "principal_leader", "note"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"}), "note": forms.Textarea(attrs={"rows": 3})}
