"""A layered (Sugiyama) layout of a directed acyclic graph, as pure functions.

The steps, each a function of its own so that each can be tested and measured:

1. :func:`layering`: every node gets a layer, one more than the deepest of its
   predecessors (the longest chain of prerequisites above it), so every edge runs from a
   lower to a higher layer; a layer that would be wider than ``capacity`` spills into
   the next one (so a wide graph wraps instead of growing sideways); nodes named in
   ``sink`` (sources such as the stubs of edges from other panels) move down to just
   above their first successor.
2. :func:`proper`: an edge that spans several layers is cut into a chain through
   dummy nodes, one per layer it passes, so that it can be routed between the boxes.
3. :func:`order_layers`: crossing reduction by barycentre sweeps, down and then up,
   several passes; the best ordering seen (by :func:`crossings`, the initial one
   included) is kept and then improved by adjacent swaps that lower the count.
4. :func:`place`: x coordinates so that edges run short and straight: each node pulled
   towards the mean of its neighbours, alternately above and below, the layer kept in
   order with the separations it needs, inside the width available.

Everything is deterministic: ties keep the order nodes came in, never hash order. No
networkx, so that drawing the graph costs no import.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Collection, Mapping, Sequence

__all__ = ["DUMMY", "crossings", "layering", "order_layers", "place", "proper"]

#: The prefix of a dummy node's name (a character no id contains).
DUMMY = "\x00"

Edge = tuple[str, str]


def _adjacency(nodes: Sequence[str], edges: Sequence[Edge]) -> tuple[dict[str, list[str]], ...]:
    before: dict[str, list[str]] = {node: [] for node in nodes}
    after: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in edges:
        after[source].append(target)
        before[target].append(source)
    return before, after


def _topological(nodes: Sequence[str], before: Mapping[str, list[str]]) -> list[str]:
    """Nodes so that every predecessor comes first; ties in the order given."""
    index = {node: i for i, node in enumerate(nodes)}
    waiting = {node: len(before[node]) for node in nodes}
    after: dict[str, list[str]] = {node: [] for node in nodes}
    for node in nodes:
        for source in before[node]:
            after[source].append(node)
    ready = [node for node in nodes if waiting[node] == 0]
    order: list[str] = []
    while ready:
        order.extend(ready)
        following = []
        for node in ready:
            for target in after[node]:
                waiting[target] -= 1
                if waiting[target] == 0:
                    following.append(target)
        ready = sorted(following, key=index.__getitem__)
    if len(order) < len(nodes):
        raise ValueError("the graph has a cycle, so it has no layering")
    return order


def layering(
    nodes: Sequence[str],
    edges: Sequence[Edge],
    *,
    widths: Mapping[str, float] | None = None,
    capacity: float | None = None,
    gap: float = 0.0,
    dummy: float = 0.0,
    sink: Collection[str] = (),
) -> dict[str, int]:
    """Give every node a layer (0 at the top) so that every edge goes down.

    A node's layer is one more than the deepest of its predecessors. With ``capacity``,
    a layer holds boxes (``widths``, ``gap`` between them) and the dummies of the edges
    passing through it (``dummy`` each) up to that width; a node that would overflow
    it goes down to the next layer with room (a layer always takes one node). Nodes in
    ``sink`` that have no predecessor move down to just above their first successor.

    >>> layering(["a", "b", "c", "d"], [("a", "b"), ("b", "c"), ("a", "c")])
    {'a': 0, 'b': 1, 'c': 2, 'd': 0}
    >>> layering(["s", "a", "b", "c"], [("a", "b"), ("b", "c"), ("s", "c")], sink={"s"})
    {'s': 1, 'a': 0, 'b': 1, 'c': 2}
    >>> wide = layering("abcd", [], widths=dict.fromkeys("abcd", 10.0), capacity=25)
    >>> wide
    {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    before, after = _adjacency(nodes, edges)
    size = widths or {}
    used: dict[int, float] = {}
    layer: dict[str, int] = {}

    def fits(level: int, width: float) -> bool:
        if capacity is None or level not in used:
            return True
        return used[level] + gap + width <= capacity

    def take(level: int, width: float) -> None:
        used[level] = width if level not in used else used[level] + gap + width

    order = _topological(nodes, before)
    for node in order:
        level = max((layer[source] + 1 for source in before[node]), default=0)
        while not fits(level, size.get(node, 0.0)):
            level += 1
        layer[node] = level
        take(level, size.get(node, 0.0))
        for source in before[node]:
            for passed in range(layer[source] + 1, level):
                used[passed] = used.get(passed, 0.0) + dummy
    for node in reversed(order):
        if node in sink and not before[node] and after[node]:
            lowest = min(layer[target] for target in after[node]) - 1
            while lowest > layer[node] and not fits(lowest, size.get(node, 0.0)):
                lowest -= 1
            if lowest > layer[node]:
                used[layer[node]] -= size.get(node, 0.0)
                take(lowest, size.get(node, 0.0))
                layer[node] = lowest
    return {node: layer[node] for node in nodes}


def proper(
    nodes: Sequence[str], edges: Sequence[Edge], layer: Mapping[str, int]
) -> tuple[list[list[str]], list[Edge], dict[Edge, list[str]]]:
    """Cut every edge that spans more than one layer into a chain through dummy nodes.

    Returns the layers (each in the order nodes came), the edges between adjacent
    layers, and for each original edge the nodes of its chain, ends included.

    >>> layers, short, chains = proper(
    ...     ["a", "b", "c"], [("a", "c"), ("a", "b")], {"a": 0, "b": 1, "c": 2}
    ... )
    >>> [[n.replace(DUMMY, "~") for n in row] for row in layers]
    [['a'], ['b', '~a>c#1'], ['c']]
    >>> len(short), len(chains[("a", "c")])
    (3, 3)
    """
    depth = max(layer.values(), default=-1) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    for node in nodes:
        layers[layer[node]].append(node)
    short: list[Edge] = []
    chains: dict[Edge, list[str]] = {}
    for source, target in edges:
        top, bottom = layer[source], layer[target]
        if bottom <= top:
            raise ValueError(f"edge {source!r} -> {target!r} does not go down")
        chain = [source]
        for level in range(top + 1, bottom):
            name = f"{DUMMY}{source}>{target}#{level - top}"
            layers[level].append(name)
            chain.append(name)
        chain.append(target)
        short.extend(itertools.pairwise(chain))
        chains[(source, target)] = chain
    return layers, short, chains


def _inversions(pairs: list[tuple[int, int]], size: int) -> int:
    # Pairs sorted by upper end, then lower end; a crossing is a later pair whose lower
    # end is strictly left of an earlier one's. Counted with a Fenwick tree.
    tree = [0] * (size + 1)
    total = 0
    for seen, (_, low) in enumerate(sorted(pairs)):
        i = low + 1
        at_most = 0
        while i > 0:
            at_most += tree[i]
            i -= i & -i
        total += seen - at_most
        i = low + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return total


def crossings(layers: Sequence[Sequence[str]], edges: Sequence[Edge]) -> int:
    """Count the pairs of edges that cross, between each two adjacent layers.

    Edges must join adjacent layers (as :func:`proper` makes them); two edges cross
    when their ends are in opposite orders in the two layers. Edges that share an end
    do not cross.

    >>> crossings([["a", "b"], ["c", "d"]], [("a", "d"), ("b", "c")])
    1
    >>> crossings([["a", "b"], ["c", "d"]], [("a", "c"), ("b", "d"), ("a", "d")])
    0
    """
    return _count(layers, _by_level(layers, edges))


def _by_level(layers: Sequence[Sequence[str]], edges: Sequence[Edge]) -> dict[int, list[Edge]]:
    """The edges between each layer and the next, each as (upper end, lower end)."""
    where = {node: i for i, layer in enumerate(layers) for node in layer}
    grouped: dict[int, list[Edge]] = {}
    for source, target in edges:
        if abs(where[source] - where[target]) != 1:
            raise ValueError(f"edge {source!r} -> {target!r} does not join adjacent layers")
        upper, lower = (source, target) if where[source] < where[target] else (target, source)
        grouped.setdefault(where[upper], []).append((upper, lower))
    return grouped


def _count(layers: Sequence[Sequence[str]], grouped: Mapping[int, list[Edge]]) -> int:
    total = 0
    for level, group in grouped.items():
        top = {node: i for i, node in enumerate(layers[level])}
        bottom = {node: i for i, node in enumerate(layers[level + 1])}
        pairs = [(top[upper], bottom[lower]) for upper, lower in group]
        total += _inversions(pairs, len(bottom))
    return total


def _sweep(
    layers: list[list[str]], neighbours: Mapping[str, list[str]], downward: bool
) -> list[list[str]]:
    """One barycentre sweep: each layer sorted by the mean position of its neighbours
    in the layer before it (in the sweep's direction); a node with none keeps its place."""
    result = list(layers)  # each swept layer is a new list; none is changed in place
    steps = range(1, len(result)) if downward else range(len(result) - 2, -1, -1)
    for level in steps:
        fixed = result[level - 1] if downward else result[level + 1]
        position = {node: i for i, node in enumerate(fixed)}
        row = result[level]
        keys = []
        for i, node in enumerate(row):
            total, count = 0, 0
            for other in neighbours[node]:
                at = position.get(other)
                if at is not None:
                    total += at
                    count += 1
            keys.append((total / count if count else float(i), i))
        result[level] = [row[i] for i in sorted(range(len(row)), key=keys.__getitem__)]
    return result


def _pair_crossings(mine: Sequence[int], theirs: Sequence[int]) -> int:
    """Crossings between the edges of ``u`` and of ``v`` (u left of v) to one layer,
    given the sorted positions of their neighbours there."""
    return sum(bisect.bisect_left(theirs, a) for a in mine)


def _transpose(
    layers: list[list[str]], up: Mapping[str, list[str]], down: Mapping[str, list[str]]
) -> None:
    """Swap adjacent nodes while a swap lowers the crossings with both neighbour layers."""
    for _ in range(4):
        improved = False
        for level, layer in enumerate(layers):
            above = {n: i for i, n in enumerate(layers[level - 1])} if level else {}
            below = (
                {n: i for i, n in enumerate(layers[level + 1])} if level + 1 < len(layers) else {}
            )
            ups = {n: sorted(above[m] for m in up[n] if m in above) for n in layer}
            downs = {n: sorted(below[m] for m in down[n] if m in below) for n in layer}
            for i in range(len(layer) - 1):
                u, v = layer[i], layer[i + 1]
                now = _pair_crossings(ups[u], ups[v]) + _pair_crossings(downs[u], downs[v])
                swapped = _pair_crossings(ups[v], ups[u]) + _pair_crossings(downs[v], downs[u])
                if swapped < now:
                    layer[i], layer[i + 1] = v, u
                    improved = True
        if not improved:
            return


def order_layers(
    layers: Sequence[Sequence[str]], edges: Sequence[Edge], passes: int = 10
) -> list[list[str]]:
    """Reorder each layer to reduce :func:`crossings`; never worse than ``layers``.

    Each pass sweeps down (each layer by its predecessors' mean position) and up (by
    its successors'), until three passes in a row find nothing better; the ordering
    with the fewest crossings seen (the earliest of equals, the initial one included)
    then has adjacent nodes swapped where that removes crossings, and is returned.

    >>> layers = [["a", "b"], ["c", "d"]]
    >>> edges = [("a", "d"), ("b", "c")]
    >>> crossings(layers, edges), crossings(order_layers(layers, edges), edges)
    (1, 0)
    """
    up: dict[str, list[str]] = {node: [] for layer in layers for node in layer}
    down: dict[str, list[str]] = {node: [] for layer in layers for node in layer}
    for source, target in edges:
        down[source].append(target)
        up[target].append(source)
    grouped = _by_level(layers, edges)
    best = [list(layer) for layer in layers]
    fewest = _count(best, grouped)
    current = best
    idle = 0
    for _ in range(passes):
        if fewest == 0 or idle >= 3:
            break
        idle += 1
        for downward in (True, False):
            current = _sweep(current, up if downward else down, downward)
            count = _count(current, grouped)
            if count < fewest:
                best, fewest, idle = [list(layer) for layer in current], count, 0
    swapped = [list(layer) for layer in best]
    _transpose(swapped, up, down)
    if _count(swapped, grouped) < fewest:
        best = swapped
    return best


def _fit_in_order(
    wanted: Sequence[float], separation: Sequence[float], low: float, high: float
) -> list[float]:
    """Positions as close to ``wanted`` as the order allows (least squares, by pooling
    adjacent violators), each next one at least ``separation[i]`` right of the one
    before, all between ``low`` and ``high`` when they fit there."""
    offset = [0.0]
    for gap in separation:
        offset.append(offset[-1] + gap)
    # With y[i] = x[i] - offset[i] the constraint is y non-decreasing: isotonic regression.
    blocks: list[list[float]] = []  # [sum, count]
    for i, want in enumerate(wanted):
        blocks.append([want - offset[i], 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    y: list[float] = []
    for total, count in blocks:
        y.extend([total / count] * int(count))
    span = offset[-1]
    x = []
    for i, value in enumerate(y):
        lowest, highest = low + offset[i], high - (span - offset[i])
        x.append(max(lowest, min(highest, value + offset[i])) if lowest <= highest else lowest)
    return x


def _separations(
    layer: Sequence[str], widths: Mapping[str, float], gap: float, dummy_gap: float, width: float
) -> list[float]:
    """The least distance between each two neighbours' centres in ``layer``."""
    pairs = list(itertools.pairwise(layer))
    between = [gap if a in widths and b in widths else dummy_gap for a, b in pairs]
    boxes = sum(widths.get(node, 0.0) for node in layer)
    room = max(0.0, width - boxes)
    if sum(between) > room:
        scale = room / sum(between)
        between = [value * scale for value in between]
    return [
        (widths.get(a, 0.0) + widths.get(b, 0.0)) / 2 + value
        for (a, b), value in zip(pairs, between, strict=True)
    ]


def _centred(
    layer: Sequence[str], seps: Sequence[float], widths: Mapping[str, float], width: float
) -> dict[str, float]:
    """A layer packed as tight as its separations allow, in the middle of ``width``."""
    if not layer:
        return {}
    low = widths.get(layer[0], 0.0) / 2
    high = width - widths.get(layer[-1], 0.0) / 2
    at = (low + high) / 2 - sum(seps) / 2
    placed = {layer[0]: at}
    for node, sep in zip(layer[1:], seps, strict=True):
        at += sep
        placed[node] = at
    return placed


def _pulled(node: str, others: Sequence[str], x: Mapping[str, float]) -> float:
    """The mean x of ``others`` (a dummy counts twice); ``node``'s own x if none."""
    pulls = []
    for other in others:
        pulls.extend([x[other]] * (2 if other.startswith(DUMMY) else 1))
    return sum(pulls) / len(pulls) if pulls else x[node]


def place(
    layers: Sequence[Sequence[str]],
    edges: Sequence[Edge],
    widths: Mapping[str, float],
    *,
    gap: float,
    dummy_gap: float,
    width: float,
    rounds: int = 4,
) -> dict[str, float]:
    """The x of every node's centre, between 0 and ``width``.

    Each layer starts packed in the middle; then, alternately by the layer above and below,
    each is pulled to the mean x of its neighbours there (a dummy's pull counts
    double, so long edges run straight) and the layer is fitted in order: boxes
    ``gap`` apart, dummies ``dummy_gap`` from anything. Widths not given are 0
    (dummies). A layer whose gaps do not fit in ``width`` has them narrowed, all in
    proportion, so that it does (boxes never overlap while the boxes alone fit).

    >>> x = place(
    ...     [["a"], ["b", "c"]],
    ...     [("a", "b"), ("a", "c")],
    ...     dict.fromkeys("abc", 10.0),
    ...     gap=10,
    ...     dummy_gap=5,
    ...     width=100,
    ... )
    >>> x["b"] < x["a"] < x["c"], x["c"] - x["b"]
    (True, 20.0)
    """
    up: dict[str, list[str]] = {node: [] for layer in layers for node in layer}
    down: dict[str, list[str]] = {node: [] for layer in layers for node in layer}
    for source, target in edges:
        down[source].append(target)
        up[target].append(source)
    separations = [_separations(layer, widths, gap, dummy_gap, width) for layer in layers]
    x: dict[str, float] = {}
    for layer, seps in zip(layers, separations, strict=True):
        x.update(_centred(layer, seps, widths, width))
    for round_ in range(rounds):
        order = range(len(layers)) if round_ % 2 == 0 else range(len(layers) - 1, -1, -1)
        neighbours = up if round_ % 2 == 0 else down
        for level in order:
            layer = layers[level]
            if not layer:
                continue
            wanted = [_pulled(node, neighbours[node] or up[node] + down[node], x) for node in layer]
            low = widths.get(layer[0], 0.0) / 2
            high = width - widths.get(layer[-1], 0.0) / 2
            for node, value in zip(
                layer, _fit_in_order(wanted, separations[level], low, high), strict=True
            ):
                x[node] = value
    return x
