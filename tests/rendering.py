"""Rendering in the text formats, typed as text: what most report tests compare.

:func:`transition.render` returns ``str`` for a format named as a literal and ``bytes``
for ``"pdf"``; for a format chosen at run time (a test's parameter) it is typed
``str | bytes``. These helpers are for the tests that loop over the text formats.
"""

from __future__ import annotations

from typing import Any

import transition
from transition.report.registry import formats

#: The binary formats (bytes, not text).
BINARY = ("pdf",)


def text_formats(kind: str | None = None) -> tuple[str, ...]:
    """The formats of ``kind`` (of any kind, for None) that render as text."""
    return tuple(f for f in formats(kind) if f not in BINARY)


def render_text(result: Any, fmt: str, **options: Any) -> str:
    """:func:`transition.render` in a text format, checked to be text."""
    out = transition.render(result, fmt, **options)
    assert isinstance(out, str), fmt
    return out
