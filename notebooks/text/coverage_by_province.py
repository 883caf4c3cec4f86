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
# # Task-force coverage by province
#
# Where a provincial GT PP-TPPO (or UPTD PPA) exists, as of a date, from the cleaned evidence. Grey means *no evidence found*, which is not the same as *not formed*.

# %% tags=["parameters"]
as_of = "today"  # date (YYYY-MM-DD) or "today": evidence dated on or before it
body = "GT PP-TPPO"  # GT PP-TPPO | UPTD PPA
lang = "en"  # en | id
min_basis = "all"  # all | decree | official_statement | activity: draw from this strength of evidence up


# %%
from tppo_analysis import metrics
from tppo_analysis.clean import pipeline
from tppo_analysis.figures import maps, offline
from tppo_analysis.report import notebook, quality

params = notebook.check_params(as_of=as_of, body=body, lang=lang, min_basis=min_basis)
offline.setup_notebook()

# %%
coverage = pipeline.load("coverage")
status = metrics.area_status(coverage, "province", params["body"], params["as_of"], params["min_basis"])
lab = maps.labels(params["lang"])
fig = maps.status_map(status, lang=params["lang"], title=f"{params['body']}: {lab['as_of']} {params['as_of']}", caveats=[lab["papua"]])
offline.show(fig)

# %% [markdown]
# ## The table behind the map

# %%
notebook.table(maps.status_table(status, params["lang"]))

# %% [markdown]
# ## Kabupaten/kota
#
# The roster of kab/kota bodies compiled from public sources is partial: the title says how many of the 514 kab/kota have any evidence.

# %%
kab = metrics.area_status(coverage, "kabkota", params["body"], params["as_of"], params["min_basis"])
offline.show(maps.kabkota_map(kab, params["body"], lang=params["lang"], as_of=params["as_of"], caveats=[lab["papua"]]))

# %%
notebook.table(metrics.kabkota_coverage(coverage, params["body"], params["as_of"]).merge(status[["area_code", "area_name"]], on="area_code"))

# %% [markdown]
# ## How complete the evidence is
#
# For each province: the latest evidence for this body, how many sources back it, how many of its kab/kota have any evidence, and, where nothing was found, what was searched. *No evidence found* is not *not formed*.

# %%
comp = metrics.completeness(coverage, quality.no_evidence_searches(), params["as_of"])
comp = comp[comp["body"] == params["body"]].assign(status=lambda d: d["status"].map(lab))
notebook.table(comp.drop(columns="body"))

# %% [markdown]
# ## When each province's body appears
#
# The same map for the end of every year since 2008 (Perpres 69/2008): move the slider or press play. A province turns green in the year of its first dated evidence, which can be later than the body's formation. Beneath it, the national figures stated over the same years.

# %%
by_year = metrics.status_by_year(coverage, "province", params["body"], today=params["as_of"], min_basis=params["min_basis"])
offline.show(maps.timeline_map(by_year, lang=params["lang"], title=lab["timeline_title"].format(body=params["body"]), caveats=[lab["timeline_note"], lab["papua"]]))

# %% [markdown]
# ## National coverage over time
#
# Counts stated by national sources, with the denominator of each code-list edition (34 or 38 provinces, 514 kab/kota).

# %%
series = metrics.national_series(coverage, params["body"])
offline.show(maps.series_chart(series, lang=params["lang"], title=params["body"]))
notebook.table(series[["counted", "as_of", "edition", "count", "denominator", "denominator_source", "share", "source"]])
