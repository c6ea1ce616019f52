"""The overall score over time: a line chart with a line for each band threshold."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import attrs

from ...locale import current
from ...model import Band
from ...progress import Point
from .._format import coordinate, percent

__all__ = ["Trend", "TrendLine", "TrendPoint", "TrendTick", "trend"]


@attrs.frozen
class TrendPoint:
    """One assessment on the chart: its date label, score and position."""

    label: str
    score: float
    value: str
    band: str
    x: float
    y: float


@attrs.frozen
class TrendLine:
    """A band threshold: a horizontal line at the band's lowest score."""

    label: str
    value: str
    requires_critical: bool
    y: float
    label_y: float


@attrs.frozen
class TrendTick:
    """A gridline of the score axis, with its label."""

    value: str
    y: float


@attrs.frozen
class Trend:
    """A line chart of the overall score over time.

    The plot area runs from ``left`` to ``right`` and from ``top`` (a score of 1) to
    ``bottom`` (a score of 0) on a canvas of ``width`` by ``height``. Points are placed
    by date, but at least :data:`MIN_GAP` apart so that their date labels never overlap.
    """

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    points: tuple[TrendPoint, ...]
    lines: tuple[TrendLine, ...]
    ticks: tuple[TrendTick, ...]
    polyline: str


PLOT_HEIGHT = 240.0
PLOT_WIDTH = 520.0
MARGIN_LEFT = 52.0
MARGIN_RIGHT = 170.0
MARGIN_TOP = 24.0
MARGIN_BOTTOM = 44.0
PAD = 44.0
MIN_GAP = 84.0
LABEL_GAP = 15.0


def _x_positions(dates: Sequence[datetime.date], x0: float, x1: float) -> list[float]:
    span = (dates[-1] - dates[0]).days
    xs = [
        x0 + (x1 - x0) * ((day - dates[0]).days / span if span else i / max(len(dates) - 1, 1))
        for i, day in enumerate(dates)
    ]
    for i in range(1, len(xs)):
        xs[i] = max(xs[i], xs[i - 1] + MIN_GAP)
    xs[-1] = min(xs[-1], x1)
    for i in range(len(xs) - 2, -1, -1):
        xs[i] = min(xs[i], xs[i + 1] - MIN_GAP)
    return xs


def trend(points: Sequence[Point], bands: Sequence[Band]) -> Trend:
    """Lay out the score-over-time chart with a line for each band threshold above 0.

    >>> import datetime
    >>> from transition.model import Band
    >>> from transition.progress import Point
    >>> from transition.model import FrozenDict
    >>> bands = [Band("low", "Low", 0.0), Band("high", "High", 0.5)]
    >>> def point(day, score):
    ...     return Point(
    ...         datetime.date.fromisoformat(day),
    ...         "1",
    ...         None,
    ...         "",
    ...         score,
    ...         bands[0],
    ...         1.0,
    ...         False,
    ...         0.0,
    ...         0,
    ...         FrozenDict(),
    ...     )
    >>> chart = trend([point("2026-01-01", 0.25), point("2026-01-02", 0.75)], bands)
    >>> chart.polyline
    '96.0,204.0 528.0,84.0'
    >>> [(line.label, line.y) for line in chart.lines]
    [('High', 144.0)]
    """
    plot_width = max(PLOT_WIDTH, (len(points) - 1) * MIN_GAP + 2 * PAD)
    left, top = MARGIN_LEFT, MARGIN_TOP
    right, bottom = left + plot_width, top + PLOT_HEIGHT

    def y_of(score: float) -> float:
        return bottom - PLOT_HEIGHT * min(max(score, 0.0), 1.0)

    xs = _x_positions([p.assessed_on for p in points], left + PAD, right - PAD)
    placed = tuple(
        TrendPoint(
            current().date(p.assessed_on, short=True),
            p.score,
            percent(p.score, 1),
            p.band.label,
            coordinate(x),
            coordinate(y_of(p.score)),
        )
        for p, x in zip(points, xs, strict=True)
    )
    thresholds = [band for band in bands if band.min > 0]
    label_ys = [y_of(band.min) for band in thresholds]
    for i in range(1, len(label_ys)):  # bands ascend, so labels go up the chart
        label_ys[i] = min(label_ys[i], label_ys[i - 1] - LABEL_GAP)
    lines = tuple(
        TrendLine(
            band.label,
            percent(band.min, 1),
            band.requires_critical,
            coordinate(y_of(band.min)),
            coordinate(label_y),
        )
        for band, label_y in zip(thresholds, label_ys, strict=True)
    )
    ticks = tuple(TrendTick(percent(v), coordinate(y_of(v))) for v in (0.0, 0.25, 0.5, 0.75, 1.0))
    polyline = " ".join(f"{p.x},{p.y}" for p in placed)
    return Trend(
        width=coordinate(right + MARGIN_RIGHT),
        height=coordinate(bottom + MARGIN_BOTTOM),
        left=coordinate(left),
        right=coordinate(right),
        top=coordinate(top),
        bottom=coordinate(bottom),
        points=placed,
        lines=lines,
        ticks=ticks,
        polyline=polyline,
    )
