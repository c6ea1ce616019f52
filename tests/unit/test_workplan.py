"""Work plans to fill in: ``Plan.to_csv()`` and the workbook, read back as a spreadsheet
would read them.

The plans are of ``tests/fixtures/rubrics/valid/workstreams.yaml``, every answer 0,
assessed on Monday 2026-01-05. Unlimited capacity, worked by hand:

    task        ws      d   start  finish  slack
    leader      people  2   0      2       0      (critical)
    budget      money   6   0      6       4      (go_live's latest start 10, minus 6)
    board       people  4   2      6       4
    staff_vote  people  5   2      7       3
    lawyer      legal   3   2      5       0      (critical)
    contract    legal   5   5      10      0      (critical)
    go_live     money   1   10     11      0      (critical)

Week w is the date 2026-01-05 + floor(7 w) days: week 2 is 2026-01-19, week 10 is
2026-03-16, week 11 is 2026-03-23.
"""

from __future__ import annotations

import csv
import datetime
import io
import pickle
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transition
from transition.workplan import (
    COLUMNS,
    PLAN_SHEET,
    STATUSES,
    SUMMARY_SHEET,
    plan_csv,
    plan_workbook,
)

ROOT = Path(__file__).parents[2]
WORKSTREAMS = transition.load_rubric(ROOT / "tests/fixtures/rubrics/valid/workstreams.yaml")
D = datetime.date
MONDAY = "2026-01-05"
HEADER = (
    "workstream,milestone,title,characteristic,start_week,finish_week,start_date,"
    "finish_date,latest_start,slack_weeks,critical,prerequisites,owner,status"
)


def result(rubric: transition.Rubric = WORKSTREAMS, **fields: Any) -> transition.Readiness:
    mapping = {"rubric": rubric.id, "answers": {}, **fields}
    return transition.score(rubric, transition.load_assessment(mapping, rubric))


def workbook(plan: transition.Plan) -> Any:
    """The plan's workbook, read back (as Any: openpyxl's stubs make most values optional)."""
    return openpyxl.load_workbook(io.BytesIO(plan_workbook(plan)))


def rows(sheet: Any) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


# -- CSV -------------------------------------------------------------------------------


def test_csv_has_one_row_per_task_in_plan_order() -> None:
    plan = transition.plan(result(assessed_on=MONDAY), deadline=D(2026, 6, 1))
    # 2026-01-05 to 2026-06-01 is 21 weeks: 10 to spare, so every latest start is
    # LS + 10 weeks: leader 0 + 10 = week 10 (2026-03-16); budget 4 + 10 = 14
    # (2026-04-13); board 6 + 10 = 16 (2026-04-27); staff_vote 5 + 10 = 15 (2026-04-20);
    # lawyer 2 + 10 = 12 (2026-03-30); contract 5 + 10 = 15; go_live 10 + 10 = 20 (2026-05-25).
    assert plan.to_csv() == "\n".join(
        [
            HEADER,
            "people,leader,A leader,leadership,0,2,2026-01-05,2026-01-19,2026-03-16,0,yes,,,",
            "money,budget,A budget,implementation_plan,0,6,2026-01-05,2026-02-16,2026-04-13,4,"
            "no,,,",
            "people,board,A board,leadership,2,6,2026-01-19,2026-02-16,2026-04-27,4,no,leader,,",
            "people,staff_vote,Staff vote,leadership,2,7,2026-01-19,2026-02-23,2026-04-20,3,no,"
            "leader,,",
            "legal,lawyer,A lawyer,implementation_plan,2,5,2026-01-19,2026-02-09,2026-03-30,0,"
            "yes,leader,,",
            "legal,contract,The contract,implementation_plan,5,10,2026-02-09,2026-03-16,"
            "2026-04-20,0,yes,lawyer,,",
            "money,go_live,Go live,implementation_plan,10,11,2026-03-16,2026-03-23,2026-05-25,0,"
            "yes,board; staff_vote; contract; budget,,",
            "",
        ]
    )


def test_csv_is_what_plan_csv_gives() -> None:
    plan = transition.plan(result(assessed_on=MONDAY))
    assert plan.to_csv() == plan_csv(plan)
    assert pickle.loads(pickle.dumps(plan)).to_csv() == plan.to_csv()


def test_csv_without_dates_or_slack_leaves_those_cells_empty() -> None:
    plan = transition.plan(result(), capacity=2)
    table = list(csv.DictReader(io.StringIO(plan.to_csv())))
    assert [row["milestone"] for row in table] == [task.id for task in plan.tasks]
    for row in table:
        assert row["start_date"] == row["finish_date"] == row["latest_start"] == ""
        assert row["slack_weeks"] == ""
        assert row["owner"] == row["status"] == ""
    # Capacity 2 (see test_plan_schemas): staff_vote waits for lawyer's slot, 5 to 10.
    vote = next(row for row in table if row["milestone"] == "staff_vote")
    assert (vote["start_week"], vote["finish_week"], vote["critical"]) == ("5", "10", "yes")


def test_csv_of_a_plan_without_tasks_is_its_header() -> None:
    done = result(answers=dict.fromkeys(WORKSTREAMS.milestones, 4))
    assert transition.plan(done).to_csv() == HEADER + "\n"


def _rubric(titles: list[str], durations: list[float] | None = None) -> transition.Rubric:
    """A chain of milestones m0 -> m1 -> ... with these titles and durations."""
    durations = durations or [1.0] * len(titles)
    milestones = [
        {
            "id": f"m{i}",
            "characteristic": "c",
            "title": title,
            "duration_weeks": durations[i],
            **({"requires": [f"m{i - 1}"]} if i else {}),
        }
        for i, title in enumerate(titles)
    ]
    return transition.load_rubric(
        {
            "rubric": "chain",
            "title": "Chain",
            "version": "1",
            "characteristics": [{"id": "c", "title": "C"}],
            "milestones": milestones,
            "bands": [{"id": "low", "label": "Low", "min": 0}],
        }
    )


HOSTILE = [
    '=HYPERLINK("http://evil.example","click")',
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(A1)",
    "\tTabbed",
    'Comma, "quote"',
    "Two\nlines",
    "Plain",
]


def test_csv_titles_never_become_formulas() -> None:
    chain = _rubric(HOSTILE)
    plan = transition.plan(result(chain), include="all")
    titles = [row["title"] for row in csv.DictReader(io.StringIO(plan.to_csv()))]
    assert titles == [
        '\'=HYPERLINK("http://evil.example","click")',
        "'+SUM(A1:A9)",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTabbed",
        'Comma, "quote"',
        "Two\nlines",
        "Plain",
    ]


def test_csv_weeks_keep_two_decimals_at_most() -> None:
    # m0 0.1 + m1 0.2 is 0.30000000000000004 in floating point; m2 adds 1/3.
    chain = _rubric(["a", "b", "c"], [0.1, 0.2, 1 / 3])
    plan = transition.plan(result(chain), include="all")
    table = list(csv.DictReader(io.StringIO(plan.to_csv())))
    assert [(row["start_week"], row["finish_week"]) for row in table] == [
        ("0", "0.1"),
        ("0.1", "0.3"),
        ("0.3", "0.63"),
    ]


# -- workbook --------------------------------------------------------------------------


def test_the_workbook_has_a_row_per_task_with_real_dates() -> None:
    plan = transition.plan(result(assessed_on=MONDAY), deadline=D(2026, 6, 1))
    book = workbook(plan)
    assert book.sheetnames == [PLAN_SHEET, SUMMARY_SHEET]
    assert book.active.title == PLAN_SHEET
    sheet = book[PLAN_SHEET]
    table = rows(sheet)
    assert table[0] == (
        "workstream",
        "milestone",
        "title",
        "characteristic",
        "start week",
        "finish week",
        "start",
        "finish",
        "latest start",
        "slack (weeks)",
        "critical",
        "prerequisites",
        "owner",
        "status",
    )
    midnight = datetime.time()
    assert table[1] == (
        "people",
        "leader",
        "A leader",
        "leadership",
        0,
        2,
        datetime.datetime.combine(D(2026, 1, 5), midnight),
        datetime.datetime.combine(D(2026, 1, 19), midnight),
        datetime.datetime.combine(D(2026, 3, 16), midnight),
        0,
        "yes",
        None,
        None,
        None,
    )
    assert table[-1][:2] == ("money", "go_live")
    assert table[-1][11] == "board, staff_vote, contract, budget"
    assert [row[1] for row in table[1:]] == [task.id for task in plan.tasks]
    for row in range(2, len(plan.tasks) + 2):
        for column in "GHI":
            cell = sheet[f"{column}{row}"]
            assert cell.is_date, cell.coordinate
            assert cell.number_format == "yyyy-mm-dd", cell.coordinate
        assert sheet[f"A{row}"].font.b == plan.tasks[row - 2].critical


def test_the_header_is_frozen_and_filters_every_column() -> None:
    plan = transition.plan(result(assessed_on=MONDAY), deadline=D(2026, 6, 1))
    sheet = workbook(plan)[PLAN_SHEET]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N8"
    assert all(cell.font.b for cell in sheet[1])


def test_status_has_a_drop_down_and_owner_is_blank() -> None:
    plan = transition.plan(result(assessed_on=MONDAY))
    sheet = workbook(plan)[PLAN_SHEET]
    header = [cell.value for cell in sheet[1]]
    status = header.index("status") + 1
    owner = header.index("owner") + 1
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"not started,in progress,done,blocked"'
    assert STATUSES == ("not started", "in progress", "done", "blocked")
    letter = openpyxl.utils.get_column_letter(status)
    assert str(validation.sqref) == f"{letter}2:{letter}8"
    assert validation.allow_blank
    assert validation.showDropDown is not True  # (True would hide the arrow in Excel)
    for row in range(2, 9):
        assert sheet.cell(row=row, column=status).value is None
        assert sheet.cell(row=row, column=owner).value is None


def test_columns_are_wide_enough_to_read() -> None:
    plan = transition.plan(result(assessed_on=MONDAY), deadline=D(2026, 6, 1))
    sheet = workbook(plan)[PLAN_SHEET]
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths == {column.header: column.width for column in COLUMNS}
    assert widths["title"] >= 40
    # The header row wraps: every word of a header fits its column, and so does a date.
    assert all(len(word) <= width for header, width in widths.items() for word in header.split())
    assert min(widths["start"], widths["finish"], widths["latest start"]) >= 10
    assert sheet["C2"].alignment.wrap_text


def test_the_sheet_prints_on_a4_landscape_one_page_wide() -> None:
    sheet = workbook(transition.plan(result(assessed_on=MONDAY)))[PLAN_SHEET]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_A4) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$1"  # the header row on every page
    assert sheet.oddFooter.center.text == "Page &P of &N"


def test_a_plan_without_dates_has_weeks_only() -> None:
    plan = transition.plan(result(), capacity={"people": 1})
    sheet = workbook(plan)[PLAN_SHEET]
    header = [cell.value for cell in sheet[1]]
    assert not {"start", "finish", "latest start"} & set(header)
    assert header[4:6] == ["start week", "finish week"]
    table = rows(sheet)
    slack = header.index("slack (weeks)")
    assert {row[slack] for row in table[1:]} == {None}  # limited capacity: no slack
    # people=1 (see test_plan_schemas): staff_vote 2 to 7, then board 7 to 11.
    board = next(row for row in table if row[1] == "board")
    assert board[4:6] == (7, 11)
    assert sheet.auto_filter.ref == "A1:K8"


def test_a_plan_with_dates_but_no_deadline_has_no_latest_start() -> None:
    sheet = workbook(transition.plan(result(assessed_on=MONDAY)))[PLAN_SHEET]
    header = [cell.value for cell in sheet[1]]
    assert header[6:9] == ["start", "finish", "slack (weeks)"]


def test_the_summary_gives_the_plans_figures() -> None:
    plan = transition.plan(result(assessed_on=MONDAY), capacity=2, deadline=D(2026, 3, 2))
    summary = dict(rows(workbook(plan)[SUMMARY_SHEET])[:7])
    # 15 weeks long; 2026-01-05 to 2026-03-02 is 56 days, 8 weeks: 7 weeks late.
    assert summary == {
        "figure": "value",
        "tasks": 7,
        "length (weeks)": 15,
        "finish": datetime.datetime(2026, 4, 20),
        "late (weeks)": 7,
        "feasible": "no",
        "critical path": "leader, lawyer, staff_vote, board, go_live",
    }
    notes = [row[1] for row in rows(workbook(plan)[SUMMARY_SHEET]) if row[0] == "note"]
    assert any(note.startswith("Slack is blank") for note in notes)


def test_an_empty_plan_is_a_header_without_a_drop_down() -> None:
    done = result(answers=dict.fromkeys(WORKSTREAMS.milestones, 4), assessed_on=MONDAY)
    book = workbook(transition.plan(done))
    sheet = book[PLAN_SHEET]
    assert sheet.max_row == 1
    assert sheet.data_validations.dataValidation == []
    assert sheet.auto_filter.ref == "A1:M1"
    summary = dict(rows(book[SUMMARY_SHEET])[:7])
    assert (summary["tasks"], summary["length (weeks)"], summary["critical path"]) == (0, 0, None)


def test_workbook_titles_stay_text() -> None:
    chain = _rubric([*HOSTILE, "bell\x07 and \x1b escape"])
    sheet = workbook(transition.plan(result(chain), include="all"))[PLAN_SHEET]
    titles = [sheet.cell(row=row, column=3) for row in range(2, sheet.max_row + 1)]
    assert [cell.value for cell in titles] == [*HOSTILE, "bell and  escape"]
    assert {cell.data_type for cell in titles} == {"s"}  # never "f", a formula


def test_equal_plans_give_byte_identical_workbooks() -> None:
    plan = transition.plan(result(assessed_on=MONDAY), deadline=D(2026, 6, 1))
    data = plan_workbook(plan)
    again = transition.plan(result(assessed_on=MONDAY), deadline=D(2026, 6, 1))
    assert plan_workbook(again) == data
    assert plan_workbook(pickle.loads(pickle.dumps(plan))) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core
    assert plan_workbook(transition.plan(result(assessed_on="2026-01-12"))) != data


@pytest.mark.parametrize("capacity", [None, 1, {"legal": 1}], ids=["unlimited", "1", "legal=1"])
def test_the_csv_and_the_workbook_agree(capacity: int | dict[str, int] | None) -> None:
    plan = transition.plan(result(assessed_on=MONDAY), capacity=capacity, deadline=D(2026, 6, 1))
    table = list(csv.reader(io.StringIO(plan.to_csv())))
    sheet = rows(workbook(plan)[PLAN_SHEET])
    assert len(table) == len(sheet) == len(plan.tasks) + 1
    for text, cells in zip(table[1:], sheet[1:], strict=True):
        assert text[:4] == list(cells[:4])
        assert [float(text[4]), float(text[5])] == list(cells[4:6])
        assert text[6] == cells[6].date().isoformat()
        assert text[10] == cells[10]
