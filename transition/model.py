"""Frozen value objects for rubrics.

Everything here is immutable all the way down: tuples and :class:`FrozenDict` inside
``@attrs.frozen`` classes. Equal inputs give equal (``==``) objects, objects hash, and
they pickle, so a process pool can share them. This module imports nothing else of
transition's.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    ValuesView,
)
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "NA",
    "Answer",
    "Area",
    "Assessment",
    "Band",
    "Characteristic",
    "FrozenDict",
    "Gating",
    "Milestone",
    "NotApplicable",
    "Phase",
    "Prerequisite",
    "Reference",
    "Rubric",
    "ScaleLevel",
]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


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

    # The dict's own views and get(), rather than Mapping's generic ones that call
    # __getitem__ once per key: the scorer iterates answers on every call.
    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def get(self, key: K, default: Any = None) -> Any:
        return self._data.get(key, default)

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
    ``strict`` counts it at 0, ``off`` counts its own level. Under every policy a
    milestone with an unmet prerequisite is reported as blocked.

    >>> Gating("cap") == "cap"
    True
    """

    CAP = "cap"
    STRICT = "strict"
    OFF = "off"


@attrs.frozen
class ScaleLevel:
    """One value of a rubric's scale, such as ``3: Established``.

    ``credit`` is the credit the rubric gives this level, when it gives one (SPEC 3.1);
    :meth:`Rubric.credit` says what a level earns either way.
    """

    value: int
    label: str
    description: str = ""
    credit: float | None = None


@attrs.frozen
class Reference:
    """A source to read (SPEC 3.1): a title, and a web address when it has one.

    >>> Reference("OWASP SAMM", "https://owaspsamm.org/").url
    'https://owaspsamm.org/'
    >>> Reference("Cabinet Office guidance on mutuals").url is None
    True
    """

    title: str
    url: str | None = None


@attrs.frozen
class Phase:
    """A stage of the spin-out journey; phases are ordered."""

    id: str
    title: str
    description: str = ""
    #: The object's extension keys (those that start with ``x-``), kept verbatim and
    #: read-only: lists as tuples, mappings as FrozenDict (SPEC 3.1).
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)


@attrs.frozen
class Characteristic:
    """One of the characteristics a rubric groups its milestones under."""

    id: str
    title: str
    weight: float = 1.0
    description: str = ""
    #: Sources to read about the characteristic (SPEC 3.1).
    references: tuple[Reference, ...] = ()
    #: The object's extension keys (those that start with ``x-``), kept verbatim and
    #: read-only: lists as tuples, mappings as FrozenDict (SPEC 3.1).
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)


@attrs.frozen
class Area:
    """A group of milestones within one characteristic (SPEC 3.1), such as a stream of
    OWASP SAMM or a sub-dimension of DSOMM; it gets a score of its own."""

    id: str
    title: str
    characteristic: str
    description: str = ""
    #: The object's extension keys (those that start with ``x-``), kept verbatim and
    #: read-only: lists as tuples, mappings as FrozenDict (SPEC 3.1).
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)


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
    #: Who does the work in a plan (SPEC 3.1, 9); default: the characteristic id.
    workstream: str = attrs.field(
        default=attrs.Factory(lambda self: self.characteristic, takes_self=True)
    )
    #: Whether an assessment may answer n/a (SPEC 3.1); the loader fills in the
    #: rubric's ``allow_na`` where the milestone does not say.
    allow_na: bool = True
    #: The area of its characteristic that the milestone belongs to, if any (SPEC 3.1).
    area: str | None = None
    #: Ids of related milestones: links for readers, never gating (SPEC 3.1).
    related: tuple[str, ...] = ()
    #: Sources to read about the milestone (SPEC 3.1).
    references: tuple[Reference, ...] = ()
    #: The object's extension keys (those that start with ``x-``), kept verbatim and
    #: read-only: lists as tuples, mappings as FrozenDict (SPEC 3.1).
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)


@attrs.frozen
class Band:
    """A readiness band, reached from score ``min`` upwards."""

    id: str
    label: str
    min: float
    requires_critical: bool = False
    description: str = ""
    #: The object's extension keys (those that start with ``x-``), kept verbatim and
    #: read-only: lists as tuples, mappings as FrozenDict (SPEC 3.1).
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)


class _GraphAttributes(FrozenDict[str, Any]):
    """A node's, an edge's or the graph's attributes in :attr:`Rubric.graph`: read-only.

    ``copy()`` gives a plain ``dict``, as networkx's ``Graph.copy`` expects, so a copy
    of the graph is an ordinary graph that can be changed.
    """

    __slots__ = ()

    def copy(self) -> dict[str, Any]:
        return dict(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_GraphAttributes, (self._data,))


def _build_graph(rubric: Rubric) -> nx.DiGraph[str]:
    # networkx is imported here, on first use of Rubric.graph, not with the model:
    # loading, scoring and reporting never need it, and it is the dearest import.
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
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
    # nx.freeze stops changes to the structure; read-only attribute mappings stop
    # changes to the attributes, which the graph of a cached rubric shares with all.
    # networkx keeps them in plain dicts that its typing does not show, hence Any.
    internals: Any = graph
    internals.graph = _GraphAttributes({"rubric": rubric.id})
    for node, attributes in internals._node.items():
        internals._node[node] = _GraphAttributes(attributes)
    for source, targets in internals._succ.items():
        for target, attributes in targets.items():
            targets[target] = internals._pred[target][source] = _GraphAttributes(attributes)
    frozen: nx.DiGraph[str] = nx.freeze(graph)
    return frozen


@attrs.frozen
class Rubric:
    """A validated rubric: the characteristics, the milestone graph and the bands.

    Build one with :func:`transition.load_rubric`, which checks every rule of the
    format; constructing a ``Rubric`` directly skips those checks.

    ``graph`` is a frozen :class:`networkx.DiGraph` whose edges run from prerequisite
    to dependent, with the required level as edge attribute ``level``; its node, edge
    and graph attributes are read-only too. It is built on first use and takes no
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
    #: Whether assessments may answer n/a, where a milestone does not say (SPEC 3.1).
    allow_na: bool = True
    #: Groups of milestones within characteristics, in rubric order (SPEC 3.1).
    areas: tuple[Area, ...] = ()
    #: Sources to read about the rubric as a whole (SPEC 3.1).
    references: tuple[Reference, ...] = ()
    #: The object's extension keys (those that start with ``x-``), kept verbatim and
    #: read-only: lists as tuples, mappings as FrozenDict (SPEC 3.1).
    extra: FrozenDict[str, Any] = attrs.field(factory=FrozenDict)
    #: For an overlay (SPEC 3.2), the rubrics it extends as ``(id, version)`` pairs,
    #: nearest base first; empty for a rubric that extends nothing.
    base: tuple[tuple[str, str], ...] = ()
    #: Where the rubric was read from: its file's name as given (``<bundled>/<id>.yaml``
    #: for a bundled rubric), or None for a mapping. Not part of equality: two rubrics
    #: are equal when their data are. Translation files (SPEC 12) are found beside it.
    source: str | None = attrs.field(default=None, eq=False, repr=False)
    #: Derived data that later stages of the pipeline compute once per rubric (the
    #: scorer's compiled rubric). Never part of equality; rebuilt after unpickling.
    _derived: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        state = {field.name: getattr(self, field.name) for field in attrs.fields(Rubric)}
        state["_derived"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def derived(self, key: str, make: Callable[[Rubric], T]) -> T:
        """Return ``make(self)``, computed once per rubric object and kept.

        For the pipeline's own use: the scorer keeps its compiled rubric here.
        """
        try:
            value: T = self._derived[key]
        except KeyError:
            value = self._derived[key] = make(self)
        return value

    @property
    def graph(self) -> nx.DiGraph[str]:
        """The milestone graph: a read-only :class:`networkx.DiGraph`, built on first use.

        Nodes are milestone ids in rubric order, with attributes ``characteristic``,
        ``phase`` and ``critical``; an edge runs from prerequisite to dependent, with
        the required level as attribute ``level``; the graph attribute ``rubric`` is
        the rubric's id.
        """
        return self.derived("graph", _build_graph)

    @property
    def top(self) -> int:
        """The highest value on the scale."""
        return self.scale[-1].value

    @property
    def bottom(self) -> int:
        """The lowest value on the scale: what an unassessed milestone counts as.

        >>> import transition
        >>> transition.load_rubric().bottom
        0
        """
        return self.scale[0].value

    def level(self, value: int) -> ScaleLevel:
        """The scale level with this value (``KeyError`` if the scale has none).

        >>> import transition
        >>> transition.load_rubric().level(3).label
        'Established'
        """
        index = value - self.bottom
        if not 0 <= index < len(self.scale):
            raise KeyError(value)
        return self.scale[index]

    def credit(self, value: int) -> float:
        """The credit a milestone at this level earns, 0 to 1 (SPEC 3.1 and 5.5).

        The level's own ``credit`` when the scale gives credits, else
        ``(value - bottom) / (top - bottom)``.

        >>> import transition
        >>> transition.load_rubric().credit(3)
        0.75
        """
        given = self.level(value).credit
        if given is not None:
            return given
        return (value - self.bottom) / (self.top - self.bottom)

    def characteristic(self, characteristic_id: str) -> Characteristic:
        """Return the characteristic with this id (``KeyError`` if there is none)."""
        for characteristic in self.characteristics:
            if characteristic.id == characteristic_id:
                return characteristic
        raise KeyError(characteristic_id)

    def area(self, area_id: str) -> Area:
        """Return the area with this id (``KeyError`` if there is none)."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def phase_index(self, phase_id: str) -> int:
        """Return the position of a phase in the rubric's order (``KeyError`` if none)."""
        for index, phase in enumerate(self.phases):
            if phase.id == phase_id:
                return index
        raise KeyError(phase_id)


class NotApplicable(enum.Enum):
    """The type of :data:`NA`: an answer saying a milestone does not apply."""

    NA = "n/a"

    def __repr__(self) -> str:
        return "NA"

    def __str__(self) -> str:
        return "n/a"


#: A milestone that does not apply to this organisation (``n/a`` in a file).
NA: Final = NotApplicable.NA

#: An own level: a scale value, ``None`` (not assessed) or :data:`NA`.
Level = int | None | NotApplicable


@attrs.frozen
class Answer:
    """One milestone's answer in an assessment.

    ``level`` is the own level: the scale value given, the lower median of several
    respondents' ``levels``, ``None`` when not assessed, or :data:`NA`.

    >>> Answer("staff_support_measured", levels=(3, 2, 4, 1)).level
    2
    >>> Answer("staff_support_measured", levels=(3, 2, 4, 1)).spread
    3
    """

    milestone: str
    level: Level = None
    levels: tuple[int, ...] = ()
    evidence: tuple[str, ...] = ()
    notes: str = ""
    assessor: str = ""

    def __attrs_post_init__(self) -> None:
        if self.levels:
            ordered = sorted(self.levels)
            median = ordered[(len(ordered) - 1) // 2]
            if self.level is None:
                object.__setattr__(self, "level", median)
            elif self.level != median:
                raise ValueError(
                    f"level {self.level!r} is not the lower median of levels {self.levels}"
                )

    @property
    def spread(self) -> int | None:
        """Highest minus lowest respondent level (0 for one level, None if none)."""
        if self.levels:
            return max(self.levels) - min(self.levels)
        return 0 if isinstance(self.level, int) else None


@attrs.frozen
class Assessment:
    """One organisation's answers to a rubric on one date.

    ``answers`` are keyed by milestone id, in rubric order. ``warnings`` carries
    non-fatal remarks made while loading (a different rubric version, say); like
    ``source`` it is not part of equality.
    """

    rubric: str
    answers: FrozenDict[str, Answer] = attrs.field(factory=FrozenDict)
    organisation: str = ""
    assessed_on: datetime.date | None = None
    phase: str | None = None
    assessor: str = ""
    rubric_version: str | None = None
    source: str | None = attrs.field(default=None, eq=False)
    warnings: tuple[str, ...] = attrs.field(default=(), eq=False)
