"""Choropleths of coverage and case figures that never drop an area silently, their words
(``reference/labels.yaml``) and caveats; :mod:`.offline` makes them draw with no network.

Plotly's ``px.choropleth`` drops data rows whose code has no feature without a word; here
that is an error listing them. Exterior rings come clockwise from :mod:`..geography.boundaries`.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources

import pandas as pd

from ..geography import boundaries

STATUS_COLORS = {"formed": "#1a9850", "reforming": "#66bd63", "inactive": "#a6d96a",
                 "in_process": "#fdae61",
                 "dissolved": "#762a83", "not_formed": "#d73027", "no_evidence": "#e0e0e0"}



class MapError(ValueError):
    """Data that cannot be drawn faithfully (codes without a feature)."""


@lru_cache(maxsize=1)
def all_labels() -> dict[str, dict[str, str]]:
    """Every language's words, from ``reference/labels.yaml``."""
    import yaml

    text = (resources.files("tppo_analysis") / "reference" / "labels.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def labels(lang: str) -> dict[str, str]:
    """The words of one language (``reference/labels.yaml``)."""
    words = all_labels()
    if lang not in words:
        raise MapError(f"unknown language {lang!r}; use one of {sorted(words)}")
    return words[lang]


@lru_cache(maxsize=2)
def _geojson(level: str) -> dict:
    return boundaries.web_geojson(level)


def _subset(level: str, codes: pd.Series) -> dict:
    """The boundaries of just these codes (a province profile carries its own kab/kota,
    not all 514)."""
    full = _geojson(level)
    want = set(codes.dropna().astype(str))
    if len(want) == len(full["features"]):
        return full
    return {**full, "features": [f for f in full["features"] if f["id"] in want]}


@lru_cache(maxsize=2)
def _feature_bounds(level: str) -> dict[str, tuple[float, float, float, float]]:
    """(west, south, east, north) of every feature, by code."""
    import numpy as np

    out = {}
    for feat in _geojson(level)["features"]:
        geom = feat["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        xy = np.concatenate([np.asarray(ring, dtype="float64")[:, :2]
                             for poly in polys for ring in poly])
        out[feat["id"]] = (*xy.min(axis=0), *xy.max(axis=0))
    return out


def extent(codes, level: str, margin: float = 0.03) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges that hold every feature of ``codes`` with a small margin:
    the map is drawn to the extent of its own regions, so it fills its frame and nothing
    (the eastern end of Papua included) is clipped."""
    bounds = _feature_bounds(level)
    boxes = [bounds[c] for c in set(pd.Series(codes).dropna().astype(str)) if c in bounds]
    if not boxes:
        raise MapError(f"no {level} feature to draw")
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_x = max((east - west) * margin, 0.02)
    pad_y = max((north - south) * margin, 0.02)
    return [west - pad_x, east + pad_x], [south - pad_y, north + pad_y]


def check_codes(codes: pd.Series, level: str) -> None:
    """Raise MapError listing every data code without a feature on the map."""
    have = {f["id"] for f in _geojson(level)["features"]}
    missing = sorted(set(codes.dropna().astype(str)) - have)
    if missing:
        raise MapError(f"{len(missing)} code(s) have no {level} feature and would be dropped "
                       f"from the map: {missing}")


def _hover(df: pd.DataFrame, text_cols: dict[str, str]) -> list[str]:
    out = []
    for _, r in df.iterrows():
        parts = [f"<b>{html.escape(str(r['area_name']))}</b>"]
        for col, label in text_cols.items():
            val = r.get(col, "")
            if val is not None and not (isinstance(val, float) and pd.isna(val)) and \
                    str(val) not in ("", "<NA>", "nan"):
                parts.append(f"{html.escape(label)}: {html.escape(str(val)[:120])}")
        out.append("<br>".join(parts))
    return out


def evidence_words(status: pd.DataFrame, lang: str = "en") -> pd.Series:
    """What the evidence is, in words: the decree when there is one ("Pergub 54/2013"), else
    its basis ("official statement, 2025")."""
    lab = labels(lang)
    decree = status.get("decree", pd.Series("", index=status.index)).fillna("").astype(str)
    basis = status.get("basis", pd.Series("", index=status.index)).fillna("").astype(str)
    year = status.get("evidence_as_of", pd.Series("", index=status.index)).fillna("").astype(
        str).str[:4]
    words = basis.map(lambda b: lab.get(f"basis_{b}", "") if b else "")
    text = (words + ", " + year).where((words != "") & (year != ""), words)
    return decree.where(decree.str.strip() != "", text)


def _status_z(status: pd.DataFrame) -> pd.Series:
    order = list(STATUS_COLORS)
    return status["status"].map({st: i for i, st in enumerate(order)}).astype(float)


def _status_hover(status: pd.DataFrame, lab: dict[str, str], lang: str) -> list[str]:
    return _hover(status.assign(status_label=status["status"].map(lab),
                                evidence=evidence_words(status, lang)),
                  {"status_label": lab["status"], "evidence_as_of": lab["as_of"],
                   "evidence": lab["evidence"], "source": lab["source"]})




def status_map(status: pd.DataFrame, level: str = "province", *, lang: str = "en",
               title: str = "", caveats: list[str] | None = None,
               classes: list[str] | None = None):
    """A discrete choropleth of :func:`metrics.area_status` output (one trace per class, so
    the legend always shows every class, "no evidence" included; rare classes only when
    present, or when named in ``classes``)."""
    import plotly.graph_objects as go

    lab = labels(lang)
    check_codes(status["area_code"], level)
    n = len(STATUS_COLORS)
    scale = []
    for i, color in enumerate(STATUS_COLORS.values()):  # a stepped scale: one colour a class
        scale += [[i / n, color], [(i + 1) / n, color]]
    fig = go.Figure(go.Choropleth(
        geojson=_subset(level, status["area_code"]), locations=status["area_code"],
        featureidkey="id", z=_status_z(status), zmin=-0.5, zmax=n - 0.5, colorscale=scale,
        showscale=False, marker_line_color="#ffffff", marker_line_width=0.4, showlegend=False,
        hovertext=_status_hover(status, lab, lang), hoverinfo="text"))
    for st, color in STATUS_COLORS.items():  # legend entries (the map itself is one trace)
        if classes is not None and st not in classes:
            continue
        if classes is None and st in ("reforming", "inactive", "dissolved") \
                and not (status["status"] == st).any():
            continue  # rare classes are listed only when the map has them
        fig.add_trace(go.Scattergeo(
            lon=[None], lat=[None], mode="markers", showlegend=True,
            marker={"size": 12, "color": color, "symbol": "square",
                    "line": {"color": "#999999", "width": 0.5}},
            name=f"{lab[st]} ({int((status['status'] == st).sum())})"))
    _layout(fig, title, [lab["no_evidence_note"], *(caveats or [])],
            extent(status["area_code"], level))
    return fig


def timeline_map(by_year: pd.DataFrame, level: str = "province", *, lang: str = "en",
                 title: str = "", caveats: list[str] | None = None):
    """:func:`status_map` with a year slider (:func:`metrics.status_by_year`): when each
    area's body appears. A frame changes colours, hover text and legend counts only; the
    boundaries are sent once, so twenty years cost little more than one map. Opens on the
    latest year; the slider names the year shown."""
    import plotly.graph_objects as go

    lab = labels(lang)
    years = sorted(int(y) for y in by_year["year"].unique())
    by = {y: by_year[by_year["year"] == y].reset_index(drop=True) for y in years}
    shown = [st for st in STATUS_COLORS if (by_year["status"] == st).any()
             or st not in ("reforming", "inactive", "dissolved")]
    fig = status_map(by[years[-1]], level, lang=lang, title=title, caveats=caveats,
                     classes=shown)
    frames = []
    for y in years:
        st = by[y]
        data = [go.Choropleth(z=_status_z(st), hovertext=_status_hover(st, lab, lang))]
        data += [go.Scattergeo(name=f"{lab[s]} ({int((st['status'] == s).sum())})")
                 for s in shown]
        frames.append(go.Frame(name=str(y), data=data, traces=list(range(len(data)))))
    fig.frames = frames
    still = {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
             "transition": {"duration": 0}}
    play = {**still, "frame": {"duration": 700, "redraw": True}, "fromcurrent": False}
    # the slider sits above the map: below it, the legend wraps on a phone and would cover it
    fig.update_layout(
        height=620, margin={"l": 0, "r": 0, "t": 150, "b": 40},
        title={"y": 0.99, "yref": "container", "yanchor": "top"},  # above the slider
        sliders=[{"active": len(years) - 1, "x": 0.1, "len": 0.88, "y": 1.0,
                  "yanchor": "bottom", "pad": {"t": 0, "b": 10},
                  "currentvalue": {"prefix": lab["timeline_year"], "font": {"size": 15},
                                   "xanchor": "left"},
                  "steps": [{"label": str(y), "method": "animate", "args": [[str(y)], still]}
                            for y in years]}],
        updatemenus=[{"type": "buttons", "showactive": False, "x": 0, "y": 1.0,
                      "xanchor": "left", "yanchor": "bottom", "pad": {"b": 14},
                      "buttons": [{"label": "▶", "method": "animate", "args": [None, play]}]}])
    return fig


def value_map(df: pd.DataFrame, value_col: str, level: str = "province", *, lang: str = "en",
              title: str = "", label: str = "", caveats: list[str] | None = None,
              text_col: str | None = None):
    """A continuous choropleth of ``value_col`` by ``area_code``. Areas whose value is
    missing (suppressed, or no figure) are drawn grey with their hover text, never dropped."""
    import plotly.graph_objects as go

    lab = labels(lang)
    check_codes(df["area_code"], level)
    hover_cols = {text_col or value_col: label or lab["value"], "source": lab["source"]}
    has = df[value_col].notna()
    fig = go.Figure()
    if (~has).any():
        gaps = df[~has]
        fig.add_trace(go.Choropleth(
            geojson=_subset(level, gaps["area_code"]), locations=gaps["area_code"],
            featureidkey="id", z=[0] * len(gaps), colorscale=[[0, "#d9d9d9"], [1, "#d9d9d9"]],
            showscale=False, marker_line_color="#ffffff", marker_line_width=0.4,
            hovertext=_hover(gaps, hover_cols), hoverinfo="text"))
    shown = df[has]
    fig.add_trace(go.Choropleth(
        geojson=_subset(level, shown["area_code"]), locations=shown["area_code"],
        featureidkey="id", z=shown[value_col].astype("float64"), colorscale="OrRd",
        marker_line_color="#ffffff", marker_line_width=0.4, colorbar_title=label or value_col,
        hovertext=_hover(shown, hover_cols), hoverinfo="text"))
    _layout(fig, title, caveats or [], extent(df["area_code"], level))
    return fig


def kabkota_map(status: pd.DataFrame, body: str, *, lang: str = "en", as_of: str = "",
                caveats: list[str] | None = None):
    """:func:`status_map` of kab/kota titled with how many have any evidence ("n of 514
    kab/kota with evidence", or of a province's kab/kota)."""
    lab = labels(lang)
    n = int((status["status"] != "no_evidence").sum())
    title = f"{body}: " + lab["kabkota_with_evidence"].format(n=n, total=len(status))
    if as_of:
        title += f" ({lab['as_of']} {as_of})"
    return status_map(status, "kabkota", lang=lang, title=title, caveats=caveats)


def cases_map(table: pd.DataFrame, meta: dict, *, per_capita: bool = True, lang: str = "en"):
    """The map of :func:`metrics.cases_beside_coverage`: per million or counts, suppressed
    and missing figures grey, and the caveats that apply stated on the figure (suppression,
    the Papua split, Polda Metro Jaya and the pre-2024 Polda Papua when they are in the
    data)."""
    lab = labels(lang)
    caveats = [lab["suppressed"].format(k=meta["k"], k_1=meta["k"] - 1), lab["papua"]]
    if table["jurisdiction"].str.contains("Polda Metro", na=False).any():
        caveats.append(lab["metro"])
    if table["jurisdiction"].str.fullmatch("Polda Papua", na=False).any():
        caveats.append(lab["polda_papua"])
    col, unit = ("per_million", lab["per_million"]) if per_capita else ("value", lab["count"])
    shown = (table["value_label"] + " (" + table["per_million"].astype("string").fillna("-")
             + " " + lab["per_million"] + ")")
    return value_map(table.assign(shown=shown), col, lang=lang, label=unit, text_col="shown",
                     title=f"{meta['agency']}: {meta['metric']}, {meta['period']} ({unit})",
                     caveats=caveats)


def cases_table(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The table behind :func:`cases_map`, with translated statuses."""
    cols = ["area_code", "area_name", "jurisdiction", "value_label", "population",
            "per_million", "status", "status_as_of", "jurisdiction_note", "source"]
    return table.assign(status=table["status"].map(labels(lang)))[cols]


def series_chart(series: pd.DataFrame, *, lang: str = "en", title: str = ""):
    """The national coverage series (:func:`metrics.national_series`) as lines of the share
    of provinces and of kab/kota over time; hover gives count, denominator and source."""
    import plotly.graph_objects as go

    lab = labels(lang)
    fig = go.Figure()
    for counted, colour in (("province", "#1a9850"), ("kabkota", "#2c7fb8")):
        d = series[series["counted"] == counted].dropna(subset=["share"])
        if d.empty:
            continue
        hover = [f"{html.escape(str(a))}: {c} / {n} ({html.escape(str(ed))})<br>"
                 f"{html.escape(str(src))[:90]}" for a, c, n, ed, src in
                 zip(d["as_of"], d["count"], d["denominator"], d["denominator_source"],
                     d["source"], strict=True)]
        fig.add_trace(go.Scatter(x=d["as_of_end"], y=d["share"], mode="lines+markers",
                                 name=lab["provinces" if counted == "province" else "kabkota"],
                                 line={"color": colour}, hovertext=hover, hoverinfo="text"))
    fig.update_layout(title=html.escape(title), height=380, yaxis={"range": [0, 1.05],
                      "tickformat": ".0%", "title": lab["share"]},
                      margin={"l": 60, "r": 10, "t": 40, "b": 40},
                      meta={"caveats": [html.escape(lab["series_note"])]})
    return fig


def _layout(fig, title: str, caveats: list[str],
            ranges: tuple[list[float], list[float]]) -> None:
    """Map layout: the geo frame set to the regions' own extent (plotly's ``fitbounds``
    zooms inside a frame shaped for the whole world, which left Indonesia a strip in an empty
    box), legend below, caveats kept in ``layout.meta`` (see :func:`with_caveats`)."""
    lon, lat = ranges
    fig.update_geos(visible=False, showcountries=False, showland=False, fitbounds=False,
                    projection_type="mercator", lonaxis_range=lon, lataxis_range=lat,
                    domain={"x": [0, 1], "y": [0, 1]})
    fig.update_layout(
        title=html.escape(title), height=520, meta={"caveats": [html.escape(c) for c in caveats]},
        margin={"l": 0, "r": 0, "t": 40, "b": 40},
        legend={"orientation": "h", "y": 0, "yanchor": "top"})


def with_caveats(fig, width: int = 130):
    """A copy of ``fig`` with its caveats written under the map, for pictures (PNG) and
    JupyterLab; the HTML reports set them as text under the figure, which wraps on a
    phone."""
    import textwrap

    caveats = (fig.layout.meta or {}).get("caveats", []) if fig.layout.meta else []
    lines = [ln for c in caveats for ln in textwrap.wrap(c, width)]
    if not lines:
        return fig
    out = fig.__class__(fig)
    out.update_layout(
        height=(fig.layout.height or 520) + 15 * len(lines),
        margin={"b": 40 + 15 * len(lines)},
        annotations=[*out.layout.annotations,
                     {"text": "<br>".join(lines), "x": 0, "y": 0, "yshift": -40,
                      "xref": "paper", "yref": "paper", "yanchor": "top", "showarrow": False,
                      "align": "left", "font": {"size": 11}}])
    return out


def caveats_html(fig) -> str:
    """The figure's caveats as HTML paragraphs (already escaped)."""
    caveats = (fig.layout.meta or {}).get("caveats", []) if fig.layout.meta else []
    return "".join(f"<p class='tppo-caveat' style='font-size:0.85em;color:#444;margin:2px 0'>"
                   f"{c}</p>" for c in caveats)


def status_table(status: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The table behind a status map, with translated statuses."""
    lab = labels(lang)
    out = status[["area_code", "area_name", "status", "evidence_as_of", "decree", "basis",
                  "source", "publisher", "published", "conflict"]].copy()
    out["status"] = out["status"].map(lab)
    return out


def dumps(obj) -> str:  # small helper for notebooks printing JSON-ish parameters
    return json.dumps(obj, ensure_ascii=False, default=str)
