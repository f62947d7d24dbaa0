"""Our one custom node, with a visitor for every builder, and the removal of web-only parts.

``details`` is a collapsible block (the abstract and BibTeX under a publication). HTML
writes ``<details><summary>``; every other writer shows its contents as they are. Parts
classed :data:`~._shared.WEB_ONLY` (these blocks, back-links) are removed before any
non-HTML writer sees them: a printed or plain-text CV has no use for toggles. Parts classed
:data:`~._shared.PRINT_ONLY` (a phone number) are removed from HTML pages.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxTranslator
from sphinx.writers.html5 import HTML5Translator

from . import _shared

__all__ = ["details", "setup_nodes"]


class details(nodes.General, nodes.Element):
    """A collapsible block; ``node["summary"]`` is the text that opens it."""


def visit_details_html(self: HTML5Translator, node: details) -> None:
    classes = " ".join(node["classes"])
    summary = self.encode(node["summary"])
    self.body.append(f'<details class="{classes}"><summary>{summary}</summary>')


def depart_details_html(self: HTML5Translator, node: details) -> None:
    self.body.append("</details>")


def visit_details_contents(self: SphinxTranslator, node: details) -> None:
    """Other writers: the block's contents, written by their own visitors."""


def depart_details_contents(self: SphinxTranslator, node: details) -> None:
    pass


class _RemoveClassed(SphinxPostTransform):
    """Drop the nodes classed :attr:`removed`; :meth:`left` tidies what each removal left."""

    removed: str

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            parent = node.parent
            if self.removed in node.get("classes", ()) and parent is not None:
                parent.remove(node)
                self.left(parent)
        self.tidy()

    def left(self, parent: nodes.Element) -> None:
        """What to do with ``parent`` once one of its children is removed."""

    def tidy(self) -> None:
        """What to do with the document once every classed node is removed."""


class RemoveWebOnly(_RemoveClassed):
    """Drop nodes classed ``portfolio-web-only`` for the builders that write documents to
    print or read as text (XML output keeps the whole doctree)."""

    removed = _shared.WEB_ONLY
    # late: other post-transforms (the publication extras, say) add web-only nodes
    default_priority = _shared.REMOVE_WEB_ONLY
    formats = ("latex", "text", "man", "texinfo", "pdf")  # "pdf": the PDF CV (cvpdf, Typst)

    def tidy(self) -> None:
        # A page whose whole body is web-only (the CV download page) leaves a bare
        # heading behind; print has no use for it.
        for section in list(self.document.findall(nodes.section)):
            bare = all(isinstance(child, nodes.title | nodes.target) for child in section.children)
            if bare and section.parent is not None:
                section.parent.remove(section)


class RemovePrintOnly(_RemoveClassed):
    """Drop nodes classed ``portfolio-print-only`` from HTML pages (the PDF CV, which is
    resolved as the PDF builder resolves it, keeps them); a paragraph left empty goes too."""

    removed = _shared.PRINT_ONLY
    # before the web's reshaping of the profile (its contact line, its e-mail address)
    default_priority = 4
    formats = ("html",)

    def left(self, parent: nodes.Element) -> None:
        if isinstance(parent, nodes.paragraph) and not parent.astext().strip() \
                and parent.parent is not None:
            parent.parent.remove(parent)


def setup_nodes(app: Sphinx) -> None:
    others = (visit_details_contents, depart_details_contents)
    app.add_node(details, html=(visit_details_html, depart_details_html),
                 latex=others, text=others, man=others, texinfo=others)
    app.add_post_transform(RemoveWebOnly)
    app.add_post_transform(RemovePrintOnly)
