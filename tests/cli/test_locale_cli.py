"""--locale on the command line (SPEC 12), run as a real process: report, compare,
plan, gap and template in Welsh, validate --locale, and the locales a usage error names."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

import transition
from tests.cli.test_cli import EXAMPLES
from tests.cli.test_smoke import program

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "translations"


def _tiny_assessment(folder: Path, day: str = "2026-03-02", level: int = 2) -> Path:
    path = folder / f"afon-{day}.yaml"
    data = {"rubric": "tiny", "organisation": "Afon", "assessed_on": day}
    path.write_text(yaml.safe_dump({**data, "answers": {"leader": level}}), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The tiny rubric and its Welsh translation, copied beside each other."""
    for name in ("tiny.yaml", "tiny.cy.yaml"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path / "tiny.yaml"


def test_report_in_welsh_with_the_rubric_translated(tiny: Path) -> None:
    assessment = _tiny_assessment(tiny.parent)
    ran = program("report", str(assessment), "--rubric", str(tiny), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    assert "Parodrwydd bach" in ran.stdout
    assert "Dyddiau cynnar" in ran.stdout
    assert ran.stderr == ""
    english = program("report", str(assessment), "--rubric", str(tiny))
    assert "Tiny readiness" in english.stdout
    assert (
        english.stdout
        == program("report", str(assessment), "--rubric", str(tiny), "--locale", "en-GB").stdout
    )


def test_plan_and_gap_in_welsh(tiny: Path) -> None:
    assessment = _tiny_assessment(tiny.parent)
    ran = program("plan", str(assessment), "--rubric", str(tiny), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Cynllun drafft: Afon\n")
    assert "2 Mawrth 2026" in ran.stdout
    assert "Mae arweinydd wedi'i enwi" in ran.stdout
    target = tiny.parent / "target.yaml"
    target.write_text("target: ready\nrubric: tiny\nband: ready\n", encoding="utf-8")
    gap = program(
        "gap", str(assessment), "--rubric", str(tiny), "--target", str(target), "--locale", "cy"
    )
    assert gap.returncode == 0, gap.stderr
    assert gap.stdout.startswith("Y bwlch i'r targed: Afon\n")
    assert "Parod" in gap.stdout


def test_compare_in_welsh(tiny: Path) -> None:
    first = _tiny_assessment(tiny.parent, "2026-03-02", 1)
    second = _tiny_assessment(tiny.parent, "2026-06-01", 3)
    ran = program(
        "compare",
        str(first),
        str(second),
        "--rubric",
        str(tiny),
        "--locale",
        "cy",
        "--format",
        "markdown",
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("# Adroddiad cynnydd: Afon\n")
    assert "O 2 Mawrth 2026 i 1 Mehefin 2026" in ran.stdout
    assert "Arweinyddiaeth" in ran.stdout


def test_a_rubric_without_a_translation_is_said_once(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "tiny.yaml", tmp_path / "tiny.yaml")
    rubric = tmp_path / "tiny.yaml"
    files = [_tiny_assessment(tmp_path, day) for day in ("2026-03-02", "2026-06-01")]
    out = tmp_path / "reports"
    ran = program(
        "report", *map(str, files), "--rubric", str(rubric), "--locale", "cy", "-o", str(out)
    )
    assert ran.returncode == 0, ran.stderr
    notes = [line for line in ran.stderr.splitlines() if "translation" in line]
    assert notes == [
        f"note: rubric tiny has no cy translation (expected {tmp_path / 'tiny.cy.yaml'}); "
        "its text is shown as written"
    ]
    assert "Tiny readiness" in (out / f"{files[0].stem}.html").read_text(encoding="utf-8")
    assert 'lang="cy"' in (out / f"{files[0].stem}.html").read_text(encoding="utf-8")


def test_unknown_locale_is_wrong_usage() -> None:
    for command in (
        ["report", str(EXAMPLES / "exploring.yaml")],
        ["plan", str(EXAMPLES / "exploring.yaml")],
        ["compare", str(EXAMPLES / "exploring.yaml"), str(EXAMPLES / "exploring.yaml")],
        ["template"],
        ["validate", "public-service-spinout"],
    ):
        ran = program(*command, "--locale", "fr")
        assert ran.returncode == 2, command
        assert "'fr' is not one of 'cy', 'en-GB'" in ran.stderr
        assert "Traceback" not in ran.stderr


def test_template_in_welsh(tiny: Path) -> None:
    ran = program("template", "--rubric", str(tiny), "--locale", "cy")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith('# Asesiad gwag ar gyfer "Parodrwydd bach" (tiny 1.0).\n')
    assert "# Mae arweinydd wedi'i enwi (critigol)" in ran.stdout
    assert "  leader: null" in ran.stdout
    blank = yaml.safe_load(ran.stdout)
    assert blank["rubric"] == "tiny"
    book = tiny.parent / "blank.xlsx"
    ran = program("template", "--rubric", str(tiny), "--locale", "cy", "-o", str(book))
    assert ran.returncode == 0, ran.stderr
    workbook = openpyxl.load_workbook(io.BytesIO(book.read_bytes()))
    instructions = [row[0] for row in workbook["Instructions"].iter_rows(values_only=True)]
    assert "Sut i lenwi'r llyfr gwaith hwn" in instructions
    sheet = workbook["Assessment"]
    assert [cell.value for cell in sheet[1]][:4] == ["id", "characteristic", "milestone", "level"]
    assert sheet["C3"].value == "Mae arweinydd wedi'i enwi"
    # filled in with what the drop-down offers, it reads back as in English
    sheet["D3"] = "3 Established"
    filled = tiny.parent / "filled.xlsx"
    workbook.save(filled)
    rubric = transition.load_rubric(tiny)
    assert transition.load_assessment(filled, rubric).answers["leader"].level == 3


def test_validate_lists_what_is_untranslated(tiny: Path, tmp_path: Path) -> None:
    ran = program("validate", "--locale", "cy", str(tiny))
    assert ran.returncode == 0, ran.stderr
    translation = tiny.parent / "tiny.cy.yaml"
    assert ran.stdout.splitlines() == [
        f"{tiny}: ok (tiny 1.0: 2 characteristics, 2 milestones)",
        f"{translation}: untranslated: scale.1.label",
        f"{translation}: untranslated: scale.2.label",
        f"{translation}: untranslated: scale.4.label",
        "3 of 21 texts untranslated",
    ]
    lonely = tmp_path / "alone" / "tiny.yaml"
    lonely.parent.mkdir()
    shutil.copy(FIXTURES / "tiny.yaml", lonely)
    ran = program("validate", "--locale", "cy", str(lonely))
    assert ran.returncode == 1
    assert ran.stderr.strip() == (
        f"{lonely}: no cy translation: expected {lonely.parent / 'tiny.cy.yaml'}"
    )
    shutil.copy(FIXTURES / "bad" / "unknown-id.cy.yaml", lonely.parent / "tiny.cy.yaml")
    ran = program("validate", "--locale", "cy", str(lonely))
    assert ran.returncode == 1
    assert "the rubric has no milestone 'budgett' (did you mean 'budget'?)" in ran.stderr
    assert f"{lonely.parent / 'tiny.cy.yaml'}:6:" in ran.stderr
    assert "Traceback" not in ran.stderr
