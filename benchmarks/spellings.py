"""Realistic messy spellings of provinces and kab/kota, built from the code list.

The variants are the forms seen in real Indonesian data (prefix styles, case, letter-spacing,
stray punctuation, undotted codes, aliases shipped with the package); the benchmark inputs are
synthetic mixes of them, not real records.
"""

from __future__ import annotations

import random

from tppo_analysis import geography as regions

PREFIXES = {"kabupaten": ["Kabupaten ", "Kab. ", "KAB. ", "Kab ", "kab. "],
            "kota": ["Kota ", "KOTA ", "Kota Adm. ", "kota "]}


def kabkota_spellings(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct kab/kota spellings."""
    rng = random.Random(seed)
    reg = regions.kabkota()
    aliases = regions.codes.read_reference("aliases.csv")
    pool: set[str] = set(aliases.loc[aliases["level"] == "kabkota", "alias"])
    for row in reg.itertuples():
        bare = row.name.split(" ", 1)[1]
        pool.add(row.code)
        pool.add(row.code.replace(".", ""))
        for pre in PREFIXES[row.type]:
            pool.update({pre + bare, pre + bare.upper(), pre + bare.lower(), (pre + bare) + " ",
                         pre + bare.replace(" ", "  "), pre.upper() + bare.upper() + "."})
        if row.type == "kabupaten":
            pool.add(bare)
    out = sorted(pool)
    rng.shuffle(out)
    return out[:n]


def province_spellings() -> list[str]:
    """Every province name, English name, ISO code, alias and code, in several cases."""
    prov = regions.provinces()
    aliases = regions.codes.read_reference("aliases.csv")
    pool = set(aliases.loc[aliases["level"] == "province", "alias"])
    for row in prov.itertuples():
        for name in (row.name, row.name_en):
            pool.update({name, name.upper(), name.lower(), "Provinsi " + name, "Prov. " + name})
        pool.update({row.iso3166_2, row.code})
    return sorted(pool)


MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _date_text(rng: random.Random) -> str:
    y, m, d = rng.choice([2021, 2022, 2023, 2024]), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{d} {MONTHS[m - 1]} {y}", f"{rng.choice(DAYS)} ({d}/{m}/{y})",
                       f"{y}-{m:02d}-{d:02d}", f"{MONTHS[m - 1]} {y}", f"{y}",
                       f"{d}/{m}/{y}", f"awal {y}"])


def _number_text(rng: random.Random) -> str:
    n = rng.choice([rng.randint(0, 30), rng.randint(30, 999), rng.randint(1000, 250_000)])
    return rng.choice([f"{n:,}".replace(",", "."), str(n), f"{n} orang", f"±{n}"])


def case_rows(n: int, seed: int = 0, bad_share: float = 0.03):
    """``n`` synthetic case rows in the cases template, messy as the raw files are: provinces
    and kab/kota in many spellings and codes, Indonesian numbers and dates, and a small share
    of bad values (unknown places, impossible dates, text in counts)."""
    import numpy as np
    import pandas as pd

    rng = random.Random(seed)
    prov = regions.provinces()
    reg = regions.kabkota()
    pvar = {r.code: [r.name, r.name.upper(), "Provinsi " + r.name, "Prov. " + r.name, r.code,
                     r.iso3166_2, r.name_en] for r in prov.itertuples()}
    rvar = {}
    for r in reg.itertuples():
        bare = r.name.split(" ", 1)[1]
        rvar[r.code] = [r.name, r.code, r.code.replace(".", ""),
                        *(pre + bare for pre in PREFIXES[r.type]), r.name.upper()]
    # the pools are a few thousand distinct texts; rows are drawn from them
    prov_pool = [(c, v) for c, vs in pvar.items() for v in vs]
    reg_pool = [(c[:2], v) for c, vs in rvar.items() for v in vs]
    dates = [_date_text(rng) for _ in range(3000)]
    numbers = [_number_text(rng) for _ in range(3000)]
    rs = np.random.default_rng(seed)
    kab = rs.random(n) < 0.3
    pi = rs.integers(0, len(prov_pool), n)
    ri = rs.integers(0, len(reg_pool), n)
    province = np.array([v for _, v in prov_pool], dtype=object)[pi]
    kabkota = np.array([v for _, v in reg_pool], dtype=object)[ri]
    # a kab/kota row names the kab/kota's own province, in one of its spellings
    reg_prov = np.array([rng.choice(pvar[c]) for c, _ in reg_pool], dtype=object)[ri]
    province = np.where(kab, reg_prov, province)
    df = pd.DataFrame({
        "level": np.where(kab, "kabkota", "province"),
        "province": province, "kabkota": np.where(kab, kabkota, ""),
        "jurisdiction": "",
        "period_start": np.array(dates, dtype=object)[rs.integers(0, len(dates), n)],
        "period_end": "",
        "metric": np.array(["korban", "victims", "Laporan Polisi", "police_reports",
                            "tersangka"], dtype=object)[rs.integers(0, 5, n)],
        "agency": np.array(["Polri", "KemenPPPA SIMFONI-PPA", "Kemensos"],
                           dtype=object)[rs.integers(0, 3, n)],
        "value": np.array(numbers, dtype=object)[rs.integers(0, len(numbers), n)],
        "source": [f"https://example.org/synthetic/{i // 20}" for i in range(n)],
        "note": ""})
    bad = rs.random(n) < bad_share
    kinds = rs.integers(0, 4, n)
    df.loc[bad & (kinds == 0), "province"] = "Atlantis"
    df.loc[bad & (kinds == 1), "period_start"] = "32/13/2023"
    df.loc[bad & (kinds == 2), "value"] = "banyak"
    df.loc[bad & (kinds == 3), "kabkota"] = "Bandung"
    return df.astype("string")
