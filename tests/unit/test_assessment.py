"""Loading assessments: the format, every validation rule with its message, pickling."""

from __future__ import annotations

import datetime
import json
import pickle
import textwrap
import warnings
from pathlib import Path

import pytest

import transition
from transition.model import NA, Answer

RUBRIC = transition.load_rubric()

GOOD = """\
rubric: public-service-spinout
rubric_version: "1.0.0"
organisation: Riverside Community Care
assessed_on: 2026-11-02
phase: business_case
assessor: Programme lead
answers:
  named_leader: 3
  senior_sponsor:
    level: 2
    evidence: "Director of Adult Services email, 3 Oct"
    notes: Backing is verbal so far
    assessor: Head of service
  staff_support_measured:
    levels: [3, 2, 4, 1]
  tupe_consultation: n/a
  pensions_agreed: null
  vision_written:
    evidence: [Draft vision, Staff workshop notes]
  board_formed: {level: N/A}
"""


def write(tmp_path: Path, text: str, name: str = "assessment.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_every_form_of_answer(tmp_path: Path) -> None:
    assessment = transition.load_assessment(write(tmp_path, GOOD), RUBRIC)
    assert assessment.organisation == "Riverside Community Care"
    assert assessment.assessed_on == datetime.date(2026, 11, 2)
    assert assessment.phase == "business_case"
    assert assessment.assessor == "Programme lead"
    answers = assessment.answers
    assert answers["named_leader"] == Answer("named_leader", 3)
    assert answers["senior_sponsor"] == Answer(
        "senior_sponsor",
        2,
        evidence=("Director of Adult Services email, 3 Oct",),
        notes="Backing is verbal so far",
        assessor="Head of service",
    )
    assert answers["staff_support_measured"].level == 2  # lower median of 1 2 3 4
    assert answers["staff_support_measured"].spread == 3
    assert answers["tupe_consultation"].level is NA
    assert answers["board_formed"].level is NA
    assert answers["pensions_agreed"].level is None
    assert answers["vision_written"].level is None  # evidence only: unassessed
    assert answers["vision_written"].evidence == ("Draft vision", "Staff workshop notes")
    # Answers come in rubric order, whatever order the file used.
    assert list(answers) == [m for m in RUBRIC.milestones if m in answers]


def test_json_and_mapping_give_the_same_assessment(tmp_path: Path) -> None:
    from_yaml = transition.load_assessment(write(tmp_path, GOOD), RUBRIC)
    data = {
        "rubric": "public-service-spinout",
        "rubric_version": "1.0.0",
        "organisation": "Riverside Community Care",
        "assessed_on": "2026-11-02",
        "phase": "business_case",
        "assessor": "Programme lead",
        "answers": {
            "board_formed": {"level": "N/A"},
            "named_leader": 3,
            "senior_sponsor": {
                "level": 2,
                "evidence": "Director of Adult Services email, 3 Oct",
                "notes": "Backing is verbal so far",
                "assessor": "Head of service",
            },
            "staff_support_measured": {"levels": [3, 2, 4, 1]},
            "tupe_consultation": "n/a",
            "pensions_agreed": None,
            "vision_written": {"evidence": ["Draft vision", "Staff workshop notes"]},
        },
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert transition.load_assessment(path, RUBRIC) == from_yaml
    assert transition.load_assessment(data, RUBRIC) == from_yaml


def test_assessments_are_frozen_and_pickle(tmp_path: Path) -> None:
    assessment = transition.load_assessment(write(tmp_path, GOOD), RUBRIC)
    assert pickle.loads(pickle.dumps(assessment)) == assessment
    with pytest.raises(TypeError):
        assessment.answers["x"] = Answer("x")  # type: ignore[index]


def test_a_different_rubric_version_is_a_warning_not_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('"1.0.0"', '"0.9.0"'))
    with pytest.warns(transition.RubricVersionWarning, match="version 0.9.0") as caught:
        assessment = transition.load_assessment(path, RUBRIC)
    assert len(caught) == 1
    assert assessment.warnings == (
        f"{path}: the assessment was made with version 0.9.0 of rubric "
        "'public-service-spinout'; it is scored with version 1.0.0",
    )


def test_no_warning_for_the_same_version(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert transition.load_assessment(write(tmp_path, GOOD), RUBRIC).warnings == ()


# One case per validation rule of SPEC section 4 (and our own), with the whole message.
NEGATIVE = [
    (
        "unknown milestone, with a suggestion",
        "rubric: public-service-spinout\nanswers:\n  named_leadr: 3\n",
        [
            "{path}:3: answers.named_leadr: unknown milestone 'named_leadr' "
            "(did you mean 'named_leader'?)"
        ],
    ),
    (
        "level above the scale",
        "rubric: public-service-spinout\nanswers:\n  named_leader: 5\n",
        ["{path}:3: answers.named_leader: level 5 is outside the scale 0..4"],
    ),
    (
        "negative level",
        "rubric: public-service-spinout\nanswers:\n  named_leader: {level: -1}\n",
        ["{path}:3: answers.named_leader.level: level -1 is outside the scale 0..4"],
    ),
    (
        "both level and levels",
        "rubric: public-service-spinout\nanswers:\n  named_leader: {level: 2, levels: [1, 2]}\n",
        [
            "{path}:3: answers.named_leader: give either 'level' or 'levels' (several "
            "respondents), not both"
        ],
    ),
    (
        "empty levels",
        "rubric: public-service-spinout\nanswers:\n  named_leader: {levels: []}\n",
        [
            "{path}:3: answers.named_leader.levels: needs at least one level (or leave the "
            "answer out)"
        ],
    ),
    (
        "n/a among respondents' levels",
        "rubric: public-service-spinout\nanswers:\n  named_leader: {levels: [1, n/a]}\n",
        [
            "{path}:3: answers.named_leader.levels[1]: expected a whole number 0..4, got text "
            "'n/a'; n/a is not a respondent's level: write n/a as the milestone's 'level' (in "
            "a table, in the 'level' column) and leave the respondents' blank"
        ],
    ),
    (
        "unknown key in an answer",
        "rubric: public-service-spinout\nanswers:\n  named_leader: {level: 2, evidense: x}\n",
        [
            "{path}:3: answers.named_leader.evidense: unknown key 'evidense' (did you mean "
            "'evidence'?)"
        ],
    ),
    (
        "unknown top-level key",
        "rubric: public-service-spinout\norganization: X\nanswers: {}\n",
        ["{path}:2: organization: unknown key 'organization' (did you mean 'organisation'?)"],
    ),
    (
        "phase the rubric does not define",
        "rubric: public-service-spinout\nphase: busness_case\nanswers: {}\n",
        ["{path}:2: phase: unknown phase 'busness_case' (did you mean 'business_case'?)"],
    ),
    (
        "rubric id that does not match",
        "rubric: other-rubric\nanswers: {}\n",
        [
            "{path}:1: rubric: this assessment is for rubric 'other-rubric', not "
            "'public-service-spinout'; score it with that rubric"
        ],
    ),
    (
        "assessed_on that is not a date",
        "rubric: public-service-spinout\nassessed_on: 2 November\nanswers: {}\n",
        ["{path}:2: assessed_on: expected a date (YYYY-MM-DD), got text '2 November'"],
    ),
    (
        "assessed_on with a time",
        "rubric: public-service-spinout\nassessed_on: 2026-11-02 10:00:00\nanswers: {}\n",
        [
            "{path}:2: assessed_on: expected a date (YYYY-MM-DD) without a time, got a date and "
            "time (2026-11-02T10:00:00)"
        ],
    ),
    (
        "a boolean is not a level",
        "rubric: public-service-spinout\nanswers:\n  named_leader: true\n",
        ["{path}:3: answers.named_leader: expected a whole number 0..4 or 'n/a', got true"],
    ),
    (
        "a float is not a level",
        "rubric: public-service-spinout\nanswers:\n  named_leader: 2.5\n",
        [
            "{path}:3: answers.named_leader: expected a whole number 0..4 or 'n/a', got a number "
            "(2.5); levels are whole numbers"
        ],
    ),
    (
        "a misspelt label, with a suggestion",
        "rubric: public-service-spinout\nanswers:\n  named_leader: Establshed\n",
        [
            "{path}:3: answers.named_leader: expected a whole number 0..4 or 'n/a', got text "
            "'Establshed' (did you mean 'Established', level 3?)"
        ],
    ),
    (
        "a number and a label that disagree",
        "rubric: public-service-spinout\nanswers:\n  named_leader: 4 Established\n",
        [
            "{path}:3: answers.named_leader: expected a whole number 0..4 or 'n/a', got text "
            "'4 Established'; 'Established' is level 3, not 4: write one of them"
        ],
    ),
    (
        "a day that does not exist",
        "rubric: public-service-spinout\nassessed_on: 2026-02-31\nanswers: {}\n",
        [
            "{path}:2: assessed_on: 2026-02-31 is not a date: February 2026 has 28 days, so "
            "there is no day 31"
        ],
    ),
    (
        "a month that does not exist",
        'rubric: public-service-spinout\nassessed_on: "2026-13-01"\nanswers: {}\n',
        [
            "{path}:2: assessed_on: 2026-13-01 is not a date: there is no month 13 (write "
            "YYYY-MM-DD)"
        ],
    ),
    (
        "both level and levels, each checked",
        "rubric: public-service-spinout\nanswers:\n  named_leader: {level: 7, levels: [1, 9]}\n",
        [
            "{path}:3: answers.named_leader: give either 'level' or 'levels' (several "
            "respondents), not both",
            "{path}:3: answers.named_leader.level: level 7 is outside the scale 0..4",
            "{path}:3: answers.named_leader.levels[1]: level 9 is outside the scale 0..4",
        ],
    ),
    (
        "a list instead of levels",
        "rubric: public-service-spinout\nanswers:\n  named_leader: [1, 2]\n",
        [
            "{path}:3: answers.named_leader: expected a level, 'n/a', null or a mapping, got a "
            "list; write several respondents as {levels: [...]}"
        ],
    ),
    (
        "missing required keys",
        "organisation: X\n",
        ["{path}:1: missing required key 'rubric'", "{path}:1: missing required key 'answers'"],
    ),
    (
        "answers not a mapping",
        "rubric: public-service-spinout\nanswers: [named_leader]\n",
        ["{path}:2: answers: expected a mapping of milestone id to answer, got a list"],
    ),
    (
        "not a mapping at all",
        "- rubric\n",
        ["{path}:1: expected an assessment (a mapping), got a list"],
    ),
    (
        "evidence of the wrong type",
        "rubric: public-service-spinout\nanswers:\n  named_leader: {level: 2, evidence: [x, 3]}\n",
        ["{path}:3: answers.named_leader.evidence[1]: expected text, got a number (3)"],
    ),
    (
        "several problems at once, in file order",
        "rubric: public-service-spinout\nanswers:\n  named_leader: 7\n  nope: 1\n"
        "  vision_written: {levels: [1, 9]}\n",
        [
            "{path}:3: answers.named_leader: level 7 is outside the scale 0..4",
            "{path}:4: answers.nope: unknown milestone 'nope'",
            "{path}:5: answers.vision_written.levels[1]: level 9 is outside the scale 0..4",
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in NEGATIVE], ids=[c[0] for c in NEGATIVE]
)
def test_negative(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment(path, RUBRIC)
    assert [str(e) for e in caught.value.errors] == [
        line.replace("{path}", str(path)) for line in expected
    ]


def test_unreadable_file_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"rubric: public-service-spinout\nanswers: {named_leader: \xff}\n")
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment(path, RUBRIC)
    assert str(caught.value) == (
        f"{path}:2: not valid UTF-8 (byte 0xff in column 25); save the file as UTF-8"
    )


def test_score_rejects_an_assessment_for_another_rubric() -> None:
    assessment = transition.Assessment("other", transition.FrozenDict())
    with pytest.raises(transition.AssessmentError, match="for rubric 'other'"):
        transition.score(RUBRIC, assessment)


def test_score_rejects_answers_the_rubric_does_not_have() -> None:
    answers = transition.FrozenDict({"ghost": Answer("ghost", 2)})
    assessment = transition.Assessment(RUBRIC.id, answers)
    with pytest.raises(transition.AssessmentError, match="unknown milestone 'ghost'"):
        transition.score(RUBRIC, assessment)


def test_answer_rejects_an_inconsistent_level() -> None:
    with pytest.raises(ValueError, match="not the lower median"):
        Answer("x", 4, levels=(1, 2, 3))
