"""Partial indexes on the links to a record (interpretations, replacements): only the linked rows, so
SQLite's planner uses them instead of scanning every record (its statistics see one all-NULL key in the
plain foreign-key indexes)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("agencies", "0005_routes_online"),
        ("catalog", "0005_attachment_public_copy"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="record",
            index=models.Index(condition=models.Q(("interprets__isnull", False)), fields=["interprets"],
                               name="catalog_rec_interprets_set"),
        ),
        migrations.AddIndex(
            model_name="record",
            index=models.Index(condition=models.Q(("replaced_by__isnull", False)), fields=["replaced_by"],
                               name="catalog_rec_replaced_by_set"),
        ),
    ]
