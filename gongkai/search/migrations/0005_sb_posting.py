"""Search at province scale, second step (issue 16, ADR 0018).

PostgreSQL: the narrow table ``search_posting`` that searches read instead of the wide
``search_searchentry`` rows: entry id, date, filter columns, the tsvector, and a 512-bit signature of the
entry's words in eight bigints (``search_signature``: two bits per word, from ``hashtextextended``). It is
built from the existing entries in one INSERT … SELECT in (published_on, id) order; a GIN index over the
tsvector, a newest-first index that carries the signature and the filters (so a walk over the newest
entries reads only the index), and an agency index; a trigger empties it when the entries are truncated
(a test flush). The entry table's own tsvector column and its two indexes, which nothing reads any more,
are dropped. SQLite: the fts5vocab table, replaced by the density estimate, is dropped.
"""

from django.db import migrations

SIGNATURE_FUNCTION = (
    "CREATE OR REPLACE FUNCTION search_signature(t tsvector) RETURNS bigint[] LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE AS $$ SELECT ARRAY[substring(b from 1 for 64)::bigint, substring(b from 65 for 64)::bigint, "
    "substring(b from 129 for 64)::bigint, substring(b from 193 for 64)::bigint, "
    "substring(b from 257 for 64)::bigint, substring(b from 321 for 64)::bigint, "
    "substring(b from 385 for 64)::bigint, substring(b from 449 for 64)::bigint] "
    "FROM (SELECT coalesce(bit_or(set_bit(set_bit(repeat('0', 512)::bit(512), (h & 511)::int, 1), "
    "((h >> 9) & 511)::int, 1)), repeat('0', 512)::bit(512)) AS b "
    "FROM (SELECT hashtextextended(l, 0) AS h FROM unnest(tsvector_to_array(t)) l) x) y $$"
)
CREATE_TABLE = (
    "CREATE TABLE IF NOT EXISTS search_posting (entry_id bigint PRIMARY KEY, published_on date NULL, "
    "agency_id bigint NOT NULL, year integer NULL, category varchar(60) NOT NULL, topic varchar(60) NOT NULL, "
    "validity varchar(12) NOT NULL, tsv tsvector NOT NULL, s0 bigint NOT NULL, s1 bigint NOT NULL, "
    "s2 bigint NOT NULL, s3 bigint NOT NULL, s4 bigint NOT NULL, s5 bigint NOT NULL, s6 bigint NOT NULL, "
    "s7 bigint NOT NULL)"
)
COLUMNS = "entry_id, published_on, agency_id, year, category, topic, validity, tsv, s0, s1, s2, s3, s4, s5, s6, s7"


def fill(source: str) -> str:
    """INSERT … SELECT of every row of ``source`` (columns id, published_on, …, t = the tsvector)."""
    return (f"INSERT INTO search_posting ({COLUMNS}) SELECT x.id, x.published_on, x.agency_id, x.year, x.category, "
            f"x.topic, x.validity, x.t, g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8] "
            f"FROM ({source}) x CROSS JOIN LATERAL search_signature(x.t) g "
            f"ORDER BY x.published_on NULLS FIRST, x.id ON CONFLICT (entry_id) DO NOTHING")


INDEXES = [
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX IF NOT EXISTS search_posting_tsv ON search_posting USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS search_posting_newest ON search_posting (published_on DESC NULLS LAST, entry_id DESC) "
    "INCLUDE (s0, s1, s2, s3, s4, s5, s6, s7, agency_id, year, validity, category, topic)",
    "CREATE INDEX IF NOT EXISTS search_posting_agency "
    "ON search_posting (agency_id, published_on DESC NULLS LAST, entry_id DESC)",
    "CREATE OR REPLACE FUNCTION search_posting_truncate() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN TRUNCATE search_posting; RETURN NULL; END $$",
    "DROP TRIGGER IF EXISTS search_entry_truncate ON search_searchentry",
    "CREATE TRIGGER search_entry_truncate AFTER TRUNCATE ON search_searchentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION search_posting_truncate()",
]

_PG_FORWARDS = [
    SIGNATURE_FUNCTION,
    CREATE_TABLE,
    fill("SELECT id, published_on, agency_id, year, category, topic, validity, to_tsvector('simple', tokens) AS t "
         "FROM search_searchentry"),
    *INDEXES,
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
    "DROP FUNCTION IF EXISTS search_signature(tsvector)",
]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_vocab")
    elif vendor == "postgresql":
        with schema_editor.connection.cursor() as cur:
            cur.execute("SELECT to_regclass('search_posting') IS NOT NULL")
            if cur.fetchone()[0]:
                return  # built by an earlier form of this migration: 0006 brings it up to date
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
