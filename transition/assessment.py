"""Load assessments: one organisation's answers to a rubric, checked against it.

Like rubrics, assessments are checked completely before anything is raised: every
problem becomes a located record in one :class:`~transition.errors.AssessmentError`.
"""

from __future__ import annotations

import datetime
import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._check import Bad, Checker, Spec, describe, item_id, plain, raw, text
from ._types import check_load_assessment
from ._yaml import Document, DocumentError, FieldPath, load_document
from .errors import AssessmentError, suggest
from .model import NA, Answer, Assessment, FrozenDict, Level, Rubric
from .tabular import is_table, read_table

__all__ = ["RubricVersionWarning", "load_assessment"]


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
    raise Bad(f"expected a date (YYYY-MM-DD), got {describe(value)}")


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


def _is_na(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() == "n/a"


class _AssessmentBuilder:
    def __init__(self, document: Document, rubric: Rubric) -> None:
        self.checker = Checker(document)
        self.document = document
        self.rubric = rubric
        self.scale = f"{rubric.scale[0].value}..{rubric.top}"

    def level(self, value: object, path: FieldPath, allow_na: bool = True) -> Level:
        """Check one level: an integer on the scale, or ``n/a``; None if it is bad."""
        if allow_na and _is_na(value):
            return NA
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value <= self.rubric.top:
                return value
            self.checker.add(path, f"level {value} is outside the scale {self.scale}", "level")
            return None
        expected = f"a whole number {self.scale}" + (" or 'n/a'" if allow_na else "")
        hint = ""
        if isinstance(value, float):
            hint = "; levels are whole numbers"
        elif isinstance(value, str):
            labels = {level.label.lower(): level.value for level in self.rubric.scale}
            if value.strip().lower() in labels:
                hint = f"; write the number {labels[value.strip().lower()]} for {value.strip()!r}"
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
            level = self.level(value, path)
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
            return None
        if "levels" in value:
            levels = self.respondents(value["levels"], (*path, "levels"))
            return None if levels is None else Answer(milestone_id, levels=levels, **extra)
        if "level" in value and value["level"] is not None:
            level = self.level(value["level"], (*path, "level"))
            return None if level is None else Answer(milestone_id, level, **extra)
        return Answer(milestone_id, **extra)  # evidence only: unassessed

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

    def build(self) -> Assessment:
        checker, rubric = self.checker, self.rubric
        data: dict[str, Any] = self.document.data
        # An optional field left null (as a blank template leaves it) is not given.
        data = {k: v for k, v in data.items() if v is not None or k in ("rubric", "answers")}
        fields = checker.mapping(data, (), _TOP, "an assessment")
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
        found: dict[str, Answer] = {}
        answers = data.get("answers", {})
        if not isinstance(answers, dict):
            checker.add(
                ("answers",),
                f"expected a mapping of milestone id to answer, got {describe(answers)}",
                "type",
            )
            answers = {}
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
            warnings.warn(note, RubricVersionWarning, stacklevel=3)
        ordered = FrozenDict((mid, found[mid]) for mid in rubric.milestones if mid in found)
        return Assessment(
            rubric=fields["rubric"],
            answers=ordered,
            organisation=fields.get("organisation", ""),
            assessed_on=fields.get("assessed_on"),
            phase=phase,
            assessor=fields.get("assessor", ""),
            rubric_version=version,
            source=self.document.name,
            warnings=tuple(notes),
        )


def build_assessment(document: Document, rubric: Rubric) -> Assessment:
    """Check a document against the assessment format and ``rubric``.

    Raises :class:`AssessmentError` with every problem found, in file order.
    """
    if not isinstance(document.data, dict):
        checker = Checker(document)
        checker.add(
            (), f"expected an assessment (a mapping), got {describe(document.data)}", "type"
        )
        raise AssessmentError(checker.errors)
    return _AssessmentBuilder(document, rubric).build()


def load_assessment(
    source: str | os.PathLike[str] | Mapping[str, Any], rubric: Rubric
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
        return build_assessment(Document(plain(source)), rubric)
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"load_assessment() takes a path or a mapping, not {type(source).__name__}")
    if is_table(source):  # a .csv or .xlsx file: one row per milestone, located by cell
        return build_assessment(read_table(source, rubric), rubric)
    try:
        document = load_document(Path(source), name=os.fspath(source), what="assessment")
    except DocumentError as error:
        raise AssessmentError([error.record]) from None
    return build_assessment(document, rubric)
