"""One search interface over two engines: ``index_document``, ``index_many``, ``remove_document``, ``search``.

SQLite: an FTS5 table ``search_fts`` (rowid = entry id) over the tokens and the filter values as synthetic
terms, queried with ``MATCH`` (each query token quoted, implicit AND). PostgreSQL: the narrow table
``search_posting`` (one row per entry: id, date, filter columns and the tsvector; the display text stays in
``search_searchentry``), with a GIN index and newest-first indexes (ADR 0018). Both engines find the
``RANK_WINDOW`` newest matches, order them by relevance, and list older matches newest first, so no query
reads every match of a common word. Totals are exact up to ``COUNT_CAP``; beyond it they are estimated from
how densely the newest matches lie among the newest entries, shown as "约 N 条" (ADR 0014, ADR 0018).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from gongkai.core import bulkcopy
from gongkai.search.models import SearchEntry
from gongkai.search.tokens import document_tokens, query_tokens

SNIPPET_CHARS = 120
MAX_OR_TERMS = 200  # agency lists longer than this filter by join instead of FTS terms
# Relevance is computed for at most this many matches, the newest; the rest follow newest first.
RANK_WINDOW = 200
# Matches counted exactly; beyond this the total is an estimate. Counting every match of a common word
# reads every match (issue 16: 120–199 ms at 250,000 records); a reader needs "about how many", not the
# exact 104,317.
COUNT_CAP = 1000
# PostgreSQL: a query whose rarest word is in more entries than this walks the entries newest first
# (``search_posting_newest``) and tests each; a rarer word is looked up in the GIN index. Walks stop after
# WALK_BUDGET entries and fall back to the GIN index (words common alone but rare together).
RARE_DF = 20_000
WALK_BUDGET = 60_000
# A walk's estimate below this is checked by a capped count through the GIN index (the newest entries may
# hold more than their share of the matches). Above it the estimate stands: matches ~7 times denser among
# the newest entries than overall, for words each in more than RARE_DF entries, could show "约 2,100" for
# 900 matches; the check costs 15–40 ms for such words at 1,000,000 entries (ADR 0018).
CHECK_BELOW = 2 * COUNT_CAP
@dataclass
class Hit:
    key: str
    title: str
    url: str
    snippet: str  # HTML, escaped, with <mark> around matches
    agency_id: int
    published_on: dt.date | None
    category: str
    topic: str
    validity: str


@dataclass
class Results:
    query: str
    tokens: list[str]
    total: int
    hits: list[Hit] = field(default_factory=list)
    estimated: bool = False  # total is an estimate (more than COUNT_CAP matches): show "约 N 条"

    @property
    def total_display(self) -> str:
        """The total as a page shows it: exact; an estimate rounded to two significant digits; or, when the
        estimate is no better than the count (words that go together fool both engines' independence
        assumption), only what is known: more than COUNT_CAP."""
        if not self.estimated:
            return f"{self.total:,}"
        if self.total <= COUNT_CAP + 1:
            return f"超过 {COUNT_CAP:,}"
        digits = len(str(self.total))
        rounded = round(self.total, -(digits - 2)) if digits > 2 else self.total
        return f"约 {rounded:,}"


def _digest(value: str) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]


def facet_tokens(*, agency_id: int | None = None, category: str = "", topic: str = "", year: int | None = None,
                 validity: str = "") -> list[str]:
    """Filter values as synthetic FTS5 terms (SQLite), so a filtered search is one posting-list
    intersection with no join. Letters and digits only, prefixed ``gkf`` to stay clear of real words."""
    out = []
    if agency_id is not None:
        out.append(f"gkfa{int(agency_id)}")
    if category:
        out.append(f"gkfc{_digest(category)}")
    if topic:
        out.append(f"gkft{_digest(topic)}")
    if year:
        out.append(f"gkfy{int(year)}")
    if validity:
        out.append(f"gkfv{_digest(validity)}")
    return out


def _fts_text(e: SearchEntry) -> str:
    return " ".join([e.tokens, *facet_tokens(agency_id=e.agency_id, category=e.category, topic=e.topic,
                                              year=e.year, validity=e.validity)])


# PostgreSQL: the posting row of each entry (migration 0005), written from the entry row in the same
# transaction: the tsvector and its word signature (``search_signature``, eight bigints) computed there.
_PG_POSTING_COLUMNS = ("entry_id, published_on, agency_id, year, category, topic, validity, tsv, "
                       "s0, s1, s2, s3, s4, s5, s6, s7")


def _pg_posting_insert(where: str) -> str:
    return (f"INSERT INTO search_posting ({_PG_POSTING_COLUMNS}) SELECT x.id, x.published_on, x.agency_id, x.year, "
            f"x.category, x.topic, x.validity, x.t, g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8] "
            f"FROM (SELECT e.id, e.published_on, e.agency_id, e.year, e.category, e.topic, e.validity, "
            f"to_tsvector('simple', e.tokens) AS t FROM search_searchentry e WHERE {where}) x "
            f"CROSS JOIN LATERAL search_signature(x.t) g ORDER BY x.id")


def index_document(*, key: str, agency_id: int, url: str, title: str, text: str = "", category: str = "",
                   topic: str = "", year: int | None = None, validity: str = "",
                   published_on: dt.date | None = None, extra: str = "") -> SearchEntry:
    """Create or replace the entry for ``key``. ``extra`` is indexed but not shown in snippets."""
    tokens = " ".join(document_tokens("\n".join([title, text, extra])))
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(key=key, defaults={
            "agency_id": agency_id, "url": url, "title": title, "text": text, "tokens": tokens,
            "category": category, "topic": topic, "year": year, "validity": validity,
            "published_on": published_on,
        })
        with connection.cursor() as cur:
            if connection.vendor == "sqlite":
                cur.execute("DELETE FROM search_fts WHERE rowid = %s", [entry.pk])
                cur.execute("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)", [entry.pk, _fts_text(entry)])
            elif connection.vendor == "postgresql":
                update = ", ".join(f"{c} = EXCLUDED.{c}" for c in _PG_POSTING_COLUMNS.split(", ")[1:])
                cur.execute(f"{_pg_posting_insert('e.id = %s')} ON CONFLICT (entry_id) DO UPDATE SET {update}",
                            [entry.pk])
    return entry


def index_many(docs: list[dict[str, Any]], batch_size: int = 5000) -> int:
    """Bulk-index new documents (keys must not exist yet) through the same tokenizer as ``index_document``:
    COPY on PostgreSQL (then one INSERT … SELECT for the batch's posting rows), one executemany per table on
    SQLite (``core.bulkcopy``), ``batch_size`` at a time. Entry ids follow the order of ``docs``: give them
    oldest first, as publication would (both engines read newest first along that order)."""
    done = 0
    now = timezone.now()
    for i in range(0, len(docs), batch_size):
        chunk = docs[i:i + batch_size]
        with transaction.atomic():
            ids = bulkcopy.reserve_ids(SearchEntry, len(chunk))
            rows = [{
                "id": pk, "key": d["key"], "agency_id": d["agency_id"], "url": d["url"], "title": d["title"],
                "text": d.get("text", ""),
                "tokens": " ".join(document_tokens("\n".join([d["title"], d.get("text", ""), d.get("extra", "")]))),
                "category": d.get("category", ""), "topic": d.get("topic", ""), "year": d.get("year"),
                "validity": d.get("validity", ""), "published_on": d.get("published_on"),
            } for pk, d in zip(ids, chunk, strict=True)]
            bulkcopy.insert(SearchEntry, rows, now=now)
            with connection.cursor() as cur:
                if connection.vendor == "postgresql":
                    cur.execute(_pg_posting_insert("e.id = ANY(%s)"), [ids])
                elif connection.vendor == "sqlite":
                    # The FTS table is not a model: a flush (tests) or a reused id can leave a row under a new
                    # entry's id; clear it as ``index_document`` does, or the insert fails.
                    cur.executemany("DELETE FROM search_fts WHERE rowid = %s", [(r["id"],) for r in rows])
                    cur.executemany("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)", [(r["id"], " ".join([
                        str(r["tokens"]), *facet_tokens(agency_id=int(r["agency_id"]), category=str(r["category"]),
                                                        topic=str(r["topic"]), year=r["year"],  # type: ignore[arg-type]
                                                        validity=str(r["validity"]))])) for r in rows])
        done += len(rows)
    return done


# PostgreSQL indexes over the posting rows that bulk loading drops and rebuilds (created by migration 0005).
_PG_BULK_INDEXES = {
    "search_posting_tsv": "CREATE INDEX IF NOT EXISTS search_posting_tsv ON search_posting USING GIN (tsv)",
    "search_posting_newest": "CREATE INDEX IF NOT EXISTS search_posting_newest "
                             "ON search_posting (published_on DESC NULLS LAST, entry_id DESC) "
                             "INCLUDE (s0, s1, s2, s3, s4, s5, s6, s7, agency_id, year, validity, category, topic)",
    "search_posting_agency": "CREATE INDEX IF NOT EXISTS search_posting_agency "
                             "ON search_posting (agency_id, published_on DESC NULLS LAST, entry_id DESC)",
}


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Around a bulk load of many entries (``gongkai demo --scale``): on PostgreSQL the posting table's GIN
    and newest-first indexes are dropped and built once at the end (one sorted build instead of a million
    GIN insertions; measured 4–5× faster loading), even if the load fails. Searches meanwhile scan the
    table. SQLite: nothing to do (``optimize_index`` afterwards)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cur:
        for name in _PG_BULK_INDEXES:
            cur.execute(f"DROP INDEX IF EXISTS {name}")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '256MB'")
            for sql in _PG_BULK_INDEXES.values():
                cur.execute(sql)
            cur.execute("RESET maintenance_work_mem")


def optimize_index() -> None:
    """After bulk indexing: merge SQLite FTS5's segment b-trees into one (queries read one b-tree per
    term instead of dozens); PostgreSQL merges the GIN pending list by VACUUM/ANALYZE on its own."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def remove_document(key: str) -> None:
    with transaction.atomic():
        ids = list(SearchEntry.objects.filter(key=key).values_list("pk", flat=True))
        if ids:
            with connection.cursor() as cur:
                if connection.vendor == "sqlite":
                    cur.execute("DELETE FROM search_fts WHERE rowid = %s", [ids[0]])
                elif connection.vendor == "postgresql":
                    cur.execute("DELETE FROM search_posting WHERE entry_id = %s", [ids[0]])
        SearchEntry.objects.filter(key=key).delete()


_FILTERS = ("agency_id", "category", "topic", "year", "validity")


def _where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    sql: list[str] = []
    params: list[Any] = []
    for name in _FILTERS:
        value = filters.get(name)
        if value in (None, ""):
            continue
        if name == "agency_id" and isinstance(value, list | tuple | set):
            ids = [int(v) for v in value]
            if not ids:
                sql.append("1 = 0")
                continue
            sql.append("e.agency_id = ANY(%s)" if connection.vendor == "postgresql"
                       else f"e.agency_id IN ({', '.join(['%s'] * len(ids))})")
            if connection.vendor == "postgresql":
                params.append(ids)
            else:
                params.extend(ids)
            continue
        sql.append(f"e.{name} = %s")
        params.append(value)
    return ("".join(f" AND {s}" for s in sql), params)


def relevance(counts: Sequence[int], length: int, avg_len: float) -> float:
    """BM25's term-frequency part (k1 = 1.2, b = 0.75) of one document, from how often each query token
    occurs in it (``counts``) and its length in tokens: more occurrences score higher with diminishing
    returns, a long document's occurrences count less. No inverse document frequency: every document ranked
    contains every query token (AND), and the window is too small a sample to weigh one token against another."""
    k1, b = 1.2, 0.75
    norm = k1 * (1 - b + b * length / max(avg_len, 1.0))
    return sum(tf * (k1 + 1) / (tf + norm) for tf in counts if tf)


def token_counts(tokens: str, query: Sequence[str]) -> tuple[list[int], int]:
    """How often each query token occurs in a space-joined token string, and how many tokens it has, without
    splitting it (200 documents of ~300 tokens each are ranked per query): each token is padded by its own
    spaces, so adjacent repeats are all counted."""
    padded = " " + tokens.replace(" ", "  ") + " "
    return [padded.count(f" {t} ") for t in query], (tokens.count(" ") + 1 if tokens else 0)


def search(query: str, agency: Model | int | Iterable[int] | None = None, *, category: str = "", topic: str = "",
           year: int | None = None, validity: str = "", limit: int = 20, offset: int = 0) -> Results:
    """Entries matching every token of ``query``; ``agency`` is an Agency, an id, or a list of ids.

    Order: the ``RANK_WINDOW`` newest matches by relevance, then the older ones newest first (a pure
    function of the data, so consecutive pages neither repeat nor skip). Total: exact up to
    ``COUNT_CAP`` matches, an estimate beyond (``Results.estimated``; shown as "约 N 条").
    """
    tokens = query_tokens(query)
    if not tokens:
        return Results(query=query, tokens=[], total=0)
    agency_filter: int | list[int] | None
    if isinstance(agency, Model):
        agency_filter = agency.pk
    elif agency is None or isinstance(agency, int):
        agency_filter = agency
    else:
        agency_filter = list(agency)
    where, params = _where({"agency_id": agency_filter, "category": category, "topic": topic, "year": year,
                            "validity": validity})
    if connection.vendor != "sqlite":
        return _search_pg(query, tokens, where, params, limit, offset)
    agency_ids = agency_filter if isinstance(agency_filter, list) else None
    terms = ['"' + t.replace('"', '""') + '"' for t in tokens]
    if agency_ids is None or 0 < len(agency_ids) <= MAX_OR_TERMS:
        # Query and filters as FTS5 terms: one MATCH inside the FTS index, whose rowid order (entry ids,
        # i.e. indexing order) is the newest-first order.
        facets = facet_tokens(category=category, topic=topic, year=year, validity=validity)
        if agency_ids is not None:
            facets.append("(" + " OR ".join(f"gkfa{int(a)}" for a in agency_ids) + ")")
        elif isinstance(agency_filter, int):
            facets.append(f"gkfa{agency_filter}")
        base, first, params = "FROM search_fts WHERE search_fts MATCH %s", [" AND ".join(terms + facets)], []
    else:
        base = (f"FROM search_fts CROSS JOIN search_searchentry e ON e.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{where}")  # CROSS JOIN: full-text match first
        first = [" ".join(terms)]
    newest = f"SELECT search_fts.rowid {base} ORDER BY search_fts.rowid DESC"
    with connection.cursor() as cur:
        # The COUNT_CAP + 1 newest matches, read in FTS5's own (rowid) order: the window, the count when
        # there are no more, and otherwise where the newest matches end, which gives their density.
        cur.execute(f"{newest} LIMIT %s", first + params + [COUNT_CAP + 1])
        newest_ids = [int(r[0]) for r in cur.fetchall()]
        total, estimated = len(newest_ids), False
        if total > COUNT_CAP:
            # Two subqueries: SQLite answers MIN or MAX alone from the b-tree, both at once by a full scan.
            cur.execute("SELECT (SELECT MIN(id) FROM search_searchentry), (SELECT MAX(id) FROM search_searchentry)")
            low, high = cur.fetchone()
            # Matches per id among the newest entries, carried over the whole id range (ids follow indexing).
            total = max(COUNT_CAP + 1, round(total * (high - low + 1) / max(1, high - newest_ids[-1] + 1)))
            estimated = True
        ids: list[int] = []
        if offset < RANK_WINDOW:
            ids = _rank_window(cur, newest_ids[:RANK_WINDOW], tokens)[offset:offset + limit]
        rest = limit - len(ids)
        if rest > 0:
            start = max(offset, RANK_WINDOW)
            if start + rest <= len(newest_ids) or not estimated:
                ids += newest_ids[start:start + rest]
            else:
                cur.execute(f"{newest} LIMIT %s OFFSET %s", first + params + [rest, start])
                ids += [r[0] for r in cur.fetchall()]
    return _results(query, tokens, total, ids, estimated)


def _rank_window(cur: Any, window: list[int], tokens: list[str]) -> list[int]:
    """SQLite: the window's entries (ids newest first) by ``relevance``, newest first among equals."""
    if not window:
        return []
    cur.execute(f"SELECT id, tokens FROM search_searchentry WHERE id IN ({', '.join(['%s'] * len(window))})",
                window)
    docs = {int(i): token_counts(t or "", tokens) for i, t in cur.fetchall()}
    avg_len = sum(n for _, n in docs.values()) / max(1, len(docs))
    score = {i: relevance(*docs.get(i, ([], 0)), avg_len) for i in window}
    return sorted(window, key=lambda i: (-score[i], -i))


def _results(query: str, tokens: list[str], total: int, ids: list[int], estimated: bool = False) -> Results:
    entries = SearchEntry.objects.in_bulk(ids)
    hits = [_hit(entries[i], tokens) for i in ids if i in entries]
    return Results(query=query, tokens=tokens, total=total, hits=hits, estimated=estimated)


_df_lock = threading.Lock()
_df_cache: dict[str, Any] = {"at": -1e9, "freq": {}, "floor": 0.0, "rows": 0.0}
DF_CACHE_SECONDS = 300


def _rarest_df(cur: Any, tokens: list[str]) -> float:
    """PostgreSQL: about how many entries hold the query's rarest token, from ANALYZE's most common
    lexemes of ``search_posting.tsv`` (cached for ``DF_CACHE_SECONDS``). A token not among them is rarer
    than the least common one listed; without statistics (a small or fresh index) every token counts as
    rare, which sends the query to the GIN index."""
    now = time.monotonic()
    if now - _df_cache["at"] > DF_CACHE_SECONDS:
        cur.execute("SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples "
                    "FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename "
                    "AND c.relnamespace = to_regnamespace(s.schemaname) "
                    "WHERE s.schemaname = current_schema() AND s.tablename = 'search_posting' AND s.attname = 'tsv'")
        row = cur.fetchone()
        freq: dict[str, float] = {}
        floor, rows = 0.0, 0.0
        if row and row[0] and row[1]:
            elems, freqs = list(row[0]), [float(f) for f in row[1]]
            freq = dict(zip(elems, freqs[:len(elems)], strict=True))
            floor = freqs[len(elems)] if len(freqs) > len(elems) else min(freqs)  # tsvector stats append min, max
            rows = max(0.0, float(row[2]))
        with _df_lock:
            _df_cache.update(at=now, freq=freq, floor=floor, rows=rows)
    freq, floor, rows = _df_cache["freq"], _df_cache["floor"], _df_cache["rows"]
    if not freq:
        return 0.0
    return min(freq.get(t, floor) for t in tokens) * rows


def _search_pg(query: str, tokens: list[str], where: str, params: list[Any], limit: int, offset: int) -> Results:
    """PostgreSQL over ``search_posting``. A common query walks the entries newest first (one index, narrow
    rows) and tests each until it has the ``RANK_WINDOW`` newest matches; how many entries it walked for them
    gives the matches' density, hence the estimate beyond ``COUNT_CAP``. A query with a rare word, or one
    whose walk ends without a full window (words common alone, rare together), reads its matches from the
    GIN index and counts them up to ``COUNT_CAP`` + 1. The window is ordered by ts_rank."""
    q = "plainto_tsquery('simple', %s)"
    text = [" ".join(tokens)]
    newest = "ORDER BY e.published_on DESC NULLS LAST, e.entry_id DESC"
    window: list[tuple[int, dt.date | None, float]] | None = None  # (id, published_on, rank), newest first
    total, estimated, walked, counted = 0, False, False, False
    candidate, mask_params = "TRUE", []
    with transaction.atomic(), connection.cursor() as cur:
        # Plans here are cheap to run; JIT compiling them cost ~20 ms per query (measured at 1,000,000 entries),
        # and parallel workers for one page of results only add start-up and contention on a loaded server.
        cur.execute("SET LOCAL jit = off")
        cur.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        if _rarest_df(cur, tokens) > RARE_DF:
            # The walk: the newest entries in index order, read from the index alone (it carries each entry's
            # word signature and filter columns); only entries whose signature holds every bit of the query's
            # are looked up and tested against their tsvector. Rows are numbered in walk order before the
            # test; the row at WALK_BUDGET comes back as well (hit or not), which tells a walk that reached
            # the budget from one that reached the end. The lookup is a LATERAL subquery kept apart by
            # OFFSET 0, i.e. a nested loop over the walk, so rows come out in walk order and the limit keeps
            # the newest hits (a join the planner may reorder lost that order on a small table: tested).
            cur.execute("SELECT search_signature(to_tsvector('simple', %s))", text)
            mask = [int(m) for m in cur.fetchone()[0]]
            bits = [(k, m) for k, m in enumerate(mask) if m]
            candidate = " AND ".join(f"(e.s{k} & %s::bigint) = %s::bigint" for k, _ in bits) or "TRUE"
            mask_params = [v for _, m in bits for v in (m, m)]
            cur.execute(
                f"SELECT w.entry_id, w.published_on, w.n, p.tsv @@ {q}, "
                f"CASE WHEN p.tsv @@ {q} THEN ts_rank(p.tsv, {q}) END "
                f"FROM (SELECT y.* FROM (SELECT x.entry_id, x.published_on, x.c, row_number() OVER () AS n "
                f"FROM (SELECT e.entry_id, e.published_on, {candidate} AS c FROM search_posting e "
                f"WHERE TRUE{where} {newest} LIMIT %s) x) y WHERE y.c OR y.n = %s) w "
                f"LEFT JOIN LATERAL (SELECT t.tsv FROM search_posting t WHERE t.entry_id = w.entry_id OFFSET 0) p "
                f"ON TRUE "
                f"WHERE (w.c AND p.tsv @@ {q}) OR w.n = %s LIMIT %s",
                text * 3 + mask_params + params + [WALK_BUDGET, WALK_BUDGET] + text
                + [WALK_BUDGET, RANK_WINDOW + 1])
            rows = cur.fetchall()
            hits = sorted((int(n), int(i), d, float(r)) for i, d, n, hit, r in rows if hit)[:RANK_WINDOW]
            at_budget = any(int(n) == WALK_BUDGET for _, _, n, _, _ in rows)
            if len(hits) == RANK_WINDOW:
                walked, window = True, [(i, d, r) for _, i, d, r in hits]
                cur.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_posting e WHERE TRUE{where}", params)
                walked_rows = hits[-1][0]
                # Matches per entry among the newest entries, carried over every entry in scope.
                estimate = RANK_WINDOW * max(_plan_rows(cur.fetchone()[0]), walked_rows) / walked_rows
                if estimate > CHECK_BELOW:
                    total, estimated, counted = round(estimate), True, True
            elif not at_budget:  # every entry in scope was walked: the matches are all here
                walked, window = True, [(i, d, r) for _, i, d, r in hits]
                total, counted = len(hits), True
        if not counted:
            # The GIN index: a bitmap of every match, never a walk (the planner underestimates words
            # that go together and would walk). SET LOCAL lasts until the end of this transaction.
            cur.execute("SET LOCAL enable_indexscan = off")
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM search_posting e WHERE e.tsv @@ {q}{where} "
                        f"LIMIT %s) m", text + params + [COUNT_CAP + 1])
            total, estimated = int(cur.fetchone()[0]), False
            if total > COUNT_CAP:
                cur.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_posting e WHERE e.tsv @@ {q}{where}",
                            text + params)
                total, estimated = max(COUNT_CAP + 1, _plan_rows(cur.fetchone()[0])), True
            if window is None and offset < RANK_WINDOW:
                cur.execute(f"SELECT e.entry_id, e.published_on, ts_rank(e.tsv, {q}) FROM search_posting e "
                            f"WHERE e.tsv @@ {q}{where} {newest} LIMIT %s", text * 2 + params + [RANK_WINDOW])
                window = [(int(i), d, float(r)) for i, d, r in cur.fetchall()]
        ids: list[int] = []
        if offset < RANK_WINDOW and window:
            ranked = sorted(window, key=lambda w: (-w[2], -(w[1] or dt.date.min).toordinal(), -w[0]))
            ids = [w[0] for w in ranked][offset:offset + limit]
        rest = limit - len(ids)
        if rest > 0 and (estimated or total > max(offset, RANK_WINDOW)):
            if walked:  # past the window of a common query: the same signature walk, without a budget
                cur.execute(
                    f"SELECT e.entry_id FROM search_posting e JOIN LATERAL (SELECT 1 FROM search_posting t "
                    f"WHERE t.entry_id = e.entry_id AND t.tsv @@ {q} OFFSET 0) p ON TRUE "
                    f"WHERE {candidate}{where} {newest} LIMIT %s OFFSET %s",
                    text + mask_params + params + [rest, max(offset, RANK_WINDOW)])
            else:
                cur.execute(f"SELECT e.entry_id FROM search_posting e WHERE e.tsv @@ {q}{where} {newest} "
                            f"LIMIT %s OFFSET %s", text + params + [rest, max(offset, RANK_WINDOW)])
            ids += [int(r[0]) for r in cur.fetchall()]
    return _results(query, tokens, total, ids, estimated)


def _plan_rows(plan: Any) -> int:
    return int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


def highlight(text: str, tokens: list[str], width: int = SNIPPET_CHARS) -> str:
    """An escaped excerpt around the first match with ``<mark>`` around every token occurrence."""
    lower = text.lower()
    positions = [p for p in (lower.find(t) for t in tokens) if p >= 0]
    start = max(0, min(positions) - width // 4) if positions else 0
    excerpt = text[start:start + width]
    out = html.escape(excerpt)
    for tok in sorted(tokens, key=len, reverse=True):
        esc = html.escape(tok)
        if esc and esc in out.lower():
            # case-insensitive replace keeping the original text
            pieces, low, i = [], out.lower(), 0
            while True:
                j = low.find(esc, i)
                if j < 0:
                    pieces.append(out[i:])
                    break
                pieces.append(out[i:j] + "\x00" + out[j:j + len(esc)] + "\x01")
                i = j + len(esc)
            out = "".join(pieces)
    out = out.replace("\x00", "<mark>").replace("\x01", "</mark>")
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return prefix + out + suffix


def _hit(e: SearchEntry, tokens: list[str]) -> Hit:
    return Hit(key=e.key, title=e.title, url=e.url, snippet=highlight(" ".join(e.text.split()), tokens),
               agency_id=e.agency_id, published_on=e.published_on, category=e.category, topic=e.topic,
               validity=e.validity)
