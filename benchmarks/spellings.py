"""Realistic messy spellings of provinces and kab/kota, built from the code list.

The variants are the forms seen in real Indonesian data (prefix styles, case, letter-spacing,
stray punctuation, undotted codes, aliases shipped with the package); the benchmark inputs are
synthetic mixes of them, not real records.
"""

from __future__ import annotations

import random

from tppo_analysis import regions

PREFIXES = {"kabupaten": ["Kabupaten ", "Kab. ", "KAB. ", "Kab ", "kab. "],
            "kota": ["Kota ", "KOTA ", "Kota Adm. ", "kota "]}


def regency_spellings(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct regency spellings."""
    rng = random.Random(seed)
    reg = regions.regencies()
    aliases = regions._read_reference("aliases.csv")
    pool: set[str] = set(aliases.loc[aliases["level"] == "regency", "alias"])
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
    aliases = regions._read_reference("aliases.csv")
    pool = set(aliases.loc[aliases["level"] == "province", "alias"])
    for row in prov.itertuples():
        for name in (row.name, row.name_en):
            pool.update({name, name.upper(), name.lower(), "Provinsi " + name, "Prov. " + name})
        pool.update({row.iso3166_2, row.code})
    return sorted(pool)
