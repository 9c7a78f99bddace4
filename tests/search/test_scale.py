"""Search at province scale (issue 16): run-by-run cached tokens equal jieba's whole-text tokens; totals are
exact up to COUNT_CAP and estimated beyond; the window-then-newest order pages through every match once."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.catalog.demo import _SENTENCES, _SUBJECTS
from gongkai.search import backends
from gongkai.search.backends import Results, index_many, search
from gongkai.search.tokens import _keep, document_tokens


def _whole_text_tokens(text: str) -> list[str]:
    return [t.lower() for t in jieba.cut_for_search(text) if _keep(t)]


# Real phrasing: the demo generator's sentences (themselves modelled on county notices) and a
# notice title with 发文字号 and mixed punctuation, digits and Latin letters.
REAL = [
    *(s.format(s=subj, y=2026) for s in _SENTENCES for subj in _SUBJECTS[:5]),
    "示范县人民政府办公室关于印发《示范县2026年政务公开工作要点》的通知（示政办发〔2026〕12号）",
    "PM2.5浓度同比下降3.1%，空气质量优良天数比例达到92.6%；COVID-19疫情防控转入“乙类乙管”。\r\n第二条",
]


@pytest.mark.parametrize("text", REAL)
def test_cached_run_tokens_equal_whole_text_tokens(text: str) -> None:
    assert document_tokens(text) == _whole_text_tokens(text)


ALPHABET = list("政府信息公开申请条例第二十条年月日ABCxyz0123.%-_#&+（）《》〔〕，。；： \n\r\t１Ⅱ")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80))
def test_cached_run_tokens_equal_whole_text_tokens_for_any_text(text: str) -> None:
    assert document_tokens(text) == _whole_text_tokens(text)


def _index(n: int, term: str = "防汛抗旱") -> None:
    start = dt.date(2026, 1, 1)
    index_many([{"key": f"scale:{i}", "agency_id": 1 + i % 3, "url": f"/x/{i}/", "title": f"材料{i}",
                 "text": f"{term} 第{i}号" if i % 2 == 0 else f"其他事项 第{i}号",
                 "published_on": start + dt.timedelta(days=i // 10)} for i in range(n)])


def test_total_is_exact_up_to_the_cap_and_estimated_beyond(db: None, monkeypatch: Any) -> None:
    _index(60)  # 30 entries contain the term
    res = search("防汛抗旱", limit=5)
    assert (res.total, res.estimated) == (30, False)
    monkeypatch.setattr(backends, "COUNT_CAP", 10)
    res = search("防汛抗旱", limit=5)
    assert res.estimated and res.total >= 11
    assert res.total_display.startswith(("约 ", "超过 10"))
    assert len(res.hits) == 5
    # Within one agency (entries 0, 6, 12, … of agency 1): 10 matches, under the cap again.
    res = search("防汛抗旱", agency=1, limit=50)
    assert (res.total, res.estimated) == (10, False)
    assert {h.agency_id for h in res.hits} == {1}


def test_pages_list_every_match_once_newest_first_after_the_window(db: None, monkeypatch: Any) -> None:
    _index(80)
    monkeypatch.setattr(backends, "RANK_WINDOW", 6)
    monkeypatch.setattr(backends, "COUNT_CAP", 15)
    seen: list[str] = []
    for offset in range(0, 50, 4):
        seen += [h.key for h in search("防汛抗旱", limit=4, offset=offset).hits]
    assert sorted(seen) == sorted(f"scale:{i}" for i in range(0, 80, 2))
    tail = [int(k.split(":")[1]) for k in seen[6:]]
    assert tail == sorted(tail, reverse=True)  # past the window: newest first
    assert set(seen[:6]) == {f"scale:{i}" for i in range(68, 80, 2)}  # the window: the six newest


def test_total_display_rounds_estimates_only() -> None:
    assert Results(query="x", tokens=["x"], total=12345).total_display == "12,345"
    assert Results(query="x", tokens=["x"], total=12345, estimated=True).total_display == "约 12,000"
    assert Results(query="x", tokens=["x"], total=1001, estimated=True).total_display == "超过 1,000"
    assert Results(query="x", tokens=["x"], total=1002, estimated=True).total_display == "约 1,000"


def test_random_corpus_counts_match_a_scan(db: None) -> None:
    rng = random.Random(7)
    words = ["食品安全", "义务教育", "防汛抗旱", "政务公开"]
    docs = [" ".join(rng.sample(words, 2)) for _ in range(120)]
    index_many([{"key": f"r:{i}", "agency_id": 1, "url": "/", "title": f"文{i}", "text": d}
                for i, d in enumerate(docs)])
    for w in words:
        assert search(w, limit=1).total == sum(w in d for d in docs)


def test_search_page_says_about_n_beyond_the_cap(client: Any, db: None, monkeypatch: Any) -> None:
    _index(40)  # 20 matches
    monkeypatch.setattr(backends, "COUNT_CAP", 5)
    page = client.get("/search/", {"q": "防汛抗旱"}).content.decode()
    assert ("找到 约 " in page or "找到 超过 5 条" in page) and "条与“防汛抗旱”相关的信息" in page
    monkeypatch.setattr(backends, "COUNT_CAP", 1000)
    page = client.get("/search/", {"q": "防汛抗旱"}).content.decode()
    assert "找到 20 条与“防汛抗旱”相关的信息" in page
