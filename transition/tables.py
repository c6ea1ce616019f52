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
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._layout import ASSESSMENT_SHEET, DETAILS_SHEET, METADATA, level_meant
from ._limits import NotAFile, read_bytes_limited
from ._yaml import Document, DocumentError, FieldPath, decode
from .errors import AssessmentError, ErrorRecord
from .model import Rubric

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = [
    "ASSESSMENT_SHEET",
    "DETAILS_SHEET",
    "TABLE_SUFFIXES",
    "SheetWarning",
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
#: Template columns the reader knows and does not need (the milestone's own text).
TEMPLATE_COLUMNS = ("characteristic", "milestone", "title")

# Bounds on what a table may make the reader do (see "Limits" in docs/workshops.md).
#: Rows read, beyond twice the rubric's milestones: room for a title, headings, blank rows.
SPARE_ROWS = 100
#: Rows looked at below the last one read, for answers that would otherwise be lost.
SCAN_ROWS = 1000
#: Columns read, from A (A..CV).
WIDTH = 100
#: Characters in one cell, as in Excel.
CELL_TEXT = 32_767
#: Bytes a workbook may expand to, all its parts together, and how many times a part
#: larger than a megabyte may expand (real workbooks: 5 to 30 times).
UNZIPPED = 64 * 1024 * 1024
RATIO = 200


class SheetWarning(UserWarning):
    """A table holds something the reader does not read: a column, or rows below it."""


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

    Levels mean what they mean in every format (:func:`transition._layout.level_meant`):
    ``3``, ``"3"``, ``3.0``, ``Established``, ``3 - Established`` (the rubric's scale
    labels, in any case) and ``n/a`` all work. Anything else is left as it is, for the
    assessment's own checks to report. Columns are found by their header, in any order
    and case. Every column between ``level`` and the next column the reader knows
    (``evidence``, ``notes``, ``assessor``, ...) is a respondent's, whatever its header
    (``Alice``, ``Table C``), as is any column headed ``respondent ...``. A column the
    reader does not read that has something in it is a :class:`SheetWarning`
    (``team.xlsx:Assessment!H4: column 'Comments' is not read; ...``), never silently
    dropped. A CSV file may be UTF-8 with or without a byte-order mark and separated
    by commas, semicolons or tabs.

    A workbook is read streaming and within bounds (see "Limits" in
    docs/workshops.md): its parts may expand to 64 MB, rows are read down to twice the
    rubric's milestones plus 100, columns A to CV, 32,767 characters a cell, and at most
    100 problems are listed.

    Raises
    ------
    AssessmentError
        For problems with the table itself, each located by sheet, row and column: no
        sheet ``Assessment``; no ``id`` or ``level`` column; a column heading given
        twice; a milestone listed twice; a row with answers but no id; merged cells
        in the table; answers below the last row read; a cell too long; no rubric
        named; a file that is not a workbook, not UTF-8 or too large unzipped.
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
    document, problems, notes = read_table_parts(path, rubric)
    if problems:
        raise AssessmentError(problems)  # capped by AssessmentError itself
    for note in notes:
        warnings.warn(note, SheetWarning, stacklevel=2)
    return document


def read_table_parts(
    path: str | os.PathLike[str], rubric: Rubric, *, assume_rubric: bool = False
) -> tuple[Document, list[ErrorRecord], list[str]]:
    """Read a table as :func:`read_table` does, but give back its problems and warnings.

    With ``assume_rubric``, a table that names no rubric is taken to answer ``rubric``
    (the command line's ``--rubric``); one that names another rubric is still an error.

    The problems with the table (merged cells, a duplicate id) come back beside the
    Document rather than raised, so that the loader reports them with the problems it
    finds in the values; the warnings (columns the reader ignores, rows below the last
    one read) are ``file:cell: ...`` lines. Raises :class:`AssessmentError` only when
    the file cannot be read as a table at all.
    """
    suffix = Path(path).suffix.lower()
    name = os.fspath(path)
    if suffix == ".csv":
        reader = _read_csv(Path(path), name, rubric)
    elif suffix == ".xlsx":
        reader = _read_workbook(Path(path), name, rubric)
    else:
        raise ValueError(f"read_table() reads .csv and .xlsx files, not {Path(path).name!r}")
    # The reader has already taken a nameless table to answer `rubric`; only the error
    # that says so is left out.
    problems = [e for e in reader.errors if not (assume_rubric and e.code == "no-rubric")]
    return reader.document(), in_file_order(problems), [str(n) for n in reader.notes]


def in_file_order(errors: Iterable[ErrorRecord]) -> list[ErrorRecord]:
    """Problems by row (within a row, and without one, last, in the order found)."""
    return sorted(errors, key=lambda error: (error.line is None, error.line or 0))


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
        try:
            details = _find_sheet(workbook, DETAILS_SHEET)
            metadata = {} if details is None else _details(details)
        finally:
            workbook.close()
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
        self.notes: list[ErrorRecord] = []
        self.data: dict[str, Any] = {}
        self.lines: dict[FieldPath, int] = {}
        self.columns: dict[FieldPath, str] = {}
        self.ids = {milestone_id.lower(): milestone_id for milestone_id in rubric.milestones}
        #: The last row read: enough for every milestone, a title, headings and blank rows.
        self.last_row = 2 * len(rubric.milestones) + SPARE_ROWS

    def record(
        self,
        message: str,
        code: str,
        row: int | None = None,
        column: str | None = None,
        field: str = "",
    ) -> ErrorRecord:
        return ErrorRecord(
            message,
            field=field,
            path=self.name,
            line=row,
            code=code,
            sheet=self.sheet if row is not None else None,
            column=column if row is not None else None,
        )

    def fail(
        self,
        message: str,
        code: str,
        row: int | None = None,
        column: str | None = None,
        field: str = "",
    ) -> None:
        self.errors.append(self.record(message, code, row, column, field))

    def warn(self, message: str, code: str, row: int | None = None, column: str = "") -> None:
        # In a CSV file a warning names its column in the message: ``file:4: column 'x' ...``.
        self.notes.append(self.record(message, code, row, column if self.sheet else None))

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
            # The error above stands for the loader's own "missing required key", and
            # the loader goes on to check the answers against the rubric given.
            self.data["rubric"] = self.rubric.id

    def bounded(
        self, rows: Iterable[tuple[int, Sequence[object]]], label: Callable[[int], str]
    ) -> tuple[list[tuple[int, Sequence[object]]], bool]:
        """The rows down to :attr:`last_row`, with every over-long cell reported and
        blanked; answers in the :data:`SCAN_ROWS` rows below are an error. The flag says
        whether rows went on below those (unread)."""
        kept: list[tuple[int, Sequence[object]]] = []
        for row, cells in rows:
            if row > self.last_row + SCAN_ROWS:
                return kept, True
            if row > self.last_row:
                index = next(
                    (i for i, cell in enumerate(cells) if _blank_to_none(cell) is not None), None
                )
                if index is not None:
                    self.fail(
                        f"this row is below row {self.last_row}, the last one read: a rubric "
                        f"of {len(self.rubric.milestones)} milestones needs at most that many "
                        f"rows of answers, and the reader reads twice as many, plus "
                        f"{SPARE_ROWS} for a title, headings and blank rows; move the answers "
                        "up or delete what is below the table",
                        "too-many-rows",
                        row,
                        label(index),
                    )
                    return kept, False
                continue
            kept.append((row, self.short(row, cells, label)))
        return kept, False

    def short(self, row: int, cells: Sequence[object], label: Callable[[int], str]) -> list[object]:
        cells = list(cells[:WIDTH])
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) > CELL_TEXT:
                self.fail(
                    f"this cell holds {len(cell):,} characters, more than the {CELL_TEXT:,} "
                    "a cell may hold; shorten it (put long evidence in a document and "
                    "give its name or link)",
                    "too-long",
                    row,
                    label(index),
                )
                cells[index] = None
        return cells

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
        ignored: dict[int, str] = {}  # column index: what the warning calls it
        for row, cells in rows[position + 1 :]:
            if _comment_row(cells):
                continue
            for index, cell in enumerate(cells):
                if index in columns.read or index in ignored or _blank_to_none(cell) is None:
                    continue
                ignored[index] = self.ignore(columns, index, header, row, label)
            self.row(row, cells, columns, label, first, answers)

    def ignore(
        self,
        columns: _Columns,
        index: int,
        header: Sequence[object],
        row: int,
        label: Callable[[int], str],
    ) -> str:
        """Warn that a column with something in it is not read (once, at its first cell)."""
        title = " ".join(_cell_text(header[index]).split()) if index < len(header) else ""
        named = f"column {title!r}" if title else f"column {label(index)} (no heading)"
        where = (
            "between 'level' and 'evidence'"
            if columns.level is not None
            else "beside the other respondents"
        )
        self.warn(
            f"{named} is not read, so what it holds is left out of the assessment; to read "
            f"it as a respondent's levels, head it 'respondent: {title or 'name'}' or move "
            f"it {where}; to keep it as text, move it into 'notes'",
            "ignored-column",
            row,
            label(index),
        )
        return named

    def header(
        self,
        cells: Sequence[object],
        row: int,
        label: Callable[[int], str],
        describe: Callable[[int], str],
    ) -> _Columns | None:
        names = [_fold(_cell_text(cell)) for cell in cells]
        columns = _Columns()
        seen, ok = self.known_columns(names, columns, row, label, describe)
        columns.id = seen.get("id")
        columns.level = seen.get("level")
        columns.text = {name: seen[name] for name in TEXT_COLUMNS if name in seen}
        if columns.level is not None:
            _renamed_respondents(columns, columns.level, names, seen)
        ok = self.required_columns(columns, names, row) and ok
        columns.read = {
            *(i for i in (columns.id, columns.level) if i is not None),
            *columns.respondents,
            *columns.text.values(),
            *columns.template,
        }
        return columns if ok else None

    def known_columns(
        self,
        names: Sequence[str],
        columns: _Columns,
        row: int,
        label: Callable[[int], str],
        describe: Callable[[int], str],
    ) -> tuple[dict[str, int], bool]:
        """Sort the headings into respondent and template columns (into ``columns``) and
        the first index of each of 'id', 'level' and the text columns (returned), failing
        on a duplicate; the flag says whether there was none."""
        seen: dict[str, int] = {}
        ok = True
        for index, name in enumerate(names):
            if RESPONDENT.match(name):
                columns.respondents.append(index)
                continue
            if name in TEMPLATE_COLUMNS:
                columns.template.append(index)
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
        return seen, ok

    def required_columns(self, columns: _Columns, names: Sequence[str], row: int) -> bool:
        """Fail for a missing 'id' column and for no 'level' or respondent columns;
        whether both are there."""
        found = [name for name in names if name]
        shown = ", ".join(found[:10]) + (", ..." if len(found) > 10 else "")
        has = f"the header row has: {shown}" if found else "the header row is empty"
        place = {} if self.sheet is None else {"column": "A"}
        ok = True
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
        return ok

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
        return level_meant(self.rubric, value)

    def document(self) -> Document:
        return Document(self.data, self.name, self.lines, self.columns, self.sheet)


class _Columns:
    """Where the columns the reader needs are, by index."""

    def __init__(self) -> None:
        self.id: int | None = None
        self.level: int | None = None
        self.respondents: list[int] = []
        self.text: dict[str, int] = {}
        self.template: list[int] = []
        #: Every column read (or known and not needed): any other is warned about.
        self.read: set[int] = set()


def _renamed_respondents(
    columns: _Columns, level: int, names: Sequence[str], seen: dict[str, int]
) -> None:
    """Add to ``columns.respondents`` the renamed respondent columns after ``level``.

    A facilitator renames 'respondent 1..N' to 'Alice', 'Table C': every headed column
    after 'level', up to the next column the reader knows, is a respondent.
    """
    known = {*seen.values(), *columns.template, *columns.respondents}
    for index in range(level + 1, len(names)):
        if index in known:
            if index not in columns.respondents:
                break
            continue
        if names[index]:
            columns.respondents.append(index)
    else:
        # No known column closes the run: the columns after 'level' may be
        # anything, so only those headed 'respondent ...' are respondents.
        columns.respondents = [i for i in columns.respondents if RESPONDENT.match(names[i])]
    columns.respondents.sort()


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


def _read(path: Path, name: str) -> bytes:
    """The file's bytes, within the size limit every loader keeps; a folder, a FIFO or a
    device is refused at once (:func:`transition._limits.read_bytes_limited`)."""
    try:
        return read_bytes_limited(path, "assessment", name=name)
    except NotAFile as error:
        raise AssessmentError([error.record]) from None


def _csv_rows(path: Path, name: str) -> list[tuple[int, list[str]]]:
    """The records of a CSV file, numbered from 1 as a spreadsheet numbers its rows."""
    try:
        text = decode(_read(path, name), name)
    except DocumentError as error:
        raise AssessmentError([error.record]) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [
            (number, [_unquoted(cell) for cell in record])
            for number, record in enumerate(reader, start=1)
        ]
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


def _unquoted(cell: str) -> str:
    """A cell without the ``'`` that keeps a spreadsheet from running ``'=...``,
    ``'+...``, ``'-...`` or ``'@...`` as a formula (the CSV template writes it)."""
    if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


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


def _read_csv(path: Path, name: str, rubric: Rubric) -> _Reader:
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

    kept, _ = reader.bounded(rows, label)
    reader.table(kept, label, lambda index: f"column {index + 1}")
    return reader


# -- workbooks ---------------------------------------------------------------------------


def _open_workbook(path: Path, name: str) -> Workbook:
    """Open a workbook streaming (``read_only``), once its parts are known to be small
    enough unzipped; the caller closes it."""
    from openpyxl import load_workbook

    data = io.BytesIO(_read(path, name))
    try:
        with zipfile.ZipFile(data) as archive:
            _check_unzipped(archive.infolist(), name)
    except zipfile.BadZipFile as error:
        raise _not_xlsx(name, str(error)) from None
    try:
        with warnings.catch_warnings():
            # openpyxl warns about parts of a workbook it does not keep (extensions,
            # default styles); only the cell values matter here.
            warnings.simplefilter("ignore")
            return load_workbook(data, read_only=True, data_only=True, keep_links=False)
    except OSError:
        raise
    except Exception as error:  # anything the parser raises means "not a workbook"
        raise _not_xlsx(name, str(error) or type(error).__name__) from None


def _not_xlsx(name: str, reason: str) -> AssessmentError:
    return AssessmentError(
        [
            ErrorRecord(
                f"not a valid .xlsx workbook ({reason}); open it in Excel or LibreOffice "
                "and save it as an Excel workbook (.xlsx)",
                path=name,
                code="not-xlsx",
            )
        ]
    )


def _check_unzipped(members: Sequence[zipfile.ZipInfo], name: str) -> None:
    """Refuse a workbook whose parts expand beyond :data:`UNZIPPED` bytes in all, or a
    part larger than a megabyte that expands more than :data:`RATIO` times: before any
    of it is parsed, so that a small file cannot take minutes and gigabytes."""
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > RATIO:
            raise AssessmentError(
                [
                    ErrorRecord(
                        f"the part {member.filename} of this workbook expands from "
                        f"{member.compress_size:,} to {member.file_size:,} bytes "
                        f"({ratio:,.0f} times; a workbook's parts expand at most {RATIO} "
                        "times): it is not a spreadsheet as Excel or LibreOffice save "
                        "one; open it in one of them and save it again",
                        path=name,
                        code="too-large",
                    )
                ]
            )
    if total > UNZIPPED:
        raise AssessmentError(
            [
                ErrorRecord(
                    f"this workbook expands to {total:,} bytes unzipped, more than the "
                    f"{UNZIPPED // (1024 * 1024)} MB read; an assessment needs far less: "
                    "delete other sheets, pictures and rows below the table, or save the "
                    "answers as a CSV file",
                    path=name,
                    code="too-large",
                )
            ]
        )


def _find_sheet(workbook: Workbook, title: str) -> ReadOnlyWorksheet | None:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    for name in workbook.sheetnames:
        if _fold(name) == _fold(title):
            sheet = workbook[name]
            return sheet if isinstance(sheet, ReadOnlyWorksheet) else None
    return None


def _details(sheet: ReadOnlyWorksheet) -> dict[str, tuple[object, int | None]]:
    """The ``field | value`` rows of the Details sheet (its first 100 rows)."""
    found: dict[str, tuple[object, int | None]] = {}
    # openpyxl's stubs type iter_rows for a Worksheet only; a streaming sheet has it too.
    rows = sheet.iter_rows(min_row=1, max_row=100, min_col=1, max_col=2, values_only=True)  # type: ignore[misc]
    for row in rows:
        key = _fold(_cell_text(row[0])[:100]).replace(" ", "_") if row else ""
        if key not in METADATA or key in found or len(row) < 2:
            continue
        value = _blank_to_none(row[1])
        if value is None:
            continue
        if key == "assessed_on":
            if isinstance(value, datetime.datetime) and value.time() == datetime.time():
                value = value.date()
            elif isinstance(value, str):
                value = value.strip()[:CELL_TEXT]
        else:
            value = _cell_text(value).strip()[:CELL_TEXT]
        # Rows of the Details sheet are not located: a Document has one sheet.
        found[key] = (value, None)
    return found


def _merged(workbook: Workbook, sheet: ReadOnlyWorksheet) -> list[tuple[int, int, int, str]]:
    """The merged ranges of a sheet as (row, column, last row, "K5:L6"): a streaming sheet does not
    keep them, so they are found in the sheet's XML (bounded by :func:`_check_unzipped`)."""
    from openpyxl.utils.cell import range_boundaries

    with workbook._archive.open(sheet._worksheet_path) as source:  # type: ignore[attr-defined]
        xml = source.read()
    found = []
    for match in re.finditer(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"", xml):
        coord = match[1].decode("ascii")
        min_col, min_row, _, max_row = range_boundaries(coord)
        assert min_col is not None
        assert min_row is not None
        assert max_row is not None
        found.append((min_row, min_col, max_row, coord))
    return sorted(found)


def _sheet_rows(sheet: ReadOnlyWorksheet) -> Iterator[tuple[int, tuple[object, ...]]]:
    # From A1, not from the first cell in use, so that rows and columns keep their names;
    # no wider than WIDTH, so that a row of 16,384 cells costs no more than one of 100.
    rows = sheet.iter_rows(min_row=1, min_col=1, max_col=WIDTH, values_only=True)  # type: ignore[misc]
    yield from enumerate(rows, start=1)


def _read_workbook(path: Path, name: str, rubric: Rubric) -> _Reader:
    workbook = _open_workbook(path, name)
    try:
        return _read_sheets(workbook, name, rubric)
    finally:
        workbook.close()


def _read_sheets(workbook: Workbook, name: str, rubric: Rubric) -> _Reader:
    from openpyxl.utils import get_column_letter

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

    def letter(index: int) -> str:
        return get_column_letter(index + 1)

    try:
        rows, more = reader.bounded(_sheet_rows(sheet), letter)
        merged = _merged(workbook, sheet)
    except Exception as error:  # the sheet's XML is read only now: the same as at opening
        raise _not_xlsx(name, str(error) or type(error).__name__) from None
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if more or declared_rows > reader.last_row + SCAN_ROWS:
        reader.warn(
            f"the sheet {sheet.title!r} goes on below row {reader.last_row + SCAN_ROWS} (to "
            f"row {max(declared_rows, reader.last_row + SCAN_ROWS + 1):,}); rows below "
            f"{reader.last_row} are not read and the next {SCAN_ROWS} are blank: delete the "
            "rows below the table",
            "too-many-rows",
        )
    if declared_columns > WIDTH:
        reader.warn(
            f"the sheet {sheet.title!r} is {declared_columns:,} columns wide; columns after "
            f"{letter(WIDTH - 1)} are not read: move what they hold nearer the table",
            "too-wide",
        )
    position = _header_index(rows)
    if position is not None:
        header_row = rows[position][0]
        for min_row, min_col, max_row, coord in merged:
            if max_row >= header_row:
                reader.fail(
                    f"cells {coord} are merged; unmerge them, so that each milestone "
                    "has its own row and each cell one value",
                    "merged",
                    min_row,
                    letter(min_col - 1),
                )
    reader.table(rows, letter, letter)
    return reader
