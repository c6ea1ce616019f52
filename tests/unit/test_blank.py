"""Blank templates in every format: what they say, and that they load as they are."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

import transition
from transition import blank
from transition._files import write_atomic, write_bytes_atomic
from transition._yaml import load_text
from transition.blank import template_text, template_workbook, write_template
from transition.tables import read_table

RUBRIC = transition.load_rubric()
IDS = list(RUBRIC.milestones)


def save(workbook: Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def load(path: Path) -> transition.Assessment:
    return transition.load_assessment(path, RUBRIC)


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
    assert (properties.created, properties.modified) == (blank.WORKBOOK_TIME,) * 2


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


# -- no live formula, no crash, from a rubric's text ----------------------------------------

HOSTILE_TEXT = {
    "title": '=HYPERLINK("http://evil.example","click")',
    "characteristic": "+1 leadership",
    "prompt": "@SUM(A1:A9)",
    "guidance": "-2+3",
}


def hostile_rubric() -> transition.Rubric:
    return transition.load_rubric(
        {
            "rubric": "hostile",
            "title": "Hostile\x07 rubric",
            "version": "1",
            "bands": [{"id": "no", "label": "No", "min": 0}],
            "characteristics": [{"id": "c", "title": HOSTILE_TEXT["characteristic"]}],
            "milestones": [
                {
                    "id": "m",
                    "title": HOSTILE_TEXT["title"],
                    "characteristic": "c",
                    "levels": {0: HOSTILE_TEXT["guidance"], 3: "done\x01 and\x1f dusted"},
                    "evidence": [HOSTILE_TEXT["prompt"]],
                }
            ],
        }
    )


def test_rubric_text_is_never_a_formula_in_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(hostile_rubric())))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = {cell.value for cell in cells}
    assert HOSTILE_TEXT["title"] in values
    assert f"- {HOSTILE_TEXT['prompt']}" in values
    assert HOSTILE_TEXT["guidance"] in values
    # The control characters are gone, the text around them kept.
    assert "done and dusted" in values
    assert "Hostile rubric (hostile 1)" in values


def test_rubric_text_is_quoted_in_a_csv_template_and_read_back(tmp_path: Path) -> None:
    rubric = hostile_rubric()
    text = template_text(rubric, "csv")
    row = next(r for r in csv.reader(io.StringIO(text)) if r and r[0] == "m")
    assert row[2] == "'" + HOSTILE_TEXT["title"]
    path = tmp_path / "team.csv"
    path.write_text(text.replace(",,,\n", ",3,'-ok,'@home\n"), "utf-8")
    document = read_table(path, rubric)
    assert document.data["answers"]["m"] == {"level": 3, "evidence": "-ok", "notes": "@home"}


def _no_na_rubric() -> transition.Rubric:
    return transition.load_rubric(
        {
            "rubric": "no-na",
            "title": "No n/a",
            "version": "1",
            "allow_na": False,
            "characteristics": [{"id": "c", "title": "C"}],
            "milestones": [{"id": "a", "characteristic": "c", "title": "A"}],
            "bands": [{"id": "all", "label": "All", "min": 0}],
        }
    )


def _level_choices(workbook: Workbook) -> list[str]:
    (validation,) = [
        v for v in workbook["Assessment"].data_validations.dataValidation if "D2" in str(v.sqref)
    ]
    assert validation.formula1 is not None
    formula = str(validation.formula1).strip('"')
    if "!" in formula:  # a hidden list sheet: read its cells
        sheet_name, cells = formula.split("!")
        sheet = workbook[sheet_name.strip("'")]
        return [str(c.value) for row in sheet[cells.replace("$", "")] for c in row if c.value]
    return formula.split(",")


def test_templates_offer_no_na_where_the_rubric_allows_none() -> None:
    def flat(text: str) -> str:  # the comments as one line
        return " ".join(line.strip().lstrip("#").strip() for line in text.splitlines())

    rubric = _no_na_rubric()
    text = flat(template_text(rubric, "yaml"))
    assert "or n/a when it does not apply" not in text
    assert "(this rubric has no n/a)" in text
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(rubric, respondents=1)))
    assert "n/a" not in _level_choices(workbook)
    instructions = " ".join(
        str(row[0]) for row in workbook["Instructions"].iter_rows(values_only=True) if row[0]
    )
    assert "n/a when the milestone does not apply" not in instructions
    # The bundled rubric allows n/a: its templates offer it.
    bundled = openpyxl.load_workbook(io.BytesIO(template_workbook(RUBRIC, respondents=1)))
    assert "n/a" in _level_choices(bundled)
    assert "or n/a when it does not apply" in flat(template_text(RUBRIC, "yaml"))
