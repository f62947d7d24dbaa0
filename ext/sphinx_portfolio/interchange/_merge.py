"""An import into a site that has data already: the site's entries are kept, the import's
added beside them.

* a .bib file keeps every entry it has; an imported entry is added after them when its key
  is new, and left out (and named) when the file has the key already: the site's entry is
  the one its pages cite;
* a list of entries (``experience.yaml``...) likewise, by ``id``, and by the entry's main
  text with its start (the same job under an id of the site's own making);
* the profile is one entry, not a list: the import's replaces it (the message says how
  many fields the site's had, and the command keeps it as a .bak);
* a file that holds the starter's examples and nothing else (``sphinx-portfolio new``
  wrote them, :mod:`..starter`) is replaced whole: they are no one's data. Data entries are
  compared with the starter's own, as read (each entry by its id and every value), and a
  .bib file's entries by the endings of their keys and their titles (the keys begin with the
  name the site was made for). :func:`file_examples` tells such a file the import has
  nothing for (the command line takes it out, with the starter's pages that showed it).

Entries are added as bytes after the file's own, so its comments, order, layout and
encoding marks stay as they were. The result is read back with our readers before anything
is written: a .bib file whose added entries would not be read is refused, a list file that
does not read back as its entries then the import's is replaced whole instead (and said so).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bib import clean_latex, read_bib_text
from ..bib.reader import MAX_FILE_BYTES as MAX_BIB_BYTES
from ..data.errors import DataError
from ..data.yaml_reader import MAX_FILE_BYTES as MAX_DATA_FILE_BYTES
from ..data.yaml_reader import parse_yaml, plain
from ._importer import ID_SOURCES
from ._source_reader import InterchangeError
from ._yaml_writer import yaml_body, yaml_text

# An entry's head wherever BibTeX would read one: '@type{key,' or '@type(key,'.
_BIB_HEAD = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^\s,{}()=]+)\s*,")
_NOT_ENTRIES = frozenset({"string", "comment", "preamble"})


@dataclass
class Merge:
    """What an import does to one file of the site: its content afterwards, and what to say."""

    path: Path
    data: bytes  # the file's content after the import
    existing: int = 0  # entries (a profile: fields) the file had; 0 when there was none
    added: list[str] = field(default_factory=list)  # keys or ids of the entries added
    kept: list[str] = field(default_factory=list)  # of the import's, which the site has
    replaced: str = ""  # why the file is replaced whole, not added to ("": it is not)
    noun: tuple[str, str] = ("entry", "entries")
    starter: bool = False  # the file held the starter's examples alone: they are replaced

    def count(self, number: int) -> str:
        """'1 entry', '3 entries', '5 fields'."""
        return f"{number} {self.noun[0] if number == 1 else self.noun[1]}"

    def plan(self, name: str) -> str:
        """What the import would do to the file (``name``), for a refusal."""
        if self.starter:
            return f"replace the starter's examples in {name}"
        if self.replaced:
            return f"replace {name}{self._had('has')} ({self.replaced})"
        kept = f"; {len(self.kept)} of the import's it has already" if self.kept else ""
        return f"add {self.count(len(self.added))} to {name} (keeping its {self.existing}{kept})"

    def _had(self, verb: str) -> str:
        # nothing said when the file could not be read as entries: how many is not known
        return f", which {verb} {self.count(self.existing)}" if self.existing else ""

    def report(self, done: str, backup: Path | None) -> list[str]:
        """What the import did (``done``: wrote, replaced or unchanged), one line a fact."""
        kept_as = f" (the previous one is kept as {backup})" if backup else ""
        if self.starter and done != "unchanged":
            lines = [f"replaced the starter's examples in {self.path} "
                     f"({self.count(self.existing)}){kept_as}"]
        elif self.replaced and done != "unchanged":
            lines = [f"replaced {self.path}{self._had('had')}: {self.replaced}{kept_as}"]
        elif not self.existing or self.noun[0] == "field":  # a new file, the same profile
            lines = [f"{done} {self.path}{kept_as}"]
        elif self.added:
            lines = [f"added {self.count(len(self.added))} to {self.path}; kept "
                     f"{self.existing} existing{kept_as}"]
        else:
            lines = [f"added nothing to {self.path}; kept {self.existing} existing"]
        if self.kept:
            one = len(self.kept) == 1
            same = "key" if self.path.suffix == ".bib" else "id (or title and start)"
            lines.append(
                f"kept the site's {'entry' if one else 'entries'} for {', '.join(self.kept)} "
                f"in {self.path.name}; the imported {'one' if one else 'ones'}, with the same "
                f"{same}, {'is' if one else 'are'} not written")
        return lines


def _existing(path: Path, limit: int) -> bytes | None:
    """The file's bytes, no more than ``limit`` + 1 (past the bound, no more is needed);
    None when there is no file, or an empty one (nothing to keep)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        return None
    return data or None


def _appended(old: bytes, text: str) -> bytes:
    """``text`` after ``old``, one blank line between them."""
    return old.rstrip(b"\r\n") + b"\n\n" + text.encode("utf-8")


def merge_bib(path: Path, entries: dict[str, str],
              examples: Mapping[str, str] | None = None) -> Merge:
    """``path`` with the imported ``entries`` (key -> BibTeX text) whose keys it lacks; or
    the entries alone when the file holds the starter's ``examples`` alone (the ending of
    each key -> its title, :func:`..starter.example_papers`)."""
    old = _existing(path, MAX_BIB_BYTES)
    whole = ("\n\n".join(entries.values()) + "\n").encode()
    if old is None:
        return Merge(path, whole, added=list(entries))
    mib = MAX_BIB_BYTES // 1024 // 1024
    if len(old) > MAX_BIB_BYTES:
        raise InterchangeError(f"{path}: larger than {mib} MiB, more than a site reads; "
                               "nothing is added to it")
    try:
        text = old.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InterchangeError(f"{path}: not UTF-8 text, so entries in UTF-8 cannot be added "
                               "to it (save it as UTF-8, then import)") from None
    read = read_bib_text(text, path)
    # BibTeX keys are one in any case; a key of an entry our reader left out counts too
    keys = {key.lower() for key in read.data.entries} | {
        match[2].lower() for match in _BIB_HEAD.finditer(text)
        if match[1].lower() not in _NOT_ENTRIES}
    if examples and (count := bib_examples(old, examples)):
        return Merge(path, whole, existing=count, added=list(entries), starter=True)
    merge = Merge(path, old, existing=len(keys))  # as written, those our reader left out too
    for key in entries:
        (merge.kept if key.lower() in keys else merge.added).append(key)
    if not merge.added:
        return merge
    merge.data = _appended(old, "\n\n".join(entries[key] for key in merge.added) + "\n")
    if len(merge.data) > MAX_BIB_BYTES:
        raise InterchangeError(f"{path}: with the imported entries it would be larger than "
                               f"{mib} MiB, more than a site reads; nothing is added to it")
    after = read_bib_text(merge.data.decode("utf-8-sig"), path).data.entries
    if any(key not in after for key in merge.added):  # e.g. swallowed by an unclosed entry
        raise InterchangeError(
            f"{path}: entries added after its own would not be read (is one of its entries "
            "not closed?); nothing is added: fix it, then import")
    return merge


def merge_data(path: Path, stem: str, document: Any, example: bytes | None = None) -> Merge:
    """``path`` (our data file ``stem``) with the imported ``document``: a list's entries
    that the file lacks after its own; a profile in its place; the document alone when the
    file holds nothing but entries of the starter's ``example`` (its text of the file)."""
    whole = yaml_text(stem, document).encode("utf-8")
    old = _existing(path, MAX_DATA_FILE_BYTES)
    new_ids = [] if stem == "profile" else [str(entry["id"]) for entry in document]
    if old is None:
        return Merge(path, whole, added=new_ids)
    if example is not None and (count := data_examples(old, example, path.name)):
        noun = ("field", "fields") if stem == "profile" else ("entry", "entries")
        return Merge(path, whole, existing=count, added=new_ids, noun=noun, starter=True)
    try:
        existing = plain(parse_yaml(old, path).document)  # the bytes merged onto
    except DataError as exc:
        return Merge(path, whole, replaced=f"it cannot be read: {exc.problem.message}")
    if stem == "profile":
        fields = len(existing) if isinstance(existing, dict) else 0
        return Merge(path, whole, existing=fields, noun=("field", "fields"),
                     replaced="" if old == whole else "a profile is one entry: the import's "
                     "replaces it")
    if not isinstance(existing, list):
        return Merge(path, whole, replaced="it is not a list of entries")
    merge = Merge(path, old, existing=len(existing))
    ids = {entry.get("id") for entry in existing if isinstance(entry, dict)}
    same = {_signature(entry) for entry in existing if isinstance(entry, dict)} - {None}
    added = []
    for entry in document:
        if entry["id"] in ids or _signature(entry) in same:
            merge.kept.append(str(entry["id"]))
        else:
            added.append(entry)
            merge.added.append(str(entry["id"]))
    if not added:
        return merge
    merge.data = _appended(old, yaml_body(stem, added))
    if len(merge.data) > MAX_DATA_FILE_BYTES:
        raise InterchangeError(f"{path}: with the imported entries it would be larger than "
                               f"{MAX_DATA_FILE_BYTES // 1024} KiB, more than a data file may "
                               "hold; nothing is added to it")
    if _read_back(merge.data, path.name) != [*existing, *_read_back(
            yaml_body(stem, added).encode("utf-8"), path.name)]:
        # a flow list ('[...]'), a list indented as a whole, an end of document ('...')
        return Merge(path, whole, existing=len(existing),
                     replaced="the import's entries cannot be added after its own")
    return merge


def data_examples(data: bytes, example: bytes, name: str) -> int:
    """How many entries (a profile: fields) the data file ``data`` holds, when each is one
    of the starter's ``example`` text of that file, the same id and the same values; 0 when
    one is not (or there is none)."""
    ours, theirs = _read_back(data, name), _read_back(example, name)
    if isinstance(ours, dict):
        return len(ours) if ours == theirs else 0
    if not isinstance(ours, list) or not isinstance(theirs, list):
        return 0
    return len(ours) if all(entry in theirs for entry in ours) else 0


def file_examples(path: Path, example: bytes) -> int:
    """:func:`data_examples` of the data file at ``path`` (0 when there is none, or one
    larger than a data file may be: no example is)."""
    data = _existing(path, MAX_DATA_FILE_BYTES)
    if data is None or len(data) > MAX_DATA_FILE_BYTES:
        return 0
    return data_examples(data, example, path.name)


def bib_examples(data: bytes, examples: Mapping[str, str]) -> int:
    """How many entries the .bib text ``data`` holds, when each is one of the starter's
    example papers: its key ends as one of theirs (it begins with the site's name) and its
    title is that paper's; 0 when one is not (or there is none)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0
    read = read_bib_text(text)
    if read.problems or not read.data.entries:
        return 0
    for key, entry in read.data.entries.items():
        title = clean_latex(entry.fields.get("title", ""))
        if not any(key.endswith(end) and len(key) > len(end) and title == example
                   for end, example in examples.items()):
            return 0
    return len(read.data.entries)


def _read_back(data: bytes, name: str) -> Any:
    """``data`` as our reader gives a data file back (None if it cannot)."""
    try:
        return plain(parse_yaml(data, Path(name)).document)
    except DataError:
        return None


def _signature(entry: dict[str, Any]) -> tuple[str, str] | None:
    """An entry's main text (its organization, title...) with its start: the same entry
    under whatever id each side gave it."""
    label = next((entry[name] for name in ID_SOURCES if entry.get(name)), None)
    if label is None:
        return None
    return " ".join(str(label).lower().split()), str(entry.get("start", ""))
