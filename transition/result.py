"""Readiness results: frozen values that say how ready, why, and what next.

A result holds its per-milestone data as compact columns; :class:`MilestoneResults`
is a read-only mapping that builds a :class:`MilestoneResult` when one is asked for.
That keeps scoring a 10,000-milestone rubric cheap while results stay immutable,
comparable and picklable.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterator, Mapping
from typing import Any, cast

import attrs

from .model import NA, Assessment, Band, FrozenDict, Gating, Level, Rubric

__all__ = [
    "SCHEMA_VERSION",
    "AreaResult",
    "Blocker",
    "CharacteristicResult",
    "MilestoneResult",
    "MilestoneResults",
    "NextBand",
    "Readiness",
    "Reason",
    "ReasonKind",
    "Status",
    "StatusCode",
]

#: The version of the JSON document that :meth:`Readiness.to_dict` returns.
SCHEMA_VERSION = 2


class Status(enum.StrEnum):
    """Where a milestone stands (rule 4 of ``docs/scoring.md``).

    >>> Status.BLOCKED.value
    'blocked'
    """

    NOT_APPLICABLE = "not_applicable"
    BLOCKED = "blocked"
    UNASSESSED = "unassessed"
    MET = "met"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"


class StatusCode(enum.IntEnum):
    """A :class:`Status` as the small integer that the walk stores, one byte a milestone.

    The scorer, :class:`MilestoneResults` and the benchmarks all use these codes; the
    names match :class:`Status` member for member.

    >>> StatusCode.BLOCKED.status
    <Status.BLOCKED: 'blocked'>
    >>> StatusCode.of(Status.MET)
    <StatusCode.MET: 3>
    >>> bytes([StatusCode.MET, StatusCode.NOT_APPLICABLE])
    b'\\x03\\x00'
    """

    NOT_APPLICABLE = 0
    BLOCKED = 1
    UNASSESSED = 2
    MET = 3
    IN_PROGRESS = 4
    NOT_STARTED = 5

    @property
    def status(self) -> Status:
        """The public status this code stands for."""
        return Status[self.name]

    @classmethod
    def of(cls, status: Status) -> StatusCode:
        """The code of a public status."""
        return cls[status.name]


UNASSESSED = -1
NOT_APPLICABLE = -2


@attrs.frozen
class Blocker:
    """An unmet prerequisite: ``milestone`` is needed at ``required`` and is at ``level``."""

    milestone: str
    required: int
    level: int

    def to_dict(self) -> dict[str, Any]:
        """The blocker's part of the JSON document."""
        return {"milestone": self.milestone, "required": self.required, "level": self.level}


class ReasonKind(enum.StrEnum):
    """Why a milestone has its status: its status, told apart further when blocked.

    >>> ReasonKind.ZEROED_BY_STRICT.value
    'zeroed_by_strict'
    """

    NOT_APPLICABLE = "not_applicable"
    UNASSESSED = "unassessed"
    MET = "met"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    #: Blocked, and not claimed above the level that counts.
    BLOCKED = "blocked"
    #: Claimed above what the prerequisites allow, and capped (``cap`` gating).
    CAPPED = "capped"
    #: Claimed above what the prerequisites allow, and counted as 0 (``strict`` gating).
    ZEROED_BY_STRICT = "zeroed_by_strict"
    #: Prerequisites not met, but the claim counts in full (``off`` gating).
    COUNTED_AS_GIVEN = "counted_as_given"
    #: Not assessed, and blocked too.
    UNASSESSED_AND_BLOCKED = "unassessed_and_blocked"


@attrs.frozen
class Reason:
    """Why a milestone has its status, as data (``transition._words`` puts it into words).

    ``claimed`` is the own level when it is a number, ``effective`` the level that
    counts, ``met_level`` the rubric's met level; ``blockers`` are the unmet
    prerequisites; ``respondents`` counts the levels given, from ``low`` to ``high``
    (None when none were), and ``disagreement`` says they differ by two or more.
    """

    kind: ReasonKind
    claimed: int | None
    effective: int | None
    met_level: int
    blockers: tuple[Blocker, ...] = ()
    respondents: int = 0
    low: int | None = None
    high: int | None = None
    disagreement: bool = False

    def __str__(self) -> str:
        """The reason in English, naming milestones by id (for logs and notebooks;
        reports and JSON name them by title)."""
        from ._words import reason_text  # words sit beside results: they import this module

        return reason_text(self)

    def to_dict(self) -> dict[str, Any]:
        """The reason's part of the JSON document."""
        return {
            "kind": self.kind.value,
            "claimed": self.claimed,
            "effective": self.effective,
            "met_level": self.met_level,
            "blockers": [blocker.to_dict() for blocker in self.blockers],
            "respondents": self.respondents,
            "low": self.low,
            "high": self.high,
            "disagreement": self.disagreement,
        }


@attrs.frozen
class MilestoneResult:
    """How one milestone scored, and why (``reason``)."""

    id: str
    status: Status
    level: Level
    effective_level: int | None
    credit: float | None
    blockers: tuple[Blocker, ...]
    respondents: tuple[int, ...]
    met_level: int
    gating: Gating

    @property
    def unmet_prerequisites(self) -> tuple[str, ...]:
        """Ids of the prerequisites below their required level."""
        return tuple(blocker.milestone for blocker in self.blockers)

    @property
    def overclaimed(self) -> bool:
        """True when the own level is above the level that counts."""
        return (
            isinstance(self.level, int)
            and self.effective_level is not None
            and self.level > self.effective_level
        )

    @property
    def spread(self) -> int | None:
        """Highest minus lowest respondent level; 0 for one level; None if unanswered."""
        if self.respondents:
            return max(self.respondents) - min(self.respondents)
        return 0 if isinstance(self.level, int) else None

    @property
    def disagreement(self) -> bool:
        """Respondents differ by two levels or more."""
        spread = self.spread
        return spread is not None and spread >= 2

    @property
    def reason(self) -> Reason:
        """Why the milestone has its status, as data; reports put it into words.

        >>> from transition.model import Gating
        >>> outcome = MilestoneResult(
        ...     "staff_ownership",
        ...     Status.BLOCKED,
        ...     3,
        ...     2,
        ...     0.5,
        ...     (Blocker("staff_shape_model", 3, 2),),
        ...     (),
        ...     3,
        ...     Gating.CAP,
        ... )
        >>> reason = outcome.reason
        >>> reason.kind, reason.claimed, reason.effective, reason.blockers[0].milestone
        (<ReasonKind.CAPPED: 'capped'>, 3, 2, 'staff_shape_model')
        """
        level, effective = self.level, self.effective_level
        if self.status is Status.NOT_APPLICABLE:
            kind = ReasonKind.NOT_APPLICABLE
        elif self.status is Status.BLOCKED:
            if self.gating is Gating.OFF:
                kind = ReasonKind.COUNTED_AS_GIVEN
            elif level is None:
                kind = ReasonKind.UNASSESSED_AND_BLOCKED
            elif self.overclaimed:
                strict = self.gating is Gating.STRICT
                kind = ReasonKind.ZEROED_BY_STRICT if strict else ReasonKind.CAPPED
            else:
                kind = ReasonKind.BLOCKED
        else:
            kind = ReasonKind(self.status.value)
        respondents = self.respondents
        return Reason(
            kind=kind,
            claimed=level if isinstance(level, int) else None,
            effective=effective,
            met_level=self.met_level,
            blockers=self.blockers,
            respondents=len(respondents),
            low=min(respondents) if respondents else None,
            high=max(respondents) if respondents else None,
            disagreement=self.disagreement,
        )

    def to_dict(self, titles: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The milestone's part of the JSON document: ``reason`` as data, and beside it
        ``reason_text`` in English, naming milestones by their ``titles`` (else by id)."""
        from ._words import reason_text  # words sit beside results: they import this module

        reason = self.reason
        return {
            "status": self.status.value,
            "level": "n/a" if self.level is NA else self.level,
            "effective_level": self.effective_level,
            "credit": self.credit,
            "unmet_prerequisites": list(self.unmet_prerequisites),
            "overclaimed": self.overclaimed,
            "respondents": list(self.respondents),
            "spread": self.spread,
            "disagreement": self.disagreement,
            "reason": reason.to_dict(),
            "reason_text": reason_text(reason, titles),
        }


@attrs.frozen
class MilestoneResults(Mapping[str, MilestoneResult]):
    """Milestone results by id, in rubric order, built on demand from columns."""

    ids: tuple[str, ...]
    own: tuple[int, ...]
    effective: tuple[int | None, ...]
    status: bytes
    respondents: FrozenDict[int, tuple[int, ...]]
    top: int
    met_level: int
    gating: Gating
    index: Mapping[str, int] = attrs.field(eq=False, repr=False)
    #: (prerequisite index, required level) per milestone, from the rubric.
    prerequisites: tuple[tuple[tuple[int, int], ...], ...] = attrs.field(eq=False, repr=False)
    #: The credit of each level, indexed by level, from the rubric (SPEC 3.1).
    credits: tuple[float, ...] = attrs.field(eq=False, repr=False)

    def blockers_of(self, i: int) -> tuple[Blocker, ...]:
        """The unmet prerequisites of milestone ``i``, worked out from the columns.

        A prerequisite is compared at ``top`` when not applicable, else at its
        effective level (the scale's bottom when not assessed), as the walk did.
        """
        found = []
        for p, required in self.prerequisites[i]:
            seen = self.top if self.own[p] == NOT_APPLICABLE else self.effective[p]
            assert seen is not None
            if seen < required:
                found.append(Blocker(self.ids[p], required, seen))
        return tuple(found)

    def __getitem__(self, milestone_id: str) -> MilestoneResult:
        i = self.index[milestone_id]
        own = self.own[i]
        level: Level = NA if own == NOT_APPLICABLE else None if own == UNASSESSED else own
        effective = self.effective[i]
        return MilestoneResult(
            id=milestone_id,
            status=StatusCode(self.status[i]).status,
            level=level,
            effective_level=effective,
            credit=None if effective is None else self.credits[effective],
            blockers=self.blockers_of(i),
            respondents=self.respondents.get(i, ()),
            met_level=self.met_level,
            gating=self.gating,
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, milestone_id: object) -> bool:
        return milestone_id in self.index

    def with_status(self, *statuses: Status) -> tuple[str, ...]:
        """Ids of the milestones with any of these statuses, in rubric order."""
        codes = {StatusCode.of(status) for status in statuses}
        return tuple(self.ids[i] for i, code in enumerate(self.status) if code in codes)


@attrs.frozen
class CharacteristicResult:
    """A characteristic's score (None when nothing in it applies) and its counts."""

    id: str
    score: float | None
    met: int
    applicable: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        """The characteristic's part of the JSON document."""
        return attrs.asdict(self)


@attrs.frozen
class AreaResult:
    """An area's score (None when nothing in it applies) and its counts (SPEC 3.1).

    Scored like a characteristic, over the area's milestones only.
    """

    id: str
    characteristic: str
    score: float | None
    met: int
    applicable: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        """The area's part of the JSON document."""
        return attrs.asdict(self)


@attrs.frozen
class NextBand:
    """What stands between a result and the next band up."""

    band: Band
    score_gap: float
    critical_gates: tuple[str, ...]

    @property
    def summary(self) -> str:
        """The same in English, naming gates by id (for logs and notebooks; reports and
        JSON name them by title), e.g. ``to reach Ready: raise the score by 12.0
        percentage points; meet the critical gates pensions_agreed``."""
        from ._words import next_band_text  # words sit beside results: they import this module

        return next_band_text(self)

    def to_dict(self, titles: Mapping[str, str] | None = None) -> dict[str, Any]:
        """The next band's part of the JSON document, with ``summary`` in English, naming
        the open gates by their ``titles`` (else by id)."""
        from ._words import next_band_text  # words sit beside results: they import this module

        return {
            "id": self.band.id,
            "label": self.band.label,
            "score_gap": self.score_gap,
            "critical_gates": list(self.critical_gates),
            "summary": next_band_text(self, titles),
        }


class ShowsAsReport:
    """Notebook display for results that have a report: the report itself, inline."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """An HTML fragment with scoped styles, so the notebook keeps its own."""
        from .report import render  # reports sit after results in the pipeline

        return render(cast(Any, self), "html", fragment=True)

    def _repr_markdown_(self) -> str:
        """The Markdown report."""
        from .report import render  # reports sit after results in the pipeline

        return render(cast(Any, self), "markdown")


@attrs.frozen
class Readiness(ShowsAsReport):
    """How ready an organisation is, why, and what to do next.

    ``rubric`` and ``assessment`` are what was scored, kept so that reports can show
    titles, guidance and evidence. The rubric takes part in equality through its id
    and version only (comparing whole rubrics on every ``==`` would be wasteful).
    """

    rubric: Rubric = attrs.field(eq=False, repr=False)
    assessment: Assessment
    rubric_id: str
    rubric_version: str
    score: float
    band: Band
    next_band: NextBand | None
    coverage: float
    critical_satisfied: bool
    characteristics: FrozenDict[str, CharacteristicResult]
    milestones: MilestoneResults
    next_steps: tuple[str, ...]
    readiness_path: tuple[str, ...]
    weeks_to_ready: float
    phase_score: float | None
    overdue: tuple[str, ...] | None
    #: Each area's result, by area id in rubric order; empty when the rubric has no
    #: areas (SPEC 3.1).
    areas: FrozenDict[str, AreaResult] = attrs.field(factory=FrozenDict)

    @property
    def organisation(self) -> str:
        """The organisation assessed."""
        return self.assessment.organisation

    @property
    def assessed_on(self) -> datetime.date | None:
        """The date of the assessment, if given."""
        return self.assessment.assessed_on

    @property
    def phase(self) -> str | None:
        """The phase the team says it is in, if given."""
        return self.assessment.phase

    @property
    def assessor(self) -> str:
        """Who made the assessment, if given."""
        return self.assessment.assessor

    @property
    def blocked(self) -> tuple[str, ...]:
        """Ids of blocked milestones, in rubric order."""
        return self.milestones.with_status(Status.BLOCKED)

    @property
    def overclaimed(self) -> tuple[str, ...]:
        """Ids of milestones claimed above the level that counts, in rubric order."""
        return tuple(mid for mid in self.milestones if self.milestones[mid].overclaimed)

    def to_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready document (what ``render(result, "json")`` prints).

        ``areas`` follows ``characteristics`` only when the rubric has areas, so the
        document of a rubric without them is what it was before areas existed.
        """
        titles = {mid: milestone.title for mid, milestone in self.rubric.milestones.items()}
        document: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "rubric": {"id": self.rubric_id, "version": self.rubric_version},
            "organisation": self.organisation,
            "assessed_on": None if self.assessed_on is None else self.assessed_on.isoformat(),
            "phase": self.phase,
            "assessor": self.assessor,
            "score": self.score,
            "band": {"id": self.band.id, "label": self.band.label},
            "next_band": None if self.next_band is None else self.next_band.to_dict(titles),
            "coverage": self.coverage,
            "critical_satisfied": self.critical_satisfied,
            "characteristics": {
                cid: result.to_dict() for cid, result in self.characteristics.items()
            },
            "milestones": {mid: self.milestones[mid].to_dict(titles) for mid in self.milestones},
            "next_steps": list(self.next_steps),
            "readiness_path": list(self.readiness_path),
            "weeks_to_ready": self.weeks_to_ready,
            "phase_score": self.phase_score,
            "overdue": None if self.overdue is None else list(self.overdue),
        }
        if not self.areas:
            return document
        areas = {aid: result.to_dict() for aid, result in self.areas.items()}
        ordered = list(document.items())
        at = list(document).index("characteristics") + 1
        return dict([*ordered[:at], ("areas", areas), *ordered[at:]])
