"""Errors that say where a problem is and what to do about it.

Every problem found in a file becomes an :class:`ErrorRecord` carrying the file, the
line (when the input came from a file), the field path and a message. Loaders collect
all of them and raise once, so an author can fix ten mistakes in one pass.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import attrs

__all__ = [
    "AssessmentError",
    "ErrorRecord",
    "ProgressError",
    "RubricError",
    "TemplateError",
    "TransitionError",
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


class TransitionError(ValueError):
    """Root of transition's input errors; ``errors`` holds every located problem."""

    def __init__(self, errors: Iterable[ErrorRecord]) -> None:
        self.errors: tuple[ErrorRecord, ...] = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))


class RubricError(TransitionError):
    """A rubric that breaks one or more rules of the rubric format."""


class AssessmentError(TransitionError):
    """An assessment that breaks one or more rules of the assessment format."""


class ProgressError(TransitionError):
    """Results that cannot be compared: too few, undated, or of different organisations
    or rubrics. Each record names the assessment's file (or its position in the list)."""


class TemplateError(TransitionError):
    """A user's report template that cannot be rendered: a syntax error, an undefined
    value, a sandbox violation, a missing template, runaway recursion. Each record names
    the template file and line."""


def suggest(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string.

    >>> suggest("bord_formed", ["board_formed", "named_leader"])
    " (did you mean 'board_formed'?)"
    >>> suggest("zzz", ["board_formed"])
    ''
    """
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""
