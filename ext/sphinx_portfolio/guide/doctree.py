"""The reference's building blocks: docutils tables, field lists, labelled sections, links.

Every part is made of standard nodes, so any builder writes it. Text that comes from the
code (docstrings, descriptions, option meanings) goes through :func:`inline`: it stays
text, and only its code spans become literals. Nothing is parsed as markup or written raw.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

__all__ = [
    "Cell", "data_label", "directive_label", "field_list", "inline", "joined", "link", "literal",
    "own_doc", "paragraph", "paragraphs", "role_label", "section", "table", "target",
]

# A code span as docstrings and descriptions write one: ``reST``, `Markdown`, or a reST
# role (:class:`~.x.Name`). The double form may end in a backtick of its own.
_CODE = re.compile(r"``(?P<double>.+?)``(?!`)|(?P<role>:[\w:.+-]+:)?`(?P<single>[^`]+)`")

#: A table cell: a string (through :func:`inline`) or nodes.
Cell = str | nodes.Node | Sequence[nodes.Node]


def inline(text: str) -> list[nodes.Node]:
    """``text`` as Text nodes, with its code spans as literals."""
    result: list[nodes.Node] = []
    position = 0
    for match in _CODE.finditer(text):
        if match.start() > position:
            result.append(nodes.Text(text[position : match.start()]))
        code = match["double"] or match["single"]
        if match["role"]:
            code = _role_target(code)
        result.append(nodes.literal(code, code))
        position = match.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result


def _role_target(target: str) -> str:
    """What a reader of the docstring sees of ``:class:`~.transforms.GroupPublications```."""
    if target.startswith("~"):
        return target.rsplit(".", 1)[-1]
    return target.lstrip(".")


# -- labels: one per section, so that the parts link to each other --------------------------


def data_label(stem: str) -> str:
    return f"portfolio-data-{stem}"


def directive_label(name: str) -> str:
    return f"portfolio-directive-{name}"


def role_label(name: str) -> str:
    return "portfolio-role-" + name.replace(":", "-")


# -- nodes ----------------------------------------------------------------------------------


def literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


def paragraph(*parts: str | nodes.Node) -> nodes.paragraph:
    """A paragraph of strings (each through :func:`inline`) and inline nodes."""
    para = nodes.paragraph()
    for part in parts:
        # Text nodes are strings too: they are kept as they are
        if isinstance(part, nodes.Node):
            para += part
        else:
            para.extend(inline(part))
    return para


def joined(items: Iterable[nodes.Node | str], separator: str = ", ") -> list[nodes.Node]:
    """Inline nodes with ``separator`` between them (strings through :func:`inline`)."""
    result: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            result.append(nodes.Text(separator))
        result.extend([item] if isinstance(item, nodes.Node) else inline(item))
    return result


def paragraphs(doc: str | None) -> list[str]:
    """A docstring's paragraphs, each on one line."""
    if not doc:
        return []
    return [" ".join(block.split()) for block in inspect.cleandoc(doc).split("\n\n")
            if block.strip()]


def own_doc(obj: object) -> str | None:
    """The docstring a class was written with (a class without one does not inherit it)."""
    doc = vars(obj).get("__doc__") if isinstance(obj, type) else getattr(obj, "__doc__", None)
    return doc if isinstance(doc, str) else None


def section(directive: SphinxDirective, label: str, *title: str | nodes.Node) -> nodes.section:
    """A section that ``{ref}`label``` (and :func:`link`) can reach from any page."""
    node = nodes.section(ids=[nodes.make_id(label)], names=[label])
    node += nodes.title("", "", *[part if isinstance(part, nodes.Node) else nodes.Text(part)
                                  for part in title])
    # an explicit target, so the standard domain records it as a label
    directive.state.document.note_explicit_target(node, node)
    return node


def target(directive: SphinxDirective, label: str) -> nodes.target:
    """An anchor (a table row's, say) that :func:`link` reaches from any page."""
    node = nodes.target("", "", ids=[nodes.make_id(label)], names=[label])
    directive.state.document.note_explicit_target(node, node)
    return node


def link(directive: SphinxDirective, label: str, text: str, *,
         code: bool = True) -> nodes.Node:
    """A reference to a :func:`section` or :func:`target`, resolved (and checked) like
    ``{ref}``; as code unless ``code`` is false."""
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=label,
                                refexplicit=True, refwarn=True, refdoc=directive.env.docname)
    ref += nodes.inline(text, text)
    # around the reference: the standard domain keeps only the text of what is inside it
    return nodes.literal("", "", ref) if code else ref


def table(headers: Sequence[str], rows: Iterable[Sequence[Cell]], widths: Sequence[int],
          *, classes: Sequence[str] = ()) -> nodes.table:
    node = nodes.table(classes=["portfolio-reference", *classes])
    group = nodes.tgroup(cols=len(headers))
    node += group
    group.extend(nodes.colspec(colwidth=width) for width in widths)
    head = nodes.thead()
    head += _row(headers)
    group += head
    body = nodes.tbody()
    body.extend(_row(cells) for cells in rows)
    group += body
    return node


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", *_cell_body(cell))
    return row


def _cell_body(cell: Cell) -> list[nodes.Node]:
    if isinstance(cell, str) and not isinstance(cell, nodes.Node):
        return [paragraph(cell)] if cell else []
    items = [cell] if isinstance(cell, nodes.Node) else list(cell)
    if all(isinstance(item, nodes.Body) for item in items):
        return items
    return [paragraph(*items)]  # inline nodes: one paragraph


def field_list(fields: Iterable[tuple[str, Sequence[nodes.Node]]]) -> nodes.field_list:
    """Name: value lines; each value is inline nodes or body elements."""
    node = nodes.field_list()
    for name, value in fields:
        body = nodes.field_body("", *_cell_body(value))
        node += nodes.field("", nodes.field_name(name, name), body)
    return node
