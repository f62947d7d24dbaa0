"""What is shown with one publication, in lists and on its own page: math, links, back-links,
abstract, BibTeX source and the equal-contribution note, as docutils nodes for every builder;
and the web's link buttons and BibTeX block (:mod:`.buttons` puts them in HTML pages only)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from pybtex.database import Entry

from .. import _shared
from ..bib import math_text, unescape_dollars
from ..bib.export import bibtex_entry
from ..bib.links import links_of
from ..domain import PortfolioDomain, Target
from ..locale import _

__all__ = [
    "ACTIONS", "BUTTON", "LINKS", "PAPER_BIBTEX_PREFIX", "abstract_paragraph", "bibtex_block",
    "equal_contribution_note", "link_buttons", "link_nodes", "project_backlinks", "render_math_in",
    "text_with_math",
]

#: An entry's text links (``[arXiv:...] [Code]``): the web turns them into buttons.
LINKS = "portfolio-links"
#: A row of buttons: an entry's links and toggles, a paper page's links.
ACTIONS = "portfolio-actions"
#: What makes a link or a toggle look like a button.
BUTTON = "portfolio-button"
#: With a key, the URI of that paper's ``.bib`` file: the builder, which knows where that file
#: is (and whether there is one), resolves it (:func:`.pages.link_titles`).
PAPER_BIBTEX_PREFIX = "portfolio-paper-bibtex:"


def copy_button_html() -> str:
    """The copy button: shown by ``sphinx-portfolio-copy.js`` (no script, no button). Our own
    text, in the build's language: the label says what it copies, its visible word starts
    it (WCAG's "label in name"); the script shows and announces the words it carries."""
    words = {
        "aria-label": _("Copy the BibTeX"),
        "data-copied": _("Copied"),
        "data-copied-said": _("BibTeX copied to the clipboard"),
        "data-not-copied": _("Not copied"),
        "data-not-copied-said": _("The BibTeX could not be copied: select it instead"),
    }
    attributes = "".join(f' {name}="{html.escape(text, quote=True)}"'
                         for name, text in words.items())
    shown = html.escape(_("Copy"))
    return (f'<button type="button" class="portfolio-copy portfolio-button"{attributes} '
            f'hidden="">{shown}</button>')


_MATH = re.compile(r"(?<!\\)\$(?P<tex>[^$]+?)(?<!\\)\$")


def text_with_math(text: str, where: tuple[Path, int] | None = None) -> list[nodes.Node]:
    """Split math text (:func:`..bib.math_text`) into Text and inline math nodes at each
    ``$...$`` span, each ``\\$`` a dollar sign; ``where`` (the entry in its .bib file)
    locates any warning about that math."""
    result: list[nodes.Node] = []
    position = 0
    for match in _MATH.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(unescape_dollars(text[position : match.start()])))
        math = nodes.math(match["tex"], match["tex"])
        if where is not None:
            math.source, math.line = str(where[0]), where[1]
        result.append(math)
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(unescape_dollars(text[position:])))
    return result


def render_math_in(node: nodes.Element, where: tuple[Path, int] | None = None) -> None:
    """Replace every Text child below ``node`` that holds ``$...$`` or ``\\$`` by text and
    math nodes (math text, as the style writes it: :func:`text_with_math`);
    ``where`` (the entry in its .bib file) locates any warning about that math, which
    otherwise falls on the page that shows the entry."""
    for text in list(node.findall(nodes.Text)):
        if ("$" in text and isinstance(text.parent, nodes.Element)
                and not isinstance(text.parent, nodes.FixedTextElement)):  # BibTeX source
            parent = text.parent
            index = parent.index(text)
            parent[index : index + 1] = text_with_math(str(text), where)


def link_nodes(entry: Entry) -> list[nodes.Node]:
    """`` [Paper] [arXiv:...] [Code]``, each link a reference, in an inline classed
    :data:`LINKS` (nothing for an entry without links): what a printed CV shows."""
    links = links_of(entry)
    if not links:
        return []
    wrapper = nodes.inline(classes=[LINKS])
    for link in links:
        wrapper += nodes.Text(" ")
        wrapper += nodes.reference("", f"[{link.label}]", refuri=link.url,
                                   classes=["portfolio-link"])
    return [wrapper]


def link_buttons(entry: Entry) -> list[nodes.inline]:
    """``arXiv`` ``DOI`` ``Code``: the entry's links as the web's buttons, each titled with
    what a CV prints when that says more (``arXiv:2405.16002``). Each is in an inline of
    its own: Sphinx writes a reference only inside text."""
    buttons = []
    for link in links_of(entry):
        button = nodes.reference("", link.short, refuri=link.url,
                                 classes=["portfolio-link", BUTTON])
        if link.label != link.short:
            button["reftitle"] = link.label
        buttons.append(nodes.inline("", "", button))
    return buttons


def bibtex_block(entry: Entry, download: str | None) -> list[nodes.Node]:
    """The entry's BibTeX, with the copy button and, given the URI of its ``.bib`` file
    (relative to the page, or :data:`PAPER_BIBTEX_PREFIX` and its key), a link to download
    it: for HTML pages."""
    source = bibtex_source(entry)
    tools = nodes.paragraph(classes=["portfolio-bibtex-tools"])
    tools += nodes.raw("", copy_button_html(), format="html")
    if download:
        tools += nodes.reference("", _("Download the BibTeX"), refuri=download,
                                 classes=["portfolio-paper-download", BUTTON])
    return [nodes.literal_block(source, source, language="bibtex"), tools]


#: What a data entry that lists a paper is, as the paper's back-link names it.
BACKLINK_KINDS = {"project": _("Project"), "award": _("Award"), "talk": _("Talk"),
                  "patent": _("Patent"), "activity": _("Activity")}


def project_backlinks(
    domain: PortfolioDomain, key: str, link: Callable[[str, str, Target], nodes.Node],
) -> list[nodes.Node]:
    """" Project: <title>" for each data entry that lists the paper ``key``; ``link`` makes
    the reference (a cross-reference in documents, a plain URI on a paper's page)."""
    result: list[nodes.Node] = []
    for kind, entry_id, target in domain.citing(key):
        shown = str(BACKLINK_KINDS[kind]) if kind in BACKLINK_KINDS else kind.title()
        result += [nodes.Text(" " + _("{kind}:").format(kind=shown) + " "),
                   link(kind, entry_id, target)]
    return result


def abstract_paragraph(entry: Entry, where: tuple[Path, int] | None) -> nodes.paragraph | None:
    """The entry's abstract with its math; ``where`` (the entry in its .bib file) locates
    any warning about that math."""
    abstract = entry.fields.get("abstract")
    if not abstract:
        return None
    para = nodes.paragraph("", "", *text_with_math(math_text(abstract), where))
    if where is not None:
        para.source, para.line = str(where[0]), where[1]
    return para


def bibtex_source(entry: Entry) -> str:
    """The entry as BibTeX to copy: as read, without the abstract and our own annotation
    fields (the same text as its download, :func:`sphinx_portfolio.bib.export.bibtex_entry`)."""
    return bibtex_entry(entry).strip()


def equal_contribution_note() -> nodes.paragraph:
    note = nodes.paragraph(classes=[_shared.EQUAL_NOTE])
    text = _("* denotes equal contribution")
    note += nodes.emphasis(text, text)
    return note
