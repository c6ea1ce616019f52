"""Geometry for the reports' pictures, computed here so templates only draw.

One module per chart: :mod:`.radar` (the characteristic scores), :mod:`.graph` (the
milestone dependency graph laid out by topological generation and phase) and
:mod:`.trend` (the overall score over time). Coordinates are rounded to one decimal so
output is stable and compact. No Graphviz needed.

The charts and the view models share their number formatting through
:mod:`transition.report._format`, so no chart imports a view model.
"""

from __future__ import annotations

from . import graph, radar, trend

__all__ = ["graph", "radar", "trend"]
