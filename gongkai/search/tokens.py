"""Chinese segmentation for search: jieba tokens, lower-cased, punctuation and spaces dropped.

Documents are segmented with ``cut_for_search`` (long words and their parts), queries with the
precise ``cut``, so a query word is found whether the document split it finer or not.

jieba segments each maximal run of Han characters, letters and digits (its ``re_han_default``) on its
own, so a document's tokens are the concatenation of its runs' tokens. ``document_tokens`` segments run
by run through a bounded cache: official documents repeat whole phrases (organ names, set formulas),
and bulk indexing (``gongkai demo --scale``) repeats them a million times. The result is the same token
list jieba gives for the whole text (tests/catalog/test_search_scale.py checks it on real texts).
"""

from __future__ import annotations

import functools
import logging
import re
import threading

import jieba

jieba.setLogLevel(logging.WARNING)
_init_lock = threading.Lock()
_ready = False
_WORD = re.compile(r"\w", re.UNICODE)
# The runs jieba segments independently (everything between them it yields char by char).
_RUN: re.Pattern[str] = jieba.re_han_default
RUN_CACHE = 200_000  # distinct runs kept (~100 bytes each plus their tokens)


def _ensure() -> None:
    global _ready
    if not _ready:
        with _init_lock:
            if not _ready:
                jieba.initialize()
                _ready = True


def _keep(tok: str) -> bool:
    return bool(tok.strip()) and bool(_WORD.search(tok))


def document_tokens(text: str) -> list[str]:
    _ensure()
    out: list[str] = []
    for run in _RUN.split(text or ""):
        if run:
            out.extend(_run_tokens(run))
    return out


@functools.lru_cache(maxsize=RUN_CACHE)
def _run_tokens(run: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in jieba.cut_for_search(run) if _keep(t))


def query_tokens(text: str) -> list[str]:
    _ensure()
    out: list[str] = []
    for t in jieba.cut((text or "").strip()):
        t = t.strip().lower()
        if _keep(t) and t not in out:
            out.append(t)
    return out
