"""Parsers on real values from the raw files and the seed articles."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tppo_analysis.clean import parsers as parse


@pytest.mark.parametrize("text,value,approx,share", [
    ("1.234", 1234, False, False), ("1.234,5", 1234.5, False, False), ("1,5", 1.5, False, False),
    ("1.234.567", 1234567, False, False), ("±200", 200, True, False),
    ("sekitar 30-an", 30, True, False), ("~436", 436, True, False), ("17%", 17, False, True),
    ("17,5 persen", 17.5, False, True), ("~30 ('sekitar 30-an')", 30, True, False),
    ("190 LP", 190, False, False), ("4686190", 4686190, False, False), ("-5", -5, False, False),
    ("1 234", 1234, False, False), (245, 245, False, False),
])
def test_numbers(text, value, approx, share):
    n = parse.parse_number(text)
    assert (n.value, n.approximate, n.share, n.problem) == (value, approx, share, "")


@pytest.mark.parametrize("text", ["-", "", "n/a", "N/A", "tidak ada data", "  ", None, "—"])
def test_missing_is_not_zero(text):
    n = parse.parse_number(text)
    assert n.missing and n.value is None


@pytest.mark.parametrize("text,why", [("tiga", "not a number"), ("12-15", "range"),
                                      ("1,234,567", "thousands"), ("all", "not a number")])
def test_unreadable_numbers_say_why(text, why):
    n = parse.parse_number(text)
    assert n.value is None and why in n.problem


@pytest.mark.parametrize("text,iso,precision,qualifier", [
    ("20 Desember 2022", "2022-12-20", "day", ""), ("Selasa (23/5/2023)", "2023-05-23", "day", ""),
    ("23/05/2023", "2023-05-23", "day", ""), ("2023-06-05", "2023-06-05", "day", ""),
    ("Juni 2023", "2023-06", "month", ""), ("2011 (early)", "2011", "year", "early"),
    ("(undated)", "", "unknown", ""), ("Agu 2023", "2023-08", "month", ""),
    ("Agt 2023", "2023-08", "month", ""), ("Ags 2023", "2023-08", "month", ""),
    ("Okt 2021", "2021-10", "month", ""), ("Des 2022", "2022-12", "month", ""),
    ("Mei 2023", "2023-05", "month", ""), ("2022", "2022", "year", ""),
    ("after 2019-03-22", "2019-03-22", "day", "after"),
    ("2025-10 (Oct 2025)", "2025-10", "month", ""),
    ("2020-02-20 (year inferred, UNCERTAIN)", "2020-02-20", "day", "uncertain"),
    ("(undated, after Perpres 19/2023)", "", "unknown", "after"),
    ("2023 budget year", "2023", "year", ""), ("June 5, 2023", "2023-06-05", "day", ""),
    ("Rabu, 12 Juli 2023", "2023-07-12", "day", ""), ("5 Jun 2023", "2023-06-05", "day", ""),
])
def test_dates_keep_precision(text, iso, precision, qualifier):
    p = parse.parse_date(text)
    assert (p.iso, p.precision, p.qualifier, p.problem) == (iso, precision, qualifier, "")


def test_year_is_a_period_not_new_year():
    p = parse.parse_date("2022")
    assert p.start == date(2022, 1, 1) and p.end == date(2022, 12, 31)
    m = parse.parse_date("Februari 2024")
    assert m.end == date(2024, 2, 29)


@pytest.mark.parametrize("text", [
    "Q3 2020", "Triwulan IV 2021", "Semester I 2023", "Semester II 2023", "2019 s.d. 2021",
    "Januari - Oktober 2022", "1 Maret s.d. 31 Mei 2023", "15 Maret s.d. 20 Mei 2023",
    "Mei 2023", "2023", "20 Desember 2022"])
def test_a_date_written_as_iso_reads_back_as_the_same_period(text):
    """A cleaned table writes dates as ``Period.iso`` (2020-Q3, 2023-S1, 2019/2021); cleaning
    that table again must read them as the same period, not reject them."""
    first = parse.parse_date(text)
    again = parse.parse_date(first.iso)
    assert first.precision != "unknown"
    assert (again.start, again.end, again.precision) == (first.start, first.end,
                                                         first.precision)


@pytest.mark.parametrize("text", ["32/13/2023", "kemarin", "2023-02-30"])
def test_bad_dates_say_why(text):
    assert "not a date" in parse.parse_date(text).problem


def test_future_dates_are_a_problem_in_columns():
    out = parse.date_column(pd.Series(["2099-01-01", "2022"]), today=date(2026, 11, 24))
    assert "future" in out.loc[0, "problem"] and out.loc[1, "problem"] == ""


@pytest.mark.parametrize("text,status", [
    ("sudah", "formed"), ("belum", "not_formed"), ("terbentuk", "formed"),
    ("belum terbentuk", "not_formed"), ("dalam proses", "in_process"),
    ("dalam proses pembentukan", "in_process"), ("formed", "formed"),
    ("not yet formed", "not_formed"), ("in process", "in_process"), ("launched", "formed"),
    ("renewed", "formed"), ("formed (regulation)", "formed"),
    ("in process (draft SK Gubernur)", "in_process"), ("no UPTD PPA at all", "not_formed"),
    ("formed (SK since 2020); restructuring planned", "unknown"),  # two readings: a problem
    ("provided for in regional law", "unknown"), ("announced", "unknown"), (None, "unknown"),
])
def test_status_words(text, status):
    assert parse.parse_status(text) == status


def test_number_column_keeps_index_and_order():
    s = pd.Series(["1.234", None, "1.234", "x"], index=[10, 11, 12, 13])
    out = parse.number_column(s)
    assert list(out.index) == [10, 11, 12, 13]
    assert out["value"].tolist()[0] == 1234 and out["missing"].tolist() == [False, True, False,
                                                                            False]
    assert out.loc[13, "problem"] != ""
