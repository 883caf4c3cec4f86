"""The index of names: every official name, alias, English name and short form of a province
or kab/kota under its matching key, and the Polda names (``reference/aliases.csv``,
``reference/polda.csv``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import codes, names


@dataclass(frozen=True)
class Entry:
    code: str
    type: str  # "kabupaten", "kota" or "" for provinces
    kind: str  # "exact" or "alias"
    note: str = ""


@dataclass
class NameIndex:
    level: str
    keys: dict[str, list[Entry]] = field(default_factory=dict)

    def add(self, key: str, entry: Entry) -> None:
        bucket = self.keys.setdefault(key, [])
        if all(e.code != entry.code or e.kind != entry.kind for e in bucket):
            bucket.append(entry)


def _base_tokens(name: str, level: str) -> list[str]:
    toks = names.tokens(name)
    if level == "kabkota":
        toks, _ = names.strip(toks, names.KABKOTA_PREFIXES)
        toks, _ = names.strip(toks, [(("ADMINISTRASI",), "")])
    return names.substitute(toks)


@lru_cache(maxsize=2)
def name_index(level: str) -> NameIndex:
    idx = NameIndex(level)
    aliases = codes.read_reference("aliases.csv")
    aliases = aliases[aliases["level"] == level]
    if level == "province":
        prov = codes.provinces_current()
        for row in prov.itertuples():
            idx.add(names.key(_base_tokens(row.name, level)), Entry(row.code, "", "exact"))
        for row in prov.itertuples():
            eng = names.tokens(row.name_en)
            idx.add(names.key(names.substitute(names.english(eng) or eng)),
                    Entry(row.code, "", "alias", "English name"))
            idx.add(names.key(names.substitute(eng)), Entry(row.code, "", "alias", "English name"))
        for row in aliases.itertuples():
            idx.add(names.key(_base_tokens(row.alias, level)),
                    Entry(row.code, "", "alias", _alias_note(row)))
    else:
        reg = codes.kabkota_current()
        for row in reg.itertuples():
            idx.add(names.key(_base_tokens(row.name, level)), Entry(row.code, row.type, "exact"))
        for row in aliases.itertuples():
            idx.add(names.key(_base_tokens(row.alias, level)),
                    Entry(row.code, row.type, "alias", _alias_note(row)))
        # "Mentawai", "Kab. Siau Tagulandang Biaro": island regencies often drop "Kepulauan".
        # Only where the shortened name is not itself a name or alias of anything else.
        for row in reg.itertuples():
            tokens = _base_tokens(row.name, level)
            if len(tokens) > 1 and tokens[0] == "KEPULAUAN":
                short = names.key(tokens[1:])
                if short not in idx.keys:
                    idx.add(short, Entry(row.code, row.type, "alias",
                                          f"short form without Kepulauan: {row.name}"))
    return idx


def _alias_note(row) -> str:
    parts = [f"{row.kind}: {row.alias!s} = {row.name}"]
    if row.note:
        parts.append(row.note)
    return "; ".join(parts)


@lru_cache(maxsize=1)
def polda_table() -> dict[str, tuple[str, str, str]]:
    df = codes.read_reference("polda.csv")
    out = {}
    for row in df.itertuples():
        polda_key = names.key(names.substitute(names.tokens(row.polda)[1:]))
        out[polda_key] = (row.code, row.spans, row.note)
    return out




ISO_UNITS = {"ID-JW": "Jawa", "ID-KA": "Kalimantan", "ID-ML": "Maluku", "ID-NU": "Nusa Tenggara",
              "ID-PP": "Papua", "ID-SL": "Sulawesi", "ID-SM": "Sumatera"}


# --------------------------------------------------------------------------------------------
# Resolution of one distinct value
# --------------------------------------------------------------------------------------------
