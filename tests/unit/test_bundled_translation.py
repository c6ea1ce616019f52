"""The bundled Welsh translation covers every text of the bundled rubric.

These checks read both files with PyYAML only, so that they hold whatever the
translation loader does: every id has its entries, nothing unknown, the same
levels and evidence counts as the rubric, every value non-empty text and none
left in English by mistake.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

RUBRICS = Path(__file__).resolve().parents[2] / "rubrics"
RUBRIC_PATH = RUBRICS / "public-service-spinout.yaml"
TRANSLATION_PATH = RUBRICS / "public-service-spinout.cy.yaml"

TOP_KEYS = {
    "translation",
    "rubric",
    "rubric_version",
    "title",
    "description",
    "scale",
    "phases",
    "characteristics",
    "areas",
    "milestones",
    "bands",
}


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a mapping key given twice (PyYAML keeps the last)."""


def construct_unique_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    construct_unique_mapping,
)


def load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=UniqueKeyLoader)  # a SafeLoader subclass
    assert isinstance(data, dict), path
    return data


RUBRIC = load(RUBRIC_PATH)
TRANSLATION = load(TRANSLATION_PATH)


def expected_texts(rubric: dict[str, Any]) -> dict[str, str]:
    """Every translatable text of the rubric by its key path (SPEC section 12)."""
    texts: dict[str, str] = {"title": rubric["title"], "description": rubric["description"]}
    for level in rubric["scale"]:
        for field in ("label", "description"):
            if field in level:
                texts[f"scale.{level['value']}.{field}"] = level[field]
    for section, fields in (
        ("phases", ("title", "description")),
        ("characteristics", ("title", "description")),
        ("areas", ("title", "description")),
        ("bands", ("label", "description")),
    ):
        for entry in rubric.get(section, []):
            for field in fields:
                if field in entry:
                    texts[f"{section}.{entry['id']}.{field}"] = entry[field]
    for milestone in rubric["milestones"]:
        base = f"milestones.{milestone['id']}"
        for field in ("title", "description"):
            if field in milestone:
                texts[f"{base}.{field}"] = milestone[field]
        for level, guidance in milestone.get("levels", {}).items():
            texts[f"{base}.levels.{level}"] = guidance
        for index, prompt in enumerate(milestone.get("evidence", [])):
            texts[f"{base}.evidence.{index}"] = prompt
    return texts


def translated_texts(translation: dict[str, Any]) -> dict[str, Any]:
    """Every value of the translation file by the same key paths."""
    texts: dict[str, Any] = {}
    for key in ("title", "description"):
        if key in translation:
            texts[key] = translation[key]
    for section in ("scale", "phases", "characteristics", "areas", "bands"):
        for entry_id, entry in (translation.get(section) or {}).items():
            assert isinstance(entry, dict), f"{section}.{entry_id} is not a mapping"
            for field, value in entry.items():
                texts[f"{section}.{entry_id}.{field}"] = value
    for milestone_id, entry in (translation.get("milestones") or {}).items():
        assert isinstance(entry, dict), f"milestones.{milestone_id} is not a mapping"
        base = f"milestones.{milestone_id}"
        for field, value in entry.items():
            if field == "levels":
                assert isinstance(value, dict), f"{base}.levels is not a mapping"
                for level, guidance in value.items():
                    texts[f"{base}.levels.{level}"] = guidance
            elif field == "evidence":
                assert isinstance(value, list), f"{base}.evidence is not a list"
                for index, prompt in enumerate(value):
                    texts[f"{base}.evidence.{index}"] = prompt
            else:
                texts[f"{base}.{field}"] = value
    return texts


EXPECTED = expected_texts(RUBRIC)
TRANSLATED = translated_texts(TRANSLATION)


def test_the_header_names_the_locale_rubric_and_version() -> None:
    assert TRANSLATION["translation"] == "cy"
    assert TRANSLATION_PATH.name.split(".")[-2] == TRANSLATION["translation"]
    assert TRANSLATION["rubric"] == RUBRIC["rubric"]
    assert TRANSLATION["rubric_version"] == RUBRIC["version"]
    lines = TRANSLATION_PATH.read_text(encoding="utf-8").splitlines()
    opening = " ".join(line.lstrip("# ") for line in lines[:12] if line.startswith("#"))
    assert "machine-assisted translation" in opening
    assert "fluent Welsh speaker" in opening
    assert RUBRIC["version"] in opening


def test_no_unknown_top_level_keys() -> None:
    assert set(TRANSLATION) <= TOP_KEYS, set(TRANSLATION) - TOP_KEYS


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("scale", "value"),
        ("phases", "id"),
        ("characteristics", "id"),
        ("areas", "id"),
        ("milestones", "id"),
        ("bands", "id"),
    ],
)
def test_every_id_has_an_entry_and_no_id_is_unknown(section: str, key: str) -> None:
    ids = [entry[key] for entry in RUBRIC.get(section, [])]
    entries = TRANSLATION.get(section) or {}
    assert sorted(map(str, entries)) == sorted(map(str, ids))


def test_every_milestone_has_exactly_the_rubrics_levels_and_evidence_count() -> None:
    entries = TRANSLATION["milestones"]
    for milestone in RUBRIC["milestones"]:
        entry = entries[milestone["id"]]
        assert set(entry) == {"title", "description", "levels", "evidence"}, milestone["id"]
        assert sorted(entry["levels"]) == sorted(milestone["levels"]), milestone["id"]
        assert len(entry["evidence"]) == len(milestone["evidence"]), milestone["id"]


def test_every_text_is_translated_and_no_other_key_is_present() -> None:
    missing = [path for path in EXPECTED if path not in TRANSLATED]
    unknown = [path for path in TRANSLATED if path not in EXPECTED]
    assert (missing, unknown) == ([], [])


def test_every_value_is_non_empty_text() -> None:
    bad = [path for path, value in TRANSLATED.items() if not isinstance(value, str)]
    assert bad == []
    empty = [path for path, value in TRANSLATED.items() if not value.strip()]
    assert empty == []


def test_nothing_is_left_in_english() -> None:
    def norm(text: str) -> str:
        return " ".join(text.split()).casefold()

    same = [path for path, value in TRANSLATED.items() if norm(value) == norm(EXPECTED[path])]
    assert same == []
    english = {norm(text) for text in EXPECTED.values()}
    copied = [path for path, value in TRANSLATED.items() if norm(value) in english]
    assert copied == []


def test_no_text_carries_yaml_or_markup_debris() -> None:
    debris = ("\t", "  ", '\\"', "{{", "}}", "TODO", "FIXME")
    found = [
        (path, mark)
        for path, value in TRANSLATED.items()
        for mark in debris
        if mark in value.strip()
    ]
    assert found == []
