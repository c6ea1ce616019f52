"""Progress: how one organisation's readiness changed across dated assessments.

:func:`compare` takes readiness results of one organisation, scored with one rubric,
sorts them by date and works out what changed between each assessment and the next,
and from the first to the last: the score, the band, every characteristic's score, and
the milestones that became met, went back from met, became blocked or became
overclaimed. Like every other result, a :class:`Progress` is a frozen value: equal
inputs give equal progress, whatever the order they came in, and it pickles.

Comparing is pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime
import enum
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .errors import ErrorRecord, ProgressError
from .model import Band, FrozenDict
from .result import Readiness, ShowsAsReport, Status

__all__ = [
    "PROGRESS_SCHEMA_VERSION",
    "Change",
    "CharacteristicChange",
    "MilestoneChange",
    "Note",
    "NoteKind",
    "Point",
    "Progress",
    "VersionUse",
    "compare",
]

#: The version of the JSON document that :meth:`Progress.to_dict` returns.
PROGRESS_SCHEMA_VERSION = 2


class NoteKind(enum.StrEnum):
    """What a progress note is about.

    >>> NoteKind.RUBRIC_VERSIONS_DIFFER.value
    'rubric_versions_differ'
    """

    #: The assessments were scored with more than one version of the rubric.
    RUBRIC_VERSIONS_DIFFER = "rubric_versions_differ"


@attrs.frozen
class VersionUse:
    """A rubric version and the dates of the assessments scored with it."""

    version: str
    dates: tuple[datetime.date, ...]


@attrs.frozen
class Note:
    """Something a reader of a progress report should know, as data (``kind`` and the
    values it needs); ``transition._words.note_text`` puts it into words."""

    kind: NoteKind
    rubric_id: str
    versions: tuple[VersionUse, ...]

    def __str__(self) -> str:
        """The note in English."""
        from ._words import note_text

        return note_text(self)

    def to_dict(self) -> dict[str, Any]:
        """The note's part of the JSON document, with ``text`` in English."""
        return {
            "kind": self.kind.value,
            "rubric": self.rubric_id,
            "versions": [
                {"version": use.version, "dates": [day.isoformat() for day in use.dates]}
                for use in self.versions
            ],
            "text": str(self),
        }


@attrs.frozen
class Point:
    """One assessment on the way: its date and its headline figures.

    ``characteristics`` maps each characteristic id to its score (``None`` when nothing
    in it applies), in rubric order; ``met`` counts the milestones met.
    """

    assessed_on: datetime.date
    rubric_version: str
    phase: str | None
    assessor: str
    score: float
    band: Band
    coverage: float
    critical_satisfied: bool
    weeks_to_ready: float
    met: int
    characteristics: FrozenDict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        """The point's part of the JSON document."""
        return {
            "assessed_on": self.assessed_on.isoformat(),
            "rubric_version": self.rubric_version,
            "phase": self.phase,
            "assessor": self.assessor,
            "score": self.score,
            "band": {"id": self.band.id, "label": self.band.label},
            "coverage": self.coverage,
            "critical_satisfied": self.critical_satisfied,
            "weeks_to_ready": self.weeks_to_ready,
            "milestones_met": self.met,
            "characteristics": dict(self.characteristics),
        }


@attrs.frozen
class CharacteristicChange:
    """A characteristic's score before and after; ``None`` where it had none."""

    id: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """``after - before``, or ``None`` when either is ``None``.

        >>> CharacteristicChange("vision", 0.25, 0.5).change
        0.25
        >>> CharacteristicChange("vision", None, 0.5).change is None
        True
        """
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def to_dict(self) -> dict[str, Any]:
        """The characteristic's part of a change in the JSON document."""
        return {"before": self.before, "after": self.after, "change": self.change}


@attrs.frozen
class MilestoneChange:
    """A milestone's status and effective level before and after.

    ``before`` or ``after`` is ``None`` when the milestone is not in the rubric version
    used on that side (rubric versions may differ between assessments).
    """

    id: str
    before: Status | None
    after: Status | None
    level_before: int | None
    level_after: int | None

    def to_dict(self) -> dict[str, Any]:
        """The milestone's part of a change in the JSON document."""
        return {
            "id": self.id,
            "before": None if self.before is None else self.before.value,
            "after": None if self.after is None else self.after.value,
            "level_before": self.level_before,
            "level_after": self.level_after,
        }


@attrs.frozen
class Change:
    """What changed from the assessment of ``since`` to the later one of ``until``.

    Milestone lists are in the later rubric's order:

    - ``newly_met``: met at ``until``, not met at ``since``;
    - ``regressed``: met at ``since``, not met at ``until`` (whatever the status now,
      ``not_applicable`` included; a milestone the later rubric no longer has is left out);
    - ``newly_blocked``: blocked at ``until``, not blocked at ``since``;
    - ``new_overclaims``: overclaimed at ``until``, not overclaimed at ``since``.
    """

    since: datetime.date
    until: datetime.date
    score_before: float
    score_after: float
    band_before: Band
    band_after: Band
    characteristics: FrozenDict[str, CharacteristicChange]
    newly_met: tuple[MilestoneChange, ...]
    regressed: tuple[MilestoneChange, ...]
    newly_blocked: tuple[MilestoneChange, ...]
    new_overclaims: tuple[MilestoneChange, ...]

    @property
    def days(self) -> int:
        """Days from ``since`` to ``until``."""
        return (self.until - self.since).days

    @property
    def score_change(self) -> float:
        """``score_after - score_before``: positive when readiness rose."""
        return self.score_after - self.score_before

    def to_dict(self) -> dict[str, Any]:
        """The change's part of the JSON document."""
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "days": self.days,
            "score": {
                "before": self.score_before,
                "after": self.score_after,
                "change": self.score_change,
            },
            "band": {
                "before": {"id": self.band_before.id, "label": self.band_before.label},
                "after": {"id": self.band_after.id, "label": self.band_after.label},
            },
            "characteristics": {cid: c.to_dict() for cid, c in self.characteristics.items()},
            "newly_met": [m.to_dict() for m in self.newly_met],
            "regressed": [m.to_dict() for m in self.regressed],
            "newly_blocked": [m.to_dict() for m in self.newly_blocked],
            "new_overclaims": [m.to_dict() for m in self.new_overclaims],
        }


@attrs.frozen
class Progress(ShowsAsReport):
    """One organisation's readiness over time, as ``transition.compare`` returns it.

    ``points`` are the assessments in date order; ``steps`` hold the change from each
    to the next, and ``overall`` the change from the first to the last. ``notes`` say
    what a reader should know, such as rubric versions that differ.

    ``results`` are the readiness results compared, in date order, kept so that reports
    can show titles and reasons; they take no part in equality, which the figures
    above decide.
    """

    results: tuple[Readiness, ...] = attrs.field(eq=False, repr=False)
    organisation: str
    rubric_id: str
    points: tuple[Point, ...]
    steps: tuple[Change, ...]
    overall: Change
    notes: tuple[Note, ...]

    @property
    def first(self) -> Point:
        """The earliest assessment."""
        return self.points[0]

    @property
    def last(self) -> Point:
        """The latest assessment."""
        return self.points[-1]

    @property
    def rubric_versions(self) -> tuple[str, ...]:
        """The rubric versions used, each once, in date order of first use."""
        return tuple(dict.fromkeys(point.rubric_version for point in self.points))

    def to_dict(self) -> dict[str, Any]:
        """The progress as a JSON-ready document (what ``render(progress, "json")`` prints)."""
        return {
            "schema_version": PROGRESS_SCHEMA_VERSION,
            "kind": "progress",
            "organisation": self.organisation,
            "rubric": {"id": self.rubric_id, "versions": list(self.rubric_versions)},
            "points": [point.to_dict() for point in self.points],
            "steps": [step.to_dict() for step in self.steps],
            "overall": self.overall.to_dict(),
            "notes": [note.to_dict() for note in self.notes],
        }


def _date(result: Readiness) -> datetime.date:
    assert result.assessed_on is not None, "checked by _check"
    return result.assessed_on


def _point(result: Readiness, assessed_on: datetime.date) -> Point:
    return Point(
        assessed_on=assessed_on,
        rubric_version=result.rubric_version,
        phase=result.phase,
        assessor=result.assessor,
        score=result.score,
        band=result.band,
        coverage=result.coverage,
        critical_satisfied=result.critical_satisfied,
        weeks_to_ready=result.weeks_to_ready,
        met=len(result.milestones.with_status(Status.MET)),
        characteristics=FrozenDict(
            (cid, outcome.score) for cid, outcome in result.characteristics.items()
        ),
    )


def _score(result: Readiness, characteristic_id: str) -> float | None:
    outcome = result.characteristics.get(characteristic_id)
    return None if outcome is None else outcome.score


def _union(newer: Iterable[str], older: Iterable[str]) -> Iterator[str]:
    """The newer ids in their order, then ids only the older has, in theirs."""
    return iter(dict.fromkeys([*newer, *older]))


def _change(older: Readiness, newer: Readiness) -> Change:
    characteristics = FrozenDict(
        (
            cid,
            CharacteristicChange(
                cid,
                _score(older, cid),
                _score(newer, cid),
            ),
        )
        for cid in _union(newer.characteristics, older.characteristics)
    )
    newly_met: list[MilestoneChange] = []
    regressed: list[MilestoneChange] = []
    newly_blocked: list[MilestoneChange] = []
    new_overclaims: list[MilestoneChange] = []
    for mid in _union(newer.milestones, older.milestones):
        before = older.milestones.get(mid)
        after = newer.milestones.get(mid)
        if after is None:
            continue  # no longer in the rubric: nothing to say about it now
        change = MilestoneChange(
            mid,
            None if before is None else before.status,
            after.status,
            None if before is None else before.effective_level,
            after.effective_level,
        )
        was = None if before is None else before.status
        if after.status is Status.MET and was is not Status.MET:
            newly_met.append(change)
        if was is Status.MET and after.status is not Status.MET:
            regressed.append(change)
        if after.status is Status.BLOCKED and was is not Status.BLOCKED:
            newly_blocked.append(change)
        if after.overclaimed and not (before is not None and before.overclaimed):
            new_overclaims.append(change)
    return Change(
        since=_date(older),
        until=_date(newer),
        score_before=older.score,
        score_after=newer.score,
        band_before=older.band,
        band_after=newer.band,
        characteristics=characteristics,
        newly_met=tuple(newly_met),
        regressed=tuple(regressed),
        newly_blocked=tuple(newly_blocked),
        new_overclaims=tuple(new_overclaims),
    )


def _name(result: Readiness, index: int) -> str:
    """How an error refers to a result: its file, else its place in the list."""
    return result.assessment.source or f"results[{index}]"


def _record(result: Readiness, index: int, field: str, message: str, code: str) -> ErrorRecord:
    source = result.assessment.source
    return ErrorRecord(
        message,
        field if source else f"results[{index}].{field}",
        path=source,
        code=code,
    )


def _shown(organisation: str) -> str:
    return repr(organisation) if organisation else "(none given)"


def _check(results: list[Readiness]) -> None:
    errors: list[ErrorRecord] = []
    if len(results) < 2:
        errors.append(
            ErrorRecord(
                f"comparing needs at least two assessments of one organisation "
                f"(got {len(results)})",
                code="count",
            )
        )
    if results:
        first = results[0]
        seen: dict[datetime.date, int] = {}
        for index, result in enumerate(results):
            if result.rubric_id != first.rubric_id:
                errors.append(
                    _record(
                        result,
                        index,
                        "rubric",
                        f"{result.rubric_id!r} differs from {first.rubric_id!r} in "
                        f"{_name(first, 0)}; compare assessments made with one rubric",
                        "rubric",
                    )
                )
            if result.organisation != first.organisation:
                errors.append(
                    _record(
                        result,
                        index,
                        "organisation",
                        f"{_shown(result.organisation)} differs from "
                        f"{_shown(first.organisation)} in {_name(first, 0)}; "
                        "compare one organisation at a time",
                        "organisation",
                    )
                )
            if result.assessed_on is None:
                errors.append(
                    _record(
                        result,
                        index,
                        "assessed_on",
                        "missing: comparing needs the date of every assessment "
                        "(assessed_on: YYYY-MM-DD)",
                        "missing",
                    )
                )
            elif result.assessed_on in seen:
                other = seen[result.assessed_on]
                errors.append(
                    _record(
                        result,
                        index,
                        "assessed_on",
                        f"{result.assessed_on.isoformat()} is also the date of "
                        f"{_name(results[other], other)}; compare assessments made on "
                        "different dates",
                        "duplicate",
                    )
                )
            else:
                seen[result.assessed_on] = index
    if errors:
        raise ProgressError(errors)


def _notes(points: tuple[Point, ...], rubric_id: str) -> tuple[Note, ...]:
    versions: dict[str, list[datetime.date]] = {}
    for point in points:
        versions.setdefault(point.rubric_version, []).append(point.assessed_on)
    if len(versions) < 2:
        return ()
    uses = tuple(VersionUse(version, tuple(dates)) for version, dates in versions.items())
    return (Note(NoteKind.RUBRIC_VERSIONS_DIFFER, rubric_id, uses),)


def compare(results: Iterable[Readiness]) -> Progress:
    """Compare dated readiness results of one organisation, scored with one rubric.

    Parameters
    ----------
    results:
        Two or more results of :func:`transition.score`, in any order; each assessment
        needs an ``assessed_on`` date, and no two may share one. Rubric versions may
        differ (``notes`` says so); rubric ids and organisations may not.

    Returns
    -------
    Progress
        The results in date order, with what changed between each and the next and
        from the first to the last.

    Raises
    ------
    ProgressError
        With one located record per problem: fewer than two results, a missing or
        repeated date, another organisation or another rubric than the first result's.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> def scored(day, answers):
    ...     assessment = transition.load_assessment(
    ...         {
    ...             "rubric": rubric.id,
    ...             "organisation": "Riverside",
    ...             "assessed_on": day,
    ...             "answers": answers,
    ...         },
    ...         rubric,
    ...     )
    ...     return transition.score(rubric, assessment)
    >>> later = scored("2026-09-01", {"named_leader": 3, "senior_sponsor": 3})
    >>> earlier = scored("2026-06-01", {"named_leader": 3, "senior_sponsor": 1})
    >>> progress = transition.compare([later, earlier])
    >>> [point.assessed_on.isoformat() for point in progress.points]
    ['2026-06-01', '2026-09-01']
    >>> [m.id for m in progress.overall.newly_met]
    ['senior_sponsor']
    >>> round(progress.overall.characteristics["leadership"].change, 4)
    0.1
    >>> transition.compare([earlier])
    Traceback (most recent call last):
    ...
    transition.errors.ProgressError: comparing needs at least two assessments of one ...
    """
    ordered = list(results)
    for result in ordered:
        if not isinstance(result, Readiness):
            raise TypeError(
                f"compare() takes readiness results (from transition.score), "
                f"not {type(result).__name__}"
            )
    _check(ordered)
    ordered.sort(key=_date)
    points = tuple(_point(result, _date(result)) for result in ordered)
    steps = tuple(_change(older, newer) for older, newer in itertools.pairwise(ordered))
    first = ordered[0]
    return Progress(
        results=tuple(ordered),
        organisation=first.organisation,
        rubric_id=first.rubric_id,
        points=points,
        steps=steps,
        overall=_change(ordered[0], ordered[-1]),
        notes=_notes(points, first.rubric_id),
    )
