"""Readers: turn a published report file (plain text, HTML, DOCX, PDF) into one token stream.

Every reader yields the same ``Token`` s in reading order: ``line`` (a paragraph or a line of text
outside tables), ``cell`` (a table cell's text, markup and in-label line breaks removed), ``blank``
(an empty table cell, so a blank stays distinguishable from 0) and ``eor`` (end of a table row, when
the source knows it). Text copied from web pages has its tables flattened one cell per line, or rows
with ``|`` (or tab) separators, which become cells. Merged cells appear once (rowspan/colspan are not
expanded: group labels need no repetition). The parser never needs to know which reader ran.
A file that cannot be decoded raises ``UnreadableFile`` with a zh message naming the reason.

Untrusted input is bounded here (docs/ingest.md "Limits"): files are read in 1 MiB chunks up to
``MAX_FILE_BYTES`` (``MAX_TEXT_BYTES`` for text and HTML), DOCX packages pass
``gongkai.core.archives.check_zip`` and PDFs ``check_pdf_streams`` before their libraries open them,
PDFs are read up to ``MAX_PDF_PAGES`` pages within ``PDF_TIME_BUDGET_SECONDS``, all text together is
capped at ``MAX_CHARS`` characters, and HTML of any nesting depth is walked without recursion. Text is
decoded by BOM (UTF-8, UTF-16, UTF-32), then UTF-16 without BOM by its NUL pattern, then UTF-8, then
GB18030 (a superset of GBK and GB2312); anything else is refused with a message saying so.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from gongkai.core.archives import ArchiveRejected, check_pdf_streams, check_zip

TokenKind = Literal["line", "cell", "blank", "eor"]


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    text: str = ""


EOR = Token("eor")
BLANK = Token("blank")


class UnreadableFile(Exception):
    """The file cannot be read as a report (binary garbage, broken DOCX/PDF, unknown encoding)."""


# --- limits -------------------------------------------------------------------------------------------

MiB = 1024 * 1024
# Largest file read at all: a report PDF with scanned pages; the staff import refuses the same size.
MAX_FILE_BYTES = 30 * MiB
# Text and HTML: a published report is well under 1 MB, and decoding plus tokenising costs several
# times the file size in memory (a 200 MB text file took 1.6 GB before this cap).
MAX_TEXT_BYTES = 8 * MiB
# All token text together; a 60-page report has about 100,000 characters.
MAX_CHARS = 2_000_000
# HTML elements: BeautifulSoup keeps about 1 KB per element, so 8 MB of "<div>" took 1.9 GB; 100,000
# elements cost ~140 MB and 7 s, and a report page has a few thousand.
MAX_HTML_TAGS = 100_000
# PDF: pages read, and wall time checked between pages (one page is never interrupted).
MAX_PDF_PAGES = 300
PDF_TIME_BUDGET_SECONDS = 60.0
_READ_CHUNK = 1 * MiB


def _mb(n: int) -> str:
    return f"{n / MiB:.1f} MB" if n >= MiB else f"{n / 1024:.0f} KB"


def _too_big(size: int, cap: int, what: str = "文件") -> UnreadableFile:
    return UnreadableFile(f"{what}大小 {_mb(size)}，超过上限 {_mb(cap)}，未读取")


class _CharBudget:
    """Counts extracted characters and refuses past ``MAX_CHARS``, so a reader stops early."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = MAX_CHARS if limit is None else limit
        self.used = 0

    def add(self, text: str) -> str:
        self.used += len(text)
        if self.used > self.limit:
            raise UnreadableFile(f"文字内容超过 {self.limit // 10000} 万字，不像一份年度报告，未读取")
        return text


# --- plain text ---------------------------------------------------------------------------------------

_PIPE_RE = re.compile(r"[|｜]")


_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _plausible(text: str) -> float:
    """Share of characters a Chinese report is made of (ASCII, CJK, CJK and full-width punctuation)."""
    if not text:
        return 0.0
    ok = 0
    for ch in text:
        cp = ord(ch)
        if (0x20 <= cp < 0x7F or ch in "\r\n\t\f" or 0x4E00 <= cp <= 0x9FFF or 0x3000 <= cp <= 0x303F
                or 0xFF00 <= cp <= 0xFFEF or 0x2000 <= cp <= 0x206F or 0x3400 <= cp <= 0x4DBF or cp in (0xA0, 0xB7)):
            ok += 1
    return ok / len(text)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM, told by its NULs and then by reading: the ASCII in a report (digits, line
    breaks) leaves NULs in the bytes, and only the right byte order turns the rest into Chinese text.
    (Counting NULs per parity alone misleads: common characters such as 一 U+4E00 end in 00.) Binary
    files have NULs too, but neither order reads as text."""
    head = head[: len(head) - len(head) % 2]
    units = len(head) // 2
    if units < 4 or head.count(0) < max(2, units // 50):
        return None
    best, score = None, 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        sample = head.decode(codec, "replace")
        plausible = _plausible(sample)
        if plausible > score:
            best, score = codec, plausible
    return best if score >= 0.9 else None


def detect_encoding(raw: bytes) -> tuple[str, str] | None:
    """(codec, label) when a BOM or the UTF-16 NUL pattern names the encoding; None to try UTF-8/GB18030."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            return codec, label
    utf16 = _utf16_without_bom(raw[:4096])
    if utf16 is not None:
        return utf16, "UTF-16"
    return None


def _looks_like_text(text: str) -> None:
    bad = sum(1 for ch in text[:4000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    if bad > 8:
        raise UnreadableFile("不是文本文件（控制字符过多）")


def decode_text(raw: bytes) -> str:
    if len(raw) > MAX_TEXT_BYTES:
        raise _too_big(len(raw), MAX_TEXT_BYTES, "文本文件")
    found = detect_encoding(raw)
    if found is not None:
        codec, label = found
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                f"文件看起来是 {label} 编码，但内容无法按 {label} 读取（文件可能不完整或已损坏）") from exc
        _looks_like_text(text)
        return text.lstrip("\ufeff")
    if b"\x00" in raw[:4096]:
        raise UnreadableFile("不是文本文件（含二进制内容）")
    for enc in ("utf-8", "gb18030"):  # GB18030 also reads GBK and GB2312
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        _looks_like_text(text)
        return text
    raise UnreadableFile("无法识别的文字编码：支持 UTF-8、GBK/GB18030、UTF-16，请另存为 UTF-8 后再导入")


_FIGURE_LINE_RE = re.compile(r"^[+\-−－]?\d[\d,.]*\s*[|｜]?$")
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+")
_PIPES_ONLY_RE = re.compile(r"^[|｜](?:\s*[|｜])+$")
_TRAILING_CELL_RE = re.compile(r"^[^|｜]+[|｜]$")
_MD_RULE_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


_PAGE_NUMBER_RE = re.compile(r"^(?:[—\-－–]\s*\d{1,4}\s*[—\-－–]|P\.\s*\d{1,4}|第\s*\d{1,4}\s*页)$")
_CJK_PUNCT_RE = re.compile(r"[，。；：、,;:！？（）()]")
_NUMBER_WORD_RE = re.compile(r"^[+\-−－]?\d[\d,.]*$")


def _tableish(text: str) -> bool:
    """A table header or row printed as words: "行政复议 行政诉讼", "行政事业性收费 96171.6" (no punctuation,
    words apart, the last a figure or all of them short)."""
    parts = text.split()
    if len(parts) < 2 or _CJK_PUNCT_RE.search(text):
        return False
    return bool(_NUMBER_WORD_RE.match(parts[-1])) or all(len(p) <= 8 for p in parts)


def _width(text: str) -> int:
    """Printed width: a CJK character (or any wide or full-width one) takes two columns, ASCII one."""
    return len(text) + sum(1 for ch in text if ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF")


def _unwrap_text(lines: list[str]) -> list[str]:
    """Text taken from a PDF (pdftotext, PDF→Markdown) keeps the page's line breaks inside sentences:
    "…通过部门网站当年发布政府信息 393 件，其中包" ⏎ "括：行政规范性文件 13 件…". Such text shows itself by
    many lines of one printed width (the text block's); a line of about that width that does not end a
    sentence is joined with the next (a page number between the two halves, "— 2 —", is dropped), unless
    either is a table row or the next opens a numbered heading or row. Text from web pages, whose lines are
    paragraphs of every length, is left as it is."""
    widths = Counter(w for ln in lines if not _PIPE_RE.search(ln) and (w := _width(ln.strip())) >= 30)
    if not widths:
        return lines
    # The block's width: the one most lines come close to (spaced figures make a wrapped line a little
    # shorter or longer than the rest).
    near = {w: sum(n for v, n in widths.items() if w - 4 <= v <= w + 2) for w in widths}
    block = max(near, key=lambda w: (near[w], w))
    if near[block] < 8 or near[block] < 0.3 * sum(widths.values()):
        return lines

    def wraps(t: str) -> bool:
        return (block - 6 <= _width(t) <= block + 4 and not t.endswith(_SENTENCE_END)
                and not _PIPE_RE.search(t) and not _spaced_figures(t) and not _tableish(t))

    out: list[str] = []
    joining = False
    for ln in lines:
        t = ln.strip(" \r\n\u3000\ufeff\u00a0")
        if joining and _PAGE_NUMBER_RE.match(t):
            continue
        if (joining and not _PIPE_RE.search(t) and not _ROW_START_RE.match(t) and not _spaced_figures(t)
                and not _MD_HEADING_RE.match(t) and not _tableish(t)):
            out[-1] = out[-1].rstrip() + t
        else:
            out.append(ln)
        joining = wraps(t)
    return out


def read_text(text: str) -> list[Token]:
    out: list[Token] = []
    trailing = False  # the last line was one cell closed by its border ("3 |")
    raw_lines = _unwrap_text([x for x in text.splitlines() if x.strip(" \r\n\u3000\ufeff\u00a0")])
    for n, raw_line in enumerate(raw_lines):
        line = raw_line.replace("\u00a0", " ").strip(" \r\n\u3000\ufeff")
        if not line.strip():
            continue
        if line in ("|", "｜") and n > 0 and (_TRAILING_CELL_RE.match(raw_lines[n - 1].strip()) or (
                raw_lines[n - 1].strip() in ("|", "｜") and out and out[-1] is BLANK)):
            # "一、本年新收政府信息公开申请数量 |" ⏎ "|" ⏎ "|" … ⏎ "0 |": one cell per line, each closed by its own
            # border, so a line holding only a border is an empty cell (某区统计局 2023: 总计 after six empty cells).
            out.append(BLANK)
            trailing = True
            continue
        if (line in ("|", "｜") and n + 1 < len(raw_lines) and raw_lines[n + 1].strip() in ("|", "｜")
                and n > 0 and _FIGURE_LINE_RE.match(raw_lines[n - 1].strip())):
            # "0" ⏎ "0" ⏎ "|" ⏎ "|": one cell per line, each row closed by a lone border — a border before the
            # closing one is an empty cell (汉阳区 2022's 规章 现行有效件数, printed empty).
            out.append(BLANK)
            continue
        line = _MD_HEADING_RE.sub("", line)  # "## 四、…", "### 行政复议": Markdown heading marks are no text
        if trailing and _PIPES_ONLY_RE.match(line):
            # "3 |" ⏎ "3 |" ⏎ "|||||||": after cells closed by their own border, a line of bare borders ends
            # the row; its empty cells are marked (text "|") so the parser never lets them stand for columns
            # the printed cells did not reach (the publisher dropped empty cells: positions are lost).
            out.extend(Token("blank", "|") for _ in range(len(_PIPE_RE.findall(line)) - 1))
            out.append(EOR)
            trailing = False
            continue
        trailing = bool(_TRAILING_CELL_RE.match(line))
        if _PIPE_RE.search(line) and len(_PIPE_RE.split(line)) < 3:
            # "规章 |": one cell per line with a stray border (tables copied from some sites).
            line = _PIPE_RE.sub("", line).strip()
            if not line:
                continue
        pipes = bool(_PIPE_RE.search(line)) and len(_PIPE_RE.split(line)) >= 3
        if pipes and _MD_RULE_RE.match(line.strip()):
            continue  # a Markdown table's alignment row ("|---|:---:|"): no cells
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
            head = parts[0].strip() if parts else ""
            if _is_prose(head):
                # "保定市徐水区交通运输局 2021年度…报告 根据…。…二、主动公开政府信息情况 第二十条第(一)项 | 信息内容"
                # (徐水区交通运输局 2021, the whole page on one line): the prose before the first border is no cell.
                parts = parts[1:]
                cap = _CAPTION_END_RE.search(head)
                if cap is not None:
                    # "…二、主动公开政府信息情况 第二十条第(一)项 | 信息内容 | …": the first block's caption is a cell.
                    head = head[:cap.start()].strip()
                    parts = [cap.group(0).strip(), *parts]
                out.append(Token("line", head))
            tail = parts[-1].strip() if parts and _is_prose(parts[-1].strip()) else None
            for p in parts[:-1] if tail is not None else parts:
                p = p.strip()
                out.append(Token("cell", p) if p else BLANK)
            out.append(EOR)
            if tail is not None:
                out.append(Token("line", tail))  # the prose after the last border
        else:
            out.append(Token("line", line.strip()))
    if raw_lines and raw_lines[-1].strip() in ("|", "｜") and out and out[-1].kind != "eor":
        out.append(EOR)  # the text ends with a row's closing border: its last figure is whole, not cut
    return out


_CAPTION_END_RE = re.compile(r"\s*第[一二三四五六七八九十]+条第[(（][一二三四五六七八九十]+[)）]项$")


def _is_prose(text: str) -> bool:
    """Sentences, not a cell: a long stretch with a full stop (a label's remark has commas, never 。)."""
    return len(text) >= 80 and "。" in text


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


_TAG_RE = re.compile(rb"<[A-Za-z]")


def _own(node: Any, wanted: set[str], stop: set[str]) -> list[Any]:
    """Descendant elements named in ``wanted``, in document order, without entering ``wanted`` or ``stop``
    elements (the rows of a table but not of the tables nested in it; the cells of a row). Iterative."""
    from bs4 import Tag

    found: list[Any] = []
    stack = [c for c in reversed(list(node.children)) if isinstance(c, Tag)]
    while stack:
        el = stack.pop()
        if el.name in wanted:
            found.append(el)
        elif el.name not in stop:
            stack.extend(c for c in reversed(list(el.children)) if isinstance(c, Tag))
    return found


def read_html(content: bytes | str) -> list[Token]:
    from bs4 import BeautifulSoup, NavigableString, Tag

    raw = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    if len(raw) > MAX_TEXT_BYTES:
        raise _too_big(len(raw), MAX_TEXT_BYTES, "网页文件")
    for tags, _m in enumerate(_TAG_RE.finditer(raw), start=1):  # counted before parsing, stops at the cap
        if tags > MAX_HTML_TAGS:
            raise UnreadableFile(f"网页元素超过 {MAX_HTML_TAGS} 个，不像一份年度报告网页，未读取")
    try:
        soup = BeautifulSoup(content, "lxml")  # lxml sniffs <meta charset>
    except (ValueError, LookupError, RecursionError) as exc:
        raise UnreadableFile("网页内容无法解析（结构损坏或编码声明无效）") from exc
    budget = _CharBudget()
    out: list[Token] = []
    buf: list[str] = []

    def flush() -> None:
        text = re.sub(r"[ \t\r\f\v\u00a0\u3000]+", " ", "".join(buf))
        for line in text.split("\n"):
            line = line.strip()
            if line:
                out.append(Token("line", budget.add(line)))
        buf.clear()

    # The page is walked with an explicit stack, never by recursion: published pages nest <div>s or
    # layout tables a thousand deep, which overflowed Python's recursion limit (a 500 on upload).
    # Each stack entry yields the nodes still to visit at one level; text is emitted as it is met.
    def block(node: Tag) -> Iterator[Any]:
        buf.append("\n")
        yield from node.children
        buf.append("\n")

    # Elements with a <table> somewhere inside, found in one pass (each table marks its ancestors until one
    # is already marked): cells of layout tables are told apart without searching every subtree again,
    # which made a thousand nested tables take minutes.
    holds_table: set[int] = set()
    for inner in soup.find_all("table"):
        up = inner.parent
        while up is not None and id(up) not in holds_table:
            holds_table.add(id(up))
            up = up.parent

    def table(node: Tag) -> Iterator[Any]:
        flush()
        for tr in _own(node, {"tr"}, {"table"}):  # rows of this table, not of a nested one
            cells = _own(tr, {"td", "th"}, {"table", "tr"})
            if not cells:
                continue
            if any(id(c) in holds_table for c in cells):
                # A layout table (whole page laid out in a table): read its cells as page content.
                for c in cells:
                    flush()
                    yield from c.children
                    flush()
                continue
            for c in cells:
                text = _cell_text(c)
                out.append(Token("cell", budget.add(text)) if text else BLANK)
            out.append(EOR)

    stack: list[Iterator[Any]] = [iter((soup.body or soup).children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
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
            stack.append(table(child))
        elif name in _BLOCK_TAGS or name == "tr":
            stack.append(block(child))
        else:
            stack.append(iter(child.children))
    flush()
    return out


# --- DOCX ---------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w_text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(f"{_W}t"))


def read_docx(content: bytes) -> list[Token]:
    try:
        # Before python-docx: it holds every part in memory and parses XML parts whole (zip bombs).
        check_zip(content, what="DOCX")
    except ArchiveRejected as exc:
        raise UnreadableFile(str(exc)) from exc
    try:
        import docx

        document = docx.Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise UnreadableFile("无法打开 DOCX 文件：文件已损坏，或不是 Word 文档（.doc 请另存为 .docx）") from exc
    budget = _CharBudget()
    out: list[Token] = []

    def tbl(el: Any) -> None:
        for tr in el.iter(f"{_W}tr"):
            for tc in tr.findall(f"{_W}tc"):
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                if vmerge is not None and vmerge.get(f"{_W}val") in (None, "continue"):
                    continue  # continuation of a vertically merged cell: drawn once
                text = "".join(_w_text(p) for p in tc.findall(f"{_W}p")).strip()
                out.append(Token("cell", budget.add(text)) if text else BLANK)
            out.append(EOR)

    for el in document.element.body.iterchildren():
        if el.tag == f"{_W}p":
            text = _w_text(el).strip()
            if text:
                out.append(Token("line", budget.add(text)))
        elif el.tag == f"{_W}tbl":
            tbl(el)
    return out


# --- PDF ----------------------------------------------------------------------------------------------

@dataclass
class PdfReading:
    tokens: list[Token]
    ocr_pages: tuple[int, ...] = ()  # pages (1-based) without a text layer, read by OCR
    ocr_seconds: float = 0.0


def read_pdf(content: bytes) -> list[Token]:
    return read_pdf_pages(content).tokens


_SENTENCE_END = tuple("。！？；：:;!?")
_ROW_START_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])")


def _unwrap_lines(lines: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """A text PDF's prose wraps at the right margin: "…全年共受理政府信息公开申请 749" ⏎ "件，其中…" is one line of
    the published paragraph. A line that reaches the page's right text edge and does not end a sentence is
    joined with the next, unless either is a table row (figures spaced apart) or the next opens a numbered
    heading or row ("二、", "（三）", "3."). Returns (top, text) per line after joining."""
    if not lines:
        return []
    right = max(float(ln["x1"]) for ln in lines)
    left = min(float(ln["x0"]) for ln in lines)
    slack = max(24.0, (right - left) * 0.05)  # a wrap leaves up to two characters of room (。 never opens a line)
    out: list[tuple[float, str]] = []
    wrapped = False
    for ln in lines:
        text = str(ln["text"]).strip()
        if wrapped and out and not _ROW_START_RE.match(text) and not _spaced_figures(text):
            top, prev = out[-1]
            out[-1] = (top, prev + text)
        else:
            out.append((float(ln["top"]), text))
        wrapped = (float(ln["x1"]) >= right - slack and not text.endswith(_SENTENCE_END)
                   and not _spaced_figures(text) and len(text) >= 20)
    return out


def _spaced_figures(text: str) -> bool:
    """A table row printed as text: it ends with three or more figures separated by spaces (prose that
    spaces its numbers, "申请 741 件，…申请 8 件", does not)."""
    run = 0
    for part in reversed(text.split()):
        if not part.replace(".", "", 1).isdigit():
            break
        run += 1
    return run >= 3


def read_pdf_pages(content: bytes, *, ocr_seconds: float | None = None) -> PdfReading:
    """The PDF's tokens page by page; a page without a text layer (a scan) is read by OCR (``ocr.py``) within
    ``ocr_seconds`` (default ``ocr.OCR_TIME_BUDGET_SECONDS``; web requests pass ``ocr.WEB_OCR_SECONDS``)."""
    import pdfplumber

    from gongkai.ingest import ocr

    try:
        # pdfminer inflates each Flate stream in one call; refuse streams that inflate beyond the limits first.
        check_pdf_streams(content)
    except ArchiveRejected as exc:
        raise UnreadableFile(str(exc)) from exc
    try:
        pdf = pdfplumber.open(io.BytesIO(content))
    except Exception as exc:
        raise UnreadableFile("无法打开 PDF 文件：文件已损坏、不完整或已加密") from exc
    budget_chars = _CharBudget()
    deadline = time.monotonic() + PDF_TIME_BUDGET_SECONDS
    out: list[Token] = []
    ocr_pages: list[int] = []
    budget: ocr.OcrBudget | None = None
    rendered: Any = None
    try:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise UnreadableFile(f"PDF 共 {len(pdf.pages)} 页，超过上限 {MAX_PDF_PAGES} 页，未读取")
        for page in pdf.pages:
            if time.monotonic() > deadline:
                raise UnreadableFile(
                    f"PDF 读取超过 {PDF_TIME_BUDGET_SECONDS:.0f} 秒仍未完成（第 {page.page_number} 页），已停止")
            if len(page.chars) < ocr.TEXT_LAYER_MIN_CHARS and page.images:
                # A scan: no text layer, an image. OCR has its own page and time budget (it is ~100x slower).
                if budget is None:
                    budget = ocr.OcrBudget.start(ocr_seconds)
                    import pypdfium2

                    rendered = pypdfium2.PdfDocument(content)
                spent = budget.seconds
                for _y, scanned in ocr.ocr_page(rendered[page.page_number - 1], page.page_number, budget):
                    for kind, text in scanned:
                        out.append(EOR if kind == "eor" else BLANK if kind == "blank"
                                   else Token("cell" if kind == "cell" else "line", budget_chars.add(text)))
                ocr_pages.append(page.page_number)
                deadline += budget.seconds - spent  # OCR time counts against the OCR budget, not the text one
                page.close()
                continue
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
            lines = [ln for ln in text_page.extract_text_lines(layout=False, strip=True) if ln["text"].strip()]
            for top, text in _unwrap_lines(lines):
                items.append((top, [Token("line", budget_chars.add(text))]))
            for t in tables:
                toks: list[Token] = []
                for row in t.extract():
                    for cell in row:
                        if cell is None:
                            continue  # covered by a merged cell
                        text = re.sub(r"\s*\n\s*", "", cell).strip()
                        toks.append(Token("cell", budget_chars.add(text)) if text else BLANK)
                    toks.append(EOR)
                items.append((t.bbox[1], toks))
            items.sort(key=lambda it: it[0])
            for _top, toks in items:
                out.extend(toks)
            page.close()  # drop the page's cached layout objects: memory stays per page, not per file
    except UnreadableFile:
        raise
    except (ocr.OcrUnavailable, ocr.OcrFailed) as exc:
        raise UnreadableFile(str(exc)) from exc
    except Exception as exc:
        raise UnreadableFile("PDF 内容无法解析：文件已损坏或使用了不支持的结构") from exc
    finally:
        pdf.close()
        if rendered is not None:
            rendered.close()
    return PdfReading(out, tuple(ocr_pages), budget.seconds if budget is not None else 0.0)


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


def size_cap(kind: Kind) -> int:
    """The largest file of this kind that is read (bytes)."""
    return MAX_TEXT_BYTES if kind in ("text", "html") else MAX_FILE_BYTES


# Characters only traditional script uses, common in reports (報告, 開, 條例, 請, 會, 為 …): a page converted
# to traditional by a mirror (or published so) is read through OpenCC t2s, so labels and keywords match.
_TRAD_ONLY = frozenset(
    "報開條請會為與國議訟訴復況進務規範統檢獲護項單處問還業綜眾員認識夠內過實際計劃總結類動態機構設對應關"
    "係辦廳區縣鎮鄉門網電話號級書記體發經濟數據歷審證權責詢導頁覽產費減見監嚴專資貫徹轉變場點線標廣東萬兩"
    "參從來舉時間檔館說論將學習讀寫優勢環節強調達紀錄執購義樂滿觀協興續聯隨後麼著並幾備彙圖價額補貼災術頭"
    "訪談聞聽屬個職擇陳質"
)
# "報(bào)告": pinyin a mirror put after characters.
_PINYIN_RE = re.compile(r"\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")
_t2s: Any = None


def to_simplified(tokens: list[Token]) -> list[Token]:
    """Tokens in traditional script converted to simplified (and mirror pinyin removed); others untouched."""
    sample = "".join(t.text for t in tokens[:400])
    trad = sum(1 for ch in sample if ch in _TRAD_ONLY)
    pinyin = len(_PINYIN_RE.findall(sample)) >= 3
    if trad < 12 and not pinyin:
        return tokens
    taiwan = any(w in sample for w in _TW_MARKERS)
    global _t2s
    if trad >= 12 and _t2s is None:
        from opencc_purepy import OpenCC

        _t2s = OpenCC("t2s")
    out: list[Token] = []
    for t in tokens:
        if not t.text:
            out.append(t)
            continue
        text = _PINYIN_RE.sub("", t.text) if pinyin else t.text
        if trad >= 12:
            text = _t2s.convert(text)
            if taiwan:
                text = _TW_WORDS_RE.sub(lambda m: _TW_WORDS[m.group(0)], text)
        out.append(Token(t.kind, text))
    return out


# A mirror that converted a mainland page with Taiwan's words (資訊, 網路, 檔案 for 文件): the words go back, so
# that "規範性檔案" reads as the form's 规范性文件 (武汉市生态环境局 2020 on a wiki mirror). 档案 stays where it means
# archives.
_TW_MARKERS = ("資訊", "網路", "軟體", "規範性檔案", "公開檔案")
_TW_WORDS = {"资讯": "信息", "网路": "网络", "档案": "文件", "软体": "软件"}
_TW_WORDS_RE = re.compile(r"资讯|网路|软体|档案(?!馆|局|法|管理|室|工作|资料|整理|归档|查阅|利用)")


@dataclass
class Document:
    """One file read: its kind, its tokens, and the PDF pages read by OCR (their figures need the rules)."""

    kind: Kind
    tokens: list[Token]
    ocr_pages: tuple[int, ...] = ()
    ocr_seconds: float = 0.0


def read_document(name: str, content: bytes, *, ocr_seconds: float | None = None) -> Document:
    doc = _read_bytes(name, content, ocr_seconds=ocr_seconds)
    doc.tokens = to_simplified(doc.tokens)
    return doc


def read_bytes(name: str, content: bytes) -> tuple[Kind, list[Token]]:
    doc = read_document(name, content)
    return doc.kind, doc.tokens


def _read_bytes(name: str, content: bytes, *, ocr_seconds: float | None = None) -> Document:
    kind = sniff(name, content[:4096])
    if len(content) > size_cap(kind):
        raise _too_big(len(content), size_cap(kind))
    if not content.strip():
        raise UnreadableFile("文件为空")
    if kind == "pdf":
        pdf = read_pdf_pages(content, ocr_seconds=ocr_seconds)
        return Document(kind, pdf.tokens, pdf.ocr_pages, pdf.ocr_seconds)
    if kind == "docx":
        return Document(kind, read_docx(content))
    if kind == "html":
        return Document(kind, read_html(content))
    text = decode_text(content)
    if not text.strip():
        raise UnreadableFile("文件为空")
    if len(text) > MAX_CHARS:
        raise UnreadableFile(f"文字内容超过 {MAX_CHARS // 10000} 万字，不像一份年度报告，未读取")
    return Document(kind, read_text(text))


_OS_ERRORS: dict[int, str] = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "是目录，不是文件",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "发生输入输出错误",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.EEXIST: "文件已存在",
}


def os_error_reason(exc: OSError) -> str:
    """A Chinese reason for an operating-system error (the English strerror never reaches users)."""
    return _OS_ERRORS.get(exc.errno or 0, "系统错误")


def os_error_message(exc: OSError, what: str = "文件") -> str:
    return f"无法读取{what}：{os_error_reason(exc)}"


def read_file(path: str | Path) -> bytes:
    """The bytes of ``path``, read in 1 MiB chunks and refused as soon as they pass the size cap of their
    kind (so a 200 MB text file, a device such as /dev/zero or a file growing while read costs at most
    one chunk more than the cap). Directories, devices, pipes and sockets are refused without reading."""
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            os.listdir(p)  # raises for an unreadable directory, which is why a batch names it
            raise UnreadableFile("是目录，不是文件")
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile("不是普通文件（设备、管道或套接字），未读取")
        with p.open("rb") as fh:
            head = fh.read(4096)
            cap = size_cap(sniff(p.name, head))
            if st.st_size > cap:
                raise _too_big(st.st_size, cap)
            chunks, total = [head], len(head)
            while chunk := fh.read(_READ_CHUNK):
                total += len(chunk)
                if total > cap:
                    raise _too_big(total, cap)
                chunks.append(chunk)
    except OSError as exc:
        raise UnreadableFile(os_error_message(exc)) from exc
    except ValueError as exc:  # a NUL byte in the path
        raise UnreadableFile("文件名中含有不允许的字符") from exc
    return b"".join(chunks)


def read_path(path: str | Path) -> tuple[Kind, list[Token]]:
    p = Path(path)
    return read_bytes(p.name, read_file(p))


def texts(tokens: list[Token]) -> Iterator[str]:
    for t in tokens:
        if t.text:
            yield t.text
