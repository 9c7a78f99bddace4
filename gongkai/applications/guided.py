"""The guided answer: the seven questions offices walk before answering, as data, and the write that keeps the path.

补不补 — 是不是政府信息 — 谁负责 — 有没有 — 给不给 — 怎么给 — 怎么答. Each of the first six is a
``Question`` whose ``Choice``s either lead to the next question or end at one Table 3 outcome row
(keys from ``gongkai.formats.declarations.OUTCOME_KEYS``) with the legal basis to cite and a draft of
the answer text; the seventh (怎么答) is the answer form itself, pre-filled from the path. ``walk`` is
pure: given the choices made so far it returns the steps, the next question and the outcome rows still
possible, so every answer visibly narrows the rows. ``application_answer_guided`` answers the case
through ``services.application_answer`` and stores the path (``GuidedPath``) in the same transaction,
so a reviewer sees how the clerk got to the outcome.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from gongkai.applications.models import Application, GuidedPath
from gongkai.applications.services import application_answer
from gongkai.core.actors import Actor, person
from gongkai.formats.declarations import OUTCOME_BASIS, OUTCOME_KEYS

_REG = "《中华人民共和国政府信息公开条例》"


class GuideError(ValueError):
    """A choice that does not belong to the question being asked; the message is for users."""


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    next: str | None = None  # the next question, or None when this choice ends the walk
    outcome: str = ""  # the Table 3 row it ends at ("" when it ends at an action such as a correction)
    basis: str = ""  # the legal basis to cite when it differs from the outcome's default
    action: str = "answer"  # the table action that records the end: answer, or a closing action
    draft: str = ""  # the first words of the answer (怎么答)
    needs_referral: bool = False  # Art. 36(5): name the responsible organ and its contact


@dataclass(frozen=True)
class Question:
    key: str
    short: str  # the office's words: 补不补, 是不是政府信息 …
    prompt: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)

    def choice(self, key: str) -> Choice:
        for c in self.choices:
            if c.key == key:
                return c
        raise GuideError(f"“{self.short}”没有这个选项")


def _denied(key: str, label: str, draft: str) -> Choice:
    return Choice(key, label, outcome=f"denied.{key}", draft=draft)


QUESTIONS: dict[str, Question] = {q.key: q for q in (
    Question("correction", "补不补", "申请内容是否明确、完整（第二十九条、第三十条）？", (
        Choice("clear", "内容明确，无需补正", next="nature"),
        Choice("ask", "内容不明确，需要一次性告知补正", action="request_correction",
               draft="请在收到申请之日起7个工作日内一次性告知申请人需要补正的事项和合理的补正期限。"),
        Choice("overdue", "已告知补正，申请人无正当理由逾期不补正", outcome="other.no_correction",
               action="close_no_correction", draft="申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理。"),
        Choice("still_unclear", "已补正，但申请内容仍不明确", outcome="unable.unclear_after_correction",
               draft="经补正，您的申请内容仍不明确，本机关无法确定您所需的政府信息。"),
    )),
    Question("nature", "是不是政府信息", "所申请的是不是本条例所称的政府信息（第二条、第三十六条、第三十九条）？", (
        Choice("yes", "是政府信息", next="owner"),
        Choice("petition", "属于信访、投诉、举报等诉求", outcome="not_processed.petition_complaint",
               draft="您提出的事项属于信访、投诉、举报等诉求，请通过相应渠道提出，本机关不作为政府信息公开申请处理。"),
        Choice("publication", "要求提供公开出版物", outcome="not_processed.publication",
               draft="您要求提供的是公开出版物，请通过公开发行渠道获取。"),
        Choice("confirm", "要求确认或重新出具已获取的信息", outcome="not_processed.confirm_reissue",
               draft="您要求本机关对已获取的政府信息进行确认或重新出具，不属于政府信息公开申请的处理范围。"),
        Choice("admin_query", "属于工商、不动产登记等行政查询事项", outcome="denied.admin_query",
               draft="您申请的信息属于法律、行政法规规定的查询事项，请按相应规定办理查询。"),
        Choice("duplicate", "同一申请人重复申请相同信息", outcome="not_processed.duplicate",
               draft="您此前已申请相同的政府信息，本机关已作出答复，对重复申请不予重复处理。"),
        Choice("mass_repeat", "无正当理由大量、反复申请", outcome="not_processed.mass_repeat",
               draft="您的申请数量、频次明显超过合理范围，本机关要求您说明理由；理由不合理的，不予处理。"),
        Choice("other", "其他情形（以上均不适用）", outcome="other.other", draft=""),
    )),
    Question("owner", "谁负责", "该信息是否由本机关负责公开（第十条）？", (
        Choice("ours", "由本机关负责公开", next="held"),
        Choice("elsewhere", "由其他机关负责公开", outcome="unable.not_held",
               basis=f"{_REG}第三十六条第（五）项", needs_referral=True,
               draft="经核查，您申请的政府信息不属于本机关负责公开，请向负责公开的机关申请。"),
    )),
    Question("held", "有没有", "本机关是否制作或保存了该信息（第三十六条第（四）项、第三十八条）？", (
        Choice("held", "有现成的信息", next="give"),
        Choice("none", "经检索，本机关没有该信息", outcome="unable.not_held",
               basis=f"{_REG}第三十六条第（四）项",
               draft="经检索，本机关未制作或保存您申请的政府信息，该政府信息不存在。"),
        Choice("create", "没有现成信息，需要另行制作或加工分析", outcome="unable.needs_creation",
               draft="您申请的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。"),
    )),
    Question("give", "给不给", "该信息能否公开（第十四条至第十六条、第三十二条、第三十七条）？", (
        Choice("all", "可以全部公开", next="how_all"),
        Choice("part", "部分可以公开，需要区分处理", next="how_part"),
        _denied("state_secret", "属于国家秘密", "您申请的政府信息属于国家秘密，依法不予公开。"),
        _denied("law_forbidden", "法律、行政法规禁止公开", "您申请的政府信息属于法律、行政法规禁止公开的信息。"),
        _denied("three_safety_one_stability", "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
                "您申请的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。"),
        _denied("third_party", "涉及商业秘密、个人隐私，第三方不同意公开",
                "您申请的政府信息涉及第三方合法权益，经征求意见，第三方不同意公开，依法不予公开。"),
        _denied("internal_affairs", "属于人事管理、后勤管理、内部工作流程等内部事务信息",
                "您申请的信息属于本机关内部事务信息，依法可以不予公开。"),
        _denied("process_info", "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息",
                "您申请的信息属于过程性信息，依法可以不予公开。"),
        _denied("enforcement_file", "属于行政执法案卷信息", "您申请的信息属于行政执法案卷信息，依法可以不予公开。"),
    )),
    Question("how_all", "怎么给", "以何种方式提供（第三十六条第（一）项、第（二）项、第四十条）？", (
        Choice("published", "已经主动公开：告知获取的方式和途径", outcome="granted",
               basis=f"{_REG}第三十六条第（一）项",
               draft="您申请的政府信息已经主动公开，您可以通过以下方式和途径获取："),
        Choice("provide", "提供该政府信息（按申请的形式，或另行安排适当形式）", outcome="granted",
               draft="经审查，您申请的政府信息属于公开范围，现予提供。"),
        Choice("fee_unpaid", "需收取信息处理费，申请人逾期未缴纳", outcome="other.fee_unpaid",
               action="close_fee_unpaid", draft="您逾期未按收费通知要求缴纳费用，视为放弃申请，本机关不再处理。"),
    )),
    Question("how_part", "怎么给", "区分处理后提供可以公开的部分，并说明不予公开部分的理由（第三十七条）。", (
        Choice("partial", "提供可以公开的部分，说明其余部分不予公开的理由", outcome="partial",
               draft="您申请的政府信息中含有不应当公开的内容，本机关已作区分处理，现提供可以公开的部分；"
                     "其余部分不予公开，理由如下："),
    )),
)}
FIRST = "correction"
ANSWER_STEP = ("answer", "怎么答", "确认办理结果、法律依据和答复内容，出具答复书。")


@dataclass(frozen=True)
class Walk:
    """Where a guided walk stands after ``choices``."""

    steps: tuple[tuple[Question, Choice], ...]
    question: Question | None  # the next question to ask, or None at the end
    candidates: tuple[str, ...]  # Table 3 rows still possible, in the declared order
    end: Choice | None  # the choice that ended the walk

    @property
    def outcome(self) -> str:
        return self.end.outcome if self.end else ""

    @property
    def basis(self) -> str:
        if self.end is None or not self.end.outcome:
            return ""
        return self.end.basis or OUTCOME_BASIS.get(self.end.outcome, "")

    @property
    def path(self) -> list[dict[str, str]]:
        """The path as stored and shown to a reviewer: each question and the answer chosen."""
        return [{"question": q.key, "short": q.short, "choice": c.key, "label": c.label} for q, c in self.steps]


def reachable(question_key: str) -> frozenset[str]:
    """Outcome rows reachable from a question (what its answer still narrows)."""
    out: set[str] = set()
    for c in QUESTIONS[question_key].choices:
        if c.next:
            out |= reachable(c.next)
        elif c.outcome:
            out.add(c.outcome)
    return frozenset(out)


def _ordered(keys: frozenset[str]) -> tuple[str, ...]:
    return tuple(k for k in OUTCOME_KEYS if k in keys)


def walk(choices: Sequence[str]) -> Walk:
    """Follow ``choices`` (one key per question asked) from the first question; ``GuideError`` if one is wrong."""
    steps: list[tuple[Question, Choice]] = []
    key: str | None = FIRST
    end: Choice | None = None
    for raw in choices:
        if key is None:
            raise GuideError("问题已答完，多余的选择")
        q = QUESTIONS[key]
        c = q.choice(raw)
        steps.append((q, c))
        key = c.next
        if key is None:
            end = c
    if end is not None:
        cands: tuple[str, ...] = (end.outcome,) if end.outcome else ()
        return Walk(tuple(steps), None, cands, end)
    assert key is not None
    return Walk(tuple(steps), QUESTIONS[key], _ordered(reachable(key)), None)


def parse(raw: str) -> list[str]:
    """The walk's choices as carried in a URL (``clear.yes.ours``)."""
    return [p for p in raw.split(".") if p][:12]


def application_answer_guided(*, application: Application, choices: Sequence[str], on: dt.date, actor: Actor,
                              legal_basis: str = "", answer_text: str = "", referral_organ: str = "",
                              referral_contact: str = "") -> Application:
    """Answer the case at the outcome the walk reached, and keep the path with it (one transaction).

    The answer is ``services.application_answer`` (its role check, transition, letter and event);
    the path is stored beside it, so the answer's event stays the one event of this write.
    """
    w = walk(choices)
    if w.end is None or w.end.action != "answer" or not w.outcome:
        raise GuideError("引导尚未得出可以答复的办理结果")
    if w.end.needs_referral and not referral_organ.strip():
        raise GuideError("请填写负责公开该信息的机关名称（第三十六条第（五）项）")
    with transaction.atomic():
        app = application_answer(application=application, outcome=w.outcome, on=on, actor=actor,
                                 legal_basis=legal_basis or w.basis, answer_text=answer_text,
                                 referral_organ=referral_organ, referral_contact=referral_contact)
        GuidedPath.objects.create(application=app, path=w.path, outcome=w.outcome, actor=person(actor))
    return app
