"""transition report over many files: reports, the portfolio summary, failures."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.cli.runner import run
from tests.cli.test_cli import EXAMPLES, MINIMAL


def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.yaml")):
        shutil.copy(example, folder / example.name)
    return folder


def test_a_folder_gives_one_report_each_and_a_portfolio(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("report", str(batch(tmp_path)), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "business-case.html",
        "exploring.html",
        "near-go-live.html",
        "portfolio.csv",
        "portfolio.html",
        "workshop.html",
    ]
    assert result.stderr == f"wrote 4 reports and the portfolio summary to {out} (html)\n"
    rows = list(csv.DictReader(io.StringIO((out / "portfolio.csv").read_text(encoding="utf-8"))))
    assert [(r["organisation"], r["score_percent"], r["band"]) for r in rows] == [
        ("Northgate Libraries", "44.7", "Emerging"),
        ("Riverside Community Care", "16.0", "Not ready"),
        ("Harbour Youth Services", "77.4", "Developing"),
        ("Northgate Libraries", "34.6", "Emerging"),
    ]
    assert rows[2]["open_critical_gates"] == "tupe_consultation; capital_secured; go_live_ready"
    assert rows[0]["weakest_characteristic"] == "Institutionalising systems and structures"
    summary = (out / "portfolio.html").read_text(encoding="utf-8")
    assert '<a href="./near-go-live.html">near-go-live.html</a>' in summary


def test_one_bad_file_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    (folder / "bad.yaml").write_text("rubric: public-service-spinout\nanswers: {named_leader: 9}\n")
    out = tmp_path / "out"
    result = run("report", str(folder), "-o", str(out), "--format", "markdown")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"wrote 4 reports and the portfolio summary to {out} (markdown); 1 failed",
        f"{folder / 'bad.yaml'}:2: answers.named_leader: level 9 is outside the scale 0..4",
    ]
    assert not (out / "bad.md").exists()
    assert (
        (out / "portfolio.md")
        .read_text(encoding="utf-8")
        .startswith("# Portfolio: 4 assessments\n")
    )
    rows = list(csv.reader(io.StringIO((out / "portfolio.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 6  # the header, four assessments and the failed file
    bad = str(folder / "bad.yaml")
    assert (rows[-1][0], rows[-1][-1]) == (
        bad,
        f"{bad}:2: answers.named_leader: level 9 is outside the scale 0..4",
    )
    markdown = (out / "portfolio.md").read_text(encoding="utf-8")
    assert "## Not scored: 1 file\n" in markdown


def test_files_with_the_same_stem_keep_apart(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "exploring.yaml", tmp_path / "team.yaml")
    shutil.copy(EXAMPLES / "workshop.yaml", tmp_path / "team.yml")
    shutil.copy(EXAMPLES / "near-go-live.yaml", tmp_path / "portfolio.yaml")
    shutil.copy(EXAMPLES / "business-case.yaml", tmp_path / "lone.yaml")
    shutil.copy(EXAMPLES / "exploring.yaml", tmp_path / "a.yaml")
    (tmp_path / "a.json").write_text(json.dumps(_as_json("workshop.yaml")), encoding="utf-8")
    (tmp_path / "a.yaml.json").write_text(
        json.dumps(_as_json("business-case.yaml")), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run("report", str(tmp_path), "-o", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "a.json.json",
        "a.yaml.json",
        "a.yaml.json.json",
        "lone.json",
        "portfolio.csv",
        "portfolio.json",
        "portfolio.yaml.json",
        "team.yaml.json",
        "team.yml.json",
    ]
    organisations = {
        p.name: json.loads(p.read_text(encoding="utf-8"))["organisation"]
        for p in out.glob("*.json")
        if p.name != "portfolio.json"
    }
    assert organisations == {
        "a.json.json": "Northgate Libraries",
        "a.yaml.json": "Riverside Community Care",
        "a.yaml.json.json": "Northgate Libraries",
        "lone.json": "Northgate Libraries",
        "portfolio.yaml.json": "Harbour Youth Services",
        "team.yaml.json": "Riverside Community Care",
        "team.yml.json": "Northgate Libraries",
    }


@pytest.mark.parametrize(
    ("names", "clash"),
    [
        (("a/team.yaml", "b/team.yaml"), "team.yaml.html"),
        (("Team.yaml", "team.yaml"), "team.yaml.html"),
        (("portfolio", "other.yaml"), "portfolio.html"),
    ],
)
def test_reports_that_would_share_a_name_are_refused_before_writing(
    tmp_path: Path, names: tuple[str, ...], clash: str
) -> None:
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(
            (EXAMPLES / "exploring.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    out = tmp_path / "out"
    result = run("report", *(str(tmp_path / n) for n in names), "-o", str(out))
    assert result.returncode == 2
    assert f"would both be reported in {clash}; rename one of them" in result.stderr
    assert not out.exists()


def test_several_files_need_an_output_folder(tmp_path: Path) -> None:
    result = run("report", str(EXAMPLES / "exploring.yaml"), str(EXAMPLES / "workshop.yaml"))
    assert result.returncode == 2
    assert "need -o FOLDER" in result.stderr
    afile = tmp_path / "x.html"
    afile.write_text("")
    result = run("report", str(EXAMPLES), "-o", str(afile))
    assert result.returncode == 2
    assert "is a file" in result.stderr


def test_reports_never_go_into_the_folder_they_are_read_from(tmp_path: Path) -> None:
    folder = batch(tmp_path)
    result = run("report", str(folder), "-o", str(folder))
    assert result.returncode == 2
    assert "another folder" in result.stderr
    assert len(list(folder.iterdir())) == 4


def test_an_input_file_is_never_overwritten(tmp_path: Path) -> None:
    assessment = tmp_path / "team.json"
    shutil.copy(EXAMPLES / "exploring.yaml", tmp_path / "team.yaml")
    data = yaml.safe_load((tmp_path / "team.yaml").read_text(encoding="utf-8"))
    data["assessed_on"] = str(data["assessed_on"])
    assessment.write_text(json.dumps(data), encoding="utf-8")
    before = assessment.read_bytes()
    result = run("report", str(assessment), "--format", "json", "-o", str(assessment))
    assert result.returncode == 2
    assert "is one of the inputs" in result.stderr
    result = run(
        "compare", str(assessment), str(EXAMPLES / "workshop.yaml"), "-o", str(assessment),
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 2
    # In a batch, a report that would land on an input is skipped, not written.
    result = run(
        "report", str(assessment), str(EXAMPLES / "workshop.yaml"), "-o", str(tmp_path),
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 1
    assert f"{assessment}: its report would replace an input ({assessment}); skipped" in (
        result.stderr
    )
    assert assessment.read_bytes() == before


def test_template_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    filled = tmp_path / "filled.yaml"
    filled.write_text("rubric: public-service-spinout\nanswers: {named_leader: 3}\n")
    result = run("template", "-o", str(filled))
    assert result.returncode == 2
    assert "exists and may hold answers" in result.stderr
    assert "named_leader: 3" in filled.read_text()
    assert run("template", "-o", str(filled), "--force").returncode == 0
    assert "named_leader: 3" not in filled.read_text()


def _as_json(example: str) -> dict[str, object]:
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    data["assessed_on"] = str(data["assessed_on"])
    return dict(data)


def test_a_lone_surrogate_in_one_file_never_sinks_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(_as_json("exploring.yaml")), encoding="utf-8")
    poisoned = json.dumps(_as_json("workshop.yaml"), indent=1).replace(
        '"organisation": "', '"organisation": "\\ud800'
    )
    assert "\\ud800" in poisoned
    (folder / "b.json").write_text(poisoned, encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", str(folder), "-o", str(out))
    assert result.returncode == 1
    line = 1 + poisoned[: poisoned.index("\\ud800")].count("\n")
    assert result.stderr.splitlines() == [
        f"wrote 1 report and the portfolio summary to {out} (html); 1 failed",
        f"{folder / 'b.json'}:{line}: invalid JSON: \\ud800 is half of a surrogate pair, "
        "not a character; remove it or write the whole character",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "portfolio.csv", "portfolio.html"]


def test_a_report_that_cannot_be_encoded_is_one_failed_file(tmp_path: Path) -> None:
    # Whatever text reaches the writer unencodable (here from a template: Jinja reads
    # "\ud800" in a string literal as half a surrogate pair), the batch goes on.
    folder = batch(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.txt.j2").write_text(
        '{{ organisation }}{% if "Riverside" in organisation %}{{ "\\ud800" }}{% endif %}\n'
    )
    out = tmp_path / "out"
    result = run("report", str(folder), "-o", str(out), "--format", "text",
                 "--templates", str(templates))  # fmt: skip
    assert result.returncode == 1
    failure = result.stderr.splitlines()[1]
    assert failure.startswith(
        f"{folder / 'exploring.yaml'}: cannot write its report: text that cannot be "
        "written as UTF-8 ("
    )
    assert failure.endswith("surrogates not allowed)")
    assert sorted(p.name for p in out.iterdir()) == [
        "business-case.txt", "near-go-live.txt", "portfolio.csv", "portfolio.txt", "workshop.txt",
    ]  # fmt: skip


def test_no_command_writes_over_its_rubric_or_templates_even_with_force(tmp_path: Path) -> None:
    rubric = tmp_path / "R.yaml"
    shutil.copy(MINIMAL, rubric)
    before = rubric.read_bytes()
    result = run("template", "--rubric", str(rubric), "-o", str(rubric), "--force")
    assert result.returncode == 2
    assert "is one of the inputs" in result.stderr
    assessment = tmp_path / "team.yaml"
    assessment.write_text("rubric: minimal\nanswers: {}\n")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.txt.j2").write_text("{{ organisation }}\n")
    for output in (rubric, templates / "report.txt.j2"):
        result = run(
            "report", str(assessment), "--rubric", str(rubric), "--templates", str(templates),
            "--format", "text", "-o", str(output),
        )  # fmt: skip
        assert result.returncode == 2, result.stderr
        assert "is one of the inputs" in result.stderr
    assert rubric.read_bytes() == before
    assert (templates / "report.txt.j2").read_text() == "{{ organisation }}\n"


def test_a_batch_never_writes_its_portfolio_over_an_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    table = out / "portfolio.csv"
    assert run("template", "-o", str(table)).returncode == 0
    before = table.read_bytes()
    result = run("report", str(EXAMPLES / "exploring.yaml"), str(table), "-o", str(out))
    assert result.returncode == 1
    assert f"{out}: the portfolio would replace an input ({table}); skipped" in result.stderr
    assert table.read_bytes() == before


def test_a_killed_run_leaves_no_temporary_file_after_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale = out / f".exploring.html.transition-{int(gone.stdout)}-deadbeef.tmp"
    stale.write_text("<!DOCTYPE html><html><body>half a rep")
    someone_elses = out / ".notes.tmp"
    someone_elses.write_text("keep")
    long_ago = time.time() - 3600
    for path in (stale, someone_elses):
        os.utime(path, (long_ago, long_ago))
    result = run("report", str(batch(tmp_path)), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert someone_elses.read_text() == "keep"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".notes.tmp"]
