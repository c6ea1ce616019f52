"""score_many(..., workers=N): a pool of spawned processes gives what scoring one after
another gives, in input order, holding the caller's own rubric and assessments."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

import transition
from benchmarks.score import synthetic_assessment, synthetic_rubric

RUBRIC = transition.load_rubric()


def assessments(count: int, seed: int = 7) -> list[transition.Assessment]:
    rng = random.Random(seed)
    return [synthetic_assessment(RUBRIC, rng) for _ in range(count)]


def test_a_pool_gives_the_serial_results_in_input_order() -> None:
    given = assessments(60)
    serial = transition.score_many(RUBRIC, given)
    pooled = transition.score_many(RUBRIC, given, workers=2, chunk_size=7)
    assert pooled == serial
    assert [r.score for r in pooled] == [r.score for r in serial]
    # The results hold the caller's objects, as serial ones do, not copies.
    assert all(r.rubric is RUBRIC for r in pooled)
    assert all(r.assessment is a for r, a in zip(pooled, given, strict=True))
    assert all(r.band is next(b for b in RUBRIC.bands if b == r.band) for r in pooled)
    # What the reports read from a result works on a pooled one.
    assert transition.render(pooled[3], "json") == transition.render(serial[3], "json")


def test_a_pool_reads_any_iterable_once() -> None:
    given = assessments(25, seed=8)
    read: list[int] = []

    def lazily() -> Iterator[transition.Assessment]:
        for index, assessment in enumerate(given):
            read.append(index)
            yield assessment

    pooled = transition.score_many(RUBRIC, lazily(), workers=3, chunk_size=4)
    assert read == list(range(25))
    assert pooled == transition.score_many(RUBRIC, given)


def test_a_large_synthetic_rubric_scores_alike_in_a_pool() -> None:
    rubric = synthetic_rubric(300)
    rng = random.Random(3)
    given = [synthetic_assessment(rubric, rng) for _ in range(12)]
    assert transition.score_many(rubric, given, workers=2, chunk_size=5) == [
        transition.score(rubric, a) for a in given
    ]


def test_one_worker_or_none_scores_here() -> None:
    given = assessments(5)
    expected = [transition.score(RUBRIC, a) for a in given]
    assert transition.score_many(RUBRIC, given, workers=None) == expected
    assert transition.score_many(RUBRIC, given, workers=1) == expected
    assert transition.score_many(RUBRIC, [], workers=4) == []
    # Input that fits in one chunk is scored here as well: no pool starts for it.
    assert transition.score_many(RUBRIC, given, workers=4, chunk_size=10) == expected


def test_an_assessment_error_in_a_worker_is_raised_as_it_would_be_here(tmp_path: Path) -> None:
    other = transition.load_rubric(
        {
            "rubric": "other",
            "title": "Other",
            "version": "1",
            "characteristics": [{"id": "people", "title": "People"}],
            "milestones": [{"id": "leader", "characteristic": "people", "title": "Leader"}],
            "bands": [{"id": "low", "label": "Low", "min": 0}],
        }
    )
    path = tmp_path / "other.yaml"
    path.write_text("rubric: other\nanswers: {leader: 1}\n", encoding="utf-8")
    wrong = transition.load_assessment(path, other)
    given = [*assessments(9), wrong, *assessments(9, seed=9)]
    with pytest.raises(transition.AssessmentError) as serial:
        transition.score_many(RUBRIC, given)
    with pytest.raises(transition.AssessmentError) as pooled:
        transition.score_many(RUBRIC, given, workers=2, chunk_size=3)
    assert pooled.value.errors == serial.value.errors
    assert str(pooled.value).splitlines() == [
        f"{path}: rubric: this assessment is for rubric 'other', not 'public-service-spinout'",
        f"{path}: answers.leader: unknown milestone 'leader' (did you mean 'named_leader'?)",
    ]


def test_what_is_not_an_assessment_is_refused_before_it_reaches_a_worker() -> None:
    given: list[object] = [*assessments(4), {"rubric": RUBRIC.id}]
    with pytest.raises(TypeError, match=r"^score\(\)'s assessment must be an Assessment, not"):
        transition.score_many(RUBRIC, given, workers=2, chunk_size=2)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"workers": 0}, ValueError, "score_many()'s workers must be at least 1 (got 0)"),
        ({"workers": -2}, ValueError, "score_many()'s workers must be at least 1 (got -2)"),
        ({"workers": True}, TypeError, "score_many()'s workers must be a whole number, not True"),
        ({"workers": 2.0}, TypeError, "score_many()'s workers must be an int or None, not a float"),
        ({"workers": "2"}, TypeError, "score_many()'s workers must be an int or None, not a str"),
        ({"chunk_size": 0}, ValueError, "score_many()'s chunk_size must be at least 1 (got 0)"),
    ],
)
def test_workers_and_chunk_size_are_whole_numbers_of_at_least_one(
    options: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        transition.score_many(RUBRIC, assessments(2), **options)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_what_a_worker_does_round_trips_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker's side run here: the rubric unpacked, assessments rebuilt from the
    wire, results pickled with references that read back as the caller's objects."""
    from transition import _pool

    monkeypatch.setattr(_pool, "_WORKER", None)
    _pool._start(_pool._packed(RUBRIC))
    assert _pool._WORKER is not None
    copy = _pool._WORKER[0]
    assert copy == RUBRIC
    assert copy is not RUBRIC
    given = assessments(6, seed=11)
    data = _pool._score_chunk([_pool._wire(a) for a in given])
    results = _pool._Reader(data, [*_pool._shared(RUBRIC), *given]).load()
    assert results == [transition.score(RUBRIC, a) for a in given]
    assert all(r.rubric is RUBRIC for r in results)
    assert all(r.assessment is a for r, a in zip(results, given, strict=True))
    # Rebuilt from the wire, an assessment scores as the original (evidence aside).
    for assessment in given:
        rebuilt = _pool._unwire(_pool._wire(assessment))
        assert transition.score(RUBRIC, rebuilt).to_dict() == {
            **transition.score(RUBRIC, assessment).to_dict(),
            "organisation": "",
        }
