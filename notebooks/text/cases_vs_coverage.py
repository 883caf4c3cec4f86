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
# # Case figures beside task-force coverage
#
# One agency's figures for one period, by province, per million population or as counts, next to the province's task-force status at the end of the period. Figures of different agencies or periods are never mixed. Small counts are suppressed to protect victims.

# %% tags=["parameters"]
dataset = "polri-satgas-tppo-anev-bareskrim-polda--police_reports"  # an id from the list at the end
period = "latest"  # "latest" or start/end as listed, e.g. "2023-06-05/2023-06-19"
per_capita = True  # map per million population (True) or counts (False)
body = "GT PP-TPPO"  # GT PP-TPPO | UPTD PPA
lang = "en"  # en | id
k = 5  # counts from 1 to k-1 are suppressed

# %%
from tppo_analysis import metrics
from tppo_analysis.clean import pipeline
from tppo_analysis.figures import maps, offline
from tppo_analysis.report import notebook

params = notebook.check_params(dataset=dataset, period=period, per_capita=per_capita, body=body, lang=lang, k=k)
offline.setup_notebook()

# %%
cases, coverage, population = pipeline.load("cases"), pipeline.load("coverage"), pipeline.load("population")
table, meta = metrics.cases_beside_coverage(cases, population, coverage, dataset=params["dataset"], period=params["period"], body=params["body"], k=params["k"])
offline.show(maps.cases_map(table, meta, per_capita=params["per_capita"], lang=params["lang"]))

# %% [markdown]
# ## The figures beside task-force status

# %%
notebook.table(maps.cases_table(table, params["lang"]))

# %% [markdown]
# ## Datasets available for this notebook

# %%
notebook.table(metrics.case_datasets(cases)[["dataset", "period", "agency", "metric", "provinces"]])
