"""TeX formulas as Typst math source, for ``$ ... $`` in the generated Typst markup.

Formulas come from .bib titles and page text anyone wrote, and Typst's math syntax gives
meaning to nearly everything in them: a word is a variable or a function (``alpha``, ``sum``,
``panic``), ``#`` starts code, ``_ ^ / & ' ( )`` build structure, ``->``, ``<=``, ``...``
are shorthands. So no character of the formula is written as math syntax: each token is
a string literal (:func:`.syntax.typst_string`), and the structure around them is written by
this module from names of its own (``frac``, ``attach``, ``italic``, ...).

It is written by hand because no library converts TeX to Typst math safely for untrusted
input (converters pass unknown text through as Typst source). The parse is the one the
web side already uses: docutils' LaTeX to MathML tree, within the bounds of
:func:`..formulas.parse_math`; its depth is bounded, so converting it recurses plainly.

Tokens are not separated by spaces: in Typst math, a space beside a string is set as a
space (``"x" "y"`` shows "x y"), and every token here starts with ``"``, ``#`` or a name
followed by ``(``, and ends with ``"`` or ``)``, so that adjacent tokens never fuse.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final
from xml.etree.ElementTree import Element

from docutils.utils.math.mathml_elements import math

from ..formulas import math_problem, parse_math
from .syntax import typst_string

__all__ = ["Unconvertible", "latex_to_typst"]

#: Invisible operators (function application, invisible times, ...): MathML's, not text.
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064"))
#: Categories of characters that are not a glyph of their own: written as text, not symbol.
_NOT_GLYPHS: Final = frozenset({"Cc", "Cf", "Cs", "Cn", "Co", "Zs", "Zl", "Zp", "Mn", "Me"})
#: docutils' accent characters (over a base) -> the combining marks Typst's accent takes.
_ACCENTS: Final = {
    "\u02c6": "\u0302", "^": "\u0302", "\u02dc": "\u0303", "~": "\u0303", "ˉ": "\u0304",
    "˘": "\u0306", "˙": "\u0307", "¨": "\u0308", "˙˙˙": "\u20db", "˙˙˙˙": "\u20dc",
    "˚": "\u030a", "ˇ": "\u030c", "\u00b4": "\u0301", "`": "\u0300",
    "→": "\u20d7", "←": "\u20d6", "↔": "\u20e1",
}  # fmt: skip
#: Lines and braces over or under a base -> Typst's function for them.
_OVER: Final = {"_": "overline", "‾": "overline", "¯": "overline", "⏞": "overbrace"}
_UNDER: Final = {"_": "underline", "‾": "underline", "⏟": "underbrace"}
#: Delimiters that ``\left``/``\right`` give (as ``<mo>`` without ``stretchy``).
_FENCES: Final = frozenset("()[]{}|‖⟨⟩⌊⌋⌈⌉/\\")
#: A length of ``<mspace>`` (``\hspace{...}`` is the formula's text): units Typst has.
_LENGTH: Final = re.compile(r"(-?(?:\d+\.?\d*|\.\d+))(em|pt|mm|cm|in)")
_MAX_LENGTH: Final = 100.0  # of any unit: a space wider than a page is no formula's
_SCRIPTS: Final = {"msub": ("b",), "msup": ("t",), "msubsup": ("b", "t"),
                   "munder": ("b",), "mover": ("t",), "munderover": ("b", "t")}
_ROWS: Final = frozenset({"math", "mrow", "mstyle", "mpadded", "mtd"})
#: How many children an element with arguments has (docutils' tree, if it is well formed).
_ARITY: Final = {"mfrac": 2, "mroot": 2, "msub": 2, "msup": 2, "msubsup": 3,
                 "munder": 2, "mover": 2, "munderover": 3}
#: An empty argument (``frac(, x)`` is none).
_EMPTY: Final = '""'


class Unconvertible(ValueError):
    """A formula this module does not convert; the message quotes it and says why."""


def latex_to_typst(latex: str) -> str:
    """Typst math source (without the ``$``) for the TeX formula ``latex``.

    Raises :class:`Unconvertible` for a formula that docutils cannot parse, one past the
    bounds of :func:`..formulas.parse_math`, or one with a construct not converted here.
    """
    root = math()
    try:
        parse_math(root, latex)
    except Exception as exc:  # MathLimitError, MathError, and IndexError, AttributeError...
        raise Unconvertible(math_problem(latex, exc)) from exc
    try:
        return _styled(root, _row(root))
    except Unconvertible as exc:
        raise Unconvertible(math_problem(latex, exc)) from None


def _convert(element: Element) -> str:
    return _styled(element, _element(element))


def _arg(element: Element) -> str:
    """An argument of a Typst function: never empty (``frac(, x)`` is not one)."""
    return _convert(element) or _EMPTY


def _element(element: Element) -> str:
    tag = element.tag
    kids = list(element)
    if len(kids) != _ARITY.get(tag, len(kids)):
        raise Unconvertible(f"<{tag}> with {len(kids)} parts")
    text = (element.text or "").translate(_INVISIBLE)
    if tag == "mi":
        return _identifier(element, function=False)
    if tag in ("mn", "mtext"):
        return typst_string(text) if text else ""
    if tag == "mo":
        return _operator(element, text)
    if tag == "mspace":
        return f"#h({_length(element.get('width', ''))})"
    if tag == "mrow" and element.get("class") == "binom" and len(kids) == 3 \
            and kids[1].tag == "mfrac" and len(kids[1]) == 2:
        fraction = kids[1]  # between its parentheses
        return _styled(fraction, f"binom({_arg(fraction[0])}, {_arg(fraction[1])})")
    if tag in _ROWS:
        return _row(element)
    if tag == "mfrac":
        if element.get("linethickness") is not None:
            raise Unconvertible("a fraction without its line outside \\binom")
        return f"frac({_arg(kids[0])}, {_arg(kids[1])})"
    if tag == "msqrt":
        return f"sqrt({_row(element) or _EMPTY})"
    if tag == "mroot":
        return f"root({_arg(kids[1])}, {_arg(kids[0])})"
    if tag in _SCRIPTS:
        return _scripts(element, kids)
    if tag == "mtable":
        return _table(element, kids)
    if tag == "mphantom":  # hide is no function of math's scope: code, around our math
        return f"#hide($ {_row(element)} $)"
    if tag == "menclose" and element.get("notation") == "box":
        return f"#box(stroke: 0.5pt, inset: 0.2em, $ {_row(element)} $)"
    raise Unconvertible(f"no Typst for MathML <{tag}>")


def _row(element: Element) -> str:
    """The children side by side; ``\\left ... \\right`` delimiters stretched by ``lr``."""
    kids = list(element)
    parts = []
    for index, kid in enumerate(kids):
        applied = index + 1 < len(kids) and kids[index + 1].text == "\u2061"
        parts.append(_identifier(kid, function=True) if applied and kid.tag == "mi"
                     else _convert(kid))
    row = "".join(parts)
    if element.get("class") == "boldsymbol":
        return f"bold({row or _EMPTY})"
    fences = [kid for kid in kids[:1] + kids[-1:] if _is_fence(kid)]
    if element.tag != "mrow" or not fences:
        return row
    size = fences[0].get("maxsize")  # \bigl( ... \bigr): a fixed height
    return f"lr({row}, size: #{_length(size)})" if size else f"lr({row})"


def _is_fence(element: Element) -> bool:
    return element.tag == "mo" and "stretchy" not in element.attrib and element.text in _FENCES


def _is_glyph(text: str) -> bool:
    """One visible character, with the marks on it (``\\not a``: ``a\\u0338``): not a space,
    a mark alone or a control, nor what :func:`.syntax.typst_string` leaves out."""
    return (bool(text) and unicodedata.category(text[0]) not in _NOT_GLYPHS
            and all(unicodedata.category(mark) == "Mn" for mark in text[1:])
            and typst_string(text) != _EMPTY)


def _glyph(text: str) -> str:
    """A character as a glyph of the math font (``#symbol("+")``): Typst spaces it by its
    Unicode math class (binary, relation, large, opening...) and enlarges big operators in
    display style, where a string is set as text, spaced as a letter."""
    return f"#symbol({typst_string(text)})" if _is_glyph(text) else typst_string(text)


def _identifier(element: Element, function: bool) -> str:
    """``<mi>``: a letter in italic, as TeX sets it, unless docutils marks it upright
    (``\\mathrm``, capital Greek); a word upright, and spaced as an operator if it is a
    function's name (``\\sin x``), which docutils marks with an invisible application."""
    text = (element.text or "").translate(_INVISIBLE)
    if len(text) != 1:
        return f"op({typst_string(text)})" if function and text else typst_string(text)
    glyph = _glyph(text)
    if not (text.isalpha() and unicodedata.name(text, "").startswith(("LATIN", "GREEK"))):
        return glyph  # a symbol (\ell, \infty) or a styled letter (\mathbb{R})
    upright = element.get("mathvariant") == "normal" or element.get("class") == "capital-greek"
    return f"{'upright' if upright else 'italic'}({glyph})"


def _operator(element: Element, text: str) -> str:
    text = text.replace("'", "\u2032")  # f' is f prime, not an apostrophe
    if not text:
        return ""  # the invisible ones
    if _is_glyph(text):
        if element.get("class") == "mathopen":  # \lvert: | is a fence either way in Unicode
            return f'class("opening", {_glyph(text)})'
        if element.get("form") == "postfix":  # \colon
            return f'class("punctuation", {_glyph(text)})'
        return _glyph(text)
    literal = typst_string(text)
    if element.get("movablelimits") == "true":  # \lim_{n}, \max_x: below in display style
        return f"op({literal}, limits: #true)"
    if element.get("lspace") is not None:  # \bmod
        return f'class("binary", op({literal}))'
    if text.isalpha():  # \lim, \max without a limit
        return f"op({literal})"
    return f'class("normal", {literal})'  # none of docutils' operators: spaced as a letter


def _scripts(element: Element, kids: list[Element]) -> str:
    """Sub- and superscripts, limits under and over, accents, lines and braces."""
    tag = element.tag
    base, scripts = kids[0], kids[1:]
    annotated = {"msup": ("mover", "⏞", "overbrace"), "msub": ("munder", "⏟", "underbrace")}
    inner, brace, name = annotated.get(tag, ("", "", ""))
    if base.tag == inner and len(base) == 2 and _mark(base[1]) == brace:
        return f"{name}({_arg(base[0])}, {_arg(scripts[0])})"  # \overbrace{x}^{a}
    if base.tag == "mi" and len(base.text or "") > 1:
        source = _identifier(base, function=True)  # \sin^2 x: still a function's name
    else:
        source = _arg(base)
    attached = dict(zip(_SCRIPTS[tag], scripts, strict=True))
    marks = 0  # \hat{x}, \overline{x}, \underline{x}: drawn on the base, not attached
    over, under = _mark(attached.get("t")), _mark(attached.get("b"))
    if tag in ("mover", "munderover") and (over in _ACCENTS or over in _OVER):
        del attached["t"]
        marks += 1
        source = (f"accent({source}, {typst_string(_ACCENTS[over])})" if over in _ACCENTS
                  else f"{_OVER[over]}({source})")
    if tag in ("munder", "munderover") and under in _UNDER:
        del attached["b"]
        marks += 1
        source = f"{_UNDER[under]}({source})"
    if not attached:
        return source
    # Under and over are limits, except those TeX moves aside in inline style (\sum_i,
    # \lim_n), and a script beside a mark (docutils makes \vec{x}_i under and over).
    movable = base.tag == "mo" and base.get("movablelimits") == "true"
    if tag in ("munder", "mover", "munderover") and not movable and not marks:
        source = f"limits({source})"
    positions = ", ".join(f"{key}: {_arg(script)}" for key, script in attached.items())
    return f"attach({source}, {positions})"


def _mark(element: Element | None) -> str:
    """The character of a lone ``<mo>`` (an accent, a line, a brace), else ``""``."""
    if element is None or element.tag != "mo" or len(element):
        return ""
    return element.text or ""


def _table(element: Element, rows: list[Element]) -> str:
    """``mat(...)``: cells separated by ``,``, rows by ``;``; the delimiters around it (of
    ``pmatrix``, ``cases``) are the ``<mo>`` beside it."""
    if any(row.tag != "mtr" or any(cell.tag != "mtd" for cell in row) for row in rows):
        raise Unconvertible("a table row without its cells")
    body = "; ".join(", ".join(_arg(cell) for cell in row) for row in rows)
    align = "align: #left, " if element.get("columnalign") == "left" else ""
    return f"mat(delim: #none, {align}{body})" if body else _EMPTY


def _length(value: str) -> str:
    """A length of docutils' (from ``\\hspace{...}`` too): rewritten from its number, so
    that nothing of the formula's text reaches the code it is in."""
    match = _LENGTH.fullmatch(value.strip())
    if not match or abs(float(match[1])) > _MAX_LENGTH:
        raise Unconvertible(f"a space of {value[:20]!r}")
    number = f"{float(match[1]):.4f}".rstrip("0").rstrip(".")
    return f"{number}{match[2]}"


def _styled(element: Element, body: str) -> str:
    """``\\displaystyle``, ``\\dfrac`` and the like: Typst's style functions."""
    display = element.get("displaystyle")
    if display is None:
        return body
    level = str(element.get("scriptlevel", "0"))
    style = {"1": "script", "2": "sscript"}.get(level)
    style = style or ("display" if str(display).lower() == "true" else "inline")
    return f"{style}({body or _EMPTY})"
