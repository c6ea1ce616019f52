"""The portfolio summary: rows, CSV (safe from formula injection) and every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import transition
from transition.portfolio import portfolio
from transition.report import FORMATS

EXAMPLES = sorted((Path(__file__).parent.parent.parent / "examples").glob("*.yaml"))
RUBRIC = transition.load_rubric()


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
