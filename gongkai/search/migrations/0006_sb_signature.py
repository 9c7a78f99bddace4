"""PostgreSQL: bring a ``search_posting`` built by the first form of migration 0005 (no word signature,
a newest-first index without it) to the current form, rebuilding the table from its own tsvectors in
(published_on, id) order; then VACUUM (ANALYZE) it, which sets the visibility map that lets a walk over
the newest entries read the index alone, and set the table's autovacuum to follow new entries closely.
Not atomic: VACUUM cannot run in a transaction; every step can be repeated. SQLite: nothing."""

import importlib

from django.db import migrations

_0005 = importlib.import_module("gongkai.search.migrations.0005_sb_posting")


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    in_transaction = schema_editor.connection.in_atomic_block  # a test's; a migration run is not
    with schema_editor.connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND table_name = 'search_posting' AND column_name = 's0'")
        current = cur.fetchone()[0] > 0
        if not current:
            if not in_transaction:
                cur.execute("BEGIN")
            cur.execute("DROP TABLE IF EXISTS search_posting_old")
            cur.execute("ALTER TABLE search_posting RENAME TO search_posting_old")
            for name in ("search_posting_tsv", "search_posting_newest", "search_posting_agency"):
                cur.execute(f"DROP INDEX IF EXISTS {name}")
            cur.execute("ALTER TABLE search_posting_old DROP CONSTRAINT IF EXISTS search_posting_pkey")
            cur.execute(_0005.SIGNATURE_FUNCTION)
            cur.execute(_0005.CREATE_TABLE)
            cur.execute(_0005.fill("SELECT entry_id AS id, published_on, agency_id, year, category, topic, validity, "
                                   "tsv AS t FROM search_posting_old"))
            for sql in _0005.INDEXES:
                cur.execute(sql)
            cur.execute("DROP TABLE search_posting_old")
            if not in_transaction:
                cur.execute("COMMIT")
        # New entries are appended at the newest end, which every walk reads first: vacuum the table after
        # every 5,000 inserted rows (not the default 20 % of the table) so those pages become all-visible
        # and the walk keeps reading the index alone.
        cur.execute("ALTER TABLE search_posting SET (autovacuum_vacuum_insert_threshold = 5000, "
                    "autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_scale_factor = 0.02, "
                    "autovacuum_analyze_scale_factor = 0.02)")
        if not in_transaction:  # VACUUM cannot run in a transaction
            cur.execute("VACUUM (ANALYZE) search_posting")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("search", "0005_sb_posting")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
