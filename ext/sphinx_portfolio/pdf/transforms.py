"""Post-transforms that reshape the one doctree of the CV (PDF builder only).

After the web-only nodes are gone (:mod:`sphinx_portfolio.nodes`) and the variant's cuts
apply (:mod:`.variants`), the web's summaries leave the CV, data tables lose their header
rows, in-text citations become links to the entries, an identifier the entry prints
("Preprint, arXiv:2405.16002") carries its link, and links to what is not in the PDF
become text.
"""

from __future__ import annotations

import re
from typing import Any, Final

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import _shared

__all__ = [
    "PDF_FORMAT",
    "VARIANT_KEY",
    "CitationsForPDF",
    "LeaveOutWebSummaries",
    "UnlinkDangling",
    "unlink_dangling",
]

#: The PDF builder's format; every transform here runs for it alone.
PDF_FORMAT: Final = "pdf"
#: The variant being made, on the assembled document ("" for the full CV).
VARIANT_KEY: Final = "portfolio_variant"


class LeaveOutWebSummaries(SphinxPostTransform):
    """The publication metrics stay on the web: in a CV the list of papers right below
    says the same, and LaTeX CVs carry no such counts. Data tables lose their header rows:
    a CV's entries say what they are."""

    default_priority = _shared.PDF_APPLY_VARIANT  # with the variant's cuts, before the rest
    formats = (PDF_FORMAT,)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if _shared.METRICS in node["classes"] and node.parent is not None:
                node.parent.remove(node)
        for table in self.document.findall(nodes.table):
            if _shared.TABLE in table["classes"]:
                for head in list(table.findall(nodes.thead)):
                    head.parent.remove(head)


class CitationsForPDF(SphinxPostTransform):
    """In-text citations as links to their entries; an identifier link ("[arXiv:...]")
    placed on the words of the entry that name it.

    sphinxcontrib-bibtex gives non-HTML builders ``citation_reference`` nodes holding the
    label between the brackets its referencing style already printed; a plain internal
    link shows it once. A link whose words the entry already prints ("Preprint,
    arXiv:2405.16002") is made on those words rather than repeated after the entry.
    """

    default_priority = _shared.PDF_CITATIONS  # after the citations are resolved (10)
    formats = (PDF_FORMAT,)

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.citation_reference)):
            # refids look like "%docname#id"; one whose entry is not in the PDF is
            # made text by UnlinkDangling
            link = nodes.reference(ref.astext(), "", *ref.children, refid=ref.get("refid", ""))
            ref.replace_self(link)
        for citation in self.document.findall(nodes.citation):
            for paragraph in citation.findall(nodes.paragraph):
                _link_where_named(paragraph)


#: A link labelled with an identifier: "[arXiv:2405.16002]", "[HAL:hal-0001]".
_IDENTIFIER_LINK: Final = re.compile(r"\[?(?P<id>\w+:\S+?)\]?")


def _link_where_named(paragraph: nodes.paragraph) -> None:
    """Each link labelled with an identifier the entry's own text prints ("Preprint,
    arXiv:2405.16002") becomes a link on those words, and leaves the links after the entry;
    so does one whose address the entry already links (a CSL style printing the URL)."""
    for ref in list(paragraph.findall(nodes.reference)):
        match = _IDENTIFIER_LINK.fullmatch(ref.astext().strip())
        uri = ref.get("refuri")
        if match is None or not uri:
            continue
        if ref.astext().strip().startswith("[") and any(
                other.get("refuri") == uri and not other.astext().strip().startswith("[")
                for other in paragraph.findall(nodes.reference)):
            _remove_with_blank_before(ref)  # the entry prints and links the address (APA)
            continue
        label = match["id"]
        whole_word = re.compile(rf"(?<![\w:]){re.escape(label)}(?!\w|\.\w)")
        found = ((text, whole_word.search(text)) for text in paragraph.findall(nodes.Text)
                 if not _in_reference(text))
        named, at = next(((text, at) for text, at in found if at), (None, None))
        if named is None or at is None or named.parent is None:
            continue
        words = nodes.reference(label, label, refuri=uri, classes=ref["classes"])
        parts = [nodes.Text(named[:at.start()]), words, nodes.Text(named[at.end():])]
        named.parent.replace(named, [part for part in parts if part.astext()])
        _remove_with_blank_before(ref)


def _in_reference(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.reference):
            return True
        parent = parent.parent
    return False


def _remove_with_blank_before(node: nodes.Element) -> None:
    """Remove ``node``, the blank that set it apart, and a wrapper left with nothing else."""
    parent = node.parent
    if parent is None:
        return
    index = parent.index(node)
    previous = parent[index - 1] if index else None
    if isinstance(previous, nodes.Text) and not str(previous).strip():
        parent.remove(previous)
    parent.remove(node)
    if isinstance(parent, nodes.inline) and not parent.astext().strip() and parent.parent:
        parent.parent.remove(parent)


class UnlinkDangling(SphinxPostTransform):
    """Links to targets that are not in the PDF (dropped rows or pages, citations of
    entries listed nowhere) become plain text: in the PDF they would point nowhere."""

    default_priority = _shared.PDF_UNLINK_DANGLING
    formats = (PDF_FORMAT,)

    def run(self, **kwargs: Any) -> None:
        unlink_dangling(self.document)


def unlink_dangling(document: nodes.document) -> None:
    """Each link to a place the document does not hold made its text."""
    # any id: bibliographies with ``:list:`` make list items the targets
    ids = {id_ for node in document.findall(nodes.Element) for id_ in node["ids"]}
    for ref in list(document.findall(nodes.reference)):
        refid = ref.get("refid")
        refuri = str(ref.get("refuri") or "")
        if refuri.startswith("%"):  # "%docname#id": a page of this PDF
            refid = refuri.partition("#")[2] or None
            if refid is not None:
                del ref["refuri"]
                ref["refid"] = refid
        if refid is not None and str(refid).rpartition("#")[2] not in ids:
            ref.replace_self(nodes.inline(ref.rawsource, "", *ref.children))
