"""Graph queries and drawings."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import transition
from tests.conftest import Golden
from transition.graph import find_cycles, topological_order
from transition.report.charts.graph import graph_of, graph_svg
from transition.report.graph_text import to_dot, to_mermaid
from transition.report.view import status_entries

STATUSES = status_entries()

MINIMAL = Path(__file__).parent.parent / "fixtures" / "rubrics" / "valid" / "minimal.yaml"


def test_dot_golden(golden: Golden) -> None:
    golden.check("graph/minimal.dot", to_dot(transition.load_rubric(MINIMAL)))


def test_mermaid_golden(golden: Golden) -> None:
    golden.check("graph/minimal.mmd", to_mermaid(transition.load_rubric(MINIMAL)))


def test_bundled_graph_goldens(golden: Golden) -> None:
    rubric = transition.load_rubric()
    golden.check("graph/public-service-spinout.dot", to_dot(rubric))
    golden.check("graph/public-service-spinout.mmd", to_mermaid(rubric))
    golden.check("graph/public-service-spinout.svg", str(graph_svg(graph_of(rubric), STATUSES)))


def test_bundled_graph_goldens_of_an_assessment(golden: Golden) -> None:
    rubric = transition.load_rubric()
    path = Path(__file__).parents[2] / "examples" / "exploring.yaml"
    result = transition.score(rubric, transition.load_assessment(path, rubric))
    golden.check("graph/exploring.dot", to_dot(rubric, result))
    golden.check("graph/exploring.mmd", to_mermaid(rubric, result))
    golden.check("graph/exploring.svg", str(graph_svg(graph_of(rubric, result), STATUSES)))


def test_dot_quotes_hostile_titles() -> None:
    rubric = transition.load_rubric(
        {
            "rubric": "q",
            "title": 'Say "hi"\\',
            "version": "1",
            "characteristics": [{"id": "c", "title": "C"}],
            "milestones": [{"id": "end", "characteristic": "c", "title": 'A "b"\nc'}],
            "bands": [{"id": "b", "label": "B", "min": 0}],
        }
    )
    dot = to_dot(rubric)
    assert '"end" [label="A \\"b\\"\\nc"];' in dot
    assert 'label="Say \\"hi\\"\\\\ (1)";' in dot
    mermaid = to_mermaid(rubric)
    assert 'end_["A #quot;b#quot; c"]' in mermaid


def test_find_cycles_reports_each_knot_once_from_its_earliest_milestone() -> None:
    graph: nx.DiGraph[str] = nx.DiGraph(
        [("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c"), ("f", "f")]
    )
    order = {name: index for index, name in enumerate("edcbaf")}
    assert find_cycles(graph, order) == [["e", "c", "d", "e"], ["b", "a", "b"], ["f", "f"]]


def test_find_cycles_prefers_the_shortest_way_round() -> None:
    graph: nx.DiGraph[str] = nx.DiGraph(
        [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("b", "a")]
    )
    assert find_cycles(graph, {n: i for i, n in enumerate("abcd")}) == [["a", "b", "a"]]


def test_acyclic_graph_has_no_cycles() -> None:
    graph: nx.DiGraph[str] = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    assert find_cycles(graph, {n: i for i, n in enumerate("abc")}) == []


def test_topological_order_keeps_rubric_order_within_a_generation() -> None:
    rubric = transition.load_rubric(MINIMAL)
    assert topological_order(rubric) == ("named_leader", "vision_written", "board_formed")


@pytest.mark.parametrize("draw", [to_dot, to_mermaid])
def test_drawings_name_every_milestone_and_edge(draw: object) -> None:
    rubric = transition.load_rubric()
    assert callable(draw)
    text = draw(rubric)
    for milestone_id in rubric.milestones:
        assert milestone_id in text
    arrows = sum(1 for line in text.splitlines() if "->" in line or "-.->" in line)
    assert arrows == rubric.graph.number_of_edges()
