"""The landing page of a report set (``index.html``, ``index.id.html``): the national maps,
every report described in words, province profiles findable by name, and what changed since
the last run; rendered with the Jinja2 template ``templates/index.html.j2``."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from .runner import Job


@lru_cache(maxsize=1)
def _index_text() -> dict:
    from importlib import resources

    return yaml.safe_load((resources.files("tppo_analysis") / "reference" / "index_text.yaml")
                          .read_text(encoding="utf-8"))


def _params_words(job: Job, lang: str, datasets: dict[str, str]) -> str:
    """A job's parameters in words ("UPTD PPA, in Indonesian"), never as JSON."""
    values = _index_text()[lang]["values"]
    words = []
    for key, value in job.parameters.items():
        if key == "province":
            continue
        if key == "dataset":
            words.append(datasets.get(str(value), str(value)))
        elif key in values and value in values[key]:
            words.append(values[key][value])
        elif key not in ("lang",):
            words.append(str(value))
    return ", ".join(words)


def national_maps(lang: str, jobs: list[Job], cov: pd.DataFrame) -> list[dict]:
    """The two national coverage maps (GT PP-TPPO, UPTD PPA) of today for the index page,
    each linked to its full report when the set has one."""
    from .. import metrics
    from ..clean import coverage
    from ..figures import maps, offline

    today = dt.date.today().isoformat()
    lab = maps.labels(lang)
    out = []
    for body in coverage.BODIES:
        status = metrics.area_status(cov, "province", body, today)
        fig = maps.status_map(status, lang=lang, title="", caveats=[lab["papua"]])
        fig.update_layout(height=420, margin={"t": 10})
        reports = [j for j in jobs if j.notebook == "coverage_by_province.ipynb"
                   and j.parameters.get("body") == body]  # this language's first, if any
        reports.sort(key=lambda j: j.parameters.get("lang", "en") != lang)
        link = f"{reports[0].name}.html" if reports else None
        out.append({"caption": f"{body} ({lab['as_of']} {today})", "div": offline.fig_div(fig),
                    "link": link})
    return out


def write_pages(folder: Path, jobs: list[Job], version: str, notes: dict[str, str],
                pngs: dict[str, list[str]] | None = None, scripts: str = "",
                diff: dict | None = None) -> None:
    """``index.html`` (English) and ``index.id.html`` (Indonesian) in ``folder``; the tables
    they draw on are read once for both."""
    from ..clean.pipeline import load

    cov = load("coverage")
    datasets = {}
    if any("dataset" in j.parameters for j in jobs):
        from ..metrics import case_datasets

        ds = case_datasets(load("cases"))
        datasets = {d: f"{a}: {m.replace('_', ' ')}" for d, a, m in
                    zip(ds["dataset"], ds["agency"], ds["metric"], strict=True)}
    for lang, page in (("en", "index.html"), ("id", "index.id.html")):
        (folder / page).write_text(render(jobs, version, notes, pngs, lang, scripts, diff,
                                          cov=cov, datasets=datasets), encoding="utf-8")


def render(jobs: list[Job], version: str, notes: dict[str, str],
           pngs: dict[str, list[str]] | None = None, lang: str = "en",
           scripts: str = "", diff: dict | None = None, *, cov: pd.DataFrame,
           datasets: dict[str, str]) -> str:
    """The landing page (Jinja2 template ``templates/index.html.j2``): the national maps,
    every report described in words, province profiles findable by name; English
    (index.html) or Indonesian (index.id.html). ``datasets``: the case datasets in words."""
    from importlib import resources

    import jinja2

    text = _index_text()
    t = text[lang]
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    groups, provinces = [], []
    for group in dict.fromkeys(j.group for j in jobs):
        items = []
        for j in (j for j in jobs if j.group == group):
            if j.notebook == "province_profile.ipynb" and "province" in j.parameters:
                from ..geography import region_name
                from .notebook import province_code

                code = province_code(j.parameters["province"])
                provinces.append({"name": region_name(code), "code": code,
                                  "href": f"{j.name}.html"})
                continue
            nb = text["notebooks"].get(j.notebook, {})
            items.append({"href": f"{j.name}.html",
                          "title": nb.get("title", {}).get(lang, j.title or j.name),
                          "params": _params_words(j, lang, datasets),
                          "what": nb.get("what", {}).get(lang, ""),
                          "note": notes.get(j.name, ""), "pngs": (pngs or {}).get(j.name, [])})
        if items:
            groups.append({"name": text["groups"].get(group, {}).get(lang, group),
                           "reports": items})
    env = jinja2.Environment(autoescape=True, loader=jinja2.FileSystemLoader(
        str(resources.files("tppo_analysis") / "templates")))
    return env.get_template("index.html.j2").render(
        lang=lang, t=t, other_lang="id" if lang == "en" else "en",
        other_page="index.id.html" if lang == "en" else "index.html",
        version=version, generated=now, scripts=scripts,
        maps=national_maps(lang, jobs, cov), groups=groups, provinces=provinces,
        changes=_changes_words(diff, lang) if diff is not None else None)


def _changes_words(diff: dict, lang: str) -> dict:
    """The "changes since the last run" section of the index, in words."""
    from .changes import status_lines

    c = diff["counts"]
    return {"since": diff["since"], "status": status_lines(diff, lang),
            "n_status": c.get("status", 0), "n_new": c.get("new fact", 0),
            "n_gone": c.get("fact no longer present", 0),
            "n_rejects": c.get("new rejected row", 0)}
