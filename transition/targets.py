"""Targets and what-if (SPEC §8): what "ready" means for one team, and what it takes.

:func:`what_if` scores an assessment with some answers replaced. :func:`load_target`
reads a :class:`Target` (a band, minimum characteristic scores, minimum milestone
levels, by a date), checked against its rubric like assessments are. :func:`gap`
compares a result with a target: whether it holds now, the *goal set* of milestones to
raise (:func:`goal_set`), and the projected result once they are raised.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from ._bits import members
from ._check import Bad, Checker, Spec, describe, plain, raw, rubric_id, text
from ._types import check_source, expect
from ._yaml import Document, DocumentError, FieldPath, load_document
from .assessment import date
from .errors import AssessmentError, TargetError, suggest
from .model import NA, Answer, FrozenDict, Level, Rubric
from .planning import Plan, build
from .result import Readiness, Status
from .scoring import compiled, score, scores, walk

__all__ = [
    "BandGap",
    "CharacteristicGap",
    "Gap",
    "MilestoneGap",
    "Target",
    "gap",
    "goal_set",
    "load_target",
    "what_if",
]

#: A projection's characteristic scores (rubric order) and overall score.
Scores = tuple[list[float | None], float]

#: The statuses that are not "not met" (SPEC §8).
_DONE = (Status.MET, Status.NOT_APPLICABLE)


def _scale(rubric: Rubric) -> tuple[int, int]:
    """The lowest and highest scale values."""
    return rubric.bottom, rubric.top


# -- what-if ---------------------------------------------------------------------------


def _replaced(result: Readiness, levels: Mapping[str, int]) -> Readiness:
    """Score ``result``'s assessment with these (already checked) levels put in."""
    assessment = result.assessment
    answers = dict(assessment.answers)
    for milestone_id, level in levels.items():
        old = answers.get(milestone_id)
        answers[milestone_id] = (
            Answer(milestone_id, level)
            if old is None
            else attrs.evolve(old, level=level, levels=())
        )
    ordered = FrozenDict((mid, answers[mid]) for mid in result.rubric.milestones if mid in answers)
    return score(result.rubric, attrs.evolve(assessment, answers=ordered))


def what_if(result: Readiness, levels: Mapping[str, int]) -> Readiness:
    """Score the same assessment with some answers replaced by a single level.

    Each named milestone's answer becomes that level (several respondents collapse
    into it; evidence and notes are kept); the other answers are unchanged.

    Raises
    ------
    AssessmentError
        For an id the rubric does not have (with the closest id) or a level outside
        the scale, every one located at ``answers.<id>``.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric, transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
    ... )
    >>> after = transition.what_if(result, {"named_leader": 3})
    >>> after.milestones["named_leader"].status.value, after.score > result.score
    ('met', True)
    >>> transition.what_if(result, {"named_leadr": 3, "senior_sponsor": 9})
    Traceback (most recent call last):
    ...
    transition.errors.AssessmentError: answers.named_leadr: unknown milestone ... 'named_leader'?)
    answers.senior_sponsor: level 9 is outside the scale 0..4
    """
    expect(result, Readiness, "what_if()'s result", "score an assessment first")
    expect(levels, Mapping, "what_if()'s levels", "give a mapping of milestone id to level")
    rubric = result.rubric
    checker = Checker(Document({"answers": dict(levels)}))
    checked: dict[str, int] = {}
    for key, value in levels.items():
        path: FieldPath = ("answers", key)
        if key not in rubric.milestones:
            shown = repr(key) if isinstance(key, str) else str(key)
            checker.add(
                path,
                f"unknown milestone {shown}{suggest(str(key), rubric.milestones)}",
                "unknown-ref",
            )
            continue
        level = _level(checker, rubric, value, path)
        if level is not None:
            checked[key] = level
    if checker.errors:
        raise AssessmentError(checker.errors)
    return _replaced(result, checked)


def _level(checker: Checker, rubric: Rubric, value: object, path: FieldPath) -> int | None:
    """A whole number on the scale, or None after recording what is wrong."""
    bottom, top = _scale(rubric)
    if isinstance(value, int) and not isinstance(value, bool):
        if bottom <= value <= top:
            return value
        checker.add(path, f"level {value} is outside the scale {bottom}..{top}", "level")
        return None
    checker.add(path, f"expected a whole number {bottom}..{top}, got {describe(value)}", "type")
    return None


# -- targets ---------------------------------------------------------------------------


@attrs.frozen
class Target:
    """What "ready" means for one team by one date (SPEC §8).

    ``characteristics`` (minimum scores) and ``milestones`` (minimum effective levels)
    are in rubric order. ``source`` (the file) is not part of equality.

    >>> target = Target("go-live", "tiny", band="ready", milestones=FrozenDict({"a": 3}))
    >>> target.to_dict()["milestones"]
    {'a': 3}
    """

    id: str
    rubric: str
    title: str = ""
    by: datetime.date | None = None
    band: str | None = None
    characteristics: FrozenDict[str, float] = attrs.field(factory=FrozenDict)
    milestones: FrozenDict[str, int] = attrs.field(factory=FrozenDict)
    source: str | None = attrs.field(default=None, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """The target as a JSON-ready document, in the shape :func:`load_target` reads."""
        return {
            "target": self.id,
            "rubric": self.rubric,
            "title": self.title,
            "by": None if self.by is None else self.by.isoformat(),
            "band": self.band,
            "characteristics": dict(self.characteristics),
            "milestones": dict(self.milestones),
        }


_TOP: Spec = {
    "target": (True, rubric_id),
    "rubric": (True, text),
    "title": (False, text),
    "by": (False, date),
    "band": (False, text),
    "characteristics": (False, raw),
    "milestones": (False, raw),
}
_GOALS = ("band", "characteristics", "milestones")


def _entries(
    checker: Checker,
    value: object,
    field: str,
    known: Mapping[str, object],
    what: str,
    convert: Callable[[object, FieldPath], Any],
) -> dict[str, Any]:
    """Check a mapping of id -> value against the rubric's ids; return the good ones."""
    if not isinstance(value, dict):
        checker.add(
            (field,), f"expected a mapping of {what} id to value, got {describe(value)}", "type"
        )
        return {}
    found: dict[str, Any] = {}
    for key, item in value.items():
        path: FieldPath = (field, key)
        if key not in known:
            shown = repr(key) if isinstance(key, str) else str(key)
            checker.add(path, f"unknown {what} {shown}{suggest(str(key), known)}", "unknown-ref")
            continue
        converted = convert(item, path)
        if converted is not None:
            found[key] = converted
    return {key: found[key] for key in known if key in found}  # rubric order


def _build_target(document: Document, rubric: Rubric) -> Target:
    checker = Checker(document)
    if not isinstance(document.data, dict):
        checker.add((), f"expected a target (a mapping), got {describe(document.data)}", "type")
        raise TargetError(checker.errors)
    data = {k: v for k, v in document.data.items() if v is not None or k in ("target", "rubric")}
    fields = checker.mapping(data, (), _TOP, "a target")
    if "rubric" in fields and fields["rubric"] != rubric.id:
        checker.add(
            ("rubric",),
            f"this target is for rubric {fields['rubric']!r}, not {rubric.id!r}; "
            "use it with that rubric",
            "rubric-mismatch",
        )
    band = fields.get("band")
    band_ids = [b.id for b in rubric.bands]
    if band is not None and band not in band_ids:
        hint = suggest(band, band_ids) or f" (bands: {', '.join(band_ids)})"
        checker.add(("band",), f"unknown band {band!r}{hint}", "unknown-ref")

    def score_value(value: object, path: FieldPath) -> float | None:
        try:
            number = _score(value)
        except Bad as bad:
            checker.add(path, str(bad), bad.code)
            return None
        return number

    def level_value(value: object, path: FieldPath) -> int | None:
        return _level(checker, rubric, value, path)

    characteristics: dict[str, float] = {}
    if "characteristics" in data:
        known = {c.id: c for c in rubric.characteristics}
        characteristics = _entries(
            checker,
            data["characteristics"],
            "characteristics",
            known,
            "characteristic",
            score_value,
        )
    milestones: dict[str, int] = {}
    if "milestones" in data:
        milestones = _entries(
            checker, data["milestones"], "milestones", rubric.milestones, "milestone", level_value
        )
    if not any(data.get(key) not in (None, {}) for key in _GOALS):
        checker.add((), "give at least one of 'band', 'characteristics' or 'milestones'", "missing")
    if checker.errors:
        raise TargetError(checker.sorted_errors())
    return Target(
        id=fields["target"],
        rubric=fields["rubric"],
        title=fields.get("title", ""),
        by=fields.get("by"),
        band=band,
        characteristics=FrozenDict(characteristics),
        milestones=FrozenDict(milestones),
        source=document.name,
    )


def _score(value: object) -> float:
    """A characteristic score in [0, 1]."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 0 <= value <= 1:  # also NaN
            raise Bad(f"a score must be in [0, 1] (got {value!r})", "value")
        return float(value)
    raise Bad(f"expected a score in [0, 1], got {describe(value)}")


def load_target(source: str | os.PathLike[str] | Mapping[str, Any], rubric: Rubric) -> Target:
    """Load a target (YAML or JSON file, or a mapping) and check it against its rubric.

    Raises
    ------
    TargetError
        With every problem at once, each located by file, line and field (unknown
        band, characteristic or milestone ids with the closest id, levels outside the
        scale, scores outside [0, 1], a ``by`` that is not a date, another rubric's id,
        no goal at all, unknown keys).

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> target = transition.load_target(
    ...     {
    ...         "target": "go-live-2027",
    ...         "rubric": "public-service-spinout",
    ...         "by": "2027-04-01",
    ...         "band": "ready",
    ...         "milestones": {"board_formed": 3},
    ...     },
    ...     rubric,
    ... )
    >>> target.by, target.band, dict(target.milestones)
    (datetime.date(2027, 4, 1), 'ready', {'board_formed': 3})
    >>> transition.load_target(
    ...     {"target": "t", "rubric": rubric.id, "characteristics": {"leadrship": 1.5}}, rubric
    ... )
    Traceback (most recent call last):
    ...
    transition.errors.TargetError: characteristics.leadrship: unknown ... 'leadership'?)
    """
    check_source(source, "load_target()", "a path or a mapping", TargetError)
    expect(rubric, Rubric, "load_target()'s rubric", "load it first with transition.load_rubric()")
    if isinstance(source, Mapping):
        return _build_target(Document(plain(source)), rubric)
    try:
        document = load_document(Path(source), name=os.fspath(source), what="target")
    except DocumentError as error:
        raise TargetError([error.record]) from None
    return _build_target(document, rubric)


# -- the goal set ----------------------------------------------------------------------


class _Planner:
    """The current result's facts that the goal-set steps of SPEC §8 use."""

    def __init__(self, result: Readiness) -> None:
        self.result = result
        rubric = self.rubric = result.rubric
        self.met = rubric.met_level
        self.bottom = _scale(rubric)[0]
        self.order = {mid: i for i, mid in enumerate(rubric.milestones)}
        self.compiled = compiled(rubric)
        self.own: dict[str, Level] = {}
        self.effective: dict[str, int | None] = {}
        self.not_met: set[str] = set()
        for mid in rubric.milestones:
            outcome = result.milestones[mid]
            self.own[mid] = outcome.level
            self.effective[mid] = outcome.effective_level
            if outcome.status not in _DONE:
                self.not_met.add(mid)
        self._ancestors: dict[str, frozenset[str]] = {}
        self._projections: dict[frozenset[tuple[str, int]], Readiness] = {}

    def applicable(self, mid: str) -> bool:
        return self.own[mid] is not NA

    def ancestors(self, mid: str) -> frozenset[str]:
        found = self._ancestors.get(mid)
        if found is None:
            found = self._ancestors[mid] = frozenset(
                self.compiled.ids[i] for i in members(self.compiled.ancestors[self.order[mid]])
            )
        return found

    def add(self, goal: dict[str, int], mid: str, level: int) -> bool:
        """Put ``mid`` in the set at ``level`` (keeping a higher one); True if changed."""
        if not self.applicable(mid) or goal.get(mid, level - 1) >= level:
            return False
        goal[mid] = level
        return True

    def closure(self, goal: dict[str, int], added: Iterable[str] | None = None) -> dict[str, int]:
        """Step 3: not-met ancestors at ``met``; ``(p, r)`` edges with ``r > met`` and
        ``p`` below ``r`` at ``r``; repeated until nothing changes.

        Both rules depend on who is a member, not at what level, so only members not
        yet looked at need looking at: ``added`` (all members when None) and every
        member they bring in. A closed set plus ``k`` is closed by looking at ``k`` on.
        """
        goal = dict(goal)
        pending = list(goal if added is None else added)
        seen_members = set(goal) - set(pending)
        while pending:
            mid = pending.pop()
            if mid in seen_members:
                continue
            seen_members.add(mid)
            before = set(goal)
            for ancestor in self.ancestors(mid):
                if ancestor in self.not_met:
                    self.add(goal, ancestor, self.met)
            for prerequisite in self.rubric.milestones[mid].requires:
                p, r = prerequisite.milestone, prerequisite.level
                effective = self.effective[p]
                if r > self.met and effective is not None and effective < r:
                    self.add(goal, p, r)
            pending.extend(m for m in goal if m not in before)
        return goal

    def levels(self, goal: Mapping[str, int]) -> dict[str, int]:
        """What the projection answers: ``max(own, L)``, unassessed counting as bottom."""
        found = {}
        for mid, level in goal.items():
            own = self.own[mid]
            found[mid] = max(own if isinstance(own, int) else self.bottom, level)
        return found

    def scores(self, goal: Mapping[str, int]) -> Scores:
        """The projection's characteristic scores (rubric order) and overall score,
        by the scorer's own walk (rules 1-7) without building a whole result: the
        numbers :func:`what_if` would give, for the greedy step's many trials."""
        own = list(self.result.milestones.own)
        index = self.compiled.index
        for mid, level in self.levels(goal).items():
            own[index[mid]] = level
        effective, _ = walk(self.compiled, own)
        return scores(self.compiled, effective)

    def project(self, goal: Mapping[str, int]) -> Readiness:
        key = frozenset(goal.items())
        found = self._projections.get(key)
        if found is None:
            found = self._projections[key] = _replaced(self.result, self.levels(goal))
        return found

    def ordered(self, goal: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(goal.items(), key=lambda item: self.order[item[0]]))

    def greedy(
        self,
        goal: dict[str, int],
        threshold: float,
        value: Callable[[Scores], float | None],
        characteristic: str | None,
    ) -> tuple[dict[str, int], bool]:
        """Step 4 for one threshold: the grown set, and whether the threshold is reached."""
        milestones = self.rubric.milestones
        while True:
            before = value(self.scores(goal))
            if before is None or before >= threshold:
                return goal, True
            best: tuple[tuple[bool, float, float, int], dict[str, int]] | None = None
            for k in milestones:
                if k in goal or k not in self.not_met or not self.applicable(k):
                    continue
                if characteristic is not None and milestones[k].characteristic != characteristic:
                    continue
                trial = self.closure({**goal, k: self.met}, (k,))
                after = value(self.scores(trial))
                gain = (after or 0.0) - before
                if gain <= 0:
                    continue
                cost = math.fsum(milestones[m].duration_weeks for m in trial if m not in goal)
                # A cost of 0 beats any ratio; then the larger gain; then rubric order.
                rank = (cost == 0, 0.0 if cost == 0 else gain / cost, gain, -self.order[k])
                if best is None or rank > best[0]:
                    best = (rank, trial)
            if best is None:
                return goal, False
            goal = best[1]

    def goal(self, target: Target) -> tuple[dict[str, int], tuple[str, ...]]:
        """Steps 1-4 of SPEC §8: the goal set and the unreachable thresholds."""
        rubric = self.rubric
        goal: dict[str, int] = {}
        for mid, level in target.milestones.items():  # step 1
            seen = self.effective[mid]
            if seen is not None and seen < level:
                self.add(goal, mid, level)
        band = _band(rubric, target.band)
        if band is not None and band.requires_critical:  # step 2
            for mid, milestone in rubric.milestones.items():
                if milestone.critical and mid in self.not_met:
                    self.add(goal, mid, self.met)
        goal = self.closure(goal)  # step 3
        unreachable: list[str] = []
        for cid, threshold in target.characteristics.items():  # step 4, rubric order
            value = _characteristic_score(self.compiled.characteristic_ids.index(cid))
            goal, reached = self.greedy(goal, threshold, value, cid)
            if not reached:
                unreachable.append(f"characteristics.{cid}")
        if band is not None:
            goal, reached = self.greedy(goal, band.min, _overall_score, None)
            if not reached:
                unreachable.append("band")
        return goal, tuple(unreachable)


def _characteristic_score(position: int) -> Callable[[Scores], float | None]:
    def value(scores: Scores) -> float | None:
        return scores[0][position]

    return value


def _overall_score(scores: Scores) -> float:
    return scores[1]


def _band(rubric: Rubric, band_id: str | None) -> Any:
    return next((band for band in rubric.bands if band.id == band_id), None)


def _checked(result: Readiness, target: Target) -> None:
    """The target must fit the result's rubric (a Target built by hand, say)."""
    expect(result, Readiness, "the result", "score an assessment first")
    expect(target, Target, "the target", "load it with transition.load_target()")
    _build_target(Document(target.to_dict()), result.rubric)


def goal_set(result: Readiness, target: Target) -> tuple[tuple[str, int], ...]:
    """The milestones a plan must raise to meet ``target``, each with its level, in
    rubric order (SPEC §8: entries below their level, open critical gates, the closure
    through prerequisites, then the greedy step for each score threshold).

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric(
    ...     {
    ...         "rubric": "tiny",
    ...         "title": "Tiny",
    ...         "version": "1",
    ...         "characteristics": [{"id": "c", "title": "C"}],
    ...         "milestones": [
    ...             {"id": "a", "characteristic": "c", "title": "A"},
    ...             {"id": "b", "characteristic": "c", "title": "B", "requires": ["a"]},
    ...         ],
    ...         "bands": [{"id": "low", "label": "Low", "min": 0}],
    ...     }
    ... )
    >>> result = transition.score(
    ...     rubric, transition.load_assessment({"rubric": "tiny", "answers": {}}, rubric)
    ... )
    >>> target = transition.load_target(
    ...     {"target": "t", "rubric": "tiny", "milestones": {"b": 4}}, rubric
    ... )
    >>> transition.goal_set(result, target)
    (('a', 3), ('b', 4))
    """
    _checked(result, target)
    planner = _Planner(result)
    return planner.ordered(planner.goal(target)[0])


# -- the gap ---------------------------------------------------------------------------


@attrs.frozen
class CharacteristicGap:
    """A characteristic threshold: the score now, the target, and the shortfall."""

    id: str
    current: float | None
    target: float
    shortfall: float

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data."""
        return {"current": self.current, "target": self.target, "shortfall": self.shortfall}


@attrs.frozen
class MilestoneGap:
    """A milestone entry: the effective level now (``NA`` if not applicable), the target."""

    id: str
    level: Level
    target: int

    def to_dict(self) -> dict[str, Any]:
        """The entry as JSON-ready data."""
        return {"level": "n/a" if self.level is NA else self.level, "target": self.target}


@attrs.frozen
class BandGap:
    """The band now and the target band (``None`` when the target names none)."""

    current: str
    target: str | None

    def to_dict(self) -> dict[str, Any]:
        """The band as JSON-ready data."""
        return {"current": self.current, "target": self.target}


@attrs.frozen
class Gap:
    """How far a result is from a target, and what would close the gap (SPEC §8).

    ``unreachable`` names the thresholds the greedy step could not reach:
    ``characteristics.<id>`` or ``band``.
    """

    target: Target
    reached: bool
    reachable: bool
    unreachable: tuple[str, ...]
    goal: tuple[tuple[str, int], ...]
    projected: Readiness
    characteristics: FrozenDict[str, CharacteristicGap]
    milestones: FrozenDict[str, MilestoneGap]
    band: BandGap
    #: The plan that raises the goal set (critical-path method, dated from the
    #: assessment, the target's ``by`` as deadline): :func:`transition.plan`'s.
    plan: Plan

    def to_dict(self) -> dict[str, Any]:
        """The gap as a JSON-ready document (the same gap gives the same document)."""
        return {
            "target": self.target.to_dict(),
            "reached": self.reached,
            "reachable": self.reachable,
            "unreachable": list(self.unreachable),
            "goal": [{"milestone": mid, "level": level} for mid, level in self.goal],
            "band": self.band.to_dict(),
            "characteristics": {cid: c.to_dict() for cid, c in self.characteristics.items()},
            "milestones": {mid: m.to_dict() for mid, m in self.milestones.items()},
            "projected": self.projected.to_dict(),
            "plan": self.plan.to_dict(),
        }


def holds(result: Readiness, target: Target) -> bool:
    """Whether ``target`` holds for ``result``: its band is the target band or a later
    one, each named characteristic scores at least its threshold (``None`` holds) and
    each named milestone is n/a or at least at its level.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric, transition.load_assessment({"rubric": rubric.id, "answers": {}}, rubric)
    ... )
    >>> holds(result, Target("t", rubric.id, band="not_ready"))
    True
    >>> holds(result, Target("t", rubric.id, milestones=FrozenDict({"named_leader": 1})))
    False
    """
    bands = [band.id for band in result.rubric.bands]
    if target.band is not None and bands.index(result.band.id) < bands.index(target.band):
        return False
    for cid, threshold in target.characteristics.items():
        now = result.characteristics[cid].score
        if now is not None and now < threshold:
            return False
    for mid, level in target.milestones.items():
        effective = result.milestones[mid].effective_level
        if effective is not None and effective < level:
            return False
    return True


def gap(result: Readiness, target: Target) -> Gap:
    """Compare a result with a target: whether it holds now, the goal set, and the
    projected result once the goal set is reached.

    Raises
    ------
    TargetError
        When the target does not fit the result's rubric.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric,
    ...     transition.load_assessment(
    ...         {"rubric": rubric.id, "answers": {"named_leader": 2}}, rubric
    ...     ),
    ... )
    >>> target = transition.load_target(
    ...     {"target": "t", "rubric": rubric.id, "milestones": {"named_leader": 3}}, rubric
    ... )
    >>> found = transition.gap(result, target)
    >>> found.reached, found.reachable, found.goal
    (False, True, (('named_leader', 3),))
    >>> (
    ...     found.milestones["named_leader"].level,
    ...     found.projected.milestones["named_leader"].status.value,
    ... )
    (2, 'met')
    """
    _checked(result, target)
    planner = _Planner(result)
    goal, unreachable = planner.goal(target)
    characteristics = {}
    for cid, threshold in target.characteristics.items():
        now = result.characteristics[cid].score
        shortfall = 0.0 if now is None else max(0.0, threshold - now)
        characteristics[cid] = CharacteristicGap(cid, now, threshold, shortfall)
    milestones = {}
    for mid, level in target.milestones.items():
        effective = result.milestones[mid].effective_level
        milestones[mid] = MilestoneGap(mid, NA if effective is None else effective, level)
    ordered = planner.ordered(goal)
    index = compiled(result.rubric).index
    return Gap(
        target=target,
        reached=holds(result, target),
        reachable=not unreachable,
        unreachable=unreachable,
        goal=ordered,
        projected=planner.project(goal),
        characteristics=FrozenDict(characteristics),
        milestones=FrozenDict(milestones),
        band=BandGap(result.band.id, target.band),
        plan=build(result, {index[mid] for mid, _ in ordered}, target=target),
    )
