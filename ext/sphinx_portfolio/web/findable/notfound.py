"""A friendly 404 page (sphinx-notfound-page), right at whatever address it is served.

A server answers every missing address with the same file, so a link that is relative to
that file breaks one folder down. sphinx-notfound-page writes its links from the site's root
(``notfound_urls_prefix``, see :mod:`.config_defaults`); here the rest of the page follows it: the
``data-content_root`` that Sphinx's scripts start from, no canonical link (the page stands for
no one address) and ``noindex``. Unless conf.py sets ``notfound_context``, the text points
back to the home page and to the search.
"""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ...config import given
from ...locale import _
from .previews import is_web_page

__all__ = ["not_found_page"]


def not_found_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: nodes.document | None) -> None:
    """``html-page-context``, after sphinx-notfound-page's own (400), which sets ``pathto``."""
    config = app.config
    if pagename != config.notfound_pagename or doctree is not None or not is_web_page(app):
        return  # a 404 document of the project's own is a page like the others
    context["pageurl"] = None
    context["metatags"] = (str(context.get("metatags") or "")
                           + '<meta name="robots" content="noindex" />\n')
    context["content_root"] = config.notfound_urls_prefix or "/"
    if given(config, "notfound_context"):
        return
    pathto = context["pathto"]
    home = html.escape(pathto(config.root_doc), quote=True)
    # our words, escaped, around links of our own
    start_again = (
        _("Start again from the {home_link}home page{end} or {search_link}search the site{end}.")
        if getattr(app.builder, "search", False) else
        _("Start again from the {home_link}home page{end}."))
    search = html.escape(pathto("search"), quote=True)
    heading = html.escape(_("Page not found"))
    context["body"] = (
        f'<section id="page-not-found">\n<h1>{heading}</h1>\n'
        "<p>" + html.escape(_("There is no page at this address: it may have moved, or the "
                              "link has a typo.")) + "</p>\n"
        "<p>" + html.escape(start_again).format(
            home_link=f'<a href="{home}">', search_link=f'<a href="{search}">', end="</a>")
        + "</p>\n</section>\n")
