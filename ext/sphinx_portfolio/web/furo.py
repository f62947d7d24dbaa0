"""furo's page markup amended: two fixes for pages that pass accessibility audits
(axe-core), and the CV button.

* furo writes two unnamed ``<aside>`` landmarks, the site navigation and the page's
  contents; where both show, screen readers cannot tell them apart (``landmark-unique``).
  They get ``aria-label``\\ s.
* furo's search page has no ``<h1>`` (``page-has-heading-one``); it gets one.
* The "CV (PDF)" button (:mod:`.chrome`) goes under the site's name in the sidebar, and
  into the header that small screens show instead of the sidebar, beside the theme toggle.

furo's templates have no block around those elements, so the rendered page is amended
instead (:mod:`.._compat.furo` holds the markup it matches), on furo only.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .._compat import furo
from .._compat.sphinx import amend_rendered_templates
from ..locale import _
from .chrome import CONTEXT_KEY, button_html

__all__ = ["amended", "setup_furo"]


def amended(page: str, template: str, cv_url: str | None = None) -> str:
    """furo's rendered ``page`` with labelled landmarks (and a search heading), and the CV
    button linking ``cv_url`` (relative to the page) when the site has one."""
    page = furo.with_labelled_landmarks(page, str(_("Site navigation")), str(_("On this page")))
    if template == "search.html":
        page = furo.with_search_heading(page, str(_("Search")))
    if cv_url is not None:
        button = button_html(cv_url)
        page = furo.with_sidebar_and_header_html(
            page, sidebar=f'<div class="portfolio-cv-sidebar">{button}</div>',
            header=f'<div class="portfolio-cv-header">{button}</div>')
    return page


def _amend_furo_pages(app: Sphinx) -> None:
    """``builder-inited``: amend what furo's templates render, on HTML builders."""
    if not isinstance(app.builder, StandaloneHTMLBuilder) or app.config.html_theme != "furo":
        return

    def amend(page: str, template: str, context: dict[str, Any]) -> str:
        return amended(page, template, context.get(CONTEXT_KEY))

    amend_rendered_templates(app.builder, amend)


def setup_furo(app: Sphinx) -> None:
    app.connect("builder-inited", _amend_furo_pages)
