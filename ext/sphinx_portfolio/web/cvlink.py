"""``{cv-pdf}`text```: a link from the web pages to the PDF CV, published next to the HTML.

The PDF is built first (``sphinx-build -b rinoh``; ``nox -s build`` does so); the HTML
build copies it into its output, so the link works offline and on Read the Docs alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxRole
from sphinx.util.osutil import relative_uri

from .._shared import display_path, warn
from ..config import cv_name
from ..domain import portfolio_domain
from ..warnings_ import Subtype


def pdf_filename(config: Config) -> str:
    return f"{cv_name(config)}.pdf"


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
    if app.builder.format != "html":
        return
    page = app.builder.get_target_uri(docname)
    for ref in doctree.findall(nodes.reference):
        if CV_LINK in ref["classes"]:
            ref["refuri"] = relative_uri(page, pdf_filename(app.config))


def publish_pdf(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: copy the built PDF into the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    linking = portfolio_domain(app.env).pdf_links
    if not linking:
        return  # no page links the PDF: nothing to publish
    found = built_pdf(app)
    if found is None:
        folder = pdf_folders(app)[0]
        command = f"sphinx-build -b rinoh {_shown(app.srcdir)} {_shown(folder)}"
        # one warning, at the first {cv-pdf} link: not one per page that shows the CV button
        warn(f"PDF CV {pdf_filename(app.config)} not found in {_shown(folder)}, so the CV "
             f"link is broken (build the PDF first: {command})",
             Subtype.PDF_MISSING, _first_link(app, linking))
        return
    shutil.copy2(found, Path(app.outdir) / found.name)


def links_the_pdf(env: BuildEnvironment) -> bool:
    """Whether the site publishes its PDF CV: a page links it with ``{cv-pdf}``."""
    return bool(portfolio_domain(env).pdf_links)


def built_pdf(app: Sphinx) -> Path | None:
    """The PDF CV that the HTML build publishes, where it was built; None when it was not."""
    for folder in pdf_folders(app):
        if (folder / pdf_filename(app.config)).is_file():
            return folder / pdf_filename(app.config)
    return None


def pdf_folders(app: Sphinx) -> list[Path]:
    """Where the PDF is looked for: ``portfolio_pdf_dir``, else beside the HTML output.

    ``sphinx-build -M html SRC OUT`` writes OUT/html and ``-M rinoh`` OUT/rinoh; ``nox``
    sessions and Read the Docs name theirs html and pdf.
    """
    if app.config.portfolio_pdf_dir:
        return [Path(app.confdir, app.config.portfolio_pdf_dir)]
    beside = Path(app.outdir).parent
    return [beside / "pdf", beside / "rinoh"]


def _shown(path: str | Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)


def _first_link(app: Sphinx, linking: dict[str, int]) -> str:
    docname = min(linking)
    return f"{display_path(app.env, app.env.doc2path(docname))}:{linking[docname]}"


def setup_cvlink(app: Sphinx) -> None:
    app.add_role("cv-pdf", CvPdfRole())
    app.connect("doctree-resolved", link_from_page)
    app.connect("build-finished", publish_pdf)
