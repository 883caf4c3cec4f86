"""The kinds of table the project cleans, each with its spec: the one mapping from a kind's
name to its cleaning, for `tppo clean`, `tppo validate` and the notebooks."""

from __future__ import annotations

from datetime import date

import pandas as pd

from . import cases, coverage
from .cleaner import clean
from .rejects import Cleaned, CleaningError

KINDS = {"coverage": coverage, "cases": cases}


def clean_as(kind: str, raw: pd.DataFrame, *, source_file: str = "",
             today: date | None = None) -> Cleaned:
    """Clean rows (template columns, text) as ``kind`` (coverage or cases)."""
    if kind not in KINDS:
        raise CleaningError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return clean(raw, KINDS[kind].SPEC, source_file=source_file, today=today)
