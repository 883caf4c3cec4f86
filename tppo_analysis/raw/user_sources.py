"""A project's own coverage and case files, declared once in ``sources.yaml``.

Each entry names a file, a glob or an http(s) URL, its kind (coverage or cases), an optional
sheet and a source/licence note. `tppo clean` reads every file through the same readers and
cleaners as the shipped data; each kept or rejected row says where it came from
(``origin`` = ``mine``, ``source_file`` = ``mine/<name>/<file>``). Every run records what it
read (path or URL, size, sha256, modification or retrieval time).

A file that is missing or unreadable, or a URL that does not answer in time, stops the run
with one line naming it, unless the entry says ``on_failure: last_good``: then the last copy
that was read successfully is used, and the provenance says so.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import OneLineError

CONFIG = "sources.yaml"
LAST_GOOD = Path("data") / "mine_last_good"  # inside the project; survives `tppo clean`
KINDS = ("coverage", "cases")
KEYS = {"name", "kind", "path", "url", "sheet", "note", "licence", "on_failure", "timeout"}


class SourceError(OneLineError):
    """A user source that cannot be read: one line naming it."""


@dataclass(frozen=True)
class UserSource:
    name: str
    kind: str
    path: str = ""  # a file or a glob, relative to the project
    url: str = ""
    sheet: str | None = None
    note: str = ""
    licence: str = ""
    on_failure: str = "fail"  # fail | last_good
    timeout: float = 30.0


EXAMPLE = """# Your own coverage and case files, read by `tppo clean` with the shipped data.
# One entry per source; see the README, "Your own sources, declared once".
sources: []
#  - name: dp3a-jatim
#    kind: coverage            # coverage | cases
#    path: mine/jatim_*.xlsx   # a file or a glob, relative to this folder; or url: https://...
#    sheet: Rekap
#    note: "DP3A Jawa Timur, internal table"
#    on_failure: fail          # or last_good
"""


def config_path(project: Path) -> Path:
    return project / CONFIG


def load_sources(project: Path | None) -> list[UserSource]:
    """The entries of ``sources.yaml`` (none when the project has no such file)."""
    import yaml

    if project is None or not config_path(project).exists():
        return []
    where = config_path(project)
    try:
        doc = yaml.safe_load(where.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise SourceError(f"{where}: not valid YAML ({str(exc).splitlines()[0]})") from None
    items = doc.get("sources") if isinstance(doc, dict) else None
    if items is None and isinstance(doc, dict) and "sources" in doc:
        return []  # "sources:" with nothing under it yet
    if not isinstance(items, list):
        raise SourceError(f"{where}: expected a list under 'sources:'")
    out, names = [], set()
    for i, item in enumerate(items, start=1):
        at = f"{where}, entry {i}"
        if not isinstance(item, dict):
            raise SourceError(f"{at}: expected keys such as name, kind, path or url")
        unknown = set(item) - KEYS
        if unknown:
            raise SourceError(f"{at}: unknown key(s) {sorted(unknown)}; known: {sorted(KEYS)}")
        name = str(item.get("name") or "").strip()
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            raise SourceError(f"{at}: 'name' must be letters, digits, - or _ (got {name!r})")
        if name in names:
            raise SourceError(f"{at}: the name {name!r} is used twice")
        names.add(name)
        kind = item.get("kind")
        if kind not in KINDS:
            raise SourceError(f"{at} ({name}): 'kind' must be one of {KINDS}, got {kind!r}")
        path, url = str(item.get("path") or ""), str(item.get("url") or "")
        if bool(path) == bool(url):
            raise SourceError(f"{at} ({name}): give exactly one of 'path' and 'url'")
        if url and not url.startswith(("http://", "https://")):
            raise SourceError(f"{at} ({name}): 'url' must start with http:// or https://")
        on_failure = item.get("on_failure", "fail")
        if on_failure not in ("fail", "last_good"):
            raise SourceError(f"{at} ({name}): 'on_failure' must be fail or last_good")
        try:
            timeout = float(item.get("timeout", 30))
        except (TypeError, ValueError):
            raise SourceError(f"{at} ({name}): 'timeout' must be seconds") from None
        out.append(UserSource(name, kind, path, url, item.get("sheet"),
                              str(item.get("note") or ""), str(item.get("licence") or ""),
                              on_failure, timeout))
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fetch(src: UserSource, dest: Path) -> Path:
    """Download ``src.url`` to ``dest`` (atomically), within ``src.timeout`` seconds."""
    from .spreadsheets import write_atomic

    name = Path(urllib.request.urlparse(src.url).path).name or "download"
    req = urllib.request.Request(src.url, headers={"User-Agent": "tppo-analysis"})
    try:
        with urllib.request.urlopen(req, timeout=src.timeout) as resp:
            data = resp.read()
    except urllib.error.HTTPError as exc:
        raise SourceError(f"source {src.name!r}: {src.url} answered HTTP {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceError(f"source {src.name!r}: {src.url} did not answer within "
                          f"{src.timeout:g} s ({reason})") from None
    path = dest / name
    write_atomic(path, data)
    return path


def _files(src: UserSource, project: Path, download_dir: Path) -> list[Path]:
    if src.url:
        return [_fetch(src, download_dir)]
    pattern = src.path if Path(src.path).is_absolute() else str(project / src.path)
    if any(ch in src.path for ch in "*?["):
        found = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
        if not found:
            raise SourceError(f"source {src.name!r}: no file matches {src.path}")
        return found
    path = Path(pattern)
    if not path.is_file():
        raise SourceError(f"source {src.name!r}: {src.path} does not exist")
    return [path]


def gather(project: Path | None, work_dir: Path) -> list[dict]:
    """Every user file to read this run: ``{source, path, label, provenance}``. Fetches
    URLs into ``work_dir``; keeps a last good copy of each file in the project; falls back
    to it for entries that allow it, else raises :class:`SourceError`."""
    out = []
    for src in load_sources(project):
        keep = project / LAST_GOOD / src.name
        try:
            files = _files(src, project, work_dir / src.name)
            fallback = ""
        except SourceError as exc:
            saved = sorted(p for p in keep.glob("*") if p.is_file()) if keep.exists() else []
            if src.on_failure != "last_good" or not saved:
                raise
            files, fallback = saved, f"{exc}; used the last good copy"
        for path in files:
            stat = path.stat()
            out.append({"source": src, "path": path,
                        "label": f"mine/{src.name}/{path.name}",
                        "provenance": {
                            "name": src.name, "kind": src.kind,
                            "location": src.url or str(path), "file": path.name,
                            "bytes": stat.st_size, "sha256": _sha256(path),
                            # a fetched file was written on retrieval: its mtime is that
                            "retrieved" if src.url else "modified": dt.datetime.fromtimestamp(
                                stat.st_mtime).astimezone().isoformat(timespec="seconds"),
                            "sheet": src.sheet or "", "note": src.note,
                            "licence": src.licence, "fallback": fallback}})
    return out


def remember_good(project: Path, items: list[dict]) -> None:
    """After a successful read, keep each file as the last good copy of its source."""
    by_source: dict[str, list[Path]] = {}
    for item in items:
        if not item["provenance"]["fallback"]:
            by_source.setdefault(item["source"].name, []).append(item["path"])
    for name, paths in by_source.items():
        keep = project / LAST_GOOD / name
        if keep.exists():
            shutil.rmtree(keep)
        keep.mkdir(parents=True)
        for p in paths:
            shutil.copy2(p, keep / p.name)


def read(item: dict) -> pd.DataFrame:
    """One user file as template rows with ``_file`` (``mine/<name>/<file>``) and ``_row``."""
    from ..clean import coverage
    from . import spreadsheets

    src: UserSource = item["source"]
    expected = coverage.TEMPLATE_COLUMNS if src.kind == "coverage" else None
    table = spreadsheets.read_table(item["path"], sheet=src.sheet, expected=expected)
    df = table.data
    df["_file"] = item["label"]
    return df
