"""The roster of GT PP-TPPO and UPTD PPA (data/raw/roster/): sourced row by row, valid as it
ships, and every province accounted for: evidence, or a record of what was searched."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tppo_analysis import cli, config, metrics
from tppo_analysis import geography as regions
from tppo_analysis.clean import pipeline
from tppo_analysis.report import quality

ROSTER = config.RAW_DIR / "roster"


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return pd.read_csv(ROSTER / "coverage_roster.csv", dtype=str, keep_default_na=False)


def test_roster_validates_without_a_single_reject(capsys):
    rc = cli.main(["validate", str(ROSTER / "coverage_roster.csv"), "--kind", "coverage"])
    err = capsys.readouterr().err
    assert rc == 0 and "OK" in err, err


def test_every_fact_has_its_source_date_and_words(roster):
    assert len(roster) >= 400
    assert roster["source"].str.match(r"https?://").all()
    assert (roster["quote"].str.len() > 10).all()
    assert roster["retrieved"].isin(["2026-11-26", "2026-12-01", "2026-12-02"]).all()
    assert (roster["as_of"] != "").all()
    assert roster["body"].isin(["GT PP-TPPO", "UPTD PPA"]).all()


# a quote naming a victim, or a source page whose address tells one person's case (initials
# such as kasus-ab-; not the preposition of "kasus-di-5-tahun")
NAMED = re.compile(r"berinisial|\binisial\b|korban bernama", re.I)
ONE_CASE = re.compile(r"berinisial|inisial|dicabuli|diperkosa|pemerkosaan-|aniaya|penyiraman|"
                      r"kasus-(?!ppa|di-|ke-)[a-z]{1,3}-|cucunya|anak-kandung", re.I)


@pytest.mark.parametrize("name", ["coverage_roster.csv", "coverage_roster_unused.csv"])
def test_roster_holds_nothing_about_one_victim(name):
    df = pd.read_csv(ROSTER / name, dtype=str, keep_default_na=False)
    hits = df[df["quote"].str.contains(NAMED) | df["source"].str.contains(ONE_CASE)]
    assert hits.empty, hits[["source", "quote"]].to_string()


def test_every_fact_has_a_basis_and_formed_never_rests_on_a_plan(roster):
    from tppo_analysis.clean.coverage import BASES

    assert roster["basis"].isin(BASES).all(), roster.loc[~roster["basis"].isin(BASES), "basis"]
    assert not ((roster["basis"] == "plan") & (roster["status"] == "formed")).any()


def test_audit_is_published_with_its_error_rate():
    audit = pd.read_csv(ROSTER / "audit_2026-12-01.csv", dtype=str, keep_default_na=False)
    counts = audit["verdict"].value_counts()
    checked = len(audit) - counts.get("not found", 0)
    wrong = counts.get("over-read", 0) + counts.get("mis-copied", 0)
    readme = (ROSTER / "README.md").read_text()
    assert len(audit) == 40
    assert f"{wrong} of {checked} checked rows, {100 * wrong / checked:.1f} %" in readme
    for verdict in ("confirmed", "over-read", "not found"):
        assert re.search(rf"\| {verdict}[^|]*\| {counts.get(verdict, 0)} \|", readme), verdict


def test_unused_facts_say_why(roster):
    unused = quality.roster_unused()
    assert len(unused) > 0 and (unused["unused_reason"].str.len() > 10).all()
    assert unused["unused_reason"].str.len().gt(10).all()
    assert unused["source"].str.match(r"https?://").all()


@pytest.mark.parametrize("body", ["GT PP-TPPO", "UPTD PPA"])
def test_every_province_has_evidence_or_a_record_of_the_search(body):
    comp = metrics.completeness(pipeline.load("coverage"), quality.no_evidence_searches())
    comp = comp[comp["body"] == body].set_index("area_code")
    assert set(comp.index) == set(regions.provinces()["code"])
    searched = quality.no_evidence_searches()
    searched = set(searched.loc[searched["body"] == body, "province_code"])
    none = set(comp.index[comp["status"] == "no_evidence"])
    assert none == searched, ("provinces without evidence must be exactly those with a "
                              f"search record: missing {none - searched}, stale {searched - none}")
    assert (comp.loc[sorted(none), "searched_without_result"].str.len() > 20).all()


def test_kabkota_roster_is_stated_as_partial():
    cov = pipeline.load("coverage")
    kab = metrics.area_status(cov, "kabkota", "GT PP-TPPO")
    uptd = metrics.area_status(cov, "kabkota", "UPTD PPA")
    n = int(((kab["status"] != "no_evidence") | (uptd["status"] != "no_evidence")).sum())
    assert 100 <= n < 514
    readme = (ROSTER / "README.md").read_text()
    assert f"{n} of 514 kab/kota" in readme and "partial" in readme


def test_kalimantan_utara_reads_as_re_forming_under_perpres_49_2023():
    """Formed in 2017, described as being formed again in 2025 under the new Perpres: the
    task force is re-forming, not 'in process' (which would read as regress)."""
    st = metrics.area_status(pipeline.load("coverage"), "province", "GT PP-TPPO")
    assert st.set_index("area_name").loc["Kalimantan Utara", "status"] == "reforming"
    before = metrics.area_status(pipeline.load("coverage"), "province", "GT PP-TPPO",
                                 as_of="2023-01-01")
    assert before.set_index("area_name").loc["Kalimantan Utara", "status"] == "formed"
