"""Blank assessments for a rubric, in every format people fill in.

A workshop fills in a workbook or a CSV file, not YAML. This module writes a blank
assessment for a rubric as YAML (with each level's guidance in comments), JSON, CSV or
an Excel workbook with drop-downs (:func:`write_template`, :func:`template_text`,
:func:`template_workbook`); :mod:`transition.tables` reads the filled-in ``.csv`` and
``.xlsx`` files back. openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import write_atomic, write_bytes_atomic
from ._layout import ASSESSMENT_SHEET, DETAILS_SHEET, METADATA, clean, level_name
from ._workbook import WORKBOOK_TIME as WORKBOOK_TIME  # re-exported: tests read it here
from ._workbook import put, safe_text, save, stable_zip
from ._yaml import DocumentError, load_text
from .locale import DEFAULT, check_locale, gettext, translator, using
from .model import Milestone, Rubric
from .translation import translated

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "ASSESSMENT_SHEET",
    "DETAILS_SHEET",
    "INSTRUCTIONS_SHEET",
    "TEMPLATE_SUFFIXES",
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

INSTRUCTIONS_SHEET = "Instructions"
#: A hidden sheet for drop-down choices too long to write into the validation itself.
LISTS_SHEET = "Lists"

CSV_HEADER = ("id", "characteristic", "title", "level", "evidence", "notes")
#: How wide comments in a YAML template are, at most.
WIDTH = 100


# -- formats ---------------------------------------------------------------------------


def template_format(path: str | os.PathLike[str]) -> str | None:
    """Return the template format for a file name (``yaml``, ``json``, ``csv``, ``xlsx``).

    >>> template_format("team.XLSX"), template_format("blank.yml"), template_format("a.txt")
    ('xlsx', 'yaml', None)
    """
    return TEMPLATE_SUFFIXES.get(Path(path).suffix.lower())


def write_template(
    rubric: Rubric,
    path: str | os.PathLike[str],
    *,
    respondents: int = 5,
    locale: str = DEFAULT,
) -> None:
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
    locale:
        The language of the template's headings and instructions, and of the rubric's
        text where it has a translation file (one of :func:`transition.locales`).

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
        data = template_workbook(rubric, respondents=respondents, locale=locale)
        write_bytes_atomic(path, data)
    elif fmt == "csv":
        # A byte-order mark makes Excel read the file as UTF-8 rather than ANSI.
        write_atomic(path, "\ufeff" + template_text(rubric, fmt, locale=locale))
    else:
        write_atomic(path, template_text(rubric, fmt, locale=locale))


def _met_sentence(value: int, label: str) -> str:
    return gettext("A milestone is met at level %(level)s (%(label)s).") % {
        "level": value,
        "label": label,
    }


def _shown(rubric: Rubric, locale: str) -> Rubric:
    """The rubric as a template in ``locale`` shows it (its translation file's text)."""
    check_locale(locale)
    return rubric if locale == DEFAULT else translated(rubric, locale)


def template_text(rubric: Rubric, fmt: str, *, locale: str = DEFAULT) -> str:
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

    ``locale`` (one of :func:`transition.locales`) gives the comments' language and the
    rubric's text from its translation file; ids, keys and levels stay as they are, so
    the filled-in file reads the same in every locale.

    >>> welsh = template_text(rubric, "yaml", locale="cy")
    >>> welsh.startswith("# Asesiad gwag ar gyfer"), "rubric: public-service-spinout" in welsh
    (True, True)
    """
    shown = _shown(rubric, locale)
    with using(translator(locale)):
        return _template_text(shown, fmt)


def _template_text(rubric: Rubric, fmt: str) -> str:
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


# -- YAML ------------------------------------------------------------------------------


def _comment(text: str, indent: str = "", lead: str = "", hang: str = "") -> list[str]:
    """Wrap ``text`` into comment lines of at most :data:`WIDTH` columns.

    ``lead`` starts the first line after ``# ``, ``hang`` the lines that follow.
    """
    lines = textwrap.wrap(
        clean(text),
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


def _offers_na(rubric: Rubric) -> bool:
    """Whether a template offers n/a: some milestone allows it (SPEC 3.1 ``allow_na``).

    >>> import transition
    >>> _offers_na(transition.load_rubric())
    True
    """
    return any(milestone.allow_na for milestone in rubric.milestones.values())


def _yaml_template(rubric: Rubric) -> str:
    first = next(iter(rubric.milestones))
    met = rubric.level(rubric.met_level)
    out = _comment(
        gettext('A blank assessment for "%(title)s" (%(id)s %(version)s).')
        % {"title": rubric.title, "id": rubric.id, "version": rubric.version}
    )
    out.append("#")
    if _offers_na(rubric):
        under = gettext(
            "Under 'answers', replace null with the level each milestone has reached, or n/a "
            "when it does not apply; leave null for a milestone not assessed yet. The scale:"
        )
    else:
        under = gettext(
            "Under 'answers', replace null with the level each milestone has reached (this "
            "rubric has no n/a); leave null for a milestone not assessed yet. The scale:"
        )
    out += _comment(under)
    for level in rubric.scale:
        name = level_name(rubric, level.value)
        text = f"{name}: {level.description}" if level.description else name
        out += _comment(text, lead="  ", hang="    ")
    out += _comment(_met_sentence(met.value, clean(met.label)))
    out.append("#")
    out += _comment(
        gettext(
            "To add evidence, notes or several respondents' levels (a workshop), write a "
            "mapping instead, for example:"
        )
    )
    example = json.dumps(gettext("Email from the director, 3 Oct"), ensure_ascii=False)
    out.append(f"#   {first}: {{level: 3, evidence: {example}}}")
    out.append(f"#   {first}: {{levels: [3, 2, 4]}}")
    out += _comment(gettext("Then score it with: transition report FILE"))
    out.append("")
    out.append(f"rubric: {_plain_or_quoted(rubric.id)}")
    out.append(f"rubric_version: {json.dumps(rubric.version)}")
    out += _comment(
        gettext("The organisation assessed and the date of the assessment (YYYY-MM-DD).")
    )
    out.append('organisation: ""')
    out.append("assessed_on: null")
    if rubric.phases:
        phases = [phase.id for phase in rubric.phases]
        listed = (
            gettext("%(phases)s or %(last)s")
            % {"phases": ", ".join(phases[:-1]), "last": phases[-1]}
            if len(phases) > 1
            else phases[0]
        )
        out += _comment(
            gettext("The phase the team says it is in (optional): %(phases)s.") % {"phases": listed}
        )
    else:
        out += _comment(gettext("The rubric defines no phases: leave the phase null."))
    out.append("phase: null")
    out += _comment(gettext("Who made the assessment (optional)."))
    out.append('assessor: ""')
    out.append("answers:")
    for characteristic_id, title, milestones in _grouped(rubric):
        heading = f"  # ---- {clean(title)} ({characteristic_id}) "
        out += ["", heading + "-" * max(4, WIDTH - len(heading))]
        for milestone in milestones:
            out.append("")
            out += _milestone_comment(rubric, milestone)
            out.append(f"  {_plain_or_quoted(milestone.id)}: null")
    return "\n".join(out) + "\n"


def _milestone_comment(rubric: Rubric, milestone: Milestone) -> list[str]:
    title = clean(milestone.title)
    if milestone.critical:
        title = gettext("%(title)s (critical)") % {"title": title}
    lines = _comment(title, "  ")
    for value, guidance in sorted(milestone.levels.items()):
        text = f"{level_name(rubric, value)}: {guidance}"
        lines += _comment(text, "  ", lead="  ", hang="    ")
    if milestone.evidence:
        lines.append("  # " + gettext("Evidence:"))
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
            [
                _csv_text(milestone.id),
                _csv_text(milestone.characteristic),
                _csv_text(clean(milestone.title)),
                "",
                "",
                "",
            ]
        )
    return buffer.getvalue()


def _csv_text(text: str) -> str:
    """Text a spreadsheet opening the CSV file will not run as a formula: a leading
    ``=``, ``+``, ``-``, ``@`` (or tab, carriage return) gets a ``'`` before it, as OWASP
    recommends; :mod:`transition.tables` takes it off again when reading.

    >>> _csv_text("=HYPERLINK(x)"), _csv_text("Board formed")
    ("'=HYPERLINK(x)", 'Board formed')
    """
    return safe_text(text)


# -- workbook --------------------------------------------------------------------------


def template_workbook(rubric: Rubric, *, respondents: int = 5, locale: str = DEFAULT) -> bytes:
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
    shown = _shown(rubric, locale)
    with using(translator(locale)):
        return _template_workbook(rubric, shown, respondents)


def _template_workbook(rubric: Rubric, shown: Rubric, respondents: int) -> bytes:
    """The workbook: texts from ``shown`` (the rubric in the template's locale), the
    levels the drop-downs offer from ``rubric`` (what the reader reads back)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ASSESSMENT_SHEET
    _assessment_sheet(shown, sheet, respondents, rubric)
    _details_sheet(rubric, workbook.create_sheet(DETAILS_SHEET))
    _instructions_sheet(shown, workbook.create_sheet(INSTRUCTIONS_SHEET))
    workbook.active = 0
    workbook.properties.creator = "transition"
    workbook.properties.created = WORKBOOK_TIME
    workbook.properties.modified = WORKBOOK_TIME
    return stable_zip(save(workbook))


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
            put(lists, row, column, choice)
        letter = get_column_letter(column)
        formula = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(choices)}"
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showInputMessage=True,
        promptTitle=gettext("Level"),
        prompt=prompt,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=gettext("Not a level on the scale"),
        error=gettext("Choose from the list: a level of the scale (%(bottom)s..%(top)s).")
        % {"bottom": rubric.bottom, "top": top},
    )
    sheet.add_data_validation(validation)
    return validation


def _assessment_sheet(rubric: Rubric, sheet: Worksheet, respondents: int, original: Rubric) -> None:
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
        cell = put(sheet, 1, column, header)
        cell.font, cell.fill = bold, header_fill
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(header, 14)
    sheet.freeze_panes = "D2"
    row = 2
    for _, title, milestones in _grouped(rubric):
        for column in range(1, len(headers) + 1):
            sheet.cell(row=row, column=column).fill = group_fill
        put(sheet, row, 3, clean(title)).font = bold
        row += 1
        for milestone in milestones:
            values = [milestone.id, milestone.characteristic, clean(milestone.title)]
            for column, header in enumerate(headers, start=1):
                value = values[column - 1] if column <= len(values) else None
                put(sheet, row, column, value).alignment = wrap if header in wrapped else top
            row += 1
    last = row - 1
    names = [level_name(original, level.value) for level in original.scale]
    level = _drop_down(
        rubric,
        sheet,
        [*names, "n/a"] if _offers_na(rubric) else names,
        gettext(
            "Choose the level reached, n/a if the milestone does not apply, or leave it blank "
            "(not assessed). The Instructions sheet says what each level means."
        )
        if _offers_na(rubric)
        else gettext(
            "Choose the level reached, or leave it blank (not assessed). The Instructions "
            "sheet says what each level means."
        ),
    )
    level.add(f"D2:D{last}")
    if respondents:
        people = _drop_down(
            rubric,
            sheet,
            names,
            gettext(
                "The level this respondent gives. The score uses the lower median of the "
                "respondents; leave the level column blank."
            ),
        )
        people.add(f"E2:{get_column_letter(4 + respondents)}{last}")


def _details_sheet(rubric: Rubric, sheet: Worksheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    bold = Font(bold=True)
    _put_row(sheet, 1, ["field", "value"])
    for cell in sheet[1]:
        cell.font = bold
    values = {"rubric": rubric.id, "rubric_version": rubric.version}
    for row, field in enumerate(METADATA, start=2):
        _put_row(sheet, row, [field, values.get(field)])
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
    met = rubric.level(rubric.met_level)
    # The row last written, counted here: last scans every cell (quadratic).
    last = 0

    def append(values: Sequence[object] = ()) -> int:
        nonlocal last
        last += 1
        _put_row(sheet, last, values)
        return last

    append([f"{clean(rubric.title)} ({rubric.id} {rubric.version})"])
    sheet["A1"].font = heading
    sheets = {"assessment": ASSESSMENT_SHEET, "details": DETAILS_SHEET}
    if _offers_na(rubric):
        first = gettext(
            "1. On the sheet '%(assessment)s', give each milestone (one per row) the level it "
            "has reached: choose it from the drop-down in the column 'level' (or type the "
            "number), n/a when the milestone does not apply, or leave it blank when it has not "
            "been assessed."
        )
    else:
        first = gettext(
            "1. On the sheet '%(assessment)s', give each milestone (one per row) the level it "
            "has reached: choose it from the drop-down in the column 'level' (or type the "
            "number), or leave it blank when it has not been assessed."
        )
    steps = [
        gettext("How to fill in this workbook"),
        first % sheets,
        gettext(
            "2. In a workshop, give each person or table a column 'respondent N' instead and "
            "leave 'level' blank: the score uses the lower median of the levels given, and the "
            "report flags milestones on which respondents differ by 2 levels or more."
        ),
        gettext(
            "3. Write what shows the level is reached in 'evidence' (the prompts below help), "
            "and anything else in 'notes'; 'assessor' says who judged this milestone."
        ),
        gettext(
            "4. On the sheet '%(details)s', give the organisation, the date of the assessment "
            "(YYYY-MM-DD), the phase the team is in and who assessed."
        )
        % sheets,
        gettext(
            "5. Keep the ids and the column headings as they are; you may add columns, move "
            "them or sort the rows. Do not merge cells in the table."
        ),
        gettext("6. Score it: transition report THIS-FILE.xlsx -o report.html"),
        _met_sentence(met.value, clean(met.label)),
    ]
    append([steps[0]])
    sheet.cell(row=last, column=1).font = bold
    for step in steps[1:]:
        # One short line per row: a long cell would run off the screen, unwrapped.
        for line in textwrap.wrap(step, width=120, subsequent_indent="    "):
            append([line])
    append([])
    append([gettext("The scale")])
    sheet.cell(row=last, column=1).font = bold
    append(["value", "label", "description"])
    for index in (1, 2, 3):
        sheet.cell(row=last, column=index).font = bold
    for level in rubric.scale:
        append([level.value, level.label, level.description])
        sheet.cell(row=last, column=3).alignment = wrap
    append([])
    append([gettext("What each level means, milestone by milestone")])
    sheet.cell(row=last, column=1).font = bold
    for _, title, milestones in _grouped(rubric):
        append([])
        append([clean(title)])
        sheet.cell(row=last, column=1).font = heading
        for milestone in milestones:
            critical = gettext("critical") if milestone.critical else ""
            append([milestone.id, critical, clean(milestone.title)])
            for index in (1, 2, 3):
                sheet.cell(row=last, column=index).font = bold
            for value, guidance in sorted(milestone.levels.items()):
                append(["", level_name(rubric, value), guidance])
                sheet.cell(row=last, column=2).alignment = top
                sheet.cell(row=last, column=3).alignment = wrap
            for index, prompt in enumerate(milestone.evidence):
                append(["", gettext("evidence") if index == 0 else "", f"- {prompt}"])
                sheet.cell(row=last, column=3).alignment = wrap
            append([])


def _put_row(sheet: Worksheet, row: int, values: Sequence[object]) -> None:
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)
