"""The layered layout and the graph picture on the bundled rubric and a 200-milestone one."""

from __future__ import annotations

import pytest

import transition
from benchmarks.graph import layered_crossings
from benchmarks.score import synthetic_rubric
from transition.report.charts import layered
from transition.report.charts.graph import CANVAS_WIDTH, graph_of, graph_svg, wrap_label
from transition.report.view import status_entries


def test_crossings_counts_each_crossing_pair_once() -> None:
    layers = [["a", "b", "c"], ["d", "e", "f"]]
    edges = [("a", "f"), ("b", "e"), ("c", "d")]
    assert layered.crossings(layers, edges) == 3
    assert layered.crossings(layered.order_layers(layers, edges), edges) == 0


def test_crossings_refuses_edges_that_skip_a_layer() -> None:
    with pytest.raises(ValueError, match="adjacent layers"):
        layered.crossings([["a"], ["b"], ["c"]], [("a", "c")])


def test_proper_refuses_an_edge_that_goes_up() -> None:
    with pytest.raises(ValueError, match="does not go down"):
        layered.proper(["a", "b"], [("b", "a")], {"a": 0, "b": 1})


def test_layering_refuses_a_cycle() -> None:
    with pytest.raises(ValueError, match="cycle"):
        layered.layering(["a", "b"], [("a", "b"), ("b", "a")])


def test_a_full_layer_spills_into_the_next() -> None:
    layer = layered.layering(
        list("abcdef"), [], widths=dict.fromkeys("abcdef", 100.0), capacity=320, gap=10
    )
    assert [layer[n] for n in "abcdef"] == [0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize(
    ("rubric", "most"),
    [(transition.load_rubric(), 0.25), (synthetic_rubric(200), 0.2)],
    ids=["bundled", "synthetic-200"],
)
def test_crossing_reduction_removes_most_crossings(rubric: transition.Rubric, most: float) -> None:
    naive, reduced = layered_crossings(rubric)
    assert reduced <= naive * most, (naive, reduced)


def test_the_bundled_graph_is_one_panel_and_200_milestones_one_per_phase() -> None:
    bundled = graph_of(transition.load_rubric())
    assert (bundled.split, len(bundled.lanes)) == ("all", 1)
    big = synthetic_rubric(200)
    graph = graph_of(big)
    assert graph.split == "phase"
    assert [lane.id for lane in graph.lanes] == [phase.id for phase in big.phases]
    # Every prerequisite is an edge in its panel or a stub in its dependent's box.
    drawn = {(edge.source, edge.target) for edge in graph.edges}
    stubbed = {(stub.source, node.id) for node in graph.nodes for stub in node.stubs}
    assert drawn | stubbed == set(big.graph.edges)
    assert not drawn & stubbed
    assert graph.width <= CANVAS_WIDTH <= 1100


def test_titles_are_wrapped_whole_never_cut() -> None:
    rubric = transition.load_rubric()
    graph = graph_of(rubric)
    for node in graph.nodes:
        assert " ".join(node.lines) == " ".join(rubric.milestones[node.id].title.split())
    assert "\u2026" not in graph_svg(graph, status_entries())
    assert wrap_label("") == ("",)


def test_edges_into_blocked_milestones_are_drawn_dashed() -> None:
    rubric = transition.load_rubric()
    answers = {"rubric": rubric.id, "answers": {"named_leader": 0}}
    result = transition.score(rubric, transition.load_assessment(answers, rubric))
    graph = graph_of(rubric, result)
    svg = graph_svg(graph, status_entries())
    unmet = [edge for edge in graph.edges if edge.unmet]
    assert unmet
    for edge in unmet:
        assert result.milestones[edge.target].status.value == "blocked"
        assert edge.source in result.milestones[edge.target].unmet_prerequisites
    assert svg.count('stroke-dasharray="6 3" marker-end="url(#graph-arrow-unmet)"') == len(unmet)
