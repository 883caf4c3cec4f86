"""National trends: agencies never added, period kinds kept, the seed claim recomputed from
the shipped figures, and every disagreement between sources listed (synthetic fixture rows
say so)."""

from __future__ import annotations

import pandas as pd

from tppo_analysis import trends
from tppo_analysis.clean import pipeline

D = pd.Timestamp


def _row(agency, metric, start, end, value, source, note=""):
    return {"level": "national", "agency": agency, "metric": metric, "period_start": D(start),
            "period_end": D(end), "value": value, "source": source, "note": note}


FIXTURE = pd.DataFrame([  # synthetic
    _row("Polri (Kapolri Rilis Akhir Tahun)", "victims", "2023-01-01", "2023-12-31", 3104,
         "https://a.example/1"),
    _row("Kemenko PMK (Bareskrim data)", "victims", "2023-01-01", "2023-12-31", 3366,
         "https://b.example/2"),
    _row("KemenPPPA SIMFONI-PPA", "victims", "2023-01-01", "2023-12-31", 458,
         "https://c.example/3"),
    _row("Polri Satgas TPPO cumulative since 5 Jun 2023", "victims", "2023-06-05",
         "2023-08-23", 2536, "https://d.example/4", "period: running_total"),
    _row("Polri Satgas TPPO cumulative since 5 Jun 2023", "victims", "2023-06-05",
         "2023-08-30", 2532, "https://e.example/5", "period: running_total"),
    _row("KemenPPPA SIMFONI-PPA", "cases", "2022-01-01", "2022-10-31", 348,
         "https://f.example/6"),
])


def test_disagreements_list_every_conflicting_pair_from_a_fixture():
    d = trends.disagreements(trends.national_series(FIXTURE))
    assert len(d) == 2
    same = d[d["kind"] == "different values for one period"].iloc[0]
    assert same["family"] == "Polri" and same["gap"] == 262 and "3,104" in same["values"]
    assert "a.example" in same["sources"] and "b.example" in same["sources"]
    down = d[d["kind"] == "running total goes down"].iloc[0]
    assert down["gap"] == 4 and "2,536 then 2,532" == down["values"]


def test_agencies_are_never_added_and_period_kinds_are_kept():
    s = trends.national_series(FIXTURE)
    assert set(s["family"]) == {"Polri", "KemenPPPA SIMFONI-PPA", "Polri Satgas TPPO"}
    kinds = dict(zip(s["value"], s["period_type"], strict=True))
    assert kinds[348] == "partial_year" and kinds[2536] == "running_total"
    assert kinds[458] == "calendar_year"
    # SIMFONI's 458 is not in the Polri disagreement, whatever the year
    assert "458" not in " ".join(trends.disagreements(s)["values"])


def test_the_parameter_chooses_agency_and_metric():
    s = trends.national_series(FIXTURE)
    assert trends.disagreements(s, "KemenPPPA SIMFONI-PPA").empty
    assert len(trends.disagreements(s, "Polri", "victims")) == 1


def test_seed_claim_is_reproduced_from_the_shipped_data_with_its_source():
    s = trends.national_series(pipeline.load("cases"))
    claim = trends.seed_claim(s).set_index("metric")
    assert claim.loc["victims", "ratio"] == 3.02  # 226 (2019) -> 683 (2021)
    assert claim.loc["cases", "ratio"] == 3.27  # 191 -> 624
    assert "antaranews.com" in claim.loc["victims", "source"]


def test_shipped_disagreements_include_the_known_ones():
    d = trends.disagreements(trends.national_series(pipeline.load("cases")))
    text = " ".join(d["values"])
    assert "3,104" in text and "3,366" in text  # Polri 2023 victims
    assert "1,528" in text and "1,582" in text  # Satgas, 5-19 June 2023
    assert "2,536 then 2,532" in text  # a running total that went down
