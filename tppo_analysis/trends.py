"""National case series, agency by agency, and where the published figures disagree.

Figures of different agencies (or of different metrics) are never added: each agency family
(KemenPPPA's SIMFONI-PPA, Polri, LPSK, Kemensos) is its own series, and each series keeps its
kind of period: calendar years, partial years (never compared as a full year), running totals
since a start date (drawn as cumulative), and multi-year totals (listed, not drawn).
"""

from __future__ import annotations

import html

import pandas as pd

TREND_METRICS = ("victims", "cases", "police_reports", "suspects", "cases_completed",
                 "assisted_victims", "lpsk_applications", "lpsk_protected")
PERIOD_TYPES = ("calendar_year", "partial_year", "running_total", "multi_year")
FAMILIES = (("pre-Satgas", "Polri"), ("SIMFONI", "KemenPPPA SIMFONI-PPA"),
            ("KemenPPPA", "KemenPPPA SIMFONI-PPA"),
            ("LPSK", "LPSK"), ("Kemensos", "Kemensos"), ("Kementerian Sosial", "Kemensos"),
            ("Satgas TPPO", "Polri Satgas TPPO"), ("Polri", "Polri"), ("Bareskrim", "Polri"),
            ("Polda", "Polri"))


def agency_family(agency: object) -> str:
    """The agency whose count a figure is, whoever relays it: "Kemenko PMK (Bareskrim
    data)" and "Polri (as cited by IOM)" are Polri's figures; the Satgas TPPO's running
    totals of 2023 are their own series."""
    text = str(agency or "")
    for key, family in FAMILIES:
        if key.lower() in text.lower():
            return family
    return text


def period_type(start: pd.Timestamp, end: pd.Timestamp, note: object = "") -> str:
    """calendar_year | partial_year | running_total | multi_year, from the period and the
    note the raw file gives (``period: running_total``)."""
    text = str(note or "").lower()
    if "running_total" in text or "running total" in text or "cumulative" in text:
        return "running_total"
    if start.year != end.year:
        return "multi_year"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return "calendar_year"
    return "partial_year"


def national_series(cases: pd.DataFrame) -> pd.DataFrame:
    """National figures of the cleaned cases table, one row per figure and source, with
    ``family`` and ``period_type`` (see the module docstring)."""
    nat = cases[(cases["level"] == "national") & cases["metric"].isin(TREND_METRICS)].copy()
    nat["family"] = nat["agency"].map(agency_family)
    nat["period_type"] = [period_type(s, e, f"{a} {n}") for s, e, a, n in  # agency may say it
                          zip(nat["period_start"], nat["period_end"], nat["agency"], nat["note"],
                              strict=True)]
    cols = ["family", "agency", "metric", "period_type", "period_start", "period_end", "value",
            "source", "note"]
    return nat[cols].sort_values(["family", "metric", "period_type", "period_start",
                                  "period_end"], kind="stable").reset_index(drop=True)


def disagreements(series: pd.DataFrame, family: str | None = None,
                  metric: str | None = None) -> pd.DataFrame:
    """Every place where the shipped figures contradict each other: different values for one
    agency, metric and period, and running totals that go down from one date to the next.
    Both figures stay in the data; this only shows the disagreement."""
    s = series.assign(url=_source_url(series["source"]))
    s = s.drop_duplicates(["family", "metric", "period_start", "period_end", "value", "url"])
    if family not in (None, "", "all"):
        s = s[s["family"] == family]
    if metric not in (None, "", "all"):
        s = s[s["metric"] == metric]
    rows = []
    key = ["family", "metric", "period_start", "period_end"]
    for k, g in s.groupby(key, sort=True):
        if g["value"].nunique() > 1:
            g = g.sort_values("value")
            n = g["value"].value_counts().sort_index()
            rows.append({"family": k[0], "metric": k[1], "kind": "different values for one "
                         "period", "period": _period(k[2], k[3]),
                         "values": " vs ".join(f"{int(v):,} ({c} source{'s' * int(c > 1)})"
                                               for v, c in n.items()),
                         "gap": int(g["value"].max() - g["value"].min()),
                         "sources": " | ".join(g["source"].astype(str))})
    run = s[s["period_type"] == "running_total"].sort_values(["period_end", "value"])
    for (fam, met, start), g in run.groupby(["family", "metric", "period_start"], sort=True):
        best = g.groupby("period_end")["value"].max()  # the highest figure of each day
        prev = None
        for day, value in best.items():
            if prev is not None and value < prev[1]:
                src = g[(g["period_end"] == day) & (g["value"] == value)]["source"].iloc[0]
                was = g[(g["period_end"] == prev[0]) & (g["value"] == prev[1])]["source"].iloc[0]
                rows.append({"family": fam, "metric": met, "kind": "running total goes down",
                             "period": f"since {start:%Y-%m-%d}: {prev[0]:%Y-%m-%d} -> "
                                       f"{day:%Y-%m-%d}",
                             "values": f"{int(prev[1]):,} then {int(value):,}",
                             "gap": int(prev[1] - value), "sources": f"{was} | {src}"})
            prev = (day, value)
    cols = ["family", "metric", "kind", "period", "values", "gap", "sources"]
    return pd.DataFrame(rows, columns=cols)


def _source_url(source: pd.Series) -> pd.Series:
    """The address in a source cell ("https://… (ANTARA, 2022)" and "https://…" are one
    source), or the cell itself when it has none."""
    text = source.astype(str)
    return text.str.extract(r"(https?://\S+)", expand=False).fillna(text).str.rstrip(",);")


def _period(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


def change(series: pd.DataFrame, family: str, metric: str, first: int, last: int
           ) -> list[dict]:
    """The ratio of the calendar-year figure of ``last`` to that of ``first``, taken within
    one source that states both years (so one extraction of the agency's data is compared
    with itself); one result per such source."""
    s = series[(series["family"] == family) & (series["metric"] == metric)
               & (series["period_type"] == "calendar_year")]
    out = []
    s = s.assign(source=_source_url(s["source"]))
    s = s.drop_duplicates(["source", "period_start", "value"])
    for source, g in s.groupby("source", sort=True):
        years = g.set_index(g["period_start"].dt.year)["value"]
        if first in years.index and last in years.index:
            a, b = int(years.loc[[first]].iloc[0]), int(years.loc[[last]].iloc[0])
            out.append({"family": family, "metric": metric, "first": first, "last": last,
                        "from": a, "to": b, "ratio": round(b / a, 2), "source": source})
    return out


def trend_chart(series: pd.DataFrame, family: str, *, lang: str = "en"):
    """One agency's national series: a line per metric over calendar years, partial years as
    open markers labelled with their period (never joined to the full years), and running
    totals as their own dotted lines, dated by their last day. Scatter traces only, so the
    reports' shared plotly.js (geo bundle) draws it."""
    import plotly.graph_objects as go

    s = series[series["family"] == family]
    fig = go.Figure()
    palette = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"]
    words = {"en": {"partial": "partial", "since": "cumulative since", "year": "calendar year"},
             "id": {"partial": "sebagian tahun", "since": "kumulatif sejak",
                    "year": "tahun penuh"}}[lang]
    for i, (metric, g) in enumerate(s.groupby("metric", sort=True)):
        colour = palette[i % len(palette)]
        full = g[g["period_type"] == "calendar_year"].groupby("period_start")["value"].max()
        if len(full):
            fig.add_trace(go.Scatter(
                x=[d.year + 0.5 for d in full.index], y=full.values, mode="lines+markers",
                name=f"{metric.replace('_', ' ')} ({words['year']})", line={"color": colour},
                hovertext=[f"{metric}: {v:,} in {d.year}" for d, v in full.items()],
                hoverinfo="text"))
        part = g[g["period_type"] == "partial_year"]
        if len(part):
            fig.add_trace(go.Scatter(
                x=[e.year + e.dayofyear / 366 for e in part["period_end"]], y=part["value"],
                mode="markers", marker={"symbol": "circle-open", "size": 10, "color": colour},
                name=f"{metric.replace('_', ' ')} ({words['partial']})",
                hovertext=[html.escape(f"{metric}: {v:,}, {s_:%d %b %Y} to {e:%d %b %Y} "
                                       f"({words['partial']})")
                           for v, s_, e in zip(part["value"], part["period_start"],
                                               part["period_end"], strict=True)],
                hoverinfo="text"))
        for start, r in g[g["period_type"] == "running_total"].groupby("period_start"):
            r = r.sort_values("period_end")
            fig.add_trace(go.Scatter(
                x=[e.year + e.dayofyear / 366 for e in r["period_end"]], y=r["value"],
                mode="lines+markers", line={"dash": "dot", "color": colour},
                name=f"{metric.replace('_', ' ')} ({words['since']} {start:%d %b %Y})",
                hovertext=[f"{metric}: {v:,} by {e:%d %b %Y}" for v, e in
                           zip(r["value"], r["period_end"], strict=True)], hoverinfo="text"))
    fig.update_layout(title=html.escape(family), height=420,
                      margin={"l": 60, "r": 10, "t": 40, "b": 40},
                      xaxis={"title": "", "tickformat": "d", "dtick": 1},
                      yaxis={"rangemode": "tozero"},
                      legend={"orientation": "h", "y": -0.15, "yanchor": "top"})
    return fig


SEED_CLAIM = ("kasus TPPO yang dilaporkan naik tiga kali lipat pada tahun 2021 "
              "(ANTARA, 2022; the first seed article)")


def seed_claim(series: pd.DataFrame, first: int = 2019, last: int = 2021) -> pd.DataFrame:
    """The seed article's "tripled in 2021", recomputed from the shipped SIMFONI-PPA figures:
    victims and cases, ``first`` to ``last``, as a ratio within each source that gives both
    years, with that source."""
    rows = []
    for metric in ("victims", "cases"):
        found = change(series, "KemenPPPA SIMFONI-PPA", metric, first, last)
        if not found:
            rows.append({"metric": metric, "from": "", "to": "", "ratio": None,
                         "supports": f"no source gives both {first} and {last}",
                         "source": ""})
        for c in found:
            rows.append({"metric": metric, "from": f"{c['from']:,} ({first})",
                         "to": f"{c['to']:,} ({last})", "ratio": c["ratio"],
                         "supports": f"{SEED_CLAIM}: x{c['ratio']:.2f}", "source": c["source"]})
    return pd.DataFrame(rows)
