"""Reference geography of Indonesia: code lists by edition, crosswalks, and the region resolver.

Codes are Kemendagri codes as text (``"11"``, ``"11.01"``) and are never used without their
edition: ``"2021"`` (34 provinces, before the 2022 Papua split), ``"2022"`` (37 provinces,
Kepmendagri 100.1.1-6117/2022) and ``"2025"`` (38 provinces, Kepmendagri 300.2.2-2430/2025, the
current list). Every list that changes (aliases, Poldas, the crosswalk, ISO and BPS codes) is a
CSV file in ``tppo_analysis/reference/`` so a reviewer can check it without reading Python.

:func:`resolve` turns any real-world spelling or code of a province or kab/kota into today's
Kemendagri code. It never guesses: a value it cannot place with certainty comes back
``ambiguous`` (with its candidate codes) or ``unresolved`` (with the reason in ``note``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .editions import CURRENT_EDITION, EDITIONS, PROVINCE_COUNT, REGENCY_COUNT  # noqa: F401

LEVELS: tuple[str, ...] = ("province", "regency")
CODE_SYSTEMS: tuple[str, ...] = ("kemendagri", "bps", "iso3166-2")
MATCH_KINDS: tuple[str, ...] = ("exact", "alias", "code", "fuzzy", "ambiguous", "unresolved")
RESOLVE_COLUMNS: tuple[str, ...] = ("input", "code", "name", "match", "candidates", "note")



@lru_cache(maxsize=1)
def area_counts() -> pd.DataFrame:
    """How many provinces and kab/kota there were from which date (``reference/
    area_counts.csv``): the denominators of "all provinces" over time."""
    df = _read_reference("area_counts.csv")
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


def regency_list_covers(day) -> bool:
    """Whether the shipped kab/kota list (514) was in force on ``day``."""
    row = _count_row(day)
    return row is not None and str(row["kabkota"]).strip() not in ("", "nan")


REGENCY_LIST_FROM = pd.Timestamp("2015-01-01")

# Fuzzy matching is a last resort: strict score, and a clear gap to the runner-up.
FUZZY_CUTOFF = 90.0
FUZZY_MARGIN = 5.0
MIN_PREFIX_LEN = 7  # shortest truncated name accepted as a unique prefix
MIN_PREFIX_LEN_NO_PROVINCE = 12  # kab/kota without a province: only long truncated names


class RegionError(ValueError):
    """A bad argument to a region function (unknown edition, level or code system)."""


# --------------------------------------------------------------------------------------------
# Reference files
# --------------------------------------------------------------------------------------------


REFERENCE_DIR = Path(str(resources.files("tppo_analysis") / "reference"))


def _read_reference(name: str) -> pd.DataFrame:
    """Read a reference CSV shipped in the package, every column as text."""
    path = resources.files("tppo_analysis") / "reference" / name
    with path.open("rb") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def _check_edition(edition: str | int | None) -> str:
    if edition is None:
        return CURRENT_EDITION
    ed = str(edition).strip()
    if ed not in EDITIONS:
        raise RegionError(f"unknown code-list edition {edition!r}; "
                          f"use one of {', '.join(EDITIONS)}")
    return ed


def _check_level(level: str) -> str:
    lv = {"kabkota": "regency", "kab/kota": "regency", "regencies": "regency",
          "provinces": "province"}.get(str(level).lower(), str(level).lower())
    if lv not in LEVELS:
        raise RegionError(f"unknown level {level!r}; use 'province' or 'regency'")
    return lv


@lru_cache(maxsize=1)
def _provinces_current() -> pd.DataFrame:
    names = _read_reference("idn-area-data_4.0.1_provinces.csv")
    meta = _read_reference("provinces_meta.csv")
    return names.merge(meta, on="code", how="left", validate="1:1")


@lru_cache(maxsize=1)
def _regencies_current() -> pd.DataFrame:
    df = _read_reference("idn-area-data_4.0.1_regencies.csv")
    df["type"] = df["name"].str.split(" ", n=1).str[0].str.lower()
    bad = df.loc[~df["type"].isin(["kabupaten", "kota"]), "name"]
    if len(bad):
        raise RegionError(f"regency names without a Kabupaten/Kota prefix: {list(bad)}")
    return df[["code", "name", "type", "province_code"]]


@lru_cache(maxsize=1)
def _regency_crosswalk_table() -> pd.DataFrame:
    """One row per current regency with its code in every edition."""
    cur = _regencies_current()[["code", "name"]].rename(columns={"code": "code_2025"})
    moved = _read_reference("crosswalk_regency.csv")
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
    ed = _check_edition(edition)
    df = _provinces_current()
    keep = df["first_edition"] <= ed
    out = df.loc[keep, ["code", "name", "name_en", "iso3166_2"]].copy()
    out["bps_code"] = df.loc[keep, "bps_2021"] if ed == "2021" else ""
    out["edition"] = ed
    return out.reset_index(drop=True)


def regencies(edition: str | int | None = CURRENT_EDITION) -> pd.DataFrame:
    """Kabupaten/kota of one code-list edition (514 in each).

    Columns: ``code`` (Kemendagri ``PP.RR``, text), ``name`` (official, with its
    Kabupaten/Kota prefix), ``type`` (``kabupaten`` | ``kota``), ``province_code`` (in the same
    edition), ``edition``.
    """
    ed = _check_edition(edition)
    cur = _regencies_current()
    xw = _regency_crosswalk_table()
    to_ed = dict(zip(xw["code_2025"], xw[f"code_{ed}"], strict=True))
    out = cur.copy()
    out["code"] = cur["code"].map(to_ed)
    out["province_code"] = out["code"].str[:2]
    out["edition"] = ed
    return out.sort_values("code").reset_index(drop=True)


def crosswalk(
    from_edition: str | int, to_edition: str | int = CURRENT_EDITION, level: str = "regency"
) -> pd.DataFrame:
    """Map codes of one edition to another.

    Columns: ``from_code``, ``to_code``, ``name`` (current name), ``relation``: ``same`` (code
    unchanged), ``recoded`` (same area, new code), ``split`` (the from-area is now several
    to-areas: one row each), ``merged`` (several from-areas are one to-area). Regencies never
    split or merge between these editions, so their relation is ``same`` or ``recoded``.
    """
    fe, te = _check_edition(from_edition), _check_edition(to_edition)
    lv = _check_level(level)
    if lv == "regency":
        xw = _regency_crosswalk_table()
        out = pd.DataFrame(
            {"from_code": xw[f"code_{fe}"], "to_code": xw[f"code_{te}"], "name": xw["name"]}
        )
        out["relation"] = (out["from_code"] == out["to_code"]).map(
            {True: "same", False: "recoded"}
        )
        return out.sort_values("from_code").reset_index(drop=True)
    meta = _provinces_current()
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
    return code in _edition_codes(_check_level(level), _check_edition(edition))


@lru_cache(maxsize=8)
def _edition_codes(level: str, edition: str) -> frozenset[str]:
    table = provinces(edition) if level == "province" else regencies(edition)
    return frozenset(table["code"])


def region_name(code: str) -> str:
    """Official name of a current province or kab/kota code (KeyError when unknown)."""
    return _name_lookup()[code]


@lru_cache(maxsize=1)
def _name_lookup() -> dict[str, str]:
    p, r = _provinces_current(), _regencies_current()
    return dict(zip(p["code"], p["name"], strict=True)) | dict(
        zip(r["code"], r["name"], strict=True))


@lru_cache(maxsize=1)
def _code_sets() -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(_provinces_current()["code"]), frozenset(_regencies_current()["code"]))


def is_code(code: object, level: str | None = None) -> bool:
    """True when ``code`` is a current Kemendagri code (of ``level`` if given)."""
    if not isinstance(code, str):
        return False
    provs, regs = _code_sets()
    if level is None or _check_level(level) == "province":
        if code in provs:
            return True
    if level is None or _check_level(level) == "regency":
        return code in regs
    return False


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_NON_ALNUM = re.compile(r"[^A-Z0-9]+")
_DIRECTIONS = {
    "NORTH": ["UTARA"], "SOUTH": ["SELATAN"], "EAST": ["TIMUR"], "WEST": ["BARAT"],
    "CENTRAL": ["TENGAH"], "SOUTHEAST": ["TENGGARA"], "SOUTHWEST": ["BARAT", "DAYA"],
    "NORTHWEST": ["BARAT", "LAUT"], "NORTHEAST": ["TIMUR", "LAUT"],
}
_ENGLISH_TOKENS = {"JAVA": "JAWA", "MOLUCCAS": "MALUKU", "CELEBES": "SULAWESI",
                   "SUMATRA": "SUMATERA", "ISLAND": "", "OF": "", "THE": "", "PROVINCE": ""}


@lru_cache(maxsize=1)
def _token_map() -> dict[str, str]:
    df = _read_reference("tokens.csv")
    return dict(zip(df["token"], df["replacement"], strict=True))


def _tokens(value: str) -> list[str]:
    """Upper-case ASCII tokens, punctuation dropped, letter-spaced runs re-joined."""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).upper()
    text = text.replace("&", " DAN ")
    raw = _NON_ALNUM.sub(" ", text).split()
    out: list[str] = []
    run: list[str] = []
    for tok in raw + [""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if run:
            out.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if tok:
            out.append(tok)
    return out


def _substitute(tokens: Sequence[str]) -> list[str]:
    """Expand abbreviations (Kep. -> Kepulauan, Sumatra -> Sumatera) from tokens.csv."""
    mapping = _token_map()
    out: list[str] = []
    for tok in tokens:
        rep = mapping.get(tok, tok)
        out.extend(rep.split())
    return out


def _english(tokens: Sequence[str]) -> list[str] | None:
    """Reorder an English name ('South Central Timor') into Indonesian order, or None."""
    toks = [t for t in (_ENGLISH_TOKENS.get(t, t) for t in tokens) if t]
    # "SOUTH EAST" / "SOUTH WEST" written as two words
    merged: list[str] = []
    for tok in toks:
        if merged and merged[-1] in ("SOUTH", "NORTH") and tok in ("EAST", "WEST"):
            merged[-1] = merged[-1] + tok
        else:
            merged.append(tok)
    toks = merged
    lead: list[str] = []
    while toks and toks[0] in _DIRECTIONS:
        lead.append(toks.pop(0))
    islands = bool(toks) and toks[-1] == "ISLANDS"
    if islands:
        toks = toks[:-1]
    if not (lead or islands) or not toks:
        return None
    tail = [w for d in reversed(lead) for w in _DIRECTIONS[d]]
    return (["KEPULAUAN"] if islands else []) + toks + tail


def _key(tokens: Iterable[str]) -> str:
    """Compact key: tokens joined without spaces, 'DAN' dropped (Pangkajene dan Kepulauan)."""
    return "".join(t for t in tokens if t != "DAN")


def normalize(value: object) -> str:
    """The compact matching key of a name (for display in diagnostics and tests)."""
    return _key(_substitute(_tokens(str(value))))


# Type prefixes of kab/kota names, longest first. Value: the type they state.
_REGENCY_PREFIXES: list[tuple[tuple[str, ...], str]] = [
    (("PEMERINTAH", "KABUPATEN"), "kabupaten"), (("PEMERINTAH", "KOTA"), "kota"),
    (("KABUPATEN", "ADMINISTRASI"), "kabupaten"), (("KABUPATEN", "ADM"), "kabupaten"),
    (("KAB", "ADMINISTRASI"), "kabupaten"), (("KAB", "ADM"), "kabupaten"),
    (("KOTA", "ADMINISTRASI"), "kota"), (("KOTA", "ADM"), "kota"), (("KOTA", "MADYA"), "kota"),
    (("CITY", "OF"), "kota"), (("REGENCY", "OF"), "kabupaten"),
    (("KABUPATEN",), "kabupaten"), (("KAB",), "kabupaten"), (("KABUPATE",), "kabupaten"),
    (("PEMKAB",), "kabupaten"), (("PEMKOT",), "kota"), (("KOTAMADYA",), "kota"),
    (("KODYA",), "kota"), (("KOTA",), "kota"), (("ADMINISTRASI",), ""),
]
_REGENCY_SUFFIXES: list[tuple[tuple[str, ...], str]] = [
    (("REGENCY",), "kabupaten"), (("CITY",), "kota"), (("KABUPATEN",), "kabupaten"),
    (("KAB",), "kabupaten"), (("KOTA",), "kota"),
]
_PROVINCE_PREFIXES = [("PROVINSI",), ("PROPINSI",), ("PROV",), ("PROP",), ("PROVINCE", "OF"),
                      ("PEMERINTAH", "PROVINSI"), ("PEMPROV",)]
_PROVINCE_SUFFIXES = [("PROVINCE",), ("PROVINSI",)]


def _strip(tokens: list[str], patterns) -> tuple[list[str], str | None]:
    """Remove the first matching leading pattern; return the rest and what it stated."""
    for pat, *what in patterns:
        n = len(pat)
        if len(tokens) > n and tuple(tokens[:n]) == pat:
            return tokens[n:], (what[0] if what else "")
    return tokens, None


def _strip_suffix(tokens: list[str], patterns) -> tuple[list[str], str | None]:
    for pat, *what in patterns:
        n = len(pat)
        if len(tokens) > n and tuple(tokens[-n:]) == pat:
            return tokens[:-n], (what[0] if what else "")
    return tokens, None


# --------------------------------------------------------------------------------------------
# Index
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    code: str
    type: str  # "kabupaten", "kota" or "" for provinces
    kind: str  # "exact" or "alias"
    note: str = ""


@dataclass
class _Index:
    level: str
    keys: dict[str, list[_Entry]] = field(default_factory=dict)

    def add(self, key: str, entry: _Entry) -> None:
        bucket = self.keys.setdefault(key, [])
        if all(e.code != entry.code or e.kind != entry.kind for e in bucket):
            bucket.append(entry)


def _base_tokens(name: str, level: str) -> list[str]:
    toks = _tokens(name)
    if level == "regency":
        toks, _ = _strip(toks, _REGENCY_PREFIXES)
        toks, _ = _strip(toks, [(("ADMINISTRASI",), "")])
    return _substitute(toks)


@lru_cache(maxsize=2)
def _index(level: str) -> _Index:
    idx = _Index(level)
    aliases = _read_reference("aliases.csv")
    aliases = aliases[aliases["level"] == level]
    if level == "province":
        prov = _provinces_current()
        for row in prov.itertuples():
            idx.add(_key(_base_tokens(row.name, level)), _Entry(row.code, "", "exact"))
        for row in prov.itertuples():
            eng = _tokens(row.name_en)
            idx.add(_key(_substitute(_english(eng) or eng)), _Entry(row.code, "", "alias",
                                                                    "English name"))
            idx.add(_key(_substitute(eng)), _Entry(row.code, "", "alias", "English name"))
        for row in aliases.itertuples():
            idx.add(_key(_base_tokens(row.alias, level)),
                    _Entry(row.code, "", "alias", _alias_note(row)))
    else:
        reg = _regencies_current()
        for row in reg.itertuples():
            idx.add(_key(_base_tokens(row.name, level)), _Entry(row.code, row.type, "exact"))
        for row in aliases.itertuples():
            idx.add(_key(_base_tokens(row.alias, level)),
                    _Entry(row.code, row.type, "alias", _alias_note(row)))
        # "Mentawai", "Kab. Siau Tagulandang Biaro": island regencies often drop "Kepulauan".
        # Only where the shortened name is not itself a name or alias of anything else.
        for row in reg.itertuples():
            tokens = _base_tokens(row.name, level)
            if len(tokens) > 1 and tokens[0] == "KEPULAUAN":
                short = _key(tokens[1:])
                if short not in idx.keys:
                    idx.add(short, _Entry(row.code, row.type, "alias",
                                          f"short form without Kepulauan: {row.name}"))
    return idx


def _alias_note(row) -> str:
    parts = [f"{row.kind}: {row.alias!s} = {row.name}"]
    if row.note:
        parts.append(row.note)
    return "; ".join(parts)


@lru_cache(maxsize=1)
def _polda_table() -> dict[str, tuple[str, str, str]]:
    df = _read_reference("polda.csv")
    out = {}
    for row in df.itertuples():
        out[_key(_substitute(_tokens(row.polda)[1:]))] = (row.code, row.spans, row.note)
    return out


@lru_cache(maxsize=1)
def _iso_table() -> dict[str, str]:
    p = _provinces_current()
    return dict(zip(p["iso3166_2"], p["code"], strict=True))


_ISO_UNITS = {"ID-JW": "Jawa", "ID-KA": "Kalimantan", "ID-ML": "Maluku", "ID-NU": "Nusa Tenggara",
              "ID-PP": "Papua", "ID-SL": "Sulawesi", "ID-SM": "Sumatera"}


# --------------------------------------------------------------------------------------------
# Resolution of one distinct value
# --------------------------------------------------------------------------------------------


@dataclass
class _Result:
    code: str | None = None
    name: str | None = None
    match: str = "unresolved"
    candidates: str = ""
    note: str = ""

    def row(self, value: object) -> tuple:
        return (value, self.code, self.name, self.match, self.candidates, self.note)


def _ok(code: str, match: str, note: str = "", candidates: str = "") -> _Result:
    return _Result(code, region_name(code), match, candidates, note)


def _fail(note: str, candidates: Iterable[str] = (), match: str = "unresolved") -> _Result:
    return _Result(None, None, match, "|".join(sorted(set(candidates))), note)


_CODE_PATTERNS = {
    "province": re.compile(r"^\d{2}$"),
    "regency_dotted": re.compile(r"^(\d{2})\.(\d{2})$"),
    "regency_plain": re.compile(r"^(\d{2})(\d{2})$"),
    "float_short": re.compile(r"^(\d{2})\.(\d)$"),
    "float_zero": re.compile(r"^(\d{2}|\d{4})\.0+$"),
    "iso": re.compile(r"^ID-([A-Z]{2})$"),
}


def _looks_like_code(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.\s]+", text)) or bool(_CODE_PATTERNS["iso"].match(text))


def _resolve_code(text: str, level: str, system: str | None, edition: str | None) -> _Result:
    """Resolve a code of a stated (or inferred) system and edition to today's code."""
    t = text.replace(" ", "").upper()
    m = _CODE_PATTERNS["iso"].match(t)
    if m or system == "iso3166-2":
        if level != "province":
            return _fail("ISO 3166-2 codes exist for provinces only")
        if t in _ISO_UNITS:
            return _fail(f"{t} is the ISO geographical unit {_ISO_UNITS[t]}, not a province")
        code = _iso_table().get(t)
        return _ok(code, "code", f"ISO 3166-2 {t}") if code else _fail(
            f"{t} is not an ISO 3166-2 code of an Indonesian province")
    m = _CODE_PATTERNS["float_zero"].match(t)
    if m:
        return _fail(f"code written as a number ({t}); read codes as text. It would be "
                     f"{m.group(1)} if the trailing .0 is a float artefact",
                     [m.group(1)])
    m = _CODE_PATTERNS["float_short"].match(t)
    if m:
        guess = f"{m.group(1)}.{m.group(2)}0"
        cands = [guess] if is_code(guess, "regency") else []
        return _fail(f"float-corrupted code? {t} is not a code; a spreadsheet may have turned "
                     f"{guess} into {t}. Read the column as text", cands)
    if _CODE_PATTERNS["province"].match(t):
        if level == "regency":
            return _fail(f"{t} is a province code, not a kab/kota code")
        return _resolve_province_code(t, system, edition)
    m = _CODE_PATTERNS["regency_dotted"].match(t) or _CODE_PATTERNS["regency_plain"].match(t)
    if m:
        code = f"{m.group(1)}.{m.group(2)}"
        if level == "province":
            return _fail(f"{t} is a kab/kota code, not a province code")
        digits = m.group(1) + m.group(2)
        bps = _bps_regencies().get(digits)
        if system == "bps":
            if bps is None:
                return _fail(f"{digits} is not a BPS kab/kota code (BPS 2023 list)")
            return _ok(bps, "code", f"BPS {digits} = Kemendagri {bps}")
        if "." in t or system == "kemendagri":
            return _resolve_regency_code(code, edition, "")
        kem = _resolve_regency_code(code, edition, "")
        if kem.match == "code" and bps is not None and bps != kem.code:
            return _fail(f"{digits} without its code system means two places: Kemendagri "
                         f"{code} is {kem.name}, BPS {digits} is {region_name(bps)} "
                         f"(Kemendagri {bps}); state the code system, or write Kemendagri "
                         "codes with a dot", [kem.code, bps], "ambiguous")
        if kem.match == "code":
            same = "the same place in Kemendagri and BPS" if bps == kem.code else \
                "read as Kemendagri (not a BPS kab/kota code)"
            return _ok(kem.code, "code", "; ".join(x for x in (f"undotted code: {same}",
                                                               kem.note) if x))
        if bps is not None:
            return _ok(bps, "code", f"undotted code read as BPS {digits} = Kemendagri {bps} "
                       "(not a Kemendagri code)")
        return _fail(f"{digits} is not a kab/kota code of Kemendagri or BPS")
    return _fail(f"not a code of any known system: {text!r}")


@lru_cache(maxsize=1)
def _bps_regencies() -> dict[str, str]:
    """BPS kab/kota code (2023 list) -> today's Kemendagri code (``reference/
    bps_kemendagri_kabkota.csv``, from BPS's bridging service; see data/raw/reference/bps)."""
    df = _read_reference("bps_kemendagri_kabkota.csv")
    return dict(zip(df["bps_code"], df["kemendagri_code"], strict=True))


@lru_cache(maxsize=1)
def _bps_provinces() -> dict[str, str]:
    """BPS province code (38-province list, 2023) -> Kemendagri code."""
    df = _read_reference("bps_kemendagri_province.csv")
    return dict(zip(df["bps_code"], df["kemendagri_code"], strict=True))


def _resolve_province_code(code: str, system: str | None, edition: str | None) -> _Result:
    meta = _provinces_current()
    if system == "bps" and edition not in (None, "2021"):
        k = _bps_provinces().get(code)
        if k is None:
            return _fail(f"{code} is not a BPS province code of the 38-province list")
        return _ok(k, "code", f"BPS {code} (38-province list) = Kemendagri {k}")
    if system == "bps":
        bps = dict(zip(meta["bps_2021"], meta["code"], strict=False))
        bps.pop("", None)
        if code in bps:
            k = bps[code]
            note = f"BPS {code} (34-province era) = Kemendagri {k}"
            if k in ("91", "92"):
                return _ok(k, "code", note + _split_note(k), _split_candidates(k))
            return _ok(k, "code", note)
        return _fail(f"{code} is not a BPS province code of the 34-province era")
    if system is None and code in {"91", "92", "93", "94", "95", "96", "97"}:
        cands = [code] if is_code(code, "province") else []
        bps = {"91": "92", "94": "91"}
        if code in bps:
            cands.append(bps[code])
        return _fail(f"code {code} without its system: Kemendagri and BPS number the Papua "
                     "provinces differently; pass code_system", cands, "ambiguous")
    ed = edition or CURRENT_EDITION
    valid = set(provinces(ed)["code"])
    if code not in valid:
        return _fail(f"{code} is not a Kemendagri province code of edition {ed}")
    if ed != CURRENT_EDITION and code in ("91", "92"):
        return _ok(code, "code", f"edition {ed} code" + _split_note(code, ed),
                   _split_candidates(code, ed))
    return _ok(code, "code")


def _split_candidates(code: str, edition: str = "2021") -> str:
    xw = crosswalk(edition, CURRENT_EDITION, "province")
    return "|".join(xw.loc[xw["from_code"] == code, "to_code"])


def _split_note(code: str, edition: str = "2021") -> str:
    cands = _split_candidates(code, edition).split("|")
    if len(cands) < 2:
        return ""
    return (f"; before the 2022 Papua split this province also covered today's "
            f"{', '.join(c for c in cands if c != code)}")


def _resolve_regency_code(code: str, edition: str | None, note: str) -> _Result:
    xw = _regency_crosswalk_table()
    notes = [note] if note else []
    if edition is not None:
        hit = xw.loc[xw[f"code_{edition}"] == code, "code_2025"]
        if hit.empty:
            return _fail(f"{code} is not a kab/kota code of edition {edition}")
        new = hit.iloc[0]
        if new != code:
            notes.append(f"edition {edition} code {code} is {new} today")
        return _ok(new, "code", "; ".join(notes))
    if is_code(code, "regency"):
        return _ok(code, "code", "; ".join(notes))
    for ed in ("2022", "2021"):
        hit = xw.loc[xw[f"code_{ed}"] == code, "code_2025"]
        if not hit.empty:
            notes.append(f"code of an older edition ({ed} list): {code} is {hit.iloc[0]} today")
            return _ok(hit.iloc[0], "code", "; ".join(notes))
    return _fail(f"{code} is not a Kemendagri kab/kota code of any edition")


def _resolve_polda(tokens: list[str]) -> _Result:
    table = _polda_table()
    key = _key(_substitute(tokens))
    if key in table:
        code, spans, note = table[key]
        return _ok(code, "alias", note, spans)
    # "Polda Jawa Barat": the rest is a province name; it must be a Polda of the list
    inner = _resolve_name(tokens, "province", None, allow_fuzzy=False)
    if inner.code:
        for code, spans, note in table.values():
            if code == inner.code:
                return _ok(code, "alias", note, spans)
    return _fail("not a Polda in the reference list (34 Poldas: polda.csv)")


def _lookup(key: str, level: str, type_: str | None, province: str | None) -> list[_Entry]:
    entries = _index(level).keys.get(key, [])
    return _filter(entries, type_, province)


def _filter(entries, type_, province):
    out = entries
    if type_:
        out = [e for e in out if e.type == type_]
    if province:
        family = _province_family().get(province, {province})
        out = [e for e in out if e.code[:2] in family]
    return out


@lru_cache(maxsize=1)
def _province_family() -> dict[str, set[str]]:
    """Current province codes that a province stood for before the 2022 Papua split:
    Papua (91) -> 91, 93, 94, 95; Papua Barat (92) -> 92, 96; every other one -> itself.
    Old data names "Papua" as the province of Merauke; that is right for its time."""
    meta = _provinces_current()
    fam: dict[str, set[str]] = {c: {c} for c in meta["code"]}
    for code, parent in zip(meta["code"], meta["code_2021"], strict=True):
        fam[parent].add(code)
    return fam


def _decide(entries: list[_Entry], how: str) -> _Result:
    codes = sorted({e.code for e in entries})
    if len(codes) == 1:
        exact = [e for e in entries if e.kind == "exact"]
        e = exact[0] if exact else entries[0]
        note = "; ".join(x for x in (how, e.note) if x)
        return _ok(e.code, e.kind, note)
    names = ", ".join(f"{c} {region_name(c)}" for c in codes)
    return _fail(f"ambiguous: {names}; give the type (Kabupaten/Kota) or the province",
                 codes, "ambiguous")


def _interpretations(tokens: list[str], level: str):
    """Readings of a name in order of preference: (tokens, stated type, how)."""
    if level == "province":
        rest, what = _strip(tokens, [(p,) for p in _PROVINCE_PREFIXES])
        rest, what2 = _strip_suffix(rest, [(p,) for p in _PROVINCE_SUFFIXES])
        yield _substitute(rest), None, ""
        eng = _english(rest)
        if eng:
            yield _substitute(eng), None, "English name"
        if what is not None or what2 is not None:
            yield _substitute(tokens), None, ""
        return
    rest, type_ = _strip(tokens, _REGENCY_PREFIXES)
    rest, _ = _strip(rest, [(("ADMINISTRASI",), ""), (("ADM",), "")])
    type_ = type_ or None
    yield _substitute(rest), type_, ""
    eng = _english(rest)
    if eng:
        yield _substitute(eng), type_, "English name"
    if type_ is not None:
        # "Kota Baru" is Kabupaten Kotabaru, "Kota Waringin Barat" Kabupaten Kotawaringin Barat
        yield _substitute(tokens), None, "prefix read as part of the name"
    else:
        sfx_rest, sfx_type = _strip_suffix(tokens, _REGENCY_SUFFIXES)
        if sfx_type:
            yield _substitute(sfx_rest), sfx_type, ""
            eng = _english(sfx_rest)
            if eng:
                yield _substitute(eng), sfx_type, "English name"


def _resolve_name(tokens: list[str], level: str, province: str | None,
                  allow_fuzzy: bool = True) -> _Result:
    if not tokens:
        return _fail("empty value")
    if level == "province" and tokens[0] == "POLDA":
        return _resolve_polda(tokens[1:])
    readings = list(_interpretations(tokens, level))
    conflicts: list[_Entry] = []
    for toks, type_, how in readings:
        key = _key(toks)
        if not key:
            continue
        hits = _lookup(key, level, type_, province)
        if hits:
            # a bare homonym: typed aliases of old names join the exact candidates
            if type_ is None and level == "regency":
                hits = _lookup(key, level, None, province)
            return _decide(hits, how)
        conflicts.extend(_lookup(key, level, type_, None) or _lookup(key, level, None, province))
    if conflicts:
        codes = sorted({e.code for e in conflicts})
        names = ", ".join(f"{c} {region_name(c)}" for c in codes)
        why = "the stated type or province does not match" if province or readings[0][1] else ""
        return _fail(f"no such place with the given type/province ({why}); did you mean: "
                     f"{names}?", codes)
    first_key = _key(readings[0][0])
    if level == "regency" and _index("province").keys.get(first_key) and readings[0][1] is None:
        return _fail("a province name, not a kab/kota")
    if level == "province" and tokens[0] in ("KAB", "KABUPATEN", "KOTA"):
        return _fail("a kab/kota name, not a province")
    if allow_fuzzy:
        return _approximate(first_key, level, readings[0][1], province)
    return _fail("unknown name")


def _candidates_for_fuzzy(level: str, type_: str | None, province: str | None):
    idx = _index(level)
    for key, entries in idx.keys.items():
        kept = _filter(entries, type_, province)
        if kept:
            yield key, kept


def _approximate(key: str, level: str, type_: str | None, province: str | None) -> _Result:
    """Truncated names and small typos, only under strict conditions; marked ``fuzzy``."""
    pool = dict(_candidates_for_fuzzy(level, type_, province))
    min_prefix = MIN_PREFIX_LEN if (level == "province" or province) else MIN_PREFIX_LEN_NO_PROVINCE
    if len(key) >= min_prefix:
        pref = {e.code for k, es in pool.items() if k.startswith(key) for e in es}
        if len(pref) == 1:
            code = pref.pop()
            return _ok(code, "fuzzy", f"truncated name? {key} is the start of only "
                       f"{region_name(code)}")
        if len(pref) > 1:
            return _fail("truncated name matching several places", pref, "ambiguous")
    if level == "regency" and not province:
        return _fail("unknown name (fuzzy matching of kab/kota names needs the province)")
    from rapidfuzz import fuzz, process

    best = process.extract(key, list(pool), scorer=fuzz.ratio, limit=3)
    if best and best[0][1] >= FUZZY_CUTOFF:
        top_codes = {e.code for e in pool[best[0][0]]}
        runner = next((s for k, s, _ in best[1:]
                       if {e.code for e in pool[k]} != top_codes), 0.0)
        if len(top_codes) == 1 and best[0][1] - runner >= FUZZY_MARGIN:
            code = top_codes.pop()
            return _ok(code, "fuzzy", f"spelling close to {region_name(code)} "
                       f"(score {best[0][1]:.0f})")
    return _fail("unknown name")


@lru_cache(maxsize=200_000)
def _resolve_one(value: str, level: str, province: str | None, system: str | None,
                 edition: str | None) -> _Result:
    text = value.strip()
    if not text:
        return _fail("empty value")
    if system is not None or _looks_like_code(text.upper()):
        res = _resolve_code(text, level, system, edition)
        if province is None or level != "regency":
            return res
        family = _province_family().get(province, {province})
        if res.match == "ambiguous" and res.candidates:
            inside = [c for c in res.candidates.split("|") if c[:2] in family]
            if len(inside) == 1:
                return _ok(inside[0], "code", f"{res.note}; of the two, only "
                           f"{inside[0]} lies in {region_name(province)}, the row's province")
        if res.match == "code" and isinstance(res.code, str) and res.code[:2] not in family:
            return _fail(f"kab/kota code {text} is {res.name} in {region_name(res.code[:2])}, "
                         f"not in the row's province {region_name(province)}", [res.code])
        return res
    return _resolve_name(_tokens(text), level, province)


def _province_filters(province, n: int) -> tuple[list[str | None], list[str]]:
    """Resolve the province column (scalar or sequence) to current codes for filtering."""
    if province is None:
        return [None] * n, [""] * n
    seq = [province] * n if isinstance(province, str) or not _is_sequence(province) \
        else list(province)
    if len(seq) != n:
        raise RegionError(f"province has {len(seq)} values for {n} inputs")
    res = resolve(seq, "province")
    codes, notes = [], []
    for val, code, match in zip(seq, res["code"], res["match"], strict=True):
        if _missing(val):
            codes.append(None)
            notes.append("")
        elif match in ("exact", "alias", "code", "fuzzy") and isinstance(code, str):
            codes.append(code)
            notes.append("")
        else:
            codes.append(None)
            notes.append(f"province {val!r} not resolved, not used")
    return codes, notes


def _is_sequence(obj) -> bool:
    return isinstance(obj, (list, tuple, pd.Series, pd.Index)) or hasattr(obj, "__array__")


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def resolve(
    values,
    level: str,
    *,
    province=None,
    code_system: str | None = None,
    edition: str | int | None = None,
) -> pd.DataFrame:
    """Resolve names or codes of provinces or kab/kota to today's Kemendagri codes.

    ``values``: any sequence (list, Series, array) of names or codes; ``level``: ``province``
    or ``regency``; ``province``: a province (name or code) per value, or one for all, to
    decide homonyms and allow fuzzy kab/kota matching; ``code_system``: ``kemendagri``,
    ``bps`` or ``iso3166-2`` when the values are codes (codes are read as Kemendagri when
    dotted, and a bare 2-digit Papua code without its system is ambiguous); ``edition``: the
    code-list edition of the codes (older codes are mapped to today's through the crosswalk).

    Returns one row per input, in order, with columns ``input``, ``code`` (current Kemendagri
    code, missing unless matched), ``name`` (official name), ``match`` (``exact``, ``alias``,
    ``code``, ``fuzzy``, ``ambiguous``, ``unresolved``), ``candidates`` (``|``-separated codes
    for ambiguous or near misses) and ``note`` (why, in words). Each distinct (value,
    province) pair is resolved once.
    """
    lv = _check_level(level)
    system = None if code_system is None else str(code_system).lower()
    if system is not None and system not in CODE_SYSTEMS:
        raise RegionError(f"unknown code system {code_system!r}; use one of "
                          f"{', '.join(CODE_SYSTEMS)}")
    ed = None if edition is None else _check_edition(edition)
    series = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) \
        else values.astype(object)
    n = len(series)
    prov_codes, prov_notes = _province_filters(province, n) if lv == "regency" \
        else ([None] * n, [""] * n)
    # Resolve each distinct (value, province) once, then broadcast with integer codes: this
    # is what makes a million rows of a few thousand spellings cheap.
    values = series.to_numpy(dtype=object)
    vcodes, vuniq = pd.factorize(values, use_na_sentinel=True)
    if lv == "regency" and any(p is not None for p in prov_codes):
        pcodes, puniq = pd.factorize(pd.array(prov_codes, dtype=object), use_na_sentinel=True)
        pair = (vcodes.astype(np.int64) + 1) * (len(puniq) + 1) + (pcodes + 1)
        codes, pair_uniq = pd.factorize(pair)
        v_idx = pair_uniq // (len(puniq) + 1) - 1
        p_idx = pair_uniq % (len(puniq) + 1) - 1
        uniques = [("" if vi < 0 else _as_text(vuniq[vi]), None if pi < 0 else puniq[pi])
                   for vi, pi in zip(v_idx, p_idx, strict=True)]
    else:
        codes = vcodes.copy()
        uniques = [(_as_text(v), None) for v in vuniq]
        if (codes < 0).any():  # missing values: one more "unique", the empty string
            codes[codes < 0] = len(uniques)
            uniques.append(("", None))
    cols: dict[str, list] = {c: [] for c in ("code", "name", "match", "candidates", "note")}
    for v, p in uniques:
        r = None
        if p is not None:
            # most spellings place themselves; the province only decides homonyms, mismatches
            # and fuzzy matches, so a clean match inside that province is reused as is
            bare = _resolve_one(v, lv, None, system, ed)
            if bare.match in ("exact", "alias", "code") and isinstance(bare.code, str) \
                    and bare.code[:2] == p and not bare.candidates:
                r = bare
        if r is None:
            r = _resolve_one(v, lv, p, system, ed)
        note = r.note
        if p is not None and isinstance(r.code, str) and r.code[:2] != p:
            note = "; ".join(x for x in (note, f"province given as {region_name(p)}, its "
                             f"area before the 2022 Papua split; today in "
                             f"{region_name(r.code[:2])}") if x)
        for c, val in zip(cols, (r.code, r.name, r.match, r.candidates, note), strict=True):
            cols[c].append(val)
    out = pd.DataFrame({"input": series.reset_index(drop=True)})
    for c, vals in cols.items():
        out[c] = _take_strings(vals, codes)
    if any(prov_notes):
        out["note"] = ["; ".join(x for x in (a, b) if x) for a, b in
                       zip(out["note"].fillna(""), prov_notes, strict=True)]
        out["note"] = out["note"].astype("string")
    return out


def _as_text(value) -> str:
    return "" if _missing(value) else str(value)


def _take_strings(values: list, codes: np.ndarray) -> pd.Series:
    """``values[codes]`` as a string Series (``None`` -> missing), without a Python loop."""
    return pd.Series(pd.array(values, dtype="string").take(codes))


def resolve_summary(result: pd.DataFrame) -> dict[str, object]:
    """Counts by match kind and the distinct unresolved and ambiguous inputs."""
    counts = {k: int((result["match"] == k).sum()) for k in MATCH_KINDS}
    bad = result[result["match"].isin(["unresolved", "ambiguous"])]
    return {
        "rows": len(result),
        **counts,
        "unresolved_values": sorted({str(v) for v in
                                     bad.loc[bad["match"] == "unresolved", "input"]}),
        "ambiguous_values": sorted({str(v) for v in
                                    bad.loc[bad["match"] == "ambiguous", "input"]}),
    }
