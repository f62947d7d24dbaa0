"""The ``config`` part: every ``portfolio_*`` setting, from :class:`~..config.PortfolioConfig`.

Type, default and description are the fields'; when a change rebuilds is the ``rebuild``
that :func:`sphinx_portfolio.config._setting` keeps in each field's JSON Schema extra, the
value Sphinx is given. The models inside a setting (a PDF variant) get a table of their own.
"""

from __future__ import annotations

from typing import Final

from docutils import nodes
from pydantic import BaseModel
from sphinx.util.docutils import SphinxDirective

from ..config import PREFIX, PortfolioConfig
from .doctree import Cell, literal, own_doc, paragraph, paragraphs, section, table
from .fieldtypes import FieldDoc, field_docs

__all__ = ["REBUILD_WORDS", "part", "rebuild_of"]

#: What Sphinx does on its next build when a setting changes, by ``rebuild`` value.
REBUILD_WORDS: Final[dict[str, str]] = {
    "env": "every page is read again",
    "html": "the HTML pages are written again",
    "": "nothing is rebuilt",
}


def rebuild_of(name: str) -> str:
    extra = PortfolioConfig.model_fields[name].json_schema_extra
    return str(extra.get("rebuild", "env")) if isinstance(extra, dict) else "env"


def part(directive: SphinxDirective) -> list[nodes.Node]:
    result: list[nodes.Node] = [paragraph(text) for text in paragraphs(own_doc(PortfolioConfig))]
    docs = field_docs(PortfolioConfig, "python")
    rows: list[list[Cell]] = [
        [[literal(PREFIX + doc.name)], doc.words, [literal(repr(doc.default))],
         _rebuild_cell(rebuild_of(doc.name)), doc.description]
        for doc in docs
    ]
    result.append(table(["Setting", "Type", "Default", "When changed", "Description"], rows,
                        [24, 18, 16, 16, 26], classes=["portfolio-reference-settings"]))
    for model in _nested(docs):
        node = section(directive, f"portfolio-setting-{model.__name__.lower()}",
                       literal(model.__name__))
        node.extend(paragraph(text) for text in paragraphs(own_doc(model)))
        nested = field_docs(model, "python")
        node += table(["Key", "Type", "Default", "Description"],
                      [[[literal(doc.name)], doc.words, [literal(repr(doc.default))],
                        doc.description] for doc in nested], [20, 25, 20, 35],
                      classes=["portfolio-reference-settings"])
        result.append(node)
    return result


def _rebuild_cell(rebuild: str) -> list[nodes.Node]:
    words = REBUILD_WORDS.get(rebuild)
    shown = literal(repr(rebuild))
    return [nodes.Text(f"{words} ("), shown, nodes.Text(")")] if words else [shown]


def _nested(docs: list[FieldDoc]) -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []
    for doc in docs:
        found += [model for model in doc.nested if model not in found]
    return found
