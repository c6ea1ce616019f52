"""Reports of a result whose every free-text field is hostile (see ``hostile.py``).

Whatever people type into a rubric or an assessment must show as typed, in every
format, and never become markup, script, links, headings, table cells, terminal
escapes or Jinja expressions.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import transition
from tests.rendering import render_text, text_formats
from transition.portfolio import portfolio

from . import hostile
from .hostile import GENERATED_AT, Hostile

TEMPLATES = Path(transition.__file__).parent / "report" / "templates"
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
FORMATS = text_formats("readiness")
HTML_SPACE = "\t\n\x0c\r "
#: What ``{{ 7*7 }}`` always sits next to in the hostile text.
JINJA_NEIGHBOUR = "${7*7} #{7*7}"


@functools.cache
def _hostile() -> Hostile:
    return hostile.build()


@pytest.fixture(scope="module")
def case() -> Hostile:
    """The hostile inputs and their result (built once)."""
    return _hostile()


#: A Mermaid block of a plan section: code for GitHub's diagram renderer, not Markdown,
#: so the Markdown checks look at the report without it and
#: test_mermaid_blocks_hold_only_their_own_syntax checks the block.
MERMAID = re.compile(r"^```mermaid\n.*?^```\n?", re.MULTILINE | re.DOTALL)


def without_mermaid(markdown: str) -> str:
    """The Markdown with its Mermaid blocks taken out."""
    return MERMAID.sub("", markdown)


@functools.cache
def _render(fmt: str, fragment: bool = False) -> str:
    out = render_text(_hostile().result, fmt, generated_at=GENERATED_AT, fragment=fragment)
    return without_mermaid(out) if fmt == "markdown" else out


# -- helpers ----------------------------------------------------------------------------


#: The bidirectional controls: embeddings, overrides, isolates and marks.
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def drop_controls(text: str) -> str:
    """Drop control characters other than whitespace, and the bidirectional controls."""
    return "".join(
        c
        for c in text
        if (c in HTML_SPACE or c == "\x0b" or unicodedata.category(c) != "Cc") and c not in BIDI
    )


def squash(text: str) -> str:
    """Control characters dropped, runs of whitespace shown as one space."""
    return " ".join(drop_controls(text).split())


def compact(text: str) -> str:
    """Control characters and all whitespace dropped (for wrapped plain text)."""
    return "".join(drop_controls(text).split())


def md_unescape(text: str) -> str:
    r"""What a Markdown renderer shows for backslash escapes: ``\<`` is ``<``."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd number of backslashes."""
    run = 0
    while index - run - 1 >= 0 and text[index - run - 1] == "\\":
        run += 1
    return run % 2 == 1


def unescaped(text: str, char: str) -> list[int]:
    """Positions of ``char`` that are not backslash-escaped."""
    return [i for i, c in enumerate(text) if c == char and not escaped(text, i)]


def jinja_evaluated(shown: str) -> bool:
    """Whether ``{{ 7*7 }}`` was evaluated (or eaten) anywhere in this shown text."""
    flat = compact(shown)
    return flat.count("{{7*7}}") != flat.count(compact(JINJA_NEIGHBOUR)) or bool(
        re.search(r"(?<![\w.])49(?![\w.%])", shown)
    )


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})


class Page(HTMLParser):
    """Everything the report's HTML is made of, as Python's parser sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.title: list[str] = []
        self.style: list[str] = []
        self.comments: list[str] = []
        self.declarations: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag not in VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        where = self._open[-1] if self._open else ""
        if where == "style":
            self.style.append(data)
        elif where == "title" and "svg" not in self._open and "g" not in self._open:
            self.title.append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def unknown_decl(self, data: str) -> None:
        self.declarations.append(data)

    @property
    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}

    @property
    def attributes(self) -> list[tuple[str, str, str]]:
        return [(tag, name, value or "") for tag, attrs in self.elements for name, value in attrs]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@functools.cache
def template_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """The element and attribute names the HTML templates write themselves."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in TEMPLATES.glob("*.html.j2"))
    tags = {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", source)}
    attributes = {a.lower() for a in re.findall(r"\s([a-zA-Z][\w:-]*)=\"", source)}
    return frozenset(tags), frozenset(attributes)


#: Fragments of the payloads that must never reach an element name or an attribute.
PAYLOAD_FRAGMENTS = ("alert", "javascript", "pwned", "127.0.0.1", "onerror", "\u00ab", "{{")


# -- HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_has_no_script_handler_image_or_foreign_element(fragment: bool) -> None:
    page = parse(_render("html", fragment))
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert not {"iframe", "object", "embed", "form", "input", "base", "link"} & page.tags
    handlers = [(tag, name) for tag, name, _ in page.attributes if name.startswith("on")]
    assert handlers == []
    tags, attributes = template_vocabulary()
    assert page.tags <= tags, f"elements the templates never write: {page.tags - tags}"
    names = {name for _, name, _ in page.attributes}
    assert names <= attributes, f"attributes the templates never write: {names - attributes}"


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_attributes_and_styles_hold_no_user_text(fragment: bool) -> None:
    page = parse(_render("html", fragment))
    for tag, name, value in page.attributes:
        for piece in PAYLOAD_FRAGMENTS:
            assert piece not in value.lower(), f"<{tag} {name}={value!r}>"
        if name in {"href", "src", "xlink:href", "action", "formaction"}:
            assert not value.strip().lower().startswith("javascript:"), (tag, name, value)
            assert value.startswith("#"), f"<{tag} {name}={value!r}> leaves the page"
    css = "".join(page.style)
    for piece in PAYLOAD_FRAGMENTS:
        assert piece not in css


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_payloads_open_no_comment_or_declaration(fragment: bool) -> None:
    page = parse(_render("html", fragment))
    assert page.comments == []
    assert page.declarations == ([] if fragment else ["DOCTYPE html"])


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_shows_every_text_as_typed(case: Hostile, fragment: bool) -> None:
    shown = squash("".join(parse(_render("html", fragment)).text))
    for text in (*case.shown, *case.shown_html):
        assert squash(text) in shown, f"not shown as typed: {text[:40]!r}"
    for payload in hostile.PAYLOADS:
        assert squash(payload) in shown


def test_html_title_is_the_organisation_as_typed(case: Hostile) -> None:
    page = parse(_render("html"))
    assert squash("".join(page.title)) == squash("Readiness report: " + case.result.organisation)


def test_html_fragment_has_no_document_parts() -> None:
    page = parse(_render("html", fragment=True))
    assert not {"html", "head", "body", "meta"} & page.tags
    assert page.title == []


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_has_no_control_characters(fragment: bool) -> None:
    """Control characters other than whitespace are parse errors in HTML.

    (NUL, ESC, BEL ... in the input make the document non-conforming; browsers drop
    or replace them. Markdown and text already drop them.)
    """
    html = _render("html", fragment)
    found = sorted({c for c in html if unicodedata.category(c) == "Cc" and c not in HTML_SPACE})
    assert found == []


# -- Markdown ---------------------------------------------------------------------------

#: The headings the Markdown template writes; user text may follow, never start, one.
MD_HEADINGS = re.compile(
    r"# Readiness report: |## Phase view: |### "
    r"|## (Summary|Characteristics|Next steps|Readiness path|Draft plan of the readiness path"
    r"|Blocked, overclaimed and disputed|All milestones|Evidence appendix)$"
)


def test_markdown_has_no_unescaped_angle_bracket() -> None:
    markdown = _render("markdown")
    for char in "<>":
        positions = unescaped(markdown, char)
        assert positions == [], (
            f"raw {char!r} at {markdown[positions[0] - 30 : positions[0] + 30]!r}"
        )


def test_markdown_has_no_link_or_image_syntax() -> None:
    markdown = _render("markdown")
    for char in "[]":
        positions = unescaped(markdown, char)
        assert positions == [], (
            f"raw {char!r} at {markdown[positions[0] - 30 : positions[0] + 30]!r}"
        )
    links = [m.start() for m in re.finditer(r"\]\(", markdown) if not escaped(markdown, m.start())]
    assert links == []


def test_markdown_table_rows_keep_their_columns() -> None:
    lines = _render("markdown").split("\n")
    tables = 0
    for index, line in enumerate(lines[:-1]):
        if line.startswith("|") and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", lines[index + 1]):
            tables += 1
            columns = len(unescaped(line, "|"))
            row = index + 1
            while row < len(lines) and lines[row].startswith("|"):
                assert len(unescaped(lines[row], "|")) == columns, lines[row][:120]
                row += 1
            assert row - index > 2, "a table without rows"
    assert tables == 4  # the plan section's task table is the fourth


def test_markdown_user_text_starts_no_heading() -> None:
    lines = _render("markdown").split("\n")
    headings = [
        line[:50]
        for line in lines
        if re.match(r" {0,3}#{1,6}(?:[ \t]|$)", line) and not MD_HEADINGS.match(line)
    ]
    assert headings == [], "user text makes a heading"
    underlines = [
        lines[n - 1][:50]
        for n, line in enumerate(lines)
        if n and lines[n - 1] and re.fullmatch(r" {0,3}(=+|-+)[ \t]*", line)
    ]
    assert underlines == [], "user text makes a setext heading"


def test_markdown_user_text_starts_no_code_block() -> None:
    """Four spaces or a tab at the start of a line (or five after a list marker) make an
    indented code block, which shows the backslash escapes instead of the text."""
    lines = _render("markdown").split("\n")
    indented = [
        line[:50]
        for line in lines
        if re.match(r"( {0,3}\t| {4}|[-+*]( {5}|\t)|\d+[.)]( {5}|\t))", line)
    ]
    assert indented == []
    fences = [line[:50] for line in lines if re.match(r" {0,3}(```|~~~)", line)]
    assert fences == []


def test_markdown_escapes_entity_references() -> None:
    """``&amp;`` typed by a person must show as ``&amp;``, not as ``&``."""
    markdown = _render("markdown")
    entities = [
        markdown[m.start() : m.end()]
        for m in re.finditer(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", markdown)
        if not escaped(markdown, m.start())
    ]
    assert entities == []


def test_markdown_escapes_without_visible_backslashes() -> None:
    r"""A backslash before a character that is not ASCII punctuation is shown as typed
    by Markdown: ``\1. ordered`` shows the backslash."""
    markdown = _render("markdown")
    stray = [
        markdown[m.start() : m.start() + 20]
        for m in re.finditer(r"\\[^!-/:-@\[-`{-~]", markdown)
        if not escaped(markdown, m.start())
    ]
    assert stray == []


def test_markdown_shows_every_text_as_typed(case: Hostile) -> None:
    shown = compact(md_unescape(_render("markdown")))
    for text in case.shown:
        assert compact(text) in shown, f"not shown as typed: {text[:40]!r}"


def test_markdown_has_no_control_characters() -> None:
    markdown = _render("markdown")
    found = sorted({c for c in markdown if unicodedata.category(c) == "Cc" and c not in "\n\t"})
    assert found == []


# -- Markdown, as real renderers read it ------------------------------------------------

#: CommonMark (raw HTML allowed, as the spec has it) and GitHub-flavoured Markdown as
#: markdown-it-py has it: tables, strikethrough and linkify (bare URLs become links).
RENDERERS = {
    "commonmark": lambda: MarkdownIt("commonmark"),
    "gfm": lambda: MarkdownIt("gfm-like"),
}
#: The elements the Markdown templates' own syntax makes (headings, paragraphs, lists,
#: tables, bold, inline code, a rule); anything else came from user text.
MD_ELEMENTS = frozenset(
    {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "code", "hr", "table", "thead"}
    | {"tbody", "tr", "th", "td"}
)


@functools.cache
def _hostile_progress() -> transition.Progress:
    case = _hostile()
    later = dict(case.assessment_document, assessed_on="2026-03-04")
    rubric = case.result.rubric
    return transition.compare(
        [case.result, transition.score(rubric, transition.load_assessment(later, rubric))]
    )


@functools.cache
def _hostile_target() -> transition.Target:
    rubric = _hostile().result.rubric
    return transition.Target("hostile", rubric.id, band=rubric.bands[-1].id)


@functools.cache
def _markdown_report(kind: str) -> str:
    """Each Markdown report of the hostile result (a portfolio with a failed row too),
    without its Mermaid blocks."""
    if kind == "readiness":
        return _render("markdown")
    if kind == "plan":
        out = transition.render(transition.plan(_hostile().result, include="all"), "markdown")
        return without_mermaid(out)
    if kind == "gap":
        out = transition.render(transition.gap(_hostile().result, _hostile_target()), "markdown")
        return without_mermaid(out)
    if kind == "progress":
        return transition.render(_hostile_progress(), "markdown", generated_at=GENERATED_AT)
    source = hostile.hostile("source")
    summary = portfolio([(source, _hostile().result)], [(source, hostile.hostile("reason"))])
    return transition.render(summary, "markdown", generated_at=GENERATED_AT)


def _shown_in(kind: str) -> tuple[str, ...]:
    """Texts a report of this kind shows whole."""
    case = _hostile()
    if kind == "readiness":
        return case.shown
    if kind in ("progress", "plan", "gap"):
        return (case.result.organisation, case.result.rubric.title)
    return (case.result.organisation, hostile.hostile("source"), hostile.hostile("reason"))


class Rendered(Page):
    """A Markdown renderer's HTML, with each table's rows kept as lists of cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append(0)
        elif tag in ("td", "th"):
            self.tables[-1][-1] += 1


def _rendered(kind: str, renderer: str) -> tuple[str, Rendered]:
    markdown = _markdown_report(kind)
    page = Rendered()
    page.feed(RENDERERS[renderer]().render(markdown))
    page.close()
    return markdown, page


MD_KINDS = ("readiness", "progress", "portfolio", "plan", "gap")


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("kind", MD_KINDS)
def test_markdown_renders_to_no_element_from_user_text(kind: str, renderer: str) -> None:
    """No link, image, script, raw HTML, strikethrough, quote or code block: only what
    the templates' own Markdown makes."""
    _, page = _rendered(kind, renderer)
    assert page.tags <= MD_ELEMENTS, f"elements from user text: {page.tags - MD_ELEMENTS}"
    assert page.comments == []
    assert page.declarations == []
    for tag, name, value in page.attributes:
        # markdown-it aligns table cells with a style; nothing else has attributes.
        assert (tag, name) in {("th", "style"), ("td", "style")}, (tag, name, value)
        assert value in {"text-align:right", "text-align:left", "text-align:center"}


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("kind", MD_KINDS)
def test_markdown_renders_the_templates_headings_and_tables_only(kind: str, renderer: str) -> None:
    """Headings, rules and tables are the templates' own: as many as the template wrote
    (a line of its own that starts with ``#``, a ``---`` line, a table's delimiter row),
    and every table row has the header's cells."""
    markdown, page = _rendered(kind, renderer)
    lines = markdown.split("\n")
    headings = [line for line in lines if re.match(r"#{1,6} ", line)]
    rendered = [tag for tag, _ in page.elements if re.fullmatch(r"h[1-6]", tag)]
    assert len(rendered) == len(headings)
    assert [tag for tag, _ in page.elements].count("hr") == lines.count("---")
    delimiters = [line for line in lines if re.fullmatch(r"\|(:?-+:?\|)+", line)]
    assert delimiters
    if renderer == "commonmark":  # no tables in CommonMark: they stay paragraphs
        assert page.tables == []
        return
    assert len(page.tables) == len(delimiters)
    for rows, delimiter in zip(page.tables, delimiters, strict=True):
        columns = delimiter.count("|") - 1
        assert len(rows) > 1, "a table without rows"
        assert all(cells == columns for cells in rows), rows


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("kind", MD_KINDS)
def test_markdown_renders_every_text_as_typed(kind: str, renderer: str) -> None:
    """What the renderer shows is the text as typed: no markup was consumed (no
    emphasis, no link, no entity decoded, no cell split off)."""
    _, page = _rendered(kind, renderer)
    shown = compact("".join(page.text))
    for text in _shown_in(kind):
        assert compact(text) in shown, f"not shown as typed: {text[:40]!r}"
    for payload in hostile.PAYLOADS:
        assert compact(payload) in shown, f"payload not shown as typed: {payload[:40]!r}"


#: What a line of a plan's Mermaid block may be: the chart's own statements, and names
#: with none of the characters Mermaid or Markdown read as syntax.
MERMAID_NAME = r"[^:;#%`\"<>&\[\]{}\\\n]+"
MERMAID_LINE = re.compile(
    r"```mermaid|```|gantt|    dateFormat YYYY-MM-DD|    axisFormat %Y-%m-%d"
    rf"|    section {MERMAID_NAME}"
    rf"|    {MERMAID_NAME} :(crit, )?(milestone, )?[a-z0-9_]+, \d{{4}}-\d\d-\d\d, \d+d"
)


@pytest.mark.parametrize("kind", ["readiness", "plan", "gap"])
def test_mermaid_blocks_hold_only_their_own_syntax(kind: str) -> None:
    """User text in a Mermaid block cannot end a task's name, start a comment, a
    directive or an entity, make markup, or close the fence."""
    result = _hostile().result
    if kind == "readiness":
        markdown = transition.render(result, "markdown")
    elif kind == "plan":
        markdown = transition.render(transition.plan(result, include="all"), "markdown")
    else:
        markdown = transition.render(transition.gap(result, _hostile_target()), "markdown")
    blocks = MERMAID.findall(markdown)
    assert len(blocks) == 1
    lines = blocks[0].rstrip("\n").split("\n")
    assert [line for line in lines if not MERMAID_LINE.fullmatch(line)] == []
    names = [line.split(" :")[0].strip() for line in lines if " :" in line]
    assert len(names) >= 2
    assert any("alert(1)" in name for name in names)  # the hostile titles are there, defused


# -- plain text -------------------------------------------------------------------------


def _example_text(path: Path) -> str:
    rubric = transition.load_rubric()
    result = transition.score(rubric, transition.load_assessment(path, rubric))
    return transition.render(result, "text", generated_at=GENERATED_AT)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_text_lines_fit_100_columns_for_examples(path: Path) -> None:
    long = [line for line in _example_text(path).split("\n") if len(line) > 100]
    assert long == []


def test_examples_are_found() -> None:
    assert len(EXAMPLES) == 4


def test_text_lines_fit_100_columns() -> None:
    lines = _render("text").split("\n")
    long = [
        f"{n + 1}: {len(line)}: {line[:30]!r}" for n, line in enumerate(lines) if len(line) > 100
    ]
    assert long == []


def test_text_has_no_control_characters() -> None:
    text = _render("text")
    found = sorted({c for c in text if unicodedata.category(c) == "Cc" and c != "\n"})
    assert found == []


def test_text_shows_every_text_as_typed(case: Hostile) -> None:
    shown = compact(_render("text"))
    for text in case.shown:
        assert compact(text) in shown, f"not shown as typed: {text[:40]!r}"


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_line_breaks_separate_words(fmt: str) -> None:
    """A carriage return (old Mac line end), like a newline, separates words."""
    shown = squash(md_unescape(_render(fmt)) if fmt == "markdown" else _render(fmt))
    assert "line one line two line three line four" in shown


# -- bidirectional controls -------------------------------------------------------------


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_has_no_bidi_controls(fragment: bool) -> None:
    """A right-to-left override in a value could reverse what follows it on the line."""
    assert sorted(BIDI & set(_render("html", fragment))) == []


@pytest.mark.parametrize("kind", MD_KINDS)
def test_markdown_has_no_bidi_controls(kind: str) -> None:
    assert sorted(BIDI & set(_markdown_report(kind))) == []


def test_text_has_no_bidi_controls() -> None:
    assert sorted(BIDI & set(_render("text"))) == []


def test_json_keeps_bidi_controls_as_typed(case: Hostile) -> None:
    assert json.loads(_render("json"))["organisation"] == case.result.organisation
    assert set(case.result.organisation) >= BIDI


def test_right_to_left_text_still_shows() -> None:
    text = _render("text")
    assert "\u05e2\u05d1\u05e8\u05d9\u05ea \u0627\u0644\u0639\u0631\u0628\u064a\u0629 evil" in text


# -- JSON -------------------------------------------------------------------------------


def test_json_round_trips_with_the_exact_input_strings(case: Hostile) -> None:
    document = json.loads(_render("json"))
    assert document.pop("generated_at") == GENERATED_AT.isoformat()
    assert document == json.loads(json.dumps(case.result.to_dict()))
    rubric, assessment = case.rubric_document, case.assessment_document
    assert document["organisation"] == assessment["organisation"]
    assert document["assessor"] == assessment["assessor"]
    assert document["rubric"] == {"id": rubric["rubric"], "version": rubric["version"]}
    bands = {band["id"]: band["label"] for band in rubric["bands"]}
    assert document["band"]["label"] == bands[document["band"]["id"]]
    next_band = document["next_band"]
    assert next_band["label"] == bands[next_band["id"]]
    assert next_band["summary"].startswith(f"to reach {next_band['label']}: ")


# -- every format -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_jinja_syntax_in_user_text_is_never_evaluated(fmt: str) -> None:
    out = _render(fmt)
    if fmt == "html":
        shown = "".join(parse(out).text)
    elif fmt == "markdown":
        shown = md_unescape(out)
    elif fmt == "json":
        shown = json.dumps(json.loads(out), ensure_ascii=False)
    else:
        shown = out
    assert "{{ 7*7 }}" in squash(shown)
    assert "{% raw %}" in squash(shown)
    assert not jinja_evaluated(shown)


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_is_deterministic(fmt: str) -> None:
    result = hostile.build().result
    out = render_text(result, fmt, generated_at=GENERATED_AT)
    assert out == render_text(_hostile().result, fmt, generated_at=GENERATED_AT)
    assert (without_mermaid(out) if fmt == "markdown" else out) == _render(fmt)
