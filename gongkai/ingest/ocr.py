"""OCR of scanned PDF pages: page image → ruled table grid and words → the readers' token stream.

A page whose text layer is (almost) empty is a scan. It is rendered with pypdfium2 at ``OCR_DPI``
(300 dpi, fewer when the page is so large that it would pass ``MAX_PAGE_PIXELS``), turned level when it was
scanned crooked (``deskew``: the sharpest horizontal ink profile within ±5°), binarised, and the
ruling lines of its tables are found as long thin runs of dark pixels (regular expressions over each
pixel row and column, no numpy). The lines are removed before the page goes to Debian's ``tesseract``
CLI (``chi_sim``, ``--psm 6``, TSV word boxes; called with an argument list, never a shell, one page per
call with ``OCR_PAGE_TIMEOUT_SECONDS``): the printed rules are what made whole tables unreadable in a first
trial. The lines also give the table structure: each word goes to the grid cell that holds its centre,
cells come out row by row like the HTML reader's (a merged cell once, at its first row), and a cell with
no ink at all is a ``blank`` — so a figure OCR could not read stays absent and is never guessed. Words
outside any cell become ``line`` tokens in reading order. Row labels are snapped to the declared ones
(or placed by the form's row order between two rows read: ``fill_between``). Which figures may be trusted
is decided after parsing, by the form's rules (``gongkai.ingest.pipeline.settle_ocr``): OCR only reads.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

# 300 dpi is what tesseract is trained for; a 2021 Table 3 at 8 pt reads badly at 200 (measured).
OCR_DPI = 300
# An A4 page at 300 dpi is 8.7 million pixels (8.7 MB grey); a larger page is rendered at a lower dpi so that
# one page never costs more than this (pixels, i.e. bytes per grey copy; two or three copies live at once).
MAX_PAGE_PIXELS = 12_000_000
# Pages read by OCR in one file, and the wall time for all of them (checked between pages) and for one page.
# A page took 5–9 s on the shared two-core machine (docs/ingest.md "Scanned PDFs"), so 40 pages fit.
MAX_OCR_PAGES = 40
OCR_TIME_BUDGET_SECONDS = 300.0
# A staff upload or API parse is read inside the web request (gunicorn's worker timeout is 30 s): less time.
WEB_OCR_SECONDS = 20.0
OCR_PAGE_TIMEOUT_SECONDS = 90.0
# A page with fewer characters than this in its text layer has no usable text layer (a page number, a stamp).
TEXT_LAYER_MIN_CHARS = 20
OCR_LANG = "chi_sim"
# The note every figure read from a scanned page carries until the form's rules confirm its table.
OCR_NOTE = "OCR识别，待人工核对"

_DARK = 160  # grey level below which a pixel is ink


class OcrUnavailable(Exception):
    """tesseract (or its chi_sim data) is not installed; the message (Chinese) says how to install it."""


class OcrFailed(Exception):
    """tesseract ran but gave no answer in time or failed; the message (Chinese) says which page."""


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int
    line: tuple[int, int, int]  # tesseract's (block, paragraph, line)

    @property
    def cx(self) -> int:
        return (self.left + self.right) // 2

    @property
    def cy(self) -> int:
        return (self.top + self.bottom) // 2


@dataclass(frozen=True, slots=True)
class Segment:
    """A ruling line: ``pos`` is its y (horizontal) or x (vertical), ``start``–``end`` its extent."""

    pos: int
    start: int
    end: int


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def check_available() -> str:
    """The tesseract executable, or ``OcrUnavailable`` when it or the chi_sim data is missing."""
    exe = tesseract_path()
    if exe is None:
        raise OcrUnavailable("此 PDF 为扫描件（没有文字层），需要 OCR，但本机未安装 tesseract-ocr；"
                             "请由管理员运行 scripts/system-deps.sh 安装 tesseract-ocr 与 tesseract-ocr-chi-sim")
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OcrUnavailable("此 PDF 为扫描件，需要 OCR，但 tesseract 无法运行") from exc
    if OCR_LANG not in out.stdout.decode("utf-8", "replace").split():
        raise OcrUnavailable("此 PDF 为扫描件，需要 OCR，但本机 tesseract 缺少简体中文数据（tesseract-ocr-chi-sim）")
    return exe


# --- page image ---------------------------------------------------------------------------------------

def render_page(page: object, *, dpi: int = OCR_DPI) -> Image:
    """A pypdfium2 page as a grey image at ``dpi``, scaled down to stay under ``MAX_PAGE_PIXELS``."""
    import pypdfium2

    assert isinstance(page, pypdfium2.PdfPage)
    w_pt, h_pt = page.get_size()
    scale = dpi / 72
    pixels = w_pt * scale * h_pt * scale
    if pixels > MAX_PAGE_PIXELS:
        scale *= (MAX_PAGE_PIXELS / pixels) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return bitmap.to_pil().convert("L")
    finally:
        bitmap.close()


def _runs(raw: bytes, width: int, height: int, min_len: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of ``min_len`` or more ink pixels (0) in each row of a 0/255 image."""
    pat = re.compile(rb"\x00{%d,}" % min_len)
    out: list[tuple[int, int, int]] = []
    for y in range(height):
        row = raw[y * width:(y + 1) * width]
        if b"\x00" * min_len not in row:
            continue
        out.extend((y, m.start(), m.end()) for m in pat.finditer(row))
    return out


Run = tuple[int, int, int]


def _segments(runs: Iterable[Run], max_thickness: int) -> tuple[list[Segment], list[Run]]:
    """Runs in neighbouring rows that overlap make one line; only thin ones count (a bold title's stroke is
    thicker than a ruling). Returns the lines (at their middle row) and the runs that belong to them."""
    groups: list[list[tuple[int, int, int]]] = []
    open_: list[list[tuple[int, int, int]]] = []
    for run in sorted(runs):
        y, a, b = run
        hit = None
        for g in open_:
            gy, ga, gb = g[-1]
            if gy >= y - 1 and min(b, gb) - max(a, ga) > 0.5 * min(b - a, gb - ga):
                hit = g
                break
        # Only groups that reached the row above can grow: the open list holds at most two rows' runs.
        open_ = [g for g in open_ if g[-1][0] >= y - 1]
        if hit is None:
            hit = [run]
            groups.append(hit)
            open_.append(hit)
        else:
            hit.append(run)
    lines: list[Segment] = []
    used: list[tuple[int, int, int]] = []
    for g in groups:
        rows = {r[0] for r in g}
        if len(rows) > max_thickness:
            continue
        seg = Segment(sum(rows) // len(rows), min(r[1] for r in g), max(r[2] for r in g))
        used.extend(g)
        # One printed line rendered with a gap (anti-aliasing) comes out as two pieces a row apart: one line.
        for k, other in enumerate(lines):
            if abs(other.pos - seg.pos) <= max_thickness and seg.start <= other.end + 8 and seg.end >= other.start - 8:
                longer = other if other.end - other.start >= seg.end - seg.start else seg
                lines[k] = Segment(longer.pos, min(other.start, seg.start), max(other.end, seg.end))
                break
        else:
            lines.append(seg)
    return lines, used


@dataclass
class Grid:
    horizontal: list[Segment]
    vertical: list[Segment]

    def cell_at(self, x: int, y: int, slack: int = 3) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) of the ruled cell holding (x, y), or None outside every table."""
        above = [s.pos for s in self.horizontal if s.pos < y and s.start - slack <= x <= s.end + slack]
        below = [s.pos for s in self.horizontal if s.pos > y and s.start - slack <= x <= s.end + slack]
        left = [s.pos for s in self.vertical if s.pos < x and s.start - slack <= y <= s.end + slack]
        right = [s.pos for s in self.vertical if s.pos > x and s.start - slack <= y <= s.end + slack]
        if not (above and below and left and right):
            return None
        return max(above), max(left), min(below), min(right)

    def cells(self) -> list[tuple[int, int, int, int]]:
        """Every ruled cell, in reading order (top, then left): a merged cell once, where it starts."""
        ys = sorted({s.pos for s in self.horizontal})
        found: set[tuple[int, int, int, int]] = set()
        for y0, y1 in itertools.pairwise(ys):
            mid = (y0 + y1) // 2
            xs = sorted({s.pos for s in self.vertical if s.start - 3 <= mid <= s.end + 3})
            for x0, x1 in itertools.pairwise(xs):
                cell = self.cell_at((x0 + x1) // 2, mid)
                if cell is not None and cell[2] - cell[0] > 8 and cell[3] - cell[1] > 8:
                    found.add(cell)
        return sorted(found)


# A crooked scan: its rulings are not found unless the page is turned straight first. Angles searched, degrees.
MAX_SKEW = 5.0
MIN_SKEW = 0.05  # below this a ruling drifts less than two pixels across an A4 page at 300 dpi: left as is


def skew_angle(img: Image) -> float:
    """The rotation (degrees, counter-clockwise, as ``Image.rotate`` takes it) that makes the page's lines
    level: the one whose horizontal ink profile is sharpest (rulings and text lines then fall into few rows).
    Searched coarse to fine on a reduced copy, within ±``MAX_SKEW``."""
    from PIL import Image as PILImage

    def ink(im: Image, factor: int) -> Image:
        small = im.reduce(factor) if factor > 1 else im
        return small.point(lambda v: 255 if v < _DARK else 0)

    def sharpness(im: Image, angle: float) -> float:
        turned = im.rotate(angle, resample=PILImage.Resampling.BILINEAR, fillcolor=0)
        profile = turned.resize((1, turned.height), PILImage.Resampling.BOX).tobytes()  # mean ink per row
        return float(sum(v * v for v in profile))

    def sharpest(im: Image, angles: list[float]) -> float:
        scores = [(sharpness(im, a), -abs(a), a) for a in angles]
        return max(scores)[2]

    coarse = ink(img, 4)
    best = sharpest(coarse, [k * 0.5 for k in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)])
    for step, im in ((0.1, coarse), (0.02, ink(img, 2))):
        best = sharpest(im, [best + k * step for k in range(-5, 6)])
    return round(best, 2)


def deskew(img: Image) -> tuple[Image, float]:
    """The page turned level (white where the turn uncovers paper) and the angle used; unchanged when the
    page is already level within ``MIN_SKEW``."""
    from PIL import Image as PILImage

    angle = skew_angle(img)
    if abs(angle) < MIN_SKEW:
        return img, 0.0
    return img.rotate(angle, resample=PILImage.Resampling.BICUBIC, fillcolor=255), angle


def clean_page(img: Image, *, dpi: int = OCR_DPI) -> tuple[Image, Grid]:
    """The page binarised with its ruling lines removed, and the lines as a grid."""
    from PIL import Image as PILImage

    w, h = img.size
    bw = img.point(lambda p: 0 if p < _DARK else 255)
    raw = bw.tobytes()
    # A ruling is at least ~1 cm long and a few pixels thick; a character's stroke at body size is ~3 mm.
    min_len = max(40, dpi * 4 // 10)
    thick = max(4, dpi // 40)
    hlines, hused = _segments(_runs(raw, w, h, min_len), thick)
    traw = bw.transpose(PILImage.Transpose.TRANSPOSE).tobytes()
    vlines, vused = _segments(_runs(traw, h, w, min_len), thick)
    data = bytearray(raw)
    # Two pixels either side go too: the grey edge of a ruling leaves a "|" that OCR reads as a 1.
    for y, a, b in hused:
        for yy in range(max(0, y - 2), min(h, y + 3)):
            data[yy * w + a:yy * w + b] = b"\xff" * (b - a)
    for x, a, b in vused:
        for xx in range(max(0, x - 2), min(w, x + 3)):
            for y in range(a, b):
                data[y * w + xx] = 255
    return PILImage.frombytes("L", (w, h), bytes(data)), Grid(hlines, vlines)


def has_ink(img: Image, box: tuple[int, int, int, int], inset: int = 4) -> bool:
    """Whether the cleaned page has any ink inside ``box`` (top, left, bottom, right), borders left out."""
    top, left, bottom, right = box
    if bottom - top <= 2 * inset or right - left <= 2 * inset:
        return False
    crop = img.crop((left + inset, top + inset, right - inset, bottom - inset))
    lo = crop.getextrema()[0]
    return isinstance(lo, int | float) and lo < _DARK


# --- tesseract ----------------------------------------------------------------------------------------

def run_tesseract(img: Image, *, exe: str, timeout: float, page_no: int) -> list[Word]:
    """Words with their boxes (TSV) from one page image; the image goes through stdin as PNG."""
    import io

    buf = io.BytesIO()
    img.save(buf, "PNG")
    # One thread per call: the machine is shared and pages are read one after another anyway.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", OCR_LANG, "--psm", "6", "--dpi", str(OCR_DPI), "tsv"],
                              input=buf.getvalue(), capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrFailed(f"第 {page_no} 页 OCR 超过 {timeout:.0f} 秒仍未完成，已停止") from exc
    except OSError as exc:
        raise OcrFailed(f"第 {page_no} 页 OCR 无法运行 tesseract") from exc
    if proc.returncode != 0:
        raise OcrFailed(f"第 {page_no} 页 OCR 失败（tesseract 返回 {proc.returncode}）")
    return parse_tsv(proc.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[Word]:
    words: list[Word] = []
    for line in tsv.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 12 or parts[0] != "5":  # level 5 = word
            continue
        text = parts[11].strip()
        if not text:
            continue
        try:
            block, par, ln = int(parts[2]), int(parts[3]), int(parts[4])
            left, top, width, height = (int(p) for p in parts[6:10])
        except ValueError:
            continue
        words.append(Word(text, left, top, left + width, top + height, (block, par, ln)))
    return words


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_HAN = re.compile(r"[\u3400-\u9fff]")  # ideographs only: "。，" read from a figure is not Chinese text


def join_words(words: list[Word]) -> str:
    """Words of one cell or line in reading order; a space only between two non-Chinese words (figures)."""
    out = ""
    prev: Word | None = None
    for w in sorted(words, key=lambda w: (w.line, w.left)):
        if prev is not None and not (_CJK.search(prev.text[-1]) or _CJK.search(w.text[0])):
            out += " "
        out += w.text
        prev = w
    return out


# A value cell of the official tables is narrow (Table 3's columns are 4–6 % of the page width); label and
# group cells are wider (Table 3's group column is 7.9 %). Narrow cells with ink are read again as figures.
NARROW_CELL = 0.07
_FIGURE_RE = re.compile(r"^\d{1,9}(?:\.\d{1,4})?$")


def read_figures(img: Image, cells: list[tuple[int, int, int, int]], *, exe: str, timeout: float
                 ) -> dict[tuple[int, int, int, int], str]:
    """``_figure_strip`` over the cells, then once more over the cells it gave no number for: in a long strip
    tesseract drops a lone thin digit as noise more often than in a short one (measured: "3" in a row of 175)."""
    deadline = time.monotonic() + timeout
    out = _figure_strip(img, cells, exe=exe, timeout=timeout)
    again = [c for c in cells if c not in out]
    if again and len(again) < len(cells) and deadline - time.monotonic() > 1:
        out.update(_figure_strip(img, again, exe=exe, timeout=deadline - time.monotonic()))
    return out


def _figure_strip(img: Image, cells: list[tuple[int, int, int, int]], *, exe: str, timeout: float
                  ) -> dict[tuple[int, int, int, int], str]:
    """Narrow cells read again as figures: each cell's inside is pasted on its own line of one strip and the
    strip read once with only digits allowed (the page pass, reading Chinese, takes 1 for 工 and 7 for 了).
    A cell whose second reading is not a plain number keeps its first reading; nothing is filled in."""
    import io

    from PIL import Image as PILImage

    inset, gap = 5, 40
    crops = [img.crop((c[1] + inset, c[0] + inset, c[3] - inset, c[2] - inset)) for c in cells]
    width = max(cr.size[0] for cr in crops) + 2 * gap
    height = sum(cr.size[1] + gap for cr in crops) + gap
    strip = PILImage.new("L", (width, height), 255)
    spans: list[tuple[int, int]] = []
    y = gap
    for cr in crops:
        strip.paste(cr, (gap, y))
        spans.append((y, y + cr.size[1]))
        y += cr.size[1] + gap
    buf = io.BytesIO()
    strip.save(buf, "PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", "eng", "--psm", "6", "--dpi", str(OCR_DPI),
                               "-c", "tessedit_char_whitelist=0123456789.", "tsv"],
                              input=buf.getvalue(), capture_output=True, timeout=timeout, env=env, check=False)
    except (subprocess.TimeoutExpired, OSError):
        return {}
    if proc.returncode != 0:
        return {}
    found: dict[int, list[Word]] = {}
    for w in parse_tsv(proc.stdout.decode("utf-8", "replace")):
        for k, (a, b) in enumerate(spans):
            if a - gap // 2 <= w.cy <= b + gap // 2:
                found.setdefault(k, []).append(w)
                break
    out: dict[tuple[int, int, int, int], str] = {}
    for k, ws in found.items():
        text = "".join(w.text for w in sorted(ws, key=lambda w: w.left))
        if _FIGURE_RE.match(text):
            out[cells[k]] = text
    return out


# --- labels -------------------------------------------------------------------------------------------

# How close an OCR reading must be to a declared row label to be read as it (difflib ratio), and by how much
# it must beat the next label. Labels are not figures: a snapped label only lets the row's cells be found,
# and those figures still need the form's rules before they are trusted.
SNAP_RATIO = 0.75
SNAP_MARGIN = 0.1


@functools.cache
def _declared_labels() -> tuple[tuple[str, str], ...]:
    """(normalised, as declared) for every row label and group label of every format the importer reads."""
    from gongkai.formats import READ_FORMATS, normalize_label

    seen: dict[str, str] = {}
    for fmt in READ_FORMATS.values():
        for table in fmt.tables:
            for block, row in table.rows():
                for label in (row.label, *(g.label for g in block.group_chain(row))):
                    n = normalize_label(label)
                    if len(n) >= 4:
                        seen.setdefault(n, label)
    return tuple(seen.items())


def snap_label(text: str) -> str:
    """``text`` read by OCR as the declared label it unmistakably is ("?没有现成信息需要另行制作" →
    "2.没有现成信息需要另行制作"), else unchanged. Only text with Chinese in it is looked at."""
    from gongkai.formats import normalize_label

    n = normalize_label(text)
    if len(_CJK.findall(n)) < 3:
        return text
    scores: list[tuple[float, str, str]] = []
    for norm, label in _declared_labels():
        if norm == n:
            return text
        sm = difflib.SequenceMatcher(None, n, norm, autojunk=False)
        if sm.real_quick_ratio() < SNAP_RATIO or sm.quick_ratio() < SNAP_RATIO:
            continue
        scores.append((sm.ratio(), norm, label))
    scores.sort(reverse=True)
    if not scores or scores[0][0] < SNAP_RATIO:
        return text
    if len(scores) > 1 and scores[1][0] > scores[0][0] - SNAP_MARGIN and scores[1][1] != scores[0][1]:
        return text
    return scores[0][2]


# --- page → tokens ------------------------------------------------------------------------------------

# A cell with ink that OCR gave no word for: kept as a note (value absent), so the table cannot pass its checks.
UNREAD = "OCR未能识别"


def page_items(img: Image, words: list[Word], grid: Grid, *, exe: str | None = None, timeout: float = 60.0
               ) -> list[tuple[int, list[tuple[str, str]]]]:
    """(top, [(kind, text) …]) items of one cleaned page: a table row of cells ends with ("eor", ""), a line
    outside the tables is one ("line", text). Kinds are the readers' token kinds."""
    cells = grid.cells()
    in_cell: dict[tuple[int, int, int, int], list[Word]] = {c: [] for c in cells}
    loose: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        c = grid.cell_at(w.cx, w.cy)
        if c is not None and c in in_cell:
            in_cell[c].append(w)
        else:
            loose.setdefault(w.line, []).append(w)
    items: list[tuple[int, list[tuple[str, str]]]] = []
    rows: dict[int, list[tuple[int, int, int, int]]] = {}
    for c in cells:
        rows.setdefault(c[0], []).append(c)
    narrow = [c for c in cells if c[3] - c[1] < img.size[0] * NARROW_CELL and has_ink(img, c)]
    figures = read_figures(img, narrow, exe=exe, timeout=timeout) if exe and narrow else {}
    for top, row in sorted(rows.items()):
        out: list[tuple[str, str]] = []
        for c in sorted(row, key=lambda c: c[1]):
            text = join_words(in_cell[c])
            if c in figures and len(_HAN.findall(text)) <= 1:  # a label ("科研机构") keeps its Chinese reading
                text = figures[c]
            elif text:
                text = snap_label(text)
            if text and not any(ch.isalnum() for ch in text):
                text = UNREAD if has_ink(img, c) else ""  # stray marks read as "。，": not a reading
            if text:
                out.append(("cell", text))
            elif has_ink(img, c):
                out.append(("cell", UNREAD))
            else:
                out.append(("blank", ""))
        out.append(("eor", ""))
        items.append((top, out))
    fill_between(items)
    for ws in loose.values():
        text = join_words(ws)
        if text.strip():
            items.append((min(w.top for w in ws), [("line", text)]))
    items.sort(key=lambda it: it[0])
    return items


@functools.cache
def _row_orders() -> tuple[tuple[str, ...], ...]:
    """The declared row labels of each Table 3 (2021, 2019) in printed order, normalised."""
    from gongkai.formats import FORMATS, normalize_label

    return tuple(tuple(normalize_label(r.label) for _b, r in fmt.table("table3").rows())
                 for fmt in FORMATS.values() if fmt.has_table("table3"))


_ITEM_NO = re.compile(r"^\s*(\d{1,2})\s*[.、．,，]")


def fill_between(items: list[tuple[int, list[tuple[str, str]]]]) -> None:
    """A row label OCR garbled beyond snapping ("1.申请当天和逾、人行下再处…") between two rows it did read: when
    the form declares exactly one row between those two and the garbled text starts with that row's item
    number, it is that row's label (the form's order says so). Only labels: the row's figures still need the
    table's sum rules before anything read from the scan is trusted (pipeline.settle_ocr)."""
    from gongkai.formats import normalize_label

    def label_at(row: list[tuple[str, str]]) -> int | None:
        idx = [k for k, (kind, text) in enumerate(row) if kind == "cell" and len(_CJK.findall(text)) >= 2]
        return idx[-1] if idx else None

    labels = [(n, label_at(row)) for n, (_top, row) in enumerate(items)]
    for pos in range(1, len(labels) - 1):
        here = labels[pos][1]
        before, after = labels[pos - 1][1], labels[pos + 1][1]
        if here is None or before is None or after is None:
            continue
        row = items[pos][1]
        text = normalize_label(row[here][1])
        prev = normalize_label(items[pos - 1][1][before][1])
        nxt = normalize_label(items[pos + 1][1][after][1])
        for order in _row_orders():
            if text in order or prev not in order or nxt not in order:
                continue
            i, j = order.index(prev), order.index(nxt)
            if j != i + 2 or order.count(prev) != 1 or order.count(nxt) != 1:
                continue
            want = _ITEM_NO.match(order[i + 1])
            got = _ITEM_NO.match(text)
            # The item number agrees — or OCR lost it (".申请当理由逾期不、…") and the words still resemble the row's.
            lost = got is None and difflib.SequenceMatcher(None, text, order[i + 1], autojunk=False).ratio() >= 0.5
            if want and ((got and want.group(1) == got.group(1)) or lost):
                declared = _declared_label(order[i + 1])
                row[here] = ("cell", declared)
                break


def _declared_label(norm: str) -> str:
    return dict(_declared_labels()).get(norm, norm)


@dataclass
class OcrBudget:
    """Pages and wall time left for OCR in one file (``MAX_OCR_PAGES``, ``OCR_TIME_BUDGET_SECONDS``)."""

    exe: str
    deadline: float
    limit: float = OCR_TIME_BUDGET_SECONDS
    pages_left: int = MAX_OCR_PAGES
    seconds: float = 0.0

    @classmethod
    def start(cls, seconds: float | None = None) -> OcrBudget:
        limit = OCR_TIME_BUDGET_SECONDS if seconds is None else seconds
        return cls(exe=check_available(), deadline=time.monotonic() + limit, limit=limit)


def ocr_page(page: object, page_no: int, budget: OcrBudget) -> list[tuple[int, list[tuple[str, str]]]]:
    """Read one scanned page within ``budget`` (raises ``OcrFailed`` past a limit)."""
    now = time.monotonic()
    if budget.pages_left <= 0:
        raise OcrFailed(f"扫描页超过 {MAX_OCR_PAGES} 页（第 {page_no} 页起未识别），未读取")
    if now > budget.deadline:
        raise OcrFailed(f"扫描件 OCR 超过 {budget.limit:.0f} 秒仍未完成（第 {page_no} 页起未识别），已停止")
    budget.pages_left -= 1
    img, _angle = deskew(render_page(page))
    clean, grid = clean_page(img)
    del img
    timeout = max(1.0, min(OCR_PAGE_TIMEOUT_SECONDS, budget.deadline - now))
    words = run_tesseract(clean, exe=budget.exe, timeout=timeout, page_no=page_no)
    items = page_items(clean, words, grid, exe=budget.exe,
                       timeout=max(1.0, min(OCR_PAGE_TIMEOUT_SECONDS, budget.deadline - time.monotonic())))
    budget.seconds += time.monotonic() - now
    return items
