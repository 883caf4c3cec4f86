"""Tables for the data-quality report: what cleaning kept and rejected, why, which place
names could not be placed, and the provenance of every raw file (from the manifest)."""

from __future__ import annotations

import pandas as pd

from .. import config
from ..clean import pipeline
from ..raw import manifest

KINDS = ("coverage", "cases")


def by_file() -> pd.DataFrame:
    """Per raw file: raw rows, records, kept, rejected (records = kept + rejected)."""
    steps = pipeline.summary()["steps"]
    rows = [{"table": kind, **f} for kind in KINDS for f in steps[kind].get("files", [])]
    return pd.DataFrame(rows, columns=["table", "file", "rows", "records", "kept", "rejected"])


def _rejects() -> pd.DataFrame:
    frames = [pipeline.load_rejects(kind).assign(table=kind) for kind in KINDS]
    return pd.concat(frames, ignore_index=True)


def reasons() -> pd.DataFrame:
    """Rejected records counted by table and reason."""
    rej = _rejects()
    return (rej.groupby(["table", "reason"]).size().rename("rows").reset_index()
            .sort_values(["table", "rows"], ascending=[True, False]).reset_index(drop=True))


def unplaced() -> pd.DataFrame:
    """Place names that did not resolve (unknown or ambiguous), with how often they occur."""
    rej = _rejects()
    sel = rej[rej["reason"].str.contains("unresolved|ambiguous", regex=True)]
    return (sel.groupby(["table", "column", "value", "reason"]).size().rename("rows")
            .reset_index().sort_values("rows", ascending=False).reset_index(drop=True))


def rejected(max_rows: int = 200, k: int = 5) -> pd.DataFrame:
    """The rejected records themselves (file, row, column, value, reason), first ``max_rows``.
    A rejected case count from 1 to k-1 is shown as "< k", like every case figure."""
    from ..clean.parsers import number_column
    from ..metrics import suppress

    rej = _rejects()[["table", "source_file", "source_row", "column", "value", "reason"]]
    is_count = (rej["table"] == "cases") & (rej["column"] == "value")
    nums = number_column(rej["value"].where(is_count, ""))["value"].astype("Float64")
    shown, label = suppress(nums, k)
    rej["value"] = rej["value"].mask(shown.isna() & nums.notna(), label)
    return rej.head(int(max_rows))


def sources() -> pd.DataFrame:
    """Every raw file with its source, licence, retrieval date and checksum."""
    pkg = manifest.load()
    rows = []
    for res in pkg["resources"]:
        rows.append({
            "file": res["path"], "title": res.get("title", ""),
            "source": "; ".join(s.get("path") or s.get("title", "")
                                for s in res.get("sources", [])),
            "licence": "; ".join(lic.get("name", "") for lic in res.get("licenses", [])),
            "retrieved": res.get("retrieved", ""),
            "sha256": res.get("hash", "").removeprefix("sha256:")[:12]})
    return pd.DataFrame(rows)


def no_evidence_searches() -> pd.DataFrame:
    """The roster's record of provinces and bodies searched without result."""
    path = config.RAW_DIR / "roster" / "no_evidence_searches.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def roster_unused() -> pd.DataFrame:
    """Roster facts found but not usable in the template, with the reason."""
    path = config.RAW_DIR / "roster" / "coverage_roster_unused.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    return df[["level", "province", "kabkota", "body", "status", "as_of", "source",
               "unused_reason"]]


def user_sources() -> pd.DataFrame:
    """The project's own files read by the last `tppo clean` (``sources.yaml``): path or
    URL, size, sha256, modification or retrieval time, and any fallback to a last good copy."""
    path = pipeline.ensure_built() / "user_sources.csv"
    if not path.exists():
        return pd.DataFrame(columns=pipeline.USER_PROVENANCE)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def source_conflicts(coverage: pd.DataFrame | None = None, as_of=None) -> pd.DataFrame:
    """Areas where the latest fact from the project's own sources and the latest shipped
    fact disagree on the status of a body. Both stay in the data; this lists them."""
    from .. import metrics
    from ..clean import coverage as cov_mod

    cov = pipeline.load("coverage") if coverage is None else coverage
    cols = ["level", "area_code", "area_name", "body", "mine", "mine_as_of", "mine_source",
            "shipped", "shipped_as_of", "shipped_source"]
    if "origin" not in cov.columns or not (cov["origin"] == "mine").any():
        return pd.DataFrame(columns=cols)
    out = []
    for level in ("province", "kabkota"):
        for body in cov_mod.BODIES:
            mine = metrics.area_status(cov[cov["origin"] == "mine"], level, body, as_of)
            shipped = metrics.area_status(cov[cov["origin"] == "shipped"], level, body, as_of)
            both = mine.merge(shipped, on=["area_code", "area_name"], suffixes=("_m", "_s"))
            differ = both[(both["status_m"] != "no_evidence")
                          & (both["status_s"] != "no_evidence")
                          & (both["status_m"] != both["status_s"])]
            for _, r in differ.iterrows():
                out.append({"level": level, "area_code": r["area_code"],
                            "area_name": r["area_name"], "body": body,
                            "mine": r["status_m"], "mine_as_of": r["evidence_as_of_m"],
                            "mine_source": r["source_m"], "shipped": r["status_s"],
                            "shipped_as_of": r["evidence_as_of_s"],
                            "shipped_source": r["source_s"]})
    return pd.DataFrame(out, columns=cols)
