"""Metrics and maps: no evidence is not 'not formed', no area dropped, nothing fetched.

The coverage rows built here are synthetic fixtures."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from tppo_analysis import metrics
from tppo_analysis.figures import maps, offline


def _cov(rows):
    df = pd.DataFrame(rows)
    df["as_of_end"] = pd.to_datetime(df["as_of_end"])
    for col in ("decree", "source", "note", "as_of", "counted"):
        df[col] = df.get(col, "")
    df["count"] = pd.array([None] * len(df), dtype="Int64")
    df["denominator"] = pd.array([None] * len(df), dtype="Int64")
    return df


def test_status_as_of_a_date_and_no_evidence():
    cov = _cov([
        {"level": "province", "area_code": "91", "body": "GT PP-TPPO", "status": "not_formed",
         "as_of_end": "2022-12-31", "as_of": "2022"},
        {"level": "province", "area_code": "91", "body": "GT PP-TPPO", "status": "formed",
         "as_of_end": "2024-05-01", "as_of": "2024-05-01"},
    ])
    before = metrics.area_status(cov, "province", "GT PP-TPPO", "2023-06-30").set_index(
        "area_code")
    after = metrics.area_status(cov, "province", "GT PP-TPPO", "2025-01-01").set_index(
        "area_code")
    assert before.loc["91", "status"] == "not_formed" and after.loc["91", "status"] == "formed"
    assert len(after) == 38 and (after.drop(index="91")["status"] == "no_evidence").all()
    assert metrics.area_status(cov, "province", "GT PP-TPPO", "2020-01-01").loc[
        lambda d: d["area_code"] == "91", "status"].item() == "no_evidence"


def test_map_refuses_codes_without_a_feature():
    status = pd.DataFrame({"area_code": ["32", "99"], "area_name": ["Jawa Barat", "X"],
                           "status": ["formed", "formed"]})
    with pytest.raises(maps.MapError, match=r"\['99'\]"):
        maps.status_map(status)


def test_status_map_has_every_class_in_legend_and_escapes_names():
    status = metrics.area_status(_cov([{"level": "province", "area_code": "32",
                                        "body": "GT PP-TPPO", "status": "formed",
                                        "as_of_end": "2024-01-01"}]), "province", "GT PP-TPPO")
    status.loc[0, "area_name"] = "<script>alert(1)</script>"
    fig = maps.status_map(status, lang="id")
    names = [t.name for t in fig.data if t.type == "scattergeo"]
    assert any("Tidak ditemukan bukti" in n for n in names) and len(names) == 4
    html = offline.figure_html(fig)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_standalone_html_fetches_nothing():
    status = metrics.area_status(_cov([{"level": "province", "area_code": "32",
                                        "body": "GT PP-TPPO", "status": "formed",
                                        "as_of_end": "2024-01-01"}]), "province", "GT PP-TPPO")
    html = offline.figure_html(maps.status_map(status))
    assert "PlotlyGeoAssets" in html and "world_110m" in html
    assert not re.search(r"<script[^>]+src=[\"']https?:", html)
    assert not re.search(r"<link[^>]+href=[\"']https?:", html)


def test_suppression_hides_small_counts():
    shown, labels = metrics.suppress(pd.Series([0, 1, 4, 5, 30], dtype="Int64"), k=5)
    assert labels.tolist() == ["0", "< 5", "< 5", "5", "30"]
    assert shown.isna().tolist() == [False, True, True, False, False]


def test_other_plotly_version_embeds_its_own_full_plotlyjs(monkeypatch):
    import plotly.offline

    offline.geo_bundle.cache_clear()
    monkeypatch.setattr(plotly.offline, "get_plotlyjs_version", lambda: "9.9.9")
    try:
        with pytest.warns(UserWarning, match="differs from the vendored geo bundle"):
            js = offline.geo_bundle()
        assert len(js) > 3_000_000  # the full bundle, which draws every trace type
    finally:
        offline.geo_bundle.cache_clear()


def test_figure_with_a_trace_the_geo_bundle_lacks_brings_full_plotlyjs():
    import plotly.graph_objects as go

    div = offline.fig_div(go.Figure(go.Bar(x=[1], y=[2])))
    assert len(div) > 3_000_000
    assert len(offline.fig_div(go.Figure(go.Scatter(x=[1], y=[2])))) < 100_000


def test_timeline_has_a_frame_a_year_and_sends_boundaries_once():
    from tppo_analysis import metrics
    from tppo_analysis.clean import pipeline

    by = metrics.status_by_year(pipeline.load("coverage"), "province", "GT PP-TPPO",
                                today="2026-06-30")
    assert sorted(by["year"].unique()) == list(range(2008, 2027))
    assert (by.groupby("year").size() == 38).all()
    kaltara = by[by["area_name"] == "Kalimantan Utara"].set_index("year")["status"]
    assert kaltara.loc[2016] == "no_evidence" and kaltara.loc[2018] == "formed"
    assert kaltara.loc[2026] == "reforming"  # re-forming under Perpres 49/2023, not regress
    fig = maps.timeline_map(by, title="t")
    assert [f.name for f in fig.frames] == [str(y) for y in range(2008, 2027)]
    assert fig.layout.sliders[0].active == 2026 - 2008  # opens on the latest year
    assert all(f.data[0].geojson is None for f in fig.frames)  # boundaries sent once
    first = fig.frames[0].data[0].z
    assert max(first) > min(fig.data[0].z)  # 2008 is greyer than today
