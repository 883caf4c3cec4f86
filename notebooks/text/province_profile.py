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
# # Province profile
#
# One province's task force (GT PP-TPPO) and service unit (UPTD PPA), its kab/kota where the roster has evidence, case figures published for it, and every source.

# %% tags=["parameters"]
province = "53"  # Kemendagri code (text) or name, e.g. "Nusa Tenggara Timur"
as_of = "today"  # date (YYYY-MM-DD) or "today"
lang = "en"  # en | id
k = 5  # case counts from 1 to k-1 are suppressed

# %%
from IPython.display import Markdown, display

from tppo_analysis import geography, metrics
from tppo_analysis.clean import pipeline
from tppo_analysis.figures import maps, offline
from tppo_analysis.report import notebook

params = notebook.check_params(province=province, as_of=as_of, lang=lang, k=k)
code = params["province"]
name = geography.region_name(code)
lab = maps.labels(params["lang"])
offline.setup_notebook()
display(Markdown(f"## {name} ({code}), {lab['as_of']} {params['as_of']}"))

# %%
coverage = pipeline.load("coverage")
bodies = {b: metrics.area_status(coverage, "province", b, params["as_of"]) for b in metrics.BODIES}
own = metrics.province_bodies(bodies, code, params["lang"])
notebook.table(own)

# %% [markdown]
# ## Kabupaten/kota

# %%
kab_status = metrics.kabkota_statuses(coverage, params["as_of"], province=code)
kab = metrics.province_kabkota(kab_status, params["lang"])
if kab["has_evidence"].any():
    for b, st in kab_status.items():
        offline.show(maps.kabkota_map(st, b, lang=params["lang"]))
else:
    display(Markdown(lab["no_kabkota"]))
notebook.table(kab.drop(columns="has_evidence"))

# %% [markdown]
# ## Case figures published for this province
#
# Each row is one agency's figure for one period, as published; figures are not comparable across agencies or periods.

# %%
notebook.table(metrics.province_cases(pipeline.load("cases"), code, k=params["k"]))

# %% [markdown]
# ## Sources

# %%
notebook.table(metrics.province_evidence(coverage, code))
