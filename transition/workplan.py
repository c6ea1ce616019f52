"""Work plans to fill in: a :class:`~transition.Plan` as CSV text or an Excel workbook.

A programme manager takes the draft plan into a spreadsheet, gives each task an owner
and tracks its status. :func:`plan_csv` (what :meth:`transition.Plan.to_csv` returns)
and :func:`plan_workbook` write one row per task, in the plan's order (by start, then
rubric order), from one table of columns (:data:`COLUMNS`), so the two cannot drift.
Text that comes from a rubric (titles) never becomes a formula in Excel or
LibreOffice. Equal plans give equal text and byte-identical workbooks. openpyxl is
imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ._workbook import WORKBOOK_TIME, put, safe_text, save, stable_zip

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from .planning import Plan, Task

__all__ = [
    "COLUMNS",
    "PLAN_SHEET",
    "STATUSES",
    "SUMMARY_SHEET",
    "plan_csv",
    "plan_workbook",
]

#: A cell's value before it is written: text, a number of weeks, a date, a flag,
#: task ids, or nothing.
Value = str | float | datetime.date | bool | tuple[str, ...] | None

#: The sheet with one row per task, and the sheet with the plan's own figures.
PLAN_SHEET = "Plan"
SUMMARY_SHEET = "Summary"

#: The choices of the status drop-down, in the order work moves through them.
STATUSES = ("not started", "in progress", "done", "blocked")


@attrs.frozen
class Column:
    """One column of a work plan: its CSV header, its workbook header and width, and
    the task's value in it. ``dated`` columns hold dates (a workbook leaves them out
    when the plan has none); ``wrap`` ones wrap their text in a workbook."""

    csv: str
    header: str
    width: float
    value: Callable[[Task], Value]
    dated: bool = False
    wrap: bool = False


def _blank(task: Task) -> Value:
    """A column to fill in: the plan knows nothing of owners or status."""
    return None


#: The columns of a work plan, in order.
COLUMNS: tuple[Column, ...] = (
    Column("workstream", "workstream", 18, lambda t: t.workstream),
    Column("milestone", "milestone", 26, lambda t: t.id),
    Column("title", "title", 46, lambda t: t.title, wrap=True),
    Column("characteristic", "characteristic", 18, lambda t: t.characteristic),
    Column("start_week", "start week", 9, lambda t: t.start_week),
    Column("finish_week", "finish week", 9, lambda t: t.finish_week),
    Column("start_date", "start", 12, lambda t: t.start_date, dated=True),
    Column("finish_date", "finish", 12, lambda t: t.finish_date, dated=True),
    Column("latest_start", "latest start", 12, lambda t: t.latest_start, dated=True),
    Column("slack_weeks", "slack (weeks)", 9, lambda t: t.slack_weeks),
    Column("critical", "critical", 9, lambda t: t.critical),
    Column("prerequisites", "prerequisites", 30, lambda t: t.prerequisites, wrap=True),
    Column("owner", "owner", 20, _blank),
    Column("status", "status", 14, _blank),
)


def _weeks(value: float) -> float:
    """Weeks as shown: two decimals at most (sums of durations carry float noise)."""
    return round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def _csv_value(value: Value) -> str:
    """A cell of the CSV file: dates as YYYY-MM-DD, weeks without a needless ``.0``,
    flags as yes or no, task ids separated by ``; ``, nothing as an empty cell.

    >>> [_csv_value(v) for v in (4.0, 2.5, 1 / 3, True, ("a", "b"), None)]
    ['4', '2.5', '0.33', 'yes', 'a; b', '']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        weeks = _weeks(value)
        return str(int(weeks)) if weeks == int(weeks) else f"{weeks:.2f}".rstrip("0")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(value)
    return safe_text(value)


def plan_csv(plan: Plan) -> str:
    """The plan as CSV text: a header row, then one row per task in the plan's order.

    The columns are those of :data:`COLUMNS`: ``workstream``, ``milestone`` (the id),
    ``title``, ``characteristic``, ``start_week``, ``finish_week``, ``start_date``,
    ``finish_date``, ``latest_start``, ``slack_weeks``, ``critical`` (yes or no),
    ``prerequisites`` (task ids, separated by ``; ``), and ``owner`` and ``status``,
    blank, to fill in. Dates are empty when the plan has none, ``latest_start`` also
    without a deadline, and ``slack_weeks`` under limited capacity. Text that a
    spreadsheet would read as a formula starts with ``'``. Lines end with ``\\n``.

    Examples
    --------
    >>> import transition
    >>> rubric = transition.load_rubric(
    ...     {
    ...         "rubric": "tiny",
    ...         "title": "Tiny",
    ...         "version": "1",
    ...         "characteristics": [{"id": "people", "title": "People"}],
    ...         "milestones": [
    ...             {
    ...                 "id": "lead",
    ...                 "characteristic": "people",
    ...                 "title": "=Lead",
    ...                 "duration_weeks": 4,
    ...             },
    ...             {
    ...                 "id": "board",
    ...                 "characteristic": "people",
    ...                 "title": "Board, formed",
    ...                 "requires": ["lead"],
    ...                 "workstream": "governance",
    ...                 "duration_weeks": 2.5,
    ...             },
    ...         ],
    ...         "bands": [{"id": "low", "label": "Low", "min": 0}],
    ...     }
    ... )
    >>> answers = {"rubric": "tiny", "assessed_on": "2026-01-05", "answers": {}}
    >>> result = transition.score(rubric, transition.load_assessment(answers, rubric))
    >>> print(plan_csv(transition.plan(result, include="all")), end="")
    workstream,milestone,title,characteristic,start_week,finish_week,start_date,finish_date,latest_start,slack_weeks,critical,prerequisites,owner,status
    people,lead,'=Lead,people,0,4,2026-01-05,2026-02-02,,0,yes,,,
    governance,board,"Board, formed",people,4,6.5,2026-02-02,2026-02-19,,0,yes,lead,,
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.csv for column in COLUMNS])
    for task in plan.tasks:
        writer.writerow([_csv_value(column.value(task)) for column in COLUMNS])
    return buffer.getvalue()


# -- workbook --------------------------------------------------------------------------


def _columns(plan: Plan) -> tuple[Column, ...]:
    """The workbook's columns: the dated ones only when the plan has dates, and
    ``latest start`` only when it has a deadline too."""
    dated = plan.finish_date is not None
    deadline = any(task.latest_start is not None for task in plan.tasks)
    return tuple(
        column
        for column in COLUMNS
        if not column.dated or (deadline if column.csv == "latest_start" else dated)
    )


def _cell_value(value: Value) -> str | float | datetime.date | None:
    """A cell of the workbook: dates stay dates (real Excel dates), weeks numbers."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return _weeks(value)
    if isinstance(value, tuple):
        return ", ".join(value)
    return value


def plan_workbook(plan: Plan) -> bytes:
    """The plan as an Excel workbook (``.xlsx``), as bytes: a work plan to fill in.

    The sheet ``Plan`` has a header row and one row per task, in the plan's order,
    with the columns of :data:`COLUMNS` (``start``, ``finish`` and ``latest start`` as
    real dates, and only when the plan has them), critical tasks in bold, and blank
    ``owner`` and ``status`` columns; ``status`` has a drop-down of :data:`STATUSES`.
    The header row is frozen and filters every column; the sheet prints on A4
    landscape, one page wide, with the header row on every page. The sheet
    ``Summary`` gives the plan's length, finish date, lateness and critical path.
    Equal plans give byte-identical workbooks.

    Examples
    --------
    >>> import datetime, io, openpyxl, transition
    >>> rubric = transition.load_rubric()
    >>> answers = {"rubric": rubric.id, "answers": {}}
    >>> result = transition.score(rubric, transition.load_assessment(answers, rubric))
    >>> plan = transition.plan(result, start=datetime.date(2026, 1, 5))
    >>> workbook = openpyxl.load_workbook(io.BytesIO(plan_workbook(plan)))
    >>> workbook.sheetnames
    ['Plan', 'Summary']
    >>> sheet = workbook["Plan"]
    >>> [cell.value for cell in sheet[1]][4:8]
    ['start week', 'finish week', 'start', 'finish']
    >>> sheet["B2"].value == plan.tasks[0].id, sheet["G2"].value, sheet.freeze_panes
    (True, datetime.datetime(2026, 1, 5, 0, 0), 'A2')
    >>> plan_workbook(plan) == plan_workbook(plan)
    True
    """
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = PLAN_SHEET
    _plan_sheet(plan, sheet)
    _summary_sheet(plan, workbook.create_sheet(SUMMARY_SHEET))
    workbook.active = 0
    workbook.properties.creator = "transition"
    workbook.properties.title = "Implementation plan"
    workbook.properties.created = WORKBOOK_TIME
    workbook.properties.modified = WORKBOOK_TIME
    return stable_zip(save(workbook))


def _plan_sheet(plan: Plan, sheet: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = _columns(plan)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", start_color="D9E1F2")
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for index, column in enumerate(columns, start=1):
        cell = put(sheet, 1, index, column.header)
        cell.font, cell.fill, cell.alignment = bold, header_fill, wrap
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row, task in enumerate(plan.tasks, start=2):
        for index, column in enumerate(columns, start=1):
            value = _cell_value(column.value(task))
            cell = put(sheet, row, index, value)
            cell.alignment = wrap if column.wrap else top
            if isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            if task.critical:
                cell.font = bold
    last_row = len(plan.tasks) + 1
    last_column = get_column_letter(len(columns))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last_column}{last_row}"
    if plan.tasks:
        status = get_column_letter([column.csv for column in columns].index("status") + 1)
        _status_drop_down(sheet).add(f"{status}2:{status}{last_row}")
    _printable(sheet)


def _status_drop_down(sheet: Worksheet) -> DataValidation:
    """The drop-down of :data:`STATUSES`; another status is allowed after a warning."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUSES) + '"',
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Status",
        prompt="Choose the task's status: " + ", ".join(STATUSES) + ".",
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Not a status on the list",
        error="Choose from the list: " + ", ".join(STATUSES) + ".",
    )
    sheet.add_data_validation(validation)
    return validation


def _printable(sheet: Worksheet) -> None:
    """A4 landscape, one page wide (as many pages long as it takes), the header row on
    every page, and page numbers in the footer."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    footer = sheet.oddFooter
    assert footer is not None  # a new sheet has one
    footer.center.text = "Page &P of &N"


#: A row of the summary sheet: what it is (None for a blank row), and its value.
SummaryRow = tuple[str | None, str | int | float | datetime.date | None]


def _summary_rows(plan: Plan) -> list[SummaryRow]:
    """The plan's own figures, one per row, then notes on reading and filling it in."""
    limited = any(task.slack_weeks is None for task in plan.tasks)
    rows: list[SummaryRow] = [
        ("tasks", len(plan.tasks)),
        ("length (weeks)", _weeks(plan.length_weeks)),
        ("finish", plan.finish_date),
        ("late (weeks)", None if plan.late_weeks is None else _weeks(plan.late_weeks)),
        ("feasible", None if plan.feasible is None else ("yes" if plan.feasible else "no")),
        ("critical path", ", ".join(plan.critical_path) or None),
    ]
    notes = [
        "Weeks count from the plan's start (week 0). Critical tasks (in bold) set the "
        "plan's length: a critical task that slips makes the whole plan later.",
        "Fill in each task's owner, and its status from the drop-down: "
        + ", ".join(STATUSES)
        + ".",
    ]
    if limited:
        notes.append(
            "Slack is blank: with limited capacity a task that could slip may hold a slot "
            "another task waits for, so slack is not defined."
        )
    if plan.finish_date is None:
        notes.append("The plan has no dates: give it a start date (or date the assessment).")
    rows.append((None, None))
    rows.extend(("note", note) for note in notes)
    return rows


def _summary_sheet(plan: Plan, sheet: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 90
    put(sheet, 1, 1, "figure").font = Font(bold=True)
    put(sheet, 1, 2, "value").font = Font(bold=True)
    for row, (name, value) in enumerate(_summary_rows(plan), start=2):
        put(sheet, row, 1, name)
        cell = put(sheet, row, 2, value)
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if isinstance(value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
    _printable(sheet)
