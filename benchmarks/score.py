"""How fast ``transition.score()`` is, as ratios measured in one process.

Three scorers compute the same outputs (SPEC section 5, all 14 rules):

* ``score()`` -- the library, returning a frozen :class:`~transition.Readiness`;
* a FLOOR -- a minimal, flat implementation of the same rules written for speed over the
  rubric's compiled form (:func:`transition.scoring.compiled`): own level, gated
  effective level, status, credit, characteristic and overall scores (``math.fsum``),
  critical satisfied, band, coverage, readiness path, weeks to ready, next-step order
  and the phase view. It returns plain lists and tuples and leaves out what only
  explains a result (blockers, respondents, per-characteristic counts, next band) and
  the assessment's validation. It is the cost of the rules themselves in Python;
* a NAIVE walk, the reference walk of the tests (:func:`tests.reference.reference_score`),
  that asks networkx, on every call, for a topological order (``nx.topological_sort``)
  and for ancestors and descendants (``nx.ancestors``, ``nx.descendants``) instead of
  using the compiled rubric.

Before anything is timed, every scorer's outputs are checked equal to ``score()``'s on
every input (overall and characteristic scores, band, coverage, critical satisfied,
statuses, effective levels, next steps, readiness path, weeks to ready, phase score,
overdue); a difference is a bug, and the script exits with status 1.

Printed (ratios of medians, after a warm-up; MISS is printed, never raised):

1. ``score()`` / floor on synthetic rubrics of 50, 1,000 and 10,000 milestones
   (target: at most 2x at 10,000);
2. naive / ``score()`` (target: ``score()`` at least 3x faster at 1,000; the naive walk
   is timed at 10,000 too, with fewer repetitions);
3. growth: time per ``score()`` at 10,000 / at 1,000 milestones (target: at most 11x);
4. ``score_many`` on 10,000 assessments of the bundled rubric (1,000 with ``--quick``),
   per assessment, against the floor on the same assessments.

Synthetic rubrics (seeded ``random.Random(n)``): 7 characteristics, 5 phases that never
decrease along rubric order, each milestone requiring 0-3 random earlier milestones
(some at an explicit level), about 10% critical, weights 1-3, durations 0-12 weeks,
scale 0..4, ``met_level`` 3, ``gating: cap`` (``strict`` and ``off`` are checked, not
timed), bands 0 / 0.5 / 0.8 (requires critical).
Synthetic assessments answer about 80% of milestones with levels 0-4, some ``n/a``, some
as ``{levels: [...]}`` from 3-5 respondents, and most name a phase. Inputs are loaded
with :func:`transition.load_rubric` and :func:`transition.load_assessment` outside the
timed region.

Run: ``python benchmarks/score.py [--quick]``. Nothing is asserted except
that the scorers agree: the figures go in the issue notes and ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from itertools import compress
from pathlib import Path
from typing import Any, NamedTuple

if __package__ in (None, ""):  # run as a script: import the tests' reference from the repo
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import transition
from tests.reference import ReferenceResult, reference_score
from transition import NA, Assessment, Band, Gating, Readiness, Rubric, Status
from transition.result import StatusCode
from transition.scoring import CompiledRubric, compiled

CHARACTERISTICS = (
    "leadership",
    "vision",
    "communication",
    "commitment",
    "implementation_plan",
    "monitoring",
    "institutionalisation",
)
PHASES = ("explore", "business_case", "approval", "transition", "sustain")
SIZES = (50, 1_000, 10_000)

# ---------------------------------------------------------------------------------------
# Synthetic inputs


def synthetic_rubric(n: int, gating: str = "cap") -> Rubric:
    """A valid rubric of ``n`` milestones drawn from ``random.Random(n)``."""
    rng = random.Random(n)
    milestones: list[dict[str, Any]] = []
    for i in range(n):
        requires: list[Any] = []
        for p in sorted(rng.sample(range(i), min(i, rng.randint(0, 3)))):
            if rng.random() < 0.3:
                requires.append({"milestone": f"m{p:05d}", "level": rng.randint(1, 4)})
            else:
                requires.append(f"m{p:05d}")
        milestones.append(
            {
                "id": f"m{i:05d}",
                "characteristic": CHARACTERISTICS[i] if i < 7 else rng.choice(CHARACTERISTICS),
                "title": f"Milestone {i}",
                # Non-decreasing along rubric order, so no prerequisite is in a later phase.
                "phase": PHASES[i * len(PHASES) // n],
                "weight": rng.randint(1, 3),
                "critical": rng.random() < 0.1,
                "duration_weeks": rng.randint(0, 12),
                "requires": requires,
            }
        )
    return transition.load_rubric(
        {
            "rubric": f"synthetic-{n}",
            "title": f"Synthetic rubric of {n} milestones",
            "version": "1.0.0",
            "gating": gating,
            "phases": [{"id": p, "title": p} for p in PHASES],
            "characteristics": [
                {"id": c, "title": c, "weight": 1 + k % 3} for k, c in enumerate(CHARACTERISTICS)
            ],
            "milestones": milestones,
            "bands": [
                {"id": "not_ready", "label": "Not ready", "min": 0},
                {"id": "developing", "label": "Developing", "min": 0.5},
                {"id": "ready", "label": "Ready", "min": 0.8, "requires_critical": True},
            ],
        }
    )


def synthetic_assessment(rubric: Rubric, rng: random.Random) -> Assessment:
    """Random answers to about 80% of ``rubric``'s milestones, loaded and checked."""
    answers: dict[str, Any] = {}
    for milestone_id in rubric.milestones:
        draw = rng.random()
        if draw < 0.05:
            answers[milestone_id] = "n/a"
        elif draw < 0.15:
            answers[milestone_id] = {
                "levels": [rng.randint(0, 4) for _ in range(rng.randint(3, 5))]
            }
        elif draw < 0.8:
            answers[milestone_id] = rng.randint(0, 4)
    phase = rng.choice([None, *(p.id for p in rubric.phases)]) if rubric.phases else None
    mapping: dict[str, Any] = {"rubric": rubric.id, "organisation": "Synthetic", "answers": answers}
    if phase is not None:
        mapping["phase"] = phase
    return transition.load_assessment(mapping, rubric)


# ---------------------------------------------------------------------------------------
# What the scorers are compared on


class Outcome(NamedTuple):
    """Every output the three scorers must agree on, as plain values."""

    score: float
    band: str
    characteristic_scores: tuple[float | None, ...]
    critical_satisfied: bool
    coverage: float
    statuses: tuple[Status, ...]
    effective: tuple[int | None, ...]
    next_steps: tuple[str, ...]
    readiness_path: tuple[str, ...]
    weeks_to_ready: float
    phase_score: float | None
    overdue: tuple[str, ...] | None


def outcome_of_result(result: Readiness) -> Outcome:
    """The comparable part of a :class:`Readiness`."""
    milestones = result.milestones
    return Outcome(
        score=result.score,
        band=result.band.id,
        characteristic_scores=tuple(c.score for c in result.characteristics.values()),
        critical_satisfied=result.critical_satisfied,
        coverage=result.coverage,
        statuses=tuple(StatusCode(code).status for code in milestones.status),
        effective=milestones.effective,
        next_steps=result.next_steps,
        readiness_path=result.readiness_path,
        weeks_to_ready=result.weeks_to_ready,
        phase_score=result.phase_score,
        overdue=result.overdue,
    )


# ---------------------------------------------------------------------------------------
# The floor: the rules alone, flat, over the compiled rubric

#: What the floor returns: overall score, band index, characteristic scores, critical
#: satisfied, coverage, status codes, effective levels, next steps, readiness path
#: (rubric indices), weeks to ready, phase score, overdue (rubric indices).
FloorResult = tuple[
    float,
    int,
    list[float | None],
    bool,
    float,
    list[int],
    list[int | None],
    list[int],
    list[int],
    float,
    float | None,
    list[int] | None,
]

# Status codes, from the one enum, under short module-level names for the hot loops.
F_NA = StatusCode.NOT_APPLICABLE
F_BLOCKED = StatusCode.BLOCKED
F_UNASSESSED = StatusCode.UNASSESSED
F_MET = StatusCode.MET
F_IN_PROGRESS = StatusCode.IN_PROGRESS
F_NOT_STARTED = StatusCode.NOT_STARTED
F_OWN_UNASSESSED, F_OWN_NA = -1, -2
#: Status code -> b"1" when the milestone is not done (neither met nor n/a), else b"0".
NOT_DONE = bytes(ord("0") if code in (F_NA, F_MET) else ord("1") for code in range(256))
#: Status code -> 1 when the milestone can be a next step, else 0.
CANDIDATE = bytes(
    1 if code in (F_UNASSESSED, F_IN_PROGRESS, F_NOT_STARTED) else 0 for code in range(256)
)
#: Binary digit (b"0" / b"1") -> 0 / 1.
DIGIT = bytes(1 if code == ord("1") else 0 for code in range(256))


def _floor_scores(
    compiled_rubric: CompiledRubric,
    effective: Sequence[int | None],
    expected: Sequence[bool] | None,
) -> tuple[list[float | None], float]:
    """Characteristic scores and overall score over (expected) applicable milestones."""
    top = compiled_rubric.top
    credit = [k / top for k in range(top + 1)]
    count = len(compiled_rubric.characteristic_ids)
    products: list[list[float]] = [[] for _ in range(count)]
    weights: list[list[float]] = [[] for _ in range(count)]
    if expected is None:
        for e, c, w in zip(
            effective, compiled_rubric.characteristic_of, compiled_rubric.weight, strict=True
        ):
            if e is not None:
                products[c].append(w * credit[e])
                weights[c].append(w)
    else:
        for e, c, w, x in zip(
            effective,
            compiled_rubric.characteristic_of,
            compiled_rubric.weight,
            expected,
            strict=True,
        ):
            if e is not None and x:
                products[c].append(w * credit[e])
                weights[c].append(w)
    fsum = math.fsum
    scores = [fsum(p) / fsum(w) if w else None for p, w in zip(products, weights, strict=True)]
    cw = compiled_rubric.characteristic_weight
    num = [cw[c] * s for c, s in enumerate(scores) if s is not None]
    den = [cw[c] for c, s in enumerate(scores) if s is not None]
    return scores, fsum(num) / fsum(den) if den else 0.0


def floor_score(
    compiled_rubric: CompiledRubric, bands: Sequence[Band], assessment: Assessment
) -> FloorResult:
    """SPEC section 5 on the compiled rubric's arrays, with nothing but the rules."""
    n, top, met, index = (
        len(compiled_rubric.ids),
        compiled_rubric.top,
        compiled_rubric.met,
        compiled_rubric.index,
    )
    # Rule 1: own level (the answer's level is already the respondents' lower median).
    own = [F_OWN_UNASSESSED] * n
    for milestone_id, answer in assessment.answers.items():
        level = answer.level
        if level is NA:
            own[index[milestone_id]] = F_OWN_NA
        elif level is not None:
            own[index[milestone_id]] = level

    # Rules 2-4: the walk.
    off, strict = compiled_rubric.gating is Gating.OFF, compiled_rubric.gating is Gating.STRICT
    compare = [0] * n
    effective: list[int | None] = [None] * n
    status: list[int] = [F_NOT_STARTED] * n
    prerequisites = compiled_rubric.prerequisites
    unmet_none = top + 1
    for i in compiled_rubric.topo:
        lowest = unmet_none
        for p, required in prerequisites[i]:
            seen = compare[p]
            if seen < required and seen < lowest:
                lowest = seen
        o = own[i]
        if o == F_OWN_NA:
            compare[i] = top
            status[i] = F_NA
            continue
        base = o if o > 0 else 0
        if lowest == unmet_none:
            e = base
            if o == F_OWN_UNASSESSED:
                status[i] = F_UNASSESSED
            elif e >= met:
                status[i] = F_MET
            elif e > 0:
                status[i] = F_IN_PROGRESS
        else:
            e = base if off else 0 if strict else base if base < lowest else lowest
            status[i] = F_BLOCKED
        compare[i] = effective[i] = e

    # Rules 5-7: credit, characteristic scores, overall score.
    characteristic_scores, overall = _floor_scores(compiled_rubric, effective, None)

    # Rules 8-10: critical satisfied, band, coverage.
    gates = [c for c in compiled_rubric.critical if status[c] != F_MET and status[c] != F_NA]
    satisfied = not gates
    band = 0
    for b, candidate in enumerate(bands):
        if overall >= candidate.min and (satisfied or not candidate.requires_critical):
            band = b
    coverage = (n - own.count(F_OWN_UNASSESSED)) / n

    # Rules 11-12: readiness path, weeks to ready.
    not_done = int(bytes(reversed(status)).translate(NOT_DONE), 2)
    ancestors = compiled_rubric.ancestors
    bits = 0
    for c in gates:
        bits |= ancestors[c] | (1 << c)
    digits = bin(bits & not_done)[:1:-1].encode().translate(DIGIT)
    path = list(compress(range(len(digits)), digits))
    weeks: float = 0
    on_path = bytearray(n)
    if path:
        for i in path:
            on_path[i] = 1
        finish = [0.0] * n
        duration = compiled_rubric.duration
        for i in compiled_rubric.topo:
            if on_path[i]:
                before: float = 0
                for p, _ in prerequisites[i]:
                    if on_path[p] and finish[p] > before:
                        before = finish[p]
                finish[i] = duration[i] + before
        weeks = max(finish[i] for i in path)

    # Rule 13: next steps, by one integer key per candidate.
    descendants = compiled_rubric.descendants
    off_path = n + 1
    keys = [
        ((0 if on_path[i] else off_path) + n - (descendants[i] & not_done).bit_count()) * n + i
        for i in compress(range(n), bytes(status).translate(CANDIDATE))
    ]
    keys.sort()
    next_steps = [k % n for k in keys]

    # Rule 14: the phase view.
    phase_score = None
    overdue = None
    if assessment.phase is not None:
        current = compiled_rubric.phase_ids.index(assessment.phase)
        expected = [p is None or p <= current for p in compiled_rubric.phase_of]
        phase_score = _floor_scores(compiled_rubric, effective, expected)[1]
        overdue = [i for i in range(n) if expected[i] and status[i] != F_NA and status[i] != F_MET]
    return (
        overall,
        band,
        characteristic_scores,
        satisfied,
        coverage,
        status,
        effective,
        next_steps,
        path,
        weeks,
        phase_score,
        overdue,
    )


def outcome_of_floor(
    compiled_rubric: CompiledRubric, bands: Sequence[Band], result: FloorResult
) -> Outcome:
    """The floor's plain lists, with ids and statuses, for comparison."""
    ids = compiled_rubric.ids
    overall, band, scores, satisfied, coverage, status, effective = result[:7]
    next_steps, path, weeks, phase_score, overdue = result[7:]
    return Outcome(
        score=overall,
        band=bands[band].id,
        characteristic_scores=tuple(scores),
        critical_satisfied=satisfied,
        coverage=coverage,
        statuses=tuple(StatusCode(code).status for code in status),
        effective=tuple(effective),
        next_steps=tuple(ids[i] for i in next_steps),
        readiness_path=tuple(ids[i] for i in path),
        weeks_to_ready=weeks,
        phase_score=phase_score,
        overdue=None if overdue is None else tuple(ids[i] for i in overdue),
    )


# ---------------------------------------------------------------------------------------
# The naive walk: the tests' reference, where networkx answers the graph questions


def outcome_of_reference(rubric: Rubric, result: ReferenceResult) -> Outcome:
    """The reference walk's result, for comparison."""
    milestones = [result.milestones[m] for m in rubric.milestones]
    return Outcome(
        score=result.score,
        band=result.band.id,
        characteristic_scores=tuple(c.score for c in result.characteristics.values()),
        critical_satisfied=result.critical_satisfied,
        coverage=result.coverage,
        statuses=tuple(m.status for m in milestones),
        effective=tuple(m.effective_level for m in milestones),
        next_steps=result.next_steps,
        readiness_path=result.readiness_path,
        weeks_to_ready=result.weeks_to_ready,
        phase_score=result.phase_score,
        overdue=result.overdue,
    )


def naive_score(rubric: Rubric, assessment: Assessment) -> Outcome:
    """SPEC section 5 by dictionaries, asking networkx for the graph on every call."""
    return outcome_of_reference(rubric, reference_score(rubric, assessment))


# ---------------------------------------------------------------------------------------
# Checking and timing


def check(label: str, expected: Outcome, got: Outcome) -> bool:
    """Print the fields where ``got`` differs from ``expected``; True when none does."""
    different = [
        field for field in Outcome._fields if getattr(expected, field) != getattr(got, field)
    ]
    for field in different:
        print(
            f"MISMATCH {label}: {field}: score() gives {getattr(expected, field)!r:.200}, "
            f"got {getattr(got, field)!r:.200}",
            file=sys.stderr,
        )
    return not different


def median_times(functions: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """Median seconds per call of each function, after one warm-up call of each.

    Calls alternate between the functions, so a slow patch of the machine costs them alike.
    Garbage collection stays on, as it is for callers.
    """
    for function in functions:
        function()
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for function, samples in zip(functions, times, strict=True):
            started = time.perf_counter()
            function()
            samples.append(time.perf_counter() - started)
    return [statistics.median(samples) for samples in times]


class Row(NamedTuple):
    case: str
    floor: float
    score: float
    naive: float


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for CI)")
    args = parser.parse_args()
    quick: bool = args.quick
    per_rubric = 3 if quick else 4  # assessments per synthetic rubric
    repeat = {50: 50, 1_000: 9, 10_000: 5} if quick else {50: 300, 1_000: 40, 10_000: 15}
    naive_repeat = {50: 10, 1_000: 2, 10_000: 1} if quick else {50: 50, 1_000: 7, 10_000: 3}
    bulk = 1_000 if quick else 10_000
    failed = False

    rows: list[Row] = []
    for n in SIZES:
        rubric = synthetic_rubric(n)
        rng = random.Random(n + 1)
        assessments = [synthetic_assessment(rubric, rng) for _ in range(per_rubric)]
        compiled_rubric, bands = compiled(rubric), rubric.bands
        results = [transition.score(rubric, a) for a in assessments]
        for k, (assessment, result) in enumerate(zip(assessments, results, strict=True)):
            expected = outcome_of_result(result)
            floor = outcome_of_floor(
                compiled_rubric, bands, floor_score(compiled_rubric, bands, assessment)
            )
            failed |= not check(f"floor, n={n}, assessment {k}", expected, floor)
            failed |= not check(
                f"naive, n={n}, assessment {k}", expected, naive_score(rubric, assessment)
            )

        def run_score(rubric: Rubric = rubric, assessments: list[Assessment] = assessments) -> None:
            for assessment in assessments:
                transition.score(rubric, assessment)

        def run_floor(
            compiled_rubric: CompiledRubric = compiled_rubric,
            bands: Sequence[Band] = bands,
            assessments: list[Assessment] = assessments,
        ) -> None:
            for assessment in assessments:
                floor_score(compiled_rubric, bands, assessment)

        def run_naive_walk(
            rubric: Rubric = rubric, assessments: list[Assessment] = assessments
        ) -> None:
            for assessment in assessments:
                naive_score(rubric, assessment)

        floor_time, score_time = (
            t / per_rubric for t in median_times([run_floor, run_score], repeat[n])
        )
        (naive_time,) = (t / per_rubric for t in median_times([run_naive_walk], naive_repeat[n]))
        edges = rubric.graph.number_of_edges()
        rows.append(
            Row(f"{n:,} milestones, {edges:,} prerequisites", floor_time, score_time, naive_time)
        )

    # The other gatings are checked (not timed) on the 1,000-milestone rubric.
    for gating in ("strict", "off"):
        rubric = synthetic_rubric(1_000, gating)
        compiled_rubric, bands = compiled(rubric), rubric.bands
        rng = random.Random(1_001)
        for k in range(per_rubric):
            assessment = synthetic_assessment(rubric, rng)
            expected = outcome_of_result(transition.score(rubric, assessment))
            floor = outcome_of_floor(
                compiled_rubric, bands, floor_score(compiled_rubric, bands, assessment)
            )
            failed |= not check(f"floor, gating {gating}, assessment {k}", expected, floor)
            naive = naive_score(rubric, assessment)
            failed |= not check(f"naive, gating {gating}, assessment {k}", expected, naive)

    bundled = transition.load_rubric()
    rng = random.Random(2026)
    many = [synthetic_assessment(bundled, rng) for _ in range(bulk)]
    compiled_rubric, bands = compiled(bundled), bundled.bands
    bulk_results = transition.score_many(bundled, many)
    for k, (assessment, result) in enumerate(zip(many, bulk_results, strict=True)):
        floor = outcome_of_floor(
            compiled_rubric, bands, floor_score(compiled_rubric, bands, assessment)
        )
        if not check(f"floor, bundled, assessment {k}", outcome_of_result(result), floor):
            failed = True
            break
    del bulk_results
    bulk_repeat = 3 if quick else 5
    bulk_floor, many_time = (
        t / bulk
        for t in median_times(
            [
                lambda: [floor_score(compiled_rubric, bands, a) for a in many],
                lambda: transition.score_many(bundled, many),
            ],
            bulk_repeat,
        )
    )

    columns = ("floor ms", "score ms", "naive ms", "score/floor", "naive/score")
    header = f"  {'case':<50} " + " ".join(f"{c:>9}" if "ms" in c else f"{c:>11}" for c in columns)
    print(
        f"time per score() call (median of repeats; {per_rubric} assessments per synthetic rubric,"
        " per assessment for score_many)"
    )
    print(header)
    for row in rows:
        print(
            f"  {row.case:<50} {row.floor * 1e3:9.3f} {row.score * 1e3:9.3f} {row.naive * 1e3:9.3f}"
            f" {row.score / row.floor:10.2f}x {row.naive / row.score:10.2f}x"
        )
    milestones = len(bundled.milestones)
    case = f"score_many: bundled ({milestones} milestones) x {bulk:,}"
    print(
        f"  {case:<50} {bulk_floor * 1e3:9.3f} {many_time * 1e3:9.3f} {'-':>9}"
        f" {many_time / bulk_floor:10.2f}x {'-':>11}"
    )
    by_size = dict(zip(SIZES, rows, strict=True))
    big, mid = by_size[10_000], by_size[1_000]
    targets = [
        ("score() / floor at 10,000 milestones, at most 2x", big.score / big.floor, 2.0, False),
        ("naive / score() at 1,000 milestones, at least 3x", mid.naive / mid.score, 3.0, True),
        (
            "score() at 10,000 / at 1,000 milestones, at most 11x",
            big.score / mid.score,
            11.0,
            False,
        ),
    ]
    print("targets")
    for label, value, bound, at_least in targets:
        ok = value >= bound if at_least else value <= bound
        print(f"  {label:<56} {value:7.2f}x  {'PASS' if ok else 'MISS'}")
    label = "floor at 10,000 / at 1,000 milestones (for reference)"
    print(f"  {label:<56} {big.floor / mid.floor:7.2f}x")
    label = "score() growth / floor growth (for reference)"
    print(f"  {label:<56} {(big.score / mid.score) / (big.floor / mid.floor):7.2f}x")
    if failed:
        print("the scorers disagree: see MISMATCH lines above", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
