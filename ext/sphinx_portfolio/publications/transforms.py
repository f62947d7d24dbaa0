"""Post-transforms on the entries sphinxcontrib-bibtex made of a bibliography.

Both run after sphinxcontrib-bibtex has turned bibliographies into entries (its
transform has priority 5) and before references are resolved (priority 10), so the
back-links added here resolve like any other reference:

* :class:`GroupPublications` splits a ``{publications}`` list into runs under rubrics
  (standard docutils nodes, so the PDF prints them too); entries keep their CV numbers;
* :class:`PublicationExtras` adds, per entry: ``$...$`` as math, links from fields, the
  projects that list the paper, and (web only) the abstract and the entry's BibTeX.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from pybtex.database import Entry
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import _shared
from ..bib import Grouping, group_items, has_equal_contribution
from ..domain import PortfolioDomain, Target, portfolio_domain
from ..nodes import details
from .render import (
    abstract_paragraph,
    bibtex_source,
    equal_contribution_note,
    link_nodes,
    project_backlinks,
    render_math_in,
)


class GroupPublications(SphinxPostTransform):
    default_priority = _shared.GROUP_PUBLICATIONS

    def run(self, **kwargs: Any) -> None:
        citations = self.env.get_domain("cite").data["citations"]
        entries: dict[str, Entry] = {c.citation_id: c.entry for c in citations}
        for wrapper in list(self.document.findall(nodes.container)):
            grouping: Grouping | None = wrapper.get("portfolio_group")
            if grouping is None or grouping == "none":
                continue
            for listing in list(wrapper.children):
                if isinstance(listing, nodes.Element):
                    _group(wrapper, listing, entries, grouping)


def _group(
    wrapper: nodes.Element, listing: nodes.Element, entries: dict[str, Entry], grouping: Grouping,
) -> None:
    items = [child for child in listing.children
             if isinstance(child, nodes.Element) and child["ids"] and child["ids"][0] in entries]
    if not items or len(items) != len(listing.children):
        return  # not a list of bibliography entries
    groups = group_items(items, lambda item: entries[item["ids"][0]], grouping)
    replacement: list[nodes.Node] = []
    number = int(listing.get("start", 1))
    for index, (heading, members) in enumerate(groups):
        replacement.append(nodes.rubric(heading, heading, classes=["portfolio-group-heading"]))
        run = listing.copy()  # same kind of list, same attributes
        if index:
            run["ids"] = []  # an id names one element: the first run keeps the list's
        if isinstance(run, nodes.enumerated_list):
            run["start"] = number
            number += len(members)
        run.extend(members)
        replacement.append(run)
    index = wrapper.index(listing)
    wrapper[index : index + 1] = replacement


class PublicationExtras(SphinxPostTransform):
    default_priority = _shared.PUBLICATION_EXTRAS  # after the grouping

    def run(self, **kwargs: Any) -> None:
        cite_domain = self.env.get_domain("cite")
        entries = {c.citation_id: c for c in cite_domain.data["citations"]}
        portfolio = portfolio_domain(self.env)
        # Entries are citation nodes in citation lists, list items in bullet/enumerated ones.
        for node in list(self.document.findall(_is_bibliography_item)):
            item = cast(nodes.Element, node)
            found = entries.get(item["ids"][0]) if item["ids"] else None
            if found is None:
                continue
            entry: Entry = found.entry
            # Math written in the entry is reported at the entry in its .bib file, not at
            # the page listing it (the page is not where it can be fixed).
            render_math_in(item, portfolio.entry_location(entry.key))
            body = item.children[-1] if len(item) else item
            extras = link_nodes(entry) + _project_links(portfolio, entry.key)
            if extras and isinstance(body, nodes.paragraph):
                body += nodes.Text(" ")
                body.extend(extras)
            if isinstance(item, nodes.citation):  # the full list; excerpts stay short
                item.extend(_web_details(entry, portfolio))
            if has_equal_contribution(entry) and item.parent is not None:
                _note_equal_contribution(item.parent)


def _is_bibliography_item(node: nodes.Node) -> bool:
    return isinstance(node, nodes.citation | nodes.list_item)


def _cross_reference(kind: str, entry_id: str, target: Target) -> nodes.Node:
    ref = addnodes.pending_xref(
        "", refdomain="portfolio", reftype=kind, reftarget=entry_id,
        refexplicit=False, refwarn=True,
    )
    ref += nodes.inline(target.title, target.title)
    return ref


def _project_links(domain: PortfolioDomain, key: str) -> list[nodes.Node]:
    links = project_backlinks(domain, key, _cross_reference)
    if not links:
        return []
    wrapper = nodes.inline(classes=[_shared.WEB_ONLY, "portfolio-backlinks"])
    wrapper.extend(links)
    return [wrapper]


def _web_details(entry: Entry, domain: PortfolioDomain) -> list[nodes.Node]:
    blocks: list[nodes.Node] = []
    abstract = abstract_paragraph(entry, domain.entry_location(entry.key))
    if abstract is not None:
        block = details(summary="Abstract", classes=[_shared.WEB_ONLY, "portfolio-abstract"])
        block += abstract
        blocks.append(block)
    bibtex = bibtex_source(entry)
    block = details(summary="BibTeX", classes=[_shared.WEB_ONLY, "portfolio-bibtex"])
    block += nodes.literal_block(bibtex, bibtex, language="bibtex")
    blocks.append(block)
    return blocks


def _note_equal_contribution(container: nodes.Element) -> None:
    # Above the whole list, also when {publications} split it under headings.
    parent = container.parent
    while isinstance(parent, nodes.container) and _shared.PUBLICATIONS in parent["classes"]:
        container, parent = parent, parent.parent
    if container.get("portfolio_equal_note"):
        return
    container["portfolio_equal_note"] = True
    note = equal_contribution_note()
    parent = container.parent
    if parent is not None:
        parent.insert(parent.index(container), note)
