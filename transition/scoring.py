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

import attrs

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
NEXT_STEP_STATUSES = frozenset((S_UNASSESSED, S_NOT_STARTED, S_IN_PROGRESS))


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
        phase_of=tuple(None if m.phase is None else phase_index[m.phase] for m in milestones),
        phase_ids=phase_ids,
        ancestors=tuple(ancestors),
        descendants=tuple(descendants),
        top=rubric.top,
        met=rubric.met_level,
        gating=Gating(rubric.gating),
    )


def plan_for(rubric: Rubric) -> Plan:
    """The rubric's compiled plan, computed on first use and kept on the rubric."""
    return rubric.derived("scoring.plan", compile_rubric)


def _bits(flags: Sequence[bool]) -> int:
    """Pack flags into an int whose bit i is flags[i], in O(n)."""
    return int("".join("1" if flag else "0" for flag in reversed(flags)) or "0", 2)


def _members(bits: int) -> list[int]:
    """The indices of the set bits, ascending, in O(n)."""
    return [i for i, digit in enumerate(reversed(bin(bits)[2:])) if digit == "1"]


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


def _weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """fsum(w * x) / fsum(w), or None when there are no pairs."""
    pairs = list(pairs)
    if not pairs:
        return None
    return math.fsum(w * x for w, x in pairs) / math.fsum(w for w, _ in pairs)


def _overall(
    plan: Plan, credit: Sequence[float | None], include: Sequence[bool] | None = None
) -> tuple[list[float | None], float]:
    """Characteristic scores and the overall score (rules 6 and 7)."""
    per: list[list[tuple[float, float]]] = [[] for _ in plan.characteristic_ids]
    weight, of = plan.weight, plan.characteristic_of
    for i, value in enumerate(credit):
        if value is not None and (include is None or include[i]):
            per[of[i]].append((weight[i], value))
    scores = [_weighted_mean(pairs) for pairs in per]
    overall = _weighted_mean(
        (plan.characteristic_weight[c], s) for c, s in enumerate(scores) if s is not None
    )
    return scores, 0.0 if overall is None else overall


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
    plan = plan_for(rubric)
    _check_assessment(plan, rubric, assessment)
    n, top, met, gating = len(plan.ids), plan.top, plan.met, plan.gating
    index = plan.index

    own = [UNASSESSED] * n
    for milestone_id, answer in assessment.answers.items():
        level = answer.level
        if level is NA:
            own[index[milestone_id]] = NOT_APPLICABLE
        elif isinstance(level, int):
            own[index[milestone_id]] = level

    # Rules 2-4: walk in topological order; `compare` is what dependents see.
    compare = [0] * n
    effective: list[int | None] = [None] * n
    status = [S_NOT_STARTED] * n
    blockers: dict[int, tuple[tuple[int, int, int], ...]] = {}
    prerequisites = plan.prerequisites
    for i in plan.topo:
        o = own[i]
        unmet: list[tuple[int, int, int]] | None = None
        lowest = top
        for p, required in prerequisites[i]:
            seen = compare[p]
            if seen < required:
                if unmet is None:
                    unmet = []
                unmet.append((p, required, seen))
                if seen < lowest:
                    lowest = seen
        if unmet is not None:
            blockers[i] = tuple(unmet)
        if o == NOT_APPLICABLE:
            compare[i] = top
            status[i] = S_NA
            continue
        base = o if o > 0 else 0
        if unmet is None or gating is Gating.OFF:
            e = base
        elif gating is Gating.CAP:
            e = base if base < lowest else lowest
        else:
            e = 0
        compare[i] = effective[i] = e
        if unmet is not None:
            status[i] = S_BLOCKED
        elif o == UNASSESSED:
            status[i] = S_UNASSESSED
        elif e >= met:
            status[i] = S_MET
        elif e > 0:
            status[i] = S_IN_PROGRESS

    # Rules 5-7: credit, characteristic scores, overall score.
    credit = [None if e is None else e / top for e in effective]
    characteristic_scores, overall = _overall(plan, credit)

    # Rules 8-10: critical gates, band, coverage.
    done = [s in (S_MET, S_NA) for s in status]
    open_gates = [c for c in plan.critical if not done[c]]
    critical_satisfied = not open_gates
    band_index = 0
    for b, band in enumerate(rubric.bands):
        if overall >= band.min and (critical_satisfied or not band.requires_critical):
            band_index = b
    coverage = sum(1 for o in own if o != UNASSESSED) / n

    # Rules 11-12: readiness path and weeks to ready (critical-path method).
    not_done = _bits([not flag for flag in done])
    path_bits = 0
    for c in open_gates:
        path_bits |= plan.ancestors[c] | (1 << c)
    path_bits &= not_done
    path = _members(path_bits)
    on_path = set(path)
    finish: dict[int, float] = {}
    for i in plan.topo:
        if i in on_path:
            before = [finish[p] for p, _ in prerequisites[i] if p in on_path]
            finish[i] = plan.duration[i] + (max(before) if before else 0)
    weeks = max(finish.values(), default=0)

    # Rule 13: next steps.
    candidates = [i for i in range(n) if status[i] in NEXT_STEP_STATUSES]
    descendants = plan.descendants
    next_steps = sorted(
        candidates,
        key=lambda i: (0 if i in on_path else 1, -(descendants[i] & not_done).bit_count(), i),
    )

    # Rule 14: the phase view.
    phase_score = None
    overdue = None
    if assessment.phase is not None:
        current = plan.phase_ids.index(assessment.phase)
        expected = [p is None or p <= current for p in plan.phase_of]
        _, phase_score = _overall(plan, credit, expected)
        overdue = tuple(
            plan.ids[i]
            for i in range(n)
            if expected[i] and status[i] != S_NA and status[i] != S_MET
        )

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
    respondents = {
        index[mid]: answer.levels
        for mid, answer in assessment.answers.items()
        if len(answer.levels) > 1
    }
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
            status=tuple(status),
            blockers=FrozenDict(blockers),
            respondents=FrozenDict(respondents),
            top=top,
            met_level=met,
            gating=gating,
            index=index,
        ),
        next_steps=tuple(ids[i] for i in next_steps),
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
