"""How fast ``transition.plan()`` and ``transition.gap()`` are, as ratios to ``score()``.

Every figure is a ratio of medians to ``transition.score()`` of the same rubric and
assessment, measured in this process with calls alternating (after a warm-up), so
that the machine's speed cancels out:

1. ``plan(result, include="all")`` on a synthetic rubric of 10,000 milestones: the
   critical-path method over every open milestone (target: at most 5x ``score()``);
2. the same with ``capacity=3``: parallel schedule generation (target: at most 20x);
3. ``gap()`` to the top band (``ready``, which requires the critical milestones) of a
   synthetic rubric of 200 milestones: the goal set of SPEC section 8, whose greedy
   step tries every candidate at every step (target: under 1,000x);
4. for reference, ``gap()`` to a target with a threshold for every characteristic
   (the greedy step restricted to one characteristic's candidates) on the same rubric.

The synthetic rubrics and assessments are those of ``benchmarks/score.py`` (seeded, so
every run measures the same inputs). Before anything is timed the outputs are checked:
the plan's tasks are the open milestones and start after their prerequisites finish,
at most 3 tasks run at once, and the gap's projection meets the target when it is
reachable; a failed check prints MISMATCH and the script exits with status 1.

Run: ``python benchmarks/plan.py [--quick]``. Nothing is asserted as a time: MISS is
printed, never raised. The figures go in the issue notes and ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

if __package__ in (None, ""):  # run as a script: import the other benchmarks from the repo
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import transition
from benchmarks.score import median_times, synthetic_assessment, synthetic_rubric
from transition import Readiness, Rubric, Target
from transition.targets import holds

PLAN_SIZE = 10_000
GAP_SIZE = 200
#: score() calls per timed sample at GAP_SIZE, where one call takes a fraction of a ms.
SCORE_BATCH = 50


class Figure(NamedTuple):
    label: str
    seconds: float
    baseline: float
    bound: float | None  # at most this ratio; None: for reference


def scored(n: int) -> tuple[Rubric, Callable[[], Readiness], Readiness]:
    """A synthetic rubric of ``n`` milestones, a call that scores its assessment, and
    the result."""
    rubric = synthetic_rubric(n)
    assessment = synthetic_assessment(rubric, random.Random(n + 1))

    def run() -> Readiness:
        return transition.score(rubric, assessment)

    return rubric, run, run()


def check_plan(result: Readiness, plan: transition.Plan, capacity: int | None) -> list[str]:
    """What is wrong with ``plan`` as the schedule of every open milestone."""
    problems = []
    open_ids = {
        m for m, r in result.milestones.items() if r.status.value not in ("met", "not_applicable")
    }
    if {task.id for task in plan.tasks} != open_ids:
        problems.append("the tasks are not the open milestones")
    by_id = {task.id: task for task in plan.tasks}
    if any(by_id[p].finish_week > t.start_week for t in plan.tasks for p in t.prerequisites):
        problems.append("a task starts before a prerequisite finishes")
    if capacity is not None:
        running = [t for t in plan.tasks if t.finish_week > t.start_week]
        starts = sorted({t.start_week for t in running})
        busiest = max(
            (sum(r.start_week <= s < r.finish_week for r in running) for s in starts), default=0
        )
        if busiest > capacity:
            problems.append(f"{busiest} tasks run at once, capacity {capacity}")
    return problems


def check_gap(result: Readiness, target: Target, found: transition.Gap) -> list[str]:
    """What is wrong with ``found`` as the gap from ``result`` to ``target``."""
    if found.reachable and not holds(found.projected, target):
        return ["the projection of a reachable target does not meet it"]
    return []


def report(figures: Sequence[Figure]) -> None:
    """Print each figure's times and ratio, and PASS or MISS against its bound."""
    print("time per call (median of alternating repeats, after a warm-up)")
    print(f"  {'case':<66} {'call ms':>10} {'score ms':>9} {'ratio':>9}")
    for figure in figures:
        ratio = figure.seconds / figure.baseline
        verdict = (
            ""
            if figure.bound is None
            else (
                f"  target <= {figure.bound:,.0f}x  "
                + ("PASS" if ratio <= figure.bound else "MISS")
            )
        )
        print(
            f"  {figure.label:<66} {figure.seconds * 1e3:10.2f} {figure.baseline * 1e3:9.3f}"
            f" {ratio:8.1f}x{verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for CI)")
    quick: bool = parser.parse_args().quick
    plan_repeat, gap_repeat = (3, 2) if quick else (15, 7)
    problems: list[str] = []
    figures: list[Figure] = []

    rubric, run_score, result = scored(PLAN_SIZE)
    for capacity, bound in ((None, 5.0), (3, 20.0)):
        problems += check_plan(
            result, transition.plan(result, include="all", capacity=capacity), capacity
        )

        def run_plan(capacity: int | None = capacity) -> transition.Plan:
            return transition.plan(result, include="all", capacity=capacity)

        score_time, plan_time = median_times([run_score, run_plan], plan_repeat)
        tasks = len(run_plan().tasks)
        call = 'plan(include="all")' + ("" if capacity is None else f", capacity={capacity}")
        label = f"{call}: {PLAN_SIZE:,} milestones, {tasks:,} tasks"
        figures.append(Figure(label, plan_time, score_time, bound))

    rubric, run_score, result = scored(GAP_SIZE)
    top_band = transition.load_target(
        {"target": "top-band", "rubric": rubric.id, "band": rubric.bands[-1].id}, rubric
    )
    thresholds = transition.load_target(
        {
            "target": "every-characteristic",
            "rubric": rubric.id,
            "characteristics": dict.fromkeys((c.id for c in rubric.characteristics), 0.6),
        },
        rubric,
    )
    cases: list[tuple[Target, float | None, str]] = [
        (top_band, 1_000.0, f"band {top_band.band!r}"),
        (thresholds, None, "characteristics >= 0.6 (reference)"),
    ]
    for target, gap_bound, what in cases:
        found = transition.gap(result, target)
        problems += check_gap(result, target, found)

        def run_gap(target: Target = target) -> transition.Gap:
            return transition.gap(result, target)

        def run_scores(run_score: Callable[[], Readiness] = run_score) -> None:
            for _ in range(SCORE_BATCH):  # one score() at this size is too quick to time alone
                run_score()

        batch_time, gap_time = median_times([run_scores, run_gap], gap_repeat)
        score_time = batch_time / SCORE_BATCH
        label = f"gap(): {GAP_SIZE} milestones, {what}, goal of {len(found.goal)}"
        figures.append(Figure(label, gap_time, score_time, gap_bound))

    report(figures)
    for problem in problems:
        print(f"MISMATCH {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
