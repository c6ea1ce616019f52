"""SPEC §7 (``transition plan``, ``transition gap``, ``report --target``) from the text
alone, with issue 10 part 6: format from the suffix, capacities, located errors and
outputs written whole or not at all.

Written by a second engineer who did not see the command line. The plans are of the
workstreams fixture, worked out by hand in ``tests/spec/plan_files.py``: every answer 0,
assessed on 2026-01-05, 11 weeks, finishing 2026-03-23.

Readings that the text leaves open are marked ``# SPEC-AMBIGUOUS:``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transition
from tests.cli.runner import Ran, run

from .plan_files import (
    ASSESSMENT,
    CRITICAL,
    FINISH,
    LAUNCH,
    TITLES,
    WORKSTREAMS,
    WORKSTREAMS_FILE,
    data_tasks,
    fences,
    gantt_svgs,
    parse_html,
    task_groups,
    tr,
    workstreams_result,
)

LAUNCH_TITLE = "Launch the co-op"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """The workstreams assessment and the LAUNCH target, in ``tmp_path``."""
    assessment = tmp_path / "team.yaml"
    assessment.write_text(ASSESSMENT, encoding="utf-8")
    target = tmp_path / "launch.yaml"
    target.write_text(LAUNCH, encoding="utf-8")
    return {"assessment": str(assessment), "target": str(target)}


def plan_cmd(files: dict[str, str], *args: str) -> Ran:
    """``transition plan`` of the workstreams assessment."""
    return run("plan", files["assessment"], "--rubric", str(WORKSTREAMS_FILE), *args)


def gap_cmd(files: dict[str, str], *args: str) -> Ran:
    """``transition gap`` of the workstreams assessment against LAUNCH."""
    return run(
        "gap",
        files["assessment"],
        "--rubric",
        str(WORKSTREAMS_FILE),
        "--target",
        files["target"],
        *args,
    )


def ok(ran: Ran) -> Ran:
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr
    return ran


def the_plan(**options: Any) -> Any:
    """The plan of the fixture assessment (the same answers as ``ASSESSMENT``)."""
    return tr.plan(workstreams_result(), **options)


def the_gap() -> Any:
    """The gap of the fixture assessment to LAUNCH."""
    return tr.gap(workstreams_result(), transition_target())


def transition_target() -> Any:
    return tr.load_target(
        {
            "target": "launch",
            "rubric": "workstreams",
            "title": LAUNCH_TITLE,
            "by": "2026-03-02",
            "milestones": {"contract": 4},
        },
        WORKSTREAMS,
    )


def kind_of_content(data: bytes) -> str:
    """What a written file is, by its content."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = data.decode("utf-8").lstrip("\ufeff")
    if text.lstrip().lower().startswith("<!doctype html>"):
        return "html"
    if text.lstrip().startswith("{"):
        return "json"
    if fences(text, "mermaid"):
        return "markdown"
    if text.startswith("workstream,") or ",milestone," in text.splitlines()[0]:
        return "csv"
    return "text"


# -- plan: the format from the suffix, or --format ------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("plan.html", "html"),
        ("plan.md", "markdown"),
        ("plan.txt", "text"),
        ("plan.json", "json"),
        ("plan.csv", "csv"),
        ("plan.xlsx", "xlsx"),
    ],
)
def test_plan_writes_the_format_its_suffix_names(
    files: dict[str, str], tmp_path: Path, name: str, fmt: str
) -> None:
    output = tmp_path / "out" / name
    output.parent.mkdir()
    ran = ok(plan_cmd(files, "-o", str(output)))
    assert ran.stdout == ""
    data = output.read_bytes()
    assert kind_of_content(data) == fmt
    if fmt in ("html", "markdown", "text", "json"):
        assert data.decode("utf-8") == transition.render(the_plan(), fmt)
    assert list(output.parent.iterdir()) == [output]


def test_plan_html_file_has_the_gantt(files: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "plan.html"
    ok(plan_cmd(files, "-o", str(output)))
    tree = parse_html(output.read_text(encoding="utf-8"))
    (chart,) = gantt_svgs(tree)
    assert sorted(data_tasks(chart)) == sorted(TITLES)
    assert {g.attributes["data-task"] for g in task_groups(chart) if "critical" in g.classes} == (
        CRITICAL
    )


def test_plan_markdown_file_has_the_mermaid_block(files: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "plan.md"
    ok(plan_cmd(files, "-o", str(output)))
    (block,) = fences(output.read_text(encoding="utf-8"), "mermaid")
    assert block.startswith("gantt")


def test_plan_csv_file_has_a_row_per_task(files: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "plan.csv"
    ok(plan_cmd(files, "-o", str(output)))
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert [row["milestone"] for row in rows] == [task.id for task in the_plan().tasks]


def test_plan_workbook_opens_with_a_row_per_task(files: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "plan.xlsx"
    ok(plan_cmd(files, "-o", str(output)))
    workbook: Any = openpyxl.load_workbook(output)
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(cell).lower() for cell in rows[0] if cell is not None]
    # SPEC §9: "workstream, milestone, start, finish, slack, critical, owner and status"
    for column in ("workstream", "milestone", "owner", "status"):
        assert column in header, header
    for word in ("start", "finish", "slack", "critical"):
        assert any(name.startswith(word) for name in header), (word, header)
    milestone = header.index("milestone")
    ids = [row[milestone] for row in rows[1:] if any(cell is not None for cell in row)]
    assert ids == [task.id for task in the_plan().tasks]


@pytest.mark.parametrize(("fmt", "kind"), [("markdown", "markdown"), ("html", "html")])
def test_plan_format_option_wins_over_the_suffix(
    files: dict[str, str], tmp_path: Path, fmt: str, kind: str
) -> None:
    output = tmp_path / "plan.txt"
    ok(plan_cmd(files, "--format", fmt, "-o", str(output)))
    assert kind_of_content(output.read_bytes()) == kind
    assert output.read_text(encoding="utf-8") == transition.render(the_plan(), fmt)


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_plan_without_output_prints_the_report(files: dict[str, str], fmt: str) -> None:
    ran = ok(plan_cmd(files, "--format", fmt))
    assert ran.stdout == transition.render(the_plan(), fmt)


def test_plan_prints_text_by_default(files: dict[str, str]) -> None:
    # SPEC-AMBIGUOUS: §7 does not name plan's default format; read as report's (text),
    # which is what `transition plan --help` says.
    ran = ok(plan_cmd(files))
    assert ran.stdout == transition.render(the_plan(), "text")
    assert FINISH in ran.stdout


def test_plan_with_one_capacity_for_all(files: dict[str, str]) -> None:
    ran = ok(plan_cmd(files, "--capacity", "2", "--format", "html"))
    assert ran.stdout == transition.render(the_plan(capacity=2), "html")
    assert ran.stdout != transition.render(the_plan(), "html")


def test_plan_with_a_capacity_per_workstream(files: dict[str, str]) -> None:
    ran = ok(plan_cmd(files, "--capacity", "people=1", "--capacity", "legal=1", "--format", "text"))
    assert ran.stdout == transition.render(the_plan(capacity={"people": 1, "legal": 1}), "text")


def test_plan_of_a_target_as_markdown(files: dict[str, str]) -> None:
    ran = ok(plan_cmd(files, "--target", files["target"], "--format", "markdown"))
    assert ran.stdout == transition.render(the_plan(target=transition_target()), "markdown")


def test_plan_files_are_byte_identical_run_to_run(files: dict[str, str], tmp_path: Path) -> None:
    for suffix in (".html", ".md", ".txt", ".xlsx"):
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        ok(plan_cmd(files, "-o", str(first)))
        ok(plan_cmd(files, "-o", str(second)))
        assert first.read_bytes() == second.read_bytes(), suffix


# -- gap --------------------------------------------------------------------------------


def test_gap_writes_markdown_from_the_suffix(files: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "gap.md"
    ran = ok(gap_cmd(files, "-o", str(output)))
    assert ran.stdout == ""
    report = output.read_text(encoding="utf-8")
    assert report == transition.render(the_gap(), "markdown")
    assert LAUNCH_TITLE in report
    (block,) = fences(report, "mermaid")
    assert block.startswith("gantt")


@pytest.mark.parametrize("fmt", ["html", "text", "json"])
def test_gap_in_each_format_on_standard_output(files: dict[str, str], fmt: str) -> None:
    ran = ok(gap_cmd(files, "--format", fmt))
    assert ran.stdout == transition.render(the_gap(), fmt)


def test_gap_prints_text_by_default(files: dict[str, str]) -> None:
    ran = ok(gap_cmd(files))
    assert ran.stdout == transition.render(the_gap(), "text")
    # the goal set: contract at 4, with its unmet ancestors leader and lawyer
    for mid in ("leader", "lawyer", "contract"):
        assert TITLES[mid] in " ".join(ran.stdout.split())


def test_gap_html_has_the_plan_to_reach_it(files: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "gap.html"
    ok(gap_cmd(files, "-o", str(output)))
    (chart,) = gantt_svgs(parse_html(output.read_text(encoding="utf-8")))
    assert sorted(data_tasks(chart)) == ["contract", "lawyer", "leader"]


# -- report --target -----------------------------------------------------------------


def test_report_json_with_a_target_is_wrong_usage(files: dict[str, str]) -> None:
    # The readiness JSON is the result's own document (SPEC §6); the gap has its own.
    args = ("report", files["assessment"], "--rubric", str(WORKSTREAMS_FILE))
    ran = run(*args, "--format", "json", "--target", files["target"])
    assert ran.returncode == 2
    assert "transition gap" in ran.stderr
    assert ran.stdout == ""


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_report_with_a_target_adds_the_gap(files: dict[str, str], fmt: str) -> None:
    args = ("report", files["assessment"], "--rubric", str(WORKSTREAMS_FILE), "--format", fmt)
    plain = ok(run(*args))
    assert LAUNCH_TITLE not in plain.stdout
    ran = ok(run(*args, "--target", files["target"]))
    assert ran.stdout == tr.render(workstreams_result(), fmt, target=transition_target())
    assert LAUNCH_TITLE in ran.stdout


def test_report_with_a_bad_target_writes_nothing(files: dict[str, str], tmp_path: Path) -> None:
    Path(files["target"]).write_text(
        "target: launch\nrubric: workstreams\nmilestones:\n  contrat: 4\n", encoding="utf-8"
    )
    output = tmp_path / "report.html"
    ran = run(
        "report",
        files["assessment"],
        "--rubric",
        str(WORKSTREAMS_FILE),
        "--target",
        files["target"],
        "-o",
        str(output),
    )
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert ran.stderr.startswith(f"{files['target']}:")
    assert "contrat" in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not output.exists()


# -- bad input: exit 1, located, nothing written ----------------------------------------

BAD_TARGET = "target: launch\nrubric: workstreams\nband: redy\n"


@pytest.mark.parametrize(
    ("command", "name"),
    [("plan", "plan.html"), ("plan", "plan.xlsx"), ("gap", "gap.md"), ("gap", "gap.json")],
)
def test_a_bad_target_is_located_and_nothing_is_written(
    files: dict[str, str], tmp_path: Path, command: str, name: str
) -> None:
    Path(files["target"]).write_text(BAD_TARGET, encoding="utf-8")
    output = tmp_path / name
    before = sorted(path.name for path in tmp_path.iterdir())
    ran = run(
        command,
        files["assessment"],
        "--rubric",
        str(WORKSTREAMS_FILE),
        "--target",
        files["target"],
        "-o",
        str(output),
    )
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert "Traceback" not in ran.stderr
    # one line per problem, each naming the file (and the line: band is on line 3)
    assert ran.stderr.splitlines() == [
        f"{files['target']}:3: band: unknown band 'redy' (did you mean 'ready'?)"
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", ["plan", "gap"])
def test_a_bad_target_leaves_an_existing_output_alone(
    files: dict[str, str], tmp_path: Path, command: str
) -> None:
    Path(files["target"]).write_text(BAD_TARGET, encoding="utf-8")
    output = tmp_path / "out.html"
    output.write_text("yesterday's report", encoding="utf-8")
    ran = run(
        command,
        files["assessment"],
        "--rubric",
        str(WORKSTREAMS_FILE),
        "--target",
        files["target"],
        "-o",
        str(output),
    )
    assert ran.returncode == 1
    assert output.read_text(encoding="utf-8") == "yesterday's report"


def test_a_missing_target_file_is_named(files: dict[str, str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    output = tmp_path / "gap.html"
    ran = run(
        "gap",
        files["assessment"],
        "--rubric",
        str(WORKSTREAMS_FILE),
        "--target",
        str(missing),
        "-o",
        str(output),
    )
    assert ran.returncode == 1
    assert ran.stderr.startswith(f"{missing}: ")
    assert "Traceback" not in ran.stderr
    assert not output.exists()


def test_an_unreadable_assessment_writes_no_report(files: dict[str, str], tmp_path: Path) -> None:
    Path(files["assessment"]).write_text(
        "rubric: workstreams\nanswers:\n  leader: 9\n", encoding="utf-8"
    )
    output = tmp_path / "plan.md"
    ran = plan_cmd(files, "-o", str(output))
    assert ran.returncode == 1
    assert ran.stderr == (
        f"{files['assessment']}:3: answers.leader: level 9 is outside the scale 0..4\n"
    )
    assert not output.exists()
