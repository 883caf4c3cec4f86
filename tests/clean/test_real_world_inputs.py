"""Spreadsheets as government offices and NGOs write them, each class of which once came back
as a confident wrong value, a traceback or lost rows. Every input here is synthetic and says
so (Kab./province names are real, the facts are made up)."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tppo_analysis import cli
from tppo_analysis import geography as regions
from tppo_analysis.clean import parsers as parse

HEAD = "level,province,kabkota,body,status,count,denominator,counted,as_of,decree,source\n"
SRC = "https://example.org/synthetic"


def _validate(tmp_path, capsys, text: str, *args: str, name: str = "in.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    rc = cli.main(["validate", str(path), "--kind", "coverage", "-o", str(out), *args])
    o, e = capsys.readouterr()
    assert "Traceback" not in o + e
    kept = pd.read_csv(out, dtype=str, keep_default_na=False) if out.exists() else None
    return rc, o, e, kept


# -- status words: negation, dissolution, inactivity, pending decrees, "no data" -------------

@pytest.mark.parametrize("words,status", [
    ("dibentuk (dibubarkan 2020)", "dissolved"),
    ("sudah ada namun belum aktif", "inactive"),
    ("tidak pernah dibentuk", "not_formed"),
    ("belum dibentuk", "not_formed"),
    ("Provinsi belum memiliki UPTD PPA", "not_formed"),
    ("formed, decree pending", "formed"),
    ("terbentuk, SK dalam proses", "formed"),
    ("akan dibentuk tahun depan", "in_process"),
    ("Sudah terbentuk (Perbup 12/2019)", "formed"),
    ("vakum sejak 2021", "inactive"),
])
def test_status_phrases_read_by_rule(words, status):
    assert parse.read_status(words).status == status


@pytest.mark.parametrize("words", ["tidak ada data", "data tidak tersedia", "-", "n/a",
                                   "sudah terbentuk; belum terbentuk", "diumumkan",
                                   "tidak dibubarkan"])
def test_no_data_contradictions_and_unknown_phrases_are_rejected(words):
    r = parse.read_status(words)
    assert r.status == "unknown" and r.problem


def test_pending_decree_is_kept_as_a_note(tmp_path, capsys):
    rc, _, _, kept = _validate(tmp_path, capsys, HEAD + f"province,Bali,,GT PP-TPPO,"
                               f"\"formed, decree pending\",,,,2023,,{SRC}\n")
    assert rc == 0 and kept["status"].tolist() == ["formed"]
    assert "decree pending" in kept["note"].iloc[0]


FORMATION = ["dibentuk", "terbentuk", "formed", "established", "ada", "aktif"]
NEGATIONS = ["belum", "tidak", "tidak pernah", "not", "never", "belum pernah"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NEGATIONS), st.sampled_from(FORMATION),
       st.sampled_from(["", " (2021)", " di kabupaten", " oleh Pemda"]))
def test_a_negated_formation_word_is_never_formed(neg, word, tail):
    assert parse.read_status(f"{neg} {word}{tail}").status != "formed"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["sudah terbentuk", "dibentuk", "formed", "telah dibentuk"]),
       st.sampled_from(["dibubarkan", "tidak aktif", "belum aktif", "dissolved", "vakum"]),
       st.sampled_from([", namun ", " tetapi ", " (", "; "]))
def test_dissolution_or_inactivity_never_reads_as_plain_formed(formed, qual, sep):
    assert parse.read_status(f"{formed}{sep}{qual}").status in ("dissolved", "inactive")


# -- periods ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,start,end", [
    ("2023 (Semester I)", "2023-01-01", "2023-06-30"),
    ("Semester II 2022", "2022-07-01", "2022-12-31"),
    ("Triwulan III 2023", "2023-07-01", "2023-09-30"),
    ("TW 2 2023", "2023-04-01", "2023-06-30"),
    ("2023 s.d. Juni", "2023-01-01", "2023-06-30"),
    ("2019 s/d 2021", "2019-01-01", "2021-12-31"),
    ("Januari - Oktober 2022", "2022-01-01", "2022-10-31"),
    ("TA 2023", "2023-01-01", "2023-12-31"),
    ("Selasa (23/5/2023)", "2023-05-23", "2023-05-23"),
])
def test_periods_are_read_exactly(text, start, end):
    p = parse.parse_date(text)
    assert (str(p.start), str(p.end)) == (start, end) and not p.problem


@pytest.mark.parametrize("text", ["2023 (Q5)", "2023 sekitar Juni-an", "2021 - 2019",
                                  "2023 (revisi)", "2023 budget revision"])
def test_unreadable_periods_are_rejected_not_widened(text):
    p = parse.parse_date(text)
    assert p.start is None and p.problem


@settings(max_examples=300, deadline=None)
@given(st.integers(2009, 2025), st.sampled_from(
    ["(Semester I)", "s.d. Juni", "(Triwulan II)", "(s.d. Oktober)", "(Jan-Jun)", "(TW III)",
     "(data to March {y})", "semester 2"]))
def test_a_qualifier_after_a_year_never_widens_it_to_the_whole_year(year, qual):
    p = parse.parse_date(f"{year} {qual.format(y=year)}")
    assert p.problem or (p.end - p.start).days < 364, p


# -- codes of the wrong system ---------------------------------------------------------------

def test_undotted_code_meaning_two_places_is_ambiguous_with_both_candidates():
    r = regions.resolve(["1101"], "regency").iloc[0]
    assert r["match"] == "ambiguous" and set(r["candidates"].split("|")) == {"11.01", "11.09"}


def test_bps_codes_are_placed_correctly_with_the_code_system_stated():
    r = regions.resolve(["1101", "3171", "9471", "5301"], "regency", code_system="bps")
    assert r["code"].tolist() == ["11.09", "31.74", "91.71", "53.12"]
    assert (r["match"] == "code").all()


def test_bps_province_codes_of_the_38_province_list():
    r = regions.resolve(["92", "94", "97"], "province", code_system="bps", edition="2025")
    assert r["code"].tolist() == ["96", "91", "95"]


def test_crosswalk_covers_every_kabkota_once():
    xw = pd.read_csv(regions.REFERENCE_DIR / "bps_kemendagri_kabkota.csv", dtype=str)
    assert len(xw) == 514 and xw["bps_code"].is_unique and xw["kemendagri_code"].is_unique
    assert set(xw["kemendagri_code"]) == set(regions.kabkota()["code"])


def test_resolve_cli_places_bps_kabkota_codes(tmp_path):
    from ..conftest import run_tppo

    src = tmp_path / "bps.csv"
    src.write_text("kode_bps,nilai\n1101,3\n3171,4\n")
    res = run_tppo("resolve", str(src), "--level", "regency", "--code-col", "kode_bps",
                   "--code-system", "bps")
    assert res.returncode == 0, res.stderr
    assert "11.09" in res.stdout and "31.74" in res.stdout and "11.01" not in res.stdout


def test_kabkota_code_outside_the_rows_province_is_rejected(tmp_path, capsys):
    rc, out, _, _ = _validate(tmp_path, capsys, HEAD + f"kabkota,Jawa Barat,11.01,UPTD PPA,"
                              f"formed,,,,2023,,{SRC}\n")
    assert rc == 1 and "not in the row's province Jawa Barat" in out


def test_a_code_of_a_later_list_in_an_older_row_is_rejected(tmp_path, capsys):
    rc, out, _, _ = _validate(tmp_path, capsys, HEAD + f"kabkota,Papua Tengah,94.01,UPTD PPA,"
                              f"formed,,,,2021-05-01,,{SRC}\n")
    assert rc == 1 and "edition 2021" in out


# -- level and area --------------------------------------------------------------------------

@pytest.mark.parametrize("row,column", [
    (f"province,Jawa Barat,Kab. Bandung,GT PP-TPPO,formed,,,,2023,,{SRC}", "kabkota"),
    (f"kabkota,Indonesia,Kab. Bandung,GT PP-TPPO,formed,,,,2023,,{SRC}", "province"),
    (f"national,Indonesia,Kab. Bandung,GT PP-TPPO,count,5,,province,2023,,{SRC}", "kabkota"),
])
def test_level_and_area_that_contradict_are_rejected(tmp_path, capsys, row, column):
    rc, out, _, _ = _validate(tmp_path, capsys, HEAD + row + "\n")
    assert rc == 1 and f"column '{column}'" in out


# -- counts and denominators -----------------------------------------------------------------

@pytest.mark.parametrize("count", ["12*", "12¹", "12 a)", "<5", "< 5", "kurang dari 5",
                                   "lebih dari 10", "123456789012345678901"])
def test_marks_bounds_and_absurd_counts_are_rejected(tmp_path, capsys, count):
    rc, out, _, _ = _validate(tmp_path, capsys, HEAD + f"national,Indonesia,,GT PP-TPPO,count,"
                              f"\"{count}\",,province,2023,,{SRC}\n")
    assert rc == 1 and "column 'count'" in out


@pytest.mark.parametrize("day,expected", [("2011-06-01", 33), ("2013-01-01", 34),
                                          ("2022-09-01", 37), ("2023-06-01", 38)])
def test_all_provinces_counts_the_provinces_of_the_day(tmp_path, capsys, day, expected):
    rc, _, _, kept = _validate(tmp_path, capsys, HEAD + f"national,Indonesia,,GT PP-TPPO,"
                               f"count,all,,province,{day},,{SRC}\n")
    assert rc == 0 and kept["count"].tolist() == [str(expected)]


def test_kabkota_denominator_before_the_shipped_list_must_be_stated(tmp_path, capsys):
    rc, out, _, _ = _validate(tmp_path, capsys, HEAD + f"national,Indonesia,,GT PP-TPPO,count,"
                              f"70,,kabkota,2011,,{SRC}\n")
    assert rc == 1 and "state the denominator" in out


def test_papua_selatan_kabkota_denominator_is_its_own(tmp_path, capsys):
    rc, _, _, kept = _validate(tmp_path, capsys, HEAD + f"province,Papua Selatan,,UPTD PPA,"
                               f"count,all,,kabkota,2024,,{SRC}\n")
    assert rc == 0 and kept["count"].tolist() == ["4"]


@pytest.mark.parametrize("den", ["0", "-3"])
def test_bad_denominators_are_rows_rejected_not_the_whole_file(tmp_path, capsys, den):
    good = f"province,Bali,,GT PP-TPPO,formed,,,,2023,,{SRC}\n"
    rc, out, err, _ = _validate(tmp_path, capsys, HEAD + good + f"national,Indonesia,,"
                                f"GT PP-TPPO,count,0,{den},province,2023,,{SRC}\n")
    assert rc == 1 and "column 'denominator'" in out and "1 usable" in err


def test_percent_formatted_xlsx_cell_is_a_share_not_a_count(tmp_path, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD.strip().split(","))
    ws.append(["national", "Indonesia", "", "UPTD PPA", "count", 0.85, "", "province",
               "2023", "", SRC])
    ws["F2"].number_format = "0%"
    path = tmp_path / "pct.xlsx"
    wb.save(path)
    rc = cli.main(["validate", str(path), "--kind", "coverage"])
    out = capsys.readouterr().out
    assert rc == 1 and "share" in out and "'85%'" in out


# -- conflicts, sheets, files ----------------------------------------------------------------

def test_conflicting_statuses_from_one_source_are_both_rejected(tmp_path, capsys):
    rows = (f"province,Bali,,GT PP-TPPO,formed,,,,2023,,{SRC}\n"
            f"province,Bali,,GT PP-TPPO,belum terbentuk,,,,2023,,{SRC}\n")
    rc, out, err, _ = _validate(tmp_path, capsys, HEAD + rows)
    assert rc == 1 and out.count("conflicting statuses") == 2 and "0 usable" in err


def test_hidden_first_sheet_is_not_read(tmp_path, capsys):
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "2019 (lama)"
    old.append(HEAD.strip().split(","))
    old.append(["province", "Bali", "", "GT PP-TPPO", "not formed", "", "", "", "2019", "", SRC])
    old.sheet_state = "hidden"
    new = wb.create_sheet("2023")
    new.append(HEAD.strip().split(","))
    new.append(["province", "Bali", "", "GT PP-TPPO", "formed", "", "", "", "2023", "", SRC])
    wb.active = 1
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    out = tmp_path / "o.csv"
    assert cli.main(["validate", str(path), "--kind", "coverage", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "read sheet '2023'" in err and "2019 (lama)" in err
    assert pd.read_csv(out, dtype=str)["status"].tolist() == ["formed"]


def test_instructions_sheet_first_is_skipped_for_the_data_sheet(tmp_path, capsys):
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Isi tabel di sheet Data. Jangan ubah judul kolom."])
    data = wb.create_sheet("Data")
    data.append(HEAD.strip().split(","))
    data.append(["province", "Bali", "", "GT PP-TPPO", "formed", "", "", "", "2023", "", SRC])
    path = tmp_path / "petunjuk.xlsx"
    wb.save(path)
    assert cli.main(["validate", str(path), "--kind", "coverage"]) == 0
    assert "read sheet 'Data'" in capsys.readouterr().err


def test_formula_in_a_column_name_is_neutralised_in_output(tmp_path, capsys):
    text = HEAD.strip() + ",=HYPERLINK(\"http://x\")\n" + \
        f"province,Bali,,GT PP-TPPO,formed,,,,2023,,{SRC},x\n"
    path = tmp_path / "f.csv"
    path.write_text(text)
    rc = cli.main(["resolve", str(path), "--level", "province", "--name-col", "province"])
    out = capsys.readouterr().out
    assert rc == 0 and "'=HYPERLINK" in out.splitlines()[0]


@pytest.mark.parametrize("content,expect", [
    (b"\xff\xfe" + "level\tprovince\n".encode("utf-16-le"), "only a header"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "encrypted|OLE|xls"),
])
def test_utf16_and_encrypted_files_get_one_clear_line(tmp_path, capsys, content, expect):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    assert cli.main(["validate", str(path), "--kind", "coverage"]) == 1
    err = capsys.readouterr().err
    assert re.search(expect, err) and "Traceback" not in err and str(path) in err


def test_encrypted_xlsx_is_named_as_such(tmp_path, capsys):
    path = tmp_path / "kunci.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500)
    assert cli.main(["validate", str(path), "--kind", "coverage"]) == 1
    assert "encrypted" in capsys.readouterr().err


def test_utf16_tab_export_is_read(tmp_path, capsys):
    text = HEAD.replace(",", "\t") + "\t".join(
        ["province", "Bali", "", "GT PP-TPPO", "formed", "", "", "", "2023", "", SRC]) + "\n"
    path = tmp_path / "unicode.txt"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert cli.main(["validate", str(path), "--kind", "coverage"]) == 0


def test_unclosed_quote_names_the_line_that_opens_it(tmp_path, capsys):
    rows = (f"province,Bali,,GT PP-TPPO,formed,,,,2023,\"Perda 1/2020,{SRC}\n"
            f"province,Aceh,,GT PP-TPPO,formed,,,,2023,,{SRC}\n")
    path = tmp_path / "q.csv"
    path.write_text(HEAD + rows)
    assert cli.main(["validate", str(path), "--kind", "coverage"]) == 1
    err = capsys.readouterr().err
    assert "line 2" in err and "never closed" in err


def test_folder_output_onto_input_and_unwritable_output_are_one_line(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_text(HEAD + f"province,Bali,,GT PP-TPPO,formed,,,,2023,,{SRC}\n")
    before = path.read_bytes()
    for args in (["-o", str(path)], ["-o", str(tmp_path)], ["-o", "/proc/nope/x.csv"]):
        rc = cli.main(["validate", str(path), "--kind", "coverage", *args])
        err = capsys.readouterr().err
        errors = [ln for ln in err.splitlines() if ln.startswith("error:")]
        assert rc == 1 and "Traceback" not in err and len(errors) == 1, err
    assert path.read_bytes() == before
    assert cli.main(["validate", str(tmp_path), "--kind", "coverage"]) == 1
    assert "folder" in capsys.readouterr().err


def test_every_problem_of_a_row_is_listed(tmp_path, capsys):
    rc, out, _, _ = _validate(tmp_path, capsys, HEAD + f"province,Atlantis,,GT PP-TPPO,formed,"
                              f",,,31/02/2023,,{SRC}\n")
    assert rc == 1 and "column 'province'" in out and "column 'as_of'" in out


def test_a_sheet_formatted_far_down_gives_one_line_not_thousands(tmp_path, capsys):
    rows = f"province,Bali,,GT PP-TPPO,formed,,,,2023,,{SRC}\n" + ",,,,,,,,,,\n" * 5000
    rc, out, _, _ = _validate(tmp_path, capsys, HEAD + rows)
    assert rc == 1 and len(out.splitlines()) == 1 and "5000 rows" in out


def test_today_is_not_the_future():
    assert not parse.parse_date(dt.date.today().isoformat()).problem
