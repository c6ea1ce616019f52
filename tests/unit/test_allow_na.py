"""SPEC 3.1 ``allow_na``: n/a where the rubric does not allow it is a located error.

The rubric's ``allow_na`` (default true) applies to every milestone that does not say
otherwise; the error points at the answer, whatever the assessment was written in:
YAML, JSON, a mapping, a CSV file or a workbook.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transition
from transition.blank import template_text

RUBRIC: dict[str, Any] = {
    "rubric": "no-na",
    "title": "Every milestone applies",
    "version": "1",
    "allow_na": False,
    "characteristics": [{"id": "c", "title": "C"}],
    "milestones": [
        {"id": "board", "characteristic": "c", "title": "Board"},
        {"id": "pension", "characteristic": "c", "title": "Pension", "allow_na": True},
    ],
    "bands": [{"id": "all", "label": "All", "min": 0}],
}
NOT_ALLOWED = (
    "n/a is not allowed for milestone 'board': the rubric says it applies to every "
    "organisation (allow_na: false); give a level 0..4, or null if it has not been assessed"
)


@pytest.fixture(scope="module")
def rubric() -> transition.Rubric:
    return transition.load_rubric(RUBRIC)


def _errors(source: Any, rubric: transition.Rubric) -> list[str]:
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment(source, rubric)
    return [str(error) for error in caught.value.errors]


def test_milestones_inherit_the_rubric_allow_na_unless_they_say(rubric: transition.Rubric) -> None:
    assert rubric.allow_na is False
    assert rubric.milestones["board"].allow_na is False
    assert rubric.milestones["pension"].allow_na is True
    assert transition.load_rubric().allow_na is True
    assert all(m.allow_na for m in transition.load_rubric().milestones.values())


def test_a_milestone_may_refuse_n_a_in_a_rubric_that_allows_it() -> None:
    mapping = dict(RUBRIC, allow_na=True)
    mapping["milestones"] = [dict(RUBRIC["milestones"][0], allow_na=False)]
    rubric = transition.load_rubric(mapping)
    assert _errors({"rubric": "no-na", "answers": {"board": "N/A"}}, rubric) == [
        f"answers.board: {NOT_ALLOWED}"
    ]


def test_n_a_where_allowed_still_loads(rubric: transition.Rubric) -> None:
    assessment = transition.load_assessment(
        {"rubric": "no-na", "answers": {"pension": "n/a", "board": 2}}, rubric
    )
    assert assessment.answers["pension"].level is transition.NA


def test_in_yaml_the_error_names_the_line(rubric: transition.Rubric, tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("rubric: no-na\nanswers:\n  pension: n/a\n  board: n/a\n", "utf-8")
    assert _errors(path, rubric) == [f"{path}:4: answers.board: {NOT_ALLOWED}"]


def test_in_yaml_a_level_mapping_is_located_at_its_level(
    rubric: transition.Rubric, tmp_path: Path
) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(
        "rubric: no-na\nanswers:\n  board:\n    evidence: none\n    level: n/a\n", "utf-8"
    )
    assert _errors(path, rubric) == [f"{path}:5: answers.board.level: {NOT_ALLOWED}"]


def test_in_json_the_error_names_the_line(rubric: transition.Rubric, tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    path.write_text(
        json.dumps({"rubric": "no-na", "answers": {"board": {"level": "n/a"}}}, indent=2),
        "utf-8",
    )
    assert _errors(path, rubric) == [f"{path}:5: answers.board.level: {NOT_ALLOWED}"]


def test_with_both_level_and_levels_the_n_a_is_reported_too(rubric: transition.Rubric) -> None:
    answers = {"board": {"level": "n/a", "levels": [1, 2]}}
    assert _errors({"rubric": "no-na", "answers": answers}, rubric) == [
        "answers.board: give either 'level' or 'levels' (several respondents), not both",
        f"answers.board.level: {NOT_ALLOWED}",
    ]


def test_in_a_csv_file_the_error_names_the_row_and_column(
    rubric: transition.Rubric, tmp_path: Path
) -> None:
    lines = template_text(rubric, "csv").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("id,"))
    columns = lines[header].split(",")
    row = next(i for i, line in enumerate(lines) if line.startswith("board,"))
    cells = lines[row].split(",")
    cells[columns.index("level")] = "n/a"
    lines[row] = ",".join(cells)
    path = tmp_path / "team.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    assert _errors(path, rubric) == [
        f"{path}:{row + 1}: answers.board.level (column 'level'): {NOT_ALLOWED}"
    ]


def test_in_a_workbook_the_error_names_the_sheet_and_cell(
    rubric: transition.Rubric, tmp_path: Path
) -> None:
    path = tmp_path / "team.xlsx"
    transition.blank.write_template(rubric, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Assessment"]
    header = {str(cell.value): cell.column_letter for cell in sheet[1] if cell.value}
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "board")
    sheet[f"{header['level']}{row}"] = "n/a"
    workbook.save(path)
    assert _errors(path, rubric) == [
        f"{path}:Assessment!{header['level']}{row}: answers.board.level: {NOT_ALLOWED}"
    ]


def test_an_assessment_built_in_code_is_checked_when_scored(rubric: transition.Rubric) -> None:
    assessment = transition.Assessment(
        "no-na", transition.FrozenDict({"board": transition.Answer("board", transition.NA)})
    )
    with pytest.raises(transition.AssessmentError) as caught:
        transition.score(rubric, assessment)
    assert (
        str(caught.value)
        == "answers.board: n/a is not allowed for milestone 'board' (allow_na: false)"
    )
