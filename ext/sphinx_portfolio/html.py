"""HTML-only pieces: MathML math (offline, no MathJax from a CDN) and ``<details>`` blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)


class details(nodes.General, nodes.Element):
    """A collapsible block: ``<details><summary>…</summary>…</details>`` on the web.

    Only HTML builders ever see it: other builders drop web-only nodes first.
    """


def visit_details(self: HTML5Translator, node: details) -> None:
    classes = " ".join(node["classes"])
    summary = self.encode(node["summary"])
    self.body.append(f'<details class="{classes}"><summary>{summary}</summary>')


def depart_details(self: HTML5Translator, node: details) -> None:
    self.body.append("</details>")


def _mathml(self: HTML5Translator, node: nodes.Element, latex: str, block: bool) -> None:
    try:
        markup = tex2mathml(latex, as_block=block)
    except Exception as exc:  # docutils' parser raises MathError, IndexError, AttributeError...
        # An abstract is rendered on the list and on the paper's page: one warning is enough.
        warned: set[tuple[Any, ...]] = self.builder.__dict__.setdefault("_portfolio_math", set())
        where = (node.source, node.line, latex)
        if where not in warned:
            warned.add(where)
            logger.warning("cannot render math %r: %s", latex, exc, type="portfolio",
                           subtype="math", location=node)
        markup = f"<code>{self.encode(latex)}</code>"
    self.body.append(markup)
    raise nodes.SkipNode


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    _mathml(self, node, node.astext(), block=False)


def visit_displaymath(self: HTML5Translator, node: nodes.math_block) -> None:
    _mathml(self, node, node.astext(), block=True)


STATIC_DIR = Path(__file__).parent / "static"


def add_static_files(app: Sphinx) -> None:
    """``builder-inited``: our style sheet (table layout, abstract toggles) for any theme."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("sphinx-portfolio.css")


def use_mathml_by_default(app: Sphinx, config: Config) -> None:
    """``config-inited``: MathML unless the project chose another renderer."""
    if not config.html_math_renderer:
        config.html_math_renderer = "mathml"


def setup_html(app: Sphinx) -> dict[str, Any]:
    app.add_node(details, html=(visit_details, depart_details))
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    app.connect("config-inited", use_mathml_by_default)
    app.connect("builder-inited", add_static_files)
    return {}
