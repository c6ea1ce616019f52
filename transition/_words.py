"""Words: every sentence a report or a JSON ``*_text`` field says about a result.

Results, reasons and notes are data (:class:`~transition.result.Reason`,
:class:`~transition.result.NextBand`, :class:`~transition.progress.Note`); these pure
functions turn them into English. They are the one place a translation catalogue has to
wrap. Milestones are named by title, in quotation marks, when ``titles`` has one, and by
id otherwise (ids are for machines; a board reads titles).

This module sits beside :mod:`transition.result` (whose ``to_dict`` methods use it for
the English text they carry) and before :mod:`transition.report`, whose views use it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .result import Blocker, NextBand, Reason, ReasonKind

if TYPE_CHECKING:
    from .progress import Note

__all__ = [
    "band_summary",
    "evidence_note",
    "milestone_name",
    "next_band_text",
    "note_text",
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
        return f"\u201c{titles[milestone_id]}\u201d"
    return milestone_id


def _needs(blockers: tuple[Blocker, ...], titles: Mapping[str, str] | None) -> str:
    return "; ".join(
        f"needs {milestone_name(b.milestone, titles)} at {b.required}, which is at {b.level}"
        for b in blockers
    )


def reason_text(reason: Reason, titles: Mapping[str, str] | None = None) -> str:
    """Why a milestone has its status, in one plain sentence.

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
    >>> reason_text(Reason(ReasonKind.IN_PROGRESS, 2, 2, 3, (), 4, 1, 4, True))
    'in progress at level 2; met at 3; median of 4 respondents, who disagree (1 to 4)'
    """
    needs = _needs(reason.blockers, titles)
    kind, claimed, effective = reason.kind, reason.claimed, reason.effective
    if kind is ReasonKind.NOT_APPLICABLE:
        text = "not applicable"
    elif kind is ReasonKind.COUNTED_AS_GIVEN:
        text = f"prerequisites not met ({needs}); counted as given because gating is off"
    elif kind is ReasonKind.UNASSESSED_AND_BLOCKED:
        text = f"not assessed, and blocked: {needs}"
    elif kind is ReasonKind.CAPPED:
        text = f"claimed {claimed}, capped at {effective}: {needs}"
    elif kind is ReasonKind.ZEROED_BY_STRICT:
        text = f"claimed {claimed}, counted as 0: {needs}"
    elif kind is ReasonKind.BLOCKED:
        text = f"blocked at level {effective}: {needs}"
    elif kind is ReasonKind.UNASSESSED:
        text = "not assessed yet; counts as 0"
    elif kind is ReasonKind.MET:
        text = f"met at level {effective}"
    elif kind is ReasonKind.IN_PROGRESS:
        text = f"in progress at level {effective}; met at {reason.met_level}"
    else:
        text = "not started"
    if reason.respondents > 1:
        who = f"median of {reason.respondents} respondents"
        if reason.disagreement:
            text += f"; {who}, who disagree ({reason.low} to {reason.high})"
        else:
            text += f"; {who}"
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
        parts.append(f"raise the score by {next_band.score_gap * 100:.1f} percentage points")
    if next_band.critical_gates:
        gates = ", ".join(milestone_name(m, titles) for m in next_band.critical_gates)
        parts.append("meet the critical gates " + gates)
    return f"to reach {next_band.band.label}: " + ("; ".join(parts) or "nothing more")


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
    noun = "milestone" if applicable == 1 else "milestones"
    text = f"{band}, with a score of {score}: {met} of {applicable} applicable {noun} met; "
    if open_gates:
        return text + f"{open_gates} of {gates} critical gates still open."
    return text + "every critical gate met or not applicable."


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
    if assessed:
        return f"{level_label}; assessed by {assessor}"
    return f"{level_label} yet; evidence recorded by {assessor}"


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
        f"{use.version} on {', '.join(day.isoformat() for day in use.dates)}"
        for use in note.versions
    )
    return (
        f"The assessments were scored with different versions of rubric {note.rubric_id} "
        f"({used}): part of a change may come from the rubric, not the team."
    )
