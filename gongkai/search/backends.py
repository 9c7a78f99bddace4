"""One search interface over two engines: ``index_document``, ``remove_document``, ``search``.

SQLite: FTS5 ``MATCH`` with each query token quoted (implicit AND), ranked by bm25. PostgreSQL:
``tsv @@ plainto_tsquery('simple', …)`` over the GIN index on the stored tsvector column. Both engines
rank a bounded window: the ``RANK_WINDOW`` newest matches are ordered by relevance and matches beyond
that window follow newest first, so no query reads every match of a common word (FTS5 walks its index
in rowid order, newest first; PostgreSQL walks the (published_on, id) index). Counts stop at
``COUNT_CAP``: beyond it the total is an estimate (FTS5 vocabulary counts, PostgreSQL's planner), shown
as "约 N 条" (docs/decisions, search at province scale).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
from collections.abc import Iterable, Iterator
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
# Relevance (ts_rank, bm25) is computed for at most this many matches, the newest; the rest follow newest first.
RANK_WINDOW = 200
# Matches counted exactly; beyond this the total is an estimate. Counting every match of a common word
# reads every match (issue 16: 120–199 ms at 250,000 entries); a reader needs "about how many", not the
# exact 104,317.
COUNT_CAP = 1000


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
        if connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("DELETE FROM search_fts WHERE rowid = %s", [entry.pk])
                cur.execute("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)", [entry.pk, _fts_text(entry)])
    return entry


def index_many(docs: list[dict[str, Any]], batch_size: int = 5000) -> int:
    """Bulk-index new documents (keys must not exist yet) through the same tokenizer as ``index_document``:
    COPY on PostgreSQL, one executemany per table on SQLite (``core.bulkcopy``), ``batch_size`` at a time.
    Entry ids follow the order of ``docs``: give them oldest first, as publication would."""
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
            if connection.vendor == "sqlite":
                with connection.cursor() as cur:
                    # The FTS table is not a model: a flush (tests) or a reused id can leave a row under a new
                    # entry's id; clear it as ``index_document`` does, or the insert fails.
                    cur.executemany("DELETE FROM search_fts WHERE rowid = %s", [(r["id"],) for r in rows])
                    cur.executemany("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)", [(r["id"], " ".join([
                        str(r["tokens"]), *facet_tokens(agency_id=int(r["agency_id"]), category=str(r["category"]),
                                                        topic=str(r["topic"]), year=r["year"],  # type: ignore[arg-type]
                                                        validity=str(r["validity"]))])) for r in rows])
        done += len(rows)
    return done


# PostgreSQL indexes over the entries that bulk loading drops and rebuilds (created by migrations 0003, 0004).
_PG_BULK_INDEXES = {
    "search_entry_tsv_gin": "CREATE INDEX IF NOT EXISTS search_entry_tsv_gin ON search_searchentry USING GIN (tsv)",
    "search_entry_newest": "CREATE INDEX IF NOT EXISTS search_entry_newest "
                           "ON search_searchentry (published_on DESC NULLS LAST, id DESC)",
}


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Around a bulk load of many entries (``gongkai demo --scale``): on PostgreSQL the GIN and newest-first
    indexes are dropped and built once at the end (one sorted build instead of a million GIN insertions;
    measured 4–5× faster loading), even if the load fails. Searches meanwhile scan the table. SQLite:
    nothing to do (``optimize_index`` afterwards)."""
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
        if ids and connection.vendor == "sqlite":
            with connection.cursor() as cur:
                cur.execute("DELETE FROM search_fts WHERE rowid = %s", [ids[0]])
        SearchEntry.objects.filter(key=key).delete()


_FILTERS = ("agency_id", "category", "topic", "year", "validity")


def _where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    sql, params = [], []
    for name in _FILTERS:
        value = filters.get(name)
        if value in (None, ""):
            continue
        if name == "agency_id" and isinstance(value, list | tuple | set):
            ids = [int(v) for v in value]
            if not ids:
                sql.append("1 = 0")
                continue
            sql.append(f"e.agency_id IN ({', '.join(['%s'] * len(ids))})")
            params.extend(ids)
            continue
        sql.append(f"e.{name} = %s")
        params.append(value)
    return ("".join(f" AND {s}" for s in sql), params)


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
        # Query and filters as FTS5 terms: one MATCH, counted and ranked inside the FTS index, whose rowid
        # order (entry ids, i.e. indexing order) is the newest-first order.
        facets = facet_tokens(category=category, topic=topic, year=year, validity=validity)
        if agency_ids is not None:
            facets.append("(" + " OR ".join(f"gkfa{int(a)}" for a in agency_ids) + ")")
        elif isinstance(agency_filter, int):
            facets.append(f"gkfa{agency_filter}")
        base, first, params = "FROM search_fts WHERE search_fts MATCH %s", [" AND ".join(terms + facets)], []
        rank, rowid = "rank", "search_fts.rowid"
        vocab_terms = [*tokens, *(f for f in facets if not f.startswith("("))]
    else:
        base = (f"FROM search_fts CROSS JOIN search_searchentry e ON e.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{where}")  # CROSS JOIN: full-text match first
        first, rank, rowid = [" ".join(terms)], "bm25(search_fts)", "search_fts.rowid"
        vocab_terms = list(tokens)
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM (SELECT {rowid} {base} LIMIT %s)", first + params + [COUNT_CAP + 1])
        total, estimated = int(cur.fetchone()[0]), False
        if total > COUNT_CAP:
            total, estimated = _sqlite_estimate(cur, vocab_terms), True
        ids: list[int] = []
        if offset < RANK_WINDOW:
            cur.execute(f"SELECT id FROM (SELECT {rowid} AS id, {rank} AS r {base} ORDER BY {rowid} DESC LIMIT %s) "
                        f"ORDER BY r, id DESC", first + params + [RANK_WINDOW])
            ids = [r[0] for r in cur.fetchall()][offset:offset + limit]
        rest = limit - len(ids)
        if rest > 0:
            cur.execute(f"SELECT {rowid} {base} ORDER BY {rowid} DESC LIMIT %s OFFSET %s",
                        first + params + [rest, max(offset, RANK_WINDOW)])
            ids += [r[0] for r in cur.fetchall()]
    return _results(query, tokens, total, ids, estimated)


def _sqlite_estimate(cur: Any, terms: list[str]) -> int:
    """More than COUNT_CAP entries match: estimate how many from the FTS5 vocabulary's per-term document
    counts, assuming the terms independent (as PostgreSQL's planner does), capped by the rarest term."""
    cur.execute("SELECT COUNT(*) FROM search_searchentry")
    n = max(1, int(cur.fetchone()[0]))
    counts = []
    for term in terms:
        cur.execute("SELECT doc FROM search_fts_vocab WHERE term = %s", [term.lower()])
        row = cur.fetchone()
        counts.append(int(row[0]) if row else n)
    estimate = float(n)
    for c in counts:
        estimate *= c / n
    return max(COUNT_CAP + 1, min(round(estimate), min(counts, default=n)))


def _results(query: str, tokens: list[str], total: int, ids: list[int], estimated: bool = False) -> Results:
    entries = SearchEntry.objects.in_bulk(ids)
    hits = [_hit(entries[i], tokens) for i in ids if i in entries]
    return Results(query=query, tokens=tokens, total=total, hits=hits, estimated=estimated)


def _search_pg(query: str, tokens: list[str], where: str, params: list[Any], limit: int, offset: int) -> Results:
    """PostgreSQL: the count stops after ``COUNT_CAP`` + 1 matches (beyond, the planner's estimate of the
    match count is the total; an estimate over ten times the cap is taken without counting). The
    ``RANK_WINDOW`` newest matches come from the (published_on, id) index walked newest first when the term
    is common, or from the GIN index when it is rare (the planner's choice); only those rows' tsvectors are
    read for ts_rank. Positions past the window are the remaining matches, newest first."""
    q = "plainto_tsquery('simple', %s)"
    text = [" ".join(tokens)]
    base = f"FROM search_searchentry e WHERE e.tsv @@ {q}{where}"
    newest = "ORDER BY e.published_on DESC NULLS LAST, e.id DESC"
    ids: list[int] = []
    with connection.cursor() as cur:
        # The planner's estimate first (planning only, no rows read): when it is far above the cap, counting
        # even COUNT_CAP matches would only confirm it. Its estimate can be low when query words go together
        # (it assumes them independent), so a small estimate is checked by the capped count.
        cur.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 {base}", text + params)
        plan = cur.fetchone()[0]
        estimate = int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])
        if estimate > 10 * COUNT_CAP:
            total, estimated = estimate, True
        else:
            cur.execute(f"SELECT COUNT(*) FROM (SELECT 1 {base} LIMIT %s) m", text + params + [COUNT_CAP + 1])
            total, estimated = int(cur.fetchone()[0]), False
            if total > COUNT_CAP:
                total, estimated = max(COUNT_CAP + 1, estimate), True
    with transaction.atomic(), connection.cursor() as cur:
        if total > COUNT_CAP:
            # Thousands of matches: the newest are found fastest by walking the newest-first index and testing
            # each row, which stops once the window is full. A bitmap scan would read every match first, and
            # the planner picks one whenever it underestimates words that go together ("耕地 保护": it
            # assumes them independent). SET LOCAL lasts until the end of this (inner) transaction.
            cur.execute("SET LOCAL enable_bitmapscan = off")
            cur.execute("SET LOCAL enable_seqscan = off")
        if offset < RANK_WINDOW:
            cur.execute(
                f"SELECT c.id FROM (SELECT e.id, e.published_on {base} {newest} LIMIT %s) c "
                f"JOIN search_searchentry s ON s.id = c.id "
                f"ORDER BY ts_rank(s.tsv, {q}) DESC, c.published_on DESC NULLS LAST, c.id DESC",
                text + params + [RANK_WINDOW] + text)
            ids = [r[0] for r in cur.fetchall()][offset:offset + limit]
        rest = limit - len(ids)
        if rest > 0:
            cur.execute(f"SELECT e.id {base} {newest} LIMIT %s OFFSET %s",
                        text + params + [rest, max(offset, RANK_WINDOW)])
            ids += [r[0] for r in cur.fetchall()]
    return _results(query, tokens, total, ids, estimated)


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
