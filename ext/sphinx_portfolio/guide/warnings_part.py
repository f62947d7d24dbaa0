"""The ``warnings`` part: every warning subtype with its meaning, from the
:class:`~..warnings_.Subtype` catalogue (each member's docstring is its meaning)."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..warnings_ import WARNING_TYPE, Subtype
from .doctree import Cell, literal, paragraph, table

__all__ = ["part"]


def part(directive: SphinxDirective) -> list[nodes.Node]:
    members = list(Subtype)
    intro = paragraph(
        "Every problem the extension finds is one warning at its file and line, of type ",
        literal(WARNING_TYPE), " and one of the subtypes below; Sphinx prints it after the "
        "message, e.g. ", literal(f"[{WARNING_TYPE}.{members[0].value}]"), ". ",
        literal(f'suppress_warnings = ["{WARNING_TYPE}.{members[0].value}"]'),
        " in conf.py silences one subtype, ", literal(f'"{WARNING_TYPE}.*"'), " all of them.",
    )
    rows: list[list[Cell]] = [[[literal(f"{WARNING_TYPE}.{member.value}")], member.__doc__ or ""]
            for member in members]
    return [intro, table(["Warning", "Meaning"], rows, [30, 70],
                         classes=["portfolio-reference-warnings"])]
