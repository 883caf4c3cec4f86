"""The one cleaner every kind of table goes through; a per-kind :class:`Spec` adds only its own
rules (coverage: bodies, statuses, counts; cases: metrics, periods, Poldas).

The shared steps, in order: required columns; empty rows and rows an adapter marked; the level
of each row (one reader of level words, :func:`geography.level_of`); the kind's own reading of
its columns; the row's area resolved by its level; areas that did not exist yet on the row's
date, and codes of a later code list; the kind's rules that need the area; duplicates; sort;
``rows in = kept + rejected``; the pandera schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial

import numpy as np
import pandas as pd

from .. import geography
from ..geography import editions
from .distinct import (
    Distinct,
    as_category,
    duplicate_of,
    map_unique,
    shared_groups,
    sort_order,
    spread_category,
    text_at,
)
from .rejects import Cleaned, CleaningError, Rejects, blank, finish


class Places:
    """Each row's area (``area_code``, ``area_name``, ``province_code``, ``match``, ``note``),
    resolved once per distinct (level, province, kabkota) of the table."""

    def __init__(self, distinct: Distinct, table: pd.DataFrame):
        self.distinct, self.table = distinct, table
        self._columns: dict[str, pd.Series] = {}

    def __getitem__(self, col: str) -> pd.Series:
        """A column over every row (string), made on first use."""
        if col not in self._columns:
            self._columns[col] = self.distinct.spread(self.table[col])
        return self._columns[col]

    def category(self, col: str) -> pd.Series:
        """A column over every row as a categorical (for comparing, grouping, sorting)."""
        return self.distinct.category(self.table[col])


@dataclass
class Rows:
    """What the kind's rules see: the raw text columns, the level of each row, the rejects
    so far, and (after places) the resolved areas and the edition in force."""

    df: pd.DataFrame
    level: pd.Series
    rej: Rejects
    today: date | None
    areas: Places | None = None
    edition: pd.Series | None = None
    blanks: dict[str, pd.Series] = field(default_factory=dict)
    codes: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def factorized(self, col: str) -> tuple[np.ndarray, np.ndarray]:
        """A column's codes and distinct values (``pd.factorize``), computed once."""
        if col not in self.codes:
            codes, uniques = pd.factorize(self.df[col], use_na_sentinel=True)
            self.codes[col] = codes, np.asarray(uniques, dtype=object)
        return self.codes[col]

    def blank(self, col: str) -> pd.Series:
        """:func:`blank` of a column, computed once (per distinct value when the column is
        factorized already)."""
        if col not in self.blanks:
            if col in self.codes:
                codes, uniques = self.codes[col]
                each = blank(pd.Series(uniques, dtype=object)).to_numpy(dtype=bool)
                self.blanks[col] = pd.Series(np.append(each, True)[codes], index=self.df.index)
            else:
                self.blanks[col] = blank(self.df[col])
        return self.blanks[col]

    def map_unique(self, col: str, func: Callable, **kwargs) -> pd.Series:
        """:func:`distinct.map_unique` of a column, sharing its factorization."""
        return map_unique(self.df[col], func, factorized=self.factorized(col), **kwargs)


@dataclass(frozen=True)
class Spec:
    """A kind of table: its template, output columns and own rules.

    ``read(rows)`` parses the kind's own columns before the areas are resolved and returns
    ``(parsed, start, end)``: anything it wants to keep, and the first and last day each row
    is about (they choose the code-list edition and catch areas that did not exist yet).
    ``build(rows, parsed)`` returns the kind's output columns (all but the area columns and
    ``source_file``/``source_row``) and may reject more rows. ``dedupe(light, live, rows)``
    rejects repeats and conflicts among the rows ``live`` (a boolean array: not rejected so
    far) and returns the rows still live; ``light`` holds the columns ``key`` and ``sort`` of
    every row."""

    name: str
    template_columns: tuple[str, ...]
    required: tuple[str, ...]
    columns: dict[str, str]
    read: Callable[[Rows], tuple[dict, pd.Series, pd.Series]]
    build: Callable[[Rows, dict], dict[str, pd.Series]]
    dedupe: Callable[[pd.DataFrame, np.ndarray, Rows], np.ndarray]
    sort: tuple[str, ...]
    key: tuple[str, ...]  # the columns ``dedupe`` looks at
    schema: Callable[[], object]
    infer_level: bool = False  # cases: an empty level is read from which columns are filled
    per_value: tuple[str, ...] = ()  # columns read once per distinct value (Rows.map_unique)
    summary: Callable[[pd.DataFrame], dict] = field(default=lambda kept: {})


def clean(raw: pd.DataFrame, spec: Spec, *, source_file: str = "",
          today: date | None = None) -> Cleaned:
    """Clean rows of one kind (template columns, text) into its tidy table.

    ``raw`` may carry ``_row`` (row number in its file), ``_file`` and ``_reject`` (set by an
    adapter); unknown extra columns are ignored. Returns kept, rejected (with reasons) and a
    summary."""
    missing = [c for c in spec.required if c not in raw.columns]
    if missing:
        raise CleaningError(f"{source_file or spec.name + ' table'}: missing required "
                            f"column(s) {missing}; expected {list(spec.template_columns)}")
    df = raw.copy()
    for col in spec.template_columns:
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].astype("string")
    files = df["_file"] if "_file" in df.columns else pd.Series(source_file, index=df.index)
    rows_no = df["_row"] if "_row" in df.columns else pd.Series(range(2, len(df) + 2),
                                                                 index=df.index)
    rej = Rejects(files, rows_no, df)
    rej.adapter_rejects(df)
    rows = Rows(df, pd.Series(dtype="string"), rej, today)
    # levels and areas are worked out once per distinct (level, province, kabkota); columns
    # read per distinct value are factorized once, and their blanks come from that
    place = Distinct(df, PLACE_COLUMNS)
    for col in PLACE_COLUMNS:
        rows.blanks[col] = place.spread(blank(place.rows[col]).to_numpy(dtype=bool))
    for col in spec.per_value:
        rows.factorized(col)
    empty = np.ones(len(df), dtype=bool)
    for col in dict.fromkeys([*spec.required, *(c for c in df.columns if c[:1] != "_")]):
        at = np.flatnonzero(empty)  # a row is empty while every column so far is blank
        if col in spec.required:  # needed for every row anyway
            empty[at] = rows.blank(col).to_numpy(dtype=bool)[at]
        elif len(at):
            empty[at] = blank(df[col].iloc[at]).to_numpy(dtype=bool)
    rej.add(pd.Series(empty, index=df.index), spec.required[0], "empty row", final=True)
    for col in spec.required:
        rej.add(rows.blank(col), col, f"{col} is required")
    level = _levels(place, rej, spec.infer_level)
    rows.level = place.category(level)

    parsed, start, end = spec.read(rows)
    _places(rows, place, level, start, end)
    own = spec.build(rows, parsed)

    areas = rows.areas
    columns = {
        "level": rows.level, "area_code": areas.category("area_code"),
        "area_name": areas.category("area_name"),
        "province_code": areas.category("province_code"), "edition": rows.edition, **own,
        "source_file": _files_category(df, source_file), "source_row": rows_no.astype("Int64")}
    # duplicates and order are decided on the few columns they need (text mostly as
    # categories: codes compare, group and sort cheaply); every column is then taken once,
    # in its final order
    light = pd.DataFrame({c: columns[c] for c in dict.fromkeys(spec.key + spec.sort)})
    live = spec.dedupe(light, ~rej.rejected, rows)
    # the rejects are final: their table is built beside the sort, and the output columns
    # are taken side by side (the takes run in Arrow and NumPy, outside the GIL)
    with ThreadPoolExecutor(max_workers=2) as pool:
        rejected = pool.submit(rej.frame)
        where = sort_order(light, spec.sort)
        where = where[live[where]]
        kept = pd.DataFrame(dict(zip(spec.columns, pool.map(
            lambda c: text_at(columns[c], where), spec.columns), strict=True)))
        out = finish(kept, rej, f"clean_{spec.name}", len(df), spec.summary(kept),
                     rejected=rejected.result())
    validate(out.kept, spec)
    return out


def validate(df: pd.DataFrame, spec: Spec) -> pd.DataFrame:
    """Check a tidy table against its kind's pandera schema (lazy: every failure listed)."""
    import pandera.errors

    try:
        return spec.schema().validate(df, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        raise CleaningError(f"{spec.name} table fails its schema:\n{exc.failure_cases}") from exc


PLACE_COLUMNS = ("level", "province", "kabkota")


def _files_category(df: pd.DataFrame, source_file: str) -> pd.Series:
    """The ``source_file`` of each row as a categorical column."""
    if "_file" in df.columns:
        return as_category(df["_file"].astype("string"))
    return spread_category([source_file], np.zeros(len(df), dtype=np.intp), df.index)


def _levels(place: Distinct, rej: Rejects, infer: bool) -> pd.Series:
    """The level of each distinct (level, province, kabkota), and the rows whose level and
    places disagree."""
    u = place.rows

    add = partial(place.reject, rej)

    says_national = pd.Series([isinstance(p, str) and p.strip().lower()
                               in geography.NATIONAL_WORDS for p in u["province"]], dtype=bool)
    level = pd.Series([geography.level_of(v) if isinstance(v, str) else None
                       for v in u["level"]], dtype=object).fillna("").astype("string")
    no_kabkota = blank(u["kabkota"])
    if infer:
        guessed = pd.Series("kabkota", index=u.index, dtype="string").where(
            ~no_kabkota, "province").where(~says_national, "national")
        level = level.where(~blank(u["level"]), guessed)
    add(~level.isin(geography.LEVELS), "level", "level must be national, province or kabkota")
    add((level == "kabkota") & no_kabkota, "kabkota", "kabkota is required for level kabkota")
    both = level.isin(["national", "province"]) & ~no_kabkota
    add(both, "kabkota", "level is " + level + " but a kab/kota is given: say level kabkota, "
        "or leave kabkota empty")
    add(says_national & (level == "kabkota"), "province",
        "province says Indonesia (national) but the row is about a kab/kota: give the "
        "kab/kota's province")
    add((level == "national") & ~says_national & ~blank(u["province"]), "province",
        "level is national but a province is named: say level province, or Indonesia")
    return level


def _places(rows: Rows, place: Distinct, level: pd.Series, start: pd.Series,
            end: pd.Series) -> None:
    """Resolve each row's area (once per distinct place); reject areas not placed, not yet
    created on the row's date, or given as a code of a later code list. Sets ``rows.areas``
    and ``rows.edition``."""
    u, rej = place.rows, rows.rej
    table = resolve_areas(level, u["province"], u["kabkota"])
    is_kab = (level == "kabkota").fillna(False)
    bad = table["match"].isin(["unresolved", "ambiguous"])
    why = ("area " + table["match"] + ": " + table["note"]).where(bad, "")
    for col, named in (("province", ~is_kab), ("kabkota", is_kab)):
        place.reject(rej, bad & named, col, why)
    # a province row dated before its province was created: compared as numbers, and the
    # reason written for those rows only
    born = {c: np.datetime64(d, "ns") for c, d in created().items()}
    never = np.datetime64("NaT", "ns")
    since = np.array([born.get(c, never) if lv == "province" else never
                      for c, lv in zip(table["area_code"].fillna(""), level, strict=True)],
                     dtype="datetime64[ns]")[place.codes]
    day = end.to_numpy(dtype="datetime64[ns]")
    gone = day < since
    if gone.any():
        at = np.flatnonzero(gone)
        code = table["area_code"].to_numpy(dtype=object)[place.codes[at]]
        reason = np.full(len(gone), "", dtype=object)
        reason[at] = [f"province {c} did not exist on {str(d)[:10]} (created {str(b)[:10]} "
                      "from Papua or Papua Barat): record earlier facts under the parent "
                      "province" for c, d, b in zip(code, day[at], since[at], strict=True)]
        rej.add(pd.Series(gone, index=rows.df.index), "province",
                pd.Series(reason, index=rows.df.index, dtype=object))
    edition = map_unique(start, edition_at, category=True, missing="")
    # codes of a later list: once per distinct (place, edition)
    pair = Distinct(pd.DataFrame({"place": place.codes, "edition": edition.array.codes},
                                 index=rows.df.index), ["place", "edition"])
    at = pair.rows["place"].to_numpy()
    pair_level = level.iloc[at].reset_index(drop=True)
    later = code_not_in_edition(
        pair_level, u["province"].iloc[at].reset_index(drop=True),
        u["kabkota"].iloc[at].reset_index(drop=True),
        table["match"].iloc[at].reset_index(drop=True),
        pd.Series(edition.cat.categories[pair.rows["edition"].to_numpy()], dtype="string"))
    pair_kab = (pair_level == "kabkota").fillna(False)
    for col, named in (("province", ~pair_kab), ("kabkota", pair_kab)):
        pair.reject(rej, (later != "") & named, col, later)
    rows.areas, rows.edition = Places(place, table), edition


def each_distinct(pa, test: Callable[[str], bool], error: str):
    """A pandera check of a text column run once per distinct value (a million rows of a few
    hundred codes cost the codes); missing values are left to the column's ``nullable``."""

    def check(values: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        ok = np.array([bool(test(u)) for u in uniques] + [True], dtype=bool)
        return pd.Series(ok[codes], index=values.index)

    return pa.Check(check, error=error)


def one_of(pa, allowed) -> object:
    """``Check.isin``, once per distinct value."""
    allowed = list(allowed)
    return each_distinct(pa, set(allowed).__contains__, f"isin({allowed})")


def matches(pa, pattern: str) -> object:
    """``Check.str_matches`` (``re.match``), once per distinct value."""
    return each_distinct(pa, re.compile(pattern).match, f"str_matches('{pattern}')")


def place_schema(pa) -> dict:
    """The pandera columns every cleaned table starts with: its area and the edition in force
    (``pa`` is ``pandera.pandas``, imported by the caller only when validating)."""
    return {
        "level": pa.Column("string", one_of(pa, geography.LEVELS)),
        "area_code": pa.Column("string", matches(pa, r"^(ID|\d{2}|\d{2}\.\d{2})$")),
        "area_name": pa.Column("string"),
        "province_code": pa.Column("string", matches(pa, r"^\d{2}$"), nullable=True),
        "edition": pa.Column("string", one_of(pa, ["", *geography.EDITIONS])),
    }


def reject_repeats(light: pd.DataFrame, live: np.ndarray, rows: Rows, *, same: list[str],
                   repeat: str, clash_key: list[str], differ: str, clash: str, column: str,
                   among: pd.Series | None = None) -> np.ndarray:
    """Reject repeats and conflicts among the rows ``live``; return the rows still live.

    Rows equal on ``same`` repeat the first of them: kept once, the rest rejected with
    ``repeat`` (``{row}`` is the first row's number). Rows equal on ``clash_key`` (among
    ``among`` if given) that give different ``differ`` are all rejected with ``clash`` followed
    by what each row says: which is right cannot be told. ``light`` is positional with the
    table's rows."""
    rej = rows.rej
    why = np.full(len(light), "", dtype=object)
    live = live.copy()
    # rows that share the columns both checks look at with another row: the candidates
    both = [c for c in same if c in clash_key]
    cand, base = shared_groups(light, both, np.flatnonzero(live))
    at, group = shared_groups(light, [c for c in same if c not in both], cand, base)
    repeats, firsts = duplicate_of(group)
    if len(repeats):
        repeats, firsts = at[repeats], at[firsts]
        head, _, tail = repeat.partition("{row}")
        rows_of_first = light["source_row"].iloc[firsts].astype(str).to_numpy()
        why[repeats] = head + rows_of_first + tail
        live[repeats] = False
    pool = live if among is None else live & among.to_numpy(dtype=bool, na_value=False)
    inside = pool[cand]
    at, group = shared_groups(light, [c for c in clash_key if c not in both], cand[inside],
                              base[inside])
    if len(at):
        sub = light.iloc[at]
        differs = sub.groupby(group)[differ].transform("nunique").to_numpy() > 1
        hit, group = sub[differs], group[differs]
        if len(hit):
            says: dict[int, list[str]] = {}
            for g, row, value in zip(group, hit["source_row"], hit[differ], strict=True):
                says.setdefault(g, []).append(f"row {row} says {value}")
            why[at[differs]] = [clash + ", ".join(says[g]) for g in group]
            live[at[differs]] = False
    out = ~live & ~rej.rejected
    if out.any():
        df = rows.df
        rej.add(pd.Series(out, index=df.index), column,
                pd.Series(why, index=df.index, dtype=object),
                df[column] if column in df.columns else None)
    return live


def edition_at(day) -> str:
    """The code-list edition in force on a date (``""`` when the date is unknown); the
    editions and their start days are in ``reference/editions.csv``."""
    if day is None or pd.isna(day):
        return ""
    return editions.edition_at(day.date() if hasattr(day, "date") else day)


@lru_cache(maxsize=1)
def created() -> dict[str, date]:
    """Provinces created after the oldest list shipped, and the day their law took effect:
    the start of the first edition that lists them (``provinces_meta.csv``); read on first
    use, not at import."""
    starts = dict(editions.STARTS)
    oldest = min(starts, key=starts.get)
    meta = geography.codes.read_reference("provinces_meta.csv")
    return {c: starts[e] for c, e in zip(meta["code"], meta["first_edition"], strict=True)
            if e != oldest}


def resolve_areas(level: pd.Series, province: pd.Series, kabkota: pd.Series) -> pd.DataFrame:
    """Resolve each row's area by its level: ``area_code``, ``area_name``, ``province_code``,
    ``match`` and ``note`` (``match`` is ``unresolved``/``ambiguous`` when it cannot)."""
    parts = []
    nat = level == "national"
    if nat.any():
        ok = province[nat].fillna("").str.strip().str.lower().isin(
            geography.NATIONAL_WORDS | {""})
        parts.append(pd.DataFrame({
            "area_code": ok.map({True: geography.NATIONAL_CODE, False: None}),
            "area_name": ok.map({True: "Indonesia", False: None}), "province_code": None,
            "match": ok.map({True: "exact", False: "unresolved"}),
            "note": ok.map({True: "", False: "a national row names a province; use level "
                                               "province"})}, index=ok.index))
    for name, places, context in (("province", province, None), ("kabkota", kabkota, province)):
        rows = level == name
        if not rows.any():
            continue
        given = None
        if context is not None:
            given = context[rows].where(~blank(context[rows]), None).tolist()
        res = geography.resolve(places[rows], name, province=given)
        parts.append(pd.DataFrame({
            "area_code": res["code"], "area_name": res["name"],
            "province_code": res["code"].str[:2], "match": res["match"],
            "note": res["note"].fillna("")}).set_axis(places[rows].index))
    columns = ["area_code", "area_name", "province_code", "match", "note"]
    out = (pd.concat(parts) if parts else pd.DataFrame(columns=columns)).astype("string")
    out = out.reindex(level.index)  # rows of no known level: not placed
    out["match"] = out["match"].fillna("unresolved")
    out["note"] = out["note"].fillna("")
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
    is_kab = level[coded] == "kabkota"
    text = kabkota[coded].where(is_kab, province[coded]).fillna("").astype(str)
    key = (text.str.strip() + "\x00" + is_kab.map({True: "kabkota", False: "province"})
           + "\x00" + edition[coded].astype(str))

    def why(k: str) -> str:  # once per distinct (code, level, edition)
        code, lvl, ed = k.split("\x00")
        parts = re.match(_KEMENDAGRI_CODE, code)
        if not parts or (lvl == "kabkota" and parts[2] is None):
            return ""  # not a dotted Kemendagri code of this level
        if geography.code_in_edition(code, lvl, ed):
            return ""
        return (f"code {code} is not in the code list in force at the row's date (edition "
                f"{ed}); it is a code of a later list: give the name, or the code of that time")

    reason[coded] = map_unique(key, why)
    return reason


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
