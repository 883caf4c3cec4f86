"""Work once per distinct value: grouping and ordering on integer codes must give exactly what
pandas gives on the text (random frames with ties and missing values; synthetic data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tppo_analysis.clean import distinct


def _frame(seed: int, n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    words = np.array(["b", "a", "c", None, "Ä", ""], dtype=object)
    text = pd.Series(words[rng.integers(0, len(words), n)], dtype="string")
    days = pd.to_datetime(pd.Series(rng.integers(0, 5, n) * 86400 * 10**9)).where(
        rng.random(n) > 0.1)
    return pd.DataFrame({
        "cat": distinct.as_category(pd.Series(words[rng.integers(0, 3, n)], dtype="string")),
        "text": text, "day": days,
        "count": pd.array(np.where(rng.random(n) > 0.1, rng.integers(0, 4, n), None),
                          dtype="Int64"),
        "flag": rng.random(n) > 0.5})


@pytest.mark.parametrize("seed", range(5))
def test_sort_order_is_the_stable_sort_of_pandas(seed):
    df = _frame(seed)
    for cols in (["cat", "text"], ["day", "count", "flag"], ["count", "text", "cat", "day"]):
        expected = df.sort_values(cols, kind="stable", na_position="last").index
        assert list(df.index[distinct.sort_order(df, cols)]) == list(expected)


@pytest.mark.parametrize("seed", range(5))
def test_shared_groups_are_the_rows_pandas_calls_duplicated(seed):
    df = _frame(seed)
    cols = ["cat", "text", "count"]
    at, group = distinct.shared_groups(df, cols)
    assert list(at) == list(np.flatnonzero(df.duplicated(cols, keep=False)))
    # equal group code exactly when equal on the columns
    sub = df.iloc[at][cols].astype(object).fillna("<missing>")
    keys = [tuple(r) for r in sub.itertuples(index=False)]
    for i in range(len(at)):
        for j in range(len(at)):
            assert (group[i] == group[j]) == (keys[i] == keys[j])
    first = distinct.first_rows(group)  # groups are numbered in order of appearance
    for g in set(group):
        assert first[g] == np.flatnonzero(group == g).min()


def test_spread_keeps_object_text_as_object():
    d = distinct.Distinct(pd.DataFrame({"a": ["x", "y", "x"]}, dtype="string"), ["a"])
    why = d.spread(np.array(["no", "yes"], dtype=object))
    assert why.dtype == object and list(why) == ["no", "yes", "no"]
    assert list(d.spread(pd.Series(["p", "q"], dtype="string"))) == ["p", "q", "p"]
