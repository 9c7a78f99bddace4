"""Pure checks of the identity numbers an applicant types into the online form, one rule per document
type (``IdDocType``). A check returns "" when the number is well formed, else the Chinese reason.

- 居民身份证: GB 11643-1999 — 17 digits + check character (ISO 7064 MOD 11-2, ``X`` for 10), digits
  7–14 a real date of birth. First-generation 15-digit cards stopped being valid on 2013-01-01
  (《居民身份证法》, 公安部公告), so they are refused with that reason.
- 统一社会信用代码: GB 32100-2015 — 18 characters from the 31-character set (no I, O, Z, S, V), the last a
  MOD 31 check character with weights 3^i mod 31.
- 港澳台居民居住证 uses the GB 11643 layout with 810000/820000/830000 as region; 港澳居民来往内地通行证 is
  H/M + 8 or 10 digits; 台湾居民来往大陆通行证 is 8 digits (older ones 10 with a letter).
- 护照: 5–20 letters and digits (foreign passports differ by country, so no check digit is imposed).
"""

from __future__ import annotations

import datetime as dt
import re

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalise(number: str) -> str:
    """Upper case without spaces (people type ``x`` and group digits)."""
    return re.sub(r"\s+", "", number or "").upper()


def gb11643_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_problem(number: str, *, today: dt.date | None = None) -> str:
    n = normalise(number)
    if re.fullmatch(r"\d{15}", n):
        return "第一代15位居民身份证已停止使用，请填写18位居民身份证号码"
    if not re.fullmatch(r"\d{17}[\dX]", n):
        return "居民身份证号码应为18位，前17位为数字，最后一位为数字或X"
    try:
        born = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期不正确"
    if born.year < 1900 or born > (today or dt.date.today()):
        return "居民身份证号码中的出生日期不正确"
    if gb11643_check_char(n[:17]) != n[17]:
        return "居民身份证号码校验位不正确，请核对后重新填写"
    return ""


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def credit_code_problem(number: str) -> str:
    n = normalise(number)
    if len(n) != 18 or any(c not in _USCC_CHARS for c in n):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）"
    if uscc_check_char(n[:17]) != n[17]:
        return "统一社会信用代码校验位不正确，请核对后重新填写"
    return ""


def permit_problem(number: str) -> str:
    n = normalise(number)
    if len(n) == 18:
        if n[:2] not in ("81", "82", "83"):
            return "港澳台居民居住证号码应以810000、820000或830000开头"
        return resident_id_problem(n).replace("居民身份证", "居住证")
    if re.fullmatch(r"[HM]\d{8}(\d{2})?", n) or re.fullmatch(r"\d{8}|\d{10}|[A-Z]\d{9}", n):
        return ""
    return "通行证号码格式不正确（港澳通行证为H或M加8位或10位数字，台湾居民通行证为8位数字）"


def passport_problem(number: str) -> str:
    n = normalise(number)
    if not re.fullmatch(r"[A-Z0-9]{5,20}", n):
        return "护照号码应为5至20位字母或数字"
    return ""


def other_problem(number: str) -> str:
    n = (number or "").strip()
    return "" if 1 <= len(n) <= 40 else "请填写证件号码（不超过40个字符）"


CHECKS = {
    "id_card": resident_id_problem,
    "credit_code": credit_code_problem,
    "permit": permit_problem,
    "passport": passport_problem,
    "other": other_problem,
}


def problem(doc_type: str, number: str) -> str:
    """The reason ``number`` is not a valid number of ``doc_type`` ("" when it is)."""
    check = CHECKS.get(doc_type, other_problem)
    return check(number)
