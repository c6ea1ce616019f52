"""Drawings of the milestone graph as text: Graphviz dot and Mermaid.

Edges run from prerequisite to dependent; milestones are grouped by characteristic,
in rubric order, so the same rubric always gives the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Rubric

__all__ = ["to_dot", "to_mermaid"]


def _quote_dot(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


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


def to_dot(rubric: Rubric) -> str:
    """Draw the milestone graph in Graphviz's dot language.

    Milestones are grouped by characteristic; critical gates have a double border;
    an edge is labelled with its level when it asks for less than ``met_level``.

    >>> import transition
    >>> print(to_dot(transition.load_rubric()).splitlines()[0])
    digraph "public-service-spinout" {
    """
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
            lines.append(
                f"    {_quote_dot(milestone_id)} [label={_quote_dot(milestone.title)}{extra}];"
            )
        lines.append("  }")
    for source, target, text in _edges(rubric, lambda level: f"level {level}"):
        label = f" [label={_quote_dot(text)}, style=dashed]" if text else ""
        lines.append(f"  {_quote_dot(source)} -> {_quote_dot(target)}{label};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quote_mermaid(text: str) -> str:
    # Mermaid has no escape for '"' inside a quoted label; its entity form works.
    return '"' + text.replace('"', "#quot;").replace("\n", " ") + '"'


def _mermaid_id(milestone_id: str) -> str:
    # 'end' closes a subgraph in Mermaid, so it cannot be a node id as it is.
    return "end_" if milestone_id == "end" else milestone_id


def to_mermaid(rubric: Rubric) -> str:
    """Draw the milestone graph as a Mermaid flowchart (renders on GitHub and GitLab).

    >>> import transition
    >>> print(to_mermaid(transition.load_rubric()).splitlines()[0])
    flowchart LR
    """
    lines = ["flowchart LR"]
    for characteristic_id, title, members in _grouped(rubric):
        lines.append(f"  subgraph c_{characteristic_id}[{_quote_mermaid(title)}]")
        for milestone_id in members:
            milestone = rubric.milestones[milestone_id]
            label = _quote_mermaid(milestone.title)
            node_id = _mermaid_id(milestone_id)
            node = f"{node_id}[[{label}]]" if milestone.critical else f"{node_id}[{label}]"
            lines.append(f"    {node}")
        lines.append("  end")
    for source, target, text in _edges(rubric, lambda level: f"level {level}"):
        arrow = f" -.->|{_quote_mermaid(text)}| " if text else " --> "
        lines.append(f"  {_mermaid_id(source)}{arrow}{_mermaid_id(target)}")
    return "\n".join(lines) + "\n"
