"""Scoring in a pool of processes: what ``score_many(..., workers=N)`` runs.

The pool starts its processes with ``spawn`` on every platform: a fresh interpreter
that imports transition, never a copy of the caller (forking a process that runs
threads, as a web application does, can deadlock). Everything a worker runs is a
module-level function; the rubric reaches each worker once, through the pool's
initializer; assessments travel in chunks.

Assessments travel light: only what scoring reads (the rubric id, the phase, the source
for messages, and each answer's milestone, level and respondents' levels), as plain
tuples, which pickle at C speed; evidence and notes stay with the caller.

Results travel back light too. A worker pickles a chunk's results with the rubric, its
bands, the compiled rubric's shared tables and the chunk's own assessments written as
references to the caller's objects (their place in a list both sides build the same
way); the caller reads them back through its own objects. So every result holds the
caller's rubric and assessment, as a serial run's does, and equals it.
"""

from __future__ import annotations

import io
import itertools
import multiprocessing
import pickle
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import attrs

from ._types import check_score
from .model import Answer, Assessment, FrozenDict, Level, Rubric
from .result import Readiness
from .scoring import compiled, score

__all__ = ["DEFAULT_CHUNK", "score_in_pool", "shared_object"]

#: Assessments per chunk sent to a worker, unless the caller says otherwise: enough that
#: the cost of a round trip is small beside the scoring, few enough to share the work.
DEFAULT_CHUNK = 100
#: Chunks in flight per worker: one being scored, one waiting, so no worker idles while
#: the caller reads results (and a long iterable is not read into memory at once).
_AHEAD = 2

#: In a worker process: the rubric, and the place of each shared object by ``id``.
_WORKER: tuple[Rubric, dict[int, int]] | None = None


def _shared(rubric: Rubric) -> list[object]:
    """The objects results of ``rubric`` share with it, in an order every process
    computes alike: the rubric, its bands, and the compiled rubric's tables that are
    not plain tuples (those are written out; they are small)."""
    rules = compiled(rubric)
    tables = [getattr(rules, field.name) for field in attrs.fields(type(rules))]
    return [rubric, *rubric.bands, *(t for t in tables if isinstance(t, FrozenDict))]


def shared_object(index: int) -> object:  # pragma: no cover - never called: see _Reader
    """Stands, in a worker's pickle, for the caller's shared object at ``index``."""
    raise RuntimeError("shared_object() is read by score_many's reader only")


class _Writer(pickle.Pickler):
    """Pickles results, writing shared objects as ``shared_object(index)``."""

    def __init__(self, file: io.BytesIO, places: dict[int, int]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.places = places

    def reducer_override(self, obj: Any) -> Any:
        place = self.places.get(id(obj))
        if place is None:
            return NotImplemented
        return shared_object, (place,)


class _Reader(pickle.Unpickler):
    """Reads a worker's pickle, resolving ``shared_object(index)`` to the caller's."""

    def __init__(self, data: bytes, objects: list[object]) -> None:
        super().__init__(io.BytesIO(data))
        self.objects = objects

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "shared_object":
            return self.objects.__getitem__
        return super().find_class(module, name)


def _packed(rubric: Rubric) -> bytes:
    """The rubric as a worker's initializer gets it: pickled and compressed.

    Starting a process writes its arguments to a pipe; when they do not fit in the
    pipe's buffer (64 KiB on Linux; the bundled rubric pickles to about as much) the
    write waits until the new interpreter has started and read them, so the workers
    would start one after another. Compressed, they start together.
    """
    return zlib.compress(pickle.dumps(rubric, protocol=pickle.HIGHEST_PROTOCOL), 6)


def _start(packed: bytes) -> None:
    """A worker's initializer: keep the rubric, compile it once."""
    global _WORKER
    rubric: Rubric = pickle.loads(zlib.decompress(packed))
    _WORKER = (rubric, {id(obj): i for i, obj in enumerate(_shared(rubric))})


#: What a worker needs of an assessment to score it: the rubric id, the phase, the
#: source, and (milestone, level, levels) per answer.
Wire = tuple[str, str | None, str | None, tuple[tuple[str, Level, tuple[int, ...]], ...]]


def _wire(assessment: Assessment) -> Wire:
    """The parts of ``assessment`` that scoring reads, as plain tuples."""
    answers = tuple([(mid, a.level, a.levels) for mid, a in assessment.answers.items()])
    return assessment.rubric, assessment.phase, assessment.source, answers


def _unwire(wire: Wire) -> Assessment:
    """An assessment that scores as the one :func:`_wire` was given."""
    rubric_id, phase, source, answers = wire
    return Assessment(
        rubric=rubric_id,
        answers=FrozenDict((mid, Answer(mid, level, levels)) for mid, level, levels in answers),
        phase=phase,
        source=source,
    )


def _score_chunk(wires: list[Wire]) -> bytes:
    """In a worker: score a chunk and pickle the results (see the module's description)."""
    assert _WORKER is not None, "the pool's initializer keeps the rubric"
    rubric, places = _WORKER
    assessments = [_unwire(wire) for wire in wires]
    results = [score(rubric, assessment) for assessment in assessments]
    offset = len(places)
    here = {**places, **{id(a): offset + i for i, a in enumerate(assessments)}}
    buffer = io.BytesIO()
    _Writer(buffer, here).dump(results)
    return buffer.getvalue()


def _chunks(rubric: Rubric, assessments: Iterable[Assessment], size: int) -> Iterator[list[Any]]:
    """The assessments in chunks, each checked in this process (a ``TypeError`` here
    names what was given, where a worker could only fail to unpickle it)."""
    items = iter(assessments)
    while chunk := list(itertools.islice(items, size)):
        for assessment in chunk:
            check_score(rubric, assessment)
        yield chunk


def score_in_pool(
    rubric: Rubric, assessments: Iterable[Assessment], workers: int, chunk_size: int
) -> list[Readiness]:
    """Score ``assessments`` in ``workers`` processes, ``chunk_size`` at a time; the
    results in input order. Input that fits in one chunk is scored here: a pool would
    only add its start-up."""
    chunks = _chunks(rubric, assessments, chunk_size)
    first = list(itertools.islice(chunks, workers * _AHEAD))
    if len(first) <= 1:
        return [score(rubric, a) for chunk in first for a in chunk]
    base = _shared(rubric)
    results: list[Readiness] = []
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(first)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        initargs=(_packed(rubric),),
    )
    pending: deque[tuple[list[Assessment], Future[bytes]]] = deque()

    def submit(chunk: list[Assessment]) -> None:
        pending.append((chunk, pool.submit(_score_chunk, [_wire(a) for a in chunk])))

    try:
        for chunk in first:
            submit(chunk)
        while pending:
            chunk, future = pending.popleft()
            following = next(chunks, None)  # keep every worker busy while this is read
            if following is not None:
                submit(following)
            results.extend(_Reader(future.result(), [*base, *chunk]).load())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results
