"""Plans (SPEC section 9), worked by hand on small rubrics; the arithmetic is in comments."""

from __future__ import annotations

import datetime
import pickle
from typing import Any

import pytest

import transition

MONDAY = datetime.date(2026, 1, 5)


def _result(
    milestones: list[dict[str, Any]],
    answers: dict[str, Any] | None = None,
    assessed_on: str | None = None,
) -> transition.Readiness:
    """Score ``milestones`` (one characteristic ``c``); unassessed unless ``answers``."""
    rubric = transition.load_rubric(
        {
            "rubric": "plans",
            "title": "Plans",
            "version": "1",
            "characteristics": [{"id": "c", "title": "C"}],
            "milestones": [{"characteristic": "c", "title": m["id"], **m} for m in milestones],
            "bands": [{"id": "low", "label": "Low", "min": 0}],
        }
    )
    assessment: dict[str, Any] = {"rubric": "plans", "answers": answers or {}}
    if assessed_on is not None:
        assessment["assessed_on"] = assessed_on
    return transition.score(rubric, transition.load_assessment(assessment, rubric))


#   a(2) -> b(3) -> d(2)
#   a(2) -> c(1) -> d
DIAMOND = [
    {"id": "a", "duration_weeks": 2},
    {"id": "b", "duration_weeks": 3, "requires": ["a"]},
    {"id": "c", "duration_weeks": 1, "requires": ["a"]},
    {"id": "d", "duration_weeks": 2, "requires": ["b", "c"], "critical": True},
]


def _weeks(plan: transition.Plan) -> dict[str, tuple[float, float, float | None, bool]]:
    return {t.id: (t.start_week, t.finish_week, t.slack_weeks, t.critical) for t in plan.tasks}


def test_a_diamond_by_the_critical_path_method() -> None:
    result = _result(DIAMOND)
    assert result.readiness_path == ("a", "b", "c", "d")
    plan = transition.plan(result)
    # Forward: ES a=0, b=c=EF(a)=2, d=max(EF b=5, EF c=3)=5; EF d=7 = length.
    # Backward: LF d=7, LS d=5; LF b=LF c=5, LS b=2, LS c=4; LF a=min(2, 4)=2, LS a=0.
    # Slack = LS - ES: a 0, b 0, c 4-2=2, d 0.
    assert _weeks(plan) == {
        "a": (0.0, 2.0, 0.0, True),
        "b": (2.0, 5.0, 0.0, True),
        "c": (2.0, 3.0, 2.0, False),
        "d": (5.0, 7.0, 0.0, True),
    }
    assert plan.length_weeks == 7.0 == result.weeks_to_ready
    # d finishes at 7; it waited for b (finish 5 == its start), b for a.
    assert plan.critical_path == ("a", "b", "d")
    # By start, then rubric order: b and c both start at 2.
    assert [t.id for t in plan.tasks] == ["a", "b", "c", "d"]
    assert plan.tasks[3].prerequisites == ("b", "c")
    assert plan.tasks[3].workstream == "c"  # default: the characteristic
    # No start date, no deadline: no dates.
    assert (plan.finish_date, plan.late_weeks, plan.feasible) == (None, None, None)
    assert plan.tasks[0].start_date is None


def test_a_diamond_with_one_task_at_a_time() -> None:
    plan = transition.plan(_result(DIAMOND), capacity=1)
    # t=0: a starts [0, 2]. t=2: b (LS 2) and c (LS 4) eligible; b first [2, 5], c waits.
    # t=5: c [5, 6]; d still waits for c. t=6: d [6, 8]. 8 = 2 + 3 + 1 + 2.
    assert _weeks(plan) == {
        "a": (0.0, 2.0, None, True),
        "b": (2.0, 5.0, None, True),
        "c": (5.0, 6.0, None, True),
        "d": (6.0, 8.0, None, True),
    }
    assert plan.length_weeks == 8.0
    # d starts at 6 = finish of c; c has no prerequisite finishing at 5, but b, in the
    # same (only) pool, does; b waited for a.
    assert plan.critical_path == ("a", "b", "c", "d")


def test_zero_length_tasks_take_no_slot() -> None:
    milestones = [
        {"id": "a", "duration_weeks": 0},
        {"id": "b", "duration_weeks": 3, "requires": ["a"]},
        {"id": "c", "duration_weeks": 0},
        {"id": "d", "duration_weeks": 0, "requires": ["b"]},
    ]
    result = _result(milestones)
    unlimited = transition.plan(result, include="all")
    # ES a=0 EF 0; b [0, 3]; c [0, 0]; d [3, 3]; length 3.
    # LS d=3, b=0, a=0; c: no dependents, LF = length 3, LS 3, slack 3.
    assert _weeks(unlimited) == {
        "a": (0.0, 0.0, 0.0, True),
        "b": (0.0, 3.0, 0.0, True),
        "c": (0.0, 0.0, 3.0, False),
        "d": (3.0, 3.0, 0.0, True),
    }
    # b and d both finish at 3: the walk starts from b, first in rubric order, then a
    # (finish 0 == b's start). d is critical by slack but not on the path.
    assert unlimited.critical_path == ("a", "b")
    one = transition.plan(result, include="all", capacity=1)
    # t=0, pass 1: a and c (zero length) start; b is not eligible yet (a not started).
    # Pass 2: a has finished by 0, b starts [0, 3]: nothing is running at 0 (a zero-length
    # task never runs). t=3: d [3, 3]. Same schedule, length 3.
    assert [(t.id, t.start_week, t.finish_week) for t in one.tasks] == [
        ("a", 0.0, 0.0),
        ("b", 0.0, 3.0),
        ("c", 0.0, 0.0),
        ("d", 3.0, 3.0),
    ]
    assert one.length_weeks == 3.0
    assert one.critical_path == ("a", "b")
    assert [t.critical for t in one.tasks] == [True, True, False, False]


PARALLEL = [
    {"id": "a", "duration_weeks": 4, "workstream": "x"},
    {"id": "b", "duration_weeks": 2, "workstream": "x"},
    {"id": "c", "duration_weeks": 3, "workstream": "y"},
]


def test_a_task_waits_for_capacity() -> None:
    result = _result(PARALLEL)
    # Unlimited: all start at 0; length 4; LS a=0, b=2, c=1.
    assert transition.plan(result, include="all").length_weeks == 4.0
    plan = transition.plan(result, include="all", capacity=2)
    # t=0: eligible in (LS, rubric) order: a (0), c (1), b (2); a and c fill both slots.
    # t=3: c finishes, b starts [3, 5]. t=4: a finishes. Length 5.
    assert [(t.id, t.start_week, t.finish_week) for t in plan.tasks] == [
        ("a", 0.0, 4.0),
        ("c", 0.0, 3.0),
        ("b", 3.0, 5.0),
    ]
    assert plan.length_weeks == 5.0
    # b finishes at 5; no prerequisites; in the one pool, c (length 3) finishes at 3.
    assert plan.critical_path == ("c", "b")
    assert [t.critical for t in plan.tasks] == [False, True, True]


def test_capacity_per_workstream() -> None:
    result = _result(PARALLEL)
    plan = transition.plan(result, include="all", capacity={"x": 1})
    # x holds one task: a (LS 0) before b (LS 2); y is not named, so unlimited.
    # t=0: a [0, 4], c [0, 3]. t=3: nothing eligible. t=4: b [4, 6]. Length 6.
    assert [(t.id, t.workstream, t.start_week, t.finish_week) for t in plan.tasks] == [
        ("a", "x", 0.0, 4.0),
        ("c", "y", 0.0, 3.0),
        ("b", "x", 4.0, 6.0),
    ]
    assert plan.length_weeks == 6.0
    # b waited for a, the task of workstream x that finished at b's start.
    assert plan.critical_path == ("a", "b")
    # Limiting y instead changes nothing: x is unlimited, c runs alone in y.
    assert transition.plan(result, include="all", capacity={"y": 1}).length_weeks == 4.0


def test_a_deadline_missed_and_one_met() -> None:
    result = _result(DIAMOND, assessed_on="2026-01-05")
    # 2026-02-02 is 28 days = 4 weeks after the start; the plan takes 7: 3 weeks late.
    late = transition.plan(result, deadline=datetime.date(2026, 2, 2))
    assert late.length_weeks == 7.0
    assert (late.late_weeks, late.feasible) == (3.0, False)
    assert late.finish_date == MONDAY + datetime.timedelta(days=49)  # 2026-02-23
    latest = {t.id: t.latest_start for t in late.tasks}
    # latest start = date of LS + (4 - 7): a 0 - 3 = -3 weeks, c 4 - 3 = 1 week.
    assert latest["a"] == datetime.date(2025, 12, 15)
    assert latest["c"] == datetime.date(2026, 1, 12)
    dates = {t.id: (t.start_date, t.finish_date) for t in late.tasks}
    assert dates["b"] == (datetime.date(2026, 1, 19), datetime.date(2026, 2, 9))  # weeks 2, 5
    # 8 weeks (2026-03-02): one week to spare.
    met = transition.plan(result, deadline=datetime.date(2026, 3, 2))
    assert (met.late_weeks, met.feasible) == (0.0, True)
    assert met.tasks[0].latest_start == datetime.date(2026, 1, 12)  # 0 + (8 - 7) weeks
    # An explicit start overrides assessed_on.
    moved = transition.plan(result, start=datetime.date(2026, 1, 12))
    assert moved.finish_date == datetime.date(2026, 3, 2)


def test_dates_round_down_to_a_day() -> None:
    result = _result([{"id": "a", "duration_weeks": 0.5, "critical": True}])
    plan = transition.plan(result, start=MONDAY)
    # 7 * 0.5 = 3.5 days: floor gives 3.
    assert plan.tasks[0].finish_date == datetime.date(2026, 1, 8)


def test_done_prerequisites_are_not_tasks() -> None:
    # a is met, so b depends on nothing that remains and starts at once.
    result = _result([*DIAMOND[:2], {**DIAMOND[2], "critical": True}], answers={"a": 3})
    plan = transition.plan(result, include="all")
    assert [(t.id, t.start_week, t.prerequisites) for t in plan.tasks] == [
        ("b", 0.0, ()),
        ("c", 0.0, ()),
    ]
    # "path": only c is critical, and b is not its ancestor.
    assert [t.id for t in transition.plan(result).tasks] == ["c"]


def test_nothing_left_to_do() -> None:
    plan = transition.plan(_result(DIAMOND, answers=dict.fromkeys("abcd", 3)))
    assert plan.tasks == ()
    assert (plan.length_weeks, plan.critical_path) == (0.0, ())


def test_plans_are_values() -> None:
    result = _result(DIAMOND, assessed_on="2026-01-05")
    plan = transition.plan(result, capacity=1, deadline=datetime.date(2026, 3, 2))
    assert pickle.loads(pickle.dumps(plan)) == plan
    assert plan == transition.plan(result, capacity=1, deadline=datetime.date(2026, 3, 2))
    data = plan.to_dict()
    assert data["finish_date"] == "2026-03-02"
    assert data["tasks"][0] == {
        "id": "a",
        "title": "a",
        "characteristic": "c",
        "workstream": "c",
        "start_week": 0.0,
        "finish_week": 2.0,
        "slack_weeks": None,
        "critical": True,
        "start_date": "2026-01-05",
        "finish_date": "2026-01-19",
        "latest_start": "2026-01-05",
        "prerequisites": [],
        "status": "unassessed",
        "duration_weeks": 2.0,
    }
    assert {key: data[key] for key in ("include", "capacity", "start", "deadline")} == {
        "include": "path",
        "capacity": 1,
        "start": "2026-01-05",
        "deadline": "2026-03-02",
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"include": "every"}, "include must be 'path' or 'all' (got 'every')"),
        ({"capacity": 0}, "capacity must be >= 1 (got 0)"),
        ({"capacity": {"x": 0}}, "capacity['x'] must be >= 1 (got 0)"),
        ({"capacity": {"z": 1}}, "capacity: unknown workstream 'z'"),
        ({"capacity": {"xx": 1}}, "capacity: unknown workstream 'xx' (did you mean 'x'?)"),
    ],
)
def test_bad_arguments(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=r"^(include|capacity)") as caught:
        transition.plan(_result(PARALLEL), **arguments)
    assert str(caught.value) == message


@pytest.mark.parametrize("capacity", [1.5, True, "2"])
def test_a_capacity_that_is_not_a_whole_number(capacity: Any) -> None:
    with pytest.raises(TypeError, match="capacity must be a whole number"):
        transition.plan(_result(PARALLEL), capacity=capacity)
