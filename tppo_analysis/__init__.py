"""tppo-analysis: clean, validated data and maps of Indonesia's anti-trafficking coverage.

``import tppo_analysis as tppo; tppo.load("coverage")`` gives a cleaned dataset anywhere:
in a project folder its own ``data/processed``, elsewhere the tables installed with the
package. Heavy libraries (geopandas, plotly, papermill) are imported inside the functions
that use them, so ``import tppo_analysis`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__version__ = "0.1.0"
DATASETS = ("coverage", "cases", "population", "boundaries")


def load(name: str, level: str = "province") -> pd.DataFrame:
    """A cleaned dataset by name (one of :data:`DATASETS`; ``level`` for boundaries)."""
    from .clean.pipeline import load as _load

    return _load(name, level=level)


def provenance() -> dict:
    """Where every raw file came from: the Frictionless Data Package manifest (sources,
    retrieval dates, licences, sha256)."""
    from .clean.pipeline import provenance as _provenance

    return _provenance()
