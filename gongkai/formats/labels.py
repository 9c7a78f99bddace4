"""Tolerant label matching (spec §0.2): normalise published labels and map them to declared rows.

Published reports write ``(一)`` for ``（一）``, ASCII quotes for “ ”, break labels with ``<br />`` or line
breaks, put spaces inside labels, and drop or add a trailing 数. ``normalize_label`` folds all of that on
both sides; ``LabelIndex`` maps a normalised label to the declared rows it may mean (exact variants
first, then looser ones: the trailing parenthetical remark removed, the item number removed). Callers
always emit the canonical (full-width) label from the declaration, never the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_TAG_RE = re.compile(r"<[^>]*>")
_QUOTES = str.maketrans({c: '"' for c in "“”„‟＂〝〞「」『』‘’‚‛'`´"})
_SPACE_RE = re.compile(r"\s+")
_CN_NUM = "一二三四五六七八九十"
_LEAD_CN_RE = re.compile(rf"^([{_CN_NUM}]+)[.、,，．]")
_LEAD_AR_RE = re.compile(r"^(\d+)[.、,，．]")
_LEAD_PAREN_RE = re.compile(rf"^\(([{_CN_NUM}\d]+)\)[.、,，．]?")
_TRAIL_PAREN_RE = re.compile(r"\([^()]*\)$")
_NUMBERING_RE = re.compile(rf"^(?:[{_CN_NUM}]+、|\d+\.|\([{_CN_NUM}\d]+\))")
_PREFIX_QIZHONG = re.compile(r"^其中[:：]")


@lru_cache(maxsize=1 << 15)
def normalize_label(text: str) -> str:
    """NFKC, quote folding, markup and whitespace removed, numbering punctuation unified, trailing 数 dropped."""
    s = _TAG_RE.sub("", text or "") if "<" in (text or "") else (text or "")
    s = unicodedata.normalize("NFKC", s).translate(_QUOTES)
    s = _SPACE_RE.sub("", s)
    s = s.replace("【", "(").replace("】", ")").replace("〔", "(").replace("〕", ")")
    s = _LEAD_CN_RE.sub(r"\1、", s)
    s = _LEAD_AR_RE.sub(r"\1.", s)
    s = _LEAD_PAREN_RE.sub(r"(\1)", s)
    s = s.rstrip(":：")
    if s.endswith("数") and len(s) > 1:
        s = s[:-1]
    return s


@lru_cache(maxsize=4096)
def _nfkc_char(c: str) -> str:
    return unicodedata.normalize("NFKC", c).translate(_QUOTES)


@lru_cache(maxsize=8)  # the importer looks at one long line three ways (Table 3, local, national 统计表)
def normalize_with_positions(text: str) -> tuple[str, tuple[int, ...]]:
    """The character-level part of ``normalize_label`` over a whole text (NFKC, quotes folded, whitespace
    removed, ``1、`` as ``1.``), with the index in ``text`` each output character came from — so a label
    found in the normalised text can be cut out of the original."""
    chars: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(text):
        if "\u4e00" <= c <= "\u9fff":  # CJK ideographs: NFKC leaves them as they are (most of any report)
            chars.append(c)
            pos.append(i)
            continue
        if c.isspace():
            continue
        for ch in _nfkc_char(c):
            chars.append(ch)
            pos.append(i)
    for k in range(1, len(chars) - 1):
        if chars[k] in "、．" and chars[k - 1].isdigit() and not chars[k + 1].isdigit():
            chars[k] = "."
    return "".join(chars), tuple(pos)


def loose_variants(normalized: str) -> list[str]:
    """Looser forms of a normalised label: remark in trailing parentheses and the item number removed."""
    out: list[str] = []
    s = normalized
    stripped = _TRAIL_PAREN_RE.sub("", s)
    if stripped != s and stripped:
        s2 = stripped[:-1] if stripped.endswith("数") else stripped
        out.append(s2)
        s = s2
    for base in (normalized, s):
        nonum = _NUMBERING_RE.sub("", base)
        nonum = _PREFIX_QIZHONG.sub("", nonum)
        if nonum and nonum != base and nonum not in out:
            out.append(nonum)
    return out


@dataclass
class LabelIndex:
    """Normalised label → candidate keys, in declaration order; ``exact`` beats ``loose``."""

    exact: dict[str, list[str]] = field(default_factory=dict)
    loose: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, *labels: str) -> None:
        for label in labels:
            if not label:
                continue
            n = normalize_label(label)
            self.exact.setdefault(n, [])
            if key not in self.exact[n]:
                self.exact[n].append(key)
            for v in loose_variants(n):
                self.loose.setdefault(v, [])
                if key not in self.loose[v]:
                    self.loose[v].append(key)

    def candidates(self, label: str) -> list[str]:
        n = normalize_label(label)
        if not n:
            return []
        if n in self.exact:
            return list(self.exact[n])
        if n in self.loose:
            return list(self.loose[n])
        for v in loose_variants(n):
            if v in self.exact:
                return list(self.exact[v])
            if v in self.loose:
                return list(self.loose[v])
        if "," in n:
            # PDF→Markdown writes "," for "、" inside a label ("逾期不补正, 行政机关不再处理…"): read side only.
            alt = n.replace(",", "、")
            if alt in self.exact:
                return list(self.exact[alt])
        return []

    def find(self, label: str) -> str | None:
        """The key when exactly one candidate matches, else None."""
        c = self.candidates(label)
        return c[0] if len(c) == 1 else None


def index_of(items: Iterable[tuple[str, Iterable[str]]]) -> LabelIndex:
    idx = LabelIndex()
    for key, labels in items:
        idx.add(key, *labels)
    return idx


def same_label(a: str, b: str) -> bool:
    return normalize_label(a) == normalize_label(b)
