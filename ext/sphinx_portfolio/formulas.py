"""Formulas from untrusted text: parsed within bounds, quoted briefly in warnings.

Both converters of math (:mod:`.web.math` to MathML, :mod:`.pdf.math` to text) put these
bounds on a formula before it reaches docutils' LaTeX parser, because formulas come from
.bib files and pages, which anyone may have written (see :func:`parse_math`).
"""

from __future__ import annotations

from typing import Final, NamedTuple
from xml.etree.ElementTree import Element as XMLElement

from docutils import nodes
from docutils.utils.math.latex2mathml import parse_latex_math
from docutils.utils.math.mathml_elements import MathElement

from ._shared import warn
from .warnings_ import Subtype

__all__ = [
    "MATH_QUOTED_CHARS", "Unreadable", "math_problem", "parse_latex_math", "parse_math",
    "warn_once",
]

#: Longest formula given to docutils' parser. Its time grows with the square of the length
#: (20,000 ``\sqrt`` took 18 s, each time the formula was shown); the formulas of titles and
#: abstracts are a few dozen characters, a long displayed equation some hundreds.
MATH_MAX_CHARS: Final = 2_000
#: Deepest MathML tree converted. Writing MathML and flattening it to text for the PDF recurse
#: once per level (a few Python frames each), and Python stops at 1,000 frames; a real
#: formula is 5 to 10 levels deep (each ``{...}`` as a script or argument adds about two).
MATH_MAX_DEPTH: Final = 50
#: How much of a formula, or of the parser's message (which quotes the rest of the formula),
#: a warning shows.
MATH_QUOTED_CHARS: Final = 80


class MathLimitError(ValueError):
    """A formula past :data:`MATH_MAX_CHARS` or :data:`MATH_MAX_DEPTH`: shown as its source."""


def parse_math(root: MathElement, latex: str) -> None:
    """docutils' ``parse_latex_math(root, latex)``, within the bounds above.

    The length is checked before parsing (the parse is what is slow); the depth after it (the
    parse itself is a loop, not a recursion, so a deep formula costs it nothing): counted
    without recursion, so that nothing recurses over a tree deeper than the bound.
    Raises :class:`MathLimitError`, or what docutils raises for math it cannot read.
    """
    if len(latex) > MATH_MAX_CHARS:
        raise MathLimitError(f"longer than {MATH_MAX_CHARS:,} characters")
    parse_latex_math(root, latex)
    if _depth(root) > MATH_MAX_DEPTH:
        raise MathLimitError(f"nested more than {MATH_MAX_DEPTH} levels deep")


def _depth(root: XMLElement) -> int:
    deepest = 0
    stack: list[tuple[XMLElement, int]] = [(root, 1)]
    while stack:
        element, level = stack.pop()
        deepest = max(deepest, level)
        if level <= MATH_MAX_DEPTH:  # one level past the bound is enough to know
            stack.extend((child, level + 1) for child in element)
    return deepest


def math_problem(latex: str, exc: Exception) -> str:
    """``'<formula>' (...): <why>`` for a warning, each part cut to a few dozen characters:
    a formula of a .bib file may be 10,000 characters long, and docutils' messages quote it."""
    reason = str(exc) or type(exc).__name__
    if isinstance(exc, RecursionError):  # only if a bound above failed to hold
        reason = "nested too deeply"
    if len(reason) > MATH_QUOTED_CHARS:
        reason = reason[:MATH_QUOTED_CHARS] + "…"
    return f"{math_excerpt(latex)}: {reason}"


def math_excerpt(latex: str) -> str:
    """The formula quoted, its first :data:`MATH_QUOTED_CHARS` characters when longer."""
    if len(latex) <= MATH_QUOTED_CHARS:
        return repr(latex)
    return f"{latex[:MATH_QUOTED_CHARS]!r}… ({len(latex):,} characters)"


class Unreadable(NamedTuple):
    """A formula a converter could not convert: what the warning says of it."""

    problem: str  # the formula, cut, and why (:func:`math_problem`)


def warn_once(warned: set[tuple[object, ...]], node: nodes.Node, latex: str,
              message: str) -> None:
    """One ``portfolio.math`` warning at ``node`` per place and formula: a formula is shown
    on the publications list and on the paper's page, in the HTML and in the PDF."""
    # The formula without white space: a title's formula comes from pybtex's formatting in
    # lists (``\\sqrt \\sqrt``) and from the field itself on the paper's page (``\\sqrt\\sqrt``).
    key = (node.source, node.line, "".join(latex.split()))
    if key not in warned:
        warned.add(key)
        warn(message, Subtype.MATH, node)
