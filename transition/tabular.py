"""Assessments as the files people have: blank templates, and spreadsheets read back.

A workshop fills in a workbook or a CSV file, not YAML. This module writes a blank
assessment for a rubric in any of the supported formats (:func:`write_template`,
:func:`template_text`, :func:`template_workbook`) and reads a filled-in ``.csv`` or
``.xlsx`` file back into a :class:`~transition._yaml.Document` (:func:`read_table`)
whose data is the assessment mapping of the format, with every value's row and column
kept, so that the assessment loader reports a bad cell as ``team.xlsx:Assessment!D14``.

Only problems with the table itself (a missing sheet or column, a duplicate id, merged
cells, a file that is not a workbook) are raised here; every rule of the assessment
format is left to the loader, which sees the raw values and their cells.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import textwrap
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import write_atomic, write_bytes_atomic
from ._yaml import Document, DocumentError, FieldPath, _decode, load_text
from .errors import AssessmentError, ErrorRecord
from .model import Milestone, Rubric

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "ASSESSMENT_SHEET",
    "DETAILS_SHEET",
    "INSTRUCTIONS_SHEET",
    "TABLE_SUFFIXES",
    "TEMPLATE_SUFFIXES",
    "is_table",
    "read_table",
    "rubric_named_by",
    "template_format",
    "template_text",
    "template_workbook",
    "write_template",
]

#: The format of a template, by the suffix of its file.
TEMPLATE_SUFFIXES = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
#: Suffixes of the files :func:`read_table` reads.
TABLE_SUFFIXES = (".csv", ".xlsx")

ASSESSMENT_SHEET = "Assessment"
DETAILS_SHEET = "Details"
INSTRUCTIONS_SHEET = "Instructions"
#: A hidden sheet for drop-down choices too long to write into the validation itself.
LISTS_SHEET = "Lists"

#: The top-level fields of an assessment, as a table's metadata gives them.
METADATA = ("rubric", "rubric_version", "organisation", "assessed_on", "phase", "assessor")
CSV_HEADER = ("id", "characteristic", "title", "level", "evidence", "notes")
#: Free-text columns of the answer table, by header.
TEXT_COLUMNS = ("evidence", "notes", "assessor")
#: Headers of respondent columns: ``respondent 1``, ``Respondent A``, ``respondent: Sam``.
RESPONDENT = re.compile(r"respondent(?![a-z])")
#: How many rows from the first one a table's header (the row with ``id``) may sit.
HEADER_SEARCH = 10
#: How wide comments in a YAML template are, at most.
WIDTH = 100
#: The created and modified time written into workbooks, so that they are byte-stable.
WORKBOOK_TIME = datetime.datetime(2000, 1, 1)


# -- formats ---------------------------------------------------------------------------


def template_format(path: str | os.PathLike[str]) -> str | None:
    """Return the template format for a file name (``yaml``, ``json``, ``csv``, ``xlsx``).

    >>> template_format("team.XLSX"), template_format("blank.yml"), template_format("a.txt")
    ('xlsx', 'yaml', None)
    """
    return TEMPLATE_SUFFIXES.get(Path(path).suffix.lower())


def is_table(path: str | os.PathLike[str]) -> bool:
    """Say whether a path names a spreadsheet or CSV file that :func:`read_table` reads.

    >>> is_table("team.csv"), is_table("team.xlsx"), is_table("team.yaml")
    (True, True, False)
    """
    return Path(path).suffix.lower() in TABLE_SUFFIXES


def write_template(rubric: Rubric, path: str | os.PathLike[str], *, respondents: int = 5) -> None:
    """Write a blank assessment for ``rubric`` to ``path``, whole or not at all.

    Parameters
    ----------
    rubric:
        The rubric whose milestones the template lists.
    path:
        The file to write; its suffix gives the format: ``.yaml`` or ``.yml``, ``.json``,
        ``.csv`` or ``.xlsx``.
    respondents:
        How many respondent columns a workbook has (one per person or table in a
        workshop). YAML, JSON and CSV templates have none.

    Raises
    ------
    ValueError
        For any other suffix, or a negative number of respondents.
    OSError
        When the file cannot be written.

    Examples
    --------
    >>> import pathlib, tempfile, transition
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_template(transition.load_rubric(), folder / "blank.csv")
    >>> (folder / "blank.csv").read_text(encoding="utf-8-sig").splitlines()[6]
    'id,characteristic,title,level,evidence,notes'
    >>> write_template(transition.load_rubric(), folder / "blank.txt")
    Traceback (most recent call last):
    ...
    ValueError: cannot tell the template format from 'blank.txt': use .yaml, ... or .xlsx
    """
    fmt = template_format(path)
    if fmt is None:
        *others, last = TEMPLATE_SUFFIXES
        raise ValueError(
            f"cannot tell the template format from {Path(path).name!r}: "
            f"use {', '.join(others)} or {last}"
        )
    if fmt == "xlsx":
        write_bytes_atomic(path, template_workbook(rubric, respondents=respondents))
    elif fmt == "csv":
        # A byte-order mark makes Excel read the file as UTF-8 rather than ANSI.
        write_atomic(path, "\ufeff" + template_text(rubric, fmt))
    else:
        write_atomic(path, template_text(rubric, fmt))


def template_text(rubric: Rubric, fmt: str) -> str:
    """Return a blank assessment for ``rubric`` as ``yaml``, ``json`` or ``csv`` text.

    The YAML template explains, in comments above each milestone, what every level means
    and what evidence shows it; loaded as it is, every milestone is unassessed.

    >>> import transition
    >>> rubric = transition.load_rubric()
    >>> text = template_text(rubric, "yaml")
    >>> print(*text[text.index("rubric:") :].splitlines()[:5], sep="\\n")
    rubric: public-service-spinout
    rubric_version: "1.0.0"
    # The organisation assessed and the date of the assessment (YYYY-MM-DD).
    organisation: ""
    assessed_on: null
    >>> print(template_text(rubric, "csv").splitlines()[7])
    named_leader,leadership,A named leader has stepped forward,,,
    >>> template_text(rubric, "xlsx")
    Traceback (most recent call last):
    ...
    ValueError: template_text() writes yaml, json or csv, not 'xlsx'; ... template_workbook()
    """
    if fmt == "yaml":
        return _yaml_template(rubric)
    if fmt == "json":
        return json.dumps(_blank(rubric), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv_template(rubric)
    hint = "; a workbook is template_workbook()" if fmt == "xlsx" else ""
    raise ValueError(f"template_text() writes yaml, json or csv, not {fmt!r}{hint}")


def _blank(rubric: Rubric) -> dict[str, Any]:
    return {
        "rubric": rubric.id,
        "rubric_version": rubric.version,
        "organisation": "",
        "assessed_on": None,
        "phase": None,
        "assessor": "",
        "answers": dict.fromkeys(rubric.milestones),
    }


def _grouped(rubric: Rubric) -> Iterator[tuple[str, str, list[Milestone]]]:
    """Characteristics in order, each with its milestones in rubric order."""
    for characteristic in rubric.characteristics:
        milestones = [
            m for m in rubric.milestones.values() if m.characteristic == characteristic.id
        ]
        if milestones:
            yield characteristic.id, characteristic.title, milestones


def _clean(text: str) -> str:
    """One line of text: no line breaks, control characters or runs of spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _level_name(rubric: Rubric, value: int) -> str:
    """``3 Established``: what drop-downs offer and what the reader accepts."""
    return f"{value} {_clean(rubric.scale[value].label)}"


# -- YAML ------------------------------------------------------------------------------


def _comment(text: str, indent: str = "", lead: str = "", hang: str = "") -> list[str]:
    """Wrap ``text`` into comment lines of at most :data:`WIDTH` columns.

    ``lead`` starts the first line after ``# ``, ``hang`` the lines that follow.
    """
    lines = textwrap.wrap(
        _clean(text),
        width=WIDTH,
        initial_indent=f"{indent}# {lead}",
        subsequent_indent=f"{indent}# {hang}",
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [f"{indent}#"]


def _plain_or_quoted(value: str) -> str:
    """A YAML scalar that reads back as this very text: plain when it can be."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", value):
        try:
            if load_text(f"k: {value}").data == {"k": value}:
                return value
        except DocumentError:  # pragma: no cover - the pattern leaves only plain words
            pass
    return json.dumps(value)


def _yaml_template(rubric: Rubric) -> str:
    first = next(iter(rubric.milestones))
    met = rubric.scale[rubric.met_level]
    out = _comment(f'A blank assessment for "{rubric.title}" ({rubric.id} {rubric.version}).')
    out.append("#")
    out += _comment(
        "Under 'answers', replace null with the level each milestone has reached, or n/a "
        "when it does not apply; leave null for a milestone not assessed yet. The scale:"
    )
    for level in rubric.scale:
        name = _level_name(rubric, level.value)
        text = f"{name}: {level.description}" if level.description else name
        out += _comment(text, lead="  ", hang="    ")
    out += _comment(f"A milestone is met at level {met.value} ({_clean(met.label)}).")
    out.append("#")
    out += _comment(
        "To add evidence, notes or several respondents' levels (a workshop), write a "
        "mapping instead, for example:"
    )
    out.append(f'#   {first}: {{level: 3, evidence: "Email from the director, 3 Oct"}}')
    out.append(f"#   {first}: {{levels: [3, 2, 4]}}")
    out += _comment("Then score it with: transition report FILE")
    out.append("")
    out.append(f"rubric: {_plain_or_quoted(rubric.id)}")
    out.append(f"rubric_version: {json.dumps(rubric.version)}")
    out += _comment("The organisation assessed and the date of the assessment (YYYY-MM-DD).")
    out.append('organisation: ""')
    out.append("assessed_on: null")
    if rubric.phases:
        phases = [phase.id for phase in rubric.phases]
        listed = ", ".join(phases[:-1]) + " or " + phases[-1] if len(phases) > 1 else phases[0]
        out += _comment(f"The phase the team says it is in (optional): {listed}.")
    else:
        out += _comment("The rubric defines no phases: leave the phase null.")
    out.append("phase: null")
    out += _comment("Who made the assessment (optional).")
    out.append('assessor: ""')
    out.append("answers:")
    for characteristic_id, title, milestones in _grouped(rubric):
        heading = f"  # ---- {_clean(title)} ({characteristic_id}) "
        out += ["", heading + "-" * max(4, WIDTH - len(heading))]
        for milestone in milestones:
            out.append("")
            out += _milestone_comment(rubric, milestone)
            out.append(f"  {_plain_or_quoted(milestone.id)}: null")
    return "\n".join(out) + "\n"


def _milestone_comment(rubric: Rubric, milestone: Milestone) -> list[str]:
    title = _clean(milestone.title) + (" (critical)" if milestone.critical else "")
    lines = _comment(title, "  ")
    for value, guidance in sorted(milestone.levels.items()):
        text = f"{_level_name(rubric, value)}: {guidance}"
        lines += _comment(text, "  ", lead="  ", hang="    ")
    if milestone.evidence:
        lines.append("  # Evidence:")
        for prompt in milestone.evidence:
            lines += _comment(prompt, "  ", lead="  - ", hang="    ")
    return lines


# -- CSV -------------------------------------------------------------------------------


def _csv_template(rubric: Rubric) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f"# rubric: {rubric.id}"])
    writer.writerow([f"# rubric_version: {rubric.version}"])
    for field in METADATA[2:]:
        writer.writerow([f"# {field}:"])
    writer.writerow(CSV_HEADER)
    for milestone in rubric.milestones.values():
        writer.writerow(
            [milestone.id, milestone.characteristic, _clean(milestone.title), "", "", ""]
        )
    return buffer.getvalue()


# -- workbook --------------------------------------------------------------------------


def template_workbook(rubric: Rubric, *, respondents: int = 5) -> bytes:
    """Return a blank assessment workbook (``.xlsx``) for ``rubric``, as bytes.

    The sheet ``Assessment`` has one row per milestone, grouped under a bold row for
    each characteristic, with a drop-down of the scale in the ``level`` column and in
    ``respondents`` respondent columns; ``Details`` holds the assessment's own fields
    and ``Instructions`` says how to fill it in and what each level means. The same
    rubric always gives the same bytes.

    >>> import io, openpyxl, transition
    >>> data = template_workbook(transition.load_rubric(), respondents=2)
    >>> workbook = openpyxl.load_workbook(io.BytesIO(data))
    >>> workbook.sheetnames
    ['Assessment', 'Details', 'Instructions']
    >>> print(*(cell.value for cell in workbook["Assessment"][1]), sep=", ")
    id, characteristic, milestone, level, respondent 1, respondent 2, evidence, notes, assessor
    >>> [cell.value for cell in workbook["Assessment"][3]][:3]
    ['named_leader', 'leadership', 'A named leader has stepped forward']
    """
    if respondents < 0:
        raise ValueError(f"respondents must be 0 or more (got {respondents})")
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ASSESSMENT_SHEET
    _assessment_sheet(rubric, sheet, respondents)
    _details_sheet(rubric, workbook.create_sheet(DETAILS_SHEET))
    _instructions_sheet(rubric, workbook.create_sheet(INSTRUCTIONS_SHEET))
    workbook.active = 0
    workbook.properties.creator = "transition"
    workbook.properties.created = WORKBOOK_TIME
    workbook.properties.modified = WORKBOOK_TIME
    return _stable_zip(_save(workbook))


def _save(workbook: Workbook) -> bytes:
    # openpyxl's save() stamps the modified time with the clock; its writer does not.
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, so that its bytes are stable."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return buffer.getvalue()


def _drop_down(rubric: Rubric, sheet: Worksheet, choices: Sequence[str], prompt: str) -> Any:
    """A list validation offering ``choices``, added to ``sheet``.

    A list short enough and free of commas and quotes is written into the validation
    itself; otherwise it goes into a hidden sheet that the validation refers to.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    top = rubric.top
    inline = ",".join(choices)
    if len(inline) <= 250 and not any("," in c or '"' in c for c in choices):
        formula = f'"{inline}"'
    else:
        from openpyxl.utils import get_column_letter

        workbook = sheet.parent
        assert workbook is not None
        if LISTS_SHEET in workbook.sheetnames:
            lists = workbook[LISTS_SHEET]
            column = lists.max_column + 1
        else:
            lists = workbook.create_sheet(LISTS_SHEET)
            lists.sheet_state = "hidden"
            column = 1
        for row, choice in enumerate(choices, start=1):
            lists.cell(row=row, column=column, value=choice)
        letter = get_column_letter(column)
        formula = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(choices)}"
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Level",
        prompt=prompt,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Not a level on the scale",
        error=f"Choose from the list: a level of the scale ({rubric.scale[0].value}..{top}).",
    )
    sheet.add_data_validation(validation)
    return validation


def _assessment_sheet(rubric: Rubric, sheet: Worksheet, respondents: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    respondent_headers = [f"respondent {n}" for n in range(1, respondents + 1)]
    headers = [
        "id",
        "characteristic",
        "milestone",
        "level",
        *respondent_headers,
        "evidence",
        "notes",
        "assessor",
    ]
    widths = {"id": 30, "characteristic": 22, "milestone": 55, "level": 17}
    widths.update({"evidence": 50, "notes": 40, "assessor": 20})
    wrapped = {"milestone", "evidence", "notes"}
    bold = Font(bold=True)
    header_fill = PatternFill("solid", start_color="D9E1F2")
    group_fill = PatternFill("solid", start_color="F2F2F2")
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column, value=header)
        cell.font, cell.fill = bold, header_fill
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(header, 14)
    sheet.freeze_panes = "D2"
    row = 2
    for _, title, milestones in _grouped(rubric):
        for column in range(1, len(headers) + 1):
            sheet.cell(row=row, column=column).fill = group_fill
        sheet.cell(row=row, column=3, value=_clean(title)).font = bold
        row += 1
        for milestone in milestones:
            values = [milestone.id, milestone.characteristic, _clean(milestone.title)]
            for column, header in enumerate(headers, start=1):
                value = values[column - 1] if column <= len(values) else None
                sheet.cell(row=row, column=column, value=value).alignment = (
                    wrap if header in wrapped else top
                )
            row += 1
    last = row - 1
    names = [_level_name(rubric, level.value) for level in rubric.scale]
    level = _drop_down(
        rubric,
        sheet,
        [*names, "n/a"],
        "Choose the level reached, n/a if the milestone does not apply, or leave it blank "
        "(not assessed). The Instructions sheet says what each level means.",
    )
    level.add(f"D2:D{last}")
    if respondents:
        people = _drop_down(
            rubric,
            sheet,
            names,
            "The level this respondent gives. The score uses the lower median of the "
            "respondents; leave the level column blank.",
        )
        people.add(f"E2:{get_column_letter(4 + respondents)}{last}")


def _details_sheet(rubric: Rubric, sheet: Worksheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    sheet.append(["field", "value"])
    for cell in sheet[1]:
        cell.font = bold
    values = {"rubric": rubric.id, "rubric_version": rubric.version}
    for field in METADATA:
        sheet.append([field, values.get(field)])
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 40
    dated = METADATA.index("assessed_on") + 2
    sheet.cell(row=dated, column=2).number_format = "yyyy-mm-dd"
    if rubric.phases:
        phases = DataValidation(
            type="list",
            formula1='"' + ",".join(phase.id for phase in rubric.phases) + '"',
            allow_blank=True,
        )
        sheet.add_data_validation(phases)
        phases.add(f"B{METADATA.index('phase') + 2}")


def _instructions_sheet(rubric: Rubric, sheet: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    heading = Font(bold=True, size=13)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for column, width in (("A", 26), ("B", 16), ("C", 100)):
        sheet.column_dimensions[column].width = width
    met = rubric.scale[rubric.met_level]
    sheet.append([f"{_clean(rubric.title)} ({rubric.id} {rubric.version})"])
    sheet["A1"].font = heading
    steps = [
        "How to fill in this workbook",
        f"1. On the sheet '{ASSESSMENT_SHEET}', give each milestone (one per row) the level "
        "it has reached: choose it from the drop-down in the column 'level' (or type the "
        "number), n/a when the milestone does not apply, or leave it blank when it has not "
        "been assessed.",
        "2. In a workshop, give each person or table a column 'respondent N' instead and leave "
        "'level' blank: the score uses the lower median of the levels given, and the report "
        "flags milestones on which respondents differ by 2 levels or more.",
        "3. Write what shows the level is reached in 'evidence' (the prompts below help), and "
        "anything else in 'notes'; 'assessor' says who judged this milestone.",
        f"4. On the sheet '{DETAILS_SHEET}', give the organisation, the date of the assessment "
        "(YYYY-MM-DD), the phase the team is in and who assessed.",
        "5. Keep the ids and the column headings as they are; you may add columns, move them "
        "or sort the rows. Do not merge cells in the table.",
        "6. Score it: transition report THIS-FILE.xlsx -o report.html",
        f"A milestone is met at level {met.value} ({_clean(met.label)}).",
    ]
    sheet.append([steps[0]])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    for step in steps[1:]:
        # One short line per row: a long cell would run off the screen, unwrapped.
        for line in textwrap.wrap(step, width=120, subsequent_indent="    "):
            sheet.append([line])
    sheet.append([])
    sheet.append(["The scale"])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append(["value", "label", "description"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for level in rubric.scale:
        sheet.append([level.value, level.label, level.description])
        sheet.cell(row=sheet.max_row, column=3).alignment = wrap
    sheet.append([])
    sheet.append(["What each level means, milestone by milestone"])
    sheet.cell(row=sheet.max_row, column=1).font = bold
    for _, title, milestones in _grouped(rubric):
        sheet.append([])
        sheet.append([_clean(title)])
        sheet.cell(row=sheet.max_row, column=1).font = heading
        for milestone in milestones:
            sheet.append(
                [milestone.id, "critical" if milestone.critical else "", _clean(milestone.title)]
            )
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for value, guidance in sorted(milestone.levels.items()):
                sheet.append(["", _level_name(rubric, value), guidance])
                sheet.cell(row=sheet.max_row, column=2).alignment = top
                sheet.cell(row=sheet.max_row, column=3).alignment = wrap
            for index, prompt in enumerate(milestone.evidence):
                sheet.append(["", "evidence" if index == 0 else "", f"- {prompt}"])
                sheet.cell(row=sheet.max_row, column=3).alignment = wrap
            sheet.append([])


# -- reading tables back ---------------------------------------------------------------


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
            self.labels[_fold(_level_name(rubric, level.value))] = level.value
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
        text = _decode(path.read_bytes(), name)
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
