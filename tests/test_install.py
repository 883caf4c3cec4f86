"""The package installed from a wheel, used from an empty folder outside any project.

The wheel is built from this checkout and installed without dependencies into a fresh venv.
To keep the test fast, the venv sees the dependencies of the test environment through a
``.pth`` line (nested ``.pth`` files, such as this checkout's editable install, are not read
that way) and nbconvert's templates through a link, where pip would have put them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tppo_analysis.clean import pipeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    pipeline.ensure_built()  # the wheel ships the cleaned tables
    tmp = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                          str(tmp / "dist"), str(ROOT)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    wheel = next((tmp / "dist").glob("tppo_analysis-*.whl"))
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()"
                                "['purelib'])"], capture_output=True, text=True).stdout.strip())
    (site / "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    share = env_dir / "share" / "jupyter"
    share.mkdir(parents=True)
    (share / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    res = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                          str(wheel)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    empty = tmp / "empty"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("TPPO_PROJECT", "TPPO_ROOT")}
    env["TPPO_CACHE"] = str(tmp / "cache")
    return {"py": py, "tppo": env_dir / "bin" / "tppo", "cwd": empty, "env": env,
            "cache": tmp / "cache"}


def _run(inst, *cmd, cwd=None):
    return subprocess.run([str(c) for c in cmd], cwd=cwd or inst["cwd"], env=inst["env"],
                          capture_output=True, text=True, timeout=600)


def test_load_works_from_an_empty_folder(installed):
    code = ("import tppo_analysis as tppo, json; c = tppo.load('coverage'); "
            "b = tppo.load('boundaries', level='kabkota'); p = tppo.load('population'); "
            "print(json.dumps([tppo.__file__, len(c), sorted(set(c['level'])), len(b), len(p),"
            " len(tppo.provenance()['resources'])]))")
    res = _run(installed, installed["py"], "-c", code)
    assert res.returncode == 0, res.stderr[-2000:]
    import json

    where, n_cov, levels, n_kab, n_pop, n_sources = json.loads(res.stdout)
    assert str(installed["py"].parents[1]) in where  # the wheel, not this checkout
    assert n_cov == len(pipeline.load("coverage")) and "kabkota" in levels
    assert n_kab == 514 and n_pop == 38 + 514 and n_sources > 10
    assert not list(installed["cwd"].iterdir())  # loading wrote nothing here
    assert not installed["cache"].exists()  # the shipped tables were current: nothing built


@pytest.mark.parametrize("command", [["report"], ["clean"], ["lab"]])
def test_project_commands_outside_a_project_say_what_is_missing(installed, command):
    res = _run(installed, installed["tppo"], *command)
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "no project folder" in lines[0] and "--project" in lines[0]
    assert "Traceback" not in res.stderr


def test_a_bad_project_folder_is_one_line(installed):
    res = _run(installed, installed["tppo"], "--project", installed["cwd"], "report")
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1
    assert "not a project folder" in res.stderr


def test_init_then_report_with_project_option(installed):
    proj = installed["cwd"].parent / "my-project"
    res = _run(installed, installed["tppo"], "init", proj)
    assert res.returncode == 0, res.stderr[-2000:]
    assert (proj / "reports.yaml").exists() and (proj / "notebooks").is_dir()
    res = _run(installed, installed["tppo"], "report", "--project", proj, "--only",
               "coverage_gt_en")
    assert res.returncode == 0, res.stderr[-2000:]
    html = (proj / "reports" / "coverage_gt_en.html").read_text(encoding="utf-8")
    assert "choropleth" in html and (proj / "reports" / "index.html").exists()
