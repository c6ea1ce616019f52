"""SPEC §12 (locales) and §7 (``--locale``) from the text alone, with issue 12 parts 6
and 7 and the agreed translation-file format (``TRANSLATION_FORMAT.md``).

Written by a second engineer who did not see the implementation. The locale API
(``locales``, ``load_translation``, ``Translation``, ``TranslationError``) is reached
through :func:`api`, so that this file imports and is collected before the feature lands.

The fixtures: ``locale_files/tiny.yaml``, a small rubric in which every text a
translation can give is present (32 texts, listed by hand in :data:`ALL_PATHS`), with a
full Welsh translation ``tiny.cy.yaml`` beside it and an assessment ``tiny-team.yaml``.
Negative and partial translations are written into ``tmp_path`` beside a copy of it.

Texts are compared with their white space collapsed (text reports wrap long lines) and,
in HTML, with entities decoded.

Readings that the text leaves open are marked ``# SPEC-AMBIGUOUS:`` (and listed in
``spectest.notes.md``).
"""

# The Welsh fixtures are written with the typographic apostrophe, as Welsh text is.
# ruff: noqa: RUF001

from __future__ import annotations

import datetime
import gettext
import html
import importlib.resources
import json
import pickle
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import babel.dates
import openpyxl
import pytest
import yaml
from babel.messages.pofile import read_po

import transition
from tests.cli.test_smoke import program
from transition.report import render as report_render

ROOT = Path(__file__).parents[2]
FILES = Path(__file__).parent / "locale_files"
TINY = FILES / "tiny.yaml"
TINY_CY = FILES / "tiny.cy.yaml"
TINY_TEAM = FILES / "tiny-team.yaml"
EXAMPLES = ROOT / "examples"
BUNDLED = "public-service-spinout"
CATALOGUE = ROOT / "transition" / "locale" / "cy" / "LC_MESSAGES" / "transition.po"
COMPILED = CATALOGUE.with_suffix(".mo")
REPORT_FORMATS = ("html", "markdown", "text")
GOLDEN_SUFFIX = {"html": "html", "markdown": "md", "text": "txt", "json": "json"}
ASSESSED_ON = datetime.date(2026, 3, 10)

#: Every translatable text of ``tiny.yaml``, as key paths in rubric order (by hand).
ALL_PATHS = (
    "title",
    "description",
    "scale.0.label",
    "scale.0.description",
    "scale.1.label",
    "scale.1.description",
    "scale.2.label",
    "scale.2.description",
    "phases.explore.title",
    "phases.explore.description",
    "phases.launch.title",
    "phases.launch.description",
    "characteristics.leadership.title",
    "characteristics.leadership.description",
    "characteristics.vision.title",
    "characteristics.vision.description",
    "milestones.named_leader.title",
    "milestones.named_leader.description",
    "milestones.named_leader.levels.0",
    "milestones.named_leader.levels.1",
    "milestones.named_leader.levels.2",
    "milestones.named_leader.evidence.0",
    "milestones.named_leader.evidence.1",
    "milestones.vision_written.title",
    "milestones.vision_written.description",
    "milestones.vision_written.levels.0",
    "milestones.vision_written.levels.2",
    "milestones.vision_written.evidence.0",
    "bands.not_ready.label",
    "bands.not_ready.description",
    "bands.ready.label",
    "bands.ready.description",
)

#: The report's own words in en-GB that a Welsh report must not show (headings). The
#: summary-first report (issue 12) has "Every milestone in full" and "Readiness path"
#: where the old one had "All milestones" and "Evidence appendix" (evidence is now in
#: each milestone's entry).
ENGLISH_WORDS = {
    "html": (
        "Readiness report",
        "Next steps",
        "Summary",
        "Every milestone in full",
        "Readiness path",
    ),
    "markdown": (
        "# Readiness report",
        "## Summary",
        "## Next steps",
        "## Every milestone in full",
        "## Readiness path",
    ),
    "text": (
        "Readiness report",
        "SUMMARY",
        "NEXT STEPS",
        "EVERY MILESTONE IN FULL",
        "Overall score:",
    ),
}


# ---------------------------------------------------------------------------- helpers


def render(result: Any, fmt: str, **options: Any) -> str:
    """:func:`transition.render`, its new keyword ``locale`` passed through untyped."""
    call: Any = report_render
    output = call(result, fmt, **options)
    assert isinstance(output, str)
    return output


def api(name: str) -> Any:
    """``transition.<name>``: the locale API, looked up when a test runs."""
    return getattr(transition, name)


def translation_error() -> type[transition.TransitionError]:
    """``transition.TranslationError``, checked to be a located ``TransitionError``."""
    error = api("TranslationError")
    assert isinstance(error, type)
    assert issubclass(error, transition.TransitionError)
    assert issubclass(error, ValueError)
    return error


def squash(text: str) -> str:
    """``text`` with every run of white space made one space."""
    return " ".join(text.split())


class _Text(HTMLParser):
    """The text a reader sees: character data outside ``<script>`` and ``<style>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def readable(output: str, fmt: str) -> str:
    """What a reader reads of a report, white space collapsed (HTML: the page's text)."""
    if fmt == "html":
        parser = _Text()
        parser.feed(output)
        parser.close()
        return squash(" ".join(parser.parts))
    return squash(output)


def everything(output: str, fmt: str) -> str:
    """The whole output, white space collapsed; HTML entities decoded (attributes too)."""
    return squash(html.unescape(output) if fmt == "html" else output)


def rubric_texts(document: dict[str, Any]) -> dict[str, str]:
    """Key path -> text of a rubric file's translatable texts (its non-empty ones)."""
    texts: dict[str, str] = {}

    def add(path: str, value: Any) -> None:
        if isinstance(value, str) and value:
            texts[path] = value

    add("title", document.get("title"))
    add("description", document.get("description"))
    for level in document.get("scale", ()):
        for key in ("label", "description"):
            add(f"scale.{level['value']}.{key}", level.get(key))
    for group in ("phases", "characteristics", "areas"):
        for entry in document.get(group, ()):
            for key in ("title", "description"):
                add(f"{group}.{entry['id']}.{key}", entry.get(key))
    for milestone in document.get("milestones", ()):
        prefix = f"milestones.{milestone['id']}"
        add(f"{prefix}.title", milestone.get("title"))
        add(f"{prefix}.description", milestone.get("description"))
        for level, guidance in sorted((milestone.get("levels") or {}).items()):
            add(f"{prefix}.levels.{level}", guidance)
        for index, prompt in enumerate(milestone.get("evidence") or ()):
            add(f"{prefix}.evidence.{index}", prompt)
    for band in document.get("bands", ()):
        for key in ("label", "description"):
            add(f"bands.{band['id']}.{key}", band.get(key))
    return texts


def translation_texts(document: dict[str, Any]) -> dict[str, str]:
    """Key path -> text of a translation file."""
    texts: dict[str, str] = {}
    for key in ("title", "description"):
        if key in document:
            texts[key] = document[key]
    for group in ("scale", "phases", "characteristics", "areas", "bands"):
        for entry_id, entry in (document.get(group) or {}).items():
            for key, value in entry.items():
                texts[f"{group}.{entry_id}.{key}"] = value
    for milestone_id, entry in (document.get("milestones") or {}).items():
        for key, value in entry.items():
            if key == "levels":
                for level, guidance in value.items():
                    texts[f"milestones.{milestone_id}.levels.{level}"] = guidance
            elif key == "evidence":
                for index, prompt in enumerate(value):
                    texts[f"milestones.{milestone_id}.evidence.{index}"] = prompt
            else:
                texts[f"milestones.{milestone_id}.{key}"] = value
    return texts


def load_yaml(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


ENGLISH = rubric_texts(load_yaml(TINY))
WELSH = translation_texts(load_yaml(TINY_CY))


def tiny_copy(folder: Path, translation: str | None = None, name: str = "tiny") -> Path:
    """``tiny.yaml`` copied into ``folder`` as ``<name>.yaml``; with ``translation``,
    that text (dedented) written beside it as ``<name>.cy.yaml``. Returns the rubric."""
    folder.mkdir(parents=True, exist_ok=True)
    rubric = folder / f"{name}.yaml"
    shutil.copyfile(TINY, rubric)
    if translation is not None:
        (folder / f"{name}.cy.yaml").write_text(
            textwrap.dedent(translation).lstrip("\n"), encoding="utf-8"
        )
    return rubric


def tiny_result(rubric_file: Path = TINY) -> transition.Readiness:
    rubric = transition.load_rubric(rubric_file)
    return transition.score(rubric, transition.load_assessment(TINY_TEAM, rubric))


def example_result(name: str = "exploring") -> transition.Readiness:
    rubric = transition.load_rubric(BUNDLED)
    return transition.score(rubric, transition.load_assessment(EXAMPLES / f"{name}.yaml", rubric))


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the one line of ``path`` that contains ``needle``."""
    hits = [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def welsh_dates(day: datetime.date) -> set[str]:
    """``day`` as Babel writes it in Welsh, in each of CLDR's date formats."""
    return {
        babel.dates.format_date(day, form, locale="cy")
        for form in ("short", "medium", "long", "full")
    }


def shows_a_welsh_date(text: str, day: datetime.date) -> bool:
    return any(squash(form) in text for form in welsh_dates(day))


def catalogue() -> Any:
    """The shipped Welsh catalogue (``babel.messages.Catalog``)."""
    assert CATALOGUE.is_file(), f"no Welsh catalogue at {CATALOGUE}"
    with CATALOGUE.open("rb") as file:
        return read_po(file)


def catalogue_words() -> set[str]:
    """The Welsh words of the catalogue: each translation's text between placeholders,
    where it is at least 8 characters long (white space collapsed)."""
    words: set[str] = set()
    for message in catalogue():
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        english = squash(" ".join(ids))
        for string in strings:
            for piece in re.split(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}|%%", string or ""):
                piece = squash(piece).strip(" :;,.()")
                if len(piece) >= 8 and piece not in english:  # not a copy of the English
                    words.add(piece)
    return words


def assert_welsh(text: str, at_least: int = 3) -> None:
    """``text`` (white space collapsed) shows several of the catalogue's Welsh words."""
    found = {word for word in catalogue_words() if word in text}
    assert len(found) >= at_least, f"only {sorted(found)} of the Welsh catalogue shown"


def bundled_translation_file() -> Path:
    """The bundled rubric's Welsh translation file, where the package keeps it."""
    path = Path(str(importlib.resources.files("transition.rubrics") / f"{BUNDLED}.cy.yaml"))
    assert path.is_file(), f"no bundled Welsh translation at {path}"
    return path


# ------------------------------------------------------------------------- locales()


def test_locales_lists_welsh_and_british_english() -> None:
    locales = api("locales")()
    assert isinstance(locales, tuple)
    assert "cy" in locales
    assert "en-GB" in locales
    # SPEC-AMBIGUOUS: the format names the value ("cy", "en-GB"); sorted, exactly these.
    assert locales == ("cy", "en-GB")


def test_the_locale_api_is_exported() -> None:
    for name in ("locales", "load_translation", "Translation", "TranslationError"):
        assert name in transition.__all__, name
        api(name)


# ---------------------------------------------------------- render(..., locale=...)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_welsh_report_words_replace_the_english_ones(fmt: str) -> None:
    result = example_result()
    english = render(result, fmt)
    welsh = render(result, fmt, locale="cy")
    assert welsh != english
    for word in ENGLISH_WORDS[fmt]:
        assert word in readable(english, fmt), f"fixture: {word!r} not in today's {fmt} report"
        assert word not in readable(welsh, fmt), f"{word!r} still in the Welsh {fmt} report"
    assert_welsh(readable(welsh, fmt), at_least=5)


def test_the_welsh_html_page_says_it_is_welsh() -> None:
    # SPEC-AMBIGUOUS: not written down; a page in Welsh that declares lang="en-GB" is
    # read aloud in English by screen readers (WCAG 3.1.1).
    welsh = render(example_result(), "html", locale="cy")
    assert re.search(r"<html[^>]*\blang=\"cy\"", welsh), welsh[:300]


@pytest.mark.parametrize("example", ["exploring", "business-case", "near-go-live", "workshop"])
def test_json_is_the_same_in_every_locale(example: str) -> None:
    result = example_result(example)
    english = render(result, "json")
    for locale in api("locales")():
        assert render(result, "json", locale=locale) == english, locale
    json.loads(english)


@pytest.mark.parametrize("fmt", [*REPORT_FORMATS, "json"])
def test_en_gb_is_the_default_and_todays_output(fmt: str) -> None:
    result = example_result()
    default = render(result, fmt)
    assert render(result, fmt, locale="en-GB") == default
    golden = ROOT / "tests" / "golden" / "reports" / f"exploring.{GOLDEN_SUFFIX[fmt]}"
    if golden.exists():  # today's output, as the golden tests keep it
        assert default == golden.read_text(encoding="utf-8")
    assert "2026-03-10" in default  # the assessment's date, as today (ISO)


@pytest.mark.parametrize("locale", ["fr", "de-DE", "cymraeg", ""])
def test_an_unknown_locale_names_the_available_ones(locale: str) -> None:
    result = example_result()
    for fmt in (*REPORT_FORMATS, "json"):
        with pytest.raises(ValueError, match="en-GB") as raised:
            render(result, fmt, locale=locale)
        assert "cy" in str(raised.value), str(raised.value)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_the_assessment_date_is_a_welsh_date(fmt: str) -> None:
    result = tiny_result()
    welsh = readable(render(result, fmt, locale="cy"), fmt)
    assert shows_a_welsh_date(welsh, ASSESSED_ON), sorted(welsh_dates(ASSESSED_ON))
    assert "2026-03-10" not in welsh
    english = readable(render(result, fmt), fmt)
    assert "2026-03-10" in english
    assert not any(form in english for form in welsh_dates(ASSESSED_ON) if "Maw" in form)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_numbers_are_formatted_for_the_locale(fmt: str) -> None:
    # SPEC-AMBIGUOUS: CLDR writes numbers and percentages alike in cy and en-GB
    # (decimal point, comma grouping, "%" after the number), so a Welsh report shows
    # the score as the English one does: 25.0%, and the weeks to ready as 2.
    import babel.numbers

    result = tiny_result()
    welsh = readable(render(result, fmt, locale="cy"), fmt)
    assert babel.numbers.format_percent(0.25, "#,##0.0%", locale="cy") in welsh
    assert babel.numbers.format_percent(0.25, "#,##0.0%", locale="en_GB") in readable(
        render(result, fmt), fmt
    )


# ------------------------------------------------------------ the rubric's own text


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_a_full_translation_gives_the_rubric_text_in_welsh(fmt: str) -> None:
    result = tiny_result()
    english = everything(render(result, fmt), fmt)
    welsh = everything(render(result, fmt, locale="cy"), fmt)
    shown = {path for path, text in ENGLISH.items() if text in english}
    # The fixture report shows titles, level guidance, evidence prompts, bands and phases.
    assert {
        "milestones.named_leader.title",
        "milestones.vision_written.title",
        "characteristics.leadership.title",
        "milestones.named_leader.levels.2",
        "milestones.named_leader.evidence.0",
        "milestones.named_leader.evidence.1",
        "bands.not_ready.label",
        "bands.ready.label",
        "phases.explore.title",
    } <= shown, sorted(shown)
    for path in sorted(shown):
        assert squash(WELSH[path]) in welsh, (path, WELSH[path])
        assert ENGLISH[path] not in welsh, (path, ENGLISH[path])


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_a_partial_translation_falls_back_to_the_rubric_text(tmp_path: Path, fmt: str) -> None:
    rubric = tiny_copy(tmp_path, PARTIAL)
    result = tiny_result(rubric)
    welsh = everything(render(result, fmt, locale="cy"), fmt)
    for path in (
        "milestones.named_leader.title",
        "milestones.named_leader.levels.2",
        "milestones.named_leader.evidence.1",
        "characteristics.leadership.title",
        "bands.not_ready.label",
        "phases.explore.title",
    ):
        assert squash(WELSH[path]) in welsh, path
        assert ENGLISH[path] not in welsh, path
    for path in (
        "milestones.vision_written.title",
        "characteristics.vision.title",
        "bands.ready.label",
    ):
        assert ENGLISH[path] in welsh, path  # untranslated: the rubric's own text
        assert WELSH[path] not in welsh, path
    shown = readable(render(result, fmt, locale="cy"), fmt)
    for word in ENGLISH_WORDS[fmt]:  # the report's own words are Welsh all the same
        assert word not in shown, word


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_no_translation_file_renders_the_rubric_text(tmp_path: Path, fmt: str) -> None:
    rubric = tiny_copy(tmp_path)
    result = tiny_result(rubric)
    welsh = everything(render(result, fmt, locale="cy"), fmt)
    for path in ("milestones.named_leader.title", "bands.not_ready.label", "phases.explore.title"):
        assert ENGLISH[path] in welsh, path
    assert_welsh(readable(render(result, fmt, locale="cy"), fmt))


def test_a_rubric_from_a_mapping_renders_its_own_text() -> None:
    rubric = transition.load_rubric(load_yaml(TINY))
    result = transition.score(rubric, transition.load_assessment(load_yaml(TINY_TEAM), rubric))
    welsh = render(result, "text", locale="cy")
    assert ENGLISH["milestones.named_leader.title"] in squash(welsh)
    assert WELSH["milestones.named_leader.title"] not in squash(welsh)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_the_bundled_rubric_renders_in_welsh(fmt: str) -> None:
    translated = translation_texts(load_yaml(bundled_translation_file()))
    english_texts = rubric_texts(load_yaml(ROOT / "rubrics" / f"{BUNDLED}.yaml"))
    result = example_result()
    english = everything(render(result, fmt), fmt)
    welsh = everything(render(result, fmt, locale="cy"), fmt)
    checked = 0
    for path, text in english_texts.items():
        if not path.endswith(".title") or text not in english:
            continue
        assert squash(translated[path]) in welsh, path
        if translated[path] != text and len(text) >= 20:  # short ones may be in answers
            assert text not in welsh, (path, text)
        checked += 1
    assert checked >= 20, checked


def test_a_bad_translation_file_is_an_error_when_rendering(tmp_path: Path) -> None:
    rubric = tiny_copy(tmp_path, "translation: cy\nrubric: tiny-coop\ntitel: Teitl\n")
    result = tiny_result(rubric)
    with pytest.raises(translation_error()) as raised:
        render(result, "text", locale="cy")
    (record,) = raised.value.errors
    assert (record.line, record.field) == (3, "titel")
    render(result, "text")  # en-GB does not read the translation


# -------------------------------------------------------- load_translation, Translation

#: A partial translation of the tiny rubric, and the key paths it gives.
PARTIAL = """\
translation: cy
rubric: tiny-coop
title: Parodrwydd cwmni cydweithredol bach
scale:
  0: {label: Dim byd eto}
phases:
  explore: {title: Archwilio’r syniad}
characteristics:
  leadership: {title: Arwain y newid, description: Mae rhywun yn arwain y newid.}
milestones:
  named_leader:
    title: Mae arweinydd a enwir yn camu ymlaen
    levels: {2: Mae gan arweinydd a enwir amser wedi ei warchod.}
    evidence: [Enw a swydd yr arweinydd, Nodiadau cyfarfodydd a alwodd yr arweinydd]
bands:
  not_ready: {label: Ddim yn barod eto}
"""
PARTIAL_PATHS = (
    "title",
    "scale.0.label",
    "phases.explore.title",
    "characteristics.leadership.title",
    "characteristics.leadership.description",
    "milestones.named_leader.title",
    "milestones.named_leader.levels.2",
    "milestones.named_leader.evidence.0",
    "milestones.named_leader.evidence.1",
    "bands.not_ready.label",
)


def test_a_full_translation_loads_with_nothing_untranslated() -> None:
    rubric = transition.load_rubric(TINY)
    translation = api("load_translation")(TINY_CY, rubric)
    assert translation.untranslated(rubric) == ()
    assert translation.total(rubric) == len(ALL_PATHS) == 32
    assert tuple(ENGLISH) == ALL_PATHS  # the fixture is as listed
    assert set(WELSH) == set(ALL_PATHS)


def test_untranslated_lists_the_missing_key_paths_in_rubric_order(tmp_path: Path) -> None:
    rubric_file = tiny_copy(tmp_path, PARTIAL)
    rubric = transition.load_rubric(rubric_file)
    translation = api("load_translation")(tmp_path / "tiny.cy.yaml", rubric)
    expected = tuple(path for path in ALL_PATHS if path not in PARTIAL_PATHS)
    assert translation.untranslated(rubric) == expected
    assert expected[:3] == ("description", "scale.0.description", "scale.1.label")
    assert expected[-3:] == (
        "bands.not_ready.description",
        "bands.ready.label",
        "bands.ready.description",
    )
    assert translation.total(rubric) == 32
    assert len(translation.untranslated(rubric)) == 32 - 10


def test_an_empty_evidence_prompt_is_untranslated(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: the evidence list must keep the rubric's count and order, so an
    # empty string ("") is how a translator leaves one prompt out: it falls back.
    rubric_file = tiny_copy(
        tmp_path,
        "translation: cy\nrubric: tiny-coop\nmilestones:\n  named_leader:\n"
        '    evidence: ["", Nodiadau cyfarfodydd a alwodd yr arweinydd]\n',
    )
    rubric = transition.load_rubric(rubric_file)
    translation = api("load_translation")(tmp_path / "tiny.cy.yaml", rubric)
    untranslated = translation.untranslated(rubric)
    assert "milestones.named_leader.evidence.0" in untranslated
    assert "milestones.named_leader.evidence.1" not in untranslated
    text = squash(render(tiny_result(rubric_file), "text", locale="cy"))
    assert ENGLISH["milestones.named_leader.evidence.0"] in text
    assert WELSH["milestones.named_leader.evidence.1"] in text


def test_an_empty_translation_leaves_every_text_untranslated(tmp_path: Path) -> None:
    rubric_file = tiny_copy(tmp_path, "translation: cy\nrubric: tiny-coop\n")
    rubric = transition.load_rubric(rubric_file)
    translation = api("load_translation")(tmp_path / "tiny.cy.yaml", rubric)
    assert translation.untranslated(rubric) == ALL_PATHS
    assert translation.total(rubric) == 32


def test_total_counts_only_the_texts_the_rubric_has(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: a text the rubric leaves out (no description, no guidance for a
    # level) is not a text to translate.
    rubric_file = tmp_path / "bare.yaml"
    rubric_file.write_text(
        textwrap.dedent(
            """\
            rubric: bare
            title: Bare
            version: "1"
            characteristics:
              - {id: people, title: People}
            milestones:
              - {id: lead, characteristic: people, title: A lead, evidence: [A name]}
            bands:
              - {id: not_ready, label: Not ready, min: 0}
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "bare.cy.yaml").write_text("translation: cy\nrubric: bare\n", encoding="utf-8")
    rubric = transition.load_rubric(rubric_file)
    translation = api("load_translation")(tmp_path / "bare.cy.yaml", rubric)
    scale = tuple(f"scale.{level.value}.label" for level in rubric.scale) + tuple(
        f"scale.{level.value}.description" for level in rubric.scale if level.description
    )
    expected = {
        "title",
        *scale,
        "characteristics.people.title",
        "milestones.lead.title",
        "milestones.lead.evidence.0",
        "bands.not_ready.label",
    }
    assert set(translation.untranslated(rubric)) == expected
    assert translation.total(rubric) == len(expected)


def test_a_translation_is_an_immutable_value() -> None:
    rubric = transition.load_rubric(TINY)
    load = api("load_translation")
    first, second = load(TINY_CY, rubric), load(TINY_CY, rubric)
    assert first == second
    assert pickle.loads(pickle.dumps(first)) == first
    assert isinstance(first, api("Translation"))


def test_a_yaml_word_that_looks_boolean_stays_text(tmp_path: Path) -> None:
    # SPEC §3: "title: No" is the text "No"; the same in a translation file.
    rubric_file = tiny_copy(tmp_path, "translation: cy\nrubric: tiny-coop\ntitle: No\n")
    rubric = transition.load_rubric(rubric_file)
    translation = api("load_translation")(tmp_path / "tiny.cy.yaml", rubric)
    assert "title" not in translation.untranslated(rubric)
    text = render(tiny_result(rubric_file), "text", locale="cy")
    assert re.search(r"\bNo\b", text)
    assert "False" not in text


# ------------------------------------------------------------------ negative fixtures


def header(rest: str, rubric_id: str = "tiny-coop", locale: str = "cy") -> str:
    return f"translation: {locale}\nrubric: {rubric_id}\n" + textwrap.dedent(rest)


#: name -> (translation text, the text of the offending line, field path, words of the
#: message). Each file has exactly one error.
NEGATIVE: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "unknown top-level key": (
        header("titel: Teitl\n"),
        "titel:",
        "titel",
        ("unknown key 'titel'", "(did you mean 'title'?)"),
    ),
    "unknown milestone key": (
        header("milestones:\n  named_leader:\n    titel: Teitl\n"),
        "titel:",
        "milestones.named_leader.titel",
        ("unknown key 'titel'", "(did you mean 'title'?)"),
    ),
    "unknown band key": (
        header("bands:\n  ready: {lable: Yn barod}\n"),
        "lable",
        "bands.ready.lable",
        ("unknown key 'lable'", "(did you mean 'label'?)"),
    ),
    "unknown phase key": (
        header("phases:\n  explore: {titel: Archwilio}\n"),
        "titel",
        "phases.explore.titel",
        ("unknown key 'titel'", "(did you mean 'title'?)"),
    ),
    "unknown scale key": (
        header("scale:\n  1: {lable: Dechrau}\n"),
        "lable",
        "scale.1.lable",
        ("unknown key 'lable'", "(did you mean 'label'?)"),
    ),
    "unknown milestone": (
        header("milestones:\n  named_ledaer:\n    title: Teitl\n"),
        "named_ledaer",
        "milestones.named_ledaer",
        ("milestone", "'named_ledaer'", "(did you mean 'named_leader'?)"),
    ),
    "unknown phase": (
        header("phases:\n  explor: {title: Archwilio}\n"),
        "explor:",
        "phases.explor",
        ("phase", "'explor'", "(did you mean 'explore'?)"),
    ),
    "unknown characteristic": (
        header("characteristics:\n  visoin: {title: Gweledigaeth}\n"),
        "visoin",
        "characteristics.visoin",
        ("characteristic", "'visoin'", "(did you mean 'vision'?)"),
    ),
    "unknown band": (
        header("bands:\n  redy: {label: Yn barod}\n"),
        "redy",
        "bands.redy",
        ("band", "'redy'", "(did you mean 'ready'?)"),
    ),
    "unknown area (the rubric has none)": (
        header("areas:\n  people: {title: Pobl}\n"),
        "people",
        "areas.people",
        ("area", "'people'"),
    ),
    "scale value the rubric lacks": (
        header("scale:\n  7: {label: Saith}\n"),
        "Saith",
        "scale.7",
        ("7",),
    ),
    "level the milestone has no guidance for": (
        header("milestones:\n  vision_written:\n    levels: {0: Dim, 1: Ychydig}\n"),
        "Ychydig",
        "milestones.vision_written.levels.1",
        ("1",),
    ),
    "level outside the scale": (
        header("milestones:\n  named_leader:\n    levels: {5: Pump}\n"),
        "Pump",
        "milestones.named_leader.levels.5",
        ("5",),
    ),
    "evidence longer than the rubric's": (
        header("milestones:\n  named_leader:\n    evidence: [Un, Dau, Tri]\n"),
        "evidence",
        "milestones.named_leader.evidence",
        ("2", "3"),
    ),
    "evidence shorter than the rubric's": (
        header("milestones:\n  named_leader:\n    evidence: [Un]\n"),
        "evidence",
        "milestones.named_leader.evidence",
        ("2", "1"),
    ),
    "a number for text": (
        header("title: 42\n"),
        "42",
        "title",
        ("expected text",),
    ),
    "a list for a level's guidance": (
        header("milestones:\n  named_leader:\n    levels:\n      0: [Dim, byd]\n"),
        "[Dim, byd]",
        "milestones.named_leader.levels.0",
        ("expected text",),
    ),
    "a mapping for a band label": (
        header("bands:\n  ready:\n    label: {cy: Yn barod}\n"),
        "label:",
        "bands.ready.label",
        ("expected text",),
    ),
    "a number for a milestone title": (
        header("milestones:\n  named_leader:\n    title: 3.5\n"),
        "3.5",
        "milestones.named_leader.title",
        ("expected text",),
    ),
    "locale not the file name's": (
        header("title: Teitl\n", locale="en-GB"),
        "translation:",
        "translation",
        ("en-GB", "cy"),
    ),
    "rubric id not the rubric's": (
        header("title: Teitl\n", rubric_id="tiny-co-op"),
        "rubric:",
        "rubric",
        ("tiny-co-op", "tiny-coop"),
    ),
}


@pytest.mark.parametrize("name", NEGATIVE)
def test_each_error_rule_is_located(tmp_path: Path, name: str) -> None:
    text, needle, field, words = NEGATIVE[name]
    rubric_file = tiny_copy(tmp_path, text)
    path = tmp_path / "tiny.cy.yaml"
    rubric = transition.load_rubric(rubric_file)
    error = translation_error()
    with pytest.raises(error) as raised:
        api("load_translation")(path, rubric)
    records = raised.value.errors
    assert len(records) == 1, [str(record) for record in records]
    (record,) = records
    assert record.path == str(path)
    assert record.line == line_of(path, needle), str(record)
    assert record.field == field, str(record)
    for word in words:
        assert word in record.message, (word, str(record))
    assert str(record) == f"{path}:{record.line}: {field}: {record.message}"
    assert str(record) in str(raised.value)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("- translation: cy\n", ""),
        # A missing key is reported at the mapping that lacks it, naming the key, as
        # the rubric loader does ("missing required key 'version'").
        ("translation: cy\n", ""),
        ("rubric: tiny-coop\n", ""),
        ("translation: cy\nrubric: tiny-coop\nmilestones: [named_leader]\n", "milestones"),
        ("translation: cy\nrubric: tiny-coop\nmilestones:\n  named_leader: Teitl\n", None),
        ("translation: cy\nrubric: tiny-coop\nbands:\n  ready: Yn barod\n", None),
    ],
    ids=[
        "not a mapping",
        "no rubric key",
        "no translation key",
        "a list of milestones",
        "a milestone entry that is text",
        "a band entry that is text",
    ],
)
def test_a_malformed_file_is_a_located_error(tmp_path: Path, text: str, field: str | None) -> None:
    # SPEC-AMBIGUOUS: not among the listed rules, but "translation" and "rubric" are
    # required and an entry is a mapping; the field is asserted only where it is plain.
    rubric_file = tiny_copy(tmp_path, text)
    path = tmp_path / "tiny.cy.yaml"
    with pytest.raises(translation_error()) as raised:
        api("load_translation")(path, transition.load_rubric(rubric_file))
    records = raised.value.errors
    assert records
    assert all(record.path == str(path) for record in records)
    if field is not None:
        assert records[0].field == field, str(records[0])


#: One file that breaks every rule once.
ALL_AT_ONCE = """\
translation: fr
rubric: tiny-co-op
titel: Teitl
description: 7
scale:
  9: {label: Naw}
phases:
  explor: {title: Archwilio}
characteristics:
  visoin: {title: Gweledigaeth}
milestones:
  named_ledaer: {title: Teitl}
  named_leader:
    titel: Teitl
    levels: {0: [Dim], 3: Tri}
    evidence: [Un]
  vision_written:
    levels: {1: Ychydig}
bands:
  redy: {label: Yn barod}
  ready: {lable: Yn barod}
"""
ALL_AT_ONCE_ERRORS = [
    (1, "translation"),
    (2, "rubric"),
    (3, "titel"),
    (4, "description"),
    (6, "scale.9"),
    (8, "phases.explor"),
    (10, "characteristics.visoin"),
    (12, "milestones.named_ledaer"),
    (14, "milestones.named_leader.titel"),
    (15, "milestones.named_leader.levels.0"),
    (15, "milestones.named_leader.levels.3"),
    (16, "milestones.named_leader.evidence"),
    (18, "milestones.vision_written.levels.1"),
    (20, "bands.redy"),
    (21, "bands.ready.lable"),
]


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    rubric_file = tiny_copy(tmp_path, ALL_AT_ONCE)
    path = tmp_path / "tiny.cy.yaml"
    with pytest.raises(translation_error()) as raised:
        api("load_translation")(path, transition.load_rubric(rubric_file))
    records = raised.value.errors
    found = sorted((record.line, record.field) for record in records)
    assert found == sorted(ALL_AT_ONCE_ERRORS), [str(record) for record in records]
    assert all(record.path == str(path) for record in records)
    assert len(str(raised.value).splitlines()) == len(ALL_AT_ONCE_ERRORS)


# ------------------------------------------- plans, gaps and progress in Welsh (API)


def other_results() -> dict[str, Any]:
    """A plan, a gap and a progress report of the bundled rubric's examples."""
    rubric = transition.load_rubric(BUNDLED)
    near = transition.score(
        rubric, transition.load_assessment(EXAMPLES / "near-go-live.yaml", rubric)
    )
    target = transition.load_target(EXAMPLES / "targets" / "go-live.yaml", rubric)
    earlier = transition.load_assessment(
        {"rubric": BUNDLED, "organisation": "Afon Care", "assessed_on": "2026-03-10",
         "answers": {"named_leader": 2}},
        rubric,
    )  # fmt: skip
    later = transition.load_assessment(
        {"rubric": BUNDLED, "organisation": "Afon Care", "assessed_on": "2026-06-15",
         "answers": {"named_leader": 3, "senior_sponsor": 2}},
        rubric,
    )  # fmt: skip
    return {
        "plan": transition.plan(example_result()),
        "gap": transition.gap(near, target),
        "progress": transition.compare(
            [transition.score(rubric, earlier), transition.score(rubric, later)]
        ),
    }


#: Markdown headings of today's English plan, gap and progress reports.
OTHER_HEADINGS = {
    "plan": ("# Draft plan: ", "## Tasks"),
    "gap": ("# Gap to target: ", "## Where the team stands", "## Plan to reach it"),
    "progress": ("# Progress report: ", "## Score over time", "## Characteristics"),
}


@pytest.mark.parametrize("kind", list(OTHER_HEADINGS))
def test_plans_gaps_and_progress_render_in_welsh(kind: str) -> None:
    value = other_results()[kind]
    english = render(value, "markdown")
    welsh = render(value, "markdown", locale="cy")
    for heading in OTHER_HEADINGS[kind]:
        assert heading in english, heading
        assert heading not in welsh, heading
    assert_welsh(squash(welsh))
    assert render(value, "markdown", locale="en-GB") == english
    assert render(value, "json", locale="cy") == render(value, "json")
    for fmt in ("html", "text"):
        assert render(value, fmt, locale="cy") != render(value, fmt)


# ------------------------------------------------------------------- command line


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m transition ARGS`` in a subprocess; never a traceback."""
    ran = program(*args)
    assert "Traceback" not in ran.stderr, ran.stderr
    return ran


def ok_line(rubric: Path) -> str:
    return f"{rubric}: ok (tiny-coop 0.3: 2 characteristics, 2 milestones)"


def test_validate_locale_with_a_full_translation() -> None:
    ran = cli("validate", "--locale", "cy", str(TINY))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == [ok_line(TINY), "0 of 32 texts untranslated"]


def test_validate_locale_lists_what_is_untranslated(tmp_path: Path) -> None:
    rubric = tiny_copy(tmp_path, PARTIAL)
    ran = cli("validate", "--locale", "cy", str(rubric))
    assert ran.returncode == 0, ran.stderr
    translation = tmp_path / "tiny.cy.yaml"
    missing = [path for path in ALL_PATHS if path not in PARTIAL_PATHS]
    assert ran.stdout.splitlines() == [
        ok_line(rubric),
        *(f"{translation}: untranslated: {path}" for path in missing),
        f"{len(missing)} of 32 texts untranslated",
    ]


def test_validate_locale_with_a_bad_translation_exits_1_located(tmp_path: Path) -> None:
    rubric = tiny_copy(tmp_path, ALL_AT_ONCE)
    translation = tmp_path / "tiny.cy.yaml"
    ran = cli("validate", "--locale", "cy", str(rubric))
    assert ran.returncode == 1
    lines = ran.stderr.splitlines()
    for line, field in ALL_AT_ONCE_ERRORS:
        assert any(entry.startswith(f"{translation}:{line}: {field}: ") for entry in lines), (
            line,
            field,
            ran.stderr,
        )
    assert "untranslated" not in ran.stdout


def test_validate_locale_without_a_translation_file(tmp_path: Path) -> None:
    rubric = tiny_copy(tmp_path)
    ran = cli("validate", "--locale", "cy", str(rubric))
    assert ran.returncode == 1
    expected = tmp_path / "tiny.cy.yaml"
    assert f"no cy translation: expected {expected}" in ran.stderr, ran.stderr
    assert not expected.exists()


@pytest.mark.parametrize("command", ["validate", "report", "compare", "plan", "template"])
def test_an_unknown_locale_is_a_usage_error(tmp_path: Path, command: str) -> None:
    arguments = {
        "validate": [str(TINY)],
        "report": [str(EXAMPLES / "exploring.yaml")],
        "compare": [str(path) for path in two_dated(tmp_path)],
        "plan": [str(EXAMPLES / "exploring.yaml")],
        "template": [],
    }[command]
    ran = cli(command, "--locale", "fr", *arguments)
    assert ran.returncode == 2, (ran.stdout, ran.stderr)
    assert "cy" in ran.stderr, ran.stderr
    assert "en-GB" in ran.stderr, ran.stderr
    assert ran.stdout == ""


def test_validate_the_bundled_rubric_in_welsh() -> None:
    ran = cli("validate", "--locale", "cy", BUNDLED)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0].startswith(f"{BUNDLED}: ok (")
    assert not [line for line in lines if "untranslated:" in line], lines
    match = re.fullmatch(r"0 of (\d+) texts untranslated", lines[-1])
    assert match, lines[-1]
    rubric = transition.load_rubric(BUNDLED)
    total = api("load_translation")(bundled_translation_file(), rubric).total(rubric)
    assert int(match.group(1)) == total
    # SPEC-AMBIGUOUS: "total" counts the non-empty texts the rubric has.
    assert total == len(rubric_texts(load_yaml(ROOT / "rubrics" / f"{BUNDLED}.yaml")))
    assert len(lines) == 2


def test_the_bundled_translation_is_complete_through_the_api() -> None:
    rubric = transition.load_rubric(BUNDLED)
    translation = api("load_translation")(bundled_translation_file(), rubric)
    assert translation.untranslated(rubric) == ()
    document = load_yaml(bundled_translation_file())
    assert (document["translation"], document["rubric"]) == ("cy", BUNDLED)
    welsh = translation_texts(document)
    english = rubric_texts(load_yaml(ROOT / "rubrics" / f"{BUNDLED}.yaml"))
    assert set(english) <= set(welsh)
    # A translation, not a copy: most titles differ from the English.
    titles = [path for path in english if path.endswith(".title")]
    same = [path for path in titles if welsh[path] == english[path]]
    assert len(same) <= len(titles) // 10, same


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_report_locale_cy(fmt: str) -> None:
    ran = cli("report", str(EXAMPLES / "exploring.yaml"), "--format", fmt, "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    for word in ENGLISH_WORDS[fmt]:
        assert word not in readable(ran.stdout, fmt), word
    assert_welsh(readable(ran.stdout, fmt), at_least=5)
    assert ran.stdout == render(example_result(), fmt, locale="cy")


def test_report_locale_cy_json_is_the_english_json() -> None:
    ran = cli("report", str(EXAMPLES / "exploring.yaml"), "--format", "json", "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == render(example_result(), "json")


def test_report_locale_cy_of_a_translated_rubric() -> None:
    ran = cli("report", str(TINY_TEAM), "--rubric", str(TINY), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    text = squash(ran.stdout)
    assert squash(WELSH["milestones.named_leader.title"]) in text
    assert ENGLISH["milestones.named_leader.title"] not in text
    assert shows_a_welsh_date(text, ASSESSED_ON)
    assert "translation" not in ran.stderr


def test_report_locale_cy_without_a_translation_says_so_once(tmp_path: Path) -> None:
    rubric = tiny_copy(tmp_path / "rubric")
    second = tmp_path / "second.yaml"
    second.write_text(
        TINY_TEAM.read_text(encoding="utf-8").replace("2026-03-10", "2026-04-10"),
        encoding="utf-8",
    )
    ran = cli("report", str(TINY_TEAM), "--rubric", str(rubric), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    assert ENGLISH["milestones.named_leader.title"] in squash(ran.stdout)
    said = [line for line in ran.stderr.splitlines() if "translation" in line]
    # SPEC-AMBIGUOUS: the wording is not given; one line naming the locale.
    assert len(said) == 1, ran.stderr
    assert "cy" in said[0], ran.stderr
    folder = tmp_path / "reports"
    ran = cli(
        "report", str(TINY_TEAM), str(second), "--rubric", str(rubric), "--locale", "cy",
        "-o", str(folder),
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    said = [line for line in ran.stderr.splitlines() if "translation" in line]
    assert len(said) == 1, ran.stderr


def test_report_locale_cy_with_a_bad_translation_exits_1(tmp_path: Path) -> None:
    rubric = tiny_copy(tmp_path, "translation: cy\nrubric: tiny-coop\ntitel: Teitl\n")
    ran = cli("report", str(TINY_TEAM), "--rubric", str(rubric), "--locale", "cy")
    assert ran.returncode == 1
    assert ran.stdout == ""
    assert f"{tmp_path / 'tiny.cy.yaml'}:3: titel: unknown key 'titel'" in ran.stderr


def test_report_writes_a_welsh_file(tmp_path: Path) -> None:
    output = tmp_path / "adroddiad.html"
    ran = cli("report", str(EXAMPLES / "exploring.yaml"), "--locale", "cy", "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    assert output.read_text(encoding="utf-8") == render(example_result(), "html", locale="cy")


def test_a_portfolio_in_welsh(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    ran = cli(
        "report", str(EXAMPLES / "exploring.yaml"), str(EXAMPLES / "near-go-live.yaml"),
        "--format", "markdown", "--locale", "cy", "-o", str(folder),
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    portfolio = (folder / "portfolio.md").read_text(encoding="utf-8")
    assert not portfolio.startswith("# Portfolio:"), portfolio[:80]
    assert_welsh(squash(portfolio), at_least=2)
    report = (folder / "exploring.md").read_text(encoding="utf-8")
    assert report == render(example_result(), "markdown", locale="cy")


def two_dated(tmp_path: Path) -> tuple[Path, Path]:
    """Two assessments of one organisation on the bundled rubric, March and June."""
    first = tmp_path / "march.yaml"
    second = tmp_path / "june.yaml"
    first.write_text(
        "rubric: public-service-spinout\norganisation: Afon Care\nassessed_on: 2026-03-10\n"
        "answers:\n  named_leader: 2\n  senior_sponsor: 1\n",
        encoding="utf-8",
    )
    second.write_text(
        "rubric: public-service-spinout\norganisation: Afon Care\nassessed_on: 2026-06-15\n"
        "answers:\n  named_leader: 3\n  senior_sponsor: 3\n  guiding_team: 2\n",
        encoding="utf-8",
    )
    return first, second


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_compare_locale_cy(tmp_path: Path, fmt: str) -> None:
    first, second = two_dated(tmp_path)
    english = cli("compare", str(first), str(second), "--format", fmt)
    welsh = cli("compare", str(first), str(second), "--format", fmt, "--locale", "cy")
    assert (english.returncode, welsh.returncode) == (0, 0), welsh.stderr
    assert "Progress report" in english.stdout
    assert "Progress report" not in welsh.stdout
    text = readable(welsh.stdout, fmt)
    assert_welsh(text)
    assert shows_a_welsh_date(text, datetime.date(2026, 6, 15))
    assert "2026-06-15" not in text
    rubric = transition.load_rubric(BUNDLED)
    results = [
        transition.score(rubric, transition.load_assessment(p, rubric)) for p in (first, second)
    ]
    assert welsh.stdout == render(transition.compare(results), fmt, locale="cy")
    assert english.stdout == render(transition.compare(results), fmt)


@pytest.mark.parametrize("fmt", REPORT_FORMATS)
def test_plan_locale_cy(fmt: str) -> None:
    assessment = str(EXAMPLES / "exploring.yaml")
    english = cli("plan", assessment, "--format", fmt)
    welsh = cli("plan", assessment, "--format", fmt, "--locale", "cy")
    assert (english.returncode, welsh.returncode) == (0, 0), welsh.stderr
    assert "Draft plan" in english.stdout
    assert "Draft plan" not in welsh.stdout
    text = readable(welsh.stdout, fmt)
    assert_welsh(text)
    assert shows_a_welsh_date(text, ASSESSED_ON)  # the plan starts on the assessment's date


def test_plan_locale_cy_csv_stays_machine_readable(tmp_path: Path) -> None:
    # SPEC-AMBIGUOUS: a CSV plan is data for other programs; its dates stay ISO.
    output = tmp_path / "plan.csv"
    ran = cli("plan", str(EXAMPLES / "exploring.yaml"), "--locale", "cy", "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    assert "2026-03-10" in output.read_text(encoding="utf-8")


def comment_text(template: str) -> str:
    """The comments of a YAML template, as one text (wrapped lines joined)."""
    return squash(" ".join(line.lstrip(" #") for line in template.splitlines() if "#" in line))


def test_template_locale_cy_yaml() -> None:
    english = cli("template")
    welsh = cli("template", "--locale", "cy")
    assert (english.returncode, welsh.returncode) == (0, 0), welsh.stderr
    for words in ("A blank assessment for", "Then score it with", "# Evidence:"):
        assert words in english.stdout, words
        assert words not in welsh.stdout, words
    comments = comment_text(welsh.stdout)
    assert_welsh(comments)
    translated = translation_texts(load_yaml(bundled_translation_file()))
    assert squash(translated["milestones.named_leader.title"]) in comments
    # Still an assessment the library reads: the keys stay as the format has them.
    document = yaml.safe_load(welsh.stdout)
    assert document["rubric"] == BUNDLED
    assert "named_leader" in document["answers"]
    rubric = transition.load_rubric(BUNDLED)
    transition.load_assessment(document, rubric)


def test_template_and_plan_locale_cy_of_the_tiny_rubric(tmp_path: Path) -> None:
    ran = cli("template", "--rubric", str(TINY), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    text = comment_text(ran.stdout)
    for path in ("milestones.named_leader.title", "milestones.named_leader.levels.1"):
        assert squash(WELSH[path]) in text, path
        assert ENGLISH[path] not in text, path
    ran = cli("plan", str(TINY_TEAM), "--rubric", str(TINY), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    assert squash(WELSH["milestones.named_leader.title"]) in squash(ran.stdout)
    bare = tiny_copy(tmp_path)  # no translation: its own text, and a note on stderr
    ran = cli("template", "--rubric", str(bare), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    assert ENGLISH["milestones.named_leader.title"] in comment_text(ran.stdout)
    assert len([line for line in ran.stderr.splitlines() if "translation" in line]) == 1


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_template_locale_cy_files_load_back(tmp_path: Path, suffix: str) -> None:
    output = tmp_path / f"blank{suffix}"
    ran = cli("template", "--locale", "cy", "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    rubric = transition.load_rubric(BUNDLED)
    assessment = transition.load_assessment(output, rubric)
    assert assessment.rubric == BUNDLED


def test_template_locale_cy_workbook_headings_and_instructions(tmp_path: Path) -> None:
    english_file, welsh_file = tmp_path / "en.xlsx", tmp_path / "cy.xlsx"
    assert cli("template", "-o", str(english_file)).returncode == 0
    ran = cli("template", "--locale", "cy", "-o", str(welsh_file))
    assert ran.returncode == 0, ran.stderr

    def cells(path: Path) -> list[str]:
        book = openpyxl.load_workbook(path)
        return [
            squash(str(value))
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str)
        ]

    english, welsh = cells(english_file), cells(welsh_file)
    assert "How to fill in this workbook" in english
    assert "How to fill in this workbook" not in welsh
    assert "A named leader has stepped forward" in english
    assert "A named leader has stepped forward" not in welsh
    assert_welsh(" ".join(welsh))


# ------------------------------------------------------------ the Welsh catalogue


def messages() -> Iterator[Any]:
    for message in catalogue():
        if message.id:
            yield message


def test_every_message_in_the_welsh_catalogue_is_translated() -> None:
    found = list(messages())
    assert len(found) >= 50, f"only {len(found)} messages: are the templates extracted?"
    untranslated = []
    for message in found:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            untranslated.append(message.id)
    assert untranslated == []


def test_the_welsh_catalogue_keeps_every_placeholder() -> None:
    placeholder = re.compile(r"%\((\w+)\)[sdfr]")
    wrong = []
    for message in messages():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholder.findall(text) for text in ids))
        for string in strings:
            if set(placeholder.findall(string)) - wanted:
                wrong.append((message.id, string))
        if not isinstance(message.id, tuple) and set(placeholder.findall(strings[0])) != wanted:
            wrong.append((message.id, strings[0]))
    assert wrong == []


def test_the_welsh_catalogue_has_the_header_of_a_welsh_catalogue() -> None:
    po = catalogue()
    assert str(po.locale) == "cy"
    # Welsh has more plural forms than English; gettext needs the rule to choose one.
    assert po.num_plurals >= 2


def test_the_compiled_catalogue_is_current() -> None:
    # SPEC-AMBIGUOUS: issue 12 ships compiled catalogues; beside the .po, as transition.mo.
    assert COMPILED.is_file(), f"no compiled catalogue at {COMPILED}"
    with COMPILED.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    choose: Any = getattr(compiled, "plural")  # noqa: B009 (typeshed does not declare it)
    for message in messages():
        context = message.context
        if isinstance(message.id, tuple):
            singular, plural = message.id
            for count in range(12):
                if context:
                    shipped = compiled.npgettext(context, singular, plural, count)
                else:
                    shipped = compiled.ngettext(singular, plural, count)
                assert shipped == message.string[choose(count)], (message.id, count)
        elif context:
            assert compiled.pgettext(context, message.id) == message.string, message.id
        else:
            assert compiled.gettext(message.id) == message.string, message.id
