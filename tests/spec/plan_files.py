"""Inputs and readers for the spec-only tests of plan and gap outputs (SPEC §7, §9).

The inputs are the workstreams fixture (``tests/fixtures/rubrics/valid/workstreams.yaml``)
and the worked example (``examples/near-go-live.yaml`` with ``examples/targets/
go-live.yaml``). The readers parse what a reporter wrote the way a browser, GitHub or a
person would see it: HTML into a tree of elements (``html.parser``), Markdown into
markdown-it tokens, a Mermaid ``gantt`` block into sections and task lines. Nothing here
knows how the reporters are written.

The workstreams plan, worked out by hand (every answer 0, so the readiness path is all
seven milestones; unlimited capacity):

=========== ========= ==== ======= ======= ===== ========
milestone   workstream  d   ES/EF   LS      slack critical
=========== ========= ==== ======= ======= ===== ========
leader      people      2   0/2     0       0     yes
board       people      4   2/6     6       4     no
staff_vote  people      5   2/7     5       3     no
lawyer      legal       3   2/5     2       0     yes
contract    legal       5   5/10    5       0     yes
budget      money       6   0/6     4       4     no
go_live     money       1   10/11   10      0     yes
=========== ========= ==== ======= ======= ===== ========

Length 11 weeks; from 2026-01-05 the plan finishes 77 days later, on 2026-03-23.
"""

from __future__ import annotations

import datetime
import html.parser
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
from markdown_it import MarkdownIt
from markdown_it.token import Token

import transition

#: The package, untyped: the reporters these tests name are not on every branch yet.
tr: Any = transition

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
NEAR_GO_LIVE = EXAMPLES / "near-go-live.yaml"
GO_LIVE = EXAMPLES / "targets" / "go-live.yaml"
WORKSTREAMS_FILE = ROOT / "tests" / "fixtures" / "rubrics" / "valid" / "workstreams.yaml"
WORKSTREAMS = transition.load_rubric(WORKSTREAMS_FILE)
BUNDLED = transition.load_rubric()

MONDAY = datetime.date(2026, 1, 5)
#: The workstreams plan: its length, finish date, critical tasks and titles.
LENGTH = 11
FINISH = "2026-03-23"
CRITICAL = frozenset({"leader", "lawyer", "contract", "go_live"})
TITLES = {
    "leader": "A leader",
    "board": "A board",
    "staff_vote": "Staff vote",
    "lawyer": "A lawyer",
    "contract": "The contract",
    "budget": "A budget",
    "go_live": "Go live",
}
WORKSTREAM_OF = {
    "leader": "people",
    "board": "people",
    "staff_vote": "people",
    "lawyer": "legal",
    "contract": "legal",
    "budget": "money",
    "go_live": "money",
}

#: A target for the workstreams rubric: contract at 4 (with leader and lawyer, its
#: unmet ancestors, at met), by 2026-03-02.
LAUNCH = """\
target: launch
rubric: workstreams
title: Launch the co-op
by: 2026-03-02
milestones:
  contract: 4
"""
ASSESSMENT = "rubric: workstreams\norganisation: Tiny Co-op\nassessed_on: 2026-01-05\nanswers: {}\n"


def workstreams_result(
    answers: Mapping[str, Any] | None = None, **fields: Any
) -> transition.Readiness:
    """The workstreams rubric scored with these answers (default: none), on MONDAY."""
    mapping: dict[str, Any] = {
        "rubric": "workstreams",
        "organisation": "Tiny Co-op",
        "assessed_on": MONDAY.isoformat(),
        "answers": dict(answers or {}),
        **fields,
    }
    return transition.score(WORKSTREAMS, transition.load_assessment(mapping, WORKSTREAMS))


def launch_target(**fields: Any) -> Any:
    """The LAUNCH target, with these fields replaced."""
    mapping: dict[str, Any] = {
        "target": "launch",
        "rubric": "workstreams",
        "title": "Launch the co-op",
        "by": "2026-03-02",
        "milestones": {"contract": 4},
        **fields,
    }
    return tr.load_target(mapping, WORKSTREAMS)


def example() -> tuple[transition.Readiness, Any]:
    """The worked example: near-go-live scored, and the go-live target."""
    result = transition.score(BUNDLED, transition.load_assessment(NEAR_GO_LIVE, BUNDLED))
    return result, tr.load_target(GO_LIVE, BUNDLED)


def generated_rubric(count: int = 200, workstreams: int = 5) -> transition.Rubric:
    """A rubric of ``count`` milestones in ``workstreams`` workstreams.

    Milestone ``m007`` requires ``m006`` when 7 is not a multiple of 10, and also
    ``m(007 - 10)``, so that the plan has long chains and many parallel rows; every
    fifth one is critical. Durations cycle through 1, 2 and 3 weeks.
    """
    milestones: list[dict[str, Any]] = []
    for n in range(count):
        requires = []
        if n % 10:
            requires.append(f"m{n - 1:03d}")
        if n >= 10:
            requires.append(f"m{n - 10:03d}")
        milestones.append(
            {
                "id": f"m{n:03d}",
                "characteristic": f"c{n % 3}",
                "title": f"Task number {n} of the big plan",
                "workstream": f"stream{n % workstreams}",
                "duration_weeks": 1 + n % 3,
                "requires": requires,
                "critical": n % 5 == 0,
            }
        )
    return transition.load_rubric(
        {
            "rubric": "big",
            "title": "Big",
            "version": "1",
            "characteristics": [{"id": f"c{i}", "title": f"C{i}"} for i in range(3)],
            "milestones": milestones,
            "bands": [{"id": "low", "label": "Low", "min": 0}],
        }
    )


# -- HTML ----------------------------------------------------------------------------

#: Elements that never have an end tag in HTML.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)


@attrs.define
class Element:
    """An element of a parsed page: its tag, attributes, children and text."""

    tag: str
    attributes: dict[str, str]
    children: list[Element] = attrs.field(factory=list)
    #: Text and child elements in document order (str for text).
    content: list[str | Element] = attrs.field(factory=list)

    @property
    def classes(self) -> list[str]:
        """The class list."""
        return self.attributes.get("class", "").split()

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str) -> list[Element]:
        """Every element inside (or equal to) this one with this tag."""
        return [element for element in self.iter() if element.tag == tag]

    def text(self, *, skip: frozenset[str] = frozenset({"style", "script"})) -> str:
        """The text inside, character references decoded, without style and script."""
        parts: list[str] = []
        for item in self.content:
            if isinstance(item, str):
                parts.append(item)
            elif item.tag not in skip:
                parts.append(item.text(skip=skip))
        return "".join(parts)


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def _attach(self, tag: str, attrs_: list[tuple[str, str | None]]) -> Element:
        element = Element(tag, {name: value or "" for name, value in attrs_})
        self.stack[-1].children.append(element)
        self.stack[-1].content.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._attach(tag, attrs)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attach(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse_html(text: str) -> Element:
    """The document's tree of elements."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def task_groups(element: Element) -> list[Element]:
    """The ``<g class="task ...">`` elements inside ``element``."""
    return [e for e in element.find_all("g") if "task" in e.classes]


def gantt_svgs(page: Element) -> list[Element]:
    """The ``<svg>`` elements that hold task groups (the Gantt charts)."""
    return [svg for svg in page.find_all("svg") if task_groups(svg)]


def data_tasks(element: Element) -> list[str]:
    """The ``data-task`` of every task group inside ``element``, in document order."""
    return [g.attributes.get("data-task", "") for g in task_groups(element)]


def compact(text: str) -> str:
    """Whitespace runs as one space, for text that may be wrapped."""
    return " ".join(text.split())


# -- Markdown ------------------------------------------------------------------------


def markdown_tokens(text: str) -> list[Token]:
    """The block tokens of Markdown as GitHub reads it (tables on)."""
    return MarkdownIt("commonmark").enable("table").parse(text)


def fences(text: str, info: str) -> list[str]:
    """The contents of the fenced code blocks whose info string is ``info``."""
    return [
        token.content
        for token in markdown_tokens(text)
        if token.type == "fence" and token.info.strip() == info
    ]


def shown_text(inline: Token) -> str:
    """What a Markdown renderer shows for an inline token: escapes and entities decoded."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def tables(text: str) -> list[list[list[str]]]:
    """Each table's body rows, each row a list of what its cells show."""
    found: list[list[list[str]]] = []
    in_body = False
    for token in markdown_tokens(text):
        if token.type == "table_open":
            found.append([])
        elif token.type == "tbody_open":
            in_body = True
        elif token.type == "tbody_close":
            in_body = False
        elif in_body and token.type == "tr_open":
            found[-1].append([])
        elif in_body and token.type == "inline":
            found[-1][-1].append(shown_text(token))
    return found


#: Bidirectional controls, which a reporter may drop from text it shows.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def squash(text: str) -> str:
    """Text with control characters, bidirectional controls and all whitespace dropped.

    Reporters may drop control characters, and may wrap or join lines: a title that
    survives this is shown as typed (the readings of ``tests/report/hostile.py``).
    """
    return "".join(
        c for c in text if not c.isspace() and unicodedata.category(c) != "Cc" and c not in BIDI
    )


def task_table(text: str, titles: list[str]) -> list[list[str]]:
    """The table with a body row per title, each title shown whole in its row: the last
    such table (a gap report lists the same milestones first as its goal set)."""
    candidates = []
    for rows in tables(text):
        cells = [squash(" ".join(row)) for row in rows]
        if len(rows) == len(titles) and all(
            sum(squash(title) in cell for cell in cells) >= 1 for title in titles
        ):
            candidates.append(rows)
    assert candidates, f"no table with a row per task; rows: {[len(t) for t in tables(text)]}"
    return candidates[-1]


def markdown_shows(text: str) -> str:
    """The visible text of Markdown once rendered (as GitHub would, tables on)."""
    page = MarkdownIt("commonmark").enable("table").render(text)
    return compact(parse_html(page).text())


@attrs.frozen
class GanttLine:
    """A task line of a Mermaid ``gantt`` block: ``label :tags, id, start, length``."""

    section: str | None
    label: str
    metadata: tuple[str, ...]


#: Mermaid gantt keywords that start a line that is not a task.
MERMAID_KEYWORDS = (
    "gantt",
    "title",
    "dateFormat",
    "axisFormat",
    "tickInterval",
    "excludes",
    "includes",
    "todayMarker",
    "weekday",
    "inclusiveEndDates",
    "topAxis",
    "section",
    "displayMode",
    "accTitle",
    "accDescr",
    "%%",
)


def gantt_lines(block: str) -> list[GanttLine]:
    """The task lines of a Mermaid gantt block, with the section each is in."""
    section: str | None = None
    found: list[GanttLine] = []
    for raw in block.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("section ") or line == "section":
            section = line[len("section") :].strip()
            continue
        if line.startswith(MERMAID_KEYWORDS):
            continue
        # Mermaid splits a task line at its first colon: the label cannot hold one.
        label, colon, rest = line.partition(":")
        assert colon, f"not a Mermaid task line: {line!r}"
        found.append(
            GanttLine(section, label.strip(), tuple(part.strip() for part in rest.split(",")))
        )
    return found


def task_lines(block: str) -> list[GanttLine]:
    """The task lines of a plan's Mermaid block, without the deadline's section (a
    milestone marking the deadline, not a task)."""
    return [line for line in gantt_lines(block) if line.section != "Deadline"]


def line_of(lines: list[GanttLine], task_id: str, title: str) -> GanttLine:
    """The one task line that is this task's: labelled with its title, or naming its id."""
    mine = [
        line for line in lines if task_id in line.metadata or compact(line.label) == compact(title)
    ]
    assert len(mine) == 1, f"{task_id}: {mine}"
    return mine[0]
