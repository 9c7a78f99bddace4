"""Readers: turn a published report file (plain text, HTML, DOCX, PDF) into one token stream.

Every reader yields the same ``Token`` s in reading order: ``line`` (a paragraph or a line of text
outside tables), ``cell`` (a table cell's text, markup and in-label line breaks removed), ``blank``
(an empty table cell, so a blank stays distinguishable from 0) and ``eor`` (end of a table row, when
the source knows it). Text copied from web pages has its tables flattened one cell per line, or rows
with ``|`` (or tab) separators, which become cells. Merged cells appear once (rowspan/colspan are not
expanded: group labels need no repetition). The parser never needs to know which reader ran.
A file that cannot be decoded raises ``UnreadableFile`` with a zh message naming the reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

TokenKind = Literal["line", "cell", "blank", "eor"]


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str = ""


EOR = Token("eor")
BLANK = Token("blank")


class UnreadableFile(Exception):
    """The file cannot be read as a report (binary garbage, broken DOCX/PDF, unknown encoding)."""


# --- plain text ---------------------------------------------------------------------------------------

_PIPE_RE = re.compile(r"[|｜]")


def decode_text(raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise UnreadableFile("不是文本文件（含二进制内容）")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        bad = sum(1 for ch in text[:4000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
        if bad > 8:
            raise UnreadableFile("不是文本文件（控制字符过多）")
        return text
    raise UnreadableFile("无法识别的文字编码（既不是 UTF-8 也不是 GB18030）")


def read_text(text: str) -> list[Token]:
    out: list[Token] = []
    for raw_line in text.splitlines():
        line = raw_line.replace("\u00a0", " ").strip(" \r\n\u3000\ufeff")
        if not line.strip():
            continue
        if _PIPE_RE.search(line) and len(_PIPE_RE.split(line)) < 3:
            # "规章 |": one cell per line with a stray border (tables copied from some sites).
            line = _PIPE_RE.sub("", line).strip()
            if not line:
                continue
        pipes = bool(_PIPE_RE.search(line)) and len(_PIPE_RE.split(line)) >= 3
        if pipes or "\t" in line.strip():
            if pipes:
                parts = _PIPE_RE.split(line.strip())
                # "| a | b |": the outer borders are not cells.
                if parts and not parts[0].strip():
                    parts = parts[1:]
                if parts and not parts[-1].strip():
                    parts = parts[:-1]
            else:
                parts = line.lstrip("\t").split("\t")
            for p in parts:
                p = p.strip()
                out.append(Token("cell", p) if p else BLANK)
            out.append(EOR)
        else:
            out.append(Token("line", line.strip()))
    return out


# --- HTML ---------------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
    "footer", "main", "aside", "blockquote", "pre", "dd", "dt", "dl", "form", "center", "title", "caption",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "iframe", "svg", "button", "select", "option"}


def _cell_text(node: Any) -> str:
    # Labels are broken with <br /> in published HTML (spec §0.2): join the pieces without a space.
    parts: list[str] = []
    for s in node.descendants:
        parent = getattr(s, "parent", None)
        if isinstance(s, str) and parent is not None and parent.name not in _SKIP_TAGS:
            parts.append(str(s))
    return re.sub(r"\s+", " ", "".join(parts).replace("\u00a0", " ")).strip()


def read_html(content: bytes | str) -> list[Token]:
    from bs4 import BeautifulSoup, NavigableString, Tag

    if isinstance(content, bytes):
        soup = BeautifulSoup(content, "lxml")  # lxml sniffs <meta charset>
    else:
        soup = BeautifulSoup(content, "lxml")
    out: list[Token] = []
    buf: list[str] = []

    def flush() -> None:
        text = re.sub(r"[ \t\r\f\v\u00a0\u3000]+", " ", "".join(buf))
        for line in text.split("\n"):
            line = line.strip()
            if line:
                out.append(Token("line", line))
        buf.clear()

    def table(node: Tag) -> None:
        for tr in node.find_all("tr"):
            # Only rows of this table, not of a nested one.
            if tr.find_parent("table") is not node:
                continue
            cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
            if not cells:
                continue
            if any(c.find("table") is not None for c in cells):
                # A layout table (whole page laid out in a table): read its cells as page content.
                for c in cells:
                    flush()
                    walk(c)
                    flush()
                continue
            for c in cells:
                text = _cell_text(c)
                out.append(Token("cell", text) if text else BLANK)
            out.append(EOR)

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"):
                    continue
                buf.append(str(child).replace("\n", " "))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in _SKIP_TAGS:
                continue
            if name == "br":
                buf.append("\n")
            elif name == "table":
                flush()
                table(child)
            elif name in _BLOCK_TAGS or name == "tr":
                buf.append("\n")
                walk(child)
                buf.append("\n")
            else:
                walk(child)

    walk(soup.body or soup)
    flush()
    return out


# --- DOCX ---------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w_text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(f"{_W}t"))


def read_docx(content: bytes) -> list[Token]:
    try:
        import docx

        document = docx.Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise UnreadableFile(f"无法打开 DOCX 文件（{type(exc).__name__}）") from exc
    out: list[Token] = []

    def tbl(el: Any) -> None:
        for tr in el.iter(f"{_W}tr"):
            for tc in tr.findall(f"{_W}tc"):
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                if vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue"):
                    continue  # continuation of a vertically merged cell: drawn once
                text = "".join(_w_text(p) for p in tc.findall(f"{_W}p")).strip()
                out.append(Token("cell", text) if text else BLANK)
            out.append(EOR)

    for el in document.element.body.iterchildren():
        if el.tag == f"{_W}p":
            text = _w_text(el).strip()
            if text:
                out.append(Token("line", text))
        elif el.tag == f"{_W}tbl":
            tbl(el)
    return out


# --- PDF ----------------------------------------------------------------------------------------------

def read_pdf(content: bytes) -> list[Token]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(content))
    except Exception as exc:
        raise UnreadableFile(f"无法打开 PDF 文件（{type(exc).__name__}）") from exc
    out: list[Token] = []
    try:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                if obj.get("object_type") != "char":
                    return True
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

            items: list[tuple[float, list[Token]]] = []
            text_page = page.filter(outside) if boxes else page
            for line in text_page.extract_text_lines(layout=False, strip=True):
                if line["text"].strip():
                    items.append((line["top"], [Token("line", line["text"].strip())]))
            for t in tables:
                toks: list[Token] = []
                for row in t.extract():
                    for cell in row:
                        if cell is None:
                            continue  # covered by a merged cell
                        text = re.sub(r"\s*\n\s*", "", cell).strip()
                        toks.append(Token("cell", text) if text else BLANK)
                    toks.append(EOR)
                items.append((t.bbox[1], toks))
            items.sort(key=lambda it: it[0])
            for _top, toks in items:
                out.extend(toks)
    except UnreadableFile:
        raise
    except Exception as exc:
        raise UnreadableFile(f"PDF 内容无法解析（{type(exc).__name__}）") from exc
    finally:
        pdf.close()
    return out


# --- dispatch -----------------------------------------------------------------------------------------

Kind = Literal["text", "html", "docx", "pdf"]


def sniff(name: str, head: bytes) -> Kind:
    suffix = Path(name).suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in (".html", ".htm", ".shtml", ".xhtml"):
        return "html"
    lowered = head[:2048].lower()
    if lowered.lstrip().startswith((b"<!doctype html", b"<html")) or b"<table" in lowered or b"<body" in lowered:
        return "html"
    return "text"


def read_bytes(name: str, content: bytes) -> tuple[Kind, list[Token]]:
    kind = sniff(name, content[:4096])
    if not content.strip():
        raise UnreadableFile("文件为空")
    if kind == "pdf":
        return kind, read_pdf(content)
    if kind == "docx":
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise UnreadableFile("不是有效的 DOCX 文件（压缩包损坏）")
        return kind, read_docx(content)
    if kind == "html":
        return kind, read_html(content)
    return kind, read_text(decode_text(content))


def read_path(path: str | Path) -> tuple[Kind, list[Token]]:
    p = Path(path)
    try:
        content = p.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"无法读取文件（{exc.strerror or type(exc).__name__}）") from exc
    return read_bytes(p.name, content)


def texts(tokens: list[Token]) -> Iterator[str]:
    for t in tokens:
        if t.text:
            yield t.text
