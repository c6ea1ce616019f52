"""``transition compare``, the way people use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import run

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
BUSINESS_CASE = str(EXAMPLES / "business-case.yaml")
WORKSHOP = str(EXAMPLES / "workshop.yaml")

NOVEMBER = """\
rubric: public-service-spinout
organisation: Northgate Libraries
assessed_on: 2026-11-02
assessor: Libraries mutual project board
answers:
  named_leader: 4
  senior_sponsor: 3
  guiding_team: 3
  project_resourced: 3
  service_scope: 4
  case_for_change: 3
  vision_written: 3
  staff_briefed: 4
  staff_shape_model: 3
  staff_support_measured: 3
  stakeholder_map: 3
"""


@pytest.fixture
def november(tmp_path: Path) -> str:
    path = tmp_path / "november.yaml"
    path.write_text(NOVEMBER, encoding="utf-8")
    return str(path)


def test_compare_three_assessments_as_text(november: str) -> None:
    result = run("compare", november, WORKSHOP, BUSINESS_CASE)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Progress report: Northgate Libraries"
    assert lines[2] == "Assessments: 3, from 2026-06-18 to 2026-11-02 (137 days)"
    assert "FROM 2026-06-18 TO 2026-11-02" in lines
    assert "BETWEEN ASSESSMENTS" in lines
    assert "2026-07-02 to 2026-11-02 (123 days)" in lines
    assert max(len(line) for line in lines) <= 100
    # The order of the files does not matter: the report is in date order.
    again = run("compare", BUSINESS_CASE, november, WORKSHOP)
    assert again.stdout == result.stdout


def test_compare_as_json(november: str) -> None:
    result = run("compare", BUSINESS_CASE, WORKSHOP, november, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["schema_version"], document["kind"]) == (2, "progress")
    assert document["organisation"] == "Northgate Libraries"
    assert [p["assessed_on"] for p in document["points"]] == [
        "2026-06-18",
        "2026-07-02",
        "2026-11-02",
    ]
    assert len(document["steps"]) == 2


def test_mixed_organisations_exit_1_with_one_line_each() -> None:
    exploring = str(EXAMPLES / "exploring.yaml")
    result = run("compare", BUSINESS_CASE, exploring, WORKSHOP)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{exploring}: organisation: 'Riverside Community Care' differs from "
        f"'Northgate Libraries' in {BUSINESS_CASE}; compare one organisation at a time",
    ]
    assert "Traceback" not in result.stderr


def test_a_missing_date_and_a_bad_file_are_all_reported(tmp_path: Path) -> None:
    undated = tmp_path / "undated.yaml"
    undated.write_text(NOVEMBER.replace("assessed_on: 2026-11-02\n", ""), encoding="utf-8")
    result = run("compare", BUSINESS_CASE, str(undated))
    assert result.returncode == 1
    assert result.stderr == (
        f"{undated}: assessed_on: missing: comparing needs the date of every assessment "
        "(assessed_on: YYYY-MM-DD)\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(NOVEMBER.replace("named_leader: 4", "named_leadr: 4"), encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = run("compare", BUSINESS_CASE, str(bad), str(missing))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:6: answers.named_leadr: unknown milestone 'named_leadr' "
        "(did you mean 'named_leader'?)",
        f"{missing}: cannot read: No such file or directory",
    ]


def test_one_file_is_wrong_usage() -> None:
    result = run("compare", BUSINESS_CASE)
    assert result.returncode == 2
    assert "Usage:" in result.stderr
    assert "compare needs at least two assessment files (got 1)" in result.stderr
    assert run("compare").returncode == 2


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("progress.html", "<!DOCTYPE html>"),
        ("progress.md", "# Progress report: Northgate Libraries"),
        ("progress.txt", "Progress report: Northgate Libraries"),
        ("progress.json", "{"),
    ],
)
def test_output_file_format_from_its_suffix(tmp_path: Path, name: str, first: str) -> None:
    output = tmp_path / name
    result = run("compare", BUSINESS_CASE, WORKSHOP, "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert output.read_text(encoding="utf-8").splitlines()[0] == first
    fmt = {".html": "html", ".md": "markdown", ".txt": "text", ".json": "json"}[output.suffix]
    assert result.stderr == f"wrote {output} ({fmt})\n"


def test_a_failing_compare_never_clobbers_an_existing_output(tmp_path: Path) -> None:
    output = tmp_path / "progress.html"
    output.write_text("previous report", encoding="utf-8")
    exploring = str(EXAMPLES / "exploring.yaml")
    result = run("compare", BUSINESS_CASE, exploring, "-o", str(output))
    assert result.returncode == 1
    assert output.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.html"]
    # A successful run replaces it whole.
    result = run("compare", BUSINESS_CASE, WORKSHOP, "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.html"]


def test_an_unknown_suffix_is_wrong_usage(tmp_path: Path) -> None:
    result = run("compare", BUSINESS_CASE, WORKSHOP, "-o", str(tmp_path / "progress.docx"))
    assert result.returncode == 2
    assert "cannot tell the format from" in result.stderr


def test_a_rubric_option_and_a_clock(tmp_path: Path) -> None:
    result = run(
        "compare",
        BUSINESS_CASE,
        WORKSHOP,
        "--rubric",
        "public-service-spinout",
        "--format",
        "markdown",
        "--generated-at",
        "2026-11-25",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Progress report: Northgate Libraries\n")
    assert result.stdout.endswith("Generated 2026-11-25.\n")
