"""Geometry for the reports' pictures, computed here so templates only draw.

One module per chart: :mod:`.radar` (the characteristic scores), :mod:`.graph` (the
milestone dependency graph laid out by topological generation and phase) and
:mod:`.trend` (the overall score over time). Coordinates are rounded to one decimal so
output is stable and compact. No Graphviz needed.

Import the chart modules themselves (``from transition.report.charts.radar import
radar``): this package imports none of them, so a chart may use the view's helpers
without an import cycle.
"""

from __future__ import annotations

__all__: list[str] = []


def _r(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
