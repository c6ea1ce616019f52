"""The milestone dependency graph: a layered layout (top to bottom by dependency depth)
that fits 1100 px, and the SVG the HTML report embeds.

The layout is :mod:`.layered`'s: layers by the longest chain of prerequisites, crossing
reduction by barycentre sweeps, coordinates that keep edges short and straight, long
edges routed through dummy nodes between the boxes. Every title is shown whole, wrapped
onto as many lines as it needs in a box :data:`NODE_WIDTH` wide.

A graph of up to :data:`ONE_PANEL` milestones is drawn in one panel. A bigger one is
split into one panel per phase (per characteristic when the rubric has fewer than two
phases), stacked top to bottom in rubric order: at 200 milestones one panel would be
dozens of layers deep, its long edges passing many layers, while phases follow each
other (a prerequisite is in the same or an earlier phase), so a panel's edges from
elsewhere are few and point back up. Such an edge is a labelled stub in the box that
needs it: a short dashed arrow into the box and a line "needs <title>
(<characteristic>)" under its title, so no box or edge is added to the panel.
A layer wider than the canvas wraps onto the next layer, so the picture never needs
horizontal scrolling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypedDict

import attrs
from markupsafe import Markup, escape

from ...locale import gettext, ngettext
from ...model import Rubric
from ...result import Readiness
from .._format import coordinate
from . import layered

__all__ = [
    "CANVAS_WIDTH",
    "ONE_PANEL",
    "UNMET_COLOUR",
    "Graph",
    "GraphEdge",
    "GraphLane",
    "GraphNode",
    "GraphStub",
    "StatusStyle",
    "graph_of",
    "graph_svg",
    "layout_graph",
    "panel_graphs",
    "text_width",
    "tint",
    "wrap_label",
]


class StatusStyle(TypedDict):
    """How a status is drawn (as :func:`transition.report.view.status_entries` gives it)."""

    id: str
    label: str
    symbol: str
    colour: str


@attrs.frozen
class GraphStub:
    """An edge from a prerequisite in another panel: a line in the dependent's box."""

    source: str
    #: "needs <title> (<characteristic>)", wrapped to the box.
    lines: tuple[str, ...]
    unmet: bool


@attrs.frozen
class GraphNode:
    """A milestone's box."""

    id: str
    title: str
    #: The title wrapped to the box, every word of it.
    lines: tuple[str, ...]
    status: str
    critical: bool
    x: float
    y: float
    width: float
    height: float
    #: The panel (``GraphLane.id``) the box is in.
    panel: str
    #: Prerequisites in other panels, each drawn as a stub in this box.
    stubs: tuple[GraphStub, ...] = ()
    #: The titles of the milestone's prerequisites, and of those below the level needed.
    needs: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()
    #: The titles of the milestone's characteristic and phase ("" for none).
    characteristic: str = ""
    phase: str = ""


@attrs.frozen
class GraphEdge:
    """An arrow from prerequisite to dependent (in one panel), as an SVG path of straight
    segments; ``unmet`` when the prerequisite holds the dependent back."""

    source: str
    target: str
    path: str
    unmet: bool


@attrs.frozen
class GraphLane:
    """A panel: one phase's (or characteristic's) milestones, or all of them."""

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
    #: What the panels are: "all", "phase" or "characteristic".
    split: str = "all"
    #: Whether nodes carry statuses (an assessment was scored).
    has_status: bool = True


#: The widest the picture gets: at 1 px a unit it fits a 1100 px window's report column
#: (and the 1100 px limit) without scrolling; narrower, it scales down.
CANVAS_WIDTH = 1020.0
#: Up to this many milestones share one panel.
ONE_PANEL = 80
NODE_WIDTH = 170.0
FONT_SIZE = 12.0
LINE_HEIGHT = 15.0
PAD_X = 8.0
PAD_Y = 7.0
SYMBOL_SPACE = 16.0
TEXT_WIDTH = NODE_WIDTH - 2 * PAD_X - SYMBOL_SPACE
NODE_GAP = 16.0
DUMMY_GAP = 9.0
MARGIN = 10.0
PANEL_HEADER = 28.0
PANEL_GAP = 14.0
LEGEND_ROW = 22.0
STUB_FONT_SIZE = 11.0
STUB_LINE_HEIGHT = 14.0
STUB_GAP = 6.0
STUB_TEXT_WIDTH = NODE_WIDTH - 2 * PAD_X

_NARROW = frozenset("iljI.,:;'|!()[]{}ft ")
_WIDE = frozenset("mwMW@%")


def _char_em(char: str) -> float:
    if char in _NARROW:
        return 0.32
    if char in _WIDE:
        return 0.92
    if char.isascii():
        return 0.72 if char.isupper() else 0.58
    return 1.0


_EM = {chr(code): _char_em(chr(code)) for code in range(32, 127)}


def _em(text: str) -> float:
    return sum(_EM[c] if c in _EM else _char_em(c) for c in text)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """A generous estimate of how wide ``text`` is in a sans-serif font of ``size`` px.

    >>> text_width("Milestone") < text_width("MILESTONE")
    True
    """
    return _em(text) * size


def _break_word(word: str, room: float, lines: list[str]) -> tuple[str, float]:
    """Break a word too long for a line (``room`` in em) after a hyphen past half the
    line, else anywhere; the full lines go to ``lines``, the rest is returned."""
    line, used = "", 0.0
    for char in word:
        width = _EM[char] if char in _EM else _char_em(char)
        if line and used + width > room:
            cut = line.rfind("-", 0, len(line) - 1) + 1
            if cut and _em(line[:cut]) > room / 2:
                lines.append(line[:cut])
                line = line[cut:]
                used = _em(line)
            else:
                lines.append(line)
                line, used = "", 0.0
        line += char
        used += width
    return line, used


def wrap_label(text: str, width: float = TEXT_WIDTH, size: float = FONT_SIZE) -> tuple[str, ...]:
    """Break ``text`` into lines no wider than ``width``, at spaces; a word too long for
    a line is broken inside. Nothing is dropped: the lines hold every character.

    >>> wrap_label("A named leader has stepped forward to lead the spin-out", 150)
    ('A named leader has', 'stepped forward to lead', 'the spin-out')
    >>> "".join(wrap_label("x" * 60, 100)) == "x" * 60
    True
    """
    room = width / size
    space = _EM[" "]
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.split():
        em = _em(word)
        if line and used + space + em <= room:
            line, used = f"{line} {word}", used + space + em
            continue
        if line:
            lines.append(line)
        if em <= room:
            line, used = word, em
        else:
            line, used = _break_word(word, room, lines)
    if line or not lines:
        lines.append(line)
    return tuple(lines)


def _box_height(lines: Sequence[str], stubs: Sequence[GraphStub] = ()) -> float:
    height = len(lines) * LINE_HEIGHT + 2 * PAD_Y
    if stubs:
        height += STUB_GAP + sum(len(stub.lines) for stub in stubs) * STUB_LINE_HEIGHT
    return height


@attrs.frozen
class _Panel:
    id: str
    title: str
    members: tuple[str, ...]


def _panels(rubric: Rubric, split: str) -> list[_Panel]:
    if split == "all":
        return [_Panel("all", "", tuple(rubric.milestones))]
    if split == "phase":
        groups = [(p.id, p.title) for p in rubric.phases] + [("", "No phase")]
        key: Callable[[str], str] = lambda m: rubric.milestones[m].phase or ""  # noqa: E731
    else:
        groups = [(c.id, c.title) for c in rubric.characteristics]
        key = lambda m: rubric.milestones[m].characteristic  # noqa: E731
    panels = []
    for group_id, title in groups:
        members = tuple(m for m in rubric.milestones if key(m) == group_id)
        if members:
            panels.append(_Panel(group_id, title, members))
    return panels


def _split(rubric: Rubric) -> str:
    if len(rubric.milestones) <= ONE_PANEL:
        return "all"
    phases = {m.phase for m in rubric.milestones.values()}
    return "phase" if len(phases - {None}) >= 2 else "characteristic"


@attrs.frozen
class _Drawn:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    height: float


def _ports(node: GraphNode, others: list[float], bottom: bool) -> dict[int, tuple[float, float]]:
    """Where each of a box's edges leaves (bottom) or enters (top), spread along the
    side in the order of the x at the other end, so that they do not cross there."""
    order = sorted(range(len(others)), key=lambda i: (others[i], i))
    spread = min(node.width * 0.7, 12.0 * (len(others) - 1))
    centre = node.x + node.width / 2
    y = node.y + node.height if bottom else node.y
    ports = {}
    for rank, i in enumerate(order):
        offset = 0.0 if len(others) == 1 else spread * (rank / (len(others) - 1) - 0.5)
        ports[i] = (centre + offset, y)
    return ports


def _points(points: list[tuple[float, float]]) -> str:
    kept = [points[0]]
    for point in points[1:]:
        if point != kept[-1]:
            kept.append(point)
    return " ".join(
        f"{'M' if i == 0 else 'L'}{coordinate(x)},{coordinate(y)}" for i, (x, y) in enumerate(kept)
    )


@attrs.frozen
class _Box:
    id: str
    title: str
    status: str
    critical: bool
    #: (source, "needs ..." text, unmet) for each prerequisite in another panel.
    stubs: tuple[tuple[str, str, bool], ...]
    needs: tuple[str, ...]
    unmet: tuple[str, ...]
    characteristic: str = ""
    phase: str = ""


def _draw_panel(
    boxes: list[_Box], edges: list[tuple[str, str, bool]], panel: str, top: float
) -> _Drawn:
    """Lay one panel out from ``top``: layers, order, x, then y band by band."""
    lines = {box.id: wrap_label(box.title) for box in boxes}
    stubs = {
        box.id: tuple(
            GraphStub(source, wrap_label(text, STUB_TEXT_WIDTH, STUB_FONT_SIZE), held)
            for source, text, held in box.stubs
        )
        for box in boxes
    }
    heights = {box.id: _box_height(lines[box.id], stubs[box.id]) for box in boxes}
    ids = [box.id for box in boxes]
    pairs = [(source, target) for source, target, _ in edges]
    usable = CANVAS_WIDTH - 2 * MARGIN
    layer = layered.layering(
        ids,
        pairs,
        widths=dict.fromkeys(ids, NODE_WIDTH),
        capacity=usable,
        gap=NODE_GAP,
        dummy=DUMMY_GAP,
    )
    layers, short, chains = layered.proper(ids, pairs, layer)
    layers = layered.order_layers(layers, short)
    x = layered.place(
        layers,
        short,
        dict.fromkeys(ids, NODE_WIDTH),
        gap=NODE_GAP,
        dummy_gap=DUMMY_GAP,
        width=usable,
    )
    band_top: list[float] = []
    band_bottom: list[float] = []
    y = top
    where = {node: level for level, row in enumerate(layers) for node in row}
    widest = [0.0] * len(layers)
    for a, b in short:
        widest[where[a]] = max(widest[where[a]], abs(x[a] - x[b]))
    for level, row in enumerate(layers):
        if level:
            y += min(64.0, 26.0 + 0.06 * widest[level - 1])
        height = max((heights[n] for n in row if n in heights), default=0.0)
        band_top.append(y)
        band_bottom.append(y + height)
        y += height
    nodes: dict[str, GraphNode] = {}
    for box in boxes:
        level = layer[box.id]
        nodes[box.id] = GraphNode(
            id=box.id,
            title=box.title,
            lines=lines[box.id],
            status=box.status,
            critical=box.critical,
            x=coordinate(MARGIN + x[box.id] - NODE_WIDTH / 2),
            y=coordinate(band_top[level]),
            width=NODE_WIDTH,
            height=heights[box.id],
            panel=panel,
            stubs=stubs[box.id],
            needs=box.needs,
            unmet=box.unmet,
            characteristic=box.characteristic,
            phase=box.phase,
        )
    return _Drawn(
        list(nodes.values()),
        _route(nodes, edges, chains, layer, x, (band_top, band_bottom)),
        y - top,
    )


def layer_of(node: str, layer: Mapping[str, int]) -> int:
    """The layer of a node or of a dummy (whose name ends ``#k``, k layers below its
    edge's source).

    >>> layer_of("a", {"a": 2}), layer_of(layered.DUMMY + "a>b#1", {"a": 2})
    (2, 3)
    """
    if node.startswith(layered.DUMMY):
        source, _, rest = node[1:].rpartition(">")
        _target, _, step = rest.rpartition("#")
        return layer[source] + int(step)
    return layer[node]


def _route(
    nodes: Mapping[str, GraphNode],
    edges: list[tuple[str, str, bool]],
    chains: Mapping[tuple[str, str], list[str]],
    layer: Mapping[str, int],
    x: Mapping[str, float],
    bands: tuple[list[float], list[float]],
) -> list[GraphEdge]:
    band_top, band_bottom = bands
    outgoing: dict[str, list[int]] = {}
    incoming: dict[str, list[int]] = {}
    for i, (source, target, _) in enumerate(edges):
        outgoing.setdefault(source, []).append(i)
        incoming.setdefault(target, []).append(i)
    start: dict[int, tuple[float, float]] = {}
    end: dict[int, tuple[float, float]] = {}
    for node_id, indices in outgoing.items():
        nexts = [x[chains[edges[i][:2]][1]] + MARGIN for i in indices]
        for k, port in _ports(nodes[node_id], nexts, bottom=True).items():
            start[indices[k]] = port
    for node_id, indices in incoming.items():
        befores = [x[chains[edges[i][:2]][-2]] + MARGIN for i in indices]
        for k, port in _ports(nodes[node_id], befores, bottom=False).items():
            end[indices[k]] = port
    drawn = []
    for i, (source, target, unmet) in enumerate(edges):
        chain = chains[(source, target)]
        sx, sy = start[i]
        points = [(sx, sy), (sx, band_bottom[layer[source]])]
        for dummy in chain[1:-1]:
            level = layer_of(dummy, layer)
            points.append((x[dummy] + MARGIN, band_top[level]))
            points.append((x[dummy] + MARGIN, band_bottom[level]))
        points.append(end[i])
        drawn.append(GraphEdge(source, target, _points(points), unmet))
    return drawn


def _stub_title(rubric: Rubric, milestone_id: str) -> str:
    milestone = rubric.milestones[milestone_id]
    characteristic = next(
        c.title for c in rubric.characteristics if c.id == milestone.characteristic
    )
    return gettext("needs %(title)s (%(characteristic)s)") % {
        "title": milestone.title,
        "characteristic": characteristic,
    }


def _panel_boxes(
    rubric: Rubric,
    panels: Sequence[_Panel],
    panel: _Panel,
    status: Mapping[str, str],
    unmet: Mapping[str, Sequence[str]],
) -> tuple[list[_Box], list[tuple[str, str, bool]]]:
    """A panel's boxes (with their stubs) and its edges."""
    where = {m: each.id for each in panels for m in each.members}
    titles = {m.id: m.title for m in rubric.milestones.values()}
    characteristics = {c.id: c.title for c in rubric.characteristics}
    phases = {p.id: p.title for p in rubric.phases}
    boxes: list[_Box] = []
    links: list[tuple[str, str, bool]] = []
    for milestone_id in panel.members:
        milestone = rubric.milestones[milestone_id]
        held = tuple(unmet.get(milestone_id, ()))
        stubs = []
        for prerequisite in milestone.requires:
            source = prerequisite.milestone
            if where[source] != panel.id:
                stubs.append((source, _stub_title(rubric, source), source in held))
            else:
                links.append((source, milestone_id, source in held))
        boxes.append(
            _Box(
                milestone_id,
                milestone.title,
                status.get(milestone_id, ""),
                milestone.critical,
                tuple(stubs),
                tuple(titles[p.milestone] for p in milestone.requires),
                tuple(titles[p] for p in held),
                characteristics[milestone.characteristic],
                phases.get(milestone.phase or "", ""),
            )
        )
    return boxes, links


def panel_graphs(
    rubric: Rubric, split: str | None = None
) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """What :mod:`.layered` lays out for each panel: its milestones and the edges
    between them (edges from other panels are stubs, not laid out).

    >>> import transition
    >>> [len(nodes) for nodes, _ in panel_graphs(transition.load_rubric())]
    [52]
    """
    panels = _panels(rubric, split or _split(rubric))
    found = []
    for panel in panels:
        boxes, links = _panel_boxes(rubric, panels, panel, {}, {})
        found.append(
            (
                [box.id for box in boxes],
                [(source, target) for source, target, _ in links],
            )
        )
    return found


def graph_of(rubric: Rubric, result: Readiness | None = None) -> Graph:
    """The graph of ``rubric`` laid out with the statuses of ``result`` (none without
    one): what the report draws and ``transition graph`` prints.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> graph_of(rubric).has_status
    False
    """
    if result is None:
        return layout_graph(rubric, {}, {})
    status: dict[str, str] = {}
    unmet: dict[str, tuple[str, ...]] = {}
    for milestone_id in result.milestones:
        scored = result.milestones[milestone_id]  # built on each lookup: once each
        status[milestone_id] = scored.status.value
        unmet[milestone_id] = scored.unmet_prerequisites
    return layout_graph(rubric, status, unmet)


def layout_graph(
    rubric: Rubric,
    status: Mapping[str, str],
    unmet: Mapping[str, Sequence[str]],
    *,
    split: str | None = None,
) -> Graph:
    """Lay the milestone graph out in panels (see the module's notes), top to bottom.

    ``status`` maps milestones to their status (empty: a rubric's graph, no statuses);
    ``unmet`` maps each to the prerequisites below the level it needs. ``split`` forces
    ``"all"``, ``"phase"`` or ``"characteristic"``.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> graph = layout_graph(rubric, {m: "unassessed" for m in rubric.milestones}, {})
    >>> len(graph.nodes) == len(rubric.milestones)
    True
    >>> len(graph.edges) == rubric.graph.number_of_edges(), graph.width <= 1100
    (True, True)
    >>> layout_graph(rubric, {}, {}, split="phase").split
    'phase'
    """
    how = split or _split(rubric)
    panels = _panels(rubric, how)
    top = MARGIN
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    lanes: list[GraphLane] = []
    for panel in panels:
        header = PANEL_HEADER if how != "all" else 0.0
        boxes, links = _panel_boxes(rubric, panels, panel, status, unmet)
        drawn = _draw_panel(boxes, links, panel.id, top + header)
        lanes.append(
            GraphLane(panel.id, panel.title, coordinate(top), coordinate(header + drawn.height))
        )
        nodes.extend(drawn.nodes)
        edges.extend(drawn.edges)
        top += header + drawn.height + PANEL_GAP + (MARGIN if how != "all" else 0.0)
    order = {m: i for i, m in enumerate(rubric.milestones)}
    nodes.sort(key=lambda n: order[n.id])
    return Graph(
        CANVAS_WIDTH,
        coordinate(top - PANEL_GAP + MARGIN),
        tuple(nodes),
        tuple(edges),
        tuple(lanes),
        how,
        bool(status),
    )


# -- the SVG ------------------------------------------------------------------------

#: Control characters and bidirectional controls: never drawn (as the reports drop them).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
EDGE_COLOUR = "#8a8a96"
UNMET_COLOUR = "#8c1d18"
STUB_COLOUR = "#5b5b66"


def _text(value: str) -> Markup:
    """Text for SVG: control characters dropped, whitespace folded, markup escaped."""
    return escape(" ".join(_CONTROL.sub("", value).split()))


def tint(colour: str, keep: float = 0.16) -> str:
    """``colour`` (``#rrggbb``) mixed with white, ``keep`` of the colour: a box's fill.

    >>> tint("#1b7f3b")
    '#dbebe0'
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in (red, green, blue))


def _legend(graph: Graph, styles: Mapping[str, StatusStyle], top: float) -> tuple[list[str], float]:
    """The legend rows: each status as a swatch (fill, pattern), its symbol and its
    label, so that colour is never the only sign; then the arrows and boxes."""
    items: list[tuple[str, str]] = []
    if graph.has_status:
        for status_id, style in styles.items():
            swatch = (
                f'<rect x="0" y="-10" width="22" height="14" rx="3" '
                f'fill="{_fill(status_id, style)}" stroke="{style["colour"]}"'
                f"{_dash(status_id)}/>"
                f'<text x="11" y="1" text-anchor="middle" font-size="11" font-weight="700" '
                f'fill="{style["colour"]}">{_text(style["symbol"])}</text>'
            )
            items.append((swatch, style["label"]))
    items.append(
        (
            f'<line x1="0" y1="-3" x2="22" y2="-3" stroke="{UNMET_COLOUR}" stroke-width="2.2" '
            'stroke-dasharray="5 3"/>',
            gettext("dashed dark arrow: prerequisite below the level needed"),
        )
    )
    items.append(
        (
            '<rect x="0" y="-10" width="22" height="14" rx="3" fill="#ffffff" '
            'stroke="#1d1d1f" stroke-width="3"/>',
            gettext("thick border: critical gate"),
        )
    )
    if any(node.stubs for node in graph.nodes):
        items.append(
            (
                f'<path d="M11,-12 L11,2" stroke="{STUB_COLOUR}" stroke-dasharray="3 2" '
                f'marker-end="url(#graph-arrow)"/>',
                gettext("\u2191 needs \u2026: a prerequisite in another panel"),
            )
        )
    parts = []
    x, y = MARGIN, top + 14
    for swatch, label in items:
        width = 28 + text_width(label, 11) + 18
        if x + width > CANVAS_WIDTH - MARGIN and x > MARGIN:
            x, y = MARGIN, y + LEGEND_ROW
        parts.append(
            f'<g transform="translate({coordinate(x)},{coordinate(y)})">{swatch}'
            f'<text x="28" y="1" font-size="11" fill="#1d1d1f">{_text(label)}</text></g>'
        )
        x += width
    return parts, y


def _fill(status: str, style: StatusStyle) -> str:
    return "url(#graph-hatch)" if status == "blocked" else tint(style["colour"])


def _dash(status: str) -> str:
    return ' stroke-dasharray="4 3"' if status in ("not_applicable", "unassessed") else ""


def _tooltip(node: GraphNode, styles: Mapping[str, StatusStyle]) -> str:
    words = [f"{node.title} ({node.id})"]
    if node.status in styles:
        words.append(f": {styles[node.status]['label']}")
    if node.critical:
        words.append(", " + gettext("critical gate"))
    words.append(f". {node.characteristic}")
    if node.phase:
        words.append(", " + gettext("phase %(phase)s") % {"phase": node.phase})
    if node.needs:
        words.append(". " + gettext("Needs: %(needs)s") % {"needs": "; ".join(node.needs)})
    if node.unmet:
        below = gettext("Below the level needed: %(needs)s") % {"needs": "; ".join(node.unmet)}
        words.append(". " + below)
    return "".join(words)


def _description(graph: Graph, styles: Mapping[str, StatusStyle]) -> str:
    milestones = list(graph.nodes)
    count = len(milestones)
    if graph.split == "phase":
        opening = ngettext(
            "%(num)d milestone in %(panels)s panels, one per phase, each below the "
            "prerequisites it needs; arrows run from prerequisite to dependent, dashed dark "
            "arrows from a prerequisite below the level needed.",
            "%(num)d milestones in %(panels)s panels, one per phase, each below the "
            "prerequisites it needs; arrows run from prerequisite to dependent, dashed dark "
            "arrows from a prerequisite below the level needed.",
            count,
        )
    elif graph.split == "characteristic":
        opening = ngettext(
            "%(num)d milestone in %(panels)s panels, one per characteristic, each below the "
            "prerequisites it needs; arrows run from prerequisite to dependent, dashed dark "
            "arrows from a prerequisite below the level needed.",
            "%(num)d milestones in %(panels)s panels, one per characteristic, each below the "
            "prerequisites it needs; arrows run from prerequisite to dependent, dashed dark "
            "arrows from a prerequisite below the level needed.",
            count,
        )
    else:
        opening = ngettext(
            "%(num)d milestone in one panel, each below the prerequisites it needs; arrows "
            "run from prerequisite to dependent, dashed dark arrows from a prerequisite below "
            "the level needed.",
            "%(num)d milestones in one panel, each below the prerequisites it needs; arrows "
            "run from prerequisite to dependent, dashed dark arrows from a prerequisite below "
            "the level needed.",
            count,
        )
    words = [opening % {"num": count, "panels": len(graph.lanes)}]
    if graph.split != "all":
        lanes = "; ".join(lane.title for lane in graph.lanes)
        words.append(" " + gettext("Panels, top to bottom: %(panels)s.") % {"panels": lanes})
    if graph.has_status:
        counts = [
            f"{style['label']}: {sum(1 for n in milestones if n.status == status_id)}"
            for status_id, style in styles.items()
        ]
        words.append(" " + "; ".join(counts) + ".")
        blocked = [n for n in milestones if n.status == "blocked"]
        if blocked:
            held = "; ".join(
                gettext("%(title)s (needs %(needs)s)")
                % {"title": n.title, "needs": ", ".join(n.unmet or n.needs)}
                for n in blocked
            )
            words.append(" " + gettext("Blocked: %(milestones)s.") % {"milestones": held})
    words.append(" " + gettext("The milestone table lists every milestone with its status."))
    return "".join(words)


def _node(node: GraphNode, styles: Mapping[str, StatusStyle]) -> str:
    style = styles.get(node.status)
    if style is None:
        fill, stroke, extra = "#ffffff", "#5b5b66", ""
    else:
        fill, stroke, extra = _fill(node.status, style), style["colour"], _dash(node.status)
    width = 3 if node.critical else 1.5
    parts = [
        f'<g class="node" data-id="{_text(node.id)}">'
        f"<title>{_text(_tooltip(node, styles))}</title>"
        f'<rect x="{node.x}" y="{node.y}" width="{node.width}" height="{node.height}" rx="5" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{extra}/>'
    ]
    if style is not None:
        parts.append(
            f'<text x="{coordinate(node.x + node.width - PAD_X - 5)}" '
            f'y="{coordinate(node.y + PAD_Y + 11)}" text-anchor="middle" font-size="12" '
            f'font-weight="700" fill="{style["colour"]}">{_text(style["symbol"])}</text>'
        )
    lines = "".join(
        f'<tspan x="{coordinate(node.x + PAD_X)}" '
        f'y="{coordinate(node.y + PAD_Y + 11 + i * LINE_HEIGHT)}">{_text(line)}</tspan>'
        for i, line in enumerate(node.lines)
    )
    parts.append(f'<text font-size="{FONT_SIZE:g}" fill="#1d1d1f">{lines}</text>')
    if node.stubs:
        parts.append(_stubs(node))
    parts.append("</g>")
    return "".join(parts)


def _stubs(node: GraphNode) -> str:
    """A box's stubs: a short dashed arrow into its top left, and a line of text each
    under the title (dark red when the prerequisite is below the level needed)."""
    held = any(stub.unmet for stub in node.stubs)
    colour = UNMET_COLOUR if held else STUB_COLOUR
    marker = "graph-arrow-unmet" if held else "graph-arrow"
    x = coordinate(node.x + 10)
    parts = [
        f'<path d="M{x},{coordinate(node.y - 14)} L{x},{node.y}" stroke="{colour}" '
        f'stroke-width="1.5" stroke-dasharray="3 2" marker-end="url(#{marker})"/>'
    ]
    y = node.y + PAD_Y + len(node.lines) * LINE_HEIGHT + STUB_GAP + 10
    spans = []
    for stub in node.stubs:
        fill = UNMET_COLOUR if stub.unmet else STUB_COLOUR
        for line in stub.lines:
            spans.append(
                f'<tspan x="{coordinate(node.x + PAD_X)}" y="{coordinate(y)}" '
                f'fill="{fill}">{_text(line)}</tspan>'
            )
            y += STUB_LINE_HEIGHT
    text = "".join(spans)
    parts.append(f'<text font-size="{STUB_FONT_SIZE:g}" font-style="italic">{text}</text>')
    return "".join(parts)


def graph_svg(graph: Graph, statuses: Sequence[StatusStyle]) -> Markup:
    """The graph as a standalone SVG: what the HTML report embeds and what
    ``transition graph --format svg`` writes, byte for byte.

    The legend takes the top rows; the graph's own coordinates follow below it (the
    SVG is ``graph.width`` wide and the legend's height taller than ``graph.height``).

    ``statuses`` are the legend's entries (``id``, ``label``, ``symbol``, ``colour``,
    as :func:`transition.report.view.status_entries` gives them). Every box has a
    tooltip (``<title>``) with its id, status and what it needs; the ``<desc>`` says in
    words what the picture shows.

    >>> import transition
    >>> from transition.report.view import status_entries
    >>> rubric = transition.load_rubric()
    >>> svg = graph_svg(layout_graph(rubric, {}, {}), status_entries())
    >>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"'), 'width="1020' in svg
    (True, True)
    """
    styles = {entry["id"]: entry for entry in statuses}
    legend, bottom = _legend(graph, styles, MARGIN)
    shift = coordinate(bottom + LEGEND_ROW / 2)
    height = coordinate(graph.height + shift)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="milestone-graph" role="img" '
        f'aria-labelledby="graph-title graph-desc" viewBox="0 0 {graph.width:g} '
        f'{height:g}" width="{graph.width:g}" height="{height:g}"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif">',
        f'<title id="graph-title">{_text(gettext("Milestone dependency graph"))}</title>',
        f'<desc id="graph-desc">{_text(_description(graph, styles))}</desc>',
        "<defs>"
        f'<marker id="graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{EDGE_COLOUR}"/>'
        "</marker>"
        f'<marker id="graph-arrow-unmet" viewBox="0 0 10 10" refX="10" refY="5" '
        f'markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{UNMET_COLOUR}"/></marker>'
        '<pattern id="graph-hatch" width="8" height="8" patternUnits="userSpaceOnUse"'
        ' patternTransform="rotate(45)"><rect width="8" height="8" fill="#f9e3e1"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#e0a39e" stroke-width="3"/></pattern>'
        "</defs>",
        *legend,
        f'<g transform="translate(0,{shift:g})">',
    ]
    for i, lane in enumerate(graph.lanes):
        if graph.split == "all":
            continue
        out.append(
            f'<rect x="0" y="{lane.y}" width="{graph.width:g}" height="{lane.height}" '
            f'fill="{"#f4f5f8" if i % 2 == 0 else "#ffffff"}" stroke="#d8d8e0"/>'
            f'<text x="{MARGIN:g}" y="{coordinate(lane.y + 19)}" font-size="13" '
            f'font-weight="600" fill="#3d3d45">{_text(lane.title)}</text>'
        )
    for edge in sorted(graph.edges, key=lambda e: e.unmet):
        if edge.unmet:
            look = f'stroke="{UNMET_COLOUR}" stroke-width="1.7" stroke-dasharray="6 3"'
            marker = "graph-arrow-unmet"
        else:
            look = f'stroke="{EDGE_COLOUR}" stroke-width="1.2"'
            marker = "graph-arrow"
        out.append(
            f'<path d="{edge.path}" fill="none" {look} marker-end="url(#{marker})"'
            f' data-from="{_text(edge.source)}" data-to="{_text(edge.target)}"/>'
        )
    out.extend(_node(node, styles) for node in graph.nodes)
    out.append("</g>\n</svg>")
    return Markup("\n".join(out) + "\n")
