"""Placing one value: a code of a stated or inferred system and edition, or a name (exact,
alias, Polda, then strictly fuzzy). Never a guess: what cannot be placed with certainty comes
back ``ambiguous`` with its candidates or ``unresolved`` with the reason."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import codes, index, names

MATCH_KINDS: tuple[str, ...] = ("exact", "alias", "code", "fuzzy", "ambiguous", "unresolved")

# Fuzzy matching is a last resort: strict score, and a clear gap to the runner-up.
FUZZY_CUTOFF = 90.0
FUZZY_MARGIN = 5.0
MIN_PREFIX_LEN = 7  # shortest truncated name accepted as a unique prefix
MIN_PREFIX_LEN_NO_PROVINCE = 12  # kab/kota without a province: only long truncated names

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
    return _Result(code, codes.region_name(code), match, candidates, note)


def _fail(note: str, candidates: Iterable[str] = (), match: str = "unresolved") -> _Result:
    return _Result(None, None, match, "|".join(sorted(set(candidates))), note)


_CODE_PATTERNS = {
    "province": re.compile(r"^\d{2}$"),
    "kabkota_dotted": re.compile(r"^(\d{2})\.(\d{2})$"),
    "kabkota_plain": re.compile(r"^(\d{2})(\d{2})$"),
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
        if t in index.ISO_UNITS:
            return _fail(f"{t} is the ISO geographical unit {index.ISO_UNITS[t]}, not a province")
        code = codes.iso_table().get(t)
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
        cands = [guess] if codes.is_code(guess, "kabkota") else []
        return _fail(f"float-corrupted code? {t} is not a code; a spreadsheet may have turned "
                     f"{guess} into {t}. Read the column as text", cands)
    if _CODE_PATTERNS["province"].match(t):
        if level == "kabkota":
            return _fail(f"{t} is a province code, not a kab/kota code")
        return _resolve_province_code(t, system, edition)
    m = _CODE_PATTERNS["kabkota_dotted"].match(t) or _CODE_PATTERNS["kabkota_plain"].match(t)
    if m:
        code = f"{m.group(1)}.{m.group(2)}"
        if level == "province":
            return _fail(f"{t} is a kab/kota code, not a province code")
        digits = m.group(1) + m.group(2)
        bps = codes.bps_kabkota().get(digits)
        if system == "bps":
            if bps is None:
                return _fail(f"{digits} is not a BPS kab/kota code (BPS 2023 list)")
            return _ok(bps, "code", f"BPS {digits} = Kemendagri {bps}")
        if "." in t or system == "kemendagri":
            return _resolve_kabkota_code(code, edition, "")
        kem = _resolve_kabkota_code(code, edition, "")
        if kem.match == "code" and bps is not None and bps != kem.code:
            return _fail(f"{digits} without its code system means two places: Kemendagri "
                         f"{code} is {kem.name}, BPS {digits} is {codes.region_name(bps)} "
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






def _resolve_province_code(code: str, system: str | None, edition: str | None) -> _Result:
    meta = codes.provinces_current()
    if system == "bps" and edition not in (None, "2021"):
        k = codes.bps_provinces().get(code)
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
        cands = [code] if codes.is_code(code, "province") else []
        bps = {"91": "92", "94": "91"}
        if code in bps:
            cands.append(bps[code])
        return _fail(f"code {code} without its system: Kemendagri and BPS number the Papua "
                     "provinces differently; pass code_system", cands, "ambiguous")
    ed = edition or codes.CURRENT_EDITION
    valid = set(codes.provinces(ed)["code"])
    if code not in valid:
        return _fail(f"{code} is not a Kemendagri province code of edition {ed}")
    if ed != codes.CURRENT_EDITION and code in ("91", "92"):
        return _ok(code, "code", f"edition {ed} code" + _split_note(code, ed),
                   _split_candidates(code, ed))
    return _ok(code, "code")


def _split_candidates(code: str, edition: str = "2021") -> str:
    xw = codes.crosswalk(edition, codes.CURRENT_EDITION, "province")
    return "|".join(xw.loc[xw["from_code"] == code, "to_code"])


def _split_note(code: str, edition: str = "2021") -> str:
    cands = _split_candidates(code, edition).split("|")
    if len(cands) < 2:
        return ""
    return (f"; before the 2022 Papua split this province also covered today's "
            f"{', '.join(c for c in cands if c != code)}")


def _resolve_kabkota_code(code: str, edition: str | None, note: str) -> _Result:
    xw = codes.kabkota_crosswalk_table()
    notes = [note] if note else []
    if edition is not None:
        hit = xw.loc[xw[f"code_{edition}"] == code, "code_2025"]
        if hit.empty:
            return _fail(f"{code} is not a kab/kota code of edition {edition}")
        new = hit.iloc[0]
        if new != code:
            notes.append(f"edition {edition} code {code} is {new} today")
        return _ok(new, "code", "; ".join(notes))
    if codes.is_code(code, "kabkota"):
        return _ok(code, "code", "; ".join(notes))
    for ed in ("2022", "2021"):
        hit = xw.loc[xw[f"code_{ed}"] == code, "code_2025"]
        if not hit.empty:
            notes.append(f"code of an older edition ({ed} list): {code} is {hit.iloc[0]} today")
            return _ok(hit.iloc[0], "code", "; ".join(notes))
    return _fail(f"{code} is not a Kemendagri kab/kota code of any edition")


def _resolve_polda(tokens: list[str]) -> _Result:
    table = index.polda_table()
    key = names.key(names.substitute(tokens))
    if key in table:
        code, spans, note = table[key]
        return _ok(code, "alias", note, spans)
    # "Polda Jawa Barat": the rest is a province name; it must be a Polda of the list
    hits, _, _, _ = _name_hits(tokens, "province", None)
    inner = {e.code for e in hits}
    if len(inner) == 1:
        for code, spans, note in table.values():
            if code in inner:
                return _ok(code, "alias", note, spans)
    return _fail("not a Polda in the reference list (34 Poldas: polda.csv)")


def _lookup(key: str, level: str, type_: str | None, province: str | None) -> list[index.Entry]:
    entries = index.name_index(level).keys.get(key, [])
    return _filter(entries, type_, province)


def _filter(entries, type_, province):
    out = entries
    if type_:
        out = [e for e in out if e.type == type_]
    if province:
        family = codes.province_family().get(province, {province})
        out = [e for e in out if e.code[:2] in family]
    return out




def _decide(entries: list[index.Entry], how: str) -> _Result:
    found = sorted({e.code for e in entries})
    if len(found) == 1:
        exact = [e for e in entries if e.kind == "exact"]
        e = exact[0] if exact else entries[0]
        note = "; ".join(x for x in (how, e.note) if x)
        return _ok(e.code, e.kind, note)
    listing = ", ".join(f"{c} {codes.region_name(c)}" for c in found)
    return _fail(f"ambiguous: {listing}; give the type (Kabupaten/Kota) or the province",
                 found, "ambiguous")


def _interpretations(tokens: list[str], level: str):
    """Readings of a name in order of preference: (tokens, stated type, how)."""
    if level == "province":
        rest, what = names.strip(tokens, [(p,) for p in names.PROVINCE_PREFIXES])
        rest, what2 = names.strip_suffix(rest, [(p,) for p in names.PROVINCE_SUFFIXES])
        yield names.substitute(rest), None, ""
        eng = names.english(rest)
        if eng:
            yield names.substitute(eng), None, "English name"
        if what is not None or what2 is not None:
            yield names.substitute(tokens), None, ""
        return
    rest, type_ = names.strip(tokens, names.KABKOTA_PREFIXES)
    rest, _ = names.strip(rest, [(("ADMINISTRASI",), ""), (("ADM",), "")])
    type_ = type_ or None
    yield names.substitute(rest), type_, ""
    eng = names.english(rest)
    if eng:
        yield names.substitute(eng), type_, "English name"
    if type_ is not None:
        # "Kota Baru" is Kabupaten Kotabaru, "Kota Waringin Barat" Kabupaten Kotawaringin Barat
        yield names.substitute(tokens), None, "prefix read as part of the name"
    else:
        sfx_rest, sfx_type = names.strip_suffix(tokens, names.KABKOTA_SUFFIXES)
        if sfx_type:
            yield names.substitute(sfx_rest), sfx_type, ""
            eng = names.english(sfx_rest)
            if eng:
                yield names.substitute(eng), sfx_type, "English name"


def _name_hits(tokens: list[str], level: str, province: str | None):
    """Index look-ups of every reading of a name: ``(hits, how, near misses, readings)``,
    ``hits`` empty when no reading matched within the given type and province."""
    readings = list(_interpretations(tokens, level))
    conflicts: list[index.Entry] = []
    for toks, type_, how in readings:
        k = names.key(toks)
        if not k:
            continue
        hits = _lookup(k, level, type_, province)
        if hits:
            # a bare homonym: typed aliases of old names join the exact candidates
            if type_ is None and level == "kabkota":
                hits = _lookup(k, level, None, province)
            return hits, how, [], readings
        conflicts.extend(_lookup(k, level, type_, None) or _lookup(k, level, None, province))
    return [], "", conflicts, readings


def _resolve_name(tokens: list[str], level: str, province: str | None) -> _Result:
    if not tokens:
        return _fail("empty value")
    if level == "province" and tokens[0] == "POLDA":
        return _resolve_polda(tokens[1:])
    hits, how, conflicts, readings = _name_hits(tokens, level, province)
    if hits:
        return _decide(hits, how)
    if conflicts:
        found = sorted({e.code for e in conflicts})
        listing = ", ".join(f"{c} {codes.region_name(c)}" for c in found)
        why = "the stated type or province does not match" if province or readings[0][1] else ""
        return _fail(f"no such place with the given type/province ({why}); did you mean: "
                     f"{listing}?", found)
    first_key = names.key(readings[0][0])
    if level == "kabkota" and index.name_index("province").keys.get(first_key) \
            and readings[0][1] is None:
        return _fail("a province name, not a kab/kota")
    if level == "province" and tokens[0] in ("KAB", "KABUPATEN", "KOTA"):
        return _fail("a kab/kota name, not a province")
    return _approximate(first_key, level, readings[0][1], province)


def _candidates_for_fuzzy(level: str, type_: str | None, province: str | None):
    idx = index.name_index(level)
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
                       f"{codes.region_name(code)}")
        if len(pref) > 1:
            return _fail("truncated name matching several places", pref, "ambiguous")
    if level == "kabkota" and not province:
        return _fail("unknown name (fuzzy matching of kab/kota names needs the province)")
    from rapidfuzz import fuzz, process

    best = process.extract(key, list(pool), scorer=fuzz.ratio, limit=3)
    if best and best[0][1] >= FUZZY_CUTOFF:
        top_codes = {e.code for e in pool[best[0][0]]}
        runner = next((s for k, s, _ in best[1:]
                       if {e.code for e in pool[k]} != top_codes), 0.0)
        if len(top_codes) == 1 and best[0][1] - runner >= FUZZY_MARGIN:
            code = top_codes.pop()
            return _ok(code, "fuzzy", f"spelling close to {codes.region_name(code)} "
                       f"(score {best[0][1]:.0f})")
    return _fail("unknown name")


@lru_cache(maxsize=200_000)
def resolve_one(value: str, level: str, province: str | None, system: str | None,
                 edition: str | None) -> _Result:
    text = value.strip()
    if not text:
        return _fail("empty value")
    if system is not None or _looks_like_code(text.upper()):
        res = _resolve_code(text, level, system, edition)
        if province is None or level != "kabkota":
            return res
        family = codes.province_family().get(province, {province})
        if res.match == "ambiguous" and res.candidates:
            inside = [c for c in res.candidates.split("|") if c[:2] in family]
            if len(inside) == 1:
                return _ok(inside[0], "code", f"{res.note}; of the two, only "
                           f"{inside[0]} lies in {codes.region_name(province)}, the row's province")
        if res.match == "code" and isinstance(res.code, str) and res.code[:2] not in family:
            return _fail(f"kab/kota code {text} is {res.name} in "
                         f"{codes.region_name(res.code[:2])}, not in the row's province "
                         f"{codes.region_name(province)}", [res.code])
        return res
    return _resolve_name(names.tokens(text), level, province)
