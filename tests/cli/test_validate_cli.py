"""transition validate: rubrics and assessments, each told by its content."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.cli.runner import run
from tests.cli.test_cli import EXAMPLES, MINIMAL

RUBRIC = "public-service-spinout"


def _json(example: str) -> str:
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    data["assessed_on"] = str(data["assessed_on"])
    return json.dumps(data, indent=1)


def test_assessments_of_every_format_are_checked(tmp_path: Path) -> None:
    as_json = tmp_path / "team.json"
    as_json.write_text(_json("exploring.yaml"), encoding="utf-8")
    files = [EXAMPLES / "exploring.yaml", as_json]
    for suffix in ("csv", "xlsx"):
        files.append(tmp_path / f"blank.{suffix}")
        assert run("template", "-o", str(files[-1])).returncode == 0
    result = run("validate", *map(str, files), str(MINIMAL))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{files[0]}: ok (assessment for {RUBRIC}: 23 answers)",
        f"{files[1]}: ok (assessment for {RUBRIC}: 23 answers)",
        f"{files[2]}: ok (assessment for {RUBRIC}: 0 answers)",
        f"{files[3]}: ok (assessment for {RUBRIC}: 0 answers)",
        f"{MINIMAL}: ok (minimal 0.1: 2 characteristics, 3 milestones)",
    ]


def test_a_bad_assessment_is_never_reported_as_a_broken_rubric(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"rubric: {RUBRIC}\nanswers:\n  named_leader: 9\n  named_leadr: 2\n")
    details_only = tmp_path / "details.yaml"
    details_only.write_text(f"rubric: {RUBRIC}\norganisation: Riverside\n")
    result = run("validate", str(bad), str(details_only))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{bad}:3: answers.named_leader: level 9 is outside the scale 0..4",
        f"{bad}:4: answers.named_leadr: unknown milestone 'named_leadr' "
        "(did you mean 'named_leader'?)",
        f"{details_only}:1: missing required key 'answers'",
    ]
    assert "characteristics" not in result.stderr


def test_an_assessment_is_checked_against_the_rubric_given(tmp_path: Path) -> None:
    team = tmp_path / "team.yaml"
    team.write_text("answers:\n  named_leader: 3\n  nope: 1\n")
    result = run("validate", str(team), "--rubric", str(MINIMAL))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{team}:3: answers.nope: unknown milestone 'nope'",
    ]
    team.write_text("answers:\n  named_leader: 3\n")
    result = run("validate", str(team), "--rubric", str(MINIMAL))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{team}: ok (assessment for minimal: 1 answers)\n"
    result = run("validate", str(team))
    assert result.returncode == 1
    assert result.stderr == (
        f"{team}: the assessment names no rubric (a 'rubric' key); give one with --rubric\n"
    )


def test_an_assessment_without_a_rubric_id_loads_with_rubric(tmp_path: Path) -> None:
    text = (EXAMPLES / "exploring.yaml").read_text(encoding="utf-8")
    unnamed = tmp_path / "team.yaml"
    unnamed.write_text(
        "".join(line for line in text.splitlines(True) if not line.startswith("rubric:")),
        encoding="utf-8",
    )
    hint = run("report", str(unnamed))
    assert hint.returncode == 1
    assert "give one with --rubric" in hint.stderr
    result = run("report", str(unnamed), "--rubric", RUBRIC, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rubric"]["id"] == RUBRIC
    assert (
        result.stdout == run("report", str(EXAMPLES / "exploring.yaml"), "--format", "json").stdout
    )
