"""Targets and what-if (SPEC §8): what "ready" means for one team, and what it takes.

:func:`what_if` scores an assessment with some answers replaced. :func:`load_target`
reads a :class:`Target` (a band, minimum characteristic scores, minimum milestone
levels, by a date), checked against its rubric like assessments are. :func:`gap`
compares a result with a target: whether it holds now, the *goal set* of milestones to
raise (:func:`goal_set`), and the projected result once they are raised.
"""

from __future__ import annotations

import datetime
import heapq
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ._bits import members
from ._check import Bad, Checker, Spec, describe, plain, raw, rubric_id, text
from ._types import check_source, expect
from ._yaml import Document, DocumentError, FieldPath, load_document
from .assessment import date
from .errors import AssessmentError, TargetError, suggest
from .model import NA, Answer, FrozenDict, Gating, Level, Rubric
from .planning import Plan, build
from .result import NOT_APPLICABLE, Readiness, Status
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


def _msum(values: Iterable[float], partials: Iterable[float] = ()) -> list[float]:
    """Exact summation (Shewchuk): non-overlapping floats whose exact sum is that of
    ``partials`` plus ``values``.

    ``math.fsum`` rounds the exact sum of what it is given once, correctly, so
    ``fsum([*_msum(xs), *ys]) == fsum([*xs, *ys])`` for any floats: a sum of many
    values can be kept as a few partials and changed by a few terms, with the result
    of summing everything again.

    >>> import math
    >>> xs = [0.1] * 10 + [1e16, -1e16]
    >>> math.fsum([*_msum(xs), 0.3, -0.1]) == math.fsum([*xs, 0.3, -0.1])
    True
    """
    found = list(partials)
    for value in values:
        x = value
        i = 0
        for y in found:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                found[i] = lo
                i += 1
            x = hi
        found[i:] = [x]
    return found


class _Trial:
    """What adding one candidate to the set would change, measured against a
    :class:`_Projection` (SPEC §8 step 4).

    ``changes`` holds the members the closure adds or raises, with their levels;
    ``own`` and ``effective`` the projected own and effective levels that change (by
    rubric index); ``terms`` per characteristic index the exact change of its weighted
    credit sum (each old product negated, each new one); ``touch`` the bitset of every
    milestone whose level was an input to the trial (the changed members, every
    milestone re-walked and their prerequisites): while none of those changes, the
    trial is the same against a later projection.
    """

    __slots__ = ("changes", "cost", "effective", "own", "terms", "touch")

    def __init__(
        self,
        changes: dict[str, int],
        cost: float,
        own: dict[int, int],
        effective: dict[int, int],
        terms: dict[int, list[float]],
        touch: int,
    ) -> None:
        self.changes = changes
        self.cost = cost
        self.own = own
        self.effective = effective
        self.terms = terms
        self.touch = touch


class _Projection:
    """The projected result of a goal set, as the greedy step needs it: own and
    effective levels per rubric index, and each characteristic's weighted credit sum
    kept exactly (:func:`_msum`), so that a trial's scores cost its changes only and
    equal what :func:`~transition.scoring.scores` gives for the whole projection."""

    def __init__(self, planner: _Planner, goal: Mapping[str, int]) -> None:
        rules = self.rules = planner.compiled
        own = list(planner.result.milestones.own)
        for mid, level in planner.levels(goal).items():
            own[rules.index[mid]] = level
        effective, _ = walk(rules, own)
        self.own = own
        self.effective = effective
        count = len(rules.characteristic_ids)
        products: list[list[float]] = [[] for _ in range(count)]
        weights: list[list[float]] = [[] for _ in range(count)]
        for i, e in enumerate(effective):
            if e is not None:
                products[rules.characteristic_of[i]].append(rules.weight[i] * rules.fraction[e])
                weights[rules.characteristic_of[i]].append(rules.weight[i])
        self.partials = [_msum(p) for p in products]
        self.total = [math.fsum(w) if w else None for w in weights]
        self.characteristic = [self._score(c, []) for c in range(count)]
        self.overall = self._overall(self.characteristic)

    def product(self, i: int, level: int) -> float:
        return self.rules.weight[i] * self.rules.fraction[level]

    def _score(self, c: int, terms: list[float]) -> float | None:
        total = self.total[c]
        return None if total is None else math.fsum([*self.partials[c], *terms]) / total

    def _overall(self, characteristic: Sequence[float | None]) -> float:
        """Rule 7 over these characteristic scores, as :func:`scores` computes it."""
        weight = self.rules.characteristic_weight
        scored = [(weight[c], s) for c, s in enumerate(characteristic) if s is not None]
        if not scored:
            return 0.0
        return math.fsum([w * s for w, s in scored]) / math.fsum([w for w, _ in scored])

    def value(self, position: int | None) -> float | None:
        """The score a threshold is about: a characteristic's, or the overall one."""
        return self.overall if position is None else self.characteristic[position]

    def after(self, trial: _Trial, position: int | None) -> float | None:
        """That score once ``trial`` is added."""
        if position is not None:
            terms = trial.terms.get(position)
            return self.characteristic[position] if terms is None else self._score(position, terms)
        characteristic = list(self.characteristic)
        for c, terms in trial.terms.items():
            characteristic[c] = self._score(c, terms)
        return self._overall(characteristic)

    def apply(self, trial: _Trial) -> int:
        """Make ``trial`` part of the projection; the bitset of what it changed."""
        changed = 0
        for i, level in trial.own.items():
            self.own[i] = level
            changed |= 1 << i
        for i, e in trial.effective.items():
            self.effective[i] = e
            changed |= 1 << i
        for c, terms in trial.terms.items():
            self.partials[c] = _msum(terms, self.partials[c])
            self.characteristic[c] = self._score(c, [])
        self.overall = self._overall(self.characteristic)
        return changed


class _Planner:
    """The current result's facts that the goal-set steps of SPEC §8 use."""

    def __init__(self, result: Readiness) -> None:
        self.result = result
        rubric = self.rubric = result.rubric
        self.met = rubric.met_level
        self.bottom = _scale(rubric)[0]
        self.order = {mid: i for i, mid in enumerate(rubric.milestones)}
        rules = self.compiled = compiled(rubric)
        self.own: dict[str, Level] = {}
        self.effective: dict[str, int | None] = {}
        self.not_met: set[str] = set()
        for mid in rubric.milestones:
            outcome = result.milestones[mid]
            self.own[mid] = outcome.level
            self.effective[mid] = outcome.effective_level
            if outcome.status not in _DONE:
                self.not_met.add(mid)
        self.not_met_bits = sum(1 << rules.index[mid] for mid in self.not_met)
        self.dependents: list[list[int]] = [[] for _ in rules.ids]
        #: Each milestone and its prerequisites, as a bitset: what its level depends on.
        self.inputs: list[int] = []
        for i, required in enumerate(rules.prerequisites):
            bits = 1 << i
            for p, _ in required:
                self.dependents[p].append(i)
                bits |= 1 << p
            self.inputs.append(bits)
        self._projections: dict[frozenset[tuple[str, int]], Readiness] = {}

    def applicable(self, mid: str) -> bool:
        return self.own[mid] is not NA

    def add(self, goal: dict[str, int], mid: str, level: int) -> bool:
        """Put ``mid`` in the set at ``level`` (keeping a higher one); True if changed."""
        if not self.applicable(mid) or goal.get(mid, level - 1) >= level:
            return False
        goal[mid] = level
        return True

    def closing(self, goal: Mapping[str, int], seeds: Mapping[str, int]) -> dict[str, int]:
        """Step 3 for a closed ``goal`` plus ``seeds``: the members it adds or raises,
        with their levels (only what differs from ``goal``).

        Not-met ancestors at ``met``; ``(p, r)`` edges with ``r > met`` and ``p`` below
        ``r`` at ``r``; repeated until nothing changes. Both rules depend on who is a
        member, not at what level, so only members that join are looked at; and as an
        ancestor's ancestors are ancestors too, each not-met ancestor is put once.
        """
        rules, met = self.compiled, self.met
        ids, ancestors, prerequisites = rules.ids, rules.ancestors, rules.prerequisites
        changes: dict[str, int] = {}

        def put(mid: str, level: int) -> bool:
            """Raise ``mid`` to ``level``; True when it joins the set."""
            now = changes.get(mid, goal.get(mid))
            if not self.applicable(mid) or (now is not None and now >= level):
                return False
            changes[mid] = level
            return now is None

        pending = [mid for mid, level in seeds.items() if put(mid, level)]
        covered = 0
        while pending:
            i = rules.index[pending.pop()]
            for a in members(ancestors[i] & self.not_met_bits & ~covered):
                if put(ids[a], met):
                    pending.append(ids[a])
            covered |= ancestors[i]
            for p, r in prerequisites[i]:
                effective = self.effective[ids[p]]
                if r > met and effective is not None and effective < r and put(ids[p], r):
                    pending.append(ids[p])
        return changes

    def closure(self, goal: Mapping[str, int]) -> dict[str, int]:
        """Step 3: ``goal`` closed (a new dict)."""
        return {**goal, **self.closing({}, goal)}

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
        numbers :func:`what_if` would give."""
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

    def rewalk(self, base: _Projection, own: Mapping[int, int]) -> tuple[dict[int, int], int]:
        """The walk (rules 2-4) again from the milestones whose own level changes, in
        topological order, going on to a milestone's dependents only when its level
        changes: the effective levels that change, and the bitset of the milestones
        looked at and their prerequisites. Gating as in :func:`walk`."""
        rules = self.compiled
        position, prerequisites, bottom = rules.position, rules.prerequisites, rules.bottom
        cap, strict = rules.gating is Gating.CAP, rules.gating is Gating.STRICT
        queue = [(position[i], i) for i in own]
        heapq.heapify(queue)
        queued = set(own)
        changed: dict[int, int] = {}
        touch = 0
        while queue:
            _, i = heapq.heappop(queue)
            touch |= self.inputs[i]
            o = own.get(i, base.own[i])
            if o == NOT_APPLICABLE:
                continue  # never changes
            lowest, blocked = rules.top, False
            for p, required in prerequisites[i]:
                seen = changed.get(p, base.effective[p])
                seen = rules.top if seen is None else seen  # n/a counts as the top
                if seen < required:
                    blocked, lowest = True, min(lowest, seen)
            e = max(o, bottom)  # an unassessed milestone counts as the bottom
            if blocked:
                e = min(e, lowest) if cap else bottom if strict else e
            if e != base.effective[i]:
                changed[i] = e
                for d in self.dependents[i]:
                    if d not in queued:
                        queued.add(d)
                        heapq.heappush(queue, (position[d], d))
        return changed, touch

    def trial(self, goal: Mapping[str, int], base: _Projection, k: str) -> _Trial:
        """Candidate ``k`` at ``met``, closed, measured against ``base``."""
        rules = self.compiled
        changes = self.closing(goal, {k: self.met})
        own: dict[int, int] = {}
        touch = 0
        for mid, level in self.levels(changes).items():
            i = rules.index[mid]
            touch |= 1 << i
            if base.own[i] != level:
                own[i] = level
        effective, walked = self.rewalk(base, own)
        terms: dict[int, list[float]] = {}
        for i, e in effective.items():
            old = base.effective[i]
            assert old is not None  # only applicable milestones change
            terms.setdefault(rules.characteristic_of[i], []).extend(
                (-base.product(i, old), base.product(i, e))
            )
        cost = math.fsum(rules.duration[rules.index[m]] for m in changes if m not in goal)
        return _Trial(changes, cost, own, effective, terms, touch | walked)

    def greedy(
        self, goal: dict[str, int], threshold: float, position: int | None
    ) -> tuple[dict[str, int], bool]:
        """Step 4 for one threshold (``position``: the characteristic's index, None for
        the band's overall score): the grown set, and whether the threshold is reached.

        Each step takes the candidate of SPEC §8 with the best rank, as re-scoring every
        candidate's closed trial would, but a trial is built once and kept until the
        step that adds a member, or changes a level, among the milestones it read
        (:attr:`_Trial.touch`); every step recomputes each kept trial's gain from its
        exact terms, so ranks and ties are those of a full re-scoring.

        Cost, for ``n`` milestones, ``e`` prerequisite edges, ``C`` candidates and ``s``
        steps: one walk, O(n + e), then per step O(C (t + c)) for the kept trials (``t``
        the terms of a trial, ``c`` the characteristics) plus, for each trial built
        again, its closure and re-walk: O(a + w log w), ``a`` the candidate's
        ancestors and ``w`` the milestones whose level it can change. At worst (every
        trial built again at every step) O(s C (n + e) log n), as re-scoring is; in
        practice trials touch a small part of the rubric and most are kept.
        """
        candidates = self.candidates(goal, position)
        base = _Projection(self, goal)
        trials: dict[str, _Trial] = {}
        while True:
            before = base.value(position)
            if before is None or before >= threshold:
                return goal, True
            best = self.best(goal, base, candidates, trials, before, position)
            if best is None:
                return goal, False
            chosen = trials[best]
            goal = {**goal, **chosen.changes}
            changed = base.apply(chosen)
            for mid in chosen.changes:
                changed |= 1 << self.compiled.index[mid]
            candidates = [k for k in candidates if k not in goal]
            trials = {k: t for k, t in trials.items() if k not in goal and not t.touch & changed}

    def candidates(self, goal: Mapping[str, int], position: int | None) -> list[str]:
        """Applicable milestones that are not met and not in the set (for a
        characteristic, only its own), in rubric order."""
        milestones = self.rubric.milestones
        characteristic = None if position is None else self.compiled.characteristic_ids[position]
        return [
            k
            for k in milestones
            if k not in goal
            and k in self.not_met
            and self.applicable(k)
            and (characteristic is None or milestones[k].characteristic == characteristic)
        ]

    def best(
        self,
        goal: Mapping[str, int],
        base: _Projection,
        candidates: Iterable[str],
        trials: dict[str, _Trial],
        before: float,
        position: int | None,
    ) -> str | None:
        """The candidate with ``gain > 0`` and the best rank; None when there is none.
        Builds the trials ``trials`` lacks (and keeps them there)."""
        best: tuple[tuple[bool, float, float, int], str] | None = None
        for k in candidates:
            trial = trials.get(k)
            if trial is None:
                trial = trials[k] = self.trial(goal, base, k)
            gain = (base.after(trial, position) or 0.0) - before
            if gain <= 0:
                continue
            cost = trial.cost
            # A cost of 0 beats any ratio; then the larger gain; then rubric order.
            rank = (cost == 0, 0.0 if cost == 0 else gain / cost, gain, -self.order[k])
            if best is None or rank > best[0]:
                best = (rank, k)
        return None if best is None else best[1]

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
            position = self.compiled.characteristic_ids.index(cid)
            goal, reached = self.greedy(goal, threshold, position)
            if not reached:
                unreachable.append(f"characteristics.{cid}")
        if band is not None:
            goal, reached = self.greedy(goal, band.min, None)
            if not reached:
                unreachable.append("band")
        return goal, tuple(unreachable)


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
