"""`tppo report`: HTML with plotly.js and the map embedded, safe names, failures contained."""

from __future__ import annotations

import re

import pytest

from tppo_analysis import report

from .conftest import run_tppo


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "reports"
    res = run_tppo("report", "--only", "coverage_gt_en", "--out", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    return out


def test_report_is_offline_and_has_the_map(built):
    page = (built / "coverage_gt_en.html").read_text()
    assert "PlotlyGeoAssets" in page and '"type":"choropleth"' in page.replace(" ", "")
    assert not re.search(r"<script[^>]+src=[\"']https?:", page)
    assert (built / "index.html").exists()
    assert len(page.encode()) < 6_000_000


def test_report_name_cannot_leave_reports(tmp_path):
    cfg = tmp_path / "r.yaml"
    cfg.write_text("reports:\n  - name: ../../x\n    notebook: coverage_by_province.ipynb\n")
    with pytest.raises(report.ReportError, match="plain file name"):
        report.load_config(cfg)


def test_failing_notebook_keeps_previous_reports(tmp_path, built):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "old.html").write_text("previous")
    cfg = tmp_path / "r.yaml"
    cfg.write_text("reports:\n  - name: bad\n    notebook: coverage_by_province.ipynb\n"
                   "    parameters: {body: Nonsense}\n")
    res = run_tppo("report", "--config", str(cfg), "--out", str(out))
    assert res.returncode == 1
    assert "coverage_by_province.ipynb" in res.stderr and "ParameterError" in res.stderr
    assert (out / "old.html").read_text() == "previous"
    assert (out / "_failed" / "bad.ipynb").exists()
