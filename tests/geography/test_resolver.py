"""The region resolver on real-world spellings: right code or an honest refusal, never a guess.

Every spelling below was seen in real Indonesian data (ministry exports, BPS tables, news,
GADM/ISO names, police statements).
"""

from __future__ import annotations

import pandas as pd
import pytest

from tppo_analysis import geography as regions

from ..conftest import run_tppo

PROVINCES = {
    "P A P U A": "91", "Prov. DKI": "31", "DKI Jakarta": "31", "Jakarta Raya": "31",
    "DKI": "31", "DIY": "34", "DI Yogyakarta": "34", "D.I. Yogyakarta": "34",
    "Daerah Istimewa Yogyakarta": "34", "Special Region of Yogyakarta": "34",
    "Yogyakarta": "34", "Kep. Bangka Belitung": "19", "Babel": "19", "Bangka-Belitung": "19",
    "Bangka Belitung Islands": "19", "NTT": "53", "East Nusa Tenggara": "53", "NTB": "52",
    "West Nusa Tenggara": "52", "NAD": "11", "Nanggroe Aceh Darussalam": "11",
    "Irian Jaya": "91", "Irian Jaya Barat": "92", "West Java": "32",
    "Jakarta Special Capital Region": "31", "Southwest Papua": "96", "Highland Papua": "95",
    "Central Papua": "94", "South Papua": "93", "Jabar": "32", "Jateng": "33", "Jatim": "35",
    "Sumut": "12", "Sumbar": "13", "Sumsel": "16", "Kalbar": "61", "Kalteng": "62",
    "Kalsel": "63", "Kaltim": "64", "Kaltara": "65", "Sulut": "71", "Sulteng": "72",
    "Sulsel": "73", "Sultra": "74", "Sulbar": "76", "Kepri": "21", "Malut": "82",
    "Sumatra Utara": "12", "North Sumatra": "12", "Papua Pengunungan": "95",
    "PROVINSI JAWA TENGAH": "33", "Prov. Jawa Timur": "35", "Jawa  Barat": "32",
    "jawa_barat": "32", "Southeast Sulawesi": "74", "North Maluku": "82",
    "Riau Islands": "21", "Jawa Tengah Province": "33", "Papua Barat Daya": "96",
    "ID-JB": "32", "ID-PE": "95", "ID-PD": "96", "11": "11", "Polda Metro Jaya": "31",
    "Polda Jabar": "32", "POLDA SUMUT": "12", "Polda Kalimantan Barat": "61",
}

REGENCIES = [  # (spelling, province given or None, expected code)
    ("KABUPATEN S I A K", None, "14.08"), ("Kab. Bandung", None, "32.04"),
    ("Kota Bandung", None, "32.73"), ("Kab Bandung Barat", None, "32.17"),
    ("KAB. ADM. KEP. SERIBU", None, "31.01"), ("Kota Adm. Jakarta Selatan", None, "31.74"),
    ("Kota Administrasi Jakarta Timur", None, "31.75"),
    ("Kabupaten Administrasi Kepulauan Seribu", None, "31.01"),
    ("Labuhan Batu", "Sumut", "12.10"), ("Kab. Labuhanbatu", None, "12.10"),
    ("Kota Pare Pare", None, "73.72"), ("Parepare", "Sulsel", "73.72"),
    ("Toli-Toli", None, "72.04"), ("Tolitoli", None, "72.04"),
    ("Palangka Raya", None, "62.71"), ("Kota Palangkaraya", None, "62.71"),
    ("Fak Fak", None, "92.03"), ("Kab. Fakfak", None, "92.03"),
    ("Padang Sidempuan", None, "12.77"), ("Kota Padangsidimpuan", None, "12.77"),
    ("Pangkajene Kepulauan", None, "73.10"), ("Pangkep", None, "73.10"),
    ("Tulung Agung", None, "35.04"), ("Kab. Malang", "Jawa Timur", "35.07"),
    ("Kota Baru", "Kalsel", "63.02"), ("Kab. Kep. Sangihe", None, "71.03"),
    ("Kab. Toba Samosir", None, "12.12"), ("Kab. Batang Hari", None, "15.04"),
    ("Tanjungpinang", None, "21.72"), ("Kab. Muko Muko", None, "17.06"),
    ("Limapuluh Kota", None, "13.07"), ("Kota Bau-Bau", None, "74.72"),
    ("Baubau", None, "74.72"), ("TTS", None, "53.02"), ("Surabaya", None, "35.78"),
    ("Indramayu", None, "32.12"), ("Kab. Merauke", None, "93.01"),
    ("Merauke", "Papua", "93.01"),  # pre-2022 data: Merauke was in Papua
    ("Kab. Sorong", "Papua Barat", "96.01"), ("PALI", None, "16.12"),
    ("Sawah Lunto", None, "13.73"), ("Lubuk Linggau", None, "16.73"),
    ("OKU Selatan", None, "16.09"), ("Kab. OKU Timur", None, "16.08"),
    ("Banyu Asin", None, "16.07"), ("Sitaro", None, "71.09"),
    ("Kab. Siau Tagulandang Biaro", None, "71.09"), ("Mentawai", None, "13.09"),
    ("Bolmut", None, "71.08"), ("Boltim", None, "71.10"), ("Bolsel", None, "71.11"),
    ("Memberamo Raya", None, "91.20"), ("Polman", None, "76.04"),
    ("West Lombok Regency", None, "52.01"), ("Bandung City", None, "32.73"),
    ("Tangsel", None, "36.74"), ("Kukar", None, "64.02"), ("Pasir", None, "64.01"),
    ("Banjar Baru", None, "63.72"), ("Kota Kupang", None, "53.71"),
    ("Kab. Kupang", None, "53.01"), ("Kab. Pangkajene dan Kepulauan", None, "73.10"),
    ("91.01", None, "93.01"), ("11.01", None, "11.01"),  # undotted 1101: see below
]


@pytest.mark.parametrize("spelling,code", PROVINCES.items())
def test_province_spellings(spelling, code):
    res = regions.resolve([spelling], "province").iloc[0]
    assert res["code"] == code, res.to_dict()
    assert res["match"] in ("exact", "alias", "code")


@pytest.mark.parametrize("spelling,province,code", REGENCIES)
def test_regency_spellings(spelling, province, code):
    res = regions.resolve([spelling], "regency", province=[province]).iloc[0]
    assert res["code"] == code, res.to_dict()


@pytest.mark.parametrize("spelling,province", [
    ("Bandung", None), ("Malang", "Jawa Timur"), ("Kupang", "NTT"), ("Cirebon", "Jabar"),
    ("Pontianak", None), ("Kendari", None), ("Sorong", "Papua Barat")])
def test_homonyms_are_ambiguous_not_guessed(spelling, province):
    res = regions.resolve([spelling], "regency", province=[province]).iloc[0]
    assert res["match"] == "ambiguous" and pd.isna(res["code"])
    assert "|" in res["candidates"]


@pytest.mark.parametrize("value,level,why", [
    ("11.1", "regency", "float"), ("11.0", "province", "number"), ("ID-JW", "province", "unit"),
    ("Jawa Barat", "regency", "province name"), ("Kab. Bogor", "province", "kab/kota"),
    ("Atlantis", "province", ""), ("", "province", "empty"), ("99.99", "regency", "")])
def test_unplaceable_values_are_reported(value, level, why):
    res = regions.resolve([value], level).iloc[0]
    assert res["match"] == "unresolved" and pd.isna(res["code"])
    assert why in res["note"]


def test_bare_papua_code_needs_its_system():
    assert regions.resolve(["91"], "province").iloc[0]["match"] == "ambiguous"
    bps = regions.resolve(["91", "94"], "province", code_system="bps")
    assert list(bps["code"]) == ["92", "91"]  # 34-province era: BPS 91 Papua Barat, 94 Papua
    kem = regions.resolve(["91"], "province", code_system="kemendagri")
    assert kem.iloc[0]["code"] == "91"


def test_old_edition_codes_go_through_the_crosswalk():
    res = regions.resolve(["91.01", "92.71", "91.03"], "regency", edition="2021")
    assert list(res["code"]) == ["93.01", "96.71", "91.03"]


def test_polda_notes():
    res = regions.resolve(["Polda Metro Jaya", "Polda Papua"], "province")
    assert "Bekasi" in res.iloc[0]["note"] and "several provinces" in res.iloc[1]["note"]


def test_type_conflict_is_not_silently_fixed():
    res = regions.resolve(["Kota Indramayu"], "regency").iloc[0]
    assert res["match"] == "unresolved" and "32.12" in res["candidates"]


def test_fuzzy_only_with_province_and_flagged():
    with_p = regions.resolve(["Kab. Indramayuu"], "regency", province=["Jawa Barat"]).iloc[0]
    assert with_p["code"] == "32.12" and with_p["match"] == "fuzzy"
    without = regions.resolve(["Kab. Indramayuu"], "regency").iloc[0]
    assert without["match"] == "unresolved"


def test_result_keeps_order_and_length():
    values = ["Jabar", None, "Jabar", "xx", "DKI"]
    res = regions.resolve(values, "province")
    assert list(res["input"].astype(object).where(res["input"].notna(), None)) == values
    assert list(res["code"].fillna("-")) == ["32", "-", "32", "-", "31"]


def test_every_alias_points_at_its_official_name():
    aliases = regions.codes.read_reference("aliases.csv")
    prov = regions.provinces().set_index("code")["name"]
    reg = regions.kabkota().set_index("code")["name"]
    for row in aliases.itertuples():
        names = prov if row.level == "province" else reg
        assert names.get(row.code) == row.name, row


def test_resolve_cli_reports_rows(tmp_path):
    f = tmp_path / "places.csv"  # synthetic file
    f.write_text("prov;kab\nJabar;Kab. Bandung\nX;Bandung\n", encoding="utf-8")
    out = run_tppo("resolve", str(f), "--level", "regency", "--name-col", "kab",
                   "--province-col", "prov", "-o", str(tmp_path / "out.csv"))
    assert out.returncode == 0, out.stderr
    df = pd.read_csv(tmp_path / "out.csv", dtype=str)
    assert list(df["resolved_code"].fillna("")) == ["32.04", ""]
    assert "row 3, column 'kab': 'Bandung': ambiguous" in out.stderr
    strict = run_tppo("resolve", str(f), "--level", "regency", "--name-col", "kab", "--strict")
    assert strict.returncode == 1


def test_resolve_cli_missing_column_is_one_clear_line(tmp_path):
    f = tmp_path / "places.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    out = run_tppo("resolve", str(f), "--level", "province", "--name-col", "provinsi")
    assert out.returncode == 1
    assert out.stderr.startswith("error:") and "Traceback" not in out.stderr


def test_undotted_1101_is_two_places_not_kemendagri_by_default():
    """BPS 1101 is Simeulue, Kemendagri 11.01 Aceh Selatan: without its system it is
    ambiguous (it used to be read silently as Kemendagri)."""
    res = regions.resolve(["1101"], "regency").iloc[0]
    assert res["match"] == "ambiguous" and res["candidates"] == "11.01|11.09"
