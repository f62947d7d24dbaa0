"""Post-transforms that reshape the one doctree rinoh assembles into a CV (rinoh only).

After the web-only nodes are gone (:mod:`sphinx_portfolio.nodes`) and the variant's
cuts apply (:mod:`.variants`), the web's summaries leave the CV, the name and
contact block go on top, citations become an aligned list with plain links, links
that lead out of the PDF become text, and tables get column widths sized like HTML's.
"""

from __future__ import annotations

import re
from typing import Any, Final, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import _shared

BIBLIOGRAPHY_CLASS: Final = "portfolio-bibliography"
NAME_CLASS: Final = "portfolio-cv-name"
CONTACT_CLASS: Final = "portfolio-cv-contact"


class LeaveOutWebSummaries(SphinxPostTransform):
    """The publication metrics stay on the web: in a CV the list of papers right below
    says the same, and LaTeX CVs carry no such counts."""

    default_priority = _shared.PDF_APPLY_VARIANT  # with the variant's cuts, before the rest
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if _shared.METRICS in node["classes"] and node.parent is not None:
                node.parent.remove(node)


class CVHeader(SphinxPostTransform):
    """Put the root document's title back on top and mark the contact block.

    The rinoh builder drops the root document's title (it expects a title
    page); for a CV the name *is* the title of page one.  The root document's
    paragraphs before its first section or included page form the contact block.
    """

    default_priority = _shared.PDF_HEADER
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        docname = self.document.get("docname")
        title = self.env.titles.get(docname) if docname else None
        if title is None or docname not in _rinoh_roots(self.config):
            return
        if not title.astext() or title.astext() == "<no title>":  # Sphinx placeholder
            title = None
        for child in self.document.children:
            # included pages sit in a toctree wrapper (compound), not at the top
            if any(child.findall(_is_section_or_page)):
                break
            # also inside containers (e.g. the package's profile block)
            for paragraph in child.findall(nodes.paragraph):
                paragraph["classes"].append(CONTACT_CLASS)
        if title is not None:
            name = nodes.paragraph("", "", *(c.deepcopy() for c in title.children))
            name["classes"].append(NAME_CLASS)
            self.document.insert(0, name)


def _is_section_or_page(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Structural | addnodes.start_of_file)


def _rinoh_roots(config: Config) -> set[str]:
    roots = set()
    for entry in config.rinoh_documents or ():
        roots.add(entry["doc"] if isinstance(entry, dict) else entry[0])
    return roots


class CitationsForPDF(SphinxPostTransform):
    """Bibliography as an aligned, in-place list; in-text citations as links.

    sphinxcontrib-bibtex gives the rinoh builder ``citation_reference`` nodes
    holding only the label (``SY25``) between the brackets its referencing
    style already printed; rinohtype treats them as note markers, whose stock
    style adds ``[`` ``]`` again (``[[SY25]]``).  rinohtype also renders each
    ``citation`` as a footnote-like note labelled by its first marker, so
    entries that are never cited get an empty/unknown label.  Plain internal
    references and a field list (label -> entry) avoid both problems.

    A link whose words the entry already prints ("Preprint, arXiv:2405.16002") is made on
    those words rather than repeated after the entry ("[arXiv:2405.16002]").
    """

    default_priority = _shared.PDF_CITATIONS  # after the citations are resolved (10)
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.citation_reference)):
            # refids look like "%docname#id"; one whose entry is not in the PDF is
            # made text by UnlinkDangling
            link = nodes.reference(ref.astext(), "", *ref.children, refid=ref.get("refid", ""))
            ref.replace_self(link)
        for citation in list(self.document.findall(nodes.citation)):
            self._to_field(citation)

    @staticmethod
    def _to_field(citation: nodes.citation) -> None:
        parent = citation.parent
        if parent is None:
            return
        index = parent.index(citation)
        previous = parent[index - 1] if index else None
        if isinstance(previous, nodes.field_list) and BIBLIOGRAPHY_CLASS in previous["classes"]:
            field_list = previous
            parent.remove(citation)
        else:
            field_list = nodes.field_list(classes=[BIBLIOGRAPHY_CLASS])
            parent.replace(citation, field_list)
        labels = [child for child in citation.children if isinstance(child, nodes.label)]
        label = labels[0].astext() if labels else ""
        body = [child for child in citation.children if not isinstance(child, nodes.label)]
        for paragraph in body:
            if isinstance(paragraph, nodes.paragraph):
                _link_where_named(paragraph)
        field = nodes.field(
            "",
            nodes.field_name("", f"[{label}]" if label else ""),
            nodes.field_body("", *body),
            ids=citation["ids"],
            classes=citation["classes"],
        )
        field_list += field


#: A link labelled with an identifier: "[arXiv:2405.16002]", "[HAL:hal-0001]".
_IDENTIFIER_LINK: Final = re.compile(r"\[?(?P<id>\w+:\S+?)\]?")


def _link_where_named(paragraph: nodes.paragraph) -> None:
    """Each link labelled with an identifier the entry's own text prints ("Preprint,
    arXiv:2405.16002") becomes a link on those words, and leaves the links after the entry."""
    for ref in list(paragraph.findall(nodes.reference)):
        match = _IDENTIFIER_LINK.fullmatch(ref.astext().strip())
        uri = ref.get("refuri")
        if match is None or not uri:
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


#: Characters of 9.5 pt Pagella on one table line of the A4/Letter text width.
TABLE_LINE_CHARS: Final = 95
_COLUMN_GAP_CHARS: Final = 2


class TableColumnWidths(SphinxPostTransform):
    """Give tables explicit relative column widths, sized like HTML auto layout; lay our
    data tables out as CV entries.

    rinohtype's automatic sizing splits the width by the geometric mean of
    each column's wrapped and unwrapped content width, so a short "Period"
    column next to a long description gets squeezed and wraps mid-date
    ("10/2023 - 05" / "/2024", rinoh breaks after slashes).  Here columns
    whose content fits their fair share keep their natural width and only
    the long-text columns wrap.  Widths the author gave are kept.

    Our data tables lose their header rows (a CV's entries say what they are) and their
    dates column has one width in every table, its text set flush right: every date ends
    at the same x, on every page, as in LaTeX CVs. That width fits the widest single date
    or range of the document ("Sep 2024 \N{EN DASH} present", however
    ``portfolio_date_format`` writes them); a list of terms wraps between its terms.
    """

    default_priority = _shared.PDF_COLUMN_WIDTHS
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        ours = [table for table in self.document.findall(nodes.table)
                if _shared.TABLE in table["classes"]]
        # a list of terms ("Spring 2021, Fall 2021, Spring 2022") wraps rather than
        # narrowing every table's text column
        dates_width = max((len(part) + _COLUMN_GAP_CHARS for table in ours
                           for entry in table.findall(_is_dates_cell)
                           for part in _date_parts(cast(nodes.Element, entry))), default=0)
        for table in ours:
            for head in list(table.findall(nodes.thead)):
                head.parent.remove(head)
            for entry in table.findall(_is_dates_cell):
                for paragraph in entry.findall(nodes.paragraph):
                    paragraph["classes"].append(_shared.DATES)
        for table in self.document.findall(nodes.table):
            if "colwidths-given" in table["classes"]:
                continue
            for tgroup in table.findall(nodes.tgroup):
                colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
                fixed = {index: dates_width for index in _dates_columns(tgroup)}
                widths = column_widths(tgroup, len(colspecs), fixed)
                if widths is None:
                    continue
                for colspec, width in zip(colspecs, widths, strict=True):
                    colspec["colwidth"] = width
                table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"]
                table["classes"].append("colwidths-given")


_LIST_SEPARATOR: Final = re.compile(r",\s+")


def _is_dates_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.entry) and _shared.DATES in node["classes"]


def _date_parts(entry: nodes.Element) -> list[str]:
    """The cell's dates, ranges or terms, each as it stays on one line."""
    marked = [node.astext() for node in entry.findall(nodes.inline)
              if _shared.DATE in node["classes"]]
    # cells without the marks (another writer of tables): the commas separate the parts
    return marked or [part for paragraph in entry.findall(nodes.paragraph)
                      for part in _LIST_SEPARATOR.split(paragraph.astext()) if part]


def _natural_width(entry: nodes.Element) -> int:
    lines = [p.astext() for p in entry.findall(nodes.paragraph)] or [entry.astext()]
    return max(len(" ".join(line.split())) for line in lines) + _COLUMN_GAP_CHARS


def _dates_columns(tgroup: nodes.tgroup) -> set[int]:
    first = next(tgroup.findall(nodes.row), None)
    if first is None:
        return set()
    cells = [e for e in first.children if isinstance(e, nodes.entry)]
    return {index for index, cell in enumerate(cells) if _is_dates_cell(cell)}


def column_widths(tgroup: nodes.tgroup, count: int,
                  given: dict[int, int] | None = None) -> list[int] | None:
    """Relative widths (in characters) for *tgroup*'s columns; None if it has spans.
    Columns in ``given`` get that width."""
    natural = [1] * count
    for row in tgroup.findall(nodes.row):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(entries) != count or any(e.get("morecols") for e in entries):
            return None  # column spans: leave the table to rinohtype
        for index, entry in enumerate(entries):
            natural[index] = max(natural[index], _natural_width(entry))
    given = given or {}
    natural = [given.get(index, width) for index, width in enumerate(natural)]
    if sum(natural) <= TABLE_LINE_CHARS:
        # tables are full width: the slack goes to the longest column, so short
        # ones (dates) keep their width and sit flush right as in other tables
        widest = max((i for i in range(count) if i not in given), key=natural.__getitem__,
                     default=natural.index(max(natural)))
        natural[widest] += TABLE_LINE_CHARS - sum(natural)
        return natural
    # columns that fit their share of what is left keep their natural width
    fixed: dict[int, int] = dict(given)
    while True:
        free = [i for i in range(count) if i not in fixed]
        share = (TABLE_LINE_CHARS - sum(fixed.values())) / max(len(free), 1)
        fits = {i: natural[i] for i in free if natural[i] <= share}
        if not fits:
            break
        fixed.update(fits)
    free = [i for i in range(count) if i not in fixed]
    left = max(TABLE_LINE_CHARS - sum(fixed.values()), 10 * len(free))
    free_total = sum(natural[i] for i in free) or 1
    return [fixed.get(i, max(1, round(left * natural[i] / free_total))) for i in range(count)]


class UnlinkDangling(SphinxPostTransform):
    """Links to targets that are not in the PDF (dropped rows or pages, citations of
    entries listed nowhere) become plain text: in the PDF they would point nowhere."""

    default_priority = _shared.PDF_UNLINK_DANGLING
    builders = ("rinoh",)

    def run(self, **kwargs: Any) -> None:
        # any id: bibliographies with ``:list:`` make list items the targets
        ids = {id_ for node in self.document.findall(nodes.Element) for id_ in node["ids"]}
        for ref in list(self.document.findall(nodes.reference)):
            refid = ref.get("refid")
            if refid is not None and str(refid).rpartition("#")[2] not in ids:
                ref.replace_self(nodes.inline(ref.rawsource, "", *ref.children))
