"""Parsers for values as Indonesian data writes them: numbers, dates and periods, status words.

Each parser reads one text and returns what it found *and* how sure it is: ``1.234`` is one
thousand two hundred thirty-four, ``~436`` is 436 flagged approximate, ``-`` is missing (not
zero), ``2022`` is a year, not 1 January 2022. Nothing is guessed: a text that cannot be read
comes back with a ``problem`` in words. The ``*_column`` functions parse a whole column by its
distinct values, so a million rows cost as much as their few thousand spellings.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

# --------------------------------------------------------------------------- numbers

MISSING_WORDS = {
    "", "-", "--", "---", "–", "—", "n/a", "na", "n.a.", "nan", "none", "null", "?", "...",
    "tidak ada data", "tidak ada", "tad", "t.a.d.", "belum ada data", "data tidak tersedia",
    "tidak tersedia", "no data", "unknown", "not available", "not stated", "tidak diketahui",
}
APPROX_WORDS = ("sekitar", "kurang lebih", "kira-kira", "kira kira", "hampir", "lebih dari",
                "lebih kurang", "about", "approx.", "approx", "approximately", "around",
                "nearly", "more than", "over", "ca.", "circa", "±", "+/-", "~", "≈", ">", "<")
UNIT_WORDS = ("orang", "kasus", "korban", "lp", "laporan polisi", "laporan", "tersangka",
              "perkara", "unit", "kab/kota", "kabupaten/kota", "provinsi", "jiwa", "tim",
              "people", "cases", "victims", "persons")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234 / 1.234.567 / 1.234,5
_THOUSANDS_SPACE = re.compile(r"^\d{1,3}( \d{3})+(,\d+)?$")  # 1 234
_DECIMAL_COMMA = re.compile(r"^\d+,\d+$")  # 1,5
_PLAIN = re.compile(r"^\d+(\.\d+)?$")  # 1234 / 1.5 (a dot before 1-2 digits)
_PAREN = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")


@dataclass(frozen=True)
class Number:
    """A parsed number: ``value`` (None when missing or unreadable), flags, and why not."""

    value: float | None
    approximate: bool = False
    share: bool = False
    missing: bool = False
    problem: str = ""


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


@lru_cache(maxsize=100_000)
def parse_number(text: object) -> Number:
    """Read one number written the Indonesian way (see the module docstring)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return Number(None, missing=True)
    if isinstance(text, (int, float)):
        return Number(float(text))
    raw = str(text)
    s = _fold(raw)
    if s in MISSING_WORDS:
        return Number(None, missing=True)
    approx = False
    s2 = _PAREN.sub(" ", s).strip()  # "~30 ('sekitar 30-an')" -> "~30"
    if s2 != s and s2:
        approx = approx or any(w in s for w in ("sekitar", "-an", "approx", "~"))
        s = s2
    for w in APPROX_WORDS:
        if s.startswith(w):
            approx, s = True, s[len(w):].strip()
    if re.search(r"-an$", s):  # "30-an" = thirty-something
        approx, s = True, s[:-3].strip()
    share = s.endswith("%") or s.endswith("persen")
    s = re.sub(r"\s*(%|persen)$", "", s)
    for unit in UNIT_WORDS:
        if s.endswith(" " + unit):
            s = s[: -len(unit) - 1].strip()
            break
    sign = 1.0
    if s.startswith(("-", "−")) and len(s) > 1:
        sign, s = -1.0, s[1:].strip()
    elif s.startswith("+"):
        s = s[1:].strip()
    if _THOUSANDS_DOT.match(s) or _THOUSANDS_SPACE.match(s):
        whole, _, frac = s.replace(" ", ".").partition(",")
        value = float(whole.replace(".", "") + ("." + frac if frac else ""))
    elif _DECIMAL_COMMA.match(s):
        value = float(s.replace(",", "."))
    elif _PLAIN.match(s):
        value = float(s)
    elif re.fullmatch(r"\d+\s*[-–]\s*\d+", s):
        return Number(None, problem=f"{raw!r} is a range, not one number")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", s):
        return Number(None, problem=f"{raw!r} uses commas as thousands separators (English "
                      "style); in Indonesian data 1,234 means 1.234; write 1234 or 1.234")
    else:
        return Number(None, problem=f"{raw!r} is not a number")
    return Number(sign * value, approximate=approx, share=share)


def number_column(values: pd.Series) -> pd.DataFrame:
    """Parse a column: ``value`` (Float64), ``approximate``, ``share``, ``missing``,
    ``problem`` (empty when fine), one row per input in order."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    parsed = [parse_number(u) for u in uniques] + [Number(None, missing=True)]
    codes = codes.copy()
    codes[codes < 0] = len(parsed) - 1
    frame = pd.DataFrame({
        "value": pd.array([p.value for p in parsed], dtype="Float64"),
        "approximate": [p.approximate for p in parsed],
        "share": [p.share for p in parsed],
        "missing": [p.missing for p in parsed],
        "problem": pd.array([p.problem for p in parsed], dtype="string"),
    })
    return frame.iloc[codes].reset_index(drop=True).set_axis(values.index)


# --------------------------------------------------------------------------- dates

MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "peb": 2,
    "pebruari": 2, "maret": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7, "agustus": 8,
    "august": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11,
    "nopember": 11, "nov": 11, "nop": 11, "desember": 12, "december": 12, "des": 12, "dec": 12,
}
WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNDATED = ("undated", "tanpa tanggal", "tidak bertanggal", "n.d.", "nd", "no date")
QUALIFIERS = {"early": "early", "awal": "early", "mid": "mid", "pertengahan": "mid",
              "late": "late", "akhir": "late", "after": "after", "setelah": "after",
              "before": "before", "sebelum": "before", "sejak": "since", "since": "since"}
PRECISIONS = ("day", "month", "year", "unknown")
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class Period:
    """A parsed date or period: first and last day, precision, qualifier, and problem."""

    start: date | None
    end: date | None
    precision: str  # day | month | year | unknown
    qualifier: str = ""  # early | mid | late | after | before | since, as written
    problem: str = ""

    @property
    def iso(self) -> str:
        """The date as precise as it is known: ``2022``, ``2022-12`` or ``2022-12-20``."""
        if self.start is None:
            return ""
        return {"day": self.start.isoformat(), "month": self.start.isoformat()[:7],
                "year": str(self.start.year)}[self.precision]


def _period(y: int, m: int | None = None, d: int | None = None) -> Period:
    if m is None:
        return Period(date(y, 1, 1), date(y, 12, 31), "year")
    if d is None:
        return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), "month")
    day = date(y, m, d)
    return Period(day, day, "day")


def _year_ok(y: int) -> bool:
    return 1945 <= y <= 2100


@lru_cache(maxsize=100_000)
def parse_date(text: object) -> Period:
    """Read one date or period (Indonesian or English), keeping its precision."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return Period(None, None, "unknown")
    if isinstance(text, date):
        return Period(text, text, "day")
    raw = str(text)
    s = _fold(raw)
    qualifier = ""
    inner = " ".join(re.findall(r"[(\[]([^)\]]*)[)\]]", s))
    outer = _PAREN.sub(" ", s).strip()
    # "Selasa (23/5/2023)": the date is inside the brackets, the weekday outside
    if outer in WEEKDAYS or not outer:
        outer, inner = inner, ""
    for word in WEEKDAYS:
        outer = re.sub(rf"^{re.escape(word)}\b,?\s*", "", outer)
    for word, q in QUALIFIERS.items():
        if re.search(rf"\b{word}\b", outer) or re.search(rf"^{word}\b", inner):
            qualifier = q
            outer = re.sub(rf"\b{word}\b", " ", outer).strip()
    if re.search(r"\b(uncertain|inferred|unclear|tidak pasti)\b", inner):
        qualifier = qualifier or "uncertain"
    if not outer or any(u in outer for u in UNDATED):
        return Period(None, None, "unknown", qualifier)
    try:
        p = _parse_core(outer)
    except ValueError:
        p = None
    if p is None:
        return Period(None, None, "unknown", qualifier, f"{raw!r} is not a date")
    return Period(p.start, p.end, p.precision, qualifier)


def _parse_core(s: str) -> Period | None:
    s = re.sub(r"\s+", " ", s.replace(",", " ")).strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\S*)?", s):
        y, mo, d = map(int, m.groups())
        return _period(y, mo, d) if _year_ok(y) else None
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})", s):
        y, mo = map(int, m.groups())
        return _period(y, mo) if _year_ok(y) else None
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})", s):  # day first
        d, mo, y = map(int, m.groups())
        y = y + 2000 if y < 100 else y
        return _period(y, mo, d) if _year_ok(y) else None
    if m := re.fullmatch(rf"(\d{{1,2}}) ?({_MONTH_RE})\.? (\d{{4}})", s):
        d, mon, y = int(m[1]), MONTHS[m[2]], int(m[3])
        return _period(y, mon, d) if _year_ok(y) else None
    if m := re.fullmatch(rf"({_MONTH_RE})\.? (\d{{1,2}}) (\d{{4}})", s):  # June 5, 2023
        mon, d, y = MONTHS[m[1]], int(m[2]), int(m[3])
        return _period(y, mon, d) if _year_ok(y) else None
    if m := re.fullmatch(rf"({_MONTH_RE})\.?[ -](\d{{4}})", s):
        mon, y = MONTHS[m[1]], int(m[2])
        return _period(y, mon) if _year_ok(y) else None
    if m := re.fullmatch(r"(?:tahun |year )?(\d{4})(?: .*)?", s):  # "2023 budget year"
        y = int(m[1])
        return _period(y) if _year_ok(y) else None
    return None


def date_column(values: pd.Series, *, today: date | None = None) -> pd.DataFrame:
    """Parse a column: ``iso`` (as precise as known), ``precision``, ``start``, ``end``
    (datetime64), ``qualifier``, ``problem``; a date after ``today`` is a problem."""
    today = today or date.today()
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    parsed = [parse_date(u) for u in uniques] + [Period(None, None, "unknown")]
    problems = []
    for u, p in zip(list(uniques) + [None], parsed, strict=True):
        if not p.problem and p.start is not None and p.start > today:
            problems.append(f"{u!r} is in the future")
        else:
            problems.append(p.problem)
    codes = codes.copy()
    codes[codes < 0] = len(parsed) - 1
    frame = pd.DataFrame({
        "iso": pd.array([p.iso for p in parsed], dtype="string"),
        "precision": pd.array([p.precision for p in parsed], dtype="string"),
        "start": pd.to_datetime([p.start for p in parsed]),
        "end": pd.to_datetime([p.end for p in parsed]),
        "qualifier": pd.array([p.qualifier for p in parsed], dtype="string"),
        "problem": pd.array(problems, dtype="string"),
    })
    return frame.iloc[codes].reset_index(drop=True).set_axis(values.index)


# --------------------------------------------------------------------------- status words

STATUSES = ("formed", "in_process", "not_formed", "unknown")
_NOT_FORMED = re.compile(
    r"\b(belum (di)?bentuk|belum terbentuk|belum membentuk|belum ada|belum|tidak ada|"
    r"not yet formed|not formed|not yet|none|no uptd|no provincial|not established|"
    r"tidak terbentuk|dibubarkan|disbanded|not_formed)\b")
_IN_PROCESS = re.compile(
    r"\b(dalam proses|proses pembentukan|proses|sedang dibentuk|akan dibentuk|segera dibentuk|"
    r"rancang\w*|draft|in process|in progress|in_process|being formed|planned|"
    r"rencana|persiapan|pending)\b")
_FORMED = re.compile(
    r"\b(sudah|terbentuk|telah dibentuk|dibentuk|dikukuhkan|formed|established|launched|"
    r"renewed|diperbarui|exists|ada|aktif|active|operational|formed_count|yes|ya)\b")


@lru_cache(maxsize=10_000)
def parse_status(text: object) -> str:
    """Map a status phrase to ``formed``, ``in_process``, ``not_formed`` or ``unknown``.

    Negations are read first, so "belum terbentuk" and "not yet formed" are ``not_formed``.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return "unknown"
    s = _fold(str(text)).replace("_", " ") if str(text) not in STATUSES else str(text)
    if s in STATUSES:
        return s
    # the leading phrase decides: "formed (SK since 2020); restructuring planned" is formed
    head = re.split(r"[;(]", s, maxsplit=1)[0].strip()
    if head and head != s:
        first = parse_status(head)
        if first != "unknown":
            return first
    if _NOT_FORMED.search(s):
        return "not_formed"
    if _IN_PROCESS.search(s):
        return "in_process"
    if _FORMED.search(s):
        return "formed"
    return "unknown"
