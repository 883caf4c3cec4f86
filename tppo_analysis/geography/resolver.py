"""Resolve a column of names or codes of provinces or kab/kota to today's Kemendagri codes.

:func:`resolve` places each distinct (value, province) pair once (:mod:`.match`) and broadcasts
the result, so a million rows of a few thousand spellings cost the spellings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .codes import CODE_SYSTEMS, RegionError, check_edition, check_level, region_name
from .match import MATCH_KINDS, resolve_one

RESOLVE_COLUMNS: tuple[str, ...] = ("input", "code", "name", "match", "candidates", "note")

def resolve(
    values,
    level: str,
    *,
    province=None,
    code_system: str | None = None,
    edition: str | int | None = None,
) -> pd.DataFrame:
    """Resolve names or codes of provinces or kab/kota to today's Kemendagri codes.

    ``values``: any sequence (list, Series, array) of names or codes; ``level``: ``province``
    or ``kabkota`` (however written: ``regency``, ``Kab/Kota``); ``province``: a province
    (name or code) per value, or one for all, to decide homonyms and allow fuzzy kab/kota
    matching; ``code_system``: ``kemendagri``,
    ``bps`` or ``iso3166-2`` when the values are codes (codes are read as Kemendagri when
    dotted, and a bare 2-digit Papua code without its system is ambiguous); ``edition``: the
    code-list edition of the codes (older codes are mapped to today's through the crosswalk).

    Returns one row per input, in order, with columns ``input``, ``code`` (current Kemendagri
    code, missing unless matched), ``name`` (official name), ``match`` (``exact``, ``alias``,
    ``code``, ``fuzzy``, ``ambiguous``, ``unresolved``), ``candidates`` (``|``-separated codes
    for ambiguous or near misses) and ``note`` (why, in words). Each distinct (value,
    province) pair is resolved once.
    """
    lv = check_level(level)
    system = None if code_system is None else str(code_system).lower()
    if system is not None and system not in CODE_SYSTEMS:
        raise RegionError(f"unknown code system {code_system!r}; use one of "
                          f"{', '.join(CODE_SYSTEMS)}")
    ed = None if edition is None else check_edition(edition)
    series = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) \
        else values.astype(object)
    n = len(series)
    prov_codes, prov_notes = _province_filters(province, n) if lv == "kabkota" \
        else (None, None)
    # Resolve each distinct (value, province) once, then broadcast with integer codes: this
    # is what makes a million rows of a few thousand spellings cheap.
    values = series.to_numpy(dtype=object)
    vcodes, vuniq = pd.factorize(values, use_na_sentinel=True)
    if prov_codes is not None and pd.notna(prov_codes).any():
        pcodes, puniq = pd.factorize(prov_codes, use_na_sentinel=True)
        pair = (vcodes.astype(np.int64) + 1) * (len(puniq) + 1) + (pcodes + 1)
        codes, pair_uniq = pd.factorize(pair)
        v_idx = pair_uniq // (len(puniq) + 1) - 1
        p_idx = pair_uniq % (len(puniq) + 1) - 1
        uniques = [("" if vi < 0 else _as_text(vuniq[vi]), None if pi < 0 else puniq[pi])
                   for vi, pi in zip(v_idx, p_idx, strict=True)]
    else:
        codes = vcodes.copy()
        uniques = [(_as_text(v), None) for v in vuniq]
        if (codes < 0).any():  # missing values: one more "unique", the empty string
            codes[codes < 0] = len(uniques)
            uniques.append(("", None))
    cols: dict[str, list] = {c: [] for c in ("code", "name", "match", "candidates", "note")}
    for v, p in uniques:
        r = None
        if p is not None:
            # most spellings place themselves; the province only decides homonyms, mismatches
            # and fuzzy matches, so a clean match inside that province is reused as is
            bare = resolve_one(v, lv, None, system, ed)
            if bare.match in ("exact", "alias", "code") and isinstance(bare.code, str) \
                    and bare.code[:2] == p and not bare.candidates:
                r = bare
        if r is None:
            r = resolve_one(v, lv, p, system, ed)
        note = r.note
        if p is not None and isinstance(r.code, str) and r.code[:2] != p:
            note = "; ".join(x for x in (note, f"province given as {region_name(p)}, its "
                             f"area before the 2022 Papua split; today in "
                             f"{region_name(r.code[:2])}") if x)
        for c, val in zip(cols, (r.code, r.name, r.match, r.candidates, note), strict=True):
            cols[c].append(val)
    out = pd.DataFrame({"input": series.reset_index(drop=True)})
    for c, vals in cols.items():
        out[c] = _take_strings(vals, codes)
    if prov_notes is not None and (prov_notes != "").any():
        extra = pd.Series(prov_notes, index=out.index, dtype="string")
        note = out["note"].fillna("")
        joined = note + pd.Series("; ", index=out.index, dtype="string").where(note != "", "") \
            + extra
        out["note"] = note.where(extra == "", joined)
    return out


def _as_text(value) -> str:
    return "" if _missing(value) else str(value)


def _take_strings(values: list, codes: np.ndarray) -> pd.Series:
    """``values[codes]`` as a string Series (``None`` -> missing), without a Python loop."""
    return pd.Series(pd.array(values, dtype="string").take(codes))


def resolve_summary(result: pd.DataFrame) -> dict[str, object]:
    """Counts by match kind and the distinct unresolved and ambiguous inputs."""
    counts = {k: int((result["match"] == k).sum()) for k in MATCH_KINDS}
    bad = result[result["match"].isin(["unresolved", "ambiguous"])]
    return {
        "rows": len(result),
        **counts,
        "unresolved_values": sorted({str(v) for v in
                                     bad.loc[bad["match"] == "unresolved", "input"]}),
        "ambiguous_values": sorted({str(v) for v in
                                    bad.loc[bad["match"] == "ambiguous", "input"]}),
    }


def _province_filters(province, n: int) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Resolve the province column (scalar or sequence) to current codes for filtering:
    (codes, notes) as arrays, ``None`` where no province is given or it is not placed."""
    if province is None:
        return None, None
    seq = [province] * n if isinstance(province, str) or not _is_sequence(province) \
        else list(province)
    if len(seq) != n:
        raise RegionError(f"province has {len(seq)} values for {n} inputs")
    # each distinct province once (the column is the places' context, not an output)
    vcodes, uniques = pd.factorize(pd.Series(seq, dtype=object), use_na_sentinel=True)
    placed_code: list[str | None] = []
    placed_note: list[str] = []
    for val in uniques:
        r = resolve_one(_as_text(val), "province", None, None, None)
        ok = r.match in ("exact", "alias", "code", "fuzzy") and isinstance(r.code, str)
        placed_code.append(r.code if ok else None)
        placed_note.append("" if ok else f"province {val!r} not resolved, not used")
    # index -1 (a missing province) takes the last element: no code, no note
    codes = np.array([*placed_code, None], dtype=object)[vcodes]
    notes = np.array([*placed_note, ""], dtype=object)[vcodes]
    return codes, notes


def _is_sequence(obj) -> bool:
    return isinstance(obj, (list, tuple, pd.Series, pd.Index)) or hasattr(obj, "__array__")


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))
