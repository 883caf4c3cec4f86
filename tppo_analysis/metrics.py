"""Coverage and case metrics from the processed tables (what the maps and reports show).

Status of an area as of a date is the latest evidence dated on or before it (by the last day
of its ``as_of`` period: "2022" counts from 31 Dec 2022). No evidence is ``no_evidence``,
never ``not_formed``: "not found" is not "not formed".
"""

from __future__ import annotations

import re

import pandas as pd

from . import geography
from .clean.coverage import BODIES

MAP_STATUSES = ("formed", "reforming", "inactive", "in_process", "dissolved", "not_formed",
                "no_evidence")
# Perpres 49/2023 (10 Aug 2023) re-organised the task forces; regions re-form theirs under it
PERPRES_49_2023 = pd.Timestamp("2023-08-10")
# on one day, the strongest claim of existence is shown first (a conflict is flagged anyway)
STATUS_RANK = {"formed": 0, "inactive": 1, "in_process": 2, "dissolved": 3, "not_formed": 4}


def _as_of(as_of) -> pd.Timestamp:
    return pd.Timestamp(str(as_of)) if as_of is not None else pd.Timestamp.today().normalize()


def area_status(coverage: pd.DataFrame, level: str, body: str, as_of=None,
                min_basis: str | None = None) -> pd.DataFrame:
    """Latest status per area of ``level`` (province | kabkota) for ``body`` as of a date.

    Every area of the current code list gets a row: ``area_code``, ``area_name``,
    ``province_code``, ``status`` (one of :data:`MAP_STATUSES`), ``evidence_as_of``,
    ``decree``, ``source``, ``publisher``, ``published``, ``n_sources`` (rows of evidence up
    to the date), ``conflict``
    (the latest date has sources that disagree), ``note``.
    """
    day = _as_of(as_of)
    coverage = strong_evidence(coverage, min_basis)
    areas = geography.provinces() if level == "province" else geography.kabkota()
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
    # formed under the old framework and being formed again under Perpres 49/2023: the body
    # is not gone, it is re-forming ("formed (re-forming)", not "in process")
    if body == "GT PP-TPPO":
        formed_before = ev[(ev["status"] == "formed") & (ev["as_of_end"] < PERPRES_49_2023)
                           ]["area_code"].unique()
        start = latest["as_of_start"] if "as_of_start" in latest else latest["as_of_end"]
        late = start.reindex(out.index) >= PERPRES_49_2023
        again = (out["status"] == "in_process") & late.fillna(False).astype(bool) \
            & out.index.isin(formed_before)
        out.loc[again, "status"] = "reforming"
    out["evidence_as_of"] = latest["as_of"].reindex(out.index).fillna("")
    out["decree"] = latest["decree"].reindex(out.index).fillna("")
    out["basis"] = (latest["basis"].reindex(out.index).astype("string").fillna("")
                    if "basis" in latest else "")
    out["source"] = latest["source"].reindex(out.index).fillna("")
    for col in ("publisher", "published"):
        out[col] = (latest[col].reindex(out.index).astype("string").fillna("")
                    if col in latest else "")
    out["n_sources"] = ev.groupby("area_code").size().reindex(out.index).fillna(0).astype(int)
    out["conflict"] = conflict.reindex(out.index).fillna(False).astype(bool)
    out["note"] = latest["note"].reindex(out.index).fillna("")
    return out.reset_index()


def status_by_year(coverage: pd.DataFrame, level: str, body: str, first: int = 2008,
                   today=None, min_basis: str | None = None) -> pd.DataFrame:
    """:func:`area_status` at the end of every year from ``first`` (Perpres 69/2008) to
    today (the current year as of today): the frames of a coverage timeline. Adds ``year``
    and ``as_of`` (the day each frame stands for)."""
    end = _as_of(today)
    frames = []
    for year in range(first, end.year + 1):
        day = min(pd.Timestamp(year=year, month=12, day=31), end)
        st = area_status(coverage, level, body, day, min_basis)
        frames.append(st.assign(year=year, frame_as_of=day.strftime("%Y-%m-%d")))
    return pd.concat(frames, ignore_index=True)


def strong_evidence(coverage: pd.DataFrame, min_basis: str | None) -> pd.DataFrame:
    """Only the facts whose basis is at least ``min_basis`` (decree > official_statement >
    activity > plan > secondary); facts without a stated basis count as not strong enough.
    ``None`` keeps everything."""
    from .clean.coverage import BASES

    if min_basis in (None, "", "all"):
        return coverage
    if min_basis not in BASES:
        raise ValueError(f"min_basis must be one of {BASES} or 'all', got {min_basis!r}")
    allowed = set(BASES[:BASES.index(min_basis) + 1])
    basis = coverage["basis"] if "basis" in coverage else pd.Series("", index=coverage.index)
    return coverage[basis.isin(allowed) | (coverage["status"] == "count")]


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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60]


def case_datasets(cases: pd.DataFrame) -> pd.DataFrame:
    """Province-level case datasets available for a map: one row per agency, metric and
    period, with an id (``dataset``) and ``period`` (``start/end``) usable as notebook
    parameters, and how many provinces it covers."""
    prov = cases[cases["level"] == "province"]
    g = prov.groupby(["agency", "metric", "period_start", "period_end"], dropna=False)
    out = g.agg(provinces=("area_code", "nunique")).reset_index()
    out["dataset"] = [f"{_slug(a)}--{m}" for a, m in zip(out["agency"], out["metric"], strict=True)]
    out["period"] = [f"{s:%Y-%m-%d}/{e:%Y-%m-%d}" for s, e in
                     zip(out["period_start"], out["period_end"], strict=True)]
    return out.sort_values(["provinces", "period_end"], ascending=[False, False]
                           ).reset_index(drop=True)[
        ["dataset", "period", "agency", "metric", "provinces", "period_start", "period_end"]]


def pick_dataset(cases: pd.DataFrame, dataset: str, period: str = "latest") -> pd.Series:
    """The :func:`case_datasets` row for ``dataset`` and ``period`` (``latest``: the most
    recent period of that dataset); ValueError listing the choices when there is none."""
    ds = case_datasets(cases)
    sel = ds[ds["dataset"] == dataset]
    if sel.empty:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of "
                         f"{sorted(ds['dataset'].unique())}")
    if period != "latest":
        sel = sel[sel["period"] == period]
        if sel.empty:
            raise ValueError(f"dataset {dataset!r} has no period {period!r}; its periods: "
                             f"{ds.loc[ds['dataset'] == dataset, 'period'].tolist()}")
    return sel.sort_values("period_end").iloc[-1]


def cases_beside_coverage(cases: pd.DataFrame, population: pd.DataFrame,
                          coverage: pd.DataFrame, *, dataset: str, period: str = "latest",
                          body: str = "GT PP-TPPO", k: int = 5) -> tuple[pd.DataFrame, dict]:
    """One dataset's province figures beside the province's task-force status at the end of
    the period; counts 1..k-1 are suppressed (``value`` missing, ``value_label`` "< k") and so
    is their rate, which would give the count back. Returns (table, dataset row as dict)."""
    row = pick_dataset(cases, dataset, period)
    tab = cases_per_million(cases, population, agency=row["agency"], metric=row["metric"],
                            period_start=row["period_start"], period_end=row["period_end"])
    shown, label = suppress(tab["value"], k)
    tab["suppressed"] = shown.isna() & tab["value"].notna()
    tab["value_label"] = label
    tab["value"] = shown
    tab["per_million"] = tab["per_million"].mask(tab["suppressed"])
    status = area_status(coverage, "province", body, row["period_end"]).set_index("area_code")
    # every province gets a row: one without a figure is shown as such, never dropped
    provs = geography.provinces()[["code", "name"]].rename(columns={"code": "area_code",
                                                                  "name": "prov_name"})
    tab = provs.merge(tab, on="area_code", how="left")
    tab["area_name"] = tab["area_name"].fillna(tab["prov_name"])
    tab = tab.drop(columns="prov_name")
    tab["suppressed"] = tab["suppressed"].astype("boolean").fillna(False).astype(bool)
    tab["value_label"] = tab["value_label"].fillna("no figure")
    for col in ("jurisdiction", "jurisdiction_note", "source"):
        tab[col] = tab[col].fillna("")
    tab["status"] = tab["area_code"].map(status["status"])
    tab["status_as_of"] = tab["area_code"].map(status["evidence_as_of"])
    return tab, {**row.to_dict(), "k": k, "body": body}


def province_evidence(coverage: pd.DataFrame, code: str) -> pd.DataFrame:
    """Every coverage row about one province (its own bodies and its kab/kota), newest
    first: what a province profile lists with sources."""
    sel = coverage[(coverage["province_code"] == code) | (coverage["area_code"] == code)]
    cols = ["level", "area_name", "body", "status", "count", "denominator", "as_of", "decree",
            "publisher", "source", "quote"]
    return sel.sort_values(["level", "as_of_end"], ascending=[False, False])[cols
                                                                             ].reset_index(drop=True)


def province_bodies(statuses: dict[str, pd.DataFrame], code: str, lang: str = "en"
                    ) -> pd.DataFrame:
    """A province's own bodies: one row per body from :func:`area_status` tables keyed by
    body, with translated status, evidence date, decree and source."""
    from .figures.maps import labels

    lab = labels(lang)
    rows = []
    for body, st in statuses.items():
        r = st.set_index("area_code").loc[code]
        rows.append({"body": body, "status": lab[r["status"]], "evidence_as_of":
                     r["evidence_as_of"], "decree": r["decree"], "sources": r["n_sources"],
                     "conflict": r["conflict"], "source": r["source"],
                     "publisher": r["publisher"], "published": r["published"]})
    return pd.DataFrame(rows)


def kabkota_statuses(coverage: pd.DataFrame, as_of=None, province: str | None = None
                     ) -> dict[str, pd.DataFrame]:
    """:func:`area_status` of every kab/kota (or those of one province) for each body."""
    out = {}
    for body in BODIES:
        st = area_status(coverage, "kabkota", body, as_of)
        out[body] = st if province is None else st[st["province_code"] == province]
    return out


def province_kabkota(statuses: dict[str, pd.DataFrame], lang: str = "en") -> pd.DataFrame:
    """Kab/kota with the status of each body side by side (from :func:`kabkota_statuses`;
    ``no evidence`` where the roster has nothing) and ``has_evidence``."""
    from .figures.maps import labels

    lab = labels(lang)
    out = None
    for body, st in statuses.items():
        st = st[["area_code", "area_name", "status", "evidence_as_of"]].rename(
            columns={"status": body, "evidence_as_of": f"{body} as of"})
        out = st if out is None else out.merge(st, on=["area_code", "area_name"])
    out["has_evidence"] = (out[list(statuses)] != "no_evidence").any(axis=1)
    for body in statuses:
        out[body] = out[body].map(lab)
    return out.reset_index(drop=True)


def province_cases(cases: pd.DataFrame, code: str, k: int = 5) -> pd.DataFrame:
    """Case figures published for a province (and its kab/kota), small counts suppressed:
    ``value`` reads "< k" for counts 1..k-1."""
    sel = cases[(cases["area_code"] == code) | (cases["province_code"] == code)]
    _, label = suppress(sel["value"], k)
    out = sel.assign(value=label)
    out["period"] = (out["period_start"].dt.strftime("%Y-%m-%d") + " to "
                     + out["period_end"].dt.strftime("%Y-%m-%d"))
    return out.sort_values(["period_end", "agency"], ascending=[False, True])[
        ["level", "area_name", "agency", "metric", "period", "value", "jurisdiction",
         "jurisdiction_note", "source"]].reset_index(drop=True)


def completeness(coverage: pd.DataFrame, searches: pd.DataFrame, as_of=None) -> pd.DataFrame:
    """Per province and body: the best evidence as of a date (status, date, number of
    sources, kab/kota with evidence) or, where there is none, what was searched
    (``searches``: the roster's ``no_evidence_searches.csv``)."""
    rows = []
    for body in BODIES:
        st = area_status(coverage, "province", body, as_of)
        kab = area_status(coverage, "kabkota", body, as_of)
        n_kab = kab[kab["status"] != "no_evidence"].groupby("province_code").size()
        srch = searches[searches["body"] == body].set_index("province_code")
        for _, r in st.iterrows():
            searched = srch["queries"].get(r["area_code"], "") if len(srch) else ""
            rows.append({"area_code": r["area_code"], "area_name": r["area_name"],
                         "body": body, "status": r["status"],
                         "evidence_as_of": r["evidence_as_of"], "sources": r["n_sources"],
                         "kabkota_with_evidence": int(n_kab.get(r["area_code"], 0)),
                         "searched_without_result": searched})
    return pd.DataFrame(rows)
