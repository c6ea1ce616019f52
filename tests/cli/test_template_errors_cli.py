"""transition report --templates: a broken template is one located line and exit 1."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import run
from tests.cli.test_cli import EXAMPLES

BROKEN = {
    "syntax": ("{{ organisation }\n", "1: syntax error: unexpected '}'"),
    "undefined": ("\n{{ organisaton }}", "2: undefined value: 'organisaton' is undefined"),
    "sandbox": (
        "{{ ().__class__ }}",
        "1: not allowed in the sandbox: access to attribute '__class__' of 'tuple' object "
        "is unsafe.",
    ),
    "not found": ('{% include "nowhere.j2" %}', "1: template not found: 'nowhere.j2'"),
    "recursion": (
        '{% include "report.md.j2" %}',
        "1: recursion too deep: a template includes, extends or calls itself without end",
    ),
}


@pytest.mark.parametrize("kind", BROKEN)
def test_one_report_with_a_broken_template(tmp_path: Path, kind: str) -> None:
    source, problem = BROKEN[kind]
    (tmp_path / "report.md.j2").write_text(source, encoding="utf-8")
    result = run(
        "report", str(EXAMPLES / "exploring.yaml"), "--format", "markdown",
        "--templates", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"{tmp_path / 'report.md.j2'}:{problem}\n"


def test_a_batch_with_a_broken_template(tmp_path: Path) -> None:
    folder, templates, out = tmp_path / "in", tmp_path / "templates", tmp_path / "out"
    folder.mkdir()
    templates.mkdir()
    shutil.copy(EXAMPLES / "exploring.yaml", folder / "exploring.yaml")
    (templates / "report.md.j2").write_text("{{ organisaton }}", encoding="utf-8")
    result = run(
        "report", str(folder), "-o", str(out), "--format", "markdown",
        "--templates", str(templates),
    )  # fmt: skip
    assert result.returncode == 1
    problem = f"{templates / 'report.md.j2'}:1: undefined value: 'organisaton' is undefined"
    assert result.stderr.splitlines() == [
        f"wrote 0 reports and the portfolio summary to {out} (markdown); 1 failed",
        problem,
    ]
    rows = list(csv.reader(io.StringIO((out / "portfolio.csv").read_text(encoding="utf-8"))))
    assert (rows[1][0], rows[1][-1]) == (str(folder / "exploring.yaml"), problem)
