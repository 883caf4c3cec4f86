"""A project with its own sources (sources.yaml): a local CSV and a URL served on loopback
go through the same cleaning as the shipped data and onto the maps; a change shows on the
index and in changes.csv; a broken source stops the run and leaves the previous reports.

The rows below are SYNTHETIC test fixtures (example.org sources), not facts."""

from __future__ import annotations

import functools
import http.server
import os
import threading

import pandas as pd
import pytest

from tppo_analysis.raw import user_sources

from ..conftest import run_tppo

HEADER = ("level,province,kabkota,body,status,as_of,decree,source,publisher,quote,retrieved,"
          "note,basis\n")
LOCAL = [  # Bondowoso has no shipped GT evidence; Nowhere is not a place
    "kabkota,Jawa Timur,Kabupaten Bondowoso,GT PP-TPPO,formed,2026-03-01,SK Bupati 1/2026,"
    "https://example.org/synthetic-1,Test,synthetic,2026-12-02,SYNTHETIC fixture,decree",
    "kabkota,Jawa Timur,Kabupaten Nowhere,GT PP-TPPO,formed,2026-03-01,,"
    "https://example.org/synthetic-2,Test,synthetic,2026-12-02,SYNTHETIC fixture,activity",
]
REMOTE = ("kabkota,Maluku,Kabupaten Buru,GT PP-TPPO,in process,2026-04-01,,"
          "https://example.org/synthetic-3,Test,synthetic,2026-12-02,SYNTHETIC fixture,plan")
REPORTS = """reports:
  - name: coverage_gt_en
    notebook: coverage_by_province.ipynb
    parameters: {body: GT PP-TPPO, lang: en}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A loopback HTTP server for the project's URL source."""
    served = tmp_path_factory.mktemp("served")
    (served / "buru.csv").write_text(HEADER + REMOTE + "\n", encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _project(tmp_path, url: str):
    proj = tmp_path / "proj"
    (proj / "mine").mkdir(parents=True)
    (proj / "reports.yaml").write_text(REPORTS, encoding="utf-8")
    (proj / "mine" / "jatim.csv").write_text(HEADER + "\n".join(LOCAL) + "\n", encoding="utf-8")
    (proj / "sources.yaml").write_text(
        "sources:\n"
        "  - {name: jatim, kind: coverage, path: mine/*.csv, note: synthetic test}\n"
        f"  - {{name: buru, kind: coverage, url: '{url}/buru.csv', timeout: 5}}\n",
        encoding="utf-8")
    return proj


def _env():
    return {k: v for k, v in os.environ.items() if k not in ("TPPO_PROJECT", "TPPO_ROOT")}


def _clean_and_report(proj):
    clean = run_tppo("--project", str(proj), "clean", env=_env())
    if clean.returncode:
        return clean
    return run_tppo("--project", str(proj), "report", env=_env())


def test_user_sources_reach_the_maps_and_changes_show_on_the_next_run(tmp_path, server):
    proj = _project(tmp_path, server)
    res = _clean_and_report(proj)
    assert res.returncode == 0, res.stderr[-2000:]
    processed = proj / "data" / "processed"
    cov = pd.read_parquet(processed / "coverage.parquet")
    mine = cov[cov["origin"] == "mine"]
    assert set(mine["area_name"]) == {"Kabupaten Bondowoso", "Kabupaten Buru"}
    assert (cov["origin"] == "shipped").sum() > 500  # merged with the shipped facts
    rejects = pd.read_csv(processed / "rejects" / "coverage_rejects.csv", dtype=str)
    assert ((rejects["source_file"] == "mine/jatim/jatim.csv")
            & rejects["value"].str.contains("Nowhere")).any()  # a reject, not a stop
    prov = pd.read_csv(processed / "user_sources.csv", dtype=str, keep_default_na=False)
    assert set(prov["name"]) == {"jatim", "buru"}
    assert prov.set_index("name").loc["buru", "location"].startswith("http://127.0.0.1")
    assert (prov["sha256"].str.len() == 64).all() and (prov["bytes"].astype(int) > 0).all()
    html = (proj / "reports" / "coverage_gt_en.html").read_text(encoding="utf-8")
    assert "Kabupaten Bondowoso" in html and "synthetic-1" in html  # on the kab/kota map
    index = (proj / "reports" / "index.html").read_text(encoding="utf-8")
    assert "nothing to compare" in index

    # this week's version: Bondowoso's task force is now only in process, a new fact added
    lines = [LOCAL[0].replace(",formed,2026-03-01,", ",in process,2026-05-01,"), LOCAL[1],
             LOCAL[0].replace("Bondowoso", "Situbondo")]
    (proj / "mine" / "jatim.csv").write_text(HEADER + "\n".join(lines) + "\n", "utf-8")
    res = _clean_and_report(proj)
    assert res.returncode == 0, res.stderr[-2000:]
    index = (proj / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Changes since" in index
    assert "Kabupaten Bondowoso GT PP-TPPO: Formed → In process" in index
    assert "Kabupaten Situbondo GT PP-TPPO: No evidence found → Formed" in index
    changes = pd.read_csv(proj / "reports" / "changes.csv", dtype=str, keep_default_na=False)
    status = changes[changes["change"] == "status"].set_index("area_name")
    assert status.loc["Kabupaten Bondowoso", ["before", "after"]].tolist() == [
        "formed", "in_process"]
    assert (changes["change"] == "new fact").sum() == 2
    assert (changes["change"] == "fact no longer present").sum() == 1

    # a source that cannot be read stops the run and names it; the reports stay
    before = (proj / "reports" / "index.html").read_bytes()
    (proj / "mine" / "jatim.csv").unlink()
    res = _clean_and_report(proj)
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1
    assert "'jatim'" in res.stderr and "mine/*.csv" in res.stderr
    assert (proj / "reports" / "index.html").read_bytes() == before


def test_reports_can_show_shipped_or_mine_only(tmp_path, server):
    proj = _project(tmp_path, server)
    assert run_tppo("--project", str(proj), "clean", env=_env()).returncode == 0
    res = run_tppo("--project", str(proj), "report", "--sources", "mine", env=_env())
    assert res.returncode == 0, res.stderr[-2000:]
    html = (proj / "reports" / "coverage_gt_en.html").read_text(encoding="utf-8")
    assert "synthetic-1" in html and "antaranews" not in html.lower()


def test_a_url_that_does_not_answer_fails_in_one_line_or_falls_back(tmp_path, server):
    proj = _project(tmp_path, server)
    assert run_tppo("--project", str(proj), "clean", env=_env()).returncode == 0
    dead = "http://127.0.0.1:9/nothing.csv"  # the discard port: nothing listens
    cfg = (proj / "sources.yaml").read_text().replace(f"{server}/buru.csv", dead)
    (proj / "sources.yaml").write_text(cfg)
    res = run_tppo("--project", str(proj), "clean", env=_env())
    assert res.returncode == 1 and "'buru'" in res.stderr and dead in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    (proj / "sources.yaml").write_text(cfg.replace("timeout: 5}", "timeout: 5, "
                                                   "on_failure: last_good}"))
    res = run_tppo("--project", str(proj), "clean", env=_env())
    assert res.returncode == 0, res.stderr[-2000:]
    prov = pd.read_csv(proj / "data" / "processed" / "user_sources.csv", dtype=str,
                       keep_default_na=False).set_index("name")
    assert "last good copy" in prov.loc["buru", "fallback"]
    cov = pd.read_parquet(proj / "data" / "processed" / "coverage.parquet")
    assert "Kabupaten Buru" in set(cov.loc[cov["origin"] == "mine", "area_name"])


@pytest.mark.parametrize("text, words", [
    ("sources: [{name: a, kind: maps, path: x.csv}]", "'kind' must be one of"),
    ("sources: [{name: a, kind: coverage}]", "exactly one of 'path' and 'url'"),
    ("sources: [{name: a, kind: coverage, path: x.csv, colour: red}]", "unknown key"),
    ("sources: [{name: a, kind: coverage, url: ftp://x/y.csv}]", "http:// or https://"),
    ("sources: {name: a}", "a list under 'sources:'"),
])
def test_bad_sources_yaml_is_one_line(tmp_path, text, words):
    (tmp_path / "sources.yaml").write_text(text)
    with pytest.raises(user_sources.SourceError, match=words.replace("(", r"\(")):
        user_sources.load_sources(tmp_path)


def test_a_project_without_notebooks_reports_on_its_own_data(tmp_path, server):
    """The kernels run in the package's notebooks folder then; they must still read the
    project's tables (found from the working folder, no --project, no TPPO_PROJECT)."""
    proj = _project(tmp_path, server)
    (proj / "reports.yaml").write_text(REPORTS.replace(
        "coverage_gt_en\n    notebook: coverage_by_province.ipynb\n    parameters: {body: "
        "GT PP-TPPO, lang: en}", "mine\n    notebook: my_data.ipynb"), encoding="utf-8")
    assert run_tppo("clean", cwd=proj, env=_env()).returncode == 0
    res = run_tppo("report", cwd=proj, env=_env())
    assert res.returncode == 0, res.stderr[-2000:]
    html = (proj / "reports" / "mine.html").read_text(encoding="utf-8")
    assert "sources.yaml: 2 usable rows, 1 problems" in html
