"""The project's set-up files: dependencies cannot drift, the Makefile does what the README says."""

from __future__ import annotations

import re
import tomllib

import yaml

# conda-forge names that differ from the PyPI names in pyproject.toml
CONDA_TO_PYPI = {"python-kaleido": "kaleido"}


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()


def test_environment_yml_names_the_same_packages_as_pyproject(root):
    py = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    wanted = {_name(s) for s in py["dependencies"] + py["optional-dependencies"]["dev"]}
    env = yaml.safe_load((root / "environment.yml").read_text())
    conda = {CONDA_TO_PYPI.get(_name(s), _name(s)) for s in env["dependencies"]
             if isinstance(s, str)} - {"python", "pip"}
    assert conda == wanted, (f"only in environment.yml: {sorted(conda - wanted)}; "
                             f"only in pyproject.toml: {sorted(wanted - conda)}")


def test_lock_pins_every_dependency(root):
    py = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    lock = {}
    for line in (root / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==", 1)
            lock[name.strip().lower().replace("_", "-")] = version.strip()
    for spec in py["dependencies"] + py["optional-dependencies"]["dev"]:
        assert _name(spec).replace("_", "-") in lock, f"{spec} is not pinned in requirements.lock"


def test_makefile_installs_pinned_and_registers_kernel(root):
    mk = (root / "Makefile").read_text()
    assert "-c requirements.lock" in mk
    assert "ipykernel install --sys-prefix --name tppo" in mk
    assert re.search(r"^\$\(STAMP\): pyproject.toml requirements.lock", mk, re.M)
    for target in ("report:", "test:", "lab:", "bench:"):
        assert re.search(rf"^{target}", mk, re.M), target


def test_ci_runs_the_readme_test_command(root):
    readme = (root / "README.md").read_text()
    assert "make test" in readme and "make report" in readme
    assert (root / ".ci/run").read_text().rstrip().endswith("make test")


def test_layout(root):
    for d in ("notebooks", "tppo_analysis", "data/raw", "data/processed", "reports", "tests",
              "benchmarks"):
        assert (root / d).is_dir(), d
