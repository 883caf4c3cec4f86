"""Work done once per distinct value (or distinct row of a few columns) and spread back to
every row: a million rows of a few thousand spellings cost the spellings.

Text the cleaner only compares, groups and sorts rides as a pandas ``Categorical`` (integer
codes and the distinct values); :func:`text_at` turns it back into a string column once, for
the rows and the order of the output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from .rejects import Rejects


def map_unique(values: pd.Series, func: Callable, *, category: bool = False,
               missing: object = None, factorized: tuple | None = None) -> pd.Series:
    """``values.map(func)`` computed once per distinct value; a missing value gives
    ``missing``.

    Returns an object Series, or with ``category`` a categorical one (what the results are
    compared, grouped and sorted by costs their codes, not their text). ``factorized``:
    ``pd.factorize(values)`` when already at hand."""
    codes, uniques = factorized or pd.factorize(values, use_na_sentinel=True)
    mapped = [func(u) for u in uniques]
    if category:
        return spread_category([*mapped, missing], np.where(codes < 0, len(mapped), codes),
                               values.index)
    # code -1 (a missing value) takes the last element; a Series keeps tuples whole
    out = pd.Series([*mapped, missing], dtype=object).to_numpy()[codes]
    return pd.Series(out, index=values.index, dtype=object)


def spread_category(values: Sequence, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``values[codes]`` as a categorical Series (code -1, and ``None`` values, missing);
    the categories are the distinct values, sorted, so codes sort as the text does."""
    vcodes, cats = pd.factorize(pd.Series(list(values), dtype=object), sort=True,
                                use_na_sentinel=True)
    vcodes = np.append(vcodes, -1)  # code -1 of a row: missing
    cats = pd.Index(cats, dtype="string") if len(cats) and all(
        isinstance(c, str) for c in cats) else pd.Index(cats)
    return pd.Series(pd.Categorical.from_codes(vcodes[codes], categories=cats), index=index)


def as_category(values: pd.Series) -> pd.Series:
    """A text column as a categorical one (unchanged when it already is, or is not text)."""
    if isinstance(values.dtype, pd.CategoricalDtype) or not pd.api.types.is_string_dtype(
            values.dtype):
        return values
    codes, cats = pd.factorize(values, sort=True, use_na_sentinel=True)
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(cats)),
                     index=values.index)


def text_at(values: pd.Series, positions: np.ndarray) -> pd.Series:
    """``values.iloc[positions]``, and a categorical column back as a string column (taken
    from its few distinct values: cheaper than taking a million strings)."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values.iloc[positions]
    cat = values.array
    text = pd.array(np.asarray(cat.categories, dtype=object), dtype="string")
    return pd.Series(text.take(cat.codes[positions], allow_fill=True),
                     index=values.index[positions])


def column_codes(values: pd.Series) -> tuple[np.ndarray, int]:
    """A column's integer codes (-1 for missing) and how many distinct values it has:
    a categorical column's own codes, else factorized."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(dtype=np.int64), len(values.cat.categories)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int64), len(uniques)


def group_codes(df: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """One integer per row, equal for rows equal on ``columns`` (missing equals missing),
    numbered in order of first appearance: the columns' codes combined arithmetically,
    renumbered densely before the product could overflow."""
    combined, span = np.zeros(len(df), dtype=np.int64), 1
    for col in columns:
        codes, k = column_codes(df[col])
        if span * (k + 1) >= 2**62:
            combined, uniques = pd.factorize(combined)
            span = len(uniques)
        combined = combined * (k + 1) + codes + 1
        span *= k + 1
    codes, _ = pd.factorize(combined)
    return np.asarray(codes, dtype=np.intp)


def shared_groups(df: pd.DataFrame, columns: Sequence[str], at: np.ndarray | None = None,
                  codes: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The rows equal on ``columns`` to at least one other row: their positions and group
    codes (numbered in order of first appearance).

    ``at`` and ``codes`` start from some rows already grouped. The columns' codes are
    combined arithmetically; rows that match no other row are dropped (a hash pass, no
    renumbering) only when the product of the columns' sizes could overflow, and at the
    end, so the group codes are computed for the few rows that share them."""
    at = np.arange(len(df)) if at is None else at
    combined = np.zeros(len(at), np.int64) if codes is None else np.asarray(codes, np.int64)
    span = int(combined.max(initial=-1)) + 1

    def prune() -> None:
        nonlocal at, combined, span
        shared = pd.Series(combined).duplicated(keep=False).to_numpy()
        at = at[shared]
        combined, uniques = pd.factorize(combined[shared])
        span = len(uniques)

    for col in columns:
        values = df[col]
        part, k = column_codes(values.iloc[at] if len(at) < len(df) else values)
        if span * (k + 1) >= 2**62:
            prune()
            part, k = column_codes(values.iloc[at])
        combined = combined * (k + 1) + part + 1
        span *= k + 1
    prune()
    return at, np.asarray(combined, dtype=np.intp)


def _ranks(values: pd.Series) -> tuple[np.ndarray, int]:
    """Each row's rank in sort order (missing last) and how many ranks there are: categorical
    columns by their categories' order (as pandas sorts them), whole numbers by value, other
    columns by their sorted distinct values."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, k = values.cat.codes.to_numpy(dtype=np.int64), len(values.cat.categories)
    elif pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.is_bool_dtype(
            values.dtype):
        missing = values.isna().to_numpy()
        numbers = values.to_numpy(dtype=np.int64, na_value=0)
        low = int(numbers[~missing].min(initial=0))
        high = int(numbers[~missing].max(initial=0))
        if high - low < 2**40:
            codes, k = numbers - low, high - low + 1
            return np.where(missing, k, codes), k + 1
        codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
        k = len(uniques)
    else:
        codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=True)
        k = len(uniques)
    codes = codes.astype(np.int64)
    return np.where(codes < 0, k, codes), k + 1


def sort_order(df: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """Row positions in the order of ``columns`` (stable, missing last), as
    ``df.sort_values(columns, kind="stable", na_position="last")`` gives them, sorted as one
    integer key: each column's ranks combined, renumbered in order if the key could
    overflow."""
    key, span = np.zeros(len(df), dtype=np.int64), 1
    for col in columns:
        rank, k = _ranks(df[col])
        if span * k >= 2**62:  # renumber the key densely, keeping its order
            uniques, key = np.unique(key, return_inverse=True)
            span = len(uniques)
        key = key * k + rank
        span *= k
    order = np.argsort(key)  # quicker than a stable sort; the same order when no key repeats
    ordered = key[order]
    if (ordered[1:] == ordered[:-1]).any():
        order = np.argsort(key, kind="stable")
    return order


def first_rows(codes: np.ndarray) -> np.ndarray:
    """Position of the first row of each group, for codes numbered in order of first
    appearance (as :func:`group_codes` gives them): the rows whose code exceeds every code
    before them."""
    seen = np.maximum.accumulate(np.concatenate([[-1], codes[:-1]]))
    return np.flatnonzero(codes > seen)


def duplicate_of(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows that repeat an earlier row, for group codes numbered in order of first appearance
    (:func:`group_codes`, :func:`shared_groups`): their positions, and the position of the
    first row each repeats."""
    first = first_rows(codes)
    repeat = np.ones(len(codes), dtype=bool)
    repeat[first] = False
    at = np.flatnonzero(repeat)
    return at, first[codes[at]]


class Distinct:
    """The distinct rows of some columns of a frame: ``rows`` (the first row of each, indexed
    0..k-1) and ``codes`` (for each row of the frame, its distinct row)."""

    def __init__(self, df: pd.DataFrame, columns: Sequence[str]):
        self.codes = group_codes(df, columns)
        self.index = df.index
        self.rows = df[list(columns)].iloc[first_rows(self.codes)].reset_index(drop=True)

    def spread(self, values) -> pd.Series:
        """Per-distinct-row values (array-like of length k) as a Series over every row, of
        the same dtype (an object array stays object: no million-string Arrow column)."""
        if isinstance(values, pd.Series) and not isinstance(values.dtype, np.dtype):
            return pd.Series(values.array.take(self.codes), index=self.index)
        values = np.asarray(values)
        return pd.Series(values[self.codes], index=self.index, dtype=values.dtype)

    def category(self, values) -> pd.Series:
        """Per-distinct-row text as a categorical Series over every row."""
        return spread_category(pd.Series(values).tolist(), self.codes, self.index)

    def reject(self, rej: Rejects, mask, column: str, reason) -> None:
        """``rej.add`` for a check worked out per distinct row: ``mask`` (and ``reason``, when
        it is per distinct row too) spread to every row; nothing when no distinct row is hit."""
        mask = pd.Series(mask).fillna(False).to_numpy(dtype=bool)
        if mask.any():
            if isinstance(reason, pd.Series):
                reason = self.spread(reason.to_numpy(dtype=object))
            rej.add(self.spread(mask), column, reason)
