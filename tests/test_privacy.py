"""Privacy: case counts from 1 to k-1 never reach a report, at province or kab/kota level,
neither as a number in a table nor in a map's data or hover text, nor through a rate.

The case figures here are synthetic (a project root in a temporary folder); coverage,
population and boundaries are the shipped ones.
"""

from __future__ import annotations

import json
import re
import shutil

import nbformat
import pandas as pd
import papermill as pm
import pytest

from tppo_analysis import config, metrics
from tppo_analysis.clean import pipeline
from tppo_analysis.report import png
from tppo_analysis.report import runner as report

AGENCY = "Synthetic Agency"


def _cases() -> pd.DataFrame:
    real = pipeline.load("cases")
    rows = [("province", "51", "Bali", "51", 3), ("province", "11", "Aceh", "11", 4),
            ("province", "32", "Jawa Barat", "32", 1234), ("province", "53",
                                                            "Nusa Tenggara Timur", "53", 0),
            ("kabkota", "51.71", "Kota Denpasar", "51", 2)]
    out = pd.DataFrame([{c: pd.NA for c in real.columns}] * len(rows))
    out["level"], out["area_code"], out["area_name"], out["province_code"], out["value"] = \
        zip(*rows, strict=True)
    out = out.assign(edition="2025", jurisdiction="Synthetic", jurisdiction_note="",
                     period_start=pd.Timestamp("2024-01-01"),
                     period_end=pd.Timestamp("2024-12-31"), metric="victims", agency=AGENCY,
                     approximate=False, source="https://example.org/synthetic", note="",
                     source_file="synthetic.csv", source_row=range(2, 2 + len(rows)))
    return out.astype(real.dtypes.to_dict())


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """A project root whose processed cases are synthetic, with small counts."""
    root = tmp_path_factory.mktemp("proj")
    processed = root / "data" / "processed"
    processed.mkdir(parents=True)
    pipeline.load("coverage")  # make sure the shipped tables are built
    for f in config.PROCESSED_DIR.glob("*"):
        if f.is_file() and not f.name.startswith("cases"):
            shutil.copy2(f, processed / f.name)
    shutil.copytree(config.PROCESSED_DIR / "rejects", processed / "rejects")
    _cases().to_parquet(processed / "cases.parquet")
    shutil.copytree(config.RAW_DIR, root / "data" / "raw")
    return root


def test_suppressed_table_hides_counts_and_their_rates():
    tab, meta = metrics.cases_beside_coverage(
        _cases(), pipeline.load("population"), pipeline.load("coverage"),
        dataset="synthetic-agency--victims", k=5)
    bali = tab.set_index("area_code").loc["51"]
    assert bali["value_label"] == "< 5" and pd.isna(bali["value"])
    assert pd.isna(bali["per_million"]) and bali["suppressed"]
    jabar = tab.set_index("area_code").loc["32"]
    assert jabar["value_label"] == "1234" and jabar["per_million"] > 0
    assert tab.set_index("area_code").loc["53", "value_label"] == "0"  # zero identifies no one


def _run(root, monkeypatch, tmp_path, name, params):
    monkeypatch.setenv("TPPO_ROOT", str(root))  # the kernel inherits it
    out = tmp_path / f"{name}.ipynb"
    pm.execute_notebook(str(config.NOTEBOOKS_DIR / f"{name}.ipynb"), str(out),
                        parameters=params, kernel_name="tppo", progress_bar=False,
                        request_save_on_cell_execute=False)
    nb = nbformat.read(out, as_version=4)
    html, _ = report._exporter().from_notebook_node(nb)
    return nb, html


def _row(html: str, name: str) -> str:
    m = re.search(rf"<tr>(?:(?!</tr>).)*>{re.escape(name)}</td>(?:(?!</tr>).)*</tr>", html,
                  re.S)
    assert m, name
    return m.group(0)


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_small_counts_never_reach_the_cases_report(root, monkeypatch, tmp_path):
    nb, html = _run(root, monkeypatch, tmp_path, "cases_vs_coverage",
                    {"dataset": "synthetic-agency--victims", "per_capita": True})
    for name, value in (("Bali", "3"), ("Aceh", "4")):
        cells = _cells(_row(html, name))
        assert "&lt; 5" in cells and value not in cells, cells
    assert "1234" in _cells(_row(html, "Jawa Barat"))
    figs = png.figures(nb)
    assert figs
    for fig in figs:
        for trace in fig["data"]:
            for loc, hover in zip(trace.get("locations", []), trace.get("hovertext", []),
                                  strict=True):
                if loc in ("51", "11"):
                    assert "&lt; 5" in hover and not re.search(r"\b[34]\b", hover), hover
            z = dict(zip(trace.get("locations", []), trace.get("z", []), strict=True))
            if trace.get("colorscale") and "51" in z:
                assert z["51"] == 0  # drawn in the grey 'no figure' trace, not with its rate
    assert "suppressed" in json.dumps([f["layout"] for f in figs])  # stated on the figure


def test_small_counts_never_reach_a_province_profile(root, monkeypatch, tmp_path):
    _, html = _run(root, monkeypatch, tmp_path, "province_profile", {"province": "51"})
    rows = [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if AGENCY in r]
    assert len(rows) == 2  # Bali (3) and Kota Denpasar (2), both below k
    for r in rows:
        cells = _cells(r)
        assert "&lt; 5" in cells and "3" not in cells and "2" not in cells, cells


def test_a_rejected_small_count_is_suppressed_in_the_quality_report(monkeypatch):
    from tppo_analysis.report import quality

    rej = pd.DataFrame({"source_file": ["x.csv"] * 3, "source_row": ["2", "3", "4"],
                        "column": ["value", "value", "province"], "value": ["3", "40", "2"],
                        "reason": ["conflicting values"] * 2 + ["unknown name"],
                        "table": ["cases"] * 3})
    monkeypatch.setattr(quality, "_rejects", lambda: rej)
    shown = quality.rejected()["value"].tolist()
    assert shown == ["< 5", "40", "2"]  # a place name "2" is not a count
