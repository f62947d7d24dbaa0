"""Publications on the web: each entry's links, abstract and BibTeX as one row of buttons,
citations that lead to the entry on their own page, and the script of the copy buttons.

The buttons come from a post-transform for HTML builders only (``formats``), as sphinx_design's
do: every other builder (the PDF, text, LaTeX, ...) keeps the entry as :mod:`.transforms` left
it, its links as text (``[arXiv:2405.16002]``). It runs before the web's privacy transform
(an address in an abstract is hidden like any other); the link to a paper's ``.bib`` file is
resolved with the paper pages' links (:func:`.pages.link_titles`), where the builder is known.

The row works without JavaScript: the links are links, Abstract and BibTeX are
``<details>`` toggles whose panels open below the row (the style sheet places them), and
the BibTeX panel links the paper's ``.bib`` file. The copy button is written hidden and
shown by ``sphinx-portfolio-copy.js``, on the pages that have one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from docutils import nodes
from pybtex.database import Entry
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.highlighting import PygmentsBridge
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import _shared
from ..bib import PAPER_URI_PREFIX
from ..domain import portfolio_domain
from ..nodes import details
from .render import (
    ACTIONS,
    BUTTON,
    LINKS,
    PAPER_BIBTEX_PREFIX,
    abstract_paragraph,
    bibtex_block,
    link_buttons,
)
from .transforms import Citations

#: In ``web/static/``, which :mod:`sphinx_portfolio.web.assets` publishes.
COPY_SCRIPT: Final = "sphinx-portfolio-copy.js"
#: A BibTeX panel holds a copy button (:data:`.render.COPY_BUTTON_HTML`).
_COPY_MARK: Final = 'class="portfolio-copy'


class EntryButtons(SphinxPostTransform):
    """Below each entry: ``Abstract`` ``arXiv`` ``DOI`` ... ``BibTeX``.

    Abstract and BibTeX open panels in the list; on a page listing more entries than
    ``portfolio_list_panels_up_to``, they link to the paper's page and ``.bib`` file instead:
    at 5,000 papers the panels made a 17 MB page (3.4 KB an entry; 1 KB without them) and
    added ~120 MB to the build's peak memory.
    """

    default_priority = _shared.ENTRY_BUTTONS
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        domain = portfolio_domain(self.env)
        entries = Citations(self.env.get_domain("cite"), self.env).entries(self.document)
        # every HTML builder writes paper pages when the setting names their folder
        panels = (len(entries) <= self.config.portfolio_list_panels_up_to
                  or not self.config.portfolio_paper_pages)
        for item, entry in entries:
            for links in list(item.findall(_is_text_links)):
                links.parent.remove(links)
            row = nodes.container(classes=[ACTIONS])
            if panels:
                row += _abstract_panel(entry, domain.entry_location(entry.key))
            elif entry.fields.get("abstract"):
                row += _button("Abstract", PAPER_URI_PREFIX + entry.key, "portfolio-abstract")
            row.extend(link_buttons(entry))
            download = PAPER_BIBTEX_PREFIX + entry.key  # the paper's .bib file, if published
            if panels:
                toggle = details(summary="BibTeX", classes=["portfolio-bibtex"])
                toggle += nodes.container("", *bibtex_block(entry, download),
                                          classes=["portfolio-panel"])
                row += toggle
            else:
                row += _button("BibTeX", download, "portfolio-bibtex")
            item += row


def _abstract_panel(entry: Entry, where: tuple[Path, int] | None) -> list[nodes.Node]:
    abstract = abstract_paragraph(entry, where)
    if abstract is None:
        return []
    toggle = details(summary="Abstract", classes=["portfolio-abstract"])
    toggle += nodes.container("", abstract, classes=["portfolio-panel"])
    return [toggle]


def _button(label: str, uri: str, kind: str) -> nodes.inline:
    """A link as a button of the row; :func:`.pages.link_titles` resolves ``uri`` (or drops
    the link where the site publishes no such file)."""
    return nodes.inline("", "", nodes.reference("", label, refuri=uri, classes=[kind, BUTTON]))


def _is_text_links(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and LINKS in node["classes"]


def cite_the_entries_on_this_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, HTML pages: a citation of a paper that its own page lists in a
    selection (the home page's ``{publications} :selected:``) leads to that entry, which
    shows the same label, rather than to the full list on another page.

    sphinxcontrib-bibtex looks for an entry on the citing page first, but by key, and a
    selection's keys carry its prefix: its link to the full list is made, and is read here.
    """
    builder = app.builder
    if builder.format != "html" or isinstance(builder, SingleFileHTMLBuilder):
        return  # one single page has the full list on it
    cite = app.env.get_domain("cite").data
    bibliographies = cite["bibliographies"]
    listed = [c for c in cite["citations"]
              if bibliographies[c.bibliography_key].list_ == "citation"]
    here = {c.entry.key: c.citation_id for c in listed
            if c.bibliography_key.docname == docname
            and bibliographies[c.bibliography_key].keyprefix}
    if not here:
        return
    # The links as sphinxcontrib-bibtex makes them (Sphinx's make_refnode), to each entry
    # of a full list on another page.
    elsewhere = {
        f"{builder.get_relative_uri(docname, c.bibliography_key.docname)}#{c.citation_id}":
        c.entry.key
        for c in listed if c.bibliography_key.docname != docname
        and not bibliographies[c.bibliography_key].keyprefix}
    for citation in doctree.findall(nodes.inline):
        if "bibtex-citation" not in citation["classes"]:
            continue
        for ref in citation.findall(nodes.reference):
            key = elsewhere.get(str(ref.get("refuri", "")))
            if key in here:
                del ref["refuri"]
                ref["refid"] = here[key]


def add_copy_script(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                    doctree: nodes.document | None) -> None:
    """``html-page-context``: the copy buttons' script, on the pages that have one (paper
    pages have no doctree: their body is read)."""
    if _COPY_MARK in str(context.get("body", "")):
        # defer: it needs the whole page, and does not hold up its display
        app.add_js_file(COPY_SCRIPT, loading_method="defer")


def highlight_bibtex_once(app: Sphinx) -> None:
    """``builder-inited``: each entry's BibTeX is highlighted once a build, and the
    highlighter makes one formatter for each set of options, not one for every block.

    The same text is shown in the list and on the paper's page, and Pygments costs ~0.3 ms
    a block, half of it making the formatter (its style sheet), which holds no state of a
    block: at 5,000 papers, 0.6 s. So the builder's highlighter keeps each formatter it
    makes, and what it made of a BibTeX block for the next block with the same text and
    options.
    """
    highlighter: PygmentsBridge | None = getattr(app.builder, "highlighter", None)
    if highlighter is None:
        return
    highlight_block, get_formatter = highlighter.highlight_block, highlighter.get_formatter
    highlighted: dict[tuple[str, str], str] = {}
    formatters: dict[str, Any] = {}

    def highlight_block_once(source: str, lang: str, opts: dict[str, Any] | None = None,
                             force: bool = False, location: Any = None, **kwargs: Any) -> str:
        if lang != "bibtex" or opts or force:
            return str(highlight_block(source, lang, opts, force, location, **kwargs))
        made_as = (source, repr(sorted(kwargs.items())))
        if made_as not in highlighted:
            highlighted[made_as] = highlight_block(source, lang, opts, force, location, **kwargs)
        return highlighted[made_as]

    def get_formatter_once(**kwargs: Any) -> Any:
        made_with = repr(sorted(kwargs.items()))
        if made_with not in formatters:
            formatters[made_with] = get_formatter(**kwargs)
        return formatters[made_with]

    highlighter.highlight_block = highlight_block_once  # type: ignore[method-assign]
    highlighter.get_formatter = get_formatter_once  # type: ignore[method-assign]


def setup_buttons(app: Sphinx) -> None:
    app.add_post_transform(EntryButtons)
    app.connect("builder-inited", highlight_bibtex_once)
    app.connect("doctree-resolved", cite_the_entries_on_this_page)
    app.connect("html-page-context", add_copy_script)
