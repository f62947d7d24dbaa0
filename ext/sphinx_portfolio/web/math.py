"""Math as MathML, written at build time: offline, and no MathJax from a CDN."""

from __future__ import annotations

from docutils import nodes
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.writers.html5 import HTML5Translator

from .._shared import warn
from ..domain import portfolio_domain
from ..warnings_ import Subtype


def _mathml(self: HTML5Translator, node: nodes.Element, latex: str, block: bool) -> None:
    try:
        markup = tex2mathml(latex, as_block=block)
    except Exception as exc:  # docutils' parser raises MathError, IndexError, AttributeError...
        # An abstract is rendered on the list and on the paper's page: one warning is enough.
        warned = portfolio_domain(self.builder.env).math_warned
        where = (node.source, node.line, latex)
        if where not in warned:
            warned.add(where)
            warn(f"cannot render math {latex!r}: {exc}", Subtype.MATH, node)
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
