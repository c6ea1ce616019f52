"""docs/scale.md's Dask recipe, run as the page shows it: its code blocks are taken from
the page and executed, with Dask's local scheduler (processes) on a few hundred
generated assessment files, one of them broken. The results must equal serial scoring.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import transition

PAGE = Path(__file__).parent.parent / "docs" / "scale.md"
RUBRIC = transition.load_rubric()
FILES = 300


def blocks() -> list[str]:
    """The page's Python code blocks, in order."""
    return re.findall(r"^```python\n(.*?)^```$", PAGE.read_text(encoding="utf-8"), re.M | re.S)


def block_with(text: str) -> str:
    (found,) = [block for block in blocks() if text in block]
    return found


def write_assessments(folder: Path) -> list[Path]:
    """FILES assessment files of the bundled rubric, and one with a typo (the last)."""
    rng = random.Random(13)
    folder.mkdir()
    paths = []
    for index in range(FILES):
        answers: dict[str, object] = {
            mid: rng.randint(0, 4) for mid in RUBRIC.milestones if rng.random() < 0.7
        }
        if rng.random() < 0.2:
            answers[rng.choice(list(RUBRIC.milestones))] = "n/a"
        document = {"rubric": RUBRIC.id, "organisation": f"Team {index}", "answers": answers}
        path = folder / f"team-{index:03}.yaml"
        path.write_text(yaml.safe_dump(document), encoding="utf-8")
        paths.append(path)
    broken = folder / "zz-broken.yaml"
    broken.write_text("rubric: public-service-spinout\nanswers: {named_leadr: 3}\n")
    return [*paths, broken]


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The recipe's namespace after the page's example has run in a folder of files."""
    folder = tmp_path_factory.mktemp("scale")
    write_assessments(folder / "assessments")
    namespace: dict[str, Any] = {"__name__": "scale_recipe"}
    exec(block_with("import dask.bag as db"), namespace)
    printed = io.StringIO()
    with contextlib.chdir(folder), contextlib.redirect_stdout(printed):
        exec(block_with("results, failures = score_files("), namespace)
    namespace["printed"] = printed.getvalue()
    namespace["folder"] = folder
    return namespace


def serial(folder: Path) -> list[transition.Readiness]:
    paths = sorted((folder / "assessments").glob("team-*.yaml"))
    return [transition.score(RUBRIC, transition.load_assessment(p, RUBRIC)) for p in paths]


def test_the_recipe_gives_the_serial_results_in_order(ran: dict[str, Any]) -> None:
    expected = serial(ran["folder"])
    assert len(ran["results"]) == FILES
    assert ran["results"] == expected
    assert [Path(str(r.assessment.source)).name for r in ran["results"]] == [
        Path(str(r.assessment.source)).name for r in expected
    ]
    assert ran["cohort"] == transition.cohort(expected)


def test_the_recipe_reports_a_broken_file_and_goes_on(ran: dict[str, Any]) -> None:
    broken = str(Path("assessments") / "zz-broken.yaml")
    problem = (
        f"{broken}:2: answers.named_leadr: unknown milestone 'named_leadr' "
        "(did you mean 'named_leader'?)"
    )
    assert ran["failures"] == [(broken, problem)]
    assert ran["printed"] == problem + "\n"


def test_the_peers_alone_make_the_same_cohort(ran: dict[str, Any]) -> None:
    paths = [str(p) for p in sorted((ran["folder"] / "assessments").glob("*.yaml"))]
    peers = ran["peers_of_files"](paths, partitions=4, scheduler="processes", num_workers=2)
    assert peers == transition.cohort(serial(ran["folder"]))
    assert peers.to_dict() == ran["cohort"].to_dict()


def test_the_recipe_runs_on_the_threaded_scheduler_too(ran: dict[str, Any]) -> None:
    paths = [str(p) for p in sorted((ran["folder"] / "assessments").glob("team-00*.yaml"))]
    results, failures = ran["score_files"](paths, partitions=3, scheduler="threads")
    assert failures == []
    assert results == serial(ran["folder"])[:10]
