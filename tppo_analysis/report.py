"""``tppo report``: run each notebook with each parameter set (papermill), export HTML without
code (nbconvert), and write ``reports/index.html``.

Reports are built in a temporary folder and swapped in only when every notebook succeeded,
so a failure leaves the previous reports untouched; the failed executed notebook is kept
under ``reports/_failed/`` for inspection.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import config

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")
KERNEL = "tppo"


class ReportError(RuntimeError):
    """A report run that failed; the message names notebook, parameters, cell and error."""


@dataclass
class Job:
    name: str
    notebook: str
    parameters: dict = field(default_factory=dict)


def load_config(path: Path | None = None) -> list[Job]:
    """Jobs from reports.yaml: ``reports: [{name, notebook, parameters}]``; names must be
    plain file names (no ``/`` or ``..``) so output stays inside the reports folder."""
    p = path or config.REPORTS_CONFIG
    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    jobs = []
    for i, entry in enumerate(data.get("reports", []), start=1):
        name = str(entry.get("name", ""))
        if not NAME_RE.match(name) or ".." in name:
            raise ReportError(f"{p}: report {i}: name {name!r} must be a plain file name "
                              "(letters, digits, _ . -), not a path")
        nb = config.NOTEBOOKS_DIR / str(entry.get("notebook", ""))
        if not nb.is_file() or nb.parent != config.NOTEBOOKS_DIR:
            raise ReportError(f"{p}: report {name!r}: no notebook {entry.get('notebook')!r} "
                              f"in {config.NOTEBOOKS_DIR}")
        jobs.append(Job(name, nb.name, dict(entry.get("parameters") or {})))
    names = [j.name for j in jobs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ReportError(f"{p}: duplicate report names {dupes}")
    return jobs


def _run_one(job: Job, build: Path, timeout: int) -> Path:
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    executed = build / "_executed" / f"{job.name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(str(config.NOTEBOOKS_DIR / job.notebook), str(executed),
                            parameters=job.parameters, kernel_name=KERNEL,
                            execution_timeout=timeout, progress_bar=False,
                            cwd=str(config.NOTEBOOKS_DIR))
    except Exception as exc:  # papermill raises PapermillExecutionError, timeouts, dead kernels
        cell = getattr(exc, "exec_count", None) or getattr(exc, "cell_index", "?")
        ename = getattr(exc, "ename", exc.__class__.__name__)
        evalue = getattr(exc, "evalue", str(exc).strip().splitlines()[-1] if str(exc) else "")
        raise ReportError(f"notebook {job.notebook} (report {job.name!r}, parameters "
                          f"{job.parameters}) failed in cell {cell}: {ename}: {evalue}") from exc
    nb = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    body = strip_external(body)
    out = build / f"{job.name}.html"
    out.write_text(body, encoding="utf-8")
    return out


_EXTERNAL_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']https?://[^>]*>\s*</script>", re.I)
_EXTERNAL_LINK = re.compile(r"<link[^>]*\shref=[\"']https?://[^>]*>", re.I)


def strip_external(page: str) -> str:
    """Drop the CDN script and style tags nbconvert's template adds (require.js, MathJax):
    reports embed everything they need and must open offline."""
    return _EXTERNAL_LINK.sub("", _EXTERNAL_SCRIPT.sub("", page))


def _index(jobs: list[Job], version: str) -> str:
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    rows = "\n".join(
        f"<tr><td><a href='{html.escape(j.name)}.html'>{html.escape(j.name)}</a></td>"
        f"<td>{html.escape(j.notebook)}</td><td><code>{html.escape(str(j.parameters))}</code>"
        f"</td></tr>" for j in jobs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>tppo-analysis reports"
            f"</title></head><body><h1>tppo-analysis reports</h1><p>Data version "
            f"{html.escape(version)}; generated {html.escape(now)}.</p><table border='1' "
            f"cellpadding='4'><tr><th>report</th><th>notebook</th><th>parameters</th></tr>"
            f"{rows}</table></body></html>\n")


def run_reports(config_path: Path | None = None, out_dir: Path | None = None,
                only: str | None = None, timeout: int = 300) -> list[Path]:
    """Build every report (or ``only`` one) into a temporary folder, then swap it in."""
    from tqdm import tqdm

    from .pipeline import data_version

    out = out_dir or config.REPORTS_DIR
    jobs = load_config(config_path)
    if only:
        jobs = [j for j in jobs if j.name == only]
        if not jobs:
            raise ReportError(f"no report named {only!r} in the config")
    out.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=".reports-build-", dir=out.parent))
    build.chmod(0o755)
    written = []
    try:
        for job in tqdm(jobs, desc="reports", unit="notebook"):
            written.append(_run_one(job, build, timeout))
    except ReportError:
        failed = out / "_failed"
        failed.mkdir(parents=True, exist_ok=True)
        for nb in (build / "_executed").glob("*.ipynb"):
            shutil.copy2(nb, failed / nb.name)
        shutil.rmtree(build, ignore_errors=True)
        raise
    (build / "index.html").write_text(_index(jobs, data_version()), encoding="utf-8")
    shutil.rmtree(build / "_executed", ignore_errors=True)
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        keep = out / ".gitkeep"
        out.rename(old)
        if keep.exists() or (old / ".gitkeep").exists():
            (build / ".gitkeep").touch()
    build.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    return [out / p.name for p in written]
