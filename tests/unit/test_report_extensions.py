"""Reports of a rubric that uses the SPEC 3.1 extensions: areas under their
characteristic, related milestones after the reason, references as safe links, in
every format; a rubric without them gives the report it gave before (the goldens)."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

import transition

from .test_rubric_extensions import BASE

HOSTILE_URL = "https://example.org/a)b<script>"


def _result(**changes: Any) -> transition.Readiness:
    mapping = copy.deepcopy(BASE)
    mapping["milestones"][0]["references"] = [
        "ISO 27001 A.5",
        {"title": "Policy *guide* <b>", "url": HOSTILE_URL},
    ]
    mapping.update(changes)
    rubric = transition.load_rubric(mapping)
    answers = {"rubric": rubric.id, "organisation": "Acme", "answers": {"policy": 3}}
    return transition.score(rubric, transition.load_assessment(answers, rubric))


@pytest.fixture(scope="module")
def result() -> transition.Readiness:
    return _result()


def test_html_shows_areas_related_links_and_references(result: transition.Readiness) -> None:
    page = transition.render(result, "html")
    area = re.search(r'<tr class="area"><th scope="row">.*?</tr>', page)
    assert area is not None
    assert "Strategy and metrics" in area.group()
    assert "75%" in area.group()
    # Related milestones link to the milestone's entry, by title (the id a tooltip).
    assert 'id="m-threat_model"' in page
    assert (
        '<dt>See also</dt><dd><a href="#m-threat_model" title="threat_model">Threat model</a>'
        in page
    )
    assert '<a href="https://owaspsamm.org/" rel="noopener noreferrer">OWASP SAMM</a>' in page
    # A reference's address and title are escaped: no markup from the rubric.
    assert "<script>" not in page
    assert "<b>" not in page
    assert 'href="https://example.org/a)b&lt;script&gt;" rel="noopener noreferrer"' in page
    assert '<h2 id="sources">Sources</h2>' in page


def test_markdown_links_are_links_and_nothing_else(result: transition.Readiness) -> None:
    text = transition.render(result, "markdown")
    assert "| Governance \u203a Strategy and metrics | | 75% |" in text
    assert "- **See also:** Threat model\n" in text
    html = MarkdownIt("commonmark").render(text)
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', html)
    # A milestone's sources come with its entry, before the rubric's Sources section.
    assert sorted(links) == sorted(
        [
            ("https://owaspsamm.org/", "OWASP SAMM"),
            ("http://example.org/strategy", "Strategy"),
            ("https://example.org/a%29b%3Cscript%3E", "Policy *guide* &lt;b&gt;"),
        ]
    )
    assert "<script" not in html
    assert "<b>" not in html


def test_text_lists_areas_and_sources(result: transition.Readiness) -> None:
    text = transition.render(result, "text")
    assert re.search(r"^  Strategy and metrics +█+░* +75%   met 1 of 1$", text, re.MULTILINE)
    assert "SOURCES" in text
    assert "  - The rubric: OWASP SAMM <https://owaspsamm.org/>" in text
    assert "  - See also: Threat model\n" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_without_extensions_no_section_is_added() -> None:
    bare = copy.deepcopy(BASE)
    bare.pop("references")
    bare.pop("areas")
    for characteristic in bare["characteristics"]:
        characteristic.pop("references", None)
    for milestone in bare["milestones"]:
        for key in ("references", "related", "area"):
            milestone.pop(key, None)
    rubric = transition.load_rubric(bare)
    answers = {"rubric": rubric.id, "answers": {"policy": 3}}
    bare_result = transition.score(rubric, transition.load_assessment(answers, rubric))
    for fmt in ("html", "markdown", "text"):
        out = transition.render(bare_result, fmt)
        assert "Sources" not in out
        assert "SOURCES" not in out
        assert "See also" not in out
        assert 'class="area"' not in out
        assert "\u203a" not in out
