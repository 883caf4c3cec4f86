"""The editions of the Kemendagri code list, one fact one place: ``reference/editions.csv``.

Which editions exist, which is current, how many provinces and kab/kota each lists, and the
day each came into force. Read with the standard library, so the command line can offer the
editions as choices without importing pandas.
"""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources


def _rows() -> list[dict[str, str]]:
    text = (resources.files("tppo_analysis") / "reference" / "editions.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


_ROWS = _rows()
EDITIONS: tuple[str, ...] = tuple(r["edition"] for r in _ROWS)
CURRENT_EDITION: str = next(r["edition"] for r in _ROWS if r["in_force"] == "current")
PROVINCE_COUNT: dict[str, int] = {r["edition"]: int(r["provinces"]) for r in _ROWS}
KABKOTA_COUNT: int = int(next(r["kabkota"] for r in _ROWS
                              if r["edition"] == CURRENT_EDITION))
# the day each edition came into force, newest first (the law that changed the list)
STARTS: tuple[tuple[str, date], ...] = tuple(sorted(
    ((r["edition"], date.fromisoformat(r["starts"])) for r in _ROWS),
    key=lambda pair: pair[1], reverse=True))


def edition_at(day: date) -> str:
    """The edition in force on a day."""
    return next(ed for ed, start in STARTS if day >= start)
