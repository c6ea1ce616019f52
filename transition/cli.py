"""The ``transition`` command line: the only place that prints or exits.

Exit status: 0 success; 1 bad input (one line per problem on stderr, no traceback);
2 wrong usage (click's own convention).
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs
import click

from . import __version__
from ._files import write_atomic
from ._yaml import DocumentError, load_document
from .assessment import RubricVersionWarning, SheetWarning, load_assessment
from .blank import TEMPLATE_SUFFIXES, template_format, template_text, write_template
from .errors import ErrorRecord, TransitionError
from .graph import to_dot, to_mermaid
from .model import Rubric
from .portfolio import portfolio
from .progress import compare
from .report import FORMATS, format_for_path, render
from .result import Readiness
from .rubric import DEFAULT_RUBRIC, bundled_rubrics, load_rubric
from .scoring import score
from .tables import is_table, rubric_named_by

__all__ = ["main"]

GRAPH_FORMATS: dict[str, Callable[[Rubric], str]] = {"dot": to_dot, "mermaid": to_mermaid}


class BadInput(click.ClickException):
    """Bad input: every problem on its own line, exit status 1."""

    exit_code = 1

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def show(self, file: object = None) -> None:
        for problem in self.problems:
            click.echo(problem, err=True)


def _problems(error: Exception, source: str) -> list[str]:
    if isinstance(error, TransitionError):
        return [str(_located(record, source)) for record in error.errors]
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        return [f"{source}: cannot read: {reason}"]
    raise error  # pragma: no cover - only the two kinds above are passed in


def _located(record: ErrorRecord, source: str) -> ErrorRecord:
    # A record from a mapping has no file; on the command line everything has one.
    return attrs.evolve(record, path=source) if record.path is None else record


def _rubric(source: str | None) -> Rubric:
    try:
        return load_rubric(source)
    except (TransitionError, OSError) as error:
        raise BadInput(_problems(error, source or DEFAULT_RUBRIC)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="transition")
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
def validate_command(files: tuple[str, ...]) -> None:
    """Check rubric FILES; print every problem, located, and exit 1 if there are any."""
    problems: list[str] = []
    for name in files:
        try:
            rubric = load_rubric(os.fspath(name)) if os.path.exists(name) else load_rubric(name)
        except (TransitionError, OSError) as error:
            problems.extend(_problems(error, name))
            continue
        click.echo(
            f"{name}: ok ({rubric.id} {rubric.version}: {len(rubric.characteristics)} "
            f"characteristics, {len(rubric.milestones)} milestones)"
        )
    if problems:
        raise BadInput(problems)


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


def _rubric_named_by(path: str) -> str:
    """The rubric id an assessment file names (its 'rubric' key)."""
    if is_table(path):  # a .csv or .xlsx file names its rubric in its metadata
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
    try:
        data = load_document(path).data
    except DocumentError as error:
        raise BadInput([str(error.record)]) from None
    except OSError as error:
        raise BadInput(_problems(error, path)) from None
    named = data.get("rubric") if isinstance(data, dict) else None
    if not isinstance(named, str):
        raise BadInput(
            [f"{path}: the assessment names no rubric (a 'rubric' key); give one with --rubric"]
        )
    return named


def _output_format(output_format: str | None, output: str | None) -> str:
    """The format asked for, else the one the output file's suffix implies, else text."""
    if output_format is not None:
        return output_format
    if output is None:
        return "text"
    implied = format_for_path(output)
    if implied is None:
        raise click.UsageError(
            f"cannot tell the format from {output!r}; give --format "
            f"({', '.join(FORMATS)}) or use a suffix such as .html, .md, .txt or .json"
        )
    return implied


def _emit(text: str, output: str | None, output_format: str) -> None:
    """Print to standard output, or write the file whole or not at all."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as error:
        raise BadInput([f"{output}: cannot write: {error.strerror or error}"]) from None
    click.echo(f"wrote {output} ({output_format})", err=True)


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _never_an_input(output: str, inputs: Iterable[str]) -> None:
    """Refuse to write over a file the command reads: wrong usage, exit 2."""
    for path in inputs:
        if _same_file(output, path):
            raise click.UsageError(f"{output!r} is one of the inputs; write the output elsewhere")


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


def _report_names(files: list[str], suffix: str, reserved: str) -> dict[str, str]:
    """An output file name for each input: its stem, or its whole name when two
    inputs share a stem or the stem is the portfolio summary's."""
    stems = [os.path.splitext(os.path.basename(f))[0] for f in files]
    names = {}
    for path, stem in zip(files, stems, strict=True):
        clash = stems.count(stem) > 1 or stem == reserved
        names[path] = (os.path.basename(path) if clash else stem) + suffix
    return names


def _score_file(
    path: str, rubric_source: str | None, rubrics: dict[str, Rubric]
) -> tuple[Readiness, list[str]]:
    """Load and score one assessment file; returns the result and its warnings."""
    named = rubric_source if rubric_source else _rubric_named_by(path)
    if named not in rubrics:
        rubrics[named] = _rubric(named)
    rubric = rubrics[named]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RubricVersionWarning)
        warnings.simplefilter("always", SheetWarning)
        try:
            loaded = load_assessment(path, rubric)
        except (TransitionError, OSError) as error:
            raise BadInput(_problems(error, path)) from None
    return score(rubric, loaded), [f"warning: {w.message}" for w in caught]


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
    type=click.Choice(FORMATS),
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
    if len(assessments) == 1 and not os.path.isdir(assessments[0]):
        _report_one(assessments[0], rubric_source, output_format, output, templates, generated_at)
        return
    _report_many(assessments, rubric_source, output_format, output, templates, generated_at)


def _report_one(
    assessment: str,
    rubric_source: str | None,
    output_format: str | None,
    output: str | None,
    templates: str | None,
    generated_at: str | None,
) -> None:
    if output is not None and os.path.isdir(output):
        raise click.UsageError(f"{output!r} is a folder; for one assessment, -o names a file")
    if output is not None:
        _never_an_input(output, [assessment])
    output_format = _output_format(output_format, output)
    result, notes = _score_file(assessment, rubric_source, {})
    for note in notes:
        click.echo(note, err=True)
    text = render(result, output_format, templates=templates, generated_at=generated_at)
    _emit(text, output, output_format)


def _report_many(
    sources: tuple[str, ...],
    rubric_source: str | None,
    output_format: str | None,
    output: str | None,
    templates: str | None,
    generated_at: str | None,
) -> None:
    if output is None:
        raise click.UsageError("several assessments (or a folder) need -o FOLDER for their reports")
    if os.path.exists(output) and not os.path.isdir(output):
        raise click.UsageError(f"{output!r} is a file; for several assessments, -o names a folder")
    out = os.path.realpath(output)
    if any(os.path.isdir(s) and os.path.realpath(s) == out for s in sources):
        raise click.UsageError(
            "write the reports to another folder than the assessments "
            "(reports in .json would be read as assessments next time)"
        )
    fmt = output_format or "html"
    suffix = {"html": ".html", "markdown": ".md", "text": ".txt", "json": ".json"}[fmt]
    files = _expand(sources)
    if not files:
        raise BadInput(
            [f"{', '.join(sources)}: no assessment files ({', '.join(ASSESSMENT_SUFFIXES)})"]
        )
    names = _report_names(files, suffix, "portfolio")
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as error:
        raise BadInput([f"{output}: cannot create the folder: {error.strerror or error}"]) from None
    problems: list[str] = []
    done: list[tuple[str, Readiness]] = []
    rubrics: dict[str, Rubric] = {}
    with (
        click.progressbar(files, label="Scoring", file=sys.stderr, show_pos=True)
        if sys.stderr.isatty()
        else contextlib.nullcontext(files) as bar
    ):
        for path in bar:
            target = os.path.join(output, names[path])
            if any(_same_file(target, f) for f in files):
                problems.append(f"{path}: its report would replace an input ({target}); skipped")
                continue
            try:
                result, notes = _score_file(path, rubric_source, rubrics)
                text = render(result, fmt, templates=templates, generated_at=generated_at)
                write_atomic(target, text)
            except BadInput as error:
                problems.extend(error.problems)
                continue
            except TransitionError as error:
                problems.extend(_problems(error, path))
                continue
            except OSError as error:
                problems.append(f"{path}: cannot write its report: {error.strerror or error}")
                continue
            problems.extend(notes)
            done.append((path, result))
    summary = portfolio(done)
    links = {path: names[path] for path, _ in done}
    try:
        write_atomic(
            os.path.join(output, "portfolio" + suffix),
            render(summary, fmt, templates=templates, generated_at=generated_at, links=links),
        )
        write_atomic(os.path.join(output, "portfolio.csv"), summary.to_csv())
    except OSError as error:
        problems.append(f"{output}: cannot write the portfolio: {error.strerror or error}")
    failed = len(files) - len(done)
    click.echo(
        f"wrote {len(done)} report{'s' if len(done) != 1 else ''} and the portfolio summary "
        f"to {output} ({fmt})" + (f"; {failed} failed" if failed else ""),
        err=True,
    )
    errors = [p for p in problems if not p.startswith("warning: ")]
    for note in problems:
        if note.startswith("warning: "):
            click.echo(note, err=True)
    if errors:
        raise BadInput(errors)


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
    type=click.Choice(FORMATS),
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
    if len(assessments) < 2:
        raise click.UsageError(
            f"compare needs at least two assessment files (got {len(assessments)})"
        )
    if output is not None:
        _never_an_input(output, assessments)
    output_format = _output_format(output_format, output)
    rubric = _rubric(rubric_source if rubric_source else _rubric_named_by(assessments[0]))
    problems: list[str] = []
    results = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RubricVersionWarning)
        warnings.simplefilter("always", SheetWarning)
        for path in assessments:
            try:
                results.append(score(rubric, load_assessment(path, rubric)))
            except (TransitionError, OSError) as error:
                problems.extend(_problems(error, path))
    for warning in caught:
        click.echo(f"warning: {warning.message}", err=True)
    if problems:
        raise BadInput(problems)
    try:
        progress = compare(results)
    except TransitionError as error:
        raise BadInput(_problems(error, assessments[0])) from None
    text = render(progress, output_format, templates=templates, generated_at=generated_at)
    _emit(text, output, output_format)


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
    fmt = template_format(output) if output is not None else "yaml"
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the template format from {output!r}; "
            f"use a suffix such as {', '.join(TEMPLATE_SUFFIXES)}"
        )
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
    click.echo(f"wrote {output} ({fmt}, {len(rubric.milestones)} milestones)", err=True)


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``transition`` console script)."""
    cli.main(args=argv, prog_name="transition")


if __name__ == "__main__":  # pragma: no cover
    main()
