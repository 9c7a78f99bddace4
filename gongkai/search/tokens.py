"""Chinese segmentation for search: jieba tokens, lower-cased, punctuation and spaces dropped.

Documents are segmented with ``cut_for_search`` (long words and their parts), queries with the
precise ``cut``, so a query word is found whether the document split it finer or not.
"""

from __future__ import annotations

import logging
import re
import threading

import jieba

jieba.setLogLevel(logging.WARNING)
_init_lock = threading.Lock()
_ready = False
_WORD = re.compile(r"\w", re.UNICODE)


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
    return [t.lower() for t in jieba.cut_for_search(text or "") if _keep(t)]


def query_tokens(text: str) -> list[str]:
    _ensure()
    out: list[str] = []
    for t in jieba.cut((text or "").strip()):
        t = t.strip().lower()
        if _keep(t) and t not in out:
            out.append(t)
    return out
