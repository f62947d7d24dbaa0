"""Reading a source file within bounds: its size, its encoding, and how many entries it
holds, each refused with one line that says so (:class:`InterchangeError`) before anything is
mapped."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._report import one_printable_line

#: The largest source file read: a real CV is a few tens of KB, with long abstracts maybe 200.
MAX_SOURCE_BYTES = 2 * 1024 * 1024
#: The most entries (jobs, degrees, papers, links...) of one source file, all sections
#: together, counted before any is mapped: a long CV has a few hundred. Each entry is
#: checked against our model (~0.4 ms), so 5,000 take ~2 s; 2 MiB of JSON holds 40,000.
MAX_SOURCE_ENTRIES = 5_000


class InterchangeError(Exception):
    """The source cannot be read at all; the message is one line, ``file:line: reason``."""

    def __init__(self, message: str) -> None:
        super().__init__(one_printable_line(message))  # parsers' messages may span lines


def read_source(path: Path, limit: int = MAX_SOURCE_BYTES) -> str:
    """The file's text, refused past ``limit`` bytes (read no further than that)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InterchangeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InterchangeError(
            f"{path}: larger than {limit // 1024:,} KiB, far more than a CV; not read")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InterchangeError(
            f"{path}:{line}: byte 0x{data[exc.start]:02x} is not UTF-8 text") from None


def check_entry_count(path: Path, sections: Mapping[str, Any]) -> None:
    """Refuse a source whose sections (name -> list of entries) hold more entries in all
    than :data:`MAX_SOURCE_ENTRIES`, before a single entry is mapped."""
    counts = {name: len(value) for name, value in sections.items() if isinstance(value, list)}
    total = sum(counts.values())
    if total > MAX_SOURCE_ENTRIES:
        largest = max(counts, key=lambda name: counts[name])
        raise InterchangeError(
            f"{path}: {total:,} entries ({largest}: {counts[largest]:,}), more than the "
            f"{MAX_SOURCE_ENTRIES:,} a CV is imported with; not imported")
