"""Invariants of plans (SPEC section 9) over random rubrics, assessments and capacities."""

from __future__ import annotations

import json
import math
import pickle
from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

import transition
from tests.strategies import RandomRubric, planned_rubrics

Drawn = tuple[RandomRubric, dict[str, Any]]
Capacity = int | dict[str, int] | None


def _result(drawn: Drawn) -> transition.Readiness:
    rubric = transition.load_rubric(drawn[0].mapping)
    return transition.score(rubric, transition.load_assessment(drawn[1], rubric))


capacities: st.SearchStrategy[Capacity] = st.one_of(
    st.none(),
    st.integers(1, 3),
    st.dictionaries(st.sampled_from(["c0", "w0", "w1", "w2"]), st.integers(1, 2), min_size=1),
)


def _plan(result: transition.Readiness, include: str, capacity: Capacity) -> transition.Plan:
    if isinstance(capacity, dict):
        known = {m.workstream for m in result.rubric.milestones.values()}
        capacity = {name: k for name, k in capacity.items() if name in known}
        assume(capacity)
    return transition.plan(result, include=include, capacity=capacity)


def _duration(result: transition.Readiness, task: transition.Task) -> float:
    return result.rubric.milestones[task.id].duration_weeks


@given(planned_rubrics(), st.sampled_from(["path", "all"]), capacities)
def test_tasks_start_after_their_prerequisites_finish(
    drawn: Drawn, include: str, capacity: Capacity
) -> None:
    result = _result(drawn)
    plan = _plan(result, include, capacity)
    by_id = {task.id: task for task in plan.tasks}
    for task in plan.tasks:
        assert task.finish_week == task.start_week + _duration(result, task)
        assert task.start_week >= 0
        for p in task.prerequisites:
            assert by_id[p].finish_week <= task.start_week
        # Every prerequisite that is a task is listed.
        requires = {r.milestone for r in result.rubric.milestones[task.id].requires}
        assert set(task.prerequisites) == requires & set(by_id)
    assert plan.length_weeks == max((t.finish_week for t in plan.tasks), default=0.0)
    keys = [(t.start_week, list(result.rubric.milestones).index(t.id)) for t in plan.tasks]
    assert keys == sorted(keys)


@given(planned_rubrics(), st.sampled_from(["path", "all"]))
def test_the_tasks_are_the_open_work(drawn: Drawn, include: str) -> None:
    result = _result(drawn)
    ids = {task.id for task in transition.plan(result, include=include).tasks}
    if include == "path":
        assert ids == set(result.readiness_path)
    else:
        statuses = {m: r.status.value for m, r in result.milestones.items()}
        assert ids == {m for m, s in statuses.items() if s not in ("met", "not_applicable")}


@given(planned_rubrics(), st.sampled_from(["path", "all"]), capacities)
def test_no_more_tasks_run_at_once_than_capacity_allows(
    drawn: Drawn, include: str, capacity: Capacity
) -> None:
    result = _result(drawn)
    assume(capacity is not None)
    plan = _plan(result, include, capacity)
    running = [t for t in plan.tasks if t.finish_week > t.start_week]
    for task in running:
        t = task.start_week
        now = [r for r in running if r.start_week <= t < r.finish_week]
        if isinstance(capacity, int):
            assert len(now) <= capacity
        else:
            assert isinstance(capacity, Mapping)
            for workstream, limit in capacity.items():
                assert sum(r.workstream == workstream for r in now) <= limit


@given(planned_rubrics())
def test_the_readiness_path_takes_weeks_to_ready(drawn: Drawn) -> None:
    result = _result(drawn)
    assert transition.plan(result).length_weeks == result.weeks_to_ready


@given(planned_rubrics(), st.sampled_from(["path", "all"]))
def test_one_at_a_time_takes_the_sum_of_durations(drawn: Drawn, include: str) -> None:
    result = _result(drawn)
    plan = transition.plan(result, include=include, capacity=1)
    total = math.fsum(_duration(result, task) for task in plan.tasks)
    assert math.isclose(plan.length_weeks, total, rel_tol=1e-9, abs_tol=1e-9)
    assert all(task.slack_weeks is None for task in plan.tasks)


@given(planned_rubrics(), st.sampled_from(["path", "all"]))
def test_slack_is_never_negative(drawn: Drawn, include: str) -> None:
    result = _result(drawn)
    plan = transition.plan(result, include=include)
    for task in plan.tasks:
        assert task.slack_weeks is not None
        assert task.slack_weeks >= 0
        assert task.critical == (task.slack_weeks <= 1e-9)
        # Finishing within the slack never pushes the plan beyond its length.
        assert task.finish_week + task.slack_weeks <= plan.length_weeks + 1e-9
    for task_id in plan.critical_path:
        assert next(t for t in plan.tasks if t.id == task_id).critical


@given(planned_rubrics(), st.sampled_from(["path", "all"]), capacities)
def test_the_critical_path_is_a_chain_to_the_end(
    drawn: Drawn, include: str, capacity: Capacity
) -> None:
    result = _result(drawn)
    plan = _plan(result, include, capacity)
    by_id = {task.id: task for task in plan.tasks}
    chain = [by_id[m] for m in plan.critical_path]
    assert bool(chain) == bool(plan.tasks)
    assume(chain)
    assert chain[0].start_week == 0
    assert chain[-1].finish_week == plan.length_weeks
    for before, after in pairwise(chain):
        assert before.finish_week == after.start_week
        if isinstance(capacity, int):
            same_pool = True  # one pool for every task
        elif isinstance(capacity, dict):
            same_pool = after.workstream in capacity and before.workstream == after.workstream
        else:
            same_pool = False  # unlimited: only prerequisites are waited for
        assert before.id in after.prerequisites or (
            same_pool and before.finish_week > before.start_week
        )
    if capacity is not None:
        assert {t.id for t in plan.tasks if t.critical} == set(plan.critical_path)


@given(planned_rubrics(), st.sampled_from(["path", "all"]), capacities)
def test_plans_pickle_and_serialise_deterministically(
    drawn: Drawn, include: str, capacity: Capacity
) -> None:
    result = _result(drawn)
    plan = _plan(result, include, capacity)
    assert pickle.loads(pickle.dumps(plan)) == plan
    again = _plan(_result(drawn), include, capacity)
    assert again == plan
    assert json.dumps(again.to_dict()) == json.dumps(plan.to_dict())
