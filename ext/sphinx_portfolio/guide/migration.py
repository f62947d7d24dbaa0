"""The ``migration`` part: for each format and site ``sphinx-portfolio import`` reads, where
each of its values lands in yours, one table each.

The tables are the importers' own ``MAPPING`` (:mod:`sphinx_portfolio.interchange`), which
each importer declares beside the code that does the mapping, so the guide says what the
installed version does. An importer module without a ``MAPPING`` is left out (it has no table
to show), never guessed at.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..interchange import SOURCES, Source
from .doctree import Cell, literal, paragraph, paragraphs, section, table

__all__ = ["mappings", "part"]

MappingTable = tuple[tuple[str, str], ...]


def mappings(importers: Sequence[Source] = SOURCES) -> list[tuple[Source, ModuleType,
                                                                    MappingTable]]:
    """Each importer whose module declares a ``MAPPING``, with its module and its table."""
    found = []
    for importer in importers:
        mapping = getattr(importer.module, "MAPPING", None)
        if mapping:
            found.append((importer, importer.module, tuple(mapping)))
    return found


def part(directive: SphinxDirective,
         importers: Sequence[Source] = SOURCES) -> list[nodes.Node]:
    result: list[nodes.Node] = [paragraph(
        "An import writes your data files and your .bib file from another format or site; "
        "what has no place in your site, and what it had to decide, it says line by line. "
        "Each table below is the importer's own, row by row: where a value of the source "
        "lands in your site.")]
    for importer, module, mapping in mappings(importers):
        node = section(directive, f"portfolio-import-{importer.command}", importer.title)
        about = paragraphs(module.__doc__)
        if about:
            node += paragraph(about[0])
        node += paragraph(literal(f"sphinx-portfolio import {importer.command} "
                                  f"{importer.argument}"))
        rows: list[list[Cell]] = [[source, target] for source, target in mapping]
        node += table(["In the source", "In your site"], rows, [45, 55],
                      classes=["portfolio-reference-migration"])
        result.append(node)
    return result
