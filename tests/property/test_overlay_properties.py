"""Properties of overlays (SPEC 3.2) on random rubrics.

Each random rubric X is written to a JSON file (JSON reads back exactly what was
written, whatever text the strategy drew) and extended by an overlay given as a
mapping with the file's absolute path.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import transition
from tests.strategies import (
    RandomRubric,
    answers_for,
    random_rubrics,
    rubrics_with_assessments,
)

Drawn = tuple[RandomRubric, dict[str, Any]]


def _as_file(mapping: dict[str, Any], folder: str) -> str:
    path = Path(folder) / "base.json"
    path.write_text(json.dumps(mapping), encoding="utf-8")
    return str(path)


@given(rubrics_with_assessments(extended=True))
def test_an_overlay_that_changes_nothing_scores_exactly_as_its_base(drawn: Drawn) -> None:
    base_mapping, answers = drawn[0].mapping, drawn[1]
    with tempfile.TemporaryDirectory() as folder:
        path = _as_file(base_mapping, folder)
        base = transition.load_rubric(path)
        overlay = transition.load_rubric({"rubric": base_mapping["rubric"], "extends": path})
    assert overlay.base == ((base.id, base.version),)
    assert attrs.evolve(overlay, base=()) == base
    expected = transition.score(base, transition.load_assessment(answers, base))
    got = transition.score(overlay, transition.load_assessment(answers, overlay))
    assert got == expected
    assert got.to_dict() == expected.to_dict()


@given(random_rubrics(extended=True), st.data())
def test_an_overlay_of_patches_is_the_rubric_edited_by_hand(
    drawn: RandomRubric, data: st.DataObject
) -> None:
    mapping = drawn.mapping
    ids = [m["id"] for m in mapping["milestones"]]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    weights = data.draw(st.lists(st.integers(1, 9), min_size=len(chosen), max_size=len(chosen)))
    patches = [
        {"id": milestone_id, "weight": weight, "title": f"Patched {milestone_id}"}
        for milestone_id, weight in zip(chosen, weights, strict=True)
    ]
    edited = json.loads(json.dumps(mapping))
    for milestone in edited["milestones"]:
        for patch in patches:
            if patch["id"] == milestone["id"]:
                milestone.update(patch)
    edited.update(title="Edited", rubric="edited")
    with tempfile.TemporaryDirectory() as folder:
        path = _as_file(mapping, folder)
        overlay = transition.load_rubric(
            {"rubric": "edited", "extends": path, "title": "Edited", "milestones": patches}
        )
    assert attrs.evolve(overlay, base=()) == transition.load_rubric(edited)


BUNDLED = transition.load_rubric()


@given(answers_for(list(BUNDLED.milestones), BUNDLED.top))
def test_an_overlay_of_the_bundled_rubric_that_changes_nothing_scores_as_it(
    answers: dict[str, Any],
) -> None:
    overlay = transition.load_rubric({"rubric": BUNDLED.id, "extends": BUNDLED.id})
    assessment = {"rubric": BUNDLED.id, "answers": answers}
    expected = transition.score(BUNDLED, transition.load_assessment(assessment, BUNDLED))
    got = transition.score(overlay, transition.load_assessment(assessment, overlay))
    assert got == expected
    assert got.to_dict() == expected.to_dict()
