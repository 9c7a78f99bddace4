"""Engine-specific full-text index over SearchEntry.tokens (FTS5 on SQLite, GIN on PostgreSQL)."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(tokens, tokenize = 'unicode61')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_tokens_gin "
            "ON search_searchentry USING GIN (to_tsvector('simple', tokens))"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_tokens_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
