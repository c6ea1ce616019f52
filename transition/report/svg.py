"""Geometry for the report's pictures, computed here so templates only draw.

Two pictures: a radar of the characteristic scores, and the milestone dependency
graph laid out by topological generation (columns) and phase (lanes). Coordinates
are rounded to one decimal so output is stable and compact. No Graphviz needed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs

from ..graph import topological_order
from ..model import Rubric

__all__ = ["Graph", "Radar", "layout_graph", "radar"]


def _r(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


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
                _r(x),
                _r(y),
                _r(lx),
                _r(ly),
                anchor,
                _split(title),
                _r(px),
                _r(py),
            )
        )
    rings = tuple(
        " ".join(f"{_r(x)},{_r(y)}" for x, y in (at(i, fraction) for i in range(count)))
        for fraction in (0.25, 0.5, 0.75, 1.0)
    )
    polygon = " ".join(f"{axis.point_x},{axis.point_y}" for axis in axes)
    return Radar(size, width, cx, cy, radius, tuple(axes), rings, polygon)


@attrs.frozen
class GraphNode:
    """A milestone box in the dependency graph."""

    id: str
    title: str
    label: str
    status: str
    critical: bool
    x: float
    y: float
    width: float
    height: float


@attrs.frozen
class GraphEdge:
    """An arrow from prerequisite to dependent; ``unmet`` when it holds the dependent back."""

    source: str
    target: str
    path: str
    unmet: bool


@attrs.frozen
class GraphLane:
    """A horizontal band for one phase (or for milestones without a phase)."""

    id: str
    title: str
    y: float
    height: float


@attrs.frozen
class Graph:
    """The laid-out milestone graph."""

    width: float
    height: float
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    lanes: tuple[GraphLane, ...]


NODE_WIDTH = 150.0
NODE_HEIGHT = 34.0
COLUMN_GAP = 40.0
ROW_GAP = 10.0
LANE_GAP = 16.0
MARGIN = 12.0
LABEL_WIDTH = 110.0
LABEL_CHARS = 22


def _label(title: str) -> str:
    return title if len(title) <= LABEL_CHARS else title[: LABEL_CHARS - 1].rstrip() + "\u2026"


def layout_graph(
    rubric: Rubric, status: Mapping[str, str], unmet: Mapping[str, Sequence[str]]
) -> Graph:
    """Place every milestone: column = longest chain of prerequisites before it,
    lane = its phase; within a cell, rubric order.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> graph = layout_graph(rubric, {m: "unassessed" for m in rubric.milestones}, {})
    >>> (
    ...     len(graph.nodes) == len(rubric.milestones),
    ...     len(graph.edges) == rubric.graph.number_of_edges(),
    ... )
    (True, True)
    >>> [lane.id for lane in graph.lanes]
    ['explore', 'business_case', 'approval', 'transition', 'sustain']
    """
    column: dict[str, int] = {}
    for milestone_id in topological_order(rubric):
        before = [column[p.milestone] + 1 for p in rubric.milestones[milestone_id].requires]
        column[milestone_id] = max(before, default=0)
    lane_ids = [phase.id for phase in rubric.phases]
    titles = {phase.id: phase.title for phase in rubric.phases}
    if any(m.phase is None for m in rubric.milestones.values()):
        lane_ids.append("")
        titles[""] = "No phase"
    cells: dict[tuple[str, int], list[str]] = {}
    for milestone in rubric.milestones.values():
        cells.setdefault((milestone.phase or "", column[milestone.id]), []).append(milestone.id)

    lanes: list[GraphLane] = []
    position: dict[str, tuple[float, float]] = {}
    y = MARGIN
    for lane_id in lane_ids:
        rows = max((len(ids) for (lid, _), ids in cells.items() if lid == lane_id), default=0)
        if rows == 0:
            continue
        height = rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP + 2 * ROW_GAP
        lanes.append(GraphLane(lane_id, titles[lane_id], _r(y), _r(height)))
        for (lid, col), ids in cells.items():
            if lid != lane_id:
                continue
            for row, milestone_id in enumerate(ids):
                x = MARGIN + LABEL_WIDTH + col * (NODE_WIDTH + COLUMN_GAP)
                position[milestone_id] = (x, y + ROW_GAP + row * (NODE_HEIGHT + ROW_GAP))
        y += height + LANE_GAP

    nodes = tuple(
        GraphNode(
            id=m.id,
            title=m.title,
            label=_label(m.title),
            status=status.get(m.id, "unassessed"),
            critical=m.critical,
            x=_r(position[m.id][0]),
            y=_r(position[m.id][1]),
            width=NODE_WIDTH,
            height=NODE_HEIGHT,
        )
        for m in rubric.milestones.values()
    )
    edges = []
    for milestone in rubric.milestones.values():
        tx, ty = position[milestone.id]
        for prerequisite in milestone.requires:
            sx, sy = position[prerequisite.milestone]
            x1, y1 = sx + NODE_WIDTH, sy + NODE_HEIGHT / 2
            x2, y2 = tx, ty + NODE_HEIGHT / 2
            bend = max((x2 - x1) / 2, 20.0)
            path = (
                f"M{_r(x1)},{_r(y1)} C{_r(x1 + bend)},{_r(y1)} "
                f"{_r(x2 - bend)},{_r(y2)} {_r(x2)},{_r(y2)}"
            )
            edges.append(
                GraphEdge(
                    prerequisite.milestone,
                    milestone.id,
                    path,
                    prerequisite.milestone in unmet.get(milestone.id, ()),
                )
            )
    columns = max(column.values(), default=0) + 1
    width = MARGIN * 2 + LABEL_WIDTH + columns * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP
    return Graph(_r(width), _r(y - LANE_GAP + MARGIN), nodes, tuple(edges), tuple(lanes))
