"""`tppo validate` on good and bad user files (synthetic files written by the tests)."""

from __future__ import annotations

import openpyxl

from .conftest import run_tppo

GOOD = ("level,province,kabkota,body,status,as_of,source\n"
        "province,Jawa Timur,,GT PP-TPPO,sudah,26 Agustus 2025,https://example.org/a\n"
        "kabkota,Jabar,Kab. Indramayu,GT,dalam proses,Juni 2023,https://example.org/b\n")


def test_shipped_templates_validate(root):
    for kind in ("coverage", "cases"):
        res = run_tppo("validate", str(root / f"data/templates/{kind}_template.csv"),
                       "--kind", kind)
        assert res.returncode == 0, res.stdout + res.stderr


def test_good_file_in_every_encoding_and_delimiter(tmp_path):
    variants = {"utf8.csv": GOOD.encode("utf-8"), "bom.csv": GOOD.encode("utf-8-sig"),
                "semicolon.csv": GOOD.replace(",", ";").encode("utf-8"),
                "cp1252.csv": GOOD.replace("Jawa Timur", "Jawa Timur").encode("cp1252")}
    for name, data in variants.items():
        f = tmp_path / name
        f.write_bytes(data)
        res = run_tppo("validate", str(f), "--kind", "coverage")
        assert res.returncode == 0, (name, res.stdout, res.stderr)
        assert "2 rows, 2 usable" in res.stderr


def test_xlsx_with_title_rows(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Rekap Gugus Tugas TPPO"])
    ws.append(["Dinas PPPA, 2025"])
    ws.append([])
    for line in GOOD.strip().splitlines():
        ws.append(line.split(","))
    f = tmp_path / "roster.xlsx"
    wb.save(f)
    res = run_tppo("validate", str(f), "--kind", "coverage")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "skipped 3 title row(s)" in res.stderr


def test_bad_rows_are_listed_with_file_row_column_value(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(GOOD + "province,Atlantis,,GT,sudah,2023,https://example.org/c\n"
                 "province,Bali,,GT,sudah,32/13/2023,https://example.org/d\n")
    res = run_tppo("validate", str(f), "--kind", "coverage")
    assert res.returncode == 1
    assert f"{f}, row 4, column 'province', value 'Atlantis'" in res.stdout
    assert f"{f}, row 5, column 'as_of', value '32/13/2023'" in res.stdout


def test_unusable_files_exit_1_with_one_line(tmp_path):
    cases = {"empty.csv": "", "header_only.csv": "level,province\n",
             "missing_col.csv": "level,province\nprovince,Bali\n"}
    for name, text in cases.items():
        f = tmp_path / name
        f.write_text(text)
        res = run_tppo("validate", str(f), "--kind", "coverage")
        assert res.returncode == 1, name
        assert "Traceback" not in res.stderr and res.stderr.strip(), name
