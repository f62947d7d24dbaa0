"""Validate loaded YAML against the models; every problem is located and none is fatal.

One bad entry never hides the others: each entry is validated on its own and
the good ones are returned alongside the problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..warnings_ import Problem, Subtype, did_you_mean
from .errors import DataError
from .load import line_of, plain, read_yaml, swallowed_text
from .models import Profile

M = TypeVar("M", bound=BaseModel)

# pydantic error types (ours and its own) -> warning subtype
_SUBTYPE_BY_ERROR = {
    "extra_forbidden": Subtype.UNKNOWN_KEY,
    "missing": Subtype.MISSING,
    "missing_when": Subtype.MISSING,
    "missing_start": Subtype.MISSING,
    "date": Subtype.DATE,
    "range": Subtype.DATE,
    "url": Subtype.URL,
}


@dataclass(frozen=True)
class Record(Generic[M]):
    """A valid entry and where it was written."""

    entry: M
    path: Path
    line: int
    node: Any = field(repr=False, compare=False)  # the YAML mapping, for field-level lines

    def line_of(self, *loc: str | int) -> int:
        return line_of(self.node, loc) or self.line


@dataclass
class Loaded(Generic[M]):
    records: list[Record[M]]
    problems: list[Problem]


def load_list(path: Path, model: type[M]) -> Loaded[M]:
    """Load a file holding a top-level list of ``model`` entries."""
    try:
        document = read_yaml(path)
    except DataError as exc:
        return Loaded([], [exc.problem])
    if not isinstance(document, CommentedSeq):
        return Loaded([], [Problem(
            path, line_of(document), Subtype.TOPLEVEL,
            f"top level must be a list of entries, not a {_kind_of(document)}",
            "start each entry with '- '",
        )])
    if not document:
        empty = Problem(path, line_of(document), Subtype.EMPTY, "the list has no entries")
        return Loaded([], [empty])
    records: list[Record[M]] = []
    problems = swallowed_text(document, path)
    for index, node in enumerate(document):
        line = line_of(document, [index])
        if not isinstance(node, CommentedMap):
            problems.append(Problem(
                path, line, Subtype.ENTRY,
                f"entry {index + 1} is a {_kind_of(node)}, not a mapping",
                "write the entry as 'key: value' lines",
            ))
            continue
        entry, entry_problems = _validate(model, node, path)
        problems += entry_problems
        if entry is not None:
            records.append(Record(entry, path, line, node))
    unique, duplicates = _split_duplicate_ids(records)
    return Loaded(unique, problems + duplicates)


def load_mapping(path: Path, model: type[M]) -> tuple[Record[M] | None, list[Problem]]:
    """Load a file holding one mapping (the profile, the citation counts)."""
    try:
        document = read_yaml(path)
    except DataError as exc:
        return None, [exc.problem]
    if not isinstance(document, CommentedMap):
        return None, [Problem(
            path, line_of(document), Subtype.TOPLEVEL,
            f"top level must be a mapping, not a {_kind_of(document)}", "write 'key: value' lines",
        )]
    entry, problems = _validate(model, document, path)
    record = Record(entry, path, line_of(document), document) if entry is not None else None
    return record, swallowed_text(document, path) + problems


def load_profile(path: Path) -> tuple[Profile | None, list[Problem]]:
    record, problems = load_mapping(path, Profile)
    return (record.entry if record else None), problems


def _validate(model: type[M], node: CommentedMap, path: Path) -> tuple[M | None, list[Problem]]:
    try:
        return model.model_validate(plain(node)), []
    except ValidationError as exc:
        errors = _without_missing_explained_by_typos(exc.errors())
        return None, [_problem(model, node, path, error) for error in errors]


def _without_missing_explained_by_typos(errors: list[Any]) -> list[Any]:
    """'titel' misspelled is one mistake: report the unknown key, not also a missing 'title'."""
    missing = [error["loc"] for error in errors if error["type"] == "missing"]
    explained: set[tuple[Any, ...]] = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        *parent, key = error["loc"]
        for loc in missing:
            same_parent = list(loc[:-1]) == parent and loc not in explained
            if same_parent and did_you_mean(str(key), [str(loc[-1])]):
                explained.add(loc)
                break
    return [e for e in errors if not (e["type"] == "missing" and e["loc"] in explained)]


def _problem(model: type[BaseModel], node: CommentedMap, path: Path, error: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    subtype = _SUBTYPE_BY_ERROR.get(error["type"], Subtype.TYPE)
    field_name = ".".join(str(part) for part in loc) or "entry"
    hint = ""
    if subtype is Subtype.UNKNOWN_KEY:
        hint = did_you_mean(str(loc[-1]), _field_names(model, loc[:-1])) or (
            "known keys: " + ", ".join(_field_names(model, loc[:-1]))
        )
        message = f"unknown key '{field_name}'"
    elif subtype is Subtype.MISSING and error["type"] == "missing":
        message = f"missing required field '{field_name}'"
    else:
        reason = _plain_message(error["msg"])
        message = f"{field_name}: {reason}" if loc else reason
        if error["type"] == "string_type" and isinstance(error.get("input"), dict):
            hint = "quote text that contains ': ' so YAML does not read it as a mapping"
    return Problem(path, line_of(node, loc), subtype, message, hint)


def _field_names(model: type[BaseModel], loc: Iterable[str | int]) -> list[str]:
    for part in loc:  # descend into nested models (e.g. profile.links[0])
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation
        nested = [a for a in getattr(annotation, "__args__", (annotation,)) if _is_model(a)]
        if not nested:
            break
        model = cast(type[BaseModel], nested[0])
    return sorted(model.model_fields)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _plain_message(message: str) -> str:
    # pydantic prefixes custom errors raised in validators with "Value error, ".
    return message.removeprefix("Value error, ")


def _split_duplicate_ids(records: list[Record[M]]) -> tuple[list[Record[M]], list[Problem]]:
    """Keep the first entry of each id; report the others (they would clash as anchors)."""
    first_line: dict[str, int] = {}
    unique: list[Record[M]] = []
    problems = []
    for record in records:
        entry_id = getattr(record.entry, "id", None)
        if entry_id in first_line:
            problems.append(Problem(
                record.path, record.line_of("id"), Subtype.DUPLICATE_ID,
                f"duplicate id '{entry_id}' (first used at line {first_line[entry_id]})",
                "give each entry its own id",
            ))
            continue
        if entry_id is not None:
            first_line[entry_id] = record.line_of("id")
        unique.append(record)
    return unique, problems


def _kind_of(node: Any) -> str:
    if isinstance(node, dict):
        return "mapping"
    if isinstance(node, list):
        return "list"
    return type(node).__name__ if node is not None else "null"
