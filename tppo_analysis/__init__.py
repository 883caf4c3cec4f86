"""tppo-analysis: clean, validated data and maps of Indonesia's anti-trafficking coverage.

Heavy libraries (geopandas, plotly, papermill) are imported inside the functions that use
them, so ``import tppo_analysis`` stays fast.
"""

__version__ = "0.1.0"
