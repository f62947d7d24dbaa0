"""Files written and read safely, for the build and the command line alike (no Sphinx here).

A file is written whole or not at all, and what a site reads or writes stays inside it; a
name (of a file, an id, an entry) that is taken gets the first free number (:func:`free_name`).
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Container
from pathlib import Path

__all__ = ["climbs_out", "free_name", "leads_out_of", "read_record", "write_record", "write_whole"]


def write_whole(path: Path, data: bytes) -> None:
    """``data`` into ``path``, whole or not at all: written beside it, then renamed over it,
    so a reader (or the next build, after this one was killed) never finds half a file.
    Raises OSError as writing does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    # A part file left by a killed run, or a symlink planted in its place, is removed, not
    # written through: O_EXCL makes the file anew, O_NOFOLLOW refuses a link.
    part.unlink(missing_ok=True)
    try:
        handle = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_NOFOLLOW", 0), 0o666)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def leads_out_of(folder: str | Path, path: str | Path) -> bool:
    """Whether ``path``, with its symlinks followed and ``..`` taken, is outside ``folder``:
    a data file there would put into the site what the site does not hold (a link to a home
    folder, ``../../secrets.yaml``), so it is not read."""
    return not Path(path).resolve().is_relative_to(Path(folder).resolve())


def climbs_out(name: str) -> bool:
    """Whether the ``/``-separated relative ``name``, its ``..`` taken, is absolute or leads
    up out of the folder it is relative to (no file system looked at)."""
    relative = posixpath.normpath(name)
    return posixpath.isabs(relative) or relative.split("/")[0] == ".."


def read_record(path: Path) -> dict[str, str]:
    """A build's record of what it made (name -> digest or key), kept in the doctree folder;
    empty when there is none or it cannot be read: the next build then makes everything."""
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(recorded, dict):
        return {}
    return {str(name): str(value) for name, value in recorded.items()}


def write_record(path: Path, record: dict[str, str]) -> None:
    """:func:`read_record`'s file, written whole (a killed build leaves the last one)."""
    write_whole(path, json.dumps(record, sort_keys=True).encode("utf-8"))


def free_name(wanted: str, taken: Container[str], separator: str = "-",
              start: int = 1) -> tuple[str, int]:
    """The first of ``wanted`` (number 1), ``wanted-2``, ``wanted-3``... that is not in
    ``taken``, from number ``start`` on (a caller that knows the ones before are taken says
    so), and its number."""
    number = start
    while (name := wanted if number == 1 else f"{wanted}{separator}{number}") in taken:
        number += 1
    return name, number
