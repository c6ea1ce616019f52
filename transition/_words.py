"""Words: every sentence a report or a JSON ``*_text`` field says about a result.

Results, reasons and notes are data (:class:`~transition.result.Reason`,
:class:`~transition.result.NextBand`, :class:`~transition.progress.Note`); these pure
functions turn them into English. They are the one place a translation catalogue has to
wrap: each sentence is a message of the ``transition`` catalogue, translated at call
time for the render in progress (:func:`transition.locale.using`; English outside one,
as the JSON's ``*_text`` fields are). Milestones are named by title, in quotation
marks, when ``titles`` has one, and by id otherwise (ids are for machines; a board reads titles).

This module sits beside :mod:`transition.result` (whose ``to_dict`` methods use it for
the English text they carry) and before :mod:`transition.report`, whose views use it too.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .locale import current, gettext, ngettext
from .result import Blocker, NextBand, Reason, ReasonKind

if TYPE_CHECKING:
    from .progress import Note

__all__ = [
    "band_summary",
    "deadline_text",
    "evidence_note",
    "gap_summary",
    "milestone_name",
    "next_band_text",
    "note_text",
    "plan_summary",
    "reason_text",
]


def milestone_name(milestone_id: str, titles: Mapping[str, str] | None = None) -> str:
    """A milestone as a reader sees it: its title in quotation marks, else its id.

    >>> milestone_name("board_formed", {"board_formed": "A shadow board meets"})
    '“A shadow board meets”'
    >>> milestone_name("board_formed")
    'board_formed'
    """
    if titles is not None and milestone_id in titles:
        return gettext("\u201c%(title)s\u201d") % {"title": titles[milestone_id]}
    return milestone_id


def _level(level: int | None, scale: Mapping[int, str] | None) -> str:
    """A level as its number, and with a scale its label too ("3 Established")."""
    if scale is None or level is None or level not in scale:
        return str(level)
    return f"{level} {scale[level]}"


def _needs(
    blockers: tuple[Blocker, ...],
    titles: Mapping[str, str] | None,
    scale: Mapping[int, str] | None = None,
) -> str:
    return "; ".join(
        gettext("needs %(milestone)s at %(required)s, which is at %(level)s")
        % {
            "milestone": milestone_name(b.milestone, titles),
            "required": _level(b.required, scale),
            "level": _level(b.level, scale),
        }
        for b in blockers
    )


def reason_text(
    reason: Reason,
    titles: Mapping[str, str] | None = None,
    scale: Mapping[int, str] | None = None,
) -> str:
    """Why a milestone has its status, in one plain sentence.

    With ``scale`` (level to label), levels are named by number and label, as the
    reports show them; without it, by number (the JSON ``reason_text``).

    >>> from transition.result import Blocker, Reason, ReasonKind
    >>> capped = Reason(
    ...     ReasonKind.CAPPED,
    ...     claimed=3,
    ...     effective=2,
    ...     met_level=3,
    ...     blockers=(Blocker("staff_shape_model", 3, 2),),
    ... )
    >>> reason_text(capped, {"staff_shape_model": "Staff and service shape modelled"})
    'claimed 3, capped at 2: needs “Staff and service shape modelled” at 3, which is at 2'
    >>> reason_text(capped)
    'claimed 3, capped at 2: needs staff_shape_model at 3, which is at 2'
    >>> scale = {2: "Developing", 3: "Established"}
    >>> print(reason_text(capped, {"staff_shape_model": "Shape modelled"}, scale))
    claimed 3 Established, capped at 2 Developing: needs “Shape modelled” at 3 Established, ...
    >>> reason_text(Reason(ReasonKind.IN_PROGRESS, 2, 2, 3, (), 4, 1, 4, True))
    'in progress at level 2; met at 3; median of 4 respondents, who disagree (1 to 4)'
    """
    needs = _needs(reason.blockers, titles, scale)
    kind = reason.kind
    claimed, effective = _level(reason.claimed, scale), _level(reason.effective, scale)
    values = {"needs": needs, "claimed": claimed, "effective": effective}
    if kind is ReasonKind.NOT_APPLICABLE:
        text = gettext("not applicable")
    elif kind is ReasonKind.COUNTED_AS_GIVEN:
        text = gettext("prerequisites not met (%(needs)s); counted as given because gating is off")
    elif kind is ReasonKind.UNASSESSED_AND_BLOCKED:
        text = gettext("not assessed, and blocked: %(needs)s")
    elif kind is ReasonKind.CAPPED:
        text = gettext("claimed %(claimed)s, capped at %(effective)s: %(needs)s")
    elif kind is ReasonKind.ZEROED_BY_STRICT:
        text = gettext("claimed %(claimed)s, counted as 0: %(needs)s")
    elif kind is ReasonKind.BLOCKED:
        text = gettext("blocked at level %(effective)s: %(needs)s")
    elif kind is ReasonKind.UNASSESSED:
        text = gettext("not assessed yet; counts as 0")
    elif kind is ReasonKind.MET:
        text = gettext("met at level %(effective)s")
    elif kind is ReasonKind.IN_PROGRESS:
        text = gettext("in progress at level %(effective)s; met at %(met)s")
        values["met"] = _level(reason.met_level, scale)
    else:
        text = gettext("not started")
    text %= values
    if reason.respondents > 1:
        count = {"count": reason.respondents, "low": reason.low, "high": reason.high}
        if reason.disagreement:
            text += (
                ngettext(
                    "; median of %(count)s respondent, who disagree (%(low)s to %(high)s)",
                    "; median of %(count)s respondents, who disagree (%(low)s to %(high)s)",
                    reason.respondents,
                )
                % count
            )
        else:
            text += (
                ngettext(
                    "; median of %(count)s respondent",
                    "; median of %(count)s respondents",
                    reason.respondents,
                )
                % count
            )
    return text


def next_band_text(next_band: NextBand, titles: Mapping[str, str] | None = None) -> str:
    """What it takes to reach the next band, in one sentence.

    >>> from transition.model import Band
    >>> from transition.result import NextBand
    >>> upcoming = NextBand(Band("ready", "Ready", 0.65, True), 0.12, ("pensions",))
    >>> print(next_band_text(upcoming, {"pensions": "Pensions"}))
    to reach Ready: raise the score by 12.0 percentage points; meet the critical gates “Pensions”
    >>> next_band_text(NextBand(Band("ready", "Ready", 0.65), 0.0, ()))
    'to reach Ready: nothing more'
    """
    parts = []
    if next_band.score_gap > 0:
        points = current().fixed(next_band.score_gap * 100, 1)
        parts.append(
            gettext("raise the score by %(points)s percentage points") % {"points": points}
        )
    if next_band.critical_gates:
        gates = ", ".join(milestone_name(m, titles) for m in next_band.critical_gates)
        parts.append(gettext("meet the critical gates %(gates)s") % {"gates": gates})
    return gettext("to reach %(band)s: %(steps)s") % {
        "band": next_band.band.label,
        "steps": "; ".join(parts) or gettext("nothing more"),
    }


def band_summary(
    band: str, score: str, met: int, applicable: int, open_gates: int, gates: int
) -> str:
    """Where the result stands, built from the result alone, so it cannot contradict it
    (a band's description in the rubric says what the band usually means, not what this
    team has done).

    >>> band_summary("Not ready", "12.0%", 3, 38, 6, 7)
    'Not ready, with a score of 12.0%: 3 of 38 applicable milestones met; 6 of 7 critical ...'
    >>> band_summary("Ready", "91.0%", 1, 1, 0, 2).split(": ")[1]
    '1 of 1 applicable milestone met; every critical gate met or not applicable.'
    """
    values = {"band": band, "score": score, "met": met, "applicable": applicable}
    values |= {"open": open_gates, "gates": gates}
    if open_gates:
        text = ngettext(
            "%(band)s, with a score of %(score)s: %(met)s of %(applicable)s applicable milestone "
            "met; %(open)s of %(gates)s critical gates still open.",
            "%(band)s, with a score of %(score)s: %(met)s of %(applicable)s applicable milestones "
            "met; %(open)s of %(gates)s critical gates still open.",
            applicable,
        )
    else:
        text = ngettext(
            "%(band)s, with a score of %(score)s: %(met)s of %(applicable)s applicable milestone "
            "met; every critical gate met or not applicable.",
            "%(band)s, with a score of %(score)s: %(met)s of %(applicable)s applicable milestones "
            "met; every critical gate met or not applicable.",
            applicable,
        )
    return text % values


def evidence_note(level_label: str, assessed: bool, assessor: str) -> str:
    """The line under a milestone in the evidence appendix: its level, and who gave it,
    or who recorded the evidence when there is no level yet.

    >>> evidence_note("3 Established", True, "JC")
    '3 Established; assessed by JC'
    >>> evidence_note("not assessed", False, "JC")
    'not assessed yet; evidence recorded by JC'
    >>> evidence_note("n/a", True, "")
    'n/a'
    """
    if not assessor:
        return level_label
    values = {"level": level_label, "assessor": assessor}
    if assessed:
        return gettext("%(level)s; assessed by %(assessor)s") % values
    return gettext("%(level)s yet; evidence recorded by %(assessor)s") % values


def note_text(note: Note) -> str:
    """A progress note in one sentence.

    >>> import datetime
    >>> from transition.progress import Note, NoteKind, VersionUse
    >>> day = datetime.date.fromisoformat
    >>> two = (VersionUse("1", (day("2026-01-01"),)), VersionUse("2", (day("2026-06-01"),)))
    >>> note_text(Note(NoteKind.RUBRIC_VERSIONS_DIFFER, "spinout", two))
    'The assessments were scored with different versions of rubric spinout (1 on 2026-01-01; ...'
    """
    used = "; ".join(
        gettext("%(version)s on %(dates)s")
        % {"version": use.version, "dates": ", ".join(current().date(day) for day in use.dates)}
        for use in note.versions
    )
    return gettext(
        "The assessments were scored with different versions of rubric %(rubric)s "
        "(%(used)s): part of a change may come from the rubric, not the team."
    ) % {"rubric": note.rubric_id, "used": used}


def _weeks(weeks: float) -> str:
    rounded = round(weeks, 1)
    text = f"{rounded:g}" if current().locale == "en-GB" else current().number(rounded, 1)
    if rounded == 1:
        return gettext("%(weeks)s week") % {"weeks": text}
    return gettext("%(weeks)s weeks") % {"weeks": text}


def plan_summary(
    tasks: int,
    length_weeks: float,
    finish: datetime.date | None,
    deadline: datetime.date | None,
    late_weeks: float | None,
) -> str:
    """A plan in one sentence: how much work, how long, when it ends, and the deadline.

    >>> import datetime
    >>> plan_summary(3, 12.0, datetime.date(2026, 3, 30), None, None)
    '3 tasks over 12 weeks, finishing on 2026-03-30.'
    >>> plan_summary(1, 12.5, datetime.date(2026, 3, 30), datetime.date(2026, 3, 2), 4.0)
    '1 task over 12.5 weeks, finishing on 2026-03-30: 4 weeks after the deadline of 2026-03-02.'
    >>> plan_summary(2, 4.0, None, None, None)
    '2 tasks over 4 weeks (no start date, so no dates).'
    >>> plan_summary(0, 0.0, None, None, None)
    'Nothing remains to be done.'
    """
    if tasks == 0:
        return gettext("Nothing remains to be done.")
    day = current().date
    values = {"count": tasks, "weeks": _weeks(length_weeks), "finish": day(finish)}
    if finish is None:
        return (
            ngettext(
                "%(count)s task over %(weeks)s (no start date, so no dates).",
                "%(count)s tasks over %(weeks)s (no start date, so no dates).",
                tasks,
            )
            % values
        )
    if deadline is None or late_weeks is None:
        return (
            ngettext(
                "%(count)s task over %(weeks)s, finishing on %(finish)s.",
                "%(count)s tasks over %(weeks)s, finishing on %(finish)s.",
                tasks,
            )
            % values
        )
    values |= {"deadline": day(deadline), "late": _weeks(late_weeks)}
    if late_weeks > 0:
        return (
            ngettext(
                "%(count)s task over %(weeks)s, finishing on %(finish)s: %(late)s after the "
                "deadline of %(deadline)s.",
                "%(count)s tasks over %(weeks)s, finishing on %(finish)s: %(late)s after the "
                "deadline of %(deadline)s.",
                tasks,
            )
            % values
        )
    return (
        ngettext(
            "%(count)s task over %(weeks)s, finishing on %(finish)s, in time for the deadline of "
            "%(deadline)s.",
            "%(count)s tasks over %(weeks)s, finishing on %(finish)s, in time for the deadline of "
            "%(deadline)s.",
            tasks,
        )
        % values
    )


def deadline_text(deadline: datetime.date | None, late_weeks: float | None) -> str:
    """A deadline and whether the plan meets it ("" without a deadline).

    >>> import datetime
    >>> deadline_text(datetime.date(2027, 4, 1), 2.857), deadline_text(None, None)
    ('2027-04-01, missed by 2.9 weeks', '')
    >>> (
    ...     deadline_text(datetime.date(2027, 4, 1), 0.0),
    ...     deadline_text(datetime.date(2027, 4, 1), None),
    ... )
    ('2027-04-01, met', '2027-04-01 (no start date to measure it from)')
    """
    if deadline is None:
        return ""
    values = {"deadline": current().date(deadline)}
    if late_weeks is None:
        return gettext("%(deadline)s (no start date to measure it from)") % values
    if late_weeks > 0:
        return gettext("%(deadline)s, missed by %(late)s") % (values | {"late": _weeks(late_weeks)})
    return gettext("%(deadline)s, met") % values


def gap_summary(reached: bool, reachable: bool, goal: int, length_weeks: float) -> str:
    """A gap in one sentence.

    >>> gap_summary(False, True, 4, 20.0)
    'Not reached yet: 4 milestones to raise, over 20 weeks.'
    >>> print(gap_summary(False, False, 4, 20.0))
    Not reached, and not reachable by raising milestones: 4 milestones would still help,
    over 20 weeks.
    >>> gap_summary(True, True, 0, 0.0)
    'Reached: the target holds now.'
    """
    if reached and goal == 0:
        return gettext("Reached: the target holds now.")
    values = {"count": goal, "weeks": _weeks(length_weeks)}
    if not reachable:
        return (
            ngettext(
                "Not reached, and not reachable by raising milestones: %(count)s milestone would "
                "still help, over %(weeks)s.",
                "Not reached, and not reachable by raising milestones: %(count)s milestones would "
                "still help, over %(weeks)s.",
                goal,
            )
            % values
        )
    if reached:
        return (
            ngettext(
                "Reached, with %(count)s milestone still below a level the target names.",
                "Reached, with %(count)s milestones still below a level the target names.",
                goal,
            )
            % values
        )
    return (
        ngettext(
            "Not reached yet: %(count)s milestone to raise, over %(weeks)s.",
            "Not reached yet: %(count)s milestones to raise, over %(weeks)s.",
            goal,
        )
        % values
    )
