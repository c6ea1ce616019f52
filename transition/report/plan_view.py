"""The view models of plans and gaps: what their reports (and the readiness report's
plan and gap sections) show, built once from a :class:`~transition.Plan` or
:class:`~transition.Gap`.

Like :mod:`transition.report.view`, values are plain data and nothing is escaped;
milestones are named by title (ids only for anchors and machine hooks).
``docs/templates.md`` documents the keys.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TypedDict

from .._words import deadline_text, gap_summary, plan_summary
from ..locale import N_, Translator, current, gettext, ngettext, using
from ..model import NA, Rubric
from ..planning import Plan, Task, week_date
from ..targets import Gap
from ._format import percent
from .charts.gantt import Gantt, GanttTask, gantt, workstream_title
from .view import STATUS_STYLE, StatusEntry, status_entries
from .view import level_label as english_level_label

__all__ = [
    "GapContext",
    "GapView",
    "PlanContext",
    "PlanView",
    "TaskView",
    "WorkstreamView",
    "build_gap_context",
    "build_plan_context",
    "gap_view",
    "plan_view",
]


class TaskView(TypedDict):
    """One task of a plan, as the reports show it."""

    id: str
    title: str
    characteristic_title: str
    workstream: str
    workstream_title: str
    status: str
    status_label: str
    status_symbol: str
    start_week: float
    finish_week: float
    duration_weeks: float
    slack_weeks: float | None
    critical: bool
    start_date: str | None
    finish_date: str | None
    latest_start: str | None
    #: The titles of the task's prerequisites that are tasks too.
    after: list[str]
    #: The task as a text bar over the plan's weeks (see :func:`text_bar`).
    bar_text: str
    #: Where the task starts in a Mermaid chart, and for how many days.
    chart_start: str
    chart_days: int


class WorkstreamView(TypedDict):
    """A workstream and its tasks, in plan order."""

    id: str
    title: str
    tasks: list[TaskView]


class PlanView(TypedDict):
    """A plan, as every report of it (and a readiness report's plan section) shows it."""

    organisation: str | None
    rubric: dict[str, str]
    target: dict[str, str | None] | None
    include: str
    capacity: str
    start: str | None
    deadline: str | None
    #: The deadline and whether the plan meets it, e.g. "2027-04-01, missed by 2 weeks".
    deadline_text: str
    length_weeks: float
    finish_date: str | None
    late_weeks: float | None
    feasible: bool | None
    summary: str
    tasks: list[TaskView]
    critical_path: list[TaskView]
    workstreams: list[WorkstreamView]
    gantt: Gantt


class PlanContext(TypedDict):
    """The context of the plan report templates (``plan.*.j2``)."""

    generated_at: str | None
    scope: str
    statuses: list[StatusEntry]
    plan: PlanView


class GapRow(TypedDict):
    """A threshold of the target: where it stands now and where it must be."""

    title: str
    now: str
    target: str
    holds: bool
    shortfall: str


class GoalView(TypedDict):
    """A milestone of the goal set: its level now and the level to reach."""

    id: str
    title: str
    characteristic_title: str
    now: str
    target: str
    status_label: str
    status_symbol: str


class GapView(TypedDict):
    """A gap, as its report (and a readiness report's gap section) shows it."""

    target: dict[str, str | None]
    reached: bool
    reachable: bool
    summary: str
    unreachable: list[str]
    band: GapRow | None
    characteristics: list[GapRow]
    milestones: list[GapRow]
    goal: list[GoalView]
    projected_score_pct: str
    projected_band: str
    plan: PlanView


class GapContext(TypedDict):
    """The context of the gap report templates (``gap.*.j2``)."""

    generated_at: str | None
    scope: str
    statuses: list[StatusEntry]
    organisation: str | None
    gap: GapView


#: The status labels of :data:`transition.report.view.STATUS_STYLE`, for the catalogue:
#: the views translate them as they show them.
STATUS_WORDS = (
    N_("Met"),
    N_("In progress"),
    N_("Not started"),
    N_("Blocked"),
    N_("Not assessed"),
    N_("Not applicable"),
    N_("Not in the rubric"),
)


def translated_statuses() -> list[StatusEntry]:
    """The legend (:func:`transition.report.view.status_entries`) in the current locale."""
    return [entry | {"label": gettext(entry["label"])} for entry in status_entries()]


def status_style(status: str) -> tuple[str, str, str]:
    """A status's label (in the current locale), symbol and colour."""
    label, symbol, colour = STATUS_STYLE[status]
    return gettext(label), symbol, colour


def level_label(rubric_scale: dict[int, str], level: object) -> str:
    """A level as a reader sees it, in the current locale (see
    :func:`transition.report.view.level_label`).

    >>> level_label({2: "Developing"}, 2), level_label({}, None)
    ('2 Developing', 'not assessed')
    """
    if level is NA:
        return gettext("n/a")
    if level is None:
        return gettext("not assessed")
    return english_level_label(rubric_scale, level)


def _capacity_text(plan: Plan) -> str:
    capacity = plan.capacity
    if capacity is None:
        return gettext("unlimited: every task starts as soon as its prerequisites finish")
    if isinstance(capacity, Mapping):
        limits = ", ".join(f"{workstream_title(ws)} {n}" for ws, n in capacity.items())
        return gettext(
            "at most this many tasks at once per workstream: %(limits)s (others unlimited)"
        ) % {"limits": limits}
    return ngettext(
        "at most %(count)s task at once", "at most %(count)s tasks at once", capacity
    ) % {"count": capacity}


def _task(task: Task, titles: Mapping[str, str], characteristics: Mapping[str, str]) -> TaskView:
    label, symbol, _ = status_style(task.status.value)
    return {
        "id": task.id,
        "title": task.title,
        "characteristic_title": characteristics.get(task.characteristic, task.characteristic),
        "workstream": task.workstream,
        "workstream_title": workstream_title(task.workstream),
        "status": task.status.value,
        "status_label": label,
        "status_symbol": symbol,
        "start_week": task.start_week,
        "finish_week": task.finish_week,
        "duration_weeks": task.duration_weeks,
        "slack_weeks": task.slack_weeks,
        "critical": task.critical,
        "start_date": _iso(task.start_date),
        "finish_date": _iso(task.finish_date),
        "latest_start": _iso(task.latest_start),
        "after": [titles.get(p, p) for p in task.prerequisites],
        "bar_text": "",
        "chart_start": "",
        "chart_days": 0,
    }


#: Columns of a text bar, and the day the Mermaid chart of an undated plan counts from.
TEXT_BAR = 50
NOMINAL_START = datetime.date(2001, 1, 1)


def text_bar(
    start: float, finish: float, weeks: float, deadline: float | None = None, *, critical: bool
) -> str:
    """A task drawn in text over ``weeks``: ``█`` critical, ``▒`` not, ``◆`` a task that
    takes no time, ``·`` the rest, and ``|`` the deadline.

    >>> text_bar(0, 5, 10, critical=True)[:30]
    '█████████████████████████·····'
    >>> text_bar(5, 5, 10, 8, critical=False)
    '·························◆··············|·········'
    """
    cells = ["\u00b7"] * TEXT_BAR
    scale = TEXT_BAR / weeks if weeks > 0 else 0.0
    if deadline is not None and 0 <= deadline <= weeks:
        cells[min(int(deadline * scale), TEXT_BAR - 1)] = "|"
    first = min(int(start * scale), TEXT_BAR - 1)
    if finish <= start:
        cells[first] = "\u25c6"
        return "".join(cells)
    last = max(first + 1, min(TEXT_BAR, round(finish * scale)))
    for i in range(first, last):
        cells[i] = "\u2588" if critical else "\u2592"
    return "".join(cells)


def _iso(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _workstream_order(rubric: Rubric | None) -> list[str]:
    if rubric is None:
        return []
    return list(dict.fromkeys(m.workstream for m in rubric.milestones.values()))


def _draw_tasks(plan: Plan, tasks: list[TaskView]) -> None:
    """Fill in each task's text bar and its place in a Mermaid chart."""
    weeks = max(plan.length_weeks, 1.0)
    deadline = None
    if plan.deadline is not None and plan.start is not None:
        deadline = (plan.deadline - plan.start).days / 7
        weeks = max(weeks, deadline)
    origin = plan.start or NOMINAL_START
    for view, task in zip(tasks, plan.tasks, strict=True):
        view["bar_text"] = text_bar(
            task.start_week, task.finish_week, weeks, deadline, critical=task.critical
        )
        begin = task.start_date or week_date(origin, task.start_week)
        end = task.finish_date or week_date(origin, task.finish_week)
        assert begin is not None  # origin is a date, so neither is None
        assert end is not None
        view["chart_start"], view["chart_days"] = begin.isoformat(), (end - begin).days


def plan_view(plan: Plan) -> PlanView:
    """What the reports show of ``plan``.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> answers = {"rubric": rubric.id, "assessed_on": "2026-01-05", "answers": {}}
    >>> result = transition.score(rubric, transition.load_assessment(answers, rubric))
    >>> view = plan_view(transition.plan(result))
    >>> view["summary"]
    '43 tasks over 86 weeks, finishing on 2027-08-30.'
    >>> view["critical_path"][0]["title"], view["workstreams"][0]["title"]
    ('A named leader has stepped forward', 'Programme')
    """
    result = plan.result
    rubric = None if result is None else result.rubric
    titles = {} if rubric is None else {m: ms.title for m, ms in rubric.milestones.items()}
    characteristics = {} if rubric is None else {c.id: c.title for c in rubric.characteristics}
    tasks = [_task(task, titles, characteristics) for task in plan.tasks]
    _draw_tasks(plan, tasks)
    by_id = {t["id"]: t for t in tasks}
    order = _workstream_order(rubric)
    groups: dict[str, list[TaskView]] = {}
    for row in tasks:
        groups.setdefault(row["workstream"], []).append(row)
    names = sorted(groups, key=lambda name: order.index(name) if name in order else len(order))
    target = plan.target
    return {
        "organisation": plan.organisation,
        "rubric": {}
        if rubric is None
        else {"id": rubric.id, "title": rubric.title, "version": rubric.version},
        "target": None
        if target is None
        else {"id": target.id, "title": target.title or target.id, "by": _iso(target.by)},
        "include": plan.include,
        "capacity": _capacity_text(plan),
        "start": _iso(plan.start),
        "deadline": _iso(plan.deadline),
        "deadline_text": deadline_text(plan.deadline, plan.late_weeks),
        "length_weeks": plan.length_weeks,
        "finish_date": _iso(plan.finish_date),
        "late_weeks": plan.late_weeks,
        "feasible": plan.feasible,
        "summary": plan_summary(
            len(plan.tasks), plan.length_weeks, plan.finish_date, plan.deadline, plan.late_weeks
        ),
        "tasks": tasks,
        "critical_path": [by_id[t] for t in plan.critical_path],
        "workstreams": [
            {"id": name, "title": workstream_title(name), "tasks": groups[name]} for name in names
        ],
        "gantt": gantt(
            [
                GanttTask(
                    t.id,
                    t.title,
                    t.workstream,
                    t.status.value,
                    t.start_week,
                    t.finish_week,
                    t.slack_weeks,
                    t.critical,
                )
                for t in plan.tasks
            ],
            start=plan.start,
            deadline=plan.deadline,
            workstreams=order,
        ),
    }


def build_plan_context(
    plan: Plan, *, generated_at: str | None = None, translator: Translator | None = None
) -> PlanContext:
    """The context of the plan report templates (see ``docs/templates.md``), its words
    in ``translator``'s locale (by default, the current one: see
    :mod:`transition.locale`)."""
    if translator is not None:
        with using(translator):
            return build_plan_context(plan, generated_at=generated_at)
    return {
        "generated_at": generated_at,
        "scope": "",
        "statuses": translated_statuses(),
        "plan": plan_view(plan),
    }


def _points(value: float) -> str:
    return gettext("%(points)s points") % {"points": current().fixed(value * 100, 1)}


def gap_view(gap: Gap) -> GapView:
    """What the reports show of ``gap``.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> blank = transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
    >>> result = transition.score(rubric, blank)
    >>> wanted = {"target": "t", "rubric": rubric.id, "band": "ready"}
    >>> target = transition.load_target(wanted, rubric)
    >>> view = gap_view(transition.gap(result, target))
    >>> view["summary"]
    'Not reached yet: 44 milestones to raise, over 86 weeks.'
    >>> view["band"]["now"], view["band"]["target"], view["projected_band"]
    ('Not ready', 'Ready', 'Ready')
    """
    projected, target = gap.projected, gap.target
    rubric = projected.rubric
    scale = {level.value: level.label for level in rubric.scale}
    bands = {band.id: band.label for band in rubric.bands}
    titles = {c.id: c.title for c in rubric.characteristics}
    plan = gap.plan
    current = plan.result
    band: GapRow | None = None
    if gap.band.target is not None:
        band = {
            "title": gettext("Band"),
            "now": bands[gap.band.current],
            "target": bands[gap.band.target],
            "holds": [b.id for b in rubric.bands].index(gap.band.current)
            >= [b.id for b in rubric.bands].index(gap.band.target),
            "shortfall": "",
        }
    characteristics: list[GapRow] = [
        {
            "title": titles[cid],
            "now": percent(c.current, 1),
            "target": percent(c.target, 1),
            "holds": c.shortfall == 0,
            "shortfall": _points(c.shortfall),
        }
        for cid, c in gap.characteristics.items()
    ]
    milestones: list[GapRow] = [
        {
            "title": rubric.milestones[mid].title,
            "now": level_label(scale, m.level),
            "target": level_label(scale, m.target),
            "holds": m.level is NA or (isinstance(m.level, int) and m.level >= m.target),
            "shortfall": "",
        }
        for mid, m in gap.milestones.items()
    ]
    goal: list[GoalView] = []
    for mid, level in gap.goal:
        milestone = rubric.milestones[mid]
        now = None if current is None else current.milestones[mid]
        label, symbol, _ = status_style(now.status.value) if now else ("", "", "")
        goal.append(
            {
                "id": mid,
                "title": milestone.title,
                "characteristic_title": titles[milestone.characteristic],
                "now": "" if now is None else level_label(scale, now.effective_level),
                "target": level_label(scale, level),
                "status_label": label,
                "status_symbol": symbol,
            }
        )
    names = {"band": gettext("the band")} | {f"characteristics.{c}": t for c, t in titles.items()}
    return {
        "target": {"id": target.id, "title": target.title or target.id, "by": _iso(target.by)},
        "reached": gap.reached,
        "reachable": gap.reachable,
        "summary": gap_summary(gap.reached, gap.reachable, len(gap.goal), plan.length_weeks),
        "unreachable": [names.get(u, u) for u in gap.unreachable],
        "band": band,
        "characteristics": characteristics,
        "milestones": milestones,
        "goal": goal,
        "projected_score_pct": percent(projected.score, 1),
        "projected_band": projected.band.label,
        "plan": plan_view(plan),
    }


def build_gap_context(
    gap: Gap, *, generated_at: str | None = None, translator: Translator | None = None
) -> GapContext:
    """The context of the gap report templates (see ``docs/templates.md``), its words in
    ``translator``'s locale (by default, the current one)."""
    if translator is not None:
        with using(translator):
            return build_gap_context(gap, generated_at=generated_at)
    return {
        "generated_at": generated_at,
        "scope": "",
        "statuses": translated_statuses(),
        "organisation": None if gap.plan.result is None else gap.plan.result.organisation,
        "gap": gap_view(gap),
    }
