"""Locales: the report's own words through gettext catalogues, numbers and dates for
the locale (SPEC §12).

The words live in the message domain ``transition``: the template of every message is
``transition/locale/transition.pot``, each locale's translations
``transition/locale/<locale>/LC_MESSAGES/transition.po``, compiled to the ``.mo`` that
ships in the package (``python -m transition.locale.update`` regenerates both; a test
fails while they are not current). ``en-GB`` is the language the messages are written
in, so it has no catalogue.

A :class:`Translator` is what a render uses: ``gettext`` and ``ngettext`` for the
words, ``number``, ``percent`` and ``date`` for the figures. Python code that makes
sentences for a report (the view builders, :mod:`transition._words`) calls the module
functions :func:`gettext` and :func:`ngettext`, which translate through the translator
:func:`using` made current for this render (English when none is), so that a string is
translated when a report is rendered, never when a module is imported::

    from transition.locale import gettext as _


    def summary(count: int) -> str:
        return _("%(count)s tasks") % {"count": count}

Numbers and dates in ``en-GB`` are formatted as they always were (ISO dates, no
thousands separators); other locales format them with Babel's CLDR data.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import gettext as _gettext
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "CATALOGUES",
    "DEFAULT",
    "DOMAIN",
    "N_",
    "Translator",
    "check_locale",
    "current",
    "gettext",
    "locales",
    "ngettext",
    "translator",
    "using",
]

#: The gettext message domain of the report's words.
DOMAIN = "transition"
#: Where the catalogues live: ``<locale>/LC_MESSAGES/transition.mo``.
CATALOGUES = Path(__file__).resolve().parent
#: The locale the messages are written in, and every render's default.
DEFAULT = "en-GB"


def locales() -> tuple[str, ...]:
    """The locales reports can be rendered in: those with a compiled catalogue, and
    ``en-GB``, sorted.

    >>> locales()
    ('cy', 'en-GB')
    """
    found = {path.parent.parent.name for path in CATALOGUES.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return tuple(sorted(found | {DEFAULT}))


def check_locale(locale: object) -> str:
    """``locale`` if reports can be rendered in it; else ``ValueError`` naming those
    that can.

    >>> check_locale("cy")
    'cy'
    >>> check_locale("fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown locale 'fr' (choose from cy, en-GB)
    """
    if not isinstance(locale, str):
        raise TypeError(f"locale must be a string, not {type(locale).__name__}")
    available = locales()
    if locale not in available:
        raise ValueError(f"unknown locale {locale!r} (choose from {', '.join(available)})")
    return locale


def _plain_number(value: float, digits: int) -> str:
    rounded = round(float(value), digits)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.{digits}f}".rstrip("0")


class Translator:
    """The words and the figures of one locale.

    >>> welsh = translator("cy")
    >>> welsh.gettext("Draft plan: %(organisation)s") % {"organisation": "Afon"}
    'Cynllun drafft: Afon'
    >>> welsh.date(datetime.date(2026, 12, 2)), translator("en-GB").date("2026-12-02")
    ('2 Rhagfyr 2026', '2026-12-02')
    >>> welsh.number(12.5), welsh.percent(0.625), welsh.number(None)
    ('12.5', '62%', 'amh.')
    """

    def __init__(self, locale: str, translations: _gettext.NullTranslations) -> None:
        self.locale = locale
        self.translations = translations
        # Babel's locale name: "cy", "en_GB".
        self.babel_locale = locale.replace("-", "_")

    def __repr__(self) -> str:
        return f"Translator({self.locale!r})"

    def gettext(self, message: str) -> str:
        """The message in this locale (the message itself when it has no translation)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural message for ``n``, by this locale's plural rules."""
        return self.translations.ngettext(singular, plural, n)

    def number(self, value: float | None, digits: int = 2) -> str:
        """A number without a needless ``.0`` (12.0 -> 12, 0.125 -> 0.12); ``n/a`` for None."""
        if value is None:
            return self.gettext("n/a")
        if self.locale == DEFAULT:
            return _plain_number(value, digits)
        from babel.numbers import format_decimal

        pattern = "0." + "#" * digits if digits else "0"
        return str(format_decimal(round(float(value), digits), pattern, locale=self.babel_locale))

    def fixed(self, value: float, digits: int = 1) -> str:
        """A number with exactly ``digits`` decimals (12 -> 12.0)."""
        if self.locale == DEFAULT:
            return f"{value:.{digits}f}"
        from babel.numbers import format_decimal

        pattern = "0." + "0" * digits if digits else "0"
        return str(format_decimal(value, pattern, locale=self.babel_locale))

    def percent(self, value: float | None, digits: int = 0) -> str:
        """A score in [0, 1] as a percentage (``62%``); ``n/a`` for None."""
        if value is None:
            return self.gettext("n/a")
        if self.locale == DEFAULT:
            return f"{value * 100:.{digits}f}%"
        from babel.numbers import format_percent

        pattern = "0." + "0" * digits + "%" if digits else "0%"
        return str(format_percent(value, pattern, locale=self.babel_locale))

    def date(self, value: datetime.date | str | None, short: bool = False) -> str:
        """A date to read: ISO in ``en-GB`` (as reports always wrote them), the
        locale's long form elsewhere ("2 Rhagfyr 2026"), or with ``short`` its numeric
        form for a table's column ("02/12/2026"); text that is not an ISO date is
        returned as it is.

        >>> welsh = translator("cy")
        >>> welsh.date("2026-12-02"), welsh.date("2026-12-02", short=True)
        ('2 Rhagfyr 2026', '02/12/2026')
        >>> translator().date("2026-12-02", short=True)
        '2026-12-02'
        """
        if value is None:
            return ""
        if self.locale == DEFAULT:
            return value.isoformat() if isinstance(value, datetime.date) else value
        if isinstance(value, datetime.date):
            day = value
        else:
            try:
                day = datetime.date.fromisoformat(value)
            except ValueError:
                return value
        from babel.dates import format_date

        pattern = "dd/MM/y" if short else "d MMMM y"
        return str(format_date(day, pattern, locale=self.babel_locale))


@functools.cache
def translator(locale: str = DEFAULT) -> Translator:
    """The translator of ``locale`` (one of :func:`locales`), made once per process.

    >>> welsh = translator("cy")
    >>> welsh.ngettext("Not scored: %(num)s file", "Not scored: %(num)s files", 2) % {"num": 2}
    'Heb eu sgorio: 2 ffeil'
    """
    check_locale(locale)
    if locale == DEFAULT:
        return Translator(locale, _gettext.NullTranslations())
    path = CATALOGUES / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as file:
        return Translator(locale, _gettext.GNUTranslations(file))


_CURRENT: contextvars.ContextVar[Translator | None] = contextvars.ContextVar(
    "transition_translator", default=None
)


def current() -> Translator:
    """The translator of the render in progress (``en-GB`` outside one)."""
    active = _CURRENT.get()
    return translator(DEFAULT) if active is None else active


@contextlib.contextmanager
def using(active: Translator) -> Iterator[Translator]:
    """Make ``active`` the current translator for the ``with`` block.

    >>> with using(translator("cy")):
    ...     gettext("n/a")
    'amh.'
    >>> gettext("n/a")
    'n/a'
    """
    token = _CURRENT.set(active)
    try:
        yield active
    finally:
        _CURRENT.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current translator's locale."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n`` in the current translator's locale."""
    return current().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (translate it later,
    at render time, with :func:`gettext`).

    >>> N_("Met")
    'Met'
    """
    return message
