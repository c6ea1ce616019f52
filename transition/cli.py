"""The ``transition`` command line: the only place that prints or exits.

Exit status: 0 success; 1 bad input (one line per problem on stderr, no traceback);
2 wrong usage (click's own convention).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from importlib import resources
from typing import TypeVar

import attrs
import click

from ._check import Bad
from ._files import write_file
from ._yaml import Document, DocumentError, load_document
from .assessment import RubricVersionWarning, SheetWarning, build_assessment, load_assessment
from .assessment import date as read_date
from .errors import ErrorRecord, TemplateError, TransitionError, TranslationError, suggest
from .locale import locales
from .model import Assessment, Rubric
from .planning import Plan, plan
from .portfolio import portfolio
from .progress import Progress, compare
from .report import MissingExtraError, Renderable, format_for_path, render
from .report.graph_text import to_dot, to_mermaid
from .report.registry import formats, reporter_for
from .result import Readiness
from .rubric import DEFAULT_RUBRIC, build_rubric, bundled_rubrics, load_rubric
from .scoring import score
from .tables import is_table, rubric_named_by
from .targets import Gap, Target, gap, load_target
from .translation import find_translation, missing_record

__all__ = ["main"]

#: What ``transition graph --format`` draws.
GRAPH_FORMATS = ("dot", "mermaid", "svg")


#: What never reaches a terminal as it is: C0 and C1 control characters (ESC starts
#: the sequences that recolour, retitle or rewrite a terminal), DEL, the bidirectional
#: overrides and isolates that reorder text, and lone surrogates (undecodable bytes in
#: a file name), which cannot be printed at all.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(text: str) -> str:
    r"""``text`` with every character a terminal would act on, rather than show,
    escaped as Python would write it.

    >>> _visible("team\x1b]0;owned\x07.yaml: answers.\u202eevil")
    'team\\x1b]0;owned\\x07.yaml: answers.\\u202eevil'
    """
    return _UNSAFE.sub(lambda match: ascii(match.group())[1:-1], text)


def _tell(text: str) -> None:
    """Print one line on standard error, as it is on screen: the one place the command
    line speaks to a person about problems, warnings and files written."""
    click.echo(_visible(text), err=True)


class BadInput(click.ClickException):
    """Bad input: every problem on its own line, exit status 1."""

    exit_code = 1

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def show(self, file: object = None) -> None:
        for problem in self.problems:
            _tell(problem)


def _problems(error: Exception, source: str, doing: str = "cannot read") -> list[str]:
    """One located line per problem in ``error``, a failure with ``source``."""
    if isinstance(error, TransitionError):
        return [str(_located(record, source)) for record in error.errors]
    if isinstance(error, DocumentError):
        return [str(_located(error.record, source))]
    return [f"{source}: {doing}: {_reason(error)}"]


def _reason(error: Exception) -> str:
    """Why an operation failed, in words (for an error that locates nothing)."""
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if isinstance(error, UnicodeError):
        return f"text that cannot be written as UTF-8 ({error})"
    return str(error)


#: What the library raises for bad input or a failed read or write: one file of a batch
#: that fails with one of them is reported and skipped, never the end of the batch.
_LIBRARY_ERRORS = (TransitionError, DocumentError, OSError, UnicodeError)


def _located(record: ErrorRecord, source: str) -> ErrorRecord:
    # A record from a mapping has no file; on the command line everything has one.
    return attrs.evolve(record, path=source) if record.path is None else record


def _rubric(source: str | None) -> Rubric:
    try:
        return load_rubric(source)
    except (TransitionError, OSError) as error:
        raise BadInput(_problems(error, source or DEFAULT_RUBRIC)) from None


def _show_version(context: click.Context, _: click.Parameter, value: bool) -> None:
    # Like click.version_option, but reads the version only when --version is given.
    if value and not context.resilient_parsing:
        from . import __version__

        click.echo(f"transition, version {__version__}")
        context.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
def cli() -> None:
    """Assess how ready a public-sector team is to spin out as an independent organisation."""


@cli.command("rubrics")
def rubrics_command() -> None:
    """List the bundled rubrics: id, version and title."""
    for rubric_id in bundled_rubrics():
        rubric = load_rubric(rubric_id)
        click.echo(f"{rubric.id}\t{rubric.version}\t{rubric.title}")


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Check assessments against this bundled rubric id or rubric file; "
    "default: the bundled rubric each assessment names.",
)
@click.option(
    "--locale",
    type=click.Choice(locales()),
    help="Also check each rubric's translation file into this locale "
    "(<rubric>.<locale>.yaml beside it) and list every text it leaves untranslated.",
)
def validate_command(files: tuple[str, ...], rubric_source: str | None, locale: str | None) -> None:
    """Check rubric, assessment and target FILES; print every problem, located, and
    exit 1 if there are any.

    Each file's kind is told from its content: a document with a target key is a
    target; one with milestones or characteristics is a rubric; one with answers (or
    assessment details), or a .csv or .xlsx table, is an assessment. Assessments and
    targets are checked against the rubric they name or --rubric.

    With --locale, each rubric's translation file is checked too, and each text it
    leaves untranslated is listed (the file, "untranslated:", the key path), then a
    count; a translation file that is missing or breaks the format is an error.
    """
    problems = Problems()
    inputs = Inputs(rubric_source)
    for name in files:
        before = len(inputs.validated)
        try:
            summary, notes = _validate(name, inputs)
        except BadInput as error:
            problems.errors.extend(error.problems)
            continue
        problems.warnings.extend(notes)
        click.echo(f"{name}: ok ({summary})")
        if locale is None or locale == "en-GB" or len(inputs.validated) == before:
            continue
        try:
            lines = _untranslated(name, inputs.validated[-1], locale)
        except BadInput as error:
            problems.errors.extend(error.problems)
            continue
        for line in lines:
            click.echo(_visible(line))
    problems.show_warnings()
    problems.raise_errors()


def _untranslated(name: str, rubric: Rubric, locale: str) -> list[str]:
    """The texts ``rubric``'s translation into ``locale`` leaves untranslated, a line
    each, then the count; :class:`BadInput` if the file is missing or invalid."""
    missing = missing_record(rubric, locale)
    if missing is not None:
        raise BadInput([f"{name}: {missing.message}"])
    try:
        found = find_translation(rubric, locale)
    except TranslationError as error:
        raise BadInput([str(record) for record in error.errors]) from None
    assert found is not None  # the file exists
    keys = found.untranslated(rubric)
    lines = [f"{found.source}: untranslated: {key}" for key in keys]
    lines.append(f"{len(keys)} of {found.total(rubric)} texts untranslated")
    return lines


@attrs.frozen
class Kind:
    """A kind of file ``validate`` checks: how to recognise it by its content, and how
    to check it (its one-line summary and warnings, or :class:`BadInput`)."""

    name: str
    recognise: Callable[[object], bool]
    check: Callable[[str, Document | None, Inputs], tuple[str, tuple[str, ...]]]


def _keys(*names: str) -> Callable[[object], bool]:
    """Recognise a document that is a mapping with any of these top-level keys."""
    return lambda data: isinstance(data, dict) and any(name in data for name in names)


def _check_rubric(
    path: str, document: Document | None, inputs: Inputs
) -> tuple[str, tuple[str, ...]]:
    try:
        rubric = load_rubric(path) if document is None else build_rubric(document)
    except (TransitionError, OSError) as error:
        raise BadInput(_problems(error, path)) from None
    inputs.validated.append(rubric)
    counts = f"{len(rubric.characteristics)} characteristics, {len(rubric.milestones)} milestones"
    return f"{rubric.id} {rubric.version}: {counts}", ()


def _check_assessment(
    path: str, document: Document | None, inputs: Inputs
) -> tuple[str, tuple[str, ...]]:
    rubric = inputs.rubric(path)
    loaded = inputs.assessment(path, rubric)
    answered = sum(answer.level is not None for answer in loaded.answers.values())
    return f"assessment for {rubric.id}: {answered} answers", loaded.warnings


def _check_target(
    path: str, document: Document | None, inputs: Inputs
) -> tuple[str, tuple[str, ...]]:
    data = document.data if document is not None else None
    named = data.get("rubric") if isinstance(data, dict) else None
    if inputs.rubric_source is None and not isinstance(named, str):
        raise BadInput(
            [f"{path}: the target names no rubric: add 'rubric:' with the id of its rubric"]
        )
    rubric = inputs.rubric(path)
    try:
        target = load_target(path, rubric)
    except (TransitionError, OSError) as error:
        raise BadInput(_problems(error, path)) from None
    goals = [f"band {target.band}"] if target.band is not None else []
    for what, entries in (
        ("characteristic", target.characteristics),
        ("milestone", target.milestones),
    ):
        if entries:
            goals.append(f"{len(entries)} {what}{'s' if len(entries) > 1 else ''}")
    if target.by is not None:
        goals.append(f"by {target.by.isoformat()}")
    return f"target {target.id} for {rubric.id}: {', '.join(goals)}", ()


#: What ``validate`` can check, the first kind that recognises a document first; a
#: document no kind recognises is checked as the last (a rubric). A table (.csv, .xlsx)
#: is an assessment. Lenses or cohorts become kinds by a row here.
KINDS: tuple[Kind, ...] = (
    Kind("target", _keys("target"), _check_target),
    Kind("rubric", _keys("milestones", "characteristics", "extends"), _check_rubric),
    Kind(
        "assessment",
        _keys("answers", "organisation", "assessed_on", "assessor", "phase"),
        _check_assessment,
    ),
    Kind("rubric", lambda data: True, _check_rubric),
)
_TABLE_KIND = next(kind for kind in KINDS if kind.name == "assessment")


def _validate(name: str, inputs: Inputs) -> tuple[str, tuple[str, ...]]:
    """Check one file (or a bundled rubric id) as the kind it is."""
    if not os.path.exists(name):  # a bundled rubric's id, or a file that is missing
        return _check_rubric(name, None, inputs)
    if is_table(name):
        return _TABLE_KIND.check(name, None, inputs)
    document = inputs.document(name)
    kind = next(kind for kind in KINDS if kind.recognise(document.data))
    return kind.check(name, document, inputs)


@cli.command("graph")
@click.argument("assessment", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file (default: the one the assessment names).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(GRAPH_FORMATS),
    default="dot",
    show_default=True,
    help="Graphviz dot, a Mermaid flowchart, or the SVG the HTML report embeds.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the graph to this file (whole or not at all); default: standard output.",
)
def graph_command(
    assessment: str | None, rubric_source: str | None, output_format: str, output: str | None
) -> None:
    """Print the milestone dependency graph (edges run prerequisite -> dependent).

    With ASSESSMENT, it is scored and each milestone coloured by its status, its unmet
    prerequisites' edges drawn dashed dark red.
    """
    if output is not None:
        _never_an_input(output, [*([assessment] if assessment else []), *_also_read(rubric_source)])
    result: Readiness | None = None
    if assessment is None:
        rubric = _rubric(rubric_source)
    else:
        result, notes = Inputs(rubric_source).score(assessment)
        rubric = result.rubric
        Problems(warnings=list(notes)).show_warnings()
    _emit(_draw_graph(output_format, rubric, result), output, output_format)


def _draw_graph(output_format: str, rubric: Rubric, result: Readiness | None) -> str:
    """The graph as text: dot, Mermaid, or the report's own SVG (the same bytes)."""
    if output_format == "svg":
        from .report.charts.graph import graph_of, graph_svg
        from .report.view import status_entries

        return str(graph_svg(graph_of(rubric, result), status_entries()))
    if output_format == "mermaid":
        return to_mermaid(rubric, result)
    return to_dot(rubric, result)


@attrs.frozen
class ReportOptions:
    """What a rendering command (``report``, ``compare``) was asked: one value, passed
    down to every step instead of each option on its own."""

    sources: tuple[str, ...]
    rubric: str | None = None
    format: str | None = None
    output: str | None = None
    templates: str | None = None
    generated_at: str | None = None
    #: A target file (``report --target``): readiness reports gain the gap to it.
    target: str | None = None
    #: The locale of the report's words and of the rubric's text (SPEC 12).
    locale: str = "en-GB"
    #: The rubrics already said to have no translation into the locale (said once).
    _told: set[str] = attrs.field(factory=set, eq=False, repr=False)
    #: The target loaded for each rubric id it was asked for (a batch may mix rubrics).
    _targets: dict[str, Target] = attrs.field(factory=dict, eq=False, repr=False)

    def target_for(self, rubric: Rubric) -> Target | None:
        """The target file loaded against ``rubric`` (once per rubric); its problems are
        bad input located in the target file."""
        if self.target is None:
            return None
        if rubric.id not in self._targets:
            try:
                self._targets[rubric.id] = load_target(self.target, rubric)
            except (TransitionError, OSError) as error:
                raise BadInput(_problems(error, self.target)) from None
        return self._targets[rubric.id]

    def remember_target(self, rubric: Rubric, target: Target) -> None:
        """Keep ``target``, already loaded against ``rubric``, for :meth:`target_for`."""
        self._targets[rubric.id] = target

    def render(
        self,
        result: Renderable,
        fmt: str,
        links: dict[str, str] | None = None,
    ) -> str | bytes:
        """Render ``result`` in ``fmt`` with these templates and this time (and, for a
        readiness result, the target): text, or bytes for a PDF. A template that fails,
        or a PDF without WeasyPrint installed, is bad input (one line, exit 1)."""
        target = self.target_for(result.rubric) if isinstance(result, Readiness) else None
        if fmt != "json":
            self.note_translation(_rubric_of(result))
        try:
            return render(
                result,
                fmt,
                templates=self.templates,
                generated_at=self.generated_at,
                links=links,
                target=target,
                locale=self.locale,
            )
        except (TemplateError, TranslationError) as error:
            raise BadInput([str(record) for record in error.errors]) from None
        except MissingExtraError as error:
            raise BadInput([f"cannot write a {fmt} report: {error}"]) from None

    def note_translation(self, rubric: Rubric | None) -> None:
        """Say once, on standard error, that ``rubric`` has no translation into the
        locale (its own text is shown)."""
        if rubric is None or self.locale == "en-GB":
            return
        _say_untranslated(rubric, self.locale, self._told)


def _say_untranslated(rubric: Rubric, locale: str, told: set[str]) -> None:
    key = f"{rubric.source}\0{rubric.id}"
    if key in told:
        return
    told.add(key)
    missing = missing_record(rubric, locale)
    if missing is not None:
        _tell(
            f"note: rubric {rubric.id} has no {locale} translation (expected "
            f"{missing.message.split('expected ', 1)[1]}); its text is shown as written"
        )


def _rubric_of(result: object) -> Rubric | None:
    """The rubric whose text a report of ``result`` shows (None for a portfolio)."""
    if isinstance(result, Readiness):
        return result.rubric
    if isinstance(result, Plan):
        return None if result.result is None else result.result.rubric
    if isinstance(result, Gap):
        return result.projected.rubric
    if isinstance(result, Progress):
        return result.results[-1].rubric
    return None


@attrs.define
class Problems:
    """What went wrong (``errors``: exit 1) and what to know (``warnings``), kept apart."""

    errors: list[str] = attrs.field(factory=list)
    warnings: list[str] = attrs.field(factory=list)

    def show_warnings(self) -> None:
        for warning in self.warnings:
            _tell(f"warning: {warning}")

    def raise_errors(self) -> None:
        if self.errors:
            raise BadInput(self.errors)


class FormatChoice(click.Choice[str]):
    """``--format``: the formats the reporter registry has for a kind of result, read
    when the command runs (so a format registered after import is offered too), and
    any ``extra`` ones the command writes itself."""

    def __init__(self, kind: str, extra: tuple[str, ...] = ()) -> None:
        super().__init__((), case_sensitive=True)
        self.kind = kind
        self.extra = extra

    @property
    def choices(self) -> tuple[str, ...]:
        return (*formats(self.kind), *self.extra)

    @choices.setter
    def choices(self, value: object) -> None:
        """Ignored: the choices are the registry's."""


class Inputs:
    """Reads each assessment file once: the document found to learn its rubric is the
    one the assessment is built from. Rubrics are loaded once each."""

    def __init__(self, rubric_source: str | None) -> None:
        self.rubric_source = rubric_source
        self.rubrics: dict[str, Rubric] = {}
        self._documents: dict[str, Document] = {}
        #: The rubrics ``validate`` checked, in order.
        self.validated: list[Rubric] = []

    def document(self, path: str) -> Document:
        """The document in ``path``, read once (until its assessment is built)."""
        if path not in self._documents:
            try:
                self._documents[path] = load_document(path, name=os.fspath(path))
            except (DocumentError, OSError) as error:
                raise BadInput(_problems(error, path)) from None
        return self._documents[path]

    def rubric_id(self, path: str) -> str:
        """The rubric id: --rubric, else the one the assessment file names."""
        if self.rubric_source:
            return self.rubric_source
        if is_table(path):  # a .csv or .xlsx file names its rubric in its metadata
            return _rubric_named_by_table(path)
        data = self.document(path).data
        named = data.get("rubric") if isinstance(data, dict) else None
        if not isinstance(named, str):
            raise BadInput(
                [f"{path}: the assessment names no rubric (a 'rubric' key); give one with --rubric"]
            )
        return named

    def rubric(self, path: str) -> Rubric:
        """The rubric to score ``path`` with."""
        named = self.rubric_id(path)
        if named not in self.rubrics:
            self.rubrics[named] = _rubric(named)
        return self.rubrics[named]

    def assessment(self, path: str, rubric: Rubric) -> Assessment:
        """Build the assessment in ``path`` against ``rubric``; its document is let go."""
        with warnings.catch_warnings():  # they are kept in Assessment.warnings
            warnings.simplefilter("ignore", RubricVersionWarning)
            warnings.simplefilter("ignore", SheetWarning)
            try:
                if is_table(path):  # a table is read with its rubric (levels by label)
                    return load_assessment(path, rubric, assume_rubric=bool(self.rubric_source))
                return build_assessment(self._named(self.document(path), rubric), rubric)
            except (TransitionError, OSError) as error:
                raise BadInput(_problems(error, path)) from None
            finally:
                self._documents.pop(path, None)

    def _named(self, document: Document, rubric: Rubric) -> Document:
        """With --rubric, an assessment that names no rubric answers that one."""
        data = document.data
        if self.rubric_source and isinstance(data, dict) and "rubric" not in data:
            return attrs.evolve(document, data={"rubric": rubric.id, **data})
        return document

    def score(self, path: str) -> tuple[Readiness, tuple[str, ...]]:
        """Load and score one assessment file: the result and its warnings."""
        rubric = self.rubric(path)
        loaded = self.assessment(path, rubric)
        return score(rubric, loaded), loaded.warnings


def _rubric_named_by_table(path: str) -> str:
    try:
        in_table = rubric_named_by(path)
    except (TransitionError, OSError) as error:
        raise BadInput(_problems(error, path)) from None
    if in_table is None:
        raise BadInput(
            [
                f"{path}: the assessment names no rubric (a '# rubric:' line in a CSV "
                "file, a 'rubric' row on the sheet 'Details' of a workbook); "
                "give one with --rubric"
            ]
        )
    return in_table


def _output_format(output_format: str | None, output: str | None, kind: str) -> str:
    """The format asked for, else the one the output file's suffix implies, else text."""
    if output_format is not None:
        return output_format
    if output is None:
        return "text"
    implied = format_for_path(output)
    if implied is None or implied not in formats(kind):
        names = formats(kind)
        *others, last = [reporter_for(kind, name).suffix for name in names]
        raise click.UsageError(
            f"cannot tell the format from {output!r}; give --format "
            f"({', '.join(names)}) or use a suffix such as {', '.join(others)} or {last}"
        )
    return implied


def _write(path: str, data: str | bytes, failure: str) -> str | None:
    """Write an output file whole or not at all; None, or why it failed (``failure``
    with the reason)."""
    try:
        write_file(path, data)
    except (OSError, UnicodeError) as error:
        return f"{failure}: {_reason(error)}"
    return None


def _emit(text: str | bytes, output: str | None, output_format: str) -> None:
    """Print to standard output, or write the file (text or bytes) whole or not at all."""
    if output is None:
        click.echo(text, nl=False)
        return
    failed = _write(output, text, f"{output}: cannot write")
    if failed is not None:
        raise BadInput([failed])
    _tell(f"wrote {output} ({output_format})")


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _never_an_input(output: str, inputs: Iterable[str]) -> None:
    """Refuse to write over a file the command reads (``--force`` or not): wrong usage,
    exit 2."""
    for path in inputs:
        if _same_file(output, path):
            raise click.UsageError(f"{output!r} is one of the inputs; write the output elsewhere")


def _also_read(rubric: str | None, templates: str | None = None) -> list[str]:
    """The files a command reads besides its assessments: the rubric file (a bundled
    one too) and the override templates."""
    if rubric is not None and os.path.exists(rubric):
        read = [rubric]
    else:
        read = [str(resources.files("transition.rubrics") / f"{rubric or DEFAULT_RUBRIC}.yaml")]
    if templates is not None and os.path.isdir(templates):
        read.extend(os.path.join(templates, name) for name in sorted(os.listdir(templates)))
    return read


F = TypeVar("F", bound=Callable[..., None])


#: The --locale option of the commands that write what people read (SPEC 12).
LOCALE_OPTION = click.option(
    "--locale",
    type=click.Choice(locales()),
    default="en-GB",
    show_default=True,
    help="The language of the report's words, numbers and dates, and of the rubric's "
    "text where the rubric has a translation file (<rubric>.<locale>.yaml beside it).",
)


def _rendering_options(command: F) -> F:
    """The options every rendering command shares: --templates, --generated-at and
    --locale."""
    command = LOCALE_OPTION(command)
    command = click.option(
        "--generated-at",
        metavar="TEXT",
        help="A date or time to print in the report; reports never read the clock.",
    )(command)
    return click.option(
        "--templates",
        type=click.Path(exists=True, file_okay=False),
        help="A folder of templates that override the built-in ones (run in a sandbox).",
    )(command)


#: File suffixes read as assessments when a folder is given to ``report``.
ASSESSMENT_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")


def _expand(sources: tuple[str, ...]) -> list[str]:
    """Files as given; a folder stands for its assessment files, sorted by name."""
    files: list[str] = []
    for source in sources:
        if os.path.isdir(source):
            files.extend(
                os.path.join(source, name)
                for name in sorted(os.listdir(source))
                if name.lower().endswith(ASSESSMENT_SUFFIXES)
                and not name.startswith(".")
                and os.path.isfile(os.path.join(source, name))
            )
        else:
            files.append(source)
    return files


def _report_names(files: list[str], suffix: str, reserved: tuple[str, ...]) -> dict[str, str]:
    """A distinct output file name for each input, plus ``suffix``: its stem; its whole
    name when another input has the same stem or would get the same name, or the stem is
    one of the ``reserved`` ones. Names are compared ignoring case, as some file systems
    do. Two inputs that still get the same name (the same file name in two folders), or
    a name the batch writes itself, are wrong usage, found before anything is written.
    """
    taken = {stem.casefold() for stem in reserved}
    bases = {path: os.path.basename(path) for path in files}
    stems = {path: os.path.splitext(base)[0] for path, base in bases.items()}
    alike = Counter(stem.casefold() for stem in stems.values())
    first = {
        path: bases[path] if alike[stem.casefold()] > 1 or stem.casefold() in taken else stem
        for path, stem in stems.items()
    }
    shared = Counter(name.casefold() for name in first.values())
    names: dict[str, str] = {}
    owners: dict[str, str] = {}
    for path, name in first.items():
        names[path] = name = (bases[path] if shared[name.casefold()] > 1 else name) + suffix
        other = owners.setdefault(name.casefold(), path)
        if other != path or os.path.splitext(name)[0].casefold() in taken:
            raise click.UsageError(
                _visible(
                    f"{other if other != path else 'the portfolio summary'} and {path} would "
                    f"both be reported in {name}; rename one of them or report them separately"
                )
            )
    return names


@cli.command("report")
@click.argument("assessments", nargs=-1, required=True, type=click.Path())
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file; default: the bundled rubric each assessment names.",
)
@click.option(
    "--format",
    "output_format",
    type=FormatChoice("readiness"),
    help="Report format; default: from the output file's suffix, else text "
    "(html for several assessments).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(writable=True),
    help="The report file (written whole or not at all); for several assessments or a "
    "folder, the folder for the reports and the portfolio summary. Default: standard output.",
)
@click.option(
    "--target",
    "target_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A target file: add where the team stands against it, and plan its goal set "
    "instead of the readiness path.",
)
@_rendering_options
def report_command(
    assessments: tuple[str, ...],
    rubric_source: str | None,
    output_format: str | None,
    output: str | None,
    target_file: str | None,
    templates: str | None,
    generated_at: str | None,
    locale: str,
) -> None:
    """Score ASSESSMENTS (files, or folders of them) and render readiness reports.

    One file: its report goes to standard output or to the file -o names. Several
    files or a folder: -o names a folder, which gets one report per assessment plus a
    portfolio summary (in the report format, and as portfolio.csv). A file that fails
    is reported and skipped; the exit status is then 1.
    """
    options = ReportOptions(
        assessments,
        rubric_source,
        output_format,
        output,
        templates,
        generated_at,
        target_file,
        locale=locale,
    )
    if len(assessments) == 1 and not os.path.isdir(assessments[0]):
        _report_one(options)
    else:
        _report_many(options)


def _report_one(options: ReportOptions) -> None:
    (assessment,), output = options.sources, options.output
    if output is not None and os.path.isdir(output):
        raise click.UsageError(f"{output!r} is a folder; for one assessment, -o names a file")
    if output is not None:
        read = [assessment, *_also_read(options.rubric, options.templates)]
        _never_an_input(output, [*read, *([options.target] if options.target else [])])
    output_format = _output_format(options.format, output, "readiness")
    if options.target is not None and output_format == "json":
        raise click.UsageError(
            "the JSON report is the result alone; for the gap to a target as JSON use "
            "transition gap ASSESSMENT --target FILE --format json"
        )
    if options.target is None:
        result, notes = Inputs(options.rubric).score(assessment)
    else:  # the assessment's problems and the target's, all at once
        scored = _scored(assessment, options.rubric, options.target)
        result, notes = scored.result, scored.warnings
        assert scored.target is not None
        options.remember_target(result.rubric, scored.target)  # loaded once, not again
    Problems(warnings=list(notes)).show_warnings()
    _emit(options.render(result, output_format), output, output_format)


def _batch_folder(options: ReportOptions) -> str:
    """The folder -o names for a batch, checked: wrong usage exits 2."""
    output = options.output
    if output is None:
        raise click.UsageError("several assessments (or a folder) need -o FOLDER for their reports")
    if os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"{output!r} is a file; for several assessments, -o names a folder")
    out = os.path.realpath(output)
    if any(os.path.isdir(s) and os.path.realpath(s) == out for s in options.sources):
        raise click.UsageError(
            "write the reports to another folder than the assessments "
            "(reports in .json would be read as assessments next time)"
        )
    return output


def _batch_files(sources: tuple[str, ...]) -> list[str]:
    """The assessment files of a batch."""
    files = _expand(sources)
    if not files:
        raise BadInput(
            [f"{', '.join(sources)}: no assessment files ({', '.join(ASSESSMENT_SUFFIXES)})"]
        )
    return files


def _make_folder(output: str) -> None:
    """Make the output folder of a batch ready."""
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as error:
        raise BadInput([f"{output}: cannot create the folder: {error.strerror or error}"]) from None


def _progress(files: list[str]) -> contextlib.AbstractContextManager[Iterable[str]]:
    """A progress bar on a terminal; elsewhere just the files."""
    if sys.stderr.isatty():
        return click.progressbar(files, label="Scoring", file=sys.stderr, show_pos=True)
    return contextlib.nullcontext(files)


def _report_file(
    path: str, target: str, fmt: str, inputs: Inputs, options: ReportOptions, problems: Problems
) -> Readiness | None:
    """Score one file of a batch and write its report; None (and why) if it failed."""
    from jinja2 import TemplateError  # loaded by now: rendering needs it

    try:
        result, notes = inputs.score(path)
        text = options.render(result, fmt)
    except BadInput as error:
        problems.errors.extend(error.problems)
        return None
    except (*_LIBRARY_ERRORS, TemplateError) as error:  # a template that fails, say
        problems.errors.extend(_problems(error, path, "cannot write its report"))
        return None
    failed = _write(target, text, f"{path}: cannot write its report")
    if failed is not None:
        problems.errors.append(failed)
        return None
    problems.warnings.extend(notes)
    return result


def _report_many(options: ReportOptions) -> None:
    output = _batch_folder(options)
    fmt = options.format or "html"
    files = _batch_files(options.sources)
    names = _report_names(files, reporter_for("readiness", fmt).suffix, ("portfolio",))
    _make_folder(output)
    problems = Problems()
    done: list[tuple[str, Readiness]] = []
    failures: list[tuple[str, str]] = []
    inputs = Inputs(options.rubric)
    read = [*files, *_also_read(options.rubric, options.templates)]
    if options.target is not None and fmt == "json":
        raise click.UsageError(
            "the JSON report is the result alone; for the gap to a target as JSON use "
            "transition gap ASSESSMENT --target FILE --format json"
        )
    if options.target is not None:
        # A bad target fails the whole batch before any report is written.
        read.append(options.target)
        options.target_for(inputs.rubric(files[0]))
    with _progress(files) as bar:
        for path in bar:
            target = os.path.join(output, names[path])
            if any(_same_file(target, f) for f in read):
                problems.errors.append(
                    f"{path}: its report would replace an input ({target}); skipped"
                )
                failures.append((path, problems.errors[-1]))
                continue
            before = len(problems.errors)
            result = _report_file(path, target, fmt, inputs, options, problems)
            if result is not None:
                done.append((path, result))
            else:
                failures.append((path, _first_problem(problems.errors[before:])))
    _write_portfolio(done, names, fmt, options, output, problems, failures, read)
    failed = len(files) - len(done)
    _tell(
        f"wrote {len(done)} report{'s' if len(done) != 1 else ''} and the portfolio summary "
        f"to {output} ({fmt})" + (f"; {failed} failed" if failed else ""),
    )
    problems.show_warnings()
    problems.raise_errors()


def _first_problem(errors: list[str]) -> str:
    """A failed file's first problem (its first line), and how many more there were."""
    first = errors[0].split("\n", 1)[0] if errors else "failed"
    more = len(errors) - 1
    return first + (f" (and {more} more problem{'s' if more != 1 else ''})" if more > 0 else "")


def _write_portfolio(
    done: list[tuple[str, Readiness]],
    names: dict[str, str],
    fmt: str,
    options: ReportOptions,
    output: str,
    problems: Problems,
    failures: list[tuple[str, str]],
    read: list[str],
) -> None:
    """The portfolio summary of a batch, in its format and as CSV (never over an input);
    the files that failed are rows too (file and first problem), so the summary hides
    no input."""
    summary = portfolio(done, failures)
    links = {path: names[path] for path, _ in done}
    failure = f"{output}: cannot write the portfolio"
    targets = [
        os.path.join(output, f"portfolio{s}")
        for s in (reporter_for("portfolio", fmt).suffix, ".csv")
    ]
    for target in targets:
        if any(_same_file(target, f) for f in read):
            problems.errors.append(
                f"{output}: the portfolio would replace an input ({target}); skipped"
            )
            return
    failed = _write(targets[0], options.render(summary, fmt, links=links), failure) or _write(
        targets[1], summary.to_csv(), failure
    )
    if failed is not None:
        problems.errors.append(failed)


@cli.command("compare")
@click.argument("assessments", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file; default: the bundled rubric the first file names.",
)
@click.option(
    "--format",
    "output_format",
    type=FormatChoice("progress"),
    help="Report format; default: from the output file's suffix, else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file (whole or not at all); default: standard output.",
)
@_rendering_options
def compare_command(
    assessments: tuple[str, ...],
    rubric_source: str | None,
    output_format: str | None,
    output: str | None,
    templates: str | None,
    generated_at: str | None,
    locale: str,
) -> None:
    """Show how one organisation's readiness changed across dated ASSESSMENTS files."""
    options = ReportOptions(
        assessments, rubric_source, output_format, output, templates, generated_at, locale=locale
    )
    if len(assessments) < 2:
        raise click.UsageError(
            f"compare needs at least two assessment files (got {len(assessments)})"
        )
    if output is not None:
        _never_an_input(output, [*assessments, *_also_read(rubric_source, templates)])
    fmt = _output_format(output_format, output, "progress")
    inputs = Inputs(rubric_source)
    rubric = inputs.rubric(assessments[0])
    problems = Problems()
    results = []
    for path in assessments:
        try:
            loaded = inputs.assessment(path, rubric)
        except BadInput as error:
            problems.errors.extend(error.problems)
            continue
        problems.warnings.extend(loaded.warnings)
        results.append(score(rubric, loaded))
    problems.show_warnings()
    problems.raise_errors()
    try:
        progress = compare(results)
    except TransitionError as error:
        raise BadInput(_problems(error, assessments[0])) from None
    _emit(options.render(progress, fmt), output, fmt)


# -- plans and gaps ----------------------------------------------------------------------

#: The files a plan is written as besides the registry's reports: format -> (suffix,
#: writer). A workbook is bytes; CSV is text (with a byte-order mark in a file, so that
#: Excel reads it as UTF-8).
PLAN_FILES: dict[str, tuple[str, Callable[[Plan], str | bytes]]] = {
    "csv": (".csv", lambda plan: plan.to_csv()),
    "xlsx": (".xlsx", lambda plan: _workbook(plan)),
}


def _workbook(plan: Plan) -> bytes:
    # The workbook writer (and openpyxl) is imported only when a workbook is written.
    from .workplan import plan_workbook

    return plan_workbook(plan)


def _parse_date(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> datetime.date | None:
    """A date option, ``YYYY-MM-DD``, read as the dates of assessment files are."""
    if value is None:
        return None
    try:
        return read_date(value)
    except Bad as bad:
        raise click.BadParameter(str(bad), context, parameter) from None


#: A capacity: unlimited (None), one limit for all tasks, or a limit per workstream.
Capacity = int | dict[str, int] | None

_CAPACITY_FORM = "N or WS=N (a whole number of tasks at once, in all or in workstream WS)"


def _capacity_entry(given: str) -> tuple[str | None, int]:
    """One ``--capacity``: ``N`` -> (None, N), ``WS=N`` -> (WS, N); ``ValueError``
    saying what is wrong."""
    name, equals, number = given.partition("=")
    workstream = name.strip() if equals else None
    if not equals:
        number = name
    try:
        limit = int(number.strip())
    except ValueError:
        raise ValueError(f"expected {_CAPACITY_FORM}, got {given!r}") from None
    if workstream == "":
        raise ValueError(f"expected {_CAPACITY_FORM}, got {given!r}: which workstream?")
    if limit < 1:
        raise ValueError(f"{given!r}: a capacity must be at least 1 task at once (got {limit})")
    return workstream, limit


def _parse_capacity(
    context: click.Context, parameter: click.Parameter, values: tuple[str, ...]
) -> Capacity:
    """``--capacity N`` once, or ``--capacity WS=N`` once per workstream: every problem
    with them in one usage error."""
    overall: list[int] = []
    named: dict[str, int] = {}
    problems: list[str] = []
    for given in values:
        try:
            workstream, limit = _capacity_entry(given)
        except ValueError as problem:
            problems.append(str(problem))
            continue
        if workstream is None:
            overall.append(limit)
        elif workstream in named:
            problems.append(f"workstream {workstream!r} is given twice")
        else:
            named[workstream] = limit
    if overall and named:
        problems.append(
            "give one number for all tasks (--capacity 2) or a number per workstream "
            "(--capacity people=1 --capacity legal=1), not both"
        )
    elif len(overall) > 1:
        problems.append(f"give one number for all tasks, not {len(overall)}")
    if problems:
        raise click.BadParameter("; ".join(problems), context, parameter)
    return named or (overall[0] if overall else None)


def _check_workstreams(capacity: Capacity, rubric: Rubric) -> None:
    """Every workstream a capacity names must be one of the rubric's: wrong usage."""
    if not isinstance(capacity, dict):
        return
    known = sorted({milestone.workstream for milestone in rubric.milestones.values()})
    problems = [
        f"unknown workstream {name!r}"
        + (suggest(name, known) or f" (the rubric's workstreams: {', '.join(known)})")
        for name in capacity
        if name not in known
    ]
    if problems:
        raise click.BadParameter("; ".join(problems), param_hint="'--capacity'")


@attrs.frozen
class Scored:
    """An assessment scored for a plan or a gap, with its target (if any)."""

    result: Readiness
    target: Target | None
    warnings: tuple[str, ...]


def _scored(
    assessment: str,
    rubric_source: str | None,
    target_file: str | None,
    check: Callable[[Rubric], None] = lambda rubric: None,
) -> Scored:
    """Load and score ``assessment`` and load ``target_file`` against its rubric:
    every problem in both files at once (exit 1). ``check`` looks at the rubric first
    (a usage error exits 2 before any file's problems)."""
    inputs = Inputs(rubric_source)
    rubric = inputs.rubric(assessment)
    check(rubric)
    problems = Problems()
    loaded: Assessment | None = None
    target: Target | None = None
    try:
        loaded = inputs.assessment(assessment, rubric)
    except BadInput as error:
        problems.errors.extend(error.problems)
    if target_file is not None:
        try:
            target = load_target(target_file, rubric)
        except (TransitionError, OSError) as error:
            problems.errors.extend(_problems(error, target_file))
    problems.raise_errors()
    assert loaded is not None
    return Scored(score(rubric, loaded), target, loaded.warnings)


def _file_format(
    output_format: str | None, output: str | None, kind: str, files: Iterable[str] = ()
) -> str:
    """The format of a plan or gap: --format, else the output file's suffix (one of the
    registry's for ``kind``, or of the ``files`` the command writes itself), else text
    (JSON while the kind has no text reporter). A suffix that says nothing is wrong
    usage."""
    if output_format is not None:
        return output_format
    if output is None:
        return "text" if "text" in formats(kind) else "json"
    names = [*formats(kind), *files]
    written = {PLAN_FILES[name][0]: name for name in files}
    implied = written.get(os.path.splitext(output)[1].lower()) or format_for_path(output)
    if implied is not None and implied in names:
        return implied
    suffixes = [
        PLAN_FILES[n][0] if n in written.values() else reporter_for(kind, n).suffix for n in names
    ]
    raise click.UsageError(
        f"cannot tell the format from {output!r}; give --format ({', '.join(names)}) "
        f"or use a suffix such as {_either(suffixes)}"
    )


def _either(words: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``.

    >>> _either([".json"]), _either([".json", ".csv", ".xlsx"])
    ('.json', '.json, .csv or .xlsx')
    """
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _unused_deadline(
    scored: Scored, start: datetime.date | None, deadline: datetime.date | None
) -> list[str]:
    """A warning when the plan has a deadline but no start date to measure it from."""
    by = deadline or (scored.target.by if scored.target is not None else None)
    if by is None or start is not None or scored.result.assessment.assessed_on is not None:
        return []
    where = "--deadline" if deadline is not None else "the target's 'by'"
    return [
        f"the plan has no dates, so {where} ({by.isoformat()}) is not used: the assessment "
        "has no assessed_on date; give one, or --start DATE"
    ]


def _plan_output(plan: Plan, fmt: str, options: ReportOptions) -> tuple[str | bytes, list[str]]:
    """The plan in ``fmt``: its text or bytes, and warnings about options it ignores."""
    if fmt not in PLAN_FILES:
        return options.render(plan, fmt), []
    data = PLAN_FILES[fmt][1](plan)
    if isinstance(data, str) and options.output is not None:
        data = "\ufeff" + data
    ignored = [
        name
        for name, value in (
            ("--templates", options.templates),
            ("--generated-at", options.generated_at),
        )
        if value is not None
    ]
    return data, [f"{name} is not used in {fmt}" for name in ignored]


@cli.command("plan")
@click.argument("assessment", type=click.Path(dir_okay=False))
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file; default: the bundled rubric the assessment names.",
)
@click.option(
    "--target",
    "target_file",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="A target file: plan its goal set; its 'by' date is the default deadline.",
)
@click.option(
    "--include",
    type=click.Choice(["path", "all"]),
    help="Without a target, the tasks: the readiness path (the default) or every "
    "applicable milestone that is not met.",
)
@click.option(
    "--capacity",
    "capacity",
    multiple=True,
    metavar="N|WS=N",
    callback=_parse_capacity,
    help="At most N tasks at once, or (repeated) at most N at once in workstream WS; "
    "default: unlimited.",
)
@click.option(
    "--start",
    callback=_parse_date,
    metavar="DATE",
    help="The date of week 0 (YYYY-MM-DD); default: the assessment's assessed_on.",
)
@click.option(
    "--deadline",
    callback=_parse_date,
    metavar="DATE",
    help="The date to finish by (YYYY-MM-DD); default: the target's 'by'.",
)
@click.option(
    "--format",
    "output_format",
    type=FormatChoice("plan", extra=tuple(PLAN_FILES)),
    help="Plan format; default: from the output file's suffix (.csv and .xlsx too), else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the plan to this file (whole or not at all); default: standard output.",
)
@_rendering_options
def plan_command(
    assessment: str,
    rubric_source: str | None,
    target_file: str | None,
    include: str | None,
    capacity: Capacity,
    start: datetime.date | None,
    deadline: datetime.date | None,
    output_format: str | None,
    output: str | None,
    templates: str | None,
    generated_at: str | None,
    locale: str,
) -> None:
    """A draft implementation plan for the work ASSESSMENT has left: each task's start
    and finish (weeks, and dates from the assessment's date or --start), its slack and
    the critical path; as a report, or a CSV file or workbook to fill in (owner, status).
    """
    options = ReportOptions(
        (assessment,), rubric_source, output_format, output, templates, generated_at, locale=locale
    )
    if include is not None and target_file is not None:
        raise click.UsageError(
            "--include chooses the tasks of a plan without a target; with --target the "
            "tasks are the target's goal set"
        )
    if output is not None:
        read = [assessment, *([target_file] if target_file else [])]
        _never_an_input(output, [*read, *_also_read(rubric_source, templates)])
    fmt = _file_format(output_format, output, "plan", PLAN_FILES)
    if fmt == "xlsx" and output is None:
        raise click.UsageError("a workbook is not text: give -o FILE.xlsx to write it")
    scored = _scored(
        assessment, rubric_source, target_file, lambda rubric: _check_workstreams(capacity, rubric)
    )
    made = plan(
        scored.result,
        scored.target,
        include=include or "path",
        capacity=capacity,
        start=start,
        deadline=deadline,
    )
    data, ignored = _plan_output(made, fmt, options)
    Problems(
        warnings=[*scored.warnings, *_unused_deadline(scored, start, deadline), *ignored]
    ).show_warnings()
    _emit(data, output, fmt)


@cli.command("gap")
@click.argument("assessment", type=click.Path(dir_okay=False))
@click.option(
    "--target",
    "target_file",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="The target file: what ready means for this team, by when.",
)
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file; default: the bundled rubric the assessment names.",
)
@click.option(
    "--format",
    "output_format",
    type=FormatChoice("gap"),
    help="Report format; default: from the output file's suffix, else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file (whole or not at all); default: standard output.",
)
@_rendering_options
def gap_command(
    assessment: str,
    target_file: str,
    rubric_source: str | None,
    output_format: str | None,
    output: str | None,
    templates: str | None,
    generated_at: str | None,
    locale: str,
) -> None:
    """Where ASSESSMENT stands against a target: whether it holds now, the milestones
    to raise (the goal set), and the result once they are raised."""
    options = ReportOptions(
        (assessment,), rubric_source, output_format, output, templates, generated_at, locale=locale
    )
    if output is not None:
        _never_an_input(output, [assessment, target_file, *_also_read(rubric_source, templates)])
    fmt = _file_format(output_format, output, "gap")
    scored = _scored(assessment, rubric_source, target_file)
    assert scored.target is not None
    found = gap(scored.result, scored.target)
    text = options.render(found, fmt)
    Problems(warnings=list(scored.warnings)).show_warnings()
    _emit(text, output, fmt)


# -- cohorts -------------------------------------------------------------------------------


def _cohort_results(
    files: list[str], inputs: Inputs, problems: Problems, failed: list[str]
) -> list[Readiness]:
    """Score each file of a cohort; a file that fails is recorded in ``problems`` and
    ``failed``."""
    results: list[Readiness] = []
    with _progress(files) as bar:
        for path in bar:
            try:
                result, notes = inputs.score(path)
            except BadInput as error:
                problems.errors.extend(error.problems)
                failed.append(path)
                continue
            except _LIBRARY_ERRORS as error:  # pragma: no cover - Inputs reports load problems
                problems.errors.extend(_problems(error, path))
                failed.append(path)
                continue
            results.append(result)
            problems.warnings.extend(notes)
    return results


def _same_team(results: list[Readiness]) -> list[str]:
    """Warnings for organisations assessed more than once: each assessment is a peer."""
    files: dict[str, list[str]] = {}
    for result in results:
        if result.organisation:
            files.setdefault(result.organisation, []).append(result.assessment.source or "?")
    return [
        f"{len(paths)} assessments are of {name!r} ({', '.join(paths)}); each counts as a "
        "peer: give one per organisation (its latest) to count each team once"
        for name, paths in files.items()
        if len(paths) > 1
    ]


@cli.command("cohort")
@click.argument("assessments", nargs=-1, required=True, type=click.Path())
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file; default: the bundled rubric each assessment names.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The cohort file (JSON), written whole or not at all.",
)
def cohort_command(assessments: tuple[str, ...], rubric_source: str | None, output: str) -> None:
    """Build an anonymised cohort from ASSESSMENTS (files, or folders of them).

    The cohort keeps each assessment's overall and characteristic scores and nothing
    else: no names, dates, evidence, notes or file names. It is written only when every
    file scores; otherwise each problem is listed, the cohort is not written and the
    exit status is 1.
    """
    from .cohorts import MIN_PEERS, cohort

    files = _batch_files(assessments)
    _never_an_input(output, [*files, *_also_read(rubric_source)])
    problems = Problems()
    failed: list[str] = []
    results = _cohort_results(files, Inputs(rubric_source), problems, failed)
    problems.show_warnings()
    if problems.errors:
        raise BadInput(
            [
                *problems.errors,
                f"{output} not written: {len(failed)} of {len(files)} assessment "
                f"file{'s' if len(files) != 1 else ''} failed ({', '.join(failed)})",
            ]
        )
    try:
        peers = cohort(results)
    except TransitionError as error:  # pragma: no cover - Inputs gives one rubric per id
        raise BadInput([*_problems(error, files[0]), f"{output} not written"]) from None
    Problems(warnings=_same_team(results)).show_warnings()
    text = json.dumps(peers.to_dict(), indent=2, ensure_ascii=False) + "\n"
    failure = _write(output, text, f"{output}: cannot write")
    if failure is not None:
        raise BadInput([failure, f"{output} not written"])
    _tell(f"wrote {output} (a cohort of {peers.n:,} assessment{'s' if peers.n != 1 else ''})")
    if peers.n < MIN_PEERS:
        _tell(
            f"warning: a cohort of {peers.n} gives no benchmark figures: at least "
            f"{MIN_PEERS} peers with a score are needed"
        )


@cli.command("template")
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file; default: the bundled default rubric.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the template to this file; its suffix gives the format (.yaml, .yml, .json, "
    ".csv, .xlsx). Default: YAML on standard output.",
)
@click.option(
    "--respondents",
    type=click.IntRange(0, 100),
    default=5,
    show_default=True,
    metavar="N",
    help="Respondent columns in a workbook (.xlsx), one per person or table in a workshop.",
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@LOCALE_OPTION
def template_command(
    rubric_source: str | None, output: str | None, respondents: int, force: bool, locale: str
) -> None:
    """Write a blank assessment to fill in: YAML, JSON, CSV or an Excel workbook."""
    # The template writer is imported only for this command (a report never needs it).
    from .blank import TEMPLATE_SUFFIXES, template_format, template_text, write_template

    fmt = template_format(output) if output is not None else "yaml"
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the template format from {output!r}; "
            f"use a suffix such as {', '.join(TEMPLATE_SUFFIXES)}"
        )
    if output is not None:
        _never_an_input(output, _also_read(rubric_source))
    if output is not None and os.path.exists(output) and not force:
        raise click.UsageError(
            f"{output!r} exists and may hold answers; choose another name or add --force"
        )
    rubric = _rubric(rubric_source)
    if locale != "en-GB":
        _say_untranslated(rubric, locale, set())
    try:
        if output is None:
            click.echo(template_text(rubric, "yaml", locale=locale), nl=False)
            return
        write_template(rubric, output, respondents=respondents, locale=locale)
    except TranslationError as error:
        raise BadInput([str(record) for record in error.errors]) from None
    except OSError as error:
        raise BadInput([f"{output}: cannot write: {error.strerror or error}"]) from None
    _tell(f"wrote {output} ({fmt}, {len(rubric.milestones)} milestones)")


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``transition`` console script)."""
    cli.main(args=argv, prog_name="transition")


if __name__ == "__main__":  # pragma: no cover
    main()
