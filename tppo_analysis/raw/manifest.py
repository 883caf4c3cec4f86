"""The raw-data manifest: ``data/raw/datapackage.json`` (a Frictionless Data Package).

Every file under ``data/raw/`` has a resource entry with title, sources, licences, retrieval
date, sha256 and size; tabular files also carry a field schema. :func:`verify` lists every
file that is missing from the manifest, listed but absent, or whose checksum differs.

Why not the ``frictionless`` library for this: what the project needs on every `tppo clean`
is the three checks above, which take a few lines of hashlib; frictionless 5 would add 18
packages to the install (petl, typer, rich, marko, validators ...) and its validation of the
table contents duplicates, less strictly, what the cleaners do row by row with reasons. The
file stays a valid Data Package, so anyone can run ``frictionless validate
data/raw/datapackage.json`` on it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

from .. import config
from ..errors import OneLineError

MANIFEST_NAME = "datapackage.json"
REQUIRED_KEYS = ("name", "path", "title", "sources", "licenses", "retrieved", "hash", "bytes")




class ManifestError(OneLineError, ValueError):
    """data/raw/ and its manifest disagree (a file changed, appeared or went missing)."""

def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load(manifest: Path | None = None) -> dict:
    """The manifest as a dict."""
    return json.loads((manifest or config.MANIFEST).read_text(encoding="utf-8"))


def raw_files(raw_dir: Path | None = None) -> list[str]:
    """Paths (relative, POSIX) of every file under data/raw/ except the manifest itself."""
    root = raw_dir or config.RAW_DIR
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")
    )


def verify(raw_dir: Path | None = None) -> list[str]:
    """Problems with the manifest, one sentence each; empty when all is well."""
    root = raw_dir or config.RAW_DIR
    pkg = load(root / MANIFEST_NAME)
    problems: list[str] = []
    listed = {}
    for res in pkg.get("resources", []):
        missing_keys = [k for k in REQUIRED_KEYS if not res.get(k)]
        if missing_keys:
            problems.append(f"{res.get('path', '?')}: manifest entry lacks {missing_keys}")
        listed[res.get("path")] = res
    for rel in raw_files(root):
        if rel not in listed:
            problems.append(f"{rel}: file in data/raw/ is not in {MANIFEST_NAME}")
    for rel, res in listed.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"{rel}: listed in {MANIFEST_NAME} but not on disk")
            continue
        digest = sha256(path)
        if res.get("hash") != f"sha256:{digest}":
            problems.append(f"{rel}: sha256 {digest} differs from the manifest's {res.get('hash')}")
        if res.get("bytes") != path.stat().st_size:
            problems.append(f"{rel}: size {path.stat().st_size} differs from the manifest")
    return problems


def infer_schema(path: Path) -> dict:
    """A Frictionless table schema for a CSV: codes stay strings, numbers where all are."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        cols: list[list[str]] = [[] for _ in header]
        for row in reader:
            for i, val in enumerate(row[: len(header)]):
                if val != "":
                    cols[i].append(val)
    fields = []
    for name, vals in zip(header, cols, strict=True):
        typ = "string"
        if "code" not in name.lower() and vals:
            if all(re.fullmatch(r"-?\d+", v) for v in vals):
                typ = "integer"
            elif all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in vals):
                typ = "number"
        fields.append({"name": name, "type": typ})
    return {"fields": fields}


def refresh(raw_dir: Path | None = None) -> list[str]:
    """Recompute hash, size and CSV schema of every listed file; return the paths updated.

    Descriptive metadata (title, sources, licences, retrieval date) is edited by hand; this
    only refreshes what can be computed, after a deliberate change to a raw file.
    """
    root = raw_dir or config.RAW_DIR
    path = root / MANIFEST_NAME
    pkg = load(path)
    changed = []
    for res in pkg["resources"]:
        f = root / res["path"]
        if not f.is_file():
            continue
        new = {"hash": f"sha256:{sha256(f)}", "bytes": f.stat().st_size}
        if f.suffix == ".csv":
            new["schema"] = infer_schema(f)
        if any(res.get(k) != v for k, v in new.items()):
            res.update(new)
            changed.append(res["path"])
    path.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed
