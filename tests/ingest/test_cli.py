"""`gongkai ingest` over a directory tree with good and bad files: one error line per bad file,
every good file in the JSONL, a CSV, and the batch goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from django.core.management import call_command

from tests.ingest.conftest import SEED_2018, SEED_2019, SEED_2022, SHANGHAI_2019


def make_tree(root: Path) -> tuple[int, list[Path]]:
    seeds = [SEED_2018, SEED_2019, SEED_2022, SHANGHAI_2019]
    good = 0
    for i in range(26):
        src = seeds[i % len(seeds)]
        sub = root / f"batch{i % 3}" / ("deep" if i % 2 else "")
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, sub / f"r{i:02d}{src.suffix}")
        good += 1
    bad = [root / "batch0" / "binary.txt", root / "batch1" / "broken.pdf", root / "batch2" / "broken.docx",
           root / "menu.html", root / "empty.txt"]
    bad[0].write_bytes(bytes(range(256)) * 8)
    bad[1].write_bytes(b"%PDF-1.7\n garbage")
    bad[2].write_bytes(b"PK\x03\x04 not really a zip")
    bad[3].write_text("<html><body><p>首页</p><p>关于我们</p></body></html>", encoding="utf-8")
    bad[4].write_text("\n\n", encoding="utf-8")
    return good, bad


def test_cli_batch(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good, bad = make_tree(tmp_path / "in")
    out, csv_path = tmp_path / "out.jsonl", tmp_path / "out.csv"
    call_command("ingest", str(tmp_path / "in"), "--out", str(out), "--csv", str(csv_path), "--no-progress")
    err = capsys.readouterr().err
    error_lines = [line for line in err.splitlines() if line.startswith("错误 ")]
    assert len(error_lines) == len(bad)
    for b in bad:
        assert sum(str(b) in line for line in error_lines) == 1
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) == good and all(r["ok"] for r in results)
    by_name = {Path(r["path"]).name: r for r in results}
    r = by_name["r02.txt"]  # a copy of the 2022 township report
    assert r["report"]["era"] == "2021" and r["report"]["tables"]["table2"]["penalty|decisions"]["v"] == 1
    assert f"共 {good + len(bad)} 个文件：成功 {good}，出错 {len(bad)}" in err
    csv_text = csv_path.read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("path,agency,year,era,kind")
    assert "由市司法局填报" in csv_text and csv_text.count(",error,") == len(bad)
