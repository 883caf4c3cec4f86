"""The reference geography: code lists per edition, crosswalks and other code systems."""

from __future__ import annotations

import pytest

from tppo_analysis import geography as regions

from ..conftest import run_tppo


@pytest.mark.parametrize("edition,n", [("2025", 38), ("2022", 37), ("2021", 34), (2021, 34)])
def test_province_counts_per_edition(edition, n):
    df = regions.provinces(edition)
    assert len(df) == n and df["code"].is_unique
    assert (df["edition"] == str(edition)).all()


def test_codes_are_text_with_leading_structure():
    prov, reg = regions.provinces(), regions.kabkota()
    assert prov["code"].str.fullmatch(r"\d{2}").all()
    assert reg["code"].str.fullmatch(r"\d{2}\.\d{2}").all()
    assert len(reg) == 514 and (reg["type"] == "kabupaten").sum() == 416
    assert set(reg["province_code"]) == set(prov["code"])
    assert prov.set_index("code").loc["11", "name"] == "Aceh"


def test_new_papua_provinces_by_edition():
    assert "96" not in set(regions.provinces("2022")["code"])
    assert {"93", "94", "95"} <= set(regions.provinces("2022")["code"])
    assert not {"93", "94", "95", "96"} & set(regions.provinces("2021")["code"])


def test_bps_codes_swap_papua_in_34_province_era():
    df = regions.provinces("2021").set_index("code")
    assert df.loc["91", "bps_code"] == "94" and df.loc["92", "bps_code"] == "91"
    assert df.loc["32", "bps_code"] == "32"


def test_iso_codes_include_new_provinces():
    iso = regions.provinces().set_index("code")["iso3166_2"]
    assert iso["32"] == "ID-JB" and iso["95"] == "ID-PE" and iso["96"] == "ID-PD"
    assert iso.is_unique


def test_regency_crosswalk_2021_to_2025():
    xw = regions.crosswalk("2021", "2025", "regency").set_index("from_code")
    assert xw.loc["91.01", "to_code"] == "93.01"  # Merauke
    assert xw.loc["92.71", "to_code"] == "96.71"  # Kota Sorong
    assert xw.loc["32.04", "relation"] == "same"
    assert (xw["relation"] == "recoded").sum() == 26
    assert len(xw) == 514 and xw.index.is_unique


def test_regency_codes_of_2022_edition():
    reg = regions.kabkota("2022").set_index("name")
    assert reg.loc["Kabupaten Merauke", "code"] == "93.01"
    assert reg.loc["Kota Sorong", "code"] == "92.71"  # Papua Barat Daya only from 2025


def test_province_crosswalk_split():
    xw = regions.crosswalk("2021", "2025", "province")
    split = xw[xw["relation"] == "split"]
    assert set(split.loc[split["from_code"] == "91", "to_code"]) == {"91", "93", "94", "95"}
    assert set(split.loc[split["from_code"] == "92", "to_code"]) == {"92", "96"}
    back = regions.crosswalk("2025", "2021", "province")
    assert set(back.loc[back["relation"] == "merged", "from_code"]) == {
        "91", "92", "93", "94", "95", "96"}


def test_unknown_edition_is_a_clear_error():
    with pytest.raises(regions.RegionError, match="edition"):
        regions.provinces("2019")


@pytest.mark.parametrize("args,rows", [
    (["--level", "province"], 38), (["--edition", "2021"], 34),
    (["--level", "regency"], 514), (["--level", "province", "--edition", "2022"], 37)])
def test_cli_regions(args, rows):
    out = run_tppo("regions", *args)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == rows + 1 and lines[0].startswith("code,name")


def test_cli_regions_table_format():
    out = run_tppo("regions", "--format", "table")
    assert out.returncode == 0 and "Papua Barat Daya" in out.stdout


def test_polda_reference_is_its_raw_source_with_codes():
    """reference/polda.csv (what the resolver reads) is data/raw/public_figures/
    polda_province_map.csv (the sourced list) with each province resolved to its code."""
    import pandas as pd

    from tppo_analysis import config

    raw = pd.read_csv(config.RAW_DIR / "public_figures" / "polda_province_map.csv", dtype=str,
                      keep_default_na=False)
    ref = regions.codes.read_reference("polda.csv")
    assert list(raw["polda"]) == list(ref["polda"])
    placed = regions.resolve(raw["province"], "province")
    assert list(placed["code"]) == list(ref["code"])
