"""The one upload guard every upload path goes through: it owns the size caps enforced while the request
body streams in (``GuardedUploadHandler`` installed by the ``guard_uploads`` view decorator, with the
refusal pages for too-large bodies and a low disk), the content allow-list (``inspect``: PDF, DOC, XLS,
DOCX, XLSX, OFD, PNG, JPEG, GIF recognised by structure, with polyglots, active PDF content and macros
refused), file-name sanitising and generated storage names, and the headers stored uploads are served
with (``file_response``). It sits in ``core`` so catalog and applications share the same rules.
"""

from __future__ import annotations

import io
import mmap
import re
import shutil
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

MiB = 1024 * 1024
# Multipart framing and the ordinary form fields travel next to the files; this much is allowed on top
# of the file cap before a request is refused by its declared length alone.
FORM_OVERHEAD_BYTES = 1 * MiB

# ---------------------------------------------------------------- kinds

EXTENSIONS: dict[str, str] = {
    "pdf": "pdf", "doc": "doc", "xls": "xls", "docx": "docx", "xlsx": "xlsx", "ofd": "ofd",
    "png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif",
}
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ofd": "application/ofd",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
}
# Only these are shown in the browser; everything else is always a download.
INLINE_KINDS = frozenset({"pdf", "png", "jpg", "gif"})
ALLOWED_LABEL = "PDF、DOC、DOCX、XLS、XLSX、OFD、PNG、JPG、GIF"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "doc": (_OLE,),
    "xls": (_OLE,),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "ofd": (b"PK\x03\x04",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
# Markup a browser or viewer would run if it ever sniffed the file as HTML/SVG; none belongs in a PDF or image.
_MARKUP = re.compile(rb"<(?:html|head|body|script|iframe|svg|object|embed|!doctype|\?xml-stylesheet)[\s>/]",
                     re.IGNORECASE)
# PDF names that run code, launch programs or carry files; a PDF naming any of them is refused.
PDF_ACTIVE_NAMES = frozenset({"JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA"})
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r /\[\]()<>{}%]{1,127})")
# Fast scan: only the names that matter, spelt plainly or with #xx escapes (decoded and re-checked).
_NAME_CHAR = rb"[^\x00\t\n\x0c\r /\[\]()<>{}%]"
_PDF_SUSPECT = re.compile(rb"/((?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|ObjStm)(?!" + _NAME_CHAR
                          + rb")|" + _NAME_CHAR + rb"{0,126}#[0-9A-Fa-f]{2}" + _NAME_CHAR + rb"{0,124})")
_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
# Inflated object streams are scanned too (names can hide there); this bounds the work per file.
_PDF_INFLATE_BUDGET = 64 * MiB
_OLE_VBA = "_VBA_PROJECT".encode("utf-16-le")
_ZIP_MARKERS: dict[str, tuple[str, ...]] = {
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    "ofd": ("OFD.xml",),
}
_OLE_STREAMS: dict[str, tuple[bytes, ...]] = {
    "doc": ("WordDocument".encode("utf-16-le"),),
    "xls": ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le")),
}
MAX_IMAGE_PIXELS = 60_000_000
# A whole file to check: bytes, or an upload's temporary file mapped read-only (not copied to the heap).
Buffer = bytes | mmap.mmap
NAME_MAX_CHARS = 100


class UploadRejected(ValueError):
    """The file is refused; the message (Chinese, naming the file) says why."""


@dataclass(frozen=True)
class Checked:
    """A file that passed ``inspect``: its clean display name, the kind recognised from its content, its size."""

    name: str
    kind: str
    size: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    def storage_name(self) -> str:
        """A new generated file name for storage: nothing of the uploader's name reaches the file system."""
        return f"{uuid.uuid4().hex}.{self.kind}"


@dataclass(frozen=True)
class Accepted:
    """An uploaded file that passed ``inspect``, ready for a service to store under ``checked.storage_name()``."""

    checked: Checked
    file: File


# ---------------------------------------------------------------- policies (settings)


@dataclass(frozen=True)
class Policy:
    """Caps for one upload path; read from settings at request time so deployments (and tests) can set them."""

    name: str
    max_file_bytes: int
    max_request_bytes: int
    max_files: int


def policy(name: str) -> Policy:
    prefix = f"GONGKAI_UPLOAD_{name.upper()}_"
    return Policy(name=name,
                  max_file_bytes=int(getattr(settings, prefix + "MAX_FILE_BYTES")),
                  max_request_bytes=int(getattr(settings, prefix + "MAX_REQUEST_BYTES")),
                  max_files=int(getattr(settings, prefix + "MAX_FILES")))


def _mb(n: int) -> str:
    return f"{n / MiB:.0f} MB" if n >= MiB else f"{n / 1024:.0f} KB"


# ---------------------------------------------------------------- names


def clean_name(name: str) -> str:
    """A display name safe to store and show: last path component, no control or direction-override
    characters, at most ``NAME_MAX_CHARS`` characters with the extension kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    # Cc: control characters; Cf: invisible format characters such as U+202E (which can make
    # "exe.pdf" display as "fdp.exe"); Zl/Zp: line breaks.
    name = "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
    name = " ".join(name.split()).strip(" .")
    if not name:
        return "附件"
    if len(name) > NAME_MAX_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            name = stem[: NAME_MAX_CHARS - len(ext) - 1].rstrip(" .") + "." + ext
        else:
            name = name[:NAME_MAX_CHARS]
    return name


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


# ---------------------------------------------------------------- content


@contextmanager
def _view(source: bytes | IO[bytes] | File) -> Iterator[Buffer]:
    """A read-only buffer over the whole file without copying it onto the heap: bytes as they are,
    an upload's temporary file (or any real file) through mmap. Small in-memory uploads are read."""
    if isinstance(source, bytes | bytearray):
        yield bytes(source)
        return
    path = getattr(source, "temporary_file_path", None)
    fileno: int | None = None
    if callable(path):
        with open(path(), "rb") as fh:
            if fh.seek(0, 2) == 0:
                yield b""
                return
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                yield mm
        return
    try:
        fileno = source.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        fileno = None
    if fileno is not None and source.seek(0, 2) > 0:
        with mmap.mmap(fileno, 0, access=mmap.ACCESS_READ) as mm:
            yield mm
        return
    source.seek(0)
    yield source.read()
    source.seek(0)


def inspect(name: str, source: bytes | IO[bytes] | File, *, max_bytes: int) -> Checked:
    """Check one file: extension in the allow-list, size, and content recognised as that kind by structure.

    ``source`` is bytes or a file (an upload's temporary file is mapped, not read into memory). Raises
    ``UploadRejected`` with a Chinese message naming the file.
    """
    shown = clean_name(name)
    kind = EXTENSIONS.get(extension(shown))
    if kind is None:
        raise UploadRejected(f"附件“{shown}”的类型不受支持：只接受 {ALLOWED_LABEL} 文件")
    size = _size(source)
    if size == 0:
        raise UploadRejected(f"附件“{shown}”是空文件")
    if size > max_bytes:
        raise UploadRejected(f"附件“{shown}”大小为 {size / MiB:.1f} MB，超过上限 {_mb(max_bytes)}")
    try:
        with _view(source) as buf:
            if not any(bytes(buf[: len(m)]) == m for m in _MAGIC[kind]):
                raise UploadRejected(f"附件“{shown}”的内容与扩展名 .{extension(shown)} 不符，文件可能已损坏或被改名")
            problem = _CHECKS[kind](buf, kind)
    except UploadRejected:
        raise
    except (FileNotFoundError, ValueError) as exc:
        # The temporary file of an upload that was stopped part-way is gone (or closed).
        raise UploadRejected(f"附件“{shown}”没有完整上传，请重新选择文件") from exc
    if problem:
        raise UploadRejected(f"附件“{shown}”{problem}")
    return Checked(name=shown, kind=kind, size=size)


def _size(source: bytes | IO[bytes] | File) -> int:
    if isinstance(source, bytes | bytearray):
        return len(source)
    size = getattr(source, "size", None)
    if isinstance(size, int):
        return size
    end = source.seek(0, 2)
    source.seek(0)
    return end


def _not_polyglot(buf: Buffer, own: str) -> str:
    """Nothing else hides in a PDF or image: no second PDF header, no markup, no zip archive at the end."""
    if own != "pdf" and buf.find(b"%PDF-") >= 0:
        return "中还夹带了 PDF 内容（多格式混合文件），不予接收"
    if _MARKUP.search(buf):
        return "中含有网页代码，不予接收"
    return _no_zip_tail(buf)


def _no_zip_tail(buf: Buffer) -> str:
    # A zip is read from its end record, so one appended to any file makes a polyglot.
    if zipfile.is_zipfile(io.BytesIO(bytes(buf[-(66 * 1024):]))):
        return "末尾附带了压缩包（多格式混合文件），不予接收"
    return ""


def _pdf(buf: Buffer, kind: str) -> str:
    if not _PDF_HEADER.match(bytes(buf[:8])):
        return "不是有效的 PDF 文件"
    problem = _not_polyglot(buf, kind)
    if problem:
        return problem
    end = buf.rfind(b"%%EOF")
    if end >= 0 and len(buf) - (end + 5) > 1024:
        return "在 PDF 结束标记之后还附带了其他内容，不予接收"
    budget = _PDF_INFLATE_BUDGET
    for match in _PDF_SUSPECT.finditer(buf):
        found = _pdf_name(match.group(1))
        if found in PDF_ACTIVE_NAMES:
            return f"含有脚本、启动程序或嵌入文件（/{found}），不予接收；请另存为普通 PDF 后再上传"
        if found == "ObjStm":
            names, budget = _object_stream_names(buf, match.end(), budget)
            active = names & PDF_ACTIVE_NAMES
            if active:
                return f"含有脚本、启动程序或嵌入文件（/{sorted(active)[0]}），不予接收；请另存为普通 PDF 后再上传"
            if budget <= 0:
                return "结构过于复杂，无法完成安全检查"
    return ""


def _pdf_name(raw: bytes) -> str:
    if b"#" not in raw:
        return raw.decode("latin-1")
    # "#4A#53" spells "JS": a reader decodes the escapes, so the check must too.
    decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return decoded.decode("latin-1")


def _object_stream_names(buf: Buffer, start: int, budget: int) -> tuple[set[str], int]:
    """Names inside the compressed object stream whose dictionary ends after ``start``."""
    begin = buf.find(b"stream", start)
    if begin < 0:
        return set(), budget
    begin += len(b"stream")
    if bytes(buf[begin: begin + 2]) == b"\r\n":
        begin += 2
    elif bytes(buf[begin: begin + 1]) in (b"\n", b"\r"):
        begin += 1
    finish = buf.find(b"endstream", begin)
    if finish < 0:
        finish = len(buf)
    inflater = zlib.decompressobj()
    out = bytearray()
    try:
        for pos in range(begin, finish, 1 * MiB):
            piece = inflater.decompress(bytes(buf[pos: min(pos + MiB, finish)]), max(budget - len(out), 1))
            out += piece
            if len(out) >= budget:
                return set(), 0
    except zlib.error:
        # Not deflated (or damaged): scan it as it is, a reader would see no more than that.
        out = bytearray(buf[begin:finish])
    return {_pdf_name(m.group(1)) for m in _PDF_NAME.finditer(out)}, budget - len(out)


def _image(buf: Buffer, kind: str) -> str:
    from PIL import Image, UnidentifiedImageError

    problem = _not_polyglot(buf, kind)
    if problem:
        return problem
    expected = {"png": "PNG", "jpg": "JPEG", "gif": "GIF"}[kind]
    try:
        with Image.open(io.BufferedReader(_BufferFile(buf))) as img:
            if img.format != expected:
                return f"不是有效的 {expected} 图片"
            width, height = img.size
            if width * height > MAX_IMAGE_PIXELS:
                return f"图像尺寸过大（{width}×{height}），不予接收"
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"不是有效的 {expected} 图片，文件可能已损坏或被改名"
    tail = bytes(buf[-16:])
    if kind == "png" and not bytes(buf[-12:]) == b"\x00\x00\x00\x00IEND\xaeB`\x82":
        return "在图片结束标记之后还附带了其他内容，不予接收"
    if kind == "gif" and not tail.endswith(b"\x3b"):
        return "在图片结束标记之后还附带了其他内容，不予接收"
    if kind == "jpg" and b"\xff\xd9" not in tail:
        return "在图片结束标记之后还附带了其他内容，不予接收"
    return ""


class _BufferFile(io.RawIOBase):
    """A file interface over a mapped upload, so Pillow reads it without a copy."""

    def __init__(self, buf: Buffer) -> None:
        self._buf, self._pos = buf, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        self._pos = {0: offset, 1: self._pos + offset, 2: len(self._buf) + offset}[whence]
        return self._pos

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]  # RawIOBase takes any buffer
        data = bytes(self._buf[self._pos: self._pos + len(b)])
        b[: len(data)] = data
        self._pos += len(data)
        return len(data)


def _zip(buf: Buffer, kind: str) -> str:
    label = {"docx": "DOCX", "xlsx": "XLSX", "ofd": "OFD"}[kind]
    try:
        archive = zipfile.ZipFile(io.BufferedReader(_BufferFile(buf)))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return f"不是有效的 {label} 文件"
    if not all(m in names for m in _ZIP_MARKERS[kind]):
        return f"不是有效的 {label} 文件"
    for member in names:
        low = member.lower()
        base = low.rsplit("/", 1)[-1]
        if base in {"vbaproject.bin", "vbadata.xml"} or "/activex/" in f"/{low}" or (
                "/embeddings/" in f"/{low}" and base.startswith("oleobject")):
            return "包含宏、控件或嵌入的程序对象，不予接收；请另存为不含宏的文档后再上传"
    if "[Content_Types].xml" in names:
        try:
            with archive.open("[Content_Types].xml") as fh:
                # Bounded read: only the content-type declarations are needed.
                types = fh.read(1 * MiB)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
            return f"不是有效的 {label} 文件"
        if b"macroenabled" in types.lower() or b"vbaproject" in types.lower():
            return "包含宏，不予接收；请另存为不含宏的文档后再上传"
    return ""


def _ole(buf: Buffer, kind: str) -> str:
    label = kind.upper()
    header = bytes(buf[:512])
    # Compound File header: byte-order mark FFFE at 28, sector shift 9 (v3) or 12 (v4) at 30.
    if len(header) < 512 or header[28:30] != b"\xfe\xff" or header[30:32] not in (b"\x09\x00", b"\x0c\x00"):
        return f"不是有效的 {label} 文件"
    if not any(buf.find(stream) >= 0 for stream in _OLE_STREAMS[kind]):
        return f"不是有效的 {label} 文件，文件可能已损坏或被改名"
    if buf.find(_OLE_VBA) >= 0:
        return "包含宏，不予接收；请另存为不含宏的文档后再上传"
    # Word and Excel keep typed text as plain bytes, so markup inside a document is no evidence of an
    # attack (it is always served as a download); an appended second container is.
    return _no_zip_tail(buf)


_CHECKS: dict[str, Callable[[Buffer, str], str]] = {
    "pdf": _pdf, "png": _image, "jpg": _image, "gif": _image,
    "docx": _zip, "xlsx": _zip, "ofd": _zip, "doc": _ole, "xls": _ole,
}


# ---------------------------------------------------------------- streaming caps


class GuardedUploadHandler(TemporaryFileUploadHandler):
    """Streams every file to a temporary file and stops the request as soon as a cap is passed.

    Caps: bytes per file, bytes of all files together, number of files. On refusal it raises
    ``StopUpload`` (Django then discards the rest of the body without storing it) and keeps the reason
    in ``refusal`` for the view. Installed globally (``FILE_UPLOAD_HANDLERS``, staff caps) so no upload
    path is unbounded, and per view with that view's policy by ``guard_uploads``.
    """

    def __init__(self, request: HttpRequest | None = None, policy_name: str = "staff") -> None:
        super().__init__(request)
        self.policy = policy(policy_name)
        self.refusal = ""
        self.files = 0
        self.file_bytes = 0
        self.total_bytes = 0
        self.current_name = ""

    def new_file(self, field_name: str, file_name: str, content_type: str, content_length: int | None,
                 charset: str | None = None, content_type_extra: dict[str, bytes] | None = None) -> None:
        self.files += 1
        self.file_bytes = 0
        self.current_name = clean_name(file_name)
        if self.files > self.policy.max_files:
            self._refuse(f"一次最多上传 {self.policy.max_files} 个附件")
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.file_bytes += len(raw_data)
        self.total_bytes += len(raw_data)
        if self.file_bytes > self.policy.max_file_bytes:
            self._refuse(f"附件“{self.current_name}”超过单个文件上限 {_mb(self.policy.max_file_bytes)}")
        if self.total_bytes > self.policy.max_request_bytes:
            self._refuse(f"附件合计超过上限 {_mb(self.policy.max_request_bytes)}")
        return super().receive_data_chunk(raw_data, start)

    def _refuse(self, message: str) -> None:
        self.refusal = message
        # Not a connection reset: Django reads and drops the rest of the body (bounded by the declared
        # length checked in ``guard_uploads``) so the browser receives the Chinese answer.
        raise StopUpload(connection_reset=False)


def refusal(request: HttpRequest) -> str:
    """Why the streamed upload was stopped ('' when it was not). Parses the body if not done yet."""
    request.FILES  # noqa: B018 - parsing happens on first access; the handler records the refusal
    for handler in request.upload_handlers:
        if isinstance(handler, GuardedUploadHandler) and handler.refusal:
            return handler.refusal
    return ""


def refused_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    titles = {413: "上传内容过大", 429: "提交过于频繁", 503: "暂时无法接收上传", 507: "存储空间不足"}
    return render(request, "uploads/refused.html", {"title": titles.get(status, "无法接收上传"), "status": status,
                                                    "message": message}, status=status)


def disk_has_room(incoming: int) -> bool:
    """Whether storing ``incoming`` bytes leaves at least ``GONGKAI_UPLOAD_DISK_FLOOR_BYTES`` free under MEDIA_ROOT."""
    path = Path(settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:
        path = path.parent
    free = shutil.disk_usage(path).free
    return free - incoming >= int(settings.GONGKAI_UPLOAD_DISK_FLOOR_BYTES)


ViewFunc = Callable[..., HttpResponse]


def guard_uploads(policy_name: str) -> Callable[[ViewFunc], ViewFunc]:
    """Decorate an upload view: refuse by declared length (413, nothing read) and low disk (507) before
    the body is parsed, then parse it through a ``GuardedUploadHandler`` with this policy.

    Upload handlers must be installed before anything reads ``request.POST``; the CSRF middleware does
    so in ``process_view``, hence the view is CSRF-exempt outside and CSRF-protected inside (the
    pattern in Django's upload-handler documentation) — the token is still required.
    """

    def decorate(view: ViewFunc) -> ViewFunc:
        protected = csrf_protect(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method == "POST":
                cap = policy(policy_name)
                try:
                    declared = int(request.META.get("CONTENT_LENGTH") or 0)
                except ValueError:
                    declared = 0
                if declared > cap.max_request_bytes + FORM_OVERHEAD_BYTES:
                    return refused_page(request, 413, (
                        f"提交的内容约 {declared / MiB:.0f} MB，超过上限：单个附件不超过 {_mb(cap.max_file_bytes)}，"
                        f"合计不超过 {_mb(cap.max_request_bytes)}，最多 {cap.max_files} 个。请压缩或拆分后重新提交。"))
                if not disk_has_room(declared):
                    return refused_page(request, 507, "服务器存储空间不足，暂时无法接收附件。"
                                                      "请稍后再试，或联系本机关政府信息公开工作机构。")
                request.upload_handlers = [GuardedUploadHandler(request, policy_name)]
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapper)

    return decorate


# ---------------------------------------------------------------- serving


def file_response(handle: IO[bytes], *, kind: str, name: str, inline: bool = True) -> FileResponse:
    """Serve a stored upload: the content type of its checked kind (never guessed from the name),
    ``nosniff``, and a download unless it is a vetted PDF or image and ``inline`` is asked for."""
    kind = EXTENSIONS.get(kind, kind)  # attachments stored before this guard may say "jpeg"
    show = inline and kind in INLINE_KINDS
    response = FileResponse(handle, as_attachment=not show, filename=clean_name(name),
                            content_type=CONTENT_TYPES.get(kind, "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    if kind != "pdf":
        # Nothing in a served file may run script or load anything, even if a browser misreads it. (Browsers'
        # PDF viewers do not render under a CSP sandbox, so PDFs rely on the content check instead.)
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


def kind_of_stored(name: str) -> str:
    """The checked kind recorded in a generated storage name (``<hex>.<kind>``); '' if unknown."""
    kind = extension(name)
    return kind if kind in CONTENT_TYPES else ""
