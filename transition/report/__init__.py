"""Reports: one view model, rendered as HTML, Markdown, plain text or JSON.

Built-in templates live in ``transition/report/templates`` and are compiled once per
process by one :class:`jinja2.Environment` per format. Templates from a folder the
caller names override the built-in ones by file name and run in Jinja's
:class:`~jinja2.sandbox.SandboxedEnvironment`.

Escaping belongs to the environment, never to the template author:

* HTML autoescapes every value (explicitly: ``select_autoescape`` would look at the
  ``.j2`` suffix and turn it off);
* Markdown escapes every ``{{ value }}`` through ``finalize`` (no raw HTML, no links,
  not even from a bare ``http://...``, ``www.``, domain or e-mail address that GFM's
  autolinks or a linkifier would pick up: ``http\\://example\\.org``; no table breaks
  from ``|``); a macro's output is passed with ``|trusted``;
* plain text drops control characters.

In every format (but JSON, which keeps the data as typed) the bidirectional controls
(U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, the marks U+200E,
U+200F and U+061C) are dropped from values, like the other control characters: a
value's right-to-left override (``\u202e``) could otherwise reverse the text after it
on the report's line, a score or a band. Right-to-left letters still show, in the
order the Unicode bidirectional algorithm gives them. (HTML strips them too rather
than isolating each value with ``<bdi>``: values also fill attributes and SVG text,
where ``<bdi>`` cannot go.)
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal, overload

import attrs
import jinja2
import jinja2.runtime
import jinja2.sandbox
from markupsafe import Markup

from .._types import check_render
from ..locale import DEFAULT as DEFAULT_LOCALE
from ..locale import Translator, check_locale, translator, using
from ..planning import Plan
from ..portfolio import Portfolio
from ..progress import Progress
from ..result import Readiness
from ..targets import Gap, Target
from ._compiled import builtin_loader
from ._template_errors import template_error
from .charts.graph import graph_svg
from .pdf import MissingExtraError, css_page_numbers, css_string, html_to_pdf, weasyprint_module
from .plan_view import GapContext, PlanContext, build_gap_context, build_plan_context
from .portfolio_view import PortfolioContext, build_portfolio_context
from .progress_view import ProgressContext, build_progress_context
from .registry import (
    FormatNames,
    Options,
    Reporter,
    Suffixes,
    formats,
    kind_of,
    register,
    reporter_for,
)
from .translated import localised
from .view import ReportContext, build_context

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "MissingExtraError",
    "Renderable",
    "format_for_path",
    "formats",
    "render",
]

#: The formats :func:`render` knows, in the order the command line lists them: a live
#: view of :mod:`transition.report.registry`.
FORMATS = FormatNames()

#: Output file suffixes and the format each implies (a live view of the registry).
SUFFIXES = Suffixes()

WIDTH = 100


class Trusted(str):
    """Markdown or text that the template produced itself and must not be escaped."""

    __slots__ = ()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# What a linkifier (GFM's autolinks, markdown-it's linkify) would make a link of: a
# scheme's "://", a domain's dots ("example.org", "www.x.org"), an e-mail's "@".
_LINKIFY = re.compile(r":(?=//)|(?<=[\w-])\.(?=[^\W\d_]{2})|@")
# Line breaks of every kind, and the other whitespace controls, that separate words.
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Control characters (C0 but tab and line feed, DEL, C1): never shown, never sent on;
# and the bidirectional controls (embeddings, overrides, isolates and marks).
_CONTROL = re.compile(
    r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")


def _clean(text: str) -> str:
    """Line breaks become ``\\n``, tabs spaces; other control characters (and the
    bidirectional controls) are dropped.

    >>> _clean("a\\rb\\tc\\x00\\x9bd")
    'a\\nb cd'
    >>> _clean("score \\u202e%05 \\u2067x\\u2069")
    'score %05 x'
    """
    return _CONTROL.sub("", _BREAKS.sub("\n", text)).replace("\t", " ")


def md_escape(value: object) -> str:
    r"""Escape a value for Markdown: it shows as typed and cannot become markup.

    >>> md_escape("a | b <script> [x](javascript:y) *z*")
    'a \\| b \\<script\\> \\[x\\](javascript:y) \\*z\\*'
    >>> md_escape("# heading\nnext")
    '\\# heading next'
    >>> md_escape("    1. first &amp;")
    ' 1\\. first \\&amp;'
    >>> md_escape("see http://example.org, www.example.org or a@example.org")
    'see http\\://example\\.org, www\\.example\\.org or a\\@example\\.org'
    """
    if isinstance(value, Trusted):
        return value
    if value is None:
        return ""
    # One line; leading blanks fold to one space (four would make a code block), and
    # what could start a heading, a list or a rule is escaped.
    text = _MD_SPECIAL.sub(r"\\\1", _clean(str(value)).replace("\n", " "))
    text = _LINKIFY.sub(lambda match: "\\" + match.group(), text)
    body = text.lstrip()
    lead = " " if len(body) < len(text) else ""
    if body[:1] in ("#", "+", "-", "="):
        return lead + "\\" + body
    return lead + _NUMBERED.sub(r"\1\\\2", body)


_MERMAID_SPECIAL = str.maketrans(
    {
        ":": " -",
        ";": ",",
        "#": "No.",
        "%": " per cent",
        "`": "'",
        '"': "'",
        "<": "\u2039",
        ">": "\u203a",
        "&": "and",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
        "\\": "/",
    }
)


def mermaid_text(value: object) -> str:
    """Text for a Mermaid ``gantt`` block: one line, with nothing Mermaid reads as syntax
    (``:`` ends a task's name, ``;`` a statement, ``#`` starts an entity, ``%%`` a
    comment, ``{`` a directive), no markup (``<``, ``&``, ``[``) and no backtick that
    could close the fence.

    >>> mermaid_text("Stage 1: agree 50% of the #plan; `go`")
    "Stage 1 - agree 50 per cent of the No.plan, 'go'"
    >>> shown = mermaid_text('<b>{{ x }}</b> [a](b) & "c"')
    >>> shown.count("<"), "{" in shown, shown[-7:]
    (0, False, "and 'c'")
    """
    text = " ".join(_clean("" if value is None else str(value)).split())
    return Trusted(text.translate(_MERMAID_SPECIAL))


_URL_UNSAFE = str.maketrans({c: f"%{ord(c):02X}" for c in " <>()[]\\`\"'|"})


def md_reference(reference: Mapping[str, Any]) -> str:
    """A rubric's reference in Markdown: a link when it has a web address (the loader
    allows only http and https), its title escaped, the address percent-encoded where
    Markdown would read it as syntax.

    >>> print(md_reference({"title": "SAMM *model*", "url": "https://owaspsamm.org/a b)"}))
    [SAMM \\*model\\*](https://owaspsamm.org/a%20b%29)
    >>> print(md_reference({"title": "A book", "url": None}))
    A book
    """
    title = md_escape(reference["title"])
    url = reference.get("url")
    if not url:
        return Trusted(title)
    return Trusted(f"[{title}]({_clean(str(url)).translate(_URL_UNSAFE)})")


def text_clean(value: object) -> str:
    """Plain text: ``None`` shows as nothing, control characters are dropped."""
    if isinstance(value, Trusted):
        return value
    return "" if value is None else _clean(str(value))


def html_clean(value: object) -> object:
    """HTML: control characters dropped before autoescaping (they are parse errors);
    markup the templates made themselves (macros) is left alone."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return _clean(value)


def fit(text: str, width: int = WIDTH) -> str:
    """Wrap any line longer than ``width``, keeping its indentation: the plain-text
    report's promise that every line fits, whatever a template or a value does.

    >>> print(fit("  " + "word " * 5, 12))
      word word
      word word
      word
    """
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        if len(indent) > width // 2:
            indent = ""
        lines.append(
            textwrap.fill(
                line.strip(),
                width=width,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=True,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


def wrap(value: object, width: int = WIDTH, indent: str = "", first: str | None = None) -> str:
    """Wrap text to ``width`` columns (long words are broken), indenting lines.

    >>> print(wrap("one two three four", 9, "  "))
      one two
      three
      four
    """
    return textwrap.fill(
        text_clean(value),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    )


def _filters(words: Translator) -> dict[str, Callable[..., Any]]:
    return {
        "trusted": Trusted,
        "wrap": wrap,
        "number": words.number,
        "percent": words.percent,
        "date": words.date,
        "md": lambda value: Trusted(md_escape(value)),
        "mermaid": mermaid_text,
        "reference": md_reference,
        "graph_svg": graph_svg,
    }


def _configure(environment: jinja2.Environment, fmt: str, locale: str) -> jinja2.Environment:
    words = translator(locale)
    environment.filters.update(_filters(words))
    environment.globals["width"] = WIDTH
    # For the print rules (print.css.j2): values and words as CSS strings.
    environment.globals["css_string"] = css_string
    environment.globals["css_page_numbers"] = css_page_numbers
    environment.globals["locale"] = locale
    # The report's own words go through gettext (``{{ _("...") }}``, ``{% trans %}``):
    # the locale's catalogue, or the English they are written in. The code Jinja
    # generates does not depend on which (the translations are globals, not part of
    # the precompiled templates' digest), so one set of precompiled templates serves
    # every locale.
    environment.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    gettext, ngettext = _gettext_functions(words)
    environment.globals.update(gettext=gettext, _=gettext, ngettext=ngettext)
    return environment


def _gettext_functions(words: Translator) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """Jinja's new-style ``gettext`` and ``ngettext`` for ``words``, but with every
    value cleaned of control characters first, as ``finalize`` cleans a ``{{ value }}``
    (in HTML the message is markup, so ``finalize`` would not see the values in it)."""

    def values(variables: dict[str, Any]) -> dict[str, Any]:
        return {name: html_clean(value) for name, value in variables.items()}

    @jinja2.pass_context
    def gettext(context: jinja2.runtime.Context, message: str, **variables: Any) -> str:
        text = words.gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % values(variables)

    @jinja2.pass_context
    def ngettext(
        context: jinja2.runtime.Context, singular: str, plural: str, num: int, **variables: Any
    ) -> str:
        text = words.ngettext(singular, plural, num)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % {"num": num, **values(variables)}

    return gettext, ngettext


def _environment_options(fmt: str) -> dict[str, Any]:
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "autoescape": fmt == "html",
        "extensions": ["jinja2.ext.i18n"],
    }
    if fmt == "markdown":
        options["finalize"] = md_escape
    elif fmt == "text":
        options["finalize"] = text_clean
    else:
        options["finalize"] = html_clean
    return options


@functools.cache
def builtin_environment(fmt: str, locale: str = DEFAULT_LOCALE) -> jinja2.Environment:
    """The environment of the built-in templates of ``fmt`` in ``locale``, made once per
    process."""
    loader = builtin_loader()
    environment = jinja2.Environment(loader=loader, **_environment_options(fmt))
    return _configure(environment, fmt, locale)


@functools.lru_cache(maxsize=8)
def _user_environment(folder: str, fmt: str, locale: str) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(folder), jinja2.PackageLoader("transition.report", "templates")]
    )
    environment = jinja2.sandbox.SandboxedEnvironment(loader=loader, **_environment_options(fmt))
    return _configure(environment, fmt, locale)


#: What :func:`render` renders: every class the built-in reporters are registered for.
Renderable = Readiness | Progress | Portfolio | Plan | Gap


def _render_json(result: Renderable, generated_at: str | None) -> str:
    document = result.to_dict()
    if generated_at is not None:
        document["generated_at"] = generated_at
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _json(reporter: Reporter, result: Any, options: Options) -> str:
    """The JSON engine: the result's ``to_dict()``, with ``generated_at`` if given."""
    return _render_json(result, options.generated_at)


def _jinja(reporter: Reporter, result: Any, options: Options) -> str:
    """The template engine: the reporter's view, rendered by its template."""
    assert reporter.template is not None, reporter
    assert reporter.view is not None, reporter
    fmt = reporter.format
    locale = options.locale
    if options.templates is None:
        environment = builtin_environment(fmt, locale)
    else:
        environment = _user_environment(options.templates, fmt, locale)
    scope = ".transition-report" if options.fragment and fmt == "html" else ""
    try:
        with using(translator(locale)):
            context = {**reporter.view(result, options), "scope": scope, "medium": options.medium}
            text = environment.get_template(reporter.template).render(context)
    except MemoryError:
        raise
    except Exception as error:
        if options.templates is None:
            raise  # a built-in template's error is a bug: keep its traceback
        # A user's template can fail in any way Python can: one located line instead.
        raise template_error(error) from error
    return fit(text) if fmt == "text" else text


def _pdf(reporter: Reporter, result: Any, options: Options) -> bytes:
    """The PDF engine: the kind's HTML report, rendered for paper (``medium="pdf"``),
    laid out by WeasyPrint (:mod:`transition.report.pdf`)."""
    # Fail before rendering anything when WeasyPrint is missing.
    weasyprint_module()
    html = reporter_for(reporter.kind, "html").render(
        result, attrs.evolve(options, fragment=False, medium="pdf")
    )
    assert isinstance(html, str), reporter
    return html_to_pdf(html, generated_at=options.generated_at)


def _readiness_view(result: Readiness, options: Options) -> ReportContext:
    return build_context(result, generated_at=options.generated_at, target=options.target)


def _progress_view(result: Progress, options: Options) -> ProgressContext:
    return build_progress_context(result, generated_at=options.generated_at)


def _plan_view(result: Plan, options: Options) -> PlanContext:
    return build_plan_context(result, generated_at=options.generated_at)


def _gap_view(result: Gap, options: Options) -> GapContext:
    return build_gap_context(result, generated_at=options.generated_at)


def _portfolio_view(result: Portfolio, options: Options) -> PortfolioContext:
    links = None if options.links is None else dict(options.links)
    return build_portfolio_context(result, generated_at=options.generated_at, reports=links)


_HTML, _MD, _TXT, _JSON = (".html", ".htm"), (".md", ".markdown"), (".txt", ".text"), (".json",)
_PDF = (".pdf",)

#: The built-in reporters, one per kind and format (the first of a format's suffixes is
#: the one written). :func:`transition.report.registry.register` adds more.
BUILTIN_REPORTERS = (
    Reporter("readiness", "html", Readiness, _HTML, _jinja, "report.html.j2", _readiness_view),
    Reporter("readiness", "markdown", Readiness, _MD, _jinja, "report.md.j2", _readiness_view),
    Reporter("readiness", "text", Readiness, _TXT, _jinja, "report.txt.j2", _readiness_view),
    Reporter("readiness", "json", Readiness, _JSON, _json),
    Reporter("readiness", "pdf", Readiness, _PDF, _pdf),
    Reporter("progress", "html", Progress, _HTML, _jinja, "progress.html.j2", _progress_view),
    Reporter("progress", "markdown", Progress, _MD, _jinja, "progress.md.j2", _progress_view),
    Reporter("progress", "text", Progress, _TXT, _jinja, "progress.txt.j2", _progress_view),
    Reporter("progress", "json", Progress, _JSON, _json),
    Reporter("progress", "pdf", Progress, _PDF, _pdf),
    Reporter("portfolio", "html", Portfolio, _HTML, _jinja, "portfolio.html.j2", _portfolio_view),
    Reporter("portfolio", "markdown", Portfolio, _MD, _jinja, "portfolio.md.j2", _portfolio_view),
    Reporter("portfolio", "text", Portfolio, _TXT, _jinja, "portfolio.txt.j2", _portfolio_view),
    Reporter("portfolio", "json", Portfolio, _JSON, _json),
    Reporter("portfolio", "pdf", Portfolio, _PDF, _pdf),
    Reporter("plan", "html", Plan, _HTML, _jinja, "plan.html.j2", _plan_view),
    Reporter("plan", "markdown", Plan, _MD, _jinja, "plan.md.j2", _plan_view),
    Reporter("plan", "text", Plan, _TXT, _jinja, "plan.txt.j2", _plan_view),
    Reporter("plan", "json", Plan, _JSON, _json),
    Reporter("plan", "pdf", Plan, _PDF, _pdf),
    Reporter("gap", "html", Gap, _HTML, _jinja, "gap.html.j2", _gap_view),
    Reporter("gap", "markdown", Gap, _MD, _jinja, "gap.md.j2", _gap_view),
    Reporter("gap", "text", Gap, _TXT, _jinja, "gap.txt.j2", _gap_view),
    Reporter("gap", "json", Gap, _JSON, _json),
    Reporter("gap", "pdf", Gap, _PDF, _pdf),
)
for _reporter in BUILTIN_REPORTERS:
    register(_reporter)
del _reporter


#: The built-in formats that render as text (:func:`render` returns ``str``).
TextFormat = Literal["html", "markdown", "text", "json"]


@overload
def render(
    result: Renderable,
    format: TextFormat = "html",
    *,
    templates: str | os.PathLike[str] | None = None,
    generated_at: datetime.datetime | datetime.date | str | None = None,
    fragment: bool = False,
    links: dict[str, str] | None = None,
    target: Target | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str: ...
@overload
def render(
    result: Renderable,
    format: Literal["pdf"],
    *,
    templates: str | os.PathLike[str] | None = None,
    generated_at: datetime.datetime | datetime.date | str | None = None,
    fragment: bool = False,
    links: dict[str, str] | None = None,
    target: Target | None = None,
    locale: str = DEFAULT_LOCALE,
) -> bytes: ...
@overload
def render(
    result: Renderable,
    format: str,
    *,
    templates: str | os.PathLike[str] | None = None,
    generated_at: datetime.datetime | datetime.date | str | None = None,
    fragment: bool = False,
    links: dict[str, str] | None = None,
    target: Target | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str | bytes: ...
def render(
    result: Renderable,
    format: str = "html",
    *,
    templates: str | os.PathLike[str] | None = None,
    generated_at: datetime.datetime | datetime.date | str | None = None,
    fragment: bool = False,
    links: dict[str, str] | None = None,
    target: Target | None = None,
    locale: str = DEFAULT_LOCALE,
) -> str | bytes:
    """Render a readiness result as ``html``, ``markdown``, ``text``, ``json`` or ``pdf``.

    Text formats give ``str``; ``pdf`` gives the bytes of a PDF file (A4, laid out by
    WeasyPrint from the HTML report: ``pip install 'transition-readiness[pdf]'``; without
    it :class:`MissingExtraError`, an :class:`ImportError`, says what to install). For a
    format named at run time the type is ``str | bytes``: a format another package
    registers may be either.

    Parameters
    ----------
    result:
        What :func:`transition.score` returned, a :class:`~transition.portfolio.Portfolio`
        summary (``links`` then maps a row's source to its report's file name), or the
        :class:`~transition.Progress`
        that :func:`transition.compare` returned (a progress report, from the
        ``progress.*.j2`` templates), or a :class:`~transition.Plan` or
        :class:`~transition.Gap` (:func:`transition.plan`, :func:`transition.gap`; in
        ``json``, the document their ``to_dict()`` gives, published as the schemas
        ``plan`` and ``gap`` in :mod:`transition.schemas`).
    format:
        One of :data:`FORMATS` (the formats the result's kind has in
        :mod:`transition.report.registry`).
    templates:
        A folder of templates that override the built-in ones by name
        (``report.html.j2``, ``report.md.j2``, ``report.txt.j2`` or any template they
        include); they run in Jinja's sandbox.
    generated_at:
        A time to print in the report. Reports never read the clock, so the same
        input gives byte-identical output unless you pass one.
    links:
        For a portfolio: the report file name of each row's source, for links.
    target:
        For a readiness result: a :class:`~transition.targets.Target`
        (:func:`transition.load_target`); the report gains a section on the gap to it,
        and its plan section plans the target's goal set instead of the readiness path.
    locale:
        The locale of the report's words, numbers and dates: one of
        :func:`transition.locales` (``"en-GB"``, the default, or ``"cy"``, Welsh). The
        rubric's own text comes from its translation file for the locale
        (``<rubric>.<locale>.yaml`` beside the rubric file), where it has one. JSON is
        the same in every locale.
    fragment:
        For ``html``: an HTML fragment (no ``<html>`` or ``<head>``, styles scoped to
        ``.transition-report``) to embed in another page or a notebook.

    Raises
    ------
    transition.TranslationError
        The rubric's translation file for ``locale`` breaks the format (SPEC 12).
    transition.TemplateError
        A template from ``templates`` could not be rendered (syntax, undefined value,
        sandbox, template not found, recursion, any error in an expression): one record
        naming the template file and line.
    ValueError
        The format is not one of the result's kind, or the locale is not one of
        :func:`transition.locales`.
    MissingExtraError
        ``pdf`` without WeasyPrint installed (an :class:`ImportError`).

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> result = transition.score(
    ...     rubric,
    ...     transition.load_assessment(
    ...         {
    ...             "rubric": rubric.id,
    ...             "organisation": "Riverside <Care>",
    ...             "answers": {"named_leader": 3},
    ...         },
    ...         rubric,
    ...     ),
    ... )
    >>> "Riverside &lt;Care&gt;" in transition.render(result, "html")
    True
    >>> print(transition.render(result, "text").splitlines()[0])
    Readiness report: Riverside <Care>
    >>> transition.render(result, "pdf")[:5]
    b'%PDF-'
    >>> transition.render(result, "docx")
    Traceback (most recent call last):
    ...
    ValueError: unknown report format 'docx' (choose from html, markdown, text, json, pdf)
    >>> print(transition.render(transition.plan(result), "text", locale="cy").splitlines()[0])
    Cynllun drafft: Riverside <Care>
    >>> transition.render(result, "text", locale="fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown locale 'fr' (choose from cy, en-GB)
    """
    check_render(result, templates=templates, generated_at=generated_at, links=links)
    check_locale(locale)
    if target is not None:
        if not isinstance(target, Target):
            raise TypeError(f"target must be a Target (load_target), not {type(target).__name__}")
        if not isinstance(result, Readiness):
            raise ValueError("target= adds a gap section to a readiness report only")
        if format == "json":
            raise ValueError(
                "the JSON of a result is its own document; for the gap to a target use "
                "render(gap(result, target), 'json')"
            )
        if target.rubric != result.rubric.id:
            raise ValueError(
                f"the target is for rubric {target.rubric!r}, the result for {result.rubric.id!r}"
            )
    reporter = reporter_for(kind_of(result), format)
    if locale != DEFAULT_LOCALE and format != "json":
        result = localised(result, locale)
    if isinstance(generated_at, datetime.datetime | datetime.date):
        generated_at = generated_at.isoformat()
    options = Options(
        templates=None if templates is None else str(Path(templates).resolve()),
        generated_at=generated_at,
        fragment=fragment,
        links=links,
        target=target,
        locale=locale,
    )
    return reporter.render(result, options)


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format an output file's suffix implies, or None.

    >>> format_for_path("report.md"), format_for_path("out.HTML"), format_for_path("x.pdf")
    ('markdown', 'html', 'pdf')
    >>> format_for_path("x.docx") is None
    True
    """
    return SUFFIXES.get(Path(path).suffix.lower())
