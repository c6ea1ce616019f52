"""The layout of an assessment as a table, shared by the template writer and the reader.

:mod:`transition.blank` writes blank templates in this layout and :mod:`transition.tables`
reads filled-in ones back; neither imports the other, so what both need lives here.
"""

from __future__ import annotations

from .model import Rubric

__all__ = ["ASSESSMENT_SHEET", "DETAILS_SHEET", "METADATA", "clean", "level_name"]

#: The sheet of answers in a workbook, one row per milestone.
ASSESSMENT_SHEET = "Assessment"
#: The sheet of a workbook that gives the assessment's own fields (:data:`METADATA`).
DETAILS_SHEET = "Details"

#: The top-level fields of an assessment, as a table's metadata gives them.
METADATA = ("rubric", "rubric_version", "organisation", "assessed_on", "phase", "assessor")


def clean(text: str) -> str:
    """One line of text: no line breaks, control characters or runs of spaces.

    >>> clean("  Board\\nformed\\t(shadow)  ")
    'Board formed (shadow)'
    """
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def level_name(rubric: Rubric, value: int) -> str:
    """``3 Established``: what drop-downs offer and what the reader accepts.

    >>> import transition
    >>> level_name(transition.load_rubric(), 3)
    '3 Established'
    """
    return f"{value} {clean(rubric.scale[value].label)}"
