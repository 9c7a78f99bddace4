"""Chinese full-text search over published records, on whichever engine the tests run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongkai.catalog import services
from gongkai.core.actors import SYSTEM
from gongkai.search.backends import highlight, search
from gongkai.search.tokens import query_tokens
from tests.catalog.helpers import draft, publish
from tests.conftest import AgencyFactory, member


def test_query_tokens_are_segmented() -> None:
    assert query_tokens("义务教育 招生") == ["义务教育", "招生"]


def test_highlight_escapes_and_marks() -> None:
    out = highlight("<b>关于</b>义务教育招生的通知", ["招生"])
    assert "&lt;b&gt;" in out and "<mark>招生</mark>" in out


def test_publish_indexes_after_commit_and_filters(org: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    other = AgencyFactory(name="别的机关")
    services.categories_ensure(agency=other, actor=SYSTEM)
    other_clerk = member(other)
    with django_capture_on_commit_callbacks(execute=True):
        r = draft(org, title="关于做好秋季学期校园食品安全工作的通知", summary="落实学校食堂管理责任。")
        services.attachment_add(record=r, name="细则.docx", data=_docx("校园食品安全实施细则附件专有词汇：晨检留样"),
                                actor=org["clerk"])
        publish(org, r, now=dt.datetime(2026, 9, 1, 2, tzinfo=dt.UTC))
        pending = draft(org, title="食品安全草稿不应被检索")
        o = services.record_create(agency=other, actor=other_clerk, data={
            "title": "别的机关食品安全通知", "topic": "其他",
            "category": services.category_named(other, "其他", actor=SYSTEM),
            "formed_on": dt.date(2026, 9, 1)})
        publish({"clerk": other_clerk, "reviewer": other_clerk, "approver": other_clerk, "approver2": other_clerk}, o)
    res = search("食品安全")
    assert res.total == 2 and {h.title for h in res.hits} == {r.title, o.title}
    assert pending.title not in {h.title for h in res.hits}
    assert search("食品安全", agency=org["agency"]).total == 1
    assert search("食品安全", agency=[other.pk]).total == 1
    assert search("食品安全", agency=org["agency"], year=2025).total == 0
    assert search("食品安全", category="政策法规", topic="科技、教育\\教育", validity="effective").total == 1
    hit = search("晨检留样").hits[0]
    assert hit.title == r.title and "<mark>" in hit.snippet
    assert search("示教〔2026〕3号").total == 1  # 发文字号 is indexed
    with django_capture_on_commit_callbacks(execute=True):
        services.record_act(record=r, action="withdraw", actor=org["approver"], reason="撤回")
    assert search("晨检留样").total == 0


def _docx(text: str) -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _index_many_matches(n: int) -> None:
    from gongkai.search.backends import index_document

    for i in range(n):
        # Entry 3 mentions the term many times: the most relevant one, though not the newest.
        body = "防汛抗旱 " * (12 if i == 3 else 1) + f"第{i}号材料"
        index_document(key=f"test:{i}", agency_id=1, url=f"/x/{i}/", title=f"材料{i}", text=body,
                       published_on=dt.date(2026, 1, 1) + dt.timedelta(days=i))


def test_paging_covers_every_match_once_with_a_small_rank_window(db: None, monkeypatch: Any) -> None:
    """PostgreSQL ranks only the newest RANK_WINDOW matches; the pages together must still list every
    match exactly once and the total must be exact (SQLite ranks all matches; the contract is the same)."""
    from gongkai.search import backends

    _index_many_matches(9)
    monkeypatch.setattr(backends, "RANK_WINDOW", 4)
    seen: list[str] = []
    for offset in range(0, 12, 2):
        res = search("防汛抗旱", limit=2, offset=offset)
        assert res.total == 9
        seen += [h.key for h in res.hits]
    assert sorted(seen) == sorted(f"test:{i}" for i in range(9))
    assert search("防汛抗旱", limit=5, offset=3).total == 9
    assert search("防汛抗旱", limit=5, offset=20).hits == []


def test_most_relevant_recent_match_ranks_first(db: None) -> None:
    _index_many_matches(9)
    res = search("防汛抗旱", limit=3)
    assert res.total == 9 and res.hits[0].key == "test:3"
