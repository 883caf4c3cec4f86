"""`make report` on the default set, once the venv exists: wall time in total and per
notebook, and the size of every HTML report (targets: under 60 s in total on the 2-core
machine; each report under 6 MB). Runs the same two commands as `make report`, into a
temporary folder so reports/ is left alone, then the report again with --png (target: the PNGs
add at most 30 s)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tppo(*args: str) -> float:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "tppo_analysis.cli", *args], cwd=ROOT,
                         capture_output=True, text=True)
    if res.returncode:
        raise RuntimeError(f"tppo {' '.join(args)} failed: {res.stderr[-2000:]}")
    return time.perf_counter() - t0


def run() -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    try:
        out, timings_file = tmp / "reports", tmp / "timings.json"
        clean = _tppo("clean", "--out", str(tmp / "processed"))
        _tppo("clean")  # as make report does, into data/processed
        report = _tppo("report", "--out", str(out), "--timings", str(timings_file))
        timings = json.loads(timings_file.read_text())
        sizes = {p.stem: p.stat().st_size for p in out.glob("*.html") if p.stem != "index"}
        with_png = _tppo("report", "--png", "--out", str(tmp / "with-png"))
        n_png = len(list((tmp / "with-png").glob("*.png")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    total = clean + report
    by_notebook: dict[str, list[float]] = {}
    for name, sec in timings.items():
        key = "province_profile (each)" if name.startswith("province_") else name
        by_notebook.setdefault(key, []).append(sec)
    rows = [{"what": f"make report: tppo clean + tppo report, {len(timings)} reports",
             "value": round(total, 1), "unit": "s", "target": "< 60 s", "met": total < 60},
            {"what": "  of which tppo clean", "value": round(clean, 1), "unit": "s"},
            {"what": f"tppo report --png minus tppo report ({n_png} PNGs)",
             "value": round(with_png - report, 1), "unit": "s", "target": "<= 30 s",
             "met": with_png - report <= 30}]
    for key, secs in by_notebook.items():
        label = f"  {key}: mean of {len(secs)}" if len(secs) > 1 else f"  {key}"
        rows.append({"what": label + " (kernel, run, export; 2 at a time)",
                     "value": round(sum(secs) / len(secs), 2), "unit": "s"})
    biggest = max(sizes, key=sizes.get)
    rows += [{"what": f"largest HTML report ({biggest})", "value": round(sizes[biggest] / 1e6, 2),
              "unit": "MB", "target": "< 6 MB", "met": sizes[biggest] < 6e6},
             {"what": "all HTML reports together", "value": round(sum(sizes.values()) / 1e6, 1),
              "unit": "MB"}]
    for name in ("coverage_gt_en", "cases_police_reports_en", "data_quality", "province_53"):
        if name in sizes:
            rows.append({"what": f"  {name}.html", "value": round(sizes[name] / 1e6, 2),
                         "unit": "MB"})
    return rows
