"""Load assessments: one organisation's answers to a rubric, checked against it.

Like rubrics, assessments are checked completely before anything is raised: every
problem becomes a located record in one :class:`~transition.errors.AssessmentError`.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import os
import re
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ._check import Bad, Checker, Spec, describe, item_id, plain, raw, shown_number, text
from ._layout import clean, level_labels, level_meant
from ._types import check_load_assessment
from ._yaml import Document, DocumentError, FieldPath, load_document
from .errors import AssessmentError, suggest
from .model import NA, Answer, Assessment, FrozenDict, Level, Rubric
from .tables import SheetWarning, in_file_order, is_table, read_table_parts

__all__ = ["RubricVersionWarning", "SheetWarning", "load_assessment"]


class RubricVersionWarning(UserWarning):
    """An assessment names a different version of its rubric than the one used."""


def date(value: object) -> datetime.date:
    """Accept a date (YAML ``2026-11-02``) or ISO text ``"2026-11-02"`` (JSON)."""
    if isinstance(value, datetime.datetime):
        raise Bad(f"expected a date (YYYY-MM-DD) without a time, got {describe(value)}")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
        _no_such_day(value.strip())
    raise Bad(f"expected a date (YYYY-MM-DD), got {describe(value)}")


def _no_such_day(text: str) -> None:
    """Raise Bad for ``2026-02-31`` or ``2026-13-01``: the shape of a date, but no such day."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
    if match is None:
        return
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise Bad(f"{text} is not a date: there is no month {month} (write YYYY-MM-DD)")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise Bad(
            f"{text} is not a date: {calendar.month_name[month]} {year} has {days} days, "
            f"so there is no day {day}"
        )


def text_or_list(value: object) -> tuple[str, ...]:
    """Accept text or a list of text (evidence)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise Bad(f"expected text, got {describe(item)}", at=(index,))
        return tuple(value)
    raise Bad(f"expected text or a list of text, got {describe(value)}")


_TOP: Spec = {
    "rubric": (True, text),
    "rubric_version": (False, text),
    "organisation": (False, text),
    "assessed_on": (False, date),
    "phase": (False, item_id),
    "assessor": (False, text),
    "answers": (True, raw),
}
_ANSWER: Spec = {
    "level": (False, raw),
    "levels": (False, raw),
    "evidence": (False, text_or_list),
    "notes": (False, text),
    "assessor": (False, text),
}


def _level_hint(rubric: Rubric, value: object) -> str:
    """What to say about a value that is not a level: a close label, or why not."""
    if isinstance(value, float):
        return "; levels are whole numbers"
    if not isinstance(value, str):
        return ""
    labels = {clean(level.label): level.value for level in rubric.scale}
    number, _, label = value.strip().partition(" ")
    if number.isdigit() and label.strip(" -:.)").casefold() in level_labels(rubric):
        named = level_labels(rubric)[label.strip(" -:.)").casefold()]
        return f"; {label.strip(' -:.)')!r} is level {named}, not {number}: write one of them"
    match = difflib.get_close_matches(
        value.strip().casefold(), [label.casefold() for label in labels], n=1, cutoff=0.6
    )
    if match:
        label = next(label for label in labels if label.casefold() == match[0])
        return f" (did you mean {label!r}, level {labels[label]}?)"
    return ""


def _is_na(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() == "n/a"


class _AssessmentBuilder:
    def __init__(self, document: Document, rubric: Rubric) -> None:
        self.checker = Checker(document)
        self.document = document
        self.rubric = rubric
        self.scale = f"{rubric.bottom}..{rubric.top}"

    def level(self, value: object, path: FieldPath, allow_na: bool = True) -> Level:
        """Check one level: an integer on the scale, or ``n/a``; None if it is bad.

        What a value means is :func:`~transition._layout.level_meant`'s rule, the same
        for every format: ``3``, ``"3"``, ``Established`` and ``3 - Established`` are 3.
        """
        value = level_meant(self.rubric, value)
        if allow_na and _is_na(value):
            return NA
        if isinstance(value, int) and not isinstance(value, bool):
            if self.rubric.bottom <= value <= self.rubric.top:
                return value
            self.checker.add(
                path, f"level {shown_number(value)} is outside the scale {self.scale}", "level"
            )
            return None
        expected = f"a whole number {self.scale}" + (" or 'n/a'" if allow_na else "")
        hint = _level_hint(self.rubric, value)
        if _is_na(value):
            hint = (
                "; n/a is not a respondent's level: write n/a as the milestone's 'level' "
                "(in a table, in the 'level' column) and leave the respondents' blank"
            )
        self.checker.add(path, f"expected {expected}, got {describe(value)}{hint}", "type")
        return None

    def answer(self, milestone_id: str, value: object, path: FieldPath) -> Answer | None:
        if value is None:
            return Answer(milestone_id)
        if not isinstance(value, dict):
            if isinstance(value, list):
                self.checker.add(
                    path,
                    "expected a level, 'n/a', null or a mapping, got a list; "
                    "write several respondents as {levels: [...]}",
                    "type",
                )
                return None
            level = self.own_level(milestone_id, value, path)
            return None if level is None else Answer(milestone_id, level)
        fields = self.checker.mapping(value, path, _ANSWER, "an answer")
        extra = {
            "evidence": fields.get("evidence", ()),
            "notes": fields.get("notes", ""),
            "assessor": fields.get("assessor", ""),
        }
        if "level" in value and "levels" in value:
            self.checker.add(
                path, "give either 'level' or 'levels' (several respondents), not both", "both"
            )
            # Check both anyway, so that a bad level is not hidden behind this error.
            if value["level"] is not None:
                self.own_level(milestone_id, value["level"], (*path, "level"))
            self.respondents(value["levels"], (*path, "levels"))
            return None
        if "levels" in value:
            levels = self.respondents(value["levels"], (*path, "levels"))
            return None if levels is None else Answer(milestone_id, levels=levels, **extra)
        if "level" in value and value["level"] is not None:
            level = self.own_level(milestone_id, value["level"], (*path, "level"))
            return None if level is None else Answer(milestone_id, level, **extra)
        return Answer(milestone_id, **extra)  # evidence only: unassessed

    def own_level(self, milestone_id: str, value: object, path: FieldPath) -> Level:
        """A milestone's own level, as :meth:`level`; ``n/a`` only where the rubric
        allows it for this milestone (SPEC 3.1 ``allow_na``)."""
        if self.rubric.milestones[milestone_id].allow_na or not _is_na(
            level_meant(self.rubric, value)
        ):
            return self.level(value, path)
        self.checker.add(
            path,
            f"n/a is not allowed for milestone {milestone_id!r}: the rubric says it applies "
            f"to every organisation (allow_na: false); give a level {self.scale}, or null "
            "if it has not been assessed",
            "na-not-allowed",
        )
        return None

    def respondents(self, value: object, path: FieldPath) -> tuple[int, ...] | None:
        if not isinstance(value, list):
            self.checker.add(path, f"expected a list of levels, got {describe(value)}", "type")
            return None
        if not value:
            self.checker.add(path, "needs at least one level (or leave the answer out)", "empty")
            return None
        levels = [
            self.level(item, (*path, index), allow_na=False) for index, item in enumerate(value)
        ]
        if any(level is None for level in levels):
            return None
        return tuple(level for level in levels if isinstance(level, int))

    def build(self, stacklevel: int) -> Assessment:
        """Check the whole document and build the assessment.

        A :class:`RubricVersionWarning` points ``stacklevel`` frames up from the caller
        of this method (1: the caller itself).
        """
        checker, rubric = self.checker, self.rubric
        data: dict[str, Any] = self.document.data
        # An optional field left null (as a blank template leaves it) is not given.
        data = {k: v for k, v in data.items() if v is not None or k in ("rubric", "answers")}
        fields = checker.mapping(data, (), _TOP, "an assessment")
        self.check_rubric_and_phase(fields)
        found = self.answers(data.get("answers", {}))
        if checker.errors:
            raise AssessmentError(checker.sorted_errors())
        notes: list[str] = []
        version = fields.get("rubric_version")
        if version is not None and version != rubric.version:
            where = f"{self.document.name}: " if self.document.name else ""
            notes.append(
                f"{where}the assessment was made with version {version} of rubric "
                f"{rubric.id!r}; it is scored with version {rubric.version}"
            )
        for note in notes:
            warnings.warn(note, RubricVersionWarning, stacklevel=stacklevel + 1)
        ordered = FrozenDict((mid, found[mid]) for mid in rubric.milestones if mid in found)
        return Assessment(
            rubric=fields["rubric"],
            answers=ordered,
            organisation=fields.get("organisation", ""),
            assessed_on=fields.get("assessed_on"),
            phase=fields.get("phase"),
            assessor=fields.get("assessor", ""),
            rubric_version=version,
            source=self.document.name,
            warnings=tuple(notes),
        )

    def check_rubric_and_phase(self, fields: dict[str, Any]) -> None:
        """The assessment must name this rubric, and a phase that the rubric has."""
        checker, rubric = self.checker, self.rubric
        if "rubric" in fields and fields["rubric"] != rubric.id:
            checker.add(
                ("rubric",),
                f"this assessment is for rubric {fields['rubric']!r}, not {rubric.id!r}; "
                "score it with that rubric",
                "rubric-mismatch",
            )
        phase = fields.get("phase")
        phase_ids = [p.id for p in rubric.phases]
        if phase is not None and phase not in phase_ids:
            known = suggest(phase, phase_ids) or (
                f" (phases: {', '.join(phase_ids)})" if phase_ids else " (the rubric has no phases)"
            )
            checker.add(("phase",), f"unknown phase {phase!r}{known}", "unknown-ref")

    def answers(self, answers: object) -> dict[str, Answer]:
        """The good answers by milestone id; every bad one is recorded."""
        checker, rubric = self.checker, self.rubric
        found: dict[str, Answer] = {}
        if not isinstance(answers, dict):
            checker.add(
                ("answers",),
                f"expected a mapping of milestone id to answer, got {describe(answers)}",
                "type",
            )
            return found
        for key, value in answers.items():
            path: FieldPath = ("answers", key)
            if key not in rubric.milestones:
                shown = repr(key) if isinstance(key, str) else str(key)
                hint = suggest(str(key), rubric.milestones)
                checker.add(path, f"unknown milestone {shown}{hint}", "unknown-ref")
                continue
            answer = self.answer(key, value, path)
            if answer is not None:
                found[key] = answer
        return found


def build_assessment(document: Document, rubric: Rubric, *, stacklevel: int = 1) -> Assessment:
    """Check a document against the assessment format and ``rubric``.

    Raises :class:`AssessmentError` with every problem found, in file order. A
    :class:`RubricVersionWarning` points at the code ``stacklevel`` frames up from
    here, as :func:`warnings.warn` counts them: 1 is the caller of this function.
    """
    if not isinstance(document.data, dict):
        checker = Checker(document)
        checker.add(
            (), f"expected an assessment (a mapping), got {describe(document.data)}", "type"
        )
        raise AssessmentError(checker.errors)
    # build() counts from its caller, this frame: one more than our caller's count.
    return _AssessmentBuilder(document, rubric).build(stacklevel + 1)


#: For warnings raised while loading: the code that called :func:`load_assessment`.
_CALLER = 2


def load_assessment(
    source: str | os.PathLike[str] | Mapping[str, Any],
    rubric: Rubric,
    *,
    assume_rubric: bool = False,
) -> Assessment:
    """Load an assessment and check it against its rubric.

    Parameters
    ----------
    source:
        The path of a YAML or JSON file (JSON when the suffix is ``.json``), or a
        mapping with the same structure.
    rubric:
        The rubric the assessment answers; its id must match the assessment's
        ``rubric``. A different ``rubric_version`` is only a warning
        (:class:`RubricVersionWarning`, also kept in ``Assessment.warnings``).
    assume_rubric:
        Take an assessment that names no rubric (no ``rubric`` key, no ``# rubric:``
        line, no ``rubric`` row) to answer ``rubric``, as ``--rubric`` does on the
        command line. One that names another rubric is still an error.

    Returns
    -------
    Assessment
        Frozen and picklable, with answers in rubric order.

    Raises
    ------
    AssessmentError
        With every problem, located by file, line and field.
    OSError
        When the file cannot be opened.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> assessment = transition.load_assessment(
    ...     {
    ...         "rubric": "public-service-spinout",
    ...         "organisation": "Riverside",
    ...         "answers": {
    ...             "named_leader": 3,
    ...             "tupe_consultation": "n/a",
    ...             "staff_support_measured": {"levels": [3, 2, 4, 1]},
    ...         },
    ...     },
    ...     rubric,
    ... )
    >>> assessment.answers["staff_support_measured"].level
    2
    >>> assessment.answers["tupe_consultation"].level
    NA
    >>> transition.load_assessment(
    ...     {"rubric": "public-service-spinout", "answers": {"named_leadr": 3}}, rubric
    ... )
    Traceback (most recent call last):
    ...
    transition.errors.AssessmentError: answers.named_leadr: unknown milestone ... 'named_leader'?)
    """
    check_load_assessment(source, rubric)
    if isinstance(source, Mapping):
        document = _assumed(Document(plain(source)), rubric, assume_rubric)
        return build_assessment(document, rubric, stacklevel=_CALLER)
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"load_assessment() takes a path or a mapping, not {type(source).__name__}")
    if is_table(source):  # a .csv or .xlsx file: one row per milestone, located by cell
        return _from_table(source, rubric, assume_rubric)
    try:
        document = load_document(Path(source), name=os.fspath(source), what="assessment")
    except DocumentError as error:
        raise AssessmentError([error.record]) from None
    return build_assessment(_assumed(document, rubric, assume_rubric), rubric, stacklevel=_CALLER)


def _assumed(document: Document, rubric: Rubric, assume_rubric: bool) -> Document:
    """With ``assume_rubric``, a document that names no rubric names ``rubric``."""
    data = document.data
    if assume_rubric and isinstance(data, dict) and "rubric" not in data:
        return attrs.evolve(document, data={"rubric": rubric.id, **data})
    return document


def _from_table(
    source: str | os.PathLike[str], rubric: Rubric, assume_rubric: bool = False
) -> Assessment:
    """Load a table: its own problems and the values' problems in one error, in row
    order; what it does not read (:class:`SheetWarning`) kept in ``warnings``."""
    document, problems, notes = read_table_parts(source, rubric, assume_rubric=assume_rubric)
    try:
        # One frame deeper than load_assessment's own call.
        assessment = build_assessment(document, rubric, stacklevel=_CALLER + 1)
    except AssessmentError as error:
        found = in_file_order([*problems, *error.errors])
        raise AssessmentError(found) from None
    if problems:
        raise AssessmentError(problems)
    for note in notes:
        warnings.warn(note, SheetWarning, stacklevel=3)
    return attrs.evolve(assessment, warnings=(*notes, *assessment.warnings))
