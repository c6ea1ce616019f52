"""Blank templates in every format, and spreadsheets and CSV files read back."""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
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
from transition import tabular
from transition._files import write_atomic, write_bytes_atomic
from transition._yaml import load_text
from transition.tabular import (
    read_table,
    rubric_named_by,
    template_text,
    template_workbook,
    write_template,
)

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


# -- templates ----------------------------------------------------------------------------


def test_the_yaml_template_loads_with_every_milestone_unassessed(tmp_path: Path) -> None:
    path = tmp_path / "blank.yaml"
    write_template(RUBRIC, path)
    assessment = load(path)
    assert list(assessment.answers) == IDS
    assert all(answer.level is None for answer in assessment.answers.values())
    assert assessment.rubric_version == "1.0.0"
    assert assessment.organisation == ""
    assert (assessment.assessed_on, assessment.phase) == (None, None)
    result = transition.score(RUBRIC, assessment)
    assert result.coverage == 0
    assert {m.status.value for m in result.milestones.values()} <= {"unassessed", "blocked"}


def test_the_yaml_template_explains_every_milestone() -> None:
    text = template_text(RUBRIC, "yaml")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    start = lines.index("  named_leader: null")
    assert lines[start - 18 : start] == [
        "answers:",
        "",
        "  # ---- Leadership (leadership) -------------------------------------------------------"
        "------------",
        "",
        "  # A named leader has stepped forward (critical)",
        "  #   0 Not started: No one has taken ownership of the idea of spinning out.",
        "  #   1 Emerging: Someone champions the idea informally but has not taken on the role "
        "or set time",
        "  #     aside.",
        "  #   2 Developing: A person has agreed to lead, but the role is not yet recognised by "
        "management or",
        "  #     staff, or their time is not protected.",
        "  #   3 Established: A named leader is recognised by staff and management, has protected "
        "time and is",
        "  #     visibly driving the work.",
        "  #   4 Embedded: The leader is trusted across the service and the parent body, has built "
        "a team",
        "  #     around them, and the work would carry on through a short absence.",
        "  # Evidence:",
        "  #   - Name and role of the leader, and how their time on the project is protected",
        "  #   - Staff or management communications that name the leader",
        "  #   - Notes of meetings the leader has convened about the spin-out",
    ]
    for milestone in RUBRIC.milestones.values():
        assert f"  {milestone.id}: null" in lines
        assert f"  # {milestone.title}" in text
        for characteristic in RUBRIC.characteristics:
            assert f"  # ---- {characteristic.title} ({characteristic.id}) " in text
    assert lines[lines.index('organisation: ""') - 2 :][:6] == [
        'rubric_version: "1.0.0"',
        "# The organisation assessed and the date of the assessment (YYYY-MM-DD).",
        'organisation: ""',
        "assessed_on: null",
        "# The phase the team says it is in (optional): explore, business_case, approval, "
        "transition or",
        "# sustain.",
    ]


def test_the_yaml_template_quotes_what_yaml_would_misread() -> None:
    rubric = transition.load_rubric(
        {
            "rubric": "123",
            "title": "Odd ids",
            "version": "2",
            "characteristics": [{"id": "c", "title": "C\u2028with a line separator"}],
            "milestones": [
                {"id": "null", "characteristic": "c", "title": "A\nB"},
                {"id": "012", "characteristic": "c", "title": "x", "levels": {1: "a\u0085b"}},
                {"id": "true", "characteristic": "c", "title": "y"},
            ],
            "bands": [{"id": "all", "label": "All", "min": 0}],
        }
    )
    text = template_text(rubric, "yaml")
    assert 'rubric: "123"' in text
    assert '  "null": null' in text
    assert '  "012": null' in text
    assert "  # A B" in text
    assert "# The rubric defines no phases: leave the phase null." in text
    assessment = transition.load_assessment(load_text(text).data, rubric)
    assert list(assessment.answers) == ["null", "012", "true"]


def test_the_json_template_loads(tmp_path: Path) -> None:
    path = tmp_path / "blank.json"
    write_template(RUBRIC, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {
        "rubric": "public-service-spinout",
        "rubric_version": "1.0.0",
        "organisation": "",
        "assessed_on": None,
        "phase": None,
        "assessor": "",
        "answers": dict.fromkeys(IDS),
    }
    assert all(answer.level is None for answer in load(path).answers.values())


def test_the_csv_template() -> None:
    lines = template_text(RUBRIC, "csv").splitlines()
    assert lines[:8] == [
        "# rubric: public-service-spinout",
        "# rubric_version: 1.0.0",
        "# organisation:",
        "# assessed_on:",
        "# phase:",
        "# assessor:",
        "id,characteristic,title,level,evidence,notes",
        "named_leader,leadership,A named leader has stepped forward,,,",
    ]
    rows = list(csv.reader(lines[7:]))
    assert [row[0] for row in rows] == IDS


def test_the_csv_template_file_has_a_byte_order_mark_for_excel(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    write_template(RUBRIC, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# rubric: public-service-spinout\n")
    assert raw[3:].decode("utf-8") == template_text(RUBRIC, "csv")
    assert all(answer.level is None for answer in load(path).answers.values())


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".csv", ".xlsx"])
def test_templates_are_deterministic(tmp_path: Path, suffix: str) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    write_template(RUBRIC, first)
    write_template(RUBRIC, second)
    assert first.read_bytes() == second.read_bytes()


def test_an_unknown_suffix_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match=r"^cannot tell the template format from 'blank\.ods': "
    ) as e:
        write_template(RUBRIC, tmp_path / "blank.ods")
    assert str(e.value).endswith("use .yaml, .yml, .json, .csv or .xlsx")
    assert not list(tmp_path.iterdir())
    with pytest.raises(ValueError, match="respondents must be 0 or more"):
        template_workbook(RUBRIC, respondents=-1)
    with pytest.raises(ValueError, match="writes yaml, json or csv, not 'xml'"):
        template_text(RUBRIC, "xml")


def test_the_workbook_template() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(RUBRIC, respondents=3)))
    assert workbook.sheetnames == ["Assessment", "Details", "Instructions"]
    sheet = workbook["Assessment"]
    assert [cell.value for cell in sheet[1]] == [
        "id",
        "characteristic",
        "milestone",
        "level",
        "respondent 1",
        "respondent 2",
        "respondent 3",
        "evidence",
        "notes",
        "assessor",
    ]
    assert sheet.freeze_panes == "D2"
    assert [cell.value for cell in sheet[2]][:4] == [None, None, "Leadership", None]
    assert sheet["C2"].font.b
    assert [cell.value for cell in sheet[3]][:4] == [
        "named_leader",
        "leadership",
        "A named leader has stepped forward",
        None,
    ]
    listed = [str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert sorted(listed) == sorted(IDS)
    assert len(listed) + len(RUBRIC.characteristics) == sheet.max_row - 1
    assert sheet["C3"].alignment.wrap_text
    assert sheet["H3"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width >= 40
    validations = {
        str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation
    }
    names = "0 Not started,1 Emerging,2 Developing,3 Established,4 Embedded"
    last = sheet.max_row
    assert validations == {
        f"D2:D{last}": ("list", f'"{names},n/a"'),
        f"E2:G{last}": ("list", f'"{names}"'),
    }
    details = workbook["Details"]
    assert [[cell.value for cell in row] for row in details.iter_rows()] == [
        ["field", "value"],
        ["rubric", "public-service-spinout"],
        ["rubric_version", "1.0.0"],
        ["organisation", None],
        ["assessed_on", None],
        ["phase", None],
        ["assessor", None],
    ]
    instructions = [
        [value for value in row if value is not None]
        for row in workbook["Instructions"].iter_rows(values_only=True)
    ]
    assert [3, "Established", RUBRIC.scale[3].description] in instructions
    assert ["named_leader", "critical", "A named leader has stepped forward"] in instructions
    guidance = RUBRIC.milestones["named_leader"].levels[3]
    assert ["3 Established", guidance] in instructions
    prompts = RUBRIC.milestones["named_leader"].evidence
    assert ["evidence", f"- {prompts[0]}"] in instructions
    assert [f"- {prompts[1]}"] in instructions
    properties = workbook.properties
    assert (properties.created, properties.modified) == (tabular.WORKBOOK_TIME,) * 2


def test_the_workbook_is_byte_stable_without_respondents() -> None:
    data = template_workbook(RUBRIC, respondents=0)
    assert data == template_workbook(RUBRIC, respondents=0)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Assessment"]
    assert [cell.value for cell in sheet[1]][3:] == ["level", "evidence", "notes", "assessor"]
    assert len(sheet.data_validations.dataValidation) == 1


def test_long_or_awkward_labels_go_to_a_hidden_list(tmp_path: Path) -> None:
    rubric = transition.load_rubric(
        {
            "rubric": "commas",
            "title": "Commas",
            "version": "1",
            "scale": [
                {"value": 0, "label": "No, not yet"},
                {"value": 1, "label": 'Some "progress"'},
            ],
            "met_level": 1,
            "characteristics": [{"id": "c", "title": "C"}],
            "milestones": [{"id": "m", "characteristic": "c", "title": "M"}],
            "bands": [{"id": "all", "label": "All", "min": 0}],
        }
    )
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(rubric, respondents=2)))
    assert workbook.sheetnames == ["Assessment", "Lists", "Details", "Instructions"]
    assert workbook["Lists"].sheet_state == "hidden"
    lists = [[cell.value for cell in row] for row in workbook["Lists"].iter_rows()]
    assert lists == [
        ["0 No, not yet", "0 No, not yet"],
        ['1 Some "progress"', '1 Some "progress"'],
        ["n/a", None],
    ]
    formulas = [v.formula1 for v in workbook["Assessment"].data_validations.dataValidation]
    assert formulas == ["'Lists'!$A$1:$A$3", "'Lists'!$B$1:$B$2"]
    sheet = workbook["Assessment"]
    sheet["D3"] = '1 Some "progress"'
    sheet["E3"] = "no, NOT yet"
    sheet["F3"] = '1 some "PROGRESS"'
    path = save(workbook, tmp_path / "commas.xlsx")
    assert read_table(path, rubric).data["answers"]["m"] == {"level": 1, "levels": [0, 1]}


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
    document = read_table(path, RUBRIC)
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
        "got text 'n/a'",
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


# -- atomic writing -------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "team.xlsx"
    write_bytes_atomic(target, b"old")
    write_atomic(tmp_path / "note.txt", "caf\u00e9\n")
    assert (tmp_path / "note.txt").read_bytes() == "caf\u00e9\n".encode()

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_template(RUBRIC, target)
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["note.txt", "team.xlsx"]


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
