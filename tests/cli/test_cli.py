"""The command line: what it prints, on which stream, and its exit status.

The tests here run it in this process (``tests/cli/runner.py``); ``test_smoke.py`` runs
the real program.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rubrics"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def test_rubrics_lists_the_bundled_rubric() -> None:
    result = run("rubrics")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "public-service-spinout\t1.0.0\tPublic service spin-out readiness\n"
    assert result.stderr == ""


def test_validate_a_good_file() -> None:
    result = run("validate", str(MINIMAL))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{MINIMAL}: ok (minimal 0.1: 2 characteristics, 3 milestones)\n"


def test_validate_the_bundled_rubric_by_id() -> None:
    result = run("validate", "public-service-spinout")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("public-service-spinout: ok (public-service-spinout 1.0.0: ")


def test_validate_reports_every_error_located_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("weight: 2}", "weight: -3}").replace(
        "requires: [named_leader]", "requires: [named_leadr]"
    )
    bad.write_text(text, encoding="utf-8")
    result = run("validate", str(MINIMAL), str(bad))
    assert result.returncode == 1
    assert result.stdout == f"{MINIMAL}: ok (minimal 0.1: 2 characteristics, 3 milestones)\n"
    assert result.stderr.splitlines() == [
        f"{bad}:9: characteristics[0] (leadership).weight: must be > 0 (got -3)",
        f"{bad}:22: milestones[1] (vision_written).requires[0]: unknown milestone "
        "'named_leadr' (did you mean 'named_leader'?)",
    ]
    assert "Traceback" not in result.stderr


def test_validate_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = run("validate", str(missing))
    assert result.returncode == 1
    assert result.stderr == f"{missing}: cannot read: No such file or directory\n"


def test_validate_an_unreadable_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"rubric: x\ntitle: caf\xe9\n")
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert result.stderr == (
        f"{bad}:2: not valid UTF-8 (byte 0xe9 in column 11); save the file as UTF-8\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),
        ("graph", "--format", "png"),
        ("no-such-command",),
        ("rubrics", "--bogus"),
    ],
)
def test_wrong_usage_exits_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("fmt", "first"), [("dot", 'digraph "minimal" {'), ("mermaid", "flowchart LR")]
)
def test_graph_formats(fmt: str, first: str) -> None:
    result = run("graph", "--rubric", str(MINIMAL), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == first


def test_graph_defaults_to_dot_of_the_bundled_rubric() -> None:
    result = run("graph")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('digraph "public-service-spinout" {\n')


def test_graph_of_a_bad_rubric_exits_1() -> None:
    result = run("graph", "--rubric", "no-such-rubric")
    assert result.returncode == 1
    assert result.stderr.startswith("no-such-rubric: no bundled rubric 'no-such-rubric'")


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("transition, version ")
    help_text = run("--help").stdout
    for command in ("rubrics", "validate", "graph"):
        assert command in help_text


EXAMPLES = Path(__file__).parent.parent.parent / "examples"


def test_report_to_stdout_as_text() -> None:
    result = run("report", str(EXAMPLES / "exploring.yaml"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Readiness report: Riverside Community Care\n")
    assert max(len(line) for line in result.stdout.splitlines()) <= 100


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("report.html", "<!DOCTYPE html>"),
        ("report.md", "# Readiness report: Riverside Community Care"),
        ("report.txt", "Readiness report: Riverside Community Care"),
        ("report.json", "{"),
    ],
)
def test_report_format_from_the_output_suffix(tmp_path: Path, name: str, first: str) -> None:
    output = tmp_path / name
    result = run("report", str(EXAMPLES / "exploring.yaml"), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert output.read_text(encoding="utf-8").splitlines()[0] == first
    assert list(tmp_path.iterdir()) == [output]  # no temporary file left behind


def test_report_format_option_wins(tmp_path: Path) -> None:
    output = tmp_path / "report.txt"
    result = run("report", str(EXAMPLES / "exploring.yaml"), "--format", "json", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").startswith("{")


def test_report_with_an_unknown_suffix_is_wrong_usage(tmp_path: Path) -> None:
    result = run("report", str(EXAMPLES / "exploring.yaml"), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2
    assert "cannot tell the format from" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_a_failing_report_never_clobbers_an_existing_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("rubric: public-service-spinout\nanswers:\n  named_leader: 9\n")
    output = tmp_path / "report.html"
    output.write_text("previous report")
    result = run("report", str(bad), "-o", str(output))
    assert result.returncode == 1
    assert result.stderr == f"{bad}:3: answers.named_leader: level 9 is outside the scale 0..4\n"
    assert output.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "report.html"]


def test_report_names_its_rubric_or_takes_one(tmp_path: Path) -> None:
    nameless = tmp_path / "a.yaml"
    nameless.write_text("answers: {}\n")
    result = run("report", str(nameless))
    assert result.returncode == 1
    assert result.stderr == (
        f"{nameless}: the assessment names no rubric (a 'rubric' key); give one with --rubric\n"
    )
    custom = tmp_path / "b.yaml"
    custom.write_text("rubric: minimal\norganisation: Tiny\nanswers: {named_leader: 3}\n")
    result = run("report", str(custom), "--rubric", str(MINIMAL), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Readiness report: Tiny\n")


def test_report_warns_about_a_different_rubric_version(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text('rubric: public-service-spinout\nrubric_version: "0.9"\nanswers: {}\n')
    result = run("report", str(old), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"warning: {old}: the assessment was made with version 0.9 of rubric "
        "'public-service-spinout'; it is scored with version 1.0.0\n"
    )


def test_report_with_user_templates_and_a_clock(tmp_path: Path) -> None:
    (tmp_path / "report.txt.j2").write_text("{{ organisation }} at {{ generated_at }}\n")
    result = run(
        "report",
        str(EXAMPLES / "exploring.yaml"),
        "--templates",
        str(tmp_path),
        "--generated-at",
        "2026-11-25",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Riverside Community Care at 2026-11-25\n"


def test_report_of_a_missing_file(tmp_path: Path) -> None:
    result = run("report", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'missing.yaml'}: cannot read: No such file or directory\n"


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    name = tmp_path / "team\x1b]0;pwned\x07\x9b.yaml"
    name.write_text(
        'rubric: public-service-spinout\nrubric_version: "0.9"\nanswers:\n'
        '  "\\e[31mnamed_leader\\e[0m": 3\n',
        encoding="utf-8",
    )
    shown = str(tmp_path / "team\\x1b]0;pwned\\x07\\x9b.yaml")
    result = run("report", str(name))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{shown}:4: answers.\\x1b[31mnamed_leader\\x1b[0m: unknown milestone "
        "'\\x1b[31mnamed_leader\\x1b[0m' (did you mean 'named_leader'?)",
    ]
    name.write_text("rubric: public-service-spinout\nrubric_version: '0.9'\nanswers: {}\n")
    out = tmp_path / "out\x1b[2J.txt"
    result = run("report", str(name), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr
    assert "\x07" not in result.stderr
    assert "\x9b" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"wrote {tmp_path / 'out'}\\x1b[2J.txt (text)"
    assert result.stderr.splitlines()[0].startswith(f"warning: {shown}")
