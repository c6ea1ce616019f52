"""Writing spreadsheets safely and byte for byte the same, for every writer of them.

The blank assessment workbook (:mod:`transition.blank`) and the work plan
(:mod:`transition.workplan`) both write text that comes from a rubric, which may look
like a formula (``=HYPERLINK(...)``) or carry control characters, and both promise that
the same input gives the same bytes. What keeps those promises lives here, once.
openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["FORMULA_START", "WORKBOOK_TIME", "plain", "put", "safe_text", "save", "stable_zip"]

#: The created and modified time written into workbooks, so that they are byte-stable.
WORKBOOK_TIME = datetime.datetime(2000, 1, 1)

#: What a spreadsheet may take for a formula at the start of a cell (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula: a leading
    ``=``, ``+``, ``-``, ``@`` (or tab, carriage return) gets a ``'`` before it, as
    OWASP recommends.

    >>> safe_text("=HYPERLINK(x)"), safe_text("Board formed")
    ("'=HYPERLINK(x)", 'Board formed')
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def plain(value: Any) -> Any:
    """Text a workbook can hold: without the control characters XML 1.0 forbids (a
    rubric's text may carry them; openpyxl would raise IllegalCharacterError).

    >>> plain("bell\\x07"), plain(3)
    ('bell', 3)
    """
    if isinstance(value, str):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write one cell; text is always text, never a live formula (``=HYPERLINK(...)``)."""
    cell: Cell = sheet.cell(row=row, column=column, value=plain(value))
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def save(workbook: Workbook) -> bytes:
    """The workbook as ``.xlsx`` bytes, without reading the clock (openpyxl's
    ``save()`` stamps the modified time with it; its writer does not)."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return buffer.getvalue()


def stable_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, so that its bytes are stable."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return buffer.getvalue()
