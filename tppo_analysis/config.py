"""Where things are: the project folder, and the data that ships inside the package.

A *project* is a folder holding ``reports.yaml`` or ``data/raw/datapackage.json``: this
repository, or a researcher's own folder. It is found from the working folder upwards, or
given with ``--project DIR`` / ``TPPO_PROJECT`` (``TPPO_ROOT`` is the older name). A project
without its own ``data/raw/``, ``notebooks/`` or ``reports.yaml`` uses the ones installed with
the package (``tppo_analysis/shipped/``, copied from this repository when the wheel is built).

The path constants (``config.RAW_DIR`` ...) are computed when read, so a test or a notebook
that changes ``TPPO_PROJECT`` or the working folder gets the paths of that project.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import OneLineError

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED_DIR = PACKAGE_DIR / "shipped"  # in an installed wheel: raw/, processed/, notebooks/
CACHE_ENV = "TPPO_CACHE"  # where an installed package builds its tables if none were shipped


class ProjectNotFound(OneLineError):
    """No project folder: a project command was run outside one."""


def is_project(folder: Path) -> bool:
    """A folder with ``reports.yaml`` or ``data/raw/datapackage.json``."""
    return (folder / "reports.yaml").is_file() or (
        folder / "data" / "raw" / "datapackage.json").is_file()


def find_project(start: Path | None = None) -> Path | None:
    """``TPPO_PROJECT``, else the first project folder from ``start`` (the working folder)
    upwards, else the source checkout this package runs from; None outside all of them."""
    env = os.environ.get("TPPO_PROJECT") or os.environ.get("TPPO_ROOT")
    if env:
        folder = Path(env).expanduser().resolve()
        if not is_project(folder):
            raise ProjectNotFound(f"TPPO_PROJECT={env}: not a project folder (it has no "
                                  "reports.yaml and no data/raw/datapackage.json)")
        return folder
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    if is_project(PACKAGE_DIR.parent):  # an editable install of a checkout
        return PACKAGE_DIR.parent
    return None


def project() -> Path:
    """The project folder, or ProjectNotFound with a one-line message of what is missing."""
    folder = find_project()
    if folder is None:
        raise ProjectNotFound(
            f"no project folder: neither {Path.cwd()} nor a folder above it has reports.yaml "
            "or data/raw/datapackage.json; run inside a project, give --project DIR or set "
            "TPPO_PROJECT (`tppo init DIR` makes one)")
    return folder


_IN_CHECKOUT = {"raw": ("data", "raw"), "processed": ("data", "processed"),
                "templates": ("data", "templates"), "notebooks": ("notebooks",),
                "reports.yaml": ("reports.yaml",)}


def shipped(first: str, *rest: str) -> Path:
    """A path inside what the package ships (its data, notebooks, report config): under
    ``tppo_analysis/shipped/`` in an installed wheel, the repository's own files when the
    package runs from a checkout (pyproject.toml maps one onto the other)."""
    if SHIPPED_DIR.is_dir():
        return SHIPPED_DIR.joinpath(first, *rest)
    return PACKAGE_DIR.parent.joinpath(*_IN_CHECKOUT[first], *rest)


def raw_dir(root: Path | None) -> Path:
    """The project's ``data/raw/`` when it has one, else the raw data shipped with the
    package (a researcher's project that only adds its own sources)."""
    if root is not None and (root / "data" / "raw" / "datapackage.json").is_file():
        return root / "data" / "raw"
    return shipped("raw")


def cache_dir() -> Path:
    """Where an installed package builds its tables when used outside a project and none
    were shipped: ``TPPO_CACHE``, else the user's cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache").expanduser() / "tppo-analysis"


def processed_dir(root: Path | None) -> Path:
    """The project's ``data/processed/``; outside a project the tables shipped with the
    package when they match its raw data, else a cache folder named for the data version."""
    if root is not None:
        return root / "data" / "processed"
    import hashlib
    import json

    manifest = shipped("raw", "datapackage.json")
    version = hashlib.sha256(manifest.read_bytes()).hexdigest()[:12] if manifest.exists() else ""
    summary = shipped("processed", "summary.json")
    if summary.exists() and json.loads(summary.read_text("utf-8")).get("data_version") == version:
        return shipped("processed")
    return cache_dir() / (version or "no-data")


# data locations work anywhere (outside a project: what the package ships); the project's
# own folders need a project
_DATA = ("RAW_DIR", "PROCESSED_DIR", "REJECTS_DIR", "BOUNDARIES_DIR", "MANIFEST")
_PROJECT = ("PROJ_ROOT", "DATA_DIR", "TEMPLATES_DIR", "NOTEBOOKS_DIR", "REPORTS_DIR",
            "REPORTS_CONFIG")


def _path(name: str) -> Path:
    root = find_project() if name in _DATA else project()
    raw = raw_dir(root)
    if name in _DATA:
        processed = processed_dir(root)
        return {"RAW_DIR": raw, "PROCESSED_DIR": processed, "REJECTS_DIR": processed / "rejects",
                "BOUNDARIES_DIR": raw / "boundaries", "MANIFEST": raw / "datapackage.json"}[name]
    own_or_shipped = {"NOTEBOOKS_DIR": ("notebooks", root / "notebooks"),
                      "TEMPLATES_DIR": ("templates", root / "data" / "templates"),
                      "REPORTS_CONFIG": ("reports.yaml", root / "reports.yaml")}
    if name in own_or_shipped:
        packaged, own = own_or_shipped[name]
        return own if own.exists() else shipped(packaged)
    return {"PROJ_ROOT": root, "DATA_DIR": root / "data", "REPORTS_DIR": root / "reports"}[name]


def __getattr__(name: str) -> Path:
    if name in _DATA or name in _PROJECT:
        return _path(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
