"""Properties of percentile ranks, quartiles and the 5-peer rule (SPEC §11).

The reference below is the formula written out with fractions, one peer at a time, so
that it shares nothing with the library's counting but the rounding to 9 places.
"""

from __future__ import annotations

import random
import statistics
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

import transition
from transition import Cohort, FrozenDict, Peer
from transition.cohorts import DECIMALS, MIN_PEERS, percentile_rank, quartiles

SCORES = st.floats(0, 1, allow_nan=False)
#: Scores that often tie: a few fractions, also reached through different arithmetic.
TYING = st.sampled_from([0.0, 0.25, 0.5, 0.1 + 0.2, 0.3, 1 / 3, 1.0]) | SCORES
PEERS = st.lists(TYING, min_size=1, max_size=40)

RUBRIC = transition.load_rubric(
    {
        "rubric": "pair",
        "title": "Pair",
        "version": "1",
        "characteristics": [{"id": "people", "title": "People"}],
        "milestones": [{"id": "leader", "characteristic": "people", "title": "Leader"}],
        "bands": [{"id": "low", "label": "Low", "min": 0}],
    }
)


def reference(x: float, peers: list[float]) -> float:
    """``100 * (count(p < x) + 0.5 * count(p == x)) / n``, one peer at a time."""
    total = Fraction(0)
    for p in peers:
        if round(p, DECIMALS) < round(x, DECIMALS):
            total += 1
        elif round(p, DECIMALS) == round(x, DECIMALS):
            total += Fraction(1, 2)
    return float(100 * total / len(peers))


@given(TYING, PEERS)
def test_the_percentile_is_between_0_and_100(x: float, peers: list[float]) -> None:
    assert 0 <= percentile_rank(x, peers) <= 100


@given(TYING, TYING, PEERS)
def test_the_percentile_never_falls_as_the_value_rises(
    x: float, y: float, peers: list[float]
) -> None:
    low, high = sorted((x, y))
    assert percentile_rank(low, peers) <= percentile_rank(high, peers)


@given(TYING, PEERS)
def test_the_percentile_is_the_formula(x: float, peers: list[float]) -> None:
    assert percentile_rank(x, peers) == reference(x, peers)


@given(TYING, PEERS)
def test_a_value_above_or_below_every_peer_ranks_100_or_0(x: float, peers: list[float]) -> None:
    rounded = [round(p, DECIMALS) for p in peers]
    if round(x, DECIMALS) > max(rounded):
        assert percentile_rank(x, peers) == 100
    if round(x, DECIMALS) < min(rounded):
        assert percentile_rank(x, peers) == 0


def test_values_equal_to_9_places_rank_as_equal() -> None:
    assert 0.1 + 0.2 != 0.3
    assert percentile_rank(0.1 + 0.2, [0.3]) == 50.0
    assert percentile_rank(0.3, [0.1 + 0.2] * 4) == 50.0
    # Apart in the ninth place they are not equal.
    assert percentile_rank(0.300000001, [0.3]) == 100.0


@given(st.lists(SCORES, min_size=MIN_PEERS, max_size=40))
def test_the_quartiles_are_statistics_quantiles(values: list[float]) -> None:
    expected = tuple(statistics.quantiles(values, n=4, method="inclusive"))
    assert quartiles(values) == expected
    first, median, third = quartiles(values)
    assert min(values) <= first <= median <= third <= max(values)


def peer(score: float, people: float | None) -> Peer:
    return Peer(score, FrozenDict({"people": people}))


def result(level: object) -> transition.Readiness:
    mapping = {"rubric": "pair", "answers": {"leader": level}}
    return transition.score(RUBRIC, transition.load_assessment(mapping, RUBRIC))


@given(
    st.lists(st.tuples(TYING, st.none() | TYING), min_size=1, max_size=12),
    st.sampled_from([0, 1, 2, 3, 4, "n/a"]),
)
def test_a_figure_needs_five_peers_with_a_value(
    entries: list[tuple[float, float | None]], level: object
) -> None:
    peers = Cohort("pair", "1", tuple(peer(s, c) for s, c in entries))
    own = result(level)
    figures = transition.benchmark(own, peers)
    values = [c for _, c in entries if c is not None]
    people = figures.characteristics["people"]
    assert figures.n == len(entries) == figures.overall.n
    assert people.n == len(values)
    for figure, pool, value in (
        (figures.overall, [s for s, _ in entries], own.score),
        (people, values, own.characteristics["people"].score),
    ):
        assert figure.value == value
        if len(pool) < MIN_PEERS:
            assert figure.percentile is None
            assert figure.quartiles is None
            assert figure.reason is not None
            assert figure.reason.endswith(f"; at least {MIN_PEERS} are needed")
            assert f"only {len(pool)} " in figure.reason or "no peer" in figure.reason
        else:
            assert figure.quartiles == quartiles(pool)
            if value is None:
                assert figure.percentile is None
                assert figure.reason is not None
                assert "does not apply" in figure.reason
            else:
                assert figure.percentile == reference(value, pool)
                assert figure.reason is None


@given(st.lists(TYING, min_size=MIN_PEERS, max_size=20), st.randoms())
def test_the_order_of_the_peers_changes_nothing(values: list[float], rng: random.Random) -> None:
    assume(len(set(values)) > 1)
    shuffled = list(values)
    rng.shuffle(shuffled)
    one = Cohort("pair", "1", tuple(peer(v, v) for v in values))
    other = Cohort("pair", "1", tuple(peer(v, v) for v in shuffled))
    assert one == other
    own = result(2)
    assert transition.benchmark(own, one) == transition.benchmark(own, other)
