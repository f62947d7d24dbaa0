"""The message catalogue of every word the extension writes, in Sphinx's ``language``.

One gettext catalogue, ``sphinx_portfolio``, shipped in this folder
(``<language>/LC_MESSAGES/sphinx_portfolio.po`` and its compiled ``.mo``; the template is
``sphinx_portfolio.pot``), registered with Sphinx as extensions do
(``app.add_message_catalog``). The Sphinx side writes its words with :data:`_` (lazy, so a
module-level constant is translated where it is shown), counted words with :func:`ngettext`,
and the words the pure layers mark with ``N_`` (:mod:`..data.words`) with :func:`translate`,
which it also hands to them as their ``Translate``.

A language with no catalogue here gives English, dates included (a page never mixes
Portuguese month names with an English "present"), and one info line for the build.
``noxfile.py``'s ``catalogue`` session extracts the messages and compiles the catalogues.
"""

from __future__ import annotations

import gettext
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Final

from babel.dates import format_skeleton
from babel.messages.mofile import read_mo
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation, get_translator

from .._shared import logger
from ..data.values import NAMED_MONTH_FORMATS, babel_locale

__all__ = ["_", "ngettext", "output_language", "setup_locale", "translate", "written_characters"]

#: The catalogue's name: its .pot, .po and .mo files are named after it.
CATALOGUE: Final = "sphinx_portfolio"
#: This folder: ``<language>/LC_MESSAGES/sphinx_portfolio.mo``.
LOCALE_DIR: Final = Path(__file__).parent
#: A message in the build's language; at module level, evaluated where it is shown.
_ = get_translation(CATALOGUE)


def translate(message: str) -> str:
    """``message`` (marked with ``_`` or ``N_`` where it is written) in the build's language,
    as a plain string (``_`` gives a lazy proxy before the catalogue is loaded)."""
    return str(_(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message that ``count`` takes in the build's language ("1
    conference paper", "2 conference papers"; Korean has one form). Sphinx's ``_`` takes no
    plural, so this asks the catalogue's translations object, which Sphinx keeps."""
    return get_translator(CATALOGUE).ngettext(singular, plural, count)


def has_catalogue(language: str | None) -> bool:
    """Whether this package has a catalogue for ``language`` (gettext's own look-up:
    "ko_KR" finds "ko"); English needs none."""
    if not language or language.split("_")[0].split("-")[0].lower() == "en":
        return True
    return gettext.find(CATALOGUE, str(LOCALE_DIR), [language.replace("-", "_")]) is not None


def output_language(config: Config) -> str:
    """The language the extension writes in: ``language`` when its catalogue is here, else
    English (dates and words alike)."""
    language = str(config.language or "en")
    return language if has_catalogue(language) else "en"


def _say_when_english(app: Sphinx, config: Config) -> None:
    if not has_catalogue(config.language):
        logger.info("sphinx-portfolio has no catalogue for language %r: its own words and "
                    "dates are in English (catalogues: %s)", config.language,
                    ", ".join(available_languages()))


def available_languages() -> list[str]:
    """The languages this package has a compiled catalogue for."""
    return sorted(path.parent.parent.name
                  for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{CATALOGUE}.mo"))


@lru_cache(maxsize=8)
def written_characters(language: str) -> frozenset[str]:
    """The characters outside ASCII that the extension's own words and dates use in
    ``language`` (an :func:`output_language`): its catalogue's translations and Babel's month
    names and date patterns. The PDF's font check tells a missing one apart from the page's."""
    found: set[str] = set()
    path = gettext.find(CATALOGUE, str(LOCALE_DIR), [language.replace("-", "_")])
    if path is not None:  # English has none: its words are the messages themselves
        with open(path, "rb") as file:
            for message in read_mo(file):
                if message.id:
                    strings = message.string
                    found.update(*(strings if isinstance(strings, tuple) else (strings,)))
    locale = babel_locale(language)
    for month in range(1, 13):
        for skeleton in NAMED_MONTH_FORMATS.values():
            found.update(format_skeleton(skeleton, date(2000, month, 1), locale=locale))
    return frozenset(char for char in found if not char.isascii() and not char.isspace())


def setup_locale(app: Sphinx) -> None:
    app.add_message_catalog(CATALOGUE, LOCALE_DIR)
    app.connect("config-inited", _say_when_english)
