"""Search at province scale, second step (issue 16, ADR 0018).

PostgreSQL: the narrow table ``search_posting`` (entry id, date, filter columns, tsvector) that searches
read instead of the wide ``search_searchentry`` rows, built from the existing entries in one INSERT … SELECT
in (published_on, id) order so a newest-first walk reads consecutive pages; its GIN and newest-first
indexes; a trigger that empties it when the entries are truncated (a test flush); then the entry table's
own tsvector column and its two indexes, which nothing reads any more, are dropped. SQLite: the fts5vocab
table, replaced by the density estimate, is dropped.
"""

from django.db import migrations

_PG_FORWARDS = [
    "CREATE TABLE IF NOT EXISTS search_posting (entry_id bigint PRIMARY KEY, published_on date NULL, "
    "agency_id bigint NOT NULL, year integer NULL, category varchar(60) NOT NULL, topic varchar(60) NOT NULL, "
    "validity varchar(12) NOT NULL, tsv tsvector NOT NULL)",
    "INSERT INTO search_posting (entry_id, published_on, agency_id, year, category, topic, validity, tsv) "
    "SELECT id, published_on, agency_id, year, category, topic, validity, to_tsvector('simple', tokens) "
    "FROM search_searchentry ORDER BY published_on NULLS FIRST, id ON CONFLICT (entry_id) DO NOTHING",
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX IF NOT EXISTS search_posting_tsv ON search_posting USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS search_posting_newest ON search_posting (published_on DESC NULLS LAST, entry_id DESC)",
    "CREATE INDEX IF NOT EXISTS search_posting_agency "
    "ON search_posting (agency_id, published_on DESC NULLS LAST, entry_id DESC)",
    "CREATE OR REPLACE FUNCTION search_posting_truncate() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN TRUNCATE search_posting; RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS search_entry_truncate ON search_searchentry",
    "CREATE TRIGGER search_entry_truncate AFTER TRUNCATE ON search_searchentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_posting_truncate()",
    "DROP INDEX IF EXISTS search_entry_tsv_gin",
    "DROP INDEX IF EXISTS search_entry_newest",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
    "ANALYZE search_posting",
]

_PG_BACKWARDS = [
    "ALTER TABLE search_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    "CREATE INDEX IF NOT EXISTS search_entry_tsv_gin ON search_searchentry USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS search_entry_newest ON search_searchentry (published_on DESC NULLS LAST, id DESC)",
    "DROP TRIGGER IF EXISTS search_entry_truncate ON search_searchentry",
    "DROP FUNCTION IF EXISTS search_posting_truncate()",
    "DROP TABLE IF EXISTS search_posting",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_vocab")
    elif vendor == "postgresql":
        for sql in _PG_FORWARDS:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, 'row')")
    elif vendor == "postgresql":
        for sql in _PG_BACKWARDS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_g_newest_index_vocab")]
    operations = [migrations.RunPython(forwards, backwards)]
