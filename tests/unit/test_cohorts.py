"""Cohorts and benchmarks (SPEC §11): what a cohort keeps, and where a team stands in one.

The tests use a small rubric where every score is a fraction you can check by hand; the
arithmetic is worked out in comments.
"""

from __future__ import annotations

import json
import pickle
import statistics
from pathlib import Path
from typing import Any

import pytest

import transition
from transition import Cohort, CohortError, Peer
from transition._limits import MAX_FILE_BYTES
from transition.cohorts import MIN_PEERS, percentile_rank

#: Two characteristics of one milestone each, levels 0..4: a characteristic's score is
#: its milestone's level / 4, and the overall score their mean (weights 1 and 1).
SMALL: dict[str, Any] = {
    "rubric": "small",
    "title": "Small",
    "version": "2",
    "phases": [{"id": "early", "title": "Early"}],
    "characteristics": [
        {"id": "people", "title": "People"},
        {"id": "money", "title": "Money"},
    ],
    "milestones": [
        {"id": "leader", "characteristic": "people", "title": "Leader", "phase": "early"},
        {"id": "budget", "characteristic": "money", "title": "Budget"},
    ],
    "bands": [{"id": "low", "label": "Low", "min": 0}],
}
RUBRIC = transition.load_rubric(SMALL)

MARKER = "ZQXMARKER"


def scored(people: object = 0, money: object = 0, **fields: Any) -> transition.Readiness:
    """A result of the small rubric with these levels (or "n/a")."""
    mapping = {"rubric": "small", "answers": {"leader": people, "budget": money}, **fields}
    return transition.score(RUBRIC, transition.load_assessment(mapping, RUBRIC))


# -- building a cohort -------------------------------------------------------------------


def test_a_cohort_keeps_the_scores_of_each_result() -> None:
    peers = transition.cohort([scored(4, 2), scored(1, "n/a")])
    assert peers.rubric == "small"
    assert peers.rubric_version == "2"
    assert peers.n == 2
    # (1/4) with money n/a: the overall score is people's alone; (4/4 + 2/4) / 2 = 0.75.
    assert peers.to_dict() == {
        "rubric": "small",
        "rubric_version": "2",
        "n": 2,
        "assessments": [
            {"score": 0.25, "characteristics": {"people": 0.25, "money": None}},
            {"score": 0.75, "characteristics": {"people": 1.0, "money": 0.5}},
        ],
    }


def test_the_order_of_the_results_is_not_kept() -> None:
    results = [scored(4, 2), scored(1, 3), scored(1, "n/a"), scored(1, 0), scored(0, 0)]
    forwards = transition.cohort(results)
    backwards = transition.cohort(reversed(results))
    assert forwards == backwards
    assert json.dumps(forwards.to_dict()) == json.dumps(backwards.to_dict())
    # Sorted by score, then by the characteristics in rubric order, a missing one first:
    # people 1 with money n/a (0.25), with money 0 (0.125), with money 3 (0.5).
    assert [(p.score, tuple(p.characteristics.values())) for p in forwards.assessments] == [
        (0.0, (0.0, 0.0)),
        (0.125, (0.25, 0.0)),
        (0.25, (0.25, None)),
        (0.5, (0.25, 0.75)),
        (0.75, (1.0, 0.5)),
    ]


def test_a_cohort_made_directly_is_sorted_too() -> None:
    a, b = Peer(0.5, transition.FrozenDict({"people": 0.5})), Peer(0.25)
    assert Cohort("small", "2", (a, b)).assessments == (b, a)
    assert Cohort("small", "2", (a, b), source="x.json") == Cohort("small", "2", (b, a))


def test_no_name_date_evidence_note_assessor_or_file_reaches_the_cohort(tmp_path: Path) -> None:
    """Every free-text field of the input carries a marker: none is in the cohort."""
    results = []
    for level in range(3):
        document = {
            "rubric": "small",
            "rubric_version": "2",
            "organisation": f"{MARKER} organisation {level}",
            "assessed_on": "2031-07-19",
            "phase": "early",
            "assessor": f"{MARKER} assessor",
            "answers": {
                "leader": {
                    "level": level,
                    "evidence": [f"{MARKER} evidence", f"{MARKER} more evidence"],
                    "notes": f"{MARKER} notes",
                    "assessor": f"{MARKER} answer assessor",
                },
                "budget": {"levels": [level, 2], "evidence": f"{MARKER} one evidence"},
            },
        }
        path = tmp_path / f"{MARKER}-team-{level}.yaml"
        path.write_text(json.dumps(document), encoding="utf-8")
        results.append(transition.score(RUBRIC, transition.load_assessment(path, RUBRIC)))
    assert MARKER in repr(results[0].assessment)  # the marker is there to be found
    peers = transition.cohort(results)
    written = json.dumps(peers.to_dict()) + repr(peers) + repr(pickle.dumps(peers))
    for secret in (MARKER, "2031-07-19", "2031", "early", str(tmp_path), "team-"):
        assert secret not in written


def test_a_cohort_pickles_and_compares_equal() -> None:
    peers = transition.cohort([scored(4, 2), scored(1, 3)])
    assert pickle.loads(pickle.dumps(peers)) == peers
    assert hash(peers) == hash(transition.cohort([scored(1, 3), scored(4, 2)]))


def test_no_results_make_no_cohort() -> None:
    with pytest.raises(CohortError) as caught:
        transition.cohort([])
    assert str(caught.value) == "a cohort needs at least one result (got none)"
    assert isinstance(caught.value, transition.TransitionError)
    assert isinstance(caught.value, ValueError)


def test_results_of_different_rubrics_make_no_cohort(tmp_path: Path) -> None:
    other = transition.load_rubric({**SMALL, "rubric": "other"})
    versioned = transition.load_rubric({**SMALL, "version": "3"})
    path = tmp_path / "other.yaml"
    path.write_text("rubric: other\nanswers: {leader: 1}\n", encoding="utf-8")
    from_file = transition.score(other, transition.load_assessment(path, other))
    newer = transition.score(
        versioned, transition.load_assessment({"rubric": "small", "answers": {}}, versioned)
    )
    with pytest.raises(CohortError) as caught:
        transition.cohort([scored(1), from_file, scored(2), newer])
    assert [str(error) for error in caught.value.errors] == [
        f"{path}: rubric: 'other' differs from 'small' in results[0]; a cohort holds the "
        "results of one rubric",
        "results[3].rubric_version: '3' differs from '2' in results[0]; score every "
        "assessment of a cohort with one version of the rubric",
    ]
    assert {error.code for error in caught.value.errors} == {"rubric-mismatch"}


def test_a_cohort_takes_results_only() -> None:
    with pytest.raises(TypeError, match=r"^cohort\(\)'s results\[1\] must be a Readiness"):
        transition.cohort([scored(), {"score": 0.5}])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not one result; wrap it in a list"):
        transition.cohort(scored())  # type: ignore[arg-type]


# -- reading a cohort ------------------------------------------------------------------


def test_a_written_cohort_reads_back_equal(tmp_path: Path) -> None:
    peers = transition.cohort([scored(4, 2), scored(1, "n/a"), scored(3, 1)])
    path = tmp_path / "cohort.json"
    path.write_text(json.dumps(peers.to_dict(), indent=2), encoding="utf-8")
    loaded = transition.load_cohort(path)
    assert loaded == peers
    assert loaded.source == str(path)
    assert transition.load_cohort(peers.to_dict()) == peers


def test_a_cohort_file_in_any_order_reads_as_the_sorted_cohort() -> None:
    peers = transition.cohort([scored(4, 2), scored(1, 3), scored(0, 0)])
    document = peers.to_dict()
    document["assessments"].reverse()
    assert transition.load_cohort(document) == peers
    assert transition.load_cohort(document).to_dict() == peers.to_dict()


def test_a_whole_float_counts_as_a_whole_number_of_assessments() -> None:
    # JSON Schema's "integer" accepts 2.0, and the loader agrees with the schema.
    document = transition.cohort([scored(4, 2), scored(1, 3)]).to_dict()
    assert transition.load_cohort({**document, "n": 2.0}).n == 2


def test_load_cohort_refuses_what_is_not_a_source(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"^load_cohort\(\) takes a path or a mapping, not int"):
        transition.load_cohort(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not None"):
        transition.load_cohort(None)  # type: ignore[arg-type]
    with pytest.raises(CohortError, match="empty name"):
        transition.load_cohort("")
    with pytest.raises(FileNotFoundError):
        transition.load_cohort(tmp_path / "missing.json")


def test_a_folder_is_not_a_cohort_file(tmp_path: Path) -> None:
    with pytest.raises(CohortError) as caught:
        transition.load_cohort(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}: is a folder, not a file; give the path of the cohort file itself"
    )


def test_a_huge_cohort_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cohort.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(CohortError) as caught:
        transition.load_cohort(path)
    assert str(caught.value).startswith(
        f"{path}: the cohort file is too large ({MAX_FILE_BYTES + 1:,} bytes; at most "
        f"{MAX_FILE_BYTES:,} bytes are read)"
    )


def test_a_thousand_bad_entries_are_listed_up_to_the_cap() -> None:
    document = {
        "rubric": "small",
        "rubric_version": "2",
        "n": 1_000,
        "assessments": [{"score": 2, "characteristics": {}}] * 1_000,
    }
    with pytest.raises(CohortError) as caught:
        transition.load_cohort(document)
    errors = caught.value.errors
    assert len(errors) == 101
    assert str(errors[0]) == "assessments[0].score: must be between 0 and 1 (got 2)"
    assert str(errors[-1]) == (
        "and 900 more problems (only the first 100 are listed); fix these and run again "
        "to see the rest"
    )


# -- benchmarks ----------------------------------------------------------------------------


def five_peers() -> Cohort:
    # Overall scores 0, 0.25, 0.5, 0.75, 1; people 0, 0.25, 0.5, 0.75, 1; money n/a
    # for the first two.
    return transition.cohort(
        [scored(0, "n/a"), scored(1, "n/a"), scored(2, 2), scored(3, 3), scored(4, 4)]
    )


def test_a_benchmark_ranks_the_result_among_the_peers() -> None:
    figures = transition.benchmark(scored(2, 2), five_peers())
    assert figures.rubric == "small"
    assert figures.n == 5
    # Overall 0.5: 2 peers below, 1 equal: 100 * (2 + 0.5) / 5 = 50.
    assert figures.overall.value == 0.5
    assert figures.overall.n == 5
    assert figures.overall.percentile == 50.0
    assert figures.overall.quartiles == (0.25, 0.5, 0.75)
    assert figures.overall.reason is None
    assert figures.characteristics["people"].percentile == 50.0
    assert list(figures.characteristics) == ["people", "money"]


def test_fewer_than_five_peers_with_a_value_give_no_figure_and_say_why() -> None:
    figures = transition.benchmark(scored(2, 2), five_peers())
    money = figures.characteristics["money"]  # three peers have a score for Money
    assert (money.value, money.n, money.percentile, money.quartiles) == (0.5, 3, None, None)
    assert money.reason == "only 3 peers have a score for Money; at least 5 are needed"
    small = transition.benchmark(scored(2, 2), transition.cohort([scored(1), scored(2)]))
    assert small.overall.percentile is None
    assert small.overall.reason == "only 2 peers are in the cohort; at least 5 are needed"
    one = transition.benchmark(scored(2, 2), transition.cohort([scored(1, "n/a")]))
    assert one.overall.reason == "only 1 peer is in the cohort; at least 5 are needed"
    assert one.characteristics["money"].reason == (
        "no peer has a score for Money; at least 5 are needed"
    )


def test_a_characteristic_that_does_not_apply_has_quartiles_but_no_rank() -> None:
    peers = transition.cohort([scored(level, level) for level in range(5)])
    money = transition.benchmark(scored(2, "n/a"), peers).characteristics["money"]
    assert money.value is None
    assert money.n == 5
    assert money.percentile is None
    assert money.quartiles == (0.25, 0.5, 0.75)
    assert money.reason == (
        "Money does not apply to this assessment (none of its milestones applies), so it "
        "has no rank among the peers"
    )


def test_a_cohort_without_a_characteristic_gives_it_no_figure() -> None:
    # Another version of the rubric, whose cohort names only "people".
    peers = transition.load_cohort(
        {
            "rubric": "small",
            "rubric_version": "1",
            "n": 5,
            "assessments": [{"score": s, "characteristics": {"people": s}} for s in (0, 1) * 2]
            + [{"score": 0.5, "characteristics": {"people": 0.5}}],
        }
    )
    figures = transition.benchmark(scored(2, 2), peers)
    assert figures.characteristics["people"].percentile == 50.0
    assert figures.characteristics["money"].n == 0
    assert figures.characteristics["money"].reason == (
        "no peer has a score for Money; at least 5 are needed"
    )


def test_a_cohort_of_another_rubric_is_an_error(tmp_path: Path) -> None:
    document = {**five_peers().to_dict(), "rubric": "other"}
    path = tmp_path / "cohort.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CohortError) as caught:
        transition.benchmark(scored(), transition.load_cohort(path))
    assert str(caught.value) == (
        f"{path}: rubric: this cohort is of rubric 'other', not 'small'; benchmark against "
        "a cohort of the same rubric"
    )


def test_benchmark_takes_a_result_and_a_cohort() -> None:
    with pytest.raises(TypeError, match=r"^benchmark\(\)'s result must be a Readiness"):
        transition.benchmark(five_peers(), five_peers())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^benchmark\(\)'s cohort must be a Cohort"):
        transition.benchmark(scored(), {"rubric": "small"})  # type: ignore[arg-type]


def test_a_benchmark_as_a_document_and_a_value() -> None:
    figures = transition.benchmark(scored(2, 2), five_peers())
    document = figures.to_dict()
    assert document["overall"] == {
        "value": 0.5,
        "n": 5,
        "percentile": 50.0,
        "quartiles": [0.25, 0.5, 0.75],
        "reason": None,
    }
    assert document["characteristics"]["money"]["quartiles"] is None
    assert json.loads(json.dumps(document)) == document
    assert pickle.loads(pickle.dumps(figures)) == figures
    assert transition.benchmark(scored(2, 2), five_peers()) == figures


def test_the_bundled_examples_benchmark_against_each_other() -> None:
    rubric = transition.load_rubric()
    examples = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
    results = [transition.score(rubric, transition.load_assessment(p, rubric)) for p in examples]
    peers = transition.cohort(results * 2)  # eight peers
    assert peers.n == 2 * len(examples) >= MIN_PEERS
    for result in results:
        figures = transition.benchmark(result, peers)
        scores = [peer.score for peer in peers.assessments]
        assert figures.overall.percentile == percentile_rank(result.score, scores)
        assert figures.overall.quartiles == tuple(
            statistics.quantiles(scores, n=4, method="inclusive")
        )
        assert list(figures.characteristics) == [c.id for c in rubric.characteristics]
