"""Clean TPPO case figures: police reports, victims, suspects ... by area, period and agency.

Input is the cases template (``data/templates/cases_template.csv``). Agencies count different
things (a Polri police report is not a SIMFONI-PPA case), so ``agency`` is part of every
figure's identity and figures of different agencies are never summed.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from .. import geography
from . import parsers
from .cleaner import (
    Rows,
    Spec,
    clean,
    one_of,
    place_schema,
    reject_repeats,
    template_places,
    validate,
)
from .distinct import Distinct
from .rejects import Cleaned

TEMPLATE_COLUMNS = ["level", "province", "kabkota", "jurisdiction", "period_start",
                    "period_end", "metric", "agency", "value", "source", "note"]
REQUIRED = ["province", "metric", "agency", "value", "source"]
METRICS = {
    "police_reports": "police reports (laporan polisi, LP)",
    "victims": "victims recorded",
    "suspects": "suspects (tersangka)",
    "cases": "cases as the agency defines them",
    "assisted_victims": "victims given assistance (e.g. Kemensos)",
    "hotline_reports": "reports to a hotline (SAPA 129)",
    "cases_uncovered": "cases uncovered (terungkap)",
    "cases_completed": "cases completed (P21 / selesai)",
    "lpsk_applications": "applications for protection to LPSK (TPPO)",
    "lpsk_protected": "people protected by LPSK (TPPO)",
    "migrant_worker_deaths": "Indonesian migrant workers who died abroad",
    "migrant_worker_bodies_repatriated": "bodies of migrant workers repatriated",
    "pmi_registered": "migrant workers registered",
    "pmi_placements": "migrant-worker placements by province of origin (BP2MI)",
}
METRIC_ALIASES = {
    "police_reports_lp": "police_reports", "lp": "police_reports",
    "laporan_polisi": "police_reports", "korban": "victims", "tersangka": "suspects",
    "kasus": "cases", "victims_assisted": "assisted_victims",
    "cases_reported_hotline": "hotline_reports",
    "pmi_placements_by_province_of_origin": "pmi_placements",
}
COLUMNS = {
    "level": "national | province | kabkota",
    "area_code": "today's Kemendagri code (ID for Indonesia)",
    "area_name": "official name",
    "province_code": "today's province code (empty for national)",
    "edition": "code-list edition in force at period_start",
    "jurisdiction": "who reported: the province, or the Polda / unit as written",
    "jurisdiction_note": "caveat of the jurisdiction (e.g. Polda Metro Jaya spans Jawa Barat "
                         "and Banten)",
    "period_start": "first day of the period (date)",
    "period_end": "last day of the period (date)",
    "metric": "one of METRICS",
    "agency": "agency or dataset as written; figures of different agencies never add up",
    "value": "the figure (whole number >= 0)",
    "approximate": "the source gives the figure approximately",
    "source": "URL or title of the source",
    "note": "caveats",
    "source_file": "raw file", "source_row": "row number in that file",
}
_POLDA = re.compile(r"\bpolda\b", re.I)


def normalize_metric(text: object) -> str:
    """``police_reports_LP`` -> ``police_reports``; unknown metrics come back unchanged."""
    s = re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")
    return METRIC_ALIASES.get(s, s)


def _read(rows: Rows) -> tuple[dict, pd.Series, pd.Series]:
    """Metric, value and period of each case row (before the areas are resolved)."""
    df, rej = rows.df, rows.rej
    metric = rows.map_unique("metric", normalize_metric, category=True)
    rej.add(~metric.isin(list(METRICS)), "metric",
            "unknown metric; use one of " + ", ".join(METRICS))

    value = parsers.number_column(df["value"], factorized=rows.factorized("value"))
    rej.add(value["missing"], "value", "value is missing")
    rej.add(value["problem"] != "", "value", value["problem"])
    rej.add(value["share"], "value", "a share (%) is not a count")
    rej.add(value["value"].notna() & (value["value"] != value["value"].round()), "value",
            "value must be a whole number")
    rej.add(value["value"] < 0, "value", "value is negative")

    start = parsers.date_column(df["period_start"], today=rows.today,
                                factorized=rows.factorized("period_start"))
    end = parsers.date_column(df["period_end"], today=rows.today,
                              factorized=rows.factorized("period_end"))
    rej.add(start["problem"] != "", "period_start", start["problem"])
    rej.add(end["problem"] != "", "period_end", end["problem"])
    rej.add(start["start"].isna() & end["end"].isna(), "period_start",
            "the period is unknown (give period_start and period_end)")
    p_start = start["start"].fillna(end["start"])
    p_end = end["end"].fillna(start["end"])
    rej.add(p_end < p_start, "period_end", "period ends before it starts")
    return {"metric": metric, "value": value, "start": p_start, "end": p_end}, p_start, p_end


def _build(rows: Rows, parsed: dict) -> dict[str, pd.Series]:
    """The cases columns, once the areas are known (a Polda must cover the row's province)."""
    df, areas = rows.df, rows.areas
    # a jurisdiction is read once per distinct (jurisdiction, area)
    pair = Distinct(pd.DataFrame({"jurisdiction": df["jurisdiction"],
                                  "place": areas.distinct.codes}, index=df.index),
                    ["jurisdiction", "place"])
    place = areas.table.iloc[pair.rows["place"].to_numpy()].reset_index(drop=True)
    jur, jur_note, jur_problem = _jurisdictions(pair.rows["jurisdiction"],
                                                place["province_code"])
    pair.reject(rows.rej, jur_problem != "", "jurisdiction", jur_problem)
    value = parsed["value"]
    return {
        "jurisdiction": pair.category(jur.where(jur != "", place["area_name"])),
        "jurisdiction_note": pair.category(jur_note),
        "period_start": parsed["start"], "period_end": parsed["end"],
        "metric": parsed["metric"],
        "agency": rows.map_unique("agency", str.strip, category=True),
        "value": value["value"].round().astype("Int64"), "approximate": value["approximate"],
        "source": df["source"].fillna(""), "note": df["note"].fillna(""),
    }


def _jurisdictions(values: pd.Series, province_code: pd.Series):
    """Resolve Polda names; a Polda must exist and cover the row's province."""
    jur = values.fillna("").str.strip()
    note = pd.Series("", index=values.index, dtype=object)
    problem = pd.Series("", index=values.index, dtype=object)
    is_polda = jur.str.match(r"(?i)^polda\b")
    if is_polda.any():
        names = jur[is_polda].str.replace(r"\s*\(.*\)\s*$", "", regex=True)
        res = geography.resolve(names, "province")
        res.index = names.index
        for i in names.index:
            code, match = res.at[i, "code"], res.at[i, "match"]
            if match in ("unresolved", "ambiguous") or pd.isna(code):
                problem[i] = f"{jur[i]!r} is not a Polda: {res.at[i, 'note']}"
                continue
            note[i] = res.at[i, "note"] or ""
            spans = _polda_spans().get(code, {code})
            if isinstance(province_code[i], str) and province_code[i] not in spans:
                problem[i] = (f"{jur[i]!r} does not cover province {province_code[i]} "
                              f"(it covers {sorted(spans)})")
    return jur, note, problem


def _polda_spans() -> dict[str, set[str]]:
    table = geography.codes.read_reference("polda.csv")
    return {r.code: set(str(r.spans).split("|")) if r.spans else {r.code}
            for r in table.itertuples()}


KEY = ["level", "area_code", "jurisdiction", "period_start", "period_end", "metric", "agency",
       "source"]


def _conflicts(light: pd.DataFrame, live: np.ndarray, rows: Rows) -> np.ndarray:
    """Exact duplicates: keep the first. Same figure identity with different values in the same
    source: reject all of them (which is right cannot be told)."""
    return reject_repeats(
        light, live, rows, same=KEY + ["value"], repeat="exact duplicate of row {row}",
        clash_key=KEY, differ="value", column="value",
        clash="conflicting values for the same area, period, metric, agency and source: ")


def _schema():
    import pandera.pandas as pa

    text = pa.Column("string", nullable=True)
    return pa.DataFrameSchema({
        **place_schema(pa),
        "jurisdiction": pa.Column("string"), "jurisdiction_note": text,
        "period_start": pa.Column("datetime64[ns]"), "period_end": pa.Column("datetime64[ns]"),
        "metric": pa.Column("string", one_of(pa, METRICS)),
        "agency": pa.Column("string"),
        "value": pa.Column("Int64", pa.Check.ge(0)), "approximate": pa.Column(bool),
        "source": pa.Column("string"), "note": text, "source_file": text,
        "source_row": pa.Column("Int64", nullable=True),
    }, checks=[pa.Check(lambda d: (d["period_end"] >= d["period_start"]).all(),
                        error="period ends before it starts")], strict=True, ordered=True)


SPEC = Spec(
    name="cases", template_columns=tuple(TEMPLATE_COLUMNS), required=tuple(REQUIRED),
    columns=COLUMNS, read=_read, build=_build, dedupe=_conflicts, schema=_schema,
    key=(*KEY, "value", "source_row"),
    sort=("level", "area_code", "metric", "agency", "period_start", "period_end",
          "source_file", "source_row"),
    infer_level=True, per_value=("metric", "agency", "value"))


def clean_cases(raw: pd.DataFrame, *, source_file: str = "", today: date | None = None,
                ) -> Cleaned:
    """Clean case rows (template columns, text) into the tidy table of :data:`COLUMNS`."""
    return clean(raw, SPEC, source_file=source_file, today=today)


def validate_schema(df: pd.DataFrame) -> pd.DataFrame:
    """Check the tidy cases table with pandera (lazy: every failure is listed)."""
    return validate(df, SPEC)


def to_template(kept: pd.DataFrame) -> pd.DataFrame:
    """Cleaned case rows back in the template's columns (canonical names, ISO dates)."""
    out = pd.DataFrame({
        **template_places(kept),
        "jurisdiction": kept["jurisdiction"].where(
            kept["jurisdiction"].str.startswith("Polda"), ""),
        "period_start": kept["period_start"].dt.strftime("%Y-%m-%d"),
        "period_end": kept["period_end"].dt.strftime("%Y-%m-%d"),
        "metric": kept["metric"], "agency": kept["agency"],
        "value": kept["value"].astype("string"), "source": kept["source"],
        "note": kept["note"]})
    return out.fillna("").astype("string").reset_index(drop=True)
