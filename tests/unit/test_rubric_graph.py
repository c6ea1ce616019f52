"""Rubric.graph: built on first use, read-only all the way down, a working networkx graph."""

from __future__ import annotations

import operator
import pickle
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

import transition
from transition.graph import find_cycles, topological_order
from transition.model import Milestone, Prerequisite

RUBRIC = transition.load_rubric()
EDGE = ("named_leader", "senior_sponsor")


WRITES: dict[str, Callable[[nx.DiGraph[str]], object]] = {
    "node attribute": lambda g: operator.setitem(g.nodes["named_leader"], "title", "y"),
    "new node attribute": lambda g: operator.setitem(g.nodes["named_leader"], "new", 1),
    "node attribute deleted": lambda g: operator.delitem(g.nodes["named_leader"], "critical"),
    "edge attribute": lambda g: operator.setitem(g.edges[EDGE], "level", 0),
    "edge attribute by adjacency": lambda g: operator.setitem(g.succ[EDGE[0]][EDGE[1]], "x", 1),
    "graph attribute": lambda g: operator.setitem(g.graph, "rubric", "other"),
    "set_node_attributes": lambda g: nx.set_node_attributes(g, {"named_leader": False}, "critical"),
    "set_edge_attributes": lambda g: nx.set_edge_attributes(g, {EDGE: 0}, "level"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_attribute_writes_raise_and_leave_the_shared_rubric_alone(
    write: Callable[[nx.DiGraph[str]], object],
) -> None:
    rubric = transition.load_rubric()  # the cached bundled rubric, shared by every caller
    before = (dict(rubric.graph.graph), list(rubric.graph.nodes(data=True)))
    edges_before = list(rubric.graph.edges(data=True))
    with pytest.raises(TypeError, match="does not support item"):
        write(rubric.graph)
    assert (dict(rubric.graph.graph), list(rubric.graph.nodes(data=True))) == before
    assert list(transition.load_rubric().graph.edges(data=True)) == edges_before


def test_structure_stays_frozen() -> None:
    assert nx.is_frozen(RUBRIC.graph)
    with pytest.raises(nx.NetworkXError, match="Frozen graph"):
        RUBRIC.graph.remove_edge(*EDGE)


def test_attributes_are_the_rubric_data() -> None:
    graph = RUBRIC.graph
    assert graph.graph == {"rubric": RUBRIC.id}
    assert list(graph.nodes) == list(RUBRIC.milestones)
    for milestone in RUBRIC.milestones.values():
        assert graph.nodes[milestone.id] == {
            "characteristic": milestone.characteristic,
            "phase": milestone.phase,
            "critical": milestone.critical,
        }
        for prerequisite in milestone.requires:
            assert graph.edges[prerequisite.milestone, milestone.id]["level"] == prerequisite.level
    # succ and pred see one attribute mapping per edge, as networkx keeps them.
    assert graph.succ[EDGE[0]][EDGE[1]] is graph.pred[EDGE[1]][EDGE[0]]


def test_networkx_algorithms_run_on_it() -> None:
    graph = RUBRIC.graph
    assert "named_leader" in nx.ancestors(graph, "senior_sponsor")
    assert "senior_sponsor" in nx.descendants(graph, "named_leader")
    order = list(nx.topological_sort(graph))
    assert all(order.index(u) < order.index(v) for u, v in graph.edges)
    assert nx.is_directed_acyclic_graph(graph)
    assert graph.edges[EDGE]["level"] == RUBRIC.graph.get_edge_data(*EDGE)["level"]
    assert sorted(graph.edges(data="level")) == sorted(
        graph.reverse().reverse().edges(data="level")
    )
    assert nx.subgraph(graph, EDGE).edges[EDGE]["level"] == graph.edges[EDGE]["level"]


def test_a_copy_is_an_ordinary_graph_that_can_change() -> None:
    level = RUBRIC.graph.edges[EDGE]["level"]
    copied = RUBRIC.graph.copy()
    copied.nodes["named_leader"]["title"] = "changed"
    copied.edges[EDGE]["level"] = level + 1
    copied.add_edge("a", "b")
    assert copied.nodes["named_leader"]["title"] == "changed"
    assert "title" not in RUBRIC.graph.nodes["named_leader"]
    assert RUBRIC.graph.edges[EDGE]["level"] == level
    assert not RUBRIC.graph.has_edge("a", "b")


def test_graph_pickles_and_is_rebuilt_after_unpickling_the_rubric() -> None:
    graph = pickle.loads(pickle.dumps(RUBRIC.graph))
    assert sorted(graph.edges(data="level")) == sorted(RUBRIC.graph.edges(data="level"))
    with pytest.raises(TypeError):
        graph.nodes["named_leader"]["title"] = "y"
    copied = pickle.loads(pickle.dumps(RUBRIC))
    assert copied == RUBRIC
    assert sorted(copied.graph.edges(data="level")) == sorted(RUBRIC.graph.edges(data="level"))


def test_graph_is_built_once_per_rubric() -> None:
    rubric = transition.load_rubric()
    assert rubric.graph is rubric.graph


def _run(code: str) -> list[Any]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [line == "True" for line in done.stdout.split()]


def test_loading_scoring_and_reporting_import_neither_networkx_nor_metadata() -> None:
    code = (
        "import sys, transition\n"
        "r = transition.load_rubric()\n"
        "a = transition.load_assessment({'rubric': r.id, 'answers': {'named_leader': 3}}, r)\n"
        "result = transition.score(r, a)\n"
        "for f in ('html', 'markdown', 'text', 'json'): transition.render(result, f)\n"
        "print('networkx' in sys.modules, 'importlib.metadata' in sys.modules)\n"
        "r.graph\n"
        "print('networkx' in sys.modules)\n"
    )
    assert _run(code) == [False, False, True]


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    assert transition.__version__ == version("transition-readiness")
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        transition.nope  # noqa: B018 - the lookup is the test


def _milestone(milestone_id: str, *requires: str) -> Milestone:
    return Milestone(
        milestone_id,
        "c",
        milestone_id.title(),
        requires=tuple(Prerequisite(r, 3) for r in requires),
    )


def test_topological_order_of_an_unchecked_cyclic_rubric_raises_as_networkx_did() -> None:
    milestones = {"a": _milestone("a", "b"), "b": _milestone("b", "a")}
    rubric = transition.Rubric(
        id="r",
        title="R",
        version="1",
        characteristics=RUBRIC.characteristics,
        milestones=transition.FrozenDict(milestones),
        bands=RUBRIC.bands,
        scale=RUBRIC.scale,
    )
    with pytest.raises(nx.NetworkXUnfeasible, match="contains a cycle"):
        topological_order(rubric)


def test_topological_order_of_the_bundled_rubric_is_unchanged() -> None:
    index = {milestone_id: i for i, milestone_id in enumerate(RUBRIC.milestones)}
    expected = tuple(
        milestone_id
        for generation in nx.topological_generations(RUBRIC.graph)
        for milestone_id in sorted(generation, key=index.__getitem__)
    )
    assert topological_order(RUBRIC) == expected


def test_find_cycles_copes_with_a_long_chain() -> None:
    # No recursion: a chain far longer than Python's recursion limit is fine.
    n = 5 * sys.getrecursionlimit()
    graph = {f"m{i}": [f"m{(i + 1) % n}"] for i in range(n)}
    order = {node: i for i, node in enumerate(graph)}
    (cycle,) = find_cycles(graph, order)
    assert len(cycle) == n + 1
    assert cycle[0] == cycle[-1] == "m0"
