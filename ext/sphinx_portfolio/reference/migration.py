"""The ``migration`` part: for each format and site ``sphinx-portfolio import`` reads, where
each of its values lands in yours, one table each.

The tables are the importers' own ``MAPPING`` (:mod:`sphinx_portfolio.interchange`), which
each importer declares beside the code that does the mapping, so the guide says what the
installed version does. An importer module without a ``MAPPING`` is left out (it has no table
to show), never guessed at.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Final

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .doctree import Cell, literal, paragraph, paragraphs, section, table


@dataclass(frozen=True)
class Importer:
    """One ``sphinx-portfolio import`` source: its command word, what it reads, its title
    in the guide and the module that maps it."""

    command: str
    argument: str
    title: str
    module: str


#: The importers, in the order the guide lists them.
IMPORTERS: Final[tuple[Importer, ...]] = (
    Importer("jsonresume", "FILE", "JSON Resume", "sphinx_portfolio.interchange._jsonresume"),
    Importer("rendercv", "FILE", "RenderCV", "sphinx_portfolio.interchange._rendercv"),
    Importer("al-folio", "DIR", "al-folio", "sphinx_portfolio.interchange._alfolio"),
    Importer("hugo-blox", "DIR", "Hugo Blox (Wowchemy, Hugo Academic)",
             "sphinx_portfolio.interchange._hugoblox"),
)

MappingTable = tuple[tuple[str, str], ...]


def mappings(importers: Sequence[Importer] = IMPORTERS) -> list[tuple[Importer, ModuleType,
                                                                      MappingTable]]:
    """Each importer whose module declares a ``MAPPING``, with its module and its table."""
    found = []
    for importer in importers:
        module = importlib.import_module(importer.module)
        mapping = getattr(module, "MAPPING", None)
        if mapping:
            found.append((importer, module, tuple(mapping)))
    return found


def part(directive: SphinxDirective,
         importers: Sequence[Importer] = IMPORTERS) -> list[nodes.Node]:
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
