"""Line-aware YAML loading.

ruamel.yaml's round-trip loader keeps the position of every mapping key and
sequence item, so a validation error deep inside an entry can still point at
the exact line the researcher has to fix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..warnings_ import Problem, Subtype
from .errors import DataError

_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, keeping positions. Raises :class:`DataError` when unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            Problem(path, 0, Subtype.FILE, "data file not found",
                    "check the path or create the file")
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(Problem(path, 0, Subtype.FILE, f"cannot read data file: {exc}")) from None
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        raise DataError(
            Problem(path, line, Subtype.YAML, "tab character in indentation", "indent with spaces")
        )
    try:
        document = YAML(typ="rt", pure=True).load(text)
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
    if document is None:
        raise DataError(
            Problem(path, 0, Subtype.EMPTY, "data file is empty", "add at least one entry"))
    return document


def swallowed_text(node: Any, path: Path) -> list[Problem]:
    """Comments that look like part of a value: ``detail: rank #1 at department``.

    YAML ends a plain value at ' #', so the rest of the line silently disappears.
    A comment glued to its text ('#1') is almost never meant as one.
    """
    problems = []
    for token in _end_of_line_comments(node):
        text = token.value.strip()
        if len(text) > 1 and not text[1].isspace() and text[1] != "#":
            problems.append(Problem(
                path, token.start_mark.line + 1, Subtype.YAML,
                f"'{text.splitlines()[0]}' is read as a YAML comment, not as part of the value",
                "put the value in quotes if the text after ' #' belongs to it",
            ))
    return problems


def _end_of_line_comments(node: Any) -> list[Any]:
    found = []
    if isinstance(node, CommentedMap | CommentedSeq):
        for slots in node.ca.items.values():
            found += [token for token in slots if token is not None and hasattr(token, "value")]
        children = node.values() if isinstance(node, CommentedMap) else node
        for child in children:
            found += _end_of_line_comments(child)
    return found


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
