"""The reporter registry: one table of kind x format that render(), the command line and
suffix detection all read; a new reporter, format or kind is one entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import transition
from transition.cli import cli
from transition.portfolio import Portfolio
from transition.progress import Progress
from transition.report import FORMATS, SUFFIXES, format_for_path, render
from transition.report.registry import (
    Options,
    Reporter,
    formats,
    kind_of,
    register,
    reporter_for,
    reporters,
    unregister,
)
from transition.result import Readiness

RUBRIC = transition.load_rubric()
RESULT = transition.score(
    RUBRIC,
    transition.load_assessment(
        {"rubric": RUBRIC.id, "organisation": "Riverside", "answers": {"named_leader": 3}},
        RUBRIC,
    ),
)


def shout(reporter: Reporter, result: Any, options: Options) -> str:
    """A toy engine: the organisation in capitals, and what render() passed on."""
    return f"{result.organisation.upper()} {options.generated_at} {options.fragment}\n"


@pytest.fixture
def toy_format() -> Iterator[Reporter]:
    """The format ``shout`` for readiness reports, registered for one test only."""
    reporter = register(Reporter("readiness", "shout", Readiness, (".shout", ".yell"), shout))
    try:
        yield reporter
    finally:
        unregister("readiness", "shout")


def test_every_kind_has_every_builtin_format() -> None:
    assert tuple(FORMATS) == ("html", "markdown", "text", "json", "pdf")
    for kind in ("readiness", "progress", "portfolio", "plan", "gap"):
        assert formats(kind) == ("html", "markdown", "text", "json", "pdf")
    engines = [(r.kind, r.format, r.template) for r in reporters()]
    assert [e for e in engines if e[1] not in ("json", "pdf")] == [
        ("readiness", "html", "report.html.j2"),
        ("readiness", "markdown", "report.md.j2"),
        ("readiness", "text", "report.txt.j2"),
        ("progress", "html", "progress.html.j2"),
        ("progress", "markdown", "progress.md.j2"),
        ("progress", "text", "progress.txt.j2"),
        ("portfolio", "html", "portfolio.html.j2"),
        ("portfolio", "markdown", "portfolio.md.j2"),
        ("portfolio", "text", "portfolio.txt.j2"),
        ("plan", "html", "plan.html.j2"),
        ("plan", "markdown", "plan.md.j2"),
        ("plan", "text", "plan.txt.j2"),
        ("gap", "html", "gap.html.j2"),
        ("gap", "markdown", "gap.md.j2"),
        ("gap", "text", "gap.txt.j2"),
    ]
    # JSON and PDF have no template of their own: PDF is the kind's HTML report, on paper.
    assert {r.template for r in reporters() if r.format in ("json", "pdf")} == {None}


def test_suffixes_come_from_the_registry() -> None:
    assert dict(SUFFIXES) == {
        ".html": "html",
        ".htm": "html",
        ".md": "markdown",
        ".markdown": "markdown",
        ".txt": "text",
        ".text": "text",
        ".json": "json",
        ".pdf": "pdf",
    }
    assert [reporter_for("portfolio", f).suffix for f in FORMATS] == [
        ".html",
        ".md",
        ".txt",
        ".json",
        ".pdf",
    ]


def test_kinds() -> None:
    assert kind_of(RESULT) == "readiness"
    assert kind_of(Portfolio(())) == "portfolio"
    assert kind_of(transition.plan(RESULT)) == "plan"
    assert reporter_for("plan", "json").renders is transition.Plan
    assert reporter_for("gap", "json").renders is transition.Gap
    assert reporter_for("progress", "html").renders is Progress
    with pytest.raises(TypeError, match="cannot render a dict"):
        render({}, "json")  # type: ignore[call-overload]


def test_a_new_format_is_one_entry(toy_format: Reporter, tmp_path: Path) -> None:
    assert render(RESULT, "shout", generated_at="2026-01-02", fragment=True) == (
        "RIVERSIDE 2026-01-02 True\n"
    )
    assert tuple(FORMATS) == ("html", "markdown", "text", "json", "pdf", "shout")
    assert format_for_path("report.YELL") == "shout"
    assert SUFFIXES[".shout"] == "shout"
    with pytest.raises(ValueError, match=r"choose from html, markdown, text, json, pdf\)$"):
        render(Portfolio(()), "shout")

    # The command line offers it, and writes it with its first suffix.
    assessment = tmp_path / "team.yaml"
    assessment.write_text(
        f"rubric: {RUBRIC.id}\norganisation: Riverside\nanswers: {{}}\n", encoding="utf-8"
    )
    runner = CliRunner()
    shown = runner.invoke(cli, ["report", str(assessment), "--format", "shout"])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout == "RIVERSIDE None False\n"
    written = runner.invoke(cli, ["report", str(assessment), "-o", str(tmp_path / "r.yell")])
    assert written.exit_code == 0, written.output
    assert (tmp_path / "r.yell").read_text(encoding="utf-8") == "RIVERSIDE None False\n"


def test_an_unregistered_format_is_gone(toy_format: Reporter) -> None:
    assert unregister("readiness", "shout") == toy_format
    with pytest.raises(ValueError, match="unknown report format") as raised:
        render(RESULT, "shout")
    assert str(raised.value) == (
        "unknown report format 'shout' (choose from html, markdown, text, json, pdf)"
    )
    assert format_for_path("x.shout") is None
    assert "shout" not in FORMATS
    register(toy_format)  # for the fixture to remove


@attrs.frozen
class Toy:
    """A new kind of result (a plan, a gap, a lens, a benchmark ...)."""

    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name}


def _toy_json(reporter: Reporter, result: Any, options: Options) -> str:
    return json.dumps({"kind": reporter.kind, **result.to_dict()}) + "\n"


def test_a_new_kind_is_one_entry_per_format() -> None:
    register(Reporter("toy", "json", Toy, (".json",), _toy_json))
    try:
        assert kind_of(Toy("a")) == "toy"
        assert render(Toy("a"), "json") == '{"kind": "toy", "name": "a"}\n'  # type: ignore[call-overload]
        with pytest.raises(ValueError, match="unknown report format") as raised:
            render(Toy("a"), "html")  # type: ignore[call-overload]
        assert str(raised.value) == "unknown report format 'html' (choose from json)"
        assert formats("toy") == ("json",)
        assert tuple(FORMATS) == ("html", "markdown", "text", "json", "pdf")
    finally:
        unregister("toy", "json")
    with pytest.raises(TypeError):
        kind_of(Toy("a"))


def test_clashes_are_refused(toy_format: Reporter) -> None:
    before = reporters()
    with pytest.raises(ValueError, match="a readiness reporter for 'html' is registered"):
        register(attrs.evolve(reporter_for("readiness", "html")))
    with pytest.raises(ValueError, match=r"\.md already means 'markdown'"):
        register(Reporter("readiness", "rst", Readiness, (".rst", ".md"), shout))
    with pytest.raises(ValueError, match="'readiness' reporters render Readiness, not Toy"):
        register(Reporter("readiness", "rst", Toy, (".rst",), shout))
    with pytest.raises(ValueError, match="Readiness is rendered as 'readiness'"):
        register(Reporter("other", "rst", Readiness, (".rst",), shout))
    with pytest.raises(ValueError, match=r"suffixes must start with '\.'"):
        register(Reporter("readiness", "rst", Readiness, ("rst",), shout))
    assert reporters() == before
