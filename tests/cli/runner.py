"""Run the command line in this process, through click's ``CliRunner``.

What a test sees is what a person at a terminal would: standard output and standard
error apart, and the exit status. It depends only on the command line (the click group
``transition.cli.cli``), never on how the commands are written. An exception that the
command line lets escape is not turned into exit status 1: it fails the test, as a
traceback would fail a person. ``tests/cli/test_smoke.py`` runs the real program.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import attrs
from click.testing import CliRunner

from transition.cli import cli

#: Before click 8.2, standard error is mixed into standard output unless told otherwise;
#: from 8.2 on it is always kept apart, and ``mix_stderr`` is gone.
_APART: dict[str, Any] = (
    {"mix_stderr": False} if tuple(map(int, version("click").split(".")[:2])) < (8, 2) else {}
)


@attrs.frozen
class Ran:
    """The outcome of a run, named as :class:`subprocess.CompletedProcess` names it."""

    returncode: int
    stdout: str
    stderr: str


def run(*args: str) -> Ran:
    """Run ``transition ARGS`` and capture everything.

    >>> run("--version").stdout.startswith("transition, version ")
    True
    """
    result = CliRunner(**_APART).invoke(
        cli, list(args), prog_name="transition", catch_exceptions=False
    )
    return Ran(result.exit_code, result.stdout, result.stderr)
