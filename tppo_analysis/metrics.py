"""Coverage and case metrics from the processed tables (what the maps and reports show).

Status of an area as of a date is the latest evidence dated on or before it (by the last day
of its ``as_of`` period: "2022" counts from 31 Dec 2022). No evidence is ``no_evidence``,
never ``not_formed``: "not found" is not "not formed".
"""

from __future__ import annotations

import pandas as pd

from . import regions

MAP_STATUSES = ("formed", "in_process", "not_formed", "no_evidence")
STATUS_RANK = {"formed": 0, "in_process": 1, "not_formed": 2}


def _as_of(as_of) -> pd.Timestamp:
    return pd.Timestamp(str(as_of)) if as_of is not None else pd.Timestamp.today().normalize()


def area_status(coverage: pd.DataFrame, level: str, body: str, as_of=None) -> pd.DataFrame:
    """Latest status per area of ``level`` (province | kabkota) for ``body`` as of a date.

    Every area of the current code list gets a row: ``area_code``, ``area_name``,
    ``province_code``, ``status`` (one of :data:`MAP_STATUSES`), ``evidence_as_of``,
    ``decree``, ``source``, ``n_sources`` (rows of evidence up to the date), ``conflict``
    (the latest date has sources that disagree), ``note``.
    """
    day = _as_of(as_of)
    areas = regions.provinces() if level == "province" else regions.regencies()
    base = pd.DataFrame({"area_code": areas["code"], "area_name": areas["name"],
                         "province_code": areas["code"].str[:2]})
    ev = coverage[(coverage["level"] == level) & (coverage["body"] == body)
                  & coverage["status"].isin(list(STATUS_RANK))
                  & coverage["as_of_end"].notna() & (coverage["as_of_end"] <= day)].copy()
    ev["rank"] = ev["status"].map(STATUS_RANK)
    ev = ev.sort_values(["area_code", "as_of_end", "rank"], ascending=[True, False, True])
    latest = ev.groupby("area_code", sort=False).head(1).set_index("area_code")
    same_day = ev.merge(latest[["as_of_end"]].reset_index(), on=["area_code", "as_of_end"])
    conflict = same_day.groupby("area_code")["status"].nunique() > 1
    out = base.set_index("area_code")
    out["status"] = latest["status"].reindex(out.index).fillna("no_evidence")
    out["evidence_as_of"] = latest["as_of"].reindex(out.index).fillna("")
    out["decree"] = latest["decree"].reindex(out.index).fillna("")
    out["source"] = latest["source"].reindex(out.index).fillna("")
    out["n_sources"] = ev.groupby("area_code").size().reindex(out.index).fillna(0).astype(int)
    out["conflict"] = conflict.reindex(out.index).fillna(False).astype(bool)
    out["note"] = latest["note"].reindex(out.index).fillna("")
    return out.reset_index()


def kabkota_coverage(coverage: pd.DataFrame, body: str, as_of=None) -> pd.DataFrame:
    """Per province: kab/kota with the body formed (from the roster) over all kab/kota, and
    the latest province-level count of kab/kota where a source states one."""
    status = area_status(coverage, "kabkota", body, as_of)
    g = status.groupby("province_code")
    out = pd.DataFrame({
        "kabkota_total": g.size(),
        "kabkota_formed": g["status"].apply(lambda s: int((s == "formed").sum())),
        "kabkota_with_evidence": g["status"].apply(lambda s: int((s != "no_evidence").sum())),
    })
    day = _as_of(as_of)
    counts = coverage[(coverage["level"] == "province") & (coverage["body"] == body)
                      & (coverage["status"] == "count") & (coverage["counted"] == "kabkota")
                      & coverage["as_of_end"].notna() & (coverage["as_of_end"] <= day)]
    latest = counts.sort_values("as_of_end").groupby("area_code").tail(1).set_index("area_code")
    out["stated_count"] = latest["count"].reindex(out.index)
    out["stated_denominator"] = latest["denominator"].reindex(out.index)
    out["stated_as_of"] = latest["as_of"].reindex(out.index)
    return out.reset_index().rename(columns={"province_code": "area_code"})


def national_series(coverage: pd.DataFrame, body: str | None = None) -> pd.DataFrame:
    """National counts over time: body, counted (province | kabkota), as_of, count,
    denominator, share, source. Conflicting figures of a date are all kept."""
    nat = coverage[(coverage["level"] == "national") & (coverage["status"] == "count")]
    if body:
        nat = nat[nat["body"] == body]
    out = nat[["body", "counted", "as_of", "as_of_end", "edition", "count", "denominator",
               "denominator_source", "approximate", "source"]].copy()
    out["share"] = (out["count"] / out["denominator"]).astype("Float64").round(3)
    return out.sort_values(["body", "counted", "as_of_end"]).reset_index(drop=True)


def cases_per_million(cases: pd.DataFrame, population: pd.DataFrame, *, agency: str,
                      metric: str, period_start: str, period_end: str) -> pd.DataFrame:
    """Province figures of one agency, metric and period, per million population.

    Only rows whose period equals the one asked for are used (figures of other periods or
    agencies are never mixed in). Polda figures keep their jurisdiction note.
    """
    sel = cases[(cases["level"] == "province") & (cases["agency"] == agency)
                & (cases["metric"] == metric)
                & (cases["period_start"] == pd.Timestamp(period_start))
                & (cases["period_end"] == pd.Timestamp(period_end))]
    pop = population[population["level"] == "province"].set_index("area_code")["population"]
    out = sel[["area_code", "area_name", "jurisdiction", "jurisdiction_note", "value",
               "approximate", "source"]].copy()
    out["population"] = out["area_code"].map(pop).astype("Int64")
    out["per_million"] = (out["value"] / out["population"] * 1e6).astype("Float64").round(2)
    return out.sort_values("area_code").reset_index(drop=True)


def suppress(values: pd.Series, k: int = 5) -> tuple[pd.Series, pd.Series]:
    """Small counts (1 .. k-1) hidden: returns (numeric values with them missing, labels where
    they read ``< k``). Zero is not suppressed (it identifies no one)."""
    small = values.notna() & (values > 0) & (values < k)
    shown = values.astype("Float64").mask(small)
    labels = values.astype("string").mask(small, f"< {k}")
    return shown, labels
