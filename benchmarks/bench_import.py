"""Time of ``import tppo_analysis`` in a fresh interpreter (target < 1.5 s)."""

from __future__ import annotations

import subprocess
import sys


def run(repeat: int = 3) -> list[dict]:
    code = ("import time; t=time.perf_counter(); import tppo_analysis, "
            "tppo_analysis.geography.regions; "
            "print(time.perf_counter()-t)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(repeat)]
    best = min(times)
    return [{"what": "import tppo_analysis (+ regions), best of 3", "value": round(best, 3),
             "unit": "s", "target": "< 1.5 s", "met": best < 1.5}]
