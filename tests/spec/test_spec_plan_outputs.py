"""SPEC §9 "Output" (and issue 10, part 5) from the text alone: plan and gap reports.

Written by a second engineer who did not see the reporters. The schedules are worked
out by hand in ``tests/spec/plan_files.py`` (the workstreams fixture: 11 weeks from
2026-01-05, finishing 2026-03-23, critical leader, lawyer, contract, go_live) and in
the comments (the worked example ``examples/near-go-live.yaml`` with the target
``examples/targets/go-live.yaml``).

Each report is read the way its reader reads it: HTML as a tree of elements, Markdown
through markdown-it, a Mermaid block line by line, text by its lines.

Readings that the text leaves open are marked ``# SPEC-AMBIGUOUS:``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import subprocess
import sys
from typing import Any

import jsonschema
import pytest

import transition
import transition.report
import transition.schemas
from transition.report.registry import formats

from ..rendering import render_text
from ..report import hostile
from .plan_files import (
    BUNDLED,
    CRITICAL,
    FINISH,
    LENGTH,
    MONDAY,
    ROOT,
    TITLES,
    WORKSTREAM_OF,
    WORKSTREAMS,
    compact,
    data_tasks,
    example,
    fences,
    gantt_lines,
    gantt_svgs,
    generated_rubric,
    launch_target,
    line_of,
    markdown_shows,
    parse_html,
    task_groups,
    task_lines,
    task_table,
    tr,
    workstreams_result,
)

REPORTS = ("html", "markdown", "text")
EVERY = (*REPORTS, "json")

#: The worked example: near-go-live against go-live-2026. The goal set is the three open
#: critical gates at met and the board at 4; planned from 2026-10-05, tupe_consultation
#: and capital_secured (12 weeks each) then go_live_ready (2): 14 weeks, to 2027-01-11.
EXAMPLE_FINISH = "2027-01-11"
EXAMPLE_TARGET_TITLE = "Ready for staff to transfer on 1 December 2026"
EXAMPLE_GOAL = ("tupe_consultation", "capital_secured", "go_live_ready", "board_formed")


def workstreams_plan(**options: Any) -> Any:
    """The plan of the workstreams readiness path (every answer 0, dated MONDAY)."""
    return tr.plan(workstreams_result(), **options)


def visible(page: str) -> str:
    """The text a person sees on an HTML page, whitespace compacted."""
    return compact(parse_html(page).text())


def plain(report: str, fmt: str) -> str:
    """What a report says, in words: HTML's visible text, Markdown without its marks."""
    if fmt == "html":
        return visible(report)
    if fmt == "markdown":
        return markdown_shows(report)
    return compact(report)


def says_weeks(text: str, weeks: float) -> bool:
    """Whether a line gives this number of weeks (``11 weeks``, ``length: 11 (weeks)``)."""
    number = re.compile(rf"(?<![\d.]){weeks:g}(?:\.0+)?(?![\d.])")
    return any(number.search(line) and "week" in line.lower() for line in text.splitlines())


# -- The registry ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["plan", "gap"])
def test_plans_and_gaps_have_every_report_format(kind: str) -> None:
    assert set(EVERY) <= set(formats(kind))


def test_the_formats_are_named_by_transition_report() -> None:
    # SPEC-AMBIGUOUS: the brief names `transition.report.formats`; on this branch the
    # function lives in transition.report.registry. Read as: both, the same answer.
    report: Any = transition.report
    assert report.formats("plan") == formats("plan")
    assert report.formats("gap") == formats("gap")


@pytest.mark.parametrize("fmt", EVERY)
def test_plan_and_gap_render_in_every_format(fmt: str) -> None:
    result, target = example()
    assert isinstance(transition.render(tr.plan(result, target), fmt), str)
    assert isinstance(transition.render(tr.gap(result, target), fmt), str)


# -- JSON, CSV --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [{}, {"capacity": 2}, {"capacity": {"people": 1}}, {"deadline": datetime.date(2026, 3, 2)}],
    ids=["unlimited", "capacity-2", "people-1", "deadline"],
)
def test_plan_json_is_its_document_and_valid(options: dict[str, Any]) -> None:
    plan = workstreams_plan(**options)
    document = json.loads(transition.render(plan, "json"))
    assert document == plan.to_dict()
    jsonschema.Draft202012Validator(transition.schemas.load("plan")).validate(document)


def test_plan_json_of_the_workstreams_path() -> None:
    document = json.loads(transition.render(workstreams_plan(), "json"))
    assert document["length_weeks"] == LENGTH
    assert document["finish_date"] == FINISH
    assert {task["id"] for task in document["tasks"] if task["critical"]} == CRITICAL
    assert document["critical_path"] == ["leader", "lawyer", "contract", "go_live"]


def test_gap_json_is_valid_and_says_what_the_gap_is() -> None:
    result, target = example()
    gap = tr.gap(result, target)
    document = json.loads(transition.render(gap, "json"))
    assert document == gap.to_dict()
    jsonschema.Draft202012Validator(transition.schemas.load("gap")).validate(document)
    assert document["reached"] is False
    assert document["target"]["target"] == "go-live-2026"
    assert document["target"]["title"] == EXAMPLE_TARGET_TITLE
    # SPEC-AMBIGUOUS: the gap schema has no room for the plan (additionalProperties is
    # false), so in JSON "the plan to reach it" is read as the goal set, which is exactly
    # the plan's tasks (§9: "With a target: its goal set").
    goal = [item["milestone"] for item in document["goal"]]
    assert sorted(goal) == sorted(EXAMPLE_GOAL)
    assert sorted(task.id for task in tr.plan(result, target).tasks) == sorted(goal)


def test_plan_csv_has_a_row_per_task_with_columns_to_fill_in() -> None:
    plan = workstreams_plan()
    rows = list(csv.DictReader(io.StringIO(plan.to_csv())))
    header = list(rows[0])
    # SPEC §9: "workstream, milestone, start, finish, slack, critical, owner and status".
    assert {"workstream", "milestone", "critical", "owner", "status"} <= set(header)
    for word in ("start", "finish", "slack"):
        assert any(name.startswith(word) for name in header), word
    assert [row["milestone"] for row in rows] == [task.id for task in plan.tasks]
    assert {row["milestone"]: row["workstream"] for row in rows} == WORKSTREAM_OF
    assert {(row["owner"], row["status"]) for row in rows} == {("", "")}
    # SPEC-AMBIGUOUS: how "critical" is written (yes/no, true/false) is not said; the
    # critical tasks must share one value and the others another.
    marks = {row["milestone"]: row["critical"] for row in rows}
    assert len({marks[m] for m in CRITICAL}) == 1
    assert len({marks[m] for m in set(marks) - CRITICAL}) == 1
    assert marks["leader"] != marks["board"]


def test_plan_csv_keeps_hostile_titles_in_their_cells() -> None:
    case = hostile.build()
    plan = tr.plan(case.result, include="all")
    rows = list(csv.DictReader(io.StringIO(plan.to_csv())))
    assert [row["milestone"] for row in rows] == [task.id for task in plan.tasks]


# -- HTML -----------------------------------------------------------------------------


def test_plan_html_is_a_complete_document() -> None:
    page = transition.render(workstreams_plan(), "html")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert page.rstrip().endswith("</html>")
    tree = parse_html(page)
    assert [e.tag for e in tree.children if e.tag == "html"] == ["html"]
    assert tree.find_all("head")
    assert tree.find_all("body")


def test_plan_html_has_one_gantt_chart_an_image_for_screen_readers() -> None:
    tree = parse_html(transition.render(workstreams_plan(), "html"))
    charts = gantt_svgs(tree)
    assert len(charts) == 1
    assert charts[0].attributes.get("role") == "img"


def test_plan_html_has_a_group_per_task() -> None:
    plan = workstreams_plan()
    (chart,) = gantt_svgs(parse_html(transition.render(plan, "html")))
    assert sorted(data_tasks(chart)) == sorted(TITLES)
    assert len(plan.tasks) == 7
    for title in TITLES.values():
        assert title in visible(transition.render(plan, "html")), title


def test_plan_html_marks_the_critical_tasks() -> None:
    (chart,) = gantt_svgs(parse_html(transition.render(workstreams_plan(), "html")))
    critical = {g.attributes["data-task"] for g in task_groups(chart) if "critical" in g.classes}
    assert critical == CRITICAL


def test_plan_html_marks_the_critical_tasks_under_limited_capacity() -> None:
    # capacity 2 (tests/cli/test_plan_cli.py: 15 weeks); whatever the schedule, the
    # classes follow each task's `critical`.
    plan = workstreams_plan(capacity=2)
    expected = {task.id for task in plan.tasks if task.critical}
    assert expected != {task.id for task in plan.tasks}
    (chart,) = gantt_svgs(parse_html(transition.render(plan, "html")))
    critical = {g.attributes["data-task"] for g in task_groups(chart) if "critical" in g.classes}
    assert critical == expected


def test_plan_html_names_the_critical_path_in_words() -> None:
    # Not colour alone: the word is on the page, not only in a class or a style.
    assert "critical" in visible(transition.render(workstreams_plan(), "html")).lower()


def test_plan_html_marks_the_deadline() -> None:
    # 2026-03-02 is 8 weeks after the start: 3 weeks before the plan finishes.
    plan = workstreams_plan(deadline=datetime.date(2026, 3, 2))
    assert plan.late_weeks == 3
    (chart,) = gantt_svgs(parse_html(transition.render(plan, "html")))
    assert [e for e in chart.iter() if "deadline" in e.classes]


def test_plan_html_marks_a_deadline_after_the_finish_too() -> None:
    plan = workstreams_plan(deadline=datetime.date(2026, 6, 1))
    assert plan.feasible is True
    (chart,) = gantt_svgs(parse_html(transition.render(plan, "html")))
    assert [e for e in chart.iter() if "deadline" in e.classes]


def test_plan_html_without_a_deadline_marks_none() -> None:
    # SPEC-AMBIGUOUS: only "with a deadline" is said; with none there is nothing to mark.
    (chart,) = gantt_svgs(parse_html(transition.render(workstreams_plan(), "html")))
    assert [e for e in chart.iter() if "deadline" in e.classes] == []


def test_plan_html_groups_rows_by_workstream() -> None:
    (chart,) = gantt_svgs(parse_html(transition.render(workstreams_plan(), "html")))
    # SPEC-AMBIGUOUS: a group label may be the workstream id as it is or capitalised.
    labels = chart.text().lower()
    for workstream in ("people", "legal", "money"):
        assert workstream in labels, workstream


def test_plan_html_shows_every_title_escaped() -> None:
    rub = transition.load_rubric(
        {
            "rubric": "tricky",
            "title": "Tricky",
            "version": "1",
            "characteristics": [{"id": "c", "title": "C"}],
            "milestones": [
                {"id": "a", "characteristic": "c", "title": "Board & <Trustees>"},
                {"id": "b", "characteristic": "c", "title": 'Say "yes" <b>now</b>'},
            ],
            "bands": [{"id": "low", "label": "Low", "min": 0}],
        }
    )
    result = transition.score(
        rub, transition.load_assessment({"rubric": "tricky", "answers": {}}, rub)
    )
    page = transition.render(tr.plan(result, include="all"), "html")
    assert "Board & <Trustees>" in visible(page)
    assert 'Say "yes" <b>now</b>' in visible(page)
    assert "<Trustees>" not in page
    assert "<b>now" not in page


def test_plan_html_of_an_empty_plan() -> None:
    result = workstreams_result(dict.fromkeys(TITLES, 3))
    plan = tr.plan(result, include="all")
    assert list(plan.tasks) == []
    page = transition.render(plan, "html")
    assert page.rstrip().endswith("</html>")
    assert task_groups(parse_html(page)) == []


# -- Markdown -------------------------------------------------------------------------


def test_plan_markdown_has_a_table_row_per_task() -> None:
    plan = workstreams_plan()
    rows = task_table(transition.render(plan, "markdown"), [t.title for t in plan.tasks])
    assert len(rows) == 7


def test_plan_markdown_has_a_mermaid_gantt_block() -> None:
    blocks = fences(transition.render(workstreams_plan(), "markdown"), "mermaid")
    assert len(blocks) == 1
    assert blocks[0].startswith("gantt")


def test_plan_mermaid_tags_the_critical_tasks() -> None:
    (block,) = fences(transition.render(workstreams_plan(), "markdown"), "mermaid")
    lines = gantt_lines(block)
    assert len(lines) == 7
    for task_id, title in TITLES.items():
        line = line_of(lines, task_id, title)
        assert ("crit" in line.metadata) is (task_id in CRITICAL), line


def test_plan_mermaid_has_a_section_per_workstream() -> None:
    (block,) = fences(transition.render(workstreams_plan(), "markdown"), "mermaid")
    lines = gantt_lines(block)
    sections = [
        raw.strip()[len("section") :].strip().lower()
        for raw in block.splitlines()
        if raw.strip().startswith("section")
    ]
    assert sorted(sections) == ["legal", "money", "people"]
    for task_id, title in TITLES.items():
        line = line_of(lines, task_id, title)
        assert (line.section or "").lower() == WORKSTREAM_OF[task_id], line


def test_plan_mermaid_with_dates_gives_the_date_format() -> None:
    (block,) = fences(transition.render(workstreams_plan(), "markdown"), "mermaid")
    assert "dateFormat YYYY-MM-DD" in [line.strip() for line in block.splitlines()]


def test_plan_mermaid_without_dates_still_has_every_task() -> None:
    # SPEC-AMBIGUOUS: how a plan without dates is drawn in Mermaid (which wants dates)
    # is not said; it is still a gantt block with a task line per task.
    result = transition.score(
        WORKSTREAMS,
        transition.load_assessment({"rubric": "workstreams", "answers": {}}, WORKSTREAMS),
    )
    (block,) = fences(transition.render(tr.plan(result), "markdown"), "mermaid")
    assert block.startswith("gantt")
    lines = gantt_lines(block)
    for task_id, title in TITLES.items():
        line = line_of(lines, task_id, title)
        assert ("crit" in line.metadata) is (task_id in CRITICAL), line


def test_plan_markdown_keeps_hostile_titles_inside_the_table() -> None:
    case = hostile.build()
    plan = tr.plan(case.result, include="all")
    report = transition.render(plan, "markdown")
    # each hostile title shown whole in its own row: no row added, none cut short
    task_table(report, [task.title for task in plan.tasks])
    (block,) = fences(report, "mermaid")
    assert block.startswith("gantt")
    assert len(gantt_lines(block)) == len(plan.tasks)


# -- Text -----------------------------------------------------------------------------


def test_plan_text_fits_in_100_columns_and_says_it_all() -> None:
    plan = workstreams_plan()
    report = transition.render(plan, "text")
    assert max(len(line) for line in report.splitlines()) <= 100
    for title in TITLES.values():
        assert title in compact(report), title
    assert says_weeks(report, LENGTH)
    assert FINISH in report


def test_plan_text_without_dates() -> None:
    result = transition.score(
        WORKSTREAMS,
        transition.load_assessment({"rubric": "workstreams", "answers": {}}, WORKSTREAMS),
    )
    plan = tr.plan(result)
    assert plan.finish_date is None
    report = transition.render(plan, "text")
    assert says_weeks(report, LENGTH)
    assert "None" not in report


def test_plan_text_wraps_hostile_titles_in_100_columns() -> None:
    case = hostile.build()
    report = transition.render(tr.plan(case.result, include="all"), "text")
    too_long = [line for line in report.splitlines() if len(line) > 100]
    assert too_long == []


# -- Gap reports -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", REPORTS)
def test_gap_report_says_where_the_team_stands(fmt: str) -> None:
    result, target = example()
    said = plain(render_text(tr.gap(result, target), fmt), fmt)
    # SPEC-AMBIGUOUS: "says whether the target is reached" is read as the words
    # "not reached" (or "not yet reached") for a target that does not hold.
    assert re.search(r"\bnot (yet )?reached\b", said, re.IGNORECASE), said[:300]
    assert EXAMPLE_TARGET_TITLE in said
    for milestone_id in EXAMPLE_GOAL:
        assert BUNDLED.milestones[milestone_id].title in said, milestone_id


@pytest.mark.parametrize("fmt", REPORTS)
def test_gap_report_includes_the_plan_to_reach_it(fmt: str) -> None:
    result, target = example()
    plan = tr.plan(result, target)
    assert plan.finish_date == datetime.date(2027, 1, 11)
    assert sorted(task.id for task in plan.tasks) == sorted(EXAMPLE_GOAL)
    report = render_text(tr.gap(result, target), fmt)
    assert EXAMPLE_FINISH in report
    if fmt == "html":
        charts = gantt_svgs(parse_html(report))
        assert len(charts) == 1
        assert sorted(data_tasks(charts[0])) == sorted(EXAMPLE_GOAL)
    elif fmt == "markdown":
        (block,) = fences(report, "mermaid")
        assert len(task_lines(block)) == len(EXAMPLE_GOAL)
    else:
        assert plan.length_weeks == 14
        assert says_weeks(report, 14)


@pytest.mark.parametrize("fmt", REPORTS)
def test_gap_report_of_a_target_already_reached(fmt: str) -> None:
    result, _ = example()
    target = tr.load_target(
        {
            "target": "already",
            "rubric": BUNDLED.id,
            "title": "Where we are",
            "characteristics": {"leadership": 0.5},
        },
        BUNDLED,
    )
    gap = tr.gap(result, target)
    assert gap.reached is True
    said = plain(render_text(gap, fmt), fmt)
    assert "Where we are" in said
    assert re.search(r"\breached\b", said, re.IGNORECASE)
    assert not re.search(r"\bnot (yet )?reached\b", said, re.IGNORECASE)


def test_gap_text_fits_in_100_columns() -> None:
    result, target = example()
    report = transition.render(tr.gap(result, target), "text")
    assert max(len(line) for line in report.splitlines()) <= 100


def test_gap_with_a_hostile_target_title() -> None:
    title = "<script>alert('t')</script> & | pipe | **bold** \n# heading"
    result = workstreams_result()
    gap = tr.gap(result, launch_target(title=title))
    page = transition.render(gap, "html")
    assert "<script>alert" not in page
    assert "<script>alert('t')</script> & | pipe | **bold** # heading" in visible(page)
    report = transition.render(gap, "markdown")
    # shown as typed once GitHub renders it, not run as markup
    assert "<script>alert('t')</script> & | pipe | **bold** # heading" in markdown_shows(report)
    plan = tr.plan(result, launch_target(title=title))
    task_table(report, [task.title for task in plan.tasks])


# -- The readiness report's plan and gap sections -------------------------------------


def test_readiness_html_has_the_gantt_of_its_readiness_path() -> None:
    result, _ = example()
    # readiness path: the three open critical gates (no open ancestors)
    assert set(result.readiness_path) == {"tupe_consultation", "capital_secured", "go_live_ready"}
    charts = gantt_svgs(parse_html(transition.render(result, "html")))
    assert len(charts) == 1
    assert sorted(data_tasks(charts[0])) == sorted(result.readiness_path)


@pytest.mark.parametrize("fmt", REPORTS)
def test_readiness_report_gives_the_plans_finish_date(fmt: str) -> None:
    # the path's plan: 12 weeks of tupe_consultation and capital_secured, then 2 of
    # go_live_ready, from 2026-10-05: 98 days, 2027-01-11
    result, _ = example()
    assert tr.plan(result).finish_date == datetime.date(2027, 1, 11)
    assert EXAMPLE_FINISH in transition.render(result, fmt)


@pytest.mark.parametrize("fmt", REPORTS)
def test_readiness_report_with_a_target_adds_the_gap(fmt: str) -> None:
    result, target = example()
    assert EXAMPLE_TARGET_TITLE not in transition.render(result, fmt)
    report = tr.render(result, fmt, target=target)
    assert EXAMPLE_TARGET_TITLE in report


def test_readiness_json_is_the_result_alone() -> None:
    # SPEC §6: render(result, "json") is result.to_dict(); the plan and the gap have
    # documents of their own, so a target with JSON is refused, saying what to use.
    result, target = example()
    assert json.loads(transition.render(result, "json")) == result.to_dict()
    with pytest.raises(ValueError, match=r"render\(gap\(result, target\), 'json'\)"):
        tr.render(result, "json", target=target)


def test_readiness_report_with_a_reached_path_has_no_gantt() -> None:
    # every critical milestone met: the readiness path is empty, so there is no plan.
    result = workstreams_result(dict.fromkeys(TITLES, 3))
    assert list(result.readiness_path) == []
    assert gantt_svgs(parse_html(transition.render(result, "html"))) == []


# -- Determinism --------------------------------------------------------------------------

_SCRIPT = """
import hashlib, transition
rubric = transition.load_rubric()
result = transition.score(rubric, transition.load_assessment("examples/near-go-live.yaml", rubric))
target = transition.load_target("examples/targets/go-live.yaml", rubric)
for thing in (transition.plan(result, target), transition.gap(result, target), result):
    for fmt in ("html", "markdown", "text", "json"):
        print(hashlib.sha256(transition.render(thing, fmt).encode()).hexdigest())
"""


def test_reports_are_byte_identical_whatever_the_hash_seed() -> None:
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _SCRIPT],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(outputs) == 1
    assert len(outputs.pop().split()) == 12


@pytest.mark.parametrize("fmt", EVERY)
def test_plan_reports_do_not_depend_on_the_order_of_answers(fmt: str) -> None:
    answers = {"board": 1, "budget": 2, "leader": 1, "staff_vote": 0}
    backwards = dict(reversed(answers.items()))
    first = tr.plan(workstreams_result(answers), include="all")
    second = tr.plan(workstreams_result(backwards), include="all")
    assert transition.render(first, fmt) == transition.render(second, fmt)


# -- Hostile text -----------------------------------------------------------------------


def test_plan_html_escapes_hostile_titles() -> None:
    case = hostile.build()
    plan = tr.plan(case.result, include="all")
    page = transition.render(plan, "html")
    for raw in (hostile.PWN_SCRIPT, hostile.PWN_IMG, hostile.NETWORK_IMG, "<svg onload"):
        assert raw not in page, raw
    assert "<script>alert" not in page
    (chart,) = gantt_svgs(parse_html(page))
    assert sorted(data_tasks(chart)) == sorted(task.id for task in plan.tasks)


def test_gap_reports_escape_a_hostile_organisation() -> None:
    name = "<script>alert(1)</script> & Co | *Ltd* |"
    result = workstreams_result(organisation=name)
    gap = tr.gap(result, launch_target())
    page = transition.render(gap, "html")
    assert "<script>alert(1)</script>" not in page
    report = transition.render(gap, "markdown")
    plan = tr.plan(result, launch_target())
    task_table(report, [task.title for task in plan.tasks])


# -- 200 tasks ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_plan() -> Any:
    rub = generated_rubric()
    result = transition.score(
        rub,
        transition.load_assessment(
            {"rubric": "big", "assessed_on": MONDAY.isoformat(), "answers": {}}, rub
        ),
    )
    plan = tr.plan(result, include="all", deadline=datetime.date(2027, 1, 4))
    assert len(plan.tasks) == 200
    return plan


def test_200_tasks_in_html(big_plan: Any) -> None:
    (chart,) = gantt_svgs(parse_html(transition.render(big_plan, "html")))
    assert sorted(data_tasks(chart)) == sorted(task.id for task in big_plan.tasks)
    critical = {g.attributes["data-task"] for g in task_groups(chart) if "critical" in g.classes}
    assert critical == {task.id for task in big_plan.tasks if task.critical}


def test_200_tasks_in_text(big_plan: Any) -> None:
    report = transition.render(big_plan, "text")
    assert max(len(line) for line in report.splitlines()) <= 100
    for task in big_plan.tasks:
        assert task.title in compact(report)


def test_200_tasks_in_markdown(big_plan: Any) -> None:
    report = transition.render(big_plan, "markdown")
    task_table(report, [task.title for task in big_plan.tasks])
    (block,) = fences(report, "mermaid")
    assert len(task_lines(block)) == 200
