"""Stage 2, places: the levels of an area, code-list editions and code lists (:mod:`.codes`),
names as matching keys (:mod:`.names`), the index of names (:mod:`.index`), placing one value
(:mod:`.match`) and a column of them (:mod:`.resolver`), recoding tables between editions
(:mod:`.recode`) and boundaries (:mod:`.boundaries`).

The public API of places is re-exported here: ``from tppo_analysis import geography;
geography.resolve(["Kab. Bogor"], "kabkota")``.
"""

from .codes import (
    CODE_SYSTEMS,
    REFERENCE_DIR,
    RegionError,
    area_counts,
    code_in_edition,
    crosswalk,
    is_code,
    kabkota,
    kabkota_list_covers,
    province_count_at,
    provinces,
    region_name,
)
from .editions import CURRENT_EDITION, EDITIONS, KABKOTA_COUNT, PROVINCE_COUNT
from .levels import AREA_LEVELS, LEVELS, NATIONAL_CODE, NATIONAL_WORDS, level_of
from .match import MATCH_KINDS
from .names import normalize
from .resolver import RESOLVE_COLUMNS, resolve, resolve_summary

__all__ = [
    "AREA_LEVELS", "CODE_SYSTEMS", "CURRENT_EDITION", "EDITIONS", "KABKOTA_COUNT", "LEVELS",
    "MATCH_KINDS", "NATIONAL_CODE", "NATIONAL_WORDS", "PROVINCE_COUNT", "REFERENCE_DIR",
    "RESOLVE_COLUMNS", "RegionError", "area_counts", "code_in_edition", "crosswalk", "is_code",
    "kabkota", "kabkota_list_covers", "level_of", "normalize", "province_count_at", "provinces",
    "region_name", "resolve", "resolve_summary",
]
