"""The site around the pages: a "CV (PDF)" button on every page, no empty index page, and
the home page's profile header (:mod:`.profile`).

**The CV button.** A site that links its PDF CV (a page uses ``{cv-pdf}``, :mod:`.cvlink`)
shows a button to it on every page, its address relative to the page (``publications/...``
pages included; the 404 page's from the site's root). furo draws it in its sidebar and its
mobile header (:mod:`.furo`); other themes get it on top of each page's text. The same build
writes the PDF beside the pages (:mod:`sphinx_portfolio.pdf`).

**No empty index.** Sphinx writes a general index (``genindex.html``, linked from every
page's head) even when nothing is indexed: a portfolio has no index entries, so visitors
and search engines met an empty "Index" page. It is written only when some page has an
index entry (``{index}``, a glossary, described objects) or ``conf.py`` sets
``html_use_index``.

Both change what every page shows, yet only when the first ``{cv-pdf}`` link (or index
entry) comes or the last one goes: then every page is written again, not only the pages
that were edited.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, Final

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.domains.index import IndexDomain
from sphinx.environment import BuildEnvironment

from .._compat.sphinx import leave_out_general_index, uses_general_index
from .._shared import publishes_a_site
from ..config import given
from ..domain import portfolio_domain
from ..locale import _
from . import icons
from .cvlink import links_the_pdf, pdf_filename
from .profile import setup_profile_header

__all__ = ["CONTEXT_KEY", "button_html", "setup_chrome"]

#: The button (an ``<a>``); on themes other than furo it sits in a :data:`BAR` on top.
BUTTON: Final = "portfolio-cv-button"
BAR: Final = "portfolio-cv-bar"
LABEL: Final = _("CV (PDF)")  # lazy: in the build's language where it is shown
#: The template context's key for the button's address, relative to the page being written.
CONTEXT_KEY: Final = "portfolio_cv_pdf"


def button_html(url: str) -> str:
    """The CV button, linking ``url`` (already relative to the page)."""
    href = html.escape(url, quote=True)
    return (f'<a class="{BUTTON}" href="{href}">{icons.svg("cv")}'
            f'<span>{html.escape(str(LABEL))}</span></a>')


def add_cv_button(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    """``html-page-context``: the button's address for the theme (and, outside furo, the
    button itself on top of the page's text)."""
    if not publishes_a_site(app.builder) or not links_the_pdf(app.env):
        return
    # the page's pathto: relative from any depth, from the root on the 404 page (whose
    # sphinx-notfound-page handler ran before, at priority 400)
    pathto: Callable[..., str] = context["pathto"]
    url = pathto(pdf_filename(app.config), 1)
    context[CONTEXT_KEY] = url
    if app.config.html_theme != "furo" and isinstance(context.get("body"), str):
        context["body"] = f'<div class="{BAR}">{button_html(url)}</div>\n{context["body"]}'


def write_all_when_the_chrome_changes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every page, when what every page shows changed with the pages
    just read: the CV button comes or goes (the first ``{cv-pdf}`` link was added, the last
    one removed), or the index (the first index entry, the last one)."""
    domain = portfolio_domain(env)
    chrome, before = [links_the_pdf(env), _has_index_entries(env)], domain.chrome_shown
    domain.chrome_shown = chrome
    return sorted(env.found_docs) if before is not None and before != chrome else []


def _has_index_entries(env: BuildEnvironment) -> bool:
    domain = env.get_domain("index")
    return isinstance(domain, IndexDomain) and any(domain.entries.values())


def index_only_when_indexed(app: Sphinx, builder: Builder) -> None:
    """``write-started``: no general index without index entries, unless conf.py asks."""
    if not isinstance(builder, StandaloneHTMLBuilder) or not uses_general_index(builder):
        return
    # EPUB's setting defaults to the HTML one
    settings = ("html_use_index", "epub_use_index") if builder.name == "epub" else (
        "html_use_index",)
    if not any(given(app.config, name) for name in settings) and not _has_index_entries(app.env):
        leave_out_general_index(builder)


def no_link_to_a_missing_index(app: Sphinx, pagename: str, templatename: str,
                               context: dict[str, Any], doctree: nodes.document | None) -> None:
    """``html-page-context``: ``hasdoc("genindex")`` (which themes ask before linking the
    index, furo in every page's head) asks the builder, not the setting."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or uses_general_index(builder):
        return
    hasdoc: Callable[[str], bool] = context["hasdoc"]
    context["hasdoc"] = lambda name: name != "genindex" and hasdoc(name)


def setup_chrome(app: Sphinx) -> None:
    setup_profile_header(app)
    app.connect("html-page-context", add_cv_button)
    app.connect("env-get-updated", write_all_when_the_chrome_changes)
    app.connect("write-started", index_only_when_indexed)
    app.connect("html-page-context", no_link_to_a_missing_index)
