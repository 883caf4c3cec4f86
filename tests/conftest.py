"""Shared fixtures. Test data written here is synthetic and says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def run_tppo(*args: str, cwd: Path | None = None, env: dict | None = None):
    """Run the CLI in a subprocess (as a user would) and return the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "tppo_analysis.cli", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, env=env, timeout=600)


BUILT = """reports:
  - name: coverage_gt_en
    group: Coverage
    notebook: coverage_by_province.ipynb
    parameters: {body: GT PP-TPPO, lang: en}
  - name: cases_police
    group: Cases
    notebook: cases_vs_coverage.ipynb
    parameters: {dataset: polri-satgas-tppo-anev-bareskrim-polda--police_reports}
  - name: quality
    notebook: data_quality.ipynb
  - name: profile_53
    notebook: province_profile.ipynb
    parameters: {province: "53"}
  - name: profile_31
    notebook: province_profile.ipynb
    parameters: {province: 31, lang: id}
"""


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """A report set built once through the CLI, two notebooks at a time."""
    tmp = tmp_path_factory.mktemp("site")
    cfg = tmp / "r.yaml"
    cfg.write_text(BUILT)
    out = tmp / "reports"
    # with every proxy pointing at a closed port: generating reports needs no network
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "http_proxy": dead, "https_proxy": dead, "HTTP_PROXY": dead,
           "HTTPS_PROXY": dead, "ALL_PROXY": dead, "no_proxy": "", "NO_PROXY": ""}
    res = run_tppo("report", "--config", str(cfg), "--out", str(out), "--jobs", "2", env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    return out
