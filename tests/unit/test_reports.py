"""Reports: golden files for every format, determinism, templates, the view model."""

from __future__ import annotations

import ast
import datetime
import html as html_module
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2
import pytest

import transition
from tests.conftest import Golden
from tests.rendering import render_text, text_formats
from transition.model import FrozenDict
from transition.report import format_for_path, render
from transition.report.view import build_context

FORMATS = text_formats()
EXAMPLES = sorted((Path(__file__).parent.parent.parent / "examples").glob("*.yaml"))
SUFFIX = {"html": "html", "markdown": "md", "text": "txt", "json": "json"}
RUBRIC = transition.load_rubric()


def result_for(path: Path) -> transition.Readiness:
    return transition.score(RUBRIC, transition.load_assessment(path, RUBRIC))


def test_there_are_examples() -> None:
    assert [p.stem for p in EXAMPLES] == ["business-case", "exploring", "near-go-live", "workshop"]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "html"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden(golden: Golden, example: Path, fmt: str) -> None:
    golden.check(f"reports/{example.stem}.{SUFFIX[fmt]}", render_text(result_for(example), fmt))


def test_golden_html(golden: Golden) -> None:
    """One whole HTML page; the other examples' HTML is covered by their context goldens
    (what a report shows, as data) and the templates, which are the same for all."""
    golden.check("reports/business-case.html", render(result_for(EXAMPLES[0]), "html"))


#: Context keys that list milestones already in ``milestones``: shown by id in the golden.
MILESTONE_LISTS = (
    "critical",
    "next_steps",
    "blocked",
    "overclaimed",
    "disagreements",
    "readiness_path",
    "evidence",
)


def context_document(context: Mapping[str, Any]) -> str:
    """The view context as JSON: geometry objects as their fields, and every list of
    milestones but ``milestones`` itself as ids (they are the same mappings)."""
    by_id = {m["id"]: m for m in context["milestones"]}

    def ids(items: list[Any]) -> list[str]:
        assert all(item is by_id[item["id"]] for item in items)
        return [item["id"] for item in items]

    document = dict(context)
    for key in MILESTONE_LISTS:
        document[key] = ids(document[key])
    if document["next_band"] is not None:
        next_band = dict(document["next_band"])
        next_band["critical_gates"] = ids(next_band["critical_gates"])
        document["next_band"] = next_band
    if document["phase_view"] is not None:
        phase_view = dict(document["phase_view"])
        phase_view["overdue"] = ids(phase_view["overdue"])
        document["phase_view"] = phase_view
    document["radar"] = attrs.asdict(document["radar"])
    document["graph"] = attrs.asdict(document["graph"])
    document["plan"] = {**document["plan"], "gantt": attrs.asdict(document["plan"]["gantt"])}
    return json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_golden_context(golden: Golden, example: Path) -> None:
    context = build_context(result_for(example))
    golden.check(f"reports/{example.stem}.context.json", context_document(context))


def test_the_fragment_is_the_page_without_its_head() -> None:
    result = result_for(EXAMPLES[0])
    page, fragment = render(result, "html"), render(result, "html", fragment=True)
    page = page.replace('<main id="main" role="main">', "<main>")
    page = page.replace('<footer role="contentinfo">', "<footer>")
    body = page[page.index("<h1>") : page.index("</footer>")]
    assert len(body) > 10_000
    assert fragment[fragment.index("<h1>") : fragment.index("</footer>")] == body


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_clock_appears_only_when_passed_in(fmt: str) -> None:
    result = result_for(EXAMPLES[0])
    plain = render_text(result, fmt)
    stamped = render_text(result, fmt, generated_at=datetime.datetime(2026, 11, 25, 9, 30))
    assert "2026-11-25T09:30:00" not in plain
    assert "2026-11-25T09:30:00" in stamped
    assert render_text(result, fmt, generated_at="25 November 2026").count("25 November 2026") == 1


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
    here = "".join(render_text(result_for(EXAMPLES[3]), f) for f in FORMATS).encode()
    assert outputs == {here}


def test_the_html_is_one_self_contained_file() -> None:
    html = render(result_for(EXAMPLES[2]), "html")
    assert html.startswith("<!DOCTYPE html>\n")
    for outside in ("http://", "https://", "<script", "<link", "@import", "url(http"):
        assert outside not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert html.count("<svg") == 3  # the radar, the graph and the plan's Gantt chart
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
    with pytest.raises(ValueError, match="unknown report format 'docx'"):
        render(result_for(EXAMPLES[0]), "docx")


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
    with pytest.raises(transition.TemplateError) as raised:
        render(result_for(EXAMPLES[1]), "text", templates=tmp_path)
    assert isinstance(raised.value.__cause__, jinja2.exceptions.SecurityError)


def test_templates_see_undefined_names_as_errors(tmp_path: Path) -> None:
    (tmp_path / "report.txt.j2").write_text("{{ organisaton }}")
    with pytest.raises(transition.TemplateError, match="organisaton") as raised:
        render(result_for(EXAMPLES[1]), "text", templates=tmp_path)
    assert isinstance(raised.value.__cause__, jinja2.exceptions.UndefinedError)


#: A broken user template, the line it breaks on, and what the one error line says.
BROKEN_TEMPLATES = {
    "syntax": ("line\n{{ organisation }\n", 2, "template-syntax", "syntax error: unexpected '}'"),
    "undefined": (
        "a\nb\n{{ organisaton }}",
        3,
        "template-undefined",
        "undefined value: 'organisaton' is undefined",
    ),
    "sandbox": (
        "{{ cycler.__init__.__globals__ }}",
        1,
        "template-sandbox",
        "not allowed in the sandbox: access to attribute '__init__' of 'type' object is unsafe.",
    ),
    "not found": (
        '\n{% include "nowhere.j2" %}',
        2,
        "template-not-found",
        "template not found: 'nowhere.j2'",
    ),
    "extends missing": (
        '{% extends "nowhere.j2" %}',
        1,
        "template-not-found",
        "template not found: 'nowhere.j2'",
    ),
    "recursive include": (
        '{% include "report.txt.j2" %}',
        1,
        "template-recursion",
        "recursion too deep: a template includes, extends or calls itself without end",
    ),
    "recursive macro": (
        "{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}",
        1,
        "template-recursion",
        "recursion too deep: a template includes, extends or calls itself without end",
    ),
    "python error": (
        "\n\n\n{{ 1 / 0 }}",
        4,
        "template-error",
        "ZeroDivisionError: division by zero",
    ),
    "filter misuse": (
        "{{ organisation | wrap(-3) }}",
        1,
        "template-error",
        "ValueError: invalid width -3 (must be > 0)",
    ),
    "not UTF-8": (
        "caf\udce9",  # written below as the byte 0xE9 (Latin-1)
        None,
        "template-read",
        "cannot read: not UTF-8 text (byte 0xe9)",
    ),
}


@pytest.mark.parametrize("kind", BROKEN_TEMPLATES)
def test_every_template_error_is_one_located_line(tmp_path: Path, kind: str) -> None:
    """A user's template that fails, whichever way, raises a TemplateError: one record,
    naming the template file and line, on one line; never a bare Jinja or Python error."""
    source, line, code, message = BROKEN_TEMPLATES[kind]
    template = tmp_path / "report.txt.j2"
    template.write_bytes(source.encode("utf-8", "surrogateescape"))
    with pytest.raises(transition.TemplateError) as raised:
        render(result_for(EXAMPLES[1]), "text", templates=tmp_path)
    error = raised.value
    assert isinstance(error, transition.TransitionError)
    (record,) = error.errors
    assert (record.path, record.line, record.code, record.message) == (
        str(template),
        line,
        code,
        message,
    )
    where = f"{template}:{line}" if line is not None else str(template)
    assert str(error) == f"{where}: {message}"


def test_an_error_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text('# Top\n{% include "part.md.j2" %}\n')
    (tmp_path / "part.md.j2").write_text("ok\nok\n{{ organisation.__class__ }}\n")
    with pytest.raises(transition.TemplateError) as raised:
        render(result_for(EXAMPLES[1]), "markdown", templates=tmp_path)
    (record,) = raised.value.errors
    assert (record.path, record.line, record.code) == (
        str(tmp_path / "part.md.j2"),
        3,
        "template-sandbox",
    )


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
    # Issue 12: a board reads the milestone's title and each level's label, not ids.
    assert capped["reason"] == (
        "claimed 3 Established, capped at 2 Developing: needs \u201cStaff are shaping the"
        " model\u201d at 3 Established, which is at 2 Developing"
    )
    assert capped["reason_kind"] == "capped"
    assert capped["unmet"][0]["id"] == "staff_shape_model"
    assert (capped["unmet"][0]["required_label"], capped["unmet"][0]["level_label"]) == (
        "3 Established",
        "2 Developing",
    )
    first = context["next_steps"][0]
    assert first["next_level"] is not None
    assert first["guidance_next"] == RUBRIC.milestones[first["id"]].levels[first["next_level"]]
    assert context["next_band"] is not None
    assert context["next_band"]["label"] == "Developing"
    assert [c["id"] for c in context["characteristics"]] == [c.id for c in RUBRIC.characteristics]


def test_the_band_summary_cannot_contradict_the_result() -> None:
    """Issue 9: a leader, a sponsor and a case for change all met, and still the report
    said they were "not yet in place" (the rubric's description of the band)."""
    founded = {"named_leader": 3, "senior_sponsor": 3, "service_scope": 3, "case_for_change": 3}
    result = transition.score(
        RUBRIC,
        transition.load_assessment(
            {"rubric": RUBRIC.id, "organisation": "Riverside", "answers": founded}, RUBRIC
        ),
    )
    assert result.band.id == "not_ready"
    assert "not yet in place" in result.band.description  # the rubric's words
    applicable = sum(c.applicable for c in result.characteristics.values())
    assert result.milestones.with_status(transition.Status.MET) == tuple(founded)
    gates = [mid for mid, m in RUBRIC.milestones.items() if m.critical]
    still_open = [g for g in gates if g not in founded]
    summary = (
        f"Not ready, with a score of {result.score * 100:.1f}%: 4 of {applicable} applicable "
        f"milestones met; {len(still_open)} of {len(gates)} critical gates still open."
    )
    assert build_context(result)["band"]["summary"] == summary
    for fmt in ("html", "markdown", "text"):
        out = render(result, fmt)
        body, legend = out.split("What each band means, in the rubric\u2019s words:")
        assert "not yet in place" not in body, fmt  # only as the rubric's words, in the footer
        assert "not yet in place" in " ".join(legend.split()), fmt
        assert summary in body.replace("\n", " "), fmt


def test_the_evidence_appendix_says_who_recorded_evidence_without_a_level() -> None:
    """Issue 9: "(not assessed, assessed by JC)" for evidence recorded before a level."""
    answers = {
        "named_leader": {"evidence": ["Minutes of the June meeting"], "assessor": "JC"},
        "senior_sponsor": {"level": 2, "evidence": ["Sponsor's email"], "assessor": "AB"},
    }
    result = transition.score(
        RUBRIC,
        transition.load_assessment({"rubric": RUBRIC.id, "answers": answers}, RUBRIC),
    )
    by_id = {m["id"]: m for m in build_context(result)["evidence"]}
    assert by_id["named_leader"]["evidence_note"] == "not assessed yet; evidence recorded by JC"
    assert by_id["senior_sponsor"]["evidence_note"] == "2 Developing; assessed by AB"
    text = render(result, "text")
    assert "Evidence given (not assessed yet; evidence recorded by JC):" in text
    assert "(2 Developing; assessed by AB)" in text
    assert "not assessed yet; evidence recorded by JC" in render(result, "markdown")
    assert '<span class="note">not assessed yet; evidence recorded by JC</span>' in render(
        result, "html"
    )
    for fmt in ("html", "markdown", "text"):
        assert "assessed by JC" not in render(result, fmt), fmt


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_readers_see_milestone_titles_never_ids(example: Path) -> None:
    result = result_for(example)
    # Evidence and notes are the assessment's own words, shown as typed (they may name
    # an id): the text and Markdown checks read the report without them.
    plain = attrs.evolve(
        result,
        assessment=attrs.evolve(
            result.assessment,
            answers=FrozenDict(
                {
                    mid: attrs.evolve(answer, evidence=(), notes="")
                    for mid, answer in result.assessment.answers.items()
                }
            ),
        ),
    )
    text = render(plain, "text")
    markdown = render(plain, "markdown")
    for mid in RUBRIC.milestones:
        assert mid not in text, mid
        assert mid.replace("_", "\\_") not in markdown, mid
    # Ids only in <code>, tooltips (title=, <title>) and anchors (issue 12).
    html = render(result, "html")
    visible = html_module.unescape(
        re.sub(r"<title>.*?</title>|<code[^>]*>.*?</code>|<[^>]*>", "", html, flags=re.S)
    )
    for answer in result.assessment.answers.values():  # the assessment's own words
        for words in (answer.notes, *answer.evidence):
            visible = visible.replace(words, "") if words else visible
    for mid in RUBRIC.milestones:
        assert mid not in visible, mid
    document = result.to_dict()
    for outcome in document["milestones"].values():
        if outcome["status"] == "not_applicable":
            assert outcome["reason_text"] == "not applicable"
            continue
        for blocker in outcome["reason"]["blockers"]:
            title = RUBRIC.milestones[blocker["milestone"]].title
            assert f"\u201c{title}\u201d" in outcome["reason_text"]


def test_no_module_imports_another_modules_underscore_names() -> None:
    """A private name is private to its module: what two modules share is public (the
    charts and the views share their number formatting through report/_format.py)."""
    package = Path(transition.__file__).parent
    found: list[str] = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found.extend(
                    f"{path.relative_to(package)}: {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                )
    assert found == []


def test_the_charts_package_imports_its_charts() -> None:
    """The charts no longer import the view model, so their package can import them."""
    import transition.report.charts as charts

    assert charts.__all__ == ["graph", "radar", "trend"]
    assert charts.trend.trend is transition.report.progress_view.trend
    assert callable(charts.graph.layout_graph)
    assert callable(charts.radar.radar)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_reasons_name_milestones_by_title_and_levels_by_label(example: Path) -> None:
    """Issue 12: "needs staff_shape_model at 3" said to a board; now the title and the
    level's label, in every reason and every blocker of the view."""
    context = build_context(result_for(example))
    scale = {level.value: level.label for level in RUBRIC.scale}
    blocked = 0
    for m in context["milestones"]:
        assert not any(mid in m["reason"] for mid in RUBRIC.milestones), m["reason"]
        for u in m["unmet"]:
            blocked += 1
            assert u["title"] == RUBRIC.milestones[u["id"]].title
            assert u["required_label"] == f"{u['required']} {scale[u['required']]}"
            assert u["level_label"] == f"{u['level']} {scale[u['level']]}"
            if m["reason_kind"] == "not_applicable":  # says so, and nothing more
                continue
            needs = f"needs \u201c{u['title']}\u201d at {u['required_label']}, which is at "
            assert needs + u["level_label"] in m["reason"], m["reason"]
    assert blocked > 0  # the examples have blocked milestones: the loop checked something


def test_a_reason_without_titles_or_a_scale_keeps_ids_and_numbers() -> None:
    """The JSON ``reason_text`` keeps numbers; without titles a milestone is its id."""
    result = result_for(EXAMPLES[0])
    outcome = result.milestones["ownership_model_agreed"]
    document = result.to_dict()["milestones"]["ownership_model_agreed"]
    assert "at 3, which is at 2" in document["reason_text"]
    from transition._words import reason_text

    assert "needs staff_shape_model at 3, which is at 2" in reason_text(outcome.reason)
    labelled = reason_text(outcome.reason, None, {2: "Developing", 3: "Established"})
    assert "needs staff_shape_model at 3 Established, which is at 2 Developing" in labelled
