"""The ``transition`` command line: the only place that prints or exits.

Exit status: 0 success; 1 bad input (one line per problem on stderr, no traceback);
2 wrong usage (click's own convention).
"""

from __future__ import annotations

import contextlib
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

from ._files import write_file
from ._yaml import Document, DocumentError, load_document
from .assessment import RubricVersionWarning, SheetWarning, build_assessment, load_assessment
from .errors import ErrorRecord, TemplateError, TransitionError
from .model import Assessment, Rubric
from .portfolio import Portfolio, portfolio
from .progress import Progress, compare
from .report import format_for_path, render
from .report.graph_text import to_dot, to_mermaid
from .report.registry import formats, reporter_for
from .result import Readiness
from .rubric import DEFAULT_RUBRIC, build_rubric, bundled_rubrics, load_rubric
from .scoring import score
from .tables import is_table, rubric_named_by

__all__ = ["main"]

GRAPH_FORMATS: dict[str, Callable[[Rubric], str]] = {"dot": to_dot, "mermaid": to_mermaid}


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
def validate_command(files: tuple[str, ...], rubric_source: str | None) -> None:
    """Check rubric and assessment FILES; print every problem, located, and exit 1 if
    there are any.

    Each file's kind is told from its content: a document with milestones or
    characteristics is a rubric; one with answers (or assessment details), or a .csv
    or .xlsx table, is an assessment, checked against the rubric it names or --rubric.
    """
    problems = Problems()
    inputs = Inputs(rubric_source)
    for name in files:
        try:
            summary, notes = _validate(name, inputs)
        except BadInput as error:
            problems.errors.extend(error.problems)
            continue
        problems.warnings.extend(notes)
        click.echo(f"{name}: ok ({summary})")
    problems.show_warnings()
    problems.raise_errors()


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
    counts = f"{len(rubric.characteristics)} characteristics, {len(rubric.milestones)} milestones"
    return f"{rubric.id} {rubric.version}: {counts}", ()


def _check_assessment(
    path: str, document: Document | None, inputs: Inputs
) -> tuple[str, tuple[str, ...]]:
    rubric = inputs.rubric(path)
    loaded = inputs.assessment(path, rubric)
    answered = sum(answer.level is not None for answer in loaded.answers.values())
    return f"assessment for {rubric.id}: {answered} answers", loaded.warnings


#: What ``validate`` can check, the first kind that recognises a document first; a
#: document no kind recognises is checked as the last (a rubric). A table (.csv, .xlsx)
#: is an assessment. Targets, lenses or cohorts become kinds by a row here.
KINDS: tuple[Kind, ...] = (
    Kind("rubric", _keys("milestones", "characteristics"), _check_rubric),
    Kind(
        "assessment",
        _keys("answers", "organisation", "assessed_on", "assessor", "phase"),
        _check_assessment,
    ),
    Kind("rubric", lambda data: True, _check_rubric),
)
_TABLE_KIND = KINDS[1]


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
@click.option("--rubric", "rubric_source", metavar="R", help="Bundled rubric id or rubric file.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(GRAPH_FORMATS)),
    default="dot",
    show_default=True,
    help="Graphviz dot or a Mermaid flowchart.",
)
def graph_command(rubric_source: str | None, output_format: str) -> None:
    """Print the milestone dependency graph (edges run prerequisite -> dependent)."""
    rubric = _rubric(rubric_source)
    click.echo(GRAPH_FORMATS[output_format](rubric), nl=False)


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

    def render(
        self,
        result: Readiness | Progress | Portfolio,
        fmt: str,
        links: dict[str, str] | None = None,
    ) -> str:
        """Render ``result`` in ``fmt`` with these templates and this time; a template
        that fails is bad input (one located line, exit 1)."""
        try:
            return render(
                result, fmt, templates=self.templates, generated_at=self.generated_at, links=links
            )
        except TemplateError as error:
            raise BadInput([str(record) for record in error.errors]) from None


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
    when the command runs (so a format registered after import is offered too)."""

    def __init__(self, kind: str) -> None:
        super().__init__((), case_sensitive=True)
        self.kind = kind

    @property
    def choices(self) -> tuple[str, ...]:
        return formats(self.kind)

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


def _emit(text: str, output: str | None, output_format: str) -> None:
    """Print to standard output, or write the file whole or not at all."""
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


def _rendering_options(command: F) -> F:
    """The options every rendering command shares: --templates and --generated-at."""
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
@_rendering_options
def report_command(
    assessments: tuple[str, ...],
    rubric_source: str | None,
    output_format: str | None,
    output: str | None,
    templates: str | None,
    generated_at: str | None,
) -> None:
    """Score ASSESSMENTS (files, or folders of them) and render readiness reports.

    One file: its report goes to standard output or to the file -o names. Several
    files or a folder: -o names a folder, which gets one report per assessment plus a
    portfolio summary (in the report format, and as portfolio.csv). A file that fails
    is reported and skipped; the exit status is then 1.
    """
    options = ReportOptions(
        assessments, rubric_source, output_format, output, templates, generated_at
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
        _never_an_input(output, [assessment, *_also_read(options.rubric, options.templates)])
    output_format = _output_format(options.format, output, "readiness")
    result, notes = Inputs(options.rubric).score(assessment)
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
) -> None:
    """Show how one organisation's readiness changed across dated ASSESSMENTS files."""
    options = ReportOptions(
        assessments, rubric_source, output_format, output, templates, generated_at
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
def template_command(
    rubric_source: str | None, output: str | None, respondents: int, force: bool
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
    if output is None:
        click.echo(template_text(rubric, "yaml"), nl=False)
        return
    try:
        write_template(rubric, output, respondents=respondents)
    except OSError as error:
        raise BadInput([f"{output}: cannot write: {error.strerror or error}"]) from None
    _tell(f"wrote {output} ({fmt}, {len(rubric.milestones)} milestones)")


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``transition`` console script)."""
    cli.main(args=argv, prog_name="transition")


if __name__ == "__main__":  # pragma: no cover
    main()
