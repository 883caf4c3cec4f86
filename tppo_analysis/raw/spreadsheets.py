"""Read the tables people actually send (CSV in any common dialect, XLSX with title rows) as text.

Every cell comes back as a string (codes such as ``"11.10"`` must never become floats), every
row keeps its line number in the source file (``_row``) so that problems can be reported as
file, row, column and value, and nothing is dropped here: blank rows stay for the cleaning step
to reject with a reason. Writing for people goes through :func:`write_csv`, which neutralises
spreadsheet formulas in text cells.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import OneLineError

ROW_COL = "_row"
ENCODINGS = ("utf-8-sig", "cp1252")
DELIMITERS = ",;\t|"
MAX_TITLE_ROWS = 20
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableError(OneLineError, ValueError):
    """A file that cannot be read as a table; the message names the file (and row, column)."""


@dataclass
class Table:
    """A table read as text, with where it came from and what was noticed while reading."""

    data: pd.DataFrame
    path: str
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 1
    sheet: str = ""
    warnings: list[str] = field(default_factory=list)


def norm_header(name: object) -> str:
    """A column name folded for matching: ``" Kab/Kota "`` -> ``"kab_kota"``."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _decode(raw: bytes, path: str) -> tuple[str, str]:
    for enc in ENCODINGS:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise TableError(f"{path}: not UTF-8 or cp1252 text; save it as CSV UTF-8")  # pragma: no cover


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _unclosed_quote_line(text: str, delim: str) -> int | None:
    """The line on which a quoted field opens that is never closed (it would swallow every
    row after it), or None."""
    in_quote, opened, line = False, 0, 1
    prev = delim
    for ch in text:
        if ch == '"':
            if not in_quote and prev in (delim, "\n", "\r"):
                in_quote, opened = True, line
            elif in_quote:
                in_quote = False  # a doubled "" re-opens on the next character
                prev = ch
                continue
        if ch == "\n":
            line += 1
        if not in_quote or ch == '"':
            prev = ch
        elif ch == "\n":
            prev = "\n"
    return opened if in_quote else None


def _rows_csv(path: Path) -> tuple[list[list[str]], list[int], str, str]:
    raw = path.read_bytes()
    if not raw.strip():
        raise TableError(f"{path}: the file is empty")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text": UTF-16, tabs
        text, enc = raw.decode("utf-16"), "utf-16"
    elif raw[:4] == b"\xd0\xcf\x11\xe0":
        raise TableError(f"{path}: this is an Excel/OLE binary file (an old .xls, or an "
                         "encrypted workbook), not CSV; save it as .xlsx or CSV")
    else:
        text, enc = _decode(raw, str(path))
    delim = _delimiter(text)
    rows, lines = [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    try:
        for row in reader:
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as exc:
        open_line = _unclosed_quote_line(text, delim)
        if open_line is not None:
            raise TableError(f"{path}, line {open_line}: a quote (\") opens here and is never "
                             "closed, so every row after it would be read as one cell; close "
                             "or remove it") from exc
        raise TableError(f"{path}, line {reader.line_num}: cannot parse CSV ({exc})") from exc
    return rows, lines, enc, delim


def _rows_xlsx(path: Path, sheet: str | None, expected: Iterable[str] | None = None
               ) -> tuple[list[list[str]], list[int], str, list, list[str]]:
    """Rows of one sheet: ``sheet`` when given; else the active sheet when it is visible and
    holds the expected header, else the one visible sheet that does. Hidden sheets (old
    data, lists for drop-downs) are never read unasked. Percent-formatted numbers come back
    as ``85%``, not the fraction 0.85."""
    import zipfile

    import openpyxl

    if not zipfile.is_zipfile(path):
        with open(path, "rb") as fh:
            magic = fh.read(8)
        if magic[:4] == b"\xd0\xcf\x11\xe0":
            raise TableError(f"{path}: the workbook is encrypted (password-protected) or an "
                             "old .xls; remove the password and save it as .xlsx")
        raise TableError(f"{path}: not an XLSX workbook (not a zip container)")
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise TableError(f"{path}: cannot open as XLSX ({exc.__class__.__name__}: {exc})") from exc
    notes: list[str] = []
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise TableError(f"{path}: no sheet {sheet!r}; sheets are {wb.sheetnames}")
        ws = wb[sheet]
    else:
        if not visible:
            raise TableError(f"{path}: every sheet is hidden; name one with --sheet")
        want = {norm_header(e) for e in expected or ()}

        def has_header(w) -> bool:
            if not want:
                return True
            for row in w.iter_rows(min_row=1, max_row=MAX_TITLE_ROWS, values_only=True):
                if sum(norm_header(c) in want for c in row if c is not None) >= 2:
                    return True
            return False

        active = wb.active if wb.active is not None and wb.active.sheet_state == "visible" \
            else None
        if active is not None and has_header(active):
            ws = active
        else:
            fits = [w for w in visible if has_header(w)]
            if len(fits) == 1:
                ws = fits[0]
            elif not fits:
                raise TableError(f"{path}: no visible sheet has the expected columns; sheets "
                                 f"are {[w.title for w in visible]} (name one with --sheet)")
            else:
                raise TableError(f"{path}: several sheets have the expected columns "
                                 f"({[w.title for w in fits]}); name one with --sheet")
        hidden = [w.title for w in wb.worksheets if w.sheet_state != "visible"]
        if len(wb.worksheets) > 1:
            notes.append(f"{path}: read sheet {ws.title!r}"
                         + (f" (hidden sheets not read: {hidden})" if hidden else ""))
    rows, lines = [], []
    for i, cells in enumerate(ws.iter_rows(), start=1):
        rows.append(["" if c.value is None else _cell_text(c.value, c.number_format)
                     for c in cells])
        lines.append(i)
    merged = [(m.min_row, m.max_row, m.min_col, m.max_col, str(m)) for m in ws.merged_cells.ranges]
    return rows, lines, ws.title, merged, notes


def _cell_text(v: object, number_format: str = "General") -> str:
    """Excel cell value as text: whole floats without ``.0``, dates as ISO, percent-formatted
    numbers as percentages (``0.85`` shown as 85% is ``85%``)."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and "%" in (number_format or ""):
        pct = round(float(v) * 100, 10)
        return f"{int(pct) if pct.is_integer() else pct}%"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat"):
        text = v.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v)


def _find_header(rows: list[list[str]], expected: Iterable[str] | None) -> int:
    """Index of the header row: the first with two or more expected names, else the first
    row that is as wide as the widest of the first rows (title rows are narrower)."""
    head = rows[:MAX_TITLE_ROWS]
    if expected:
        want = {norm_header(e) for e in expected}
        for i, row in enumerate(head):
            if sum(norm_header(c) in want for c in row if c.strip()) >= 2:
                return i
    widths = [sum(1 for c in row if str(c).strip()) for row in head]
    if not widths or max(widths) == 0:
        return 0
    top = max(widths)
    return next(i for i, w in enumerate(widths) if w >= max(2, top) or w == top)


def read_table(
    path: str | os.PathLike, *, expected: Iterable[str] | None = None, sheet: str | None = None
) -> Table:
    """Read a CSV or XLSX file as text with a ``_row`` column (the row number in the file).

    CSV: UTF-8 (with or without BOM) or cp1252; delimiter sniffed among ``, ; TAB |``.
    XLSX: first sheet unless ``sheet``; cached formula results. Title rows above the header are
    skipped (the header is the first row holding two or more ``expected`` column names).
    Raises :class:`TableError` naming the file (and row) for empty files, merged or duplicate
    header cells and unreadable content.
    """
    p = Path(path)
    if p.is_dir():
        raise TableError(f"{p}: is a folder; give a CSV or XLSX file")
    if not p.is_file():
        raise TableError(f"{p}: no such file")
    if not os.access(p, os.R_OK):
        raise TableError(f"{p}: cannot be read (permission denied)")
    merged: list = []
    enc = delim = sheet_name = ""
    notes: list[str] = []
    try:
        if p.suffix.lower() in (".xlsx", ".xlsm"):
            rows, lines, sheet_name, merged, notes = _rows_xlsx(p, sheet, expected)
        elif p.suffix.lower() == ".xls":
            raise TableError(f"{p}: old .xls workbooks are not read; save it as .xlsx or CSV")
        elif p.suffix.lower() not in (".csv", ".txt", ".tsv", ""):
            raise TableError(f"{p}: {p.suffix} files are not read; give a CSV or XLSX table")
        else:
            rows, lines, enc, delim = _rows_csv(p)
    except OSError as exc:  # permission denied, a file that vanished, an I/O error
        raise TableError(f"{p}: cannot be read ({exc.strerror or exc})") from exc
    if not any(any(str(c).strip() for c in r) for r in rows):
        raise TableError(f"{p}: the file is empty")
    h = _find_header(rows, expected)
    header_line = lines[h]
    for r0, r1, c0, c1, ref in merged:
        if r0 <= header_line <= r1 and c1 > c0:
            raise TableError(f"{p}, row {header_line}: header cells {ref} are merged; unmerge "
                             "them so that every column has its own name")
    header = [str(c).strip() for c in rows[h]]
    while header and not header[-1]:
        header.pop()
    warnings = list(notes)
    if h:
        warnings.append(f"{p}: skipped {h} title row(s) above the header on row {header_line}")
    for j, name in enumerate(header):
        if not name:
            raise TableError(f"{p}, row {header_line}, column {j + 1}: the header cell is empty")
    seen: dict[str, int] = {}
    for j, name in enumerate(header):
        key = norm_header(name)
        if key in seen:
            raise TableError(f"{p}, row {header_line}: duplicate column name {name!r} "
                             f"(columns {seen[key] + 1} and {j + 1})")
        seen[key] = j
    width = len(header)
    body, numbers = [], []
    for row, line in zip(rows[h + 1:], lines[h + 1:], strict=True):
        cells = [str(c) for c in row]
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            raise TableError(f"{p}, row {line}: {len(cells)} cells but the header has {width} "
                             f"columns (extra value {extra[0]!r})")
        body.append((cells + [""] * width)[:width])
        numbers.append(line)
    if not body:
        raise TableError(f"{p}: only a header (row {header_line}), no data rows")
    df = pd.DataFrame(body, columns=header, dtype="string")
    df.insert(0, ROW_COL, pd.array(numbers, dtype="Int64"))
    return Table(df, str(p), enc, delim, header_line, sheet_name, warnings)


def neutralise_formula(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``)
    with an apostrophe, so that ``=HYPERLINK(...)`` is shown, not executed (OWASP CSV
    injection). Plain numbers such as ``-5`` are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        if re.fullmatch(r"[+-]?\d+([.,]\d+)?", value):
            return value
        return "'" + value
    return value


def for_people(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells, and column names, are safe to open in a spreadsheet."""
    out = df.copy()
    out.columns = [neutralise_formula(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_formula, na_action="ignore")
    return out


@contextmanager
def _signals_held():
    """Hold SIGINT and SIGTERM for a few instructions (delivered when the block ends)."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temporary file and a rename, so an interrupted run
    never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = None
    try:
        with _signals_held():  # Ctrl-C/SIGTERM can't fall between creating and naming tmp
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Deterministic CSV for people: UTF-8, ``\\n`` line ends, formulas neutralised, atomic."""
    text = for_people(df).to_csv(index=False, lineterminator="\n")
    write_atomic(path, text.encode("utf-8"))


def write_xlsx(df: pd.DataFrame, path: Path) -> None:
    """XLSX for people: formulas neutralised and every text cell stored as text, atomic."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for_people(df).to_excel(xl, index=False)
    write_atomic(path, buf.getvalue())


def write_table(df: pd.DataFrame, path: Path) -> None:
    """CSV or XLSX by the file's suffix (both safe to open in a spreadsheet)."""
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        write_xlsx(df, Path(path))
    else:
        write_csv(df, Path(path))

