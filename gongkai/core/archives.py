"""Safe opening of untrusted compressed files before any third-party reader touches them.

This module owns the decompression-bomb defence of the platform. ZIP-based office files (DOCX, XLSX,
OFD) are checked by ``check_zip``: the member count (read from the end-of-central-directory record
before ``zipfile`` builds its index), the total and per-member uncompressed size and the compression
ratio from the central directory, member names (no absolute paths, no ``..``, no drive letters or
control characters), the compression methods (stored and deflate only) and encryption; then every
member is inflated once through a bounded reader in 64 KiB steps, so a central directory that lies
about sizes is caught by the running count or by the CRC before python-docx or openpyxl call
``ZipFile.read`` (which inflates a whole member in one call). Nested archives are never opened; their
bytes count like any other member. PDFs get the same treatment for their Flate streams in
``check_pdf_streams``. Every refusal is an ``ArchiveRejected`` with a Chinese message; the limits are
``ArchiveLimits`` (defaults below, overridable with the ``GONGKAI_ARCHIVE_LIMITS`` setting).
"""

from __future__ import annotations

import dataclasses
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass

MiB = 1024 * 1024
_CHUNK = 64 * 1024


class ArchiveRejected(ValueError):
    """The file is refused before extraction; the message (Chinese) says why."""


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    # A long annual report DOCX has ~30 parts and an XLSX with many sheets a few hundred; 1,000 leaves room
    # while keeping zipfile's in-memory index (about 0.5 KB per member) small.
    max_members: int = 1000
    # python-docx holds every part in memory and parses XML parts into trees about 6x their size, so the
    # uncompressed total is what bounds a worker's memory (measured: 103 MB of XML → 680 MB peak).
    max_total_bytes: int = 64 * MiB
    max_member_bytes: int = 24 * MiB
    # Office XML compresses 5–20x; repeated empty table cells reach ~60x. Bombs are in the hundreds+.
    max_ratio: int = 100
    # Small parts legitimately compress very well and cannot hurt; the ratio is judged above this size.
    ratio_floor_bytes: int = 1 * MiB
    # PDF Flate streams: one stream (a page's content or an image) and all streams together.
    max_pdf_stream_bytes: int = 96 * MiB
    max_pdf_total_bytes: int = 256 * MiB


def limits() -> ArchiveLimits:
    """The configured limits: ``settings.GONGKAI_ARCHIVE_LIMITS`` (a dict of field names) over the defaults."""
    try:
        from django.conf import settings

        override = getattr(settings, "GONGKAI_ARCHIVE_LIMITS", None) or {}
    except Exception:  # settings not configured (a script using the readers directly): defaults apply
        override = {}
    known = {f.name for f in dataclasses.fields(ArchiveLimits)}
    return ArchiveLimits(**{k: int(v) for k, v in dict(override).items() if k in known})


@dataclass(frozen=True, slots=True)
class ArchiveSummary:
    members: int
    total_bytes: int


def _mb(n: int) -> str:
    return f"{n / MiB:.1f} MB"


def _bomb(detail: str) -> ArchiveRejected:
    return ArchiveRejected(f"文件解压后过大，疑似压缩炸弹（{detail}），已拒绝处理")


def _declared_entries(data: bytes) -> int | None:
    """Member count from the end-of-central-directory record (zip64 aware); None when not found.

    Read before ``zipfile.ZipFile`` because that builds one ``ZipInfo`` per entry up front: a 20 MB file
    can declare ~400,000 entries and cost hundreds of MB before any check of ours could run.
    """
    tail_start = max(0, len(data) - (22 + 65535))
    pos = data.rfind(b"PK\x05\x06", tail_start)
    if pos < 0 or pos + 22 > len(data):
        return None
    entries = struct.unpack_from("<H", data, pos + 10)[0]
    if entries != 0xFFFF:
        return int(entries)
    loc = pos - 20
    if loc >= 0 and data[loc:loc + 4] == b"PK\x06\x07":
        eocd64 = struct.unpack_from("<Q", data, loc + 8)[0]
        if 0 <= eocd64 <= len(data) - 56 and data[eocd64:eocd64 + 4] == b"PK\x06\x06":
            return int(struct.unpack_from("<Q", data, eocd64 + 32)[0])
    return int(entries)


_DRIVE_RE = re.compile(r"^[A-Za-z]:")


def _bad_name(name: str) -> bool:
    if not name or any(ord(ch) < 32 for ch in name):
        return True
    norm = name.replace("\\", "/")
    if norm.startswith("/") or _DRIVE_RE.match(norm):
        return True
    return any(part == ".." for part in norm.split("/"))


def check_zip(data: bytes, *, what: str = "ZIP", limit: ArchiveLimits | None = None) -> ArchiveSummary:
    """Refuse a ZIP container (DOCX/XLSX/OFD) that is malformed or would inflate beyond the limits.

    ``what`` names the file type in messages (e.g. "DOCX"). Safe to call on any bytes: nothing is
    inflated beyond ``limit.max_member_bytes`` per member nor held beyond one 64 KiB chunk at a time.
    """
    lim = limit or limits()
    declared = _declared_entries(data)
    if declared is None:
        raise ArchiveRejected(f"不是有效的 {what} 文件（压缩包损坏或不完整）")
    if declared > lim.max_members:
        raise _bomb(f"包含 {declared} 个部件，上限 {lim.max_members} 个")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise ArchiveRejected(f"不是有效的 {what} 文件（压缩包损坏或不完整）") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > lim.max_members:
            raise _bomb(f"包含 {len(infos)} 个部件，上限 {lim.max_members} 个")
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if _bad_name(name):
                raise ArchiveRejected(f"{what} 文件中含有不安全的部件名称（绝对路径或“..”），已拒绝处理")
            if name in seen:
                raise ArchiveRejected(f"{what} 文件中有重名的部件，文件可能被篡改，已拒绝处理")
            seen.add(name)
            if info.flag_bits & 0x1:
                raise ArchiveRejected(f"{what} 文件已加密，无法读取")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                # bzip2/lzma members are inflated by zipfile without any output bound; office files never use them.
                raise ArchiveRejected(f"{what} 文件使用了不支持的压缩方式，无法读取")
            if info.file_size > lim.max_member_bytes:
                raise _bomb(f"部件解压后 {_mb(info.file_size)}，上限 {_mb(lim.max_member_bytes)}")
            total += info.file_size
            if total > lim.max_total_bytes:
                raise _bomb(f"解压后合计超过 {_mb(lim.max_total_bytes)}")
            if info.file_size > lim.ratio_floor_bytes and info.file_size > lim.max_ratio * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise _bomb(f"压缩比 {ratio}:1，上限 {lim.max_ratio}:1")
        # Declared sizes can lie: inflate every member through a bounded reader. zipfile stops at the declared
        # size and then checks the CRC, so a member longer than declared fails here, in 64 KiB steps, and the
        # later ZipFile.read calls of python-docx/openpyxl only ever see sizes we have just verified.
        running = 0
        for info in infos:
            got = 0
            try:
                with zf.open(info) as fh:
                    while chunk := fh.read(_CHUNK):
                        got += len(chunk)
                        running += len(chunk)
                        if got > info.file_size or got > lim.max_member_bytes:
                            raise _bomb(f"部件实际解压大小超过声明的 {_mb(info.file_size)}")
                        if running > lim.max_total_bytes:
                            raise _bomb(f"解压后合计超过 {_mb(lim.max_total_bytes)}")
            except ArchiveRejected:
                raise
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                    RuntimeError, struct.error) as exc:
                raise ArchiveRejected(f"{what} 文件内容损坏或与目录不符（可能被篡改），已拒绝处理") from exc
        return ArchiveSummary(members=len(infos), total_bytes=running)


_STREAM_RE = re.compile(rb"stream\r?\n")


def _zlib_header(head: bytes) -> bool:
    # RFC 1950: method 8 (deflate), window <= 32 KiB, and the two header bytes are a multiple of 31.
    return len(head) == 2 and head[0] & 0x0F == 8 and head[0] >> 4 <= 7 and (head[0] * 256 + head[1]) % 31 == 0


def check_pdf_streams(data: bytes, *, limit: ArchiveLimits | None = None) -> int:
    """Refuse a PDF whose Flate streams inflate beyond the limits; returns the inflated total.

    pdfminer inflates a whole stream with one ``zlib.decompress`` call, so a 1 MB stream of zeros becomes
    1 GB at once. Each ``stream`` … ``endstream`` body is inflated here in bounded steps instead; bodies
    that are not zlib data (images in DCT, other filters) are skipped, as pdfminer does not inflate them
    either for text extraction.
    """
    lim = limit or limits()
    total = 0
    for m in _STREAM_RE.finditer(data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        if not _zlib_header(data[start:start + 2]):
            continue  # not a zlib header: nothing for us to bound
        d = zlib.decompressobj()
        produced = 0
        pos = start
        try:
            while pos < end and not d.eof:
                piece = data[pos:min(pos + _CHUNK, end)]
                pos += len(piece)
                buf = d.decompress(piece, _CHUNK)
                produced += len(buf)
                # After the end of the zlib data, zlib may keep trailing bytes in unconsumed_tail and
                # return nothing for them forever: stop at eof and whenever a step makes no progress.
                while d.unconsumed_tail and not d.eof and produced <= lim.max_pdf_stream_bytes:
                    buf = d.decompress(d.unconsumed_tail, _CHUNK)
                    if not buf:
                        break
                    produced += len(buf)
                if produced > lim.max_pdf_stream_bytes:
                    raise _bomb(f"PDF 数据流解压后超过 {_mb(lim.max_pdf_stream_bytes)}")
        except zlib.error:
            pass  # a damaged or non-Flate stream: pdfminer reports it, not our concern here
        total += produced
        if total > lim.max_pdf_total_bytes:
            raise _bomb(f"PDF 数据流解压后合计超过 {_mb(lim.max_pdf_total_bytes)}")
    return total
