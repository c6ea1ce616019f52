"""The ``transition`` command line: the only place that prints or exits.

Exit status: 0 success; 1 bad input (one line per problem on stderr, no traceback);
2 wrong usage (click's own convention).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable

import attrs
import click

from . import __version__
from ._files import write_atomic
from ._yaml import DocumentError, load_document
from .assessment import RubricVersionWarning, load_assessment
from .errors import ErrorRecord, TransitionError
from .graph import to_dot, to_mermaid
from .model import Rubric
from .progress import compare
from .report import FORMATS, format_for_path, render
from .rubric import DEFAULT_RUBRIC, bundled_rubrics, load_rubric
from .scoring import score
from .tabular import (
    TEMPLATE_SUFFIXES,
    is_table,
    rubric_named_by,
    template_format,
    template_text,
    write_template,
)

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


@cli.command("report")
@click.argument("assessment", type=click.Path(dir_okay=False))
@click.option(
    "--rubric",
    "rubric_source",
    metavar="R",
    help="Bundled rubric id or rubric file; default: the bundled rubric the assessment names.",
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
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False),
    help="A folder of templates that override the built-in ones (run in a sandbox).",
)
@click.option(
    "--generated-at",
    metavar="TEXT",
    help="A date or time to print in the report; reports never read the clock.",
)
def report_command(
    assessment: str,
    rubric_source: str | None,
    output_format: str | None,
    output: str | None,
    templates: str | None,
    generated_at: str | None,
) -> None:
    """Score an ASSESSMENT file and render its readiness report."""
    if output_format is None:
        output_format = (format_for_path(output) if output else None) or "text"
        if output and format_for_path(output) is None:
            raise click.UsageError(
                f"cannot tell the format from {output!r}; give --format "
                f"({', '.join(FORMATS)}) or use a suffix such as .html, .md, .txt or .json"
            )
    rubric = _rubric(rubric_source if rubric_source else _rubric_named_by(assessment))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RubricVersionWarning)
        try:
            loaded = load_assessment(assessment, rubric)
        except (TransitionError, OSError) as error:
            raise BadInput(_problems(error, assessment)) from None
    for warning in caught:
        click.echo(f"warning: {warning.message}", err=True)
    text = render(
        score(rubric, loaded), output_format, templates=templates, generated_at=generated_at
    )
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as error:
        raise BadInput([f"{output}: cannot write: {error.strerror or error}"]) from None
    click.echo(f"wrote {output} ({output_format})", err=True)


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
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False),
    help="A folder of templates that override the built-in ones (run in a sandbox).",
)
@click.option(
    "--generated-at",
    metavar="TEXT",
    help="A date or time to print in the report; reports never read the clock.",
)
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
    if output_format is None:
        output_format = (format_for_path(output) if output else None) or "text"
        if output and format_for_path(output) is None:
            raise click.UsageError(
                f"cannot tell the format from {output!r}; give --format "
                f"({', '.join(FORMATS)}) or use a suffix such as .html, .md, .txt or .json"
            )
    rubric = _rubric(rubric_source if rubric_source else _rubric_named_by(assessments[0]))
    problems: list[str] = []
    results = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RubricVersionWarning)
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
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomic(output, text)
    except OSError as error:
        raise BadInput([f"{output}: cannot write: {error.strerror or error}"]) from None
    click.echo(f"wrote {output} ({output_format})", err=True)


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
def template_command(rubric_source: str | None, output: str | None, respondents: int) -> None:
    """Write a blank assessment to fill in: YAML, JSON, CSV or an Excel workbook."""
    fmt = template_format(output) if output is not None else "yaml"
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the template format from {output!r}; "
            f"use a suffix such as {', '.join(TEMPLATE_SUFFIXES)}"
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
