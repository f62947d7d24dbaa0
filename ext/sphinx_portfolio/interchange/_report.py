"""The report of an import: where a source value is ("basics.phone"), a short preview of it,
one printable line each, counts with their nouns, and whether a value says anything at all;
:class:`LossReport`, what a value that has no place in our data is reported to (the
importer, :class:`._importer.Importer`)."""

from __future__ import annotations

import re
from typing import Any, Protocol

#: Characters of a value quoted in the report.
_PREVIEW = 60


class LossReport(Protocol):
    """Where a source value that has no place in our data is reported, with the reason."""

    def lost(self, where: str, value: Any, reason: str,
             into: list[str] | None = None) -> None: ...


def is_empty(value: Any) -> bool:
    """Whether a value says nothing (so leaving it out loses nothing)."""
    return value is None or value in ("", [], {}) or (isinstance(value, str) and not value.strip())


def at(where: str, key: str) -> str:
    """The path of ``key`` inside ``where`` ("basics.phone"), as the report names values."""
    return f"{where}.{key}" if where else key


def preview(value: Any) -> str:
    """A short one-line rendering of a source value, for the report."""
    if isinstance(value, dict):
        value = ", ".join(preview(item) for item in value.values() if not is_empty(item))
    elif isinstance(value, list):
        value = ", ".join(preview(item) for item in value if not is_empty(item))
    shown = one_printable_line(str(value))
    return shown if len(shown) <= _PREVIEW else shown[: _PREVIEW - 1] + "\N{HORIZONTAL ELLIPSIS}"


def one_printable_line(value: str) -> str:
    """Text fit for a terminal: no line breaks, no control characters (escape sequences)."""
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def plural(count: int, noun: str, nouns: str = "") -> str:
    """'1 entry', '2 entries', '0 files': the count with its noun in the right number
    (``nouns`` when the plural is not ``noun`` + 's'; a noun in -y takes -ies)."""
    if count == 1:
        return f"{count} {noun}"
    if not nouns:
        nouns = f"{noun[:-1]}ies" if re.search(r"[^aeiou]y$", noun) else f"{noun}s"
    return f"{count} {nouns}"
