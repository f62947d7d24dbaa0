"""Extras under each entry of a sphinxcontrib-bibtex bibliography.

Runs right after sphinxcontrib-bibtex has turned ``{bibliography}`` into
citation nodes (its transform has priority 5) and before references are
resolved (priority 10), so the back-links added here resolve like any other.
Adds, per entry: ``$...$`` as math, links from fields, the projects that list
the paper, and (web only) the abstract and the entry's BibTeX.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from pybtex.database import BibliographyData, Entry
from pybtex.database.output.bibtex import Writer as BibTeXWriter
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .bibload import entry_location
from .bibstyle import clean_latex, entry_links, has_equal_contribution
from .domain import PortfolioDomain
from .html import details
from .publications import GROUP_CLASS

WEB_ONLY = "portfolio-web-only"
_MATH = re.compile(r"(?<!\\)\$(?P<tex>[^$]+?)(?<!\\)\$")


def text_with_math(text: str) -> list[nodes.Node]:
    """Split ``text`` into Text and inline math nodes at each ``$...$`` span."""
    result: list[nodes.Node] = []
    position = 0
    for match in _MATH.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position : match.start()]))
        result.append(nodes.math(match["tex"], match["tex"]))
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result


def render_math_in(node: nodes.Element) -> None:
    """Replace every Text child below ``node`` that holds ``$...$`` by text and math nodes."""
    for text in list(node.findall(nodes.Text)):
        if "$" in text and _MATH.search(text) and isinstance(text.parent, nodes.Element):
            parent = text.parent
            index = parent.index(text)
            parent[index : index + 1] = text_with_math(str(text))


class PublicationExtras(SphinxPostTransform):
    default_priority = 7  # after the grouping of publications (6)

    def run(self, **kwargs: Any) -> None:
        cite_domain = self.env.get_domain("cite")
        entries = {c.citation_id: c for c in cite_domain.data["citations"]}
        portfolio = self.env.get_domain("portfolio")
        assert isinstance(portfolio, PortfolioDomain)
        # Entries are citation nodes in citation lists, list items in bullet/enumerated ones.
        for node in list(self.document.findall(_is_bibliography_item)):
            item = cast(nodes.Element, node)
            found = entries.get(item["ids"][0]) if item["ids"] else None
            if found is None:
                continue
            render_math_in(item)
            entry: Entry = found.entry
            body = item.children[-1] if len(item) else item
            extras = link_nodes(entry) + _project_links(portfolio, entry.key)
            if extras and isinstance(body, nodes.paragraph):
                body += nodes.Text(" ")
                body.extend(extras)
            if isinstance(item, nodes.citation):  # the full list; excerpts stay short
                item.extend(_web_details(entry, entry_location(entry.key)))
            if has_equal_contribution(entry) and item.parent is not None:
                _note_equal_contribution(item.parent)


def _is_bibliography_item(node: nodes.Node) -> bool:
    return isinstance(node, nodes.citation | nodes.list_item)


def link_nodes(entry: Entry) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for label, url in entry_links(entry):
        if result:
            result.append(nodes.Text(" "))
        result.append(nodes.reference("", f"[{label}]", refuri=url, classes=["portfolio-link"]))
    return result


def _project_links(domain: PortfolioDomain, key: str) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for kind, entry_id, target in domain.citing(key):
        ref = addnodes.pending_xref(
            "", refdomain="portfolio", reftype=kind, reftarget=entry_id,
            refexplicit=False, refwarn=True,
        )
        ref += nodes.inline(target.title, target.title)
        result += [nodes.Text(f" {kind.title()}: "), ref]
    if result:
        wrapper = nodes.inline(classes=[WEB_ONLY, "portfolio-backlinks"])
        wrapper.extend(result)
        return [wrapper]
    return []


def abstract_paragraph(entry: Entry, where: tuple[Path, int] | None) -> nodes.paragraph | None:
    """The entry's abstract with its math; ``where`` (the entry in its .bib file) locates
    any warning about that math."""
    abstract = entry.fields.get("abstract")
    if not abstract:
        return None
    para = nodes.paragraph("", "", *text_with_math(clean_latex(abstract)))
    if where is not None:
        for node in (para, *para.findall(nodes.math)):
            node.source, node.line = str(where[0]), where[1]
    return para


def _web_details(entry: Entry, where: tuple[Path, int] | None) -> list[nodes.Node]:
    blocks: list[nodes.Node] = []
    abstract = abstract_paragraph(entry, where)
    if abstract is not None:
        block = details(summary="Abstract", classes=[WEB_ONLY, "portfolio-abstract"])
        block += abstract
        blocks.append(block)
    bibtex = bibtex_source(entry)
    block = details(summary="BibTeX", classes=[WEB_ONLY, "portfolio-bibtex"])
    block += nodes.literal_block(bibtex, bibtex, language="bibtex")
    blocks.append(block)
    return blocks


_BIBTEX_WRITER = BibTeXWriter()


def bibtex_source(entry: Entry) -> str:
    # The abstract is long and already shown; our own annotation fields are not BibTeX.
    shown = Entry(entry.type, fields={
        name: value for name, value in entry.fields.items()
        if name.lower() not in {"abstract", "keywords", "author+an"}
    }, persons=entry.persons)
    # pybtex's to_string("bibtex") looks its writer plugin up anew on every call: slow
    # with thousands of entries, so the writer is made once.
    text: str = _BIBTEX_WRITER.to_string(BibliographyData({entry.key: shown}))
    return text.strip()


def equal_contribution_note() -> nodes.paragraph:
    note = nodes.paragraph(classes=["portfolio-equal-note"])
    note += nodes.emphasis("* denotes equal contribution", "* denotes equal contribution")
    return note


def _note_equal_contribution(container: nodes.Element) -> None:
    # Above the whole list, also when {publications} split it under headings.
    parent = container.parent
    while isinstance(parent, nodes.container) and GROUP_CLASS in parent["classes"]:
        container, parent = parent, parent.parent
    if container.get("portfolio_equal_note"):
        return
    container["portfolio_equal_note"] = True
    note = equal_contribution_note()
    parent = container.parent
    if parent is not None:
        parent.insert(parent.index(container), note)
