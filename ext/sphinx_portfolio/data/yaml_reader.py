"""Line-aware YAML loading, bounded for untrusted input.

ruamel.yaml's round-trip loader keeps the position of every mapping key and
sequence item, so a validation error deep inside an entry can still point at
the exact line the researcher has to fix.

Data files may come from pull requests, so reading them is bounded: a file too
big to be a CV is skipped before it is parsed; aliases, collections nested too
deep and over-long numbers are caught while the document is composed (before
anything recurses into them or multiplies them); duplicate keys and bytes that
are not UTF-8 are reported at their line. None of these loses the file: each is
a :class:`Finding`, and the validation leaves out only the entry it spoils.

A file with none of these (most of them) is parsed by libyaml in C instead, into the same
nodes (:mod:`.libyaml`): the pure-Python reader takes ~1.3 s for 1,000 entries.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.scanner import RoundTripScanner

from ..warnings_ import Problem, Subtype
from . import libyaml
from .errors import DataError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_LENGTH",
    "DataError",
    "Finding",
    "Parsed",
    "kind_of",
    "line_of",
    "parse_yaml",
    "plain",
    "read_yaml",
    "swallowed_text",
]

#: A real CV data file is a few KB (this site's largest, 3 KB). The pure-Python round-trip
#: loader spends ~30 us per token: 1 MiB of dense tokens ('- - - ...') takes ~30 s, so past
#: 256 KiB (80 times a real file; at worst ~8 s) a file is skipped unread.
MAX_FILE_BYTES = 256 * 1024
#: Collections inside collections: a list of entries holding a list of links is 4 deep. The
#: composer and constructor recurse once per level, so this keeps far below Python's limit.
MAX_DEPTH = 20
#: Characters in a number: years and citation counts have a few digits. Past ~4,300 digits
#: Python refuses to convert an int at all; far shorter is already no CV number.
MAX_NUMBER_LENGTH = 100

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


@dataclass(frozen=True)
class Finding:
    """A problem found while reading; the file is still usable."""

    line: int  # 1-based
    loc: tuple[str | int, ...]  # the path from the top of the document, () when unknown
    subtype: Subtype
    message: str
    hint: str
    spoils: bool  # the entry holding it is left out (its value is not what was written)
    kind: str = ""  # findings of one kind in one entry are reported once: "alias", "depth"...


@dataclass
class Parsed:
    """A parsed data file and what reading it found."""

    document: Any
    findings: list[Finding] = field(default_factory=list)


class _Yaml(YAML):
    """ruamel's round-trip loader with our composer and constructor, collecting findings."""

    def __init__(self) -> None:
        super().__init__(typ="rt", pure=True)
        self.Scanner = _BoundedScanner
        self.Composer = _BoundedComposer
        self.Constructor = _ReportingConstructor
        self.allow_duplicate_keys = True  # reported (and the first value kept) by the constructor
        self.findings: list[Finding] = []


class _TooDeep(Exception):
    """Flow collections (``[`` and ``{``) nested past :data:`MAX_DEPTH`, at ``line``."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


class _BoundedScanner(RoundTripScanner):
    """Stops at flow collections nested past :data:`MAX_DEPTH`.

    The scanner's work per token grows with the flow depth (a pending simple key per
    level), so 1 MB of '[' would take hours: it must stop while scanning, before the
    composer sees anything. Block nesting costs nothing here; the composer bounds it.
    """

    def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise _TooDeep(self.reader.line + 1)
        super().fetch_flow_collection_start(TokenClass, to_push)


class _BoundedComposer(Composer):
    """Refuses aliases and too-deep collections, and bounds numbers, as nodes are composed.

    Aliases are refused outright: data files do not need them, and a few nested anchors
    can stand for billions of values (an "alias bomb"). A refused alias, or a collection
    past :data:`MAX_DEPTH` (its events skipped without recursing), becomes an empty mapping
    (a valid merge value too); the entry holding it is then left out by the validation.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self._depth = 0
        self._loc: list[str | int | None] = []
        self.warn_double_anchors = False  # harmless: every alias is refused anyway

    def _found(self, mark: Any, kind: str, message: str, hint: str) -> None:
        loc = tuple(step for step in self._loc if step is not None)
        self.loader.findings.append(
            Finding(mark.line + 1, loc, Subtype.LIMIT, message, hint, True, kind))

    def compose_node(self, parent: Any, index: Any) -> Any:
        if isinstance(index, int):
            step: str | int | None = index
        elif isinstance(index, ScalarNode):
            step = str(index.value)
        else:
            step = None  # the document itself, or a key (reported under its mapping)
        self._loc.append(step)
        try:
            return self._compose(parent, index)
        finally:
            self._loc.pop()

    def _compose(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            self.parser.get_event()
            self._found(event.start_mark, "alias", f"YAML alias '*{event.anchor}' refused",
                        "write the value out in full: data files allow no aliases")
            return self._placeholder(event.start_mark, event.end_mark)
        if not isinstance(event, CollectionStartEvent):
            node = super().compose_node(parent, index)
            if node.tag in libyaml.NUMBER_TAGS and len(str(node.value)) > MAX_NUMBER_LENGTH:
                self._found(node.start_mark, "number",
                            f"number of {len(str(node.value)):,} characters, "
                            f"more than {MAX_NUMBER_LENGTH}",
                            "shorten it, or quote it if it is text")
                node.value = "0"  # never converted: the entry is left out
            return node
        if self._depth >= MAX_DEPTH:
            self._found(event.start_mark, "depth",
                        f"lists and mappings nested more than {MAX_DEPTH} levels deep",
                        "flatten the structure: entries nest a few levels at most")
            end_mark = self._skip_collection()
            node = self._placeholder(event.start_mark, end_mark)
            if event.anchor is not None:
                self.anchors[event.anchor] = node
            return node
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _skip_collection(self) -> Any:
        """Consume one collection's events, counting instead of recursing."""
        open_collections = 0
        while True:
            event = self.parser.get_event()
            if isinstance(event, CollectionStartEvent):
                open_collections += 1
            elif isinstance(event, CollectionEndEvent):
                open_collections -= 1
            if open_collections == 0:
                return event.end_mark

    def _placeholder(self, start_mark: Any, end_mark: Any) -> MappingNode:
        tag = self.resolver.resolve(MappingNode, None, True)
        return MappingNode(tag, [], start_mark, end_mark, flow_style=True)


class _ReportingConstructor(RoundTripConstructor):
    """Reports a key given twice at its line and keeps the first value (YAML forbids it)."""

    def check_mapping_key(
        self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any
    ) -> bool:
        if key not in mapping:
            return True
        first = ""
        lc = getattr(mapping, "lc", None)
        if lc is not None and lc.data and key in lc.data:
            first = f" (first given at line {lc.key(key)[0] + 1})"
        self.loader.findings.append(Finding(
            key_node.start_mark.line + 1, (), Subtype.YAML,
            f"duplicate key '{key}'{first}; the second value is ignored",
            "give each key once", False, "duplicate",
        ))
        return False


def read_yaml(path: Path) -> Parsed:
    """Parse one YAML file, keeping positions. Raises :class:`DataError` when unusable."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)  # never more, whatever the file claims
    except FileNotFoundError:
        raise DataError(
            Problem(path, 0, Subtype.FILE, "data file not found",
                    "check the path or create the file")
        ) from None
    except OSError as exc:
        raise DataError(Problem(path, 0, Subtype.FILE, f"cannot read data file: {exc}")) from None
    return parse_yaml(data, path)


def parse_yaml(data: bytes, path: Path) -> Parsed:
    """YAML bytes parsed as a data file's (the same bounds), its problems located at
    ``path``: for text that is not a file of its own (a page's front matter, a file already
    read). Raises :class:`DataError` when unusable."""
    if len(data) > MAX_FILE_BYTES:
        raise DataError(Problem(
            path, 1, Subtype.LIMIT,
            f"data file larger than {MAX_FILE_BYTES // 1024} KiB, skipped",
            "a CV data file is a few KB: check that this is the right file",
        ))
    text, findings = _decode(data)
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        raise DataError(
            Problem(path, line, Subtype.YAML, "tab character in indentation", "indent with spaces")
        )
    yaml = _Yaml()
    quick = libyaml.compose(text, yaml.resolver, MAX_DEPTH, MAX_NUMBER_LENGTH)
    try:
        # The quick reader's nodes go through the same constructor (duplicate keys, types).
        document = yaml.constructor.construct_document(quick) if quick else yaml.load(text)
    except _TooDeep as exc:
        raise DataError(Problem(
            path, exc.line, Subtype.LIMIT,
            f"'[' and '{{' nested more than {MAX_DEPTH} levels deep; the file is skipped",
            "flatten the structure: entries nest a few levels at most",
        )) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark is not None:
            # e.g. an unclosed '[': say where it was opened, not only where parsing gave up
            reason += f" ({exc.context} at line {exc.context_mark.line + 1})"
        raise DataError(Problem(
            path, line, Subtype.YAML, f"YAML syntax error: {reason}",
            "check indentation and quoting",
        )) from None
    except YAMLError as exc:
        raise DataError(Problem(path, 0, Subtype.YAML, f"YAML error: {exc}")) from None
    except NotImplementedError:
        # ruamel.yaml before 0.19 gives up on list items that hold only a comment ("- #")
        raise DataError(Problem(
            path, 0, Subtype.YAML, "YAML the reader cannot parse: a list item with only a comment",
            "give each '-' an entry, or remove it",
        )) from None
    if document is None:
        raise DataError(
            Problem(path, 0, Subtype.EMPTY, "data file is empty", "add at least one entry"))
    return Parsed(document, findings + yaml.findings)


def _decode(data: bytes) -> tuple[str, list[Finding]]:
    """UTF-8 text with universal newlines; a line with other bytes is kept with U+FFFD
    in their place and found, spoiling its entry (a comment line is only found)."""
    # CR and LF never occur inside a UTF-8 multi-byte sequence, so this is safe on bytes
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines, findings = [], []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = raw.decode("utf-8", errors="replace")
            lines.append(line)
            findings.append(Finding(
                number, (), Subtype.FILE,
                f"byte 0x{raw[exc.start]:02x} is not UTF-8 text",
                "save the file as UTF-8", not line.lstrip().startswith("#"), "encoding",
            ))
    return "\n".join(lines), findings


def swallowed_text(node: Any, path: Path, skip: Collection[Any] = ()) -> list[Problem]:
    """Comments that look like part of a value: ``detail: rank #1 at department``.

    YAML ends a plain value at ' #', so the rest of the line silently disappears.
    A comment glued to its text ('#1') is almost never meant as one. ``skip``: keys
    or indices of ``node`` whose values are left out anyway.
    """
    problems = []
    for token in _end_of_line_comments(node, skip):
        text = token.value.strip()
        if len(text) > 1 and not text[1].isspace() and text[1] != "#":
            problems.append(Problem(
                path, token.start_mark.line + 1, Subtype.YAML,
                f"'{text.splitlines()[0]}' is read as a YAML comment, not as part of the value",
                "put the value in quotes if the text after ' #' belongs to it",
            ))
    return problems


def _end_of_line_comments(node: Any, skip: Collection[Any] = ()) -> list[Any]:
    found = []
    if isinstance(node, CommentedMap | CommentedSeq):
        for where, slots in node.ca.items.items():
            if where not in skip:
                found += [token for token in slots if token is not None and hasattr(token, "value")]
        children = node.items() if isinstance(node, CommentedMap) else enumerate(node)
        for where, child in children:
            if where not in skip:
                found += _end_of_line_comments(child)
    return found


def kind_of(value: Any) -> str:
    """What ``value`` is, as a message names it: "mapping", "list", "null", else its type's
    name ("str", "int", "bool")."""
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "null" if value is None else type(value).__name__


def line_of(node: Any, loc: Sequence[str | int] = ()) -> int:
    """1-based line of the item at ``loc`` below ``node``, or of its nearest existing parent."""
    line = _own_line(node)
    for step in loc:
        if isinstance(node, CommentedMap) and step in node:
            line = node.lc.key(step)[0] + 1
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line = node.lc.item(step)[0] + 1
            node = node[step]
        else:
            break
    return line


def _own_line(node: Any) -> int:
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else 0


def plain(node: Any) -> Any:
    """Turn ruamel's commented containers into plain dicts/lists (pydantic wants those)."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(item) for item in node]
    return node
