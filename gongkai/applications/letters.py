"""Letters to applicants (答复书, 补正告知书, 延期答复告知书, 征求第三方意见书, 收费通知书) from editable templates.

Each kind has a default title and body in ``letter_defaults/<kind>.txt`` (Django template syntax,
paragraphs separated by blank lines); an agency may override them with a ``LetterTemplate``. Every
letter that decides something cites its articles and the remedies (行政复议 within 60 days, 行政诉讼
within 6 months, spec §1.3). Files are built by ``gongkai.core.documents`` as DOCX and PDF.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.template import Context, Engine

from gongkai.core.documents import OfficialDoc, chinese_date, doc_html, docx_bytes, pdf_bytes

DEFAULTS_DIR = Path(__file__).resolve().parent / "letter_defaults"
KINDS = ("answer", "correction", "extension", "consultation", "fee")


def _load_default(kind: str) -> tuple[str, str]:
    """letter_defaults/<kind>.txt: the first line is the title, the rest the body template."""
    title, _nl, body = (DEFAULTS_DIR / f"{kind}.txt").read_text(encoding="utf-8").partition("\n")
    return title.strip(), body


DEFAULTS: dict[str, tuple[str, str]] = {kind: _load_default(kind) for kind in KINDS}


def default_template(kind: str) -> tuple[str, str]:
    return DEFAULTS[kind]


def render(kind: str, *, app: Any, title: str | None = None, body: str | None = None,
           extra: dict[str, Any] | None = None) -> tuple[str, str]:
    """(title, text) of a letter for ``app``; ``title``/``body`` override the defaults (agency template)."""
    d_title, d_body = DEFAULTS[kind]
    engine = Engine.get_default()
    received = chinese_date(app.received_on) if app.received_on else ""
    context = {"app": app, "agency": app.agency, "received": received,
               "review_organ": (app.agency.parent.name if app.agency.parent_id else "上一级人民政府"),
               **(extra or {})}
    for key, value in list(context.items()):
        if isinstance(value, dt.date):
            context[key] = chinese_date(value)
    text = engine.from_string(body or d_body).render(Context(context, autoescape=False))
    return (title or d_title), text.strip()


def build(title: str, text: str, *, app: Any, issued_on: dt.date) -> tuple[bytes, bytes]:
    """(docx, pdf) of one letter."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    addressee = ""
    if paragraphs and paragraphs[0].endswith("："):
        addressee = paragraphs.pop(0)
    doc = OfficialDoc(title=title, addressee=addressee, paragraphs=paragraphs,
                      signature=[app.agency.name], date=chinese_date(issued_on))
    return docx_bytes(doc), pdf_bytes(doc_html(doc))
