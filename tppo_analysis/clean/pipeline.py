"""``tppo clean``: rebuild ``data/processed/`` from ``data/raw/``, deterministically.

Outputs (CSV for people, Parquet for code; same rows): ``coverage``, ``cases``,
``population``; rejects under ``rejects/``; ``summary.json``. Every file is written to a
temporary name and renamed, so an interrupted run leaves no half-written file; two runs on the
same raw data give byte-identical files (no timestamps, stable sort orders).
"""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pandas as pd

from .. import config, geography
from ..raw import manifest, shipped, spreadsheets, user_sources
from .kinds import clean_as
from .rejects import Cleaned

OUTPUTS = ("coverage", "cases", "population")
USER_PROVENANCE = ["name", "kind", "location", "file", "bytes", "sha256", "modified",
                   "retrieved", "sheet", "note", "licence", "fallback"]
SOURCES_ENV = "TPPO_SOURCES"  # all | shipped | mine: which facts load() gives (tppo report)


def data_version(raw_dir: Path | None = None) -> str:
    """Short fingerprint of the raw data (sha256 of its manifest)."""
    return manifest.sha256((raw_dir or config.RAW_DIR) / manifest.MANIFEST_NAME)[:12]


def clean_inputs(kind: str, raw_dir: Path | None = None, today: date | None = None,
                 user_items: list[dict] | None = None) -> tuple[Cleaned, list[dict]]:
    """Clean every raw input of one kind together, the project's own files (``user_items``,
    see :mod:`user_sources`) with the shipped ones; returns the result and per-file counts.
    Kept and rejected rows say where they came from: ``origin`` is ``shipped`` or ``mine``."""
    frames, per_file = [], []
    root = raw_dir or config.RAW_DIR
    for item in shipped.RAW_INPUTS:
        if item.kind != kind:
            continue
        if not (root / item.path).exists():
            raise FileNotFoundError(f"{root / item.path}: raw input listed in "
                                    "tppo_analysis/raw/shipped.py is missing")
        frames.append(shipped.read_input(item, root))
        per_file.append({"file": item.path, "origin": "shipped"})
    for item in user_items or []:
        if item["source"].kind == kind:
            frames.append(user_sources.read(item))
            per_file.append({"file": item["label"], "origin": "mine"})
    for entry, df in zip(per_file, frames, strict=True):
        entry.update(rows=int(df["_row"].nunique()), records=len(df))
    raw = pd.concat(frames, ignore_index=True)
    result = clean_as(kind, raw, today=today)
    for table in (result.kept, result.rejected):
        mine = table["source_file"].astype("string").str.startswith("mine/").fillna(False)
        table["origin"] = pd.Series(["mine" if m else "shipped" for m in mine],
                                    index=table.index, dtype="string")
    for entry in per_file:
        f = entry["file"]
        entry["kept"] = int((result.kept["source_file"] == f).sum())
        entry["rejected"] = int((result.rejected["source_file"] == f).sum())
    return result, per_file


def population() -> pd.DataFrame:
    """Population by province and kab/kota (Dukcapil, Dec 2024), codes checked."""
    prov = pd.read_csv(config.RAW_DIR / "population/population_by_province.csv", dtype=str)
    reg = pd.read_csv(config.RAW_DIR / "population/population_by_regency.csv", dtype=str)
    prov = prov[prov["prov_code"] != "0"]
    out = pd.concat([
        pd.DataFrame({"level": "province", "area_code": prov["prov_code"].str.zfill(2),
                      "total": prov["total"], "as_of": prov["as_of"]}),
        pd.DataFrame({"level": "kabkota", "area_code": reg["regency_code"],
                      "total": reg["total"], "as_of": reg["as_of"]}),
    ], ignore_index=True)
    out["population"] = out.pop("total").astype("Int64")
    prov, kab = geography.provinces(), geography.kabkota()
    names = {**dict(zip(prov["code"], prov["name"], strict=True)),
             **dict(zip(kab["code"], kab["name"], strict=True))}
    out["area_name"] = out["area_code"].map(names)
    unknown = out.loc[out["area_name"].isna(), "area_code"].tolist()
    if unknown or len(out) != 38 + 514:
        raise ValueError(f"population: codes not in the code list {unknown} or wrong row count")
    out["source"] = "Ditjen Dukcapil Kemendagri, Data Kependudukan Semester II 2024"
    return out[["level", "area_code", "area_name", "population", "as_of", "source"]]


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype("string")
    return out


def _parquet_bytes(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow", compression="zstd")
    return buf.getvalue()


def write_outputs(name: str, df: pd.DataFrame, out_dir: Path) -> list[Path]:
    """CSV (for people) and Parquet (for code) of one table, atomically."""
    csv_path, pq_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
    spreadsheets.write_csv(_csv_frame(df), csv_path)
    spreadsheets.write_atomic(pq_path, _parquet_bytes(df.reset_index(drop=True)))
    return [csv_path, pq_path]


def run_clean(out_dir: Path | None = None, today: date | None = None) -> dict:
    """Rebuild every processed table; return the summary (also written as summary.json)."""
    out = out_dir or config.PROCESSED_DIR
    for stale in out.rglob(".*.tmp") if out.exists() else []:  # left by a killed run
        stale.unlink(missing_ok=True)
    problems = manifest.verify()
    if problems:
        raise manifest.ManifestError(
            f"data/raw/ does not match its manifest ({len(problems)} problem(s): "
            f"{'; '.join(problems[:3])}{' ...' if len(problems) > 3 else ''}); after a "
            "deliberate change run `tppo manifest --refresh`")
    project = config.find_project()
    mine = user_sources.gather(project, out / "mine_downloads")
    summary: dict = {"data_version": data_version(), "steps": {}}
    for kind in ("coverage", "cases"):
        result, per_file = clean_inputs(kind, today=today, user_items=mine)
        write_outputs(kind, result.kept, out)
        spreadsheets.write_csv(result.rejected, out / "rejects" / f"{kind}_rejects.csv")
        summary["steps"][kind] = {**result.summary, "files": per_file}
    provenance = [item["provenance"] for item in mine]
    spreadsheets.write_csv(pd.DataFrame(provenance, columns=USER_PROVENANCE),
                           out / "user_sources.csv")
    if provenance:
        summary["user_sources"] = provenance
    pop = population()
    write_outputs("population", pop, out)
    summary["steps"]["population"] = {"rows_in": len(pop), "kept": len(pop), "rejected": 0}
    from ..geography import boundaries

    for level in ("province", "kabkota"):  # the simplified boundaries the maps draw
        boundaries.build_web(level, out)
    text = json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    spreadsheets.write_atomic(out / "summary.json", text.encode("utf-8"))
    if project is not None and mine:
        user_sources.remember_good(project, mine)
    return summary


def say(message: str) -> None:
    """One line on stderr about work done on the user's behalf (a build on first use)."""
    import sys

    print(f"tppo: {message}", file=sys.stderr, flush=True)


def ensure_built(processed_dir: Path | None = None) -> Path:
    """The processed folder, built first (and said so, on one line) when it is missing or
    older than the raw data; otherwise nothing is written."""
    out = processed_dir or config.PROCESSED_DIR
    summary_file = out / "summary.json"
    if not summary_file.exists():
        say(f"no processed tables in {out}; building them now (as `tppo clean` does)")
    else:
        built = json.loads(summary_file.read_text(encoding="utf-8")).get("data_version")
        current = data_version()
        if built == current and all((out / f"{n}.parquet").exists() for n in OUTPUTS):
            return out
        say(f"the processed tables in {out} are not those of the raw data "
            f"({built} vs {current}); rebuilding them now (as `tppo clean` does)")
    run_clean(out)
    return out


def load(name: str, processed_dir: Path | None = None, level: str = "province"
         ) -> pd.DataFrame:
    """A cleaned dataset: ``coverage``, ``cases``, ``population`` (tables) or ``boundaries``
    (a GeoDataFrame of ``level`` province or kabkota). Reads what `tppo clean` built (in a
    project) or what the package ships (anywhere else); builds it first, saying so on one
    line, only when it is missing or out of date. Provenance: :func:`provenance`."""
    if name == "boundaries":
        from ..geography import boundaries

        ensure_built(processed_dir)
        return boundaries.load_boundaries(level)
    if name not in OUTPUTS:
        raise ValueError(f"unknown dataset {name!r}; one of {(*OUTPUTS, 'boundaries')}")
    df = pd.read_parquet(ensure_built(processed_dir) / f"{name}.parquet")
    return from_sources(df, os.environ.get(SOURCES_ENV, "all"))


def from_sources(df: pd.DataFrame, which: str = "all") -> pd.DataFrame:
    """The rows of the shipped data (``shipped``), of the project's own sources (``mine``),
    or both (``all``)."""
    if which not in ("all", "shipped", "mine"):
        raise ValueError(f"sources must be all, shipped or mine, got {which!r}")
    if which == "all" or "origin" not in df.columns:
        return df
    return df[df["origin"] == which].reset_index(drop=True)


def summary(processed_dir: Path | None = None) -> dict:
    """The summary of the last ``tppo clean`` (built first when missing, see :func:`load`)."""
    out = ensure_built(processed_dir)
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def provenance() -> dict:
    """The raw data's manifest (Frictionless Data Package): every source file with its
    publisher, address, retrieval date, licence and sha256."""
    return manifest.load()


def load_rejects(kind: str, processed_dir: Path | None = None) -> pd.DataFrame:
    path = (processed_dir or config.PROCESSED_DIR) / "rejects" / f"{kind}_rejects.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def format_summary(summary: dict) -> str:
    """The summary as lines for the terminal."""
    lines = [f"data version {summary['data_version']}"]
    for kind, step in summary["steps"].items():
        lines.append(f"{kind}: {step['rows_in']} rows in, {step['kept']} kept, "
                     f"{step['rejected']} rejected")
        for f in step.get("files", []):
            lines.append(f"  {f['file']}: {f['rows']} raw rows -> {f['records']} records, "
                         f"{f['kept']} kept, {f['rejected']} rejected")
        for reason, n in list(step.get("reject_reasons", {}).items())[:8]:
            lines.append(f"    {n:>4} x {reason}")
    return "\n".join(lines)
