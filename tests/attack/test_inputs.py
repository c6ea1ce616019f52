"""Hostile and mistaken inputs of issue 9 end with a located error, at once.

Nothing here times anything: bounded work is asserted by counting (the candidates that
did-you-mean compares, the records an error keeps); ``benchmarks/attack.py`` prints
the times and the memory.
"""

from __future__ import annotations

import difflib
import json
import os
import pickle
import threading
from pathlib import Path
from typing import Any

import pytest

import transition
import transition._limits
import transition.errors
from transition._limits import (
    MAX_ALIAS_CHARACTERS,
    MAX_ERRORS,
    MAX_FILE_BYTES,
    NotAFile,
    read_bytes_limited,
)
from transition._yaml import DocumentError, load_bytes, load_text
from transition.errors import MORE, ErrorRecord, RubricError, TransitionError

HEADER = """\
rubric: attack
title: Attack
version: "1"
characteristics:
  - {id: c, title: C}
bands:
  - {id: all, label: All, min: 0}
"""


def milestones(count: int, requires: list[str] | None = None) -> str:
    lines = ["milestones:"]
    for n in range(count):
        line = f"  - {{id: m_{n:05}, characteristic: c, title: M{n}"
        if requires is not None:
            line += f", requires: [{requires[n]}]"
        lines.append(line + "}")
    return "\n".join(lines) + "\n"


def rubric_error(path: Path) -> RubricError:
    with pytest.raises(RubricError) as caught:
        transition.load_rubric(path)
    return caught.value


# -- 12. aliases bounded in characters ------------------------------------------------


def test_aliases_of_a_long_text_are_bounded_in_characters() -> None:
    text = 'a: &big "' + "x" * 20_000 + '"\nb: [' + ", ".join(["*big"] * 99_000) + "]\n"
    with pytest.raises(DocumentError) as caught:
        load_text(text, name="bomb.yaml")
    record = caught.value.record
    assert record.code == "too-large"
    assert (record.path, record.line) == ("bomb.yaml", 1)
    assert f"more than {MAX_ALIAS_CHARACTERS:,} characters" in record.message


def test_aliased_keys_count_too() -> None:
    keys = ", ".join(f"{n}{'k' * 999}: 1" for n in range(10))  # 10,000 characters
    text = f"a: &m {{{keys}}}\nb: [" + ", ".join(["*m"] * 120) + "]\n"
    with pytest.raises(DocumentError, match="characters of text"):
        load_text(text)


def test_the_value_count_bound_still_holds() -> None:
    text = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [" + ", ".join(["*a"] * 20_000) + "]\n"
    with pytest.raises(DocumentError, match="more than 100,000 values"):
        load_text(text)


def test_aliases_within_the_bounds_still_load() -> None:
    text = 'a: &t "' + "x" * 1000 + '"\nb: [' + ", ".join(["*t"] * 900) + "]\n"
    assert len(load_text(text).data["b"]) == 900


# -- 13. any file ----------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse
    error = rubric_error(huge)
    (record,) = error.errors
    assert record.code == "too-large"
    assert record.path == str(huge)
    assert f"({MAX_FILE_BYTES + 1:,} bytes; at most {MAX_FILE_BYTES:,}" in record.message


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: 1\n" * 10)
    # stat saw a small file; what is read is more: the read itself is bounded too.
    monkeypatch.setattr(transition._limits, "_refuse", lambda *args: None)
    with pytest.raises(NotAFile, match="more than 20 bytes"):
        read_bytes_limited(path, "rubric", limit=20)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_at_once_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    worker = threading.Thread(target=lambda: _catch(outcome, fifo), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "loading a FIFO blocked"
    (caught,) = outcome
    assert isinstance(caught, RubricError)
    assert (
        str(caught)
        == f"{fifo}: is a named pipe (FIFO), not a file; give the path of the rubric file itself"
    )


def _catch(outcome: list[BaseException], path: Path) -> None:
    try:
        transition.load_rubric(path)
    except BaseException as error:  # handed to the test thread
        outcome.append(error)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "rubric.yaml"
    folder.mkdir()
    assert str(rubric_error(folder)) == (
        f"{folder}: is a folder, not a file; give the path of the rubric file itself"
    )
    rubric = transition.load_rubric()
    with pytest.raises(
        transition.AssessmentError, match="is a folder, not a file; give the path of the assessment"
    ):
        transition.load_assessment(folder, rubric)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused() -> None:
    assert "is a device, not a file" in str(rubric_error(Path("/dev/zero")))


def test_a_missing_file_is_still_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        transition.load_rubric(tmp_path / "nowhere.yaml")


# -- 14. error lists capped --------------------------------------------------------------


def _capped(errors: tuple[ErrorRecord, ...], total: int, path: str | None) -> None:
    assert len(errors) == MAX_ERRORS + 1
    last = errors[-1]
    assert last.code == MORE
    assert (last.path, last.line) == (path, None)
    assert last.message.startswith(f"and {total - MAX_ERRORS:,} more problems")
    assert all(record.code != MORE for record in errors[:-1])


def test_a_rubric_with_a_thousand_errors_lists_a_hundred(tmp_path: Path) -> None:
    path = tmp_path / "errors.yaml"
    path.write_text(HEADER + milestones(1000, ["nowhere"] * 1000), encoding="utf-8")
    error = rubric_error(path)
    _capped(error.errors, 1000, str(path))
    assert error.errors[0].line == 9  # the first ones, in file order
    assert str(error).splitlines()[-1] == (
        f"{path}: and 900 more problems (only the first 100 are listed); "
        "fix these and run again to see the rest"
    )


def test_an_assessment_with_a_thousand_errors_lists_a_hundred(tmp_path: Path) -> None:
    rubric = transition.load_rubric()
    answers = {f"nowhere_{n:04}": 3 for n in range(1000)}
    path = tmp_path / "team.json"
    path.write_text(json.dumps({"rubric": rubric.id, "answers": answers}), encoding="utf-8")
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment(path, rubric)
    _capped(caught.value.errors, 1000, str(path))
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment({"rubric": rubric.id, "answers": answers}, rubric)
    _capped(caught.value.errors, 1000, None)


def test_every_transition_error_is_capped_and_survives_pickling() -> None:
    records = [ErrorRecord(f"problem {n}", path="x.yaml", line=n) for n in range(250)]
    for kind in (
        TransitionError,
        RubricError,
        transition.AssessmentError,
        transition.ProgressError,
    ):
        error = kind(records)
        _capped(error.errors, 250, "x.yaml")
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is kind
        assert again.errors == error.errors
    assert len(TransitionError(records[:MAX_ERRORS]).errors) == MAX_ERRORS


# -- 15. did-you-mean is bounded ----------------------------------------------------------


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    compared: list[int] = []
    real = difflib.get_close_matches

    def counted(word: str, possibilities: Any, *args: Any, **kwargs: Any) -> list[str]:
        possibilities = list(possibilities)
        compared.append(len(possibilities))
        found: list[str] = real(word, possibilities, *args, **kwargs)
        return found

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    return compared


def test_misspelt_prerequisites_compare_a_bounded_number_of_candidates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared = _counting(monkeypatch)
    count = 2000
    path = tmp_path / "misspelt.yaml"
    requires = [f"m_{(n + 1) % count:05}x" for n in range(count)]
    path.write_text(HEADER + milestones(count, requires), encoding="utf-8")
    error = rubric_error(path)
    assert "unknown milestone 'm_00001x' (did you mean 'm_00001'?)" in str(error.errors[0])
    bound = max(transition.errors.SUGGEST_ALL_UP_TO, transition.errors.SUGGEST_CANDIDATES)
    assert len(compared) >= count
    assert max(compared) <= bound


def test_unknown_answer_ids_against_a_big_rubric_are_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rubric = transition.load_rubric(load_bytes((HEADER + milestones(5000)).encode()).data)
    compared = _counting(monkeypatch)
    answers = {f"m_{n:05}_typo": 3 for n in range(300)} | {"m_0001": 2, "mm_00002": 1}
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment({"rubric": "attack", "answers": answers}, rubric)
    messages = [record.message for record in caught.value.errors]
    assert "unknown milestone 'm_00000_typo' (did you mean 'm_00000'?)" in messages
    assert max(compared) <= transition.errors.SUGGEST_CANDIDATES


IDS = [f"{word}_{n}" for n in range(300) for word in ("board", "vision", "staff_support")]


@pytest.mark.parametrize(
    "word",
    [
        "vision_1O",  # a character mistyped
        "bord_17",  # a character left out
        "board_1777",  # one too many
        "staff_suport_2",  # in the middle of a long id
        "visoin_42",  # two swapped
        "board_17_done",  # a suffix
        "the_staff_support_9",  # a prefix
    ],
)
def test_a_large_set_suggests_what_comparing_every_choice_would(word: str) -> None:
    assert len(IDS) > transition.errors.SUGGEST_ALL_UP_TO
    expected = difflib.get_close_matches(word, IDS, n=1, cutoff=0.6)
    assert expected
    assert transition.errors.suggest(word, IDS) == f" (did you mean {expected[0]!r}?)"


def test_a_small_set_compares_every_choice_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = _counting(monkeypatch)
    ids = [f"id_{n}" for n in range(transition.errors.SUGGEST_ALL_UP_TO)]
    transition.errors.suggest("id_x", ids)
    assert compared == [len(ids)]


# -- 16. huge numbers; 25. NUL ----------------------------------------------------------

MINIMAL = HEADER + milestones(1)


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        (
            "{id: c, title: C}",
            "{id: c, title: C, weight: 1" + "0" * 400 + "}",
            "weight: must be a finite number of at most 1e308 (got "
            "1000000000000000000000000000000000000... (401 digits))",
        ),
        (
            "{id: c, title: C}",
            "{id: c, title: C, weight: 0x" + "f" * 4000 + "}",
            "is too long for a number (4,002 characters; at most 1,000)",
        ),
        (
            "{id: c, title: C}",
            "{id: c, title: C, weight: 1" + "0" * 5000 + "}",
            "is too long for a number (5,001 characters; at most 1,000)",
        ),
        (
            "{id: c, title: C}",
            "{id: c, title: C, weight: 1" + "0" * 5000 + ".5}",
            "is too long for a number (5,003 characters; at most 1,000)",
        ),
        (
            "title: M0}",
            "title: M0, duration_weeks: 1" + "0" * 500 + "}",
            "duration_weeks: must be a finite number of at most 1e308",
        ),
        (
            "title: M0}",
            'title: M0, levels: {"²": x}}',
            "levels.²: expected a scale value as key, got text '²'",
        ),
        ('version: "1"', "version: 0x" + "f" * 4000, "is too long for a number"),
    ],
)
def test_huge_numbers_are_located_errors(
    tmp_path: Path, replace: str, by: str, message: str
) -> None:
    path = tmp_path / "numbers.yaml"
    assert replace in MINIMAL
    path.write_text(MINIMAL.replace(replace, by, 1), encoding="utf-8")
    (record,) = rubric_error(path).errors
    assert message in str(record)
    assert record.path == str(path)
    assert record.line is not None


def test_huge_numbers_in_json_and_mappings_are_located_errors(tmp_path: Path) -> None:
    data = load_bytes(MINIMAL.encode()).data
    data["characteristics"][0]["weight"] = 10**5000
    with pytest.raises(
        RubricError, match=r"weight: must be a finite number of at most 1e308 \(got 1e\+5000"
    ):
        transition.load_rubric(data)
    data = load_bytes(MINIMAL.encode()).data
    data["milestones"][0]["levels"] = {"1" * 5000: "x", 10**5000: "y"}
    with pytest.raises(RubricError) as caught:
        transition.load_rubric(data)
    assert [str(record).split(": ", 1)[1] for record in caught.value.errors] == [
        "level 1111111111111111111111111111111111111... (5,000 digits) is outside the scale 0..4",
        "level 1e+5000 (about 5,001 digits) is outside the scale 0..4",
    ]
    path = tmp_path / "numbers.json"
    text = json.dumps(load_bytes(MINIMAL.encode()).data)
    path.write_text(
        text.replace('"title": "C"', '"title": "C", "weight": 1' + "0" * 5000), encoding="utf-8"
    )
    (record,) = rubric_error(path).errors
    assert record.line == 1
    assert "too long for a number (5,001 characters" in record.message


def test_a_nul_byte_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(MINIMAL.replace("title: Attack", "title: At\0tack").encode())
    assert str(rubric_error(path)) == (
        f"{path}:2: invalid YAML: the control character U+0000 (a NUL byte) in column 10 is "
        "not allowed; remove it (save the file as plain text)"
    )
    path = tmp_path / "nul.json"
    path.write_bytes(b'{\n  "rubric": "a\x00b"\n}')
    assert str(rubric_error(path)) == (
        f"{path}:2: invalid JSON: the control character U+0000 in column 15 is not allowed "
        "in text; remove it (or write it as \\u0000)"
    )


def test_score_many_with_no_rubric_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"^score_many\(\)'s rubric must be a Rubric, not None"):
        transition.score_many(None, [])  # type: ignore[arg-type]


def test_a_huge_integer_level_in_a_mapping_is_a_located_error() -> None:
    rubric = transition.load_rubric()
    with pytest.raises(transition.AssessmentError) as caught:
        transition.load_assessment(
            {"rubric": rubric.id, "answers": {"named_leader": {"level": 10**5000}}}, rubric
        )
    (record,) = caught.value.errors
    assert record.field == "answers.named_leader.level"
    assert record.message.startswith("level 1e+5000 (about 5,001 digits) is outside the scale")
