"""A work plan re-saved by a real LibreOffice reads back as the same rows.

The programme manager's spreadsheet may be LibreOffice: it must open the workbook, keep
its dates as dates, its drop-down and its print settings, and save it again. The test
fails (never skips) without ``soffice``: .ci/run installs it.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transition
from tests.sheets.test_libreoffice import resave
from tests.unit.test_workplan import HOSTILE, WORKSTREAMS, _rubric, result
from transition.workplan import PLAN_SHEET, SUMMARY_SHEET, plan_workbook

pytestmark = pytest.mark.libreoffice


def _values(path: Path, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path)
    return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]


def test_a_work_plan_resaved_by_libreoffice(tmp_path: Path) -> None:
    plan = transition.plan(
        result(WORKSTREAMS, assessed_on="2026-01-05"),
        capacity={"people": 1},
        deadline=datetime.date(2026, 6, 1),
    )
    original = tmp_path / "plan.xlsx"
    original.write_bytes(plan_workbook(plan))
    resaved = resave(original, tmp_path / "out", tmp_path / "profile")
    assert resaved.read_bytes() != original.read_bytes()  # LibreOffice wrote its own

    assert _values(resaved, PLAN_SHEET) == _values(original, PLAN_SHEET)
    assert _values(resaved, SUMMARY_SHEET) == _values(original, SUMMARY_SHEET)
    sheet: Any = openpyxl.load_workbook(resaved)[PLAN_SHEET]
    assert sheet["G2"].is_date
    assert sheet["G2"].value == datetime.datetime(2026, 1, 5)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"not started,in progress,done,blocked"'
    assert str(validation.sqref) == "N2:N8"
    assert sheet.auto_filter.ref == "A1:N8"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"


def test_hostile_titles_survive_libreoffice_as_text(tmp_path: Path) -> None:
    plan = transition.plan(result(_rubric(HOSTILE)), include="all")
    original = tmp_path / "hostile.xlsx"
    original.write_bytes(plan_workbook(plan))
    resaved = resave(original, tmp_path / "out", tmp_path / "profile")
    sheet: Any = openpyxl.load_workbook(resaved)[PLAN_SHEET]
    titles = [sheet.cell(row=row, column=3) for row in range(2, sheet.max_row + 1)]
    assert [cell.value for cell in titles] == HOSTILE
    assert {cell.data_type for cell in titles} == {"s"}  # LibreOffice ran no formula
