"""The compiled rubric that the walk shares between results, and the status codes."""

from __future__ import annotations

import pickle

import pytest

import transition
from transition.result import Status, StatusCode
from transition.scoring import CompiledRubric, compiled, earliest_finish

from .helpers import ms, rubric, score


def test_a_result_cannot_corrupt_the_cached_bundled_rubric() -> None:
    bundled = transition.load_rubric()
    blank = transition.load_assessment({"rubric": bundled.id, "answers": {}}, bundled)
    before = transition.score(bundled, blank)
    with pytest.raises(TypeError):
        before.milestones.index["x"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        compiled(bundled).index["named_leader"] = 5  # type: ignore[index]
    after = transition.score(bundled, blank)
    assert after == before
    assert "x" not in after.milestones
    assert after.milestones["named_leader"].status is Status.UNASSESSED


def test_the_compiled_rubric_is_kept_and_results_share_its_index() -> None:
    rub = rubric(ms("a"), ms("b", requires=["a"]))
    kept = compiled(rub)
    assert isinstance(kept, CompiledRubric)
    assert compiled(rub) is kept
    result = score(rub, {"a": 3})
    assert result.milestones.index is kept.index
    assert dict(kept.index) == {"a": 0, "b": 1} == dict(kept.lookup)
    assert pickle.loads(pickle.dumps(result)) == result


def test_every_status_has_one_code_and_back() -> None:
    assert [code.status for code in StatusCode] == list(Status)
    for status in Status:
        assert StatusCode.of(status).status is status
    rub = rubric(ms("a"), ms("b", requires=["a"]), ms("c"))
    result = score(rub, {"a": 1, "c": "n/a"})
    codes = [StatusCode(code) for code in result.milestones.status]
    assert codes == [StatusCode.IN_PROGRESS, StatusCode.BLOCKED, StatusCode.NOT_APPLICABLE]
    assert [result.milestones[m].status for m in "abc"] == [code.status for code in codes]


def test_earliest_finish_is_the_longest_chain_over_tasks_only() -> None:
    # 0 -> 1 -> 3, 0 -> 2 -> 3; 2 is not a task, so 3 waits for 1 only.
    prerequisites = ((), ((0, 3),), ((0, 3),), ((1, 3), (2, 3)))
    duration = (1.0, 4.0, 10.0, 2.0)
    assert earliest_finish([0, 1, 3], prerequisites, duration) == {0: 1.0, 1: 5.0, 3: 7.0}
    assert earliest_finish([0, 1, 2, 3], prerequisites, duration)[3] == 13.0
    assert earliest_finish([], prerequisites, duration) == {}
