"""Filled-in assessments read back from the tables people keep them in.

:func:`read_table` reads a filled-in ``.csv`` or ``.xlsx`` file (such as a blank template
from :mod:`transition.blank`) into a :class:`~transition._yaml.Document` whose data is
the assessment mapping of the format, with every value's row and column kept, so that
the assessment loader reports a bad cell as ``team.xlsx:Assessment!D14``. openpyxl is
imported only when a workbook is read.

Only problems with the table itself (a missing sheet or column, a duplicate id, merged
cells, a file that is not a workbook) are raised here; every rule of the assessment
format is left to the loader, which sees the raw values and their cells.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._layout import ASSESSMENT_SHEET, DETAILS_SHEET, METADATA, level_name
from ._yaml import Document, DocumentError, FieldPath, decode
from .errors import AssessmentError, ErrorRecord
from .model import Rubric

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "ASSESSMENT_SHEET",
    "DETAILS_SHEET",
    "TABLE_SUFFIXES",
    "is_table",
    "read_table",
    "rubric_named_by",
]

#: Suffixes of the files :func:`read_table` reads.
TABLE_SUFFIXES = (".csv", ".xlsx")

#: Free-text columns of the answer table, by header.
TEXT_COLUMNS = ("evidence", "notes", "assessor")
#: Headers of respondent columns: ``respondent 1``, ``Respondent A``, ``respondent: Sam``.
RESPONDENT = re.compile(r"respondent(?![a-z])")
#: How many rows from the first one a table's header (the row with ``id``) may sit.
HEADER_SEARCH = 10


# -- reading tables back ---------------------------------------------------------------


def is_table(path: str | os.PathLike[str]) -> bool:
    """Say whether a path names a spreadsheet or CSV file that :func:`read_table` reads.

    >>> is_table("team.csv"), is_table("team.xlsx"), is_table("team.yaml")
    (True, True, False)
    """
    return Path(path).suffix.lower() in TABLE_SUFFIXES


def read_table(path: str | os.PathLike[str], rubric: Rubric) -> Document:
    """Read a filled-in ``.csv`` or ``.xlsx`` assessment into a located Document.

    The Document's data is the assessment mapping of the format: the metadata (from
    the ``Details`` sheet, or a CSV file's ``# field: value`` lines) and ``answers``
    keyed by milestone id, one per row. A ``level`` cell becomes ``level``, filled
    ``respondent`` cells become ``levels``, and ``evidence``, ``notes`` and
    ``assessor`` cells those keys; a row with nothing filled in is ``None``
    (unassessed). ``lines`` holds each value's row, ``columns`` its column (a letter in
    a workbook, the header in a CSV file) and ``sheet`` is ``Assessment`` for a
    workbook, so that :func:`transition.load_assessment` locates a bad level at its cell.

    Levels are read the way people type them: ``3``, ``"3"``, ``3.0``, ``Established``
    or ``3 Established`` (the rubric's scale labels, in any case) and ``n/a`` all work.
    Anything else is left as it is, for the assessment's own checks to report.
    Columns are found by their header, in any order and case; other columns and blank
    rows are ignored. A CSV file may be UTF-8 with or without a byte-order mark and
    separated by commas or semicolons.

    Raises
    ------
    AssessmentError
        For problems with the table itself, each located by sheet, row and column: no
        sheet ``Assessment``; no ``id`` or ``level`` column; a column heading given
        twice; a milestone listed twice; a row with answers but no id; merged cells
        in the table; no rubric named; a file that is not a workbook or not UTF-8.
    OSError
        When the file cannot be opened.

    Examples
    --------
    >>> import pathlib, tempfile, transition
    >>> rubric = transition.load_rubric()
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "team.csv"
    >>> _ = path.write_text(
    ...     "# rubric: public-service-spinout\\n"
    ...     "id;level;evidence\\n"
    ...     "named_leader;3 Established;Email from the director\\n"
    ...     "tupe_consultation;N/A;\\n",
    ...     encoding="utf-8",
    ... )
    >>> document = read_table(path, rubric)
    >>> document.data["answers"]["named_leader"]
    {'level': 3, 'evidence': 'Email from the director'}
    >>> document.data["answers"]["tupe_consultation"]
    {'level': 'n/a'}
    >>> document.line(("answers", "tupe_consultation", "level"))
    4
    >>> document.column(("answers", "named_leader", "evidence"))
    'evidence'
    """
    suffix = Path(path).suffix.lower()
    name = os.fspath(path)
    if suffix == ".csv":
        return _read_csv(Path(path), name, rubric)
    if suffix == ".xlsx":
        return _read_workbook(Path(path), name, rubric)
    raise ValueError(f"read_table() reads .csv and .xlsx files, not {Path(path).name!r}")


def rubric_named_by(path: str | os.PathLike[str]) -> str | None:
    """Return the rubric id a ``.csv`` or ``.xlsx`` assessment names, if it names one.

    Raises :class:`~transition.errors.AssessmentError` when the file cannot be read as
    a table at all, and ``OSError`` when it cannot be opened.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "team.csv"
    >>> _ = path.write_text("# rubric: public-service-spinout\\nid,level\\n")
    >>> rubric_named_by(path)
    'public-service-spinout'
    """
    name = os.fspath(path)
    if Path(path).suffix.lower() == ".xlsx":
        workbook = _open_workbook(Path(path), name)
        details = _find_sheet(workbook, DETAILS_SHEET)
        metadata = {} if details is None else _details(details)
        value = metadata.get("rubric", (None, 0))[0]
    else:
        rows = _csv_rows(Path(path), name)
        found = _csv_metadata(rows).get("rubric")
        value = None if found is None else found[0]
    return value if isinstance(value, str) else None


class _Reader:
    """Turns the rows of a table into an assessment mapping with locations."""

    def __init__(self, name: str, rubric: Rubric, sheet: str | None) -> None:
        self.name = name
        self.rubric = rubric
        self.sheet = sheet
        self.errors: list[ErrorRecord] = []
        self.data: dict[str, Any] = {}
        self.lines: dict[FieldPath, int] = {}
        self.columns: dict[FieldPath, str] = {}
        self.labels: dict[str, int] = {}
        for level in rubric.scale:
            self.labels[_fold(level.label)] = level.value
            self.labels[_fold(level_name(rubric, level.value))] = level.value
        self.ids = {milestone_id.lower(): milestone_id for milestone_id in rubric.milestones}

    def fail(
        self,
        message: str,
        code: str,
        row: int | None = None,
        column: str | None = None,
        field: str = "",
    ) -> None:
        self.errors.append(
            ErrorRecord(
                message,
                field=field,
                path=self.name,
                line=row,
                code=code,
                sheet=self.sheet,
                column=column if row is not None else None,
            )
        )

    def metadata(self, found: dict[str, tuple[object, int | None]], missing: str) -> None:
        for field in METADATA:
            if field not in found:
                continue
            value, row = found[field]
            self.data[field] = value
            if row is not None:
                self.lines[(field,)] = row
        if not isinstance(self.data.get("rubric"), str):
            self.fail(missing, "no-rubric")

    def table(
        self,
        rows: Sequence[tuple[int, Sequence[object]]],
        label: Callable[[int], str],
        describe: Callable[[int], str],
    ) -> None:
        """Read the header (see :func:`_header_index`) and the answers below it."""
        answers: dict[str, Any] = {}
        self.data["answers"] = answers
        position = _header_index(rows)
        if position is None:
            self.fail(
                "no header row: the first row must name the columns "
                "(id, level, respondent 1, ..., evidence, notes, assessor)",
                "no-header",
            )
            return
        header_row, header = rows[position]
        columns = self.header(header, header_row, label, describe)
        if columns is None:
            return
        first: dict[str, int] = {}
        for row, cells in rows[position + 1 :]:
            if _comment_row(cells):
                continue
            self.row(row, cells, columns, label, first, answers)

    def header(
        self,
        cells: Sequence[object],
        row: int,
        label: Callable[[int], str],
        describe: Callable[[int], str],
    ) -> _Columns | None:
        names = [_fold(_cell_text(cell)) for cell in cells]
        found = [name for name in names if name]
        shown = ", ".join(found[:10]) + (", ..." if len(found) > 10 else "")
        has = f"the header row has: {shown}" if found else "the header row is empty"
        place = {} if self.sheet is None else {"column": "A"}
        columns = _Columns()
        seen: dict[str, int] = {}
        ok = True
        for index, name in enumerate(names):
            if RESPONDENT.match(name):
                columns.respondents.append(index)
                continue
            if name not in ("id", "level", *TEXT_COLUMNS):
                continue
            if name in seen:
                self.fail(
                    f"two columns are headed {name!r} ({describe(seen[name])} and "
                    f"{describe(index)}); keep one",
                    "duplicate-column",
                    row,
                    label(index),
                )
                ok = False
                continue
            seen[name] = index
        columns.id = seen.get("id")
        columns.level = seen.get("level")
        columns.text = {name: seen[name] for name in TEXT_COLUMNS if name in seen}
        if columns.id is None:
            self.fail(
                f"no 'id' column ({has}); head the column of milestone ids 'id'",
                "missing-column",
                row,
                **place,
            )
            ok = False
        if columns.level is None and not columns.respondents:
            self.fail(
                f"no 'level' column ({has}); add a column headed 'level' "
                "(or 'respondent 1', 'respondent 2', ... for several respondents)",
                "missing-column",
                row,
                **place,
            )
            ok = False
        return columns if ok else None

    def row(
        self,
        row: int,
        cells: Sequence[object],
        columns: _Columns,
        label: Callable[[int], str],
        first: dict[str, int],
        answers: dict[str, Any],
    ) -> None:
        assert columns.id is not None

        def cell(index: int | None) -> object:
            return cells[index] if index is not None and index < len(cells) else None

        level = _blank_to_none(cell(columns.level))
        respondents = [
            (index, value)
            for index in columns.respondents
            if (value := _blank_to_none(cell(index))) is not None
        ]
        texts = {
            name: text
            for name, index in columns.text.items()
            if (text := _text(cell(index))) is not None
        }
        raw_id = _blank_to_none(cell(columns.id))
        if raw_id is None:
            if level is not None or respondents or texts:
                self.fail(
                    "this row has answers but no milestone id; write the id in column "
                    f"{label(columns.id)!r}"
                    if self.sheet is None
                    else "this row has answers but no milestone id; write the id in this cell",
                    "no-id",
                    row,
                    label(columns.id),
                )
            return
        milestone_id = self.milestone_id(raw_id)
        path: FieldPath = ("answers", milestone_id)
        if milestone_id in first:
            self.fail(
                f"milestone {milestone_id!r} is listed twice (first on row "
                f"{first[milestone_id]}); keep one row",
                "duplicate",
                row,
                label(columns.id),
                field=f"answers.{milestone_id}",
            )
            return
        first[milestone_id] = row
        self.locate(path, row, label(columns.id))
        answer: dict[str, Any] = {}
        if level is not None and columns.level is not None:
            answer["level"] = self.level(level)
            self.locate((*path, "level"), row, label(columns.level))
        if respondents:
            answer["levels"] = [self.level(value) for _, value in respondents]
            self.locate((*path, "levels"), row, label(respondents[0][0]))
            for position, (index, _) in enumerate(respondents):
                self.locate((*path, "levels", position), row, label(index))
        for name, text in texts.items():
            answer[name] = text
            self.locate((*path, name), row, label(columns.text[name]))
        answers[milestone_id] = answer or None

    def locate(self, path: FieldPath, row: int, column: str) -> None:
        self.lines[path] = row
        self.columns[path] = column

    def milestone_id(self, value: object) -> str:
        text = _cell_text(value).strip()
        if text in self.rubric.milestones:
            return text
        # Spreadsheets like to capitalise the first letter of a cell.
        return self.ids.get(text.lower(), text)

    def level(self, value: object) -> object:
        """The level a cell means, or the cell's own value for the loader to report."""
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if not isinstance(value, str):
            return value
        text = " ".join(value.split())
        if text.lower() == "n/a":
            return "n/a"
        if re.fullmatch(r"[+-]?[0-9]+(?:\.[0-9]*)?", text):
            number = float(text)
            return int(number) if number.is_integer() else number
        if _fold(text) in self.labels:
            return self.labels[_fold(text)]
        return text

    def document(self) -> Document:
        if self.errors:
            raise AssessmentError(
                sorted(self.errors, key=lambda error: (error.line is None, error.line or 0))
            )
        return Document(self.data, self.name, self.lines, self.columns, self.sheet)


class _Columns:
    """Where the columns the reader needs are, by index."""

    def __init__(self) -> None:
        self.id: int | None = None
        self.level: int | None = None
        self.respondents: list[int] = []
        self.text: dict[str, int] = {}


def _header_index(rows: Sequence[tuple[int, Sequence[object]]]) -> int | None:
    """Where the header is: the first of the first few rows (not blank, not ``#``) that
    has a cell ``id``, so that a title may sit above the table; else the first such row."""
    first = None
    for position, (_, cells) in enumerate(rows):
        if _blank_row(cells) or _comment_row(cells):
            continue
        if first is None:
            first = position
        elif position - first >= HEADER_SEARCH:
            break
        if any(_fold(_cell_text(cell)) == "id" for cell in cells):
            return position
    return first


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _blank_to_none(value: object) -> object:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value


def _blank_row(cells: Sequence[object]) -> bool:
    return all(_blank_to_none(cell) is None for cell in cells)


def _comment_row(cells: Sequence[object]) -> bool:
    return bool(cells) and isinstance(cells[0], str) and cells[0].lstrip().startswith("#")


def _text(value: object) -> str | None:
    """A free-text cell as text (numbers and dates too), or None when blank."""
    value = _blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return _cell_text(value).strip()


# -- CSV files --------------------------------------------------------------------------


def _csv_rows(path: Path, name: str) -> list[tuple[int, list[str]]]:
    """The records of a CSV file, numbered from 1 as a spreadsheet numbers its rows."""
    try:
        text = decode(path.read_bytes(), name)
    except DocumentError as error:
        raise AssessmentError([error.record]) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [(number, record) for number, record in enumerate(reader, start=1)]
    except csv.Error as error:
        raise AssessmentError(
            [
                ErrorRecord(
                    f"not a valid CSV file ({error})",
                    path=name,
                    line=reader.line_num,
                    code="syntax",
                )
            ]
        ) from None


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line (the first that is not a
    ``#`` line) has most of."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.strip(",;\t") or stripped.lstrip('"').startswith("#"):
            continue
        counts = {delimiter: line.count(delimiter) for delimiter in ",;\t"}
        return max(counts, key=lambda delimiter: counts[delimiter])
    return ","


def _csv_metadata(rows: Iterable[tuple[int, list[str]]]) -> dict[str, tuple[object, int | None]]:
    """``# field: value`` lines (the value may also sit in the next cell)."""
    found: dict[str, tuple[object, int | None]] = {}
    for number, record in rows:
        if not _comment_row(record):
            continue
        key, colon, value = record[0].lstrip()[1:].partition(":")
        key = _fold(key).replace(" ", "_")
        if not colon or key not in METADATA or key in found:
            continue
        value = value.strip() or next((cell.strip() for cell in record[1:] if cell.strip()), "")
        if value:
            found[key] = (value, number)
    return found


def _read_csv(path: Path, name: str, rubric: Rubric) -> Document:
    rows = _csv_rows(path, name)
    reader = _Reader(name, rubric, None)
    reader.metadata(
        _csv_metadata(rows),
        f"the file does not say which rubric it answers: add the line "
        f"'# rubric: {rubric.id}' above the header",
    )
    position = _header_index(rows)
    header = [] if position is None else [" ".join(cell.split()) for cell in rows[position][1]]

    def label(index: int) -> str:
        return header[index] if index < len(header) else f"column {index + 1}"

    reader.table(rows, label, lambda index: f"column {index + 1}")
    return reader.document()


# -- workbooks ---------------------------------------------------------------------------


def _open_workbook(path: Path, name: str) -> Workbook:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts of a workbook it does not keep (extensions,
            # default styles); only the cell values matter here.
            warnings.simplefilter("ignore")
            return load_workbook(path, data_only=True)
    except OSError:
        raise
    except Exception as error:  # anything the parser raises means "not a workbook"
        reason = str(error) or type(error).__name__
        raise AssessmentError(
            [
                ErrorRecord(
                    f"not a valid .xlsx workbook ({reason}); open it in Excel or LibreOffice "
                    "and save it as an Excel workbook (.xlsx)",
                    path=name,
                    code="not-xlsx",
                )
            ]
        ) from None


def _find_sheet(workbook: Workbook, title: str) -> Worksheet | None:
    for name in workbook.sheetnames:
        if _fold(name) == _fold(title):
            sheet = workbook[name]
            return sheet if _is_worksheet(sheet) else None
    return None


def _is_worksheet(sheet: object) -> bool:
    from openpyxl.worksheet.worksheet import Worksheet

    return isinstance(sheet, Worksheet)


def _details(sheet: Worksheet) -> dict[str, tuple[object, int | None]]:
    """The ``field | value`` rows of the Details sheet."""
    found: dict[str, tuple[object, int | None]] = {}
    for row in sheet.iter_rows(min_row=1, min_col=1, max_col=2, values_only=True):
        key = _fold(_cell_text(row[0])).replace(" ", "_") if row else ""
        if key not in METADATA or key in found or len(row) < 2:
            continue
        value = _blank_to_none(row[1])
        if value is None:
            continue
        if key == "assessed_on":
            if isinstance(value, datetime.datetime) and value.time() == datetime.time():
                value = value.date()
            elif isinstance(value, str):
                value = value.strip()
        else:
            value = _cell_text(value).strip()
        # Rows of the Details sheet are not located: a Document has one sheet.
        found[key] = (value, None)
    return found


def _read_workbook(path: Path, name: str, rubric: Rubric) -> Document:
    from openpyxl.utils import get_column_letter

    workbook = _open_workbook(path, name)
    sheet = _find_sheet(workbook, ASSESSMENT_SHEET)
    if sheet is None:
        has = ", ".join(workbook.sheetnames)
        raise AssessmentError(
            [
                ErrorRecord(
                    f"no sheet named {ASSESSMENT_SHEET!r} (the workbook has: {has}); "
                    f"name the sheet of answers {ASSESSMENT_SHEET!r}",
                    path=name,
                    code="no-sheet",
                )
            ]
        )
    reader = _Reader(name, rubric, sheet.title)
    details = _find_sheet(workbook, DETAILS_SHEET)
    if details is None:
        missing = (
            f"the workbook does not say which rubric it answers: add a sheet "
            f"{DETAILS_SHEET!r} with the row 'rubric' | {rubric.id!r}"
        )
        reader.metadata({}, missing)
    else:
        reader.metadata(
            _details(details),
            f"the sheet {details.title!r} does not say which rubric the workbook answers: "
            f"add the row 'rubric' | {rubric.id!r}",
        )
    rows = [
        (number, list(cells))
        # From A1, not from the first cell in use, so that rows and columns keep their names.
        for number, cells in enumerate(
            sheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1
        )
    ]
    position = _header_index(rows)
    if position is not None:
        header_row = rows[position][0]
        for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            if merged.max_row >= header_row:
                reader.fail(
                    f"cells {merged.coord} are merged; unmerge them, so that each milestone "
                    "has its own row and each cell one value",
                    "merged",
                    merged.min_row,
                    get_column_letter(merged.min_col),
                )
    reader.table(
        rows, lambda index: get_column_letter(index + 1), lambda i: get_column_letter(i + 1)
    )
    return reader.document()
