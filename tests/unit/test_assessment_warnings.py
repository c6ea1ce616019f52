"""RubricVersionWarning points at the code that called load_assessment, not the library."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

import transition
from transition.blank import template_text

RUBRIC = transition.load_rubric()
OLD: dict[str, Any] = {"rubric": RUBRIC.id, "rubric_version": "0.9.0", "answers": {}}


def _caught(source: Any) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        transition.load_assessment(source, RUBRIC)  # the line the warning must name
    return caught


def _calling_line() -> int:
    source = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(source, 1) if "the line the warning must name" in line)


def _tables(tmp_path: Path) -> Path:
    path = tmp_path / "old.csv"
    text = template_text(RUBRIC, "csv").replace(
        "# rubric_version: 1.0.0", "# rubric_version: 0.9.0"
    )
    path.write_text(text, encoding="utf-8")
    return path


def _yaml(tmp_path: Path) -> Path:
    path = tmp_path / "old.yaml"
    path.write_text(f'rubric: {RUBRIC.id}\nrubric_version: "0.9.0"\nanswers: {{}}\n', "utf-8")
    return path


@pytest.mark.parametrize("make", [lambda _: OLD, _yaml, _tables], ids=["mapping", "yaml", "csv"])
def test_the_warning_names_the_callers_file_and_line(make: Any, tmp_path: Path) -> None:
    caught = _caught(make(tmp_path))
    assert [w.category for w in caught] == [transition.RubricVersionWarning]
    assert "version 0.9.0" in str(caught[0].message)
    assert caught[0].filename == __file__
    assert caught[0].lineno == _calling_line()
