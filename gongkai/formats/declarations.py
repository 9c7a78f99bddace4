"""The platform's shared keys and labels, declared once: every app reads them from here.

An application's outcome *is* a 2021 Table 3 leaf row (``OUTCOME_KEYS``, with the legal basis each one
cites by default), an appeal's kind and result *are* the Table 4 column groups and parts (``APPEAL_KINDS``,
``APPEAL_RESULTS``, ``TABLE4_PART_KEYS``), a report's narrative sections map to the report fields in
``NARRATIVE_FIELDS``, and ``FEE_PAYMENT_WORKDAYS`` is the 109号 payment window. The ledger apps build
their model choices from these and ``gongkai.reports`` checks at start-up that they still agree; this
module imports nothing outside ``gongkai.formats``.
"""

from __future__ import annotations

from gongkai.formats.shared import OUTCOMES as TABLE4_OUTCOMES
from gongkai.formats.shared import TABLE4_GROUPS, TABLE4_ROW, table3_leaf_keys

# --- Applications: outcomes are the 2021 Table 3 leaf rows (spec §3.3) ---------------------------------

OUTCOME_KEYS: tuple[str, ...] = table3_leaf_keys(era="2021")

# Legal basis cited by default in the answer letter for each outcome (spec §1.3).
OUTCOME_BASIS: dict[str, str] = {
    "granted": "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    "partial": "《中华人民共和国政府信息公开条例》第三十七条",
    "denied.state_secret": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "denied.law_forbidden": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "denied.three_safety_one_stability": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "denied.third_party": "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    "denied.internal_affairs": "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    "denied.process_info": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "denied.enforcement_file": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "denied.admin_query": "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    "unable.not_held": "《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项",
    "unable.needs_creation": "《中华人民共和国政府信息公开条例》第三十八条",
    "unable.unclear_after_correction": "《中华人民共和国政府信息公开条例》第三十条",
    "not_processed.petition_complaint": "《中华人民共和国政府信息公开条例》第三十九条第一款",
    "not_processed.duplicate": "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    "not_processed.publication": "《中华人民共和国政府信息公开条例》第三十九条第二款",
    "not_processed.mass_repeat": "《中华人民共和国政府信息公开条例》第三十五条",
    "not_processed.confirm_reissue": "《中华人民共和国政府信息公开条例》第三十九条",
    "other.no_correction": "《中华人民共和国政府信息公开条例》第三十条",
    "other.fee_unpaid": "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "other.other": "《中华人民共和国政府信息公开条例》",
}

# --- Appeals: kinds and results are Table 4's column groups and parts (spec §3.4) ----------------------

# The case form says which kind of 行政诉讼 a case is; Table 4 prints the short group label.
APPEAL_KINDS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
)
APPEAL_KIND_KEYS: tuple[str, ...] = tuple(k for k, _l in APPEAL_KINDS)
TABLE4_TOTAL = "total"
APPEAL_RESULTS: tuple[tuple[str, str], ...] = tuple((k, label) for k, label in TABLE4_OUTCOMES if k != TABLE4_TOTAL)
APPEAL_RESULT_KEYS: tuple[str, ...] = tuple(k for k, _l in APPEAL_RESULTS)
# A case not decided by the end of the report year counts as 尚未审结 whatever its outcome today.
APPEAL_PENDING = "pending"
LITIGATION_KINDS: tuple[str, ...] = tuple(k for k in APPEAL_KIND_KEYS if k.startswith("litigation"))
# "review.upheld" … "litigation_after_review.pending": the Table 4 cells a ledger fills.
TABLE4_PART_KEYS: tuple[str, ...] = tuple(f"{g}.{o}" for g in APPEAL_KIND_KEYS for o in APPEAL_RESULT_KEYS)
TABLE4_TOTAL_KEYS: tuple[str, ...] = tuple(f"{g}.{TABLE4_TOTAL}" for g in APPEAL_KIND_KEYS)

if APPEAL_KIND_KEYS != tuple(k for k, _l in TABLE4_GROUPS):  # pragma: no cover - a declaration typo
    raise ImportError("APPEAL_KINDS must list the Table 4 groups in order")

# --- Reports: narrative sections → AnnualReport fields -------------------------------------------------

NARRATIVE_FIELDS: dict[str, str] = {"overview": "overview", "problems": "problems", "other": "other_matters"}

# --- Fees (国办函〔2020〕109号, spec §2.3) ----------------------------------------------------------------

FEE_PAYMENT_WORKDAYS = 20  # 收到收费通知次日起20个工作日内

__all__ = [
    "APPEAL_KINDS", "APPEAL_KIND_KEYS", "APPEAL_PENDING", "APPEAL_RESULTS", "APPEAL_RESULT_KEYS",
    "FEE_PAYMENT_WORKDAYS", "LITIGATION_KINDS", "NARRATIVE_FIELDS", "OUTCOME_BASIS", "OUTCOME_KEYS",
    "TABLE4_GROUPS", "TABLE4_OUTCOMES", "TABLE4_PART_KEYS", "TABLE4_ROW", "TABLE4_TOTAL", "TABLE4_TOTAL_KEYS",
]
