"""Fields in words, each with an example value: the data files' and the settings' fields.

Which fields exist, and whether they are required, what their default is and what they
mean, always comes from the pydantic models. What pydantic cannot know is kept here: a name
and an example for each value type of :mod:`sphinx_portfolio.data.values` (and for ids), and
examples for plain-text fields, by field name. A type not listed here is put in words from
its JSON Schema, so a new field is described, if plainly, as soon as a model has it.
"""

from __future__ import annotations

import datetime
import inspect
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter
from pydantic.fields import FieldInfo

from ..data import models, values

__all__ = [
    "FIELD_HINTS",
    "VALUE_TYPES",
    "FieldDoc",
    "declared",
    "describe",
    "example_of",
    "field_docs",
    "yaml_flow",
]

#: Where a value is written: a YAML data file or ``conf.py``.
Language = Literal["yaml", "python"]


@dataclass(frozen=True)
class ValueType:
    """How the guide names a value type, and a value that type accepts."""

    noun: str
    example: Any
    #: After the noun; when empty, the type's JSON Schema description is used.
    detail: str = ""


#: The value types the models share, as a reader would name them.
VALUE_TYPES: Final[dict[Any, ValueType]] = {
    values.Date: ValueType("date", "2021-09"),
    values.EndDate: ValueType("date or present", "present"),
    values.TermValue: ValueType("academic term", "Fall 2021", "a season and a year"),
    values.MoneyValue: ValueType("amount", "45,000 USD", "a number and an ISO 4217 currency"),
    values.PersonValue: ValueType("person", "Prof. Ada Lovelace"),
    values.Url: ValueType("link", "https://example.org", "http://, https:// or mailto:"),
    models.Id: ValueType("id", "analytical-engine", "unique in its file"),
    models.Words: ValueType("text, or `{en: ..., ko: ...}` (one text per language)", "text"),
}


@dataclass(frozen=True)
class Hint:
    """For one field: an example, and a description where its model gives none."""

    example: Any = None
    description: str = ""


#: By field name, or ``Model.field`` where one name means different things.
#: A test checks that every key still names a field.
FIELD_HINTS: Final[dict[str, Hint]] = {
    "name": Hint("Ada Lovelace", "your name as the site, the PDF CV and author lists show it"),
    "position": Hint("Research Fellow"),
    "affiliation": Hint("Example University"),
    "email": Hint("ada@example.org", "shown as a mailto: link"),
    "website": Hint("https://ada.example.org"),
    "phone": Hint("+44 20 7946 0123"),
    "Profile.location": Hint({"address": "12 St James's Square", "postal_code": "SW1Y 4LB",
                              "city": "London", "region": "England", "country_code": "GB"}),
    "postal_code": Hint("SW1Y 4LB"),
    "city": Hint("London"),
    "region": Hint("England"),
    "country_code": Hint("GB"),
    "address": Hint("12 St James's Square"),
    "photo": Hint("_static/ada.jpg",
                  "a picture beside the profile on the home page (PNG, JPEG, GIF, WebP or AVIF, "
                  "inside the project; not in the PDF)"),
    "links": Hint([{"label": "Scholar", "url": "https://scholar.example.org/ada"}],
                  "more contact links, each with a label"),
    "label": Hint("Scholar"),
    "url": Hint("https://scholar.example.org/ada"),
    "interests": Hint(["numerical analysis", "computing machinery"],
                      "research interests, listed by `{profile}`"),
    "aliases": Hint(["A. Lovelace", "A. A. Lovelace"]),
    "start": Hint(description="when it began"),
    "institution": Hint("Example University"),
    "location": Hint("London, UK"),
    "degree": Hint("PhD in Mathematics"),
    "gpa": Hint("4.0/4.0"),
    "notes": Hint(["Wrote the first published algorithm"], "bullet points under the entry"),
    "tags": Hint(["computing"], "labels that a table's `:tag:` option picks entries by"),
    "organization": Hint("Analytical Society"),
    "advisor": Hint("Prof. Charles Babbage"),
    "focus": Hint("Algorithms for the Analytical Engine", "shown as Focus: ... under the role"),
    "collaborators": Hint(["Prof. Charles Babbage", "Dr. Mary Somerville"]),
    "institutions": Hint(["Example University"], "shown after the collaborators"),
    "papers": Hint(["lovelace1843notes"]),
    "paper": Hint("lovelace1843notes"),
    "detail": Hint("first of 120 entries", "shown in parentheses after the title"),
    "body": Hint("Example Society"),
    "venues": Hint(["NeurIPS 2024", "ICML 2025"]),
    "category": Hint("Programming"),
    "kind": Hint(description="what a table's `:kind:` option picks entries by"),
    "role": Hint(description="your role or position"),
    "items": Hint(["Python", "Rust"], "the skills of this category"),
    "note": Hint("daily use", "shown after the skills"),
    "headline": Hint("Mathematician and first programmer"),
    "summary": Hint("I write programs for machines that do not exist yet, and the notes that "
                    "explain them."),
    "courses": Hint(["Calculus of Finite Differences", "Probability"]),
    "event": Hint("Example Conference on Computing 2024"),
    "office": Hint("US"),
    "number": Hint("1,234,567 B2"),
    "inventors": Hint(["Ada Lovelace", "Charles Babbage"]),
    "issuer": Hint("Example Institute"),
    "source": Hint("Google Scholar"),
    "counts": Hint({"lovelace1843notes": 120}),
    "Project.title": Hint("Notes on the Analytical Engine"),
    "Award.title": Hint("Best Paper Award"),
    "Talk.title": Hint("Programs for the Analytical Engine"),
    "Patent.title": Hint("Punched cards for a calculating engine"),
    "Certificate.title": Hint("Certificate in Example Methods"),
    "Talk.url": Hint("https://example.org/slides.pdf"),
    "Patent.url": Hint("https://patents.example.org/US1234567"),
    "Certificate.url": Hint("https://example.org/verify/1234"),
    "Talk.start": Hint(description="when you gave it"),
    "Patent.start": Hint(description="when it was filed, published or granted, as its status "
                         "says"),
    "Certificate.start": Hint(description="when it was issued"),
    "Experience.role": Hint("Research assistant"),
    "Activity.role": Hint("Teaching assistant"),
    "Education.id": Hint("phd"),
    "Experience.id": Hint("research-assistant"),
    "Award.id": Hint("best-paper"),
    "Activity.id": Hint("teaching-assistant"),
    "Skill.id": Hint("programming"),
    "Talk.id": Hint("engine-talk"),
    "Patent.id": Hint("punched-cards"),
    "Certificate.id": Hint("example-methods"),
}


@dataclass(frozen=True)
class Described:
    """A type in words (code in backticks), an example, the models it nests."""

    words: str
    example: Any
    nested: tuple[type[BaseModel], ...] = ()


@dataclass(frozen=True)
class FieldDoc:
    """One field of a model, as the guide shows it."""

    name: str
    words: str
    required: bool
    default: Any  # None when required
    description: str
    example: Any
    nested: tuple[type[BaseModel], ...]


_NONE = {"yaml": "null", "python": "None"}
_BOOLEAN = {"yaml": "true or false", "python": "True or False"}
_MAPPING = {"yaml": "mapping", "python": "dict"}


def describe(annotation: Any, language: Language = "yaml") -> Described:
    """``annotation`` in words, with an example value of it."""
    origin = get_origin(annotation)
    if origin is Annotated:
        known = _value_type(annotation)
        if known is not None:
            schema = TypeAdapter(annotation).json_schema()
            detail = known.detail or schema.get("description", "")
            return Described(f"{known.noun}: {detail}" if detail else known.noun,
                             known.example)
        return _from_schema(annotation, language)
    if origin in (Union, types.UnionType):
        return _union(get_args(annotation), language)
    if origin is Literal:
        choices = get_args(annotation)
        return Described("one of: " + ", ".join(f"`{choice}`" for choice in choices), choices[0])
    if origin is list:
        (item,) = get_args(annotation)
        inner = describe(item, language)
        return Described(f"list of {inner.words}", [inner.example], inner.nested)
    if origin is dict:
        key, value = (describe(arg, language) for arg in get_args(annotation))
        return Described(f"{_MAPPING[language]} of {key.words} to {value.words}",
                         {key.example: value.example}, key.nested + value.nested)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Described(f"`{annotation.__name__}` ({_MAPPING[language]}, below)",
                         example_of(annotation), (annotation,))
    return _from_schema(annotation, language)


def _value_type(annotation: Any) -> ValueType | None:
    """The listed value type ``annotation`` is (maybe with constraints added after it)."""
    for alias, value_type in VALUE_TYPES.items():
        length = len(alias.__metadata__)
        if (annotation.__origin__ is alias.__origin__
                and annotation.__metadata__[:length] == alias.__metadata__):
            return value_type
    return None


def _union(members: tuple[Any, ...], language: Language) -> Described:
    described = [describe(member, language) for member in members if member is not type(None)]
    words = " or ".join(item.words for item in described)
    if type(None) in members and language == "python":
        # in YAML, an optional field is left out; in conf.py, None is a value people write
        words += f", or {_NONE[language]}"
    nested = tuple(model for item in described for model in item.nested)
    return Described(words, described[0].example, nested)


def _from_schema(annotation: Any, language: Language) -> Described:
    """A type no table here names, in words from its JSON Schema."""
    schema = TypeAdapter(annotation).json_schema()
    kind = schema.get("type")
    if schema.get("format") == "date":
        return Described("day: YYYY-MM-DD", datetime.date(2025, 1, 15))
    if kind == "string":
        if "pattern" in schema:
            return Described(f"text matching `{schema['pattern']}`", "text")
        return Described("text", "text")
    if kind == "integer":
        bound = schema.get("minimum", schema.get("exclusiveMinimum", None))
        if bound is None:
            return Described("whole number", 3)
        lowest = bound if "minimum" in schema else bound + 1
        return Described(f"whole number, {lowest} or more", max(lowest, 3))
    if kind == "number":
        return Described("number", 1.5)
    if kind == "boolean":
        return Described(_BOOLEAN[language], True)
    return Described(str(schema.get("description") or kind or "value"), None)


def declared(model: type[BaseModel]) -> Iterator[tuple[str, Any]]:
    """``model``'s fields with their annotations as written (``Annotated`` kept): its own
    fields first, then those it inherits, each from the class that declares it last."""
    seen: set[str] = set()
    for cls in model.__mro__:
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        # each class's own annotations, in its own module: pydantic's base classes have
        # names only type checkers can resolve
        for name, annotation in inspect.get_annotations(cls, eval_str=True).items():
            if name in model.model_fields and name not in seen:
                seen.add(name)
                yield name, annotation
    for name, field in model.model_fields.items():  # declared some other way
        if name not in seen:
            yield name, field.rebuild_annotation()


def hint(model: type[BaseModel], name: str) -> Hint:
    """The field's hint: its model's where it has one, else the name's, part by part."""
    specific = FIELD_HINTS.get(f"{model.__name__}.{name}", Hint())
    general = FIELD_HINTS.get(name, Hint())
    return Hint(general.example if specific.example is None else specific.example,
                specific.description or general.description)


def field_docs(model: type[BaseModel], language: Language = "yaml") -> list[FieldDoc]:
    """Every field of ``model``, as :func:`declared` orders them."""
    docs = []
    for name, annotation in declared(model):
        field: FieldInfo = model.model_fields[name]
        described = describe(annotation, language)
        given = hint(model, name)
        required = field.is_required()
        docs.append(FieldDoc(
            name=name,
            words=described.words,
            required=required,
            default=None if required else field.get_default(call_default_factory=True),
            description=field.description or given.description,
            example=described.example if given.example is None else given.example,
            nested=described.nested,
        ))
    return docs


def example_of(model: type[BaseModel]) -> dict[str, Any]:
    """An entry of ``model`` with every field given."""
    return {doc.name: doc.example for doc in field_docs(model)}


def yaml_flow(value: Any) -> str:
    """``value`` as one line of YAML, for a table cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(yaml_flow(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {yaml_flow(item)}" for key, item in value.items()) + "}"
    return str(value)
