"""Clean coverage evidence: which areas have a GT PP-TPPO or a UPTD PPA, as of when, per whom.

Input is the coverage template (``data/templates/coverage_template.csv``; the shipped roster
and the adapted public figures use it too). One input row is one fact: the status of one
area's body, or a count of areas (``status`` = ``count``). Output columns are documented in
:data:`COLUMNS`; the pandera schema :data:`SCHEMA` checks them.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from .. import geography
from . import parsers
from .cleaner import (
    Rows,
    Spec,
    clean,
    one_of,
    place_schema,
    reject_repeats,
    template_places,
    validate,
)
from .rejects import Cleaned

TEMPLATE_COLUMNS = ["level", "province", "kabkota", "body", "status", "count", "denominator",
                    "counted", "as_of", "decree", "source", "publisher", "published", "quote",
                    "retrieved", "note", "basis"]
# strength of the evidence, strongest first ("" = not stated)
BASES = ("decree", "official_statement", "activity", "plan", "secondary")
REQUIRED = ["level", "province", "body", "status", "as_of", "source"]
BODIES = ("GT PP-TPPO", "UPTD PPA")
COLUMNS = {
    "level": "national | province | kabkota: the area the fact is about",
    "area_code": "today's Kemendagri code of the area (ID for Indonesia)",
    "area_name": "official name of the area",
    "province_code": "today's province code of the area (empty for national)",
    "edition": "code-list edition in force at as_of (2021: 34 provinces, 2022: 37, 2025: 38)",
    "body": "GT PP-TPPO | UPTD PPA",
    "status": "formed | in_process | not_formed | dissolved | inactive, or count for a count "
              "of areas (words read by rule: reference/status_words.csv)",
    "count": "number of areas with the body (count rows only)",
    "counted": "province | kabkota: what a count counts",
    "denominator": "number of such areas; stated in the source or from the code list",
    "denominator_source": "stated | code list <edition> | empty",
    "approximate": "the source gives the count approximately (~, sekitar, -an)",
    "as_of": "date of the fact, as precise as known (2022, 2022-12, 2022-12-20)",
    "as_of_precision": "day | month | year | unknown",
    "as_of_start": "first day of the as_of period",
    "as_of_end": "last day of the as_of period: the fact held by then",
    "as_of_qualifier": "early | mid | late | after | before | since | uncertain, as written",
    "decree": "legal instrument (Pergub, Perbup, SK ...) as written",
    "basis": "strength of the evidence: decree | official_statement | activity | plan | "
             "secondary, or empty when not stated",
    "source": "URL or title of the source",
    "publisher": "publisher of the source",
    "published": "publication date of the source",
    "quote": "the words of the source that state the fact",
    "note": "caveats: from the source row and from cleaning",
    "source_file": "raw file the row came from",
    "source_row": "row number in that file",
}
_BODY_GT = re.compile(r"^(gt\s*pp[\s-]*tppo|gt(\s*tppo)?$|gugus tugas(\s*tppo)?$|"
                      r"gugus tugas\b.*(tppo|perdagangan orang))", re.I)
_BODY_UPTD = re.compile(r"^(uptd?\s*pp?pa|unit pelaksana teknis daerah perlindungan "
                        r"perempuan dan anak)", re.I)


def parse_body(text: object) -> str | None:
    """``GT PP-TPPO`` or ``UPTD PPA`` from the ways sources write them, else None
    (P2TP2A, police Satgas TPPO and other bodies are not these)."""
    if text is None or pd.isna(text):
        return None
    s = str(text).strip()
    if re.search(r"\b(without|tanpa|tidak|belum|not|non|bukan)\b", s, re.I):
        return None  # "UPTD PPA (kab/kota WITHOUT a UPTD PPA)" is not the body
    if _BODY_GT.search(s) and not re.search(r"\bpusat\b|\bnational\b", s, re.I):
        return "GT PP-TPPO"
    if _BODY_UPTD.search(s):
        return "UPTD PPA"
    return None


def _read(rows: Rows) -> tuple[dict, pd.Series, pd.Series]:
    """Body, status, counts, basis and dates of each coverage row (before places)."""
    df, level, rej, today = rows.df, rows.level, rows.rej, rows.today
    body = df["body"].map(parse_body, na_action="ignore")
    rej.add(body.isna(), "body", "body is not GT PP-TPPO or UPTD PPA (e.g. P2TP2A, police "
            "Satgas TPPO, the national GT itself): not a coverage fact")

    is_count = df["status"].fillna("").str.strip().str.lower().isin(["count", "jumlah"])
    reading = rows.map_unique("status", parsers.read_status)
    status = pd.Series([r.status if r is not None else "unknown" for r in reading],
                       index=df.index, dtype="string").where(~is_count, "count")
    status_problem = pd.Series([r.problem if r is not None else "status is required"
                                for r in reading], index=df.index, dtype=object)
    status_note = pd.Series([r.note if r is not None else "" for r in reading],
                            index=df.index, dtype="string").where(~is_count, "")
    rej.add((status == "unknown") & ~is_count, "status", status_problem)

    count_text = df["count"].fillna("").str.strip().str.lower()
    is_all = count_text.isin(["all", "semua", "seluruh", "100%"])
    count = parsers.number_column(df["count"].where(~is_all, ""))
    count.loc[is_all, "missing"] = False
    denom = parsers.number_column(df["denominator"])
    rej.add(is_count & count["missing"], "count", "a count row needs a count")
    rej.add(count["problem"] != "", "count", count["problem"])
    rej.add(count["share"], "count", "a share (%) is not a count of areas")
    whole = count["value"].isna() | (count["value"] == count["value"].round())
    rej.add(~whole, "count", "count must be a whole number")
    rej.add(count["value"] < 0, "count", "count is negative")
    rej.add(denom["problem"] != "", "denominator", denom["problem"])
    rej.add(denom["value"] <= 0, "denominator", "denominator must be a whole number above 0")
    rej.add(denom["value"].notna() & (denom["value"] != denom["value"].round()), "denominator",
            "denominator must be a whole number above 0")
    counted = rows.map_unique("counted", geography.level_of).fillna("").astype("string")
    rej.add(is_count & ~counted.isin(geography.AREA_LEVELS), "counted",
            "a count row must say what it counts: province or kabkota")
    rej.add(is_count & (level == "kabkota"), "status",
            "a count of areas is national or province level, not kabkota")
    rej.add(is_count & (level == "province") & (counted == "province"),
            "counted", "a province-level count counts its kab/kota, not provinces")
    rej.add(~is_count & ~count["missing"], "count",
            "a status row has a count; use status count for counts")

    basis = df["basis"].fillna("").str.strip().str.lower().str.replace(" ", "_")
    rej.add(~basis.isin(["", *BASES]), "basis", "basis must be one of " + ", ".join(BASES))
    rej.add((basis == "plan") & (status == "formed"), "basis",
            "a plan is not a formed body: give status in process, or the evidence that it "
            "was formed")

    dates = parsers.date_column(df["as_of"], today=today)
    rej.add(dates["problem"] != "", "as_of", dates["problem"])
    pub = parsers.date_column(df["published"], today=today)
    rej.add(pub["problem"] != "", "published", pub["problem"])
    parsed = {"body": body, "status": status, "status_note": status_note, "is_count": is_count,
              "is_all": is_all, "count": count, "denom": denom, "counted": counted,
              "basis": basis, "dates": dates, "pub": pub}
    return parsed, dates["start"], dates["end"]


def _build(rows: Rows, parsed: dict) -> dict[str, pd.Series]:
    """The coverage columns, once areas and editions are known: a count's denominator comes
    from the code list in force when the source does not state it."""
    df, level, rej, areas, edition = rows.df, rows.level, rows.rej, rows.areas, rows.edition
    dates, count, counted = parsed["dates"], parsed["count"], parsed["counted"]
    is_count, is_all = parsed["is_count"], parsed["is_all"]
    denominator = parsed["denom"]["value"].copy()
    den_source = pd.Series("", index=df.index, dtype="string")
    den_source[denominator.notna()] = "stated"
    fill = is_count & denominator.isna() & (edition != "") & ~rej.mask
    no_list = pd.Series("", index=df.index, dtype=object)
    area_code = areas["area_code"] if fill.any() else None
    for i in fill[fill].index:
        day = dates.at[i, "start"]  # the day the edition column is taken from
        if counted[i] == "province":  # 33 before Kalimantan Utara (2012), 34, 37, 38
            n, count_basis = geography.province_count_at(day)
            if n is None:
                no_list[i] = (f"no count of provinces is shipped for {dates.at[i, 'iso']}; "
                              "state the denominator")
                continue
            denominator[i] = n
            den_source[i] = (f"code list {edition[i]}"
                             if n == geography.PROVINCE_COUNT.get(edition[i]) else count_basis)
            continue
        elif edition[i] not in geography.EDITIONS or not geography.kabkota_list_covers(day):
            no_list[i] = (f"no kab/kota code list is shipped for {dates.at[i, 'iso']} (new "
                          "kab/kota were created until 2014); state the denominator")
            continue
        elif level[i] == "national":
            denominator[i], ed = geography.KABKOTA_COUNT, edition[i]
        elif isinstance(area_code[i], str):
            ed = edition[i]
            kab = geography.kabkota(ed)
            old = geography.crosswalk("2025", ed, "province").set_index("from_code")["to_code"]
            denominator[i] = int((kab["province_code"] == old[area_code[i]]).sum())
        else:
            continue
        den_source[i] = f"code list {ed}"
    rej.add(no_list != "", "denominator", no_list)
    count.loc[is_all, "value"] = denominator[is_all]
    rej.add(is_all & denominator.isna(), "count", "count 'all' needs a denominator (stated, "
            "or a known date to take it from the code list)")
    all_note = pd.Series("", index=df.index, dtype="string")
    all_note[is_all] = "the source says all: count = denominator"
    rej.add(count["value"] > denominator, "count", "count is larger than the denominator")
    return {
        "body": parsed["body"].astype("string"), "status": parsed["status"],
        "count": count["value"].round().astype("Int64"),
        "counted": counted.where(is_count, "").astype("string"),
        "denominator": denominator.round().astype("Int64"), "denominator_source": den_source,
        "approximate": count["approximate"],
        "as_of": dates["iso"], "as_of_precision": dates["precision"],
        "as_of_start": dates["start"], "as_of_end": dates["end"],
        "as_of_qualifier": dates["qualifier"],
        "decree": df["decree"].fillna(""), "basis": parsed["basis"].astype("string"),
        "source": df["source"].fillna(""),
        "publisher": df["publisher"].fillna(""), "published": parsed["pub"]["iso"],
        "quote": df["quote"].fillna(""),
        "note": _notes(_notes(_notes(df["note"], parsed["status_note"]), areas["note"]),
                       all_note),
    }


def _notes(source_note: pd.Series, area_note: pd.Series) -> pd.Series:
    a, b = source_note.fillna("").astype(str), area_note.fillna("").astype(str)
    both = (a != "") & (b != "")
    return (a + both.map({True: "; ", False: ""}) + b).astype("string")


KEY = ["level", "area_code", "body", "status", "count", "counted", "as_of", "source"]


CONFLICT_KEY = ["level", "area_code", "body", "as_of", "source_file", "source"]


def _dedupe(light: pd.DataFrame, live: np.ndarray, rows: Rows) -> np.ndarray:
    """Exact repeats of a fact from the same source: keep the first, reject the rest. Rows of
    one file and source that give the same area, body and date different statuses: reject
    them all (which is right cannot be told). Different sources that disagree are kept; the
    maps flag the conflict."""
    return reject_repeats(
        light, live, rows, same=KEY, column="source", clash_key=CONFLICT_KEY, differ="status",
        repeat="duplicate of row {row} (same area, body, status, date and source)",
        clash="conflicting statuses for the same area, body and date from the same source: ",
        among=light["status"] != "count")


def _schema():
    import pandera.pandas as pa

    text = pa.Column("string", nullable=True)
    return pa.DataFrameSchema({
        **place_schema(pa),
        "body": pa.Column("string", one_of(pa, BODIES)),
        "status": pa.Column("string", one_of(pa, [*parsers.STATUSES, "count"])),
        "count": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "counted": pa.Column("string", one_of(pa, ["", "province", "kabkota"])),
        "denominator": pa.Column("Int64", pa.Check.gt(0), nullable=True),
        "denominator_source": text, "approximate": pa.Column(bool),
        "as_of": text, "as_of_precision": pa.Column("string", one_of(pa, parsers.PRECISIONS)),
        "as_of_start": pa.Column("datetime64[ns]", nullable=True),
        "as_of_end": pa.Column("datetime64[ns]", nullable=True),
        "as_of_qualifier": text, "decree": text,
        "basis": pa.Column("string", one_of(pa, ["", *BASES])), "source": pa.Column("string"),
        "publisher": text, "published": text, "quote": text, "note": text,
        "source_file": text, "source_row": pa.Column("Int64", nullable=True),
    }, checks=[pa.Check(lambda d: (d["count"].isna() | (d["count"] <= d["denominator"])).all(),
                        error="count larger than denominator")], strict=True, ordered=True)


SPEC = Spec(
    name="coverage", template_columns=tuple(TEMPLATE_COLUMNS), required=tuple(REQUIRED),
    columns=COLUMNS, read=_read, build=_build, dedupe=_dedupe, schema=_schema,
    key=(*dict.fromkeys(KEY + CONFLICT_KEY), "source_row"),
    sort=("level", "area_code", "body", "as_of_end", "source_file", "source_row"),
    summary=lambda kept: {"by_level": kept["level"].value_counts().sort_index().to_dict()},
    per_value=("status",))


def clean_coverage(raw: pd.DataFrame, *, source_file: str = "", today: date | None = None,
                   ) -> Cleaned:
    """Clean coverage rows (template columns, text) into the tidy table of :data:`COLUMNS`.

    ``raw`` may carry ``_row`` (row number in its file) and ``_file``; unknown extra columns
    are ignored (the caller warns). Returns kept, rejected (with reasons) and a summary.
    """
    return clean(raw, SPEC, source_file=source_file, today=today)


def validate_schema(df: pd.DataFrame) -> pd.DataFrame:
    """Check the tidy coverage table with pandera (lazy: every failure is listed)."""
    return validate(df, SPEC)


def to_template(kept: pd.DataFrame) -> pd.DataFrame:
    """Cleaned coverage rows back in the template's columns (canonical names, ISO dates), so
    a cleaned table can be shared, edited and cleaned again to the same result."""
    out = pd.DataFrame({
        **template_places(kept),
        "body": kept["body"], "status": kept["status"],
        "count": kept["count"].astype("string"), "denominator": kept["denominator"]
        .astype("string").where(kept["denominator_source"] == "stated", ""),
        "counted": kept["counted"],
        "as_of": kept["as_of"].where(kept["as_of"].fillna("") != "", "undated"),
        "decree": kept["decree"], "source": kept["source"], "publisher": kept["publisher"],
        "published": kept["published"], "quote": kept["quote"], "retrieved": "",
        "note": kept["note"], "basis": kept["basis"]})
    return out.fillna("").astype("string").reset_index(drop=True)
