"""Stage 2, places: the levels of an area, code-list editions and code lists (:mod:`.codes`),
names as matching keys (:mod:`.names`), the index of names (:mod:`.index`), placing one value
(:mod:`.match`) and a column of them (:mod:`.resolver`), recoding tables between editions
(:mod:`.recode`) and boundaries (:mod:`.boundaries`).

The public API of places is available here: ``from tppo_analysis import geography;
geography.resolve(["Kab. Bogor"], "kabkota")``. Names are looked up on first use, so importing
a light submodule (``geography.editions``, ``geography.levels``: the command line's choices)
does not import pandas.
"""

from __future__ import annotations

import importlib

_WHERE = {
    "codes": ("CODE_SYSTEMS", "REFERENCE_DIR", "RegionError", "area_counts", "code_in_edition",
              "crosswalk", "is_code", "kabkota", "kabkota_list_covers", "province_count_at",
              "provinces", "region_name"),
    "editions": ("CURRENT_EDITION", "EDITIONS", "KABKOTA_COUNT", "PROVINCE_COUNT"),
    "levels": ("AREA_LEVELS", "LEVELS", "NATIONAL_CODE", "NATIONAL_WORDS", "level_of"),
    "match": ("MATCH_KINDS",),
    "names": ("normalize",),
    "resolver": ("RESOLVE_COLUMNS", "resolve", "resolve_summary"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    if name in _MODULE_OF:
        value = getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in ("boundaries", "codes", "editions", "index", "levels", "match", "names",
                "recode", "resolver"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
