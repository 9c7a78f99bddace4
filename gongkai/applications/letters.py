"""Letters to applicants (答复书, 补正告知书, 延期答复告知书, 征求第三方意见书, 收费通知书) from editable templates.

This module owns the letter placeholder language: ``PLACEHOLDERS`` is the one declaration of every
name a letter template may use (name → description → how the value is computed → which letters offer
it), ``check`` decides whether a template is acceptable, ``render`` fills it for a case, and ``build``
turns the text into DOCX and PDF (``gongkai.core.documents``). Templates are Jinja2 source run in a
``SandboxedEnvironment`` over a dict of plain values (str, int, Decimal, bool) computed here — the
template never receives a model object — and before anything runs, the parsed template is walked
against a short allow-list of constructs (text, ``{{ 占位符 }}``, ``{% if %}`` with comparisons,
``and``/``or``/``not``, ``~``), so attribute access, calls, filters, loops, includes and assignments
are refused on save with a Chinese message naming the problem and its line. Defaults live in
``letter_defaults/<kind>.txt`` (first line the title, then the body; paragraphs separated by blank
lines). Every letter that decides something cites its articles and the remedies of the law in force
on its date (``gongkai.formats.law``: before 2024 review within 60 days or litigation within 6 months;
from 2024-01-01 review first for the refusals of ADR 0010). A rendered letter is checked once more
before it is stored: no "None" and no deadline without its date (``_guard``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from gongkai.agencies.models import Agency
from gongkai.applications.models import (
    OUTCOME_BASIS,
    Application,
    FeeNotice,
    IdDocType,
    Outcome,
    ProvisionForm,
    ProvisionWay,
)
from gongkai.core.documents import OfficialDoc, chinese_date, doc_html, docx_bytes, pdf_bytes
from gongkai.formats import law

DEFAULTS_DIR = Path(__file__).resolve().parent / "letter_defaults"
KINDS = ("answer", "correction", "extension", "consultation", "fee")
KIND_LABELS: dict[str, str] = {"answer": "政府信息公开申请答复书", "correction": "补正申请告知书",
                               "extension": "延期答复告知书", "consultation": "征求第三方意见书",
                               "fee": "收费通知书"}

# Bounds. Without loops, rendering is linear in the template, so these bound time as well as size:
# a template is at most MAX_TEMPLATE_CHARS, nests at most MAX_DEPTH deep, and a rendered letter is at
# most MAX_OUTPUT_BASE characters plus OUTPUT_VALUE_FACTOR times the size of its values (so repeating a
# long 答复说明 a thousand times is refused, while the defaults, which use each value once, always fit).
MAX_TEMPLATE_CHARS = 20_000
MAX_DEPTH = 40
MAX_OUTPUT_BASE = 64_000
OUTPUT_VALUE_FACTOR = 3
MAX_INT_LITERAL = 10**12

Value = str | int | Decimal | bool


# ---------------------------------------------------------------- the placeholder dictionary

@dataclass(frozen=True)
class Inputs:
    """The figures of the action issuing the letter (besides the case itself)."""

    issued_on: dt.date
    until: dt.date | None = None  # correction period (补正期限)
    note: str = ""  # correction items (补正事项) or extension reason (延期理由)
    days: int | None = None  # extension workdays
    party_name: str = ""  # consulted third party
    fee: FeeNotice | None = None
    # The day of the decision the letter records, when it differs from ``issued_on`` (a letter
    # regenerated later keeps the law of the original decision's day for its remedy clause).
    decided_on: dt.date | None = None
    kind: str = ""  # the letter being written (set by ``values``)


@dataclass(frozen=True)
class Placeholder:
    """One name a template may use. ``compute`` returns None when the case has no value yet."""

    name: str
    description: str
    source: str  # how the value is computed, in the clerk's words (shown on the edit page)
    compute: Callable[[Application, Inputs], Value | None]
    kinds: tuple[str, ...] = KINDS
    # A required placeholder without a value (None or "") stops the letter with a message to the clerk
    # instead of printing "None" or "于前"; an optional one is "" and can be tested with {% if %}.
    required: bool = True
    # For enumerations: every value it can take, so a comparison with a misspelt value is refused on save.
    choices: tuple[str, ...] = ()


def _date(day: dt.date | None) -> str | None:
    return chinese_date(day) if day else None


def _review_organ(app: Application) -> str:
    return app.agency.parent.name if app.agency.parent_id and app.agency.parent else "上一级人民政府"


# How each letter names itself in the remedy sentence (the fee notice is a 通知, not an 答复).
DOCUMENT_WORD: dict[str, str] = {"answer": "本答复", "correction": "本告知书", "extension": "本告知书",
                                 "consultation": "本意见书", "fee": "本通知"}


def _remedies(app: Application, inputs: Inputs) -> str:
    """The remedy sentence of the law in force on the decision's day (``formats.law.remedy_clause``).

    Only the answer carries an outcome; other letters get the general choice of review or litigation.
    """
    on = inputs.decided_on or inputs.issued_on
    outcome = app.outcome if inputs.kind == "answer" else ""
    return law.remedy_clause(on, outcome, organ=_review_organ(app), document=DOCUMENT_WORD.get(inputs.kind, "本文书"))


def _outcome_label(app: Application) -> str | None:
    return app.outcome_label or None


# Table 3 groups (spec §3.3) in the words a letter uses; "results" rows are their own category.
OUTCOME_CATEGORY: dict[str, str] = {"granted": "予以公开", "partial": "部分公开", "denied": "不予公开",
                                    "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}


def _category(app: Application) -> str | None:
    if not app.outcome:
        return None
    return OUTCOME_CATEGORY.get(app.outcome) or OUTCOME_CATEGORY[app.outcome.split(".", 1)[0]]


def _legal_basis(app: Application) -> str | None:
    return app.legal_basis or OUTCOME_BASIS.get(app.outcome) or None


def _regime(app: Application) -> law.ClockRegime:
    assert app.received_on is not None
    return law.clock_regime(app.received_on)


def _fee(inputs: Inputs) -> FeeNotice | None:
    return inputs.fee


def _choices(enum: type[IdDocType | Outcome | ProvisionForm | ProvisionWay]) -> tuple[str, ...]:
    return tuple(str(label) for _value, label in enum.choices)


ANSWER, CORRECTION, EXTENSION, CONSULTATION, FEE = KINDS

PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("申请人姓名", "申请人姓名或名称", "申请表“姓名或名称”",
                lambda a, i: a.applicant_name),
    Placeholder("查询码", "申请的查询码", "受理时生成的16位查询码",
                lambda a, i: a.tracking_code),
    Placeholder("登记编号", "本机关登记编号", "收到年份-序号，如 2026-000123",
                lambda a, i: a.number),
    Placeholder("收到日期", "收到申请之日（条例第三十一条）", "按申请渠道确定的收到申请之日，写作“2026年3月2日”",
                lambda a, i: _date(a.received_on)),
    Placeholder("答复期限", "当前答复截止日",
                "由办理台账按工作日计算（含补正、征求意见、延期、收费），写作“2026年3月30日”；无法计算时不能出具使用它的文书",
                lambda a, i: _date(a.due_on)),
    Placeholder("出具日期", "本文书的出具日期", "办理操作中填写的日期，写作“2026年3月12日”",
                lambda a, i: _date(i.issued_on)),
    Placeholder("机关名称", "受理机关名称", "本机关全称",
                lambda a, i: a.agency.name),
    Placeholder("复议机关", "行政复议机关", "本机关的上级机关名称；没有上级机关时为“上一级人民政府”",
                lambda a, i: _review_organ(a)),
    Placeholder("告知事项", "救济途径告知",
                "按文书日期适用的法律生成：2024年1月1日前为“如对本答复不服，可以自收到本答复之日起60日内向（复议机关）"
                "申请行政复议，或者自收到本答复之日起6个月内向人民法院提起行政诉讼。”；2024年1月1日起，不予公开、部分公开、"
                "无法提供、不予处理等答复须先申请行政复议（行政复议法第二十三条第一款第四项）。收费通知写作“本通知”",
                lambda a, i: _remedies(a, i)),
    Placeholder("申请内容", "所需政府信息的名称", "申请表“所需政府信息的名称”",
                lambda a, i: a.info_name),
    Placeholder("文号", "所需信息的文号", "申请表“文号”，可能为空", lambda a, i: a.info_doc_number,
                required=False),
    Placeholder("证件类型", "身份证明类型", "申请表“身份证明类型”，如“居民身份证”",
                lambda a, i: str(a.get_id_doc_type_display()), choices=_choices(IdDocType)),
    Placeholder("隐去证件号码", "证件号码（隐去）", "只显示前几位和后4位，如 110***********123X；完整号码不能用于文书；"
                "未登记证件号码时为空", lambda a, i: a.id_number_masked, required=False),
    Placeholder("提供形式", "申请人要求的提供形式", "纸质、电子或查阅",
                lambda a, i: str(a.get_provision_form_display()), choices=_choices(ProvisionForm)),
    Placeholder("提供方式", "申请人要求的获取方式", "邮寄、电子邮件、当面领取、网上获取或传真",
                lambda a, i: str(a.get_provision_way_display()), choices=_choices(ProvisionWay)),
    # answer
    Placeholder("答复结果", "办理结果（年度报告表三的行）", "作出答复时选择的结果，如“（一）予以公开”",
                lambda a, i: _outcome_label(a), kinds=(ANSWER,), choices=_choices(Outcome)),
    Placeholder("结果类别", "办理结果所属类别", "予以公开、部分公开、不予公开、无法提供、不予处理或其他处理",
                lambda a, i: _category(a), kinds=(ANSWER,), choices=tuple(OUTCOME_CATEGORY.values())),
    Placeholder("答复说明", "答复内容或理由", "作出答复时填写的内容，可能为空",
                lambda a, i: a.answer_text, kinds=(ANSWER,), required=False),
    Placeholder("法律依据", "答复所依据的条款", "作出答复时填写；未填写时为该办理结果的默认条款",
                lambda a, i: _legal_basis(a), kinds=(ANSWER,)),
    Placeholder("转交机关", "负责公开该信息的机关（第三十六条第五项）", "作出答复时填写，可能为空",
                lambda a, i: a.referral_organ, kinds=(ANSWER,), required=False),
    Placeholder("转交机关联系方式", "该机关的联系方式", "作出答复时填写，可能为空",
                lambda a, i: a.referral_contact, kinds=(ANSWER,), required=False),
    Placeholder("办结日期", "作出答复之日", "写作“2026年3月20日”",
                lambda a, i: _date(a.closed_on), kinds=(ANSWER,)),
    # correction
    Placeholder("补正期限", "补正截止日", "发出补正告知时填写的期限，写作“2026年3月20日”",
                lambda a, i: _date(i.until), kinds=(CORRECTION,)),
    Placeholder("补正事项", "需要补正的内容", "发出补正告知时填写",
                lambda a, i: i.note.strip(), kinds=(CORRECTION,)),
    # extension
    Placeholder("延长天数", "延长的工作日数", "批准延期时填写，1至20",
                lambda a, i: i.days, kinds=(EXTENSION,)),
    Placeholder("延期理由", "延期的理由", "批准延期时填写；未填写时为“需要进一步检索、审查”",
                lambda a, i: i.note.strip() or "需要进一步检索、审查", kinds=(EXTENSION,)),
    Placeholder("法定答复期限", "法定答复期限的工作日数", "按收到申请之日适用的条例：2019年5月15日起为20，此前为15",
                lambda a, i: _regime(a).answer_workdays if a.received_on else None, kinds=(EXTENSION,)),
    Placeholder("延期依据", "延期所依据的条款", "按收到申请之日适用的条例，如“《中华人民共和国政府信息公开条例》"
                "（国务院令第711号）第三十三条第二款”",
                lambda a, i: f"{(r := _regime(a)).law}{r.extension_article}" if a.received_on else None,
                kinds=(EXTENSION,)),
    # consultation
    Placeholder("第三方名称", "被征求意见的第三方", "征求意见时填写；未填写时为“第三方”",
                lambda a, i: i.party_name.strip() or "第三方", kinds=(CONSULTATION,)),
    # fee
    Placeholder("计费方式", "计收方式", "按件计收或按量计收",
                lambda a, i: f.method_label if (f := _fee(i)) else None, kinds=(FEE,),
                choices=("按件计收", "按量计收")),
    Placeholder("按件计收", "是否按件计收（用于条件）", "按件计收时为真，按量计收时为假",
                lambda a, i: f.method == "pieces" if (f := _fee(i)) else None, kinds=(FEE,)),
    Placeholder("计费数量", "计费的件数或页数", "收费通知中的件数（按件）或页数（按量）",
                lambda a, i: f.count if (f := _fee(i)) else None, kinds=(FEE,)),
    Placeholder("计费单位", "“件”或“页”", "按件计收为“件”，按量计收为“页”",
                lambda a, i: ("件" if f.method == "pieces" else "页") if (f := _fee(i)) else None, kinds=(FEE,),
                choices=("件", "页")),
    Placeholder("本月此前已计件数", "同一申请人本月此前已计件数", "按件计收时自动计算或填写；按量计收时为0",
                lambda a, i: f.prior if (f := _fee(i)) else None, kinds=(FEE,)),
    Placeholder("金额", "应缴金额（元）", "按《政府信息公开信息处理费管理办法》计算的整元金额",
                lambda a, i: f.amount if (f := _fee(i)) else None, kinds=(FEE,)),
    Placeholder("缴费期限", "缴费截止日", "申请人收到通知次日起20个工作日，写作“2026年4月1日”",
                lambda a, i: _date(f.pay_by) if (f := _fee(i)) else None, kinds=(FEE,)),
)
BY_NAME: dict[str, Placeholder] = {p.name: p for p in PLACEHOLDERS}
# Names a clerk might reasonably try, with the placeholder to use instead.
HINTS: dict[str, str] = {"证件号码": "隐去证件号码", "身份证号": "隐去证件号码", "身份证号码": "隐去证件号码",
                         "姓名": "申请人姓名", "申请人": "申请人姓名", "截止日期": "答复期限",
                         "收到申请之日": "收到日期", "本机关": "机关名称", "机关": "机关名称", "依据": "法律依据",
                         "理由": "答复说明"}


def reference(kind: str) -> list[Placeholder]:
    """The placeholders a ``kind`` letter may use, in declaration order (the edit page's list)."""
    return [p for p in PLACEHOLDERS if kind in p.kinds]


def values(kind: str, app: Application, inputs: Inputs) -> tuple[dict[str, Value], dict[str, str]]:
    """(name → plain value for every placeholder of ``kind``, name → why a required one has no value)."""
    out: dict[str, Value] = {}
    missing: dict[str, str] = {}
    inputs = replace(inputs, kind=kind)
    for p in reference(kind):
        value = p.compute(app, inputs)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if p.required:
                why = p.description
                if p.name == "答复期限" and app.due_error:
                    # the stored error carries an English gloss in brackets for logs; the clerk reads Chinese
                    why = f"{why}：{re.sub(r'（[^（）]*[A-Za-z][^（）]*）', '', app.due_error)}"
                missing[p.name] = why
                continue
            value = ""
        if not isinstance(value, str | int | Decimal | bool):  # the dictionary holds plain values only
            raise TypeError(f"placeholder {p.name} computed a {type(value).__name__}")
        out[p.name] = value
    return out, missing


# ---------------------------------------------------------------- the sandbox

class TemplateProblem(Exception):
    """A template that cannot be used; ``problems`` are Chinese sentences for the clerk."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


class LetterValueMissing(ValidationError):
    """A required placeholder has no value for this case: the letter is not issued (no "None", no "于前")."""


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox with nothing reachable: no attribute is safe and nothing is callable.

    The allow-list walk in ``_check_nodes`` already refuses attribute access and calls before a
    template runs; these overrides are the second wall if a construct ever slipped through.
    """

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        return False

    def is_safe_callable(self, obj: object) -> bool:
        return False


def as_text(value: object) -> str:
    """How a value prints in a letter: plain values only, booleans in Chinese, never "None".

    Every ``{{ }}`` passes here (Jinja's ``finalize``), so even a value that slipped past the
    dictionary's types could not print an object.
    """
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str | int | Decimal):
        return str(value)
    raise TemplateProblem(["模板输出了不允许的内容"])


_ENV = _Sandbox(autoescape=False, undefined=StrictUndefined, finalize=as_text, cache_size=0,
                auto_reload=False)
_ENV.globals.clear()  # no range, lipsum, dict, cycler, joiner, namespace
_ENV.filters.clear()  # no filters at all: values are already formatted
_ENV.tests.clear()

_ALLOWED: tuple[type[nodes.Node], ...] = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.If,
                                          nodes.Name, nodes.Const, nodes.Compare, nodes.Operand, nodes.And,
                                          nodes.Or, nodes.Not, nodes.CondExpr, nodes.Concat)
_REFUSED: list[tuple[tuple[type[nodes.Node], ...], str]] = [
    ((nodes.Getattr, nodes.Getitem, nodes.Slice), "不能用“.”或“[]”读取属性或下标，请直接使用占位符"),
    ((nodes.Call, nodes.Macro, nodes.CallBlock), "不能调用函数或方法"),
    ((nodes.Filter, nodes.FilterBlock), "不支持过滤器（“|”）"),
    ((nodes.Test,), "不支持“is”测试"),
    ((nodes.For,), "不支持循环（for）"),
    ((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends, nodes.Block),
     "不能引用其他模板（include、import、extends、block）"),
    ((nodes.Assign, nodes.AssignBlock, nodes.With), "不能定义变量（set、with）"),
    ((nodes.BinExpr, nodes.UnaryExpr), "不支持算术运算"),
    ((nodes.List, nodes.Tuple, nodes.Dict), "不支持列表或字典"),
]
_ENUM_OPS = {"eq", "ne"}


def _refusal(node: nodes.Node) -> str:
    for types, message in _REFUSED:
        if isinstance(node, types):
            return message
    return "使用了不支持的写法"


def _line(node: nodes.Node) -> str:
    return f"第{node.lineno}行：" if getattr(node, "lineno", None) else ""


def _check_nodes(kind: str, root: nodes.Template) -> tuple[list[str], set[str]]:
    """Walk the parsed template against the allow-list: (problems, placeholder names used)."""
    problems: list[str] = []
    used: set[str] = set()
    stack: list[tuple[nodes.Node, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            problems.append(f"{_line(node)}嵌套层次过深")
            continue
        if not isinstance(node, _ALLOWED):
            problems.append(f"{_line(node)}{_refusal(node)}")
            continue
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                problems.append(f"{_line(node)}不能定义变量")
            elif node.name not in BY_NAME:
                hint = f"（请使用“{HINTS[node.name]}”）" if node.name in HINTS else ""
                problems.append(f"{_line(node)}未知的占位符“{node.name}”{hint}")
            elif kind not in BY_NAME[node.name].kinds:
                where = "、".join(KIND_LABELS[k] for k in BY_NAME[node.name].kinds)
                problems.append(f"{_line(node)}占位符“{node.name}”只能用于{where}")
            else:
                used.add(node.name)
        elif isinstance(node, nodes.Const):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, str | int):
                problems.append(f"{_line(node)}只能使用文字或整数常量")
            elif isinstance(value, int) and abs(value) > MAX_INT_LITERAL:
                problems.append(f"{_line(node)}数字过大")
        elif isinstance(node, nodes.Compare):
            problems.extend(_check_enum_compare(node))
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())
    return problems, used


def _check_enum_compare(node: nodes.Compare) -> list[str]:
    """``结果类别 == "予已公开"`` would silently never match: refuse values the placeholder cannot take."""
    operands = [node.expr, *(op.expr for op in node.ops)]
    names = [o.name for o in operands if isinstance(o, nodes.Name) and o.name in BY_NAME]
    consts = [o.value for o in operands if isinstance(o, nodes.Const) and isinstance(o.value, str)]
    problems = []
    if all(op.op in _ENUM_OPS for op in node.ops):
        for name in names:
            choices = BY_NAME[name].choices
            for value in consts:
                if choices and value not in choices:
                    problems.append(f"{_line(node)}占位符“{name}”没有“{value}”这个值，可选："
                                    + "、".join(choices))
    return problems


_SYNTAX_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"unknown tag '(elif|else|endif)'"), "“{{% {0} %}}”没有对应的“{{% if %}}”"),
    (re.compile(r"unknown tag '([^']+)'"), "无法识别的标签“{0}”（只能使用 if、elif、else、endif）"),
    (re.compile(r"innermost block that needs to be closed is '([^']+)'"), "“{{% {0} %}}”缺少对应的“{{% end{0} %}}”"),
    (re.compile(r"[Uu]nexpected end of template"), "模板不完整（缺少结束标签，如“{{% endif %}}”）"),
    (re.compile(r"unexpected '([}%])'"), "多余的“{0}”"),
    (re.compile(r"unexpected char '(.)'"), "无法识别的字符“{0}”（占位符名称只能由汉字、字母、数字和下划线组成）"),
    (re.compile(r"expected token '[^']+', got '([^']*)'"), "表达式写法错误（在“{0}”附近）"),
    (re.compile(r"tag name expected"), "“{{%”之后缺少标签名"),
    (re.compile(r"Expected an expression"), "缺少条件或占位符"),
]


def _syntax_message(exc: TemplateSyntaxError) -> str:
    """Jinja's English syntax errors, retold in Chinese with the line number."""
    text = exc.message or ""
    for pattern, message in _SYNTAX_MESSAGES:
        m = pattern.search(text)
        if m:
            return f"第{exc.lineno}行：模板语法错误：" + message.format(*m.groups())
    return f"第{exc.lineno}行：模板语法错误"


@dataclass(frozen=True)
class Compiled:
    """A template that passed the allow-list, with the placeholders it uses."""

    source: str
    used: frozenset[str]
    template: Template = field(repr=False)


def compile_template(kind: str, source: str) -> Compiled:
    """Parse and vet ``source`` for a ``kind`` letter; raises ``TemplateProblem``."""
    if kind not in KINDS:
        raise TemplateProblem(["未知的文书类型"])
    if len(source) > MAX_TEMPLATE_CHARS:
        raise TemplateProblem([f"模板过长（{len(source)}字符，最多{MAX_TEMPLATE_CHARS}字符）"])
    try:
        root = _ENV.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem([_syntax_message(exc)]) from None
    except RecursionError:
        raise TemplateProblem(["嵌套层次过深"]) from None
    problems, used = _check_nodes(kind, root)
    if problems:
        raise TemplateProblem(sorted(set(problems), key=problems.index)[:10])
    try:
        template = _ENV.from_string(root)
    except (TemplateSyntaxError, RecursionError):
        raise TemplateProblem(["模板无法编译"]) from None
    return Compiled(source=source, used=frozenset(used), template=template)


def _size(value: Value) -> int:
    return len(value) if isinstance(value, str) else 20


def _run(compiled: Compiled, context: dict[str, Value]) -> str:
    """Render with the output bounded while it is produced (never build an oversized string first)."""
    limit = MAX_OUTPUT_BASE + OUTPUT_VALUE_FACTOR * sum(_size(v) for v in context.values())
    parts: list[str] = []
    total = 0
    try:
        for chunk in compiled.template.generate(context):
            total += len(chunk)
            if total > limit:
                raise TemplateProblem([f"生成的文书过长（超过{limit}字符）"])
            parts.append(chunk)
    except TemplateProblem:
        raise
    except Exception as exc:  # any failure inside a template is the template's problem
        raise TemplateProblem([f"模板无法生成文书（{_exception_label(exc)}）"]) from None
    return "".join(parts).strip()


def _exception_label(exc: Exception) -> str:
    if isinstance(exc, TypeError):
        return "比较了不同类型的值，如文字和数字"
    if exc.__class__.__name__ == "UndefinedError":
        return "使用了没有值的占位符"
    if exc.__class__.__name__ == "SecurityError":
        return "使用了不允许的写法"
    return "运行出错"


# ---------------------------------------------------------------- samples, checking, rendering

def _sample_cases(kind: str) -> Iterator[tuple[Application, Inputs]]:
    """An unsaved case per outcome (answer) or fee method (fee), with optional fields both filled and empty.

    They go through the same ``compute`` functions as real cases, so what a clerk sees on save is
    what an issued letter will do.
    """
    agency = Agency(name="示例县教育局")
    base = Application(agency=agency, tracking_code="ABCDEFGHJKLMNPQR", number="2026-000123",
                       applicant_name="张三", id_number_masked="110***********123X", info_name="某政府信息",
                       info_doc_number="示政发〔2026〕1号", received_on=dt.date(2026, 3, 2),
                       due_on=dt.date(2026, 3, 30), closed_on=dt.date(2026, 3, 20), answer_text="答复内容。",
                       referral_organ="示例县财政局", referral_contact="0571-12345678")
    inputs = Inputs(issued_on=dt.date(2026, 3, 12), until=dt.date(2026, 3, 20), note="请写明所需信息的文号",
                    days=20, party_name="示例公司")
    outcomes = [o.value for o in Outcome] if kind == ANSWER else [""]
    methods = ["pieces", "pages"] if kind == FEE else [""]
    for outcome in outcomes:
        for method in methods:
            fee = (FeeNotice(method=method, count=35, prior=5, amount=3000, pay_by=dt.date(2026, 4, 1))
                   if method else None)
            for filled in (True, False):
                app = Application(**{f.attname: getattr(base, f.attname) for f in Application._meta.concrete_fields})
                app.agency = agency
                app.outcome = outcome
                case_inputs = replace(inputs, fee=fee)
                if not filled:
                    for name in ("info_doc_number", "id_number_masked", "answer_text", "referral_organ",
                                 "referral_contact"):
                        setattr(app, name, "")
                    case_inputs = replace(case_inputs, note="" if kind == EXTENSION else inputs.note,
                                          party_name="")
                yield app, case_inputs


def sample_values(kind: str) -> dict[str, Value]:
    """One complete sample dictionary (for the edit page's example column)."""
    app, inputs = next(_sample_cases(kind))
    return values(kind, app, inputs)[0]


def check(kind: str, source: str) -> list[str]:
    """Problems of a template, in Chinese (empty when it may be saved).

    Vetted statically, then rendered for every sample case (every outcome of an answer, both fee
    methods, optional values filled and empty) so no branch fails later at issue time.
    """
    if not source.strip():
        return ["模板不能为空"]
    try:
        compiled = compile_template(kind, source)
    except TemplateProblem as exc:
        return exc.problems
    for app, inputs in _sample_cases(kind):
        context, _missing = values(kind, app, inputs)
        label = f"（办理结果为“{app.outcome_label}”时）" if app.outcome else ""
        try:
            _guard(kind, _run(compiled, context), context)
        except TemplateProblem as exc:
            return [p + label for p in exc.problems]
        except LetterValueMissing as exc:
            return [m + label for m in exc.messages]
    return []


def default_template(kind: str) -> tuple[str, str]:
    return DEFAULTS[kind]


def render(kind: str, *, app: Application, inputs: Inputs, title: str | None = None,
           body: str | None = None) -> tuple[str, str]:
    """(title, text) of a letter for ``app``; ``title``/``body`` override the defaults (agency template).

    Raises ``TemplateProblem`` when the template cannot be used (the caller falls back to the default)
    and ``LetterValueMissing`` when the template needs a value this case does not have yet.
    """
    d_title, d_body = DEFAULTS[kind]
    compiled = compile_template(kind, body if body is not None else d_body)
    context, missing = values(kind, app, inputs)
    holes = sorted(compiled.used & missing.keys())
    if holes:
        detail = "；".join(f"“{name}”（{missing[name]}）" for name in holes)
        raise LetterValueMissing(f"无法出具{KIND_LABELS[kind]}：以下内容还没有值：{detail}。")
    text = _run(compiled, context)
    _guard(kind, text, context)
    return (title or d_title), text


# A deadline phrase with its date left out: "于前", "于（含当日）前", "于 前", "即前".
_BLANK_DATE = re.compile(r"(?:于|即)\s*(?:（含当日）)?\s*前")


def _guard(kind: str, text: str, context: dict[str, Value]) -> None:
    """The last check before a letter is stored: no "None" and no deadline without its date.

    The dictionary already refuses missing values; this catches what a template's own wording could
    still produce (a literal "None" typed into a template is allowed only if a value contains it).
    """
    if "None" in text and not any(isinstance(v, str) and "None" in v for v in context.values()):
        raise LetterValueMissing(f"无法出具{KIND_LABELS[kind]}：文书中出现了“None”，请检查模板。")
    if _BLANK_DATE.search(text):
        raise LetterValueMissing(f"无法出具{KIND_LABELS[kind]}：文书中有未填写日期的期限（“于……前”），请检查模板。")


def _load_default(kind: str) -> tuple[str, str]:
    """letter_defaults/<kind>.txt: the first line is the title, the rest the body template."""
    title, _nl, body = (DEFAULTS_DIR / f"{kind}.txt").read_text(encoding="utf-8").partition("\n")
    return title.strip(), body


DEFAULTS: dict[str, tuple[str, str]] = {kind: _load_default(kind) for kind in KINDS}


def build(title: str, text: str, *, app: Application, issued_on: dt.date) -> tuple[bytes, bytes]:
    """(docx, pdf) of one letter."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    addressee = ""
    if paragraphs and paragraphs[0].endswith("："):
        addressee = paragraphs.pop(0)
    doc = OfficialDoc(title=title, addressee=addressee, paragraphs=paragraphs,
                      signature=[app.agency.name], date=chinese_date(issued_on))
    return docx_bytes(doc), pdf_bytes(doc_html(doc))
