"""Start-up costs in a fresh interpreter: ``import tppo_analysis`` (+ geography; target
< 1.5 s) and the wall time of ``tppo validate`` on the shipped roster (#13 aims for 1 s), with
what its imports cost (pandas, pandera) measured in the same run."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROSTER = Path(__file__).resolve().parents[1] / "data" / "raw" / "roster" / "coverage_roster.csv"


def _import_time(modules: str) -> float:
    code = (f"import time; t=time.perf_counter(); import {modules}; "
            "print(time.perf_counter()-t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout)


def _validate_time() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tppo_analysis.cli", "validate", "--kind", "coverage",
                    str(ROSTER)], capture_output=True, check=False)
    return time.perf_counter() - t0


def run(repeat: int = 3) -> list[dict]:
    lib = min(_import_time("tppo_analysis, tppo_analysis.geography") for _ in range(repeat))
    pandas = min(_import_time("pandas") for _ in range(repeat))
    pandera = min(_import_time("pandas, pandera.pandas") for _ in range(repeat))
    validate = min(_validate_time() for _ in range(repeat))
    rows = sum(1 for _ in ROSTER.open(encoding="utf-8")) - 1
    return [
        {"what": "import tppo_analysis (+ geography), best of 3", "value": round(lib, 3),
         "unit": "s", "target": "< 1.5 s", "met": lib < 1.5},
        {"what": f"tppo validate of the roster ({rows} rows), wall time, best of 3",
         "value": round(validate, 2), "unit": "s", "target": "<= 1 s", "met": validate <= 1},
        {"what": "of which importing pandas alone", "value": round(pandas, 2), "unit": "s"},
        {"what": "importing pandas + pandera (the schema library)", "value": round(pandera, 2),
         "unit": "s"},
    ]
