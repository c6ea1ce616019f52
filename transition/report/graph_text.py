"""Drawings of the milestone graph as text: Graphviz dot and Mermaid.

Edges run from prerequisite to dependent; milestones are grouped by characteristic,
in rubric order, so the same rubric always gives the same text. Given a result, each
milestone is coloured by its status (and named with it, so colour is never the only
sign), and an edge from a prerequisite below the level needed is drawn dashed, dark red.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..locale import gettext
from ..model import Rubric
from ..result import Readiness
from .charts.graph import UNMET_COLOUR, tint
from .view import STATUS_STYLE

__all__ = ["to_dot", "to_mermaid"]


def _level_word(level: int) -> str:
    """An edge's label: the level a prerequisite must reach, in the current locale."""
    return gettext("level %(level)s") % {"level": level}


def _statuses(result: Readiness | None) -> dict[str, str]:
    if result is None:
        return {}
    return {m: result.milestones[m].status.value for m in result.milestones}


def _unmet(result: Readiness | None) -> set[tuple[str, str]]:
    if result is None:
        return set()
    return {
        (prerequisite, m)
        for m in result.milestones
        for prerequisite in result.milestones[m].unmet_prerequisites
    }


#: Line breaks of every kind (Graphviz and Mermaid know only ``\n``).
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: Other control characters and the bidirectional controls: never written.
_CONTROL = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _clean(text: str) -> str:
    r"""Line breaks as ``\n``, tabs as spaces, other controls dropped.

    >>> _clean("a\r\nb\x85c\td\x1b[0m\u202e")
    'a\nb\nc d[0m'
    """
    return _CONTROL.sub("", _BREAKS.sub("\n", text)).replace("\t", " ")


def _quote_dot(text: str) -> str:
    cleaned = _clean(text)
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _grouped(rubric: Rubric) -> Iterable[tuple[str, str, list[str]]]:
    for characteristic in rubric.characteristics:
        members = [
            milestone.id
            for milestone in rubric.milestones.values()
            if milestone.characteristic == characteristic.id
        ]
        yield characteristic.id, characteristic.title, members


def _edges(rubric: Rubric, label: Callable[[int], str]) -> Iterable[tuple[str, str, str]]:
    for milestone in rubric.milestones.values():
        for prerequisite in milestone.requires:
            text = "" if prerequisite.level == rubric.met_level else label(prerequisite.level)
            yield prerequisite.milestone, milestone.id, text


def to_dot(rubric: Rubric, result: Readiness | None = None) -> str:
    r"""Draw the milestone graph in Graphviz's dot language.

    Milestones are grouped by characteristic; critical gates have a double border;
    an edge is labelled with its level when it asks for less than ``met_level``. With
    ``result``, each box is filled in its status's colour and says its status, and an
    unmet prerequisite's edge is dark red, dashed and thicker.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> print(to_dot(rubric).splitlines()[0])
    digraph "public-service-spinout" {
    >>> answers = {"rubric": rubric.id, "answers": {"named_leader": 3}}
    >>> result = transition.score(rubric, transition.load_assessment(answers, rubric))
    >>> line = next(x for x in to_dot(rubric, result).splitlines() if 'named_leader" [' in x)
    >>> print(line.strip().replace(", ", ",\n"))
    "named_leader" [label="A named leader has stepped forward\n✓ Met",
    peripheries=2,
    style="rounded,filled",
    fillcolor="#dbebe0",
    color="#1b7f3b"];
    """
    status = _statuses(result)
    unmet = _unmet(result)
    lines = [
        f"digraph {_quote_dot(rubric.id)} {{",
        f"  label={_quote_dot(f'{rubric.title} ({rubric.version})')};",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded"];',
    ]
    for characteristic_id, title, members in _grouped(rubric):
        lines.append(f"  subgraph {_quote_dot('cluster_' + characteristic_id)} {{")
        lines.append(f"    label={_quote_dot(title)};")
        for milestone_id in members:
            milestone = rubric.milestones[milestone_id]
            extra = ", peripheries=2" if milestone.critical else ""
            label = milestone.title
            if milestone_id in status:
                name, symbol, colour = STATUS_STYLE[status[milestone_id]]
                label = f"{label}\n{symbol} {gettext(name)}"
                extra += f', style="rounded,filled", fillcolor="{tint(colour)}", color="{colour}"'
            lines.append(f"    {_quote_dot(milestone_id)} [label={_quote_dot(label)}{extra}];")
        lines.append("  }")
    for source, target, text in _edges(rubric, _level_word):
        attributes = [f"label={_quote_dot(text)}", "style=dashed"] if text else []
        if (source, target) in unmet:
            attributes = [a for a in attributes if a != "style=dashed"]
            attributes += [f'color="{UNMET_COLOUR}"', "penwidth=2", "style=dashed"]
        label = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {_quote_dot(source)} -> {_quote_dot(target)}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quote_mermaid(text: str) -> str:
    # Mermaid has no escape for '"' inside a quoted label; its entity form works.
    return '"' + _clean(text).replace('"', "#quot;").replace("\n", " ") + '"'


def _mermaid_id(milestone_id: str) -> str:
    # 'end' closes a subgraph in Mermaid, so it cannot be a node id as it is.
    return "end_" if milestone_id == "end" else milestone_id


def to_mermaid(rubric: Rubric, result: Readiness | None = None) -> str:
    """Draw the milestone graph as a Mermaid flowchart (renders on GitHub and GitLab).

    With ``result``, each status has a ``classDef`` (its colours) and a ``class`` line
    naming its milestones, each label ends with the status in words, and the edges
    from unmet prerequisites get a ``linkStyle``: dark red, dashed.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> print(to_mermaid(rubric).splitlines()[0])
    flowchart LR
    >>> answers = {"rubric": rubric.id, "answers": {"named_leader": 3}}
    >>> result = transition.score(rubric, transition.load_assessment(answers, rubric))
    >>> [line for line in to_mermaid(rubric, result).splitlines() if "class " in line][:1]
    ['  class named_leader s_met']
    """
    status = _statuses(result)
    unmet = _unmet(result)
    lines = ["flowchart LR"]
    for characteristic_id, title, members in _grouped(rubric):
        lines.append(f"  subgraph c_{characteristic_id}[{_quote_mermaid(title)}]")
        for milestone_id in members:
            milestone = rubric.milestones[milestone_id]
            text = milestone.title
            if milestone_id in status:
                name, symbol, _ = STATUS_STYLE[status[milestone_id]]
                text = f"{text} ({symbol} {gettext(name)})"
            label = _quote_mermaid(text)
            node_id = _mermaid_id(milestone_id)
            node = f"{node_id}[[{label}]]" if milestone.critical else f"{node_id}[{label}]"
            lines.append(f"    {node}")
        lines.append("  end")
    held = []
    for index, (source, target, text) in enumerate(_edges(rubric, _level_word)):
        arrow = f" -.->|{_quote_mermaid(text)}| " if text else " --> "
        if (source, target) in unmet and not text:
            arrow = " -.-> "
        lines.append(f"  {_mermaid_id(source)}{arrow}{_mermaid_id(target)}")
        if (source, target) in unmet:
            held.append(str(index))
    for status_id, (_, _, colour) in STATUS_STYLE.items():
        members = [_mermaid_id(m) for m in rubric.milestones if status.get(m) == status_id]
        if members:
            lines.append(
                f"  classDef s_{status_id} fill:{tint(colour)},stroke:{colour},color:#1d1d1f"
            )
            lines.append(f"  class {','.join(members)} s_{status_id}")
    if held:
        lines.append(
            f"  linkStyle {','.join(held)} stroke:{UNMET_COLOUR},stroke-width:2px,"
            "stroke-dasharray:5 3"
        )
    return "\n".join(lines) + "\n"
