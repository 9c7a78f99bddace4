"""PublishedReport leaves ingest for reports in state only (ADR 0004); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('ingest', '0001_initial'),
        ('reports', '0002_publishedreport_from_ingest'),
    ]

    # State only: the model now lives in reports; its table stays (reports 0002 points at it).
    operations = [migrations.SeparateDatabaseAndState(state_operations=[
        migrations.DeleteModel(name='PublishedReport'),
    ], database_operations=[])]
