"""The bad-input catalogue: each class of bad input a researcher may feed the project, and
what it must get: a clear error (file, row, column, value, reason; exit code 1; no traceback)
or a reject with its reason, never a silent loss or a wrong value.

All files here are synthetic, written by the tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import openpyxl
import pandas as pd
import pytest

from tppo_analysis import cli
from tppo_analysis.raw import spreadsheets as tables
from tppo_analysis.report import notebook
from tppo_analysis.report import runner as report

COV = ("level,province,kabkota,body,status,count,denominator,counted,as_of,decree,source,"
       "publisher,published,quote,retrieved,note\n")
CAS = ("level,province,kabkota,jurisdiction,period_start,period_end,metric,agency,value,"
       "source,note\n")
OK_COV = "province,Bali,,GT PP-TPPO,formed,,,,2023-05-01,,https://e.org/a,,,,,\n"
OK_CAS = "province,Jawa Barat,,,2023-01-01,2023-12-31,victims,KemenPPPA,12,https://e.org,\n"


@dataclass
class Case:
    name: str
    content: str | bytes | None  # None: the test builds the file
    kind: str = "coverage"
    expect: str = "reject"  # error | reject | ok
    column: str = ""  # reject: the column named
    reason: str = ""  # regex on the error or reject line
    suffix: str = ".csv"
    args: tuple = ()


CATALOGUE = [
    Case("empty file", "", expect="error", reason="the file is empty"),
    Case("header only", COV, expect="error", reason="only a header .*no data rows"),
    Case("missing required column", "level,province,status\nprovince,Bali,formed\n",
         expect="error", reason="missing .*column"),
    Case("duplicate column names", "level,province,province,body,status,as_of,source\n"
         "province,Bali,Bali,GT,formed,2023,https://e.org\n", expect="error",
         reason="duplicate column name 'province'"),
    Case("merged header cells", None, expect="error", reason="C1:D1 are merged",
         suffix=".xlsx"),
    Case("row longer than the header", COV + OK_COV.strip() + ",,extra\n", expect="error",
         reason="row 2: 18 cells but the header has 16"),
    Case("file does not exist", None, expect="error", reason="no such file"),
    Case("not a table (PDF)", b"%PDF-1.4\n", expect="error", reason=r"\.pdf files are not read",
         suffix=".pdf"),
    Case("old .xls workbook", b"\xd0\xcf\x11\xe0", expect="error", reason="old .xls",
         suffix=".xls"),
    Case("binary garbage named .csv", bytes(range(256)) * 8, expect="error",
         reason="not UTF-8 or cp1252"),
    Case("missing XLSX sheet", None, expect="error", reason="no sheet 'Nope'", suffix=".xlsx",
         args=("--sheet", "Nope")),
    Case("UTF-8 with BOM", (COV + OK_COV).encode("utf-8-sig"), expect="ok"),
    Case("cp1252 text", (COV + OK_COV.replace(",,,,,\n", ",,,,,Dinas PPPA \u2013 2023\n"))
         .encode("cp1252"), expect="ok", reason="Dinas PPPA \u2013 2023"),
    Case("semicolon delimiter", (COV + OK_COV).replace(",", ";"), expect="ok"),
    Case("XLSX with title rows above the header", None, expect="ok", suffix=".xlsx",
         reason="skipped 2 title row"),
    Case("unknown extra columns", COV.strip() + ",mystery\n" + OK_COV.strip() + ",x\n",
         expect="ok", reason=r"warning: .*unknown column\(s\) \['mystery'\] kept"),
    Case("all-empty rows", COV + OK_COV + ",,,,,,,,,,,,,,,\n", column="level",
         reason="empty row"),
    Case("unknown region name", COV + OK_COV.replace("Bali", "Atlantis"), column="province",
         reason="unresolved: unknown name"),
    Case("ambiguous kab/kota name", COV + "kabkota,Jawa Barat,Bandung,GT PP-TPPO,formed,,,,"
         "2023-05-01,,https://e.org/a,,,,,\n", column="kabkota",
         reason="32.04 Kabupaten Bandung, 32.73 Kota Bandung"),
    Case("float-corrupted code", COV + OK_COV.replace("Bali", "11.1"), column="province",
         reason="float-corrupted code"),
    Case("province before it existed (wrong edition)", COV + OK_COV.replace(
        "Bali", "Papua Barat Daya").replace("2023-05-01", "2020-05-01"), column="province",
         reason="did not exist on 2020-05-01"),
    Case("code without its system", COV + OK_COV.replace("Bali", "94"), column="province",
         reason="Kemendagri and BPS number the Papua provinces differently"),
    Case("negative count", COV + "national,Indonesia,,GT PP-TPPO,count,-3,,province,2021,,"
         "https://e.org/a,,,,,\n", column="count", reason="count is negative"),
    Case("text in a count column", COV + "national,Indonesia,,GT PP-TPPO,count,banyak,,"
         "province,2021,,https://e.org/a,,,,,\n", column="count",
         reason="'banyak' is not a number"),
    Case("share instead of a count", COV + "national,Indonesia,,UPTD PPA,count,26%,,kabkota,"
         "2021,,https://e.org/a,,,,,\n", column="count",
         reason=r"a share \(%\) is not a count"),
    Case("count above its denominator", COV + "national,Indonesia,,GT PP-TPPO,count,40,38,"
         "province,2024,,https://e.org/a,,,,,\n", column="count",
         reason="larger than the denominator"),
    Case("thousands separators", CAS + OK_CAS.replace(",12,", ",1.234,"), kind="cases",
         expect="ok", reason="1234"),
    Case("decimal comma in a count", CAS + OK_CAS.replace(",12,", ',"1,5",'), kind="cases",
         column="value", reason="whole number"),
    Case("future date", COV + OK_COV.replace("2023-05-01", "2031-05-01"), column="as_of",
         reason="in the future"),
    Case("impossible date", COV + OK_COV.replace("2023-05-01", "32/13/2023"), column="as_of",
         reason="not a date"),
    Case("missing date", COV + OK_COV.replace("2023-05-01", ""), column="as_of",
         reason="as_of is required"),
    Case("period end before start", CAS + OK_CAS.replace("2023-12-31", "2022-12-31"),
         kind="cases", column="period_end", reason="period ends before it starts"),
    Case("exact duplicate rows", COV + OK_COV + OK_COV, column="source",
         reason="duplicate of row 2"),
    Case("conflicting duplicates", CAS + OK_CAS + OK_CAS.replace(",12,", ",15,"),
         kind="cases", column="value", reason="row 2 says 12, row 3 says 15"),
    Case("a Polda that does not exist", CAS + OK_CAS.replace(",,,2023", ",,Polda Atlantis,2023"),
         kind="cases", column="jurisdiction", reason="'Polda Atlantis' is not a Polda"),
    Case("unknown metric", CAS + OK_CAS.replace("victims", "happiness"), kind="cases",
         column="metric", reason="unknown metric"),
    Case("body that is not a GT or UPTD", COV + OK_COV.replace("GT PP-TPPO", "P2TP2A"),
         column="body", reason="not GT PP-TPPO or UPTD PPA"),
    Case("status not recognised", COV + OK_COV.replace("formed", "maybe"), column="status",
         reason="status not recognised"),
    Case("HTML or script in a name", COV + OK_COV.replace("Bali", "<script>alert(1)</script>"),
         column="province", reason="unknown name"),
]


def _build(case: Case, path):
    if case.name == "merged header cells":
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["level", "province", "status info", None, "as_of", "source", "body"])
        ws.append(["province", "Bali", "formed", "", "2023", "https://e.org", "GT PP-TPPO"])
        ws.merge_cells("C1:D1")
        wb.save(path)
    elif case.name in ("XLSX with title rows above the header", "missing XLSX sheet"):
        wb = openpyxl.Workbook()
        ws = wb.active
        if case.name.startswith("XLSX"):
            ws.append(["Rekap Gugus Tugas TPPO (synthetic)"])
            ws.append([])
        for line in (COV + OK_COV).strip().splitlines():
            ws.append(line.split(","))
        wb.save(path)
    elif case.content is not None:
        if isinstance(case.content, bytes):
            path.write_bytes(case.content)
        else:
            path.write_text(case.content, encoding="utf-8")


def test_catalogue_has_at_least_30_classes():
    assert len({c.name for c in CATALOGUE}) == len(CATALOGUE) >= 30


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.name for c in CATALOGUE])
def test_bad_input(case, tmp_path, capsys):
    path = tmp_path / f"input{case.suffix}"
    _build(case, path)
    out_csv = tmp_path / "out.csv"
    rc = cli.main(["validate", str(path), "--kind", case.kind, "-o", str(out_csv), *case.args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if case.expect == "error":
        assert rc == 1
        lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
        assert len(lines) == 1 and str(path) in lines[0], err
        assert re.search(case.reason, lines[0]), lines[0]
        return
    summary = re.search(r"(\d+) rows, (\d+) usable; (?:(\d+) row\(s\) rejected|OK)", err)
    assert summary, err
    rows, usable, rejected = int(summary[1]), int(summary[2]), int(summary[3] or 0)
    assert rows == usable + rejected  # nothing lost silently
    if case.expect == "ok":
        assert rc == 0 and rejected == 0, out + err
        kept = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
        assert len(kept) == usable
        if case.reason:
            assert re.search(case.reason, err) or (kept == case.reason).any().any() \
                or kept.apply(lambda c: c.str.contains(case.reason, regex=False)).any().any()
        return
    assert rc == 1 and rejected >= 1
    line = next(ln for ln in out.splitlines() if f"column '{case.column}'" in ln)
    assert line.startswith(f"{path}, row ") and ", value " in line
    assert re.search(case.reason, line), line


def test_thousands_separator_gives_the_right_value(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(CAS + OK_CAS.replace(",12,", ",1.234,"))
    out = tmp_path / "o.csv"
    assert cli.main(["validate", str(path), "--kind", "cases", "-o", str(out)]) == 0
    assert pd.read_csv(out)["value"].tolist() == [1234]


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0",
                                     "-2+3", "@SUM(A1:A9)", "\t=1+1"])
def test_formula_injection_is_neutralised_when_written_for_people(tmp_path, payload):
    path = tmp_path / "f.csv"
    df = pd.read_csv(pd.io.common.StringIO(COV + OK_COV), dtype=str, keep_default_na=False)
    df["note"] = payload
    df.to_csv(path, index=False)
    out = tmp_path / "o.csv"
    assert cli.main(["validate", str(path), "--kind", "coverage", "-o", str(out)]) == 0
    note = pd.read_csv(out, dtype=str, keep_default_na=False)["note"].iloc[0]
    assert note.startswith("'") and note[1:] == payload
    xlsx = tmp_path / "o.xlsx"
    tables.write_xlsx(pd.DataFrame({"note": [payload]}), xlsx)
    cell = openpyxl.load_workbook(xlsx).active["A2"]
    assert cell.data_type == "s" and str(cell.value).startswith("'")


def test_html_in_a_name_is_escaped_in_report_tables_and_maps():
    from tppo_analysis.figures import maps

    df = pd.DataFrame({"area_code": ["51"], "area_name": ["<script>alert(1)</script>"],
                       "status": ["formed"], "source": ["<img src=x onerror=alert(2)>"]})
    page = notebook.table(df).to_html()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page
    hover = maps.status_map(df.assign(evidence_as_of="", decree="")).data[0].hovertext[0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_report_config_cannot_write_outside_reports(tmp_path):
    cfg = tmp_path / "r.yaml"
    cfg.write_text("reports:\n  - name: ../../x\n    notebook: coverage_by_province.ipynb\n")
    with pytest.raises(report.ReportError, match="plain file name"):
        report.load_config(cfg)


def test_notebook_parameter_with_quotes_and_newlines_is_refused():
    with pytest.raises(notebook.ParameterError, match="one-line text"):
        notebook.check_params(dataset='bp2mi"\n__import__("os").system("x")\n"')
