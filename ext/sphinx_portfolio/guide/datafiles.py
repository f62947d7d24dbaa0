"""The ``data`` part: every data file with each of its fields, and a complete example file.

The files are those of :data:`~sphinx_portfolio.data.MAPPINGS` (one mapping each) and
:data:`~sphinx_portfolio.data.KINDS` (a list of entries each); the fields are the models'.
The example is made from the fields' examples, and a test loads it as a site would.
"""

from __future__ import annotations

import io
from typing import Any

from docutils import nodes
from pydantic import BaseModel
from ruamel.yaml import YAML
from sphinx.util.docutils import SphinxDirective

from ..config import PREFIX, PortfolioConfig
from ..data import KINDS, MAPPINGS
from ..warnings_ import WARNING_TYPE, Subtype
from . import markup
from .doctree import Cell, data_label, literal, own_doc, paragraph, paragraphs, section, table
from .fieldtypes import FieldDoc, example_of, field_docs, yaml_flow

__all__ = ["example_yaml", "part"]


def files() -> dict[str, type[BaseModel]]:
    """Every data file's stem and model: the single mappings first, then the lists."""
    return {**MAPPINGS, **KINDS}


def part(directive: SphinxDirective) -> list[nodes.Node]:
    result: list[nodes.Node] = [_where()]
    if all(model.model_config.get("extra") == "forbid" for model in files().values()):
        result.append(paragraph(
            "Keys other than the fields listed are reported (",
            literal(f"{WARNING_TYPE}.{Subtype.UNKNOWN_KEY.value}"),
            "), with the closest field name when there is one.",
        ))
    result.append(_in_languages())
    shown_by = _tables_by_file()
    for stem, model in files().items():
        result.append(_file_section(directive, stem, model, shown_by.get(stem, [])))
    return result


def _where() -> nodes.paragraph:
    field = PortfolioConfig.model_fields["data_dir"]
    default = field.get_default(call_default_factory=True)
    return paragraph(
        "Each data file is ", literal("<name>.yaml"), " in the folder ",
        literal(PREFIX + "data_dir"), " names (", field.description or "",
        "; by default ", literal(str(default)), ").",
    )


def _in_languages() -> nodes.paragraph:
    """What a field whose type says ``{en: ..., ko: ...}`` takes, and how a build reads it."""
    default, report = (PortfolioConfig.model_fields[name].get_default(call_default_factory=True)
                       for name in ("default_language", "missing_translation"))
    return paragraph(
        "A field of text that a reader reads (its type says ", literal("{en: ..., ko: ...}"),
        ") may be given in several languages, as a mapping of language codes to text: ",
        literal("title: {en: Trajectory alignment, ko: ...}"), ", or one language a line. "
        "A build shows the text in its ", literal("language"), " (Sphinx's setting, ",
        literal("-D language=ko"), "), else in ", literal(PREFIX + "default_language"),
        " (default ", literal(str(default)), "), else the first text given; each value "
        "without the build's language is reported once at its line (",
        literal(f"{WARNING_TYPE}.{Subtype.TRANSLATION.value}"), ", a warning by default ",
        literal(str(report)), "; an info line with ",
        literal(f'{PREFIX}missing_translation = "info"'), "). Ids, keys, dates, links, "
        "numbers and tags are the same in every language.",
    )


def _tables_by_file() -> dict[str, list[str]]:
    """Data file stem -> the directives that show it as a table."""
    found: dict[str, list[str]] = {}
    for name, cls in markup.table_directives().items():
        found.setdefault(cls.kind, []).append(name)
    return found


def _file_section(directive: SphinxDirective, stem: str, model: type[BaseModel],
                  shown_by: list[str]) -> nodes.section:
    node = section(directive, data_label(stem), literal(f"{stem}.yaml"))
    shape = "One mapping." if stem in MAPPINGS else "A list of entries, each a mapping."
    node += paragraph(shape, *(" " + text for text in _docs(model)))
    if shown_by:
        node += paragraph("Shown by ", *_joined_links(directive, shown_by), ".")
    docs = field_docs(model)
    node += field_table(docs)
    for nested in _nested_models(docs):
        sub = section(directive, f"{data_label(stem)}-{nested.__name__.lower()}",
                      literal(nested.__name__))
        sub.extend(paragraph(text) for text in _docs(nested))
        sub += field_table(field_docs(nested))
        node += sub
    node += paragraph("An example ", literal(f"{stem}.yaml"),
                      ", with every field given (leave out the optional ones you do not need):")
    text = example_yaml(stem)
    node += nodes.literal_block(text, text, language="yaml")
    return node


def _joined_links(directive: SphinxDirective, names: list[str]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for index, name in enumerate(names):
        if index:
            result.append(nodes.Text(", "))
        result.append(markup.directive_link(directive, name))
    return result


def _docs(model: type[BaseModel]) -> list[str]:
    """The docstrings of ``model`` and of the portfolio models it extends (its own first)."""
    texts: list[str] = []
    for cls in model.__mro__:
        if cls.__module__ == model.__module__:
            texts.extend(paragraphs(own_doc(cls)))
    return texts


def _nested_models(docs: list[FieldDoc]) -> list[type[BaseModel]]:
    """The models inside the fields, and those inside theirs, each once."""
    found: list[type[BaseModel]] = []
    pending = [model for doc in docs for model in doc.nested]
    while pending:
        model = pending.pop(0)
        if model not in found:
            found.append(model)
            pending.extend(m for doc in field_docs(model) for m in doc.nested)
    return found


def field_table(docs: list[FieldDoc]) -> nodes.table:
    rows: list[list[Cell]] = [
        [_name_cell(doc), doc.words, doc.description, [literal(yaml_flow(doc.example))]]
        for doc in docs
    ]
    return table(["Field", "Type", "Description", "Example"], rows, [18, 30, 32, 20],
                 classes=["portfolio-reference-fields"])


def _name_cell(doc: FieldDoc) -> list[nodes.Node]:
    if doc.required:
        status: list[str | nodes.Node] = ["required"]
    elif doc.default is None:
        status = ["optional"]
    else:
        status = ["optional, default ", literal(yaml_flow(doc.default))]
    return [paragraph(literal(doc.name)), paragraph(*status)]


def example_document(stem: str) -> Any:
    """What :func:`example_yaml` writes: one entry, or a list of one."""
    entry = example_of(files()[stem])
    return entry if stem in MAPPINGS else [entry]


def example_yaml(stem: str) -> str:
    """A complete example of the data file ``stem``, as YAML."""
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100
    stream = io.StringIO()
    yaml.dump(example_document(stem), stream)
    return stream.getvalue()
