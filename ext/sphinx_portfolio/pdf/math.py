"""Math as Unicode text for the PDF CV (rinoh builder only).

rinohtype's own math support (ziamath + cairosvg) draws each formula as an
embedded vector image: no extractable/searchable text, a native cairo
dependency, and much slower layout.  A CV only has short inline formulas,
which Unicode text handles well.

Formulas may come from a .bib file anyone wrote: each is parsed within the bounds of
:func:`..formulas.parse_math` (length, depth), at most once, and one that cannot be
converted is one warning, quoting a few dozen characters of it, and printed as its source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Final

from docutils import nodes
from docutils.utils.math import mathml_elements
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import _shared
from ..domain import portfolio_domain
from ..formulas import (
    MATH_MAX_CHARS,
    MathLimitError,
    Unreadable,
    math_problem,
    parse_math,
    warn_once,
)

MATH_BLOCK_CLASS: Final = "portfolio-math-block"


# Spacing that LaTeX adds around relations and binary operators (not in scripts).
_SPACED_OPERATORS: Final = frozenset("=<>≤≥≠≈≃≅∼≡∝∈∉⊂⊆⊃⊇→←↔⇒⇐⇔↦+−±∓×·∘⊗⊕∪∩∧∨")  # noqa: RUF001
_APPLY_FUNCTION: Final = "\u2061"
_INVISIBLE: Final = dict.fromkeys(map(ord, "\u2061\u2062\u2063\u2064"))
# accent characters in docutils' MathML -> combining marks
_OVER_ACCENTS: Final = {
    "\u02c6": "\u0302", "^": "\u0302",  # hat, widehat
    "\u02dc": "\u0303", "~": "\u0303",  # tilde, widetilde
    "\u00af": "\u0304", "\u02c9": "\u0304",  # bar
    "_": "\u0305", "\u203e": "\u0305",  # overline
    "\u02d8": "\u0306", "\u02d9": "\u0307", "\u00a8": "\u0308",  # breve, dot, ddot
    "\u02da": "\u030a", "\u02c7": "\u030c",  # mathring, check
    "\u00b4": "\u0301", "`": "\u0300", "\u2192": "\u20d7",  # acute, grave, vec
}  # fmt: skip
_UNDER_ACCENTS: Final = {"_": "\u0332", "\u203e": "\u0332"}  # underline
_SCRIPTS: Final[dict[str, list[type[nodes.TextElement]]]] = {
    "msub": [nodes.subscript],
    "msup": [nodes.superscript],
    "msubsup": [nodes.subscript, nodes.superscript],
}
_BIG_OPERATORS: Final = frozenset("∑∏∐∫∬∭∮⋃⋂⋁⋀⨁⨂")  # noqa: RUF001


def latex_to_nodes(latex: str) -> list[nodes.Node]:
    """Inline docutils nodes (text, emphasis, sub/superscript) for *latex*.

    Uses docutils' own LaTeX -> MathML parser (pure Python, no extra
    dependency) and flattens the MathML tree to Unicode text, so that the PDF
    has real, extractable text (``\\ell_\\infty``: script l, subscript infinity).
    """
    root = mathml_elements.math()
    parse_math(root, latex.strip())  # bounded: _mathml below recurses once per level
    result = _merge_text(_row(root, tight=False))
    if result and isinstance(result[-1], nodes.Text):  # from _operator_space
        result[-1] = nodes.Text(result[-1].astext().rstrip())
    return [node for node in result if not isinstance(node, nodes.Text) or node.astext()]


def _row(element: Any, tight: bool) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    kids = list(element)
    for index, child in enumerate(kids):
        if child.tag == "mo" and child.text == _APPLY_FUNCTION:
            # "log n" needs a space, "Tr(A)" does not
            following = kids[index + 1].text if index + 1 < len(kids) else None
            if following and following[0] not in "([{|‖":
                out.append(nodes.Text(" "))
            continue
        out.extend(_mathml(child, tight=tight, first=index == 0))
    return out


def _mathml(element: Any, tight: bool, first: bool = False) -> list[nodes.Node]:
    tag: str = element.tag
    text = (element.text or "").translate(_INVISIBLE)
    kids = list(element)
    if tag == "mi":
        if element.get("mathvariant") != "normal" and _italic_letter(text):
            return [nodes.emphasis(text, text)]  # math italic, as in LaTeX
        return [nodes.Text(text)] if text else []
    if tag == "mo":
        if text in _SPACED_OPERATORS and not (first or tight):
            text = f" {text} "
        return [nodes.Text(text)] if text else []
    if tag in ("mn", "mtext"):
        return [nodes.Text(text)] if text else []
    if tag == "mspace":
        return [nodes.Text(" ")]
    if tag == "mphantom":
        return []
    if tag in ("msub", "msup", "msubsup"):
        scripts = _SCRIPTS[tag]
        return (
            _mathml(kids[0], tight)
            + [_script(cls, kid) for cls, kid in zip(scripts, kids[1:], strict=True)]
            + _operator_space(kids[0])
        )
    if tag in ("mover", "munder", "munderover"):
        base = _mathml(kids[0], tight)
        under = kids[1] if tag != "mover" else None
        over = kids[-1] if tag != "munder" else None
        if under is not None and not len(under) and under.text in _UNDER_ACCENTS:
            base, under = _combine(base, _UNDER_ACCENTS[under.text]), None
        if over is not None and not len(over) and over.text in _OVER_ACCENTS:
            base, over = _combine(base, _OVER_ACCENTS[over.text]), None
        return (
            base
            + [
                _script(cls, kid)
                for cls, kid in ((nodes.subscript, under), (nodes.superscript, over))
                if kid is not None
            ]
            + _operator_space(kids[0])
        )
    if tag == "mfrac":
        return [*_grouped(kids[0], tight), nodes.Text("/"), *_grouped(kids[1], tight)]
    if tag == "msqrt":
        inner = _row(element, tight)
        return [nodes.Text("√"), *_parenthesised(inner, len(kids) > 1)]
    if tag == "mroot":
        return [_script(nodes.superscript, kids[1]), nodes.Text("√"), *_grouped(kids[0], tight)]
    if tag == "mtr":
        return _joined([_row(cell, tight) for cell in kids], "  ")
    if tag == "mtable":
        return _joined([_mathml(row, tight) for row in kids], "; ")
    return _row(element, tight)  # math, mrow, mstyle, menclose, mpadded, ...


def _italic_letter(text: str) -> bool:
    """Plain Latin/Greek letter: italic as in TeX (not double-struck or script ones)."""
    return (
        len(text) == 1
        and text.isalpha()
        and unicodedata.name(text, "").startswith(("LATIN", "GREEK"))
    )


def _operator_space(base: Any) -> list[nodes.Node]:
    """Space after a scripted big operator or function name: "∑ᵢ xᵢ", "max_x f"."""
    text = base.text or ""
    if len(base) == 0 and (text in _BIG_OPERATORS or (len(text) > 1 and text.isalpha())):
        return [nodes.Text(" ")]
    return []


def _combine(base: list[nodes.Node], mark: str) -> list[nodes.Node]:
    """Append a combining *mark* to the last character of *base*, same style."""
    if base and isinstance(base[-1], nodes.emphasis):
        last = base[-1].astext() + mark
        return [*base[:-1], nodes.emphasis(last, last)]
    return [*base, nodes.Text(mark)]


def _grouped(element: Any, tight: bool) -> list[nodes.Node]:
    """Content of *element*, parenthesised when it is more than one token."""
    return _parenthesised(_mathml(element, tight), element.tag == "mrow" and len(element) > 1)


def _parenthesised(inner: list[nodes.Node], compound: bool) -> list[nodes.Node]:
    return [nodes.Text("("), *inner, nodes.Text(")")] if compound else inner


def _joined(parts: list[list[nodes.Node]], separator: str) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for index, part in enumerate(parts):
        if index:
            out.append(nodes.Text(separator))
        out.extend(part)
    return out


def _script(cls: type[nodes.TextElement], element: Any) -> nodes.Node:
    return cls("", "", *_merge_text(_mathml(element, tight=True)))


def _merge_text(items: list[nodes.Node]) -> list[nodes.Node]:
    merged: list[nodes.Node] = []
    for item in items:
        if isinstance(item, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
            merged[-1] = nodes.Text(merged[-1].astext() + item.astext())
        else:
            merged.append(item)
    return merged


def _math_fallback(latex: str) -> list[nodes.Node]:
    # Past the bound, the start is enough to recognise the formula: rinohtype takes seconds
    # to lay out each further 10,000 characters (the cut is marked by "…").
    if len(latex) > MATH_MAX_CHARS:
        latex = latex[:MATH_MAX_CHARS] + "…"
    text = re.sub(r"\\([A-Za-z]+)\s*", r"\1 ", latex)
    text = re.sub(r"[{}$\\]", "", text)
    return [nodes.Text(text)]


# A cache on a pure function of the formula, not per build: the text of a formula depends only
# on its source (and docutils' version), so a result stays right across builds, and the cache
# is bounded (entries and, through MATH_MAX_CHARS, their size). A paper listed on two pages
# is parsed once; failures are kept too. Callers get copies: a node has one parent.
@functools.lru_cache(maxsize=2048)
def _converted(latex: str) -> tuple[nodes.Node, ...] | Unreadable:
    try:
        return tuple(latex_to_nodes(latex))
    except Exception as exc:  # docutils' parser raises SyntaxError, IndexError, ...
        return Unreadable(math_problem(latex, exc))


def math_to_nodes(latex: str, node: nodes.Node, warned: set[tuple[object, ...]]
                  ) -> list[nodes.Node]:
    """Unicode text for ``latex``; unreadable math is reported at ``node`` (once per place and
    formula: ``warned`` holds those reported) and printed as its source without commands."""
    converted = _converted(latex)
    if not isinstance(converted, Unreadable):
        return [part.deepcopy() for part in converted]
    _warn_once(converted.problem, latex, node, warned)
    return _math_fallback(latex)


def _warn_once(problem: str, latex: str, node: nodes.Node,
               warned: set[tuple[object, ...]]) -> None:
    warn_once(warned, node, latex, f"cannot convert math {problem}; printed as text in the PDF")


class MathToText(SphinxPostTransform):
    """Render math as Unicode text in the PDF.

    rinohtype's own math support (ziamath + cairosvg) draws each formula as
    an embedded vector image: no extractable/searchable text, a native
    cairo dependency, and much slower layout.  A CV only has short inline
    formulas, which Unicode text handles well.  ``$...$`` in bibliography
    entries is already a math node by now (``publications.transforms.PublicationExtras``).
    """

    default_priority = _shared.PDF_MATH  # after the bibliography entries are in place
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        warned = portfolio_domain(self.env).math_warned
        for math in list(self.document.findall(nodes.math)):
            math.replace_self(nodes.inline("", "", *math_to_nodes(math.astext(), math, warned)))
        for block in list(self.document.findall(nodes.math_block)):
            latex = block.astext()
            rows = [row for row in latex.split("\\\\") if row.strip()]
            if len(latex) > MATH_MAX_CHARS:  # as on the web, which converts the block at once
                limit = MathLimitError(f"longer than {MATH_MAX_CHARS:,} characters")
                _warn_once(math_problem(latex, limit), latex, block, warned)
                contents = [_math_fallback(row) for row in rows]
            else:
                contents = [math_to_nodes(row, block, warned) for row in rows]
            block.replace_self([
                nodes.paragraph("", "", *content, classes=[MATH_BLOCK_CLASS])
                for content in contents
            ])


