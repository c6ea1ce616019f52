"""A readiness result whose every free-text field is hostile, for the report tests.

Every text a person can type into a rubric or an assessment (titles, descriptions,
scale and band labels, guidance, evidence prompts, tags, organisation, assessors,
evidence, notes, even the rubric version) is built from :data:`PAYLOADS`: markup,
script, Markdown syntax, Jinja syntax, control characters, very long words and
right-to-left, emoji and Welsh text. Ids stay valid ids.

Each field starts with a short tag naming it (``«org»``) so that a failing assertion
says where the text came from, except for the fields listed in :data:`LINE_STARTS`,
which start with a payload that would open a Markdown block if it began a line.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from typing import Any

import transition

#: A script that would mark the page if it ever ran in a browser.
PWN_ATTRIBUTE = "data-pwned"
PWN_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
PWN_SCRIPT = "<script>document.title='pwned'</script>"
#: An image that would make a network request if it ever became an element.
NETWORK_IMG = '<img src="http://127.0.0.1:9/x">'
LONG_WORD = "Llanfair" + "w" * 284 + "gogogoch"  # 300 characters, no break

#: Every payload; each free-text field contains all of them.
PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(2)</script>",
    "</style><script>alert(3)</script>",
    "]]>",
    "<!--",
    "-->",
    "<![CDATA[x]]>",
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "![pic](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<http://127.0.0.1:9/autolink>",
    "http://127.0.0.1:9/bare www.example.org example.org mail@example.org",
    "[ref]: javascript:alert(1)",
    "| col | break |",
    "**bold** __bold__ *em* _em_ ~~strike~~ `code`",
    "# heading",
    "<b>x</b>",
    "&amp; &lt;b&gt; &#60;i&#62; &#x3C;u&#x3E; &copy;",
    "{{ 7*7 }}",
    "{% raw %}",
    "{% endraw %}{# comment #}",
    "${7*7} #{7*7}",
    "%s %(x)s %d %%",
    "line one\nline two\r\nline three\rline four",
    "tab\there",
    "\x00\x1b[31mred\x1b[0m\x07\x08\x7f",
    "\x85\x9b31m",
    LONG_WORD,
    "\u05e2\u05d1\u05e8\u05d9\u05ea \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u202eevil\u202c",
    "\u202a\u202b\u202d\u2066\u2067\u2068isolate\u2069 \u200e\u200f\u061c marks",
    "\U0001f680 \U0001f469\u200d\U0001f469\u200d\U0001f467 \u0174 \u0177 Cymraeg",
    "\\",
    PWN_IMG,
    PWN_SCRIPT,
    NETWORK_IMG,
)

#: Payloads that open a Markdown block (heading, code, list, quote, rule, table, HTML)
#: when they start a line; the fields that can start a line start with these.
LINE_STARTS: tuple[str, ...] = (
    "# heading",
    "  ## indented heading",
    "    indented code",
    "1. ordered",
    "2) ordered",
    "- bullet",
    "+ bullet",
    "* bullet",
    "> quote",
    "---",
    "===",
    "```",
    "~~~",
    "<!--",
    "<div>",
    "| col |",
    "\t# tab heading",
)

#: Strings that must never appear in any report, whatever the format.
EVALUATED: tuple[str, ...] = ("49",)


def hostile(tag: str, start: str = "") -> str:
    """A field's text: a tag naming it (or a line-start payload), then every payload."""
    return (start or f"\u00ab{tag}\u00bb") + " " + " ".join(PAYLOADS) + f" \u00ab/{tag}\u00bb"


MILESTONE_IDS = ("m1_lead", "m2_sponsor", "m3_vision", "m4_na", "m5_evidence", "m6_open")
PHASE_IDS = ("p1_explore", "p2_build")


def _milestone(
    index: int,
    characteristic: str,
    phase: str | None,
    *,
    critical: bool = False,
    requires: list[Any] | None = None,
) -> dict[str, Any]:
    milestone_id = MILESTONE_IDS[index]
    milestone: dict[str, Any] = {
        "id": milestone_id,
        "characteristic": characteristic,
        "title": hostile(f"{milestone_id}.title"),
        "description": hostile(f"{milestone_id}.description"),
        "critical": critical,
        "duration_weeks": 2,
        "requires": requires or [],
        "levels": {
            level: hostile(f"{milestone_id}.levels.{level}", LINE_STARTS[level])
            for level in range(5)
        },
        "evidence": [hostile(f"{milestone_id}.evidence.{n}") for n in range(2)],
        "tags": [hostile(f"{milestone_id}.tag")],
    }
    if phase is not None:
        milestone["phase"] = phase
    return milestone


def rubric_document() -> dict[str, Any]:
    """A custom rubric (SPEC section 3) with hostile text in every free-text field."""
    return {
        "rubric": "hostile-rubric",
        "title": hostile("rubric.title"),
        "version": hostile("rubric.version"),
        "description": hostile("rubric.description"),
        "scale": [
            {
                "value": value,
                "label": hostile(f"scale.{value}.label"),
                "description": hostile(f"scale.{value}.description"),
            }
            for value in range(5)
        ],
        "met_level": 3,
        "gating": "cap",
        "phases": [
            {"id": phase, "title": hostile(f"{phase}.title"), "description": hostile(phase)}
            for phase in PHASE_IDS
        ],
        "characteristics": [
            {
                "id": characteristic,
                "title": hostile(f"{characteristic}.title"),
                "weight": 2 if n == 0 else 1,
                "description": hostile(f"{characteristic}.description"),
            }
            for n, characteristic in enumerate(("c1_lead", "c2_vision", "c3_other"))
        ],
        "milestones": [
            _milestone(0, "c1_lead", "p1_explore", critical=True),
            _milestone(1, "c1_lead", "p1_explore", critical=True, requires=["m1_lead"]),
            {
                **_milestone(
                    2, "c2_vision", "p2_build", requires=[{"milestone": "m2_sponsor", "level": 2}]
                ),
                # A related milestone and a source: both shown in the milestone's entry.
                "related": ["m6_open"],
                "references": [hostile("m3_vision.reference")],
            },
            _milestone(3, "c2_vision", "p2_build"),
            _milestone(4, "c3_other", None),
            _milestone(5, "c3_other", "p2_build", requires=["m5_evidence"]),
        ],
        "bands": [
            {
                "id": "b0_not_ready",
                "label": hostile("b0.label"),
                "min": 0,
                "description": hostile("b0.description", "  # band heading"),
            },
            {
                "id": "b1_developing",
                "label": hostile("b1.label"),
                "min": 0.5,
                "description": hostile("b1.description", "  # band heading"),
            },
            {
                "id": "b2_ready",
                "label": hostile("b2.label"),
                "min": 0.9,
                "requires_critical": True,
                "description": hostile("b2.description", "  # band heading"),
            },
        ],
    }


def assessment_document(rubric: transition.Rubric) -> dict[str, Any]:
    """An assessment (SPEC section 4) with hostile text in every free-text field."""
    return {
        "rubric": rubric.id,
        "rubric_version": rubric.version,
        "organisation": hostile("org"),
        "assessed_on": "2026-01-02",
        "phase": "p2_build",
        "assessor": hostile("assessor"),
        "answers": {
            "m1_lead": {
                "level": 2,
                "evidence": [
                    hostile("m1.evidence.0", "# heading"),
                    hostile("m1.evidence.1", "    code in a list item"),
                ],
                "notes": hostile("m1.notes", "  # indented heading"),
                "assessor": hostile("m1.assessor"),
            },
            "m2_sponsor": {
                "level": 4,
                "evidence": hostile("m2.evidence", "- bullet"),
                "notes": hostile("m2.notes", "    indented code"),
                "assessor": hostile("m2.assessor"),
            },
            "m3_vision": {
                "levels": [0, 4, 2],
                "evidence": [hostile("m3.evidence", "1. ordered")],
                "notes": hostile("m3.notes", "---"),
                "assessor": hostile("m3.assessor"),
            },
            "m4_na": {
                "level": "n/a",
                "evidence": [hostile("m4.evidence", "> quote")],
                "notes": hostile("m4.notes", "==="),
                "assessor": hostile("m4.assessor"),
            },
            "m5_evidence": {
                "evidence": [hostile("m5.evidence", "<!--")],
                "notes": hostile("m5.notes", "\t# tab heading"),
                "assessor": hostile("m5.assessor"),
            },
        },
    }


@dataclasses.dataclass(frozen=True)
class Hostile:
    """The hostile inputs, the result, and the texts every report must show."""

    rubric_document: Mapping[str, Any]
    assessment_document: Mapping[str, Any]
    result: transition.Readiness
    #: Texts that every format shows (whole, as typed, give or take whitespace and
    #: control characters).
    shown: tuple[str, ...]
    #: Texts that only the HTML report shows (the phase lanes of the graph, every band).
    shown_html: tuple[str, ...]


def build() -> Hostile:
    """Load the hostile rubric and assessment and score them."""
    rubric_doc = rubric_document()
    rubric = transition.load_rubric(rubric_doc)
    assessment_doc = assessment_document(rubric)
    result = transition.score(rubric, transition.load_assessment(assessment_doc, rubric))
    shown: list[str] = [
        result.organisation,
        result.assessor,
        rubric.title,
        rubric.version,
        result.band.label,
        rubric.scale[rubric.met_level].label,
    ]
    if result.band.description:
        shown.append(result.band.description)
    if result.next_band is not None:
        shown.append(result.next_band.band.label)
    phase = next(p for p in rubric.phases if p.id == result.phase)
    shown.append(phase.title)
    shown.extend(c.title for c in rubric.characteristics)
    shown.extend(m.title for m in rubric.milestones.values())
    # Every milestone's full entry (issue 12): its description, the guidance for its next
    # level, its evidence prompts and its sources.
    for milestone_id, milestone in rubric.milestones.items():
        shown.append(milestone.description)
        shown.extend(milestone.evidence)
        shown.extend(ref.title for ref in milestone.references)
        effective = result.milestones[milestone_id].effective_level
        if effective is not None and effective < rubric.top:
            shown.append(milestone.levels[effective + 1])
    for answer in result.assessment.answers.values():
        shown.extend(answer.evidence)
        shown.extend(text for text in (answer.notes, answer.assessor) if text)
    for milestone_id in result.next_steps[:10]:
        milestone = rubric.milestones[milestone_id]
        effective = result.milestones[milestone_id].effective_level
        if effective is not None and effective < rubric.top:
            shown.append(milestone.levels[effective + 1])
        shown.extend(milestone.evidence)
    shown_html = [p.title for p in rubric.phases] + [b.label for b in rubric.bands]
    return Hostile(rubric_doc, assessment_doc, result, tuple(shown), tuple(shown_html))


#: A fixed time for reports, so that output is deterministic.
GENERATED_AT = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
