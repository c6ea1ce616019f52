"""SPEC §5 rule 13: next steps and their order."""

from __future__ import annotations

from .helpers import ms, rubric, score, statuses


def test_next_steps_order_and_exclusions() -> None:
    # index name   answer  status          path  unlocks (descendants not met/NA)
    # 0     alpha  1       in_progress     no    0 (none)
    # 1     beta   -       unassessed      no    2 (gamma blocked, delta blocked)
    # 2     gamma  -       blocked (beta 0 < 3)        -> never a next step
    # 3     delta  2       blocked (gamma 0 < 3)       -> never a next step
    # 4     crit   0       not_started     yes   0 (none)     [critical; eps 2 >= 2]
    # 5     eps    2       in_progress     yes   1 (crit not_started)
    # 6     done   4       met                         -> never
    # 7     na1    n/a     not_applicable              -> never
    # 8     zeta   0       not_started     no    0 (omega met, na2 NA: not counted)
    # 9     omega  3       met (zeta 0 >= required 0)  -> never
    # 10    na2    n/a     not_applicable              -> never
    # keys: alpha (1, 0, 0), beta (1, -2, 1), crit (0, 0, 4), eps (0, -1, 5),
    #       zeta (1, 0, 8)
    # sorted: eps (0,-1,5), crit (0,0,4), beta (1,-2,1), alpha (1,0,0), zeta (1,0,8)
    rub = rubric(
        ms("alpha"),
        ms("beta"),
        ms("gamma", requires=["beta"]),
        ms("delta", requires=["gamma"]),
        ms("crit", critical=True, requires=[{"milestone": "eps", "level": 2}]),
        ms("eps"),
        ms("done"),
        ms("na1"),
        ms("zeta"),
        ms("omega", requires=[{"milestone": "zeta", "level": 0}]),
        ms("na2", requires=["zeta"]),
    )
    result = score(
        rub,
        {
            "alpha": 1,
            "delta": 2,
            "crit": 0,
            "eps": 2,
            "done": 4,
            "na1": "n/a",
            "zeta": 0,
            "omega": 3,
            "na2": "n/a",
        },
    )
    assert statuses(result, list(rub.milestones)) == {
        "alpha": "in_progress",
        "beta": "unassessed",
        "gamma": "blocked",
        "delta": "blocked",
        "crit": "not_started",
        "eps": "in_progress",
        "done": "met",
        "na1": "not_applicable",
        "zeta": "not_started",
        "omega": "met",
        "na2": "not_applicable",
    }
    assert result.readiness_path == ("crit", "eps")
    assert result.next_steps == ("eps", "crit", "beta", "alpha", "zeta")


def test_unlocks_counts_all_descendants_not_only_children() -> None:
    # No critical milestones, so nothing is on the path (first key 1 for all).
    # u (index 0): children u2, u3 (blocked)           -> unlocks 2
    # t (index 1): chain t -> t2 -> t3 -> t4 (blocked)  -> unlocks 3 (children only: 1)
    # keys: u (1, -2, 0), t (1, -3, 1) -> t first
    rub = rubric(
        ms("u"),
        ms("t"),
        ms("u2", requires=["u"]),
        ms("u3", requires=["u"]),
        ms("t2", requires=["t"]),
        ms("t3", requires=["t2"]),
        ms("t4", requires=["t3"]),
    )
    result = score(rub, {"u": 0, "t": 1})
    assert result.next_steps == ("t", "u")


def test_path_first_beats_unlocks() -> None:
    # k critical, unassessed, on the path, unlocks 0 -> (0, 0, 2)
    # w not on the path, unlocks 2 (w2, w3 blocked) -> (1, -2, 0)
    # k before w although w unlocks more and comes first in rubric order
    rub = rubric(
        ms("w"),
        ms("w2", requires=["w"]),
        ms("k", critical=True),
        ms("w3", requires=["w2"]),
    )
    result = score(rub, {"w": 1})
    assert result.readiness_path == ("k",)
    assert result.next_steps == ("k", "w")


def test_rubric_index_breaks_ties() -> None:
    # c, a, b: no edges, none on the path, unlocks 0 -> rubric order c, a, b
    result = score(rubric(ms("c"), ms("a"), ms("b")), {"a": 0, "b": 2})
    assert result.next_steps == ("c", "a", "b")


def test_no_next_steps_when_everything_is_met_na_or_blocked() -> None:
    # a 3 -> met; b NA; d requires a at 4: 3 < 4 -> blocked. None is eligible.
    rub = rubric(ms("a"), ms("b"), ms("d", requires=[{"milestone": "a", "level": 4}]))
    result = score(rub, {"a": 3, "b": "n/a", "d": 4})
    assert statuses(result, ["a", "b", "d"]) == {
        "a": "met",
        "b": "not_applicable",
        "d": "blocked",
    }
    assert result.next_steps == ()


def test_unlocks_counts_descendants_through_na_and_met_milestones() -> None:
    # z (index 0): no descendants -> unlocks 0 -> key (1, 0, 0)
    # x (index 1): descendants n (NA, not counted), y (unassessed, counted), m (met, not
    #   counted), w (unassessed, counted) -> unlocks 2 -> key (1, -2, 1)
    # y requires n: NA -> top 4 >= 3 -> not unmet -> unassessed -> key (1, 0, 3)
    # w requires m at 3: m 3 -> not unmet -> unassessed -> key (1, 0, 5)
    # sorted: x, z, y, w
    rub = rubric(
        ms("z"),
        ms("x"),
        ms("n", requires=["x"]),
        ms("y", requires=["n"]),
        ms("m", requires=[{"milestone": "x", "level": 1}]),
        ms("w", requires=["m"]),
    )
    result = score(rub, {"z": 0, "x": 1, "n": "n/a", "m": 3})
    assert statuses(result, ["n", "y", "m", "w"]) == {
        "n": "not_applicable",
        "y": "unassessed",
        "m": "met",
        "w": "unassessed",
    }
    assert result.next_steps == ("x", "z", "y", "w")
