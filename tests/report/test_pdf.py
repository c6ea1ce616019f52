"""The PDF report for real: WeasyPrint lays it out, poppler reads it back.

``pdfinfo`` gives the page size and count, ``pdftotext -layout`` the text a reader sees
page by page. WeasyPrint (the ``pdf`` extra) and poppler-utils are required: ``.ci/run``
installs both; these tests fail rather than skip without them.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import transition
from tests.cli.runner import run
from transition.report import MissingExtraError
from transition.report.pdf import INSTALL_HINT, html_to_pdf
from transition.report.view import build_context

from . import hostile
from .hostile import GENERATED_AT, PAYLOADS

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
RUBRIC = transition.load_rubric()
#: The page budget of the bundled rubric's report (issue 12).
MOST_PAGES = 12
A4 = re.compile(r"size:\s+595\.2\d* x 841\.8\d* pts \(A4\)")


def poppler(tool: str) -> str:
    """A poppler-utils program; fails (never skips) when it is not installed."""
    found = shutil.which(tool)
    if found is None:
        pytest.fail(
            f"{tool} (poppler-utils) is not installed, so the PDF cannot be read back. "
            ".ci/run installs it (Debian: apt-get install poppler-utils).",
            pytrace=False,
        )
    return found


def result_for(path: Path) -> transition.Readiness:
    return transition.score(RUBRIC, transition.load_assessment(path, RUBRIC))


@functools.cache
def pdf_of(stem: str) -> bytes:
    """The PDF of one bundled example (made once per test run)."""
    return transition.render(result_for(ROOT / "examples" / f"{stem}.yaml"), "pdf")


def written(pdf: bytes, folder: Path, name: str = "report.pdf") -> Path:
    path = folder / name
    path.write_bytes(pdf)
    return path


def pdfinfo(path: Path, *options: str) -> str:
    return subprocess.run(
        [poppler("pdfinfo"), *options, str(path)], capture_output=True, text=True, check=True
    ).stdout


def page_count(path: Path) -> int:
    found = re.search(r"^Pages:\s+(\d+)$", pdfinfo(path), re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [] if first is None else ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(
        [poppler("pdftotext"), "-layout", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def squash(text: str) -> str:
    """Runs of whitespace as one space: what a wrapped line reads as (a line broken
    after a hyphen, "Go-" then "live", reads as "Go-live")."""
    return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(text.split()))


# -- the bundled examples -----------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a4_pages_and_at_most_twelve(example: Path, tmp_path: Path) -> None:
    path = written(pdf_of(example.stem), tmp_path)
    pages = page_count(path)
    assert 2 <= pages <= MOST_PAGES, pages
    sizes = pdfinfo(path, "-f", "1", "-l", str(pages))
    assert len(A4.findall(sizes)) == pages, sizes


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_first_page_is_the_board_summary(example: Path, tmp_path: Path) -> None:
    context = build_context(result_for(example))
    first = squash(pdftotext(written(pdf_of(example.stem), tmp_path), 1))
    assert context["score_pct"] in first
    assert context["band"]["label"] in first
    # The weeks to ready: a card's figure, its label under it ("weeks of work ...").
    assert re.search(rf"(?<![\d.]){context['weeks_to_ready']:g}(?![\d.%])", first), first
    assert "weeks of work" in first
    if context["next_band"] is not None:
        assert context["next_band"]["label"] in first
        for gate in context["next_band"]["critical_gates"][:5]:
            assert squash(gate["title"]) in first, gate["id"]
    else:
        assert "top band" in first
    for step in context["next_steps"][:5]:
        assert squash(step["title"]) in first, step["id"]
    # The rest of the report follows on the next pages.
    assert "Score by characteristic" not in first


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_page_has_the_running_header_and_its_number(example: Path, tmp_path: Path) -> None:
    result = result_for(example)
    assert result.assessed_on is not None
    path = written(pdf_of(example.stem), tmp_path)
    pages = page_count(path)
    for number in range(1, pages + 1):
        lines = [line for line in pdftotext(path, number).splitlines() if line.strip()]
        header, footer = squash(lines[0]), squash(lines[-1])
        assert header.startswith(result.organisation), (number, header)
        assert header.endswith(f"Assessed on {result.assessed_on.isoformat()}"), (number, header)
        assert footer.endswith(f"page {number} of {pages}"), (number, footer)


def test_the_plan_and_the_graph_are_scaled_to_the_page(tmp_path: Path) -> None:
    """Every picture fits the text width of the page: poppler finds the Gantt's words
    (it is vector text) and nothing is drawn past the right margin."""
    path = written(pdf_of("exploring"), tmp_path)
    text = pdftotext(path)
    assert "week 0" in text  # the Gantt's axis
    assert "Milestone graph" in text
    bbox = subprocess.run(
        [poppler("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    assert right <= 595.28 - 13 / 25.4 * 72 + 1, right  # within the 13 mm right margin


def test_the_same_input_gives_the_same_bytes() -> None:
    result = result_for(EXAMPLES[0])
    once = transition.render(result, "pdf", generated_at="2026-11-02")
    assert once == transition.render(result, "pdf", generated_at="2026-11-02")
    assert once.startswith(b"%PDF-")
    assert pdf_of(EXAMPLES[0].stem) != once  # the time given is in the file


def test_the_same_bytes_in_another_process() -> None:
    code = (
        "import sys, transition\n"
        "r = transition.load_rubric()\n"
        "res = transition.score(r, transition.load_assessment(sys.argv[1], r))\n"
        "sys.stdout.buffer.write(transition.render(res, 'pdf'))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, str(EXAMPLES[2])],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1")
    }
    assert outputs == {pdf_of(EXAMPLES[2].stem)}


def test_generated_at_is_the_creation_date_and_there_is_no_clock(tmp_path: Path) -> None:
    result = result_for(EXAMPLES[2])
    plain = pdfinfo(written(pdf_of(EXAMPLES[2].stem), tmp_path))
    assert "CreationDate" not in plain
    assert "ModDate" not in plain
    stamped = transition.render(result, "pdf", generated_at=datetime_text())
    info = pdfinfo(written(stamped, tmp_path, "stamped.pdf"), "-isodates")
    assert re.search(r"^CreationDate:\s+2026-11-25T09:30:00", info, re.MULTILINE), info
    assert "Generated 2026-11-25T09:30:00" in squash(pdftotext(tmp_path / "stamped.pdf"))


def datetime_text() -> str:
    return "2026-11-25T09:30:00+00:00"


def test_nothing_is_fetched(tmp_path: Path) -> None:
    """Only data: URLs are read: a file's image and a web address's are refused."""
    from PIL import Image

    picture = tmp_path / "x.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    data = (
        "data:image/png;base64,"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
    )
    page = (
        f'<p>x</p><img src="{picture.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
        f'<link rel="stylesheet" href="{picture.as_uri()}"><img src="{data}">'
    )
    path = written(html_to_pdf(page), tmp_path)
    listing = subprocess.run(
        [poppler("pdfimages"), "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    images = [line for line in listing.splitlines()[2:] if line.split()[2:3] == ["image"]]
    assert len(images) == 1, listing  # the data: image alone
    assert images[0].split()[3:5] == ["1", "1"], listing  # 1 x 1 pixels: not the file's 4 x 4


# -- hostile text ---------------------------------------------------------------------------


@functools.cache
def hostile_text(folder: str) -> str:
    pdf = transition.render(hostile.build().result, "pdf", generated_at=GENERATED_AT)
    return pdftotext(written(pdf, Path(folder), "hostile.pdf"))


def test_hostile_text_prints_as_plain_text(tmp_path: Path) -> None:
    case = hostile.build()
    shown = squash(hostile_text(str(tmp_path)))
    assert squash(case.result.organisation[:60]) in shown
    for payload in PAYLOADS:
        if len(payload) > 60 or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in payload):
            continue  # wrapped, or control characters that never print
        if any(0x202A <= ord(c) <= 0x2069 or c in "\u200e\u200f\u061c" for c in payload):
            continue  # bidirectional controls are dropped
        if any(ord(c) > 0xFFFF or c == "\u200d" for c in payload):
            continue  # emoji: a glyph the system's fonts may not have
        assert squash(payload) in shown, payload
    # Nothing was evaluated: the Jinja expression stays text, markup never became markup.
    assert shown.count("{{ 7*7 }}") >= 1
    assert not re.search(r"(?<![\w.])49(?![\w.%])", shown)
    assert "<script>alert(1)</script>" in shown


def test_hostile_organisation_in_the_running_header(tmp_path: Path) -> None:
    """The header is a CSS string made from the organisation: quotes, backslashes and
    ``</style>`` in it print as typed and end nothing."""
    organisation = 'Riverside "Care" \\ </style><b>x</b> {}; } @page { size: A3 }'
    document = {
        "rubric": RUBRIC.id,
        "organisation": organisation,
        "assessed_on": "2026-05-01",
        "answers": {},
    }
    result = transition.score(RUBRIC, transition.load_assessment(document, RUBRIC))
    path = written(transition.render(result, "pdf"), tmp_path)
    header = squash(pdftotext(path, 2).splitlines()[0])
    assert header.startswith(organisation), header
    assert len(A4.findall(pdfinfo(path, "-f", "1", "-l", "2"))) == 2


# -- without WeasyPrint -----------------------------------------------------------------


def test_without_weasyprint_a_clear_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint: ImportError
    with pytest.raises(MissingExtraError) as raised:
        transition.render(result_for(EXAMPLES[0]), "pdf")
    assert INSTALL_HINT in str(raised.value)
    assert str(raised.value).startswith("PDF reports need WeasyPrint")
    assert isinstance(raised.value, ImportError)
    with pytest.raises(MissingExtraError):
        html_to_pdf("<p>x</p>")


def test_without_weasyprint_the_command_line_says_what_to_install(tmp_path: Path) -> None:
    """A process where ``import weasyprint`` fails, as it does when it is not installed."""
    hide = tmp_path / "hide"
    (hide / "weasyprint").mkdir(parents=True)
    (hide / "weasyprint" / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'weasyprint'\", name='weasyprint')\n"
    )
    output = tmp_path / "report.pdf"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hide), str(ROOT)])}
    for args in (["-o", str(output)], ["--format", "pdf"]):
        completed = subprocess.run(
            [sys.executable, "-m", "transition", "report", str(EXAMPLES[0]), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
        )
        assert completed.returncode == 1, completed.stderr
        assert completed.stdout == ""
        assert completed.stderr == (
            "cannot write a pdf report: PDF reports need WeasyPrint, which is not "
            "installed: pip install 'transition-readiness[pdf]'\n"
        )
        assert not output.exists()


# -- the command line ---------------------------------------------------------------------


def test_report_to_a_pdf_file(tmp_path: Path) -> None:
    output = tmp_path / "report.pdf"
    result = run("report", str(EXAMPLES[0]), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"wrote {output} (pdf)\n"
    assert output.read_bytes() == pdf_of(EXAMPLES[0].stem)
    assert list(tmp_path.iterdir()) == [output]


def test_report_format_pdf_to_standard_output(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "transition", "report", str(EXAMPLES[2]), "--format", "pdf"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == pdf_of(EXAMPLES[2].stem)
    assert completed.stderr == b""


def test_report_format_pdf_with_an_output_file_and_a_time(tmp_path: Path) -> None:
    output = tmp_path / "board.out"
    result = run(
        "report", str(EXAMPLES[2]), "--format", "pdf", "-o", str(output), "--generated-at", "x"
    )
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"%PDF-")
    assert "Generated x" in squash(pdftotext(output))
