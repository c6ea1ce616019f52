"""A plan as a Gantt chart: one row per task, grouped by workstream, bars in weeks.

The chart is drawn once for every size of plan: rows are as tall as their wrapped title
needs (titles are never cut), the time axis is chosen so that it carries at most
:data:`MAX_TICKS` labels, each a week number and, when the plan has dates, the date of
that week. Critical tasks are marked by a dark, outlined bar *and* the word "critical",
the deadline by a labelled dashed line, and with unlimited capacity each task's slack by
a thin line to its latest finish, so nothing is told by colour alone.
"""

from __future__ import annotations

import datetime
import math
import textwrap
from collections.abc import Mapping, Sequence

import attrs

from ...locale import current, gettext
from ...planning import week_date
from .._format import coordinate

__all__ = ["Gantt", "GanttBar", "GanttGroup", "GanttTick", "gantt", "tick_step"]

WIDTH = 1000.0
LABEL_WIDTH = 360.0
#: Characters of a title per line in the label column (12 px text).
LABEL_CHARS = 50
MARGIN_RIGHT = 70.0
AXIS_HEIGHT = 44.0
GROUP_HEIGHT = 26.0
ROW_HEIGHT = 22.0
LINE_HEIGHT = 14.0
BAR_HEIGHT = 12.0
BOTTOM = 28.0
MAX_TICKS = 8
#: Tick steps in weeks, smallest first: a week, a fortnight, four weeks, a quarter...
STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 208, 520, 1040)


@attrs.frozen
class GanttTick:
    """A gridline of the time axis: its position and its label lines."""

    x: float
    week: str
    date: str | None


@attrs.frozen
class GanttGroup:
    """A workstream's header row."""

    id: str
    title: str
    y: float
    tasks: int
    #: The week its first task starts and the week its last task finishes (the chart's
    #: text equivalent gives them).
    first: str = ""
    last: str = ""


@attrs.frozen
class GanttBar:
    """One task: its row and bar (a diamond when it takes no time)."""

    id: str
    title: str
    lines: tuple[str, ...]
    status: str
    critical: bool
    #: The top of the row and its height; the bar is centred in it.
    y: float
    height: float
    bar_y: float
    x: float
    width: float
    #: Where the slack line ends (the latest finish), or None without slack to show.
    slack_x: float | None
    point: bool
    start: str
    finish: str


@attrs.frozen
class GanttMarker:
    """A vertical line across the bars, labelled below them: the deadline."""

    x: float
    label: str


@attrs.frozen
class Gantt:
    """The geometry of a plan's Gantt chart, in a ``width`` x ``height`` canvas.

    Bars run from ``left`` (week 0) to ``right`` (week ``weeks``); the axis labels sit
    above ``top``.
    """

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    weeks: float
    ticks: tuple[GanttTick, ...]
    groups: tuple[GanttGroup, ...]
    bars: tuple[GanttBar, ...]
    deadline: GanttMarker | None


def tick_step(weeks: float) -> int:
    """The smallest step of :data:`STEPS` that gives at most :data:`MAX_TICKS` intervals.

    >>> tick_step(6), tick_step(20), tick_step(84), tick_step(400)
    (1, 4, 13, 52)
    """
    for step in STEPS:
        if weeks / step <= MAX_TICKS:
            return step
    return STEPS[-1] * math.ceil(weeks / (STEPS[-1] * MAX_TICKS))


def _week_text(weeks: float) -> str:
    return f"{weeks:g}"


def workstream_title(workstream: str) -> str:
    """A workstream id as a heading: ``people_and_hr`` -> ``People and hr``.

    >>> workstream_title("commissioning"), workstream_title("legal_governance")
    ('Commissioning', 'Legal governance')
    """
    return workstream.replace("_", " ").capitalize()


@attrs.frozen
class GanttTask:
    """What the chart needs of a task (a :class:`transition.planning.Task` has it all)."""

    id: str
    title: str
    workstream: str
    status: str
    start_week: float
    finish_week: float
    slack_weeks: float | None
    critical: bool


def gantt(
    tasks: Sequence[GanttTask],
    *,
    start: datetime.date | None = None,
    deadline: datetime.date | None = None,
    workstreams: Sequence[str] = (),
    titles: Mapping[str, str] | None = None,
) -> Gantt:
    """Lay out the Gantt chart of ``tasks`` (in plan order).

    ``workstreams`` gives the order of the groups (workstreams not in it follow, in the
    order their first task comes); ``titles`` their headings (default:
    :func:`workstream_title`). With ``start``, the axis shows dates and a ``deadline``
    is drawn; the axis reaches the deadline when it is after the last finish.

    >>> tasks = [
    ...     GanttTask("a", "Agree the case", "people", "not_started", 0.0, 4.0, 0.0, True),
    ...     GanttTask("b", "Brief the staff", "engagement", "blocked", 0.0, 2.0, 2.0, False),
    ...     GanttTask("c", "Go live", "people", "not_started", 4.0, 4.0, 0.0, True),
    ... ]
    >>> chart = gantt(
    ...     tasks,
    ...     start=datetime.date(2026, 1, 5),
    ...     deadline=datetime.date(2026, 2, 16),
    ...     workstreams=["people", "engagement"],
    ... )
    >>> [(g.title, g.tasks, g.first, g.last) for g in chart.groups]
    [('People', 2, '0', '4'), ('Engagement', 1, '0', '2')]
    >>> [(b.id, b.x, b.width, b.point) for b in chart.bars]
    [('a', 360.0, 380.0, False), ('c', 740.0, 0.0, True), ('b', 360.0, 190.0, False)]
    >>> chart.weeks, [(t.week, t.date) for t in chart.ticks][:2]
    (6.0, [('0', '2026-01-05'), ('1', '2026-01-12')])
    >>> chart.deadline
    GanttMarker(x=930.0, label='Deadline 2026-02-16')
    >>> chart.bars[2].slack_x  # b can finish as late as week 4
    740.0
    """
    length = max((t.finish_week for t in tasks), default=0.0)
    deadline_weeks = None if deadline is None or start is None else (deadline - start).days / 7
    weeks = max(length, deadline_weeks or 0.0, 1.0)
    left, right = LABEL_WIDTH, WIDTH - MARGIN_RIGHT
    scale = (right - left) / weeks

    def x_of(week: float) -> float:
        return coordinate(left + scale * min(max(week, 0.0), weeks))

    step = tick_step(weeks)
    ticks = tuple(
        GanttTick(x_of(w), _week_text(w), _iso(week_date(start, w)))
        for w in range(0, math.floor(weeks) + 1, step)
    )
    order = {name: i for i, name in enumerate(workstreams)}
    by_group: dict[str, list[GanttTask]] = {}
    for task in tasks:
        by_group.setdefault(task.workstream, []).append(task)
    names = sorted(by_group, key=lambda name: order.get(name, len(order)))
    y = AXIS_HEIGHT
    groups, bars = [], []
    for name in names:
        members = by_group[name]
        title = (titles or {}).get(name) or workstream_title(name)
        first = _week_text(min(t.start_week for t in members))
        last = _week_text(max(t.finish_week for t in members))
        groups.append(GanttGroup(name, title, coordinate(y), len(members), first, last))
        y += GROUP_HEIGHT
        for task in members:
            lines = tuple(textwrap.wrap(task.title, LABEL_CHARS)) or ("",)
            height = max(ROW_HEIGHT, LINE_HEIGHT * len(lines) + 8)
            x, x2 = x_of(task.start_week), x_of(task.finish_week)
            slack = task.slack_weeks
            bars.append(
                GanttBar(
                    id=task.id,
                    title=task.title,
                    lines=lines,
                    status=task.status,
                    critical=task.critical,
                    y=coordinate(y),
                    height=height,
                    bar_y=coordinate(y + (height - BAR_HEIGHT) / 2),
                    x=x,
                    width=coordinate(x2 - x),
                    slack_x=x_of(task.finish_week + slack) if slack else None,
                    point=task.finish_week == task.start_week,
                    start=_week_text(task.start_week),
                    finish=_week_text(task.finish_week),
                )
            )
            y += height
    marker = None
    if deadline is not None and deadline_weeks is not None:
        values = {"date": current().date(deadline)}
        if deadline_weeks < 0:
            label = gettext("Deadline %(date)s (before the start)") % values
        else:
            label = gettext("Deadline %(date)s") % values
        marker = GanttMarker(x_of(deadline_weeks), label)
    return Gantt(
        width=WIDTH,
        height=coordinate(y + BOTTOM),
        left=left,
        right=right,
        top=AXIS_HEIGHT,
        bottom=coordinate(y),
        weeks=weeks,
        ticks=ticks,
        groups=tuple(groups),
        bars=tuple(bars),
        deadline=marker,
    )


def _iso(day: datetime.date | None) -> str | None:
    return None if day is None else day.isoformat()
