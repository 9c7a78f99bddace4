"""Run every benchmark in bench/ (files named *_bench.py), each in its own process; results go to
docs/benchmarks.md. Usage: `.venv/bin/python bench/run.py [name ...]`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    wanted = set(sys.argv[1:])
    status = 0
    for script in sorted(HERE.glob("*_bench.py")):
        if wanted and script.stem.removesuffix("_bench") not in wanted:
            continue
        print(f"== {script.name}", flush=True)
        status |= subprocess.call([sys.executable, str(script)])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
