"""Two fixes to furo's page markup, for pages that pass accessibility audits (axe-core).

* furo writes two unnamed ``<aside>`` landmarks, the site navigation and the page's
  contents; where both show, screen readers cannot tell them apart (``landmark-unique``).
  They get ``aria-label``\\ s.
* furo's search page has no ``<h1>`` (``page-has-heading-one``); it gets one.

furo's templates have no block around those elements, so the rendered page is amended
instead: each replacement matches furo's exact markup and does nothing on other themes
or on a furo that has fixed it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import _

_LANDMARKS: Final = (
    ('<aside class="sidebar-drawer">', "Site navigation"),
    ('<aside class="toc-drawer">', "On this page"),
    ('<aside class="toc-drawer no-toc">', "On this page"),
)
_SEARCH_RESULTS: Final = '<div id="search-results"></div>'


def amended(page: str, template: str) -> str:
    """furo's rendered ``page`` with labelled landmarks (and a search heading)."""
    for tag, label in _LANDMARKS:
        page = page.replace(tag, f'{tag[:-1]} aria-label="{_(label)}">', 1)
    if template == "search.html" and "<h1" not in page:
        page = page.replace(_SEARCH_RESULTS, f"<h1>{_('Search')}</h1>\n{_SEARCH_RESULTS}", 1)
    return page


def _amend_furo_pages(app: Sphinx) -> None:
    """``builder-inited``: amend what furo's templates render, on HTML builders."""
    if not isinstance(app.builder, StandaloneHTMLBuilder) or app.config.html_theme != "furo":
        return
    templates = app.builder.templates
    render: Callable[[str, dict[str, Any]], str] = templates.render

    def render_amended(template: str, context: dict[str, Any]) -> str:
        return amended(render(template, context), template)

    templates.render = render_amended


def setup_furo(app: Sphinx) -> None:
    app.connect("builder-inited", _amend_furo_pages)
