"""Fixtures for ingest tests: the seed reports (copied from ../shared/seeds, as published), and tesseract
(skips without it, fails under CI)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED_2018 = FIXTURES / "000_9c431246443ef427.txt"  # 甘州区三闸镇 2018, narrative only
SEED_2019 = FIXTURES / "001_262dcc4a3a2079b1.txt"  # 榕江县民政局 2019, narrative only
SEED_2022 = FIXTURES / "002_dab922a29014b33d.txt"  # 一平浪镇 2022, 2021 format, tables flattened one cell per line
SHANGHAI_2019 = FIXTURES / "shanghai_2019_tables.html"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def tesseract() -> None:
    if shutil.which("tesseract") is None:
        message = "tesseract-ocr is not installed (scripts/system-deps.sh installs it with tesseract-ocr-chi-sim)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
