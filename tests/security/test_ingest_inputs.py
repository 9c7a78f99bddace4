"""Ingest input robustness (issue 9, item 13): encodings are read, oversized input is refused in bounded
memory, and `gongkai ingest` answers every bad input with one Chinese line, never a traceback.

The bad-input table below has more than 50 entries (missing, special and unreadable paths, empty and
binary files, truncated DOCX/PDF, zip bombs, wrong extensions, huge lines and files, malformed CSV …);
they run in one batch with a good report in the middle, which must still be read.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from gongkai.ingest import readers
from gongkai.ingest.pipeline import ingest_bytes, ingest_file
from gongkai.ingest.readers import UnreadableFile, decode_text
from tests.ingest.builders import report_docx, report_html, report_pdf
from tests.ingest.conftest import SEED_2022
from tests.ingest.test_readers import PARTS, TABLES, TITLE
from tests.security.test_archives import docx_bomb, lying_docx, pdf_bomb

MiB = 1024 * 1024
CJK = re.compile(r"[\u4e00-\u9fff]")
# What must never appear in a message to a user: a traceback or an English exception name.
ENGLISH_ERROR = re.compile(r"Traceback|[A-Z][a-z]+(Error|Exception)\b|errno|strerror")


# ---------------------------------------------------------------- encodings


# As published, less its no-break spaces, which GBK cannot encode.
SEED_TEXT = SEED_2022.read_text(encoding="utf-8").replace("\xa0", " ")


def _assert_seed(data: Any) -> None:
    assert (data.agency_name, data.year, data.era) == ("一平浪镇", 2022, "2021")
    assert data.value("table2", "penalty", "decisions") == 1


@pytest.mark.parametrize(("label", "encode"), [
    ("utf-8", lambda t: t.encode("utf-8")),
    ("utf-8 BOM", lambda t: t.encode("utf-8-sig")),
    ("GBK", lambda t: t.encode("gbk")),
    ("GB18030", lambda t: t.encode("gb18030")),
    ("GB18030 with a character outside GBK", lambda t: (t + "\n附注：𠀀").encode("gb18030")),
    ("UTF-16 LE BOM", lambda t: t.encode("utf-16")),  # the codec writes a little-endian BOM
    ("UTF-16 BE BOM", lambda t: b"\xfe\xff" + t.encode("utf-16-be")),
    ("UTF-16 LE without BOM", lambda t: t.encode("utf-16-le")),
    ("UTF-16 BE without BOM", lambda t: t.encode("utf-16-be")),
    ("UTF-32 BOM", lambda t: t.encode("utf-32")),
    ("GBK with CRLF", lambda t: t.replace("\n", "\r\n").encode("gbk")),
])
def test_encodings_are_read(label: str, encode: Callable[[str], bytes]) -> None:
    raw = encode(SEED_TEXT)
    kind, data, _problems = ingest_bytes("report.txt", raw)
    assert kind == "text", label
    _assert_seed(data)


def test_encoding_refusals_are_clear() -> None:
    with pytest.raises(UnreadableFile, match="UTF-16"):
        decode_text(b"\xff\xfe" + SEED_TEXT.encode("utf-16-le") + b"\x00")  # truncated mid-character
    with pytest.raises(UnreadableFile, match="不是文本文件"):
        decode_text(bytes(range(256)) * 16)
    with pytest.raises(UnreadableFile, match="UTF-8、GBK/GB18030、UTF-16"):
        decode_text(b"\x80\xff" * 2000)


# ---------------------------------------------------------------- size caps and memory


def test_oversize_text_is_refused_unread_in_bounded_memory(tmp_path: Path) -> None:
    # 200 MB of text took 1.6 GB before; the cap refuses it from its size, without reading it.
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(200 * MiB)
    tracemalloc.start()
    try:
        result = ingest_file(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.error is not None and "超过上限" in result.error
    assert peak < 2 * MiB, f"refusing a 200 MB file allocated {peak / MiB:.1f} MB"


def test_text_at_the_cap_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Under the cap the file is read in chunks and parsed; memory is a small multiple of the cap.
    monkeypatch.setattr(readers, "MAX_TEXT_BYTES", 2 * MiB)
    path = tmp_path / "padded.txt"
    line = "本机关按照《条例》要求做好政府信息公开工作，并持续完善。\n".encode()
    path.write_bytes(SEED_2022.read_bytes() + line * (2 * MiB // len(line) - 400))
    tracemalloc.start()
    try:
        result = ingest_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.ok, result.error
    assert peak < 40 * MiB, f"a 2 MB text file took {peak / MiB:.0f} MB"
    path.write_bytes(path.read_bytes() + line * 1000)  # now over the cap
    assert "超过上限" in (ingest_file(path).error or "")


def test_growing_or_endless_input_is_cut_at_the_cap() -> None:
    # A character device reports size 0 and never ends: refused as not a regular file, nothing read.
    result = ingest_file("/dev/zero")
    assert result.error == "不是普通文件（设备、管道或套接字），未读取"


def test_pdf_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = report_pdf(report_html(TITLE, PARTS, "2021", TABLES))
    monkeypatch.setattr(readers, "MAX_PDF_PAGES", 0)
    with pytest.raises(UnreadableFile, match="超过上限 0 页"):
        ingest_bytes("r.pdf", pdf)


def test_pdf_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = report_pdf(report_html(TITLE, PARTS, "2021", TABLES))
    monkeypatch.setattr(readers, "PDF_TIME_BUDGET_SECONDS", -1.0)
    with pytest.raises(UnreadableFile, match="秒仍未完成"):
        ingest_bytes("r.pdf", pdf)


def test_character_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_CHARS", 500)
    with pytest.raises(UnreadableFile, match="万字"):
        ingest_bytes("r.docx", report_docx(TITLE, PARTS, "2021", TABLES))
    with pytest.raises(UnreadableFile, match="万字"):
        ingest_bytes("r.txt", SEED_2022.read_bytes())


# ---------------------------------------------------------------- the bad-input table through the CLI


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def bad_inputs(root: Path) -> list[Path]:
    """Write the bad inputs under ``root``; returns every path the CLI will be given."""
    root.mkdir(parents=True, exist_ok=True)
    good_docx = report_docx(TITLE, PARTS, "2021", TABLES)
    good_pdf = report_pdf(report_html(TITLE, PARTS, "2021", TABLES))
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "zero.pdf": b"",
        "zero.docx": b"",
        "zero.html": b"",
        "blank_lines.txt": b"\n\n\r\n   \n",
        "bom_only.txt": b"\xef\xbb\xbf",
        "utf16_bom_only.txt": b"\xff\xfe",
        "binary.txt": bytes(range(256)) * 8,
        "random.bin": os.urandom(4096),
        "noextension": os.urandom(1000) + b"\x00" * 100,
        "truncated.docx": good_docx[: len(good_docx) // 2],
        "truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "pdf_header_only.pdf": b"%PDF-1.7\n",
        "pdf_garbage.pdf": b"%PDF-1.7\n" + os.urandom(2000),
        "bomb.docx": docx_bomb(100),
        "lying.docx": lying_docx(),
        "pdfbomb.pdf": pdf_bomb(150),
        "traversal.docx": _zip({"[Content_Types].xml": b"<Types/>", "../../evil.xml": b"x"}),
        "bzip2.docx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>" * 100},
                           zipfile.ZIP_BZIP2),
        "many_members.docx": _zip({f"p{i}.xml": b"" for i in range(1500)}),
        "not_a_docx.docx": _zip({"hello.txt": b"hello"}),
        "broken_xml.docx": _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
        "xlsx_renamed.docx": _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        "zip_head_only.docx": b"PK\x03\x04" + b"\x00" * 50,
        "docx_named.txt": good_docx[: len(good_docx) // 3],
        "pdf_named.html": good_pdf[: len(good_pdf) // 3],
        "png_named.pdf": b"\x89PNG\r\n\x1a\n" + os.urandom(500),
        "jpeg.jpg": b"\xff\xd8\xff\xe0" + os.urandom(500),
        "ole.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000,
        "gzip.txt": b"\x1f\x8b\x08\x00" + os.urandom(300),
        "elf": b"\x7fELF\x02\x01\x01" + b"\x00" * 2000,
        "huge_line.txt": b"x" * (9 * MiB),
        "long_line.txt": ("年" * (1_500_000)).encode(),
        "over_cap.html": b"<html><body>" + b"<p>a</p>" * (MiB + 100) + b"</body></html>",
        "numbers.txt": b"1 2 3 4 5\n" * 100,
        "no_year.txt": "政府信息公开\n一、总体情况\n本机关依法公开。\n".encode(),
        "menu.html": "<html><body><p>首页</p><p>关于我们</p></body></html>".encode(),
        "script_only.html": b"<html><head><script>alert(1)</script></head></html>",
        "deep_junk.html": b"<div>" * 50_000 + b"x",
        "nested_tables.html": b"<table><tr><td>" * 3000,
        "many_elements.html": b"<html><body>" + b"<i>" * 150_000,
        "bad_charset.html": b'<html><head><meta charset="x-no-such-charset"></head><body>\xff\xfe\x80</body></html>',
        "malformed.csv": b'path,agency\n"unterminated,\x00\x01\n' * 50,
        "csv_semicolon.csv": "机关;年度\n某局;2022\n".encode("gbk"),
        "latin1.txt": "Caf\xe9 r\xe9sum\xe9 na\xefve\n".encode("latin-1") * 50,
        "utf32_nobom.txt": SEED_TEXT[:500].encode("utf-32-le"),
        "utf16_truncated.txt": b"\xff\xfe" + SEED_TEXT[:300].encode("utf-16-le") + b"\x00",
        "mixed_binary.txt": SEED_TEXT[:2000].encode() + bytes(range(32)) * 20,
        "nul_file.txt": b"\x00" * 5000,
        "crlf_only.txt": b"\r\n" * 100,
        "name\nwith newline.txt": b"\x00binary",
        "tab_separated.txt": b"a\tb\tc\n" * 50,
    }
    paths: list[Path] = []
    for name, data in files.items():
        p = root / name
        p.write_bytes(data)
        paths.append(p)
    weird = root / os.fsdecode(b"bad-\xff\xfe-name.txt")  # a name that is not UTF-8
    weird.write_bytes(b"\x00\x01")
    paths.append(weird)
    fifo = root / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    paths.append(fifo)
    dangling = root / "dangling.txt"
    dangling.symlink_to(root / "nowhere.txt")
    paths.append(dangling)
    loop = root / "loop.txt"
    loop.symlink_to(loop)
    paths.append(loop)
    paths.append(root / "missing.pdf")
    paths.append(root / ("长" * 300 + ".txt"))  # name too long
    paths.append(root / "empty.txt" / "child.txt")  # a file used as a directory
    paths.append(Path("/dev/null"))
    paths.append(Path("/dev/zero"))
    if os.geteuid() != 0:  # root reads anything, so this case only bites an ordinary user
        locked = root / "locked.txt"
        locked.write_bytes(SEED_2022.read_bytes())
        locked.chmod(0)
        paths.append(locked)
    return paths


@pytest.fixture(scope="module")
def bad_paths(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return bad_inputs(tmp_path_factory.mktemp("bad"))


def _error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("错误 ")]


def test_cli_bad_input_table(tmp_path: Path, bad_paths: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert len(bad_paths) >= 50
    good = tmp_path / "good.txt"
    good.write_bytes(SEED_TEXT.encode("gbk"))
    half = len(bad_paths) // 2
    args = [str(p) for p in bad_paths[:half]] + [str(good)] + [str(p) for p in bad_paths[half:]]
    out = tmp_path / "out.jsonl"
    call_command("ingest", *args, "--out", str(out), "--csv", str(tmp_path / "out.csv"), "--no-progress")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = _error_lines(err)
    assert len(lines) == len(bad_paths), "\n".join(lines)
    for line in lines:
        message = line.rsplit(": ", 1)[-1]
        assert CJK.search(message), line
        assert not ENGLISH_ERROR.search(message), line
    # One line per bad file, and the good file in the middle was read.
    for p in bad_paths:
        shown = p.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace").replace("\n", "\\n")
        assert sum(shown in line for line in lines) >= 1, shown
    results = out.read_text(encoding="utf-8").splitlines()
    assert len(results) == 1 and '"year": 2022' in results[0]
    assert f"成功 1，出错 {len(bad_paths)}" in err


def test_cli_exit_code_when_nothing_read(tmp_path: Path, bad_paths: list[Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", *[str(p) for p in bad_paths[:10]], "--no-progress")
    assert exit_info.value.code == 1
    assert len(_error_lines(capsys.readouterr().err)) == 10
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", str(empty_dir), "--no-progress")
    assert exit_info.value.code == 1
    assert "没有找到可读取的文件" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["/nonexistent-dir/x/out.jsonl", "/proc/version", "{tmp}"])
def test_cli_unwritable_output_is_one_line(tmp_path: Path, out: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        call_command("ingest", str(SEED_2022), "--out", out.format(tmp=tmp_path), "--no-progress")
    assert exit_info.value.code == 2
    lines = _error_lines(capsys.readouterr().err)
    assert len(lines) == 1 and "无法写入" in lines[0] and not ENGLISH_ERROR.search(lines[0])


def _run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.test",
           "GONGKAI_DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-c", "from gongkai.cli import main; main()", "ingest", *args],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)


def test_cli_process_never_ends_in_a_traceback(tmp_path: Path, bad_paths: list[Path]) -> None:
    # The real console command: exit codes and stderr as an operator sees them.
    r = _run_cli(tmp_path, *[str(p) for p in bad_paths], "--no-progress")
    assert r.returncode == 1, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    assert len(_error_lines(r.stderr)) == len(bad_paths)
    r = _run_cli(tmp_path, str(SEED_2022), "--out", "/nonexistent-dir/out.jsonl", "--no-progress")
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(_error_lines(r.stderr)) == 1
    r = _run_cli(tmp_path, str(SEED_2022), "--no-progress")
    assert r.returncode == 0 and '"era": "2021"' in r.stdout
