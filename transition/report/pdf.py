"""PDF reports: the HTML report laid out on A4 pages by WeasyPrint (an optional extra).

The PDF is the HTML report rendered with ``medium="pdf"`` (the templates' print rules,
``print.css.j2``: A4, a running header with the organisation and the assessment date,
"page N of M", headings kept with what follows) and handed to WeasyPrint. WeasyPrint is
not a dependency of the library: ``pip install 'transition-readiness[pdf]'`` adds it,
and without it :func:`html_to_pdf` raises :class:`MissingExtraError`, which says so.

Two promises hold as for every other format:

* **no network**: WeasyPrint fetches nothing; every URL but a ``data:`` one is refused
  (the report embeds its styles and pictures, so it needs none);
* **determinism**: the same input gives byte-identical PDF bytes. WeasyPrint writes no
  creation date of its own, and the document's identifier is derived from the report's
  own text, never from the clock or a random number; ``generated_at``, when given, is
  the document's creation date in its metadata, as it is printed in the report.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import re
from types import ModuleType
from typing import Any

from markupsafe import Markup

__all__ = [
    "INSTALL_HINT",
    "MissingExtraError",
    "css_page_numbers",
    "css_string",
    "html_to_pdf",
    "weasyprint_module",
]

#: What to run to be able to write PDF reports.
INSTALL_HINT = "pip install 'transition-readiness[pdf]'"


class MissingExtraError(ImportError):
    """An optional extra is not installed: the message says what to install.

    >>> print(MissingExtraError())
    PDF reports need WeasyPrint, which is not installed: pip install 'transition-readiness[pdf]'
    """

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message or f"PDF reports need WeasyPrint, which is not installed: {INSTALL_HINT}",
            name="weasyprint",
        )


# Control characters (C0, DEL, C1) and the bidirectional controls: never shown.
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def css_string(value: object) -> Markup:
    r"""``value`` as a CSS string (for ``content:`` in the print rules), every character
    written as a CSS escape: nothing in it can end the string, the rule or the
    ``<style>`` element, and no word of it reads as CSS or markup. Line breaks and other
    control characters become spaces or are dropped.

    >>> print(css_string('Ri "</style>\n'))
    "\52 \69 \20 \22 \3c \2f \73 \74 \79 \6c \65 \3e \20 "
    >>> print(css_string(None))
    ""
    """
    text = "" if value is None else re.sub(r"\s+", " ", _UNSHOWN.sub(" ", str(value)))
    return Markup('"' + "".join(f"\\{ord(c):x} " for c in text) + '"')


def css_page_numbers(words: str) -> Markup:
    r"""CSS ``content`` for a page-number line: ``words`` (a translated message) with
    U+E000 (private use) where the page number goes and U+E001 where the page count goes.

    >>> print(css_page_numbers("p. \ue000 / \ue001"))
    "\70 \2e \20 " counter(page) "\20 \2f \20 " counter(pages)
    """
    parts = []
    for piece in re.split("([\ue000\ue001])", str(words)):
        if piece == "\ue000":
            parts.append("counter(page)")
        elif piece == "\ue001":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


def weasyprint_module() -> ModuleType:
    """WeasyPrint, imported on first use (it costs a fraction of a second, and only the
    PDF needs it); :class:`MissingExtraError` when it is not installed or its system
    libraries (Pango) cannot be loaded.

    >>> weasyprint_module().__name__
    'weasyprint'
    """
    try:
        return importlib.import_module("weasyprint")
    except ImportError as error:
        raise MissingExtraError() from error
    except OSError as error:  # installed, but Pango or HarfBuzz cannot be loaded
        raise MissingExtraError(
            "PDF reports need WeasyPrint's system libraries (Pango, HarfBuzz), which "
            f"cannot be loaded ({error}); on Debian or Ubuntu: apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
        ) from error


def _refusing_fetcher(weasyprint: ModuleType) -> Any:
    """A WeasyPrint URL fetcher that reads ``data:`` URLs and refuses every other."""
    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if fetcher_class is not None:  # WeasyPrint 68 and later
        return fetcher_class(allowed_protocols=("data",), allow_redirects=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # WeasyPrint before 68
        if not url.lower().startswith("data:"):
            raise ValueError(f"the report fetches nothing: {url[:80]!r} refused")
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ][\d:.]+([+-]\d{2}:?\d{2}|Z)?)?")


def _pdf_date(generated_at: str | None) -> str | None:
    """``generated_at`` as the document's creation date, if it reads as ISO 8601.

    >>> _pdf_date("2026-11-02"), _pdf_date("2026-11-02T09:30:00"), _pdf_date("today")
    ('2026-11-02', '2026-11-02T09:30:00', None)
    """
    if generated_at is None or not _DATE.fullmatch(generated_at.strip()):
        return None
    return generated_at.strip()


def html_to_pdf(html: str, *, generated_at: str | None = None) -> bytes:
    """The PDF of an HTML report (one :func:`transition.render` gave, best with its
    print rules: the ``pdf`` format renders it so).

    Nothing is fetched (only ``data:`` URLs are read); the same HTML gives the same
    bytes. ``generated_at`` (ISO 8601 text) becomes the document's creation date.

    >>> pdf = html_to_pdf("<title>t</title><p>Hello</p>", generated_at="2026-11-02")
    >>> pdf[:5], pdf == html_to_pdf("<title>t</title><p>Hello</p>", generated_at="2026-11-02")
    (b'%PDF-', True)
    """
    weasyprint = weasyprint_module()
    # WeasyPrint logs what it cannot fetch or does not support; a report is not the
    # place for its messages.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(
        string=html, base_url="about:blank", url_fetcher=_refusing_fetcher(weasyprint)
    ).render()
    metadata = document.metadata
    metadata.created = _pdf_date(generated_at)
    metadata.modified = metadata.created
    # An identifier from the report's own text: two renders of one report are the
    # same file, and different reports have different identifiers.
    identifier = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    pdf: bytes = document.write_pdf(pdf_identifier=identifier.encode("ascii"))
    return pdf
