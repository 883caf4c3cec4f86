"""Names of places as matching keys: tokens, abbreviations, English word order, type prefixes.

``Kab. Kep. Mentawai``, ``KEPULAUAN MENTAWAI`` and ``Mentawai Islands Regency`` all become the
tokens of one name. The abbreviations are ``reference/tokens.csv``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .codes import read_reference

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
    df = read_reference("tokens.csv")
    return dict(zip(df["token"], df["replacement"], strict=True))


def tokens(value: str) -> list[str]:
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


def substitute(tokens: Sequence[str]) -> list[str]:
    """Expand abbreviations (Kep. -> Kepulauan, Sumatra -> Sumatera) from tokens.csv."""
    mapping = _token_map()
    out: list[str] = []
    for tok in tokens:
        rep = mapping.get(tok, tok)
        out.extend(rep.split())
    return out


def english(tokens: Sequence[str]) -> list[str] | None:
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


def key(tokens: Iterable[str]) -> str:
    """Compact key: tokens joined without spaces, 'DAN' dropped (Pangkajene dan Kepulauan)."""
    return "".join(t for t in tokens if t != "DAN")


def normalize(value: object) -> str:
    """The compact matching key of a name (for display in diagnostics and tests)."""
    return key(substitute(tokens(str(value))))


# Type prefixes of kab/kota names, longest first. Value: the type they state.
KABKOTA_PREFIXES: list[tuple[tuple[str, ...], str]] = [
    (("PEMERINTAH", "KABUPATEN"), "kabupaten"), (("PEMERINTAH", "KOTA"), "kota"),
    (("KABUPATEN", "ADMINISTRASI"), "kabupaten"), (("KABUPATEN", "ADM"), "kabupaten"),
    (("KAB", "ADMINISTRASI"), "kabupaten"), (("KAB", "ADM"), "kabupaten"),
    (("KOTA", "ADMINISTRASI"), "kota"), (("KOTA", "ADM"), "kota"), (("KOTA", "MADYA"), "kota"),
    (("CITY", "OF"), "kota"), (("REGENCY", "OF"), "kabupaten"),
    (("KABUPATEN",), "kabupaten"), (("KAB",), "kabupaten"), (("KABUPATE",), "kabupaten"),
    (("PEMKAB",), "kabupaten"), (("PEMKOT",), "kota"), (("KOTAMADYA",), "kota"),
    (("KODYA",), "kota"), (("KOTA",), "kota"), (("ADMINISTRASI",), ""),
]
KABKOTA_SUFFIXES: list[tuple[tuple[str, ...], str]] = [
    (("REGENCY",), "kabupaten"), (("CITY",), "kota"), (("KABUPATEN",), "kabupaten"),
    (("KAB",), "kabupaten"), (("KOTA",), "kota"),
]
PROVINCE_PREFIXES = [("PROVINSI",), ("PROPINSI",), ("PROV",), ("PROP",), ("PROVINCE", "OF"),
                      ("PEMERINTAH", "PROVINSI"), ("PEMPROV",)]
PROVINCE_SUFFIXES = [("PROVINCE",), ("PROVINSI",)]


def strip(tokens: list[str], patterns) -> tuple[list[str], str | None]:
    """Remove the first matching leading pattern; return the rest and what it stated."""
    for pat, *what in patterns:
        n = len(pat)
        if len(tokens) > n and tuple(tokens[:n]) == pat:
            return tokens[n:], (what[0] if what else "")
    return tokens, None


def strip_suffix(tokens: list[str], patterns) -> tuple[list[str], str | None]:
    for pat, *what in patterns:
        n = len(pat)
        if len(tokens) > n and tuple(tokens[-n:]) == pat:
            return tokens[:-n], (what[0] if what else "")
    return tokens, None


# --------------------------------------------------------------------------------------------
# Index
# --------------------------------------------------------------------------------------------
