"""``transition graph [ASSESSMENT] [--format dot|mermaid|svg] [-o FILE]``: run as a real
subprocess, the way people run it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import transition
from tests.cli.test_cli import EXAMPLES, MINIMAL
from tests.cli.test_smoke import program
from transition.report.charts.graph import graph_of, graph_svg
from transition.report.view import status_entries

EXPLORING = EXAMPLES / "exploring.yaml"


def _result(path: Path) -> transition.Readiness:
    rubric = transition.load_rubric()
    return transition.score(rubric, transition.load_assessment(path, rubric))


def test_dot_of_an_assessment_colours_every_milestone_by_status() -> None:
    ran = program("graph", str(EXPLORING))
    assert ran.returncode == 0, ran.stderr
    result = _result(EXPLORING)
    box = r'^    "(\w+)" \[.*style="rounded,filled", fillcolor="#[0-9a-f]{6}"'
    filled = re.findall(box, ran.stdout, re.M)
    assert sorted(filled) == sorted(result.milestones)
    assert "\\n\u2713 Met" in ran.stdout  # the status in words too, not colour alone
    unmet = sum(len(result.milestones[m].unmet_prerequisites) for m in result.milestones)
    assert ran.stdout.count('color="#8c1d18", penwidth=2') == unmet > 0


def test_mermaid_of_an_assessment_has_a_class_per_status() -> None:
    ran = program("graph", str(EXPLORING), "--format", "mermaid")
    assert ran.returncode == 0, ran.stderr
    result = _result(EXPLORING)
    statuses = {result.milestones[m].status.value for m in result.milestones}
    assert set(re.findall(r"^  classDef s_(\w+) fill:#", ran.stdout, re.M)) == statuses
    classed = [
        node
        for line in re.findall(r"^  class (\S+) s_\w+$", ran.stdout, re.M)
        for node in line.split(",")
    ]
    assert sorted(classed) == sorted(result.milestones)
    assert re.search(r"^  linkStyle [\d,]+ stroke:#8c1d18", ran.stdout, re.M)


def test_svg_is_the_svg_the_html_report_embeds(tmp_path: Path) -> None:
    out = tmp_path / "graph.svg"
    ran = program("graph", str(EXPLORING), "--format", "svg", "-o", str(out))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == ""
    assert f"wrote {out} (svg)" in ran.stderr
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    result = _result(EXPLORING)
    html = transition.render(result, "html")
    assert svg in html  # the same bytes, embedded
    assert svg == str(graph_svg(graph_of(result.rubric, result), status_entries()))
    assert 'width="1020"' in svg


def test_without_an_assessment_it_draws_the_rubric_as_before() -> None:
    ran = program("graph", "--rubric", str(MINIMAL), "--format", "svg")
    assert ran.returncode == 0, ran.stderr
    assert 'fill="url(#graph-hatch)"' not in ran.stdout
    assert "Not assessed" not in ran.stdout  # no statuses, so no status legend
    dot = program("graph", "--rubric", str(MINIMAL))
    assert dot.stdout.startswith('digraph "minimal" {')
    assert "fillcolor" not in dot.stdout


def test_rubric_overrides_the_one_the_assessment_names(tmp_path: Path) -> None:
    assessment = tmp_path / "a.yaml"
    assessment.write_text("organisation: X\nanswers: {named_leader: 3}\n", encoding="utf-8")
    ran = program("graph", str(assessment), "--rubric", "public-service-spinout")
    assert ran.returncode == 0, ran.stderr
    assert '"named_leader" [label="A named leader has stepped forward\\n\u2713 Met"' in ran.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("rubric: public-service-spinout\nanswers: {no_such: 3}\n", "no_such"),
        ("answers: {named_leader: 3}\n", "names no rubric"),
        ("rubric: public-service-spinout\nanswers: [\n", "a.yaml:"),
    ],
)
def test_a_bad_assessment_is_a_located_error_exit_1(
    tmp_path: Path, content: str, expected: str
) -> None:
    assessment = tmp_path / "a.yaml"
    assessment.write_text(content, encoding="utf-8")
    out = tmp_path / "graph.svg"
    ran = program("graph", str(assessment), "--format", "svg", "-o", str(out))
    assert ran.returncode == 1
    assert expected in ran.stderr
    assert str(assessment) in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not out.exists()  # nothing written


def test_a_missing_assessment_and_an_unwritable_output_exit_1(tmp_path: Path) -> None:
    missing = program("graph", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 1
    assert "nope.yaml: cannot read" in missing.stderr
    unwritable = program("graph", "-o", str(tmp_path / "no" / "such" / "dir" / "g.dot"))
    assert unwritable.returncode == 1
    assert "cannot write" in unwritable.stderr
    assert "Traceback" not in missing.stderr + unwritable.stderr


def test_an_unknown_format_is_a_usage_error() -> None:
    ran = program("graph", "--format", "png")
    assert ran.returncode == 2
