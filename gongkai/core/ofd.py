"""OFD (GB/T 33190-2016, 电子文件存储与交换格式 版式文档) output of the documents the platform renders.

One layout, two containers: a document is laid out once as PDF (``core.documents.pdf_bytes``, GB/T 9704
margins) and this module re-expresses each PDF page as an OFD page — every text line as a ``TextObject``
with its glyph positions (``DeltaX``), every ruling line and cell border as a ``PathObject`` — with the
fonts actually used embedded as subsets of the system CJK fonts, so an OFD reader without those fonts
shows the same glyphs. ``ofd_text`` reads an OFD back (the test compares it with the PDF's text).
No Python OFD writer on PyPI is well kept (ADR 0008), so the container (a ZIP of XML parts, §7) is
written here; it is small and covered by a test that reads the output back with an independent reader.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from fontTools.ttLib import TTFont

NS = "http://www.ofdspec.org/2016"
PT_TO_MM = 25.4 / 72
FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))


@dataclass
class _Line:
    font: str
    size: float  # pt
    top: float
    baseline: float
    xs: list[float] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


def _mm(value: float) -> str:
    return f"{value * PT_TO_MM:.3f}".rstrip("0").rstrip(".")


def _font_key(pdf_font: str) -> str:
    """'ABCDEF+NotoSerifCJKsc-Bold' -> 'serif-bold' (the families the PDF CSS uses)."""
    name = pdf_font.split("+", 1)[-1].lower()
    family = "sans" if "sans" in name or "hei" in name else "serif"
    weight = "bold" if "bold" in name or "black" in name or "heavy" in name else "regular"
    return f"{family}-{weight}"


@lru_cache(maxsize=8)
def _font_file(key: str) -> tuple[Path, int] | None:
    """The system font file and collection index of the Simplified Chinese face for a key."""
    from fontTools.ttLib import TTCollection

    family, weight = key.split("-")
    filename = f"Noto{'Sans' if family == 'sans' else 'Serif'}CJK-{'Bold' if weight == 'bold' else 'Regular'}.ttc"
    for folder in FONT_DIRS:
        path = folder / filename
        if path.exists():
            for index, font in enumerate(TTCollection(str(path)).fonts):
                if " SC" in font["name"].getDebugName(1):
                    return path, index
    return None


def _subset(key: str, chars: set[str]) -> bytes | None:
    """An OpenType subset of the font for ``key`` holding only ``chars`` (None: no system font)."""
    from fontTools import subset

    located = _font_file(key)
    if located is None:
        return None
    path, index = located
    font = TTFont(str(path), fontNumber=index, lazy=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    _cff_to_glyf(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _cff_to_glyf(font: TTFont) -> None:
    """Re-express CFF (cubic) outlines as TrueType (quadratic) ``glyf`` outlines, in place.

    Noto CJK ships PostScript outlines; many OFD readers only rasterise TrueType outlines, so the
    embedded subset is converted (fontTools' cu2qu, max error 1 unit of the 1000-unit em)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    if "CFF " not in font:
        return
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    maxp.maxComponentDepth = 0
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = font.getGlyphOrder()
    font.sfntVersion = "\0\1\0\0"


def _page_lines(page: object) -> list[_Line]:
    """Group a pdfplumber page's characters into lines of one font and size, left to right."""
    lines: list[_Line] = []
    chars = sorted(page.chars, key=lambda c: (round(c["top"], 1), c["x0"]))  # type: ignore[attr-defined]
    for ch in chars:
        if not ch["text"].strip():
            continue
        font, size = _font_key(ch["fontname"]), round(float(ch["size"]), 2)
        last = lines[-1] if lines else None
        if (last is not None and last.font == font and last.size == size
                and abs(last.top - ch["top"]) < 0.5 and ch["x0"] >= last.xs[-1]):
            last.xs.append(float(ch["x0"]))
            last.text.append(ch["text"])
        else:
            # pdfplumber's `top` is the glyph box top; the baseline is at bottom minus the descent, which
            # for these CJK fonts is ~12 % of the size (OFD places text by its baseline, §11.2).
            baseline = float(ch["bottom"]) - 0.12 * size
            lines.append(_Line(font, size, float(ch["top"]), baseline, [float(ch["x0"])], [ch["text"]]))
    return lines


def _delta_x(xs: list[float]) -> str:
    """OFD DeltaX: the advance between successive glyphs, runs of equal advances as 'g N d' (§11.3)."""
    deltas = [_mm(b - a) for a, b in itertools.pairwise(xs)]
    parts: list[str] = []
    i = 0
    while i < len(deltas):
        j = i
        while j + 1 < len(deltas) and deltas[j + 1] == deltas[i]:
            j += 1
        run = j - i + 1
        parts.append(f"g {run} {deltas[i]}" if run > 2 else " ".join(deltas[i:j + 1]))
        i = j + 1
    return " ".join(parts)


def _page_xml(page: object, font_ids: dict[str, int], next_id: list[int]) -> str:
    def new_id() -> int:
        next_id[0] += 1
        return next_id[0]

    objects: list[str] = []
    for edge in page.edges:  # type: ignore[attr-defined]  # rect sides and ruling lines
        x0, x1, top, bottom = edge["x0"], edge["x1"], edge["top"], edge["bottom"]
        width = float(edge.get("linewidth") or 0.5)
        if edge["orientation"] == "h":
            path = f"M {_mm(x0)} {_mm(top)} L {_mm(x1)} {_mm(top)}"
        else:
            path = f"M {_mm(x0)} {_mm(top)} L {_mm(x0)} {_mm(bottom)}"
        box = f"0 0 {_mm(float(page.width))} {_mm(float(page.height))}"  # type: ignore[attr-defined]
        objects.append(f'<ofd:PathObject ID="{new_id()}" Boundary="{box}" LineWidth="{_mm(width)}">'
                       f"<ofd:AbbreviatedData>{path}</ofd:AbbreviatedData></ofd:PathObject>")
    for line in _page_lines(page):
        x0, width = line.xs[0], (line.xs[-1] - line.xs[0]) + line.size
        box = f"{_mm(x0)} {_mm(line.top)} {_mm(width)} {_mm(line.baseline - line.top + 0.3 * line.size)}"
        delta = _delta_x(line.xs)
        delta_attr = f' DeltaX="{delta}"' if delta else ""
        objects.append(
            f'<ofd:TextObject ID="{new_id()}" Boundary="{box}" Font="{font_ids[line.font]}" Size="{_mm(line.size)}">'
            f'<ofd:TextCode X="0" Y="{_mm(line.baseline - line.top)}"{delta_attr}>{escape("".join(line.text))}'
            "</ofd:TextCode></ofd:TextObject>")
    layer = new_id()
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
            f'<ofd:Layer ID="{layer}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def pdf_to_ofd(pdf: bytes, *, title: str, author: str = "", created: dt.date | None = None) -> bytes:
    """The OFD package of a PDF laid out by ``core.documents`` (same pages, text, lines and fonts)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = list(doc.pages)
        used: dict[str, set[str]] = {}
        for page in pages:
            for ch in page.chars:
                used.setdefault(_font_key(ch["fontname"]), set()).add(ch["text"])
        next_id = [0]
        font_ids: dict[str, int] = {}
        for key in sorted(used):
            next_id[0] += 1
            font_ids[key] = next_id[0]
        page_ids = []
        page_xmls = []
        for page in pages:
            next_id[0] += 1
            page_ids.append(next_id[0])
            page_xmls.append(_page_xml(page, font_ids, next_id))
        width, height = (float(pages[0].width), float(pages[0].height)) if pages else (595.28, 841.89)

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        day = (created or dt.date.today()).isoformat()
        z.writestr("OFD.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>{uuid.uuid4().hex}</ofd:DocID>"
            f"<ofd:Title>{escape(title)}</ofd:Title><ofd:Author>{escape(author)}</ofd:Author>"
            f"<ofd:CreationDate>{day}</ofd:CreationDate><ofd:Creator>gongkai</ofd:Creator></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"))
        fonts = []
        for key, font_id in font_ids.items():
            family = "Noto Sans CJK SC" if key.startswith("sans") else "Noto Serif CJK SC"
            # FontName is the face's PostScript name; the embedded file carries the same stem.
            face = f"{family.replace(' ', '')}-{'Bold' if key.endswith('bold') else 'Regular'}"
            bold = ' Bold="true"' if key.endswith("bold") else ""
            data = _subset(key, used[key])
            file_part = ""
            if data is not None:
                z.writestr(f"Doc_0/Res/{face}.ttf", data)
                file_part = f"<ofd:FontFile>{face}.ttf</ofd:FontFile>"
            fonts.append(f'<ofd:Font ID="{font_id}" FontName={quoteattr(face)} FamilyName={quoteattr(family)}'
                         f"{bold}>{file_part}</ofd:Font>")
        z.writestr("Doc_0/PublicRes.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
            f'<ofd:Fonts>{"".join(fonts)}</ofd:Fonts></ofd:Res>'))
        page_refs = "".join(f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                            for i, pid in enumerate(page_ids))
        z.writestr("Doc_0/Document.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>{next_id[0]}</ofd:MaxUnitID><ofd:PageArea>"
            f"<ofd:PhysicalBox>0 0 {_mm(width)} {_mm(height)}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"))
        for i, xml in enumerate(page_xmls):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", xml)
    return buf.getvalue()


_TEXT = re.compile(r"<ofd:TextCode[^>]*>(.*?)</ofd:TextCode>", re.S)


def ofd_text(ofd: bytes) -> list[str]:
    """The text of each page of an OFD package, in page order (TextCode contents joined by newlines)."""
    from xml.sax.saxutils import unescape

    with zipfile.ZipFile(io.BytesIO(ofd)) as z:
        document = z.read("Doc_0/Document.xml").decode("utf-8")
        locations = re.findall(r'BaseLoc="(Pages/[^"]+)"', document)
        return ["\n".join(unescape(t) for t in _TEXT.findall(z.read(f"Doc_0/{loc}").decode("utf-8")))
                for loc in locations]
