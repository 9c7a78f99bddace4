"""Letter files as downloads, for the staff case page and the applicant's status page: DOCX and PDF as
built after the deciding commit, OFD (GB/T 33190) made on request from the stored PDF (ADR 0008)."""

from __future__ import annotations

import io

from django.http import FileResponse, Http404

from gongkai.applications import services
from gongkai.applications.models import Letter

FORMATS = ("pdf", "docx", "ofd")


def letter_response(letter: Letter, fmt: str) -> FileResponse:
    if fmt not in FORMATS:
        raise Http404("no such format")
    if not (letter.docx and letter.pdf) and services.letter_files_build(letter=letter):
        letter.refresh_from_db()  # the build after commit failed or has not run yet: try again now
    source = letter.docx if fmt == "docx" else letter.pdf
    if not source:
        raise Http404("no file")
    filename = f"{letter.title}.{fmt}"
    if fmt != "ofd":
        return FileResponse(source.open("rb"), as_attachment=True, filename=filename)
    from gongkai.core.ofd import pdf_to_ofd

    with source.open("rb") as fh:
        ofd = pdf_to_ofd(fh.read(), title=letter.title, author=letter.application.agency.name,
                         created=letter.issued_on)
    return FileResponse(io.BytesIO(ofd), as_attachment=True, filename=filename, content_type="application/ofd")
