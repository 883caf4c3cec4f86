"""Re-express tables in another code-list edition, for time series across the 2022 Papua split.

Cleaned tables carry today's codes (edition 2025). To compare with 34-province figures:

* **Counts** (a value per area) of the new Papua provinces are *added* to their 2021 parents:
  Papua Selatan, Papua Tengah and Papua Pegunungan into Papua (91); Papua Barat Daya into
  Papua Barat (92). Kab/kota are only recoded (91.01 Merauke in 2021 is 93.01 today).
* **Statuses** (formed / in process / not formed) are never inherited or merged: a task force
  of Papua Selatan is not a task force of the old Papua. Re-expressed in 2021, the old Papua's
  status is the status of Papua (91) itself; the new provinces' rows are returned separately
  as not expressible, with the reason.
* The other way (2021 -> 2025) a province count cannot be split; use kab/kota data and
  :func:`kabkota_to_provinces` instead.
"""

from __future__ import annotations

import pandas as pd

from . import codes


def _province_map(to_edition: str) -> dict[str, str]:
    xw = codes.crosswalk(codes.CURRENT_EDITION, to_edition, "province")
    return dict(zip(xw["from_code"], xw["to_code"], strict=True))


def _kabkota_map(to_edition: str) -> dict[str, str]:
    xw = codes.crosswalk(codes.CURRENT_EDITION, to_edition, "kabkota")
    return dict(zip(xw["from_code"], xw["to_code"], strict=True))


def to_edition(df: pd.DataFrame, edition: str, *, value_col: str | None = None,
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Re-express a table with today's ``area_code`` (and ``level``) in ``edition``.

    With ``value_col`` the table holds counts: province rows are recoded and summed within
    every combination of the other columns. Without it the table holds statuses: rows of the
    new provinces (absent from ``edition``) are returned as the second frame with a
    ``reason``. Returns ``(re-expressed, not_expressible)``; rows in = rows out of both
    (before summing).
    """
    ed = str(edition)
    prov_map, reg_map = _province_map(ed), _kabkota_map(ed)
    out = df.copy()
    prov = out["level"] == "province"
    kab = out["level"] == "kabkota"
    new_codes = out["area_code"].copy()
    new_codes[prov] = out.loc[prov, "area_code"].map(prov_map)
    new_codes[kab] = out.loc[kab, "area_code"].map(reg_map)
    out["area_code"] = new_codes
    if "province_code" in out.columns:
        out.loc[prov | kab, "province_code"] = out.loc[prov | kab, "area_code"].str[:2]
    names = dict(zip(codes.provinces()["code"], codes.provinces()["name"], strict=True))
    if "area_name" in out.columns:
        out.loc[prov, "area_name"] = out.loc[prov, "area_code"].map(names)
    out["edition"] = ed
    if value_col is None:
        moved = prov & (df["area_code"] != out["area_code"])
        dropped = df[moved].copy()
        dropped["reason"] = [f"{codes.region_name(c)} did not exist in edition {ed}; its "
                             f"status is not the status of {names[prov_map[c]]}"
                             for c in dropped["area_code"]]
        return out[~moved].reset_index(drop=True), dropped.reset_index(drop=True)
    keys = [c for c in out.columns if c not in (value_col, "area_name", "source_row", "note")]
    summed = out.groupby(keys, dropna=False, sort=True)[value_col].sum(min_count=1)
    merged = out.groupby(keys, dropna=False, sort=True)["area_code"].size().rename("n_merged")
    result = pd.concat([summed, merged], axis=1).reset_index()
    if "area_name" in out.columns:
        result["area_name"] = result["area_code"].map(names).fillna(
            result["area_code"].map(dict(zip(out["area_code"], out["area_name"], strict=False))))
    return result, df.iloc[0:0].assign(reason=pd.Series(dtype=str))


def kabkota_to_provinces(df: pd.DataFrame, edition: str, value_col: str) -> pd.DataFrame:
    """Sum kab/kota values (today's codes) to the provinces of ``edition``: the honest route
    from kab/kota data to any edition's provinces. Returns area_code, value, n_kabkota."""
    ed = str(edition)
    reg_map = _kabkota_map(ed)
    kab = df[df["level"] == "kabkota"].copy()
    kab["area_code"] = kab["area_code"].map(reg_map).str[:2]
    out = kab.groupby("area_code", sort=True)[value_col].agg(["sum", "size"]).reset_index()
    return out.rename(columns={"sum": value_col, "size": "n_kabkota"}).assign(edition=ed)
