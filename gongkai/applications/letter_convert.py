"""Translation of letter templates written in the old Django template syntax into the placeholder language.

Owns ``convert(kind, body)``, a pure function used by migration 0005 (and its tests): a template that
already passes ``letters.check`` is kept; otherwise each Django token is translated — known variables
(``{{ app.applicant_name }}`` → ``{{ 申请人姓名 }}``), ``|default:'…'``, and ``{% if %}``/``{% elif %}``
conditions over known variables (``app.outcome == 'granted'`` → ``答复结果 == "（一）予以公开"``) — and
the result must pass ``letters.check``. Anything else (unknown variables, other tags or filters,
attribute walks such as ``app.agency.parent.memberships``) cannot be translated safely, so the
template is reset to the default and the reason is returned for the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from gongkai.applications import letters
from gongkai.applications.models import Outcome

# Old Django context name → placeholder. ``note`` meant different things per letter kind.
_COMMON: dict[str, str] = {
    "app.applicant_name": "申请人姓名", "app.tracking_code": "查询码", "app.number": "登记编号",
    "received": "收到日期", "app.received_on": "收到日期", "due": "答复期限", "app.due_on": "答复期限",
    "agency": "机关名称", "agency.name": "机关名称", "app.agency": "机关名称", "app.agency.name": "机关名称",
    "review_organ": "复议机关", "app.info_name": "申请内容", "app.info_doc_number": "文号",
    "app.get_id_doc_type_display": "证件类型", "app.id_number_masked": "隐去证件号码",
    "app.get_provision_form_display": "提供形式", "app.get_provision_way_display": "提供方式",
    "app.get_outcome_display": "答复结果", "app.outcome_label": "答复结果", "app.answer_text": "答复说明",
    "app.legal_basis": "法律依据", "app.referral_organ": "转交机关", "app.referral_contact": "转交机关联系方式",
    "app.closed_on": "办结日期", "until": "补正期限", "days": "延长天数", "party_name": "第三方名称",
    "fee.method_label": "计费方式", "fee.count": "计费数量", "fee.prior": "本月此前已计件数", "fee.amount": "金额",
    "pay_by": "缴费期限", "fee.pay_by": "缴费期限",
}
_BY_KIND: dict[str, dict[str, str]] = {"correction": {"note": "补正事项"}, "extension": {"note": "延期理由"}}
# Placeholders whose value already falls back to the old ``|default:`` text.
_BUILT_IN_DEFAULTS: dict[str, str] = {"延期理由": "需要进一步检索、审查", "第三方名称": "第三方"}

_TOKEN = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})")  # Django's own tokenizer: a tag never spans lines
_VAR = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(?:\|\s*default\s*:\s*(?:\"([^\"]*)\"|'([^']*)')\s*)?$")
_COND_TOKEN = re.compile(r"\s*(\"[^\"]*\"|'[^']*'|==|!=|<=|>=|<|>|\d+|[A-Za-z_][\w.]*)")


class _Untranslatable(Exception):
    pass


@dataclass(frozen=True)
class Conversion:
    """What to store: the body, whether it changed, and a note for ``LetterTemplate.legacy_note``."""

    body: str
    status: Literal["unchanged", "translated", "reset"]
    note: str


def _name(kind: str, var: str) -> str:
    name = _BY_KIND.get(kind, {}).get(var) or _COMMON.get(var)
    if name is None:
        raise _Untranslatable(f"无法转换的变量“{var}”")
    return name


def _var(kind: str, expr: str) -> str:
    m = _VAR.match(expr)
    if not m:
        raise _Untranslatable(f"无法转换的写法“{{{{{expr}}}}}”")
    name = _name(kind, m.group(1))
    fallback = m.group(2) if m.group(2) is not None else m.group(3)
    if fallback is None or _BUILT_IN_DEFAULTS.get(name) == fallback:
        return f"{{{{ {name} }}}}"
    if re.search(r"[{}%#]", fallback):
        raise _Untranslatable("默认文字中含有模板符号")
    return f"{{% if {name} %}}{{{{ {name} }}}}{{% else %}}{fallback}{{% endif %}}"


def _literal(token: str) -> str | None:
    return token[1:-1] if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'" else None


def _condition(kind: str, expr: str) -> str:
    tokens: list[str] = []
    pos = 0
    expr = expr.rstrip()
    while pos < len(expr):
        m = _COND_TOKEN.match(expr, pos)
        if not m:
            raise _Untranslatable(f"无法转换的条件“{expr.strip()}”")
        tokens.append(m.group(1))
        pos = m.end()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        lit = _literal(tokens[i + 2]) if i + 2 < len(tokens) else None
        if tok in ("app.outcome", "fee.method") and nxt in ("==", "!=") and lit is not None:
            if tok == "app.outcome":
                if lit not in Outcome.values:
                    raise _Untranslatable(f"未知的办理结果“{lit}”")
                out.append(f'答复结果 {nxt} "{Outcome(lit).label}"')
            else:
                pieces = (lit == "pieces") == (nxt == "==")
                out.append("按件计收" if pieces else "not 按件计收")
            i += 3
            continue
        if tok in ("and", "or", "not", "in", "==", "!=", "<", ">", "<=", ">=") or tok.isdigit() or _literal(tok):
            out.append(tok)
        elif tok in ("app.outcome", "fee.method"):
            raise _Untranslatable(f"无法转换的条件“{expr.strip()}”")
        else:
            out.append(_name(kind, tok))
        i += 1
    return " ".join(out)


def _tag(kind: str, content: str) -> str:
    word, _sp, rest = content.strip().partition(" ")
    if word in ("if", "elif") and rest.strip():
        return f"{{% {word} {_condition(kind, rest)} %}}"
    if word in ("else", "endif") and not rest.strip():
        return f"{{% {word} %}}"
    raise _Untranslatable(f"不支持的标签“{word}”")


def _translate(kind: str, body: str) -> str:
    parts: list[str] = []
    for piece in _TOKEN.split(body):
        if piece.startswith("{{"):
            parts.append(_var(kind, piece[2:-2]))
        elif piece.startswith("{%"):
            parts.append(_tag(kind, piece[2:-2]))
        elif piece.startswith("{#"):
            continue  # a Django comment prints nothing
        else:
            parts.append(piece)
    return "".join(parts)


def convert(kind: str, body: str) -> Conversion:
    """The body to store for an existing ``kind`` template (see the module docstring)."""
    if not letters.check(kind, body):
        return Conversion(body=body, status="unchanged", note="")
    try:
        translated = _translate(kind, body)
        problems = letters.check(kind, translated)
    except _Untranslatable as exc:
        problems = [str(exc)]
    if problems:
        reason = "；".join(problems)[:150]
        note = f"原模板无法安全转换为新的占位符写法（{reason}），已重置为默认模板；原模板内容保留在“迁移前的模板”中。"
        return Conversion(body=letters.DEFAULTS[kind][1], status="reset", note=note[:300])
    return Conversion(body=translated, status="translated",
                      note="原模板已自动转换为新的占位符写法；原模板内容保留在“迁移前的模板”中。")
