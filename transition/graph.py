"""Queries on the milestone graph: cycles and topological order.

Edges run from prerequisite to dependent. Orders are deterministic: ties are broken
by rubric order, never by hash or set order. Neither query imports networkx, so that
loading and scoring do not pay for it; :attr:`transition.Rubric.graph` is the networkx
graph, for other questions. Drawings of the graph are in :mod:`transition.report.graph_text`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterator, Mapping
from typing import Protocol

from .model import Rubric

__all__ = ["find_cycles", "topological_order"]


class Successors(Protocol):
    """What :func:`find_cycles` reads of a graph: its nodes, and each one's successors.

    A ``dict`` of node -> successors has it, and so has a :class:`networkx.DiGraph`.
    """

    def __iter__(self) -> Iterator[str]: ...

    def __getitem__(self, node: str, /) -> Collection[str]: ...


def find_cycles(graph: Successors, order: Mapping[str, int]) -> list[list[str]]:
    """Return one cycle for every knot of mutually dependent milestones.

    Each cycle starts and ends at the knot's earliest milestone (by ``order``) and is
    a shortest way round through it, following edges (prerequisite -> dependent).
    A milestone that requires itself is a cycle of one edge. ``graph`` maps each
    milestone to its dependents (a ``dict``, or a :class:`networkx.DiGraph`).

    >>> g = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": []}
    >>> find_cycles(g, {"a": 0, "b": 1, "c": 2, "d": 3})
    [['a', 'b', 'c', 'a']]
    """
    cycles = []
    for component in _strongly_connected_components(graph):
        start = min(component, key=order.__getitem__)
        if len(component) == 1 and start not in graph[start]:
            continue
        cycles.append(_shortest_cycle(graph, start, component, order))
    cycles.sort(key=lambda cycle: order[cycle[0]])
    return cycles


def _strongly_connected_components(graph: Successors) -> Iterator[set[str]]:
    # Tarjan's algorithm without recursion, so a long chain of milestones cannot
    # overflow the stack. Which order the components come in does not matter:
    # find_cycles sorts its answer.
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in graph:
        if root in index:
            continue
        index[root] = lowlink[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(graph[root]))]
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = lowlink[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(graph[successor])))
                    break
                if successor in on_stack:
                    lowlink[node] = min(lowlink[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
                if lowlink[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    yield component


def _shortest_cycle(
    graph: Successors, start: str, component: set[str], order: Mapping[str, int]
) -> list[str]:
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in sorted(graph[node], key=order.__getitem__):
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if successor in component and successor not in parent:
                parent[successor] = node
                queue.append(successor)
    raise AssertionError("a strongly connected component always has a cycle")  # pragma: no cover


def topological_order(rubric: Rubric) -> tuple[str, ...]:
    """Return milestone ids so that every prerequisite comes before its dependents.

    Milestones come in topological generations (those with no prerequisite, then
    those whose prerequisites are all in earlier generations, and so on); within
    each generation they keep rubric order, so the result is the same whatever order
    the input file lists keys in.

    >>> import transition
    >>> order = topological_order(transition.load_rubric())
    >>> order.index("named_leader") < order.index("senior_sponsor")
    True
    """
    index = {milestone_id: i for i, milestone_id in enumerate(rubric.milestones)}
    waiting = {milestone.id: len(milestone.requires) for milestone in rubric.milestones.values()}
    dependents: dict[str, list[str]] = {milestone_id: [] for milestone_id in index}
    for milestone in rubric.milestones.values():
        for prerequisite in milestone.requires:
            dependents[prerequisite.milestone].append(milestone.id)
    generation = [milestone_id for milestone_id, count in waiting.items() if count == 0]
    order: list[str] = []
    while generation:
        order.extend(generation)
        following = []
        for milestone_id in generation:
            for dependent in dependents[milestone_id]:
                waiting[dependent] -= 1
                if waiting[dependent] == 0:
                    following.append(dependent)
        generation = sorted(following, key=index.__getitem__)
    if len(order) < len(index):  # only a Rubric built without load_rubric's checks
        import networkx as nx

        raise nx.NetworkXUnfeasible("Graph contains a cycle or graph changed during iteration")
    return tuple(order)
