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
APPROX_WORDS = ("sekitar", "kurang lebih", "kira-kira", "kira kira", "hampir",
                "lebih kurang", "about", "approx.", "approx", "approximately", "around",
                "nearly", "ca.", "circa", "±", "+/-", "~", "≈")
# "< 5" (a suppressed small count), "lebih dari 100": limits, not values
BOUND_WORDS = ("<=", ">=", "<", ">", "≤", "≥", "kurang dari", "lebih dari", "less than",
               "more than", "fewer than", "under ", "over ", "at least", "at most",
               "sedikitnya", "paling sedikit", "paling banyak", "minimal", "maksimal",
               "di bawah", "di atas")
# footnote marks: 12*, 12†, 12¹, 12 a), 12 (1)
_FOOTNOTE = re.compile(r"^[^\s]*\d[\d.,]*\s*(\*+|[†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|[a-z]\)|\(\d\))$", re.I)
MAX_FIGURE = 10 ** 12
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
    if _FOOTNOTE.search(raw.strip()):
        return Number(None, problem=f"{raw!r} carries a footnote mark; give the number alone "
                      "and the footnote in the note column")
    s = _fold(raw)
    if s in MISSING_WORDS:
        return Number(None, missing=True)
    for w in BOUND_WORDS:
        if s.startswith(w):
            return Number(None, problem=f"{raw!r} is a bound (for example a suppressed small "
                          "count), not a figure")
    approx = False
    inner = " ".join(re.findall(r"[(\[]([^)\]]*)[)\]]", s))
    if re.search(r"\d", inner) and not re.search(r"sekitar|-an\b|approx|~", inner):
        return Number(None, problem=f"{raw!r} has numbers in brackets beside the figure; give "
                      "one number and put the rest in the note column")
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
    if value > MAX_FIGURE:
        return Number(None, problem=f"{raw!r} is too large to be a figure")
    return Number(sign * value, approximate=approx, share=share)


def number_column(values: pd.Series, *, factorized: tuple | None = None) -> pd.DataFrame:
    """Parse a column: ``value`` (Float64), ``approximate``, ``share``, ``missing``,
    ``problem`` (empty when fine), one row per input in order (``factorized``:
    ``pd.factorize(values)`` when already at hand; each distinct text is parsed once)."""
    codes, uniques = factorized or pd.factorize(values.astype(object), use_na_sentinel=True)
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
PRECISIONS = ("day", "month", "quarter", "semester", "year", "period", "unknown")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_WORDS = r"(?:tahun anggaran |tahun |ta\.? |t\.a\. |fy |year |fiscal year )?"
_RANGE = re.compile(r"\s*(?:s\.\s?d\.?|s/d|sd|sampai dengan|sampai|hingga|to|until|through|"
                    r"-|–|—)\s*")
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
        """The date as precise as it is known: ``2022``, ``2022-12``, ``2022-12-20``,
        ``2023-Q3``, ``2023-S1``, or a period ``2019/2021``, ``2022-01/2022-10``."""
        if self.start is None:
            return ""
        if self.precision == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision == "semester":
            return f"{self.start.year}-S{1 if self.start.month <= 6 else 2}"
        if self.precision == "period":
            return f"{_side(self.start, True)}/{_side(self.end, False)}"
        return {"day": self.start.isoformat(), "month": self.start.isoformat()[:7],
                "year": str(self.start.year)}[self.precision]


def _side(day: date, first: bool) -> str:
    """One end of a period at the precision it was written to (a whole year, month or day)."""
    if first and day.month == 1 and day.day == 1 or not first and (day.month, day.day) == (
            12, 31):
        return str(day.year)
    last = calendar.monthrange(day.year, day.month)[1]
    if first and day.day == 1 or not first and day.day == last:
        return day.isoformat()[:7]
    return day.isoformat()


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
    inner = re.sub(r"\b(data|angka)\b", " ", inner).strip()
    inner = re.sub(r"^(to|until|s\.?d\.?|s/d|sampai|hingga|per|as of)\b\s*", "s.d. ",
                   inner).strip()
    if re.search(r"\b(uncertain|inferred|unclear|tidak pasti)\b", inner) or inner in UNDATED:
        qualifier = qualifier or "uncertain"
    elif inner and not any(re.fullmatch(rf"{w}\b.*", inner) for w in QUALIFIERS):
        # "2023 (Semester I)", "2022 (s.d. Oktober)": the brackets narrow the period; read
        # them with it, or not at all (never widen to the whole year)
        if inner.startswith("s.d. "):  # "2025 (data to October 2025)": known up to then
            try:
                upto = _parse_core(inner[5:])
            except ValueError:
                upto = None
            base = _parse_core(outer) if upto else None
            if upto is not None and base is not None and base.start <= upto.end <= base.end:
                return Period(base.start, upto.end, "period", qualifier)
        for joined in (outer, f"{outer} {inner}", f"{inner} {outer}"):
            if joined == outer:  # "2025-10 (Oct 2025)": the brackets say it again
                try:
                    a, b = _parse_core(outer), _parse_core(inner)
                except ValueError:
                    a = b = None
                if a is not None and b is not None and a.start <= b.start and b.end <= a.end:
                    return Period(b.start, b.end, b.precision, qualifier)  # same, or narrower
                continue
            try:
                p = _parse_core(joined)
            except ValueError:
                p = None
            if p is not None:
                return Period(p.start, p.end, p.precision, qualifier)
        return Period(None, None, "unknown", qualifier, f"{raw!r} is not a date (the words "
                      f"in brackets, {inner!r}, are not understood)")
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
    """One date, or a period written as a range ("2019 s/d 2021", "Januari - Oktober 2022",
    "2023 s.d. Juni"); text that is not fully understood is None, never widened."""
    s = re.sub(r"\s+", " ", re.sub(r"\b(?:bulan|month of)\b", " ", s.replace(",", " "))).strip()
    single = _single(s)
    if single is None and (m := re.fullmatch(r"(\d{4}[-\d]*)/(\d{4}[-\d]*)", s)):
        # a period as Period.iso writes it: 2019/2021, 2022/2022-10, 2023-03-01/2023-05-31
        a, b = _single(m[1]), _single(m[2])
        if a is not None and b is not None and a.start <= b.end:
            return Period(a.start, b.end, "period")
    if single is not None or not _RANGE.search(s):
        return single
    for m in _RANGE.finditer(s):
        left, right = s[:m.start()].strip(), s[m.end():].strip()
        b = _single(right)
        a = _single(left, default_year=b.start.year if b else None)
        if b is None and a is not None:
            b = _single(right, default_year=a.start.year)
        if a is not None and b is not None and a.start <= b.end:
            return Period(a.start, b.end, "period")
    return None


def _single(s: str, default_year: int | None = None) -> Period | None:
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\S*)?", s):
        y, mo, d = map(int, m.groups())
        return _period(y, mo, d) if _year_ok(y) else None
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})", s):
        y, mo = map(int, m.groups())
        return _period(y, mo) if _year_ok(y) else None
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2}) (\d{4})", s):  # "Sabtu (14/12), 2024"
        d, mo, y = map(int, m.groups())
        return _period(y, mo, d) if _year_ok(y) else None
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
    if m := re.fullmatch(rf"{_YEAR_WORDS}(\d{{4}})(?: budget year| fiscal year| anggaran)?", s):
        y = int(m[1])
        return _period(y) if _year_ok(y) else None
    if m := (re.fullmatch(rf"(?:semester|smt|sem)\.? (i{{1,2}}|[12]) {_YEAR_WORDS}(\d{{4}})", s)
             or re.fullmatch(r"(\d{4}) (?:semester|smt|sem)\.? (i{1,2}|[12])", s)
             or re.fullmatch(r"(\d{4})-s([12])", s)):  # 2023-S1, as Period.iso writes it
        a, b = m.groups()
        half, y = (ROMAN[a], int(b)) if not a.isdigit() or len(a) == 1 else (ROMAN[b], int(a))
        if not _year_ok(y):
            return None
        first = date(y, 1, 1) if half == 1 else date(y, 7, 1)
        return Period(first, date(y, 6, 30) if half == 1 else date(y, 12, 31), "semester")
    if m := (re.fullmatch(rf"(?:triwulan|tw|kuartal|quarter|q)\.? ?(i{{1,3}}|iv|[1-4]) "
                          rf"{_YEAR_WORDS}(\d{{4}})", s)
             or re.fullmatch(r"(\d{4})[ -]?(?:triwulan|tw|kuartal|quarter|q)\.? ?(i{1,3}|iv|[1-4])",
                             s)):
        a, b = m.groups()
        q, y = (ROMAN[a], int(b)) if len(a) <= 3 and not (a.isdigit() and len(a) == 4) \
            else (ROMAN[b], int(a))
        if not _year_ok(y):
            return None
        first = date(y, 3 * q - 2, 1)
        last = date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        return Period(first, last, "quarter")
    if default_year is not None:
        if m := re.fullmatch(rf"({_MONTH_RE})\.?", s):
            return _period(default_year, MONTHS[m[1]])
        if m := re.fullmatch(rf"(\d{{1,2}}) ?({_MONTH_RE})\.?", s):
            return _period(default_year, MONTHS[m[2]], int(m[1]))
    return None


def date_column(values: pd.Series, *, today: date | None = None,
                factorized: tuple | None = None) -> pd.DataFrame:
    """Parse a column: ``iso`` (as precise as known), ``precision``, ``start``, ``end``
    (datetime64), ``qualifier``, ``problem``; a date after ``today`` is a problem
    (``factorized``: ``pd.factorize(values)`` when already at hand)."""
    today = today or date.today()
    codes, uniques = factorized or pd.factorize(values.astype(object), use_na_sentinel=True)
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

STATUSES = ("formed", "in_process", "not_formed", "dissolved", "inactive", "unknown")
WEAK = frozenset({"ada", "sudah", "ya", "proses", "rencana"})  # ignored beside a clearer word
_CLAUSE = re.compile(r"[;,()\[\]/:]|\b(?:namun|tetapi|tapi|but|however|sedangkan|meskipun|"
                     r"walaupun|although|though)\b")


@dataclass(frozen=True)
class StatusReading:
    """A status phrase read: ``status`` (or ``unknown``), a ``note`` to keep with the fact
    (e.g. "decree pending") and, when it cannot be read, the ``problem`` in words."""

    status: str
    note: str = ""
    problem: str = ""


@lru_cache(maxsize=1)
def status_words() -> dict[str, tuple[str, ...]]:
    """The status vocabulary (``reference/status_words.csv``): phrases by kind, longest
    first. Kinds: formed, in_process, not_formed, dissolved, inactive, decree_pending,
    no_data, negation."""
    from importlib import resources

    table = pd.read_csv(resources.files("tppo_analysis") / "reference" / "status_words.csv",
                        dtype=str, keep_default_na=False)
    out: dict[str, list[str]] = {}
    for kind, phrase in zip(table["kind"], table["phrase"], strict=True):
        out.setdefault(kind, []).append(_fold(phrase))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _find(clause: str, phrase: str) -> list[int]:
    """Start positions of ``phrase`` as whole words in ``clause``."""
    pat = r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])"
    return [m.start() for m in re.finditer(pat, clause)]


def _clause_signals(clause: str) -> dict[str, int]:
    """Kinds of status words in one clause (negated formation words count as
    ``not_formed``; a negated dissolution or process word as ``negated``)."""
    words = status_words()
    taken = [False] * len(clause)
    signals: dict[str, int] = {}
    negations = words.get("negation", ())
    for kind in ("no_data", "not_formed", "dissolved", "inactive", "decree_pending",
                 "in_process", "formed"):
        for phrase in words.get(kind, ()):
            if kind in ("not_formed", "no_data") and phrase in negations + ("no", "-", "?") \
                    and clause.strip(" .") != phrase:
                continue  # a bare 'belum'/'tidak' counts only as the whole answer
            for pos in _find(clause, phrase):
                if any(taken[pos:pos + len(phrase)]):
                    continue
                for k in range(pos, pos + len(phrase)):
                    taken[k] = True
                before = clause[:pos].split()[-3:]
                negated = any(w in negations for w in before) or any(
                    " ".join(before[i:]) in negations for i in range(len(before)))
                found = kind
                if negated and kind == "formed":
                    found = "not_formed"
                elif negated and kind in ("dissolved", "in_process", "decree_pending"):
                    found = "negated"
                if found == "formed" and phrase in WEAK:
                    found = "formed_weak"
                if found == "in_process" and phrase in WEAK:
                    found = "in_process_weak"
                signals[found] = signals.get(found, 0) + 1
    return signals


@lru_cache(maxsize=10_000)
def read_status(text: object) -> StatusReading:
    """Read a status phrase by rule, with the vocabulary of ``status_words.csv``.

    Dissolution wins ("dibentuk (dibubarkan 2020)" is ``dissolved``), then inactivity
    ("sudah ada namun belum aktif" is ``inactive``: the body exists); a negated formation
    word is ``not_formed``; a pending decree beside a formation word keeps ``formed`` with
    the note "decree pending"; "no data" is not a status (no evidence is not "not formed");
    contradictory or unknown phrases are problems, never guesses.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return StatusReading("unknown", problem="no status given")
    raw = str(text)
    s = _fold(raw).replace("_", " ").strip(" .")
    if s.replace(" ", "_") in STATUSES[:-1]:
        return StatusReading(s.replace(" ", "_"))
    if not s or s in status_words().get("no_data", ()):
        return StatusReading("unknown", problem=f"{raw!r} says there is no data: no evidence "
                             "is not 'not formed'; leave the row out")
    total: dict[str, int] = {}
    for clause in _CLAUSE.split(s):
        if clause and clause.strip():
            for k, v in _clause_signals(clause.strip()).items():
                total[k] = total.get(k, 0) + v
    strong = {k for k in total if not k.endswith("_weak") and k != "negated"}
    weak = {k[:-5] for k in total if k.endswith("_weak")}
    pending = "decree_pending" in strong
    strong.discard("decree_pending")
    has = strong or weak
    if "no_data" in strong and len(strong) == 1 and not weak:
        return StatusReading("unknown", problem=f"{raw!r} says there is no data: no evidence "
                             "is not 'not formed'; leave the row out")
    strong.discard("no_data")
    if "dissolved" in strong:
        return StatusReading("dissolved")
    if "inactive" in strong:
        return StatusReading("inactive")
    kinds = strong or weak
    if kinds == {"formed"}:
        return StatusReading("formed", "decree pending" if pending else "")
    if kinds == {"not_formed"}:
        return StatusReading("not_formed")
    if kinds == {"in_process"} or (not kinds and pending):
        return StatusReading("in_process", "decree pending" if pending else "")
    if not has:
        return StatusReading("unknown", problem=f"status not recognised: {raw!r} (use formed, "
                             "in process, not formed, dissolved, inactive, or count)")
    return StatusReading("unknown", problem=f"status {raw!r} is unclear: it reads as "
                         f"{' and '.join(sorted(kinds))}; give one status")


def parse_status(text: object) -> str:
    """The status of a phrase (see :func:`read_status`), ``unknown`` when unreadable."""
    return read_status(text).status
