# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (tppo)
#     language: python
#     name: tppo
# ---

# %% [markdown]
# # National case trends
#
# Each agency's national figures as its own series: what it counts (cases, victims, police reports, assisted victims, applications to LPSK), over calendar years, partial years (open markers, never compared as a full year) and running totals since a start date (dotted). Figures of different agencies are never added.

# %% tags=["parameters"]
agency = "all"  # all | KemenPPPA SIMFONI-PPA | Polri | Polri Satgas TPPO | LPSK | Kemensos
metric = "all"  # all | victims | cases | police_reports | suspects | ...
lang = "en"  # en | id

# %%
from tppo_analysis import metrics, trends
from tppo_analysis.clean import pipeline
from tppo_analysis.figures import maps, offline
from tppo_analysis.report import notebook

params = notebook.check_params(agency=agency, metric=metric, lang=lang)
offline.setup_notebook()

# %%
series = trends.national_series(pipeline.load("cases"))
families = [f for f in series["family"].unique() if params["agency"] in ("all", f)]
for family in families:
    offline.show(trends.trend_chart(series, family, lang=params["lang"]))

# %% [markdown]
# ## The claim of the seed article
#
# ANTARA (2022) reported that cases "naik tiga kali lipat pada tahun 2021" (tripled in 2021). From the shipped SIMFONI-PPA figures:

# %%
notebook.table(trends.seed_claim(series))

# %% [markdown]
# ## Coverage on the same time axis
#
# The share of provinces and kab/kota with a task force (GT PP-TPPO) and a UPTD PPA, as stated by national sources.

# %%
coverage = pipeline.load("coverage")
for body in ("GT PP-TPPO", "UPTD PPA"):
    offline.show(maps.series_chart(metrics.national_series(coverage, body), lang=params["lang"], title=body))

# %% [markdown]
# ## Where the sources disagree
#
# Every pair of shipped figures for the same agency, metric and period that differ, and every running total that goes down from one date to the next. Both figures stay in the data.

# %%
notebook.table(trends.disagreements(series, params["agency"], params["metric"]))

# %% [markdown]
# ## Every national figure

# %%
notebook.table(series if params["metric"] == "all" else series[series["metric"] == params["metric"]])
