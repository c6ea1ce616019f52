"""Rubric translation files (TRANSLATION_FORMAT.md): the loader's rules, each with a
negative fixture whose message and location are checked, and the texts applied."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import transition
from transition.translation import find_translation, missing_record, texts, translated

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "translations"
BAD = FIXTURES / "bad"


@pytest.fixture(scope="module")
def tiny() -> transition.Rubric:
    return transition.load_rubric(FIXTURES / "tiny.yaml")


def test_good_translation_loads(tiny: transition.Rubric) -> None:
    welsh = transition.load_translation(FIXTURES / "tiny.cy.yaml", tiny)
    assert (welsh.locale, welsh.rubric, welsh.rubric_version) == ("cy", "tiny", "1.0")
    assert welsh.source == str(FIXTURES / "tiny.cy.yaml")
    assert welsh.untranslated(tiny) == ("scale.1.label", "scale.2.label", "scale.4.label")
    assert welsh.total(tiny) == len([value for _, value in texts(tiny) if value]) == 21
    shown = welsh.apply(tiny)
    leader = shown.milestones["leader"]
    assert leader.title == "Mae arweinydd wedi'i enwi"
    assert leader.levels[3] == "Mae arweinydd wedi'i enwi ac yn hysbys."
    assert leader.evidence == ("Enw'r arweinydd", "Cofnodion sy'n eu henwi")
    assert [b.label for b in shown.bands] == ["Dyddiau cynnar", "Parod"]
    assert shown.phases[0].title == "Dechrau arni"
    assert shown.characteristics[0].description == "Mae rhywun yn arwain."
    assert shown.level(3).label == "Wedi ymsefydlu"
    assert shown.level(1).label == tiny.level(1).label  # untranslated: the rubric's own
    # only text changes: the rubric scores the same
    assert shown.milestones["budget"].requires == tiny.milestones["budget"].requires
    assert shown == attrs_copy(shown)


def attrs_copy(rubric: transition.Rubric) -> transition.Rubric:
    copied: transition.Rubric = pickle.loads(pickle.dumps(rubric))
    return copied


def test_rubric_source_is_not_part_of_equality(tiny: transition.Rubric) -> None:
    assert tiny.source == str(FIXTURES / "tiny.yaml")
    assert transition.load_rubric().source == "<bundled>/public-service-spinout.yaml"
    data = transition.load_rubric(FIXTURES / "tiny.yaml")
    import attrs

    assert attrs.evolve(data, source=None) == tiny
    assert attrs_copy(tiny).source == tiny.source


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("unknown-top-key", [":3: titel: unknown key 'titel' (did you mean 'title'?)"]),
        (
            "unknown-entry-key",
            [
                ":5: milestones.leader.titel: unknown key 'titel' (did you mean 'title'?)",
                ":8: bands.ready.title: unknown key 'title' (known keys: label, description)",
            ],
        ),
        (
            "unknown-id",
            [
                ":4: characteristics.leed: the rubric has no characteristic 'leed'"
                " (did you mean 'lead'?)",
                ":6: milestones.budgett: the rubric has no milestone 'budgett'"
                " (did you mean 'budget'?)",
                ":8: scale.7: the rubric's scale has no level 7 (it is 0..4)",
            ],
        ),
        (
            "level-without-guidance",
            [
                ":7: milestones.leader.levels.2: the milestone has no guidance for level 2"
                " (it has: 0, 3)"
            ],
        ),
        (
            "evidence-length",
            [
                ":5: milestones.leader.evidence: the rubric has 2 evidence prompts here,"
                " this has 1: translate each one, in the same order"
            ],
        ),
        (
            "not-text",
            [
                ":3: title: expected text, got a number (42)",
                ":6: milestones.leader.title: expected text, got a list",
                ":7: milestones.leader.evidence[1]: expected text, got nothing (null)",
            ],
        ),
        (
            "wrong-locale",
            [":1: translation: the file name says locale 'cy', but this says 'fr'"],
        ),
        (
            "wrong-rubric",
            [":2: rubric: this translates rubric 'public-service-spinout', not 'tiny'"],
        ),
        (
            "missing-keys",
            [":1: missing required key 'translation'", ":1: missing required key 'rubric'"],
        ),
    ],
)
def test_every_rule_is_reported_where_it_is_broken(
    tiny: transition.Rubric, fixture: str, expected: list[str]
) -> None:
    path = BAD / f"{fixture}.cy.yaml"
    with pytest.raises(transition.TranslationError) as caught:
        transition.load_translation(path, tiny)
    assert isinstance(caught.value, transition.TransitionError)
    assert [str(record) for record in caught.value.errors] == [f"{path}{line}" for line in expected]
    assert all(record.path == str(path) and record.line for record in caught.value.errors)


def test_not_a_mapping_and_unreadable(tiny: transition.Rubric, tmp_path: Path) -> None:
    listed = tmp_path / "tiny.cy.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(transition.TranslationError, match="expected a translation"):
        transition.load_translation(listed, tiny)
    broken = tmp_path / "broken.cy.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(transition.TranslationError, match=str(broken)):
        transition.load_translation(broken, tiny)
    with pytest.raises(TypeError):
        transition.load_translation(42, tiny)  # type: ignore[arg-type]


def test_translation_beside_the_rubric(tiny: transition.Rubric, tmp_path: Path) -> None:
    found = find_translation(tiny, "cy")
    assert found is not None
    assert found is find_translation(tiny, "cy")  # read once per rubric
    assert translated(tiny, "cy").title == "Parodrwydd bach"
    assert missing_record(tiny, "cy") is None
    alone = tmp_path / "tiny.yaml"
    shutil.copy(FIXTURES / "tiny.yaml", alone)
    lonely = transition.load_rubric(alone)
    assert find_translation(lonely, "cy") is None
    assert translated(lonely, "cy") is lonely
    record = missing_record(lonely, "cy")
    assert record is not None
    assert str(record) == f"no cy translation: expected {tmp_path / 'tiny.cy.yaml'}"


def test_bundled_rubrics_are_not_translations(tmp_path: Path) -> None:
    assert "." not in "".join(transition.bundled_rubrics())


def _result(rubric: transition.Rubric) -> transition.Readiness:
    data = {
        "rubric": rubric.id,
        "organisation": "Afon",
        "assessed_on": "2026-03-02",
        "answers": {"leader": 2},
    }
    return transition.score(rubric, transition.load_assessment(data, rubric))


def test_reports_show_the_translated_rubric(tiny: transition.Rubric) -> None:
    result = _result(tiny)
    plan = transition.plan(result)
    for fmt in ("html", "markdown", "text"):
        welsh = transition.render(plan, fmt, locale="cy")
        assert "Mae arweinydd wedi" in welsh, fmt
        assert "A leader is named" not in welsh
        english = transition.render(plan, fmt)
        assert "A leader is named" in english
    report = transition.render(result, "text", locale="cy")
    assert "Dyddiau cynnar" in report
    assert "Arweinyddiaeth" in report
    # the JSON is the rubric's own, in every locale
    assert transition.render(result, "json", locale="cy") == transition.render(result, "json")
    assert "Early days" in transition.render(result, "json", locale="cy")


def test_a_broken_translation_fails_the_render(tiny: transition.Rubric, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "tiny.yaml", tmp_path / "tiny.yaml")
    shutil.copy(BAD / "wrong-rubric.cy.yaml", tmp_path / "tiny.cy.yaml")
    rubric = transition.load_rubric(tmp_path / "tiny.yaml")
    with pytest.raises(transition.TranslationError, match="this translates rubric"):
        transition.render(_result(rubric), "text", locale="cy")
    assert "Readiness report" in transition.render(_result(rubric), "text")
