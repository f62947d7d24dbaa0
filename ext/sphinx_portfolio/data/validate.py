"""Validate loaded YAML against the models; every problem is located and none is fatal.

One bad entry never hides the others: each entry is validated on its own and
the good ones are returned alongside the problems.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..warnings_ import Problem, Subtype, did_you_mean
from .errors import DataError
from .languages import ENGLISH, Languages, is_language_code, resolve
from .models import Profile
from .yaml_reader import Finding, kind_of, line_of, plain, read_yaml, swallowed_text

__all__ = ["Loaded", "Record", "load_list", "load_mapping", "load_profile"]

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


def load_list(path: Path, model: type[M], languages: Languages = ENGLISH) -> Loaded[M]:
    """Load a file holding a top-level list of ``model`` entries, each value given in
    several languages resolved to its text in ``languages``."""
    try:
        parsed = read_yaml(path)
    except DataError as exc:
        return Loaded([], [exc.problem])
    document = parsed.document
    reading = [
        _from_reading(finding, path, 1, "entry", more)
        for finding, more in _once_per_entry(
            parsed.findings,
            lambda f: _item_of(document, f) if isinstance(document, CommentedSeq) else None,
        )
    ]
    if not isinstance(document, CommentedSeq):
        return Loaded([], [*reading, Problem(
            path, line_of(document), Subtype.TOPLEVEL,
            f"top level must be a list of entries, not a {kind_of(document)}",
            "start each entry with '- '",
        )])
    if not document:
        empty = Problem(path, line_of(document), Subtype.EMPTY, "the list has no entries")
        return Loaded([], [*reading, empty])
    spoiled = {_item_of(document, finding) for finding in parsed.findings if finding.spoils}
    records: list[Record[M]] = []
    problems = reading + swallowed_text(document, path, spoiled)
    for index, node in enumerate(document):
        if index in spoiled:
            continue  # reported while reading: its values are not what was written
        line = line_of(document, [index])
        if not isinstance(node, CommentedMap):
            problems.append(Problem(
                path, line, Subtype.ENTRY,
                f"entry {index + 1} is a {kind_of(node)}, not a mapping",
                "write the entry as 'key: value' lines",
            ))
            continue
        resolved = resolve(model, plain(node), node, path, languages)
        entry, entry_problems = _validate(model, node, path, resolved.data, resolved.reported)
        problems += resolved.problems + entry_problems
        if entry is not None:
            records.append(Record(entry, path, line, node))
    unique, duplicates = _split_duplicate_ids(records)
    return Loaded(unique, problems + duplicates)


def load_mapping(
    path: Path, model: type[M], languages: Languages = ENGLISH
) -> tuple[Record[M] | None, list[Problem]]:
    """Load a file holding one mapping (the profile, the citation counts), each value given
    in several languages resolved to its text in ``languages``.

    The mapping is one entry, left out whole by what spoils it, except in a list of
    sub-entries (the profile's ``links``): a bad item there loses only itself.
    """
    try:
        parsed = read_yaml(path)
    except DataError as exc:
        return None, [exc.problem]
    document = parsed.document
    if not isinstance(document, CommentedMap):
        reading = [_from_reading(finding, path, 0, "file", 0) for finding in parsed.findings]
        return None, [*reading, Problem(
            path, line_of(document), Subtype.TOPLEVEL,
            f"top level must be a mapping, not a {kind_of(document)}", "write 'key: value' lines",
        )]
    sub_lists = {
        name: item_model for name, item_model in _sub_entry_lists(model).items()
        if isinstance(document.get(name), CommentedSeq)
    }
    lost: dict[str, set[int]] = {name: set() for name in sub_lists}
    def owner(finding: Finding) -> tuple[str, int] | None:
        return next((
            (name, index) for name in sub_lists
            if (index := _item_of(document[name], finding, name, _end_line(document, name)))
            is not None
        ), None)

    problems, spoiled = [], False
    for finding, more in _once_per_entry(parsed.findings, owner):
        item = owner(finding)
        if item is not None and finding.spoils:
            lost[item[0]].add(item[1])
        spoiled |= item is None and finding.spoils
        unit = _item_unit(item[0]) if item else "file"
        problems.append(_from_reading(finding, path, 0, unit, more))
    resolved = resolve(model, plain(document), document, path, languages)
    data = resolved.data
    problems += resolved.problems
    for name, item_model in sub_lists.items():
        items, data[name] = data[name], []
        for index, item in enumerate(items):
            if index in lost[name]:
                continue
            try:  # on its own, so that one bad link loses only itself
                item_model.model_validate(item)
            except ValidationError as exc:
                errors = _without_missing_explained_by_typos(model, exc.errors())
                for error in errors:
                    loc = (name, index, *error["loc"])
                    if loc in resolved.reported:
                        continue
                    problem = _problem(model, document, path, {**error, "loc": loc})
                    problems.append(replace(
                        problem, message=f"{problem.message}; the {_item_unit(name)} is left out"))
                continue
            data[name].append(item)
    problems += swallowed_text(document, path)
    if spoiled:  # reported while reading: the mapping is not what was written
        return None, problems
    entry, entry_problems = _validate(model, document, path, data, resolved.reported)
    record = Record(entry, path, line_of(document), document) if entry is not None else None
    return record, problems + entry_problems


def load_profile(
    path: Path, languages: Languages = ENGLISH
) -> tuple[Profile | None, list[Problem]]:
    record, problems = load_mapping(path, Profile, languages)
    return (record.entry if record else None), problems


def _item_unit(name: str) -> str:
    """What one item of a list of sub-entries is called in messages: 'links' -> 'link'."""
    return name.removesuffix("s")


def _once_per_entry(
    findings: list[Finding], entry_of: Callable[[Finding], object]
) -> list[tuple[Finding, int]]:
    """The first finding of each kind in each entry, with how many more there are (an entry
    with a hundred aliases is one mistake to fix, one warning)."""
    first: dict[tuple[object, str], int] = {}
    kept: list[tuple[Finding, int]] = []
    for finding in findings:
        group = (entry_of(finding), finding.kind)
        if group not in first:
            first[group] = len(kept)
            kept.append((finding, 0))
        else:
            shown, more = kept[first[group]]
            kept[first[group]] = (shown, more + 1)
    return kept


#: At most this many steps of a path are shown ("detail.0.0.0…" for a deep one).
_SHOWN_STEPS = 4


def _from_reading(finding: Finding, path: Path, skip: int, unit: str, more: int) -> Problem:
    """A finding of reading as a problem. The first ``skip`` steps of its path name the entry
    (in a list file, its index), not a field; ``unit`` is what a spoiling finding leaves out;
    ``more``: how many findings of its kind in that entry it stands for."""
    steps = [str(step) for step in finding.loc[skip:]]
    name = ".".join(steps[:_SHOWN_STEPS])
    if steps[_SHOWN_STEPS:]:
        name += "\N{HORIZONTAL ELLIPSIS}"
    message = f"{name}: {finding.message}" if name else finding.message
    if more:
        message += f" (and {more} more in this {unit})"
    if finding.spoils:
        message += f"; the {unit} is left out"
    return Problem(path, finding.line, finding.subtype, message, finding.hint)


def _item_of(
    seq: CommentedSeq, finding: Finding, name: str | None = None, end: float = math.inf
) -> int | None:
    """The index of the item of ``seq`` (``document[name]`` when named) holding ``finding``.

    A finding's path names its item; one without a path (a byte that is not UTF-8) falls
    in the item whose lines hold it, the last one running up to line ``end``.
    """
    loc = finding.loc
    if loc:
        if name is not None:
            if loc[0] != name:
                return None
            loc = loc[1:]
        return loc[0] if loc and isinstance(loc[0], int) else None
    starts = [line_of(seq, [index]) for index in range(len(seq))]
    if not starts or not starts[0] <= finding.line < end:
        return None
    return bisect.bisect_right(starts, finding.line) - 1


def _end_line(mapping: CommentedMap, key: str) -> float:
    """The line where the value of ``key`` ends: the next key's line (or the end)."""
    own = line_of(mapping, [key])
    return min((line for other in mapping if (line := line_of(mapping, [other])) > own),
               default=math.inf)


def _sub_entry_lists(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Fields holding a list of sub-entries (``list[Link]``), each validated on its own."""
    found = {}
    for name, info in model.model_fields.items():
        args = getattr(info.annotation, "__args__", ())
        if getattr(info.annotation, "__origin__", None) is list and args and _is_model(args[0]):
            found[name] = cast(type[BaseModel], args[0])
    return found


def _validate(
    model: type[M], node: CommentedMap, path: Path, data: Any,
    reported: Collection[tuple[str | int, ...]] = (),
) -> tuple[M | None, list[Problem]]:
    """``data`` (``node``'s) as a ``model``; ``reported``: the paths of values whose problem
    was reported already (a value in languages with no text), so not again."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = _without_missing_explained_by_typos(model, exc.errors())
        return None, [_problem(model, node, path, error) for error in errors
                      if tuple(error["loc"]) not in reported]


#: Keys other CV formats and habits use for an entry's dates; ours are start/end/terms.
_DATE_KEYS = frozenset({
    "period", "year", "years", "date", "dates", "when", "duration", "from", "to", "since",
    "until", "begin", "finish", "start_date", "end_date", "startdate", "enddate",
})
_DATE_HINT = ("the dates are 'start' and 'end', e.g. start: 2023-09 and end: present; "
              "academic terms are 'terms', e.g. terms: [Spring 2021]")


def _is_date_key(key: str, model: type[BaseModel], parent: Iterable[str | int]) -> bool:
    """A key such as 'period' or 'year' where the model takes ``start``/``end``."""
    normalized = key.lower().replace("-", "_")
    return normalized in _DATE_KEYS and "start" in _field_names(model, parent)


def _without_missing_explained_by_typos(model: type[BaseModel], errors: list[Any]) -> list[Any]:
    """'titel' misspelled is one mistake: report the unknown key, not also a missing 'title'.

    Likewise 'period' or 'year' written for the dates: the unknown key's hint names
    ``start`` and ``end``, so a missing ``start`` is not reported too.
    """
    missing = [error["loc"] for error in errors if error["type"] == "missing"]
    explained: set[tuple[Any, ...]] = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        *parent, key = error["loc"]
        dates = _is_date_key(str(key), model, parent)
        for loc in missing:
            same_parent = list(loc[:-1]) == parent and loc not in explained
            named = did_you_mean(str(key), [str(loc[-1])]) or (dates and loc[-1] == "start")
            if same_parent and named:
                explained.add(loc)
                break
    return [e for e in errors if not (e["type"] == "missing" and e["loc"] in explained)]


def _problem(model: type[BaseModel], node: CommentedMap, path: Path, error: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    subtype = _SUBTYPE_BY_ERROR.get(error["type"], Subtype.TYPE)
    field_name = ".".join(str(part) for part in loc) or "entry"
    hint = ""
    if subtype is Subtype.UNKNOWN_KEY:
        known = _field_names(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), known) or (
            _DATE_HINT if _is_date_key(str(loc[-1]), model, loc[:-1])
            else "known keys: " + ", ".join(known)
        )
        message = f"unknown key '{field_name}'"
    elif subtype is Subtype.MISSING and error["type"] == "missing":
        message = f"missing required field '{field_name}'"
    else:
        reason = _plain_message(error["msg"])
        message = f"{field_name}: {reason}" if loc else reason
        given = error.get("input")
        if error["type"] == "string_type" and isinstance(given, dict):
            hint = ("this field is the same in every language: give it one text"
                    if given and all(is_language_code(str(key)) for key in given) else
                    "quote text that contains ': ' so YAML does not read it as a mapping")
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

