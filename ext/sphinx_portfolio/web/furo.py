"""furo's page markup amended: two fixes for pages that pass accessibility audits
(axe-core), and the CV button.

* furo writes two unnamed ``<aside>`` landmarks, the site navigation and the page's
  contents; where both show, screen readers cannot tell them apart (``landmark-unique``).
  They get ``aria-label``\\ s.
* furo's search page has no ``<h1>`` (``page-has-heading-one``); it gets one.
* The "CV (PDF)" button (:mod:`.chrome`) goes under the site's name in the sidebar, and
  into the header that small screens show instead of the sidebar, beside the theme toggle.

furo's templates have no block around those elements, so the rendered page is amended
instead: each replacement matches furo's exact markup and does nothing on other themes
or on a furo that has fixed it (a sidebar without furo's brand gets the button on top).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..locale import _
from .chrome import CONTEXT_KEY, button_html

_LANDMARKS: Final = (
    ('<aside class="sidebar-drawer">', _("Site navigation")),
    ('<aside class="toc-drawer">', _("On this page")),
    ('<aside class="toc-drawer no-toc">', _("On this page")),
)
_SEARCH_RESULTS: Final = '<div id="search-results"></div>'
# The sidebar's first element, furo's brand (the site's name or logo): a link with no link in it.
_SIDEBAR_BRAND: Final = re.compile(
    r'(<div class="sidebar-sticky">\s*<a class="sidebar-brand[^"]*"[^>]*>.*?</a>)', re.DOTALL)
_SIDEBAR: Final = '<div class="sidebar-sticky">'
_HEADER_TOGGLE: Final = '<div class="theme-toggle-container theme-toggle-header">'


def amended(page: str, template: str, cv_url: str | None = None) -> str:
    """furo's rendered ``page`` with labelled landmarks (and a search heading), and the CV
    button linking ``cv_url`` (relative to the page) when the site has one."""
    for tag, label in _LANDMARKS:
        name = html.escape(str(label), quote=True)
        page = page.replace(tag, f'{tag[:-1]} aria-label="{name}">', 1)
    if template == "search.html" and "<h1" not in page:
        search = html.escape(_("Search"))
        heading = f"<h1>{search}</h1>\n"
        page = page.replace(_SEARCH_RESULTS, heading + _SEARCH_RESULTS, 1)
    if cv_url is not None:
        page = _with_cv_button(page, button_html(cv_url))
    return page


def _with_cv_button(page: str, button: str) -> str:
    sidebar = f'<div class="portfolio-cv-sidebar">{button}</div>'
    header = f'<div class="portfolio-cv-header">{button}</div>'
    with_button, found = _SIDEBAR_BRAND.subn(lambda brand: brand[1] + sidebar, page, count=1)
    if not found:
        with_button = page.replace(_SIDEBAR, _SIDEBAR + sidebar, 1)
    return with_button.replace(_HEADER_TOGGLE, header + _HEADER_TOGGLE, 1)


def _amend_furo_pages(app: Sphinx) -> None:
    """``builder-inited``: amend what furo's templates render, on HTML builders."""
    if not isinstance(app.builder, StandaloneHTMLBuilder) or app.config.html_theme != "furo":
        return
    templates = app.builder.templates
    render: Callable[[str, dict[str, Any]], str] = templates.render

    def render_amended(template: str, context: dict[str, Any]) -> str:
        return amended(render(template, context), template, context.get(CONTEXT_KEY))

    templates.render = render_amended


def setup_furo(app: Sphinx) -> None:
    app.connect("builder-inited", _amend_furo_pages)
