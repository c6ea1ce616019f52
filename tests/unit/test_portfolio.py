"""The portfolio summary: rows, CSV (safe from formula injection) and every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import transition
from tests.rendering import text_formats
from transition.portfolio import portfolio

EXAMPLES = sorted((Path(__file__).parent.parent.parent / "examples").glob("*.yaml"))
RUBRIC = transition.load_rubric()

FORMATS = text_formats()


def scored(mapping: dict[str, object]) -> transition.Readiness:
    return transition.score(RUBRIC, transition.load_assessment(mapping, RUBRIC))


def test_rows_follow_the_results() -> None:
    results = [
        (p.name, transition.score(RUBRIC, transition.load_assessment(p, RUBRIC))) for p in EXAMPLES
    ]
    summary = portfolio(results)
    assert [row.source for row in summary.rows] == [p.name for p in EXAMPLES]
    near = summary.rows[2]
    assert (near.organisation, near.band, near.open_critical_gates) == (
        "Harbour Youth Services",
        "Developing",
        ("tupe_consultation", "capital_secured", "go_live_ready"),
    )
    assert near.weakest_characteristic == "institutionalisation"


def test_csv_cannot_smuggle_formulas() -> None:
    summary = portfolio(
        [
            (
                "x.yaml",
                scored(
                    {"rubric": RUBRIC.id, "organisation": '=HYPERLINK("http://x")', "answers": {}}
                ),
            )
        ]
    )
    row = list(csv.reader(io.StringIO(summary.to_csv())))[1]
    assert row[1] == '\'=HYPERLINK("http://x")'


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_and_escapes(fmt: str) -> None:
    summary = portfolio(
        [("<x>.yaml", scored({"rubric": RUBRIC.id, "organisation": "<b>A|B</b>", "answers": {}}))]
    )
    text = transition.render(summary, fmt, links={"<x>.yaml": "javascript:alert(1).html"})
    if fmt == "json":
        assert json.loads(text)["rows"][0]["organisation"] == "<b>A|B</b>"
    elif fmt == "html":
        assert "<b>A" not in text
        assert 'href="./javascript%3Aalert%281%29.html"' in text
    elif fmt == "markdown":
        assert "\\<b\\>A\\|B\\</b\\>" in text
    else:
        assert "<b>A|B</b>" in text


def test_an_empty_portfolio() -> None:
    assert transition.render(portfolio([]), "text").startswith("Portfolio: 0 assessments\n")


def test_csv_source_is_never_a_live_formula() -> None:
    """A file named like a formula comes out as text, in rows and in failed rows."""
    name = '=HYPERLINK("http://x","y").yaml'
    summary = portfolio(
        [(name, scored({"rubric": RUBRIC.id, "answers": {}}))],
        [("+evil.yaml", '@SUM(1+1) "; line 2 ignored'), ("-x.yaml", "=1+1")],
    )
    rows = list(csv.reader(io.StringIO(summary.to_csv())))
    assert rows[1][0] == "'" + name
    assert [row[0] for row in rows[2:]] == ["'+evil.yaml", "'-x.yaml"]
    assert [row[-1] for row in rows[2:]] == ["'@SUM(1+1) \"; line 2 ignored", "'=1+1"]


def test_failed_files_are_rows_in_csv_and_json() -> None:
    summary = portfolio(
        [("good.yaml", scored({"rubric": RUBRIC.id, "answers": {}}))],
        [("bad.yaml", "bad.yaml:2: answers.x: unknown milestone")],
    )
    rows = list(csv.DictReader(io.StringIO(summary.to_csv())))
    assert [(row["source"], row["error"]) for row in rows] == [
        ("good.yaml", ""),
        ("bad.yaml", "bad.yaml:2: answers.x: unknown milestone"),
    ]
    assert rows[1]["organisation"] == rows[1]["score_percent"] == ""
    assert summary.to_dict()["failures"] == [
        {"source": "bad.yaml", "reason": "bad.yaml:2: answers.x: unknown milestone"}
    ]
    assert portfolio([]).to_dict()["failures"] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_failed_files_show_in_every_format(fmt: str) -> None:
    """No silent loss: every file given is either a row or a failed row (file, reason)."""
    summary = portfolio(
        [("good.yaml", scored({"rubric": RUBRIC.id, "organisation": "Good", "answers": {}}))],
        [("<bad>.yaml", "<bad>.yaml:2: level 9 is outside the scale 0..4")],
    )
    text = transition.render(summary, fmt)
    if fmt == "json":
        assert json.loads(text)["failures"] == [
            {"source": "<bad>.yaml", "reason": "<bad>.yaml:2: level 9 is outside the scale 0..4"}
        ]
    elif fmt == "html":
        assert "Not scored: 1 file</h2>" in text
        assert (
            '<tr class="failed"><th scope="row">&lt;bad&gt;.yaml</th>'
            "<td>&lt;bad&gt;.yaml:2: level 9 is outside the scale 0..4</td></tr>"
        ) in text
    elif fmt == "markdown":
        assert "## Not scored: 1 file\n" in text
        assert "| \\<bad\\>.yaml | \\<bad\\>.yaml:2: level 9 is outside the scale 0..4 |" in text
    else:
        assert "Not scored: 1 file\n" in text
        assert "- <bad>.yaml: <bad>.yaml:2: level 9 is outside the scale 0..4\n" in text


def test_no_failures_no_failed_section() -> None:
    summary = portfolio([("good.yaml", scored({"rubric": RUBRIC.id, "answers": {}}))])
    for fmt in ("html", "markdown", "text"):
        assert "Not scored" not in transition.render(summary, fmt)


def test_html_dates_do_not_wrap() -> None:
    summary = portfolio(
        [
            (
                "good.yaml",
                scored({"rubric": RUBRIC.id, "assessed_on": "2026-01-02", "answers": {}}),
            )
        ]
    )
    html = transition.render(summary, "html")
    assert '<td class="date">2026-01-02</td>' in html
    assert "td.date { white-space: nowrap; }" in html
