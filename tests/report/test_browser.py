"""The HTML report in a real browser: headless Chromium loads it and dumps the DOM.

If a payload ever became script, an event handler or an image, the browser would run or
load it within the virtual time budget, and the dumped DOM would show the damage
(``data-pwned`` on ``<body>``, a changed ``<title>``) or the request would reach a
listening socket. Chromium is required: ``.ci/run`` installs it; these tests fail
rather than skip without it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import struct
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

import transition

from . import hostile
from .hostile import GENERATED_AT, PWN_ATTRIBUTE

pytestmark = pytest.mark.browser

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))
TIMEOUT = 120
#: Element names that would mean user text became markup.
FORBIDDEN = frozenset({"script", "img", "iframe", "object", "embed", "image", "use", "link"})


def chromium() -> str:
    """The Chromium executable; fails (never skips) when there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    pytest.fail(
        "Chromium is not installed, so the HTML report cannot be checked in a real "
        "browser. .ci/run installs it (Debian: apt-get install chromium); install it "
        "and run the tests again.",
        pytrace=False,
    )


def run_chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on a local file with the given extra arguments."""
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=2000",
        *extra,
        page.as_uri(),
    ]
    # A session of its own, so that on a timeout the renderer and GPU processes that
    # Chromium started end with it.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(
            f"Chromium did not finish within {TIMEOUT} s on {page.name}: a script from the "
            "report may have opened an alert() dialog, which blocks a headless browser",
            pytrace=False,
        )
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    assert done.returncode == 0, f"chromium exited {done.returncode}:\n{done.stderr[-2000:]}"
    return done


def dump_dom(html: str, folder: Path) -> str:
    """Write ``html`` to a file in ``folder``, load it in Chromium and return the DOM."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    dom = run_chromium(page, folder / "profile", "--dump-dom").stdout
    assert "<html" in dom, f"Chromium dumped no document:\n{dom[:500]}"
    return dom


class Dom(HTMLParser):
    """The elements of a dumped DOM, with the text of the document's title."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.title: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), tuple(self._open)))
        if tag not in self.VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), tuple(self._open)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open[-3:] == ["html", "head", "title"]:
            self.title.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs, _ in self.elements if name == tag]

    def inside(self, tag: str, parent: str) -> int:
        return sum(1 for name, _, parents in self.elements if name == tag and parent in parents)


def parse(dom: str) -> Dom:
    parsed = Dom()
    parsed.feed(dom)
    parsed.close()
    return parsed


def visible(text: str) -> str:
    """Text as a title shows it: control characters (and the U+FFFD that replaces NUL)
    dropped, whitespace collapsed."""
    kept = "".join(c for c in text if c.isspace() or (c.isprintable() and c != "\ufffd"))
    return " ".join(kept.split())


def assert_nothing_ran_or_loaded(dom: Dom) -> None:
    names = {name for name, _, _ in dom.elements}
    assert not names & FORBIDDEN, f"user text became elements: {names & FORBIDDEN}"
    handlers = [
        (name, key) for name, attrs, _ in dom.elements for key in attrs if key.startswith("on")
    ]
    assert handlers == [], f"event handler attributes: {handlers}"
    pwned = [name for name, attrs, _ in dom.elements if PWN_ATTRIBUTE in attrs]
    assert pwned == [], f"an injected script ran and marked {pwned}"
    for name, attrs, _ in dom.elements:
        for key in ("href", "src", "xlink:href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), f"<{name} {key}={value!r}>"


def assert_report_structure(dom: Dom, organisation: str) -> None:
    assert visible("".join(dom.title)) == visible("Readiness report: " + organisation)
    for landmark in ("header", "main", "footer", "h1"):
        assert len(dom.named(landmark)) == 1, landmark
    assert len(dom.named("h2")) >= 6
    assert dom.named("table")
    assert dom.inside("th", "table") >= len(dom.named("table"))
    svg_titles = {attrs.get("id") for attrs in dom.named("title")} - {None}
    # The radar, the graph and, when the readiness path is not empty, the plan's Gantt.
    assert {"radar-title", "graph-title"} <= svg_titles
    assert svg_titles <= {"radar-title", "graph-title", "plan-gantt-title"}
    assert len(dom.named("svg")) == len(svg_titles)
    assert dom.inside("title", "svg") >= 2


# -- runs shared by several tests: Chromium starts once per page ----------------------


def _example_html(path: Path) -> tuple[str, str]:
    rubric = transition.load_rubric()
    result = transition.score(rubric, transition.load_assessment(path, rubric))
    return transition.render(result, "html", generated_at=GENERATED_AT), result.organisation


@pytest.fixture(scope="module")
def doms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Dumped DOM and organisation of the hostile report and of each example, loaded in
    parallel (each Chromium gets its own profile folder)."""
    chromium()
    result = hostile.build().result
    pages: dict[str, tuple[str, str]] = {
        "hostile": (
            transition.render(result, "html", generated_at=GENERATED_AT),
            result.organisation,
        )
    }
    fragment = transition.render(result, "html", fragment=True)
    pages["fragment"] = (
        f"<!DOCTYPE html><html><head><title>Host page</title></head><body>{fragment}</body></html>",
        "",
    )
    for path in EXAMPLES:
        pages[path.stem] = _example_html(path)
    root = tmp_path_factory.mktemp("browser")
    with ThreadPoolExecutor(max_workers=4) as pool:
        dumped = dict(
            zip(
                pages,
                pool.map(lambda key: dump_dom(pages[key][0], root / key), pages),
                strict=True,
            )
        )
    return {key: (dumped[key], pages[key][1]) for key in pages}


def test_hostile_report_runs_nothing_in_a_browser(doms: dict[str, tuple[str, str]]) -> None:
    dom, organisation = doms["hostile"]
    parsed = parse(dom)
    assert_nothing_ran_or_loaded(parsed)
    assert visible("".join(parsed.title)) != "pwned"
    assert_report_structure(parsed, organisation)
    html_attrs = parsed.named("html")[0]
    body_attrs = parsed.named("body")[0]
    assert PWN_ATTRIBUTE not in html_attrs
    assert body_attrs == {}


def test_hostile_fragment_runs_nothing_in_its_host_page(
    doms: dict[str, tuple[str, str]],
) -> None:
    parsed = parse(doms["fragment"][0])
    assert_nothing_ran_or_loaded(parsed)
    assert "".join(parsed.title) == "Host page"
    assert parsed.named("body")[0] == {}
    assert len(parsed.named("svg")) in (2, 3)  # the Gantt only when there is a plan
    assert len(parsed.named("main")) == 1
    assert len(parsed.named("h1")) == 1


@pytest.mark.parametrize("example", [p.stem for p in EXAMPLES])
def test_example_report_in_a_browser(doms: dict[str, tuple[str, str]], example: str) -> None:
    dom, organisation = doms[example]
    parsed = parse(dom)
    assert_nothing_ran_or_loaded(parsed)
    assert_report_structure(parsed, organisation)


def test_examples_are_found() -> None:
    assert len(EXAMPLES) == 4


def test_screenshot_of_the_hostile_report(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        transition.render(hostile.build().result, "html", generated_at=GENERATED_AT),
        encoding="utf-8",
    )
    picture = tmp_path / "report.png"
    run_chromium(page, tmp_path / "profile", f"--screenshot={picture}", "--window-size=1280,4000")
    assert picture.exists(), "Chromium wrote no screenshot"
    data = picture.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 4000)
    assert len(data) > 10_000, f"screenshot is only {len(data)} bytes"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local TCP socket that records any connection the page makes."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def test_report_makes_no_network_requests(tmp_path: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    payloads = [
        f'<img src="http://127.0.0.1:{port}/img">',
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/css">',
        f"<style>@import url(http://127.0.0.1:{port}/import);</style>",
        f'<iframe src="http://127.0.0.1:{port}/frame"></iframe>',
        f"<svg><image href='http://127.0.0.1:{port}/svg'/></svg>",
        hostile.NETWORK_IMG,
    ]
    rubric = transition.load_rubric()
    ids = list(rubric.milestones)[:3]
    assessment = transition.load_assessment(
        {
            "rubric": rubric.id,
            "organisation": " ".join(payloads),
            "assessor": payloads[1],
            "answers": {
                mid: {
                    "level": 2,
                    "evidence": payloads,
                    "notes": payloads[n],
                    "assessor": payloads[n],
                }
                for n, mid in enumerate(ids)
            },
        },
        rubric,
    )
    html = transition.render(transition.score(rubric, assessment), "html")
    dom = parse(dump_dom(html, tmp_path))
    assert_nothing_ran_or_loaded(dom)
    assert_report_structure(dom, " ".join(payloads))
    try:
        connection, address = listener.accept()
    except BlockingIOError:
        return  # nobody knocked
    connection.close()
    pytest.fail(f"the report made a request to the local listener from {address}")
