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
from collections.abc import Iterable, Sequence
from itertools import compress

import attrs

from ._types import check_score
from .errors import AssessmentError, ErrorRecord, suggest
from .graph import topological_order
from .model import NA, Assessment, FrozenDict, Gating, Rubric
from .result import (
    NOT_APPLICABLE,
    UNASSESSED,
    CharacteristicResult,
    MilestoneResults,
    NextBand,
    Readiness,
)

__all__ = ["score", "score_many"]

# Own levels are encoded as small integers in the walk: a scale value, or
# UNASSESSED / NOT_APPLICABLE. Status codes index result.STATUSES:
S_NA, S_BLOCKED, S_UNASSESSED, S_MET, S_IN_PROGRESS, S_NOT_STARTED = range(6)


@attrs.frozen
class Plan:
    """What the walk needs from a rubric, as flat arrays indexed by rubric order."""

    ids: tuple[str, ...]
    index: dict[str, int]
    topo: tuple[int, ...]
    prerequisites: tuple[tuple[tuple[int, int], ...], ...]
    characteristic_of: tuple[int, ...]
    weight: tuple[float, ...]
    characteristic_ids: tuple[str, ...]
    characteristic_weight: tuple[float, ...]
    critical: tuple[int, ...]
    duration: tuple[float, ...]
    phase_of: tuple[int | None, ...]
    phase_ids: tuple[str, ...]
    ancestors: tuple[int, ...]
    descendants: tuple[int, ...]
    position: tuple[int, ...]
    fraction: tuple[float, ...]
    expected: tuple[bytes, ...]
    top: int
    met: int
    gating: Gating


def compile_rubric(rubric: Rubric) -> Plan:
    """Compile a rubric for scoring (callers use :func:`plan_for`, which caches)."""
    ids = tuple(rubric.milestones)
    index = {milestone_id: i for i, milestone_id in enumerate(ids)}
    characteristic_ids = tuple(c.id for c in rubric.characteristics)
    characteristic_index = {cid: i for i, cid in enumerate(characteristic_ids)}
    phase_ids = tuple(p.id for p in rubric.phases)
    phase_index = {pid: i for i, pid in enumerate(phase_ids)}
    milestones = list(rubric.milestones.values())
    prerequisites = tuple(
        tuple((index[p.milestone], p.level) for p in m.requires) for m in milestones
    )
    topo = tuple(index[milestone_id] for milestone_id in topological_order(rubric))
    ancestors = [0] * len(ids)
    for i in topo:
        bits = 0
        for p, _ in prerequisites[i]:
            bits |= ancestors[p] | (1 << p)
        ancestors[i] = bits
    dependents: list[list[int]] = [[] for _ in ids]
    for i, required in enumerate(prerequisites):
        for p, _ in required:
            dependents[p].append(i)
    descendants = [0] * len(ids)
    for i in reversed(topo):
        bits = 0
        for d in dependents[i]:
            bits |= descendants[d] | (1 << d)
        descendants[i] = bits
    position = [0] * len(ids)
    for order, i in enumerate(topo):
        position[i] = order
    phase_of = tuple(None if m.phase is None else phase_index[m.phase] for m in milestones)
    return Plan(
        ids=ids,
        index=index,
        topo=topo,
        prerequisites=prerequisites,
        characteristic_of=tuple(characteristic_index[m.characteristic] for m in milestones),
        weight=tuple(m.weight for m in milestones),
        characteristic_ids=characteristic_ids,
        characteristic_weight=tuple(c.weight for c in rubric.characteristics),
        critical=tuple(i for i, m in enumerate(milestones) if m.critical),
        duration=tuple(m.duration_weeks for m in milestones),
        phase_of=phase_of,
        phase_ids=phase_ids,
        ancestors=tuple(ancestors),
        descendants=tuple(descendants),
        position=tuple(position),
        fraction=tuple(level / rubric.top for level in range(rubric.top + 1)),
        expected=tuple(bytes(p is None or p <= k for p in phase_of) for k in range(len(phase_ids))),
        top=rubric.top,
        met=rubric.met_level,
        gating=Gating(rubric.gating),
    )


def plan_for(rubric: Rubric) -> Plan:
    """The rubric's compiled plan, computed on first use and kept on the rubric."""
    return rubric.derived("scoring.plan", compile_rubric)


def _flags(*codes: int) -> bytes:
    """A ``bytes.translate`` table: 1 for these status codes, 0 for every other byte."""
    return bytes(1 if code in codes else 0 for code in range(256))


# Statuses translated to 0/1 flags with C loops: not done (neither met nor n/a, which
# for an expected milestone also means overdue); a status that may be a next step.
# _DIGIT turns 0/1 flags into ASCII digits, _BIT turns ASCII digits back into flags.
_NOT_DONE = _flags(S_BLOCKED, S_UNASSESSED, S_IN_PROGRESS, S_NOT_STARTED)
_NEXT_STEP = _flags(S_UNASSESSED, S_NOT_STARTED, S_IN_PROGRESS)
_OUTSTANDING = _NOT_DONE
_DIGIT = bytes(48 + (c & 1) for c in range(256))
_BIT = bytes(1 if c == 49 else 0 for c in range(256))


def _members(bits: int) -> list[int]:
    """The indices of the set bits, ascending, in O(n) with C loops."""
    digits = bin(bits)[:1:-1].encode().translate(_BIT)
    return list(compress(range(len(digits)), digits))


def _check_assessment(plan: Plan, rubric: Rubric, assessment: Assessment) -> None:
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
    for milestone_id in assessment.answers:
        if milestone_id not in plan.index:
            problems.append(
                ErrorRecord(
                    f"unknown milestone {milestone_id!r}" + suggest(milestone_id, plan.ids),
                    f"answers.{milestone_id}",
                    assessment.source,
                    code="unknown-ref",
                )
            )
    if assessment.phase is not None and assessment.phase not in plan.phase_ids:
        problems.append(
            ErrorRecord(
                f"unknown phase {assessment.phase!r}" + suggest(assessment.phase, plan.phase_ids),
                "phase",
                assessment.source,
                code="unknown-ref",
            )
        )
    if problems:
        raise AssessmentError(problems)


def _overall(
    plan: Plan, effective: Sequence[int | None], include: bytes | None = None
) -> tuple[list[float | None], float]:
    """Characteristic scores and the overall score (rules 5 to 7).

    Each characteristic: fsum(weight * (effective / top)) / fsum(weight) over its
    applicable milestones; overall: the same over characteristics with a score.
    """
    fraction = plan.fraction
    products: list[list[float]] = [[] for _ in plan.characteristic_ids]
    weights: list[list[float]] = [[] for _ in plan.characteristic_ids]
    weight, of = plan.weight, plan.characteristic_of
    for i, e in enumerate(effective):
        if e is not None and (include is None or include[i]):
            c = of[i]
            products[c].append(weight[i] * fraction[e])
            weights[c].append(weight[i])
    scores: list[float | None] = [
        math.fsum(p) / math.fsum(w) if w else None for p, w in zip(products, weights, strict=True)
    ]
    scored = [(plan.characteristic_weight[c], s) for c, s in enumerate(scores) if s is not None]
    if not scored:
        return scores, 0.0
    return scores, math.fsum(w * s for w, s in scored) / math.fsum(w for w, _ in scored)


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
        rubric does not have.

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
    plan = plan_for(rubric)
    _check_assessment(plan, rubric, assessment)
    n, top, met, gating = len(plan.ids), plan.top, plan.met, plan.gating
    index, prerequisites = plan.index, plan.prerequisites

    # Rule 1: own levels (the lower median is taken when the answer is loaded).
    own = [UNASSESSED] * n
    respondents: dict[int, tuple[int, ...]] = {}
    for milestone_id, answer in assessment.answers.items():
        i = index[milestone_id]
        level = answer.level
        if level is NA:
            own[i] = NOT_APPLICABLE
        elif isinstance(level, int):
            own[i] = level
            if len(answer.levels) > 1:
                respondents[i] = answer.levels

    # Rules 2-4: walk in topological order; `compare` is what dependents see.
    compare = [0] * n
    effective: list[int | None] = [None] * n
    status = bytearray([S_NOT_STARTED]) * n
    cap, strict = gating is Gating.CAP, gating is Gating.STRICT
    for i in plan.topo:
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
            status[i] = S_NA
            continue
        e = o if o > 0 else 0
        if blocked:
            if cap:
                if lowest < e:
                    e = lowest
            elif strict:
                e = 0
            status[i] = S_BLOCKED
        elif o == UNASSESSED:
            status[i] = S_UNASSESSED
        elif e >= met:
            status[i] = S_MET
        elif e > 0:
            status[i] = S_IN_PROGRESS
        compare[i] = effective[i] = e

    # Rules 5-7: credit, characteristic scores, overall score.
    characteristic_scores, overall = _overall(plan, effective)

    # Rules 8-10: critical gates, band, coverage.
    not_done_flags = bytes(status).translate(_NOT_DONE)
    open_gates = [c for c in plan.critical if not_done_flags[c]]
    critical_satisfied = not open_gates
    band_index = 0
    for b, band in enumerate(rubric.bands):
        if overall >= band.min and (critical_satisfied or not band.requires_critical):
            band_index = b
    coverage = (n - own.count(UNASSESSED)) / n

    # Rules 11-12: readiness path and weeks to ready (critical-path method).
    not_done = int(not_done_flags[::-1].translate(_DIGIT) or b"0", 2)
    path_bits = 0
    for c in open_gates:
        path_bits |= plan.ancestors[c] | (1 << c)
    path_bits &= not_done
    path = _members(path_bits)
    on_path = bytearray(n)
    for i in path:
        on_path[i] = 1
    finish = [0.0] * n
    weeks = 0.0
    position = plan.position
    for i in sorted(path, key=position.__getitem__):
        best = 0.0
        for p, _ in prerequisites[i]:
            if on_path[p] and finish[p] > best:
                best = finish[p]
        finish[i] = done_at = plan.duration[i] + best
        if done_at > weeks:
            weeks = done_at

    # Rule 13: next steps, by one integer key: (off path, -unlocks, rubric index).
    descendants = plan.descendants
    candidates = compress(range(n), bytes(status).translate(_NEXT_STEP))
    next_steps = sorted(
        ((on_path[i] ^ 1) * (n + 1) + n - (descendants[i] & not_done).bit_count()) * n + i
        for i in candidates
    )

    # Rule 14: the phase view.
    phase_score = None
    overdue = None
    if assessment.phase is not None:
        expected = plan.expected[plan.phase_ids.index(assessment.phase)]
        _, phase_score = _overall(plan, effective, expected)
        outstanding = bytes(status).translate(_OUTSTANDING)
        overdue = tuple(plan.ids[i] for i in compress(range(n), expected) if outstanding[i])

    ids = plan.ids
    counts = [[0, 0, 0] for _ in plan.characteristic_ids]  # met, applicable, total
    for i, code in enumerate(status):
        tally = counts[plan.characteristic_of[i]]
        tally[2] += 1
        if code != S_NA:
            tally[1] += 1
            if code == S_MET:
                tally[0] += 1
    characteristics = FrozenDict(
        (cid, CharacteristicResult(cid, characteristic_scores[c], *counts[c]))
        for c, cid in enumerate(plan.characteristic_ids)
    )
    bands = rubric.bands
    next_band = None
    if band_index + 1 < len(bands):
        target = bands[band_index + 1]
        next_band = NextBand(
            band=target,
            score_gap=max(0.0, target.min - overall),
            critical_gates=tuple(ids[c] for c in open_gates) if target.requires_critical else (),
        )
    return Readiness(
        rubric=rubric,
        assessment=assessment,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        score=overall,
        band=bands[band_index],
        next_band=next_band,
        coverage=coverage,
        critical_satisfied=critical_satisfied,
        characteristics=characteristics,
        milestones=MilestoneResults(
            ids=ids,
            own=tuple(own),
            effective=tuple(effective),
            status=bytes(status),
            respondents=FrozenDict(respondents),
            top=top,
            met_level=met,
            gating=gating,
            index=index,
            prerequisites=prerequisites,
        ),
        next_steps=tuple(ids[key % n] for key in next_steps),
        readiness_path=tuple(ids[i] for i in path),
        weeks_to_ready=weeks,
        phase_score=phase_score,
        overdue=overdue,
    )


def score_many(rubric: Rubric, assessments: Iterable[Assessment]) -> list[Readiness]:
    """Score many assessments of one rubric; the rubric is compiled once.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> blank = transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
    >>> [r.score for r in transition.score_many(rubric, [blank, blank])]
    [0.0, 0.0]
    """
    plan_for(rubric)
    return [score(rubric, assessment) for assessment in assessments]
