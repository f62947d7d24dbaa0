r"""LaTeX field text -> Unicode rich text: accents decoded, braces dropped, math kept.

Pure Python on top of pybtex and latexcodec: nothing here imports Sphinx. BibTeX fields
hold LaTeX source; everything that shows a field (the style, names, metadata) reads it
through :func:`latex_to_text` or :func:`clean_latex`, and whatever compares field text
(owner names, venue names) compares the :func:`fold_words` of it.

Two forms of text come out. *Math text* (:func:`latex_to_text`, :func:`math_text`) is
what is shown with its formulas: a ``$...$`` span is TeX math and ``\$`` a dollar sign,
as in the source, so that whatever makes math nodes of it (``publications.render``) can
tell "Saving \$5 and \$10" from a formula. *Plain text* (:func:`clean_latex`) is for
what has no math (a page's ``<title>``, metadata, feeds, CSL-JSON): a dollar is ``$``
and a formula its TeX source between dollars.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeAlias

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.database import Entry
from pybtex.richtext import BaseText, Tag, Text

__all__ = [
    "ascii_folded", "clean_latex", "field_text", "fold_words", "latex_to_text", "math_text",
    "unescape_dollars",
]

# Latin letters that NFKD does not split into a base letter and an accent, as ASCII.
_TRANSLITERATIONS = str.maketrans({
    "ø": "o", "Ø": "O", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng", "\u0131": "i",
})

# `$...$` and `$$...$$` stay verbatim so that a later transform can make math nodes of them.
_MATH_SPAN = re.compile(r"(?<!\\)(\$\$?)(?!\$).+?(?<!\\)\1", re.S)
_TOKEN = re.compile(
    r"\\(?P<word>[A-Za-z]+)(?:\s+(?=\{))?|\\(?P<symbol>.)|(?P<brace>[{}])|(?P<text>[^\\{}]+)",
    re.S,
)
_STYLE_TAGS: dict[str, str] = {"emph": "em", "textit": "em", "textsl": "em", "textbf": "strong"}
# Combining marks for accent commands latexcodec leaves undecoded (e.g. `\'{\i}`).
_ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "r": "\u030a",
    "c": "\u0327",
    "k": "\u0328",
    "d": "\u0323",
    "b": "\u0331",
}
_SYMBOLS: dict[str, str] = {
    "i": "\u0131",
    "j": "\u0237",
    "dots": "\u2026",
    "ldots": "\u2026",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "\\": " ",
    " ": " ",
    ",": "\u2009",
    "&": "&",
    "%": "%",
    "$": "\\$",  # ESCAPED_DOLLAR: a dollar sign, not the start of math
    "textdollar": "\\$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
}


@dataclass(frozen=True)
class _Command:
    name: str


#: A dollar sign in math text (a bare ``$`` there opens or closes a formula).
ESCAPED_DOLLAR = "\\$"

_Node: TypeAlias = "str | _Command | list[_Node]"
_Rich: TypeAlias = "str | BaseText"


def latex_to_text(latex: str) -> Text:
    """Rich Unicode text for a BibTeX field: accents decoded, braces dropped, math kept.

    `\\emph`/`\\textit` become ``em`` tags and `\\textbf` a ``strong`` tag; other commands
    keep only their braced argument.
    """
    parts: list[_Rich] = []
    position = 0
    for math in _MATH_SPAN.finditer(latex):
        parts += _prose_to_rich(latex[position : math.start()])
        parts.append(math.group(0))
        position = math.end()
    parts += _prose_to_rich(latex[position:])
    return Text(*parts)


@functools.lru_cache(maxsize=65536)  # titles are shown in lists, pages and feeds
def math_text(latex: str) -> str:
    """:func:`latex_to_text` without the markup, still math text (``\\$`` a dollar)."""
    return str(latex_to_text(latex))


@functools.lru_cache(maxsize=65536)  # names are compared again and again
def clean_latex(latex: str) -> str:
    """Plain text: :func:`latex_to_text` without the markup, a dollar sign as ``$``."""
    return unescape_dollars(math_text(latex))


def unescape_dollars(text: str) -> str:
    """Math text as plain text: each ``\\$`` a ``$`` (formulas keep their dollars)."""
    return text.replace(ESCAPED_DOLLAR, "$")


def field_text(entry: Entry, name: str) -> str:
    """The LaTeX source of field ``name``, stripped; "" when the entry does not have it."""
    return str(entry.fields.get(name, "")).strip()


def ascii_folded(text: str) -> str:
    """``text`` in ASCII, for file names and URLs: accents dropped ("Sönke" -> "Sonke"), the
    Latin letters Unicode does not decompose written out ("Søren Łukasz" -> "Soren Lukasz",
    "ß" -> "ss", "æ" -> "ae"), anything else that is not ASCII (CJK, symbols) dropped. What
    else a name wants (separators, case, length) is each caller's own rule."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATIONS))
    return decomposed.encode("ascii", "ignore").decode()


def fold_words(text: str) -> list[str]:
    """Lower-case words with accents and punctuation gone: "Müller-Lüdenscheid" → 2 words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_TRANSLITERATIONS))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.findall(r"[^\W_]+", bare)


def _prose_to_rich(prose: str) -> list[_Rich]:
    prose = re.sub(r"[ \t\r\n]+", " ", prose)
    # latexcodec reads a bare % as a comment and drops the rest of the field.
    prose = re.sub(r"(?<!\\)%", r"\\%", prose)
    # latexcodec also drops leading spaces, which matter next to a math span.
    leading = " " if prose.startswith(" ") else ""
    return [leading, *_render(_parse(_decode_latex(prose)))]


# latexcodec turns these into characters our own parse then reads as LaTeX again ("\\" + "{}"
# -> "{"; "\\^{}" -> an accent on nothing): they are kept out of its way as private-use
# characters, which stand for the character once parsed.
_LITERALS = {"textbackslash": "\\", "textasciicircum": "^", "textasciitilde": "~"}
_LITERAL_COMMAND = re.compile(r"\\(" + "|".join(_LITERALS) + r")(?![A-Za-z]) *(?:\{\})?")
_PLACEHOLDERS = {name: chr(0xE000 + index) for index, name in enumerate(_LITERALS)}
_FROM_PLACEHOLDERS = str.maketrans({_PLACEHOLDERS[name]: text for name, text in _LITERALS.items()})


#: What latexcodec changes: commands, groups, ties, dashes, TeX quotes (``, '', ,,, << >>,
#: ?` !`), and the specials. Prose with none of it decodes to itself, less its leading
#: blanks (tests/test_bibstyle.py holds the two to that), and most abstracts and titles
#: are such prose: latexcodec, pure Python, was most of a large bibliography's formatting.
_LATEX_SYNTAX = re.compile(r"[\\{}~`$%&#_^]|--|''|<<|>>|,,")


@functools.lru_cache(maxsize=65536)  # names and venues repeat across entries and passes
def _decode_latex(prose: str) -> str:
    if not _LATEX_SYNTAX.search(prose):
        return prose.lstrip(" ")
    protected = _LITERAL_COMMAND.sub(lambda match: _PLACEHOLDERS[match[1]], prose)
    # A backslash that ends the text starts no command: latexcodec raises on it.
    protected = _TRAILING_BACKSLASH.sub(
        lambda match: match[1] + _PLACEHOLDERS["textbackslash"], protected)
    try:
        # The "ulatex" codec decodes str to str, which the typeshed overloads do not foresee.
        decoded: str = codecs.decode(protected, "ulatex")  # type: ignore[call-overload]
    except UnicodeDecodeError:  # another token it cannot read: the text as written
        return prose.lstrip(" ")
    return decoded


#: An odd run of backslashes at the end: pairs (``\\``, a line break) and one left over.
_TRAILING_BACKSLASH = re.compile(r"((?<!\\)(?:\\\\)*)\\$")


def _parse(decoded: str) -> list[_Node]:
    root: list[_Node] = []
    stack = [root]
    for token in _TOKEN.finditer(decoded):
        if token["brace"] == "{":
            group: list[_Node] = []
            stack[-1].append(group)
            stack.append(group)
        elif token["brace"] == "}":
            if len(stack) > 1:  # a stray closing brace is dropped
                stack.pop()
        elif token["text"] is not None:
            stack[-1].append(token["text"].translate(_FROM_PLACEHOLDERS))
        else:
            stack[-1].append(_Command(token["word"] or token["symbol"]))
    return root


def _render(nodes: list[_Node]) -> list[_Rich]:
    rendered: list[_Rich] = []
    remaining = list(nodes)
    while remaining:
        node = remaining.pop(0)
        if isinstance(node, str):
            rendered.append(node)
        elif isinstance(node, list):
            rendered += _render(node)
        else:
            arguments = _take_groups(remaining, _arity(node.name))
            rendered += _apply(node.name, [_render(group) for group in arguments])
    return rendered


def _arity(command: str) -> int:
    if command == "href":
        return 2
    return 1 if command in _STYLE_TAGS or command in _ACCENTS else 0


def _take_groups(remaining: list[_Node], count: int) -> list[list[_Node]]:
    groups: list[list[_Node]] = []
    while len(groups) < count and remaining and isinstance(remaining[0], list):
        groups.append(remaining.pop(0))  # type: ignore[arg-type]
    return groups


def _apply(command: str, arguments: list[list[_Rich]]) -> list[_Rich]:
    if command in _STYLE_TAGS:
        return [Tag(_STYLE_TAGS[command], *arguments[0])] if arguments else []
    if command in _ACCENTS:
        base = str(Text(*arguments[0])).replace("\u0131", "i") if arguments else ""
        return [unicodedata.normalize("NFC", base[:1] + _ACCENTS[command] + base[1:])]
    if command == "href":
        return arguments[-1] if arguments else []
    return [_SYMBOLS.get(command, "")]
