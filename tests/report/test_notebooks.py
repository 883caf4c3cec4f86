"""The notebooks: thin, parameterised, committed without outputs, and each runs under
papermill with its defaults and with another parameter set (regression tests)."""

from __future__ import annotations

import ast
import json

import nbformat
import papermill as pm
import pytest

from tppo_analysis import config
from tppo_analysis.figures import offline
from tppo_analysis.report import notebook

NOTEBOOKS = sorted(p.name for p in config.NOTEBOOKS_DIR.glob("*.ipynb"))

# a non-default parameter set per notebook (ints and names as papermill's -p gives them)
OTHER = {
    "coverage_by_province.ipynb": {"as_of": "2021-12-31", "body": "UPTD PPA", "lang": "id",
                                   "min_basis": "activity"},
    "cases_vs_coverage.ipynb": {"dataset": "bp2mi--pmi_placements", "period": "latest",
                                "per_capita": False, "lang": "id", "k": 11},
    "province_profile.ipynb": {"province": 32, "lang": "id", "as_of": "2023-06-30"},
    "data_quality.ipynb": {"max_rows": 5},
    "national_trends.ipynb": {"agency": "Polri", "metric": "victims", "lang": "id"},
    "my_data.ipynb": {"file": str(config.TEMPLATES_DIR / "coverage_template.csv"),
                      "body": "UPTD PPA", "lang": "id"},
}


def test_every_notebook_has_another_parameter_set():
    assert set(NOTEBOOKS) == set(OTHER)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_and_its_text_pair_agree(name):
    """Reviews read notebooks/text/*.py; they must say what the .ipynb says (`make sync`)."""
    import jupytext

    text = config.NOTEBOOKS_DIR / "text" / name.replace(".ipynb", ".py")
    assert text.exists(), f"{text} is missing: run `make sync`"
    nb = jupytext.read(config.NOTEBOOKS_DIR / name)
    paired = jupytext.read(text)
    assert [c.source.rstrip() for c in nb.cells] == [c.source.rstrip() for c in paired.cells], \
        f"{name} and {text.name} differ: run `make sync`"
    assert [c.cell_type for c in nb.cells] == [c.cell_type for c in paired.cells]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_thin_and_committed_clean(name):
    nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    params = nb.cells[tagged[0]]
    tree = ast.parse(params.source)
    assert all(isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
               for n in tree.body), "the parameters cell holds only literals"
    nxt = next(c for c in nb.cells[tagged[0] + 1:] if c.cell_type == "code")
    assert "check_params(" in nxt.source  # validated right after
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None
            assert "def " not in c.source and "class " not in c.source  # logic lives in the package
    assert nb.metadata["kernelspec"]["name"] == "tppo"


def _run(name, tmp_path, params):
    out = tmp_path / name
    pm.execute_notebook(str(config.NOTEBOOKS_DIR / name), str(out), parameters=params,
                        kernel_name="tppo", progress_bar=False, cwd=str(tmp_path),
                        request_save_on_cell_execute=False)  # multi-MB saves after each cell
    return nbformat.read(out, as_version=4)


def _outputs(nb) -> str:
    return json.dumps([c.get("outputs", []) for c in nb.cells])


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_with_its_defaults(name, tmp_path):
    """Run from another working directory: paths come from the package, not the cwd."""
    nb = _run(name, tmp_path, {})
    text = _outputs(nb)
    assert '"output_type": "error"' not in text
    if name != "data_quality.ipynb":
        assert '"type": "choropleth"' in text or "choropleth" in text


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_with_other_parameters(name, tmp_path):
    nb = _run(name, tmp_path, OTHER[name])
    text = _outputs(nb)
    assert '"output_type": "error"' not in text
    if name == "province_profile.ipynb":
        assert "Jawa Barat (32)" in text and "per 2023-06-30" in text
    if name == "cases_vs_coverage.ipynb":
        assert "BP2MI" in text and "< 11" in text.replace("&lt;", "<")
    if name == "coverage_by_province.ipynb":
        assert "Tidak ditemukan bukti" in text
    if name == "my_data.ipynb":  # the template's three EXAMPLE rows, mapped in Indonesian
        assert "coverage_template.csv: 3 usable rows, 0 problems" in text
        assert "Tidak ditemukan bukti" in text


def test_bad_parameter_fails_with_a_clear_message(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run("province_profile.ipynb", tmp_path, {"province": 11.1})
    assert err.value.ename == "ParameterError" and "arrived as a number" in err.value.evalue


@pytest.mark.parametrize("value,code", [(11, "11"), ("11", "11"), ("Jawa Barat", "32"),
                                        ("DKI", "31"), ("Papua Barat Daya", "96")])
def test_province_parameter_as_papermill_gives_it(value, code):
    assert notebook.check_params(province=value)["province"] == code


@pytest.mark.parametrize("params,match", [
    ({"province": 11.1}, "arrived as a number"),
    ({"province": "Atlantis"}, "Atlantis"),
    ({"province": "Bandung"}, "province"),
    ({"as_of": "31/12/2025"}, "as_of must be a date"),
    ({"body": "P2TP2A"}, "body must be one of"),
    ({"lang": "fr"}, "lang must be one of"),
    ({"k": 0}, "k .*1 to 100"),
    ({"k": True}, "k .*whole number"),
    ({"per_capita": "maybe"}, "per_capita must be True or False"),
    ({"dataset": 'x"\n; import os'}, "one-line text"),
    ({"period": ""}, "one-line text"),
])
def test_bad_parameters_are_refused(params, match):
    with pytest.raises(notebook.ParameterError, match=match):
        notebook.check_params(**params)


def test_parameter_with_quotes_and_newlines_is_injected_as_a_literal(tmp_path):
    """Papermill writes parameters as Python literals: a hostile string stays a string and
    is refused by the check, it never runs."""
    marker = tmp_path / "pwned"
    evil = f'x"\nopen({str(marker)!r}, "w").write("1")\n"'
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run("cases_vs_coverage.ipynb", tmp_path, {"dataset": evil})
    assert err.value.ename == "ParameterError"
    assert not marker.exists()


def test_vendored_plotly_bundle_matches_the_installed_plotly():
    from plotly.offline import get_plotlyjs_version

    assert get_plotlyjs_version() == offline.PLOTLYJS_VERSION
    assert f"v{offline.PLOTLYJS_VERSION}" in offline.geo_bundle()[:300]
