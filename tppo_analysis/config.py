"""Every path the project uses, built from the project root, so code runs from any folder."""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(os.environ.get("TPPO_ROOT", Path(__file__).resolve().parents[1]))
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
REJECTS_DIR = PROCESSED_DIR / "rejects"
TEMPLATES_DIR = DATA_DIR / "templates"
BOUNDARIES_DIR = RAW_DIR / "boundaries"
MANIFEST = RAW_DIR / "datapackage.json"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"
REPORTS_CONFIG = PROJ_ROOT / "reports.yaml"
