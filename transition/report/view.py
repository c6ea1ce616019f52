"""The view model: everything a report shows, built once from a result.

Every reporter renders the same context, so the formats cannot disagree. Values are
plain data (text, numbers, lists, mappings and the frozen geometry of
:mod:`transition.report.svg`); nothing here is escaped: escaping belongs to each
format's template environment. ``docs/templates.md`` documents every key.
"""

from __future__ import annotations

import datetime
from typing import Any

from ..model import NA, Milestone
from ..result import MilestoneResult, Readiness, Status
from .charts.graph import layout_graph
from .charts.radar import radar

__all__ = ["STATUS_STYLE", "build_context"]

#: How each status is shown: label, a symbol (so status is never colour alone), colour.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    Status.MET.value: ("Met", "\u2713", "#1b7f3b"),
    Status.IN_PROGRESS.value: ("In progress", "\u25d0", "#b26a00"),
    Status.NOT_STARTED.value: ("Not started", "\u25cb", "#6b6b6b"),
    Status.BLOCKED.value: ("Blocked", "\u2716", "#b3261e"),
    Status.UNASSESSED.value: ("Not assessed", "?", "#4a5fa8"),
    Status.NOT_APPLICABLE.value: ("Not applicable", "\u2013", "#8a8a8a"),
}


def percent(value: float | None, digits: int = 0) -> str:
    """Format a score in [0, 1] as a percentage; ``n/a`` for None.

    >>> percent(0.625), percent(None), percent(1.0), percent(0.4462, 1)
    ('62%', 'n/a', '100%', '44.6%')
    """
    if value is None:
        return "n/a"
    return f"{value * 100:.{digits}f}%"


def bar(value: float | None, width: int = 20) -> str:
    """A text bar for a score in [0, 1].

    >>> bar(0.5, 10)
    '█████░░░░░'
    """
    filled = round((value or 0.0) * width)
    return "\u2588" * filled + "\u2591" * (width - filled)


def _level_label(rubric_scale: dict[int, str], level: object) -> str:
    if level is NA:
        return "n/a"
    if level is None:
        return "not assessed"
    assert isinstance(level, int)
    return f"{level} {rubric_scale.get(level, '')}".strip()


def _milestone(
    result: Readiness, milestone: Milestone, outcome: MilestoneResult, scale: dict[int, str]
) -> dict[str, Any]:
    rubric, answer = result.rubric, result.assessment.answers.get(milestone.id)
    characteristic = rubric.characteristic(milestone.characteristic)
    phase_title = ""
    if milestone.phase is not None:
        phase_title = next(p.title for p in rubric.phases if p.id == milestone.phase)
    label, symbol, colour = STATUS_STYLE[outcome.status.value]
    effective = outcome.effective_level
    next_level = None if effective is None or effective >= rubric.top else effective + 1
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
        "level": "n/a" if outcome.level is NA else outcome.level,
        "level_label": _level_label(scale, outcome.level),
        "effective_level": effective,
        "effective_label": "n/a" if outcome.level is NA else _level_label(scale, effective),
        "credit": outcome.credit,
        "reason": outcome.reason,
        "overclaimed": outcome.overclaimed,
        "unmet": [
            {
                "id": blocker.milestone,
                "title": rubric.milestones[blocker.milestone].title,
                "required": blocker.required,
                "level": blocker.level,
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
        "notes": "" if answer is None else answer.notes,
        "assessor": "" if answer is None else answer.assessor,
    }


def build_context(
    result: Readiness, *, generated_at: datetime.datetime | datetime.date | str | None = None
) -> dict[str, Any]:
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
    """
    rubric = result.rubric
    scale = {level.value: level.label for level in rubric.scale}
    milestones = [
        _milestone(result, milestone, result.milestones[milestone.id], scale)
        for milestone in rubric.milestones.values()
    ]
    by_id = {m["id"]: m for m in milestones}
    characteristics: list[dict[str, Any]] = []
    for characteristic in rubric.characteristics:
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
            }
        )
    phase = None
    if result.phase is not None:
        phase = next({"id": p.id, "title": p.title} for p in rubric.phases if p.id == result.phase)
    band = result.band
    next_band = None
    if result.next_band is not None:
        upcoming = result.next_band
        next_band = {
            "id": upcoming.band.id,
            "label": upcoming.band.label,
            "min": upcoming.band.min,
            "score_gap": upcoming.score_gap,
            "score_gap_points": f"{upcoming.score_gap * 100:.1f}",
            "min_pct": percent(upcoming.band.min, 1),
            "critical_gates": [by_id[m] for m in upcoming.critical_gates],
            "summary": upcoming.summary,
        }
    if isinstance(generated_at, datetime.datetime | datetime.date):
        generated_at = generated_at.isoformat()
    statuses = {m["id"]: m["status"] for m in milestones}
    unmet = {m["id"]: [u["id"] for u in m["unmet"]] for m in milestones}
    return {
        "generated_at": generated_at,
        "organisation": result.organisation,
        "assessed_on": None if result.assessed_on is None else result.assessed_on.isoformat(),
        "assessor": result.assessor,
        "phase": phase,
        "rubric": {
            "id": rubric.id,
            "title": rubric.title,
            "version": rubric.version,
            "met_level": rubric.met_level,
            "met_label": scale[rubric.met_level],
            "gating": rubric.gating.value,
        },
        "scale": [{"value": v, "label": label} for v, label in scale.items()],
        "score": result.score,
        "score_pct": percent(result.score, 1),
        "band": {"id": band.id, "label": band.label, "description": band.description},
        "bands": [
            {
                "id": b.id,
                "label": b.label,
                "min_pct": percent(b.min, 1),
                "requires_critical": b.requires_critical,
                "current": b.id == band.id,
            }
            for b in rubric.bands
        ],
        "next_band": next_band,
        "coverage": result.coverage,
        "coverage_pct": percent(result.coverage),
        "critical_satisfied": result.critical_satisfied,
        "critical": [m for m in milestones if m["critical"]],
        "characteristics": characteristics,
        "radar": radar([(c["id"], c["title"], c["score"]) for c in characteristics]),
        "graph": layout_graph(rubric, statuses, unmet),
        "statuses": [
            {"id": status, "label": label, "symbol": symbol, "colour": colour}
            for status, (label, symbol, colour) in STATUS_STYLE.items()
        ],
        "milestones": milestones,
        "next_steps": [by_id[m] for m in result.next_steps],
        "blocked": [m for m in milestones if m["status"] == Status.BLOCKED.value],
        "overclaimed": [m for m in milestones if m["overclaimed"]],
        "disagreements": [m for m in milestones if m["disagreement"]],
        "readiness_path": [by_id[m] for m in result.readiness_path],
        "weeks_to_ready": result.weeks_to_ready,
        "phase_view": None
        if phase is None
        else {
            "phase": phase,
            "score": result.phase_score,
            "score_pct": percent(result.phase_score, 1),
            "overdue": [by_id[m] for m in result.overdue or ()],
        },
        "evidence": [m for m in milestones if m["evidence"] or m["notes"]],
    }
