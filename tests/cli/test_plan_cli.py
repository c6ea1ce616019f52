"""``transition plan`` and ``transition gap``, the way people use them.

Most plans are of ``tests/fixtures/rubrics/valid/workstreams.yaml`` (three workstreams;
the schedules are worked out by hand in ``tests/unit/test_workplan.py``): every answer
0, assessed on 2026-01-05, the plan of the readiness path is 11 weeks long, 15 with
capacity 2 and 12 with ``people=1``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transition
from tests.cli.runner import Ran, run
from tests.cli.test_smoke import program
from transition.report.registry import formats, reporter_for
from transition.workplan import plan_workbook

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
NEAR_GO_LIVE = EXAMPLES / "near-go-live.yaml"
GO_LIVE = EXAMPLES / "targets" / "go-live.yaml"
RUBRIC_FILE = ROOT / "tests" / "fixtures" / "rubrics" / "valid" / "workstreams.yaml"
WORKSTREAMS = transition.load_rubric(RUBRIC_FILE)
BUNDLED = transition.load_rubric()

ASSESSMENT = "rubric: workstreams\norganisation: Tiny Co-op\nassessed_on: 2026-01-05\nanswers: {}\n"
TARGET = """\
target: launch
rubric: workstreams
by: 2026-03-02
band: developing
milestones:
  contract: 4
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """An assessment of the workstreams rubric and a target for it, in ``tmp_path``."""
    assessment = tmp_path / "team.yaml"
    assessment.write_text(ASSESSMENT, encoding="utf-8")
    target = tmp_path / "launch.yaml"
    target.write_text(TARGET, encoding="utf-8")
    return {"assessment": str(assessment), "target": str(target), "rubric": str(RUBRIC_FILE)}


def plan(files: dict[str, str], *args: str) -> Ran:
    """``transition plan`` of the fixture assessment, with its rubric file."""
    return run("plan", files["assessment"], "--rubric", files["rubric"], *args)


def as_json(ran: Ran) -> dict[str, Any]:
    assert ran.returncode == 0, ran.stderr
    document: dict[str, Any] = json.loads(ran.stdout)
    return document


def expected(**options: Any) -> transition.Plan:
    """The plan the library makes of the fixture assessment."""
    mapping = {"rubric": "workstreams", "organisation": "Tiny Co-op", "answers": {}}
    result = transition.score(
        WORKSTREAMS,
        transition.load_assessment({**mapping, "assessed_on": "2026-01-05"}, WORKSTREAMS),
    )
    return transition.plan(result, **options)


def usage(ran: Ran, message: str) -> None:
    """Wrong usage: exit 2, click's usage lines, then this message; nothing on stdout."""
    assert ran.returncode == 2, ran.stderr
    assert ran.stdout == ""
    assert ran.stderr.startswith("Usage: transition ")
    assert ran.stderr.endswith(f"\nError: {message}\n"), ran.stderr


# -- plan: what it prints and writes ---------------------------------------------------


def test_plan_as_json(files: dict[str, str]) -> None:
    ran = plan(files, "--format", "json")
    assert ran.stderr == ""
    assert ran.stdout == transition.render(expected(), "json")
    document = as_json(ran)
    assert document["length_weeks"] == 11
    assert document["critical_path"] == ["leader", "lawyer", "contract", "go_live"]
    assert document["finish_date"] == "2026-03-23"


def test_plan_prints_text_by_default_like_report(files: dict[str, str]) -> None:
    # Text once the plan has a text reporter; until then, JSON (the one format it has).
    default = "text" if "text" in formats("plan") else "json"
    assert plan(files).stdout == plan(files, "--format", default).stdout
    assert plan(files).returncode == 0


def test_plan_as_csv_on_standard_output(files: dict[str, str]) -> None:
    ran = plan(files, "--format", "csv")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == expected().to_csv()
    assert ran.stdout.startswith("workstream,milestone,title,")


@pytest.mark.parametrize(
    ("name", "fmt"), [("plan.json", "json"), ("plan.csv", "csv"), ("PLAN.XLSX", "xlsx")]
)
def test_plan_format_from_the_output_suffix(
    files: dict[str, str], tmp_path: Path, name: str, fmt: str
) -> None:
    output = tmp_path / "out" / name
    output.parent.mkdir()
    ran = plan(files, "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == ""
    assert ran.stderr == f"wrote {output} ({fmt})\n"
    data = output.read_bytes()
    if fmt == "json":
        assert data.decode() == transition.render(expected(), "json")
    elif fmt == "csv":  # with a byte-order mark, so that Excel reads UTF-8
        assert data.decode("utf-8") == "\ufeff" + expected().to_csv()
    else:
        assert data == plan_workbook(expected())
    assert list(output.parent.iterdir()) == [output]  # no temporary file left behind


def test_plan_format_option_wins_over_the_suffix(files: dict[str, str], tmp_path: Path) -> None:
    output = tmp_path / "plan.txt"
    ran = plan(files, "--format", "xlsx", "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    workbook: Any = openpyxl.load_workbook(io.BytesIO(output.read_bytes()))
    assert workbook.sheetnames == ["Plan", "Summary"]


def test_plan_as_a_workbook_is_byte_stable(files: dict[str, str], tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert plan(files, "-o", str(first)).returncode == 0
    assert plan(files, "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("capacity", "length", "library"),
    [
        (["2"], 15, 2),
        (["people=1"], 12, {"people": 1}),
        (["people=1", "legal=1"], 12, {"people": 1, "legal": 1}),
        ([" money = 1 "], 11, {"money": 1}),
    ],
    ids=["2", "people=1", "people=1 legal=1", "spaces"],
)
def test_plan_with_capacity(
    files: dict[str, str], capacity: list[str], length: int, library: Any
) -> None:
    args = [arg for limit in capacity for arg in ("--capacity", limit)]
    document = as_json(plan(files, *args, "--format", "json"))
    assert document["length_weeks"] == length
    assert {task["slack_weeks"] for task in document["tasks"]} == {None}
    assert document == json.loads(transition.render(expected(capacity=library), "json"))


def test_plan_of_every_open_milestone(files: dict[str, str], tmp_path: Path) -> None:
    answered = tmp_path / "answered.yaml"
    answered.write_text(
        "rubric: workstreams\nanswers: {leader: 3, lawyer: 3, budget: 3, staff_vote: 1}\n",
        encoding="utf-8",
    )
    path = as_json(run("plan", str(answered), "--rubric", files["rubric"], "--format", "json"))
    every = as_json(
        run(
            "plan",
            str(answered),
            "--rubric",
            files["rubric"],
            "--include",
            "all",
            "--format",
            "json",
        )
    )
    # Met: leader, lawyer, budget. The readiness path is the critical milestones and their
    # open ancestors: contract, go_live and go_live's board and staff_vote; all of them
    # are the open milestones here too.
    assert [t["id"] for t in path["tasks"]] == ["board", "staff_vote", "contract", "go_live"]
    assert {t["id"] for t in every["tasks"]} == {"board", "staff_vote", "contract", "go_live"}
    assert path["finish_date"] is None  # no assessed_on, no --start: no dates


def test_plan_with_start_and_deadline(files: dict[str, str]) -> None:
    document = as_json(
        plan(files, "--start", "2026-02-02", "--deadline", "2026-04-13", "--format", "json")
    )
    # Week 0 is 2026-02-02; 11 weeks later is 2026-04-20. The deadline is 10 weeks on.
    assert document["tasks"][0]["start_date"] == "2026-02-02"
    assert document["finish_date"] == "2026-04-20"
    assert (document["late_weeks"], document["feasible"]) == (1, False)


def test_plan_of_a_target(files: dict[str, str]) -> None:
    document = as_json(plan(files, "--target", files["target"], "--format", "json"))
    target = transition.load_target(files["target"], WORKSTREAMS)
    assert document == json.loads(transition.render(expected(target=target), "json"))
    # The goal set: contract at 4 with its ancestors leader and lawyer at met, and, for
    # the developing band (0.5), the cheapest milestones that lift the score.
    ids = {task["id"] for task in document["tasks"]}
    assert {"leader", "lawyer", "contract"} <= ids
    # The deadline is the target's by: 2026-03-02, 8 weeks after 2026-01-05.
    assert document["late_weeks"] == document["length_weeks"] - 8
    later = as_json(
        plan(files, "--target", files["target"], "--deadline", "2027-01-04", "--format", "json")
    )
    assert (later["late_weeks"], later["feasible"]) == (0, True)


def test_plan_json_with_a_time(files: dict[str, str]) -> None:
    document = as_json(plan(files, "--format", "json", "--generated-at", "2026-01-05 09:00"))
    assert document["generated_at"] == "2026-01-05 09:00"


# -- plan: warnings --------------------------------------------------------------------


def test_a_deadline_without_dates_is_reported(files: dict[str, str], tmp_path: Path) -> None:
    undated = tmp_path / "undated.yaml"
    undated.write_text("rubric: workstreams\nanswers: {}\n", encoding="utf-8")
    ran = run(
        "plan",
        str(undated),
        "--rubric",
        files["rubric"],
        "--deadline",
        "2026-06-01",
        "--format",
        "json",
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == (
        "warning: the plan has no dates, so --deadline (2026-06-01) is not used: the "
        "assessment has no assessed_on date; give one, or --start DATE\n"
    )
    assert as_json(ran)["late_weeks"] is None
    ran = run(
        "plan",
        str(undated),
        "--rubric",
        files["rubric"],
        "--target",
        files["target"],
        "--format",
        "csv",
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == (
        "warning: the plan has no dates, so the target's 'by' (2026-03-02) is not used: the "
        "assessment has no assessed_on date; give one, or --start DATE\n"
    )
    dated = run(
        "plan",
        str(undated),
        "--rubric",
        files["rubric"],
        "--deadline",
        "2026-06-01",
        "--start",
        "2026-01-05",
        "--format",
        "json",
    )
    assert dated.stderr == ""
    assert as_json(dated)["late_weeks"] == 0


def test_options_a_spreadsheet_ignores_are_reported(files: dict[str, str]) -> None:
    ran = plan(files, "--format", "csv", "--generated-at", "today")
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == "warning: --generated-at is not used in csv\n"


def test_plan_passes_on_the_assessments_warnings(files: dict[str, str], tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(
        'rubric: public-service-spinout\nrubric_version: "0.9"\nanswers: {}\n', encoding="utf-8"
    )
    ran = run("plan", str(old), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == (
        f"warning: {old}: the assessment was made with version 0.9 of rubric "
        "'public-service-spinout'; it is scored with version 1.0.0\n"
    )


# -- plan: wrong usage (exit 2) --------------------------------------------------------

CAPACITY = "Invalid value for '--capacity': "
FORM = "N or WS=N (a whole number of tasks at once, in all or in workstream WS)"


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        (["0"], "'0': a capacity must be at least 1 task at once (got 0)"),
        (["-1"], "'-1': a capacity must be at least 1 task at once (got -1)"),
        (["legal=0"], "'legal=0': a capacity must be at least 1 task at once (got 0)"),
        (["1.5"], f"expected {FORM}, got '1.5'"),
        (["two"], f"expected {FORM}, got 'two'"),
        (["people=one"], f"expected {FORM}, got 'people=one'"),
        (["people=1=2"], f"expected {FORM}, got 'people=1=2'"),
        (["=2"], f"expected {FORM}, got '=2': which workstream?"),
        (
            ["2", "people=1"],
            "give one number for all tasks (--capacity 2) or a number per workstream "
            "(--capacity people=1 --capacity legal=1), not both",
        ),
        (["2", "3"], "give one number for all tasks, not 2"),
        (["people=1", "people=2"], "workstream 'people' is given twice"),
        (
            ["x", "legal=0"],
            f"expected {FORM}, got 'x'; 'legal=0': a capacity must be at least 1 task at once "
            "(got 0)",
        ),
        (["peple=1"], "unknown workstream 'peple' (did you mean 'people'?)"),
        (
            ["people=1", "finance=2", "lgal=1"],
            "unknown workstream 'finance' (the rubric's workstreams: legal, money, people); "
            "unknown workstream 'lgal' (did you mean 'legal'?)",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_bad_capacities_are_wrong_usage(
    files: dict[str, str], capacity: list[str], message: str
) -> None:
    args = [arg for limit in capacity for arg in ("--capacity", limit)]
    usage(plan(files, *args), CAPACITY + message)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--start", "05/01/2026", "expected a date (YYYY-MM-DD), got text '05/01/2026'"),
        ("--start", "soon", "expected a date (YYYY-MM-DD), got text 'soon'"),
        (
            "--deadline",
            "2026-02-30",
            "2026-02-30 is not a date: February 2026 has 28 days, so there is no day 30",
        ),
        (
            "--deadline",
            "2026-13-01",
            "2026-13-01 is not a date: there is no month 13 (write YYYY-MM-DD)",
        ),
    ],
)
def test_bad_dates_are_wrong_usage(
    files: dict[str, str], option: str, value: str, message: str
) -> None:
    usage(plan(files, option, value), f"Invalid value for '{option}': {message}")


def test_other_wrong_usage(files: dict[str, str], tmp_path: Path) -> None:
    suffixes = [reporter_for("plan", name).suffix for name in formats("plan")]
    usage(
        plan(files, "-o", str(tmp_path / "plan.docx")),
        f"cannot tell the format from '{tmp_path / 'plan.docx'}'; give --format "
        f"({', '.join([*formats('plan'), 'csv', 'xlsx'])}) or use a suffix such as "
        f"{either([*suffixes, '.csv', '.xlsx'])}",
    )
    usage(plan(files, "--format", "xlsx"), "a workbook is not text: give -o FILE.xlsx to write it")
    usage(
        plan(files, "--target", files["target"], "--include", "all"),
        "--include chooses the tasks of a plan without a target; with --target the tasks "
        "are the target's goal set",
    )
    usage(
        plan(files, "-o", files["target"], "--target", files["target"]),
        f"{files['target']!r} is one of the inputs; write the output elsewhere",
    )
    wrong = plan(files, "--format", "docx")
    assert wrong.returncode == 2
    assert (
        "Invalid value for '--format': 'docx' is not one of 'html', 'markdown', 'text', "
        "'json', 'pdf', 'csv', 'xlsx'"
    ) in wrong.stderr
    assert not list(tmp_path.glob("plan.*"))


# -- plan and gap: bad input (exit 1) --------------------------------------------------


def test_errors_in_both_files_are_located_at_once(files: dict[str, str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rubric: workstreams\nanswers:\n  leader: 9\n  boss: 2\n", encoding="utf-8")
    target = tmp_path / "bad-target.yaml"
    target.write_text(
        "target: launch\nrubric: workstreams\nband: redy\ncharacteristics:\n  leadership: 1.5\n",
        encoding="utf-8",
    )
    for command in ("plan", "gap"):
        ran = run(command, str(bad), "--rubric", files["rubric"], "--target", str(target))
        assert ran.returncode == 1
        assert ran.stdout == ""
        assert ran.stderr == (
            f"{bad}:3: answers.leader: level 9 is outside the scale 0..4\n"
            f"{bad}:4: answers.boss: unknown milestone 'boss'\n"
            f"{target}:3: band: unknown band 'redy' (did you mean 'ready'?)\n"
            f"{target}:5: characteristics.leadership: a score must be in [0, 1] (got 1.5)\n"
        ), command
        assert "Traceback" not in ran.stderr


def test_a_target_for_another_rubric(files: dict[str, str]) -> None:
    ran = run("gap", str(NEAR_GO_LIVE), "--target", files["target"])
    assert ran.returncode == 1
    assert ran.stderr == (
        f"{files['target']}:2: rubric: this target is for rubric 'workstreams', not "
        "'public-service-spinout'; use it with that rubric\n"
        f"{files['target']}:6: milestones.contract: unknown milestone 'contract' (did you "
        "mean 'contract_signed'?)\n"
    )


def test_missing_files(files: dict[str, str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    ran = run("plan", files["assessment"], "--rubric", files["rubric"], "--target", str(missing))
    assert ran.returncode == 1
    assert ran.stderr.startswith(f"{missing}: ")
    assert ran.stderr.count("\n") == 1
    ran = run("plan", str(missing))
    assert ran.returncode == 1
    assert ran.stderr.startswith(f"{missing}: ")


@pytest.mark.parametrize("command", ["plan", "gap"])
@pytest.mark.parametrize(
    "problem", ["bad assessment", "bad target", "wrong usage"], ids=lambda p: p.replace(" ", "-")
)
def test_an_error_never_writes_or_clobbers_the_output(
    files: dict[str, str], tmp_path: Path, command: str, problem: str
) -> None:
    if problem == "bad assessment":
        Path(files["assessment"]).write_text("rubric: workstreams\nanswers: {leader: 9}\n")
    elif problem == "bad target":
        Path(files["target"]).write_text("target: launch\nrubric: workstreams\nband: top\n")
    extra = ["--capacity", "0"] if problem == "wrong usage" and command == "plan" else []
    if problem == "wrong usage" and command == "gap":
        extra = ["--format", "xlsx"]
    before = sorted(path.name for path in tmp_path.iterdir())
    for name in ("new.json", "existing.json"):
        output = tmp_path / name
        if name == "existing.json":
            output.write_text("previous plan")
            before = sorted(path.name for path in tmp_path.iterdir())
        ran = run(
            command,
            files["assessment"],
            "--rubric",
            files["rubric"],
            "--target",
            files["target"],
            "-o",
            str(output),
            *extra,
        )
        assert ran.returncode == (2 if problem == "wrong usage" else 1), ran.stderr
        assert "Traceback" not in ran.stderr
        assert sorted(path.name for path in tmp_path.iterdir()) == before
    assert (tmp_path / "existing.json").read_text() == "previous plan"


def test_a_write_that_fails_is_bad_input(files: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.xlsx"
    ran = plan(files, "-o", str(target))
    assert ran.returncode == 1
    assert ran.stderr == f"{target}: cannot write: No such file or directory\n"
    assert not target.parent.exists()


# -- gap -------------------------------------------------------------------------------


def test_gap_as_json(files: dict[str, str], tmp_path: Path) -> None:
    ran = run(
        "gap",
        files["assessment"],
        "--rubric",
        files["rubric"],
        "--target",
        files["target"],
        "--format",
        "json",
    )
    document = as_json(ran)
    target = transition.load_target(files["target"], WORKSTREAMS)
    result = transition.score(
        WORKSTREAMS, transition.load_assessment(files["assessment"], WORKSTREAMS)
    )
    assert ran.stdout == transition.render(transition.gap(result, target), "json")
    assert document["reached"] is False
    assert document["milestones"] == {"contract": {"level": 0, "target": 4}}
    output = tmp_path / "gap.json"
    written = run(
        "gap",
        files["assessment"],
        "--rubric",
        files["rubric"],
        "--target",
        files["target"],
        "-o",
        str(output),
    )
    assert written.returncode == 0, written.stderr
    assert written.stderr == f"wrote {output} (json)\n"
    assert output.read_text(encoding="utf-8") == ran.stdout


def test_gap_prints_text_by_default_like_report(files: dict[str, str]) -> None:
    args = ("gap", files["assessment"], "--rubric", files["rubric"], "--target", files["target"])
    default = "text" if "text" in formats("gap") else "json"
    assert run(*args).stdout == run(*args, "--format", default).stdout


def either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def test_gap_needs_a_target(files: dict[str, str], tmp_path: Path) -> None:
    usage(run("gap", files["assessment"]), "Missing option '--target'.")
    csv = tmp_path / "gap.csv"
    suffixes = [reporter_for("gap", name).suffix for name in formats("gap")]
    usage(
        run("gap", files["assessment"], "--target", files["target"], "-o", str(csv)),
        f"cannot tell the format from '{csv}'; give --format ({', '.join(formats('gap'))}) "
        f"or use a suffix such as {either(suffixes)}",
    )
    assert not csv.exists()


# -- validate knows targets -----------------------------------------------------------


def test_validate_checks_a_target_against_its_rubric(files: dict[str, str], tmp_path: Path) -> None:
    ran = run("validate", str(GO_LIVE), files["target"], "--rubric", files["rubric"])
    # --rubric is the workstreams rubric: the example target is for another one.
    assert ran.returncode == 1
    assert ran.stdout == (
        f"{files['target']}: ok (target launch for workstreams: band developing, "
        "1 milestone, by 2026-03-02)\n"
    )
    assert ran.stderr.startswith(
        f"{GO_LIVE}:16: rubric: this target is for rubric 'public-service-spinout', not "
        "'workstreams'; use it with that rubric\n"
    )
    ran = run("validate", str(GO_LIVE))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == (
        f"{GO_LIVE}: ok (target go-live-2026 for public-service-spinout: band ready, "
        "1 characteristic, 1 milestone, by 2026-12-01)\n"
    )
    nameless = tmp_path / "nameless.yaml"
    nameless.write_text("target: x\nband: redy\ncharacteristics: {leadership: 2}\n")
    ran = run("validate", str(nameless))
    assert ran.returncode == 1
    assert ran.stderr == (
        f"{nameless}: the target names no rubric: add 'rubric:' with the id of its rubric\n"
    )
    ran = run("validate", str(nameless), "--rubric", "public-service-spinout")
    assert ran.returncode == 1
    assert ran.stderr == (
        f"{nameless}:1: missing required key 'rubric'\n"
        f"{nameless}:2: band: unknown band 'redy' (did you mean 'ready'?)\n"
        f"{nameless}:3: characteristics.leadership: a score must be in [0, 1] (got 2)\n"
    )
    assert "milestones: expected a list" not in ran.stderr  # never read as a rubric


# -- the worked example, as people run it ----------------------------------------------


def test_the_worked_example_target(tmp_path: Path) -> None:
    target = transition.load_target(GO_LIVE, BUNDLED)
    assert target.by is not None
    assert target.band is not None
    assert target.characteristics
    assert target.milestones
    result = transition.score(BUNDLED, transition.load_assessment(NEAR_GO_LIVE, BUNDLED))

    gap = program(
        "gap",
        "examples/near-go-live.yaml",
        "--target",
        "examples/targets/go-live.yaml",
        "--format",
        "json",
        cwd=ROOT,
    )
    assert gap.returncode == 0, gap.stderr
    assert gap.stderr == ""
    document = json.loads(gap.stdout)
    assert document == json.loads(transition.render(transition.gap(result, target), "json"))
    assert (document["reached"], document["reachable"]) == (False, True)
    # The three open critical gates (the ready band), and the board to level 4.
    assert document["goal"] == [
        {"milestone": "tupe_consultation", "level": 3},
        {"milestone": "capital_secured", "level": 3},
        {"milestone": "go_live_ready", "level": 3},
        {"milestone": "board_formed", "level": 4},
    ]

    output = tmp_path / "plan.xlsx"
    made = program(
        "plan",
        "examples/near-go-live.yaml",
        "--target",
        "examples/targets/go-live.yaml",
        "-o",
        str(output),
        cwd=ROOT,
    )
    assert made.returncode == 0, made.stderr
    assert made.stderr == f"wrote {output} (xlsx)\n"
    assert output.read_bytes() == plan_workbook(transition.plan(result, target))
    sheet: Any = openpyxl.load_workbook(output)["Summary"]
    summary = dict(sheet.iter_rows(max_row=7, values_only=True))
    # tupe_consultation (12 weeks) then go_live_ready (2): 14 weeks from 2026-10-05, and
    # 2026-12-01 is 57 days, 8 1/7 weeks, away: 5 6/7 weeks late.
    assert summary["length (weeks)"] == 14
    assert summary["late (weeks)"] == 5.86
    assert summary["feasible"] == "no"
    assert summary["critical path"] == "tupe_consultation, go_live_ready"


def test_the_examples_readme_names_the_target() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "targets/go-live.yaml" in readme
    assert (
        "transition plan examples/near-go-live.yaml --target examples/targets/go-live.yaml"
        in readme
    )
