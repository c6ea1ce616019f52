"""The graph queries agree with networkx, which they no longer import to run."""

from __future__ import annotations

import itertools
import random

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

import transition
from tests.strategies import RandomRubric, random_rubrics
from transition.graph import _strongly_connected_components, find_cycles, topological_order


def networkx_topological_order(rubric: transition.Rubric) -> tuple[str, ...]:
    """The order as it was computed with networkx: generations, rubric order within."""
    index = {milestone_id: i for i, milestone_id in enumerate(rubric.milestones)}
    return tuple(
        milestone_id
        for generation in nx.topological_generations(rubric.graph)
        for milestone_id in sorted(generation, key=index.__getitem__)
    )


@given(random_rubrics())
def test_topological_order_is_networkx_generations_in_rubric_order(drawn: RandomRubric) -> None:
    rubric = transition.load_rubric(drawn.mapping)
    assert topological_order(rubric) == networkx_topological_order(rubric)


@st.composite
def digraphs(draw: st.DrawFn) -> dict[str, list[str]]:
    """A random directed graph, cycles and self-loops allowed, as node -> successors."""
    nodes = draw(st.permutations([f"n{i}" for i in range(draw(st.integers(1, 12)))]))
    pairs = st.tuples(st.sampled_from(nodes), st.sampled_from(nodes))
    edges = draw(st.lists(pairs, unique=True, max_size=30))
    graph: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in edges:
        graph[source].append(target)
    return graph


@given(digraphs())
def test_components_are_networkx_strongly_connected_components(
    graph: dict[str, list[str]],
) -> None:
    expected: list[set[str]] = list(nx.strongly_connected_components(nx.DiGraph(graph)))
    ours = list(_strongly_connected_components(graph))
    assert sorted(map(sorted, ours)) == sorted(map(sorted, expected))


@given(digraphs(), st.randoms())
def test_find_cycles_reads_a_dict_as_it_reads_a_networkx_graph(
    graph: dict[str, list[str]], rng: random.Random
) -> None:
    nodes = list(graph)
    rng.shuffle(nodes)
    order = {node: index for index, node in enumerate(nodes)}
    cycles = find_cycles(graph, order)
    assert cycles == find_cycles(nx.DiGraph(graph), order)
    knots: list[set[str]] = list(nx.strongly_connected_components(nx.DiGraph(graph)))
    with_cycle = [c for c in knots if len(c) > 1 or any(n in graph[n] for n in c)]
    assert len(cycles) == len(with_cycle)
    for cycle in cycles:
        assert cycle[0] == cycle[-1]
        assert all(b in graph[a] for a, b in itertools.pairwise(cycle))
