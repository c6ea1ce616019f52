"""Hostile inputs: does each one end, quickly and in little memory, with a clear error?

Builds in a temporary folder the inputs of issue 9 (an alias bomb, a huge file, a FIFO,
huge numbers, a NUL byte, many unknown answer ids against a big rubric, many misspelt
prerequisites, a thousand errors), loads each in a fresh subprocess and prints its
time, its peak resident memory (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a process
that runs only that load) and the first line of what it raised, against the goal
"within 5 s and 400 MB".

Each load runs with a 60 s timeout and a 2 GiB address-space limit, so that running it
against an older version of transition (``--source FOLDER`` puts that folder first on
the path) cannot take the machine down.

Run: ``python benchmarks/attack.py [--quick] [--source FOLDER]``. Nothing is asserted:
the tests in ``tests/attack/`` assert the errors; these figures go in the notes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

GOAL_SECONDS = 5.0
GOAL_MB = 400
TIMEOUT = 60
MEMORY_LIMIT = 2 * 1024**3

HEADER = """\
rubric: attack
title: Attack
version: "1"
characteristics:
  - {id: c, title: C}
bands:
  - {id: all, label: All, min: 0}
"""

# Runs in a process of its own; prints one JSON line: seconds and what was raised.
LOAD = """
import json, os, sys, time
source = os.environ.get("ATTACK_SOURCE")
if source:  # an editable install's finder comes before sys.path: drop it
    sys.meta_path = [f for f in sys.meta_path if "editable" not in type(f).__module__]
    sys.path.insert(0, source)
started = time.perf_counter()
import transition
assert not source or transition.__file__.startswith(source), transition.__file__
kind, path = sys.argv[1], sys.argv[2]
try:
    if kind == "rubric":
        transition.load_rubric(path)
    else:
        rubric = transition.load_rubric(sys.argv[3])
        transition.load_assessment(path, rubric)
    outcome = "loaded"
except Exception as error:
    text = str(error).splitlines()[0] if str(error) else ""
    count = len(getattr(error, "errors", ()))
    outcome = f"{type(error).__name__}" + (f" ({count} records)" if count else "")
    outcome += f": {text[:150]}"
print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome}))
"""

# Runs LOAD as its child and reports the child's peak memory: one measurer per input,
# because RUSAGE_CHILDREN keeps the largest child a process has ever waited for.
MEASURE = """
import json, resource, subprocess, sys
limit = int(sys.argv[1])
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
try:
    done = subprocess.run(
        sys.argv[3:], capture_output=True, text=True, timeout=int(sys.argv[2]), preexec_fn=cap
    )
    line = done.stdout.strip().splitlines()[-1:] or ['{}']
    result = json.loads(line[0])
    if not result:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        result = {"seconds": None, "outcome": "crashed: " + tail[0][:150]}
except subprocess.TimeoutExpired:
    result = {"seconds": None, "outcome": f"timed out after {sys.argv[2]} s"}
result["rss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps(result))
"""


def milestones(count: int, requires: list[str] | None = None) -> str:
    lines = ["milestones:"]
    for n in range(count):
        lines.append(f"  - {{id: m_{n:05}, characteristic: c, title: M{n}")
        if requires is not None:
            lines[-1] += f", requires: [{requires[n]}]"
        lines[-1] += "}"
    return "\n".join(lines) + "\n"


def build(folder: Path, quick: bool) -> list[tuple[str, str, Path, Path | None]]:
    """The inputs: (label, kind, file, rubric file for an assessment)."""
    cases: list[tuple[str, str, Path, Path | None]] = []

    def rubric_case(label: str, name: str, text: str | bytes) -> Path:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        cases.append((label, "rubric", path, None))
        return path

    aliases = 9_900 if quick else 99_000
    bomb = (
        HEADER
        + 'description: &big "'
        + "x" * 20_000
        + '"\n'
        + milestones(1)
        + "phases: [{id: p, title: P, description: ["
        + ", ".join(["*big"] * aliases)
        + "]}]\n"
    )
    rubric_case(f"alias bomb: {aliases:,} aliases of 20 KB", "bomb.yaml", bomb)

    size = 40 * 1024**2 if quick else 500 * 1024**2
    huge = folder / "huge.yaml"
    with huge.open("wb") as handle:
        handle.write(b"# " + b"x" * 1000 + b"\n")
        handle.truncate(size)  # sparse: no disk is spent on it
    cases.append((f"a {size // 1024**2} MB file", "rubric", huge, None))

    fifo = folder / "fifo.yaml"
    os.mkfifo(fifo)
    cases.append(("a FIFO nobody writes to", "rubric", fifo, None))

    minimal = HEADER + milestones(1)
    rubric_case(
        "weight: 1 and 400 zeros",
        "weight.yaml",
        minimal.replace("{id: c, title: C}", "{id: c, title: C, weight: 1" + "0" * 400 + "}"),
    )
    rubric_case(
        "weight: 0x and 4,000 hex digits",
        "hex.yaml",
        minimal.replace("{id: c, title: C}", "{id: c, title: C, weight: 0x" + "f" * 4000 + "}"),
    )
    rubric_case(
        "level key '²'",
        "level.yaml",
        minimal.replace("title: M0}", 'title: M0, levels: {"²": x}}'),
    )
    rubric_case(
        "a NUL byte", "nul.yaml", minimal.replace("title: Attack", "title: At\0tack").encode()
    )

    misspelt = 500 if quick else 2_000
    rubric_case(
        f"{misspelt:,} misspelt prerequisites",
        "misspelt.yaml",
        HEADER + milestones(misspelt, [f"m_{(n + 1) % misspelt:05}x" for n in range(misspelt)]),
    )

    rubric_case(
        "1,000 errors in a rubric",
        "errors.yaml",
        HEADER + milestones(1000, ["unknown_key_here" for _ in range(1000)]),
    )

    size_of_big = 2_000 if quick else 20_000
    unknown = 100 if quick else 1_000
    big = folder / "big.yaml"
    big.write_text(HEADER + milestones(size_of_big), encoding="utf-8")
    cases.append((f"baseline: the {size_of_big:,}-milestone rubric alone", "rubric", big, None))
    answers = {f"m_{n:05}_typo": 3 for n in range(unknown)}
    assessment = folder / "unknown.json"
    assessment.write_text(json.dumps({"rubric": "attack", "answers": answers}), encoding="utf-8")
    cases.append(
        (
            f"{unknown:,} unknown answer ids, {size_of_big:,}-milestone rubric",
            "assessment",
            assessment,
            big,
        )
    )
    return cases


def measure(kind: str, path: Path, rubric: Path | None, source: str | None) -> dict[str, object]:
    load = [sys.executable, "-c", LOAD, kind, str(path)] + ([str(rubric)] if rubric else [])
    environment = dict(os.environ)
    if source:
        environment["ATTACK_SOURCE"] = os.path.abspath(source)
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(MEMORY_LIMIT), str(TIMEOUT), *load],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, for CI")
    parser.add_argument("--source", help="a folder to import transition from instead")
    arguments = parser.parse_args()
    print(f"goal: each within {GOAL_SECONDS:g} s and {GOAL_MB} MB (peak RSS)")
    with tempfile.TemporaryDirectory() as folder:
        for label, kind, path, rubric in build(Path(folder), arguments.quick):
            result = measure(kind, path, rubric, arguments.source)
            seconds = result["seconds"]
            megabytes = int(str(result["rss_kb"])) / 1024
            within = isinstance(seconds, float) and seconds <= GOAL_SECONDS and megabytes <= GOAL_MB
            shown = f"{seconds:6.2f} s" if isinstance(seconds, float) else "     - s"
            print(f"{'ok  ' if within else 'MISS'} {shown} {megabytes:7.0f} MB  {label}")
            print(textwrap.indent(str(result["outcome"]), "       -> "))


if __name__ == "__main__":
    main()
