"""Math as MathML, written at build time: offline, and no MathJax from a CDN.

Formulas may come from a .bib file anyone wrote: each is converted within the bounds of
:func:`..formulas.parse_math` (length, depth), at most once, and one that cannot be
converted is one warning, quoting a few dozen characters of it, and shown as code.

A single-letter variable is marked (class :data:`MATH_LETTER`): browsers draw it in a
math font's italic (mathematical italic letters, which few text fonts have), and where the
style sheet sets a formula in its sentence's font (titles and abstracts), it draws these
in that font's italic instead.
"""

from __future__ import annotations

import functools
from typing import Final

from docutils import nodes
from docutils.utils.math import toplevel_code
from docutils.utils.math.mathml_elements import MathElement, math, mtable, mtd, mtr
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.writers.html5 import HTML5Translator

from ..buildstate import build_state
from ..formulas import Unreadable, math_problem, parse_math, warn_once

__all__ = ["setup_math"]

#: The class of a single-letter variable (see above).
MATH_LETTER: Final = "portfolio-math-letter"


# A cache on a pure function of the formula, not per build: the MathML of a formula depends
# only on its text (and docutils' version), so a result stays right across builds, and the
# cache is bounded (entries and, through MATH_MAX_CHARS, their size). A formula is shown on
# the publications list, the paper's page and the home page: it is parsed once. Failures are
# kept too, so that a formula that cannot be read is not parsed again either.
@functools.lru_cache(maxsize=2048)
def _convert(latex: str, block: bool) -> str | Unreadable:
    """``tex2mathml(latex, as_block=block)`` through the bounded parse, or why not."""
    try:
        # as docutils' tex2mathml, which parses with no bound
        tree = math(xmlns="http://www.w3.org/1998/Math/MathML")
        node: MathElement = tree
        if block:
            tree.set("display", "block")
            if r"\\" in toplevel_code(latex):  # linear: splits at environments only
                # emulate "align*" environment with a math table
                node = mtd()
                tree.append(mtable(mtr(node), CLASS="ams-align", displaystyle=True))
        parse_math(node, latex)
        _mark_letters(tree)
        tree.indent_xml()
        return tree.toxml()
    except Exception as exc:  # docutils' parser raises MathError, IndexError, AttributeError...
        return Unreadable(math_problem(latex, exc))


def _mark_letters(tree: MathElement) -> None:
    """Class :data:`MATH_LETTER` on each ``<mi>`` of one Latin or Greek letter that MathML
    shows in italic: not one written upright (``mathvariant``) or classed by docutils (an
    upright capital Greek letter), nor a symbol (\\ell, \\infty), which stays as it is."""
    for identifier in tree.iter("mi"):
        text = identifier.text or ""
        letter = text.isalpha() and (text.isascii() or "\u0370" <= text <= "\u03ff")  # Greek
        if (len(text) == 1 and letter
                and "mathvariant" not in identifier.attrib and "class" not in identifier.attrib):
            identifier.set("class", MATH_LETTER)


def _mathml(self: HTML5Translator, node: nodes.Element, latex: str, block: bool) -> None:
    markup = _convert(latex, block)
    if isinstance(markup, Unreadable):
        warn_once(build_state(self.builder.env).math_warned, node, latex,
                  f"cannot render math {markup.problem}; shown as code")
        markup = f"<code>{self.encode(latex)}</code>"
    self.body.append(markup)
    raise nodes.SkipNode


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    _mathml(self, node, node.astext(), block=False)


def visit_displaymath(self: HTML5Translator, node: nodes.math_block) -> None:
    _mathml(self, node, node.astext(), block=True)


def use_mathml_by_default(app: Sphinx, config: Config) -> None:
    """``config-inited``: MathML unless the project chose another renderer."""
    if not config.html_math_renderer:
        config.html_math_renderer = "mathml"


def setup_math(app: Sphinx) -> None:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    app.connect("config-inited", use_mathml_by_default)
