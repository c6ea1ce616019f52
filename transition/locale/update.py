"""Regenerate the message catalogues from the source, with Babel::

    python -m transition.locale.update

1. extracts every message from the report templates (Jinja's Babel extractor,
   configured like the report environments) and the Python modules (``_()``,
   ``gettext()``, ``ngettext()``, ``N_()``) into ``transition/locale/transition.pot``;
2. updates each locale's ``<locale>/LC_MESSAGES/transition.po`` from it (new messages
   come in untranslated, removed ones become obsolete ``#~`` entries);
3. compiles each ``.po`` to the ``.mo`` the package ships.

Then translate what is new in each ``.po`` and run it again. ``tests/unit/test_locale.py``
fails while the shipped files are not what this would write.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import CATALOGUES, DOMAIN

__all__ = ["METHOD_MAP", "OPTIONS_MAP", "compile_mo", "extract", "main", "pot_text", "update_po"]

#: The package's source folder, which extraction walks.
PACKAGE = CATALOGUES.parent

#: Which extractor reads which files (paths relative to the package folder).
METHOD_MAP = [
    ("report/templates/**.j2", "jinja2.ext:babel_extract"),
    ("locale/**.py", "ignore"),
    ("**.py", "python"),
]

#: The Jinja extractor parses as the report environments do.
OPTIONS_MAP = {
    "report/templates/**.j2": {
        "trim_blocks": "true",
        "lstrip_blocks": "true",
        "keep_trailing_newline": "true",
        "newstyle_gettext": "true",
    }
}

_HEADER = "# Translations of the transition report's own words.\n"


def extract() -> Catalog:
    """Every message in the templates and modules, as a template catalogue."""
    catalog = Catalog(
        project="transition",
        version="",
        domain=DOMAIN,
        copyright_holder="transition contributors",
        msgid_bugs_address="",
        header_comment=_HEADER,
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, METHOD_MAP, OPTIONS_MAP, strip_comment_tags=True
    ):
        location = ("transition/" + filename.replace("\\", "/"), lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_by_file=True)
    return buffer.getvalue()


def pot_text() -> str:
    """The ``.pot`` that the current source gives."""
    return _po_bytes(extract()).decode("utf-8")


def update_po(po: Path, template: Catalog) -> bytes:
    """The locale's ``.po`` brought up to date with ``template``."""
    with po.open("rb") as file:
        catalog = read_po(file, locale=po.parent.parent.name, domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True)
    return _po_bytes(catalog)


def compile_mo(po: Path) -> bytes:
    """The ``.mo`` compiled from a ``.po``."""
    with po.open("rb") as file:
        catalog = read_po(file, locale=po.parent.parent.name, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _keep_date(template: Catalog, pot: Path) -> None:
    """Keep the shipped ``.pot``'s creation date while its messages are the same, so
    that running this twice changes nothing."""
    if not pot.exists():
        return
    with pot.open("rb") as file:
        shipped = read_po(file, domain=DOMAIN)
    now = template.creation_date
    template.creation_date = shipped.creation_date
    if _po_bytes(template) != pot.read_bytes():
        template.creation_date = now


def main(argv: list[str] | None = None) -> int:
    """Regenerate the ``.pot``, update each ``.po`` and compile each ``.mo``."""
    template = extract()
    pot = CATALOGUES / f"{DOMAIN}.pot"
    _keep_date(template, pot)
    pot.write_bytes(_po_bytes(template))
    print(pot.relative_to(PACKAGE.parent))
    for po in sorted(CATALOGUES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        po.write_bytes(update_po(po, template))
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_mo(po))
        print(po.relative_to(PACKAGE.parent))
        print(mo.relative_to(PACKAGE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
