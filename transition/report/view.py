"""The view model: everything a report shows, built once from a result.

Every reporter renders the same context, so the formats cannot disagree. Values are
plain data (text, numbers, lists, mappings and the frozen geometry of the charts in
:mod:`transition.report.charts`); nothing here is escaped: escaping belongs to each
format's template environment. ``docs/templates.md`` documents every key.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from .._words import band_summary, evidence_note, next_band_text, reason_text
from ..locale import N_, current, gettext
from ..model import NA, Band, Milestone, Reference, Rubric
from ..result import MilestoneResult, Readiness, Status
from ._format import percent
from .charts.graph import Graph, graph_of
from .charts.radar import Radar, radar

if TYPE_CHECKING:
    from .plan_view import GapView, PlanView

__all__ = [
    "STATUS_STYLE",
    "BandEntry",
    "BandView",
    "BlockerView",
    "CharacteristicView",
    "MilestoneView",
    "NextBandView",
    "PhaseRef",
    "PhaseView",
    "ReportContext",
    "RubricView",
    "ScaleEntry",
    "StatusEntry",
    "build_context",
    "level_label",
    "status_entries",
]

#: How each status is shown: label, a symbol (so status is never colour alone), colour.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    Status.MET.value: (N_("Met"), "\u2713", "#1b7f3b"),
    Status.IN_PROGRESS.value: (N_("In progress"), "\u25d0", "#b26a00"),
    Status.NOT_STARTED.value: (N_("Not started"), "\u25cb", "#6b6b6b"),
    Status.BLOCKED.value: (N_("Blocked"), "\u2716", "#b3261e"),
    Status.UNASSESSED.value: (N_("Not assessed"), "?", "#4a5fa8"),
    Status.NOT_APPLICABLE.value: (N_("Not applicable"), "\u2013", "#8a8a8a"),
}


class StatusEntry(TypedDict):
    """How one status is shown (the legend)."""

    id: str
    label: str
    symbol: str
    colour: str


class PhaseRef(TypedDict):
    """A phase of the rubric."""

    id: str
    title: str


class BlockerView(TypedDict):
    """A prerequisite below the level needed."""

    id: str
    title: str
    required: int
    level: int
    #: The levels as a reader sees them: number and scale label ("3 Established").
    required_label: str
    level_label: str


class MilestoneView(TypedDict):
    """A milestone as every report shows it (``docs/templates.md``, "Milestones")."""

    id: str
    title: str
    description: str
    characteristic: str
    characteristic_title: str
    phase: str | None
    phase_title: str
    critical: bool
    weight: float
    duration_weeks: float
    status: str
    status_label: str
    status_symbol: str
    status_colour: str
    level: int | str | None
    level_label: str
    effective_level: int | None
    effective_label: str
    credit: float | None
    reason: str
    reason_kind: str
    overclaimed: bool
    unmet: list[BlockerView]
    respondents: list[int]
    spread: int | None
    disagreement: bool
    next_level: int | None
    next_level_label: str
    guidance_next: str
    evidence_prompts: list[str]
    evidence: list[str]
    evidence_note: str
    notes: str
    assessor: str
    #: Milestones the rubric links this one to (never gating): ``id``, ``title``.
    related: list[dict[str, str]]
    references: list[ReferenceView]


class AreaView(TypedDict):
    """An area's score and counts (SPEC 3.1), shown under its characteristic."""

    id: str
    title: str
    score: float | None
    score_pct: str
    bar: str
    met: int
    applicable: int


class ReferenceView(TypedDict):
    """A source to read: its title, and its web address (``None`` for text only)."""

    title: str
    url: str | None


class CharacteristicView(TypedDict):
    """A characteristic's score and counts."""

    id: str
    title: str
    description: str
    weight: float
    score: float | None
    score_pct: str
    bar: str
    met: int
    applicable: int
    total: int
    #: The characteristic's areas, in rubric order (empty for a rubric without areas).
    areas: list[AreaView]
    references: list[ReferenceView]


class RubricView(TypedDict):
    """The rubric scored with."""

    id: str
    title: str
    version: str
    met_level: int
    met_label: str
    gating: str
    #: The rubric's own references, and whether anything in it has references at all.
    references: list[ReferenceView]
    has_references: bool


class ScaleEntry(TypedDict):
    """A level of the rubric's scale."""

    value: int
    label: str


class BandView(TypedDict):
    """The band reached; ``summary`` is built from the result, ``description`` is the
    rubric's (what the band usually means)."""

    id: str
    label: str
    description: str
    summary: str


class BandEntry(TypedDict):
    """A band of the rubric."""

    id: str
    label: str
    min_pct: str
    requires_critical: bool
    current: bool
    description: str


class NextBandView(TypedDict):
    """What the next band up needs."""

    id: str
    label: str
    min: float
    score_gap: float
    score_gap_points: str
    min_pct: str
    critical_gates: list[MilestoneView]
    summary: str


class PhaseView(TypedDict):
    """The score counting only what is due by the phase the team is in."""

    phase: PhaseRef
    score: float | None
    score_pct: str
    overdue: list[MilestoneView]


class ReportContext(TypedDict):
    """Everything a readiness report shows (``docs/templates.md``, "The context")."""

    generated_at: str | None
    scope: str
    organisation: str
    assessed_on: str | None
    assessor: str
    phase: PhaseRef | None
    rubric: RubricView
    scale: list[ScaleEntry]
    score: float
    score_pct: str
    band: BandView
    bands: list[BandEntry]
    next_band: NextBandView | None
    coverage: float
    coverage_pct: str
    critical_satisfied: bool
    critical: list[MilestoneView]
    characteristics: list[CharacteristicView]
    radar: Radar
    graph: Graph
    statuses: list[StatusEntry]
    milestones: list[MilestoneView]
    next_steps: list[MilestoneView]
    blocked: list[MilestoneView]
    overclaimed: list[MilestoneView]
    disagreements: list[MilestoneView]
    readiness_path: list[MilestoneView]
    weeks_to_ready: float
    phase_view: PhaseView | None
    evidence: list[MilestoneView]
    #: The draft plan of the readiness path or, with a target, of the target's goal set.
    plan: PlanView
    plan_heading: str
    #: Where the team stands against the target, when one was given.
    gap: GapView | None


def status_entries() -> list[StatusEntry]:
    """The legend: every status as it is shown, in :data:`STATUS_STYLE` order.

    >>> status_entries()[0]
    {'id': 'met', 'label': 'Met', 'symbol': '✓', 'colour': '#1b7f3b'}
    """
    return [
        {"id": status, "label": label, "symbol": symbol, "colour": colour}
        for status, (label, symbol, colour) in STATUS_STYLE.items()
    ]


def bar(value: float | None, width: int = 20) -> str:
    """A text bar for a score in [0, 1].

    >>> bar(0.5, 10)
    '█████░░░░░'
    """
    filled = round((value or 0.0) * width)
    return "\u2588" * filled + "\u2591" * (width - filled)


#: Statuses of a critical gate that is no longer open.
_CLOSED = (Status.MET.value, Status.NOT_APPLICABLE.value)


def level_label(rubric_scale: dict[int, str], level: object) -> str:
    """A level as a reader sees it: its number and its scale label.

    >>> level_label({2: "Developing"}, 2), level_label({}, None), level_label({}, NA)
    ('2 Developing', 'not assessed', 'n/a')
    """
    if level is NA:
        return gettext("n/a")
    if level is None:
        return gettext("not assessed")
    assert isinstance(level, int)
    return f"{level} {rubric_scale.get(level, '')}".strip()


def _milestone(
    result: Readiness,
    milestone: Milestone,
    outcome: MilestoneResult,
    scale: dict[int, str],
    titles: dict[str, str],
) -> MilestoneView:
    rubric, answer = result.rubric, result.assessment.answers.get(milestone.id)
    characteristic = rubric.characteristic(milestone.characteristic)
    phase_title = ""
    if milestone.phase is not None:
        phase_title = next(p.title for p in rubric.phases if p.id == milestone.phase)
    label, symbol, colour = STATUS_STYLE[outcome.status.value]
    label = gettext(label)
    effective = outcome.effective_level
    next_level = None if effective is None or effective >= rubric.top else effective + 1
    reason = outcome.reason
    claimed = level_label(scale, outcome.level)
    assessor = "" if answer is None else answer.assessor
    return {
        "id": milestone.id,
        "title": milestone.title,
        "description": milestone.description,
        "characteristic": characteristic.id,
        "characteristic_title": characteristic.title,
        "phase": milestone.phase,
        "phase_title": phase_title,
        "critical": milestone.critical,
        "weight": milestone.weight,
        "duration_weeks": milestone.duration_weeks,
        "status": outcome.status.value,
        "status_label": label,
        "status_symbol": symbol,
        "status_colour": colour,
        "level": gettext("n/a") if outcome.level is NA else outcome.level,
        "level_label": claimed,
        "effective_level": effective,
        "effective_label": gettext("n/a") if outcome.level is NA else level_label(scale, effective),
        "credit": outcome.credit,
        "reason": reason_text(reason, titles, scale),
        "reason_kind": reason.kind.value,
        "overclaimed": outcome.overclaimed,
        "unmet": [
            {
                "id": blocker.milestone,
                "title": rubric.milestones[blocker.milestone].title,
                "required": blocker.required,
                "level": blocker.level,
                "required_label": level_label(scale, blocker.required),
                "level_label": level_label(scale, blocker.level),
            }
            for blocker in outcome.blockers
        ],
        "respondents": list(outcome.respondents),
        "spread": outcome.spread,
        "disagreement": outcome.disagreement,
        "next_level": next_level,
        "next_level_label": "" if next_level is None else scale.get(next_level, ""),
        "guidance_next": "" if next_level is None else milestone.levels.get(next_level, ""),
        "evidence_prompts": list(milestone.evidence),
        "evidence": [] if answer is None else list(answer.evidence),
        "evidence_note": evidence_note(claimed, outcome.level is not None, assessor),
        "notes": "" if answer is None else answer.notes,
        "assessor": assessor,
        "related": [{"id": r, "title": titles.get(r, r)} for r in milestone.related],
        "references": _references(milestone.references),
    }


def _milestones(
    result: Readiness, scale: dict[int, str], titles: dict[str, str]
) -> list[MilestoneView]:
    """Every milestone's view, in rubric order (``milestones``)."""
    return [
        _milestone(result, milestone, result.milestones[milestone.id], scale, titles)
        for milestone in result.rubric.milestones.values()
    ]


def _scale_entries(scale: dict[int, str]) -> list[ScaleEntry]:
    """The rubric's scale, level by level (``scale``)."""
    return [{"value": v, "label": label} for v, label in scale.items()]


def _with_evidence(milestones: list[MilestoneView]) -> list[MilestoneView]:
    """The milestones with evidence or notes to show (``evidence``)."""
    return [m for m in milestones if m["evidence"] or m["notes"]]


def _characteristics(result: Readiness) -> list[CharacteristicView]:
    """Each characteristic's score and counts (``characteristics``)."""
    characteristics: list[CharacteristicView] = []
    for characteristic in result.rubric.characteristics:
        outcome = result.characteristics[characteristic.id]
        characteristics.append(
            {
                "id": characteristic.id,
                "title": characteristic.title,
                "description": characteristic.description,
                "weight": characteristic.weight,
                "score": outcome.score,
                "score_pct": percent(outcome.score),
                "bar": bar(outcome.score),
                "met": outcome.met,
                "applicable": outcome.applicable,
                "total": outcome.total,
                "areas": [
                    _area(area.id, area.title, result)
                    for area in result.rubric.areas
                    if area.characteristic == characteristic.id
                ],
                "references": _references(characteristic.references),
            }
        )
    return characteristics


def _area(area_id: str, title: str, result: Readiness) -> AreaView:
    outcome = result.areas[area_id]
    return {
        "id": area_id,
        "title": title,
        "score": outcome.score,
        "score_pct": percent(outcome.score),
        "bar": bar(outcome.score),
        "met": outcome.met,
        "applicable": outcome.applicable,
    }


def _references(references: tuple[Reference, ...]) -> list[ReferenceView]:
    """References as the reports show them (``url`` checked http(s) by the loader)."""
    return [{"title": ref.title, "url": ref.url} for ref in references]


def _phase(result: Readiness) -> PhaseRef | None:
    """The phase the team is in, if the assessment names one (``phase``)."""
    if result.phase is None:
        return None
    return next(
        PhaseRef(id=p.id, title=p.title) for p in result.rubric.phases if p.id == result.phase
    )


def _band(
    result: Readiness,
    critical: list[MilestoneView],
    characteristics: list[CharacteristicView],
) -> BandView:
    """The band reached, with a summary built from the result (``band``)."""
    band = result.band
    open_gates = [m for m in critical if m["status"] not in _CLOSED]
    summary = band_summary(
        band.label,
        percent(result.score, 1),
        sum(c["met"] for c in characteristics),
        sum(c["applicable"] for c in characteristics),
        len(open_gates),
        len(critical),
    )
    return {
        "id": band.id,
        "label": band.label,
        "description": band.description,
        "summary": summary,
    }


def _bands(rubric: Rubric, current: Band) -> list[BandEntry]:
    """Every band of the rubric, the current one marked (``bands``)."""
    return [
        {
            "id": b.id,
            "label": b.label,
            "min_pct": percent(b.min, 1),
            "requires_critical": b.requires_critical,
            "current": b.id == current.id,
            "description": b.description,
        }
        for b in rubric.bands
    ]


def _next_band(
    result: Readiness, by_id: dict[str, MilestoneView], titles: dict[str, str]
) -> NextBandView | None:
    """What the next band up needs, if there is one (``next_band``)."""
    upcoming = result.next_band
    if upcoming is None:
        return None
    return {
        "id": upcoming.band.id,
        "label": upcoming.band.label,
        "min": upcoming.band.min,
        "score_gap": upcoming.score_gap,
        "score_gap_points": current().fixed(upcoming.score_gap * 100, 1),
        "min_pct": percent(upcoming.band.min, 1),
        "critical_gates": [by_id[m] for m in upcoming.critical_gates],
        "summary": next_band_text(upcoming, titles),
    }


def _timestamp(generated_at: datetime.datetime | datetime.date | str | None) -> str | None:
    """The injected clock as text, dates in ISO 8601 (``generated_at``)."""
    if isinstance(generated_at, datetime.datetime | datetime.date):
        return generated_at.isoformat()
    return generated_at


def _rubric(rubric: Rubric, scale: dict[int, str]) -> RubricView:
    """The rubric scored with (``rubric``)."""
    return {
        "id": rubric.id,
        "title": rubric.title,
        "version": rubric.version,
        "met_level": rubric.met_level,
        "met_label": scale[rubric.met_level],
        "gating": rubric.gating.value,
        "references": _references(rubric.references),
        "has_references": bool(rubric.references)
        or any(c.references for c in rubric.characteristics)
        or any(m.references for m in rubric.milestones.values()),
    }


def _graph(result: Readiness) -> Graph:
    """The dependency graph laid out with each milestone's status (``graph``): the one
    ``transition graph ASSESSMENT`` draws too."""
    return graph_of(result.rubric, result)


def _phase_view(
    result: Readiness, phase: PhaseRef | None, by_id: dict[str, MilestoneView]
) -> PhaseView | None:
    """The score counting only what is due by the phase (``phase_view``)."""
    if phase is None:
        return None
    return {
        "phase": phase,
        "score": result.phase_score,
        "score_pct": percent(result.phase_score, 1),
        "overdue": [by_id[m] for m in result.overdue or ()],
    }


def _plan_sections(result: Readiness, target: Any) -> tuple[PlanView, str, GapView | None]:
    """The plan section (and, with a target, the gap section) of a readiness report."""
    from ..planning import plan
    from ..targets import gap
    from .plan_view import gap_view, plan_view

    if target is None:
        return plan_view(plan(result)), gettext("Draft plan of the readiness path"), None
    view = gap_view(gap(result, target))
    heading = gettext("Draft plan to reach the target: %(title)s") % {
        "title": view["target"]["title"]
    }
    return view["plan"], heading, view


def build_context(
    result: Readiness,
    *,
    generated_at: datetime.datetime | datetime.date | str | None = None,
    target: Any = None,
) -> ReportContext:
    """Build the template context for a result (see ``docs/templates.md``).

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric,
    ...     transition.load_assessment(
    ...         {"rubric": rubric.id, "organisation": "Riverside", "answers": {"named_leader": 3}},
    ...         rubric,
    ...     ),
    ... )
    >>> context = build_context(result)
    >>> context["organisation"], context["band"]["label"], context["score_pct"]
    ('Riverside', 'Not ready', '3.3%')
    >>> context["milestones"][0]["status_label"]
    'Met'
    >>> context["plan_heading"], context["gap"]
    ('Draft plan of the readiness path', None)
    >>> context["plan"]["summary"]
    '42 tasks over 84 weeks (no start date, so no dates).'
    """
    rubric = result.rubric
    scale = {level.value: level.label for level in rubric.scale}
    titles = {mid: milestone.title for mid, milestone in rubric.milestones.items()}
    milestones = _milestones(result, scale, titles)
    by_id = {m["id"]: m for m in milestones}
    characteristics = _characteristics(result)
    phase = _phase(result)
    critical = [m for m in milestones if m["critical"]]
    plan, plan_heading, gap = _plan_sections(result, target)
    return {
        "generated_at": _timestamp(generated_at),
        "scope": "",
        "organisation": result.organisation,
        "assessed_on": None if result.assessed_on is None else result.assessed_on.isoformat(),
        "assessor": result.assessor,
        "phase": phase,
        "rubric": _rubric(rubric, scale),
        "scale": _scale_entries(scale),
        "score": result.score,
        "score_pct": percent(result.score, 1),
        "band": _band(result, critical, characteristics),
        "bands": _bands(rubric, result.band),
        "next_band": _next_band(result, by_id, titles),
        "coverage": result.coverage,
        "coverage_pct": percent(result.coverage),
        "critical_satisfied": result.critical_satisfied,
        "critical": critical,
        "characteristics": characteristics,
        "radar": radar([(c["id"], c["title"], c["score"]) for c in characteristics]),
        "graph": _graph(result),
        "statuses": [entry | {"label": gettext(entry["label"])} for entry in status_entries()],
        "milestones": milestones,
        "next_steps": [by_id[m] for m in result.next_steps],
        "blocked": [m for m in milestones if m["status"] == Status.BLOCKED.value],
        "overclaimed": [m for m in milestones if m["overclaimed"]],
        "disagreements": [m for m in milestones if m["disagreement"]],
        "readiness_path": [by_id[m] for m in result.readiness_path],
        "weeks_to_ready": result.weeks_to_ready,
        "phase_view": _phase_view(result, phase, by_id),
        "evidence": _with_evidence(milestones),
        "plan": plan,
        "plan_heading": plan_heading,
        "gap": gap,
    }
