"""The milestone graph's crossings before and after crossing reduction, and what laying
it out costs next to scoring.

For the bundled rubric and a 200-milestone synthetic one (``score.synthetic_rubric``):

* layered crossings (pairs of edges crossing between adjacent layers, long edges cut at
  dummies, as :func:`transition.report.charts.layered.crossings` counts them) with the
  rubric's order within each layer (naive), and after :func:`order_layers`;
* drawn crossings (pairs of drawn edges whose lines intersect) in the layout before
  this one (columns by depth, lanes by phase, curved edges; recomputed here) and in the
  layout the report draws now;
* the time of ``layout_graph`` + ``graph_svg`` and of ``score()``, and their ratio.

Run: ``python benchmarks/graph.py [--quick]``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import re
from collections.abc import Sequence

import transition
from transition.report.charts import graph as chart
from transition.report.charts import layered
from transition.report.view import StatusEntry, status_entries

try:
    from benchmarks._timing import median_time
    from benchmarks.score import synthetic_assessment, synthetic_rubric
except ModuleNotFoundError:  # run as a script: python benchmarks/NAME.py
    from _timing import median_time  # type: ignore[import-not-found,no-redef]
    from score import (  # type: ignore[import-not-found,no-redef]
        synthetic_assessment,
        synthetic_rubric,
    )

Point = tuple[float, float]


def layered_crossings(rubric: transition.Rubric) -> tuple[int, int]:
    """Crossings with rubric order in each layer, and after reduction, summed over the
    panels the report draws."""
    naive = reduced = 0
    for nodes, edges in chart.panel_graphs(rubric):
        layer = layered.layering(
            nodes,
            edges,
            widths=dict.fromkeys(nodes, chart.NODE_WIDTH),
            capacity=chart.CANVAS_WIDTH - 2 * chart.MARGIN,
            gap=chart.NODE_GAP,
            dummy=chart.DUMMY_GAP,
        )
        layers, short, _ = layered.proper(nodes, edges, layer)
        naive += layered.crossings(layers, short)
        reduced += layered.crossings(layered.order_layers(layers, short), short)
    return naive, reduced


def _bezier(path: str) -> list[Point]:
    """The old layout's cubic edge ``M x,y C x,y x,y x,y`` as 24 straight pieces."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = (
        (float(a), float(b)) for a, b in re.findall(r"(-?[\d.]+),(-?[\d.]+)", path)
    )
    points = []
    for k in range(25):
        t = k / 24
        u = 1 - t
        points.append(
            (
                u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
            )
        )
    return points


def _polyline(path: str) -> list[Point]:
    return [(float(a), float(b)) for a, b in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", path)]


def _cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Whether segments pq and rs properly intersect (touching ends do not count)."""

    def side(a: Point, b: Point, c: Point) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = side(r, s, p), side(r, s, q)
    d3, d4 = side(p, q, r), side(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def drawn_crossings(lines: Sequence[tuple[str, str, list[Point]]]) -> int:
    """Pairs of drawn edges (not sharing an end) whose lines intersect somewhere."""
    boxes = []
    for _, _, points in lines:
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    total = 0
    for (i, (a, b, one)), (j, (c, d, other)) in itertools.combinations(enumerate(lines), 2):
        if {a, b} & {c, d}:
            continue
        bi, bj = boxes[i], boxes[j]
        if bi[2] < bj[0] or bj[2] < bi[0] or bi[3] < bj[1] or bj[3] < bi[1]:
            continue
        segments = list(itertools.pairwise(other))
        if any(_cross(p, q, r, s) for p, q in itertools.pairwise(one) for r, s in segments):
            total += 1
    return total


def old_layout(rubric: transition.Rubric) -> list[tuple[str, str, list[Point]]]:
    """The edges of the layout before this one (transition 0.x ``layout_graph``)."""
    from transition.graph import topological_order

    column: dict[str, int] = {}
    for milestone_id in topological_order(rubric):
        before = [column[p.milestone] + 1 for p in rubric.milestones[milestone_id].requires]
        column[milestone_id] = max(before, default=0)
    lanes = [phase.id for phase in rubric.phases] + [""]
    cells: dict[tuple[str, int], list[str]] = {}
    for milestone in rubric.milestones.values():
        cells.setdefault((milestone.phase or "", column[milestone.id]), []).append(milestone.id)
    position: dict[str, Point] = {}
    y = 12.0
    for lane in lanes:
        rows = max((len(ids) for (lid, _), ids in cells.items() if lid == lane), default=0)
        if rows == 0:
            continue
        for (lid, col), ids in cells.items():
            if lid == lane:
                for row, milestone_id in enumerate(ids):
                    position[milestone_id] = (122 + col * 190.0, y + 10 + row * 44.0)
        y += rows * 44.0 + 10 + 16
    lines = []
    for milestone in rubric.milestones.values():
        tx, ty = position[milestone.id]
        for prerequisite in milestone.requires:
            sx, sy = position[prerequisite.milestone]
            x1, y1, x2, y2 = sx + 150, sy + 17, tx, ty + 17
            bend = max((x2 - x1) / 2, 20.0)
            path = f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
            lines.append((prerequisite.milestone, milestone.id, _bezier(path)))
    return lines


def new_layout(graph: chart.Graph) -> list[tuple[str, str, list[Point]]]:
    return [(edge.source, edge.target, _polyline(edge.path)) for edge in graph.edges]


def _draw(result: transition.Readiness, entries: list[StatusEntry]) -> str:
    return chart.graph_svg(chart.graph_of(result.rubric, result), entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for CI)")
    repeat = 3 if parser.parse_args().quick else 15
    header = (
        f"{'rubric':<22}{'naive':>7}{'reduced':>9}{'old drawn':>11}{'new drawn':>11}"
        f"{'panels':>8}{'layout ms':>11}{'score ms':>10}{'ratio':>8}"
    )
    print(header)
    for name, rubric in (
        ("bundled (52)", transition.load_rubric()),
        ("synthetic (200)", synthetic_rubric(200)),
    ):
        assessment = synthetic_assessment(rubric, random.Random(7))
        result = transition.score(rubric, assessment)
        graph = chart.graph_of(rubric, result)
        draw = functools.partial(_draw, result, status_entries())

        naive, reduced = layered_crossings(rubric)
        drawing = median_time(draw, repeat)
        scoring = median_time(functools.partial(transition.score, rubric, assessment), repeat)
        print(
            f"{name:<22}{naive:>7}{reduced:>9}{drawn_crossings(old_layout(rubric)):>11}"
            f"{drawn_crossings(new_layout(graph)):>11}{len(graph.lanes):>8}"
            f"{drawing * 1000:>11.1f}{scoring * 1000:>10.2f}{drawing / scoring:>7.0f}x"
        )


if __name__ == "__main__":
    main()
