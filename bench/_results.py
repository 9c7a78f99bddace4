"""Writing one benchmark's section of docs/benchmarks.md (each bench owns its `## <Title>` section)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_section(title: str, body: str) -> None:
    """Replace (or append) the `## <title>` section of docs/benchmarks.md with ``body``."""
    path = ROOT / "docs" / "benchmarks.md"
    header = "# Benchmarks\n\nMeasured on the project machine (2 cores).\n"
    text = path.read_text(encoding="utf-8") if path.exists() else header
    block = f"## {title}\n\n{body.strip()}\n\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block
    path.write_text(text, encoding="utf-8")
