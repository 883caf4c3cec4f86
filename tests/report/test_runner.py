"""`tppo report`: HTML with plotly.js and the map embedded, safe names, parallel runs,
failures contained (exception, timeout, dead kernel), optional PNG."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from tppo_analysis import config
from tppo_analysis.report import png
from tppo_analysis.report import runner as report

from ..conftest import BUILT, run_tppo

# three reports of the shared set, and a profile for every province
SUBSET = BUILT.split("  - name: profile_53")[0] + """  - name: profile_{code}
    notebook: province_profile.ipynb
    for_each: province
"""


EXTERNAL = re.compile(r"<(script|img|iframe|link|source|video|audio)\b[^>]*\s(src|href)="
                      r"[\"']?(https?:)?//", re.I)


@pytest.mark.parametrize("name", ["coverage_gt_en", "cases_police", "profile_53"])
def test_report_shares_plotly_and_embeds_its_figures_and_fetches_nothing(built, name):
    page = (built / f"{name}.html").read_text()
    assert "window.Plotly = Plotly" not in page  # plotly.js is shared, not embedded
    assert page.count("<script src='assets/plotly.min.js'></script>") == 1
    assert "<script src='assets/world_110m.js'></script>" in page
    assert '"type":"choropleth"' in page.replace(" ", "")
    assert re.search(r"<link rel='stylesheet' href='assets/report-[0-9a-f]{12}\.css'>", page)
    assert not EXTERNAL.search(page), EXTERNAL.search(page).group(0)
    assert len(page.encode()) < 2_000_000


def test_shared_assets_hold_plotly_and_the_base_map(built):
    assets = built / "assets"
    assert "window.Plotly = Plotly" in (assets / "plotly.min.js").read_text()
    assert "PlotlyGeoAssets" in (assets / "world_110m.js").read_text()
    assert len(list(assets.glob("report-*.css"))) == 1


def test_report_set_is_small_and_index_links_every_report(built):
    index = (built / "index.html").read_text()
    # the default set: these reports, 38 profiles as large as the largest here, the assets
    size = {p.name: p.stat().st_size for p in built.rglob("*") if p.is_file()}
    profiles = [v for k, v in size.items() if k.startswith("profile_")]
    full_set = sum(size.values()) - sum(profiles) + 38 * max(profiles) + 3 * max(size.values())
    assert full_set < 20_000_000, size
    for page in built.glob("*.html"):
        assert page.stat().st_size < 2_000_000, page.name
    assert "profile_31.html" in index and "Data version" in index
    assert "Versi data" in (built / "index.id.html").read_text()
    assert "{&#34;" not in index and '{"' not in index.split("<script")[0]  # no JSON shown


def test_self_contained_report_embeds_everything(tmp_path):
    cfg = tmp_path / "r.yaml"
    cfg.write_text(BUILT.split("  - name: cases_police")[0])
    out = tmp_path / "reports"
    res = run_tppo("report", "--config", str(cfg), "--out", str(out), "--self-contained")
    assert res.returncode == 0, res.stderr[-2000:]
    page = (out / "coverage_gt_en.html").read_text()
    assert page.count("window.Plotly = Plotly") == 1 and "PlotlyGeoAssets" in page
    assert "assets/" not in page and not (out / "assets").exists()


def test_profile_shows_kabkota_evidence_count(built):
    page = (built / "profile_53.html").read_text()
    assert re.search(r"\d+ of 22 kab(/|\\u002f)kota with evidence", page)
    assert "Nusa Tenggara Timur" in page


def test_quality_report_accounts_for_every_row(built):
    page = (built / "quality.html").read_text()
    summary = json.loads((config.PROCESSED_DIR / "summary.json").read_text())
    for step in ("coverage", "cases"):
        s = summary["steps"][step]
        assert s["rows_in"] == s["kept"] + s["rejected"]
        assert f"{s['rows_in']} rows in, {s['kept']} kept, {s['rejected']} rejected" in page
    assert "Searched without result" in page and "coverage_roster.csv" in page
    assert "Papua Pegunungan" in page  # a province searched without result


def test_for_each_province_expands_to_38_text_codes(tmp_path):
    cfg = tmp_path / "r.yaml"
    cfg.write_text(SUBSET)
    jobs = report.load_config(cfg)
    prof = [j for j in jobs if j.notebook == "province_profile.ipynb"]
    assert len(prof) == 38 and prof[0].parameters["province"] == "11"
    assert all(isinstance(j.parameters["province"], str) for j in prof)
    assert prof[-1].name == "profile_96" and prof[0].group == "provinces"


def test_default_config_runs_every_notebook():
    jobs = report.load_config()
    assert {j.notebook for j in jobs} == {p.name for p in config.NOTEBOOKS_DIR.glob("*.ipynb")}


@pytest.mark.parametrize("bad", ["../../x", "a/b", "..", "/etc/x", "x y"])
def test_report_name_cannot_leave_reports(tmp_path, bad):
    cfg = tmp_path / "r.yaml"
    cfg.write_text(f"reports:\n  - name: '{bad}'\n    notebook: coverage_by_province.ipynb\n")
    with pytest.raises(report.ReportError, match="plain file name"):
        report.load_config(cfg)


def test_notebook_outside_the_notebooks_folder_is_refused(tmp_path):
    cfg = tmp_path / "r.yaml"
    cfg.write_text("reports:\n  - name: x\n    notebook: ../tests/evil.ipynb\n")
    with pytest.raises(report.ReportError, match="no notebook"):
        report.load_config(cfg)


# -- failures: a notebook that raises, times out, or kills its kernel ----------------------

def _notebook(path, *sources):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "tppo", "language":
                                                           "python", "display_name": "tppo"}})
    cells = [nbformat.v4.new_code_cell("x = 1")]
    cells[0].metadata["tags"] = ["parameters"]
    nb.cells = cells + [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)


@pytest.fixture()
def site(tmp_path):
    """A notebooks folder with synthetic notebooks, and a reports folder holding an old
    report that must survive any failure."""
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs / "ok.ipynb", "print('fine', x)")
    _notebook(nbs / "raises.ipynb", "print(1)", "raise ValueError('synthetic failure')")
    _notebook(nbs / "slow.ipynb", "import time\ntime.sleep(30)")
    _notebook(nbs / "dies.ipynb", "import os\nos._exit(1)")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "old.html").write_text("previous")
    return nbs, out


def _config(tmp_path, *names):
    cfg = tmp_path / "r.yaml"
    cfg.write_text("reports:\n" + "".join(
        f"  - name: {n}\n    notebook: {n}.ipynb\n    parameters: {{x: 2}}\n" for n in names))
    return cfg


@pytest.mark.parametrize("name,expect", [
    ("raises", r"cell \[4\] `raise ValueError.*ValueError: synthetic failure"),
    ("slow", r"cell .*time.sleep\(30\).*timed out after 3 s"),
    ("dies", r"DeadKernelError|died"),
])
def test_failure_names_notebook_and_cell_and_keeps_old_reports(site, tmp_path, name, expect):
    nbs, out = site
    cfg = _config(tmp_path, "ok", name)
    with pytest.raises(report.ReportError) as err:
        report.run_reports(cfg, out, timeout=3, jobs=2, notebooks_dir=nbs)
    msg = str(err.value)
    assert f"notebook {name}.ipynb" in msg and "'x': 2" in msg
    assert re.search(expect, msg, re.I | re.S), msg
    assert (out / "old.html").read_text() == "previous"
    assert not (out / "ok.html").exists()  # nothing swapped in
    assert (out / "_failed" / f"{name}.ipynb").exists()
    assert not list(tmp_path.glob(".reports-build-*"))  # no temporary folder left


def test_all_failures_are_reported_together(site, tmp_path):
    nbs, out = site
    with pytest.raises(report.ReportError) as err:
        report.run_reports(_config(tmp_path, "raises", "dies"), out, timeout=5, jobs=2,
                           notebooks_dir=nbs)
    assert "raises.ipynb" in str(err.value) and "dies.ipynb" in str(err.value)


def test_success_swaps_in_new_reports(site, tmp_path):
    nbs, out = site
    written = report.run_reports(_config(tmp_path, "ok"), out, timeout=30, jobs=1,
                                 notebooks_dir=nbs)
    assert [p.name for p in written] == ["ok.html"]
    assert not (out / "old.html").exists() and (out / "index.html").exists()


def test_cli_failure_exits_1_with_one_clear_line(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "old.html").write_text("previous")
    cfg = tmp_path / "r.yaml"
    cfg.write_text("reports:\n  - name: bad\n    notebook: coverage_by_province.ipynb\n"
                   "    parameters: {body: Nonsense}\n")
    res = run_tppo("report", "--config", str(cfg), "--out", str(out))
    assert res.returncode == 1
    assert "coverage_by_province.ipynb" in res.stderr and "ParameterError" in res.stderr
    assert "Traceback" not in res.stderr
    assert (out / "old.html").read_text() == "previous"
    assert (out / "_failed" / "bad.ipynb").exists()


# -- PNG ---------------------------------------------------------------------------------

def test_png_without_chromium_is_one_line_and_html_still_written(monkeypatch, built):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.plotly.v1+json": {"data": [], "layout": {}}})]
    nb.cells = [cell]
    monkeypatch.setattr(png, "find_chromium", lambda: None)
    note = png.export_png(nb, built, "x")
    assert note.startswith("PNG skipped: no Chromium") and "\n" not in note
    assert not list(built.glob("x_fig*.png"))


@pytest.mark.skipif(png.find_chromium() is None, reason="needs Chromium (CI installs it)")
def test_png_that_cannot_be_written_is_named_not_ignored(tmp_path):
    writer = png.PngWriter(tmp_path / "missing-folder")  # kaleido cannot write there
    writer.add("x", [{"data": [{"type": "scatter", "x": [1], "y": [1]}], "layout": {}}])
    note = writer.close()
    assert note.startswith("PNG: 1 figure(s) not drawn") and "\n" not in note, note


@pytest.mark.skipif(png.find_chromium() is None, reason="needs Chromium (CI installs it)")
def test_png_with_chromium(tmp_path):
    out = tmp_path / "reports"
    res = run_tppo("report", "--only", "coverage_gt_en", "--out", str(out), "--png")
    assert res.returncode == 0, res.stderr[-2000:]
    pngs = sorted(out.glob("coverage_gt_en_fig*.png"))
    assert len(pngs) == 4 and all(  # province map, kab/kota map, timeline, national series
        p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
    assert "coverage_gt_en_fig1.png" in (out / "index.html").read_text()
