"""Implementation plans: the work that remains, scheduled (SPEC section 9).

A plan takes a scored result, picks the tasks (the readiness path, every open
milestone, or a target's goal set), and schedules them: by the critical-path method
when capacity is unlimited, by parallel schedule generation when at most so many tasks
(per workstream, or in all) may run at once. Pure functions over immutable inputs: no
I/O, no clock; equal inputs give equal plans.

The forward pass is :func:`transition.scoring.earliest_finish`, the one that gives
weeks to ready, so the plan of the readiness path is exactly ``weeks_to_ready`` long.
"""

from __future__ import annotations

import datetime
import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .errors import suggest
from .model import FrozenDict
from .result import Readiness, Status, StatusCode
from .scoring import CompiledRubric, compiled, earliest_finish

__all__ = ["Plan", "Task", "plan", "week_date"]

#: Slack at or below this is critical (floating-point sums of durations).
CRITICAL_SLACK = 1e-9

_INCLUDE = ("path", "all")
_OPEN = frozenset(
    {StatusCode.BLOCKED, StatusCode.UNASSESSED, StatusCode.IN_PROGRESS, StatusCode.NOT_STARTED}
)


#: The public status of each status code, looked up by the code (one byte a milestone).
_STATUS_OF = tuple(code.status for code in sorted(StatusCode))


def _iso(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()


@attrs.frozen
class Task:
    """One scheduled milestone of a :class:`Plan`.

    Weeks count from the plan's start (week 0); dates are ``None`` when the plan has
    no start date, ``latest_start`` also when it has no deadline. ``slack_weeks`` is
    ``None`` under limited capacity, where slack is not defined.
    """

    id: str
    title: str
    characteristic: str
    workstream: str
    start_week: float
    finish_week: float
    slack_weeks: float | None
    critical: bool
    start_date: datetime.date | None
    finish_date: datetime.date | None
    latest_start: datetime.date | None
    #: The task's prerequisites that are tasks too, in rubric order.
    prerequisites: tuple[str, ...]
    #: Where the milestone stands now (not started, in progress, blocked, unassessed).
    status: Status = Status.NOT_STARTED
    #: How long the task lasts: its milestone's ``duration_weeks``.
    duration_weeks: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The task as plain JSON data (dates as ISO text)."""
        return {
            "id": self.id,
            "title": self.title,
            "characteristic": self.characteristic,
            "workstream": self.workstream,
            "start_week": self.start_week,
            "finish_week": self.finish_week,
            "slack_weeks": self.slack_weeks,
            "critical": self.critical,
            "start_date": _iso(self.start_date),
            "finish_date": _iso(self.finish_date),
            "latest_start": _iso(self.latest_start),
            "prerequisites": list(self.prerequisites),
            "status": self.status.value,
            "duration_weeks": self.duration_weeks,
        }


@attrs.frozen
class Plan:
    """A schedule of the work that remains, as returned by :func:`plan`.

    ``tasks`` are ordered by start week, then rubric order; ``critical_path`` lists task
    ids in start order. ``finish_date`` is ``None`` without a start date;
    ``late_weeks`` and ``feasible`` are ``None`` without a deadline (or a start date to
    measure it from).
    """

    tasks: tuple[Task, ...]
    length_weeks: float
    critical_path: tuple[str, ...]
    finish_date: datetime.date | None
    late_weeks: float | None
    feasible: bool | None
    #: The scored result the plan was made from (its organisation, rubric and statuses).
    result: Readiness | None = attrs.field(default=None, repr=False)
    #: The target whose goal set the tasks are, or ``None``.
    target: Any = attrs.field(default=None, repr=False)
    #: ``"path"``, ``"all"`` or ``"target"``: how the tasks were chosen.
    include: str = "path"
    #: The capacity the plan was scheduled with: ``None`` (unlimited), a whole number,
    #: or a read-only mapping workstream -> whole number.
    capacity: int | FrozenDict[str, int] | None = None
    #: The date of week 0, and the deadline, when the plan has them.
    start: datetime.date | None = None
    deadline: datetime.date | None = None

    @property
    def organisation(self) -> str | None:
        """The organisation of the assessment planned for, if it names one."""
        return None if self.result is None else self.result.organisation

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain JSON data: equal plans give equal (and equally ordered) data.

        >>> import transition
        >>> rubric = transition.load_rubric()
        >>> blank = transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
        >>> data = transition.plan(transition.score(rubric, blank)).to_dict()
        >>> sorted(data)[:6]
        ['capacity', 'critical_path', 'deadline', 'feasible', 'finish_date', 'include']
        >>> sorted(data["tasks"][0])[:4]
        ['characteristic', 'critical', 'duration_weeks', 'finish_date']
        """
        rubric = None if self.result is None else self.result.rubric
        capacity = self.capacity
        return {
            "organisation": self.organisation,
            "rubric": None if rubric is None else {"id": rubric.id, "version": rubric.version},
            "target": None if self.target is None else self.target.id,
            "include": self.include,
            "capacity": dict(capacity) if isinstance(capacity, Mapping) else capacity,
            "start": _iso(self.start),
            "deadline": _iso(self.deadline),
            "tasks": [task.to_dict() for task in self.tasks],
            "length_weeks": self.length_weeks,
            "critical_path": list(self.critical_path),
            "finish_date": _iso(self.finish_date),
            "late_weeks": self.late_weeks,
            "feasible": self.feasible,
        }

    def to_csv(self) -> str:
        """The plan as CSV text, one row per task, with blank ``owner`` and ``status``
        columns to fill in: :func:`transition.workplan.plan_csv` (which says what each
        column holds). :func:`transition.workplan.plan_workbook` makes a workbook.

        >>> import transition
        >>> rubric = transition.load_rubric()
        >>> blank = transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
        >>> plan = transition.plan(transition.score(rubric, blank))
        >>> rows = plan.to_csv().splitlines()
        >>> rows[0].split(",")[:4], len(rows) == len(plan.tasks) + 1
        (['workstream', 'milestone', 'title', 'characteristic'], True)
        """
        from .workplan import plan_csv

        return plan_csv(self)


# -- choosing the tasks -----------------------------------------------------------------


def _goal_ids(goal: object) -> Iterable[str]:
    """Milestone ids of a goal set: a mapping id -> level, or ids, or (id, level) pairs."""
    if isinstance(goal, Mapping):
        return (str(key) for key in goal)
    if not isinstance(goal, Iterable):
        raise TypeError(f"a goal set must be a mapping or a list of ids, got {goal!r}")
    return (item if isinstance(item, str) else str(item[0]) for item in goal)


def _task_indices(
    result: Readiness, rules: CompiledRubric, target: object, include: str
) -> set[int]:
    if target is not None:
        from .targets import Target, goal_set

        if not isinstance(target, Target):
            raise TypeError(f"plan()'s target must be a Target, not {type(target).__name__}")
        return {rules.index[m] for m in _goal_ids(goal_set(result, target))}
    if include == "path":
        return {rules.index[m] for m in result.readiness_path}
    status = result.milestones.status
    return {i for i, code in enumerate(status) if code in _OPEN}


# -- capacity -----------------------------------------------------------------------------


def _pools(
    capacity: int | Mapping[str, int] | None, workstreams: Sequence[str]
) -> tuple[dict[str | None, int], int | None]:
    """Validate ``capacity``: (limit per named workstream, limit for all tasks or None)."""
    if capacity is None:
        return {}, None
    if isinstance(capacity, Mapping):
        known = sorted(set(workstreams))
        limits: dict[str | None, int] = {}
        for name, limit in capacity.items():
            if name not in known:
                raise ValueError(
                    f"capacity: unknown workstream {name!r}" + suggest(str(name), known)
                )
            limits[name] = _limit(limit, f"capacity[{name!r}]")
        return limits, None
    return {}, _limit(capacity, "capacity")


def _limit(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be a whole number of tasks, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be >= 1 (got {value})")
    return value


# -- scheduling ---------------------------------------------------------------------------


@attrs.frozen
class _Schedule:
    start: dict[int, float]
    finish: dict[int, float]
    latest: dict[int, float]


def _critical_path_method(
    order: Sequence[int],
    task_prerequisites: Mapping[int, Sequence[int]],
    duration: Sequence[float],
    rules: CompiledRubric,
) -> tuple[_Schedule, float]:
    """ES, EF, LS for tasks in topological ``order``; and the length."""
    finish = earliest_finish(order, rules.prerequisites, duration)
    start = {m: max((finish[p] for p in task_prerequisites[m]), default=0.0) for m in order}
    length = max(finish.values(), default=0.0)
    latest: dict[int, float] = {}
    latest_finish = dict.fromkeys(order, length)
    for m in reversed(order):
        ls = latest[m] = latest_finish[m] - duration[m]
        for p in task_prerequisites[m]:
            if ls < latest_finish[p]:
                latest_finish[p] = ls
    return _Schedule(start, finish, latest), length


def _generate(
    order: Sequence[int],
    task_prerequisites: Mapping[int, Sequence[int]],
    duration: Sequence[float],
    pool_of: Mapping[int, str | None],
    limit: Mapping[str | None, int],
    latest: Mapping[int, float],
) -> dict[int, float]:
    """Parallel schedule generation (SPEC 9): each task's start under limited capacity.

    ``pool_of[m]`` is the capacity pool of task ``m``; a pool missing from ``limit`` is
    unlimited. At each time, passes start eligible tasks in (LS, rubric order) until a
    pass starts none; zero-length tasks always fit and release their dependents for the
    next pass; then time moves to the next finish.
    """
    waiting = {m: len(task_prerequisites[m]) for m in order}
    dependents: dict[int, list[int]] = {m: [] for m in order}
    for m in order:
        for p in task_prerequisites[m]:
            dependents[p].append(m)
    ready_now = [m for m in order if not waiting[m]]
    queues: dict[str | None, list[tuple[float, int]]] = {}
    running = dict.fromkeys(limit, 0)
    finishing: list[tuple[float, int]] = []
    start: dict[int, float] = {}
    t = 0.0

    def release(m: int, into: list[int]) -> None:
        for s in dependents[m]:
            waiting[s] -= 1
            if not waiting[s]:
                into.append(s)

    while True:
        while True:  # passes at time t, until one releases nothing
            released: list[int] = []
            for m in ready_now:
                pool = pool_of[m]
                if duration[m] == 0:
                    start[m] = t
                    release(m, released)
                elif pool not in limit:
                    start[m] = t
                    heapq.heappush(finishing, (t + duration[m], m))
                else:
                    heapq.heappush(queues.setdefault(pool, []), (latest[m], m))
            for pool, queue in queues.items():
                while queue and running[pool] < limit[pool]:
                    _, m = heapq.heappop(queue)
                    start[m] = t
                    running[pool] += 1
                    heapq.heappush(finishing, (t + duration[m], m))
            ready_now = released
            if not released:
                break
        if not finishing:
            return start
        t = finishing[0][0]
        while finishing and finishing[0][0] <= t:
            _, m = heapq.heappop(finishing)
            if pool_of[m] in limit:
                running[pool_of[m]] -= 1
            release(m, ready_now)


def _walk_back(
    tasks: Sequence[int],
    task_prerequisites: Mapping[int, Sequence[int]],
    start: Mapping[int, float],
    finish: Mapping[int, float],
    duration: Sequence[float],
    pool_of: Mapping[int, str | None] | None,
    length: float,
) -> list[int]:
    """The critical path (SPEC 9), in start order; ``tasks`` in rubric order.

    ``pool_of`` is ``None`` under unlimited capacity; otherwise each task's capacity
    pool, ``None`` for a workstream that a capacity mapping leaves unlimited.
    """
    current = next((m for m in tasks if finish[m] == length), None)
    by_finish: dict[tuple[str | None, float], int] = {}
    if pool_of is not None:
        for m in tasks:  # rubric order: keep the first
            if duration[m] > 0 and pool_of[m] is not None:
                by_finish.setdefault((pool_of[m], finish[m]), m)
    chain: list[int] = []
    while current is not None:
        chain.append(current)
        at = start[current]
        before = next((p for p in task_prerequisites[current] if finish[p] == at), None)
        if before is None and pool_of is not None and pool_of[current] is not None:
            before = by_finish.get((pool_of[current], at))
        current = before
    chain.reverse()
    return chain


def week_date(start: datetime.date | None, weeks: float) -> datetime.date | None:
    """The date ``weeks`` after ``start`` (SPEC section 9): ``start + floor(7 * weeks)``
    days; ``None`` without a start. The one week-to-date rule of plans and their charts.

    >>> week_date(datetime.date(2026, 1, 5), 1.5), week_date(None, 3)
    (datetime.date(2026, 1, 15), None)
    """
    return None if start is None else start + datetime.timedelta(days=math.floor(7 * weeks))


def _limited(
    order: list[int],
    task_prerequisites: dict[int, tuple[int, ...]],
    duration: Sequence[float],
    capacity: int | Mapping[str, int],
    pools: tuple[dict[str | None, int], int | None],
    workstreams: list[str],
    unlimited: Any,
) -> tuple[dict[int, float], dict[int, float], float, dict[int, str | None]]:
    """Start and finish of each task under limited capacity, the length, and each task's
    capacity pool: an int capacity is one pool, "", for every task; a mapping makes a
    pool of each workstream it names and leaves the others (None) unlimited."""
    limits, overall = pools
    limit: dict[str | None, int]
    if overall is not None:
        pool_of: dict[int, str | None] = dict.fromkeys(order, "")
        limit = {"": overall}
    else:
        pool_of = {m: workstreams[m] if workstreams[m] in limits else None for m in order}
        limit = limits
    begin = _generate(order, task_prerequisites, duration, pool_of, limit, unlimited.latest)
    end = {m: begin[m] + duration[m] for m in order}
    return begin, end, max(end.values(), default=0.0), pool_of


def plan(
    result: Readiness,
    target: object | None = None,
    *,
    include: str = "path",
    capacity: int | Mapping[str, int] | None = None,
    start: datetime.date | None = None,
    deadline: datetime.date | None = None,
) -> Plan:
    """Schedule the work that remains for one scored assessment.

    Parameters
    ----------
    result:
        A :class:`~transition.Readiness` from :func:`transition.score`.
    target:
        A target (SPEC section 8): the tasks are its goal set, and its ``by`` is the
        default deadline. Without one, ``include`` chooses the tasks.
    include:
        ``"path"`` (default): the readiness path; ``"all"``: every applicable milestone
        that is not met. Ignored with a target.
    capacity:
        ``None`` (unlimited: the critical-path method), a whole number ``k >= 1`` (at
        most ``k`` tasks at once), or a mapping workstream -> whole number (workstreams
        it does not name are unlimited).
    start:
        The date of week 0; default: the assessment's ``assessed_on``. Without either,
        the plan has no dates.
    deadline:
        The date the work should be done by; default: the target's ``by``.

    Returns
    -------
    Plan
        A frozen, picklable plan; ``to_dict()`` gives it as JSON data.

    Raises
    ------
    ValueError
        When ``include`` is not ``"path"`` or ``"all"``, a capacity is below 1, or the
        capacity names a workstream the rubric does not have.
    TypeError
        When a capacity is not a whole number.

    Examples
    --------
    >>> import datetime, transition
    >>> rubric = transition.load_rubric()
    >>> assessment = transition.load_assessment(
    ...     {"rubric": rubric.id, "assessed_on": "2026-01-05", "answers": {"named_leader": 3}},
    ...     rubric,
    ... )
    >>> result = transition.score(rubric, assessment)
    >>> p = transition.plan(result)
    >>> p.length_weeks == result.weeks_to_ready
    True
    >>> p.critical_path[:3]
    ('senior_sponsor', 'project_resourced', 'advisers_secured')
    >>> first = p.tasks[0]
    >>> first.id, first.start_week, first.finish_week, first.slack_weeks, first.critical
    ('senior_sponsor', 0.0, 4.0, 0.0, True)
    >>> first.start_date, first.finish_date
    (datetime.date(2026, 1, 5), datetime.date(2026, 2, 2))
    >>> p.tasks[1].id, p.tasks[1].slack_weeks, p.tasks[1].critical
    ('guiding_team', 52.0, False)
    >>> two = transition.plan(result, capacity=2)
    >>> two.length_weeks, two.tasks[0].slack_weeks
    (145.0, None)
    >>> transition.plan(result, capacity={"people": 1}).length_weeks  # one HR team: 84 -> 96
    96.0
    >>> one = transition.plan(result, capacity=1)
    >>> one.length_weeks == sum(rubric.milestones[t.id].duration_weeks for t in one.tasks)
    True
    >>> late = transition.plan(result, deadline=datetime.date(2026, 6, 1))  # 21 weeks on
    >>> late.late_weeks, late.feasible  # 84 - 21
    (63.0, False)
    >>> late.tasks[0].latest_start  # 2026-01-05 + 7 * (0 + 21 - 84) days
    datetime.date(2024, 10, 21)
    >>> transition.plan(result, capacity=0)
    Traceback (most recent call last):
    ...
    ValueError: capacity must be >= 1 (got 0)
    >>> transition.plan(result, capacity={"peple": 2})
    Traceback (most recent call last):
    ...
    ValueError: capacity: unknown workstream 'peple' (did you mean 'people'?)
    >>> transition.plan(result, include="some")
    Traceback (most recent call last):
    ...
    ValueError: include must be 'path' or 'all' (got 'some')
    """
    if include not in _INCLUDE:
        raise ValueError(f"include must be 'path' or 'all' (got {include!r})")
    rules = compiled(result.rubric)
    chosen = _task_indices(result, rules, target, include)
    return build(
        result,
        chosen,
        target=target,
        include=include,
        capacity=capacity,
        start=start,
        deadline=deadline,
    )


def _lateness(
    start: datetime.date | None, deadline: datetime.date | None, length: float
) -> tuple[float | None, float | None]:
    """Weeks to spare (deadline weeks - length; negative when late) and weeks late."""
    if deadline is None or start is None:
        return None, None
    available = (deadline - start).days / 7
    return available - length, max(0.0, length - available)


def build(
    result: Readiness,
    chosen: set[int],
    *,
    target: Any = None,
    include: str = "path",
    capacity: int | Mapping[str, int] | None = None,
    start: datetime.date | None = None,
    deadline: datetime.date | None = None,
) -> Plan:
    """Schedule the milestones at indices ``chosen`` (the work of :func:`plan`, for
    callers that already know the tasks, such as :func:`transition.gap`)."""
    rubric = result.rubric
    rules = compiled(rubric)
    milestones = tuple(rubric.milestones.values())
    workstreams = [m.workstream for m in milestones]
    limits, overall = _pools(capacity, workstreams)
    if deadline is None and target is not None:
        deadline = getattr(target, "by", None)
    start = start or result.assessment.assessed_on

    order = sorted(chosen, key=rules.position.__getitem__)  # topological
    in_rubric_order = sorted(chosen)
    task_prerequisites = {
        m: tuple(sorted(p for p, _ in rules.prerequisites[m] if p in chosen)) for m in order
    }
    duration = rules.duration
    unlimited, length = _critical_path_method(order, task_prerequisites, duration, rules)
    begin, end, length, pool_of = (
        _limited(
            order, task_prerequisites, duration, capacity, (limits, overall), workstreams, unlimited
        )
        if capacity is not None
        else (unlimited.start, unlimited.finish, length, None)
    )
    path = _walk_back(in_rubric_order, task_prerequisites, begin, end, duration, pool_of, length)
    on_path = set(path)

    spare, late = _lateness(start, deadline, length)
    ids = rules.ids
    status_codes = result.milestones.status
    tasks = []
    for m in sorted(chosen, key=lambda m: (begin[m], m)):
        milestone = milestones[m]
        slack = None if capacity is not None else max(0.0, unlimited.latest[m] - begin[m])
        latest_start = unlimited.latest[m] if capacity is None else begin[m]
        tasks.append(
            Task(
                id=ids[m],
                title=milestone.title,
                characteristic=milestone.characteristic,
                workstream=milestone.workstream,
                start_week=begin[m],
                finish_week=end[m],
                slack_weeks=slack,
                critical=(slack <= CRITICAL_SLACK) if slack is not None else m in on_path,
                start_date=week_date(start, begin[m]),
                finish_date=week_date(start, end[m]),
                latest_start=None if spare is None else week_date(start, latest_start + spare),
                prerequisites=tuple(ids[p] for p in task_prerequisites[m]),
                status=_STATUS_OF[status_codes[m]],
                duration_weeks=duration[m],
            )
        )
    return Plan(
        tasks=tuple(tasks),
        length_weeks=length,
        critical_path=tuple(ids[m] for m in path),
        finish_date=week_date(start, length),
        late_weeks=late,
        feasible=None if late is None else late == 0,
        result=result,
        target=target,
        include="target" if target is not None else include,
        capacity=FrozenDict(capacity) if isinstance(capacity, Mapping) else capacity,
        start=start,
        deadline=deadline,
    )
