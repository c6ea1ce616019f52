"""transition cohort ASSESSMENT... -o cohort.json, run as a real program.

The cohort is written whole or not at all: only when every file scores. Each failed
file's problems go to standard error with a last line saying the cohort was not written.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import yaml

import transition
from tests.cli.runner import run
from tests.cli.test_cli import EXAMPLES, MINIMAL
from tests.cli.test_smoke import program

MARKER = "ZQXMARKER"
RUBRIC = transition.load_rubric()


def teams(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """``count`` assessment files of the bundled rubric, each of its own organisation,
    with a marker in every free-text field and in the file name."""
    rng = random.Random(seed)
    folder.mkdir(exist_ok=True)
    paths = []
    for index in range(count):
        answers = {
            mid: {
                "level": rng.randint(0, 4),
                "evidence": [f"{MARKER} evidence {index}"],
                "notes": f"{MARKER} notes",
                "assessor": f"{MARKER} answer assessor",
            }
            for mid in RUBRIC.milestones
            if rng.random() < 0.6
        }
        document = {
            "rubric": RUBRIC.id,
            "organisation": f"{MARKER} team {index}",
            "assessed_on": f"2031-07-{index % 28 + 1:02}",
            "assessor": f"{MARKER} assessor",
            "answers": answers,
        }
        path = folder / f"{MARKER}-{index:03}.yaml"
        path.write_text(yaml.safe_dump(document), encoding="utf-8")
        paths.append(path)
    return paths


def expected(paths: list[Path]) -> str:
    results = [transition.score(RUBRIC, transition.load_assessment(p, RUBRIC)) for p in paths]
    return json.dumps(transition.cohort(results).to_dict(), indent=2, ensure_ascii=False) + "\n"


def test_a_folder_becomes_a_cohort_that_keeps_only_scores(tmp_path: Path) -> None:
    paths = teams(tmp_path / "in", 12)
    output = tmp_path / "cohort.json"
    ran = program("cohort", str(tmp_path / "in"), "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == ""
    assert ran.stderr == f"wrote {output} (a cohort of 12 assessments)\n"
    written = output.read_text(encoding="utf-8")
    assert written == expected(paths)
    assert transition.load_cohort(output).n == 12
    for secret in (MARKER, "2031-07", str(tmp_path), ".yaml"):
        assert secret not in written


def test_the_same_files_in_another_order_give_the_same_bytes(tmp_path: Path) -> None:
    paths = teams(tmp_path / "in", 8, seed=2)
    one, other = tmp_path / "one.json", tmp_path / "other.json"
    assert program("cohort", *map(str, paths), "-o", str(one)).returncode == 0
    assert program("cohort", *map(str, reversed(paths)), "-o", str(other)).returncode == 0
    assert one.read_bytes() == other.read_bytes()


def test_a_failed_file_means_no_cohort_and_every_problem_listed(tmp_path: Path) -> None:
    paths = teams(tmp_path / "in", 6, seed=3)
    bad = tmp_path / "in" / "bad.yaml"
    bad.write_text("rubric: public-service-spinout\nanswers: {named_leadr: 3}\n", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    output = tmp_path / "cohort.json"
    output.write_text("the cohort before\n", encoding="utf-8")
    ran = program("cohort", str(tmp_path / "in"), str(missing), "-o", str(output))
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        f"{bad}:2: answers.named_leadr: unknown milestone 'named_leadr' "
        "(did you mean 'named_leader'?)",
        f"{missing}: cannot read: No such file or directory",
        f"{output} not written: 2 of {len(paths) + 2} assessment files failed ({bad}, {missing})",
    ]
    assert "Traceback" not in ran.stderr
    assert output.read_text(encoding="utf-8") == "the cohort before\n"  # untouched


def test_an_assessment_of_a_rubric_that_is_not_there_fails(tmp_path: Path) -> None:
    teams(tmp_path / "in", 5, seed=4)
    other = tmp_path / "in" / "other.yaml"
    other.write_text("rubric: acme-spinout\nanswers: {}\n", encoding="utf-8")
    output = tmp_path / "cohort.json"
    ran = program("cohort", str(tmp_path / "in"), "-o", str(output))
    assert ran.returncode == 1
    assert ran.stderr.splitlines()[-1] == (
        f"{output} not written: 1 of 6 assessment files failed ({other})"
    )
    assert "acme-spinout" in ran.stderr
    assert not output.exists()


def test_a_rubric_file_scores_assessments_that_name_none(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index, level in enumerate([0, 1, 2, 3, 4, 4]):
        text = f"organisation: Team {index}\nanswers: {{named_leader: {level}}}\n"
        (folder / f"team-{index}.yaml").write_text(text, encoding="utf-8")
    output = tmp_path / "cohort.json"
    ran = program("cohort", str(folder), "--rubric", str(MINIMAL), "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    document = json.loads(output.read_text(encoding="utf-8"))
    assert (document["rubric"], document["rubric_version"], document["n"]) == ("minimal", "0.1", 6)
    assert list(document["assessments"][0]["characteristics"]) == ["leadership", "vision"]


def test_small_cohorts_and_teams_assessed_twice_are_written_with_warnings(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(example, folder / example.name)
    output = tmp_path / "cohort.json"
    ran = program("cohort", str(folder), "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.splitlines() == [
        f"warning: 2 assessments are of 'Northgate Libraries' ({folder / 'business-case.yaml'}, "
        f"{folder / 'workshop.yaml'}); each counts as a peer: give one per organisation "
        "(its latest) to count each team once",
        f"wrote {output} (a cohort of 4 assessments)",
        "warning: a cohort of 4 gives no benchmark figures: at least 5 peers with a score "
        "are needed",
    ]
    assert "Northgate" not in output.read_text(encoding="utf-8")


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    paths = teams(tmp_path / "in", 2, seed=5)
    ran = program("cohort", str(paths[0]))
    assert ran.returncode == 2
    assert "Missing option '-o' / '--output'" in ran.stderr
    ran = program("cohort", *map(str, paths), "-o", str(paths[1]))
    assert ran.returncode == 2
    assert "is one of the inputs; write the output elsewhere" in ran.stderr
    assert MARKER in paths[1].read_text(encoding="utf-8")  # not written over
    ran = program("cohort", str(tmp_path / "in"), "-o", str(tmp_path))
    assert ran.returncode == 2
    assert "is a directory" in ran.stderr


def test_a_folder_without_assessments_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    ran = program("cohort", str(tmp_path / "empty"), "-o", str(tmp_path / "c.json"))
    assert ran.returncode == 1
    assert (
        ran.stderr
        == f"{tmp_path / 'empty'}: no assessment files (.yaml, .yml, .json, .csv, .xlsx)\n"
    )


# -- the same in this process (quicker, and seen by coverage) ------------------------------


def test_in_process_a_cohort_is_written(tmp_path: Path) -> None:
    paths = teams(tmp_path / "in", 5, seed=6)
    output = tmp_path / "cohort.json"
    ran = run("cohort", str(tmp_path / "in"), "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == f"wrote {output} (a cohort of 5 assessments)\n"
    assert output.read_text(encoding="utf-8") == expected(paths)


def test_in_process_a_failed_file_writes_nothing(tmp_path: Path) -> None:
    paths = teams(tmp_path / "in", 2, seed=7)
    bad = tmp_path / "bad.yaml"
    bad.write_text("rubric: public-service-spinout\nanswers: {named_leader: 9}\n")
    output = tmp_path / "cohort.json"
    ran = run("cohort", *map(str, paths), str(bad), "-o", str(output))
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        f"{bad}:2: answers.named_leader: level 9 is outside the scale 0..4",
        f"{output} not written: 1 of 3 assessment files failed ({bad})",
    ]
    assert not output.exists()


def test_in_process_n_a_refused_by_the_rubric_fails_the_file(tmp_path: Path) -> None:
    rubric = tmp_path / "strict.yaml"
    rubric.write_text(MINIMAL.read_text(encoding="utf-8") + "allow_na: false\n")
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("answers: {named_leader: n/a}\n")
    two.write_text("answers: {named_leader: 3}\n")
    output = tmp_path / "cohort.json"
    ran = run("cohort", str(one), "--rubric", str(rubric), "-o", str(output))
    assert ran.returncode == 1
    assert ran.stderr.splitlines()[-1] == (
        f"{output} not written: 1 of 1 assessment file failed ({one})"
    )
    ran = run("cohort", str(two), "--rubric", str(rubric), "-o", str(output))
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.splitlines() == [
        f"wrote {output} (a cohort of 1 assessment)",
        "warning: a cohort of 1 gives no benchmark figures: at least 5 peers with a score "
        "are needed",
    ]


def test_in_process_a_cohort_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    paths = teams(tmp_path / "in", 1, seed=8)
    output = tmp_path / "missing-folder" / "cohort.json"
    ran = run("cohort", str(paths[0]), "-o", str(output))
    assert ran.returncode == 1
    assert ran.stderr.splitlines() == [
        f"{output}: cannot write: No such file or directory",
        f"{output} not written",
    ]


def test_in_process_the_same_team_twice_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.yaml").write_text(
            "rubric: public-service-spinout\norganisation: Riverside\nanswers: {}\n"
        )
    ran = run("cohort", str(folder), "-o", str(tmp_path / "cohort.json"))
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.splitlines()[0] == (
        f"warning: 2 assessments are of 'Riverside' ({folder / 'a.yaml'}, {folder / 'b.yaml'}); "
        "each counts as a peer: give one per organisation (its latest) to count each team once"
    )
