"""Post-transforms on the entries sphinxcontrib-bibtex made of a bibliography.

Both run after sphinxcontrib-bibtex has turned bibliographies into entries (its
transform has priority 5) and before references are resolved (priority 10), so the
back-links added here resolve like any other reference:

* :class:`GroupPublications` splits a ``{publications}`` list into runs under rubrics
  (standard docutils nodes, so the PDF prints them too); entries keep their CV numbers,
  and a list with a key prefix (``:selected:``) shows those of the full list;
* :class:`PublicationExtras` adds, per entry: ``$...$`` as math, links from fields (text
  links, ``[arXiv:2405.16002]``, as a printed CV shows them) and the projects that list the
  paper (web only).

On the web, :mod:`.buttons` then makes the links a row of buttons with the abstract and the
BibTeX.
"""

from __future__ import annotations

import re
from typing import Any, cast

from docutils import nodes
from pybtex.database import Entry
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import _shared
from .._compat.bibtex import Citation, CiteDomain
from ..bib import Grouping, group_items, has_equal_contribution
from ..buildstate import build_state
from ..domain import PortfolioDomain, Target, portfolio_domain
from ..locale import translate
from .render import equal_contribution_note, link_nodes, project_backlinks, render_math_in

__all__ = ["Citations", "GroupPublications", "PublicationExtras"]


class GroupPublications(SphinxPostTransform):
    default_priority = _shared.GROUP_PUBLICATIONS

    def run(self, **kwargs: Any) -> None:
        cite_domain = CiteDomain(self.env)
        citations = Citations(cite_domain, self.env)
        for wrapper in list(self.document.findall(nodes.container)):
            grouping: Grouping | None = wrapper.get("portfolio_group")
            if grouping is None:
                continue
            if wrapper.get("portfolio_keyprefix"):
                _show_full_list_labels(wrapper, cite_domain, citations)
            if grouping == "none":
                continue
            for listing in list(wrapper.children):
                if isinstance(listing, nodes.Element):
                    _group(wrapper, listing, citations, grouping)


class Citations:
    """sphinxcontrib-bibtex's citations by the page and id of their entry's node.

    Ids are unique within a page only (``id4`` on two pages names two entries), and a
    single-file builder (singlehtml, latex, cvpdf) merges every page into one tree.
    """

    def __init__(self, cite_domain: CiteDomain, env: BuildEnvironment) -> None:
        self._by_page_and_id = {(c.bibliography_key.docname, c.citation_id): c
                                for c in cite_domain.citations}
        self._env = env

    def of(self, node: nodes.Element) -> Citation | None:
        if not node["ids"]:
            return None
        return self._by_page_and_id.get((self._page_of(node), node["ids"][0]))

    def entries(self, document: nodes.document) -> list[tuple[nodes.Element, Entry]]:
        """The bibliography entries of ``document`` (citation nodes in citation lists, list
        items in bullet and enumerated ones), each with its BibTeX entry."""
        found = []
        for node in document.findall(_is_bibliography_item):
            item = cast(nodes.Element, node)
            citation = self.of(item)
            if citation is not None:
                found.append((item, citation.entry))
        return found

    def _page_of(self, node: nodes.Node) -> str:
        top = node
        while top.parent is not None:
            if isinstance(top, addnodes.start_of_file):
                return str(top["docname"])
            top = top.parent
        # Sphinx's inline_all_toctrees gives a merged page's children to a start_of_file
        # node without re-parenting them: their parents still lead to the page's own
        # document, whose source names the page.
        source = top.get("source") if isinstance(top, nodes.Element) else None
        page = self._env.path2doc(source) if source else None
        return page or self._env.docname


def _show_full_list_labels(wrapper: nodes.Element, cite_domain: CiteDomain,
                           citations: Citations) -> None:
    """A second listing of papers (e.g. the home page's selection) shows the numbers the
    full list gives them, which is also what ``{cite:p}`` prints."""
    bibliographies = cite_domain.bibliographies
    full_list_labels = {
        c.entry.key: c.formatted_entry.label for c in cite_domain.citations
        if not bibliographies[c.bibliography_key].keyprefix
        and bibliographies[c.bibliography_key].list_ == "citation"
    }
    prefix = str(wrapper.get("portfolio_labelprefix", ""))
    for citation in wrapper.findall(nodes.citation):
        if not len(citation) or not isinstance(citation[0], nodes.label):
            continue
        found = citations.of(citation)
        label = full_list_labels.get(found.entry.key) if found is not None else None
        if label is None:  # no full list on the site: the selection's own number
            label = citation[0].astext().removeprefix(prefix)
        citation[0].children = [nodes.Text(label)]


def _group(
    wrapper: nodes.Element, listing: nodes.Element, citations: Citations, grouping: Grouping,
) -> None:
    found = {id(child): citations.of(child) for child in listing.children
             if isinstance(child, nodes.Element)}
    items = [child for child in listing.children if found.get(id(child)) is not None]
    if not items or len(items) != len(listing.children):
        return  # not a list of bibliography entries
    entries: dict[int, Entry] = {id(item): cast(Any, found[id(item)]).entry for item in items}
    groups = group_items(items, lambda item: entries[id(item)], grouping)
    replacement: list[nodes.Node] = []
    number = int(listing.get("start", 1))
    for index, (heading, members) in enumerate(groups):
        heading = translate(heading)  # a kind or "Undated" (bib marks them), or a year
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
        portfolio = portfolio_domain(self.env)
        for item, entry in Citations(CiteDomain(self.env), self.env).entries(
                self.document):
            # Math written in the entry is reported at the entry in its .bib file, not at
            # the page listing it (the page is not where it can be fixed).
            render_math_in(item, build_state(self.env).entry_location(entry.key))
            body = item.children[-1] if len(item) else item
            extras = link_nodes(entry) + _project_links(portfolio, entry.key)
            if extras and isinstance(body, nodes.paragraph):
                if not _ends_a_sentence(body.astext()):
                    # a CSL style may end an entry with its address (APA: no full stop)
                    body += nodes.Text(".")
                body.extend(extras)
            if has_equal_contribution(entry) and item.parent is not None:
                _note_equal_contribution(item.parent)


def _ends_a_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does: a full stop, ? or !, then any closing
    quotes or brackets."""
    return bool(re.search(r"[.?!][\"'\u201d\u2019)\]]*\s*$", text))


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
