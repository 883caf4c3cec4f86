"""Helpers for the notebooks: parameter checks with clear messages (papermill passes
``-p province 11`` as an int and ``-p kabkota 11.10`` as the float 11.1)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pandas as pd

from .. import geography
from ..clean import coverage
from ..figures.maps import all_labels


class ParameterError(ValueError):
    """A notebook parameter that cannot be used."""


def check_params(**params) -> dict:
    """Validate and normalise notebook parameters; return them as clean values."""
    out = dict(params)
    if "as_of" in params:
        text = str(params["as_of"]).strip()
        try:
            out["as_of"] = (dt.date.today() if text == "today"
                            else dt.date.fromisoformat(text)).isoformat()
        except ValueError as exc:
            raise ParameterError(f"as_of must be a date like 2025-12-31, got {text!r}") from exc
    if "body" in params and params["body"] not in coverage.BODIES:
        raise ParameterError(f"body must be one of {coverage.BODIES}, got {params['body']!r}")
    if "lang" in params and params["lang"] not in all_labels():
        raise ParameterError(f"lang must be one of {list(all_labels())}, got "
                             f"{params['lang']!r}")
    if "province" in params:
        out["province"] = province_code(params["province"])
    if "min_basis" in params and params["min_basis"] not in ("all", *coverage.BASES):
        raise ParameterError(f"min_basis must be 'all' or one of {coverage.BASES}, got "
                             f"{params['min_basis']!r}")
    if "per_capita" in params:
        out["per_capita"] = _flag("per_capita", params["per_capita"])
    if "k" in params:
        k = params["k"]
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 100:
            raise ParameterError(f"k (suppression threshold) must be a whole number from 1 "
                                 f"to 100, got {k!r}")
    for key in ("dataset", "period", "agency", "metric"):
        if key in params:
            text = params[key]
            if not isinstance(text, str) or not text.strip() or "\n" in text:
                raise ParameterError(f"{key} must be a one-line text, got {text!r}")
            out[key] = text.strip()
    return out


def _flag(key: str, value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "ya"):
        return True
    if text in ("false", "no", "0", "tidak"):
        return False
    raise ParameterError(f"{key} must be True or False, got {value!r}")


def province_code(value) -> str:
    """A province parameter (name, code as text, or an int from papermill) -> its code."""
    if isinstance(value, bool) or value is None:
        raise ParameterError(f"province must be a name or code, got {value!r}")
    if isinstance(value, float):
        raise ParameterError(f"province {value!r} arrived as a number; pass it as text, "
                             "e.g. -r province 11 or -p province '\"Jawa Barat\"'")
    text = f"{value:02d}" if isinstance(value, int) else str(value)
    res = geography.resolve([text], "province", code_system="kemendagri" if text.isdigit()
                          else None).iloc[0]
    if res["match"] in ("unresolved", "ambiguous") or not isinstance(res["code"], str):
        raise ParameterError(f"province {value!r}: {res['note']}")
    return res["code"]


_URL = re.compile(r"https?://[^\s)\]>\"']+")
_PAREN = re.compile(r"\(([^()]*)\)\s*$")
_SEP = "\x1f"


def source_label(source, publisher="", published="") -> tuple[str, str]:
    """(url, short text) of a source: the publisher (or the web site's name) and the date,
    e.g. ("https://…", "ANTARA, 2022-12-20"); a source without a URL keeps its words."""
    text = "" if source is None or (isinstance(source, float) and pd.isna(source)) \
        else str(source).strip()
    m = _URL.search(text)
    url = m.group(0) if m else ""
    who = "" if publisher is None or pd.isna(publisher) else str(publisher).strip()
    when = "" if published is None or pd.isna(published) else str(published).strip()
    rest = _PAREN.search(text[m.end():] if m else "")
    if rest and not who:  # "https://… (ANTARA, 2022; KemenPPPA Media Talk)"
        parts = [p.strip() for p in re.split(r"[;,]", rest.group(1)) if p.strip()]
        if parts:
            who, when = parts[0], when or (parts[1] if len(parts) > 1 else "")
    if not who and url:
        who = urlsplit(url).netloc.removeprefix("www.").removeprefix("m.")
    if not url:
        return "", text if len(text) <= 80 else text[:77] + "..."
    return url, ", ".join(x for x in (who, when) if x)


def _link(cell: str) -> str:
    url, _, label = cell.partition(_SEP)
    if not url:
        return label
    return f"<a href=\"{url}\" target=\"_blank\" rel=\"noopener\">{label or url}</a>"


def table(df, caption: str | None = None):
    """A table for a report: no index column, empty cells for missing values, and every cell
    HTML-escaped (a name or quote holding ``<script>`` is shown as text, never run).

    A ``source`` column is shown as a short link (publisher, date) to its address; the
    ``publisher`` and ``published`` columns it uses are folded into it."""
    formatters = {}
    if "source" in df.columns:
        pub = df["publisher"] if "publisher" in df.columns else [""] * len(df)
        day = df["published"] if "published" in df.columns else [""] * len(df)
        df = df.drop(columns=[c for c in ("publisher", "published") if c in df.columns])
        df = df.assign(source=[_SEP.join(source_label(s, p, d)) if str(s).strip() and not
                               (isinstance(s, float) and pd.isna(s)) else ""
                               for s, p, d in zip(df["source"], pub, day, strict=True)])
        formatters["source"] = _link
    styler = df.style.hide(axis="index").format(formatters or None, escape="html", na_rep="")
    return styler.set_caption(caption) if caption else styler


def own_data(file: str = "", kind: str = "coverage", sheet: str = ""
             ) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(kept, rejected, what) of a researcher's own data: the file given, read and cleaned
    now exactly as `tppo validate` does; or, with no file, the project's own sources that
    the last `tppo clean` read (``sources.yaml``). Kept rows carry ``origin`` = ``mine``."""
    from pathlib import Path

    from ..clean import pipeline, user_table
    from ..clean.rejects import CleaningError
    from ..raw import spreadsheets

    if kind not in ("coverage", "cases"):
        raise ParameterError(f"kind must be coverage or cases, got {kind!r}")
    if not str(file).strip():
        kept = pipeline.load(kind)
        kept = kept[kept["origin"] == "mine"] if "origin" in kept else kept.iloc[0:0]
        rej = pipeline.load_rejects(kind)
        rej = rej[rej["source_file"].str.startswith("mine/")]
        return kept.reset_index(drop=True), rej.reset_index(drop=True), "sources.yaml"
    path = Path(str(file)).expanduser()
    try:
        result, _ = user_table.clean_file(path, kind, sheet=str(sheet) or None,
                                          source_file=f"mine/{path.name}")
    except (spreadsheets.TableError, CleaningError) as exc:
        raise ParameterError(str(exc)) from None
    kept = result.kept.assign(origin="mine")
    return kept, result.rejected, str(path)


def own_maps(kept: pd.DataFrame, kind: str, body: str, lang: str = "en") -> list:
    """Province and kab/kota maps of the shipped evidence with a researcher's own coverage
    facts added (their hover names their source); none for case data."""
    from .. import metrics
    from ..figures import maps

    if kind != "coverage":
        return []
    both = combined_coverage(kept)
    lab = maps.labels(lang)
    mine = f"{len(kept)} {lab['own_facts']}"
    prov = metrics.area_status(both, "province", body)
    kab = metrics.area_status(both, "kabkota", body)
    return [maps.status_map(prov, lang=lang, title=f"{body}: {lab['shipped_and_own']}",
                            caveats=[mine, lab["papua"]]),
            maps.kabkota_map(kab, body, lang=lang, caveats=[mine, lab["papua"]])]


def combined_coverage(kept: pd.DataFrame) -> pd.DataFrame:
    """The shipped coverage facts with a researcher's own (``origin`` = ``mine``) added."""
    from ..clean import pipeline

    shipped = pipeline.from_sources(pipeline.load("coverage"), "shipped")
    return pd.concat([shipped, kept], ignore_index=True)
