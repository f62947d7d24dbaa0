"""furo's exact page markup, matched to amend rendered pages.

Written against furo 2024.8.6 to 2025.12.19 (checked on 2025.12.19). furo's templates
have no block around these elements, so the rendered page is amended instead; what it
relies on (checked by ``tests/test_compat_furo.py`` against the installed furo):

* the two unnamed landmarks, ``<aside class="sidebar-drawer">`` (site navigation) and
  ``<aside class="toc-drawer">`` (``toc-drawer no-toc`` on a page without contents);
* the search page's ``<div id="search-results"></div>``, with no ``<h1>`` before it;
* the sidebar's ``<div class="sidebar-sticky">`` opening with the brand link
  (``<a class="sidebar-brand...">``), and the header's
  ``<div class="theme-toggle-container theme-toggle-header">``.

Each replacement does nothing where the markup is not found (another theme, or a furo
that changed it).
"""

from __future__ import annotations

import html
import re
from typing import Final

__all__ = ["with_labelled_landmarks", "with_search_heading", "with_sidebar_and_header_html"]

_SITE_NAVIGATION: Final = ('<aside class="sidebar-drawer">',)
_PAGE_CONTENTS: Final = ('<aside class="toc-drawer">', '<aside class="toc-drawer no-toc">')
_SEARCH_RESULTS: Final = '<div id="search-results"></div>'
# The sidebar's first element, furo's brand (the site's name or logo): a link with no link in it.
_SIDEBAR_BRAND: Final = re.compile(
    r'(<div class="sidebar-sticky">\s*<a class="sidebar-brand[^"]*"[^>]*>.*?</a>)', re.DOTALL)
_SIDEBAR: Final = '<div class="sidebar-sticky">'
_HEADER_TOGGLE: Final = '<div class="theme-toggle-container theme-toggle-header">'


def with_labelled_landmarks(page: str, site_navigation: str, page_contents: str) -> str:
    """``page`` with furo's two ``<aside>`` landmarks named by ``aria-label`` (plain text)."""
    for tags, label in ((_SITE_NAVIGATION, site_navigation), (_PAGE_CONTENTS, page_contents)):
        name = html.escape(label, quote=True)
        for tag in tags:
            page = page.replace(tag, f'{tag[:-1]} aria-label="{name}">', 1)
    return page


def with_search_heading(page: str, heading: str) -> str:
    """furo's search ``page`` with an ``<h1>`` of ``heading`` (plain text), if it has none."""
    if "<h1" in page:
        return page
    return page.replace(_SEARCH_RESULTS, f"<h1>{html.escape(heading)}</h1>\n" + _SEARCH_RESULTS, 1)


def with_sidebar_and_header_html(page: str, sidebar: str, header: str) -> str:
    """``page`` with ``sidebar`` (HTML) under furo's brand in the sidebar (on top of a
    sidebar without it), and ``header`` (HTML) before the header's theme toggle."""
    amended, found = _SIDEBAR_BRAND.subn(lambda brand: brand[1] + sidebar, page, count=1)
    if not found:
        amended = page.replace(_SIDEBAR, _SIDEBAR + sidebar, 1)
    return amended.replace(_HEADER_TOGGLE, header + _HEADER_TOGGLE, 1)
