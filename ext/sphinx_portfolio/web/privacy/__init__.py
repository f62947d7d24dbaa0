"""Accessible, valid and private markup, for every HTML page of the site.

Three fixes of what the pages would otherwise hold, each in its own module:

* :mod:`.citations`: bibliography entries as a valid ARIA list (docutils writes them
  with the deprecated ``doc-biblioentry`` role, so screen readers and checkers met a
  "list" without items);
* :mod:`.favicon`: an icon linked from every page (``html_favicon``, ours when the site
  sets none), so browsers do not ask for a missing ``/favicon.ico``;
* :mod:`.mailto`: e-mail addresses never written in the HTML (address harvesters read
  pages' bytes), yet readable without JavaScript and a working link with it.

All three touch HTML output only: the PDF CV keeps the real address and its mailto link.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .citations import setup_citations
from .favicon import setup_favicon
from .mailto import setup_mailto

__all__ = ["setup_privacy"]


def setup_privacy(app: Sphinx) -> None:
    setup_citations(app)
    setup_favicon(app)
    setup_mailto(app)
