"""Small workbooks that expand: what an attacker (or a broken exporter) hands the reader.

Each builder writes a real ``.xlsx`` file whose sheets are XML written here, streamed
into the archive, so that a file of a few kilobytes can stand for a million rows or
gigabytes of text. ``tests/sheets/test_bounds.py`` asserts the reader's answer to each;
``benchmarks/sheets.py`` measures its time and peak memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import openpyxl

RUBRIC_ID = "public-service-spinout"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def _skeleton() -> bytes:
    """A workbook with the sheets Assessment and Details and a shared-strings part."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Assessment"
    sheet["A1"] = "id"
    workbook.create_sheet("Details")["A1"] = "rubric"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell(ref: str, text: str) -> bytes:
    """An inline-text cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def row(number: int, *cells: bytes) -> bytes:
    return f'<row r="{number}">'.encode() + b"".join(cells) + b"</row>"


def header(level: str = "level") -> bytes:
    return row(1, cell("A1", "id"), cell("B1", level))


def build(
    path: Path,
    rows: Callable[[], Iterable[bytes]],
    dimension: str | None = None,
    shared: Iterable[bytes] | None = None,
    details: bytes | None = None,
    level: int = 6,
) -> Path:
    """Write a workbook whose Assessment sheet holds ``rows`` (XML ``<row>`` elements).

    ``shared`` replaces the shared strings (``<si>`` elements), and ``details`` the
    Details sheet's rows; by default Details names the rubric with inline text.
    ``level`` is the deflate level (9 for whitespace that should shrink the most).
    """
    skeleton = zipfile.ZipFile(io.BytesIO(_skeleton()))
    parts: dict[str, Callable[[], Iterator[bytes]]] = {}

    def sheet() -> Iterator[bytes]:
        yield f'<worksheet xmlns="{MAIN}">'.encode()
        if dimension:
            yield f'<dimension ref="{dimension}"/>'.encode()
        yield b"<sheetData>"
        yield from rows()
        yield b"</sheetData></worksheet>"

    def details_sheet() -> Iterator[bytes]:
        yield f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
        yield (
            details if details is not None else row(1, cell("A1", "rubric"), cell("B1", RUBRIC_ID))
        )
        yield b"</sheetData></worksheet>"

    def strings() -> Iterator[bytes]:
        yield f'<sst xmlns="{MAIN}">'.encode()
        yield from shared or ()
        yield b"</sst>"

    parts["xl/worksheets/sheet1.xml"] = sheet
    parts["xl/worksheets/sheet2.xml"] = details_sheet
    parts["xl/sharedStrings.xml"] = strings
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for info in skeleton.infolist():
            data = skeleton.read(info)
            if info.filename == "[Content_Types].xml" and b"sharedStrings" not in data:
                data = data.replace(b"</Types>", SHARED_STRINGS_TYPE + b"</Types>")
            if info.filename not in parts:
                archive.writestr(info.filename, data)
        for name, chunks in parts.items():
            with archive.open(name, "w", force_zip64=True) as part:
                buffer = bytearray()
                for chunk in chunks():
                    buffer += chunk
                    if len(buffer) > 1 << 20:
                        part.write(buffer)
                        buffer.clear()
                part.write(buffer)
    return path


# -- the reproducers of issue 9 ----------------------------------------------------------


def far_cell(path: Path) -> Path:
    """One cell at XFD1048576, the last cell a sheet has."""
    return build(
        path,
        lambda: [
            header(),
            row(2, cell("A2", "named_leader"), cell("B2", "3")),
            row(1048576, cell("XFD1048576", "x")),
        ],
        dimension="A1:XFD1048576",
    )


def blank_rows(path: Path, count: int = 1_000_000) -> Path:
    """``count`` rows below the table, each with one empty (styled) cell."""

    def rows() -> Iterator[bytes]:
        yield header()
        yield row(2, cell("A2", "named_leader"), cell("B2", "3"))
        for number in range(3, count + 3):
            yield f'<row r="{number}"><c r="A{number}" s="0"/></row>'.encode()

    return build(path, rows, dimension=f"A1:B{count + 2}")


def whitespace(path: Path, size: int = 3 << 30) -> Path:
    """``size`` bytes of whitespace between two rows: it compresses about 1000 times."""

    def rows() -> Iterator[bytes]:
        yield header()
        chunk = b" " * (1 << 20)
        for _ in range(size >> 20):
            yield chunk
        yield row(2, cell("A2", "named_leader"), cell("B2", "3"))

    return build(path, rows, level=9)


def shared_string(path: Path, size: int = 200 << 20, references: int = 52) -> Path:
    """One shared string of ``size`` characters, the evidence of ``references`` rows."""

    def rows() -> Iterator[bytes]:
        yield row(1, cell("A1", "id"), cell("B1", "level"), cell("C1", "evidence"))
        for number in range(2, references + 2):
            yield row(
                number,
                cell(f"A{number}", f"m{number}"),
                f'<c r="C{number}" t="s"><v>0</v></c>'.encode(),
            )

    def strings() -> Iterator[bytes]:
        yield b"<si><t>"
        chunk = b"x" * (1 << 20)
        for _ in range(size >> 20):
            yield chunk
        yield b"x" * (size % (1 << 20))
        yield b"</t></si>"

    return build(path, rows, shared=strings(), level=9)


def unknown_ids(path: Path, count: int = 1_000_000) -> Path:
    """``count`` rows, each a milestone id the rubric does not have, with a level."""

    def rows() -> Iterator[bytes]:
        yield header()
        for number in range(2, count + 2):
            yield row(number, cell(f"A{number}", f"no_such_{number}"), cell(f"B{number}", "3"))

    return build(path, rows, dimension=f"A1:B{count + 1}")
