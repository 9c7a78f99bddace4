"""The guided answer (七问): every Table 3 outcome row is reachable, each answer narrows the rows, the path is kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from gongkai.applications import guided
from gongkai.applications import services as s
from gongkai.applications.models import Application, GuidedPath
from gongkai.formats.declarations import OUTCOME_BASIS, OUTCOME_KEYS
from tests.conftest import member

D = dt.date


def _paths(key: str = guided.FIRST, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for c in guided.QUESTIONS[key].choices:
        if c.next:
            out += _paths(c.next, (*prefix, c.key))
        else:
            out.append((*prefix, c.key))
    return out


PATHS = _paths()


def test_every_outcome_row_is_reached_and_nothing_else() -> None:
    ends = {guided.walk(p).outcome for p in PATHS} - {""}
    assert ends == set(OUTCOME_KEYS)


@pytest.mark.parametrize("path", PATHS, ids=".".join)
def test_each_answer_narrows_the_rows(path: tuple[str, ...]) -> None:
    before = set(OUTCOME_KEYS)
    for i in range(len(path) + 1):
        w = guided.walk(path[:i])
        assert set(w.candidates) <= before
        before = set(w.candidates)
    final = guided.walk(path)
    assert final.question is None and final.end is not None
    assert final.candidates == ((final.outcome,) if final.outcome else ())
    if final.outcome:
        assert final.basis.startswith("《") and (final.basis == OUTCOME_BASIS[final.outcome] or final.end.basis)


def test_first_question_narrows_strictly_and_wrong_choice_is_refused() -> None:
    assert len(guided.walk([]).candidates) == len(OUTCOME_KEYS)
    assert len(guided.walk(["clear"]).candidates) < len(OUTCOME_KEYS)
    with pytest.raises(guided.GuideError, match="补不补"):
        guided.walk(["nonsense"])
    with pytest.raises(guided.GuideError):
        guided.walk(["ask", "yes"])


def test_art36_items_4_and_5_cite_their_own_item() -> None:
    assert "第（五）项" in guided.walk(["clear", "yes", "elsewhere"]).basis
    w = guided.walk(["clear", "yes", "ours", "none"])
    assert "第（四）项" in w.basis and "第（五）项" not in w.basis
    assert "第三十六条第（一）项" in guided.walk(["clear", "yes", "ours", "held", "all", "published"]).basis


def _submit(agency: Any) -> Application:
    return s.application_submit(agency=agency, data={
        "applicant_type": "natural_person", "applicant_name": "赵六", "id_number": "110101199003071234",
        "phone": "13800001234", "info_name": "2025年度学校食堂抽检结果"}, channel="in_person",
        received_on=D(2026, 3, 2))


ANSWER_PATHS = [p for p in PATHS if guided.walk(p).end is not None and guided.walk(p).end.action == "answer"
                and guided.walk(p).outcome]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ANSWER_PATHS, ids=".".join)
def test_answering_through_each_path_records_the_outcome_and_path(agency: Any, path: tuple[str, ...]) -> None:
    app = _submit(agency)
    w = guided.walk(path)
    ref = "示例县市场监督管理局" if w.end and w.end.needs_referral else ""
    app = guided.application_answer_guided(application=app, choices=path, on=D(2026, 3, 10), actor=member(agency),
                                           referral_organ=ref)
    app.refresh_from_db()
    assert app.outcome == w.outcome and app.legal_basis == w.basis
    gp = GuidedPath.objects.get(application=app)
    assert [st["choice"] for st in gp.path] == list(path)


@pytest.mark.django_db
def test_referral_is_required_for_another_organ(agency: Any) -> None:
    app = _submit(agency)
    with pytest.raises(guided.GuideError, match="第三十六条第（五）项"):
        guided.application_answer_guided(application=app, choices=["clear", "yes", "elsewhere"], on=D(2026, 3, 10),
                                         actor=member(agency))
    with pytest.raises(guided.GuideError):  # a walk that ends at a correction notice is not an answer
        guided.application_answer_guided(application=app, choices=["ask"], on=D(2026, 3, 10), actor=member(agency))
    assert not GuidedPath.objects.exists()


@pytest.mark.django_db
def test_screen_walk_answer_and_reviewer_sees_path(client: Client, agency: Any, other_agency: Any) -> None:
    app = _submit(agency)
    client.force_login(member(agency))
    page = client.get(f"/staff/applications/{app.pk}/guided/").content.decode()
    assert "补不补" in page and "可能的办理结果" in page
    page = client.get(f"/staff/applications/{app.pk}/guided/", {"path": "clear.yes.ours", "next": "none"}
                      ).content.decode()
    assert "本机关不掌握相关政府信息" in page and "第三十六条第（四）项" in page and "怎么答" in page
    r = client.post(f"/staff/applications/{app.pk}/guided/", {
        "path": "clear.yes.ours.none", "on": "2026-03-10", "legal_basis": guided.walk(
            ["clear", "yes", "ours", "none"]).basis, "answer_text": "经检索，本机关未制作或保存该信息。"})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.outcome == "unable.not_held"
    reviewer = member(agency, "reviewer")
    client.force_login(reviewer)
    detail = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "答复引导路径" in detail and "经检索，本机关没有该信息" in detail
    client.force_login(member(other_agency))
    assert client.get(f"/staff/applications/{app.pk}/guided/").status_code == 404
    bad = client.get(f"/staff/applications/{app.pk}/guided/", {"path": "zzz"})
    assert bad.status_code == 404  # unreadable case first: no hint of what the guide holds
