"""How the command line reads its inputs: each file parsed once; errors and warnings
kept apart (never told apart by what their text starts with)."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from transition._yaml import load_document
from transition.cli import cli

GOOD = "rubric: public-service-spinout\norganisation: {name}\nassessed_on: {day}\nanswers: {{}}\n"
OLD_VERSION = GOOD.replace("answers:", "rubric_version: 0.9.0\nanswers:")


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """How many times each file was parsed."""
    counts: collections.Counter[str] = collections.Counter()

    def counting(source: Any, **kwargs: Any) -> Any:
        counts[str(source)] += 1
        return load_document(source, **kwargs)

    monkeypatch.setattr("transition.cli.load_document", counting)
    monkeypatch.setattr("transition.assessment.load_document", counting)
    return counts


def write(path: Path, text: str, name: str = "Riverside", day: str = "2026-01-01") -> str:
    path.write_text(text.format(name=name, day=day), encoding="utf-8")
    return str(path)


def test_a_batch_parses_each_file_once(tmp_path: Path, parsed: collections.Counter[str]) -> None:
    files = [write(tmp_path / f"{i}.yaml", GOOD, f"Team {i}") for i in range(3)]
    result = CliRunner().invoke(cli, ["report", *files, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert parsed == dict.fromkeys(files, 1)


def test_one_report_and_compare_parse_each_file_once(
    tmp_path: Path, parsed: collections.Counter[str]
) -> None:
    one = write(tmp_path / "one.yaml", GOOD, day="2026-01-01")
    two = write(tmp_path / "two.yaml", GOOD, day="2026-02-01")
    assert CliRunner().invoke(cli, ["report", one]).exit_code == 0
    assert parsed == {one: 1}
    result = CliRunner().invoke(cli, ["compare", one, two])
    assert result.exit_code == 0, result.output
    assert parsed == {one: 2, two: 1}


def test_an_error_that_reads_like_a_warning_is_still_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The folder's name makes its files' error lines start with "warning: ".
    monkeypatch.chdir(tmp_path)
    folder = Path("warning: in")
    folder.mkdir()
    write(folder / "old.yaml", OLD_VERSION)
    bad = folder / "bad.yaml"
    bad.write_text("rubric: public-service-spinout\nanswers: {named_leader: 9}\n")
    out = Path("out")
    result = CliRunner().invoke(cli, ["report", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"wrote 1 report and the portfolio summary to {out} (html); 1 failed",
        f"warning: {folder / 'old.yaml'}: the assessment was made with version 0.9.0 of "
        "rubric 'public-service-spinout'; it is scored with version 1.0.0",
        f"{bad}:2: answers.named_leader: level 9 is outside the scale 0..4",
    ]
