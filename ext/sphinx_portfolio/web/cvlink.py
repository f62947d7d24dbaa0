"""``{cv-pdf}`text```: a link from the web pages to the PDF CV.

The same HTML build writes the PDF beside the pages (:mod:`sphinx_portfolio.pdf`), so the
link works offline, on Read the Docs and in a preview alike.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxRole
from sphinx.util.osutil import relative_uri

from .._shared import writes_html
from ..config import cv_file_name
from ..domain import portfolio_domain

__all__ = ["links_the_pdf", "pdf_filename", "setup_cvlink"]


def pdf_filename(config: Config) -> str:
    return f"{cv_file_name(config)}.pdf"


CV_LINK = "portfolio-cv-pdf"


class CvPdfRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        # relative to the output's root; made relative to the page once it is written
        ref = nodes.reference(self.rawtext, self.text, refuri=pdf_filename(self.config),
                              classes=[CV_LINK])
        portfolio_domain(self.env).pdf_links.setdefault(self.env.docname, self.lineno)
        return [ref], []


def link_from_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the link as seen from the page (``cv.html``, ``cv/index.html``)."""
    if not writes_html(app.builder):
        return
    page = app.builder.get_target_uri(docname)
    for ref in doctree.findall(nodes.reference):
        if CV_LINK in ref["classes"]:
            ref["refuri"] = relative_uri(page, pdf_filename(app.config))


def links_the_pdf(env: BuildEnvironment) -> bool:
    """Whether the site shows its PDF CV: a page links it with ``{cv-pdf}``."""
    return bool(portfolio_domain(env).pdf_links)


def setup_cvlink(app: Sphinx) -> None:
    app.add_role("cv-pdf", CvPdfRole())
    app.connect("doctree-resolved", link_from_page)
