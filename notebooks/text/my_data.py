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
# # Your own data beside the shipped evidence
#
# Set `file` to your CSV or XLSX (columns of `data/templates/coverage_template.csv` or `cases_template.csv`) and run all cells: the file is checked exactly as `tppo validate` does, every problem is listed, and your coverage facts are drawn on the maps with the shipped evidence. Nothing is written anywhere. With `file` left empty, the notebook shows the project's own sources that `tppo clean` read from `sources.yaml`.

# %% tags=["parameters"]
file = ""  # your CSV/XLSX; empty: the sources of this project's sources.yaml
kind = "coverage"  # coverage | cases
sheet = ""  # XLSX sheet name; empty: the first
body = "GT PP-TPPO"  # GT PP-TPPO | UPTD PPA
lang = "en"  # en | id

# %%
from tppo_analysis.figures import maps, offline
from tppo_analysis.report import notebook, quality

params = notebook.check_params(body=body, lang=lang)
kept, rejected, what = notebook.own_data(file, kind, sheet)
offline.setup_notebook()
print(f"{what}: {len(kept)} usable rows, {len(rejected)} problems")

# %% [markdown]
# ## What could not be used
#
# Every problem as file, row, column, value and reason. A row with a problem is left out; the others are used.

# %%
notebook.table(rejected[[c for c in rejected.columns if c != 'also']])

# %% [markdown]
# ## Your facts on the maps
#
# The latest evidence per province and kab/kota, yours and the shipped, for the body chosen. Hover over a region to see whose source it is.

# %%
for fig in notebook.own_maps(kept, kind, params["body"], params["lang"]):
    offline.show(fig)

# %% [markdown]
# ## Where your facts and the shipped evidence disagree
#
# Both are kept; the maps show the latest.

# %%
if kind == "coverage":
    notebook.table(quality.source_conflicts(notebook.combined_coverage(kept)))

# %% [markdown]
# ## Your usable rows

# %%
notebook.table(kept.drop(columns=[c for c in ('as_of_start', 'as_of_end') if c in kept]))
