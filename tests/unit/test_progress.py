"""Progress over time: transition.compare, the Progress value and its reports."""

from __future__ import annotations

import copy
import datetime
import itertools
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jinja2
import pytest
import yaml

import transition
from tests.conftest import Golden
from tests.rendering import render_text, text_formats
from transition.progress import (
    PROGRESS_SCHEMA_VERSION,
    MilestoneChange,
    Note,
    NoteKind,
    Progress,
    VersionUse,
)
from transition.report import render
from transition.report.progress_view import build_progress_context, signed_points
from transition.result import Status

FORMATS = text_formats()

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "examples"
MINIMAL = ROOT / "tests" / "fixtures" / "rubrics" / "valid" / "minimal.yaml"
RUBRIC = transition.load_rubric()
SUFFIX = {"html": "html", "markdown": "md", "text": "txt", "json": "json"}
ORGANISATION = "Riverside Community Care"


def scored(
    day: str | None,
    answers: dict[str, Any],
    organisation: str = ORGANISATION,
    rubric: transition.Rubric = RUBRIC,
    **extra: Any,
) -> transition.Readiness:
    data: dict[str, Any] = {"rubric": rubric.id, "organisation": organisation, **extra}
    if day is not None:
        data["assessed_on"] = day
    data["answers"] = answers
    return transition.score(rubric, transition.load_assessment(data, rubric))


# A chain of three assessments. January to March: the sponsor's backing becomes met,
# the service scope goes back from met to 2, which blocks the baseline measures
# (claimed 3, capped at 2: a new overclaim) and the commissioner's engagement.
# March to May: the scope and the baseline are met again, the stakeholder map goes
# back to 2, which blocks political support (claimed 3, capped at 2) and the key
# officers' commitment.
JANUARY = {
    "named_leader": 3,
    "senior_sponsor": 2,
    "service_scope": 3,
    "stakeholder_map": 3,
    "baseline_measures": 3,
}
MARCH = {**JANUARY, "senior_sponsor": 3, "service_scope": 2}
MAY = {**MARCH, "service_scope": 3, "stakeholder_map": 2, "political_support": 3}


@pytest.fixture(scope="module")
def chain() -> tuple[transition.Readiness, ...]:
    return (
        scored("2026-01-15", JANUARY),
        scored("2026-03-15", MARCH),
        scored("2026-05-15", MAY),
    )


@pytest.fixture(scope="module")
def progress(chain: tuple[transition.Readiness, ...]) -> Progress:
    january, march, may = chain
    return transition.compare([may, january, march])  # any order in, date order out


def ids(changes: tuple[MilestoneChange, ...]) -> list[str]:
    return [change.id for change in changes]


def test_points_are_in_date_order(
    progress: Progress, chain: tuple[transition.Readiness, ...]
) -> None:
    assert progress.organisation == ORGANISATION
    assert progress.rubric_id == "public-service-spinout"
    assert progress.rubric_versions == ("1.0.0",)
    assert progress.notes == ()
    assert [p.assessed_on for p in progress.points] == [
        datetime.date(2026, 1, 15),
        datetime.date(2026, 3, 15),
        datetime.date(2026, 5, 15),
    ]
    assert progress.results == chain
    assert progress.first is progress.points[0]
    assert progress.last is progress.points[-1]
    for point, result in zip(progress.points, chain, strict=True):
        assert point.score == result.score
        assert point.band == result.band
        assert point.coverage == result.coverage
        assert point.weeks_to_ready == result.weeks_to_ready
        assert point.critical_satisfied is False
        assert dict(point.characteristics) == {
            cid: outcome.score for cid, outcome in result.characteristics.items()
        }
    assert [p.band.id for p in progress.points] == ["not_ready"] * 3
    assert [p.met for p in progress.points] == [4, 3, 4]
    assert [p.coverage for p in progress.points] == [5 / 52, 5 / 52, 6 / 52]
    assert [p.weeks_to_ready for p in progress.points] == [84.0, 82.0, 80.0]
    assert [round(p.score * 100, 2) for p in progress.points] == [8.49, 8.79, 10.59]


def test_consecutive_steps(progress: Progress) -> None:
    january_to_march, march_to_may = progress.steps
    assert (january_to_march.since, january_to_march.until) == (
        datetime.date(2026, 1, 15),
        datetime.date(2026, 3, 15),
    )
    assert january_to_march.days == 59
    assert ids(january_to_march.newly_met) == ["senior_sponsor"]
    assert ids(january_to_march.regressed) == ["service_scope", "baseline_measures"]
    assert ids(january_to_march.newly_blocked) == ["commissioner_engaged", "baseline_measures"]
    assert ids(january_to_march.new_overclaims) == ["baseline_measures"]
    assert january_to_march.new_overclaims[0] == MilestoneChange(
        "baseline_measures", Status.MET, Status.BLOCKED, 3, 2
    )

    assert march_to_may.days == 61
    assert ids(march_to_may.newly_met) == ["service_scope", "baseline_measures"]
    assert ids(march_to_may.regressed) == ["stakeholder_map"]
    assert ids(march_to_may.newly_blocked) == ["political_support", "linchpins_secured"]
    assert march_to_may.new_overclaims == (
        MilestoneChange("political_support", Status.UNASSESSED, Status.BLOCKED, 0, 2),
    )


def test_first_to_last(progress: Progress) -> None:
    overall = progress.overall
    assert (overall.since, overall.until, overall.days) == (
        datetime.date(2026, 1, 15),
        datetime.date(2026, 5, 15),
        120,
    )
    assert overall.newly_met == (
        MilestoneChange("senior_sponsor", Status.IN_PROGRESS, Status.MET, 2, 3),
    )
    assert overall.regressed == (
        MilestoneChange("stakeholder_map", Status.MET, Status.IN_PROGRESS, 3, 2),
    )
    assert ids(overall.newly_blocked) == ["commissioner_engaged"]
    # Political support was already blocked in January (the sponsor was at 2), but
    # unassessed; in May it is claimed at 3 and capped at 2.
    assert overall.new_overclaims == (
        MilestoneChange("political_support", Status.BLOCKED, Status.BLOCKED, 0, 2),
    )
    assert overall.score_change == overall.score_after - overall.score_before
    assert round(overall.score_change * 100, 1) == 2.1
    assert (overall.band_before.id, overall.band_after.id) == ("not_ready", "not_ready")


def test_characteristic_changes(progress: Progress) -> None:
    first, last = progress.points[0], progress.points[-1]
    overall = progress.overall.characteristics
    assert list(overall) == [c.id for c in RUBRIC.characteristics]
    for cid, change in overall.items():
        assert change.before == first.characteristics[cid]
        assert change.after == last.characteristics[cid]
        before, after = first.characteristics[cid], last.characteristics[cid]
        assert before is not None
        assert after is not None
        assert change.change == pytest.approx(after - before)
    changed = {cid: round(c.change * 100, 2) for cid, c in overall.items() if c.change}
    assert changed == {"leadership": 5.0, "commitment": 6.25}
    step = progress.steps[0].characteristics
    assert {cid: round(c.change * 100, 2) for cid, c in step.items() if c.change} == {
        "leadership": 5.0,
        "vision": -2.94,
        "monitoring": -3.85,
    }


def test_equal_inputs_give_equal_progress(chain: tuple[transition.Readiness, ...]) -> None:
    january, march, may = chain
    one = transition.compare([january, march, may])
    other = transition.compare(
        [scored("2026-05-15", MAY), scored("2026-01-15", JANUARY), scored("2026-03-15", MARCH)]
    )
    assert one == other
    assert hash(one) == hash(other)
    assert one.to_dict() == other.to_dict()
    assert transition.compare(iter([march, january])) == transition.compare([january, march])


def test_progress_is_frozen_and_pickles(progress: Progress) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        progress.organisation = "someone else"  # type: ignore[misc]
    copied = pickle.loads(pickle.dumps(progress))
    assert copied == progress
    assert copied.to_dict() == progress.to_dict()
    assert render(copied, "text") == render(progress, "text")
    assert isinstance(progress.points, tuple)
    assert isinstance(progress.steps[0].newly_met, tuple)


def test_to_dict_round_trips_through_json(progress: Progress) -> None:
    document = progress.to_dict()
    assert json.loads(json.dumps(document, allow_nan=False)) == document
    assert document["schema_version"] == PROGRESS_SCHEMA_VERSION == 2
    assert document["kind"] == "progress"
    assert document["organisation"] == ORGANISATION
    assert document["rubric"] == {"id": "public-service-spinout", "versions": ["1.0.0"]}
    assert [p["assessed_on"] for p in document["points"]] == [
        "2026-01-15",
        "2026-03-15",
        "2026-05-15",
    ]
    assert document["points"][0]["band"] == {"id": "not_ready", "label": "Not ready"}
    assert document["points"][0]["milestones_met"] == 4
    assert len(document["steps"]) == 2
    overall = document["overall"]
    assert (overall["since"], overall["until"], overall["days"]) == (
        "2026-01-15",
        "2026-05-15",
        120,
    )
    assert overall["newly_met"] == [
        {
            "id": "senior_sponsor",
            "before": "in_progress",
            "after": "met",
            "level_before": 2,
            "level_after": 3,
        }
    ]
    assert overall["regressed"][0]["id"] == "stakeholder_map"
    assert overall["characteristics"]["leadership"]["change"] == pytest.approx(0.05)
    assert set(overall) == {
        "since",
        "until",
        "days",
        "score",
        "band",
        "characteristics",
        "newly_met",
        "regressed",
        "newly_blocked",
        "new_overclaims",
    }
    assert render(progress, "json") == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_two_assessments_have_one_step_equal_to_the_whole() -> None:
    progress = transition.compare([scored("2026-01-15", JANUARY), scored("2026-03-15", MARCH)])
    assert progress.steps == (progress.overall,)


# Errors -------------------------------------------------------------------------


def messages(error: pytest.ExceptionInfo[transition.ProgressError]) -> list[str]:
    return [str(record) for record in error.value.errors]


def test_fewer_than_two_results() -> None:
    with pytest.raises(transition.ProgressError) as one:
        transition.compare([scored("2026-01-15", JANUARY)])
    assert messages(one) == ["comparing needs at least two assessments of one organisation (got 1)"]
    assert str(one.value) == messages(one)[0]
    with pytest.raises(transition.ProgressError) as none:
        transition.compare([])
    assert messages(none) == [
        "comparing needs at least two assessments of one organisation (got 0)"
    ]


def test_mixed_organisations() -> None:
    with pytest.raises(transition.ProgressError) as error:
        transition.compare(
            [
                scored("2026-01-15", JANUARY),
                scored("2026-03-15", MARCH, organisation="Northgate Libraries"),
                scored("2026-05-15", MAY, organisation=""),
            ]
        )
    assert messages(error) == [
        "results[1].organisation: 'Northgate Libraries' differs from "
        "'Riverside Community Care' in results[0]; compare one organisation at a time",
        "results[2].organisation: (none given) differs from "
        "'Riverside Community Care' in results[0]; compare one organisation at a time",
    ]
    record = error.value.errors[0]
    assert (record.path, record.field, record.code) == (
        None,
        "results[1].organisation",
        "organisation",
    )


def test_errors_name_the_files(tmp_path: Path) -> None:
    def saved(name: str, text: str) -> transition.Readiness:
        path = tmp_path / name
        path.write_text(f"rubric: public-service-spinout\n{text}answers: {{named_leader: 3}}\n")
        return transition.score(RUBRIC, transition.load_assessment(path, RUBRIC))

    riverside = saved("riverside.yaml", f"organisation: {ORGANISATION}\nassessed_on: 2026-01-15\n")
    northgate = saved(
        "northgate.yaml", "organisation: Northgate Libraries\nassessed_on: 2026-02-01\n"
    )
    undated = saved("undated.yaml", f"organisation: {ORGANISATION}\n")
    again = saved("again.yaml", f"organisation: {ORGANISATION}\nassessed_on: 2026-01-15\n")
    with pytest.raises(transition.ProgressError) as error:
        transition.compare([riverside, northgate, undated, again])
    assert messages(error) == [
        f"{tmp_path / 'northgate.yaml'}: organisation: 'Northgate Libraries' differs from "
        f"'Riverside Community Care' in {tmp_path / 'riverside.yaml'}; "
        "compare one organisation at a time",
        f"{tmp_path / 'undated.yaml'}: assessed_on: missing: comparing needs the date of "
        "every assessment (assessed_on: YYYY-MM-DD)",
        f"{tmp_path / 'again.yaml'}: assessed_on: 2026-01-15 is also the date of "
        f"{tmp_path / 'riverside.yaml'}; compare assessments made on different dates",
    ]
    assert error.value.errors[1].path == str(tmp_path / "undated.yaml")


def test_missing_dates_and_one_result_together() -> None:
    with pytest.raises(transition.ProgressError) as error:
        transition.compare([scored(None, JANUARY)])
    assert messages(error) == [
        "comparing needs at least two assessments of one organisation (got 1)",
        "results[0].assessed_on: missing: comparing needs the date of every assessment "
        "(assessed_on: YYYY-MM-DD)",
    ]


def test_mixed_rubrics() -> None:
    minimal = transition.load_rubric(MINIMAL)
    other = scored("2026-03-15", {"named_leader": 3}, rubric=minimal)
    with pytest.raises(transition.ProgressError) as error:
        transition.compare([scored("2026-01-15", JANUARY), other])
    assert messages(error) == [
        "results[1].rubric: 'minimal' differs from 'public-service-spinout' in results[0]; "
        "compare assessments made with one rubric",
    ]


def test_the_error_is_a_transition_error_that_pickles() -> None:
    with pytest.raises(transition.ProgressError) as error:
        transition.compare([scored("2026-01-15", JANUARY)])
    assert isinstance(error.value, transition.TransitionError)
    assert isinstance(error.value, ValueError)
    copied = pickle.loads(pickle.dumps(error.value))
    assert copied.errors == error.value.errors


def test_only_results_can_be_compared() -> None:
    with pytest.raises(TypeError, match=r"compare\(\) takes readiness results"):
        transition.compare([scored("2026-01-15", JANUARY), {"score": 1}])  # type: ignore[list-item]


def test_rubric_versions_may_differ() -> None:
    """A newer version adds a milestone: it shows as 'not in the rubric' before."""
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    old = transition.load_rubric(data)
    newer_data = copy.deepcopy(data)
    newer_data["version"] = "0.2"
    newer_data["milestones"].append(
        {
            "id": "board_trained",
            "characteristic": "leadership",
            "title": "Board trained",
            "phase": "build",
            "requires": ["board_formed"],
        }
    )
    new = transition.load_rubric(newer_data)
    before = scored("2026-01-15", {"named_leader": 3}, rubric=old)
    after = scored("2026-04-15", {"named_leader": 3, "board_trained": 3}, rubric=new)
    progress = transition.compare([after, before])
    assert progress.rubric_versions == ("0.1", "0.2")
    day = datetime.date.fromisoformat
    assert progress.notes == (
        Note(
            NoteKind.RUBRIC_VERSIONS_DIFFER,
            "minimal",
            (VersionUse("0.1", (day("2026-01-15"),)), VersionUse("0.2", (day("2026-04-15"),))),
        ),
    )
    assert [str(note) for note in progress.notes] == [
        "The assessments were scored with different versions of rubric minimal "
        "(0.1 on 2026-01-15; 0.2 on 2026-04-15): part of a change may come from the "
        "rubric, not the team."
    ]
    assert progress.to_dict()["notes"] == [
        {
            "kind": "rubric_versions_differ",
            "rubric": "minimal",
            "versions": [
                {"version": "0.1", "dates": ["2026-01-15"]},
                {"version": "0.2", "dates": ["2026-04-15"]},
            ],
            "text": str(progress.notes[0]),
        }
    ]
    assert progress.overall.newly_blocked == (
        MilestoneChange("board_trained", None, Status.BLOCKED, None, 0),
    )
    assert progress.overall.new_overclaims == progress.overall.newly_blocked
    text = render(progress, "text")
    assert "Board trained: Not in the rubric -> Blocked" in text
    assert "Note: The assessments were scored with different versions of rubric minimal" in text
    assert "(minimal 0.1, 0.2)" in render(progress, "markdown")


# Reports ------------------------------------------------------------------------


def november() -> dict[str, Any]:
    """Northgate Libraries' project board, four months after business-case.yaml."""
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "business-case.yaml").read_text("utf-8"))
    data = copy.deepcopy(data)
    data["assessed_on"] = datetime.date(2026, 11, 2)
    data["assessor"] = "Libraries mutual project board"
    answers = data["answers"]
    answers["staff_shape_model"] = {"level": 3, "evidence": "Design group widened to 16 staff"}
    answers["staff_support_measured"] = {"level": 3, "evidence": "Staff survey, September 2026"}
    answers["pensions_agreed"] = 3
    answers["financial_model"] = 3
    answers["vision_tested"] = 3
    answers["impact_framework"] = 2
    answers["independent_review"] = 3
    answers["progress_reviews"] = {"level": 2, "notes": "Highlight reports lapsed in August"}
    return data


@pytest.fixture(scope="module")
def northgate() -> Progress:
    results = [
        transition.score(RUBRIC, transition.load_assessment(source, RUBRIC))
        for source in (EXAMPLES / "workshop.yaml", november(), EXAMPLES / "business-case.yaml")
    ]
    return transition.compare(results)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(golden: Golden, northgate: Progress, fmt: str) -> None:
    golden.check(f"progress/northgate.{SUFFIX[fmt]}", render_text(northgate, fmt))


def test_golden_two_assessments(golden: Golden) -> None:
    results = [
        transition.score(RUBRIC, transition.load_assessment(EXAMPLES / name, RUBRIC))
        for name in ("business-case.yaml", "workshop.yaml")
    ]
    golden.check("progress/northgate-june.md", render(transition.compare(results), "markdown"))


def test_northgate_figures(northgate: Progress) -> None:
    assert [p.assessed_on.isoformat() for p in northgate.points] == [
        "2026-06-18",
        "2026-07-02",
        "2026-11-02",
    ]
    assert [p.band.label for p in northgate.points] == ["Emerging", "Emerging", "Developing"]
    assert [p.met for p in northgate.points] == [19, 15, 24]
    assert [signed_points(step.score_change) for step in northgate.steps] == ["-10.1", "+14.9"]
    assert ids(northgate.overall.regressed) == ["progress_reviews"]
    assert ids(northgate.overall.new_overclaims) == ["independent_review"]
    assert ids(northgate.overall.newly_met) == [
        "vision_tested",
        "ownership_model_agreed",
        "staff_shape_model",
        "staff_support_measured",
        "pensions_agreed",
        "financial_model",
    ]


def test_the_html_is_self_contained_with_a_described_chart(northgate: Progress) -> None:
    html = render(northgate, "html")
    assert html.startswith("<!DOCTYPE html>\n")
    for outside in ("http://", "https://", "<script", "<link", "@import"):
        assert outside not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert html.count("<svg") == 1
    assert '<title id="trend-title">Overall readiness score over time</title>' in html
    assert (
        '<desc id="trend-desc">2026-06-18: 44.7% (Emerging); 2026-07-02: 34.6% (Emerging); '
        "2026-11-02: 49.4% (Developing). Horizontal lines mark where each band starts: "
        "Emerging at 25.0%; Developing at 45.0%; Ready at 65.0%, with every critical gate "
        "met.</desc>"
    ) in html
    # The table under the chart gives the same figures.
    for figure in ("<td class=\"num\">44.7%</td>", "<td class=\"num\">34.6%</td>",
                   "<td class=\"num\">49.4%</td>"):  # fmt: skip
        assert figure in html


def test_trend_geometry(northgate: Progress) -> None:
    chart = build_progress_context(northgate)["trend"]
    xs = [point.x for point in chart.points]
    assert xs == sorted(xs)
    assert all(b - a >= 84 for a, b in itertools.pairwise(xs))
    assert chart.left < xs[0]
    assert xs[-1] < chart.right
    assert [line.label for line in chart.lines] == ["Emerging", "Developing", "Ready"]
    # Higher scores sit higher (smaller y); the ready line is above the emerging one.
    assert chart.lines[2].y < chart.lines[0].y
    assert chart.points[2].y < chart.points[0].y < chart.points[1].y


def test_fragment_and_notebook_reprs(northgate: Progress) -> None:
    fragment = render(northgate, "html", fragment=True)
    assert fragment.startswith('<div class="transition-report">')
    assert "<html" not in fragment
    assert ".transition-report table {" in fragment
    assert northgate._repr_html_() == fragment
    assert northgate._repr_markdown_() == render(northgate, "markdown")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_clock_appears_only_when_passed_in(northgate: Progress, fmt: str) -> None:
    assert "2026-11-25T09:30:00" not in render_text(northgate, fmt)
    stamped = render_text(northgate, fmt, generated_at=datetime.datetime(2026, 11, 25, 9, 30))
    assert stamped.count("2026-11-25T09:30:00") == 1


def test_output_is_byte_identical_in_another_process(northgate: Progress) -> None:
    code = (
        "import sys, transition\n"
        "r = transition.load_rubric()\n"
        "p = transition.compare([transition.score(r, transition.load_assessment(a, r))"
        " for a in sys.argv[1:]])\n"
        "sys.stdout.buffer.write(''.join(transition.render(p, f) for f in "
        "('html', 'markdown', 'text', 'json')).encode())\n"
    )
    files = [str(EXAMPLES / "workshop.yaml"), str(EXAMPLES / "business-case.yaml")]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, *files],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1")
    }
    here = transition.compare(
        [transition.score(RUBRIC, transition.load_assessment(f, RUBRIC)) for f in files]
    )
    assert outputs == {"".join(render_text(here, f) for f in FORMATS).encode()}


HOSTILE = "Riverside <script>alert(1)</script> | *Care* [x](javascript:y) & \x1b[31mCo\x07"


@pytest.fixture(scope="module")
def hostile() -> Progress:
    assessor = "<img src=x onerror=alert(1)> | `tick`"
    return transition.compare(
        [
            scored("2026-01-15", JANUARY, organisation=HOSTILE, assessor=assessor),
            scored("2026-03-15", MARCH, organisation=HOSTILE, assessor=assessor),
        ]
    )


def test_hostile_names_are_escaped_in_html(hostile: Progress) -> None:
    html = render(hostile, "html")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "\x1b" not in html
    assert "\x07" not in html
    escaped = "Riverside &lt;script&gt;alert(1)&lt;/script&gt; | *Care* [x](javascript:y) &amp; "
    assert escaped in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_hostile_names_are_escaped_in_markdown(hostile: Progress) -> None:
    markdown = render(hostile, "markdown")
    assert markdown.splitlines()[0] == (
        r"# Progress report: Riverside \<script\>alert(1)\</script\> \| \*Care\* "
        r"\[x\](javascript:y) \& \[31mCo"
    )
    assert "<script>" not in markdown
    assert "<img" not in markdown


def test_hostile_names_in_text_are_shown_as_typed_without_controls(hostile: Progress) -> None:
    text = render(hostile, "text")
    assert text.startswith(
        "Progress report: Riverside <script>alert(1)</script> | *Care* [x](javascript:y) & [31mCo\n"
    )
    assert "\x1b" not in text
    assert "\x07" not in text


def test_text_fits_100_columns_even_with_many_assessments_and_long_names() -> None:
    long_name = "Llanfair" + "w" * 150 + " Community Interest Company " * 3
    results = [
        scored(f"2026-{month:02d}-01", {**JANUARY, "senior_sponsor": month % 4}, long_name)
        for month in range(1, 9)
    ]
    text = render(transition.compare(results), "text")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 100
    header = next(line for line in lines if line.startswith("Characteristic "))
    assert header.split()[1:] == [
        "2026-01-01",
        "2026-06-01",
        "2026-07-01",
        "2026-08-01",
        "Change",
    ]
    note = "(Showing the first and the last three of 8 assessments; the change is first to last.)"
    assert note in text


def test_user_templates_override_progress_templates(tmp_path: Path, northgate: Progress) -> None:
    (tmp_path / "progress.txt.j2").write_text(
        "{{ organisation }}: {% for p in points %}{{ p.score_pct }} {% endfor %}\n"
    )
    assert render(northgate, "text", templates=tmp_path) == (
        "Northgate Libraries: 44.7% 34.6% 49.4% "  # trim_blocks eats the newline
    )
    (tmp_path / "progress.md.j2").write_text("{{ ().__class__.__mro__ }}")
    with pytest.raises(transition.TemplateError) as raised:
        render(northgate, "markdown", templates=tmp_path)
    assert isinstance(raised.value.__cause__, jinja2.exceptions.SecurityError)
