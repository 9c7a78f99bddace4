"""One search interface over two engines: ``index_document``, ``remove_document``, ``search``.

SQLite: FTS5 ``MATCH`` with each query token quoted (implicit AND), ranked by bm25. PostgreSQL:
``tsv @@ plainto_tsquery('simple', …)`` over the GIN index on the stored tsvector column. ts_rank
has to read (detoast) each candidate's tsvector, so PostgreSQL ranks a bounded window: the
``RANK_WINDOW`` newest matches are ordered by ts_rank, and matches beyond that window follow newest
first. Both engines filter on the entry's columns and count every match exactly with SQL ``COUNT``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from gongkai.search.models import SearchEntry
from gongkai.search.tokens import document_tokens, query_tokens

SNIPPET_CHARS = 120
MAX_OR_TERMS = 200  # agency lists longer than this filter by join instead of FTS terms
# PostgreSQL: ts_rank is computed for at most this many matches (the newest); the rest follow by date.
RANK_WINDOW = 200


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


def index_many(docs: list[dict[str, Any]], batch_size: int = 1000) -> int:
    """Bulk-index new documents (keys must not exist yet): one INSERT per batch per table."""
    done = 0
    for i in range(0, len(docs), batch_size):
        chunk = docs[i:i + batch_size]
        entries = [SearchEntry(
            key=d["key"], agency_id=d["agency_id"], url=d["url"], title=d["title"], text=d.get("text", ""),
            tokens=" ".join(document_tokens("\n".join([d["title"], d.get("text", ""), d.get("extra", "")]))),
            category=d.get("category", ""), topic=d.get("topic", ""), year=d.get("year"),
            validity=d.get("validity", ""), published_on=d.get("published_on"),
        ) for d in chunk]
        with transaction.atomic():
            created = SearchEntry.objects.bulk_create(entries)
            if connection.vendor == "sqlite":
                with connection.cursor() as cur:
                    cur.executemany("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)",
                                    [(e.pk, _fts_text(e)) for e in created])
        done += len(created)
    return done


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
    """Entries matching every token of ``query``; ``agency`` is an Agency, an id, or a list of ids."""
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
    agency_ids = agency_filter if isinstance(agency_filter, list) else None
    if connection.vendor == "sqlite" and (agency_ids is None or 0 < len(agency_ids) <= MAX_OR_TERMS):
        # Query and filters as FTS5 terms: one MATCH, counted and ranked inside the FTS index.
        terms = ['"' + t.replace('"', '""') + '"' for t in tokens]
        terms += facet_tokens(category=category, topic=topic, year=year, validity=validity)
        if agency_ids is not None:
            terms.append("(" + " OR ".join(f"gkfa{int(a)}" for a in agency_ids) + ")")
        elif isinstance(agency_filter, int):
            terms.append(f"gkfa{agency_filter}")
        match = " AND ".join(terms)
        count_sql = "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s"
        rows_sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s OFFSET %s"
        first, params = [match], []
    elif connection.vendor == "sqlite":
        match = " ".join('"' + t.replace('"', '""') + '"' for t in tokens)
        base = (f"FROM search_fts CROSS JOIN search_searchentry e ON e.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{where}")  # CROSS JOIN: full-text match first
        count_sql = f"SELECT COUNT(*) {base}"
        rows_sql = f"SELECT e.id {base} ORDER BY bm25(search_fts), e.published_on DESC LIMIT %s OFFSET %s"
        first = [match]
    else:
        return _search_pg(query, tokens, where, params, limit, offset)
    with connection.cursor() as cur:
        cur.execute(count_sql, first + params)
        total = int(cur.fetchone()[0])
        cur.execute(rows_sql, first + params + [limit, offset])
        ids = [r[0] for r in cur.fetchall()]
    return _results(query, tokens, total, ids)


def _results(query: str, tokens: list[str], total: int, ids: list[int]) -> Results:
    entries = SearchEntry.objects.in_bulk(ids)
    hits = [_hit(entries[i], tokens) for i in ids if i in entries]
    return Results(query=query, tokens=tokens, total=total, hits=hits)


def _search_pg(query: str, tokens: list[str], where: str, params: list[Any], limit: int, offset: int) -> Results:
    """PostgreSQL: one bitmap scan of the GIN index yields the exact match count (a window COUNT) and
    the ``RANK_WINDOW`` newest matches, chosen from narrow heap columns; only those rows' tsvectors are
    read for ts_rank. Positions past the window are the remaining matches, newest first. The order is
    a pure function of the data, so consecutive pages neither repeat nor skip an entry."""
    q = "plainto_tsquery('simple', %s)"
    text = [" ".join(tokens)]
    base = f"FROM search_searchentry e WHERE e.tsv @@ {q}{where}"
    ids: list[int] = []
    with connection.cursor() as cur:
        if offset < RANK_WINDOW:
            cur.execute(
                f"SELECT c.id, c.n FROM (SELECT e.id, e.published_on, COUNT(*) OVER () AS n {base} "
                "ORDER BY e.published_on DESC NULLS LAST, e.id DESC LIMIT %s) c "
                f"JOIN search_searchentry s ON s.id = c.id "
                f"ORDER BY ts_rank(s.tsv, {q}) DESC, c.published_on DESC NULLS LAST, c.id DESC",
                text + params + [RANK_WINDOW] + text)
            rows = cur.fetchall()
            total = int(rows[0][1]) if rows else 0
            ids = [r[0] for r in rows[offset:offset + limit]]
        else:
            cur.execute(f"SELECT COUNT(*) {base}", text + params)
            total = int(cur.fetchone()[0])
        rest = limit - len(ids)
        if rest > 0 and max(offset, RANK_WINDOW) < total:
            cur.execute(f"SELECT e.id {base} ORDER BY e.published_on DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s",
                        text + params + [rest, max(offset, RANK_WINDOW)])
            ids += [r[0] for r in cur.fetchall()]
    return _results(query, tokens, total, ids)


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
