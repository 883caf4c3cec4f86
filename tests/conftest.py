"""Shared fixtures. Test data written here is synthetic and says so."""

from __future__ import annotations

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
