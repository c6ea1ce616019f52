"""Properties of the layered layout (transition.report.charts.layered) and of the graph
picture built on it: on random acyclic graphs and random rubrics."""

from __future__ import annotations

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

import transition
from tests.strategies import RandomRubric, random_rubrics
from transition.report.charts import layered
from transition.report.charts.graph import CANVAS_WIDTH, graph_svg, layout_graph
from transition.report.view import status_entries

Edge = tuple[str, str]


@st.composite
def dags(draw: st.DrawFn, most: int = 14) -> tuple[list[str], list[Edge]]:
    """A random acyclic graph: nodes in a shuffled order, edges from an earlier-numbered
    node to a later one."""
    count = draw(st.integers(1, most))
    names = [f"n{i}" for i in range(count)]
    pairs = [(a, b) for a, b in itertools.combinations(names, 2)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * count)) if pairs else []
    return draw(st.permutations(names)), edges


def brute_crossings(layers: list[list[str]], edges: list[Edge]) -> int:
    """Every pair of edges between the same two adjacent layers, checked by hand."""
    where = {node: (i, j) for i, layer in enumerate(layers) for j, node in enumerate(layer)}
    total = 0
    for (a, b), (c, d) in itertools.combinations(edges, 2):
        (la, pa), (lb, pb) = where[a], where[b]
        (lc, pc), (ld, pd) = where[c], where[d]
        if la > lb:
            (la, pa), (lb, pb) = (lb, pb), (la, pa)
        if lc > ld:
            (lc, pc), (ld, pd) = (ld, pd), (lc, pc)
        if la == lc and lb == ld and (pa - pc) * (pb - pd) < 0:
            total += 1
    return total


def laid_out(
    nodes: list[str], edges: list[Edge], capacity: float | None = None
) -> tuple[dict[str, int], list[list[str]], list[Edge]]:
    widths = dict.fromkeys(nodes, 10.0)
    layer = layered.layering(nodes, edges, widths=widths, capacity=capacity, gap=2, dummy=1)
    layers, short, _ = layered.proper(nodes, edges, layer)
    return layer, layers, short


@given(dags(), st.sampled_from([None, 10.0, 35.0]))
def test_every_node_is_placed_once_and_every_edge_goes_down(
    graph: tuple[list[str], list[Edge]], capacity: float | None
) -> None:
    nodes, edges = graph
    layer, layers, short = laid_out(nodes, edges, capacity)
    placed = [node for row in layers for node in row if not node.startswith(layered.DUMMY)]
    assert sorted(placed) == sorted(nodes)
    assert all(layer[source] < layer[target] for source, target in edges)
    ordered = layered.order_layers(layers, short)
    assert [sorted(row) for row in ordered] == [sorted(row) for row in layers]


@given(dags())
def test_crossing_reduction_never_makes_it_worse(graph: tuple[list[str], list[Edge]]) -> None:
    nodes, edges = graph
    _, layers, short = laid_out(nodes, edges)
    after = layered.order_layers(layers, short)
    assert layered.crossings(after, short) <= layered.crossings(layers, short)


@given(dags(most=9), st.randoms(use_true_random=False))
def test_crossing_count_is_the_brute_force_count(
    graph: tuple[list[str], list[Edge]], rng: object
) -> None:
    nodes, edges = graph
    _, layers, short = laid_out(nodes, edges)
    shuffled = [list(row) for row in layers]
    for row in shuffled:
        rng.shuffle(row)  # type: ignore[attr-defined]
    assert layered.crossings(shuffled, short) == brute_crossings(shuffled, short)


@given(dags())
def test_the_layout_is_deterministic(graph: tuple[list[str], list[Edge]]) -> None:
    nodes, edges = graph

    def once() -> tuple[list[list[str]], dict[str, float]]:
        _, layers, short = laid_out(nodes, edges, 40.0)
        ordered = layered.order_layers(layers, short)
        widths = dict.fromkeys(nodes, 10.0)
        return ordered, layered.place(ordered, short, widths, gap=2, dummy_gap=1, width=60)

    assert once() == once()


@given(dags())
def test_placed_boxes_keep_order_and_do_not_overlap(graph: tuple[list[str], list[Edge]]) -> None:
    nodes, edges = graph
    _, layers, short = laid_out(nodes, edges, 40.0)
    widths = dict.fromkeys(nodes, 10.0)
    x = layered.place(layers, short, widths, gap=2, dummy_gap=1, width=200)
    for row in layers:
        for left, right in itertools.pairwise(row):
            assert x[right] - x[left] >= (widths.get(left, 0) + widths.get(right, 0)) / 2 - 1e-6


def _statuses(drawn: RandomRubric) -> tuple[transition.Rubric, dict[str, str]]:
    rubric = transition.load_rubric(drawn.mapping)
    cycle = ["met", "in_progress", "not_started", "blocked", "unassessed", "not_applicable"]
    return rubric, {m: cycle[i % len(cycle)] for i, m in enumerate(rubric.milestones)}


@given(random_rubrics(), st.sampled_from([None, "all", "phase", "characteristic"]))
def test_the_picture_fits_1100_px_and_no_boxes_overlap(
    drawn: RandomRubric, split: str | None
) -> None:
    rubric, status = _statuses(drawn)
    graph = layout_graph(rubric, status, {}, split=split)
    assert graph.width <= CANVAS_WIDTH
    milestones = list(graph.nodes)
    assert sorted(node.id for node in milestones) == sorted(rubric.milestones)
    for node in graph.nodes:
        assert node.x >= 0
        assert node.x + node.width <= graph.width
    for one, other in itertools.combinations(graph.nodes, 2):
        apart = (
            one.x + one.width <= other.x
            or other.x + other.width <= one.x
            or one.y + one.height <= other.y
            or other.y + other.height <= one.y
        )
        assert apart, (one.id, other.id)
    svg = graph_svg(graph, status_entries())
    assert f'viewBox="0 0 {graph.width:g} ' in svg
    assert f'width="{graph.width:g}"' in svg
    sizes = [float(size) for size in re.findall(r'font-size="([0-9.]+)"', svg)]
    assert sizes
    assert min(sizes) >= 11
