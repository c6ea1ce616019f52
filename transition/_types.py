"""Checking the arguments of the public functions, with errors that say what to pass.

A wrong argument (``None``, a dict where a loaded rubric belongs, the arguments the
wrong way round) is a ``TypeError`` that names what was expected and how to get it,
raised before any work, instead of an ``AttributeError`` from deep inside. Each public
function calls one helper here as the first line of its body.
"""

from __future__ import annotations

import datetime
import errno
import os
from collections.abc import Mapping
from pathlib import Path

from .errors import AssessmentError, ErrorRecord, TransitionError
from .model import Assessment, Rubric

__all__ = [
    "check_load_assessment",
    "check_render",
    "check_score",
    "check_source",
    "expect",
    "what_it_is",
]


def what_it_is(value: object) -> str:
    """Name a value's type for a message: ``a dict``, ``an Assessment``, ``None``.

    >>> what_it_is({}), what_it_is(None), what_it_is(Assessment(rubric="r"))
    ('a dict', 'None', 'an Assessment')
    """
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


_NAMES = {
    type(None): "None",
    str: "text",
    Mapping: "a mapping",
    os.PathLike: "a path",
    datetime.date: "a date",
}


def _named(type_: type) -> str:
    if type_ in _NAMES:
        return _NAMES[type_]
    name = type_.__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def expect(value: object, type_: type | tuple[type, ...], what: str, hint: str) -> None:
    """Raise ``TypeError`` unless ``value`` is a ``type_``: what was expected, what was
    given, and ``hint`` (how to get the right thing).

    >>> expect(3, int, "the count", "give a whole number")
    >>> expect("3", int, "the count", "give a whole number")
    Traceback (most recent call last):
    ...
    TypeError: the count must be an int, not a str; give a whole number
    >>> expect(42, (datetime.date, str), "generated_at", "give a date")
    Traceback (most recent call last):
    ...
    TypeError: generated_at must be a date or text, not an int; give a date
    """
    if isinstance(value, type_):
        return
    types = type_ if isinstance(type_, tuple) else (type_,)
    names = [_named(t) for t in types]
    expected = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    raise TypeError(f"{what} must be {expected}, not {what_it_is(value)}; {hint}")


def check_score(rubric: object, assessment: object) -> None:
    """The arguments of :func:`transition.score`: a Rubric, then an Assessment.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> check_score(rubric, {"rubric": rubric.id})
    Traceback (most recent call last):
    ...
    TypeError: score()'s assessment must be an Assessment, not a dict; load it first ...
    """
    if isinstance(rubric, Assessment) and isinstance(assessment, Rubric):
        raise TypeError(
            "score() takes the rubric first and the assessment second, and got them the "
            "wrong way round; call score(rubric, assessment)"
        )
    expect(rubric, Rubric, "score()'s rubric", "load it first with transition.load_rubric()")
    expect(
        assessment,
        Assessment,
        "score()'s assessment",
        "load it first with transition.load_assessment(source, rubric)",
    )


def check_render(
    result: object,
    *,
    templates: object = None,
    generated_at: object = None,
    links: object = None,
) -> None:
    """The arguments of :func:`transition.render`, and that a templates folder exists.

    What ``result`` may be is the reporter registry's to say (a new kind of report is
    one entry there), so it is not checked here.

    >>> check_render(None, generated_at=42)
    Traceback (most recent call last):
    ...
    TypeError: render()'s generated_at must be a date, text or None, not an int; ...
    """
    expect(
        generated_at,
        (datetime.date, str, type(None)),
        "render()'s generated_at",
        "give a date, a datetime or text such as '2026-11-02', or leave it out",
    )
    expect(
        links,
        (Mapping, type(None)),
        "render()'s links",
        "give a mapping of a row's source to its report's file name, or leave it out",
    )
    if templates is None:
        return
    expect(
        templates,
        (str, os.PathLike),
        "render()'s templates",
        "give the path of a folder of templates, or leave it out",
    )
    assert isinstance(templates, str | os.PathLike)
    folder = Path(templates)
    if not folder.exists():
        raise FileNotFoundError(
            errno.ENOENT,
            f"the templates folder {os.fspath(templates)!r} does not exist; give a folder "
            "of .j2 templates, or leave templates out for the built-in ones",
            os.fspath(templates),
        )
    if not folder.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR,
            f"the templates folder {os.fspath(templates)!r} is a file, not a folder; give "
            "the folder that holds the .j2 templates",
            os.fspath(templates),
        )


def check_source(
    source: object, function: str, accepted: str, error: type[TransitionError]
) -> None:
    """The ``source`` of a loader: ``accepted`` types (else ``TypeError``), and not an
    empty name (else ``error``, located nowhere, with what to give instead).

    >>> from transition.errors import RubricError
    >>> check_source("", "load_rubric()", "an id, a path or a mapping", RubricError)
    Traceback (most recent call last):
    ...
    transition.errors.RubricError: load_rubric() was given an empty name; give an id, ...
    >>> check_source(42, "load_rubric()", "an id, a path or a mapping", RubricError)
    Traceback (most recent call last):
    ...
    TypeError: load_rubric() takes an id, a path or a mapping, not int
    """
    if source is None or isinstance(source, Mapping):
        return
    if not isinstance(source, str | os.PathLike):
        raise TypeError(f"{function} takes {accepted}, not {type(source).__name__}")
    if not os.fspath(source).strip():
        raise error(
            [ErrorRecord(f"{function} was given an empty name; give {accepted}", code="empty-name")]
        )


def check_load_assessment(source: object, rubric: object) -> None:
    """The arguments of :func:`transition.load_assessment`: a source, then a Rubric.

    >>> check_load_assessment({"rubric": "x", "answers": {}}, None)
    Traceback (most recent call last):
    ...
    TypeError: load_assessment()'s rubric must be a Rubric, not None; load it first ...
    """
    if isinstance(source, Rubric):
        raise TypeError(
            "load_assessment() takes the assessment first and its rubric second; call "
            "load_assessment(source, rubric)"
        )
    check_source(source, "load_assessment()", "a path or a mapping", AssessmentError)
    expect(
        rubric,
        Rubric,
        "load_assessment()'s rubric",
        "load it first with transition.load_rubric() and pass it as the second argument",
    )
