"""Ingest benchmark: text reports per second and peak memory over 1,000 files; PDFs per second.

Run: `.venv/bin/python bench/ingest_bench.py` (temp directory; nothing else touched). Generates 1,000
text reports varied from the seed reports (narrative reports with other names and years, 2021-format
reports with random but consistent tables flattened one cell per line or as `|` rows, crawler one-line
pages whose Table 3 rows are glued digit runs, pre-2019 统计表 reports) plus corrupt ones (binary, empty,
not a report), runs `gongkai ingest DIR --out FILE` in a
subprocess, and reads the child's peak RSS from `wait4`. The same run over the first quarter of the
files shows whether memory stays flat as the batch grows. A batch of PDFs (drawn with WeasyPrint
from the same figures) gives PDFs per second. Writes the "## Ingest" section of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._results import write_section  # noqa: E402

SEEDS = ROOT / "tests" / "ingest" / "fixtures"
N_FILES = 1000
N_PDF = 24


def table3_values(rng: random.Random) -> dict[tuple[str, str], int]:
    from gongkai.formats import get_format
    from gongkai.formats.shared import TABLE3_APPLICANT_COLUMNS, table3_leaf_keys

    fmt = get_format("2021")
    leaves = table3_leaf_keys(era="2021")
    vals: dict[tuple[str, str], int] = {}
    for col in TABLE3_APPLICANT_COLUMNS:
        for leaf in leaves:
            vals[(leaf, col)] = rng.choice([0, 0, 0, 1, 2, 5]) if col in ("natural_person", "commercial") else 0
        total = sum(vals[(leaf, col)] for leaf in leaves)
        carried = rng.randint(0, 3)
        forward = rng.randint(0, 3)
        vals[("total", col)] = total
        vals[("carried_over", col)] = carried
        vals[("carry_forward", col)] = forward
        vals[("new_received", col)] = total + forward - carried if total + forward >= carried else 0
        if total + forward < carried:
            vals[("carried_over", col)] = total + forward
    for _b, row in fmt.table("table3").rows():
        vals[(row.key, "total")] = sum(vals[(row.key, c)] for c in TABLE3_APPLICANT_COLUMNS)
    return vals


def tables_2021_text(rng: random.Random, pipes: bool) -> str:
    from gongkai.formats import get_format

    fmt = get_format("2021")
    t3 = table3_values(rng)
    lines: list[str] = ["二、主动公开政府信息情况"]
    for block in fmt.table("table2").blocks:
        lines.append(f"第二十条第({block.caption[-3] if block.caption else ''})项")
        for row in block.rows:
            cells = [str(rng.randint(0, 40)) for _c in block.row_columns(row)]
            lines.append(" | ".join([row.label, *cells]) if pipes else "\n".join([row.label, *cells]))
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.append("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    block3 = fmt.table("table3").blocks[0]
    for row in block3.rows:
        cells = [str(t3[(row.key, c.key)]) for c in block3.columns]
        label = row.label.replace("（", "(").replace("）", ")")  # half-width, as many sites print
        lines.append(" | ".join([label, *cells]) if pipes else "\n\n".join([label, *cells]))
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.append("行政复议")
    lines.append("\n".join(["0"] * 15))
    return "\n".join(lines)


def get_format_2021():  # type: ignore[no-untyped-def]
    from gongkai.formats import get_format

    return get_format("2021")


def make_files(folder: Path, n: int, rng: random.Random) -> int:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    bad = 0
    for i in range(n):
        r = i % 50
        path = folder / f"d{i % 20:02d}" / f"r{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        year = 2014 + i % 10
        name = f"测试县第{i}镇"
        if r == 0:
            path.write_bytes(os.urandom(4096))
            bad += 1
        elif r == 1:
            path.write_text("首页\n关于我们\n联系我们\n", encoding="utf-8")
            bad += 1
        elif r < 15:
            text = seeds[i % 2].replace("甘州区三闸镇2018年", f"{name}{year}年").replace(
                "榕江县民政局2019年", f"{name}{year}年").replace("174条", f"{150 + r}条")
            path.write_text(text, encoding="utf-8")
        elif r < 20:
            # Crawler text: header fields and the whole body on one line, Table 3 rows glued into digit runs
            # that the constraint search must split ("831000185" = 83|1|0|0|0|1|85).
            t3 = table3_values(rng)
            block3 = get_format_2021().table("table3").blocks[0]
            rows = " ".join(row.label + "".join(str(t3[(row.key, c.key)]) for c in block3.columns)
                            for row in block3.rows)
            path.write_text(f"标题:{name}{2021 + i % 4}年政府信息公开工作年度报告 发布时间:2022-01-20 来源:{name} "
                            f"一、总体情况 本年度我镇主动公开政府信息{40 + r}条。 三、收到和处理政府信息公开申请情况 "
                            f"{rows} 五、存在的主要问题及改进情况 无。", encoding="utf-8")
        elif r < 40:
            head = (f"首页 >> 信息公开\n{name}{2021 + i % 4}年政府信息公开工作年度报告\n一、总体情况\n"
                    f"本年度政府网站发布信息{r}条。\n")
            tail = ("\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n未收取信息处理费。\n"
                    "上一条:无\n版权所有:测试")
            path.write_text(head + tables_2021_text(rng, pipes=r % 2 == 0) + tail, encoding="utf-8")
        else:
            rows = [("政府信息公开情况统计表", "", ""), ("一、主动公开情况", "——", "——"),
                    ("(一)主动公开政府信息数", "条", str(rng.randint(10, 500))),
                    ("三、依申请公开情况", "——", "——"), ("(一)收到申请数", "件", "2"), ("1.当面申请数", "件", "2"),
                    ("四、行政复议数量", "件", "0"), ("五、行政诉讼数量", "件", "0")]
            body = "\n".join(" | ".join(x) for x in rows)
            path.write_text(f"{name}2017年政府信息公开工作年度报告\n一、概述\n" + body, encoding="utf-8")
    return bad


def run_ingest(folder: Path, out: Path, env: dict[str, str]) -> tuple[float, int, str]:
    cmd = [sys.executable, "-m", "django", "ingest", str(folder), "--out", str(out), "--no-progress"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, usage.ru_maxrss // 1024, err


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.config.settings.test")
    import django

    django.setup()
    tmp = Path(tempfile.mkdtemp(prefix="gk-ingest-bench-"))
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp), "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.test",
           "PYTHONPATH": str(ROOT)}
    try:
        rng = random.Random(20261123)
        full = tmp / "text"
        bad = make_files(full, N_FILES, rng)
        quarter = tmp / "quarter"
        for d in sorted(full.iterdir())[:5]:
            shutil.copytree(d, quarter / d.name)
        n_quarter = sum(1 for _ in quarter.rglob("*.txt"))
        t_q, rss_q, _ = run_ingest(quarter, tmp / "q.jsonl", env)
        t_full, rss_full, err = run_ingest(full, tmp / "full.jsonl", env)
        error_lines = sum(1 for line in err.splitlines() if line.startswith("错误 "))
        good = sum(1 for _ in (tmp / "full.jsonl").open(encoding="utf-8"))

        from tests.ingest.builders import report_html, report_pdf

        pdf_dir = tmp / "pdf"
        pdf_dir.mkdir()
        t0 = time.perf_counter()
        for i in range(N_PDF):
            vals = {k: str(v) for k, v in table3_values(rng).items()}
            parts: list[str | tuple[str, str]] = ["一、总体情况", "本年度主动公开政府信息120条。",
                                                  "三、收到和处理政府信息公开申请情况", ("table", "table3")]
            html = report_html(f"测试县第{i}局2022年政府信息公开工作年度报告", parts, "2021", {"table3": vals})
            (pdf_dir / f"p{i:03d}.pdf").write_bytes(report_pdf(html))
        t_make_pdf = time.perf_counter() - t0
        t_pdf, rss_pdf, _ = run_ingest(pdf_dir, tmp / "pdf.jsonl", env)
        pdf_good = sum(1 for _ in (tmp / "pdf.jsonl").open(encoding="utf-8"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    marginal = (N_FILES - n_quarter) / (t_full - t_q) if t_full > t_q else float("nan")
    rows = [
        (f"Text reports, {N_FILES} files ({N_FILES - bad} reports of 2021 (line-broken, `|` rows, and crawler"
         f" one-line pages with glued digit runs split by constraint search), pre-2019 and narrative layouts"
         f" + {bad} bad files)",
         f"{t_full:.1f} s, **{N_FILES / t_full:.0f} files/s** with start-up; {good} parsed,"
         f" {error_lines} error lines (one per bad file)"),
        (f"Marginal rate (the {N_FILES - n_quarter} files beyond the first {n_quarter})",
         f"**{marginal:.0f} files/s**"),
        (f"Peak RSS, {N_FILES} files", f"{rss_full} MB"),
        (f"Peak RSS, first {n_quarter} files of the same set",
         f"{rss_q} MB (a quarter of the batch: memory stays flat)"),
        (f"PDF reports (2021 Table 3 drawn by WeasyPrint), {N_PDF} files",
         f"{t_pdf:.1f} s, **{N_PDF / t_pdf:.1f} PDFs/s** with start-up ({pdf_good} parsed); peak RSS {rss_pdf} MB"),
        ("(not part of ingest) drawing those PDFs with WeasyPrint", f"{t_make_pdf:.1f} s"),
    ]
    table = "\n".join(f"| {a} | {b} |" for a, b in rows)
    body = (f"Command: `.venv/bin/python bench/ingest_bench.py` (temp directory; {time.strftime('%Y-%m-%d')}). "
            "Each run is `gongkai ingest DIR --out FILE` in a fresh subprocess (interpreter and Django start-up "
            "included); peak memory is the child's maximum RSS from `wait4`.\n\n| Measure | Result |\n|---|---|\n"
            + table)
    write_section("Ingest", body)
    print(body)


if __name__ == "__main__":
    main()
