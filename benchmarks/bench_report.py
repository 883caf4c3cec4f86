"""Placeholder until the report step exists: records that nothing was measured."""

from __future__ import annotations


def run() -> list[dict]:
    return [{"what": "report benchmark not implemented yet", "value": "-", "unit": ""}]
