"""The ``directives`` and ``roles`` parts: what pages can write, as the extension registers it.

The directives and roles are read from docutils' registry (where ``app.add_directive`` and
``app.add_role`` put them) and the domains from the environment, keeping those whose code is
in ``sphinx_portfolio``. Arguments and options come from each directive's class, the data
file and columns of a table directive from its class attributes, descriptions from
docstrings. Only what the code cannot say, what an option does, is written here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, Final

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.util.docutils import SphinxDirective

from .._compat.sphinx import registered_directives, registered_roles
from ..config import PREFIX, PortfolioConfig
from ..data import KINDS
from ..tables.directives import DataTable, kinds_of
from .doctree import (
    Cell,
    data_label,
    directive_label,
    field_list,
    inline,
    joined,
    link,
    literal,
    own_doc,
    paragraph,
    paragraphs,
    role_label,
    section,
    table,
    target,
)

__all__ = [
    "OPTION_HINTS", "directive_link", "directives_part", "own_options", "roles_part",
    "table_directives",
]

#: What each option of our directives does; a test checks that every option has a line.
OPTION_HINTS: Final[dict[str, str]] = {
    "columns": "the columns to show, in this order, separated by commas or spaces",
    "sort": "the order of the rows: as in the file (the default), newest first or oldest first",
    "ongoing": "only the entries still running (`end: present`)",
    "tag": "only the entries with this tag in their `tags`",
    "kind": "only the entries of this `kind` (the table's kinds are listed below)",
    "limit": "at most this many rows, counted after sorting",
    "caption": "a caption above the table",
    "group": "the headings the entries are grouped under: by year, newest first (the "
             "default), by type of publication, or none (the default with `:selected:`)",
    "selected": "only the entries whose `keywords` include `selected`, e.g. for a home page; "
                "their labels and citations stay those of the full list",
}

# docutils' own converters, in words; others are read for their choices (:func:`_choices`)
_CONVERTERS: Final[dict[Callable[..., Any], str]] = {
    directives.flag: "none (a flag)",
    directives.unchanged: "text, may be empty",
    directives.unchanged_required: "text",
    directives.positive_int: "whole number, 1 or more",
    directives.nonnegative_int: "whole number, 0 or more",
    int: "whole number",
}

_OWN_PACKAGE = __name__.split(".")[0]
_GUIDE = __name__.rpartition(".")[0]
#: The label of the section about the table directives.
TABLES_LABEL: Final = "portfolio-directives-tables"


def _is_ours(obj: object) -> bool:
    """Whether ``obj`` (a class, function or instance) is the extension's, this one aside."""
    module = str(getattr(obj, "__module__", ""))
    return module.startswith(_OWN_PACKAGE + ".") and not module.startswith(_GUIDE)


def _registered_directives() -> dict[str, type[Directive]]:
    return {name: cls for name, cls in registered_directives().items() if isinstance(cls, type)}


def our_directives() -> dict[str, type[Directive]]:
    """Name -> class of every directive the extension registered, in registration order."""
    return {name: cls for name, cls in _registered_directives().items() if _is_ours(cls)}


def our_roles() -> dict[str, Any]:
    """Name -> role of every role the extension registered outside its domains."""
    return {name: role for name, role in registered_roles().items() if _is_ours(role)}


def table_directives() -> dict[str, type[DataTable]]:
    """The registered directives that show a data file as a table."""
    return {name: cls for name, cls in our_directives().items() if issubclass(cls, DataTable)}


def directive_link(directive: SphinxDirective, name: str) -> nodes.Node:
    return link(directive, directive_label(name), f"{{{name}}}")


def _usage(name: str, cls: type[Directive]) -> str:
    return (f"{{{name}}}" + " [argument]" * cls.optional_arguments
            + " argument" * cls.required_arguments)


# -- directives -------------------------------------------------------------------------------


def directives_part(directive: SphinxDirective) -> list[nodes.Node]:
    tables = table_directives()
    result: list[nodes.Node] = [_tables_section(directive, tables)] if tables else []
    for name, cls in our_directives().items():
        if name not in tables:
            result.append(_directive_section(directive, name, cls))
    return result


def _tables_section(directive: SphinxDirective,
                    tables: dict[str, type[DataTable]]) -> nodes.section:
    node = section(directive, TABLES_LABEL, "Data tables")
    data_dir = PortfolioConfig.model_fields["data_dir"].get_default(call_default_factory=True)
    node += paragraph(
        "Each of these directives shows one data file as a table, one row per entry, "
        "the same on the web and in the PDF. A page can show a file more than once, "
        "e.g. a few rows on the home page.")
    node += field_list([
        ("Argument", [nodes.Text("another data file to show, relative to the page; by "
                                 "default the directive's file in "),
                      literal(PREFIX + "data_dir"), nodes.Text(" (default "),
                      literal(str(data_dir)), nodes.Text(")")]),
    ])
    options = {option: spec for table_cls in tables.values()
               for option, spec in (table_cls.option_spec or {}).items()}
    node += paragraph("Their options (each takes every one):")
    node += _options_table(options)
    node += paragraph("The directives, their data files, their columns (by the name "
                      "that ", literal(":columns:"), " takes, with the heading) and, for the "
                      "files with a ", literal("kind"), " field, the kinds:")
    rows = [_table_row(directive, name, table_cls) for name, table_cls in tables.items()]
    node += table(["Directive", "Data file", "Columns", "Kinds"], rows, [22, 18, 42, 18],
                  classes=["portfolio-reference-tables"])
    return node


def _table_row(directive: SphinxDirective, name: str, cls: type[DataTable]) -> list[Cell]:
    columns = _columns(cls)
    default = [nodes.Text("default: "),
               *joined(literal(column) for column in cls.default_columns)]
    kinds = joined(literal(value) for value in kinds_of(KINDS[cls.kind]))
    return [
        [target(directive, directive_label(name)), literal(_usage(name, cls))],
        [link(directive, data_label(cls.kind), f"{cls.kind}.yaml")],
        [paragraph(*columns), paragraph(*default)],
        kinds,
    ]


def _columns(cls: type[DataTable]) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for index, (column, spec) in enumerate(cls.columns.items()):
        if index:
            result.append(nodes.Text(", "))
        result += [literal(column), nodes.Text(f" ({spec.header})")]
    return result


def _options_table(spec: dict[str, Any]) -> nodes.table:
    rows: list[list[Cell]] = [
        [[literal(f":{name}:")], _value_words(converter), OPTION_HINTS.get(name, "")]
        for name, converter in spec.items()
    ]
    return table(["Option", "Value", "Meaning"], rows, [18, 27, 55])


def _value_words(converter: Callable[..., Any]) -> str:
    if converter in _CONVERTERS:
        return _CONVERTERS[converter]
    choices = _choices(converter)
    if choices:
        return "one of: " + ", ".join(f"`{choice}`" for choice in choices)
    return "text"


def _choices(converter: Callable[..., Any]) -> tuple[str, ...]:
    """The values a converter made with docutils' ``choice`` accepts: they are in a closure,
    so they are read from the message it gives when no value is written."""
    try:
        converter(None)
    except (ValueError, TypeError, AttributeError) as error:
        _, found, listed = str(error).partition("choose from")
        if found:
            return tuple(re.findall(r'"([^"]*)"', listed))
    return ()


def own_options(cls: type[Directive]) -> dict[str, Any]:
    """The options ``cls`` adds to those of a directive of another package it extends."""
    inherited = _foreign_base(cls)
    spec = cls.option_spec or {}
    return {name: converter for name, converter in spec.items()
            if inherited is None or name not in (inherited.option_spec or {})}


def _foreign_base(cls: type[Directive]) -> type[Directive] | None:
    """The nearest directive of another package that ``cls`` extends, if it has options."""
    return next((base for base in cls.__mro__[1:] if issubclass(base, Directive)
                 and not _is_ours(base) and vars(base).get("option_spec")), None)


def _directive_section(directive: SphinxDirective, name: str,
                       cls: type[Directive]) -> nodes.section:
    node = section(directive, directive_label(name), literal(f"{{{name}}}"))
    node.extend(paragraph(text) for text in _description(cls, name))
    fields: list[tuple[str, list[nodes.Node]]] = [("Usage", [literal(_usage(name, cls))])]
    base = _foreign_base(cls)
    if base is not None:
        base_name = next((known for known, registered in _registered_directives().items()
                          if registered is base), base.__name__)
        package = base.__module__.rpartition(".")[0] or base.__module__
        inherited = joined(literal(f":{option}:") for option in base.option_spec or {})
        fields.append((f"Options of {{{base_name}}}", [
            *inherited,
            *inline(f": those of `{package}`'s `{{{base_name}}}`, which this one extends"),
        ]))
    own = own_options(cls)
    if not own and base is None:
        fields.append(("Options", [nodes.Text("none")]))
    node += field_list(fields)
    if own:
        node += _options_table(own)
    return node


def _description(obj: object, name: str) -> list[str]:
    """What a directive or role does: its class's docstring, else its module's, without a
    leading ``{name}``: that repeats the heading."""
    texts = paragraphs(own_doc(obj) or own_doc(type(obj)) or _module_doc(obj))
    if texts:
        lead = re.match(r"``[^`]*\{" + re.escape(name) + r"\}.*?``(?!`):\s*", texts[0])
        if lead:
            rest = texts[0][lead.end():]
            texts[0] = rest[:1].upper() + rest[1:]
    return texts


def _module_doc(obj: object) -> str | None:
    module = sys.modules.get(str(getattr(obj, "__module__", "")))
    return module.__doc__ if module else None


# -- roles ------------------------------------------------------------------------------------


def roles_part(directive: SphinxDirective) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for name, role in our_roles().items():
        node = section(directive, role_label(name), literal(f"{{{name}}}"))
        node.extend(paragraph(text) for text in _description(role, name))
        node += field_list([("Usage", [literal(f"{{{name}}}`text`")])])
        result.append(node)
    for domain in directive.env.domains.values():
        if _is_ours(type(domain)) and domain.roles:
            result.append(_entry_links(directive, domain.name, list(domain.roles)))
    for cite in (domain for domain in directive.env.domains.values() if domain.name == "cite"):
        shown = [literal(f"{{cite:{name}}}`key`") for name in ("p", "t") if name in cite.roles]
        result.append(paragraph(
            "Citations of BibTeX entries are sphinxcontrib-bibtex's roles: ", *joined(shown),
            " and the other roles of its ", literal("cite"), " domain.",
        ))
    return result


def _entry_links(directive: SphinxDirective, domain: str, names: list[str]) -> nodes.section:
    """The roles that link to a data entry by its id, one row per role."""
    node = section(directive, f"portfolio-roles-{domain}", "Links to data entries")
    example = f"{domain}:{names[0]}"
    node += paragraph(
        "Each links to the entry with this id, at its row in the table that shows the whole "
        "file. The link reads as the entry's title, unless a text is "
        "given: ", literal(f"{{{example}}}`text <id>`"), ".")
    by_target = {cls.target_kind: (name, cls) for name, cls in table_directives().items()}
    rows: list[list[Cell]] = []
    for name in names:
        full = f"{domain}:{name}"
        shown = by_target.get(name)
        rows.append([
            [target(directive, role_label(full)), literal(f"{{{full}}}`id`")],
            [link(directive, data_label(shown[1].kind), f"{shown[1].kind}.yaml")]
            if shown else "",
            [directive_link(directive, shown[0])] if shown else "",
        ])
    node += table(["Role", "Entry of", "Shown by"], rows, [40, 30, 30])
    return node
