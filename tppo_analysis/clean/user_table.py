"""One table a user gives (CSV or XLSX), read and cleaned as its kind: what `tppo validate`
and the my_data notebook both do, so the two can never disagree about a file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..raw import spreadsheets
from .kinds import KINDS, clean_as
from .rejects import Cleaned, CleaningError


def read(path: str | Path, kind: str, *, sheet: str | None = None,
         source_file: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Read ``path`` against the template of ``kind``: the rows (text, with their file and
    row numbers) and the warnings a user should see (unknown columns, the sheet chosen ...).
    Raises :class:`spreadsheets.TableError` (or :class:`CleaningError` for an unknown kind)
    in one line."""
    if kind not in KINDS:
        raise CleaningError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    columns = KINDS[kind].TEMPLATE_COLUMNS
    table = spreadsheets.read_table(path, expected=columns, sheet=sheet or None)
    warnings = list(table.warnings)
    df = table.data
    extra = [c for c in df.columns if c != spreadsheets.ROW_COL and c not in columns]
    if extra:
        warnings.append(f"{path}: unknown column(s) {extra} kept in the file but not used "
                        f"(template columns: {columns})")
    df["_file"] = source_file or str(path)
    return df, warnings


def clean(df: pd.DataFrame, kind: str) -> Cleaned:
    """Clean rows that :func:`read` gave as ``kind``."""
    return clean_as(kind, df, source_file=str(df["_file"].iloc[0]) if len(df) else "")


def clean_file(path: str | Path, kind: str, *, sheet: str | None = None,
               source_file: str | None = None) -> tuple[Cleaned, list[str]]:
    """:func:`read` then :func:`clean`: the result and the warnings."""
    df, warnings = read(path, kind, sheet=sheet, source_file=source_file)
    return clean(df, kind), warnings
