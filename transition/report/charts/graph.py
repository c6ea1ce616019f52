"""The milestone dependency graph, laid out by topological generation (columns) and
phase (lanes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ...graph import topological_order
from ...locale import gettext
from ...model import Rubric
from .._format import coordinate

__all__ = ["Graph", "GraphEdge", "GraphLane", "GraphNode", "layout_graph"]


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
        titles[""] = gettext("No phase")
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
        lanes.append(GraphLane(lane_id, titles[lane_id], coordinate(y), coordinate(height)))
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
            x=coordinate(position[m.id][0]),
            y=coordinate(position[m.id][1]),
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
                f"M{coordinate(x1)},{coordinate(y1)} C{coordinate(x1 + bend)},{coordinate(y1)} "
                f"{coordinate(x2 - bend)},{coordinate(y2)} {coordinate(x2)},{coordinate(y2)}"
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
    return Graph(
        coordinate(width), coordinate(y - LANE_GAP + MARGIN), nodes, tuple(edges), tuple(lanes)
    )
