"""Filled-in spreadsheets and CSV files read back: values, locations and mistakes."""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import transition
from tests.strategies import answers_for
from transition.blank import template_text, template_workbook, write_template
from transition.tables import read_table, rubric_named_by

RUBRIC = transition.load_rubric()
IDS = list(RUBRIC.milestones)
RESPONDENTS = 6
BLANK_XLSX = template_workbook(RUBRIC, respondents=RESPONDENTS)

#: One answer of every kind, and the metadata to go with it.
ANSWERS: dict[str, Any] = {
    "named_leader": 3,
    "senior_sponsor": {
        "level": 2,
        "evidence": "Director's email, 3 Oct",
        "notes": "Backing is verbal, so far",
    },
    "guiding_team": {"levels": [3, 2, 4, 1]},
    "tupe_consultation": "n/a",
    "staff_support_measured": {"levels": [1, 4]},
    "vision_written": {"level": 4, "assessor": "Head of service"},
}
DETAILS: dict[str, Any] = {
    "organisation": "Riverside Community Care",
    "assessed_on": "2026-11-02",
    "phase": "business_case",
    "assessor": "Programme lead",
}


def expected(answers: dict[str, Any], details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The mapping a filled-in table means: every milestone listed, in rubric order."""
    return {
        "rubric": RUBRIC.id,
        "rubric_version": RUBRIC.version,
        **(details or {}),
        "answers": {mid: answers.get(mid) for mid in IDS},
    }


def cells_of(answer: Any) -> tuple[Any, list[Any], dict[str, str]]:
    """An answer as table cells: the level, the respondents' levels and the text columns."""
    if isinstance(answer, dict):
        texts = {key: answer[key] for key in ("evidence", "notes", "assessor") if key in answer}
        return answer.get("level"), list(answer.get("levels", [])), texts
    return answer, [], {}


# -- filling in templates, the way a test (or a person) would ----------------------------


def fill_csv(
    text: str,
    answers: dict[str, Any],
    details: dict[str, Any] | None = None,
    respondents: int = 0,
    delimiter: str = ",",
) -> str:
    """Fill a CSV template in, adding an assessor and ``respondents`` respondent columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    header: list[str] = []
    for row in csv.reader(io.StringIO(text)):
        if row[0].startswith("#"):
            key = row[0][1:].partition(":")[0].strip()
            if details and key in details:
                row = [f"# {key}: {details[key]}"]
        elif not header:
            header = [*row, "assessor", *(f"respondent {n}" for n in range(1, respondents + 1))]
            row = header
        else:
            row += [""] * (len(header) - len(row))
            level, levels, texts = cells_of(answers.get(row[0]))
            row[header.index("level")] = "" if level is None else str(level)
            for key, value in texts.items():
                row[header.index(key)] = value
            for index, value in enumerate(levels, start=1):
                row[header.index(f"respondent {index}")] = str(value)
        writer.writerow(row)
    return out.getvalue()


def header_of(sheet: Worksheet) -> dict[str, int]:
    """Column numbers by header (first row)."""
    return {str(cell.value): cell.column for cell in sheet[1] if cell.value is not None}


def row_of(sheet: Worksheet, milestone_id: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == milestone_id:
            return row
    raise KeyError(milestone_id)


def fill_workbook(
    data: bytes, answers: dict[str, Any], details: dict[str, Any] | None = None
) -> Workbook:
    """Fill a workbook template in, through openpyxl."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["Assessment"]
    columns = header_of(sheet)
    for milestone_id, answer in answers.items():
        row = row_of(sheet, milestone_id)
        level, levels, texts = cells_of(answer)
        sheet.cell(row=row, column=columns["level"], value=level)
        for index, value in enumerate(levels, start=1):
            sheet.cell(row=row, column=columns[f"respondent {index}"], value=value)
        for key, value in texts.items():
            sheet.cell(row=row, column=columns[key], value=value)
    fields = workbook["Details"]
    for row in range(2, fields.max_row + 1):
        field = str(fields.cell(row=row, column=1).value)
        if details and field in details:
            fields.cell(row=row, column=2, value=details[field])
    return workbook


def save(workbook: Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def load(path: Path) -> transition.Assessment:
    return transition.load_assessment(path, RUBRIC)


def errors(path: Path) -> list[str]:
    with pytest.raises(transition.AssessmentError) as caught:
        load(path)
    return str(caught.value).splitlines()


# -- reading back -----------------------------------------------------------------------


def test_yaml_csv_and_xlsx_give_the_same_assessment(tmp_path: Path) -> None:
    mapping = transition.load_assessment(expected(ANSWERS, DETAILS), RUBRIC)
    csv_path = tmp_path / "team.csv"
    csv_path.write_text(
        fill_csv(template_text(RUBRIC, "csv"), ANSWERS, DETAILS, respondents=4), "utf-8"
    )
    xlsx_path = save(fill_workbook(BLANK_XLSX, ANSWERS, DETAILS), tmp_path / "team.xlsx")
    assert load(csv_path) == mapping
    assert load(xlsx_path) == mapping
    assert load(xlsx_path).answers["guiding_team"].levels == (3, 2, 4, 1)
    assert load(xlsx_path).assessed_on == datetime.date(2026, 11, 2)
    for path in (csv_path, xlsx_path):
        assert transition.score(RUBRIC, load(path)) == transition.score(RUBRIC, mapping)


def test_locations_of_a_workbook(tmp_path: Path) -> None:
    path = save(fill_workbook(BLANK_XLSX, ANSWERS, DETAILS), tmp_path / "team.xlsx")
    document = read_table(path, RUBRIC)
    assert document.name == str(path)
    assert document.sheet == "Assessment"
    assert document.line(("answers", "named_leader")) == 3
    assert document.column(("answers", "named_leader")) == "A"
    assert document.column(("answers", "named_leader", "level")) == "D"
    assert document.line(("answers", "guiding_team", "levels", 2)) == 5
    assert document.column(("answers", "guiding_team", "levels", 2)) == "G"
    assert document.column(("answers", "senior_sponsor", "evidence")) == "K"
    assert document.data["assessed_on"] == "2026-11-02"  # text: the loader reads it
    assert document.line(("assessed_on",)) is None  # the Details sheet: not this sheet


def test_locations_of_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(
        fill_csv(template_text(RUBRIC, "csv"), ANSWERS, DETAILS, respondents=4), "utf-8"
    )
    document = read_table(path, RUBRIC)
    assert document.sheet is None
    assert document.column(("answers", "guiding_team", "levels", 3)) == "respondent 4"
    assert document.line(("answers", "named_leader", "level")) == 8
    assert document.column(("answers", "named_leader", "level")) == "level"
    assert document.line(("organisation",)) == 3
    assert document.data["organisation"] == "Riverside Community Care"


def test_a_csv_file_with_a_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = (
        "# rubric: public-service-spinout;;;\r\n"
        "# organisation:;Smith, Jones & Co;;\r\n"
        "# assessed_on: 2026-11-02;;;\r\n"
        "\r\n"
        "Title;ID;Level;Evidence;Respondent A;Respondent B\r\n"
        'A named leader;named_leader;3;"Email,\r\nthen a meeting";;\r\n'
        ";;;;;\r\n"
        "Senior sponsor;senior_sponsor;;;2;4\r\n"
        "TUPE;tupe_consultation;N/A;;;\r\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assessment = load(path)
    assert assessment.organisation == "Smith, Jones & Co"
    assert assessment.assessed_on == datetime.date(2026, 11, 2)
    assert assessment.answers["named_leader"].level == 3
    assert assessment.answers["named_leader"].evidence == ("Email,\r\nthen a meeting",)
    assert assessment.answers["senior_sponsor"].levels == (2, 4)
    assert assessment.answers["tupe_consultation"].level is transition.NA
    assert read_table(path, RUBRIC).line(("answers", "tupe_consultation")) == 9


def test_a_csv_file_with_tabs_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "tabs.csv"
    path.write_text(
        "# rubric:\tpublic-service-spinout\nid\tlevel\nnamed_leader\tEmbedded\n", "utf-8"
    )
    assert load(path).answers["named_leader"].level == 4


def test_a_resaved_workbook(tmp_path: Path) -> None:
    """What LibreOffice or Excel make of the template: text, labels, moved columns."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "assessment "  # case and spaces do not matter
    sheet.append(["Notes", "Comments", "LEVEL", " Id ", "Respondent 1", "respondent 2"])
    sheet.append([None, "ignored", "3", "named_leader"])
    sheet.append([])
    sheet.append(["", None, "established", "senior_sponsor"])
    sheet.append([None, None, "4 EMBEDDED", "Guiding_team"])
    sheet.append(["ok", None, " N/A ", "tupe_consultation"])
    sheet.append([None, None, 3.0, "project_resourced"])
    sheet.append([None, None, None, "staff_support_measured", "2", 4.0])
    sheet.append([None, None, 2.5, "vision_written"])
    sheet.append([None, None, "  ", None])
    sheet.append(["# a comment row", None, "9"])
    details = workbook.create_sheet("details")
    details.append(["Rubric", "public-service-spinout"])
    details.append(["assessed on", datetime.datetime(2026, 11, 2)])
    details.append(["rubric_version", 1])
    path = save(workbook, tmp_path / "resaved.xlsx")
    with pytest.warns(transition.SheetWarning) as caught:
        document = read_table(path, RUBRIC)
    assert [str(w.message) for w in caught] == [
        f"{path}:assessment !B2: column 'Comments' is not read, so what it holds is left out "
        "of the assessment; to read it as a respondent's levels, head it 'respondent: "
        "Comments' or move it between 'level' and 'evidence'; to keep it as text, move it "
        "into 'notes'"
    ]
    assert document.data == {
        "rubric": "public-service-spinout",
        "assessed_on": datetime.date(2026, 11, 2),
        "rubric_version": "1",
        "answers": {
            "named_leader": {"level": 3},
            "senior_sponsor": {"level": 3},
            "guiding_team": {"level": 4},
            "tupe_consultation": {"level": "n/a", "notes": "ok"},
            "project_resourced": {"level": 3},
            "staff_support_measured": {"levels": [2, 4]},
            "vision_written": {"level": 2.5},
        },
    }
    assert document.column(("answers", "vision_written", "level")) == "C"
    assert document.line(("answers", "vision_written", "level")) == 9
    assert errors(path) == [
        f"{path}:assessment !C9: answers.vision_written.level: expected a whole number 0..4 "
        "or 'n/a', got a number (2.5); levels are whole numbers"
    ]


def test_a_table_that_does_not_start_at_a1(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Assessment"
    sheet["C3"], sheet["D3"] = "id", "level"
    sheet["C5"], sheet["D5"] = "named_leader", "sometime"
    details = workbook.create_sheet("Details")
    details["A3"], details["B3"] = "rubric", "public-service-spinout"
    details["C3"] = "a third column is ignored"
    path = save(workbook, tmp_path / "offset.xlsx")
    assert errors(path) == [
        f"{path}:Assessment!D5: answers.named_leader.level: expected a whole number 0..4 or "
        "'n/a', got text 'sometime'",
    ]


def test_missing_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("# rubric: public-service-spinout\nid,level\nnamed_leader,2\n", "utf-8")
    assert load(path) == transition.load_assessment(
        {"rubric": RUBRIC.id, "answers": {"named_leader": 2}}, RUBRIC
    )
    only_respondents = tmp_path / "workshop.csv"
    only_respondents.write_text(
        "# rubric: public-service-spinout\nid,respondent 1,respondent 2,respondent 3\n"
        "named_leader,3,1,\n",
        "utf-8",
    )
    assert load(only_respondents).answers["named_leader"].levels == (3, 1)


def test_rubric_named_by(tmp_path: Path) -> None:
    xlsx = tmp_path / "blank.xlsx"
    write_template(RUBRIC, xlsx)
    assert rubric_named_by(xlsx) == "public-service-spinout"
    bare = tmp_path / "bare.csv"
    bare.write_text("id,level\n", "utf-8")
    assert rubric_named_by(bare) is None
    with pytest.raises(ValueError, match=r"reads \.csv and \.xlsx files, not 'x\.ods'"):
        read_table(tmp_path / "x.ods", RUBRIC)


# -- malformed tables: the whole located line ----------------------------------------------


def blank_workbook() -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(BLANK_XLSX))


def test_the_wrong_sheet_name(tmp_path: Path) -> None:
    workbook = blank_workbook()
    workbook["Assessment"].title = "Sheet1"
    path = save(workbook, tmp_path / "team.xlsx")
    assert errors(path) == [
        f"{path}: no sheet named 'Assessment' (the workbook has: Sheet1, Details, Instructions); "
        "name the sheet of answers 'Assessment'"
    ]


def test_text_in_the_level_column_and_levels_outside_the_scale(tmp_path: Path) -> None:
    workbook = fill_workbook(
        BLANK_XLSX,
        {
            "named_leader": "soon",
            "board_formed": 9,
            "senior_sponsor": {"levels": [3, "n/a", -1]},
            "guiding_team": True,
        },
        {"assessed_on": "next week", "phase": "launch"},
    )
    path = save(workbook, tmp_path / "team.xlsx")
    board = row_of(workbook["Assessment"], "board_formed")
    assert errors(path) == [
        f"{path}:Assessment!D3: answers.named_leader.level: expected a whole number 0..4 or "
        "'n/a', got text 'soon'",
        f"{path}:Assessment!F4: answers.senior_sponsor.levels[1]: expected a whole number 0..4, "
        "got text 'n/a'; n/a is not a respondent's level: write n/a as the milestone's "
        "'level' (in a table, in the 'level' column) and leave the respondents' blank",
        f"{path}:Assessment!G4: answers.senior_sponsor.levels[2]: level -1 is outside the "
        "scale 0..4",
        f"{path}:Assessment!D5: answers.guiding_team.level: expected a whole number 0..4 or "
        "'n/a', got true",
        f"{path}:Assessment!D{board}: answers.board_formed.level: level 9 is outside the "
        "scale 0..4",
        f"{path}: assessed_on: expected a date (YYYY-MM-DD), got text 'next week'",
        f"{path}: phase: unknown phase 'launch' (phases: explore, business_case, approval, "
        "transition, sustain)",
    ]


def test_the_same_errors_in_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    answers = {"named_leader": "soon", "senior_sponsor": {"levels": [3, 7]}}
    path.write_text(
        fill_csv(template_text(RUBRIC, "csv"), answers, {"phase": "lauch"}, respondents=2),
        "utf-8",
    )
    assert errors(path) == [
        f"{path}:5: phase: unknown phase 'lauch' (phases: explore, business_case, approval, "
        "transition, sustain)",
        f"{path}:8: answers.named_leader.level (column 'level'): expected a whole number 0..4 or "
        "'n/a', got text 'soon'",
        f"{path}:9: answers.senior_sponsor.levels[1] (column 'respondent 2'): level 7 is outside "
        "the scale 0..4",
    ]


def test_merged_cells_and_a_duplicate_id(tmp_path: Path) -> None:
    workbook = blank_workbook()
    sheet = workbook["Assessment"]
    sheet.insert_rows(1)  # openpyxl moves values, not merged cells: insert first
    sheet["A1"] = "A title above the table may be merged"
    sheet.merge_cells("A1:F1")
    sheet["A7"] = "named_leader"
    sheet["D10"] = 2  # answers without an id
    sheet["A10"] = None
    sheet.merge_cells("K5:L6")
    path = save(workbook, tmp_path / "team.xlsx")
    assert errors(path) == [
        f"{path}:Assessment!K5: cells K5:L6 are merged; unmerge them, so that each milestone "
        "has its own row and each cell one value",
        f"{path}:Assessment!A7: answers.named_leader: milestone 'named_leader' is listed twice "
        "(first on row 4); keep one row",
        f"{path}:Assessment!A10: this row has answers but no milestone id; write the id in "
        "this cell",
    ]


def test_an_unknown_id_is_located_at_its_cell(tmp_path: Path) -> None:
    workbook = blank_workbook()
    workbook["Assessment"]["A4"] = "senior_sponsr"
    path = save(workbook, tmp_path / "team.xlsx")
    assert errors(path) == [
        f"{path}:Assessment!A4: answers.senior_sponsr: unknown milestone 'senior_sponsr' "
        "(did you mean 'senior_sponsor'?)"
    ]


def test_missing_and_duplicate_columns(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Assessment"
    sheet.append(["milestone", "evidence", "notes", "Evidence"])
    path = save(workbook, tmp_path / "team.xlsx")
    assert errors(path) == [
        f"{path}:Assessment!D1: two columns are headed 'evidence' (B and D); keep one",
        f"{path}:Assessment!A1: no 'id' column (the header row has: milestone, evidence, notes, "
        "evidence); head the column of milestone ids 'id'",
        f"{path}:Assessment!A1: no 'level' column (the header row has: milestone, evidence, "
        "notes, evidence); add a column headed 'level' (or 'respondent 1', 'respondent 2', "
        "... for several respondents)",
        f"{path}: the workbook does not say which rubric it answers: add a sheet 'Details' with "
        "the row 'rubric' | 'public-service-spinout'",
    ]
    empty = tmp_path / "empty.csv"
    empty.write_text("# rubric: public-service-spinout\n\n", "utf-8")
    assert errors(empty) == [
        f"{empty}: no header row: the first row must name the columns (id, level, "
        "respondent 1, ..., evidence, notes, assessor)"
    ]
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("id,level\nnamed_leader,3\n", "utf-8")
    assert errors(nameless) == [
        f"{nameless}: the file does not say which rubric it answers: add the line "
        "'# rubric: public-service-spinout' above the header"
    ]


def test_a_details_sheet_without_a_rubric(tmp_path: Path) -> None:
    workbook = blank_workbook()
    workbook["Details"]["B2"] = None
    path = save(workbook, tmp_path / "team.xlsx")
    assert errors(path) == [
        f"{path}: the sheet 'Details' does not say which rubric the workbook answers: add the "
        "row 'rubric' | 'public-service-spinout'"
    ]


def test_corrupt_and_undecodable_files(tmp_path: Path) -> None:
    corrupt = tmp_path / "team.xlsx"
    corrupt.write_bytes(b"not a zip file")
    message = (
        "not a valid .xlsx workbook (File is not a zip file); open it in Excel or LibreOffice "
        "and save it as an Excel workbook (.xlsx)"
    )
    assert errors(corrupt) == [f"{corrupt}: {message}"]
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(BLANK_XLSX[: len(BLANK_XLSX) // 2])
    assert errors(truncated) == [f"{truncated}: {message}"]
    not_a_workbook = tmp_path / "other.xlsx"
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("hello.txt", "hello")
    (line,) = errors(not_a_workbook)
    assert line.startswith(f"{not_a_workbook}: not a valid .xlsx workbook (")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(
        "# rubric: public-service-spinout\nid,notes\nnamed_leader,café\n".encode("cp1252")
    )
    assert errors(latin) == [
        f"{latin}:3: not valid UTF-8 (byte 0xe9 in column 17); save the file as UTF-8"
    ]
    huge = tmp_path / "huge.csv"
    huge.write_text("# rubric: x\nid,notes\nnamed_leader," + "x" * 200_000 + "\n", "utf-8")
    assert errors(huge) == [
        f"{huge}:3: not a valid CSV file (field larger than field limit (131072))"
    ]
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.xlsx")


# -- the property: any answers survive a round trip through CSV and a workbook -------------


def at_most(respondents: int) -> st.SearchStrategy[dict[str, Any]]:
    def trim(answers: dict[str, Any]) -> dict[str, Any]:
        return {
            key: {"levels": value["levels"][:respondents]} if isinstance(value, dict) else value
            for key, value in answers.items()
        }

    return answers_for(IDS, RUBRIC.top).map(trim)


@given(at_most(RESPONDENTS))
def test_answers_survive_csv(answers: dict[str, Any]) -> None:
    text = fill_csv(template_text(RUBRIC, "csv"), answers, respondents=RESPONDENTS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "team.csv"
        path.write_text(text, "utf-8")
        assert load(path) == transition.load_assessment(expected(answers), RUBRIC)


@given(at_most(RESPONDENTS))
def test_answers_survive_a_workbook(answers: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = save(fill_workbook(BLANK_XLSX, answers), Path(folder) / "team.xlsx")
        assert load(path) == transition.load_assessment(expected(answers), RUBRIC)


# -- what reading imports ---------------------------------------------------------------


def test_reading_imports_neither_the_template_writer_nor_openpyxl(tmp_path: Path) -> None:
    """YAML and CSV assessments load without openpyxl; only a workbook brings it in."""
    yaml_path = tmp_path / "team.yaml"
    yaml_path.write_text("rubric: public-service-spinout\nanswers: {named_leader: 3}\n")
    csv_path = tmp_path / "team.csv"
    csv_path.write_text("# rubric: public-service-spinout\nid,level\nnamed_leader,3\n")
    xlsx_path = tmp_path / "team.xlsx"
    xlsx_path.write_bytes(BLANK_XLSX)
    code = textwrap.dedent(
        """
        import sys
        import transition
        rubric = transition.load_rubric()
        for path in sys.argv[1:]:
            transition.load_assessment(path, rubric)
            top = {name.partition(".")[0] for name in sys.modules}
            print("openpyxl" in top, "transition.blank" in sys.modules)
        """
    )
    paths = [str(yaml_path), str(csv_path), str(xlsx_path)]
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code, *paths],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # After the YAML file and the CSV file, neither; the workbook needs openpyxl (which
    # shows that the check sees it), and still not the writer.
    assert result.stdout.splitlines() == ["False False", "False False", "True False"]


# -- what a facilitator does: rename respondents, add columns; nothing is lost silently ------


def renamed_workbook(tmp_path: Path) -> Path:
    """The template with its respondents renamed and a comments column added after it."""
    workbook = blank_workbook()
    sheet = workbook["Assessment"]
    names = {"respondent 1": "Alice", "respondent 2": "Bob (finance)", "respondent 3": "Table C"}
    columns = header_of(sheet)
    for old, new in names.items():
        sheet.cell(row=1, column=columns[old], value=new)
    comments = sheet.max_column + 1
    sheet.cell(row=1, column=comments, value="Comments")
    row = row_of(sheet, "named_leader")
    for old, level in zip(names, (3, 2, 4), strict=True):
        sheet.cell(row=row, column=columns[old], value=level)
    sheet.cell(row=row_of(sheet, "senior_sponsor"), column=comments, value="ask Sam")
    sheet.cell(row=row_of(sheet, "board_formed"), column=comments, value="later")
    sheet.cell(row=2, column=20, value="stray")  # a cell beyond the header, on a heading row
    return save(workbook, tmp_path / "team.xlsx")


def test_renamed_respondent_columns_are_read_and_other_columns_warned(tmp_path: Path) -> None:
    path = renamed_workbook(tmp_path)
    with pytest.warns(transition.SheetWarning) as caught:
        assessment = load(path)
    assert assessment.answers["named_leader"].levels == (3, 2, 4)
    expected_warnings = [
        f"{path}:Assessment!T2: column T (no heading) is not read, so what it holds is left "
        "out of the assessment; to read it as a respondent's levels, head it 'respondent: "
        "name' or move it between 'level' and 'evidence'; to keep it as text, move it into "
        "'notes'",
        f"{path}:Assessment!N4: column 'Comments' is not read, so what it holds is left out "
        "of the assessment; to read it as a respondent's levels, head it 'respondent: "
        "Comments' or move it between 'level' and 'evidence'; to keep it as text, move it "
        "into 'notes'",
    ]
    assert [str(w.message) for w in caught] == expected_warnings
    assert list(assessment.warnings) == expected_warnings


def test_the_cli_prints_what_a_table_does_not_read(tmp_path: Path) -> None:
    from tests.cli.runner import run

    path = renamed_workbook(tmp_path)
    ran = run("report", str(path), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    lines = ran.stderr.splitlines()
    assert f"warning: {path}:Assessment!N4: column 'Comments' is not read, so what" in "\n".join(
        lines
    )
    assert sum(line.startswith("warning: ") for line in lines) == 2


def test_columns_after_level_with_no_known_column_after_them(tmp_path: Path) -> None:
    """Without 'evidence' (or another known column) to close them, columns after 'level'
    may be anything: only 'respondent ...' ones are read, and the rest are warned about."""
    path = tmp_path / "team.csv"
    path.write_text(
        "# rubric: public-service-spinout\nid,level,Alice,respondent: Bob\nnamed_leader,,3,1\n",
        "utf-8",
    )
    with pytest.warns(transition.SheetWarning) as caught:
        assessment = load(path)
    assert assessment.answers["named_leader"].levels == (1,)
    assert [str(w.message) for w in caught] == [
        f"{path}:3: column 'Alice' is not read, so what it holds is left out of the "
        "assessment; to read it as a respondent's levels, head it 'respondent: Alice' or move "
        "it between 'level' and 'evidence'; to keep it as text, move it into 'notes'"
    ]


# -- levels mean the same in every format -------------------------------------------------

LABELS = ["Established", "established", "3 - Established", "3 established", " 3: ESTABLISHED "]


@pytest.mark.parametrize("label", LABELS)
def test_labels_mean_the_same_in_every_format(tmp_path: Path, label: str) -> None:
    answers = {"named_leader": label, "senior_sponsor": {"levels": [label, "1 Emerging"]}}
    mapping = transition.load_assessment({"rubric": RUBRIC.id, "answers": answers}, RUBRIC)
    assert mapping.answers["named_leader"].level == 3
    assert mapping.answers["senior_sponsor"].levels == (3, 1)
    yaml_path = tmp_path / "team.yaml"
    yaml_path.write_text(
        f"rubric: {RUBRIC.id}\nanswers:\n  named_leader: '{label}'\n"
        f"  senior_sponsor: {{levels: ['{label}', 1 Emerging]}}\n",
        "utf-8",
    )
    json_path = tmp_path / "team.json"
    json_path.write_text(
        f'{{"rubric": "{RUBRIC.id}", "answers": {{"named_leader": "{label}", '
        f'"senior_sponsor": {{"levels": ["{label}", "1 Emerging"]}}}}}}',
        "utf-8",
    )
    csv_path = tmp_path / "team.csv"
    csv_path.write_text(fill_csv(template_text(RUBRIC, "csv"), answers, respondents=2), "utf-8")
    xlsx_path = save(fill_workbook(BLANK_XLSX, answers), tmp_path / "team.xlsx")

    def given(assessment: transition.Assessment) -> dict[str, object]:
        return {
            k: (a.level, a.levels) for k, a in assessment.answers.items() if a.level is not None
        }

    assert given(mapping) == {"named_leader": (3, ()), "senior_sponsor": (1, (3, 1))}
    for path in (yaml_path, json_path, csv_path, xlsx_path):
        assert given(load(path)) == given(mapping), path


def test_a_misspelt_label_and_an_impossible_date_in_a_workbook(tmp_path: Path) -> None:
    workbook = fill_workbook(
        BLANK_XLSX, {"named_leader": "Establshed"}, {"assessed_on": "2026-02-31"}
    )
    path = save(workbook, tmp_path / "team.xlsx")
    assert errors(path) == [
        f"{path}:Assessment!D3: answers.named_leader.level: expected a whole number 0..4 or "
        "'n/a', got text 'Establshed' (did you mean 'Established', level 3?)",
        f"{path}: assessed_on: 2026-02-31 is not a date: February 2026 has 28 days, so there "
        "is no day 31",
    ]


# -- errors do not hide each other ----------------------------------------------------------


def test_table_problems_and_value_problems_are_reported_together(tmp_path: Path) -> None:
    workbook = fill_workbook(
        BLANK_XLSX,
        {"named_leader": {"level": 7, "levels": [2, 3]}, "senior_sponsor": {"levels": [2, "n/a"]}},
    )
    sheet = workbook["Assessment"]
    sheet.merge_cells("K8:L8")
    sheet["D9"] = "sometime"
    path = save(workbook, tmp_path / "team.xlsx")
    assert errors(path) == [
        f"{path}:Assessment!A3: answers.named_leader: give either 'level' or 'levels' "
        "(several respondents), not both",
        f"{path}:Assessment!D3: answers.named_leader.level: level 7 is outside the scale 0..4",
        f"{path}:Assessment!F4: answers.senior_sponsor.levels[1]: expected a whole number "
        "0..4, got text 'n/a'; n/a is not a respondent's level: write n/a as the milestone's "
        "'level' (in a table, in the 'level' column) and leave the respondents' blank",
        f"{path}:Assessment!K8: cells K8:L8 are merged; unmerge them, so that each milestone "
        "has its own row and each cell one value",
        f"{path}:Assessment!D9: answers.{sheet['A9'].value}.level: expected a whole number "
        "0..4 or 'n/a', got text 'sometime'",
    ]


def test_assume_rubric_reads_a_table_that_names_none(tmp_path: Path) -> None:
    rubric = transition.load_rubric()
    bare = tmp_path / "bare.csv"
    bare.write_text("id,level\nnamed_leader,3\n", encoding="utf-8")
    with pytest.raises(transition.AssessmentError, match="does not say which rubric"):
        transition.load_assessment(bare, rubric)
    loaded = transition.load_assessment(bare, rubric, assume_rubric=True)
    assert loaded.rubric == rubric.id
    assert loaded.answers["named_leader"].level == 3
    assert (
        transition.load_assessment({"answers": {"named_leader": 2}}, rubric, assume_rubric=True)
        .answers["named_leader"]
        .level
        == 2
    )
