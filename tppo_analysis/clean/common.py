"""What every cleaning step shares: the result type, rejects with reasons, area resolution.

A cleaning step never loses a row: it returns the kept rows, the rejected rows (each with the
file, row, column, value and reason) and a summary, and ``rows in = kept + rejected`` is
checked before it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .. import geography
from ..geography import editions

NATIONAL_CODE = "ID"
NATIONAL_WORDS = {"", "indonesia", "(all)", "all", "nasional", "national", "semua", "id"}
REJECT_COLUMNS = ["source_file", "source_row", "column", "value", "reason", "also"]


class CleaningError(ValueError):
    """The input cannot be cleaned at all (e.g. a required column is missing)."""


@dataclass
class Cleaned:
    """Output of a cleaning step: kept rows, rejected rows with reasons, and a summary."""

    kept: pd.DataFrame
    rejected: pd.DataFrame
    summary: dict = field(default_factory=dict)


def map_unique(values: pd.Series, func) -> pd.Series:
    """``values.map(func)`` computed once per distinct value (missing stays missing): a
    million rows of a few thousand distinct values cost the distinct values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    mapped = pd.Series([func(u) for u in uniques], dtype=object)
    out = mapped.reindex(codes).to_numpy()
    return pd.Series(out, index=values.index, dtype=object).where(codes >= 0, None)


def edition_at(day) -> str:
    """The code-list edition in force on a date (``""`` when the date is unknown); the
    editions and their start days are in ``reference/editions.csv``."""
    if day is None or pd.isna(day):
        return ""
    return editions.edition_at(day.date() if hasattr(day, "date") else day)


def _created() -> dict[str, date]:
    """Provinces created after the oldest list shipped, and the day their law took effect:
    the start of the first edition that lists them (``provinces_meta.csv``)."""
    starts = dict(editions.STARTS)
    oldest = min(starts, key=starts.get)
    meta = geography.codes.read_reference("provinces_meta.csv")
    return {c: starts[e] for c, e in zip(meta["code"], meta["first_edition"], strict=True)
            if e != oldest}


CREATED = _created()


def before_creation(level: pd.Series, area_code: pd.Series, day: pd.Series) -> pd.Series:
    """A reason for province rows about a province on a day before it existed (e.g. Papua
    Barat Daya in 2020: such a fact belongs to the parent province), else ``""``."""
    code = area_code.astype("string").fillna("")
    created = pd.to_datetime(code.map({c: pd.Timestamp(d) for c, d in CREATED.items()}))
    when = pd.to_datetime(day, errors="coerce")
    bad = ((level == "province") & created.notna() & when.notna() & (when < created)).fillna(
        False).astype(bool)
    reason = pd.Series("", index=level.index, dtype=object)
    for i in bad[bad].index:
        reason[i] = (f"province {code[i]} did not exist on {when[i]:%Y-%m-%d} (created "
                     f"{created[i]:%Y-%m-%d} from Papua or Papua Barat): record earlier facts "
                     "under the parent province")
    return reason


class Rejects:
    """Collects rejections: every problem of every row. The first problem found is the row's
    ``column``/``value``/``reason``; any further ones are listed in ``also``, so a row with an
    unknown province and an impossible date says both."""

    def __init__(self, source_file: pd.Series, source_row: pd.Series, raw: pd.DataFrame):
        self.file = source_file
        self.row = source_row
        self.raw = raw
        self.reason = pd.Series("", index=raw.index, dtype=object)
        self.column = pd.Series("", index=raw.index, dtype=object)
        self.value = pd.Series("", index=raw.index, dtype=object)
        self.also = pd.Series("", index=raw.index, dtype=object)
        self.final = pd.Series(False, index=raw.index)  # nothing more to say (empty row)

    def add(self, mask: pd.Series, column: str, reason, value=None, final: bool = False
            ) -> None:
        """Reject rows where ``mask`` holds; a row already rejected gets this problem too."""
        hit = mask.fillna(False).astype(bool) & ~self.final
        if not hit.any():
            return
        if value is None:
            value = self.raw[column] if column in self.raw.columns else ""
        first = hit & (self.reason == "")
        more = hit & ~first
        if first.any():
            idx = first[first].index
            self.reason.loc[idx] = reason.loc[idx] if isinstance(reason, pd.Series) else reason
            self.column.loc[idx] = column
            self.value.loc[idx] = value.loc[idx] if isinstance(value, pd.Series) else value
            if final:
                self.final.loc[idx] = True
        if more.any():
            idx = more[more].index
            why = reason.loc[idx].astype(str) if isinstance(reason, pd.Series) else reason
            text = f"column {column!r}: " + pd.Series(why, index=idx).astype(str)
            sep = self.also.loc[idx].map(lambda a: "; " if a else "")
            self.also.loc[idx] = self.also.loc[idx] + sep + text

    def adapter_rejects(self, df: pd.DataFrame) -> None:
        """Rows an adapter already marked unusable (column ``_reject``)."""
        if "_reject" in df.columns:
            why = df["_reject"].fillna("").astype(str)
            self.add(why != "", "(row)", why, "", final=True)

    @property
    def mask(self) -> pd.Series:
        return self.reason != ""

    def frame(self) -> pd.DataFrame:
        m = self.mask
        out = pd.DataFrame({
            "source_file": self.file[m], "source_row": self.row[m],
            "column": self.column[m], "value": self.value[m].astype(str),
            "reason": self.reason[m], "also": self.also[m]})
        extra = self.raw.loc[m, [c for c in self.raw.columns if not c.startswith("_")]]
        return pd.concat([out, extra.add_prefix("raw_")], axis=1).reset_index(drop=True)


def blank(series: pd.Series) -> pd.Series:
    """True where a text cell is missing or only whitespace."""
    return series.isna() | (series.astype("string").str.strip() == "")


def resolve_areas(level: pd.Series, province: pd.Series, kabkota: pd.Series) -> pd.DataFrame:
    """Resolve each row's area by its level: ``area_code``, ``area_name``, ``province_code``,
    ``match`` and ``note`` (``match`` is ``unresolved``/``ambiguous`` when it cannot)."""
    n = len(level)
    out = pd.DataFrame({"area_code": pd.array([None] * n, dtype="string"),
                        "area_name": pd.array([None] * n, dtype="string"),
                        "province_code": pd.array([None] * n, dtype="string"),
                        "match": pd.array(["unresolved"] * n, dtype="string"),
                        "note": pd.array([""] * n, dtype="string")}, index=level.index)
    nat = level == "national"
    if nat.any():
        ok = province[nat].fillna("").str.strip().str.lower().isin(NATIONAL_WORDS)
        idx = ok[ok].index
        out.loc[idx, ["area_code", "area_name", "match"]] = [NATIONAL_CODE, "Indonesia", "exact"]
        out.loc[ok[~ok].index, "note"] = "a national row names a province; use level province"
    prov = level == "province"
    if prov.any():
        res = geography.resolve(province[prov], "province")
        res.index = province[prov].index
        out.loc[prov, "area_code"] = res["code"]
        out.loc[prov, "area_name"] = res["name"]
        out.loc[prov, "province_code"] = res["code"]
        out.loc[prov, "match"] = res["match"]
        out.loc[prov, "note"] = res["note"].fillna("")
    kab = level == "kabkota"
    if kab.any():
        prov_vals = province[kab].where(~blank(province[kab]), None)
        res = geography.resolve(kabkota[kab], "kabkota", province=list(prov_vals))
        res.index = kabkota[kab].index
        out.loc[kab, "area_code"] = res["code"]
        out.loc[kab, "area_name"] = res["name"]
        out.loc[kab, "province_code"] = res["code"].str[:2]
        out.loc[kab, "match"] = res["match"]
        out.loc[kab, "note"] = res["note"].fillna("")
    return out


_KEMENDAGRI_CODE = r"^\s*(\d{2})(?:\.(\d{2}))?\s*$"


def code_not_in_edition(level: pd.Series, province: pd.Series, kabkota: pd.Series,
                        match: pd.Series, edition: pd.Series) -> pd.Series:
    """A reason for rows that give their area as a dotted Kemendagri code that was not in the
    code list in force on the row's date (e.g. 94.01 in a 2021 row: province 94 did not exist
    yet, and BPS 94 was Papua then), else ``""``."""
    reason = pd.Series("", index=level.index, dtype=object)
    coded = (match == "code").fillna(False).astype(bool) & (edition != "")
    if not coded.any():
        return reason
    text = kabkota[coded].where(level[coded] == "kabkota", province[coded]).fillna("").astype(
        str)
    parts = text.str.extract(_KEMENDAGRI_CODE)
    is_code = parts[0].notna() & ((level[coded] == "province") | parts[1].notna())
    is_code = is_code.reindex(level.index, fill_value=False)
    text = text.reindex(level.index, fill_value="")
    lv = level.where(level == "province", "kabkota")
    key = text.str.strip() + "\x00" + lv + "\x00" + edition.astype(str)

    def why(k: str) -> str:  # once per distinct (code, level, edition)
        code, lvl, ed = k.split("\x00")
        if geography.code_in_edition(code, lvl, ed):
            return ""
        return (f"code {code} is not in the code list in force at the row's date (edition "
                f"{ed}); it is a code of a later list: give the name, or the code of that time")

    reason[is_code] = map_unique(key[is_code], why)
    return reason


def join_notes(*parts: pd.Series) -> pd.Series:
    """Join note columns with ``"; "``, skipping blanks."""
    frame = pd.concat([p.fillna("").astype(str) for p in parts], axis=1)
    return frame.apply(lambda r: "; ".join(x for x in r if x), axis=1).astype("string") \
        if len(frame) else pd.Series([], dtype="string")


def finish(kept: pd.DataFrame, rejects: Rejects, name: str, rows_in: int,
           extra: dict | None = None) -> Cleaned:
    """Assemble the result and check that no row was lost."""
    rejected = rejects.frame()
    if len(kept) + len(rejected) != rows_in:
        raise AssertionError(f"{name}: {rows_in} rows in but {len(kept)} kept + "
                             f"{len(rejected)} rejected")
    reasons = rejected["reason"].str.replace(r"'.*?'", "'…'", regex=True).value_counts()
    summary = {"step": name, "rows_in": rows_in, "kept": len(kept), "rejected": len(rejected),
               "reject_reasons": {k: int(v) for k, v in reasons.items()}, **(extra or {})}
    return Cleaned(kept.reset_index(drop=True), rejected, summary)


def duplicate_of(df: pd.DataFrame, cols: list[str]) -> pd.Series:
    """For rows that repeat an earlier row on ``cols``: the index of that first row."""
    key = df[cols].astype("string").fillna("\x00")
    group = key.groupby(cols, sort=False, dropna=False).ngroup()
    first_index = pd.Series(df.index, index=df.index).groupby(group.to_numpy()).transform("first")
    return first_index[first_index != df.index]


def template_places(kept: pd.DataFrame) -> dict[str, pd.Series]:
    """``level``, ``province`` and ``kabkota`` of cleaned rows as a template gives them
    (canonical names; ``Indonesia`` for national rows), for writing cleaned rows back out."""
    from .. import geography

    prov = geography.provinces().set_index("code")["name"]
    is_kab = kept["level"] == "kabkota"
    province = kept["province_code"].map(prov).where(is_kab, kept["area_name"])
    province = province.where(kept["level"] != "national", "Indonesia")
    return {"level": kept["level"], "province": province,
            "kabkota": kept["area_name"].where(is_kab, "")}

