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
# # Data quality
#
# What cleaning kept and rejected from each raw file, why, which place names could not be placed, and where every raw file comes from. Nothing is dropped silently: rows in = kept + rejected.

# %% tags=["parameters"]
lang = "en"  # en | id
max_rows = 200  # rejected rows listed at most

# %%
from tppo_analysis.clean import pipeline
from tppo_analysis.report import notebook, quality

params = notebook.check_params(lang=lang)
print(pipeline.format_summary(pipeline.summary()))

# %% [markdown]
# ## Kept and rejected, by file

# %%
notebook.table(quality.by_file())

# %% [markdown]
# ## Why rows were rejected

# %%
notebook.table(quality.reasons())

# %% [markdown]
# ## Place names that could not be placed
#
# Unresolved or ambiguous names: add an alias (`tppo_analysis/reference/aliases.csv`) only when the place is certain.

# %%
notebook.table(quality.unplaced())

# %% [markdown]
# ## Rejected rows

# %%
notebook.table(quality.rejected(max_rows))

# %% [markdown]
# ## Roster facts found but not usable
#
# Facts the roster searchers found that the coverage template cannot hold (undated pages, percentages, counts of unstated areas). They are kept, with their sources, in `data/raw/roster/coverage_roster_unused.csv`.

# %%
notebook.table(quality.roster_unused())

# %% [markdown]
# ## Searched without result
#
# Provinces and bodies for which no shipped file holds any evidence, and what was searched.

# %%
notebook.table(quality.no_evidence_searches()[["province", "body", "searched_on", "queries", "note"]])

# %% [markdown]
# ## Your own sources
#
# The files listed in the project's `sources.yaml` that the last `tppo clean` read, with size, sha256 and time; a fallback to the last good copy is stated. Empty when the project declares none.

# %%
notebook.table(quality.user_sources())

# %% [markdown]
# ## Where your sources and the shipped data disagree
#
# Both facts are kept and both are used; the maps show the latest. Empty when they agree, or when there are no sources of your own.

# %%
notebook.table(quality.source_conflicts())

# %% [markdown]
# ## Sources of the raw files

# %%
notebook.table(quality.sources())
