"""The levels of an area and the one word for each: ``national``, ``province``, ``kabkota``.

Tables write levels in many ways (Provinsi, Kab/Kota, Kabupaten, regency, Nasional); this is
the only place that reads them. Standard library only, so the command line can offer the
levels as choices without importing pandas.
"""

from __future__ import annotations

import re

LEVELS: tuple[str, ...] = ("national", "province", "kabkota")
AREA_LEVELS: tuple[str, ...] = ("province", "kabkota")  # the levels that have a code list
NATIONAL_CODE = "ID"
# what a province cell says when a row is about the whole country
NATIONAL_WORDS = frozenset({"indonesia", "(all)", "all", "nasional", "national", "semua", "id"})

_WORDS = {
    "national": "national", "nasional": "national", "country": "national",
    "province": "province", "provinces": "province", "provinsi": "province",
    "propinsi": "province",
    "kabkota": "kabkota", "kabupatenkota": "kabkota", "kab": "kabkota", "kota": "kabkota",
    "kabupaten": "kabkota", "regency": "kabkota", "regencies": "kabkota",
}


def level_of(text: object) -> str | None:
    """The level a cell or argument names (``"Kab/Kota"`` -> ``kabkota``), or None."""
    if not isinstance(text, str):
        return None
    return _WORDS.get(re.sub(r"[\s/_.-]+", "", text.strip().lower()))
