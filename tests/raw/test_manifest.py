"""Every raw file is in the manifest with source, licence, retrieval date and a matching sha256."""

from __future__ import annotations

import json
import shutil

from tppo_analysis.raw import manifest


def test_shipped_raw_data_matches_manifest():
    assert manifest.verify() == []


def test_every_resource_has_provenance_and_tabular_schema():
    pkg = manifest.load()
    for res in pkg["resources"]:
        assert res["sources"] and res["licenses"] and res["retrieved"], res["path"]
        if res["path"].endswith(".csv"):
            assert res["schema"]["fields"], res["path"]


def _copy(tmp_path, root):
    dst = tmp_path / "raw"
    shutil.copytree(root / "data/raw", dst)
    return dst


def test_changed_file_is_detected(tmp_path, root):
    raw = _copy(tmp_path, root)
    f = raw / "public_figures/taskforce_status.csv"
    f.write_text(f.read_text() + "\n")
    problems = manifest.verify(raw)
    assert any("taskforce_status.csv" in p and "sha256" in p for p in problems)


def test_unlisted_and_missing_files_are_detected(tmp_path, root):
    raw = _copy(tmp_path, root)
    (raw / "new.csv").write_text("a\n1\n")
    (raw / "population/population_by_province.csv").unlink()
    problems = manifest.verify(raw)
    assert any(p.startswith("new.csv: file in data/raw/ is not in") for p in problems)
    assert any("population_by_province.csv: listed" in p for p in problems)


def test_entry_without_licence_is_detected(tmp_path, root):
    raw = _copy(tmp_path, root)
    pkg = json.loads((raw / "datapackage.json").read_text())
    pkg["resources"][0]["licenses"] = []
    (raw / "datapackage.json").write_text(json.dumps(pkg))
    assert any("lacks ['licenses']" in p for p in manifest.verify(raw))


def test_codes_stay_text_in_schema():
    pkg = manifest.load()
    res = next(r for r in pkg["resources"] if r["path"].endswith("regencies.csv"))
    types = {f["name"]: f["type"] for f in res["schema"]["fields"]}
    assert types["code"] == "string" and types["province_code"] == "string"
