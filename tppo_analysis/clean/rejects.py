"""The bookkeeping of a cleaning step: the result type and rejects with reasons.

A cleaning step never loses a row: it returns the kept rows, the rejected rows (each with the
file, row, column, value and reason) and a summary, and ``rows in = kept + rejected`` is
checked before it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import OneLineError

REJECT_COLUMNS = ["source_file", "source_row", "column", "value", "reason", "also"]


class CleaningError(OneLineError, ValueError):
    """The input cannot be cleaned at all (e.g. a required column is missing)."""


@dataclass
class Cleaned:
    """Output of a cleaning step: kept rows, rejected rows with reasons, and a summary."""

    kept: pd.DataFrame
    rejected: pd.DataFrame
    summary: dict = field(default_factory=dict)


class Rejects:
    """Collects rejections: every problem of every row. The first problem found is the row's
    ``column``/``value``/``reason``; any further ones are listed in ``also``, so a row with an
    unknown province and an impossible date says both."""

    def __init__(self, source_file: pd.Series, source_row: pd.Series, raw: pd.DataFrame):
        self.file = source_file
        self.row = source_row
        self.raw = raw
        n = len(raw)
        # numpy arrays, positional: a million rows and thirty checks stay cheap (None until a
        # row is rejected: every rejected row gets its reason, column and value)
        self.reason = np.empty(n, dtype=object)
        self.column = np.empty(n, dtype=object)
        self.value = np.empty(n, dtype=object)
        self.also = np.empty(n, dtype=object)
        self.final = np.zeros(n, dtype=bool)  # nothing more to say (empty row)
        self.rejected = np.zeros(n, dtype=bool)

    def add(self, mask: pd.Series, column: str, reason, value=None, final: bool = False
            ) -> None:
        """Reject rows where ``mask`` holds; a row already rejected gets this problem too."""
        hit = np.asarray(mask.fillna(False), dtype=bool) & ~self.final
        if not hit.any():
            return
        if value is None:
            value = self.raw[column] if column in self.raw.columns else ""
        first = hit & ~self.rejected
        more = hit & self.rejected
        if first.any():
            why = _at(reason, first)
            self.reason[first] = why
            self.column[first] = column
            self.value[first] = _at(value, first)
            self.rejected[first] = (pd.Series(why, dtype=object).fillna("").astype(str) != ""
                                    ).to_numpy() if isinstance(reason, pd.Series) else why != ""
            if final:
                self.final[first] = True
        if more.any():  # a further problem of a rejected row
            at = np.flatnonzero(more)
            whys = _at(reason, more)
            whys = whys if isinstance(reason, pd.Series) else [whys] * len(at)
            self.also[at] = [f"{before}; column {column!r}: {why}" if before
                             else f"column {column!r}: {why}"
                             for before, why in zip(self.also[at], whys, strict=True)]

    def adapter_rejects(self, df: pd.DataFrame) -> None:
        """Rows an adapter already marked unusable (column ``_reject``)."""
        if "_reject" in df.columns:
            why = df["_reject"].fillna("").astype(str)
            self.add(why != "", "(row)", why, "", final=True)

    @property
    def mask(self) -> pd.Series:
        return pd.Series(self.rejected, index=self.raw.index)

    def frame(self) -> pd.DataFrame:
        m = self.rejected
        idx = self.raw.index[m]
        also = self.also[m]  # a copy
        also[pd.isna(also)] = ""
        out = pd.DataFrame({
            "source_file": self.file[m], "source_row": self.row[m],
            "column": pd.Series(self.column[m], index=idx),
            "value": pd.Series(self.value[m], index=idx).astype(str),
            "reason": pd.Series(self.reason[m], index=idx),
            "also": pd.Series(also, index=idx)})
        extra = self.raw.loc[m, [c for c in self.raw.columns if not c.startswith("_")]]
        return pd.concat([out, extra.add_prefix("raw_")], axis=1).reset_index(drop=True)


def _at(values, where: np.ndarray):
    """``values`` (a Series aligned with the rows, or a scalar) at the positions ``where``."""
    if isinstance(values, pd.Series):
        return values.iloc[np.flatnonzero(where)].to_numpy(dtype=object)
    return values


def blank(series: pd.Series) -> pd.Series:
    """True where a text cell is missing or only whitespace."""
    return series.isna() | (series.astype("string").str.strip() == "")


def finish(kept: pd.DataFrame, rejects: Rejects, name: str, rows_in: int,
           extra: dict | None = None, rejected: pd.DataFrame | None = None) -> Cleaned:
    """Assemble the result and check that no row was lost (``rejected``: the rejects' table
    when already built)."""
    rejected = rejects.frame() if rejected is None else rejected
    if len(kept) + len(rejected) != rows_in:
        raise AssertionError(f"{name}: {rows_in} rows in but {len(kept)} kept + "
                             f"{len(rejected)} rejected")
    # reasons counted with quoted values masked (once per distinct reason)
    codes, uniques = pd.factorize(rejected["reason"])  # in order of first appearance
    masked = pd.Series(uniques, dtype="string").str.replace(r"'.*?'", "'…'", regex=True)
    counts = pd.Series(np.bincount(codes[codes >= 0], minlength=len(uniques)))
    reasons = counts.groupby(masked.to_numpy(), sort=False).sum().sort_values(
        ascending=False, kind="stable")
    summary = {"step": name, "rows_in": rows_in, "kept": len(kept), "rejected": len(rejected),
               "reject_reasons": {k: int(v) for k, v in reasons.items()}, **(extra or {})}
    return Cleaned(kept.reset_index(drop=True), rejected, summary)
