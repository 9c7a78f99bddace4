"""Search results do not depend on the path a query takes (ADR 0018): on PostgreSQL a walk over the newest
entries, the GIN index, and a walk that runs out of budget and falls back must list the same matches in the
same order as a plain scan says; totals are exact up to COUNT_CAP; removal and re-indexing reach the narrow
posting rows; the migration builds them from existing entries."""

from __future__ import annotations

import datetime as dt
import importlib
import random
from typing import Any

import pytest
from django.db import connection

from gongkai.search import backends
from gongkai.search.backends import index_document, index_many, relevance, remove_document, search, token_counts

WORDS = ["食品安全", "义务教育", "防汛抗旱", "政务公开", "耕地保护", "森林防火"]
QUERIES = ["食品安全", "防汛抗旱 耕地保护", "政务公开 义务教育 森林防火", "住房公积金"]
START = dt.date(2026, 1, 1)


def _corpus(n: int = 160, seed: int = 3) -> list[dict[str, Any]]:
    """Entries in publication order (ids and dates rise together, several per day), each with 1–3 words."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        words = rng.sample(WORDS, rng.randint(1, 3))
        docs.append({"key": f"p:{i}", "agency_id": 1 + i % 4, "url": f"/x/{i}/", "title": f"文件{i}",
                     "text": " ".join(words), "category": "工作动态" if i % 3 else "政策法规",
                     "published_on": START + dt.timedelta(days=i // 3), "year": 2026})
    index_many(docs)
    return docs


def _expected(docs: list[dict[str, Any]], q: str, agency: int | None = None, category: str = "") -> list[str]:
    """The matches newest first (the corpus' dates and ids rise together)."""
    words = q.split()
    return [d["key"] for d in reversed(docs) if all(w in d["text"].split() for w in words)
            and (agency is None or d["agency_id"] == agency) and (not category or d["category"] == category)]


def _all_pages(q: str, page: int = 7, **filters: Any) -> tuple[list[str], list[int]]:
    keys: list[str] = []
    totals: list[int] = []
    offset = 0
    while True:
        res = search(q, limit=page, offset=offset, **filters)
        totals.append(res.total)
        if not res.hits:
            return keys, totals
        keys += [h.key for h in res.hits]
        offset += page


def test_relevance_counts_occurrences_with_diminishing_returns_and_length() -> None:
    one, three, six = relevance([1], 10, 10), relevance([3], 10, 10), relevance([6], 10, 10)
    assert one < three < six and six - three < three - one
    assert relevance([1], 2, 10) > relevance([1], 31, 10)  # the same occurrence in a longer document
    assert relevance([0], 5, 10) == 0
    assert relevance([1, 1], 2, 2) > relevance([1, 0], 2, 2)


@pytest.mark.parametrize("tokens", ["", "防汛", "防汛 防汛 抗旱 防汛", "抗旱 防汛抗旱 防汛 a 防汛", "防汛 x 防汛"])
def test_token_counts_equal_a_split(tokens: str) -> None:
    query = ["防汛", "抗旱", "防汛抗旱", "a", "x"]
    words = tokens.split()
    assert token_counts(tokens, query) == ([words.count(t) for t in query], len(words))


PATHS = {
    "walk": {"RARE_DF": -1},  # every query walks (no statistics in a test database: every word counts as rare)
    "gin": {"RARE_DF": 10**12},
    "walk_runs_out": {"RARE_DF": -1, "WALK_BUDGET": 9},  # too few matches within 9 entries: the GIN index
}


@pytest.fixture(params=list(PATHS))
def path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param != "walk" and connection.vendor != "postgresql":
        pytest.skip("one path on SQLite")
    for name, value in PATHS[request.param].items():
        monkeypatch.setattr(backends, name, value)
    return str(request.param)


@pytest.mark.parametrize("q", QUERIES)
def test_every_path_pages_through_the_matches_as_a_scan_says(db: None, path: str, q: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _corpus()
    monkeypatch.setattr(backends, "RANK_WINDOW", 10)
    expected = _expected(docs, q)
    keys, totals = _all_pages(q)
    assert sorted(keys) == sorted(expected) and len(keys) == len(set(keys))
    assert set(totals) == {len(expected)}  # under COUNT_CAP: exact on every page
    # The window holds the RANK_WINDOW newest matches (in relevance order); the rest follow newest first.
    assert set(keys[:10]) == set(expected[:10])
    assert keys[10:] == expected[10:]


def test_filters_and_a_whole_scope_walk_give_exact_totals(db: None, path: str) -> None:
    docs = _corpus()
    for agency in (1, 2):
        keys, totals = _all_pages("食品安全", agency=agency)
        assert sorted(keys) == sorted(_expected(docs, "食品安全", agency=agency))
        assert set(totals) == {len(keys)}
    keys, _ = _all_pages("防汛抗旱", category="政策法规")
    assert sorted(keys) == sorted(_expected(docs, "防汛抗旱", category="政策法规"))


def test_many_matches_are_estimated_from_the_newest(db: None, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _corpus(240)
    monkeypatch.setattr(backends, "COUNT_CAP", 5)
    monkeypatch.setattr(backends, "RANK_WINDOW", 6)
    monkeypatch.setattr(backends, "CHECK_BELOW", 0)  # take every estimate (a real one is checked below 10 × cap)
    expected = _expected(docs, "食品安全")
    if connection.vendor == "postgresql":  # the scope's size comes from the planner: current statistics
        with connection.cursor() as cur:
            cur.execute("ANALYZE search_posting")
    res = search("食品安全", limit=4)
    assert res.estimated and res.total > 5
    if path == "walk":  # from the newest matches' density: within a factor of a few on a uniform corpus
        assert len(expected) / 4 < res.total < len(expected) * 4
    assert {h.key for h in res.hits} <= set(expected[:6])
    keys, _ = _all_pages("食品安全", page=5)
    assert sorted(keys) == sorted(expected)


def test_an_estimate_near_the_cap_is_counted(db: None, path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _corpus(240)
    monkeypatch.setattr(backends, "RANK_WINDOW", 6)
    res = search("食品安全", limit=4)
    assert (res.total, res.estimated) == (len(_expected(docs, "食品安全")), False)


def test_removal_and_reindexing_reach_every_path(db: None, path: str) -> None:
    docs = _corpus(60)
    expected = _expected(docs, "耕地保护")
    remove_document(expected[0])
    d = next(d for d in docs if d["key"] == expected[1])
    index_document(key=d["key"], agency_id=d["agency_id"], url=d["url"], title=d["title"], text="森林防火",
                   published_on=d["published_on"], year=2026)
    keys, totals = _all_pages("耕地保护")
    assert sorted(keys) == sorted(expected[2:]) and set(totals) == {len(expected) - 2}
    assert d["key"] in _all_pages("森林防火")[0]


@pytest.mark.postgres
def test_truncating_the_entries_empties_the_postings(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL")
    _corpus(20)
    with connection.cursor() as cur:
        cur.execute("TRUNCATE search_searchentry")
        cur.execute("SELECT COUNT(*) FROM search_posting")
        assert cur.fetchone()[0] == 0


@pytest.mark.postgres
def test_migration_builds_the_postings_from_existing_entries(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL")
    docs = _corpus(50)
    with connection.cursor() as cur:
        cur.execute("DROP TABLE search_posting")  # as before migration 0005 (rolled back with the test)
    migration = importlib.import_module("gongkai.search.migrations.0005_sb_posting")
    with connection.schema_editor(atomic=False) as editor:
        migration.forwards(None, editor)
    for q in QUERIES:
        assert sorted(_all_pages(q)[0]) == sorted(_expected(docs, q))


@pytest.mark.postgres
@pytest.mark.parametrize("rare_df", [-1, 10**12])
def test_migration_0006_rebuilds_a_posting_table_of_the_first_form(db: None, monkeypatch: pytest.MonkeyPatch,
                                                                   rare_df: int) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL")
    monkeypatch.setattr(backends, "RARE_DF", rare_df)
    docs = _corpus(50)
    with connection.cursor() as cur:  # the table as the first form of 0005 built it: no signature columns
        cur.execute("DROP TABLE search_posting")
        cur.execute("CREATE TABLE search_posting (entry_id bigint PRIMARY KEY, published_on date NULL, "
                    "agency_id bigint NOT NULL, year integer NULL, category varchar(60) NOT NULL, "
                    "topic varchar(60) NOT NULL, validity varchar(12) NOT NULL, tsv tsvector NOT NULL)")
        cur.execute("INSERT INTO search_posting SELECT id, published_on, agency_id, year, category, topic, validity, "
                    "to_tsvector('simple', tokens) FROM search_searchentry")
        cur.execute("CREATE INDEX search_posting_newest "
                    "ON search_posting (published_on DESC NULLS LAST, entry_id DESC)")
    migration = importlib.import_module("gongkai.search.migrations.0006_sb_signature")
    with connection.schema_editor(atomic=False) as editor:
        migration.forwards(None, editor)
    for q in QUERIES:
        assert sorted(_all_pages(q)[0]) == sorted(_expected(docs, q))
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM search_posting WHERE s0 = 0 AND s1 = 0 AND s2 = 0 AND s3 = 0")
        assert cur.fetchone()[0] == 0  # every entry has words, so every signature has bits
