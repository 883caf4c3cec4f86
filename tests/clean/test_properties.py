"""Invariants, property-tested with hypothesis over thousands of generated rows: rows in =
kept + rejected for every cleaning function; cleaning is idempotent; resolving never returns
a code outside the code list.

Generated rows mix real spellings, codes, Indonesian numbers and dates with broken ones; they
are synthetic test data.
"""

from __future__ import annotations

import os
from datetime import date

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tppo_analysis import geography as regions
from tppo_analysis.clean import cases, coverage

TODAY = date(2026, 11, 24)
# 30 generated tables per property in the normal run (each is a whole clean, ~0.3 s; this
# keeps CI under 15 min on 2 cores); TPPO_HYPOTHESIS_EXAMPLES=1000 for a thorough run before
# a release
SETTINGS = settings(max_examples=int(os.environ.get("TPPO_HYPOTHESIS_EXAMPLES", "30")),
                    deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PROVINCES = ["Jawa Barat", "Jabar", "DKI", "Prov. DKI Jakarta", "NTT", "East Nusa Tenggara",
             "Papua", "Papua Barat Daya", "Kep. Bangka Belitung", "Babel", "DIY", "11", "32",
             "ID-JB", "Atlantis", "", "11.1", "94", "P A P U A", "Irian Jaya Barat",
             "Nanggroe Aceh Darussalam", "Sumatra Utara", "Indonesia"]
KABKOTA = ["", "Kab. Bandung", "Kota Bandung", "Bandung", "Kabupaten S I K K A", "Kupang",
           "Kota Kupang", "32.04", "3204", "91.01", "Labuhan Batu", "Parepare", "Toli-Toli",
           "Nowhere", "Kab. Adm. Kep. Seribu", "Fak Fak"]
LEVELS = ["province", "kabkota", "national", "Provinsi", "kab/kota", "bogus", ""]
DATES = ["2023-05-01", "20 Desember 2022", "Selasa (23/5/2023)", "Juni 2023", "2021",
         "awal 2019", "32/13/2023", "2031-01-01", "", "undated", "13/13/13", "Q3 2020"]
NUMBERS = ["", "12", "1.234", "1,5", "-3", "banyak", "±100", "1.234.567", "26%", "all", "0"]
STATUSES = ["formed", "sudah terbentuk", "belum dibentuk", "dalam proses", "count", "maybe", ""]
BODIES = ["GT PP-TPPO", "Gugus Tugas TPPO", "UPTD PPA", "UPT PPA", "P2TP2A", "Satgas TPPO", ""]
SOURCES = ["https://e.org/a", "https://e.org/b", ""]


def _rows(columns: dict[str, list[str]], good: dict[str, list[str]]):
    """Tables mixing rows drawn from every value (mostly rejected) with rows drawn from the
    valid values only (mostly kept), so both paths are exercised."""
    mixed = st.fixed_dictionaries({c: st.sampled_from(v) for c, v in columns.items()})
    valid = st.fixed_dictionaries({c: st.sampled_from(good.get(c, v))
                                   for c, v in columns.items()})
    return st.lists(st.one_of(mixed, valid), min_size=1, max_size=25).map(
        lambda rs: pd.DataFrame(rs, dtype="string"))


COV_ROWS = _rows({"level": LEVELS, "province": PROVINCES, "kabkota": KABKOTA, "body": BODIES,
                  "status": STATUSES, "count": NUMBERS, "denominator": ["", "38", "514", "x"],
                  "counted": ["", "province", "kabkota", "provinsi"], "as_of": DATES,
                  "decree": [""], "source": SOURCES, "publisher": [""], "published": DATES,
                  "quote": ["", "=HYPERLINK(1)"], "retrieved": [""], "note": ["", "<b>x</b>"]},
                 {"level": ["province", "kabkota", "national"],
                  "province": PROVINCES[:13], "kabkota": KABKOTA[1:3] + KABKOTA[4:11],
                  "body": BODIES[:4], "status": STATUSES[:5], "count": ["", "12", "1.234"],
                  "denominator": ["", "514"], "counted": ["province", "kabkota"],
                  "as_of": DATES[:6], "published": DATES[:6], "source": SOURCES[:2]})
CAS_ROWS = _rows({"level": LEVELS, "province": PROVINCES, "kabkota": KABKOTA,
                  "jurisdiction": ["", "Polda Metro Jaya", "Polda Jabar", "Polda Atlantis",
                                   "Polda Papua"],
                  "period_start": DATES, "period_end": DATES,
                  "metric": ["victims", "police_reports", "korban", "happiness", ""],
                  "agency": ["Polri", "KemenPPPA", ""], "value": NUMBERS, "source": SOURCES,
                  "note": [""]},
                 {"level": ["province", "kabkota", "national"], "province": PROVINCES[:13],
                  "kabkota": KABKOTA[1:3] + KABKOTA[4:11],
                  "jurisdiction": ["", "Polda Metro Jaya", "Polda Jabar"],
                  "period_start": ["2023-01-01", "Juni 2023", "2021"],
                  "period_end": ["2023-12-31", "2024", ""], "metric": ["victims", "korban"],
                  "agency": ["Polri", "KemenPPPA"], "value": ["12", "1.234", "0"],
                  "source": SOURCES[:2]})


def _conserved(raw, result):
    kept, rej = result.kept, result.rejected
    assert len(raw) == len(kept) + len(rej) == result.summary["rows_in"]
    rows = sorted(kept["source_row"].astype(int).tolist() + rej["source_row"].astype(int)
                  .tolist())
    assert rows == list(range(2, len(raw) + 2))  # each input row exactly once
    assert (rej["reason"].astype(str).str.len() > 0).all()


@SETTINGS
@given(COV_ROWS)
def test_coverage_rows_in_equal_kept_plus_rejected(raw):
    _conserved(raw, coverage.clean_coverage(raw, today=TODAY))


@SETTINGS
@given(CAS_ROWS)
def test_cases_rows_in_equal_kept_plus_rejected(raw):
    _conserved(raw, cases.clean_cases(raw, today=TODAY))


def _same(a: pd.DataFrame, b: pd.DataFrame, cols: list[str]) -> None:
    pd.testing.assert_frame_equal(a[cols].reset_index(drop=True).astype("string"),
                                  b[cols].reset_index(drop=True).astype("string"))


def _idempotent(module, clean, raw, cols: list[str]) -> None:
    first = clean(raw, today=TODAY).kept
    again = clean(module.to_template(first), today=TODAY)
    assert len(again.rejected) == 0, again.rejected["reason"].tolist()
    _same(first, again.kept, cols)


@SETTINGS
@given(COV_ROWS)
def test_coverage_cleaning_is_idempotent(raw):
    _idempotent(coverage, coverage.clean_coverage, raw,
                ["level", "area_code", "province_code", "edition", "body", "status", "count",
                 "counted", "denominator", "as_of", "as_of_end", "published", "source"])


@SETTINGS
@given(CAS_ROWS)
def test_cases_cleaning_is_idempotent(raw):
    _idempotent(cases, cases.clean_cases, raw,
                ["level", "area_code", "jurisdiction", "period_start", "period_end", "metric",
                 "agency", "value"])


PROV_CODES = set(regions.provinces()["code"])
REG_CODES = set(regions.kabkota()["code"])
NAMES = (list(regions.provinces()["name"]) + list(regions.kabkota()["name"])
         + PROVINCES + KABKOTA)


def _mutate(name: str, how: int, pos: int) -> str:
    pos = pos % (len(name) + 1)
    return [name, name.upper(), name[:pos], name[:pos] + "x" + name[pos:],
            name.replace(" ", ""), " ".join(name), name[pos:], name + " " + name][how]


spellings = st.one_of(
    st.builds(_mutate, st.sampled_from(NAMES), st.integers(0, 7), st.integers(0, 40)),
    st.text(max_size=20),
    st.from_regex(r"[0-9]{1,2}(\.[0-9]{1,4})?", fullmatch=True),
    st.from_regex(r"ID-[A-Z]{2}", fullmatch=True))


@settings(max_examples=300, deadline=None)
@given(st.lists(spellings, min_size=1, max_size=40), st.sampled_from(["province", "regency"]),
       st.sampled_from([None, "Jawa Barat", "Papua", "Atlantis"]))
def test_resolve_never_returns_a_code_outside_the_code_list(values, level, province):
    res = regions.resolve(values, level, province=province if level == "regency" else None)
    assert len(res) == len(values)
    codes = set(res["code"].dropna())
    assert codes <= (PROV_CODES if level == "province" else REG_CODES)
    placed = res["match"].isin(["exact", "alias", "code", "fuzzy"])
    assert res.loc[placed, "code"].notna().all()
    assert res.loc[~placed, "code"].isna().all()
