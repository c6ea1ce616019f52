"""The layout of an assessment as a table, shared by the template writer and the reader.

:mod:`transition.blank` writes blank templates in this layout and :mod:`transition.tables`
reads filled-in ones back; neither imports the other, so what both need lives here.
"""

from __future__ import annotations

import re

from .model import Rubric

__all__ = [
    "ASSESSMENT_SHEET",
    "DETAILS_SHEET",
    "METADATA",
    "clean",
    "level_labels",
    "level_meant",
    "level_name",
]

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
    return f"{value} {clean(rubric.level(value).label)}"


#: ``3``, ``3.0``, ``3 Established``, ``3 - Established``, ``3: Established``, ``Established``.
_LEVEL_TEXT = re.compile(r"(?P<number>[+-]?[0-9]+(?:\.[0-9]*)?)?\s*[-:.)]?\s*(?P<label>.*)")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def level_labels(rubric: Rubric) -> dict[str, int]:
    """The scale's labels, folded (case and spaces do not matter), to their values.

    >>> import transition
    >>> level_labels(transition.load_rubric())["not started"]
    0
    """
    return {_fold(clean(level.label)): level.value for level in rubric.scale}


def level_meant(rubric: Rubric, value: object) -> object:
    """What a level written in any format means: a number, ``"n/a"``, or ``value`` itself.

    The one rule for YAML, JSON, mappings, CSV and workbooks alike: a whole number (also
    ``3.0`` and the text ``"3"``), a label of the rubric's scale in any case
    (``Established``), a number with its label (``3 Established``, ``3 - Established``,
    ``3: established``) and ``n/a`` in any case. A number and a label that disagree, and
    anything else, are given back unchanged for the loader to report.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> [level_meant(rubric, v) for v in (3, 3.0, "3", "Established", "3 - established")]
    [3, 3, 3, 3, 3]
    >>> level_meant(rubric, " N/A "), level_meant(rubric, "4 Established"), level_meant(rubric, 2.5)
    ('n/a', '4 Established', 2.5)
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, str):
        return value
    text = " ".join(value.split())
    if text.casefold() == "n/a":
        return "n/a"
    match = _LEVEL_TEXT.fullmatch(text)
    if match is None:  # pragma: no cover - the pattern matches any one-line text
        return value
    number, label = match["number"], _fold(match["label"])
    labels = level_labels(rubric)
    if number is None:
        return labels.get(label, value)
    meant = float(number)
    if not meant.is_integer():
        return meant if not label else value
    if label and labels.get(label) != int(meant):
        return value
    return int(meant)
