"""Helpers for the notebooks: parameter checks with clear messages (papermill passes
``-p province 11`` as an int and ``-p regency 11.10`` as the float 11.1)."""

from __future__ import annotations

import datetime as dt

from . import coverage, regions
from .maps import LABELS


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
    if "lang" in params and params["lang"] not in LABELS:
        raise ParameterError(f"lang must be one of {list(LABELS)}, got {params['lang']!r}")
    if "province" in params:
        out["province"] = province_code(params["province"])
    if "per_capita" in params:
        out["per_capita"] = _flag("per_capita", params["per_capita"])
    if "k" in params:
        k = params["k"]
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 100:
            raise ParameterError(f"k (suppression threshold) must be a whole number from 1 "
                                 f"to 100, got {k!r}")
    for key in ("dataset", "period"):
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
    res = regions.resolve([text], "province", code_system="kemendagri" if text.isdigit()
                          else None).iloc[0]
    if res["match"] in ("unresolved", "ambiguous") or not isinstance(res["code"], str):
        raise ParameterError(f"province {value!r}: {res['note']}")
    return res["code"]


def table(df, caption: str | None = None):
    """A table for a report: no index column, empty cells for missing values, and every cell
    HTML-escaped (a name or quote holding ``<script>`` is shown as text, never run)."""
    styler = df.style.hide(axis="index").format(escape="html", na_rep="")
    return styler.set_caption(caption) if caption else styler
