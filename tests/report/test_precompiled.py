"""The shipped precompiled templates: current, used, and never used when stale."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

import transition
from transition import report
from transition.portfolio import portfolio
from transition.report import _compiled
from transition.report._compiled import PRECOMPILED, PrecompiledLoader, digest, expected_files

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
TEMPLATES = Path(report.__file__).with_name("templates")
TRAILER = re.compile(
    r"^# precompiled from (\S+) \(sha256 ([0-9a-f]{64})\) by Jinja (\S+);", re.MULTILINE
)


def shipped() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in PRECOMPILED.glob("*.py.txt")}


def test_shipped_files_were_made_from_the_current_templates() -> None:
    """Fails after a template changes until python -m transition.report.precompile is run."""
    files = shipped()
    expected = {name for _, names in _compiled.builtin_environments() for name in names}
    recorded = {}
    for file_name, text in files.items():
        match = TRAILER.search(text)
        assert match is not None, file_name
        name, source_sha256, _ = match.groups()
        assert file_name.startswith(name + ".")
        source = (TEMPLATES / name).read_text(encoding="utf-8")
        assert source_sha256 == hashlib.sha256(source.encode()).hexdigest(), (
            f"{file_name} is stale: run python -m transition.report.precompile"
        )
        recorded[name] = match[3]
    assert sorted(recorded) == sorted(expected)  # one file per template, none left over
    (version,) = set(recorded.values())
    if version == jinja2.__version__:
        # The Jinja that made them: they must be exactly what it makes now (this also
        # catches a changed option or filter), and so be found by their digest.
        assert files == expected_files(_compiled.builtin_environments())


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fresh built-in environments; the names of the templates Jinja had to compile."""
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(
        self: jinja2.Environment, source: str, name: str | None = None, *a: Any, **k: Any
    ) -> Any:
        if not k.get("raw", a[1] if len(a) > 1 else False):
            compiled.append(str(name))
        return original(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    report.builtin_environment.cache_clear()
    yield compiled
    report.builtin_environment.cache_clear()


def every_builtin_report() -> dict[str, str]:
    rubric = transition.load_rubric()
    earlier, later = (
        transition.score(rubric, transition.load_assessment(EXAMPLES / name, rubric))
        for name in ("business-case.yaml", "workshop.yaml")
    )
    progress = transition.compare([earlier, later])
    summary = portfolio([("a.yaml", earlier), ("b.yaml", later)])
    out = {}
    for fmt in ("html", "markdown", "text"):
        for label, result in (("report", earlier), ("progress", progress), ("portfolio", summary)):
            out[f"{label}.{fmt}"] = transition.render(result, fmt)
    out["fragment"] = transition.render(earlier, "html", fragment=True)
    return out


def test_every_builtin_report_uses_only_shipped_code(compiles: list[str]) -> None:
    every_builtin_report()
    recorded = {m[3] for m in map(TRAILER.search, shipped().values()) if m}
    if recorded == {jinja2.__version__}:
        assert compiles == []
    else:  # another Jinja: nothing shipped fits, so everything is compiled
        assert compiles


def test_reports_are_the_same_compiled_or_precompiled(
    compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    precompiled = every_builtin_report()
    report.builtin_environment.cache_clear()
    templates = jinja2.PackageLoader("transition.report", "templates")
    nowhere = Path("/nonexistent")
    monkeypatch.setattr(report, "builtin_loader", lambda: PrecompiledLoader(templates, nowhere))
    del compiles[:]
    assert every_builtin_report() == precompiled
    assert compiles  # really compiled this time


def make(folder: Path, templates: dict[str, str], **options: object) -> jinja2.Environment:
    loader = PrecompiledLoader(jinja2.DictLoader(templates), folder)
    return jinja2.Environment(loader=loader, **options)  # type: ignore[arg-type]


def precompile(folder: Path, environment: jinja2.Environment, *names: str) -> None:
    for file_name, text in expected_files([(environment, names)]).items():
        (folder / file_name).write_text(text, encoding="utf-8")


def tamper(folder: Path, text: str) -> None:
    """Make every shipped file render ``text``: shows when shipped code is used."""
    for path in folder.glob("*.py.txt"):
        path.write_text(
            "from jinja2.runtime import Context\n"
            "name = 't.j2'\n"
            f"def root(context, missing=None, environment=environment):\n    yield {text!r}\n"
            "blocks = {}\ndebug_info = ''\n",
            encoding="utf-8",
        )


def test_a_current_file_is_used(tmp_path: Path) -> None:
    precompile(tmp_path, make(tmp_path, {"t.j2": "A"}), "t.j2")
    tamper(tmp_path, "shipped")
    assert make(tmp_path, {"t.j2": "A"}).get_template("t.j2").render() == "shipped"


@pytest.mark.parametrize(
    ("change", "options", "expected"),
    [
        ("template edited", {}, "B"),
        ("option changed", {"trim_blocks": True}, "A"),
        ("autoescape changed", {"autoescape": True}, "A"),
    ],
)
def test_a_stale_file_is_never_used(
    tmp_path: Path, change: str, options: dict[str, object], expected: str
) -> None:
    precompile(tmp_path, make(tmp_path, {"t.j2": "A"}), "t.j2")
    tamper(tmp_path, "stale")
    source = "B" if change == "template edited" else "A"
    environment = make(tmp_path, {"t.j2": source}, **options)
    assert environment.get_template("t.j2").render() == expected


def test_another_jinja_version_never_uses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    precompile(tmp_path, make(tmp_path, {"t.j2": "A"}), "t.j2")
    tamper(tmp_path, "stale")
    monkeypatch.setattr(jinja2, "__version__", "99.0")
    assert make(tmp_path, {"t.j2": "A"}).get_template("t.j2").render() == "A"


def test_another_filter_set_never_uses_the_file(tmp_path: Path) -> None:
    precompile(tmp_path, make(tmp_path, {"t.j2": "A"}), "t.j2")
    tamper(tmp_path, "stale")
    environment = make(tmp_path, {"t.j2": "A"})
    environment.filters["extra"] = str
    assert environment.get_template("t.j2").render() == "A"


def test_digest_names_the_template_source_and_settings() -> None:
    environment = jinja2.Environment()
    assert digest(environment, "A") != digest(environment, "A ")
    assert digest(environment, "A") != digest(jinja2.Environment(lstrip_blocks=True), "A")


def test_writing_removes_stale_files(tmp_path: Path) -> None:
    (tmp_path / "report.html.j2.0123.py.txt").write_text("old", encoding="utf-8")
    (tmp_path / "keep.txt").write_text("not ours", encoding="utf-8")
    written = _compiled.write_precompiled(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [path.name for path in written] + ["keep.txt"]
    )
    assert {path.name: path.read_text(encoding="utf-8") for path in written} == expected_files(
        _compiled.builtin_environments()
    )


def test_nothing_is_written_while_rendering(
    tmp_path: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "precompiled"
    shutil.copytree(PRECOMPILED, folder)
    templates = jinja2.PackageLoader("transition.report", "templates")
    monkeypatch.setattr(report, "builtin_loader", lambda: PrecompiledLoader(templates, folder))

    def listing() -> list[tuple[str, int]]:
        return sorted((str(p), p.stat().st_mtime_ns) for p in tmp_path.rglob("*"))

    before = listing()
    every_builtin_report()
    assert listing() == before
