"""What changed since the last report run, from a small snapshot kept next to the reports.

Each successful `tppo report` keeps ``reports/_snapshot/``: the cleaned coverage table, the
keys of the rejected rows and the run's date. The next run compares against it: facts added
and facts no longer present, status changes of every province and kab/kota body, and new
rejected rows. The result goes to the index page and to ``reports/changes.csv``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd

SNAPSHOT = "_snapshot"
FACT_KEY = ["level", "area_code", "body", "status", "as_of", "count", "source", "source_file"]
REJECT_KEY = ["table", "source_file", "source_row", "column", "reason"]
COLUMNS = ["change", "level", "area_code", "area_name", "body", "before", "after", "as_of",
           "evidence", "source", "source_file", "source_row", "reason"]


def _rejects(processed: Path) -> pd.DataFrame:
    frames = []
    for kind in ("coverage", "cases"):
        path = processed / "rejects" / f"{kind}_rejects.csv"
        if path.exists():
            frames.append(pd.read_csv(path, dtype=str, keep_default_na=False).assign(table=kind))
    if not frames:
        return pd.DataFrame(columns=REJECT_KEY)
    return pd.concat(frames, ignore_index=True)[REJECT_KEY]


def take_snapshot(processed: Path, dest: Path, when: str | None = None) -> None:
    """Keep what the next run compares against (a few hundred kB)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(processed / "coverage.parquet", dest / "coverage.parquet")
    _rejects(processed).to_csv(dest / "rejects.csv", index=False)
    stamp = when or dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    (dest / "meta.json").write_text(json.dumps({"date": stamp}) + "\n", encoding="utf-8")


def _keys(df: pd.DataFrame, cols: list[str]) -> pd.Series:
    return df.reindex(columns=cols).astype("string").fillna("").agg("\x1f".join, axis=1)


def compare(previous: Path | None, processed: Path, today=None) -> dict:
    """Changes from the snapshot in ``previous`` to the tables in ``processed``:
    ``{"since": date or None, "table": DataFrame (COLUMNS), "counts": {...}}``."""
    from .. import metrics
    from ..clean import coverage as cov_mod
    from ..figures import maps

    if previous is None or not (previous / "meta.json").exists():
        return {"since": None, "table": pd.DataFrame(columns=COLUMNS), "counts": {}}
    since = json.loads((previous / "meta.json").read_text(encoding="utf-8"))["date"]
    before = pd.read_parquet(previous / "coverage.parquet")
    after = pd.read_parquet(processed / "coverage.parquet")
    rows = []
    kb, ka = _keys(before, FACT_KEY), _keys(after, FACT_KEY)
    for change, df, mask in (("new fact", after, ~ka.isin(set(kb))),
                             ("fact no longer present", before, ~kb.isin(set(ka)))):
        for _, r in df[mask.to_numpy()].iterrows():
            rows.append({"change": change, "level": r["level"], "area_code": r["area_code"],
                         "area_name": r["area_name"], "body": r["body"],
                         "after" if change == "new fact" else "before": r["status"],
                         "as_of": r["as_of"], "evidence": r.get("decree", ""),
                         "source": r["source"], "source_file": r["source_file"],
                         "source_row": r["source_row"]})
    day = today or dt.date.today().isoformat()
    for level in ("province", "kabkota"):
        for body in cov_mod.BODIES:
            old = metrics.area_status(before, level, body, day)
            new = metrics.area_status(after, level, body, day)
            both = new.merge(old[["area_code", "status"]], on="area_code",
                             suffixes=("", "_before"))
            moved = both[both["status"] != both["status_before"]]
            words = maps.evidence_words(moved, "en")
            for (_, r), evidence in zip(moved.iterrows(), words, strict=True):
                rows.append({"change": "status", "level": level, "area_code": r["area_code"],
                             "area_name": r["area_name"], "body": body,
                             "before": r["status_before"], "after": r["status"],
                             "as_of": r["evidence_as_of"], "evidence": evidence,
                             "source": r["source"], "publisher": r.get("publisher", ""),
                             "published": r.get("published", "")})
    ra = _rejects(processed)
    rb = (pd.read_csv(previous / "rejects.csv", dtype=str, keep_default_na=False)
          if (previous / "rejects.csv").exists() else pd.DataFrame(columns=REJECT_KEY))
    fresh = ra[~_keys(ra, REJECT_KEY).isin(set(_keys(rb, REJECT_KEY)))]
    for _, r in fresh.iterrows():  # no values: a rejected case count may be small
        rows.append({"change": "new rejected row", "level": r["table"],
                     "source_file": r["source_file"], "source_row": r["source_row"],
                     "reason": f"{r['column']}: {r['reason']}"})
    table = pd.DataFrame(rows, columns=[*COLUMNS, "publisher", "published"])
    table["source_row"] = pd.to_numeric(table["source_row"], errors="coerce").astype("Int64")
    table = table.astype("string").fillna("")
    counts = table["change"].value_counts().to_dict()
    return {"since": since, "table": table, "counts": counts}


def status_lines(result: dict, lang: str = "en", limit: int = 60) -> list[dict]:
    """Status changes in words, each ``{"text", "url", "source"}``: "Jawa Tengah GT
    PP-TPPO: no evidence → formed, Pergub 25/2024" and its source's short label."""
    from ..figures import maps
    from .notebook import source_label

    lab = maps.labels(lang)
    t = result["table"]
    t = t[t["change"] == "status"]
    out = []
    for _, r in t.head(limit).iterrows():
        text = (f"{r['area_name']} {r['body']}: {lab.get(r['before'], r['before'])} → "
                f"{lab.get(r['after'], r['after'])}")
        url, label = source_label(r["source"], r.get("publisher", ""), r.get("published", ""))
        out.append({"text": text + (f", {r['evidence']}" if r["evidence"] else ""),
                    "url": url, "source": label})
    return out
