"""The one way text reaches Typst source: as a string literal, never as markup or code.

Typst's markup gives meaning to almost every ASCII punctuation mark (``#`` starts code,
``$`` math, ``<x>`` a label, ``@x`` a reference, ``//`` a comment, ``=`` at a line start a
heading, ...), so escaping characters one by one would have to track the language as it
changes between releases. A string literal has four escapes (``\\\\``, ``\\"``, ``\\u{...}``
and the white-space ones) that have not changed since Typst 0.1, and shown as content
(``#"..."``) its text is set as it is: nothing in it is parsed, evaluated or looked up.
Titles, authors, YAML values, page text, URLs and file names all go through
:func:`typst_string`; ``tests/test_pdf_escaping.py`` holds it to that with random text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: What a string literal must escape; everything else is written as it is.
_ESCAPES: Final = {"\\": "\\\\", '"': '\\"'}
#: Runs of breaking white space (tabs, line and paragraph separators, NEL, ...); the
#: no-break spaces that keep a date, an amount or a name on one line are kept.
_SPACES: Final = re.compile(r"[^\S\u00a0\u2007\u202f]+")
#: Characters that draw nothing and would reach the PDF's text as code points a reader's
#: copy does not want: soft hyphens (shown as U+00AD in copied text), zero-width
#: joiners' cousins are kept (they shape scripts), controls and lone surrogates dropped.
_DROPPED: Final = frozenset({"\u00ad"})


def _literal_char(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char in _DROPPED:
        return ""
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Cn") and not char.isspace():
        return ""  # controls, lone surrogates, unassigned: nothing a font draws
    return char


def typst_string(text: str, *, keep_lines: bool = False) -> str:
    """``text`` as a Typst string literal (with its quotes).

    White space runs become one space (as HTML shows text), unless ``keep_lines``, where each
    line break is kept as ``\\n``; control characters and soft hyphens are left out. Letters
    typed with combining accents are composed (NFC: the same text): a PDF reader copies a
    letter and its separate accent out twice.
    """
    text = unicodedata.normalize("NFC", text)
    if keep_lines:
        lines = [_SPACES.sub(" ", line) for line in text.splitlines()]
        body = "\\n".join("".join(map(_literal_char, line)) for line in lines)
    else:
        body = "".join(map(_literal_char, _SPACES.sub(" ", text)))
    return f'"{body}"'


def typst_text(text: str) -> str:
    """``text`` as markup that sets it literally: ``#"...";`` (the semicolon ends the
    expression, so what follows is never read as part of it)."""
    return f"#{typst_string(text)};" if text else ""
