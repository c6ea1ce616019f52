"""SPEC §9 (and the §3.1 ``workstream`` key) from the text alone: implementation plans.

Written by a second engineer who did not see the implementation; every schedule is
worked out by hand in the comments. Defaults as in tests/unit/scoring/helpers.py:
scale 0..4, ``met_level`` 3, weights 1; the ready band requires critical milestones, so
a ``critical`` milestone puts itself and its ancestors on the readiness path (§5.11).

Readings that the text leaves open are marked ``# SPEC-AMBIGUOUS:``.
"""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Iterable
from typing import Any

import pytest

import transition
from transition import Readiness, Rubric

from ..unit.scoring.helpers import ms, rubric, score

#: The package, untyped: these tests name the §8/§9 API, which mypy cannot see on a
#: branch without the implementation. Once it is merged, ``transition`` would do.
tr: Any = transition

D = datetime.date
MONDAY = "2026-01-05"

#: The diamond a -> {c, b} -> d, in rubric order a, c, b, d; d is critical.
#: Durations a 1, c 1, b 3, d 2. With every answer 0 the readiness path is all four.
DIAMOND = (
    ms("a", duration_weeks=1),
    ms("c", duration_weeks=1, requires=["a"]),
    ms("b", duration_weeks=3, requires=["a"]),
    ms("d", duration_weeks=2, requires=["b", "c"], critical=True),
)
ZERO = {"a": 0, "c": 0, "b": 0, "d": 0}


def ids(items: Iterable[Any]) -> list[str]:
    """Ids of tasks, or the ids themselves."""
    # SPEC-AMBIGUOUS: "critical_path lists the chain": ids or tasks; both accepted.
    return [getattr(item, "id", item) for item in items]


def tasks(plan: Any) -> dict[str, Any]:
    """The plan's tasks by id."""
    return {task.id: task for task in plan.tasks}


def diamond(**fields: Any) -> tuple[Rubric, Readiness]:
    rub = rubric(*DIAMOND)
    return rub, score(rub, ZERO, **fields)


# --- Tasks ------------------------------------------------------------------------------


def test_path_tasks_are_the_readiness_path() -> None:
    _, result = diamond()
    assert set(result.readiness_path) == {"a", "b", "c", "d"}
    plan = tr.plan(result)
    assert sorted(tasks(plan)) == ["a", "b", "c", "d"]
    assert set(tasks(plan)["d"].prerequisites) == {"b", "c"}
    assert list(tasks(plan)["a"].prerequisites) == []
    assert tasks(plan)["b"].title == "b"
    assert tasks(plan)["b"].characteristic == "c"


def test_all_tasks_are_every_applicable_milestone_not_met() -> None:
    # rubric order a, c, b, m, d, x, y, n. m met (3) and a prerequisite of d: done, so not
    # a task nor a task prerequisite. n is n/a. x 1 (2 wk) and y (1 wk, requires x; own 4
    # but x 1 < 3 -> blocked, not met) are off the readiness path.
    rub = rubric(
        *DIAMOND[:3],
        ms("m"),
        ms("d", duration_weeks=2, requires=["b", "c", "m"], critical=True),
        ms("x", duration_weeks=2),
        ms("y", duration_weeks=1, requires=["x"]),
        ms("n"),
    )
    result = score(rub, {**ZERO, "m": 3, "x": 1, "y": 4, "n": "n/a"})
    assert sorted(tasks(tr.plan(result, include="path"))) == ["a", "b", "c", "d"]
    plan = tr.plan(result, include="all")
    by_id = tasks(plan)
    assert sorted(by_id) == ["a", "b", "c", "d", "x", "y"]
    assert set(by_id["d"].prerequisites) == {"b", "c"}
    # x: ES 0, EF 2; y: ES 2, EF 3; diamond as below: length max(6, 3) = 6.
    # LF(y) = 6 -> LS 5; LF(x) = LS(y) = 5 -> LS 3: slack 3 each
    assert plan.length_weeks == 6
    assert (by_id["x"].start_week, by_id["x"].finish_week, by_id["x"].slack_weeks) == (0, 2, 3)
    assert (by_id["y"].start_week, by_id["y"].finish_week, by_id["y"].slack_weeks) == (2, 3, 3)
    assert by_id["x"].critical is False
    # by (start, rubric order): a (0, #0), x (0, #5), c (1, #1), b (1, #2), y (2, #6), d (4)
    assert ids(plan.tasks) == ["a", "x", "c", "b", "y", "d"]


# --- Unlimited capacity: the critical-path method --------------------------------------


def test_cpm_on_a_diamond() -> None:
    # ES/EF: a 0/1; c 1/2; b 1/4; d max(4, 2) = 4 / 6. length 6.
    # LF/LS: d 6/4; b LS(d) 4 / 1; c 4 / 3; a min(LS b 1, LS c 3) = 1 / 0.
    # slack: a 0, c 2, b 0, d 0 -> critical a, b, d.
    _, result = diamond()
    plan = tr.plan(result)
    by_id = tasks(plan)
    expected = {"a": (0, 1, 0), "c": (1, 2, 2), "b": (1, 4, 0), "d": (4, 6, 0)}
    got = {
        mid: (task.start_week, task.finish_week, task.slack_weeks) for mid, task in by_id.items()
    }
    assert got == expected
    assert {mid for mid, task in by_id.items() if task.critical} == {"a", "b", "d"}
    assert plan.length_weeks == 6
    assert plan.length_weeks == result.weeks_to_ready
    # walk back from d (finishes at 6): prerequisite finishing at d's start 4 is b (c
    # finishes at 2); from b (start 1): a (finish 1); a has none -> a, b, d
    assert ids(plan.critical_path) == ["a", "b", "d"]
    # by start, then rubric order: a 0; c and b at 1 with c first in the rubric; d 4
    assert ids(plan.tasks) == ["a", "c", "b", "d"]


def test_zero_length_tasks() -> None:
    # rubric order a, c, b: a 0 wk; b requires a, 2 wk; c requires b, 0 wk, critical.
    # ES/EF: a 0/0, b 0/2, c 2/2; length 2. LS: c 2, b 0, a 0 -> slack 0 everywhere.
    # critical path: b and c finish at 2, c first in rubric order; c's start 2 = b's
    # finish; b's start 0 = a's finish -> a, b, c
    rub = rubric(
        ms("a", duration_weeks=0),
        ms("c", duration_weeks=0, requires=["b"], critical=True),
        ms("b", duration_weeks=2, requires=["a"]),
    )
    result = score(rub, {"a": 0, "c": 0, "b": 0})
    plan = tr.plan(result)
    by_id = tasks(plan)
    got = {m: (t.start_week, t.finish_week, t.slack_weeks) for m, t in by_id.items()}
    assert got == {"a": (0, 0, 0), "b": (0, 2, 0), "c": (2, 2, 0)}
    assert all(task.critical for task in plan.tasks)
    assert plan.length_weeks == 2 == result.weeks_to_ready
    assert ids(plan.critical_path) == ["a", "b", "c"]
    # start 0: a (#0), b (#2); then c (2)
    assert ids(plan.tasks) == ["a", "b", "c"]


def test_length_is_weeks_to_ready_with_fractional_weeks() -> None:
    # a 1.5 wk -> b requires a, 0.25 wk, critical: path a, b; length 1.75
    rub = rubric(
        ms("a", duration_weeks=1.5), ms("b", duration_weeks=0.25, requires=["a"], critical=True)
    )
    result = score(rub, {"a": 0, "b": 0})
    plan = tr.plan(result)
    assert result.weeks_to_ready == 1.75
    assert plan.length_weeks == result.weeks_to_ready


def test_nothing_left_to_do() -> None:
    rub = rubric(ms("a", duration_weeks=2, critical=True), ms("b"))
    result = score(rub, {"a": 3, "b": 4})
    plan = tr.plan(result, include="all")
    assert list(plan.tasks) == []
    assert plan.length_weeks == 0
    assert list(plan.critical_path) == []


# --- Limited capacity ---------------------------------------------------------------------


def test_capacity_one_makes_a_task_wait() -> None:
    # unlimited LS: a 0, c 3, b 1, d 4.
    # t=0: a starts [0, 1). t=1: c and b eligible, by LS: b (1) before c (3): b [1, 4);
    # c does not fit (b running). t=4: c [4, 5). t=5: d [5, 7). length 7.
    _, result = diamond()
    plan = tr.plan(result, capacity=1)
    by_id = tasks(plan)
    got = {m: (t.start_week, t.finish_week) for m, t in by_id.items()}
    assert got == {"a": (0, 1), "b": (1, 4), "c": (4, 5), "d": (5, 7)}
    assert plan.length_weeks == 7
    assert all(task.slack_weeks is None for task in plan.tasks)
    # walk back: d (start 5) <- prerequisite c (finish 5); c (start 4): its prerequisite
    # a finishes at 1, so the task it waited for in the pool: b (finish 4); b (start 1)
    # <- prerequisite a (finish 1)
    assert ids(plan.critical_path) == ["a", "b", "c", "d"]
    assert all(task.critical for task in plan.tasks)
    assert ids(plan.tasks) == ["a", "b", "c", "d"]


def test_capacity_two_on_the_diamond() -> None:
    # t=0: a. t=1: b (LS 1) and c (LS 3) both fit: c [1, 2), b [1, 4). t=4: d [4, 6).
    _, result = diamond()
    plan = tr.plan(result, capacity=2)
    by_id = tasks(plan)
    got = {m: (t.start_week, t.finish_week) for m, t in by_id.items()}
    assert got == {"a": (0, 1), "c": (1, 2), "b": (1, 4), "d": (4, 6)}
    assert plan.length_weeks == 6
    assert ids(plan.critical_path) == ["a", "b", "d"]
    assert by_id["c"].critical is False
    assert by_id["c"].slack_weeks is None


def test_capacity_per_workstream_leaves_unnamed_ones_unlimited() -> None:
    # rubric order d, e, a, b, all 2 wk, no prerequisites, all 0 (include="all").
    # workstreams: d -> c (its characteristic), e -> p, a and b -> legal.
    # capacity {legal: 1}: t=0 by (LS 0, rubric order): d, e start (unnamed: unlimited),
    # a starts, b waits for a; t=2: b [2, 4). length 4.
    rub = rubric(
        ms("d", duration_weeks=2),
        ms("e", "p", duration_weeks=2),
        ms("a", duration_weeks=2, workstream="legal"),
        ms("b", duration_weeks=2, workstream="legal"),
    )
    result = score(rub, {"d": 0, "e": 0, "a": 0, "b": 0})
    milestones: Any = rub.milestones
    assert milestones["d"].workstream == "c"
    assert milestones["a"].workstream == "legal"
    plan = tr.plan(result, include="all", capacity={"legal": 1})
    by_id = tasks(plan)
    got = {m: (t.start_week, t.finish_week) for m, t in by_id.items()}
    assert got == {"d": (0, 2), "e": (0, 2), "a": (0, 2), "b": (2, 4)}
    assert {m: t.workstream for m, t in by_id.items()} == {
        "d": "c",
        "e": "p",
        "a": "legal",
        "b": "legal",
    }
    assert plan.length_weeks == 4
    # b (start 2) has no prerequisite; the pool is its workstream legal, so the task it
    # waited for is a (finish 2), not d (finish 2, first in rubric order, but workstream c)
    assert ids(plan.critical_path) == ["a", "b"]
    assert {m for m, t in by_id.items() if t.critical} == {"a", "b"}
    assert ids(plan.tasks) == ["d", "e", "a", "b"]


def test_walk_back_prefers_the_prerequisite() -> None:
    # rubric order x, p, m; x 1 wk, p 1 wk, m requires p, 1 wk; include="all".
    # capacity 2: t=0 p and x start; t=1 m [1, 2). From m (start 1): x and p both finish
    # at 1 in the same pool and x comes first in the rubric, but the prerequisite p wins.
    rub = rubric(
        ms("x", duration_weeks=1),
        ms("p", duration_weeks=1),
        ms("m", duration_weeks=1, requires=["p"]),
    )
    result = score(rub, {"x": 0, "p": 0, "m": 0})
    plan = tr.plan(result, include="all", capacity=2)
    assert plan.length_weeks == 2
    assert ids(plan.critical_path) == ["p", "m"]
    assert tasks(plan)["x"].critical is False


def test_walk_back_skips_zero_length_tasks_in_the_pool() -> None:
    # rubric order z, p, q; z requires p, 0 wk; p 1 wk; q 1 wk; include="all", capacity 1.
    # unlimited: length 1; LS p 0 (LF = LS z = 1), q 0, z 1.
    # t=0: eligible p, q (z waits for p); by (LS, rubric): p starts, q does not fit.
    # t=1: eligible q (LS 0), z (LS 1): q [1, 2); z has zero length, always fits: [1, 1).
    # length 2. From q (start 1, no prerequisite): the pool task of non-zero length that
    # finishes at 1 is p (z also finishes at 1 and comes first, but has zero length).
    rub = rubric(
        ms("z", duration_weeks=0, requires=["p"]),
        ms("p", duration_weeks=1),
        ms("q", duration_weeks=1),
    )
    result = score(rub, {"z": 0, "p": 0, "q": 0})
    plan = tr.plan(result, include="all", capacity=1)
    by_id = tasks(plan)
    got = {m: (t.start_week, t.finish_week) for m, t in by_id.items()}
    assert got == {"p": (0, 1), "q": (1, 2), "z": (1, 1)}
    assert plan.length_weeks == 2
    assert ids(plan.critical_path) == ["p", "q"]
    assert {m for m, t in by_id.items() if t.critical} == {"p", "q"}
    # start 0: p; start 1: z (#0) before q (#2)
    assert ids(plan.tasks) == ["p", "z", "q"]


# --- Dates, deadline, lateness --------------------------------------------------------


def test_dates_default_to_the_assessment_date() -> None:
    # start 2026-01-05; a 0-1, c 1-2, b 1-4, d 4-6 weeks -> days 0, 7, 14, 28, 42
    _, result = diamond(assessed_on=MONDAY)
    plan = tr.plan(result)
    by_id = tasks(plan)
    got = {m: (t.start_date, t.finish_date) for m, t in by_id.items()}
    assert got == {
        "a": (D(2026, 1, 5), D(2026, 1, 12)),
        "c": (D(2026, 1, 12), D(2026, 1, 19)),
        "b": (D(2026, 1, 12), D(2026, 2, 2)),
        "d": (D(2026, 2, 2), D(2026, 2, 16)),
    }
    assert plan.finish_date == D(2026, 2, 16)


def test_start_overrides_the_assessment_date() -> None:
    _, result = diamond(assessed_on=MONDAY)
    plan = tr.plan(result, start=D(2026, 3, 2))
    # d finishes at week 6: 2026-03-02 + 42 days = 2026-04-13
    assert tasks(plan)["a"].start_date == D(2026, 3, 2)
    assert plan.finish_date == D(2026, 4, 13)


def test_without_a_start_dates_are_none() -> None:
    _, result = diamond()
    plan = tr.plan(result)
    assert plan.finish_date is None
    assert all(t.start_date is None and t.finish_date is None for t in plan.tasks)


def test_week_offsets_are_floored_to_days() -> None:
    # a 0-1.5 wk: 10.5 days -> 10; b 1.5-1.75 wk: 12.25 days -> 12
    rub = rubric(
        ms("a", duration_weeks=1.5), ms("b", duration_weeks=0.25, requires=["a"], critical=True)
    )
    result = score(rub, {"a": 0, "b": 0}, assessed_on=MONDAY)
    by_id = tasks(tr.plan(result))
    assert by_id["a"].finish_date == D(2026, 1, 15)
    assert by_id["b"].start_date == D(2026, 1, 15)
    assert by_id["b"].finish_date == D(2026, 1, 17)


def test_late_deadline() -> None:
    # deadline 2026-02-09 is 35 days = 5 weeks after the start; length 6 -> 1 week late.
    # latest_start = LS + (5 - 6): a -1 wk, b 0, c 2, d 3
    _, result = diamond(assessed_on=MONDAY)
    plan = tr.plan(result, deadline=D(2026, 2, 9))
    assert plan.late_weeks == 1
    assert plan.feasible is False
    assert {m: t.latest_start for m, t in tasks(plan).items()} == {
        "a": D(2025, 12, 29),
        "b": D(2026, 1, 5),
        "c": D(2026, 1, 19),
        "d": D(2026, 1, 26),
    }


def test_feasible_deadline() -> None:
    # deadline 2026-03-02 = 56 days = 8 weeks; length 6 -> on time, 2 weeks spare.
    # latest_start = LS + 2: a 2, b 3, c 5, d 6 weeks
    _, result = diamond(assessed_on=MONDAY)
    plan = tr.plan(result, deadline=D(2026, 3, 2))
    assert plan.late_weeks == 0
    assert plan.feasible is True
    assert {m: t.latest_start for m, t in tasks(plan).items()} == {
        "a": D(2026, 1, 19),
        "b": D(2026, 1, 26),
        "c": D(2026, 2, 9),
        "d": D(2026, 2, 16),
    }


def test_deadline_between_weeks() -> None:
    # 2026-02-12 is 38 days = 38/7 weeks after the start: late 6 - 38/7 = 4/7 weeks
    _, result = diamond(assessed_on=MONDAY)
    plan = tr.plan(result, deadline=D(2026, 2, 12))
    assert plan.late_weeks == pytest.approx(4 / 7)
    assert plan.feasible is False


def test_deadline_defaults_to_the_target_date() -> None:
    # target b: 3 -> goal a, b (a is an unmet ancestor): a 0-1, b 1-4; length 4.
    # by 2026-01-26 = 21 days = 3 weeks -> 1 week late; an explicit deadline wins.
    rub, result = diamond(assessed_on=MONDAY)
    goal = tr.load_target(
        {"target": "t", "rubric": rub.id, "by": "2026-01-26", "milestones": {"b": 3}}, rub
    )
    plan = tr.plan(result, goal)
    assert sorted(tasks(plan)) == ["a", "b"]
    assert plan.length_weeks == 4
    assert ids(plan.critical_path) == ["a", "b"]
    assert plan.late_weeks == 1
    assert plan.feasible is False
    later = tr.plan(result, goal, deadline=D(2026, 2, 2))
    assert later.late_weeks == 0
    assert later.feasible is True


# --- The workstream key and the Plan value ---------------------------------------------


def test_workstream_must_be_an_id() -> None:
    with pytest.raises(transition.RubricError) as info:
        rubric(ms("a", workstream="Legal Team"))
    assert "workstream" in str(info.value)


def test_plan_is_frozen_equal_and_pickles() -> None:
    _, result = diamond(assessed_on=MONDAY)
    plan = tr.plan(result, capacity=1, deadline=D(2026, 3, 2))
    assert plan == tr.plan(result, capacity=1, deadline=D(2026, 3, 2))
    assert pickle.loads(pickle.dumps(plan)) == plan
    with pytest.raises(AttributeError):
        plan.length_weeks = 0
    assert isinstance(plan.to_dict(), dict)
