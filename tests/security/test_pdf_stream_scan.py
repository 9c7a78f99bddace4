"""The PDF stream scan ends on every stream: zlib data followed by trailing bytes once looped forever
(zlib keeps the bytes after the end of its data in ``unconsumed_tail`` and returns nothing for them)."""

from __future__ import annotations

import signal
import zlib
from collections.abc import Iterator

import pytest

from gongkai.core.archives import check_pdf_streams


class _Timeout(Exception):
    pass


@pytest.fixture
def deadline() -> Iterator[None]:
    def _raise(signum: int, frame: object) -> None:
        raise _Timeout("check_pdf_streams did not finish within 5 s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, 5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("size", [1, 65536, 65536 * 3, 100_000])
@pytest.mark.parametrize("trailer", [b"", b"\r\n", b"\n", b"\x00junk\n"])
def test_stream_with_bytes_after_the_zlib_end_is_measured_and_ends(deadline: None, size: int, trailer: bytes) -> None:
    body = zlib.compress(b"x" * size) + trailer
    pdf = b"%PDF-1.4\n1 0 obj<</Filter/FlateDecode>>stream\n" + body + b"endstream\nendobj\n%%EOF"
    assert check_pdf_streams(pdf) == size
