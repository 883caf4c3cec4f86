"""`tppo clean` on the shipped data: seed figures reproduced, deterministic, nothing lost."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from tppo_analysis.clean import pipeline

from ..conftest import run_tppo


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    summary = pipeline.run_clean(out)
    return out, summary


def test_seed_figures_are_reproduced(processed):
    out, _ = processed
    cov = pd.read_parquet(out / "coverage.parquet")
    nat = cov[(cov["level"] == "national") & (cov["as_of"] == "2022")]
    gt = nat[nat["body"] == "GT PP-TPPO"]
    assert {(32, 34, "province"), (245, 514, "kabkota")} <= set(
        zip(gt["count"], gt["denominator"], gt["counted"], strict=True))
    uptd = nat[nat["body"] == "UPTD PPA"]
    assert {(33, "province"), (222, "kabkota")} <= set(
        zip(uptd["count"], uptd["counted"], strict=True))
    papua = cov[(cov["level"] == "province") & cov["area_code"].isin(["91", "92"])
                & (cov["as_of"] == "2022")]
    assert set(papua["status"]) <= {"in_process", "not_formed"} and len(papua) >= 2


def test_every_raw_row_is_kept_or_rejected(processed):
    _, summary = processed
    for kind in ("coverage", "cases"):
        step = summary["steps"][kind]
        assert step["rows_in"] == step["kept"] + step["rejected"]
        assert sum(f["records"] for f in step["files"]) == step["rows_in"]


def _digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_clean_is_deterministic(processed, tmp_path):
    first, _ = processed
    pipeline.run_clean(tmp_path)
    assert _digest(first) == _digest(tmp_path)


def test_csv_and_parquet_hold_the_same_rows(processed):
    out, _ = processed
    for name in pipeline.OUTPUTS:
        csv = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        pq = pd.read_parquet(out / f"{name}.parquet")
        assert len(csv) == len(pq) and list(csv.columns) == list(pq.columns)
        if "area_code" in csv:
            assert csv["area_code"].tolist() == pq["area_code"].astype(str).tolist()


def test_population_has_every_area(processed):
    out, _ = processed
    pop = pd.read_parquet(out / "population.parquet")
    assert len(pop) == 552 and pop["population"].gt(0).all()


def test_cli_clean(tmp_path):
    res = run_tppo("clean", "--out", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert "coverage:" in res.stdout and (tmp_path / "rejects/coverage_rejects.csv").exists()


def test_clean_is_byte_identical_across_processes(tmp_path):
    """Two `tppo clean` runs in fresh interpreters with different hash seeds."""
    import os

    digests = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        res = run_tppo("clean", "--out", str(out), env={**os.environ, "PYTHONHASHSEED": seed})
        assert res.returncode == 0, res.stderr
        digests.append(_digest(out))
    assert digests[0] == digests[1]


def test_interrupted_clean_leaves_no_half_written_file(processed, tmp_path):
    """SIGTERM at several moments: every output file present is complete (byte-identical to
    a finished run, as cleaning is deterministic) and no temporary file is left."""
    import signal
    import subprocess
    import sys
    import time

    reference = _digest(processed[0])
    for delay in (0.5, 0.7, 0.8, 0.85, 0.9, 0.95):
        out = tmp_path / f"run{delay}"
        proc = subprocess.Popen([sys.executable, "-m", "tppo_analysis.cli", "clean", "--out",
                                 str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        left = _digest(out) if out.exists() else {}
        assert not [p for p in left if p.endswith(".tmp")], left
        for path, digest in left.items():
            assert digest == reference[path], f"{path} half-written after SIGTERM at {delay}s"


def test_stale_temporary_files_are_removed(tmp_path):
    (tmp_path / ".coverage.csv.abc.tmp").write_text("half")
    pipeline.run_clean(tmp_path)
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("target", ["coverage.csv", "coverage.parquet", "cases.parquet",
                                    "summary.json"])
def test_interrupt_while_writing_keeps_the_previous_file(processed, tmp_path, monkeypatch,
                                                         target):
    """Ctrl-C exactly while a file is being written: the previous version stays whole and
    the temporary file is removed."""
    import os

    from tppo_analysis.raw import spreadsheets as tables

    out = tmp_path / "processed"
    pipeline.run_clean(out)
    before = _digest(out)
    (out / target).write_bytes(b"previous version")
    real_replace = os.replace

    def interrupted(src, dst):
        if str(dst).endswith(target):
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(tables.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run_clean(out)
    assert (out / target).read_bytes() == b"previous version"
    assert not list(out.rglob("*.tmp"))
    assert set(_digest(out)) == set(before)
