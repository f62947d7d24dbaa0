"""The PDF CV: typeset by Typst from the doctrees the site is built from, in the same build.

One build writes both outputs: an HTML build writes the site and, beside its pages, the
full CV and each variant (``portfolio_pdf_variants``) (:mod:`.builder`);
``sphinx-build -b cvpdf`` writes only the PDFs. The parts, in the order a PDF is made:

* :mod:`.write`: the root page assembled with every page it includes, resolved as a PDF
  build, and each PDF written (again only when its sources changed);
* :mod:`.variants` and :mod:`.transforms`: post-transforms that cut a variant and shape the
  doctree into a CV (no web summaries, no table headers, citations as links);
* :mod:`.translator`: the doctree as Typst markup calling a design's functions
  (``designs/classic.typ``, ``designs/modern.typ``, or the site's
  ``_templates/portfolio-cv.typ``); text only through :mod:`.syntax`'s string literals, math
  through :mod:`.math`;
* :mod:`.typeset`: the Typst compile in a sealed folder, tagged PDF/UA-1 and PDF/A-2b; in
  an HTML build, in a process of its own while the pages are written (:mod:`._compile`).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .builder import CVPDFBuilder, start_pdf_compile, write_pdfs_into_site
from .transforms import CitationsForPDF, LeaveOutWebSummaries, UnlinkDangling
from .variants import ApplyVariant, check_dropped_pages

__all__ = ["setup_pdf"]


def setup_pdf(app: Sphinx) -> None:
    app.add_builder(CVPDFBuilder)
    for transform in (ApplyVariant, LeaveOutWebSummaries, CitationsForPDF, UnlinkDangling):
        app.add_post_transform(transform)
    app.connect("env-check-consistency", check_dropped_pages)
    app.connect("write-started", start_pdf_compile)
    app.connect("build-finished", write_pdfs_into_site)
