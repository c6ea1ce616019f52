"""Locales (SPEC §12): the catalogues are current and complete, render(locale=...)
translates the report's words and formats dates, and en-GB is what it always was."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import transition
from tests.conftest import Golden
from tests.rendering import render_text
from transition.locale import CATALOGUES, DOMAIN, translator, using
from transition.locale.update import compile_mo, extract, pot_text, update_po
from transition.portfolio import portfolio
from transition.report import builtin_environment
from transition.report._compiled import FORMAT_SUFFIXES, digest

# Header lines that change with the day and the Babel version, not with the messages.
_VOLATILE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\\n"\n', re.M)
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")
_MARKUP = re.compile(r"<[^>]+>|&\w+;|&#\d+;")

PO = CATALOGUES / "cy" / "LC_MESSAGES" / f"{DOMAIN}.po"


def _steady(text: str) -> str:
    return _VOLATILE.sub("", text)


def test_locales() -> None:
    assert transition.locales() == ("cy", "en-GB")


def test_pot_is_current() -> None:
    shipped = (CATALOGUES / f"{DOMAIN}.pot").read_text(encoding="utf-8")
    assert _steady(pot_text()) == _steady(shipped), (
        "the message template is stale: run python -m transition.locale.update"
    )


@pytest.mark.parametrize("po", sorted(CATALOGUES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")), ids=str)
def test_po_and_mo_are_current(po: Path) -> None:
    assert _steady(update_po(po, extract()).decode("utf-8")) == _steady(
        po.read_text(encoding="utf-8")
    ), "a catalogue is stale: run python -m transition.locale.update"
    assert compile_mo(po) == po.with_suffix(".mo").read_bytes(), (
        "a compiled catalogue is stale: run python -m transition.locale.update"
    )


def _messages() -> list[tuple[object, object, set[str]]]:
    with PO.open("rb") as file:
        catalog = read_po(file, locale="cy", domain=DOMAIN)
    return [(m.id, m.string, m.flags) for m in catalog if m.id]


def test_every_welsh_message_is_translated() -> None:
    messages = _messages()
    assert len(messages) > 200
    untranslated = [
        msgid
        for msgid, string, flags in messages
        if "fuzzy" in flags or not string or (isinstance(string, tuple) and not all(string))
    ]
    assert untranslated == []


def test_welsh_messages_keep_placeholders_and_markup() -> None:
    for msgid, string, _ in _messages():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = string if isinstance(string, tuple) else (string,)
        wanted = sorted(_PLACEHOLDER.findall(ids[-1]))
        tags = sorted(_MARKUP.findall(ids[-1]))
        for text in strings:
            assert isinstance(text, str)
            assert sorted(_PLACEHOLDER.findall(text)) == wanted, (msgid, text)
            assert sorted(_MARKUP.findall(text)) == tags, (msgid, text)


def test_translator_formats_for_the_locale() -> None:
    welsh, english = translator("cy"), translator("en-GB")
    day = datetime.date(2026, 12, 2)
    assert welsh.date(day) == "2 Rhagfyr 2026"
    assert english.date(day) == "2026-12-02"
    assert welsh.date("not a date") == "not a date"
    assert welsh.percent(0.4462, 1) == english.percent(0.4462, 1) == "44.6%"
    assert welsh.number(12.0) == english.number(12.0) == "12"
    assert welsh.fixed(3.0) == "3.0"
    assert welsh.gettext("n/a") == "amh."
    with using(welsh):
        assert transition.locale.gettext("Plan") == "Cynllun"
    assert transition.locale.gettext("Plan") == "Plan"


def _result() -> transition.Readiness:
    rubric = transition.load_rubric()
    data = {
        "rubric": rubric.id,
        "organisation": "Cyngor Afon",
        "assessed_on": "2026-01-05",
        "answers": {"named_leader": 3, "senior_sponsor": 2},
    }
    return transition.score(rubric, transition.load_assessment(data, rubric))


def _kinds() -> dict[str, object]:
    result = _result()
    rubric = result.rubric
    later = transition.score(
        rubric,
        transition.load_assessment(
            {
                "rubric": rubric.id,
                "organisation": "Cyngor Afon",
                "assessed_on": "2026-06-01",
                "answers": {"named_leader": 4, "senior_sponsor": 3},
            },
            rubric,
        ),
    )
    target = transition.load_target({"target": "t", "rubric": rubric.id, "band": "ready"}, rubric)
    return {
        "readiness": result,
        "plan": transition.plan(result),
        "gap": transition.gap(result, target),
        "progress": transition.compare([result, later]),
        "portfolio": portfolio([("a.yaml", result), ("b.yaml", later)]),
    }


@pytest.mark.parametrize("kind", ["readiness", "plan", "gap", "progress", "portfolio"])
def test_unknown_locale_names_the_locales(kind: str) -> None:
    with pytest.raises(ValueError, match=r"unknown locale 'fr' \(choose from cy, en-GB\)"):
        render_text(_kinds()[kind], "text", locale="fr")


@pytest.mark.parametrize("kind", ["readiness", "plan", "gap", "progress", "portfolio"])
def test_en_gb_is_the_default_and_json_ignores_the_locale(kind: str) -> None:
    result = _kinds()[kind]
    for fmt in ("html", "markdown", "text"):
        assert render_text(result, fmt, locale="en-GB") == render_text(result, fmt)
    assert render_text(result, "json", locale="cy") == render_text(result, "json")


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("plan", ["Cynllun drafft: Cyngor Afon", "5 Ionawr 2026", "Llwybr critigol"]),
        ("gap", ["Y bwlch i'r targed: Cyngor Afon", "Sefyllfa'r tîm", "Trothwy"]),
        ("progress", ["Adroddiad cynnydd: Cyngor Afon", "Sgôr dros amser", "1 Mehefin 2026"]),
        ("portfolio", ["Portffolio: 2 asesiad", "1 Mehefin 2026"]),
    ],
)
def test_welsh_reports(kind: str, words: list[str]) -> None:
    result = _kinds()[kind]
    for fmt in ("html", "markdown", "text"):
        shown = render_text(result, fmt, locale="cy")
        text = shown.replace("&#39;", "'").replace("\\'", "'")
        for word in words:
            if fmt == "text" and word == "Trothwy":
                continue  # the text gap section has no table
            assert word.casefold() in text.casefold(), (fmt, word)
    html = render_text(result, "html", locale="cy")
    assert '<html lang="cy">' in html


def test_one_precompiled_template_serves_every_locale() -> None:
    for fmt, suffixes in FORMAT_SUFFIXES.items():
        english, welsh = builtin_environment(fmt), builtin_environment(fmt, "cy")
        assert welsh is builtin_environment(fmt, "cy")  # cached
        for name in english.list_templates():
            if not name.endswith(suffixes):
                continue
            source, filename, _ = english.loader.get_source(english, name)  # type: ignore[union-attr]
            assert digest(english, source) == digest(welsh, source)
            assert english.compile(source, name, filename, raw=True) == welsh.compile(
                source, name, filename, raw=True
            )


def test_values_in_messages_are_cleaned_in_html() -> None:
    rubric = transition.load_rubric()
    data = {"rubric": rubric.id, "organisation": "Evil\x1b[31m \u202eCo", "answers": {}}
    result = transition.score(rubric, transition.load_assessment(data, rubric))
    for locale in transition.locales():
        html = render_text(transition.plan(result), "html", locale=locale)
        assert "\x1b" not in html
        assert "\u202e" not in html


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "translations"


@pytest.mark.parametrize(("fmt", "suffix"), [("html", "html"), ("markdown", "md"), ("text", "txt")])
def test_welsh_golden(golden: Golden, fmt: str, suffix: str) -> None:
    """One Welsh report whole: a gap to a target, with its plan, of a rubric with a
    Welsh translation file (words from the catalogue, text from the file, dates and
    numbers in Welsh)."""
    rubric = transition.load_rubric(FIXTURES / "tiny.yaml")
    data = {
        "rubric": "tiny",
        "organisation": "Cyngor Afon",
        "assessed_on": "2026-03-02",
        "answers": {"leader": 2},
    }
    result = transition.score(rubric, transition.load_assessment(data, rubric))
    target = transition.load_target(
        {"target": "go", "rubric": "tiny", "band": "ready", "by": "2026-12-02"}, rubric
    )
    shown = render_text(transition.gap(result, target), fmt, locale="cy", generated_at="2026-12-02")
    golden.check(f"locale/tiny-gap.cy.{suffix}", shown)


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("fmt", "suffix"), [("html", "html"), ("markdown", "md"), ("text", "txt")])
def test_welsh_readiness_golden(golden: Golden, fmt: str, suffix: str) -> None:
    """One Welsh readiness report whole, of the bundled rubric (its Welsh translation
    file) and the example closest to go-live: every heading, sentence, status, legend,
    tooltip and date of the summary-first report in Welsh."""
    rubric = transition.load_rubric()
    result = transition.score(
        rubric, transition.load_assessment(EXAMPLES / "near-go-live.yaml", rubric)
    )
    shown = render_text(result, fmt, locale="cy", generated_at="2026-12-02")
    golden.check(f"locale/near-go-live.cy.{suffix}", shown)


@pytest.mark.parametrize("kind", ["plan", "gap"])
def test_hostile_text_stays_inert_in_welsh(kind: str) -> None:
    """The hostile result's every text (markup, Markdown, Jinja and %-format syntax,
    controls) through Welsh messages: inert in HTML, one table row per task in
    Markdown, 100 columns in text, as in English."""
    from tests.report import hostile

    case = hostile.build()
    plan = transition.plan(case.result, include="all")
    shown: object = plan
    if kind == "gap":
        rubric = case.result.rubric
        wanted = {"target": "t", "rubric": rubric.id, "band": rubric.bands[-1].id}
        shown = transition.gap(case.result, transition.load_target(wanted, rubric))
    page = render_text(shown, "html", locale="cy")
    for raw in (hostile.PWN_SCRIPT, hostile.PWN_IMG, hostile.NETWORK_IMG, "<svg onload"):
        assert raw not in page, raw
    assert "<script>alert" not in page
    assert "\x1b" not in page
    markdown = {locale: render_text(shown, "markdown", locale=locale) for locale in ("cy", "en-GB")}
    rows = {
        locale: [line.count(" | ") for line in text.splitlines() if line.startswith("| ")]
        for locale, text in markdown.items()
    }
    assert rows["cy"] == rows["en-GB"]
    unescaped = {locale: re.findall(r"(?<!\\)<", text) for locale, text in markdown.items()}
    assert unescaped["cy"] == unescaped["en-GB"] == []
    text = render_text(shown, "text", locale="cy")
    assert max(len(line) for line in text.splitlines()) <= 100
