"""Reports: golden files for every format, determinism, templates, the view model."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

import transition
from tests.conftest import Golden
from transition.report import FORMATS, format_for_path, render
from transition.report.view import build_context

EXAMPLES = sorted((Path(__file__).parent.parent.parent / "examples").glob("*.yaml"))
SUFFIX = {"html": "html", "markdown": "md", "text": "txt", "json": "json"}
RUBRIC = transition.load_rubric()


def result_for(path: Path) -> transition.Readiness:
    return transition.score(RUBRIC, transition.load_assessment(path, RUBRIC))


def test_there_are_examples() -> None:
    assert [p.stem for p in EXAMPLES] == ["business-case", "exploring", "near-go-live", "workshop"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden(golden: Golden, example: Path, fmt: str) -> None:
    golden.check(f"reports/{example.stem}.{SUFFIX[fmt]}", render(result_for(example), fmt))


def test_golden_fragment(golden: Golden) -> None:
    result = result_for(EXAMPLES[0])
    golden.check("reports/business-case.fragment.html", render(result, "html", fragment=True))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_clock_appears_only_when_passed_in(fmt: str) -> None:
    result = result_for(EXAMPLES[0])
    plain = render(result, fmt)
    stamped = render(result, fmt, generated_at=datetime.datetime(2026, 11, 25, 9, 30))
    assert "2026-11-25T09:30:00" not in plain
    assert "2026-11-25T09:30:00" in stamped
    assert render(result, fmt, generated_at="25 November 2026").count("25 November 2026") == 1


def test_output_is_byte_identical_in_another_process() -> None:
    code = (
        "import sys, transition\n"
        "r = transition.load_rubric()\n"
        "a = transition.load_assessment(sys.argv[1], r)\n"
        "res = transition.score(r, a)\n"
        "sys.stdout.buffer.write(''.join(transition.render(res, f) for f in "
        "('html', 'markdown', 'text', 'json')).encode())\n"
    )
    outputs = set()
    for seed in ("0", "1"):
        completed = subprocess.run(
            [sys.executable, "-c", code, str(EXAMPLES[3])],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(completed.stdout)
    here = "".join(render(result_for(EXAMPLES[3]), f) for f in FORMATS).encode()
    assert outputs == {here}


def test_the_html_is_one_self_contained_file() -> None:
    html = render(result_for(EXAMPLES[2]), "html")
    assert html.startswith("<!DOCTYPE html>\n")
    for outside in ("http://", "https://", "<script", "<link", "@import", "url(http"):
        assert outside not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert html.count("<svg") == 2
    assert "@media print" in html


def test_fragments_are_scoped() -> None:
    fragment = render(result_for(EXAMPLES[0]), "html", fragment=True)
    assert fragment.startswith('<div class="transition-report">')
    assert "<html" not in fragment
    assert "<head>" not in fragment
    assert "\nbody {" not in fragment
    assert ".transition-report table {" in fragment


def test_notebook_reprs() -> None:
    result = result_for(EXAMPLES[0])
    assert result._repr_html_() == render(result, "html", fragment=True)
    assert result._repr_markdown_() == render(result, "markdown")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render(result_for(EXAMPLES[0]), "pdf")


def test_format_for_path() -> None:
    assert [format_for_path(f"x.{s}") for s in ("html", "htm", "md", "txt", "json", "csv")] == [
        "html",
        "html",
        "markdown",
        "text",
        "json",
        None,
    ]


def test_user_templates_override_by_name(tmp_path: Path) -> None:
    (tmp_path / "report.txt.j2").write_text("{{ organisation }}: {{ score_pct }}\n")
    result = result_for(EXAMPLES[1])
    assert render(result, "text", templates=tmp_path) == "Riverside Community Care: 16.0%\n"
    # Templates not overridden still come from the package.
    assert render(result, "markdown", templates=tmp_path) == render(result, "markdown")


def test_user_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "report.txt.j2").write_text("{{ ().__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(jinja2.exceptions.SecurityError):
        render(result_for(EXAMPLES[1]), "text", templates=tmp_path)


def test_templates_see_undefined_names_as_errors(tmp_path: Path) -> None:
    (tmp_path / "report.txt.j2").write_text("{{ organisaton }}")
    with pytest.raises(jinja2.exceptions.UndefinedError, match="organisaton"):
        render(result_for(EXAMPLES[1]), "text", templates=tmp_path)


def test_markdown_escapes_every_value_in_user_templates(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("{{ organisation }}|{{ '<b>' | trusted }}\n")
    result = result_for(EXAMPLES[1])
    hostile = transition.score(
        RUBRIC,
        transition.load_assessment(
            {"rubric": RUBRIC.id, "organisation": "<i>x</i> | *y*", "answers": {}}, RUBRIC
        ),
    )
    assert render(hostile, "markdown", templates=tmp_path) == "\\<i\\>x\\</i\\> \\| \\*y\\*|<b>\n"
    assert render(result, "markdown", templates=tmp_path).startswith("Riverside Community Care|")


def test_view_model_reasons_and_next_steps() -> None:
    context = build_context(result_for(EXAMPLES[0]))
    by_id = {m["id"]: m for m in context["milestones"]}
    capped = by_id["ownership_model_agreed"]
    assert capped["overclaimed"] is True
    assert capped["reason"] == (
        "claimed 3, capped at 2: needs staff_shape_model at 3, which is at 2"
    )
    assert capped["unmet"][0]["id"] == "staff_shape_model"
    first = context["next_steps"][0]
    assert first["guidance_next"] == RUBRIC.milestones[first["id"]].levels[first["next_level"]]
    assert context["next_band"]["label"] == "Developing"
    assert [c["id"] for c in context["characteristics"]] == [c.id for c in RUBRIC.characteristics]
