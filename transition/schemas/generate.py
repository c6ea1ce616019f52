"""Write ``rubric.schema.json`` from the rubric format's field table.

The loader and the published schema read the same table
(:mod:`transition._rubric_format`). After changing it, run::

    python -m transition.schemas.generate

and commit what changed; ``tests/unit/test_schema.py`` fails while the shipped file is
not what the table gives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .._rubric_format import rubric_schema

__all__ = ["main", "rubric_schema_text", "write"]

#: Where the shipped schema files are, in the source tree.
FOLDER = Path(__file__).resolve().parent


def rubric_schema_text() -> str:
    """The rubric schema as the shipped file holds it: JSON, indented by 2, one newline.

    >>> rubric_schema_text().splitlines()[1]
    '  "$schema": "http://json-schema.org/draft-07/schema#",'
    """
    return json.dumps(rubric_schema(), indent=2, ensure_ascii=False) + "\n"


def write(folder: Path | None = None) -> Path:
    """Write ``rubric.schema.json`` into ``folder`` (the package's); return its path."""
    folder = FOLDER if folder is None else folder
    target = folder / "rubric.schema.json"
    target.write_text(rubric_schema_text(), encoding="utf-8")
    return target


def main() -> None:
    """Write the schema and print the file written."""
    sys.stdout.write(f"{write()}\n")


if __name__ == "__main__":
    main()
