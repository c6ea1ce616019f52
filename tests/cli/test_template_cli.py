"""``transition template``, and reports of filled-in templates."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transition
from tests.cli.runner import run
from transition.blank import template_text

RUBRIC = transition.load_rubric()
MINIMAL = Path(__file__).parent.parent / "fixtures" / "rubrics" / "valid" / "minimal.yaml"

#: Answers of every kind a workshop gives.
ANSWERS: dict[str, Any] = {
    "named_leader": 3,
    "senior_sponsor": {"level": 2, "evidence": "Director's email, 3 Oct", "notes": "Verbal"},
    "guiding_team": {"levels": [3, 2, 4, 1]},
    "project_resourced": {"levels": [1, 3]},
    "tupe_consultation": "n/a",
    "vision_written": 4,
}
DETAILS = {"organisation": "Riverside Community Care", "assessed_on": "2026-11-02"}


def report(path: Path) -> dict[str, Any]:
    result = run("report", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def fill_yaml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in DETAILS.items():
        text = text.replace(f'\n{key}: ""\n', f"\n{key}: {value}\n")
        text = text.replace(f"\n{key}: null\n", f"\n{key}: {value}\n")
    for milestone_id, answer in ANSWERS.items():
        text = text.replace(
            f"\n  {milestone_id}: null\n", f"\n  {milestone_id}: {json.dumps(answer)}\n"
        )
    path.write_text(text, encoding="utf-8")


def fill_csv(path: Path) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    header = rows[6] + ["respondent 1", "respondent 2", "respondent 3", "respondent 4"]
    rows[6] = header
    for index, row in enumerate(rows):
        key = row[0][1:].partition(":")[0].strip() if row[0].startswith("#") else None
        if key in DETAILS:
            rows[index] = [f"# {key}: {DETAILS[key]}"]
        elif index > 6:
            row += [""] * (len(header) - len(row))
            answer = ANSWERS.get(row[0])
            if isinstance(answer, dict):
                for name in ("level", "evidence", "notes"):
                    if name in answer:
                        row[header.index(name)] = str(answer[name])
                for number, level in enumerate(answer.get("levels", []), start=1):
                    row[header.index(f"respondent {number}")] = str(level)
            elif answer is not None:
                row[header.index("level")] = str(answer)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def fill_xlsx(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Assessment"]
    columns = {str(cell.value): cell.column for cell in sheet[1] if cell.column is not None}
    labels = {level.value: f"{level.value} {level.label}" for level in RUBRIC.scale}
    for row in range(2, sheet.max_row + 1):
        answer = ANSWERS.get(str(sheet.cell(row=row, column=1).value))
        if isinstance(answer, dict):
            if "level" in answer:  # as the drop-down writes it
                sheet.cell(row=row, column=columns["level"], value=labels[answer["level"]])
            for name in ("evidence", "notes"):
                if name in answer:
                    sheet.cell(row=row, column=columns[name], value=answer[name])
            for number, level in enumerate(answer.get("levels", []), start=1):
                sheet.cell(row=row, column=columns[f"respondent {number}"], value=level)
        elif answer is not None:
            sheet.cell(row=row, column=columns["level"], value=answer)
    details = workbook["Details"]
    for row in range(2, details.max_row + 1):
        field = str(details.cell(row=row, column=1).value)
        if field in DETAILS:
            details.cell(row=row, column=2, value=DETAILS[field])
    workbook.save(path)


FILLERS = {"yaml": fill_yaml, "csv": fill_csv, "xlsx": fill_xlsx}


def test_template_prints_yaml_by_default() -> None:
    result = run("template")
    assert result.returncode == 0, result.stderr
    assert result.stdout == template_text(RUBRIC, "yaml")
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["yaml", "csv", "xlsx"])
def test_a_filled_in_template_scores_like_the_same_answers_given_as_a_mapping(
    tmp_path: Path, fmt: str
) -> None:
    template = tmp_path / f"team.{fmt}"
    result = run("template", "-o", str(template))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote {template} ({fmt}, 52 milestones)\n"
    FILLERS[fmt](template)
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"rubric": RUBRIC.id, **DETAILS, "answers": ANSWERS}), encoding="utf-8"
    )
    expected, actual = report(mapping), report(template)
    assert actual["score"] == expected["score"] > 0
    assert actual["characteristics"] == expected["characteristics"]
    assert actual["milestones"] == expected["milestones"]
    assert actual == expected


def test_template_for_another_rubric_with_respondents(tmp_path: Path) -> None:
    target = tmp_path / "workshop.xlsx"
    result = run("template", "--rubric", str(MINIMAL), "-o", str(target), "--respondents", "3")
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {target} (xlsx, 3 milestones)\n"
    sheet = openpyxl.load_workbook(target)["Assessment"]
    assert [cell.value for cell in sheet[1]][3:7] == [
        "level",
        "respondent 1",
        "respondent 2",
        "respondent 3",
    ]
    minimal = transition.load_rubric(MINIMAL)
    listed = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert listed == [  # grouped by characteristic
        m.id
        for c in minimal.characteristics
        for m in minimal.milestones.values()
        if m.characteristic == c.id
    ]
    assert listed != list(minimal.milestones)


def test_json_template(tmp_path: Path) -> None:
    target = tmp_path / "blank.json"
    result = run("template", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["answers"] == dict.fromkeys(
        RUBRIC.milestones
    )
    assert run("report", str(target)).returncode == 0


def test_an_unknown_suffix_is_wrong_usage(tmp_path: Path) -> None:
    result = run("template", "-o", str(tmp_path / "blank.ods"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: cannot tell the template format from '{tmp_path / 'blank.ods'}'; "
        "use a suffix such as .yaml, .yml, .json, .csv, .xlsx"
    )
    assert not list(tmp_path.iterdir())
    assert run("template", "--respondents", "-1").returncode == 2


def test_bad_input_is_exit_1(tmp_path: Path) -> None:
    result = run("template", "--rubric", "no-such-rubric")
    assert result.returncode == 1
    assert "no-such-rubric" in result.stderr
    assert "Traceback" not in result.stderr
    target = tmp_path / "missing" / "blank.xlsx"
    result = run("template", "-o", str(target))
    assert result.returncode == 1
    assert result.stderr == f"{target}: cannot write: No such file or directory\n"


def test_a_malformed_workbook_is_reported_cell_by_cell(tmp_path: Path) -> None:
    path = tmp_path / "team.xlsx"
    assert run("template", "-o", str(path)).returncode == 0
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Assessment"]
    sheet["D3"] = "soon"
    sheet["D4"] = 7
    sheet["A5"] = "guidng_team"
    workbook.save(path)
    result = run("report", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:Assessment!D3: answers.named_leader.level: expected a whole number 0..4 or "
        "'n/a', got text 'soon'",
        f"{path}:Assessment!D4: answers.senior_sponsor.level: level 7 is outside the scale 0..4",
        f"{path}:Assessment!A5: answers.guidng_team: unknown milestone 'guidng_team' "
        "(did you mean 'guiding_team'?)",
    ]


def test_a_corrupt_workbook_and_a_table_without_a_rubric(tmp_path: Path) -> None:
    corrupt = tmp_path / "team.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 truncated")
    result = run("report", str(corrupt))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{corrupt}: not a valid .xlsx workbook (File is not a zip file); open it in Excel or "
        "LibreOffice and save it as an Excel workbook (.xlsx)"
    ]
    bare = tmp_path / "bare.csv"
    bare.write_text("id,level\nnamed_leader,3\n", encoding="utf-8")
    result = run("report", str(bare))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bare}: the assessment names no rubric (a '# rubric:' line in a CSV file, a 'rubric' "
        "row on the sheet 'Details' of a workbook); give one with --rubric"
    ]


def test_a_table_without_a_rubric_loads_with_rubric(tmp_path: Path) -> None:
    # The hint above says "give one with --rubric": doing so must work, for CSV and XLSX.
    bare = tmp_path / "bare.csv"
    bare.write_text("id,level\nnamed_leader,3\n", encoding="utf-8")
    done = run("report", str(bare), "--rubric", "public-service-spinout", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert '"named_leader": {\n      "status": "met"' in done.stdout
    workbook = tmp_path / "bare.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Assessment"
    sheet.append(["id", "level"])
    sheet.append(["named_leader", 3])
    book.save(workbook)
    done = run("report", str(workbook), "--rubric", "public-service-spinout", "--format", "json")
    assert done.returncode == 0, done.stderr
    # Another rubric named in the table is still refused, --rubric or not.
    other = tmp_path / "other.csv"
    other.write_text("# rubric: someone-else\nid,level\nnamed_leader,3\n", encoding="utf-8")
    done = run("report", str(other), "--rubric", "public-service-spinout")
    assert done.returncode == 1
    assert "someone-else" in done.stderr
