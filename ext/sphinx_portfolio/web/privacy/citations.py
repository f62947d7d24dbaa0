"""Bibliography entries as a valid ARIA list: ``role="listitem"``, not ``doc-biblioentry``.

docutils' HTML writer wraps each run of ``citation`` nodes (sphinxcontrib-bibtex makes
one per bibliography entry) in ``<div class="citation-list" role="list">`` and writes each
entry as ``<div class="citation" role="doc-biblioentry">``. DPUB-ARIA 1.1 deprecated
``doc-biblioentry`` and ARIA 1.3 does not allow it on a ``div``; checkers (axe, Lighthouse,
the Nu HTML Checker) then see a ``role="list"`` whose children are no list items but the
entries' contents (links, abstract and BibTeX toggles). Writing each entry as a
``listitem`` keeps the list screen readers announce ("list, 5 items"), valid.

Only the role changes: elements, classes and ids are docutils' own, so themes' and our
style sheets apply as before. The visitors are registered for the ``html`` translator,
which Sphinx uses for every HTML-format builder (html, dirhtml, singlehtml, epub); other
writers, and footnotes (another node), are untouched.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

__all__ = ["setup_citations"]


def visit_citation_html(self: HTML5Translator, node: nodes.citation) -> None:
    # As docutils' visitor (the wrapper opens before the first of consecutive entries),
    # with a role allowed on a list's child.
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div class="citation-list" role="list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation_html(self: HTML5Translator, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")  # the wrapper closes after the last entry


def setup_citations(app: Sphinx) -> None:
    # override: citation is a docutils node, whose visitors every translator has already
    app.add_node(nodes.citation, override=True,
                 html=(visit_citation_html, depart_citation_html))
