"""Run the benchmarks, print a table and write benchmarks/results.json.

Usage: ``make bench`` (or ``python benchmarks/run.py [NAME ...]``). Every benchmark records
what it measured and the machine it ran on; targets are checked here, never in the tests.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_clean  # noqa: E402
import bench_import  # noqa: E402
import bench_report  # noqa: E402
import bench_resolve  # noqa: E402

BENCHMARKS = {
    "import": bench_import.run,
    "resolve": bench_resolve.run,
    "clean": bench_clean.run,
    "report": bench_report.run,
}


def machine() -> dict:
    """What the figures were measured on."""
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        mem = f"{kb / 2**20:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if "model name" in line)
    except (OSError, StopIteration):
        pass
    import pandas

    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpu": cpu, "cores": os.cpu_count(), "memory": mem, "pandas": pandas.__version__,
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}", file=sys.stderr)
        return 2
    out_path = HERE / "results.json"
    previous = json.loads(out_path.read_text()) if out_path.exists() else {}
    results = dict(previous.get("results", {}))
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory']}, "
          f"Python {info['python']}")
    for name in names:
        print(f"\n== {name}")
        results[name] = BENCHMARKS[name]()
        for row in results[name]:
            target = f"  (target {row['target']}: {'met' if row.get('met') else 'NOT met'})" \
                if row.get("target") else ""
            print(f"  {row['what']:<58} {row['value']:>12} {row['unit']}{target}")
    out_path.write_text(json.dumps({"machine": info, "results": results}, indent=2) + "\n")
    print(f"\nwritten {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
