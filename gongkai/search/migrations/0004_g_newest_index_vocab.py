"""Search at province scale (issue 16). PostgreSQL: a newest-first index over the entries, walked for the
match window of a common word. SQLite: an fts5vocab table whose per-term document counts estimate the
total of a query with more than ``COUNT_CAP`` matches (FTS5's rowid order is already newest first)."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')")
    elif vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_entry_newest "
                              "ON search_searchentry (published_on DESC NULLS LAST, id DESC)")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_vocab")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_newest")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pg_tsvector_column")]
    operations = [migrations.RunPython(forwards, backwards)]
