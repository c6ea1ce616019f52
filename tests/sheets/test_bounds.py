"""The reader's bounds: a small file that expands is answered at once, with a located line.

The files are built by :mod:`tests.sheets.hostile`, smaller than the reproducers of
issue 9 where the mechanism is the same (``benchmarks/sheets.py`` runs the full ones).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import transition
import transition.tables
from tests.sheets import hostile

RUBRIC = transition.load_rubric()
#: The last row read for the bundled rubric: twice its milestones, plus 100.
LAST = 2 * len(RUBRIC.milestones) + 100


def errors(path: Path) -> list[str]:
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment(path, RUBRIC)
    return str(caught.value).splitlines()


def loaded_with_warnings(path: Path) -> tuple[transition.Assessment, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assessment = transition.load_assessment(path, RUBRIC)
    assert all(issubclass(w.category, transition.SheetWarning) for w in caught)
    return assessment, [str(w.message) for w in caught]


def test_one_cell_at_the_last_cell_of_a_sheet(tmp_path: Path) -> None:
    path = hostile.far_cell(tmp_path / "far.xlsx")
    assessment, notes = loaded_with_warnings(path)
    assert assessment.answers["named_leader"].level == 3
    assert notes == [
        f"{path}: the sheet 'Assessment' goes on below row {LAST + 1000} (to row 1,048,576); "
        f"rows below {LAST} are not read and the next 1000 are blank: delete the rows below "
        "the table",
        f"{path}: the sheet 'Assessment' is 16,384 columns wide; columns after CV are not "
        "read: move what they hold nearer the table",
    ]


def test_many_blank_rows(tmp_path: Path) -> None:
    path = hostile.blank_rows(tmp_path / "blank.xlsx", count=20_000)
    assessment, notes = loaded_with_warnings(path)
    assert assessment.answers["named_leader"].level == 3
    assert notes == [
        f"{path}: the sheet 'Assessment' goes on below row {LAST + 1000} (to row 20,002); "
        f"rows below {LAST} are not read and the next 1000 are blank: delete the rows below "
        "the table",
    ]


def test_an_answer_below_the_last_row_read(tmp_path: Path) -> None:
    row = LAST + 500
    path = hostile.build(
        tmp_path / "low.xlsx",
        lambda: [
            hostile.header(),
            hostile.row(row, hostile.cell(f"A{row}", "named_leader"), hostile.cell(f"B{row}", "3")),
        ],
    )
    assert errors(path) == [
        f"{path}:Assessment!A{row}: this row is below row {LAST}, the last one read: a rubric "
        f"of {len(RUBRIC.milestones)} milestones needs at most that many rows of answers, and "
        "the reader reads twice as many, plus 100 for a title, headings and blank rows; move "
        "the answers up or delete what is below the table"
    ]


def test_compressed_whitespace(tmp_path: Path) -> None:
    path = hostile.whitespace(tmp_path / "space.xlsx", size=30 << 20)
    (line,) = errors(path)
    assert line.startswith(
        f"{path}: the part xl/worksheets/sheet1.xml of this workbook expands from "
    )
    assert line.endswith(
        "times; a workbook's parts expand at most 200 times): it is not a spreadsheet as "
        "Excel or LibreOffice save one; open it in one of them and save it again"
    )


def test_a_huge_shared_string(tmp_path: Path) -> None:
    path = hostile.shared_string(tmp_path / "shared.xlsx", size=30 << 20)
    (line,) = errors(path)
    assert line.startswith(f"{path}: the part xl/sharedStrings.xml of this workbook expands ")


def test_a_long_shared_string_referenced_by_every_row(tmp_path: Path) -> None:
    path = hostile.shared_string(tmp_path / "long.xlsx", size=40_000, references=3)
    too_long = (
        "this cell holds 40,000 characters, more than the 32,767 a cell may hold; shorten it "
        "(put long evidence in a document and give its name or link)"
    )
    assert errors(path) == [
        line
        for number in (2, 3, 4)
        for line in (
            f"{path}:Assessment!C{number}: {too_long}",
            f"{path}:Assessment!A{number}: answers.m{number}: unknown milestone 'm{number}'",
        )
    ]


def test_a_workbook_too_large_unzipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = hostile.blank_rows(tmp_path / "rows.xlsx", count=50_000)
    monkeypatch.setattr(transition.tables, "UNZIPPED", 1024 * 1024)
    (line,) = errors(path)
    assert line.startswith(f"{path}: this workbook expands to ")
    assert line.endswith(
        "bytes unzipped, more than the 1 MB read; an assessment needs far less: delete other "
        "sheets, pictures and rows below the table, or save the answers as a CSV file"
    )


def test_many_unknown_ids_are_capped(tmp_path: Path) -> None:
    path = hostile.unknown_ids(tmp_path / "ids.xlsx", count=5_000)
    lines = errors(path)
    assert len(lines) == 101
    assert lines[0] == f"{path}:Assessment!A2: answers.no_such_2: unknown milestone 'no_such_2'"
    assert lines[-1] == (
        f"{path}: and {LAST - 1 - 100 + 1:,} more problems (only the first 100 are listed); "
        "fix these and run again to see the rest"
    )


def test_a_cell_that_names_a_missing_shared_string(tmp_path: Path) -> None:
    path = hostile.build(
        tmp_path / "dangling.xlsx",
        lambda: [hostile.header(), hostile.row(2, b'<c r="A2" t="s"><v>7</v></c>')],
    )
    (line,) = errors(path)
    assert line.startswith(f"{path}: not a valid .xlsx workbook (")
