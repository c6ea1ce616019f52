"""The negative lens corpus: one fixture per rule of the lens format (SPEC §10),
asserting every message and its location.

Each fixture in ``tests/fixtures/lenses/negative/`` carries its expected errors in
header comments (``# expect: {path}:LINE: field: message``). ``# when: view`` marks a
lens that names no rubric: it loads, and its problems show when :func:`transition.view`
meets a result of the bundled rubric.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import transition

NEGATIVE = Path(__file__).parent.parent / "fixtures" / "lenses" / "negative"
RUBRIC = transition.load_rubric()
RESULT = transition.score(
    RUBRIC, transition.load_assessment({"rubric": RUBRIC.id, "answers": {}}, RUBRIC)
)


@attrs.frozen
class Case:
    path: Path
    expected: tuple[str, ...]
    at_view: bool


def _case(path: Path) -> Case:
    expected: list[str] = []
    at_view = False
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.lstrip("# ").partition(":")
        if not line.startswith("#"):
            continue
        if key == "expect":
            expected.append(value.strip().replace("{path}", str(path)))
        elif key == "when":
            at_view = value.strip() == "view"
    return Case(path, tuple(expected), at_view)


CASES = [_case(path) for path in sorted(NEGATIVE.glob("*.yaml"))]

#: The rules of SPEC §10 and of the lens format, and the code of the record each gives.
RULES = {
    "unknown-key",
    "missing",
    "type",
    "value",
    "duplicate-id",
    "empty-theme",
    "empty",
    "unknown-ref",
    "unknown-tag",
    "rubric-mismatch",
    "syntax",
}


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 15
    for case in CASES:
        assert case.expected, f"{case.path.name} has no '# expect:' line"


def test_every_rule_has_a_fixture() -> None:
    codes: set[str] = set()
    for case in CASES:
        codes |= {record.code for record in _errors(case)}
    missing = RULES - codes
    assert not missing, f"no fixture breaks these rules: {sorted(missing)}"


def _errors(case: Case) -> tuple[transition.ErrorRecord, ...]:
    if case.at_view:
        lens = transition.load_lens(case.path)  # it loads: no rubric to check it against
        with pytest.raises(transition.LensError) as caught:
            transition.view(RESULT, lens)
    else:
        with pytest.raises(transition.LensError) as caught:
            transition.load_lens(case.path, RUBRIC)
    return caught.value.errors


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.path.name)
def test_loader_reports_exactly_the_expected_errors(case: Case) -> None:
    errors = _errors(case)
    assert tuple(str(error) for error in errors) == case.expected
    for error in errors:
        assert error.path == str(case.path)
        assert error.line is not None


@pytest.mark.parametrize(
    "case", [case for case in CASES if case.at_view], ids=lambda case: case.path.name
)
def test_a_lens_naming_no_rubric_is_checked_against_the_rubric_it_is_given(case: Case) -> None:
    # The same problems, located the same way, when load_lens() is given the rubric.
    with pytest.raises(transition.LensError) as caught:
        transition.load_lens(case.path, RUBRIC)
    assert tuple(str(error) for error in caught.value.errors) == case.expected
    # And when view() is given the path rather than a loaded lens.
    with pytest.raises(transition.LensError) as again:
        transition.view(RESULT, case.path)
    assert tuple(str(error) for error in again.value.errors) == case.expected


def test_the_same_problems_in_a_mapping_are_located_by_field() -> None:
    lens = {
        "lens": "mine",
        "title": "Mine",
        "rubric": RUBRIC.id,
        "themes": [
            {"id": "a", "title": "A", "milestones": ["bord_formed"]},
            {"id": "a", "title": "A again", "tags": ["people"]},
            {"id": "b", "title": "B"},
        ],
    }
    with pytest.raises(transition.LensError) as caught:
        transition.load_lens(lens)
    # Without lines, the problems of the format come first, then those of the rubric.
    assert [str(error) for error in caught.value.errors] == [
        "themes[1] (a).id: duplicate theme id 'a' (first at index 0)",
        "themes[2] (b): this theme maps nothing: give 'milestones' (milestone ids) or "
        "'tags' (every milestone with one of them), or both",
        "themes[0] (a).milestones[0]: unknown milestone 'bord_formed' "
        "(did you mean 'board_formed'?)",
    ]
    assert all(error.path is None and error.line is None for error in caught.value.errors)
