"""Pure number formatting shared by the view models and the charts.

A module of its own, below both, so that neither imports the other for a helper.
"""

from __future__ import annotations

from ..locale import current

__all__ = ["coordinate", "percent"]


def percent(value: float | None, digits: int = 0) -> str:
    """Format a score in [0, 1] as a percentage for the current locale; ``n/a`` for None.

    >>> percent(0.625), percent(None), percent(1.0), percent(0.4462, 1)
    ('62%', 'n/a', '100%', '44.6%')
    """
    return current().percent(value, digits)


def coordinate(value: float) -> float:
    """A chart coordinate rounded to one decimal, so output is stable and compact.

    >>> coordinate(12.345), coordinate(-0.04)
    (12.3, 0.0)
    """
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0
