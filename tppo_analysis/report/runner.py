"""``tppo report``: run each notebook with each parameter set (papermill), export HTML without
code (nbconvert), and write ``reports/index.html``.

Reports are built in a temporary folder and swapped in only when every notebook succeeded,
so a failure leaves the previous reports untouched; the failed executed notebook is kept
under ``reports/_failed/`` for inspection. Notebooks run in parallel (``jobs`` processes,
each with its own kernel).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .. import config

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
KERNEL = "tppo"


class ReportError(RuntimeError):
    """A report run that failed; the message names notebook, parameters, cell and error."""


@dataclass
class Job:
    name: str
    notebook: str
    parameters: dict = field(default_factory=dict)
    group: str = ""
    title: str = ""


def _check_name(name: str, where: str) -> None:
    if not NAME_RE.match(name) or ".." in name:
        raise ReportError(f"{where}: name {name!r} must be a plain file name "
                          "(letters, digits, _ . -), not a path")


def load_config(path: Path | None = None, notebooks_dir: Path | None = None) -> list[Job]:
    """Jobs from reports.yaml: ``reports: [{name, notebook, parameters, for_each}]``.

    Names must be plain file names (no ``/`` or ``..``) so output stays inside the reports
    folder. ``for_each: province`` runs the notebook once per province of the current code
    list, with the parameter ``province`` set to its code and ``{code}`` in the name replaced.
    """
    p = path or config.REPORTS_CONFIG
    nb_dir = notebooks_dir or config.NOTEBOOKS_DIR
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ReportError(f"{p}: cannot read the report config: {exc}") from exc
    jobs = []
    for i, entry in enumerate(data.get("reports", []), start=1):
        name = str(entry.get("name", ""))
        nb = nb_dir / str(entry.get("notebook", ""))
        if not nb.is_file() or nb.parent != nb_dir:
            raise ReportError(f"{p}: report {name!r}: no notebook {entry.get('notebook')!r} "
                              f"in {nb_dir}")
        params = dict(entry.get("parameters") or {})
        each = entry.get("for_each")
        if each is None:
            _check_name(name, f"{p}: report {i}")
            jobs.append(Job(name, nb.name, params, group=str(entry.get("group", ""))))
        elif each == "province":
            from .. import geography

            if "{code}" not in name:
                raise ReportError(f"{p}: report {i}: a for_each name needs {{code}}")
            provs = geography.provinces()
            for code, prov_name in zip(provs["code"], provs["name"], strict=True):
                job_name = name.replace("{code}", code)
                _check_name(job_name, f"{p}: report {i}")
                jobs.append(Job(job_name, nb.name, {**params, "province": code},
                                group=str(entry.get("group", "provinces")),
                                title=f"{prov_name} ({code})"))
        else:
            raise ReportError(f"{p}: report {i}: for_each must be 'province', got {each!r}")
    names = [j.name for j in jobs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ReportError(f"{p}: duplicate report names {dupes}")
    return jobs


def _failed_cell(executed: Path, exec_count=None) -> str:
    """The cell that failed, as ``[n] `first line``` (n = execution count, which includes
    papermill's injected-parameters cell); found by papermill's cell status."""
    try:
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return f"[{exec_count}]" if exec_count else "?"
    for cell in cells:
        meta = cell.get("metadata", {}).get("papermill", {})
        count = cell.get("execution_count")
        if meta.get("status") in ("failed", "running") or (exec_count and count == exec_count
                                                            and cell["cell_type"] == "code"):
            src = "".join(cell.get("source", "")).strip().splitlines()
            first = src[0][:80] if src else ""
            return f"[{count or exec_count or '?'}] `{first}`"
    return f"[{exec_count}]" if exec_count else "?"


@lru_cache(maxsize=1)
def _exporter():
    """One HTML exporter per worker process (loading its templates costs a few 100 ms)."""
    from nbconvert import HTMLExporter

    return HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


@lru_cache(maxsize=1)
def _kernel_name() -> str:
    """The "tppo" kernel `make install` registers when it runs this very interpreter, else
    this interpreter's own kernel: a wheel installed elsewhere has no "tppo" kernel, or one
    that belongs to another environment."""
    import sys

    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv = KernelSpecManager().get_kernel_spec(KERNEL).argv
    except NoSuchKernel:
        return "python3"
    return KERNEL if argv and os.path.abspath(argv[0]) == os.path.abspath(sys.executable) \
        else "python3"


@lru_cache(maxsize=1)
def _kernel_manager_class():
    """Kernels talking over Unix sockets in a folder of their own: parallel TCP kernels
    race for free ports ("Address already in use", the kernel dies before it starts)."""
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum

    sockets = Path(tempfile.mkdtemp(prefix="tppo-kernels-"))

    class IPCKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.ip = str(sockets / uuid.uuid4().hex)

    return IPCKernelManager


def _run_one(job: Job, build: Path, timeout: int, nb_dir: Path, png: bool,
             self_contained: bool = False) -> tuple[Path, list[Path], float]:
    """Execute one job and export its HTML; returns (html path, its figures' JSON files
    when ``png``, in order, seconds)."""

    import nbformat
    import papermill as pm

    t0 = time.perf_counter()
    from ..figures.maps import FIGURE_FILES

    os.environ["TPPO_FIGURE_JSON"] = "0"  # the kernel inherits these
    figure_files = build / "_figures" / f"{job.name}_fig"
    os.environ.pop(FIGURE_FILES, None)
    if png:
        figure_files.parent.mkdir(exist_ok=True)
        os.environ[FIGURE_FILES] = str(figure_files)
    executed = build / "_executed" / f"{job.name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        # saving after every cell rewrites a multi-MB notebook twice a cell (3x slower); a
        # notebook that raises is still saved by papermill before it raises
        pm.execute_notebook(str(nb_dir / job.notebook), str(executed),
                            parameters=job.parameters, kernel_name=_kernel_name(),
                            execution_timeout=timeout, progress_bar=False,
                            cwd=str(nb_dir), request_save_on_cell_execute=False,
                            kernel_manager_class=_kernel_manager_class())
    except Exception as exc:  # papermill raises PapermillExecutionError, timeouts, dead kernels
        if not executed.exists():  # timeout or dead kernel: keep the parameterised notebook
            pm.execute_notebook(str(nb_dir / job.notebook), str(executed),
                                parameters=job.parameters, kernel_name=_kernel_name(),
                                prepare_only=True, progress_bar=False)
        cell = _failed_cell(executed, getattr(exc, "exec_count", None))
        ename = getattr(exc, "ename", exc.__class__.__name__)
        evalue = getattr(exc, "evalue", None)
        text = str(exc)
        if "timed out" in text:  # nbclient's CellTimeoutError: name the cell from its preview
            evalue = f"timed out after {timeout} s (tppo report --timeout)"
            preview = re.search(r"cell contents:\s*-+\s*(.*?)\s*-+", text, re.S)
            if cell == "?" and preview:
                cell = f"`{preview.group(1).strip()[:120]}`"
        elif evalue is None:
            lines = [ln for ln in text.strip().splitlines() if ln.strip("- ")]
            evalue = lines[-1] if lines else ""
        raise ReportError(f"notebook {job.notebook} (report {job.name!r}, parameters "
                          f"{job.parameters}) failed in cell {cell}: {ename}: {evalue}") from None
    nb = nbformat.read(executed, as_version=4)
    body, _ = _exporter().from_notebook_node(nb)
    body = strip_external(body)
    body = add_mobile_css(body)
    if not self_contained:
        body = share_styles(share_plotlyjs(body), build)
    out = build / f"{job.name}.html"
    out.write_text(body, encoding="utf-8")
    figs = sorted(figure_files.parent.glob(f"{figure_files.name}*.json"),
                  key=lambda p: int(p.stem[len(figure_files.name):])) if png else []
    return out, figs, time.perf_counter() - t0


def figures(nb) -> list[dict]:
    """The plotly figures (as dicts) in an executed notebook's outputs."""
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            fig = o.get("data", {}).get("application/vnd.plotly.v1+json")
            if fig:
                out.append({k: v for k, v in fig.items() if k != "config"})
    return out


def find_chromium() -> str | None:
    """A Chromium/Chrome binary for kaleido, or None (``BROWSER_PATH`` wins)."""
    for cand in (os.environ.get("BROWSER_PATH"), "chromium", "chromium-browser",
                 "google-chrome", "google-chrome-stable", "chrome"):
        if cand and shutil.which(cand):
            return shutil.which(cand)
    return None


def _png_specs(figs: dict[str, list[dict]], build: Path) -> list[dict]:
    """kaleido's spec (figure, path, options, local world map) for every figure."""
    from ..figures.maps import topojson_dir

    return [{"fig": fig, "path": build / f"{name}_fig{k}.png", "topojson": topojson_dir(),
             "opts": {"format": "png", "width": 1100, "scale": 2,
                      "height": (fig.get("layout") or {}).get("height") or 520}}
            for name, fs in figs.items() for k, fig in enumerate(fs, start=1)]


class PngWriter:
    """Renders report figures to PNG in one kaleido browser while the notebooks still run.

    Figures are handed over with :meth:`add` as each notebook finishes, so rendering overlaps
    the notebook runs instead of following them; :meth:`close` waits for the last one and
    returns a one-line note when anything could not be drawn ("" when all were).
    """

    def __init__(self, build: Path) -> None:
        import queue
        import threading

        self.build = build
        self.count = 0
        self._queue: queue.Queue = queue.Queue()
        self._note = ""
        self._thread: threading.Thread | None = None
        browser = find_chromium()
        if browser is None:
            self._note = ("PNG skipped: no Chromium/Chrome found (install chromium or set "
                          "BROWSER_PATH)")
            return
        os.environ.setdefault("BROWSER_PATH", browser)
        self._thread = threading.Thread(target=self._render, name="png", daemon=True)
        self._thread.start()

    def add(self, name: str, figs: list[dict | Path]) -> None:
        """Queue one report's figures, dicts or JSON files (``NAME_figN.png``)."""
        if self._thread is not None:
            figs = [json.loads(f.read_text(encoding="utf-8")) if isinstance(f, Path) else f
                    for f in figs]
            for spec in _png_specs({name: figs}, self.build):
                self._queue.put(spec)
                self.count += 1

    def close(self) -> str:
        """Wait until every queued figure is written; the note of what failed, or ""."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        return self._note

    def _render(self) -> None:
        import asyncio

        import kaleido

        async def specs():
            loop = asyncio.get_running_loop()
            while (spec := await loop.run_in_executor(None, self._queue.get)) is not None:
                yield spec

        class Reuse(kaleido.Kaleido):
            """kaleido reloads plotly.js in a tab after every figure; each figure here is
            drawn in a fresh div, so the tab goes back as it is (half the time per figure,
            byte-identical PNGs). Falls back to kaleido's own reload if its internals move."""

            async def _return_kaleido_tab(self, tab) -> None:
                queue = getattr(self, "tabs_ready", None)
                if queue is None:
                    await super()._return_kaleido_tab(tab)
                else:
                    await queue.put(tab)

        from ..figures.maps import geo_bundle_path

        async def run():
            # one tab per core (each tab costs ~1 s to start); the geo bundle loads 3x
            # faster than plotly's full plotly.js; no MathJax (kaleido would fetch it)
            async with Reuse(n=max(1, min(4, os.cpu_count() or 1)), mathjax=False,
                             plotlyjs=geo_bundle_path()) as k:
                return await k.write_fig_from_object(specs())

        try:  # kaleido/browser problems must not cost the HTML reports
            errors = asyncio.run(run())
        except Exception as exc:
            self._note = f"PNG skipped: {exc.__class__.__name__}: {_first_line(exc)}"
            while self._queue.get() is not None:  # let close() finish
                pass
            return
        if errors:
            self._note = (f"PNG: {len(errors)} figure(s) not drawn: "
                          f"{errors[0].__class__.__name__}: {_first_line(errors[0])}")


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [""])[0][:200]


def export_pngs(figs: dict[str, list[dict]], build: Path) -> str:
    """``NAME_figN.png`` of every figure of every report, in one kaleido batch (one browser,
    a tab per core) with a Chromium on the machine; a one-line note of what failed otherwise."""
    writer = PngWriter(build)
    for name, fs in figs.items():
        writer.add(name, fs)
    return writer.close()


def export_png(nb, build: Path, name: str) -> str:
    """PNGs of one executed notebook's figures (see :func:`export_pngs`)."""
    return export_pngs({name: figures(nb)}, build)


_EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']https?://[^>]*>\s*</script>", re.I)
_EXTERNAL_LINK = re.compile(r"<link[^>]*\shref=[\"']https?://[^>]*>", re.I)


def share_plotlyjs(page: str) -> str:
    """Replace the plotly.js and base map that the first figure embeds with ``<script src>``
    tags to one shared copy in ``assets/`` (43 reports: 80 MB -> a few MB)."""
    from ..figures import maps

    tags = []
    for name, text in maps.shared_assets().items():
        i = page.find(text)
        start, end = page.rfind("<script", 0, i), page.find("</script>", i + len(text))
        if i < 0 or start < 0 or end < 0:
            return page  # nothing embedded (no figure), or not as expected: leave it whole
        page = page[:start] + "\0" + page[end + len("</script>"):]
        tags.append(f"<script src='assets/{name}'></script>")
    return page.replace("\0", "".join(tags), 1).replace("\0", "")


# Narrow windows: wide tables scroll inside their box instead of widening the page.
MOBILE_CSS = ("<meta name='viewport' content='width=device-width, initial-scale=1'>"
              "<style>.jp-RenderedHTMLCommon table{display:block;overflow-x:auto;max-width:100%}"
              "</style>")


def share_styles(page: str, folder: Path) -> str:
    """Move the template's stylesheets in ``<head>`` (about 260 kB, the same in every
    report) into one ``assets/report-<hash>.css``."""
    import hashlib

    head_end = page.find("</head>")
    if head_end < 0:
        return page
    head = page[:head_end]
    blocks = re.findall(r"<style[^>]*>(.*?)</style>", head, re.S)
    if not blocks:
        return page
    css = "\n".join(blocks)
    name = f"report-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    target = folder / "assets" / name
    if not target.exists():  # workers write the same bytes; the rename makes it safe
        from ..raw.spreadsheets import write_atomic

        write_atomic(target, css.encode("utf-8"))
    head = re.sub(r"<style[^>]*>.*?</style>", "", head, flags=re.S)
    return head + f"<link rel='stylesheet' href='assets/{name}'>" + page[head_end:]


def add_mobile_css(page: str) -> str:
    """A viewport and scrolling tables, so reports read on a phone."""
    return page.replace("</head>", MOBILE_CSS + "</head>", 1)


def write_assets(folder: Path) -> None:
    """The files :func:`share_plotlyjs` refers to."""
    from ..figures import maps

    (folder / "assets").mkdir(exist_ok=True)
    for name, text in maps.shared_assets().items():
        (folder / "assets" / name).write_text(text, encoding="utf-8")


def strip_external(page: str) -> str:
    """Drop the CDN script and style tags nbconvert's template adds (require.js, MathJax):
    reports embed everything they need and must open offline."""
    return _EXTERNAL_LINK.sub("", _EXTERNAL_SCRIPT.sub("", page))


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


def national_maps(lang: str, jobs: list[Job]) -> list[dict]:
    """The two national coverage maps (GT PP-TPPO, UPTD PPA) of today for the index page,
    each linked to its full report when the set has one."""
    from .. import metrics
    from ..clean import coverage
    from ..clean.pipeline import load
    from ..figures import maps

    cov = load("coverage")
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
        out.append({"caption": f"{body} ({lab['as_of']} {today})", "div": maps.fig_div(fig),
                    "link": link})
    return out


def _index(jobs: list[Job], version: str, notes: dict[str, str],
           pngs: dict[str, list[str]] | None = None, lang: str = "en",
           scripts: str = "", diff: dict | None = None) -> str:
    """The landing page (Jinja2 template ``templates/index.html.j2``): the national maps,
    every report described in words, province profiles findable by name; English
    (index.html) or Indonesian (index.id.html)."""
    from importlib import resources

    import jinja2

    text = _index_text()
    t = text[lang]
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    datasets = {}
    if any("dataset" in j.parameters for j in jobs):
        from ..clean.pipeline import load
        from ..metrics import case_datasets

        ds = case_datasets(load("cases"))
        datasets = {d: f"{a}: {m.replace('_', ' ')}" for d, a, m in
                    zip(ds["dataset"], ds["agency"], ds["metric"], strict=True)}
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
        maps=national_maps(lang, jobs), groups=groups, provinces=provinces,
        changes=_changes_words(diff, lang) if diff is not None else None)


def _changes_words(diff: dict, lang: str) -> dict:
    """The "changes since the last run" section of the index, in words."""
    from .changes import status_lines

    c = diff["counts"]
    return {"since": diff["since"], "status": status_lines(diff, lang),
            "n_status": c.get("status", 0), "n_new": c.get("new fact", 0),
            "n_gone": c.get("fact no longer present", 0),
            "n_rejects": c.get("new rejected row", 0)}


def run_reports(config_path: Path | None = None, out_dir: Path | None = None,
                only: str | None = None, timeout: int = 300, jobs: int | None = None,
                png: bool = False, notebooks_dir: Path | None = None,
                timings: dict[str, float] | None = None,
                self_contained: bool = False) -> list[Path]:
    """Build every report (or ``only`` one) into a temporary folder, then swap it in.

    ``jobs`` notebooks run at once (default: the number of CPUs). Every failure is reported
    (notebook, parameters, cell, error) in one ReportError; nothing is swapped in then.
    """
    # the kernels run in the notebooks' folder, which may be the package's own (a project
    # without notebooks/): name the project for them, or they would find another or none
    saved = os.environ.get("TPPO_PROJECT")
    os.environ["TPPO_PROJECT"] = str(config.project())
    try:
        return _run_reports(config_path, out_dir, only, timeout, jobs, png, notebooks_dir,
                            timings, self_contained)
    finally:
        if saved is None:
            os.environ.pop("TPPO_PROJECT", None)
        else:
            os.environ["TPPO_PROJECT"] = saved


def _run_reports(config_path, out_dir, only, timeout, jobs, png, notebooks_dir, timings,
                 self_contained) -> list[Path]:
    import multiprocessing as mp

    from tqdm import tqdm

    from ..clean.pipeline import data_version, ensure_built

    out = out_dir or config.REPORTS_DIR
    nb_dir = notebooks_dir or config.NOTEBOOKS_DIR
    todo = load_config(config_path, nb_dir)
    if only:
        todo = [j for j in todo if j.name == only]
        if not todo:
            raise ReportError(f"no report named {only!r} in the config")
    ensure_built()  # build data/processed once here (if needed), not in every kernel at once
    out.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=".reports-build-", dir=out.parent))
    build.chmod(0o755)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    written, errors, notes, figs = [], {}, {}, {}
    pngs_out = PngWriter(build) if png else None
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        futures = {pool.submit(_run_one, j, build, timeout, nb_dir, png, self_contained): j
                   for j in todo}
        for fut in tqdm(as_completed(futures), total=len(futures), desc="reports",
                        unit="notebook"):
            job = futures[fut]
            try:
                path, figs[job.name], seconds = fut.result()
            except ReportError as exc:
                errors[job.name] = str(exc)
                continue
            except Exception as exc:  # a worker that died
                errors[job.name] = (f"notebook {job.notebook} (report {job.name!r}): "
                                    f"{exc.__class__.__name__}: {exc}")
                continue
            written.append(path)
            if pngs_out is not None:
                pngs_out.add(job.name, figs[job.name])
            if timings is not None:
                timings[job.name] = round(seconds, 2)
    if pngs_out is not None:
        t0 = time.perf_counter()
        note = pngs_out.close()
        print(note or f"PNG: {pngs_out.count} figures, {time.perf_counter() - t0:.0f} s "
              "after the last notebook")
        if note:
            notes.update(dict.fromkeys((j.name for j in todo if figs.get(j.name)), note))
    if errors:
        failed = out / "_failed"
        failed.mkdir(parents=True, exist_ok=True)
        for name in errors:
            executed = build / "_executed" / f"{name}.ipynb"
            if executed.exists():
                shutil.copy2(executed, failed / executed.name)
        shutil.rmtree(build, ignore_errors=True)
        raise ReportError("; ".join(sorted(errors.values())))
    pngs = {j.name: sorted(p.name for p in build.glob(f"{j.name}_fig*.png")) for j in todo}
    from ..figures import maps
    from ..raw.spreadsheets import write_csv
    from . import changes

    processed = ensure_built()
    diff = changes.compare(out / changes.SNAPSHOT if out.exists() else None, processed)
    write_csv(diff["table"], build / "changes.csv")
    changes.take_snapshot(processed, build / changes.SNAPSHOT)
    if self_contained:
        scripts = maps.plotlyjs_script()
    else:
        write_assets(build)
        scripts = maps.shared_script()
    for lang, page in (("en", "index.html"), ("id", "index.id.html")):
        (build / page).write_text(_index(todo, data_version(), notes, pngs, lang, scripts,
                                         diff),
                                  encoding="utf-8")
    shutil.rmtree(build / "_executed", ignore_errors=True)
    shutil.rmtree(build / "_figures", ignore_errors=True)
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        keep = out / ".gitkeep"
        out.rename(old)
        if keep.exists() or (old / ".gitkeep").exists():
            (build / ".gitkeep").touch()
    build.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    order = {j.name: i for i, j in enumerate(todo)}
    return sorted((out / p.name for p in written), key=lambda p: order.get(p.stem, 0))
