"""Placeholder until the clean step exists: records that nothing was measured."""

from __future__ import annotations


def run() -> list[dict]:
    return [{"what": "clean benchmark not implemented yet", "value": "-", "unit": ""}]
