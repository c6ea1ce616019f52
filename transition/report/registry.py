"""The reporter registry: what is rendered x format -> the reporter that renders it.

Every report goes through one table. Each entry, a :class:`Reporter`, says which kind of
result it renders (``readiness``, ``progress``, ``portfolio``, ``plan``, ``gap``; lenses
and benchmarks will be kinds too), in which format, the file suffixes of that format (the
first is the one written), and how: an ``engine`` (Jinja templates, or JSON from
``to_dict()``) with the reporter's ``template`` and ``view`` builder.
:func:`transition.render`, the command line's ``--format`` choices, the output file
suffixes (:func:`transition.report.format_for_path`) and the tests all read this table,
so adding a reporter or a format is one :func:`register` call:

>>> import transition
>>> from transition.result import Readiness
>>> def shout(reporter, result, options):
...     return result.organisation.upper() + "\\n"
>>> toy = register(Reporter("readiness", "shout", Readiness, (".shout",), shout))
>>> rubric = transition.load_rubric()
>>> answers = {"rubric": rubric.id, "organisation": "Riv", "answers": {}}
>>> result = transition.score(rubric, transition.load_assessment(answers, rubric))
>>> transition.render(result, "shout"), formats("readiness")
('RIV\\n', ('html', 'markdown', 'text', 'json', 'pdf', 'shout'))
>>> unregister("readiness", "shout") == toy, "shout" in formats()
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, overload

import attrs

__all__ = [
    "FormatNames",
    "Options",
    "Reporter",
    "Suffixes",
    "formats",
    "kind_of",
    "register",
    "reporter_for",
    "reporters",
    "unregister",
]


@attrs.frozen
class Options:
    """What :func:`transition.render` was asked besides the result and the format.

    ``templates`` is the resolved folder of the caller's templates (or None for the
    built-in ones), ``generated_at`` the time to print, as text; ``fragment`` asks for
    an HTML fragment, ``links`` maps a portfolio row's source to its report's file, and
    ``target`` adds a gap section to a readiness report; ``locale`` is the locale of
    the report's words (one of :func:`transition.locales`). ``medium`` is what the HTML
    is for: ``"screen"``, or ``"pdf"`` when the PDF engine lays it out on paper
    (templates read it as ``medium``).
    """

    templates: str | None = None
    generated_at: str | None = None
    fragment: bool = False
    medium: str = "screen"
    links: Mapping[str, str] | None = attrs.field(default=None, eq=False)
    target: Any = attrs.field(default=None, eq=False)
    locale: str = "en-GB"


#: Builds a template context from a result (see ``docs/templates.md``).
View = Callable[[Any, Options], Mapping[str, Any]]
#: Renders a result with a reporter: Jinja templates, JSON, or anything else; text, or
#: bytes for a binary format (PDF).
Engine = Callable[["Reporter", Any, Options], str | bytes]


@attrs.frozen
class Reporter:
    """One entry of the registry: how one kind of result is rendered in one format.

    ``renders`` is the class of the results of this ``kind`` (a subclass counts too);
    ``suffixes`` are the output file suffixes that imply this format, the first being
    the one the command line writes; ``engine(reporter, result, options)`` returns the
    report (text, or bytes for a binary format such as PDF), using ``template`` and
    ``view`` when it needs them (JSON needs neither).
    """

    kind: str
    format: str
    renders: type
    suffixes: tuple[str, ...]
    engine: Engine = attrs.field(eq=False)
    template: str | None = None
    view: View | None = attrs.field(default=None, eq=False)

    def render(self, result: object, options: Options) -> str | bytes:
        """Render ``result`` (of this reporter's kind) with ``options``."""
        return self.engine(self, result, options)

    @property
    def suffix(self) -> str:
        """The suffix of the files this reporter writes: the first of ``suffixes``."""
        return self.suffixes[0]


# Insertion order is the order formats are listed in: registration order.
_REPORTERS: dict[tuple[str, str], Reporter] = {}


def register(reporter: Reporter) -> Reporter:
    """Add ``reporter`` to the registry and return it.

    Raises ``ValueError`` when its kind and format already have a reporter, when its
    kind was registered for another class (or its class for another kind), or when one
    of its suffixes already implies another format (see the module's example).

    >>> register(reporter_for("readiness", "html"))
    Traceback (most recent call last):
    ...
    ValueError: a readiness reporter for 'html' is registered
    """
    if not reporter.suffixes or not all(s.startswith(".") for s in reporter.suffixes):
        raise ValueError(f"suffixes must start with '.' (got {reporter.suffixes!r})")
    if (reporter.kind, reporter.format) in _REPORTERS:
        raise ValueError(f"a {reporter.kind} reporter for {reporter.format!r} is registered")
    for other in _REPORTERS.values():
        if other.kind == reporter.kind and other.renders is not reporter.renders:
            raise ValueError(
                f"{other.kind!r} reporters render {other.renders.__name__}, "
                f"not {reporter.renders.__name__}"
            )
        if other.kind != reporter.kind and other.renders is reporter.renders:
            raise ValueError(f"{other.renders.__name__} is rendered as {other.kind!r}")
        clash = set(other.suffixes) & set(reporter.suffixes)
        if clash and other.format != reporter.format:
            raise ValueError(f"{sorted(clash)[0]} already means {other.format!r}")
    _REPORTERS[reporter.kind, reporter.format] = reporter
    return reporter


def unregister(kind: str, format: str) -> Reporter:
    """Remove and return the reporter of ``kind`` in ``format`` (``KeyError`` if none).

    >>> unregister("readiness", "docx")
    Traceback (most recent call last):
    ...
    KeyError: ('readiness', 'docx')
    """
    return _REPORTERS.pop((kind, format))


def reporters() -> tuple[Reporter, ...]:
    """Every registered reporter, in registration order.

    >>> [(r.kind, r.format) for r in reporters()][:2]
    [('readiness', 'html'), ('readiness', 'markdown')]
    """
    return tuple(_REPORTERS.values())


def formats(kind: str | None = None) -> tuple[str, ...]:
    """The formats ``kind`` can be rendered in (any kind, for None), in order.

    >>> formats("portfolio")
    ('html', 'markdown', 'text', 'json', 'pdf')
    """
    found = (r.format for r in _REPORTERS.values() if kind is None or r.kind == kind)
    return tuple(dict.fromkeys(found))


def kind_of(result: object) -> str:
    """The kind of ``result``: the registered class nearest in its method resolution order.

    >>> from transition.portfolio import Portfolio
    >>> kind_of(Portfolio(()))
    'portfolio'
    >>> kind_of("text")
    Traceback (most recent call last):
    ...
    TypeError: cannot render a str (reporters render Readiness, Progress, Portfolio, Plan, Gap)
    """
    kinds = {r.renders: r.kind for r in _REPORTERS.values()}
    for cls in type(result).__mro__:
        if cls in kinds:
            return kinds[cls]
    names = ", ".join(dict.fromkeys(cls.__name__ for cls in kinds))
    what = "None" if result is None else f"a {type(result).__name__}"
    raise TypeError(f"cannot render {what} (reporters render {names})")


def reporter_for(kind: str, format: str) -> Reporter:
    """The reporter of ``kind`` in ``format``.

    >>> reporter_for("progress", "markdown").template
    'progress.md.j2'
    >>> reporter_for("readiness", "docx")
    Traceback (most recent call last):
    ...
    ValueError: unknown report format 'docx' (choose from html, markdown, text, json, pdf)
    """
    found = _REPORTERS.get((kind, format))
    if found is None:
        choices = ", ".join(formats(kind))
        raise ValueError(f"unknown report format {format!r} (choose from {choices})")
    return found


class FormatNames(Sequence[str]):
    """The formats of a kind (of any kind, for None), read from the registry each time:
    a live view, so a format registered later is listed too.

    >>> list(FormatNames("readiness"))
    ['html', 'markdown', 'text', 'json', 'pdf']
    """

    def __init__(self, kind: str | None = None) -> None:
        self.kind = kind

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return formats(self.kind)[index]

    def __len__(self) -> int:
        return len(formats(self.kind))

    def __repr__(self) -> str:
        return repr(formats(self.kind))


class Suffixes(Mapping[str, str]):
    """Output file suffixes and the format each implies, read from the registry each
    time.

    >>> Suffixes()[".md"], ".docx" in Suffixes()
    ('markdown', False)
    """

    def _table(self) -> dict[str, str]:
        return {s: r.format for r in _REPORTERS.values() for s in r.suffixes}

    def __getitem__(self, suffix: str) -> str:
        return self._table()[suffix]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def __repr__(self) -> str:
        return repr(self._table())
