"""The words the extension writes, marked for the message catalogue without translating them.

``data/`` and ``bib/`` import no Sphinx, so they cannot translate: they mark each word they
write with :func:`N_` (the catalogue's extraction finds it) and write it untranslated, or
through a :data:`Translate` callable the Sphinx side hands them
(:mod:`sphinx_portfolio.locale` translates in the build's ``language``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

__all__ = ["N_", "Translate", "untranslated"]

#: A message of the catalogue -> its text in the build's language.
Translate: TypeAlias = Callable[[str], str]


def N_(message: str) -> str:  # gettext's name for a marker, as extraction knows it
    """``message`` as it is: marks it for the catalogue, translated where it is written."""
    return message


def untranslated(message: str) -> str:
    """A :data:`Translate` that leaves every message in English (the catalogue's own)."""
    return message
