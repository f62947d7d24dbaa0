"""The one way text reaches Typst source: as a string literal, never as markup or code.

Typst's markup gives meaning to almost every ASCII punctuation mark (``#`` starts code,
``$`` math, ``<x>`` a label, ``@x`` a reference, ``//`` a comment, ``=`` at a line start a
heading, ...), so escaping characters one by one would have to track the language as it
changes between releases. A string literal has four escapes (``\\\\``, ``\\"``, ``\\u{...}``
and the white-space ones) that have not changed since Typst 0.1, and shown as content
(``#"..."``) its text is set as it is: nothing in it is parsed, evaluated or looked up.
Titles, authors, YAML values, page text, URLs and file names all go through
:func:`typst_string`; ``tests/test_pdf_typst.py`` holds it to that with random text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["typst_string", "typst_text"]

#: What a string literal must escape, and what it leaves out: control characters (none
#: draws anything; a line break is white space, handled before) and soft hyphens (copied out
#: of a PDF as U+00AD); everything else is written as it is.
_LITERAL: Final = {ord("\\"): "\\\\", ord('"'): '\\"', 0xAD: None,
                   **dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])}
#: Runs of breaking white space (tabs, line and paragraph separators, NEL, ...); the
#: no-break spaces that keep a date, an amount or a name on one line are kept.
_SPACES: Final = re.compile(r"[^\S\u00a0\u2007\u202f]+")
#: Lone surrogates: no character at all (a broken decode), and no valid UTF-8 for Typst.
_SURROGATES: Final = re.compile("[\ud800-\udfff]")


def _literal(text: str) -> str:
    return _SURROGATES.sub("", text.translate(_LITERAL))


def typst_string(text: str, *, keep_lines: bool = False) -> str:
    """``text`` as a Typst string literal (with its quotes).

    White space runs become one space (as HTML shows text), unless ``keep_lines``, where each
    line break is kept as ``\\n``; control characters and soft hyphens are left out. Letters
    typed with combining accents are composed (NFC: the same text): a PDF reader copies a
    letter and its separate accent out twice.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if keep_lines:
        body = "\\n".join(_literal(_SPACES.sub(" ", line)) for line in text.splitlines())
    else:
        body = _literal(_SPACES.sub(" ", text))
    return f'"{body}"'


def typst_text(text: str) -> str:
    """``text`` as markup that sets it literally: ``#"...";`` (the semicolon ends the
    expression, so what follows is never read as part of it)."""
    return f"#{typst_string(text)};" if text else ""
