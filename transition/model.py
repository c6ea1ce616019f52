"""Frozen value objects for rubrics.

Everything here is immutable all the way down: tuples and :class:`FrozenDict` inside
``@attrs.frozen`` classes. Equal inputs give equal (``==``) objects, objects hash, and
they pickle, so a process pool can share them. This module imports nothing else of
transition's.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs
import networkx as nx

__all__ = [
    "Band",
    "Characteristic",
    "FrozenDict",
    "Gating",
    "Milestone",
    "Phase",
    "Prerequisite",
    "Rubric",
    "ScaleLevel",
]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(Mapping[K, V]):
    """A read-only, hashable, picklable mapping that keeps insertion order.

    ``types.MappingProxyType`` would be read-only too, but it neither hashes nor
    pickles, and rubrics must do both.

    Examples
    --------
    >>> d = FrozenDict({"b": 2, "a": 1})
    >>> list(d)
    ['b', 'a']
    >>> d == {"a": 1, "b": 2}
    True
    >>> d["c"] = 3
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenDict' object does not support item assignment
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(data)
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (self._data,))


class Gating(enum.StrEnum):
    """How an unmet prerequisite limits the milestones that depend on it.

    ``cap`` counts a dependent at no more than its weakest unmet prerequisite,
    ``strict`` counts it at 0, ``off`` ignores prerequisites when scoring.

    >>> Gating("cap") == "cap"
    True
    """

    CAP = "cap"
    STRICT = "strict"
    OFF = "off"


@attrs.frozen
class ScaleLevel:
    """One value of a rubric's scale, such as ``3: Established``."""

    value: int
    label: str
    description: str = ""


@attrs.frozen
class Phase:
    """A stage of the spin-out journey; phases are ordered."""

    id: str
    title: str
    description: str = ""


@attrs.frozen
class Characteristic:
    """One of the characteristics a rubric groups its milestones under."""

    id: str
    title: str
    weight: float = 1.0
    description: str = ""


@attrs.frozen
class Prerequisite:
    """A milestone that must reach ``level`` before its dependent counts in full."""

    milestone: str
    level: int


@attrs.frozen
class Milestone:
    """An assessable step towards readiness."""

    id: str
    characteristic: str
    title: str
    description: str = ""
    phase: str | None = None
    weight: float = 1.0
    critical: bool = False
    duration_weeks: float = 0.0
    requires: tuple[Prerequisite, ...] = ()
    levels: FrozenDict[int, str] = attrs.field(factory=FrozenDict)
    evidence: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@attrs.frozen
class Band:
    """A readiness band, reached from score ``min`` upwards."""

    id: str
    label: str
    min: float
    requires_critical: bool = False
    description: str = ""


def _build_graph(rubric: Rubric) -> nx.DiGraph[str]:
    graph: nx.DiGraph[str] = nx.DiGraph(rubric=rubric.id)
    for milestone in rubric.milestones.values():
        graph.add_node(
            milestone.id,
            characteristic=milestone.characteristic,
            phase=milestone.phase,
            critical=milestone.critical,
        )
    for milestone in rubric.milestones.values():
        for prerequisite in milestone.requires:
            graph.add_edge(prerequisite.milestone, milestone.id, level=prerequisite.level)
    frozen: nx.DiGraph[str] = nx.freeze(graph)
    return frozen


@attrs.frozen
class Rubric:
    """A validated rubric: the characteristics, the milestone graph and the bands.

    Build one with :func:`transition.load_rubric`, which checks every rule of the
    format; constructing a ``Rubric`` directly skips those checks.

    ``graph`` is a frozen :class:`networkx.DiGraph` whose edges run from prerequisite
    to dependent, with the required level as edge attribute ``level``. It takes no
    part in equality: two rubrics are equal when their data are.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> rubric.id, rubric.top, rubric.met_level
    ('public-service-spinout', 4, 3)
    >>> [c.id for c in rubric.characteristics][:3]
    ['leadership', 'vision', 'communication']
    >>> rubric.graph.has_edge("named_leader", "senior_sponsor")
    True
    """

    id: str
    title: str
    version: str
    characteristics: tuple[Characteristic, ...]
    milestones: FrozenDict[str, Milestone]
    bands: tuple[Band, ...]
    scale: tuple[ScaleLevel, ...]
    met_level: int = 3
    gating: Gating = Gating.CAP
    phases: tuple[Phase, ...] = ()
    description: str = ""
    graph: nx.DiGraph[str] = attrs.field(
        default=attrs.Factory(_build_graph, takes_self=True),
        eq=False,
        repr=False,
    )

    @property
    def top(self) -> int:
        """The highest value on the scale."""
        return self.scale[-1].value

    def characteristic(self, characteristic_id: str) -> Characteristic:
        """Return the characteristic with this id (``KeyError`` if there is none)."""
        for characteristic in self.characteristics:
            if characteristic.id == characteristic_id:
                return characteristic
        raise KeyError(characteristic_id)

    def phase_index(self, phase_id: str) -> int:
        """Return the position of a phase in the rubric's order (``KeyError`` if none)."""
        for index, phase in enumerate(self.phases):
            if phase.id == phase_id:
                return index
        raise KeyError(phase_id)
