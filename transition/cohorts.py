"""Cohorts and benchmarks (SPEC §11): where one team stands among its peers.

A :class:`Cohort` holds the anonymised scores of peer assessments of one rubric: for
each assessment its overall score and each characteristic's score (``None`` where
nothing in it applies), and nothing else. No organisation, date, phase, assessor,
evidence, notes or file name reaches a cohort, and neither does the order the results
came in: the entries are kept sorted by their values (the overall score, then the
characteristic scores in rubric order, a missing score before any number), so equal
collections of scores give equal cohorts and byte-identical files.

:func:`benchmark` ranks one result within a cohort: its percentile rank and the peers'
quartiles, overall and for each characteristic, where at least :data:`MIN_PEERS` peers
have a value. ``docs/benchmarks.md`` says what the figures mean and what a cohort does
and does not keep.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._check import Bad, Checker, Spec, describe, item_id, plain, raw, rubric_id, text, unit
from ._types import check_source, expect
from ._yaml import Document, DocumentError, FieldPath, load_document
from .errors import CohortError, ErrorRecord
from .model import FrozenDict
from .result import Readiness

__all__ = [
    "DECIMALS",
    "MIN_PEERS",
    "Benchmark",
    "BenchmarkFigure",
    "Cohort",
    "Peer",
    "benchmark",
    "cohort",
    "load_cohort",
    "percentile_rank",
    "quartiles",
]

#: The fewest peers with a value that a figure is given for: with fewer, a percentile
#: moves in steps of 20 points or more, and a peer's score could be read off it.
MIN_PEERS = 5
#: Values are compared rounded to this many decimal places, so that scores equal in
#: arithmetic (0.1 + 0.2 and 0.3) rank as equal.
DECIMALS = 9


# -- the cohort --------------------------------------------------------------------------


@attrs.frozen
class Peer:
    """One anonymised assessment in a cohort: the overall score and each
    characteristic's score (``None`` where none of its milestones applies), keyed by
    characteristic id in rubric order.

    >>> Peer(0.5, FrozenDict({"leadership": 0.75, "vision": None})).to_dict()
    {'score': 0.5, 'characteristics': {'leadership': 0.75, 'vision': None}}
    """

    score: float
    characteristics: FrozenDict[str, float | None] = attrs.field(factory=FrozenDict)

    @classmethod
    def of(cls, result: Readiness) -> Peer:
        """The scores of ``result``, and nothing else of it."""
        return cls(
            result.score,
            FrozenDict((cid, item.score) for cid, item in result.characteristics.items()),
        )

    def to_dict(self) -> dict[str, Any]:
        """The entry as the cohort file holds it."""
        return {"score": self.score, "characteristics": dict(self.characteristics)}


def _order(peer: Peer) -> tuple[Any, ...]:
    """The sort key of an entry: its values only (a missing score first)."""
    return (
        peer.score,
        tuple(
            (cid, value is not None, 0.0 if value is None else value)
            for cid, value in peer.characteristics.items()
        ),
    )


def _sorted(peers: Iterable[Peer]) -> tuple[Peer, ...]:
    return tuple(sorted(peers, key=_order))


@attrs.frozen
class Cohort:
    """Anonymised scores of peer assessments of one rubric (SPEC §11).

    ``assessments`` is sorted by value whatever order it is given in (see the module's
    description), so a cohort is a collection of scores, not a sequence of teams.
    ``source`` (the file it was read from) is not part of equality.

    >>> a, b = Peer(0.75), Peer(0.25)
    >>> Cohort("tiny", "1", (a, b)) == Cohort("tiny", "1", (b, a))
    True
    >>> Cohort("tiny", "1", (a, b)).to_dict()
    {'rubric': 'tiny', 'rubric_version': '1', 'n': 2, 'assessments': [{'score': 0.25, ...
    """

    rubric: str
    rubric_version: str
    assessments: tuple[Peer, ...] = attrs.field(converter=_sorted)
    source: str | None = attrs.field(default=None, eq=False)

    @property
    def n(self) -> int:
        """How many assessments the cohort holds."""
        return len(self.assessments)

    def to_dict(self) -> dict[str, Any]:
        """The cohort as a JSON-ready document, in the shape :func:`load_cohort` reads
        (and the schema ``transition.schemas.load("cohort")`` describes)."""
        return {
            "rubric": self.rubric,
            "rubric_version": self.rubric_version,
            "n": self.n,
            "assessments": [peer.to_dict() for peer in self.assessments],
        }


def _name(result: Readiness, index: int) -> str:
    """How an error refers to a result: its file, else its place in the list."""
    return result.assessment.source or f"results[{index}]"


def _mismatch(result: Readiness, index: int, first: Readiness) -> ErrorRecord | None:
    """A record when ``result`` is of another rubric (or version) than ``first``."""
    if result.rubric_id != first.rubric_id:
        field, message = (
            "rubric",
            f"{result.rubric_id!r} differs from {first.rubric_id!r} in {_name(first, 0)}; "
            "a cohort holds the results of one rubric",
        )
    elif result.rubric_version != first.rubric_version:
        field, message = (
            "rubric_version",
            f"{result.rubric_version!r} differs from {first.rubric_version!r} in "
            f"{_name(first, 0)}; score every assessment of a cohort with one version of "
            "the rubric",
        )
    else:
        return None
    source = result.assessment.source
    return ErrorRecord(
        message,
        field if source else f"results[{index}].{field}",
        path=source,
        code="rubric-mismatch",
    )


def cohort(results: Iterable[Readiness]) -> Cohort:
    """Build an anonymised cohort from the results of one rubric.

    Only the scores are kept: the overall score and each characteristic's, per result.
    The order of ``results`` is not kept either (the entries are sorted by value).

    Raises
    ------
    CohortError
        When there are no results, or they are of different rubrics or rubric
        versions (each located by the result's file, else its place in the list).
    TypeError
        When an item is not a :class:`~transition.Readiness`.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> def scored(level):
    ...     answers = {"named_leader": level, "senior_sponsor": level}
    ...     mapping = {"rubric": rubric.id, "organisation": "Secret", "answers": answers}
    ...     return transition.score(rubric, transition.load_assessment(mapping, rubric))
    >>> peers = transition.cohort([scored(4), scored(1)])
    >>> peers.n, peers.rubric
    (2, 'public-service-spinout')
    >>> [round(peer.characteristics["leadership"], 4) for peer in peers.assessments]
    [0.1, 0.4]
    >>> "Secret" in repr(peers.to_dict())
    False
    """
    if isinstance(results, Readiness):
        raise TypeError("cohort() takes a list of results, not one result; wrap it in a list")
    listed = list(results)
    for index, result in enumerate(listed):
        expect(result, Readiness, f"cohort()'s results[{index}]", "score an assessment first")
    if not listed:
        empty = ErrorRecord("a cohort needs at least one result (got none)", code="count")
        raise CohortError([empty])
    first = listed[0]
    problems = [_mismatch(result, index, first) for index, result in enumerate(listed)]
    errors = [record for record in problems if record is not None]
    if errors:
        raise CohortError(errors)
    return Cohort(first.rubric_id, first.rubric_version, tuple(Peer.of(r) for r in listed))


# -- reading a cohort file -----------------------------------------------------------------


def _count(value: object) -> int:
    """A whole number >= 1; ``3.0`` counts as 3, as JSON Schema's ``integer`` has it."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise Bad(f"must be at least 1 (got {value})", "value")
        return value
    raise Bad(f"expected a whole number of assessments, got {describe(value)}")


_TOP: Spec = {
    "rubric": (True, rubric_id),
    "rubric_version": (True, text),
    "n": (True, _count),
    "assessments": (True, raw),
}
_ENTRY: Spec = {"score": (True, unit), "characteristics": (True, raw)}


def _scores(
    checker: Checker, value: object, path: FieldPath
) -> tuple[dict[str, float | None], bool] | None:
    """A mapping of characteristic id to a score in [0, 1] or null, and whether every id
    in it is one; None if it is not a mapping at all (problems with single entries are
    recorded, the rest kept)."""
    if not isinstance(value, dict):
        checker.add(
            path,
            f"expected a mapping of characteristic id to score (or null), got {describe(value)}",
            "type",
        )
        return None
    found: dict[str, float | None] = {}
    ids = True
    for key, item in value.items():
        where: FieldPath = (*path, key)
        try:
            item_id(key)
        except Bad as bad:
            checker.add(where, f"a characteristic id {bad}", bad.code)
            ids = False
            continue
        if item is None:
            found[key] = None
            continue
        try:
            found[key] = unit(item)
        except Bad as bad:
            checker.add(where, str(bad), bad.code)
            found[key] = None
    return found, ids


def _differ(keys: Sequence[str], first: Sequence[str], at: int) -> str:
    """What sets an entry's characteristic ids apart from those of entry ``at``."""
    missing = [key for key in first if key not in keys]
    extra = [key for key in keys if key not in first]
    parts = []
    if missing:
        parts.append("lacks " + ", ".join(map(repr, missing)))
    if extra:
        parts.append("has " + ", ".join(map(repr, extra)) + f", which assessments[{at}] has not")
    return (
        "; ".join(parts) + "; every assessment of a cohort names the same characteristics "
        "(those of its rubric)"
    )


def _entries(checker: Checker, value: object) -> list[Peer]:
    """The cohort's entries, each checked; problems recorded."""
    path: FieldPath = ("assessments",)
    if not isinstance(value, list):
        checker.add(
            path,
            "expected a list of assessments (each a mapping with 'score' and "
            f"'characteristics'), got {describe(value)}",
            "type",
        )
        return []
    if not value:
        checker.add(path, "a cohort lists at least one assessment (got none)", "empty")
    peers: list[Peer] = []
    first: tuple[int, list[str]] | None = None  # the first entry whose ids are all good
    for index, item in enumerate(value):
        where: FieldPath = (*path, index)
        fields = checker.mapping(item, where, _ENTRY, "an assessment's scores")
        if not isinstance(item, dict) or "characteristics" not in item:
            continue
        checked = _scores(checker, item["characteristics"], (*where, "characteristics"))
        if checked is None:
            continue
        scores, good_ids = checked
        if good_ids and first is None:
            first = (index, list(scores))
        elif good_ids and first is not None and set(scores) != set(first[1]):
            message = _differ(list(scores), first[1], first[0])
            checker.add((*where, "characteristics"), message, "characteristics")
        if "score" in fields:
            peers.append(Peer(fields["score"], FrozenDict(scores)))
    return peers


def _assessments(count: int) -> str:
    return f"{count:,} assessment{'s' if count != 1 else ''}"


def _build_cohort(document: Document) -> Cohort:
    checker = Checker(document)
    if not isinstance(document.data, dict):
        checker.add((), f"expected a cohort (a mapping), got {describe(document.data)}", "type")
        raise CohortError(checker.errors)
    data = document.data
    fields = checker.mapping(data, (), _TOP, "a cohort")
    peers = _entries(checker, data["assessments"]) if "assessments" in data else []
    listed = data.get("assessments")
    if "n" in fields and isinstance(listed, list) and fields["n"] != len(listed):
        checker.add(
            ("n",),
            f"says {_assessments(fields['n'])}, but 'assessments' lists {len(listed):,}; "
            "make them agree",
            "count",
        )
    if checker.errors:
        raise CohortError(checker.sorted_errors())
    return Cohort(fields["rubric"], fields["rubric_version"], tuple(peers), document.name)


def load_cohort(source: str | os.PathLike[str] | Mapping[str, Any]) -> Cohort:
    """Read a cohort file (JSON, as ``transition cohort`` writes it; YAML is read too)
    or a mapping in the same shape.

    The file is read within the same bounds as every input
    (:data:`~transition._limits.MAX_FILE_BYTES`, nesting depth, long numbers), and at
    most :data:`~transition._limits.MAX_ERRORS` problems are listed.

    Raises
    ------
    CohortError
        With every problem at once, each located by file, line and field path:
        missing or unknown keys (with the closest known key), a rubric id that is not
        one, an ``n`` that is not a whole number >= 1 or not the number of entries, no
        entries, a score that is not a number in [0, 1], a characteristic id that is not
        one, entries that name different characteristics.
    OSError
        When the file cannot be opened.

    Examples
    --------
    >>> import transition
    >>> peers = transition.load_cohort(
    ...     {
    ...         "rubric": "public-service-spinout",
    ...         "rubric_version": "1.0.0",
    ...         "n": 2,
    ...         "assessments": [
    ...             {"score": 0.5, "characteristics": {"leadership": 0.5, "vision": None}},
    ...             {"score": 0.25, "characteristics": {"leadership": 0.25, "vision": 0.5}},
    ...         ],
    ...     }
    ... )
    >>> peers.n, [peer.score for peer in peers.assessments]
    (2, [0.25, 0.5])
    >>> transition.load_cohort(
    ...     {
    ...         "rubric": "public-service-spinout",
    ...         "rubric_verison": "1.0.0",
    ...         "n": 1,
    ...         "assessments": [{"score": 1.5, "characteristics": {}}],
    ...     }
    ... )
    Traceback (most recent call last):
    ...
    transition.errors.CohortError: rubric_verison: unknown key ... 'rubric_version'?)
    missing required key 'rubric_version'
    assessments[0].score: must be between 0 and 1 (got 1.5)
    """
    check_source(source, "load_cohort()", "a path or a mapping", CohortError)
    if source is None:
        raise TypeError("load_cohort() takes a path or a mapping, not None")
    if isinstance(source, Mapping):
        return _build_cohort(Document(plain(source)))
    try:
        document = load_document(Path(source), name=os.fspath(source), what="cohort")
    except DocumentError as error:
        raise CohortError([error.record]) from None
    return _build_cohort(document)


# -- benchmarks ------------------------------------------------------------------------------


def percentile_rank(value: float, peers: Sequence[float]) -> float:
    """The percentile rank of ``value`` among ``peers``:
    ``100 * (count(p < x) + 0.5 * count(p == x)) / n``, every value compared rounded to
    :data:`DECIMALS` places.

    >>> percentile_rank(0.5, [0.25, 0.5, 0.5, 0.75])
    50.0
    >>> percentile_rank(0.1 + 0.2, [0.3])
    50.0
    >>> percentile_rank(1.0, [0.0, 0.5])
    100.0
    >>> percentile_rank(0.5, [])
    Traceback (most recent call last):
    ...
    ValueError: percentile_rank() needs at least one peer
    """
    if not peers:
        raise ValueError("percentile_rank() needs at least one peer")
    x = round(value, DECIMALS)
    rounded = [round(p, DECIMALS) for p in peers]
    below = sum(1 for p in rounded if p < x)
    equal = sum(1 for p in rounded if p == x)
    return 100 * (below + 0.5 * equal) / len(rounded)


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """The lower quartile, the median and the upper quartile of ``values``:
    ``statistics.quantiles(values, n=4, method="inclusive")``.

    >>> quartiles([0.0, 0.25, 0.5, 0.75, 1.0])
    (0.25, 0.5, 0.75)
    """
    first, median, third = statistics.quantiles(values, n=4, method="inclusive")
    return first, median, third


@attrs.frozen
class BenchmarkFigure:
    """Where one value stands among the peers' values.

    ``value`` is the result's own (``None`` for a characteristic of which nothing
    applies to it); ``n`` how many peers have a value; ``percentile`` the percentile
    rank of ``value`` among them (:func:`percentile_rank`) and ``quartiles`` theirs
    (:func:`quartiles`). With fewer than :data:`MIN_PEERS` peers both are ``None``;
    without a value of its own, ``percentile`` is; ``reason`` then says why (else it is
    ``None``).

    >>> BenchmarkFigure(0.5, 2, None, None, "only 2 peers are in the cohort; ...").to_dict()
    {'value': 0.5, 'n': 2, 'percentile': None, 'quartiles': None, 'reason': 'only 2 ...'}
    """

    value: float | None
    n: int
    percentile: float | None
    quartiles: tuple[float, float, float] | None
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        """The figure as a JSON-ready document."""
        return {
            "value": self.value,
            "n": self.n,
            "percentile": self.percentile,
            "quartiles": None if self.quartiles is None else list(self.quartiles),
            "reason": self.reason,
        }


@attrs.frozen
class Benchmark:
    """One result compared with a cohort (SPEC §11): ``n`` peers, the ``overall``
    figure and one figure per characteristic of the result's rubric, in rubric order.
    """

    rubric: str
    n: int
    overall: BenchmarkFigure
    characteristics: FrozenDict[str, BenchmarkFigure]

    def to_dict(self) -> dict[str, Any]:
        """The benchmark as a JSON-ready document."""
        return {
            "rubric": self.rubric,
            "n": self.n,
            "overall": self.overall.to_dict(),
            "characteristics": {cid: f.to_dict() for cid, f in self.characteristics.items()},
        }


def _peers(count: int, verb: str) -> str:
    """``no peer has``, ``only 1 peer has``, ``only 3 peers have`` (``verb`` singular)."""
    plural = {"has": "have", "is": "are"}[verb]
    if count == 0:
        return f"no peer {verb}"
    return f"only {count} peer {verb}" if count == 1 else f"only {count:,} peers {plural}"


def _figure(value: float | None, values: list[float], few: str, absent: str) -> BenchmarkFigure:
    n = len(values)
    if n < MIN_PEERS:
        return BenchmarkFigure(value, n, None, None, f"{few}; at least {MIN_PEERS} are needed")
    spread = quartiles(values)
    if value is None:
        return BenchmarkFigure(None, n, None, spread, absent)
    return BenchmarkFigure(value, n, percentile_rank(value, values), spread, None)


def benchmark(result: Readiness, cohort: Cohort) -> Benchmark:
    """Rank ``result`` among the peers of ``cohort``, overall and per characteristic.

    Each figure has the peers that have a value for it (every peer has an overall
    score; a peer of whose characteristic nothing applies has none for it, and a
    cohort of another rubric version may not name a characteristic at all). With fewer
    than :data:`MIN_PEERS` such peers the figure has no percentile and no quartiles,
    and its ``reason`` says so. A characteristic of which nothing applies to ``result``
    itself gets the peers' quartiles but no percentile: there is nothing to rank.

    Raises
    ------
    CohortError
        When the cohort is of another rubric (its id; another version of the same
        rubric is compared characteristic by characteristic).
    TypeError
        When ``result`` is not a :class:`~transition.Readiness` or ``cohort`` not a
        :class:`Cohort`.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> def scored(level):
    ...     answers = {"named_leader": level, "senior_sponsor": level}
    ...     mapping = {"rubric": rubric.id, "answers": answers}
    ...     return transition.score(rubric, transition.load_assessment(mapping, rubric))
    >>> peers = transition.cohort([scored(level) for level in (0, 1, 2, 3, 4)])
    >>> figures = transition.benchmark(scored(3), peers)
    >>> figures.n, figures.overall.percentile, figures.characteristics["leadership"].percentile
    (5, 70.0, 70.0)
    >>> print(transition.benchmark(scored(3), transition.cohort([scored(1)])).overall.reason)
    only 1 peer is in the cohort; at least 5 are needed
    """
    expect(result, Readiness, "benchmark()'s result", "score an assessment first")
    expect(cohort, Cohort, "benchmark()'s cohort", "build one with cohort() or load_cohort()")
    if cohort.rubric != result.rubric_id:
        raise CohortError(
            [
                ErrorRecord(
                    f"this cohort is of rubric {cohort.rubric!r}, not {result.rubric_id!r}; "
                    "benchmark against a cohort of the same rubric",
                    "rubric",
                    path=cohort.source,
                    code="rubric-mismatch",
                )
            ]
        )
    overall = _figure(
        result.score,
        [peer.score for peer in cohort.assessments],
        f"{_peers(cohort.n, 'is')} in the cohort",
        "",
    )
    figures: dict[str, BenchmarkFigure] = {}
    for cid, item in result.characteristics.items():
        title = _title(result, cid)
        values = [
            value
            for peer in cohort.assessments
            if (value := peer.characteristics.get(cid)) is not None
        ]
        figures[cid] = _figure(
            item.score,
            values,
            f"{_peers(len(values), 'has')} a score for {title}",
            f"{title} does not apply to this assessment (none of its milestones applies), "
            "so it has no rank among the peers",
        )
    return Benchmark(result.rubric_id, cohort.n, overall, FrozenDict(figures))


def _title(result: Readiness, cid: str) -> str:
    try:
        return result.rubric.characteristic(cid).title
    except KeyError:  # pragma: no cover - a result's characteristics are its rubric's
        return cid
