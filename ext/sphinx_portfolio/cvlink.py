"""``{cv-pdf}`text```: a link from the web pages to the PDF CV, published next to the HTML.

The PDF is built first (``nox -s build`` does so); the HTML build copies it
into its output, so the link works offline and on Read the Docs alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .domain import PortfolioDomain
from .pdf import pdf_target

logger = logging.getLogger(__name__)


def pdf_filename(config: Config) -> str:
    return f"{pdf_target(config)}.pdf"


class CvPdfRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        depth = self.env.docname.count("/")
        url = "../" * depth + pdf_filename(self.config)
        ref = nodes.reference(self.rawtext, self.text, refuri=url, classes=["portfolio-cv-pdf"])
        domain = self.env.get_domain("portfolio")
        assert isinstance(domain, PortfolioDomain)
        domain.pdf_links.add(self.env.docname)
        return [ref], []


def publish_pdf(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy the built PDF into the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    domain = app.env.get_domain("portfolio")
    assert isinstance(domain, PortfolioDomain)
    if not domain.pdf_links:
        return  # no page links the PDF: nothing to publish
    source = Path(app.confdir, app.config.portfolio_pdf_dir, pdf_filename(app.config))
    if not source.is_file():
        logger.warning(
            "PDF CV %s not found, so the CV link is broken (build the PDF first: nox -s build)",
            source, type="portfolio", subtype="pdf-missing",
        )
        return
    shutil.copy2(source, Path(app.outdir) / source.name)
