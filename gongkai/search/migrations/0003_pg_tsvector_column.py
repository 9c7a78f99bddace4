"""PostgreSQL: a stored generated tsvector column with its GIN index, so matching and ranking never
recompute ``to_tsvector`` per row (replaces the expression index of 0002). SQLite: nothing."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_tokens_gin")
    schema_editor.execute(
        "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED"
    )
    schema_editor.execute("CREATE INDEX IF NOT EXISTS search_entry_tsv_gin ON search_searchentry USING GIN (tsv)")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_tsv_gin")
    schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_entry_tokens_gin "
        "ON search_searchentry USING GIN (to_tsvector('simple', tokens))"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]
    operations = [migrations.RunPython(forwards, backwards)]
