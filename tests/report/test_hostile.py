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
def _render(fmt: str, fragment: bool = False, locale: str = "en-GB") -> str:
    out = render_text(
        _hostile().result, fmt, generated_at=GENERATED_AT, fragment=fragment, locale=locale
    )
    return without_mermaid(out) if fmt == "markdown" else out


#: The readiness report's checks run in English and in Welsh: a hostile value must be
#: cleaned the same way inside a translated message as inside an English one.
LOCALES = ("en-GB", "cy")


@pytest.fixture(params=LOCALES)
def locale(request: pytest.FixtureRequest) -> str:
    """Each locale the readiness report's checks run in."""
    value: str = request.param
    return value


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
    """The element and attribute names the HTML templates write themselves (and the
    graph's SVG, which Python writes for them)."""
    sources = [*TEMPLATES.glob("*.html.j2"), TEMPLATES.parent / "charts" / "graph.py"]
    source = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    tags = {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", source)}
    attributes = {a.lower() for a in re.findall(r"\s([a-zA-Z][\w:-]*)=\"", source)}
    # Boolean attributes a condition writes, such as ``{% if short %} open{% endif %}``.
    attributes |= {a.lower() for a in re.findall(r"%\} ([a-z]+)\{% endif", source)}
    return frozenset(tags), frozenset(attributes)


#: Fragments of the payloads that must never reach an element name or an attribute.
PAYLOAD_FRAGMENTS = ("alert", "javascript", "pwned", "127.0.0.1", "onerror", "\u00ab", "{{")


# -- HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_has_no_script_handler_image_or_foreign_element(fragment: bool, locale: str) -> None:
    page = parse(_render("html", fragment, locale=locale))
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
def test_html_attributes_and_styles_hold_no_user_text(fragment: bool, locale: str) -> None:
    page = parse(_render("html", fragment, locale=locale))
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
def test_html_payloads_open_no_comment_or_declaration(fragment: bool, locale: str) -> None:
    page = parse(_render("html", fragment, locale=locale))
    assert page.comments == []
    assert page.declarations == ([] if fragment else ["DOCTYPE html"])


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_shows_every_text_as_typed(case: Hostile, fragment: bool, locale: str) -> None:
    shown = squash("".join(parse(_render("html", fragment, locale=locale)).text))
    for text in (*case.shown, *case.shown_html):
        assert squash(text) in shown, f"not shown as typed: {text[:40]!r}"
    for payload in hostile.PAYLOADS:
        assert squash(payload) in shown


def test_html_title_is_the_organisation_as_typed(case: Hostile, locale: str) -> None:
    page = parse(_render("html", locale=locale))
    heading = transition.locale.translator(locale).gettext("Readiness report: %(organisation)s")
    wanted = heading % {"organisation": case.result.organisation}
    assert squash("".join(page.title)) == squash(wanted)


def test_html_fragment_has_no_document_parts(locale: str) -> None:
    page = parse(_render("html", fragment=True, locale=locale))
    assert not {"html", "head", "body", "meta"} & page.tags
    assert page.title == []


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_has_no_control_characters(fragment: bool, locale: str) -> None:
    """Control characters other than whitespace are parse errors in HTML.

    (NUL, ESC, BEL ... in the input make the document non-conforming; browsers drop
    or replace them. Markdown and text already drop them.)
    """
    html = _render("html", fragment, locale=locale)
    found = sorted({c for c in html if unicodedata.category(c) == "Cc" and c not in HTML_SPACE})
    assert found == []


# -- Markdown ---------------------------------------------------------------------------

#: The headings the Markdown template writes; user text may follow, never start, one.
MD_HEADINGS = re.compile(
    r"# Readiness report: |## Phase view: |### |#### "
    r"|## (Summary|Contents|Characteristics|Next steps|Readiness path"
    r"|Draft plan of the readiness path|Blocked, overclaimed and disputed"
    r"|Every milestone in full|Sources)$"
)
#: The same headings' words, which the catalogue translates.
MD_HEADING_WORDS = (
    "Summary",
    "Contents",
    "Characteristics",
    "Next steps",
    "Readiness path",
    "Draft plan of the readiness path",
    "Blocked, overclaimed and disputed",
    "Every milestone in full",
    "Sources",
)


def md_headings(locale: str) -> re.Pattern[str]:
    """:data:`MD_HEADINGS` in ``locale``'s words."""
    if locale == "en-GB":
        return MD_HEADINGS
    words = transition.locale.translator(locale)

    def lead(message: str) -> str:
        return re.escape(words.gettext(message).split("%(")[0])

    names = "|".join(re.escape(words.gettext(name)) for name in MD_HEADING_WORDS)
    return re.compile(
        f"# {lead('Readiness report: %(organisation)s')}|## {lead('Phase view: %(phase)s')}"
        f"|### |#### |## ({names})$"
    )


def test_markdown_has_no_unescaped_angle_bracket(locale: str) -> None:
    markdown = _render("markdown", locale=locale)
    for char in "<>":
        positions = unescaped(markdown, char)
        assert positions == [], (
            f"raw {char!r} at {markdown[positions[0] - 30 : positions[0] + 30]!r}"
        )


def test_markdown_has_no_link_or_image_syntax(locale: str) -> None:
    markdown = _render("markdown", locale=locale)
    for char in "[]":
        positions = unescaped(markdown, char)
        assert positions == [], (
            f"raw {char!r} at {markdown[positions[0] - 30 : positions[0] + 30]!r}"
        )
    links = [m.start() for m in re.finditer(r"\]\(", markdown) if not escaped(markdown, m.start())]
    assert links == []


def test_markdown_table_rows_keep_their_columns(locale: str) -> None:
    lines = _render("markdown", locale=locale).split("\n")
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
    # The summary, the characteristics and the plan's tasks (each milestone is now a
    # section of its own, not a row of a table).
    assert tables == 3


def test_markdown_user_text_starts_no_heading(locale: str) -> None:
    lines = _render("markdown", locale=locale).split("\n")
    headings = [
        line[:50]
        for line in lines
        if re.match(r" {0,3}#{1,6}(?:[ \t]|$)", line) and not md_headings(locale).match(line)
    ]
    assert headings == [], "user text makes a heading"
    underlines = [
        lines[n - 1][:50]
        for n, line in enumerate(lines)
        if n and lines[n - 1] and re.fullmatch(r" {0,3}(=+|-+)[ \t]*", line)
    ]
    assert underlines == [], "user text makes a setext heading"


def test_markdown_user_text_starts_no_code_block(locale: str) -> None:
    """Four spaces or a tab at the start of a line (or five after a list marker) make an
    indented code block, which shows the backslash escapes instead of the text."""
    lines = _render("markdown", locale=locale).split("\n")
    indented = [
        line[:50]
        for line in lines
        if re.match(r"( {0,3}\t| {4}|[-+*]( {5}|\t)|\d+[.)]( {5}|\t))", line)
    ]
    assert indented == []
    fences = [line[:50] for line in lines if re.match(r" {0,3}(```|~~~)", line)]
    assert fences == []


def test_markdown_escapes_entity_references(locale: str) -> None:
    """``&amp;`` typed by a person must show as ``&amp;``, not as ``&``."""
    markdown = _render("markdown", locale=locale)
    entities = [
        markdown[m.start() : m.end()]
        for m in re.finditer(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", markdown)
        if not escaped(markdown, m.start())
    ]
    assert entities == []


def test_markdown_escapes_without_visible_backslashes(locale: str) -> None:
    r"""A backslash before a character that is not ASCII punctuation is shown as typed
    by Markdown: ``\1. ordered`` shows the backslash."""
    markdown = _render("markdown", locale=locale)
    stray = [
        markdown[m.start() : m.start() + 20]
        for m in re.finditer(r"\\[^!-/:-@\[-`{-~]", markdown)
        if not escaped(markdown, m.start())
    ]
    assert stray == []


def test_markdown_shows_every_text_as_typed(case: Hostile, locale: str) -> None:
    shown = compact(md_unescape(_render("markdown", locale=locale)))
    for text in case.shown:
        assert compact(text) in shown, f"not shown as typed: {text[:40]!r}"


def test_markdown_has_no_control_characters(locale: str) -> None:
    markdown = _render("markdown", locale=locale)
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
    {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "code", "hr", "table", "thead"}
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


def test_text_lines_fit_100_columns(locale: str) -> None:
    lines = _render("text", locale=locale).split("\n")
    long = [
        f"{n + 1}: {len(line)}: {line[:30]!r}" for n, line in enumerate(lines) if len(line) > 100
    ]
    assert long == []


def test_text_has_no_control_characters(locale: str) -> None:
    text = _render("text", locale=locale)
    found = sorted({c for c in text if unicodedata.category(c) == "Cc" and c != "\n"})
    assert found == []


def test_text_shows_every_text_as_typed(case: Hostile, locale: str) -> None:
    shown = compact(_render("text", locale=locale))
    for text in case.shown:
        assert compact(text) in shown, f"not shown as typed: {text[:40]!r}"


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_line_breaks_separate_words(fmt: str, locale: str) -> None:
    """A carriage return (old Mac line end), like a newline, separates words."""
    shown = squash(
        md_unescape(_render(fmt, locale=locale))
        if fmt == "markdown"
        else _render(fmt, locale=locale)
    )
    assert "line one line two line three line four" in shown


# -- bidirectional controls -------------------------------------------------------------


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_html_has_no_bidi_controls(fragment: bool, locale: str) -> None:
    """A right-to-left override in a value could reverse what follows it on the line."""
    assert sorted(BIDI & set(_render("html", fragment, locale=locale))) == []


@pytest.mark.parametrize("kind", MD_KINDS)
def test_markdown_has_no_bidi_controls(kind: str) -> None:
    assert sorted(BIDI & set(_markdown_report(kind))) == []


def test_text_has_no_bidi_controls(locale: str) -> None:
    assert sorted(BIDI & set(_render("text", locale=locale))) == []


def test_json_keeps_bidi_controls_as_typed(case: Hostile) -> None:
    assert json.loads(_render("json"))["organisation"] == case.result.organisation
    assert set(case.result.organisation) >= BIDI


def test_right_to_left_text_still_shows(locale: str) -> None:
    text = _render("text", locale=locale)
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
def test_jinja_syntax_in_user_text_is_never_evaluated(fmt: str, locale: str) -> None:
    out = _render(fmt, locale=locale)
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
def test_rendering_is_deterministic(fmt: str, locale: str) -> None:
    result = hostile.build().result
    out = render_text(result, fmt, generated_at=GENERATED_AT, locale=locale)
    again = render_text(_hostile().result, fmt, generated_at=GENERATED_AT, locale=locale)
    assert out == again
    assert (without_mermaid(out) if fmt == "markdown" else out) == _render(fmt, locale=locale)


# -- the graph on its own: transition graph ASSESSMENT --format svg|dot|mermaid --------


def _graph_svg(case: Hostile) -> str:
    from transition.report.charts.graph import graph_of, graph_svg
    from transition.report.view import status_entries

    return str(graph_svg(graph_of(case.result.rubric, case.result), status_entries()))


def test_graph_svg_has_no_script_handler_or_foreign_element(case: Hostile) -> None:
    svg = _graph_svg(case)
    page = parse(svg)
    assert page.tags <= {
        "svg",
        "title",
        "desc",
        "defs",
        "marker",
        "path",
        "pattern",
        "rect",
        "line",
        "g",
        "text",
        "tspan",
    }, page.tags
    assert [name for _, name, _ in page.attributes if name.startswith("on")] == []
    for tag, name, value in page.attributes:
        for piece in PAYLOAD_FRAGMENTS:
            assert piece not in value.lower(), f"<{tag} {name}={value!r}>"
    assert page.comments == []
    assert page.declarations == []
    found = sorted({c for c in svg if unicodedata.category(c) == "Cc" and c not in HTML_SPACE})
    assert found == []
    assert not BIDI & set(svg)


def test_graph_svg_shows_every_milestone_title_whole(case: Hostile) -> None:
    page = parse(_graph_svg(case))
    shown = squash("".join(page.text))
    # Every title is drawn whole in its box (wrapped: the lines joined by spaces).
    boxes = squash(" ".join(page.text)).replace(" ", "")
    for milestone in case.result.rubric.milestones.values():
        assert squash(milestone.title).replace(" ", "") in boxes, milestone.id
        assert squash(milestone.title) in shown  # in the box's tooltip, as typed


def test_graph_svg_is_deterministic(case: Hostile) -> None:
    assert _graph_svg(case) == _graph_svg(case)


def test_graph_dot_of_an_assessment_quotes_every_hostile_text(case: Hostile) -> None:
    from transition.report.graph_text import to_dot

    rubric = case.result.rubric
    dot = to_dot(rubric, case.result)
    quoted = r'"(?:[^"\\\n]|\\.)*"'
    attribute = rf"\w+=(?:{quoted}|\w+|[\d.]+)"
    node = re.compile(rf"^    {quoted} \[{attribute}(?:, {attribute})*\];$")
    edge = re.compile(rf"^  {quoted} -> {quoted}(?: \[{attribute}(?:, {attribute})*\])?;$")
    for line in dot.splitlines()[4:-1]:
        if line.strip() in ("}",) or line.startswith(("  subgraph", "    label=")):
            continue
        assert node.match(line) or edge.match(line), line[:200]
    labels = dict(re.findall(r'^    "(\w+)" \[label="((?:[^"\\]|\\.)*)"', dot, re.M))
    assert sorted(labels) == sorted(rubric.milestones)
    for milestone in rubric.milestones.values():
        raw = labels[milestone.id]
        label = re.sub(r"\\(.)", lambda m: " " if m.group(1) == "n" else m.group(1), raw)
        assert squash(label).startswith(squash(milestone.title)), milestone.id


def test_graph_mermaid_of_an_assessment_keeps_labels_inside_their_quotes(case: Hostile) -> None:
    from transition.report.graph_text import to_mermaid

    rubric = case.result.rubric
    mermaid = to_mermaid(rubric, case.result)
    for line in mermaid.splitlines()[1:]:
        if line.lstrip().startswith(("classDef ", "class ", "linkStyle ", "end")):
            assert '"' not in line, line[:200]
            continue
        # Outside the quoted labels, nothing but ids, brackets and arrows.
        outside = re.sub(r'"[^"\n]*"', '""', line)
        assert re.fullmatch(r"\s*[\w\[\]()\"|.>-]*(?: [\w\[\]()\"|.>-]+)*\s*", outside), line[:200]
    classed = re.findall(r"^  class (\S+) s_\w+$", mermaid, re.M)
    assert sorted(n for line in classed for n in line.split(",")) == sorted(
        m if m != "end" else "end_" for m in rubric.milestones
    )


# -- every section of the summary-first report (issue 12) --------------------------------


def _html_part(html: str, pattern: str) -> str:
    """The visible text of the part of ``html`` that ``pattern`` matches, squashed."""
    found = re.search(pattern, html, re.DOTALL)
    assert found, f"no part matches {pattern!r}"
    return squash("".join(parse(found.group(0)).text))


def _entry_texts(case: Hostile, milestone_id: str) -> list[str]:
    """What a milestone's full entry shows, from the inputs."""
    rubric, result = case.result.rubric, case.result
    milestone = rubric.milestones[milestone_id]
    texts = [milestone.title, milestone.description, *milestone.evidence]
    texts += [ref.title for ref in milestone.references]
    texts += [rubric.milestones[r].title for r in milestone.related]
    texts += [
        rubric.milestones[b.milestone].title for b in result.milestones[milestone_id].blockers
    ]
    effective = result.milestones[milestone_id].effective_level
    if effective is not None and effective < rubric.top:
        texts.append(milestone.levels[effective + 1])
    answer = result.assessment.answers.get(milestone_id)
    if answer is not None:
        texts += [*answer.evidence, *(t for t in (answer.notes,) if t)]
    return texts


@pytest.mark.parametrize("milestone_id", hostile.MILESTONE_IDS)
def test_html_milestone_entry_shows_its_texts_as_typed(
    case: Hostile, milestone_id: str, locale: str
) -> None:
    entry = _html_part(
        _render("html", locale=locale),
        rf'<article class="milestone" id="m-{milestone_id}">.*?</article>',
    )
    for text in _entry_texts(case, milestone_id):
        assert squash(text) in entry, f"{milestone_id}: not shown as typed: {text[:40]!r}"
    assert not jinja_evaluated(entry)


def test_html_board_summary_shows_its_texts_as_typed(case: Hostile, locale: str) -> None:
    result = case.result
    summary = _html_part(_render("html", locale=locale), r'<section class="board".*?</section>')
    texts = [result.band.label, *(result.rubric.milestones[m].title for m in result.next_steps[:5])]
    if result.next_band is not None:
        texts.append(result.next_band.band.label)
        texts += [result.rubric.milestones[m].title for m in result.next_band.critical_gates]
    for text in texts:
        assert squash(text) in summary, f"not shown as typed: {text[:40]!r}"
    assert not jinja_evaluated(summary)


def test_html_lists_and_charts_show_their_texts_as_typed(case: Hostile, locale: str) -> None:
    """The blocked list, the readiness path, the radar's caption and the Gantt's text
    equivalent (its <desc>) name milestones and characteristics as typed."""
    html = _render("html", locale=locale)
    rubric, result = case.result.rubric, case.result
    attention = _html_part(html, r'<section aria-labelledby="attention">.*?</section>')
    for mid, outcome in result.milestones.items():
        if outcome.status is transition.Status.BLOCKED:
            assert squash(rubric.milestones[mid].title) in attention
            for blocker in outcome.blockers:
                assert squash(rubric.milestones[blocker.milestone].title) in attention
    path = _html_part(html, r'<section aria-labelledby="path">.*?</section>')
    for mid in result.readiness_path:
        assert squash(rubric.milestones[mid].title) in path
    radar = transition.locale.translator(locale).gettext(
        "Scores by characteristic, printed under each name; the rings mark 25, 50, 75 and 100"
        " per cent."
    )
    caption = _html_part(html, rf"<figcaption>{re.escape(radar)}.*?</figcaption>")
    for characteristic in rubric.characteristics:
        assert squash(characteristic.title) in caption
    desc = _html_part(html, r'<desc id="plan-gantt-desc">.*?</desc>')
    for mid in result.readiness_path:
        if mid in {t.id for t in transition.plan(result).tasks if t.critical}:
            assert squash(rubric.milestones[mid].title) in desc
    for text in (attention, path, caption, desc):
        assert not jinja_evaluated(text)


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_markdown_and_text_follow_the_htmls_order(case: Hostile, fmt: str, locale: str) -> None:
    """Summary first (the next five steps in it), then the contents, then the sections;
    each milestone's entry holds its own texts, as typed."""
    out = _render(fmt, locale=locale)
    shown = compact(md_unescape(out) if fmt == "markdown" else out)
    words = transition.locale.translator(locale).gettext
    if fmt == "markdown":
        summary, contents = "## " + words("Summary"), "## " + words("Contents")
        entries = "## " + words("Every milestone in full")
    else:
        summary, contents = words("SUMMARY"), words("CONTENTS")
        entries = words("EVERY MILESTONE IN FULL")
    assert out.index(summary) < out.index(contents) < out.index(entries)
    head = compact(
        md_unescape(out[: out.index(contents)]) if fmt == "markdown" else out[: out.index(contents)]
    )
    for mid in case.result.next_steps[:5]:
        assert compact(case.result.rubric.milestones[mid].title) in head
    tail = shown[shown.index(compact(entries.strip("# "))) :]
    ids = list(case.result.rubric.milestones)
    for milestone_id in ids:
        for text in _entry_texts(case, milestone_id):
            assert compact(text) in tail, f"{milestone_id}: not shown as typed: {text[:40]!r}"
