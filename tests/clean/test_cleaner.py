"""Cleaning coverage and case tables: kept + rejected = rows in, reasons, no guessing.

The small tables built here are synthetic test fixtures (place names and figures chosen to
exercise the rules), not data.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tppo_analysis.clean import cases, coverage
from tppo_analysis.clean.rejects import CleaningError
from tppo_analysis.geography import recode as editions

TODAY = date(2026, 11, 24)


def cov(*rows: dict) -> pd.DataFrame:
    base = dict.fromkeys(coverage.TEMPLATE_COLUMNS, "")
    base.update(source="https://example.org/synthetic")
    return pd.DataFrame([{**base, **r} for r in rows], dtype="string")


def cas(*rows: dict) -> pd.DataFrame:
    base = dict.fromkeys(cases.TEMPLATE_COLUMNS, "")
    base.update(source="https://example.org/synthetic", agency="Polri Satgas TPPO",
                metric="police_reports", period_start="2023-06-05", period_end="2023-06-11")
    return pd.DataFrame([{**base, **r} for r in rows], dtype="string")


def test_coverage_rows_are_conserved_and_reasons_given():
    raw = cov(
        {"level": "province", "province": "Jatim", "body": "GT PP-TPPO", "status": "sudah",
         "as_of": "26 Agustus 2025"},
        {"level": "province", "province": "Atlantis", "body": "GT", "status": "sudah",
         "as_of": "2023"},
        {"level": "kabkota", "province": "Jawa Barat", "kabkota": "Bandung", "body": "GT",
         "status": "sudah", "as_of": "2023"},
        {"level": "province", "province": "Bali", "body": "P2TP2A", "status": "formed",
         "as_of": "2019"},
        {"level": "province", "province": "Bali", "body": "GT", "status": "hmm", "as_of": "2019"},
        {"level": "province", "province": "Bali", "body": "GT", "status": "sudah",
         "as_of": "2099"},
        {"source": ""},
    )
    out = coverage.clean_coverage(raw, today=TODAY)
    assert len(out.kept) + len(out.rejected) == len(raw)
    assert out.kept["area_code"].tolist() == ["35"]
    reasons = " | ".join(out.rejected["reason"])
    for phrase in ("unresolved", "ambiguous", "not GT PP-TPPO", "status not recognised",
                   "future", "empty row"):
        assert phrase in reasons
    assert set(out.rejected["source_row"]) == {3, 4, 5, 6, 7, 8}


def test_counts_fill_denominator_from_the_edition_of_their_date():
    raw = cov(
        {"level": "national", "province": "Indonesia", "body": "GT", "status": "count",
         "count": "32", "counted": "province", "as_of": "2022"},
        {"level": "national", "province": "Indonesia", "body": "UPTD PPA", "status": "count",
         "count": "34", "counted": "provinsi", "as_of": "2024"},
        {"level": "national", "province": "Indonesia", "body": "GT", "status": "count",
         "count": "245", "counted": "kab/kota", "as_of": "2022"},
        {"level": "province", "province": "Lampung", "body": "UPTD PPA", "status": "count",
         "count": "all", "counted": "kabkota", "as_of": "2021"},
    )
    out = coverage.clean_coverage(raw, today=TODAY).kept.set_index("source_row")
    assert out.loc[2, "denominator"] == 34 and out.loc[2, "edition"] == "2021"
    assert out.loc[3, "denominator"] == 38
    assert out.loc[4, "denominator"] == 514
    assert out.loc[5, "count"] == out.loc[5, "denominator"] == 15
    assert (out["denominator_source"].str.startswith("code list")).all()


@pytest.mark.parametrize("count,why", [("-3", "negative"), ("banyak", "not a number"),
                                        ("40", "larger than the denominator"),
                                        ("12,5", "whole number"), ("17%", "share")])
def test_bad_counts_are_rejected(count, why):
    raw = cov({"level": "national", "province": "Indonesia", "body": "GT", "status": "count",
               "count": count, "counted": "province", "denominator": "34", "as_of": "2022"})
    out = coverage.clean_coverage(raw, today=TODAY)
    assert out.kept.empty and why in out.rejected.loc[0, "reason"]


def test_duplicates_rejected_but_other_sources_kept():
    row = {"level": "province", "province": "Papua", "body": "GT", "status": "belum",
           "as_of": "2022"}
    raw = cov(row, row, {**row, "source": "https://example.org/other", "status": "proses"})
    out = coverage.clean_coverage(raw, today=TODAY)
    assert len(out.kept) == 2 and "duplicate of row 2" in out.rejected.loc[0, "reason"]


def test_missing_required_column_is_an_error():
    with pytest.raises(CleaningError, match="missing required column"):
        coverage.clean_coverage(pd.DataFrame({"level": ["province"]}), source_file="f.csv")


def test_cleaning_is_idempotent_on_its_own_output():
    raw = cov({"level": "province", "province": "DIY", "body": "UPTD PPA", "status": "belum",
               "as_of": "2021"})
    first = coverage.clean_coverage(raw, today=TODAY).kept
    again = cov({"level": first.loc[0, "level"], "province": first.loc[0, "area_code"],
                 "body": first.loc[0, "body"], "status": first.loc[0, "status"],
                 "as_of": first.loc[0, "as_of"]})
    second = coverage.clean_coverage(again, today=TODAY).kept
    cols = ["level", "area_code", "body", "status", "as_of", "edition"]
    assert first[cols].equals(second[cols])


def test_cases_polda_rules_and_conflicts():
    raw = cas(
        {"province": "DKI Jakarta", "jurisdiction": "Polda Metro Jaya", "value": "36"},
        {"province": "Jawa Barat", "jurisdiction": "Polda Jabar", "value": "1.234"},
        {"province": "Jawa Barat", "jurisdiction": "Polda Atlantis", "value": "3"},
        {"province": "Bali", "jurisdiction": "Polda Jatim", "value": "3"},
        {"province": "Bali", "value": "5"},
        {"province": "Bali", "value": "7"},
        {"province": "NTT", "value": "4", "period_start": "2023-06-11",
         "period_end": "2023-06-05"},
        {"province": "NTB", "value": "2", "metric": "vibes"},
        {"province": "Aceh", "value": "2"}, {"province": "Aceh", "value": "2"},
    )
    out = cases.clean_cases(raw, today=TODAY)
    assert len(out.kept) + len(out.rejected) == len(raw)
    kept = out.kept.set_index("source_row")
    assert "Bekasi" in kept.loc[2, "jurisdiction_note"] and kept.loc[3, "value"] == 1234
    why = dict(zip(out.rejected["source_row"], out.rejected["reason"], strict=True))
    assert "not a Polda" in why[4] and "does not cover province 51" in why[5]
    assert "conflicting values" in why[6] and "conflicting values" in why[7]
    assert "ends before it starts" in why[8] and "unknown metric" in why[9]
    assert "exact duplicate of row 10" in why[11]


def test_agencies_are_never_summed():
    raw = cas({"province": "Bali", "value": "5", "agency": "Polri"},
              {"province": "Bali", "value": "7", "agency": "KemenPPPA SIMFONI-PPA"})
    out = cases.clean_cases(raw, today=TODAY)
    assert len(out.kept) == 2 and set(out.kept["value"]) == {5, 7}


def test_reexpress_counts_and_statuses_in_2021_edition():
    counts = pd.DataFrame({"level": ["province"] * 3, "area_code": ["91", "93", "32"],
                           "metric": "victims", "value": [5, 3, 10]})
    r, _ = editions.to_edition(counts, "2021", value_col="value")
    assert dict(zip(r["area_code"], r["value"], strict=True)) == {"91": 8, "32": 10}
    status = pd.DataFrame({"level": ["province"] * 2, "area_code": ["91", "93"],
                           "status": ["formed", "in_process"]})
    r, dropped = editions.to_edition(status, "2021")
    assert r["area_code"].tolist() == ["91"] and dropped["area_code"].tolist() == ["93"]
    assert "did not exist in edition 2021" in dropped.loc[0, "reason"]
    kab = pd.DataFrame({"level": ["kabkota"], "area_code": ["93.01"], "value": [1]})
    r, _ = editions.to_edition(kab, "2021", value_col="value")
    assert r["area_code"].tolist() == ["91.01"]


@pytest.mark.parametrize(("column", "bad"), [
    ("area_code", "32.1"), ("province_code", "3"), ("level", "regency"), ("metric", "korban"),
    ("edition", "1999")])
def test_the_schema_rejects_what_the_cleaner_must_never_write(column, bad):
    """The pandera schema (its checks run once per distinct value) fails on a value outside
    its rules, naming the column and the value, even when every other row is fine."""
    kept = cases.clean_cases(cas(
        {"level": "province", "province": "Jawa Barat", "value": "3"},
        {"level": "kabkota", "province": "Jawa Barat", "kabkota": "Kota Bandung",
         "value": "4"}), today=TODAY).kept
    cases.validate_schema(kept)
    broken = kept.copy()
    broken.loc[1, column] = bad
    with pytest.raises(CleaningError, match="fails its schema") as err:
        cases.validate_schema(broken)
    assert column in str(err.value) and bad in str(err.value)
