"""Demo data of the standard directories: the county loads the three shipped domains and links the first
education item to its newest published record, so the staff page and the portal show every state."""

from __future__ import annotations

from gongkai.agencies.demo import DemoCounty
from gongkai.catalog.models import Record
from gongkai.core.actors import SYSTEM
from gongkai.directories import selectors, services
from gongkai.directories.declarations import STANDARD_DIRECTORIES
from gongkai.directories.models import DirectoryItem


def load(county: DemoCounty) -> None:
    agency = county.county
    for domain in STANDARD_DIRECTORIES:
        rows, source = services.standard_rows(domain)
        services.directory_import(agency=agency, domain=domain, rows=rows, source=source, actor=SYSTEM)
    record = Record.objects.filter(selectors.current_records(), agency=agency).order_by("-published_on").first()
    item = DirectoryItem.objects.filter(agency=agency, domain="compulsory_education", seq=1).first()
    if record is not None and item is not None:
        services.directory_link(item=item, record=record, actor=SYSTEM)
