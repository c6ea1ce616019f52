"""Errors that say where a problem is and what to do about it.

Every problem found in a file becomes an :class:`ErrorRecord` carrying the file, the
line (when the input came from a file), the field path and a message. Loaders collect
all of them and raise once, so an author can fix ten mistakes in one pass.
"""

from __future__ import annotations

import bisect
import difflib
import functools
from collections.abc import Iterable

import attrs

from ._limits import MAX_ERRORS

__all__ = [
    "AssessmentError",
    "CohortError",
    "ErrorRecord",
    "LensError",
    "ProgressError",
    "RubricError",
    "TargetError",
    "TemplateError",
    "TransitionError",
    "TranslationError",
    "suggest",
]


@attrs.frozen
class ErrorRecord:
    """One located problem.

    Attributes
    ----------
    message:
        What is wrong and, where it helps, what to do.
    field:
        The field path, such as ``milestones[7] (board_formed).requires[1]``; empty
        for a problem with the whole document.
    path:
        The file the input came from, or ``None`` for a mapping.
    line:
        The 1-based line in that file, or ``None`` when unknown.
    code:
        A short machine-readable kind, such as ``unknown-key`` or ``cycle``.
    sheet, column:
        For a spreadsheet, the worksheet and the column letter (``line`` is the row);
        for a CSV file, the column's header.
    hidden:
        For the last record of a capped list (code ``more-errors``), how many problems
        it stands for, so that lists capped once can be merged and capped again.

    Examples
    --------
    >>> str(
    ...     ErrorRecord(
    ...         "must be > 0 (got -3)",
    ...         "characteristics[0] (vision).weight",
    ...         path="custom.yaml",
    ...         line=12,
    ...         code="value",
    ...     )
    ... )
    'custom.yaml:12: characteristics[0] (vision).weight: must be > 0 (got -3)'
    >>> str(ErrorRecord("expected a mapping", code="type"))
    'expected a mapping'
    >>> str(
    ...     ErrorRecord(
    ...         "level 9 is outside the scale 0..4",
    ...         "answers.board_formed",
    ...         path="team.xlsx",
    ...         line=14,
    ...         sheet="Assessment",
    ...         column="D",
    ...     )
    ... )
    'team.xlsx:Assessment!D14: answers.board_formed: level 9 is outside the scale 0..4'
    >>> str(
    ...     ErrorRecord(
    ...         "level 9 is outside the scale 0..4",
    ...         "answers.board_formed",
    ...         path="team.csv",
    ...         line=14,
    ...         column="level",
    ...     )
    ... )
    "team.csv:14: answers.board_formed (column 'level'): level 9 is outside the scale 0..4"
    """

    message: str
    field: str = ""
    path: str | None = None
    line: int | None = None
    code: str = "invalid"
    sheet: str | None = None
    column: str | None = None
    hidden: int = 0

    def __str__(self) -> str:
        parts = []
        where = ""
        if self.line is not None:
            where = str(self.line)
            if self.sheet is not None:
                where = f"{self.sheet}!{self.column or ''}{self.line}"
        if self.path is not None:
            parts.append(f"{self.path}:{where}" if where else self.path)
        elif where:
            parts.append(f"row {where}" if self.sheet or self.column else f"line {where}")
        field = self.field
        if self.column is not None and self.sheet is None:
            field = f"{field} (column {self.column!r})" if field else f"column {self.column!r}"
        if field:
            parts.append(field)
        parts.append(self.message)
        return ": ".join(parts)


#: The ``code`` of the last record of a capped error list.
MORE = "more-errors"


def cap(errors: Iterable[ErrorRecord], limit: int = MAX_ERRORS) -> tuple[ErrorRecord, ...]:
    """The first ``limit`` records, then one that counts the rest (located at the file).

    >>> records = [ErrorRecord(f"problem {n}", path="a.yaml", line=n) for n in range(5)]
    >>> for record in cap(records, 2):
    ...     print(record)
    a.yaml:0: problem 0
    a.yaml:1: problem 1
    a.yaml: and 3 more problems (only the first 2 are listed); fix these and run again ...
    >>> cap(cap(records, 2), 2) == cap(records, 2)
    True

    Lists capped once and merged are capped again with the true count:

    >>> merged = [*cap(records, 2), *cap(records, 2)]
    >>> print(cap(merged, 3)[-1])
    a.yaml: and 7 more problems (only the first 3 are listed); fix these and run again ...
    """
    records = tuple(errors)
    shown = tuple(record for record in records if record.code != MORE)
    hidden = sum(record.hidden for record in records if record.code == MORE)
    if len(shown) <= limit and not hidden:
        return shown
    where = next((record.path for record in records if record.path is not None), None)
    count = max(0, len(shown) - limit) + hidden
    return (
        *shown[:limit],
        ErrorRecord(
            f"and {count:,} more problem{'s' if count != 1 else ''} (only the first "
            f"{limit:,} are listed); fix these and run again to see the rest",
            path=where,
            code=MORE,
            hidden=count,
        ),
    )


class TransitionError(ValueError):
    """Root of transition's input errors; ``errors`` holds the located problems.

    At most :data:`~transition._limits.MAX_ERRORS` are kept; a last record (code
    ``more-errors``) then says how many more there were.
    """

    def __init__(self, errors: Iterable[ErrorRecord]) -> None:
        self.errors: tuple[ErrorRecord, ...] = cap(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))


class RubricError(TransitionError):
    """A rubric that breaks one or more rules of the rubric format."""


class AssessmentError(TransitionError):
    """An assessment that breaks one or more rules of the assessment format."""


class TargetError(TransitionError):
    """A target that breaks one or more rules of the target format (SPEC §8)."""


class LensError(TransitionError):
    """A lens that breaks one or more rules of the lens format (SPEC §10), or that does
    not fit the rubric it is used with."""


class TranslationError(TransitionError):
    """A rubric translation file (SPEC 12) that breaks one or more rules of its format,
    or does not fit its rubric."""


class CohortError(TransitionError):
    """A cohort file that breaks one or more rules of the cohort format (SPEC §11), results
    that make no cohort (none, or of different rubrics), or a cohort of another rubric
    than the result benchmarked against it."""


class ProgressError(TransitionError):
    """Results that cannot be compared: too few, undated, or of different organisations
    or rubrics. Each record names the assessment's file (or its position in the list)."""


#: Up to this many choices, every one is compared with the word (difflib's own search).
SUGGEST_ALL_UP_TO = 200
#: With more choices, only near ones are compared, at most this many: those one
#: deletion away from the word (or the other way round), those the word begins or
#: ends with, and those next to it in alphabetical order, forwards and backwards
#: (sharing a beginning or an ending).
SUGGEST_CANDIDATES = 100
#: How many choices on each side of the word, in each order, are near ones.
_WINDOW = 7
#: Words (and choices) longer than this are not indexed by their deletions.
_VARIANT_LENGTH = 64


def _variants(word: str) -> list[str]:
    """The word and each way of deleting one character from it."""
    if len(word) > _VARIANT_LENGTH:
        return [word]
    return [word, *(word[:i] + word[i + 1 :] for i in range(len(word)))]


class _Neighbours:
    """The choices of a large set, indexed by their one-deletion variants and sorted
    by their beginnings and by their endings."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        unique = list(dict.fromkeys(choices))
        self.index: dict[str, list[str]] = {}
        for choice in unique:
            for variant in dict.fromkeys(_variants(choice)):
                self.index.setdefault(variant, []).append(choice)
        self.members = set(unique)
        self.forwards = sorted(unique)
        self.backwards = sorted(choice[::-1] for choice in unique)

    def near(self, word: str) -> list[str]:
        """Near choices of ``word``, at most SUGGEST_CANDIDATES of them."""
        found: dict[str, None] = {}
        room = SUGGEST_CANDIDATES - 4 * _WINDOW  # what the windows below leave
        for variant in _variants(word):
            for choice in self.index.get(variant, ()):
                if len(found) >= room - 20:
                    break
                found[choice] = None
        # A choice the word begins or ends with (a suffix or a prefix was added).
        ends = range(min(len(word), _VARIANT_LENGTH) - 1, 2, -1)
        for part in (piece for end in ends for piece in (word[:end], word[-end:])):
            if part in self.members and len(found) < room:
                found[part] = None
        for ordered, key, turn in (
            (self.forwards, word, False),
            (self.backwards, word[::-1], True),
        ):
            at = bisect.bisect_left(ordered, key)
            for choice in ordered[max(at - _WINDOW, 0) : at + _WINDOW]:
                found[choice[::-1] if turn else choice] = None
        return list(found)


@functools.lru_cache(maxsize=8)
def _neighbours(choices: tuple[str, ...]) -> _Neighbours:
    return _Neighbours(choices)


def candidates(word: str, choices: Iterable[str]) -> list[str]:
    """The choices :func:`suggest` compares ``word`` with: all of a small set; of a
    large set, at most :data:`SUGGEST_CANDIDATES` near ones, found through an index
    that is built once per set.

    >>> candidates("bord", ["board", "named"])
    ['board', 'named']
    >>> ids = [f"milestone_{n:05}" for n in range(20_000)]
    >>> len(candidates("milestone_00o01", ids)) <= SUGGEST_CANDIDATES
    True
    >>> suggest("milestone_00o01", ids)
    " (did you mean 'milestone_10001'?)"
    >>> len(candidates("milestone_0", ids)) <= SUGGEST_CANDIDATES
    True
    """
    options = tuple(choices)  # C speed: a set of 20,000 ids is copied in microseconds
    if len(options) <= SUGGEST_ALL_UP_TO:
        return list(options)
    return _neighbours(options).near(word)


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string.

    The work is bounded: at most :data:`SUGGEST_ALL_UP_TO` (or, for a large set,
    :data:`SUGGEST_CANDIDATES`) choices are compared, so thousands of misspellings
    against thousands of ids stay fast (see :func:`candidates`).

    >>> suggest("bord_formed", ["board_formed", "named_leader"])
    " (did you mean 'board_formed'?)"
    >>> suggest("zzz", ["board_formed"])
    ''
    """
    matches = difflib.get_close_matches(word, candidates(word, choices), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


class TemplateError(TransitionError):
    """A user's report template that cannot be rendered: a syntax error, an undefined
    value, a sandbox violation, a missing template, runaway recursion. Each record names
    the template file and line."""
