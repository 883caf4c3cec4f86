"""The shipped raw files and how each becomes template rows (adapters are code, raw stays raw).

:data:`RAW_INPUTS` lists every raw table that cleaning reads, its kind (coverage or cases)
and its adapter. Files already in template format have no adapter. An adapter may reshape
(one wide row -> several template rows) or mark a row as not usable; either way every raw row
ends up kept or rejected with its reason, and ``_row`` always points at the raw line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import config
from ..clean import coverage
from . import spreadsheets

# a template row that an adapter could not make usable carries this in "_reject"
REJECT = "_reject"


@dataclass(frozen=True)
class RawInput:
    path: str  # relative to data/raw/
    kind: str  # coverage | cases
    adapter: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    description: str = ""


def _src(url_and_note: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split ``"https://... (ANTARA, 2022; ...)"`` into URL and the bracketed remark."""
    text = url_and_note.fillna("")
    url = text.str.extract(r"^(\S+)", expand=False).fillna("")
    is_url = url.str.match(r"https?://")
    remark = text.str.extract(r"\((.*)\)\s*$", expand=False).fillna("")
    return text.where(~is_url, url), remark.where(is_url, "")


def _denominator(text: pd.Series) -> pd.Series:
    """Only a plain stated number ("34 provinces", "514 kab/kota") is a denominator."""
    return text.fillna("").str.extract(r"^\s*(\d+)\s+(?:provinces|kab/kota)\s*$",
                                       expand=False).fillna("")


def adapt_taskforce_status(raw: pd.DataFrame) -> pd.DataFrame:
    """``public_figures/taskforce_status.csv`` -> coverage template rows."""
    lv = raw["level"].fillna("")
    out = pd.DataFrame(index=raw.index)
    out["level"] = lv.replace({"province_aggregate": "national", "kabkota_aggregate": "national"})
    out["province"] = raw["province"].where(~lv.str.endswith("aggregate"), "Indonesia")
    out["kabkota"] = raw["regency"]  # the raw file's own column name
    out["body"] = raw["body"]
    is_count = lv.isin(["province_aggregate", "kabkota_aggregate"])
    out["status"] = raw["status"].where(~is_count, "count")
    out["count"] = raw["count_value"].where(is_count, "")
    out["denominator"] = _denominator(raw["denominator"]).where(is_count, "")
    out["counted"] = lv.map({"province_aggregate": "province",
                             "kabkota_aggregate": "kabkota"}).fillna("")
    out["as_of"] = raw["as_of"]
    out["decree"] = raw["decree"]
    out["source"], remark = _src(raw["source"])
    out["publisher"] = remark
    out["published"] = ""
    out["quote"] = ""
    out["retrieved"] = ""
    den_text = raw["denominator"].fillna("")
    den_note = ("denominator as written: " + den_text).where(
        (den_text != "") & (out["denominator"] == ""), "")
    out["note"] = [("; ".join(x for x in (a, b) if x)) for a, b in
                   zip(raw["note"].fillna(""), den_note, strict=True)]
    out[REJECT] = ""
    out.loc[lv == "polda_aggregate", REJECT] = "police Satgas TPPO, not the multi-agency GT"
    out.loc[lv == "national", REJECT] = ("about the national GT itself (membership, "
                                         "regulation), not coverage of an area")
    not_read = raw.get("read_in_source", pd.Series("", index=raw.index)).fillna("") == "no"
    out.loc[not_read, REJECT] = "figure not read in its source (read_in_source = no)"
    return out


def adapt_uptd_status(raw: pd.DataFrame) -> pd.DataFrame:
    """``public_figures/uptd_ppa_status.csv`` (wide counts) -> coverage template rows.

    A national row gives up to two facts (provinces with a UPTD PPA, kab/kota with one);
    a province row gives the province's own status and, where stated, its kab/kota count
    ("all" = every kab/kota of the province, from the code list; "no UPTD PPA at all" = 0).
    """
    records = []
    for _, r in raw.iterrows():
        source, remark = _src(pd.Series([r["source"]]))
        base = {"_row": r["_row"], "body": "UPTD PPA", "as_of": r["as_of"], "decree": "",
                "source": source.iloc[0], "publisher": remark.iloc[0], "published": "",
                "quote": "", "retrieved": "", "kabkota": "", "count": "", "denominator": "",
                "counted": "", "note": r["note"] or "", REJECT: ""}
        status = str(r["status"] or "")
        lower = status.lower()
        not_uptd = "p2tp2a (predecessor" in lower or "dak" in lower
        if r.get("read_in_source", "") == "no":
            records.append({**base, "level": "national", "province": "Indonesia",
                            "status": status, REJECT: "figure not read in its source "
                            "(read_in_source = no)"})
            continue
        if not_uptd:
            records.append({**base, "level": r["level"], "province": "Indonesia",
                            "status": status, REJECT: f"counts {status.split('(')[0].strip()}, "
                            "not UPTD PPA"})
            continue
        if r["level"] == "national":
            made = False
            for col, counted in (("provinces_with_uptd", "province"),
                                 ("kabkota_with_uptd", "kabkota")):
                if str(r[col] or "").strip():
                    made = True
                    den = _plain_denominator(r["denominator"], counted)
                    records.append({**base, "level": "national", "province": "Indonesia",
                                    "status": "count", "count": r[col], "counted": counted,
                                    "denominator": den})
            if not made:
                records.append({**base, "level": "national", "province": "Indonesia",
                                "status": status, REJECT: "gives units in total, not the "
                                "number of provinces or kab/kota with a UPTD PPA"})
            continue
        if r["level"] == "kabkota":
            records.append({**base, "level": "kabkota", "province": r["province"],
                            "kabkota": r["regency"], "status": status})
            continue
        # province rows
        prov_status = ("not formed" if re.search(r"\bno\b", lower) else
                       "formed" if "formed" in lower or "province and all" in lower else "")
        kab = str(r["kabkota_with_uptd"] or "").strip()
        if prov_status and "kab/kota" not in lower.replace("province and all kab/kota", ""):
            records.append({**base, "level": "province", "province": r["province"],
                            "status": prov_status})
        if kab:
            records.append({**base, "level": "province", "province": r["province"],
                            "status": "count", "counted": "kabkota",
                            "denominator": _plain_denominator(r["denominator"], "kabkota"),
                            "count": kab})
        if not records or records[-1]["_row"] != r["_row"]:
            records.append({**base, "level": r["level"], "province": r["province"],
                            "status": status, REJECT: "no province status or kab/kota count "
                            "could be read from this row"})
    return pd.DataFrame(records)


def _plain_denominator(text, counted: str) -> str:
    t = str(text or "")
    m = re.search(r"(\d+)\s+(provinces|kab/kota)", t)
    if m and (m.group(2) == "provinces") == (counted == "province"):
        return m.group(1)
    return ""


def adapt_cases_by_province(raw: pd.DataFrame) -> pd.DataFrame:
    """``public_figures/cases_by_province.csv`` -> cases template rows."""
    out = pd.DataFrame(index=raw.index)
    out["level"] = "province"
    out["province"] = raw["province"]
    out["kabkota"] = ""
    label = raw["polda_or_label"].fillna("")
    out["jurisdiction"] = label.where(label.str.match(r"(?i)^polda\b"), "")
    out["period_start"] = raw["period_start"].where(raw["period_start"] != "", raw["year"])
    out["period_end"] = raw["period_end"].where(raw["period_end"] != "", raw["year"])
    out["metric"] = raw["metric"]
    out["agency"] = raw["agency_dataset"]
    out["value"] = raw["value"]
    out["source"] = raw["source"]
    out["note"] = [("; ".join(x for x in (a, "reported by " + b if b and not
                                          b.lower().startswith("polda") else "") if x))
                   for a, b in zip(raw["note"].fillna(""), label, strict=True)]
    return out


def adapt_national_totals(raw: pd.DataFrame) -> pd.DataFrame:
    """``public_figures/national_totals.csv`` -> cases template rows (level national)."""
    out = pd.DataFrame(index=raw.index)
    out["level"] = "national"
    out["province"] = "Indonesia"
    out["period_start"] = raw["period_start"].where(raw["period_start"] != "", raw["year"])
    out["period_end"] = raw["period_end"].where(raw["period_end"] != "", raw["year"])
    for col in ("metric", "value", "source", "note"):
        out[col] = raw[col]
    out["agency"] = raw["agency_dataset"]
    return out


def adapt_national_figures(raw: pd.DataFrame) -> pd.DataFrame:
    """``public_figures/national_figures_2026-12.csv`` (one figure per source, with its
    verbatim words) -> cases template rows; the kind of period goes into the note
    (``period: running_total``), which :mod:`trends` reads."""
    out = pd.DataFrame(index=raw.index)
    out["level"] = "national"
    out["province"] = "Indonesia"
    for col in ("period_start", "period_end", "metric", "value", "agency", "source"):
        out[col] = raw[col]
    out["note"] = ["; ".join(x for x in (f"period: {t}", n) if x)
                   for t, n in zip(raw["period_type"], raw["note"], strict=True)]
    return out


def adapt_pmi_placements(raw: pd.DataFrame) -> pd.DataFrame:
    """``public_figures/pmi_placements_by_province.csv`` -> cases template rows (context)."""
    out = raw[["province", "period_start", "period_end", "metric", "value", "source",
               "note"]].copy()
    out["level"] = ""  # national for INDONESIA, else province
    out["agency"] = "BP2MI"
    return out


RAW_INPUTS: list[RawInput] = [
    RawInput("seeds/seed_coverage.csv", "coverage", None, "seed articles (ANTARA 2022)"),
    RawInput("roster/coverage_roster.csv", "coverage", None,
             "roster of provincial and kab/kota GT PP-TPPO and UPTD PPA (2026-11-26)"),
    RawInput("public_figures/taskforce_status.csv", "coverage", adapt_taskforce_status,
             "GT PP-TPPO counts and statuses"),
    RawInput("public_figures/uptd_ppa_status.csv", "coverage", adapt_uptd_status,
             "UPTD PPA counts and statuses"),
    RawInput("public_figures/cases_by_province.csv", "cases", adapt_cases_by_province,
             "TPPO figures by province or Polda"),
    RawInput("public_figures/national_totals.csv", "cases", adapt_national_totals,
             "national TPPO series by agency"),
    RawInput("public_figures/national_figures_2026-12.csv", "cases", adapt_national_figures,
             "national figures with their words, 2018-2025 (SIMFONI-PPA, Polri, LPSK, Kemensos)"),
    RawInput("public_figures/pmi_placements_by_province.csv", "cases", adapt_pmi_placements,
             "BP2MI placements (context, not TPPO)"),
]


def read_input(item: RawInput, raw_dir: Path | None = None) -> pd.DataFrame:
    """A raw input as template rows with ``_file`` and ``_row`` (and ``_reject``)."""
    root = raw_dir or config.RAW_DIR
    path = root / item.path
    expected = coverage.TEMPLATE_COLUMNS if item.kind == "coverage" else None
    table = spreadsheets.read_table(path, expected=expected)
    raw = table.data
    df = item.adapter(raw.astype(object).where(raw.notna(), "")) if item.adapter else raw
    if "_row" not in df.columns:
        df["_row"] = raw["_row"]
    df["_file"] = item.path
    return df
