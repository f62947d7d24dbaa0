"""The CV's doctree as Typst markup for a design (``designs/*.typ``): one method per node.

Written by hand because no Typst writer for docutils exists that keeps text out of the
markup: here every piece of text goes through :func:`.syntax.typst_string` (a string
literal, never parsed), every link through a scheme check, every label through a name
check, and every formula through :mod:`.math`'s converter. The markup calls only the
design's functions (``entry``, ``publication``, ...; listed in ``designs/classic.typ``) and
Typst's own elements.

A node this writer does not know is one located ``pdf-node`` warning and its text, so
nothing is lost silently. Each block remembers the source line it came from, so that a
Typst diagnostic about the generated file points at the page (:attr:`TypstTranslator.lines`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Final

from docutils import nodes
from sphinx import addnodes

from .. import _shared
from ..formulas import MATH_QUOTED_CHARS, warn_once
from ..warnings_ import Subtype
from .syntax import typst_string, typst_text

__all__ = ["TypstTranslator"]

#: Schemes a link of the PDF may have; any other link is its text.
LINK_SCHEMES: Final = ("http://", "https://", "mailto:")
#: Labels are written ``<name>``: Typst's label syntax, and docutils' ids (``make_id``) fit.
_LABEL: Final = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]{0,199}")
#: Nodes left out without a word: what only drives other builders or Sphinx itself.
_LEFT_OUT: Final = (
    nodes.comment, nodes.system_message, nodes.substitution_definition, nodes.raw,
    nodes.meta, nodes.decoration, nodes.docinfo, addnodes.index, addnodes.toctree,
    addnodes.highlightlang, nodes.colspec, nodes.thead, nodes.pending,
)
#: Nodes written as an opening, their children and a closing; a block starts a line.
_WRAPPED: Final[dict[type[nodes.Node], tuple[str, str, bool]]] = {
    nodes.strong: ("#strong[", "]", False),
    nodes.emphasis: ("#emph[", "]", False),
    nodes.subscript: ("#sub[", "]", False),
    nodes.superscript: ("#super[", "]", False),
    nodes.bullet_list: ("#list(", ")\n", True),
    nodes.enumerated_list: ("#enum(", ")\n", True),
    nodes.list_item: ("[", "],", False),
    nodes.definition_list: ("#terms(", ")\n", True),
    nodes.field_list: ("#terms(", ")\n", True),
}
#: Wrappers whose children are written as they are.
_TRANSPARENT: Final = (
    nodes.document, nodes.compound, addnodes.start_of_file, nodes.inline, nodes.generated,
    nodes.abbreviation, nodes.acronym, nodes.tgroup, nodes.tbody, nodes.container,
    addnodes.compact_paragraph, nodes.legend, nodes.line_block, nodes.block_quote,
    addnodes.pending_xref, nodes.problematic, nodes.title_reference, nodes.citation_reference,
)


def _location(node: nodes.Node) -> str | None:
    """"source:line" of a node, or of the nearest ancestor that knows it."""
    for known in (node, *_ancestors(node)):
        if known.source and known.line:
            return f"{known.source}:{known.line}"
    source = next((n.source for n in (node, *_ancestors(node)) if n.source), None)
    return f"{source}:1" if source else None


@functools.lru_cache(maxsize=4096)
def _typst_math(latex: str) -> str | Exception:
    """A formula as Typst math, or why it cannot be: converted once a process, however often
    it is shown (the list and a paper's page; the full CV and each variant)."""
    from .math import Unconvertible, latex_to_typst  # docutils' parser, when math is met

    try:
        return latex_to_typst(latex)
    except Unconvertible as problem:
        return problem


def _unbroken(text: str) -> str:
    """Text whose spaces do not break (a date range stays on one line)."""
    return " ".join(text.split()).replace(" ", "\N{NO-BREAK SPACE}")


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def _has_content(section: nodes.section) -> bool:
    """Whether a section holds anything but its title: text, or an image or formula."""
    return any(not isinstance(child, nodes.title)
               and (child.astext().strip() or next(child.findall(nodes.image), None))
               for child in section.children)


class TypstTranslator(nodes.NodeVisitor):
    """Writes the assembled CV doctree as the body of a Typst document.

    The ids links lead to are written as labels, each once, where it first appears; a link
    to an id not in the document is its text.
    """

    def __init__(self, document: nodes.document,
                 math_warned: set[tuple[object, ...]]) -> None:
        super().__init__(document)
        #: formulas already reported (the web's converter and ours share it: one warning a
        #: formula and place, whichever output met it first)
        self.math_warned = math_warned
        self.body: list[str] = []
        #: (generated line, "source:line") where each located block starts
        self.lines: list[tuple[int, str]] = []
        self._line = 1
        self._section_depth = 0
        self._labelled: set[str] = set()
        #: sections with nothing but their heading (an empty table, a page of web links only):
        #: a heading over nothing reads as if something were missing
        empty = [section for section in document.findall(nodes.section)
                 if not _has_content(section)]
        self._empty = {id(section) for section in empty}
        self._targets = self._first_ids(document) - {
            id_ for section in empty for node in section.findall(nodes.Element)
            for id_ in node["ids"]}
        self._in_link = 0
        self._name: nodes.section | None = None
        #: every single date or range, once (the design sizes its dates column to the widest)
        self.dates = sorted({_unbroken(node.astext()) for node in document.findall(nodes.inline)
                             if _shared.DATE in node["classes"]})
        self._in_date = 0
        self._footnotes = {id_: node for node in document.findall(nodes.footnote)
                           for id_ in node["ids"]}

    # -- output ----------------------------------------------------------------------------

    def add(self, markup: str) -> None:
        self.body.append(markup)
        self._line += markup.count("\n")

    def text(self, text: str) -> None:
        self.add(typst_text(text))

    def block_start(self, node: nodes.Node) -> None:
        """A new line for a block, remembering where in the sources it came from."""
        if self.body and not self.body[-1].endswith("\n"):
            self.add("\n")
        location = _location(node)
        if location:
            self.lines.append((self._line, location))

    def astext(self) -> str:
        return "".join(self.body)

    def walk(self, children: Iterable[nodes.Node]) -> None:
        """Write ``children`` (for a node whose own markup is written around them here)."""
        for child in children:
            child.walkabout(self)

    # -- labels and links ------------------------------------------------------------------

    @staticmethod
    def _first_ids(document: nodes.document) -> set[str]:
        """The ids some link of the document leads to (only those get a label: Typst allows
        one label an element, and a page's ids are many)."""
        linked = {str(ref.get("refid") or "").rpartition("#")[2]
                  for ref in document.findall(nodes.reference)}
        return {id_ for node in document.findall(nodes.Element) for id_ in node["ids"]
                if id_ in linked and _LABEL.fullmatch(id_)}

    def _label_after(self, node: nodes.Element) -> None:
        """Attach the first of the node's ids not yet used, so a link can lead here."""
        for id_ in node["ids"]:
            if id_ in self._targets and id_ not in self._labelled:
                self._labelled.add(id_)
                self.add(f" <{id_}>")
                return

    def _link_target(self, node: nodes.Element) -> str | None:
        """Typst's link target for a reference: a string URL, a label, or None (text)."""
        uri = str(node.get("refuri") or "")
        if uri:
            return typst_string(uri) if uri.lower().startswith(LINK_SCHEMES) else None
        refid = str(node.get("refid") or "").rpartition("#")[2]
        return f"<{refid}>" if refid in self._targets else None

    # -- structure -------------------------------------------------------------------------

    def visit_section(self, node: nodes.section) -> None:
        if id(node) in self._empty:
            raise nodes.SkipNode
        if self._is_name_section(node):
            self._name_and_contact(node)
            raise nodes.SkipNode
        self._section_depth += 1

    def depart_section(self, node: nodes.section) -> None:
        self._section_depth -= 1

    def _is_name_section(self, node: nodes.section) -> bool:
        """The root page's own first section: its title is the owner's name."""
        return (self._name is None and isinstance(node.parent, nodes.document)
                and node.parent.index(node) == next(
                    (i for i, child in enumerate(node.parent.children)
                     if isinstance(child, nodes.section)), -1))

    def _name_and_contact(self, node: nodes.section) -> None:
        """The name on top; what the root page says before its first section or included
        page (the profile) under it; then everything else."""
        self._name = node
        children = list(node.children)
        rest = 0
        for rest, child in enumerate(children):  # noqa: B007  (the index is kept)
            if isinstance(child, nodes.title):
                self.block_start(child)
                self.add("#name[")
                self.walk(child.children)
                self.add("]")
                self._label_after(node)
                self.add("\n")
                continue
            if any(child.findall(lambda n: isinstance(n, nodes.section
                                                        | addnodes.start_of_file))):
                break
        else:
            rest = len(children)
        contact = [child for child in children[:rest] if not isinstance(child, nodes.title)]
        if contact:
            self.block_start(contact[0])
            self.add("#contact[\n")
            self.walk(contact)
            self.add("]\n")
        self.walk(children[rest:])

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        self.block_start(node)
        if isinstance(parent, nodes.section):
            self.add(f"#heading(level: {min(max(self._section_depth, 1), 6)})[")
        elif isinstance(parent, nodes.table):
            self.add("#block(sticky: true, strong[")
        else:
            self.add("#strong[")

    def depart_title(self, node: nodes.title) -> None:
        self.add("])\n" if isinstance(node.parent, nodes.table) else "]")
        if isinstance(node.parent, nodes.section):
            self._label_after(node.parent)
        self.add("\n")

    def visit_rubric(self, node: nodes.rubric) -> None:
        self.block_start(node)
        self.add("#group-heading[")

    def _end_block(self, node: nodes.Element) -> None:
        """The closing bracket, the block's label (if a link leads here), a new line."""
        self.add("]")
        self._label_after(node)
        self.add("\n")

    depart_rubric = _end_block

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        self.block_start(node)
        if _shared.EQUAL_NOTE in node["classes"]:
            self.add("#note[")
        else:
            self.add("#par[")

    depart_paragraph = _end_block

    def visit_Text(self, node: nodes.Text) -> None:
        self.text(_unbroken(node.astext()) if self._in_date else node.astext())

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    # -- inline ----------------------------------------------------------------------------
    # (strong, emphasis, sub- and superscripts: :data:`_WRAPPED`)

    def visit_literal(self, node: nodes.literal) -> None:
        self.add(f"#raw({typst_string(node.astext())});")
        raise nodes.SkipNode

    def visit_reference(self, node: nodes.reference) -> None:
        target = self._link_target(node) if not self._in_link else None
        if target is None:
            self.add("#[")
        else:
            self.add(f"#link({target})[")
        self._in_link += 1

    def depart_reference(self, node: nodes.reference) -> None:
        self._in_link -= 1
        self.add("]")

    def visit_target(self, node: nodes.target) -> None:
        if node["ids"] and not node.children:
            # an anchor before a block: the label goes on an empty marker in its place
            self.add("#metadata(none)")
            self._label_after(node)
            self.add("\n")
        raise nodes.SkipNode

    def visit_math(self, node: nodes.math) -> None:
        self._formula(node, block=False)

    def visit_math_block(self, node: nodes.math_block) -> None:
        self.block_start(node)
        self._formula(node, block=True)

    def _formula(self, node: nodes.Element, block: bool) -> None:
        latex = node.astext()
        math = _typst_math(latex)
        if isinstance(math, Exception) and block and "\\\\" in latex and "\\begin" not in latex:
            # a displayed formula of several rows (a \\ b), as the web shows it
            rows = _typst_math(f"\\begin{{aligned}}{latex}\\end{{aligned}}")
            math = math if isinstance(rows, Exception) else rows
        if isinstance(math, Exception):
            warn_once(self.math_warned, node, latex,
                      f"cannot render math {math}; shown as its source in the PDF CV")
            # its source, cut as the warning cuts it: a 10,000-character formula is no CV text
            self.text(latex if len(latex) <= MATH_QUOTED_CHARS else latex[:MATH_QUOTED_CHARS]
                      + "\N{HORIZONTAL ELLIPSIS}")
        else:
            flag = "true" if block else "false"
            self.add(f"#math.equation(block: {flag}, alt: {typst_string(latex)}, $ {math} $)")
        if block:
            self.add("\n")
        raise nodes.SkipNode

    # -- lists -----------------------------------------------------------------------------

    # (bullet and numbered lists and their items: :data:`_WRAPPED`)

    def visit_definition_list_item(self, node: nodes.definition_list_item) -> None:
        """A term (with its classifiers) and what it means: one item of Typst's ``terms``."""
        self._term_item([c for c in node.children if isinstance(c, nodes.term | nodes.classifier)],
                        [c for c in node.children if isinstance(c, nodes.definition)])

    def visit_field(self, node: nodes.field) -> None:
        self._term_item([c for c in node.children if isinstance(c, nodes.field_name)],
                        [c for c in node.children if isinstance(c, nodes.field_body)])

    def _term_item(self, term: list[nodes.Element], description: list[nodes.Element]) -> None:
        self.add("terms.item([")
        for part in term:
            if isinstance(part, nodes.classifier):
                self.text(" : ")
            self.walk(part.children)
        self.add("], [")
        for part in description:
            self.walk(part.children)
        self.add("]),")
        raise nodes.SkipNode

    def visit_line(self, node: nodes.line) -> None:
        self.block_start(node)
        self.add("#par[")

    def depart_line(self, node: nodes.line) -> None:
        self.add("]\n")

    # -- footnotes: Typst numbers and places them; each is written where it is referenced --

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        footnote = self._footnotes.get(str(node.get("refid") or ""))
        if footnote is None:
            self.text(f"[{node.astext()}]")
        else:
            self.add("#footnote[")
            self.walk(c for c in footnote.children if not isinstance(c, nodes.label))
            self.add("]")
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.footnote) -> None:
        raise nodes.SkipNode  # written at its reference

    # -- publications ----------------------------------------------------------------------

    def visit_citation(self, node: nodes.citation) -> None:
        self.block_start(node)
        labels = [child for child in node.children if isinstance(child, nodes.label)]
        label = labels[0].astext() if labels else ""
        self.add(f"#publication({typst_string(label)}, [")
        self.walk(c for c in node.children if not isinstance(c, nodes.label))
        self.add("])")
        self._label_after(node)
        self.add("\n")
        raise nodes.SkipNode

    # -- tables ----------------------------------------------------------------------------

    def visit_table(self, node: nodes.table) -> None:
        if _shared.TABLE not in node["classes"]:
            self._generic_table(node)
            raise nodes.SkipNode
        self.block_start(node)
        self._label_after(node)

    def depart_table(self, node: nodes.table) -> None:
        pass

    def visit_row(self, node: nodes.row) -> None:
        """One entry of a data table: its cells but the dates, then the dates."""
        self.block_start(node)
        cells = [child for child in node.children if isinstance(child, nodes.entry)]
        dates = [cell for cell in cells if _shared.DATES in cell["classes"]]
        others = [cell for cell in cells if cell not in dates]
        self.add("#entry((")
        for cell in others:
            self._cell(cell)
            self.add(", ")
        self.add("), ")
        if dates:
            self._cell(dates[0])
        else:
            self.add("none")
        self.add(")\n")
        raise nodes.SkipNode

    def _cell(self, cell: nodes.Element) -> None:
        """A cell as a content block (in code: its label goes inside, on its last part)."""
        self.add("[")
        self.walk(cell.children)
        self._label_after(cell)
        self.add("]")

    def _generic_table(self, node: nodes.table) -> None:
        """Any other table: Typst's own, its header rows as a header (tagged as such)."""
        self.block_start(node)
        columns = max((len(row.children) for row in node.findall(nodes.row)), default=1)
        for title in node.findall(nodes.title):
            title.walkabout(self)
            break
        self.add(f"#table(columns: {columns}, align: left, stroke: none,\n")
        for head in node.findall(nodes.thead):
            self.add("table.header(")
            for row in head.findall(nodes.row):
                for cell in row.findall(nodes.entry):
                    self._cell(cell)
                    self.add(", ")
            self.add("),\n")
        for body in node.findall(nodes.tbody):
            for row in body.findall(nodes.row):
                for cell in row.findall(nodes.entry):
                    self._cell(cell)
                    self.add(", ")
                self.add("\n")
        self.add(")")
        self._label_after(node)
        self.add("\n")

    # -- other blocks ----------------------------------------------------------------------

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        self.block_start(node)
        source = typst_string(node.astext(), keep_lines=True)
        self.add(f"#raw(block: true, {source})\n")
        raise nodes.SkipNode

    def visit_transition(self, node: nodes.transition) -> None:
        self.block_start(node)
        self.add("#line(length: 100%, stroke: 0.4pt)\n")
        raise nodes.SkipNode

    def visit_Admonition(self, node: nodes.Node) -> None:
        self.block_start(node)
        self.add("#block(inset: (left: 0.8em), stroke: (left: 0.6pt))[")
        if not isinstance(node, nodes.admonition):  # a note, a warning: its name first
            self.add(f"#strong[{typst_text(type(node).__name__.capitalize())}]\n")

    def depart_Admonition(self, node: nodes.Node) -> None:
        self.add("]\n")

    def visit_image(self, node: nodes.Element) -> None:
        _shared.warn("the PDF CV leaves images out (this one is shown on the web only)",
                     Subtype.PDF_NODE, _location(node) or node)
        raise nodes.SkipNode

    visit_figure = visit_image

    # -- the rest --------------------------------------------------------------------------

    def dispatch_visit(self, node: nodes.Node) -> None:
        if isinstance(node, _LEFT_OUT):
            raise nodes.SkipNode
        wrapped = _WRAPPED.get(type(node))
        if wrapped is not None:
            if wrapped[2]:
                self.block_start(node)
            self.add(wrapped[0])
            return
        if isinstance(node, nodes.inline) and _shared.DATE in node["classes"]:
            self._in_date += 1  # one date or range: never broken across lines
            return
        if isinstance(node, _TRANSPARENT):
            if isinstance(node, nodes.Element) and any(i in self._targets for i in node["ids"]):
                self.add("#metadata(none)")  # a place to lead a link to
                self._label_after(node)
                self.add(" ")
            return
        if isinstance(node, nodes.Admonition):
            self.visit_Admonition(node)
            return
        super().dispatch_visit(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        wrapped = _WRAPPED.get(type(node))
        if wrapped is not None:
            self.add(wrapped[1])
            return
        if isinstance(node, nodes.inline) and _shared.DATE in node["classes"]:
            self._in_date -= 1
            return
        if isinstance(node, _TRANSPARENT):
            return
        if isinstance(node, nodes.Admonition):
            self.depart_Admonition(node)
            return
        super().dispatch_departure(node)

    def unknown_visit(self, node: nodes.Node) -> None:
        """A node no method writes: its text, and one warning where it came from."""
        _shared.warn(f"the PDF CV shows a {node.__class__.__name__} node as plain text "
                     "(no Typst writer for it)", Subtype.PDF_NODE, _location(node) or node)
        self.text(node.astext())
        raise nodes.SkipNode

    def unknown_departure(self, node: nodes.Node) -> None:
        pass
