"""The view model of a progress report.

Like :mod:`transition.report.view` for one result, this builds the context once for
every format, as plain data (text, numbers, lists, mappings and the frozen geometry of
the trend chart, :class:`Trend`, computed by :mod:`transition.report.charts.trend`);
nothing here is escaped. ``docs/templates.md`` documents every key
under "Progress over time".
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TypedDict

from .._words import note_text, reason_text
from ..locale import Translator, gettext, using
from ..model import Rubric
from ..progress import Change, MilestoneChange, Point, Progress
from ..result import MilestoneResult, Readiness
from ._format import percent
from .charts.trend import Trend, TrendLine, TrendPoint, trend
from .plan_view import status_style, translated_statuses
from .view import PhaseRef, StatusEntry

__all__ = [
    "ChangeView",
    "MilestoneChangeView",
    "PointView",
    "ProgressContext",
    "SideView",
    "Trend",
    "TrendLine",
    "TrendPoint",
    "build_progress_context",
    "signed_points",
    "trend",
]

#: How a milestone that is not in one side's rubric version is shown.
ABSENT_STYLE = ("Not in the rubric", "\u2013", "#8a8a8a")


def signed_points(change: float | None) -> str:
    """A change of score in percentage points, with its sign; ``n/a`` for None.

    >>> signed_points(0.074), signed_points(-0.1014), signed_points(-1e-17), signed_points(None)
    ('+7.4', '-10.1', '0.0', 'n/a')
    """
    if change is None:
        return gettext("n/a")
    points = round(change * 100, 1) + 0.0
    return "0.0" if points == 0 else f"{points:+.1f}"


class LabelRef(TypedDict):
    """A band: its id and label."""

    id: str
    label: str


class SideView(TypedDict):
    """A milestone's status on one side of a change."""

    status: str
    status_label: str
    status_symbol: str
    status_colour: str
    level: int | None
    level_label: str
    claimed_label: str
    reason: str


class MilestoneChangeView(SideView):
    """A milestone that changed: as it is at ``until``, and ``before``, at ``since``."""

    id: str
    title: str
    characteristic: str
    characteristic_title: str
    critical: bool
    before: SideView


class CharacteristicChangeView(TypedDict):
    """A characteristic's score before and after."""

    id: str
    title: str
    before: float | None
    after: float | None
    before_pct: str
    after_pct: str
    change: float | None
    change_points: str


class ChangeView(TypedDict):
    """What changed from one assessment to a later one."""

    since: str
    until: str
    days: int
    score_before: float
    score_after: float
    score_before_pct: str
    score_after_pct: str
    score_change: float
    score_change_points: str
    band_before: LabelRef
    band_after: LabelRef
    band_changed: bool
    characteristics: list[CharacteristicChangeView]
    newly_met: list[MilestoneChangeView]
    regressed: list[MilestoneChangeView]
    newly_blocked: list[MilestoneChangeView]
    new_overclaims: list[MilestoneChangeView]
    milestones_changed: bool


class PointCharacteristicView(TypedDict):
    """A characteristic's score at one assessment."""

    id: str
    title: str
    score: float | None
    score_pct: str


class PointView(TypedDict):
    """One assessment's headline figures."""

    assessed_on: str
    rubric_version: str
    phase: PhaseRef | None
    assessor: str
    score: float
    score_pct: str
    band: LabelRef
    coverage: float
    coverage_pct: str
    critical_satisfied: bool
    weeks_to_ready: float
    met: int
    characteristics: list[PointCharacteristicView]


class CharacteristicSeriesView(TypedDict):
    """A characteristic's score at every assessment."""

    id: str
    title: str
    scores: list[float | None]
    scores_pct: list[str]
    change: float | None
    change_points: str


class ProgressRubricView(TypedDict):
    """The newest rubric, and every version used."""

    id: str
    title: str
    version: str
    versions: list[str]
    met_level: int
    met_label: str
    gating: str


class ProgressBandEntry(TypedDict):
    """A band of the newest rubric."""

    id: str
    label: str
    min: float
    min_pct: str
    requires_critical: bool


class ProgressContext(TypedDict):
    """Everything a progress report shows (``docs/templates.md``, "Progress over time")."""

    generated_at: str | None
    scope: str
    organisation: str
    rubric: ProgressRubricView
    notes: list[str]
    points: list[PointView]
    first: PointView
    last: PointView
    days: int
    characteristics: list[CharacteristicSeriesView]
    overall: ChangeView
    steps: list[ChangeView]
    bands: list[ProgressBandEntry]
    trend: Trend
    statuses: list[StatusEntry]


def _side(
    outcome: MilestoneResult | None, scale: dict[int, str], titles: Mapping[str, str]
) -> SideView:
    """A milestone's status on one side of a change; ``outcome`` None: not in that rubric.

    ``level_label`` is the level that counts, ``"3 Established"``, and empty when the
    status says it all (not assessed, not applicable, not in the rubric).
    """
    if outcome is None:
        label, symbol, colour = ABSENT_STYLE
        label = gettext(label)
        status = "absent"
    else:
        status = outcome.status.value
        label, symbol, colour = status_style(status)
    assessed = outcome is not None and isinstance(outcome.level, int)
    effective = None if outcome is None else outcome.effective_level
    return {
        "status": status,
        "status_label": label,
        "status_symbol": symbol,
        "status_colour": colour,
        "level": effective,
        "level_label": f"{effective} {scale.get(effective, '')}".strip()
        if assessed and effective is not None
        else "",
        "claimed_label": f"{outcome.level} {scale.get(outcome.level, '')}".strip()
        if outcome is not None and isinstance(outcome.level, int)
        else "",
        "reason": "" if outcome is None else reason_text(outcome.reason, titles, scale),
    }


class _Titles:
    """Titles of milestones and characteristics, from the newest rubric that has them."""

    def __init__(self, rubrics: Sequence[Rubric]) -> None:
        self.milestones: dict[str, tuple[str, str, bool]] = {}
        self.milestone_titles: dict[str, str] = {}
        self.characteristics: dict[str, str] = {}
        for rubric in rubrics:  # oldest first, so the newest title wins
            for c in rubric.characteristics:
                self.characteristics[c.id] = c.title
            for m in rubric.milestones.values():
                self.milestones[m.id] = (m.title, m.characteristic, m.critical)
        self.milestone_titles = {mid: title for mid, (title, _, _) in self.milestones.items()}


def _change(change: Change, results: dict[datetime.date, Readiness], titles: _Titles) -> ChangeView:
    older, newer = results[change.since], results[change.until]
    scale = {level.value: level.label for level in newer.rubric.scale}
    old_scale = {level.value: level.label for level in older.rubric.scale}

    names = titles.milestone_titles

    def milestone(item: MilestoneChange) -> MilestoneChangeView:
        title, characteristic, critical = titles.milestones[item.id]
        before = older.milestones.get(item.id)
        after = _side(newer.milestones[item.id], scale, names)
        return {
            "id": item.id,
            "title": title,
            "characteristic": characteristic,
            "characteristic_title": titles.characteristics.get(characteristic, characteristic),
            "critical": critical,
            "status": after["status"],
            "status_label": after["status_label"],
            "status_symbol": after["status_symbol"],
            "status_colour": after["status_colour"],
            "level": after["level"],
            "level_label": after["level_label"],
            "claimed_label": after["claimed_label"],
            "reason": after["reason"],
            "before": _side(before, old_scale, names),
        }

    newly_met = [milestone(item) for item in change.newly_met]
    regressed = [milestone(item) for item in change.regressed]
    newly_blocked = [milestone(item) for item in change.newly_blocked]
    new_overclaims = [milestone(item) for item in change.new_overclaims]
    return {
        "since": change.since.isoformat(),
        "until": change.until.isoformat(),
        "days": change.days,
        "score_before": change.score_before,
        "score_after": change.score_after,
        "score_before_pct": percent(change.score_before, 1),
        "score_after_pct": percent(change.score_after, 1),
        "score_change": change.score_change,
        "score_change_points": signed_points(change.score_change),
        "band_before": {"id": change.band_before.id, "label": change.band_before.label},
        "band_after": {"id": change.band_after.id, "label": change.band_after.label},
        "band_changed": change.band_before.id != change.band_after.id,
        "characteristics": [
            {
                "id": c.id,
                "title": titles.characteristics.get(c.id, c.id),
                "before": c.before,
                "after": c.after,
                "before_pct": percent(c.before),
                "after_pct": percent(c.after),
                "change": c.change,
                "change_points": signed_points(c.change),
            }
            for c in change.characteristics.values()
        ],
        "newly_met": newly_met,
        "regressed": regressed,
        "newly_blocked": newly_blocked,
        "new_overclaims": new_overclaims,
        "milestones_changed": bool(newly_met or regressed or newly_blocked or new_overclaims),
    }


def _point(point: Point, result: Readiness, titles: _Titles) -> PointView:
    phase: PhaseRef | None = None
    if point.phase is not None:
        phase = next(
            PhaseRef(id=p.id, title=p.title) for p in result.rubric.phases if p.id == point.phase
        )
    return {
        "assessed_on": point.assessed_on.isoformat(),
        "rubric_version": point.rubric_version,
        "phase": phase,
        "assessor": point.assessor,
        "score": point.score,
        "score_pct": percent(point.score, 1),
        "band": {"id": point.band.id, "label": point.band.label},
        "coverage": point.coverage,
        "coverage_pct": percent(point.coverage),
        "critical_satisfied": point.critical_satisfied,
        "weeks_to_ready": point.weeks_to_ready,
        "met": point.met,
        "characteristics": [
            {
                "id": cid,
                "title": titles.characteristics.get(cid, cid),
                "score": score,
                "score_pct": percent(score),
            }
            for cid, score in point.characteristics.items()
        ],
    }


def build_progress_context(
    progress: Progress,
    *,
    generated_at: datetime.datetime | datetime.date | str | None = None,
    translator: Translator | None = None,
) -> ProgressContext:
    """Build the template context for a progress report (see ``docs/templates.md``),
    its words in ``translator``'s locale (by default, the current one).

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> def scored(day, level):
    ...     answers = {"named_leader": 3, "senior_sponsor": level}
    ...     data = {"rubric": rubric.id, "organisation": "Riverside", "assessed_on": day}
    ...     return transition.score(
    ...         rubric, transition.load_assessment({**data, "answers": answers}, rubric)
    ...     )
    >>> progress = transition.compare([scored("2026-06-01", 1), scored("2026-09-01", 3)])
    >>> context = build_progress_context(progress)
    >>> context["organisation"], context["last"]["score_pct"]
    ('Riverside', '6.6%')
    >>> context["overall"]["score_change_points"]
    '+2.2'
    >>> context["overall"]["newly_met"][0]["title"]
    'A senior sponsor backs the exploration'
    """
    if translator is not None:
        with using(translator):
            return _progress_context(progress, generated_at)
    return _progress_context(progress, generated_at)


def _progress_context(
    progress: Progress, generated_at: datetime.datetime | datetime.date | str | None
) -> ProgressContext:
    dated: dict[datetime.date, Readiness] = {}
    for result in progress.results:
        assert result.assessed_on is not None, "compare() accepts dated results only"
        dated[result.assessed_on] = result
    rubrics = [result.rubric for result in progress.results]
    titles = _Titles(rubrics)
    newest = rubrics[-1]
    scale = {level.value: level.label for level in newest.scale}
    points = [_point(point, dated[point.assessed_on], titles) for point in progress.points]
    characteristic_ids = dict.fromkeys(
        cid for point in reversed(progress.points) for cid in point.characteristics
    )
    order = [c.id for c in newest.characteristics]
    ids = order + [cid for cid in characteristic_ids if cid not in order]
    overall = progress.overall.characteristics
    characteristics: list[CharacteristicSeriesView] = [
        {
            "id": cid,
            "title": titles.characteristics.get(cid, cid),
            "scores": [p.characteristics.get(cid) for p in progress.points],
            "scores_pct": [percent(p.characteristics.get(cid)) for p in progress.points],
            "change": overall[cid].change if cid in overall else None,
            "change_points": signed_points(overall[cid].change if cid in overall else None),
        }
        for cid in ids
    ]
    if isinstance(generated_at, datetime.datetime | datetime.date):
        generated_at = generated_at.isoformat()
    return {
        "generated_at": generated_at,
        "scope": "",
        "organisation": progress.organisation,
        "rubric": {
            "id": newest.id,
            "title": newest.title,
            "version": newest.version,
            "versions": list(progress.rubric_versions),
            "met_level": newest.met_level,
            "met_label": scale[newest.met_level],
            "gating": newest.gating.value,
        },
        "notes": [note_text(note) for note in progress.notes],
        "points": points,
        "first": points[0],
        "last": points[-1],
        "days": progress.overall.days,
        "characteristics": characteristics,
        "overall": _change(progress.overall, dated, titles),
        "steps": [_change(step, dated, titles) for step in progress.steps],
        "bands": [
            {
                "id": b.id,
                "label": b.label,
                "min": b.min,
                "min_pct": percent(b.min, 1),
                "requires_critical": b.requires_critical,
            }
            for b in newest.bands
        ],
        "trend": trend(progress.points, newest.bands),
        "statuses": translated_statuses(),
    }
