"""A radar of the characteristic scores."""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from .._format import coordinate, percent

__all__ = ["Radar", "RadarAxis", "radar"]


@attrs.frozen
class RadarAxis:
    """One spoke: the characteristic, its end point, its label and its score point."""

    id: str
    title: str
    score: float | None
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label_lines: tuple[str, ...]
    point_x: float
    point_y: float
    #: The score as the chart prints it ("62%", "n/a"): a line of its own under the
    #: label, where low scores crowded at the centre cannot overlap.
    value: str


@attrs.frozen
class Radar:
    """A radar (spider) chart of scores in [0, 1], one axis per characteristic.

    The canvas is ``width`` by ``size``: wider than the chart, so labels fit.
    """

    size: float
    width: float
    cx: float
    cy: float
    radius: float
    axes: tuple[RadarAxis, ...]
    rings: tuple[str, ...]
    polygon: str


def _split(title: str, limit: int = 16) -> tuple[str, ...]:
    """Break a label into at most two lines near the middle.

    >>> _split("Institutionalising systems and structures")
    ('Institutionalising', 'systems and structures')
    >>> _split("Vision")
    ('Vision',)
    """
    words = title.split()
    if len(title) <= limit or len(words) < 2:
        return (title,)
    best = min(
        range(1, len(words)),
        key=lambda k: abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))),
    )
    return (" ".join(words[:best]), " ".join(words[best:]))


def radar(scores: Sequence[tuple[str, str, float | None]], size: float = 420) -> Radar:
    """Lay out a radar chart; a characteristic without a score sits at the centre.

    >>> chart = radar([("a", "A", 1.0), ("b", "B", 0.5), ("c", "C", None)])
    >>> chart.axes[0].point_x, chart.axes[0].point_y
    (340.0, 70.0)
    >>> chart.polygon
    '340.0,70.0 400.6,245.0 340.0,210.0'
    >>> [axis.value for axis in chart.axes]
    ['100%', '50%', 'n/a']
    """
    width = size + 260
    cx, cy = width / 2, size / 2
    radius = size / 3
    count = max(len(scores), 1)

    def at(index: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    axes = []
    for index, (axis_id, title, value) in enumerate(scores):
        x, y = at(index, 1.0)
        lx, ly = at(index, 1.12)
        px, py = at(index, value or 0.0)
        anchor = "middle" if abs(lx - cx) < 1 else ("start" if lx > cx else "end")
        axes.append(
            RadarAxis(
                axis_id,
                title,
                value,
                coordinate(x),
                coordinate(y),
                coordinate(lx),
                coordinate(ly),
                anchor,
                _split(title),
                coordinate(px),
                coordinate(py),
                percent(value),
            )
        )
    rings = tuple(
        " ".join(
            f"{coordinate(x)},{coordinate(y)}" for x, y in (at(i, fraction) for i in range(count))
        )
        for fraction in (0.25, 0.5, 0.75, 1.0)
    )
    polygon = " ".join(f"{axis.point_x},{axis.point_y}" for axis in axes)
    return Radar(size, width, cx, cy, radius, tuple(axes), rings, polygon)
