# Append-only at the database: one position per chain (unique constraints) and triggers refusing UPDATE and
# DELETE (and TRUNCATE on PostgreSQL) on core_event from any path, ORM or raw SQL. Triggers are created
# last: on SQLite a unique constraint rebuilds the table, which would drop them.

from django.db import migrations, models

from gongkai.core import eventchain


def install(apps, schema_editor):
    eventchain.install_triggers(schema_editor.connection)


def uninstall(apps, schema_editor):
    eventchain.drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_event_chain_backfill'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='event',
            constraint=models.UniqueConstraint(fields=('agency', 'seq'), name='core_event_agency_seq_uniq'),
        ),
        migrations.AddConstraint(
            model_name='event',
            constraint=models.UniqueConstraint(condition=models.Q(('agency__isnull', True)), fields=('seq',), name='core_event_global_seq_uniq'),
        ),
        migrations.RunPython(install, uninstall),
    ]
