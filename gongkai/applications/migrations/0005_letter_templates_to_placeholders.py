"""Existing agency letter templates move from Django template syntax to the placeholder language.

Each template goes through ``letter_convert.convert``: kept when it already passes the new check,
translated when every token is known, otherwise reset to the default. Whenever the body changes,
the old body is kept in ``legacy_body`` with the reason in ``legacy_note`` (shown on the template
edit page), so nothing is lost silently. No event row is written here: the event log's hash chain
is maintained by the services, and the record of the change is the template row itself.
"""

from typing import Any

from django.db import migrations


def forward(apps: Any, schema_editor: Any) -> None:
    from gongkai.applications.letter_convert import convert

    LetterTemplate = apps.get_model("applications", "LetterTemplate")
    for tpl in LetterTemplate.objects.order_by("pk").iterator():
        result = convert(tpl.kind, tpl.body)
        if result.status == "unchanged":
            continue
        LetterTemplate.objects.filter(pk=tpl.pk).update(body=result.body, legacy_body=tpl.body,
                                                        legacy_note=result.note)


def backward(apps: Any, schema_editor: Any) -> None:
    LetterTemplate = apps.get_model("applications", "LetterTemplate")
    for tpl in LetterTemplate.objects.exclude(legacy_body="").iterator():
        LetterTemplate.objects.filter(pk=tpl.pk).update(body=tpl.legacy_body, legacy_body="", legacy_note="")


class Migration(migrations.Migration):

    dependencies = [
        ("applications", "0004_letter_template_legacy"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
