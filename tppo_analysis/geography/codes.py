"""Code lists of Indonesia's provinces and kab/kota, by edition, and the crosswalks between them.

Codes are Kemendagri codes as text (``"11"``, ``"11.01"``) and are never used without their
edition: ``"2021"`` (34 provinces, before the 2022 Papua split), ``"2022"`` (37 provinces,
Kepmendagri 100.1.1-6117/2022) and ``"2025"`` (38 provinces, Kepmendagri 300.2.2-2430/2025, the
current list); the editions themselves are in ``reference/editions.csv``. Every list that
changes (aliases, Poldas, the crosswalk, ISO and BPS codes) is a CSV file in
``tppo_analysis/reference/`` so a reviewer can check it without reading Python.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from ..errors import OneLineError
from .editions import CURRENT_EDITION, EDITIONS, KABKOTA_COUNT, PROVINCE_COUNT  # noqa: F401
from .levels import AREA_LEVELS, level_of

CODE_SYSTEMS: tuple[str, ...] = ("kemendagri", "bps", "iso3166-2")


@lru_cache(maxsize=1)
def area_counts() -> pd.DataFrame:
    """How many provinces and kab/kota there were from which date (``reference/
    area_counts.csv``): the denominators of "all provinces" over time."""
    df = read_reference("area_counts.csv")
    df["from"] = pd.to_datetime(df["from"])
    return df.sort_values("from").reset_index(drop=True)


def _count_row(day) -> pd.Series | None:
    counts = area_counts()
    when = pd.Timestamp(day)
    hit = counts[counts["from"] <= when]
    return None if hit.empty else hit.iloc[-1]


def province_count_at(day) -> tuple[int | None, str]:
    """(number of provinces on ``day``, the basis in words); None before 2004-10-05."""
    row = _count_row(day)
    if row is None:
        return None, ""
    return int(row["provinces"]), f"{row['provinces']} provinces from {row['from']:%Y-%m-%d}"


def kabkota_list_covers(day) -> bool:
    """Whether the shipped kab/kota list (514) was in force on ``day``."""
    row = _count_row(day)
    return row is not None and str(row["kabkota"]).strip() not in ("", "nan")



# Fuzzy matching is a last resort: strict score, and a clear gap to the runner-up.
FUZZY_CUTOFF = 90.0
FUZZY_MARGIN = 5.0
MIN_PREFIX_LEN = 7  # shortest truncated name accepted as a unique prefix
MIN_PREFIX_LEN_NO_PROVINCE = 12  # kab/kota without a province: only long truncated names


class RegionError(OneLineError, ValueError):
    """A bad argument to a region function (unknown edition, level or code system)."""


# --------------------------------------------------------------------------------------------
# Reference files
# --------------------------------------------------------------------------------------------


REFERENCE_DIR = Path(str(resources.files("tppo_analysis") / "reference"))


def read_reference(name: str) -> pd.DataFrame:
    """Read a reference CSV shipped in the package, every column as text."""
    path = resources.files("tppo_analysis") / "reference" / name
    with path.open("rb") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def check_edition(edition: str | int | None) -> str:
    if edition is None:
        return CURRENT_EDITION
    ed = str(edition).strip()
    if ed not in EDITIONS:
        raise RegionError(f"unknown code-list edition {edition!r}; "
                          f"use one of {', '.join(EDITIONS)}")
    return ed


def check_level(level: str) -> str:
    """``province`` or ``kabkota`` from any way of writing them (RegionError otherwise)."""
    lv = level_of(level)
    if lv not in AREA_LEVELS:
        raise RegionError(f"unknown level {level!r}; use 'province' or 'kabkota'")
    return lv


@lru_cache(maxsize=1)
def provinces_current() -> pd.DataFrame:
    names = read_reference("idn-area-data_4.0.1_provinces.csv")
    meta = read_reference("provinces_meta.csv")
    return names.merge(meta, on="code", how="left", validate="1:1")


@lru_cache(maxsize=1)
def kabkota_current() -> pd.DataFrame:
    df = read_reference("idn-area-data_4.0.1_regencies.csv")
    df["type"] = df["name"].str.split(" ", n=1).str[0].str.lower()
    bad = df.loc[~df["type"].isin(["kabupaten", "kota"]), "name"]
    if len(bad):
        raise RegionError(f"kab/kota names without a Kabupaten/Kota prefix: {list(bad)}")
    return df[["code", "name", "type", "province_code"]]


@lru_cache(maxsize=1)
def kabkota_crosswalk_table() -> pd.DataFrame:
    """One row per current kab/kota with its code in every edition."""
    cur = kabkota_current()[["code", "name"]].rename(columns={"code": "code_2025"})
    moved = read_reference("crosswalk_kabkota.csv")
    out = cur.merge(moved[["code_2021", "code_2022", "code_2025"]], on="code_2025", how="left")
    for ed in ("2021", "2022"):
        out[f"code_{ed}"] = out[f"code_{ed}"].fillna(out["code_2025"])
    return out[["code_2021", "code_2022", "code_2025", "name"]]


def provinces(edition: str | int | None = CURRENT_EDITION) -> pd.DataFrame:
    """Provinces of one code-list edition.

    Columns: ``code`` (Kemendagri, text), ``name`` (official, Indonesian), ``name_en``,
    ``iso3166_2``, ``bps_code`` (BPS code in that edition; empty where the reference does not
    hold it), ``edition``. 34 rows for 2021, 37 for 2022, 38 for 2025.
    """
    ed = check_edition(edition)
    df = provinces_current()
    keep = df["first_edition"] <= ed
    out = df.loc[keep, ["code", "name", "name_en", "iso3166_2"]].copy()
    out["bps_code"] = df.loc[keep, "bps_2021"] if ed == "2021" else ""
    out["edition"] = ed
    return out.reset_index(drop=True)


def kabkota(edition: str | int | None = CURRENT_EDITION) -> pd.DataFrame:
    """Kabupaten/kota of one code-list edition (514 in each).

    Columns: ``code`` (Kemendagri ``PP.RR``, text), ``name`` (official, with its
    Kabupaten/Kota prefix), ``type`` (``kabupaten`` | ``kota``), ``province_code`` (in the same
    edition), ``edition``.
    """
    ed = check_edition(edition)
    cur = kabkota_current()
    xw = kabkota_crosswalk_table()
    to_ed = dict(zip(xw["code_2025"], xw[f"code_{ed}"], strict=True))
    out = cur.copy()
    out["code"] = cur["code"].map(to_ed)
    out["province_code"] = out["code"].str[:2]
    out["edition"] = ed
    return out.sort_values("code").reset_index(drop=True)


def crosswalk(
    from_edition: str | int, to_edition: str | int = CURRENT_EDITION, level: str = "kabkota"
) -> pd.DataFrame:
    """Map codes of one edition to another.

    Columns: ``from_code``, ``to_code``, ``name`` (current name), ``relation``: ``same`` (code
    unchanged), ``recoded`` (same area, new code), ``split`` (the from-area is now several
    to-areas: one row each), ``merged`` (several from-areas are one to-area). Kab/kota never
    split or merge between these editions, so their relation is ``same`` or ``recoded``.
    """
    fe, te = check_edition(from_edition), check_edition(to_edition)
    lv = check_level(level)
    if lv == "kabkota":
        xw = kabkota_crosswalk_table()
        out = pd.DataFrame(
            {"from_code": xw[f"code_{fe}"], "to_code": xw[f"code_{te}"], "name": xw["name"]}
        )
        out["relation"] = (out["from_code"] == out["to_code"]).map(
            {True: "same", False: "recoded"}
        )
        return out.sort_values("from_code").reset_index(drop=True)
    meta = provinces_current()
    names = dict(zip(meta["code"], meta["name"], strict=True))
    rows = []
    for code in meta["code"]:
        a = code if fe == "2025" else meta.loc[meta["code"] == code, f"code_{fe}"].iloc[0]
        b = code if te == "2025" else meta.loc[meta["code"] == code, f"code_{te}"].iloc[0]
        rows.append((a, b))
    pairs = pd.DataFrame(rows, columns=["from_code", "to_code"]).drop_duplicates()
    n_to = pairs.groupby("from_code")["to_code"].transform("nunique")
    n_from = pairs.groupby("to_code")["from_code"].transform("nunique")
    pairs["relation"] = "same"
    pairs.loc[n_to > 1, "relation"] = "split"
    pairs.loc[n_from > 1, "relation"] = "merged"
    pairs.loc[(pairs["relation"] == "same") & (pairs["from_code"] != pairs["to_code"]),
              "relation"] = "recoded"
    pairs["name"] = pairs["to_code"].map(names)
    return pairs[["from_code", "to_code", "name", "relation"]].sort_values(
        ["from_code", "to_code"]).reset_index(drop=True)


def code_in_edition(code: str, level: str, edition: str) -> bool:
    """Whether a Kemendagri code is in the code list of ``edition``."""
    return code in _edition_codes(check_level(level), check_edition(edition))


@lru_cache(maxsize=8)
def _edition_codes(level: str, edition: str) -> frozenset[str]:
    table = provinces(edition) if level == "province" else kabkota(edition)
    return frozenset(table["code"])


def region_name(code: str) -> str:
    """Official name of a current province or kab/kota code (KeyError when unknown)."""
    return _name_lookup()[code]


@lru_cache(maxsize=1)
def _name_lookup() -> dict[str, str]:
    p, r = provinces_current(), kabkota_current()
    return dict(zip(p["code"], p["name"], strict=True)) | dict(
        zip(r["code"], r["name"], strict=True))


@lru_cache(maxsize=1)
def _code_sets() -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(provinces_current()["code"]), frozenset(kabkota_current()["code"]))


def is_code(code: object, level: str | None = None) -> bool:
    """True when ``code`` is a current Kemendagri code (of ``level`` if given)."""
    if not isinstance(code, str):
        return False
    provs, regs = _code_sets()
    if level is None or check_level(level) == "province":
        if code in provs:
            return True
    if level is None or check_level(level) == "kabkota":
        return code in regs
    return False


# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def bps_kabkota() -> dict[str, str]:
    """BPS kab/kota code (2023 list) -> today's Kemendagri code (``reference/
    bps_kemendagri_kabkota.csv``, from BPS's bridging service; see data/raw/reference/bps)."""
    df = read_reference("bps_kemendagri_kabkota.csv")
    return dict(zip(df["bps_code"], df["kemendagri_code"], strict=True))


@lru_cache(maxsize=1)
def bps_provinces() -> dict[str, str]:
    """BPS province code (38-province list, 2023) -> Kemendagri code."""
    df = read_reference("bps_kemendagri_province.csv")
    return dict(zip(df["bps_code"], df["kemendagri_code"], strict=True))


@lru_cache(maxsize=1)
def iso_table() -> dict[str, str]:
    p = provinces_current()
    return dict(zip(p["iso3166_2"], p["code"], strict=True))


@lru_cache(maxsize=1)
def province_family() -> dict[str, set[str]]:
    """Current province codes that a province stood for before the 2022 Papua split:
    Papua (91) -> 91, 93, 94, 95; Papua Barat (92) -> 92, 96; every other one -> itself.
    Old data names "Papua" as the province of Merauke; that is right for its time."""
    meta = provinces_current()
    fam: dict[str, set[str]] = {c: {c} for c in meta["code"]}
    for code, parent in zip(meta["code"], meta["code_2021"], strict=True):
        fam[parent].add(code)
    return fam
