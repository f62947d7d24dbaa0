"""What is shown with one publication, in lists and on its own page: math, links, back-links,
abstract, BibTeX source and the equal-contribution note, as docutils nodes for every builder."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from pybtex.database import Entry

from ..bib import clean_latex, entry_links
from ..bib.export import bibtex_entry
from ..domain import PortfolioDomain, Target

_MATH = re.compile(r"(?<!\\)\$(?P<tex>[^$]+?)(?<!\\)\$")


def text_with_math(text: str, where: tuple[Path, int] | None = None) -> list[nodes.Node]:
    """Split ``text`` into Text and inline math nodes at each ``$...$`` span; ``where`` (the
    entry in its .bib file) locates any warning about that math."""
    result: list[nodes.Node] = []
    position = 0
    for match in _MATH.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position : match.start()]))
        math = nodes.math(match["tex"], match["tex"])
        if where is not None:
            math.source, math.line = str(where[0]), where[1]
        result.append(math)
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result


def render_math_in(node: nodes.Element, where: tuple[Path, int] | None = None) -> None:
    """Replace every Text child below ``node`` that holds ``$...$`` by text and math nodes;
    ``where`` (the entry in its .bib file) locates any warning about that math, which
    otherwise falls on the page that shows the entry."""
    for text in list(node.findall(nodes.Text)):
        if "$" in text and _MATH.search(text) and isinstance(text.parent, nodes.Element):
            parent = text.parent
            index = parent.index(text)
            parent[index : index + 1] = text_with_math(str(text), where)


def link_nodes(entry: Entry) -> list[nodes.Node]:
    """``[Paper] [arXiv:...] [Code]``: one reference per link field of the entry."""
    result: list[nodes.Node] = []
    for label, url in entry_links(entry):
        if result:
            result.append(nodes.Text(" "))
        result.append(nodes.reference("", f"[{label}]", refuri=url, classes=["portfolio-link"]))
    return result


def project_backlinks(
    domain: PortfolioDomain, key: str, link: Callable[[str, str, Target], nodes.Node],
) -> list[nodes.Node]:
    """" Project: <title>" for each data entry that lists the paper ``key``; ``link`` makes
    the reference (a cross-reference in documents, a plain URI on a paper's page)."""
    result: list[nodes.Node] = []
    for kind, entry_id, target in domain.citing(key):
        result += [nodes.Text(f" {kind.title()}: "), link(kind, entry_id, target)]
    return result


def abstract_paragraph(entry: Entry, where: tuple[Path, int] | None) -> nodes.paragraph | None:
    """The entry's abstract with its math; ``where`` (the entry in its .bib file) locates
    any warning about that math."""
    abstract = entry.fields.get("abstract")
    if not abstract:
        return None
    para = nodes.paragraph("", "", *text_with_math(clean_latex(abstract), where))
    if where is not None:
        para.source, para.line = str(where[0]), where[1]
    return para


def bibtex_source(entry: Entry) -> str:
    """The entry as BibTeX to copy: as read, without the abstract and our own annotation
    fields (the same text as its download, :func:`sphinx_portfolio.bib.export.bibtex_entry`)."""
    return bibtex_entry(entry).strip()


def equal_contribution_note() -> nodes.paragraph:
    note = nodes.paragraph(classes=["portfolio-equal-note"])
    note += nodes.emphasis("* denotes equal contribution", "* denotes equal contribution")
    return note
