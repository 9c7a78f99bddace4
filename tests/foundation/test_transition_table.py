"""The shared transition-table type: lookup, conditions, refusals in Chinese, undeclared statuses."""

from __future__ import annotations

import pytest

from gongkai.core.workflow import Transition, TransitionError, TransitionTable

LABELS = {"draft": "草稿", "review": "待审批", "done": "已发布"}
TABLE = TransitionTable(
    [
        Transition("submit", frozenset({"draft"}), "review", ("clerk",), label="提交"),
        Transition("approve", frozenset({"review"}), "done", ("approver",), label="审批", when=(("levels", 1),)),
        Transition("approve", frozenset({"review"}), "review", ("approver",), label="审批", when=(("levels", 2),)),
    ],
    status_labels=LABELS,
)


def test_find_follows_status_and_condition() -> None:
    assert TABLE.find("draft", "submit").target == "review"
    assert TABLE.find("review", "approve", levels=1).target == "done"
    assert TABLE.find("review", "approve", levels=2).target == "review"


def test_refusal_names_status_and_action_in_chinese() -> None:
    with pytest.raises(TransitionError, match="当前状态“草稿”下不能执行“审批”"):
        TABLE.find("draft", "approve", levels=1)
    with pytest.raises(TransitionError, match="未知操作"):
        TABLE.find("draft", "explode")


def test_available_lists_each_action_once() -> None:
    assert [t.action for t in TABLE.available("review", levels=2)] == ["approve"]
    assert TABLE.available("done") == []


def test_undeclared_status_is_refused_at_import() -> None:
    with pytest.raises(ValueError, match="undeclared"):
        TransitionTable([Transition("x", frozenset({"draft"}), "nowhere")], status_labels=LABELS)
