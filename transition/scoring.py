"""The scoring walk: pure functions from (rubric, assessment) to a readiness result.

Everything the walk needs that depends only on the rubric (topological order, index
arrays, ancestor and descendant sets as integer bitsets) is compiled once per rubric
and kept on it, so scoring an assessment costs O(milestones + prerequisites) plus a
few bitset operations. No I/O, no clock, no globals: equal inputs give equal results.

The rules are those of the specification (SPEC section 5); ``docs/scoring.md`` explains
each with a worked example that the test suite checks.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress
from types import MappingProxyType

import attrs

from ._bits import bitset, closure, flagged, flags, members
from ._types import check_score, expect
from .errors import AssessmentError, ErrorRecord, suggest
from .graph import topological_order
from .model import NA, Assessment, Band, FrozenDict, Gating, Rubric
from .result import (
    NOT_APPLICABLE,
    UNASSESSED,
    AreaResult,
    CharacteristicResult,
    MilestoneResults,
    NextBand,
    Readiness,
    StatusCode,
)

__all__ = ["score", "score_many"]

# Own levels are encoded as small integers in the walk: a scale value, or
# UNASSESSED / NOT_APPLICABLE; statuses as StatusCode bytes, one per milestone.

#: Prerequisites per milestone, as (prerequisite index, required level) pairs.
Prerequisites = tuple[tuple[tuple[int, int], ...], ...]


@attrs.frozen
class CompiledRubric:
    """What the walk needs from a rubric, as flat arrays indexed by rubric order.

    Built once per rubric by :func:`compiled`; every field is immutable, so results
    may share them (``index`` is a read-only mapping).
    """

    ids: tuple[str, ...]
    #: Rubric index of each milestone id; results share it, so it is read-only.
    index: FrozenDict[str, int]
    #: The same mapping as ``index``, as a view whose look-ups run in C (for the walk).
    lookup: Mapping[str, int] = attrs.field(eq=False, repr=False)
    topo: tuple[int, ...]
    prerequisites: Prerequisites
    characteristic_of: tuple[int, ...]
    weight: tuple[float, ...]
    characteristic_ids: tuple[str, ...]
    characteristic_weight: tuple[float, ...]
    #: How many milestones each characteristic has.
    characteristic_size: tuple[int, ...]
    critical: tuple[int, ...]
    duration: tuple[float, ...]
    phase_of: tuple[int | None, ...]
    phase_ids: tuple[str, ...]
    #: Ancestors and descendants of each milestone, as bitsets of rubric indices.
    ancestors: tuple[int, ...]
    descendants: tuple[int, ...]
    #: Each milestone's place in ``topo``.
    position: tuple[int, ...]
    #: Credit of each level, indexed by level (SPEC 3.1: ``rubric.credit(level)``, by
    #: default ``(level - bottom) / (top - bottom)``); 0.0 below the bottom, never used.
    fraction: tuple[float, ...]
    #: Per phase: one flag a milestone, 1 when it is expected by then (rule 14).
    expected: tuple[bytes, ...]
    top: int
    met: int
    gating: Gating
    #: The lowest scale value: what unassessed milestones and strict gating count as.
    bottom: int = 0
    #: Ids of the milestones that an assessment may not answer n/a (SPEC 3.1).
    refuses_na: tuple[str, ...] = ()
    #: Areas (SPEC 3.1): their ids and characteristics, and each milestone's area
    #: index (None for a milestone in no area). Empty when the rubric has no areas.
    area_ids: tuple[str, ...] = ()
    area_characteristic: tuple[str, ...] = ()
    area_of: tuple[int | None, ...] = ()


def compile_rubric(rubric: Rubric) -> CompiledRubric:
    """Compile a rubric for scoring (callers use :func:`compiled`, which caches).

    >>> import transition
    >>> compile_rubric(transition.load_rubric()).ids[:2]
    ('named_leader', 'senior_sponsor')
    """
    ids = tuple(rubric.milestones)
    index = {milestone_id: i for i, milestone_id in enumerate(ids)}
    milestones = tuple(rubric.milestones.values())
    prerequisites = tuple(
        tuple((index[p.milestone], p.level) for p in m.requires) for m in milestones
    )
    topo = tuple(index[milestone_id] for milestone_id in topological_order(rubric))
    parents = [[p for p, _ in required] for required in prerequisites]
    characteristic_ids = tuple(c.id for c in rubric.characteristics)
    phase_ids = tuple(p.id for p in rubric.phases)
    phase_of = tuple(_phase_index(phase_ids, m.phase) for m in milestones)
    characteristic_of = tuple(characteristic_ids.index(m.characteristic) for m in milestones)
    return CompiledRubric(
        ids=ids,
        index=FrozenDict(index),
        lookup=MappingProxyType(index),
        topo=topo,
        prerequisites=prerequisites,
        characteristic_of=characteristic_of,
        weight=tuple(m.weight for m in milestones),
        characteristic_ids=characteristic_ids,
        characteristic_weight=tuple(c.weight for c in rubric.characteristics),
        characteristic_size=tuple(map(characteristic_of.count, range(len(characteristic_ids)))),
        critical=tuple(i for i, m in enumerate(milestones) if m.critical),
        duration=tuple(m.duration_weeks for m in milestones),
        phase_of=phase_of,
        phase_ids=phase_ids,
        ancestors=tuple(closure(topo, parents)),
        descendants=tuple(closure(reversed(topo), _dependents(parents))),
        position=_positions(topo),
        fraction=_credits(rubric),
        expected=_expected(phase_of, len(phase_ids)),
        top=rubric.top,
        met=rubric.met_level,
        gating=Gating(rubric.gating),
        bottom=rubric.bottom,
        refuses_na=tuple(m.id for m in milestones if not m.allow_na),
        area_ids=tuple(a.id for a in rubric.areas),
        area_characteristic=tuple(a.characteristic for a in rubric.areas),
        area_of=_area_of(rubric),
    )


def _credits(rubric: Rubric) -> tuple[float, ...]:
    """The credit of each level, indexed by level: 0.0 below the bottom (never used)."""
    levels = range(rubric.bottom, rubric.top + 1)
    return (0.0,) * rubric.bottom + tuple(rubric.credit(level) for level in levels)


def _area_of(rubric: Rubric) -> tuple[int | None, ...]:
    """Each milestone's area index, None for none; empty when the rubric has no areas."""
    if not rubric.areas:
        return ()
    index = {area.id: a for a, area in enumerate(rubric.areas)}
    return tuple(None if m.area is None else index[m.area] for m in rubric.milestones.values())


def _expected(phase_of: Sequence[int | None], phases: int) -> tuple[bytes, ...]:
    """Per phase, one flag a milestone: 1 when it is in that phase or before, or in none."""
    return tuple(bytes(p is None or p <= k for p in phase_of) for k in range(phases))


def _phase_index(phase_ids: tuple[str, ...], phase: str | None) -> int | None:
    return None if phase is None else phase_ids.index(phase)


def _dependents(parents: Sequence[Sequence[int]]) -> list[list[int]]:
    """The reverse edges: for each milestone, the milestones that require it."""
    dependents: list[list[int]] = [[] for _ in parents]
    for i, required in enumerate(parents):
        for p in required:
            dependents[p].append(i)
    return dependents


def _positions(order: Sequence[int]) -> tuple[int, ...]:
    """Each milestone's place in ``order``."""
    position = [0] * len(order)
    for place, i in enumerate(order):
        position[i] = place
    return tuple(position)


def compiled(rubric: Rubric) -> CompiledRubric:
    """The rubric compiled for scoring, computed on first use and kept on the rubric.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> compiled(rubric) is compiled(rubric)
    True
    >>> compiled(rubric).ids[compiled(rubric).index["named_leader"]]
    'named_leader'
    """
    return rubric.derived("scoring.compiled", compile_rubric)


# Status codes -> 0/1 flags, translated with C loops: not done (neither met nor n/a,
# which for an expected milestone also means overdue); may be a next step.
_NOT_DONE = flags(
    StatusCode.BLOCKED, StatusCode.UNASSESSED, StatusCode.IN_PROGRESS, StatusCode.NOT_STARTED
)
_NEXT_STEP = flags(StatusCode.UNASSESSED, StatusCode.NOT_STARTED, StatusCode.IN_PROGRESS)
_MET = flags(StatusCode.MET)
_NA = flags(StatusCode.NOT_APPLICABLE)


def _check_assessment(compiled: CompiledRubric, rubric: Rubric, assessment: Assessment) -> None:
    problems = []
    if assessment.rubric != rubric.id:
        problems.append(
            ErrorRecord(
                f"this assessment is for rubric {assessment.rubric!r}, not {rubric.id!r}",
                "rubric",
                assessment.source,
                code="rubric-mismatch",
            )
        )
    unknown = assessment.answers.keys() - compiled.lookup.keys()
    for milestone_id in (m for m in assessment.answers if m in unknown):
        problems.append(
            ErrorRecord(
                f"unknown milestone {milestone_id!r}" + suggest(milestone_id, compiled.ids),
                f"answers.{milestone_id}",
                assessment.source,
                code="unknown-ref",
            )
        )
    for milestone_id in compiled.refuses_na:
        answer = assessment.answers.get(milestone_id)
        if answer is not None and answer.level is NA:
            problems.append(
                ErrorRecord(
                    f"n/a is not allowed for milestone {milestone_id!r} (allow_na: false)",
                    f"answers.{milestone_id}",
                    assessment.source,
                    code="na-not-allowed",
                )
            )
    phase_ids = compiled.phase_ids
    if assessment.phase is not None and assessment.phase not in phase_ids:
        problems.append(
            ErrorRecord(
                f"unknown phase {assessment.phase!r}" + suggest(assessment.phase, phase_ids),
                "phase",
                assessment.source,
                code="unknown-ref",
            )
        )
    if problems:
        raise AssessmentError(problems)


# ---------------------------------------------------------------------------------------
# The rules of SPEC section 5, one group per function, in the order score() runs them.


def _own_levels(
    compiled: CompiledRubric, assessment: Assessment
) -> tuple[list[int], dict[int, tuple[int, ...]]]:
    """Rule 1: each milestone's own level, and the respondents' levels where several.

    Own levels are a scale value, ``UNASSESSED`` or ``NOT_APPLICABLE``; the lower
    median of several respondents was taken when the answer was loaded.
    """
    own = [UNASSESSED] * len(compiled.ids)
    respondents: dict[int, tuple[int, ...]] = {}
    index = compiled.lookup
    for milestone_id, answer in assessment.answers.items():
        i = index[milestone_id]
        level = answer.level
        if level is NA:
            own[i] = NOT_APPLICABLE
        elif isinstance(level, int):
            own[i] = level
            if len(answer.levels) > 1:
                respondents[i] = answer.levels
    return own, respondents


def walk(compiled: CompiledRubric, own: Sequence[int]) -> tuple[list[int | None], bytes]:
    """Rules 2 to 4: effective levels (None when n/a) and status codes, gated.

    Visits milestones in topological order; ``compare`` is the level dependents see
    (``top`` for n/a, else the effective level). Where SPEC section 5 says 0 for a
    level, read the scale's bottom (SPEC 3.1): unassessed counts as the bottom,
    ``strict`` gives the bottom, and in progress is above the bottom.
    """
    n, top, met, prerequisites, bottom = (
        len(compiled.ids),
        compiled.top,
        compiled.met,
        compiled.prerequisites,
        compiled.bottom,
    )
    compare = [0] * n
    effective: list[int | None] = [None] * n
    status = bytearray([StatusCode.NOT_STARTED]) * n
    na, blocked_code, unassessed, met_code, in_progress = (
        StatusCode.NOT_APPLICABLE,
        StatusCode.BLOCKED,
        StatusCode.UNASSESSED,
        StatusCode.MET,
        StatusCode.IN_PROGRESS,
    )
    cap, strict = compiled.gating is Gating.CAP, compiled.gating is Gating.STRICT
    for i in compiled.topo:
        o = own[i]
        blocked = False
        lowest = top
        for p, required in prerequisites[i]:
            seen = compare[p]
            if seen < required:
                blocked = True
                if seen < lowest:
                    lowest = seen
        if o == NOT_APPLICABLE:
            compare[i] = top
            status[i] = na
            continue
        e = o if o > bottom else bottom  # an unassessed milestone counts as the bottom
        if blocked:
            if cap:
                if lowest < e:
                    e = lowest
            elif strict:
                e = bottom
            status[i] = blocked_code
        elif o == UNASSESSED:
            status[i] = unassessed
        elif e >= met:
            status[i] = met_code
        elif e > bottom:
            status[i] = in_progress
        compare[i] = effective[i] = e
    return effective, bytes(status)


def scores(
    compiled: CompiledRubric, effective: Sequence[int | None], include: bytes | None = None
) -> tuple[list[float | None], float]:
    """Rules 5 to 7: characteristic scores and the overall score.

    Credit is ``credit(effective)`` (``effective / top`` on a scale from 0 without
    credits); each characteristic scores
    ``fsum(weight * credit) / fsum(weight)`` over its applicable milestones (None when
    there is none), the overall score the same over characteristics with a score (0.0
    when there is none). ``include`` (one 0/1 flag a milestone) limits the milestones
    counted, for the phase view.
    """
    fraction, weight, of = compiled.fraction, compiled.weight, compiled.characteristic_of
    products: list[list[float]] = [[] for _ in compiled.characteristic_ids]
    weights: list[list[float]] = [[] for _ in compiled.characteristic_ids]
    counted = enumerate(effective)
    for i, e in counted if include is None else compress(counted, include):
        if e is not None:
            c = of[i]
            products[c].append(weight[i] * fraction[e])
            weights[c].append(weight[i])
    characteristic = [_ratio(p, w) for p, w in zip(products, weights, strict=True)]
    cw = compiled.characteristic_weight
    scored = [(cw[c], s) for c, s in enumerate(characteristic) if s is not None]
    overall = _ratio([w * s for w, s in scored], [w for w, _ in scored])
    return characteristic, 0.0 if overall is None else overall


def _ratio(products: Sequence[float], weights: Sequence[float]) -> float | None:
    """``fsum(products) / fsum(weights)``; None when there are no weights."""
    return math.fsum(products) / math.fsum(weights) if weights else None


def _critical_gates_and_band(
    compiled: CompiledRubric, bands: Sequence[Band], not_done: bytes, overall: float
) -> tuple[list[int], int]:
    """Rules 8 and 9: the open critical gates and the index of the band reached.

    Critical is satisfied when no gate is open (every critical milestone met or n/a);
    the band is the last one whose ``min`` the score reaches and, if it requires
    critical, with critical satisfied. ``not_done`` has one 0/1 flag a milestone.
    """
    open_gates = [c for c in compiled.critical if not_done[c]]
    band_index = 0
    for b, band in enumerate(bands):
        if overall >= band.min and (not open_gates or not band.requires_critical):
            band_index = b
    return open_gates, band_index


def _coverage(own: list[int]) -> float:
    """Rule 10: milestones assessed or n/a, divided by all milestones."""
    return (len(own) - own.count(UNASSESSED)) / len(own)


def _readiness_path(compiled: CompiledRubric, open_gates: Iterable[int], not_done: int) -> int:
    """Rule 11: the open gates and all their ancestors that are not done, as a bitset.

    ``not_done`` is the bitset of milestones neither met nor n/a.
    """
    path = 0
    for c in open_gates:
        path |= compiled.ancestors[c] | (1 << c)
    return path & not_done


def earliest_finish(
    tasks: Iterable[int], prerequisites: Prerequisites, duration: Sequence[float]
) -> dict[int, float]:
    """The critical-path method's forward pass: each task's earliest finish.

    ``finish(m) = duration(m) + max(finish(p) for prerequisites p that are tasks,
    default 0)`` (SPEC rule 12; the ``EF = ES + d`` of section 9). ``tasks`` must list
    every task after its task prerequisites; a prerequisite that is not a task is done
    and adds nothing.

    >>> prerequisites = ((), ((0, 1),), ((0, 1), (1, 1)))
    >>> earliest_finish([0, 1, 2], prerequisites, [2.0, 3.0, 1.0])
    {0: 2.0, 1: 5.0, 2: 6.0}
    >>> earliest_finish([1, 2], prerequisites, [2.0, 3.0, 1.0])
    {1: 3.0, 2: 4.0}
    """
    finish: dict[int, float] = {}
    for m in tasks:
        start = 0.0
        for p, _ in prerequisites[m]:
            if p in finish and finish[p] > start:
                start = finish[p]
        finish[m] = duration[m] + start
    return finish


def _weeks_to_ready(compiled: CompiledRubric, path: Iterable[int]) -> float:
    """Rule 12: the longest chain of ``duration_weeks`` through the readiness path."""
    order = sorted(path, key=compiled.position.__getitem__)
    finish = earliest_finish(order, compiled.prerequisites, compiled.duration)
    return max(finish.values(), default=0.0)


def _next_steps(
    compiled: CompiledRubric, status: bytes, on_path: bytes, not_done: int
) -> list[int]:
    """Rule 13: unassessed, not started and in progress milestones, best first.

    Sorted by ``(0 if on the readiness path else 1, -unlocks, rubric index)``, where
    unlocks counts the descendants not done, as one integer key per milestone.
    ``on_path`` has one 0/1 flag a milestone.
    """
    n, descendants = len(status), compiled.descendants
    keys = sorted(
        ((on_path[i] ^ 1) * (n + 1) + n - (descendants[i] & not_done).bit_count()) * n + i
        for i in compress(range(n), status.translate(_NEXT_STEP))
    )
    return [key % n for key in keys]


def _phase_view(
    compiled: CompiledRubric, phase: str | None, effective: Sequence[int | None], not_done: int
) -> tuple[float | None, tuple[str, ...] | None]:
    """Rule 14: the score over milestones expected by the phase, and those overdue.

    Expected milestones are those in the phase or before it, and those without a phase;
    overdue are the expected ones not done (``not_done`` is their bitset), in rubric
    order. Both None without a phase.
    """
    if phase is None:
        return None, None
    expected = compiled.expected[compiled.phase_ids.index(phase)]
    _, phase_score = scores(compiled, effective, expected)
    overdue = compress(compiled.ids, flagged(bitset(expected) & not_done, len(expected)))
    return phase_score, tuple(overdue)


# ---------------------------------------------------------------------------------------
# The result: what explains the rules' outputs.


def _characteristics(
    compiled: CompiledRubric, characteristic_scores: Sequence[float | None], status: bytes
) -> FrozenDict[str, CharacteristicResult]:
    """Each characteristic's score with its met, applicable and total counts."""
    of, size = compiled.characteristic_of, compiled.characteristic_size
    met = Counter(compress(of, status.translate(_MET)))
    na = Counter(compress(of, status.translate(_NA)))
    return FrozenDict(
        (cid, CharacteristicResult(cid, characteristic_scores[c], met[c], size[c] - na[c], size[c]))
        for c, cid in enumerate(compiled.characteristic_ids)
    )


def _areas(
    compiled: CompiledRubric, effective: Sequence[int | None], status: bytes
) -> FrozenDict[str, AreaResult]:
    """Each area's score and counts (SPEC 3.1), computed like a characteristic's
    (rules 5 and 6) over the area's milestones; empty when the rubric has no areas."""
    if not compiled.area_ids:
        return FrozenDict()
    fraction, weight = compiled.fraction, compiled.weight
    products: list[list[float]] = [[] for _ in compiled.area_ids]
    weights: list[list[float]] = [[] for _ in compiled.area_ids]
    met, applicable, total = Counter[int](), Counter[int](), Counter[int]()
    for i, a in enumerate(compiled.area_of):
        if a is None:
            continue
        total[a] += 1
        e = effective[i]
        if e is not None:
            applicable[a] += 1
            if status[i] == StatusCode.MET:
                met[a] += 1
            products[a].append(weight[i] * fraction[e])
            weights[a].append(weight[i])
    return FrozenDict(
        (
            aid,
            AreaResult(
                aid,
                compiled.area_characteristic[a],
                _ratio(products[a], weights[a]),
                met[a],
                applicable[a],
                total[a],
            ),
        )
        for a, aid in enumerate(compiled.area_ids)
    )


def _next_band(
    compiled: CompiledRubric,
    bands: Sequence[Band],
    band_index: int,
    overall: float,
    open_gates: Sequence[int],
) -> NextBand | None:
    """What stands between the result and the band above the one reached."""
    if band_index + 1 >= len(bands):
        return None
    target = bands[band_index + 1]
    gates = tuple(compiled.ids[c] for c in open_gates) if target.requires_critical else ()
    return NextBand(band=target, score_gap=max(0.0, target.min - overall), critical_gates=gates)


def score(rubric: Rubric, assessment: Assessment) -> Readiness:
    """Score one assessment against its rubric.

    Parameters
    ----------
    rubric:
        The rubric, as returned by :func:`transition.load_rubric`.
    assessment:
        Answers for that rubric, as returned by :func:`transition.load_assessment`.

    Returns
    -------
    Readiness
        A frozen, picklable result: overall and per-characteristic scores, the band,
        every milestone's status with the reason for it, the readiness path, weeks to
        ready and next steps.

    Raises
    ------
    AssessmentError
        When the assessment names another rubric, or milestones or a phase that this
        rubric does not have, or answers n/a where the rubric does not allow it.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric,
    ...     transition.load_assessment(
    ...         {
    ...             "rubric": "public-service-spinout",
    ...             "answers": {"named_leader": 3, "senior_sponsor": 4},
    ...         },
    ...         rubric,
    ...     ),
    ... )
    >>> result.milestones["named_leader"].status.value
    'met'
    >>> result.band.id
    'not_ready'
    >>> result.next_steps[0]
    'service_scope'
    """
    check_score(rubric, assessment)
    rules = compiled(rubric)
    _check_assessment(rules, rubric, assessment)
    own, respondents = _own_levels(rules, assessment)  # rule 1
    effective, status = walk(rules, own)  # rules 2-4
    characteristic_scores, overall = scores(rules, effective)  # rules 5-7
    not_done_flags = status.translate(_NOT_DONE)
    not_done = bitset(not_done_flags)
    open_gates, band = _critical_gates_and_band(rules, rubric.bands, not_done_flags, overall)
    on_path = _readiness_path(rules, open_gates, not_done)  # rule 11
    path = members(on_path)
    steps = _next_steps(rules, status, flagged(on_path, len(own)), not_done)  # rule 13
    phase_score, overdue = _phase_view(rules, assessment.phase, effective, not_done)  # rule 14
    ids = rules.ids
    return Readiness(
        rubric=rubric,
        assessment=assessment,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        score=overall,
        band=rubric.bands[band],
        next_band=_next_band(rules, rubric.bands, band, overall, open_gates),
        coverage=_coverage(own),  # rule 10
        critical_satisfied=not open_gates,
        characteristics=_characteristics(rules, characteristic_scores, status),
        milestones=MilestoneResults(
            ids=ids,
            own=tuple(own),
            effective=tuple(effective),
            status=status,
            respondents=FrozenDict(respondents),
            top=rules.top,
            met_level=rules.met,
            gating=rules.gating,
            index=rules.index,
            prerequisites=rules.prerequisites,
            credits=rules.fraction,
        ),
        next_steps=tuple(ids[i] for i in steps),
        readiness_path=tuple(ids[i] for i in path),
        weeks_to_ready=_weeks_to_ready(rules, path),  # rule 12
        phase_score=phase_score,
        overdue=overdue,
        areas=_areas(rules, effective, status),
    )


def score_many(
    rubric: Rubric,
    assessments: Iterable[Assessment],
    *,
    workers: int | None = None,
    chunk_size: int | None = None,
) -> list[Readiness]:
    """Score many assessments of one rubric; the rubric is compiled once.

    Parameters
    ----------
    rubric:
        The rubric every assessment answers.
    assessments:
        Any iterable of assessments; it is read once, in order.
    workers:
        ``None`` or 1 (the default): score here, one after another. ``N`` > 1: score in
        a pool of N processes (started with ``spawn``, so a script that calls this
        needs the usual ``if __name__ == "__main__":`` guard). The results are the
        same either way, in input order; an error in any assessment is raised as it
        would be serially. Moving assessments and results between processes costs
        about as much as scoring a small rubric: a pool pays for large rubrics; for
        files, load them in the workers too (``docs/scale.md``).
    chunk_size:
        With a pool, how many assessments are sent to a worker at a time (default
        100). Input that fits in one chunk is scored in this process.

    Returns
    -------
    list of Readiness
        One result per assessment, in input order, each holding ``rubric`` and its
        assessment (the objects given, with or without a pool).

    Raises
    ------
    AssessmentError
        As :func:`score` does, for the first assessment that has a problem.
    TypeError, ValueError
        When ``workers`` or ``chunk_size`` is not a whole number >= 1 (or None).

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> blank = transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
    >>> [r.score for r in transition.score_many(rubric, [blank, blank])]
    [0.0, 0.0]
    >>> transition.score_many(rubric, [blank], workers=0)
    Traceback (most recent call last):
    ...
    ValueError: score_many()'s workers must be at least 1 (got 0); give None or 1 to ...
    """
    expect(rubric, Rubric, "score_many()'s rubric", "load it first with transition.load_rubric()")
    pool_size = _positive_or_none(workers, "workers", "give None or 1 to score in this process")
    chunk = _positive_or_none(chunk_size, "chunk_size", "give None for the default")
    compiled(rubric)
    if pool_size is None or pool_size == 1:
        return [score(rubric, assessment) for assessment in assessments]
    from ._pool import DEFAULT_CHUNK, score_in_pool  # the pool after the walk it runs

    return score_in_pool(rubric, assessments, pool_size, chunk or DEFAULT_CHUNK)


def _positive_or_none(value: object, name: str, hint: str) -> int | None:
    """``value`` when it is None or a whole number >= 1; else a TypeError or ValueError."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        expect(value, (int, type(None)), f"score_many()'s {name}", hint)
        raise TypeError(f"score_many()'s {name} must be a whole number, not {value!r}; {hint}")
    if value < 1:
        raise ValueError(f"score_many()'s {name} must be at least 1 (got {value}); {hint}")
    return value
