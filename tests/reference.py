"""A reference scoring walk: SPEC section 5, rule by rule, over the networkx graph; and
a reference goal set: SPEC section 8, steps 1 to 4, as first written.

Written to be read against the specification, not to be fast: plain dictionaries keyed
by milestone id, networkx for every graph question (topological order, ancestors,
descendants), and no state shared between calls. The property tests hold
``transition.score()`` to it on random rubrics, and ``benchmarks/score.py`` times it as
the naive walk. :func:`reference_goal_set` re-scores every candidate of the greedy step
with :func:`transition.what_if` at every step; the property tests hold
``transition.gap()``, which re-evaluates only what a step can have changed, to it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import attrs
import networkx as nx

from transition import NA, Assessment, Band, Gating, Readiness, Rubric, Status, Target, what_if
from transition.model import Answer, Level

__all__ = [
    "ReferenceMilestone",
    "ReferenceResult",
    "credit_of",
    "reference_goal_set",
    "reference_projection",
    "reference_score",
]

#: Statuses that count as done: neither a critical gate nor on the readiness path.
DONE = (Status.MET, Status.NOT_APPLICABLE)
#: Statuses that may be a next step (rule 13).
NEXT_STEP = (Status.UNASSESSED, Status.NOT_STARTED, Status.IN_PROGRESS)


@attrs.frozen
class ReferenceMilestone:
    """One milestone's outcome, with the fields of ``transition.MilestoneResult``."""

    status: Status
    level: Level
    effective_level: int | None
    credit: float | None
    unmet_prerequisites: tuple[str, ...]
    overclaimed: bool
    spread: int | None
    disagreement: bool


@attrs.frozen
class ReferenceCharacteristic:
    """One characteristic's score and counts, as ``transition.CharacteristicResult``."""

    score: float | None
    met: int
    applicable: int
    total: int


@attrs.frozen
class ReferenceArea:
    """One area's score and counts, as ``transition.AreaResult`` (SPEC 3.1)."""

    characteristic: str
    score: float | None
    met: int
    applicable: int
    total: int


@attrs.frozen
class ReferenceNextBand:
    """The band above the one reached, as ``transition.NextBand``."""

    band: Band
    score_gap: float
    critical_gates: tuple[str, ...]


@attrs.frozen
class ReferenceResult:
    """Every output of the walk, with the names of ``transition.Readiness``."""

    score: float
    band: Band
    next_band: ReferenceNextBand | None
    coverage: float
    critical_satisfied: bool
    characteristics: dict[str, ReferenceCharacteristic]
    milestones: dict[str, ReferenceMilestone]
    next_steps: tuple[str, ...]
    readiness_path: tuple[str, ...]
    weeks_to_ready: float
    phase_score: float | None
    overdue: tuple[str, ...] | None
    areas: dict[str, ReferenceArea]


def own_level(assessment: Assessment, milestone_id: str) -> Level:
    """Rule 1: None (unassessed), NA, or an integer; several levels give the lower median."""
    answer: Answer | None = assessment.answers.get(milestone_id)
    if answer is None:
        return None
    if answer.levels:
        ordered = sorted(answer.levels)
        return ordered[(len(ordered) - 1) // 2]
    return answer.level


def spread_of(assessment: Assessment, milestone_id: str, level: Level) -> int | None:
    """Rule 1: highest minus lowest respondent level; 0 for one level; None if no level."""
    if not isinstance(level, int):
        return None
    answer = assessment.answers[milestone_id]
    return max(answer.levels) - min(answer.levels) if answer.levels else 0


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """``fsum(weight * value) / fsum(weight)`` over (weight, value) pairs; None if none."""
    pairs = list(pairs)
    if not pairs:
        return None
    return math.fsum(w * x for w, x in pairs) / math.fsum(w for w, _ in pairs)


def characteristic_scores(
    rubric: Rubric, credit: dict[str, float | None], counted: Callable[[str], bool]
) -> dict[str, float | None]:
    """Rule 6: each characteristic's weighted credit over its applicable, counted milestones."""
    return {
        characteristic.id: weighted_mean(
            (milestone.weight, value)
            for milestone in rubric.milestones.values()
            if milestone.characteristic == characteristic.id
            and (value := credit[milestone.id]) is not None
            and counted(milestone.id)
        )
        for characteristic in rubric.characteristics
    }


def overall_score(rubric: Rubric, scores: dict[str, float | None]) -> float:
    """Rule 7: characteristics' weighted scores, over those with a score; 0.0 if none."""
    mean = weighted_mean(
        (c.weight, value) for c in rubric.characteristics if (value := scores[c.id]) is not None
    )
    return 0.0 if mean is None else mean


def credit_of(rubric: Rubric, level: int) -> float:
    """SPEC 3.1: the scale entry's ``credit`` when the scale gives credits, else
    ``(level - bottom) / (top - bottom)``."""
    bottom, top = rubric.scale[0].value, rubric.scale[-1].value
    entry = next(entry for entry in rubric.scale if entry.value == level)
    if entry.credit is not None:
        return entry.credit
    return (level - bottom) / (top - bottom)


def reference_score(rubric: Rubric, assessment: Assessment) -> ReferenceResult:
    """Score ``assessment`` by the letter of SPEC section 5, reading the scale's bottom
    wherever section 5 says 0 for a level (SPEC 3.1). The assessment is trusted."""
    graph = rubric.graph
    milestones = rubric.milestones
    top, met, gating = rubric.top, rubric.met_level, Gating(rubric.gating)
    bottom = rubric.scale[0].value
    rank = {milestone_id: i for i, milestone_id in enumerate(milestones)}

    # Rule 1: own levels.
    own = {m: own_level(assessment, m) for m in milestones}

    # Rules 2-4: walk in topological order.
    comparison: dict[str, int] = {}
    effective: dict[str, int | None] = {}
    status: dict[str, Status] = {}
    unmet: dict[str, list[str]] = {}
    for m in nx.topological_sort(graph):
        unmet[m] = [p for p, edge in graph.pred[m].items() if comparison[p] < edge["level"]]
        level = own[m]
        if level is NA:
            comparison[m] = top
            effective[m] = None
            status[m] = Status.NOT_APPLICABLE
            continue
        o = bottom if level is None else level
        if not unmet[m] or gating is Gating.OFF:
            e = o
        elif gating is Gating.CAP:
            e = min(o, *(comparison[p] for p in unmet[m]))
        else:
            e = bottom
        comparison[m] = effective[m] = e
        if unmet[m]:
            status[m] = Status.BLOCKED
        elif level is None:
            status[m] = Status.UNASSESSED
        elif e >= met:
            status[m] = Status.MET
        elif e > bottom:
            status[m] = Status.IN_PROGRESS
        else:
            status[m] = Status.NOT_STARTED

    # Rules 5-7: credit, characteristic scores, overall score.
    credit = {m: None if e is None else credit_of(rubric, e) for m, e in effective.items()}
    scores = characteristic_scores(rubric, credit, lambda _: True)
    overall = overall_score(rubric, scores)

    # Rules 8-10: critical satisfied, band, coverage.
    open_gates = [
        m for m, milestone in milestones.items() if milestone.critical and status[m] not in DONE
    ]
    satisfied = not open_gates
    reached = [
        b
        for b, band in enumerate(rubric.bands)
        if overall >= band.min and (satisfied or not band.requires_critical)
    ]
    band_index = reached[-1]
    coverage = sum(1 for m in milestones if own[m] is not None) / len(milestones)

    # Rule 11: readiness path.
    on_path = set(open_gates)
    for gate in open_gates:
        on_path |= {a for a in nx.ancestors(graph, gate) if status[a] not in DONE}

    # Rule 12: weeks to ready, by the critical-path method.
    finish: dict[str, float] = {}
    for m in nx.topological_sort(graph):
        if m in on_path:
            before = [finish[p] for p in graph.pred[m] if p in on_path]
            finish[m] = milestones[m].duration_weeks + max(before, default=0.0)
    weeks = max(finish.values(), default=0.0)

    # Rule 13: next steps.
    def priority(m: str) -> tuple[int, int, int]:
        unlocks = sum(1 for d in nx.descendants(graph, m) if status[d] not in DONE)
        return (0 if m in on_path else 1, -unlocks, rank[m])

    next_steps = sorted((m for m in milestones if status[m] in NEXT_STEP), key=priority)

    # Rule 14: the phase view.
    phase_score = None
    overdue = None
    if assessment.phase is not None:
        current = rubric.phase_index(assessment.phase)

        def expected(m: str) -> bool:
            phase = milestones[m].phase
            return phase is None or rubric.phase_index(phase) <= current

        phase_score = overall_score(rubric, characteristic_scores(rubric, credit, expected))
        overdue = tuple(m for m in milestones if expected(m) and status[m] not in DONE)

    # What explains the result: per-milestone details, counts, the next band.
    details = {}
    for m in milestones:
        claimed, counted = own[m], effective[m]
        spread = spread_of(assessment, m, claimed)
        details[m] = ReferenceMilestone(
            status=status[m],
            level=claimed,
            effective_level=counted,
            credit=credit[m],
            unmet_prerequisites=tuple(unmet[m]),
            overclaimed=isinstance(claimed, int) and counted is not None and claimed > counted,
            spread=spread,
            disagreement=spread is not None and spread >= 2,
        )
    characteristics = {}
    for characteristic in rubric.characteristics:
        members = [m for m in milestones if milestones[m].characteristic == characteristic.id]
        characteristics[characteristic.id] = ReferenceCharacteristic(
            score=scores[characteristic.id],
            met=sum(1 for m in members if status[m] is Status.MET),
            applicable=sum(1 for m in members if status[m] is not Status.NOT_APPLICABLE),
            total=len(members),
        )
    # SPEC 3.1: each area scored like a characteristic, over its own milestones.
    areas = {}
    for area in rubric.areas:
        members = [m for m in milestones if milestones[m].area == area.id]
        areas[area.id] = ReferenceArea(
            characteristic=area.characteristic,
            score=weighted_mean(
                (milestones[m].weight, value) for m in members if (value := credit[m]) is not None
            ),
            met=sum(1 for m in members if status[m] is Status.MET),
            applicable=sum(1 for m in members if status[m] is not Status.NOT_APPLICABLE),
            total=len(members),
        )
    next_band = None
    if band_index + 1 < len(rubric.bands):
        target = rubric.bands[band_index + 1]
        next_band = ReferenceNextBand(
            band=target,
            score_gap=max(0.0, target.min - overall),
            critical_gates=tuple(open_gates) if target.requires_critical else (),
        )
    return ReferenceResult(
        score=overall,
        band=rubric.bands[band_index],
        next_band=next_band,
        coverage=coverage,
        critical_satisfied=satisfied,
        characteristics=characteristics,
        milestones=details,
        next_steps=tuple(next_steps),
        readiness_path=tuple(sorted(on_path, key=rank.__getitem__)),
        weeks_to_ready=weeks,
        phase_score=phase_score,
        overdue=overdue,
        areas=areas,
    )


# -- SPEC section 8: the goal set, step by step ------------------------------------------


def reference_projection(result: Readiness, goal: dict[str, int]) -> Readiness:
    """The projected result: ``what_if`` with ``max(own, L)`` for each member, an
    unassessed own level counting as the scale's bottom."""
    bottom = result.rubric.scale[0].value
    levels = {}
    for m, level in goal.items():
        own = result.milestones[m].level
        levels[m] = max(own if isinstance(own, int) else bottom, level)
    return what_if(result, levels)


def _reference_closure(result: Readiness, goal: dict[str, int]) -> dict[str, int]:
    """Step 3, repeated over every member until a pass changes nothing."""
    rubric = result.rubric
    graph, met = rubric.graph, rubric.met_level
    outcomes = result.milestones
    goal = dict(goal)

    def add(m: str, level: int) -> bool:
        if outcomes[m].level is NA or goal.get(m, level - 1) >= level:
            return False
        goal[m] = level
        return True

    changed = True
    while changed:
        changed = False
        for member in list(goal):
            for ancestor in nx.ancestors(graph, member):
                if outcomes[ancestor].status not in DONE:
                    changed |= add(ancestor, met)
            for p, edge in graph.pred[member].items():
                r, effective = edge["level"], outcomes[p].effective_level
                if r > met and effective is not None and effective < r:
                    changed |= add(p, r)
    return goal


def _reference_greedy(
    result: Readiness,
    goal: dict[str, int],
    threshold: float,
    value: Callable[[Readiness], float | None],
    characteristic: str | None,
) -> tuple[dict[str, int], bool]:
    """Step 4 for one threshold: every candidate re-scored by ``what_if`` at every step."""
    milestones = result.rubric.milestones
    rank = {m: i for i, m in enumerate(milestones)}
    while True:
        before = value(reference_projection(result, goal))
        if before is None or before >= threshold:
            return goal, True
        best: tuple[tuple[bool, float, float, int], dict[str, int]] | None = None
        for k, milestone in milestones.items():
            outcome = result.milestones[k]
            if k in goal or outcome.status in DONE or outcome.level is NA:
                continue
            if characteristic is not None and milestone.characteristic != characteristic:
                continue
            trial = _reference_closure(result, {**goal, k: result.rubric.met_level})
            after = value(reference_projection(result, trial))
            gain = (after or 0.0) - before
            if gain <= 0:
                continue
            cost = math.fsum(milestones[m].duration_weeks for m in trial if m not in goal)
            key = (cost == 0, 0.0 if cost == 0 else gain / cost, gain, -rank[k])
            if best is None or key > best[0]:
                best = (key, trial)
        if best is None:
            return goal, False
        goal = best[1]


def _score_of(characteristic: str) -> Callable[[Readiness], float | None]:
    def value(result: Readiness) -> float | None:
        return result.characteristics[characteristic].score

    return value


def reference_goal_set(
    result: Readiness, target: Target
) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    """SPEC section 8, steps 1 to 4: the goal set (rubric order) and the thresholds
    found unreachable (``characteristics.<id>``, ``band``)."""
    rubric = result.rubric
    outcomes = result.milestones
    met = rubric.met_level
    goal: dict[str, int] = {}
    for m, level in target.milestones.items():  # step 1
        effective = outcomes[m].effective_level
        if effective is not None and effective < level:
            goal[m] = max(goal.get(m, level), level)
    band = next((b for b in rubric.bands if b.id == target.band), None)
    if band is not None and band.requires_critical:  # step 2
        for m, milestone in rubric.milestones.items():
            if milestone.critical and outcomes[m].status not in DONE:
                goal[m] = max(goal.get(m, met), met)
    goal = _reference_closure(result, goal)  # step 3
    unreachable = []
    for cid, threshold in target.characteristics.items():  # step 4
        goal, reached = _reference_greedy(result, goal, threshold, _score_of(cid), cid)
        if not reached:
            unreachable.append(f"characteristics.{cid}")
    if band is not None:
        goal, reached = _reference_greedy(result, goal, band.min, lambda r: r.score, None)
        if not reached:
            unreachable.append("band")
    ordered = tuple((m, goal[m]) for m in rubric.milestones if m in goal)
    return ordered, tuple(unreachable)
