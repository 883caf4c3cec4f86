"""``tppo report``: run each notebook with each parameter set (papermill), export HTML without
code (nbconvert), and write ``reports/index.html``.

Reports are built in a temporary folder and swapped in only when every notebook succeeded,
so a failure leaves the previous reports untouched; the failed executed notebook is kept
under ``reports/_failed/`` for inspection. Notebooks run in parallel (``jobs`` processes,
each with its own kernel).
"""

from __future__ import annotations

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
from . import pages
from . import png as png_files

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
    from ..figures.offline import FIGURE_FILES

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
    body = pages.strip_external(body)
    body = pages.add_mobile_css(body)
    if not self_contained:
        body = pages.share_styles(pages.share_plotlyjs(body), build)
    out = build / f"{job.name}.html"
    out.write_text(body, encoding="utf-8")
    figs = sorted(figure_files.parent.glob(f"{figure_files.name}*.json"),
                  key=lambda p: int(p.stem[len(figure_files.name):])) if png else []
    return out, figs, time.perf_counter() - t0


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
    pngs_out = png_files.PngWriter(build) if png else None
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
    from ..figures import offline
    from ..raw.spreadsheets import write_csv
    from . import changes, index

    processed = ensure_built()
    diff = changes.compare(out / changes.SNAPSHOT if out.exists() else None, processed)
    write_csv(diff["table"], build / "changes.csv")
    changes.take_snapshot(processed, build / changes.SNAPSHOT)
    if self_contained:
        scripts = offline.plotlyjs_script()
    else:
        pages.write_assets(build)
        scripts = offline.shared_script()
    index.write_pages(build, todo, data_version(), notes, pngs, scripts, diff)
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
