"""Read real-world BibTeX leniently: keep every entry that can be read, locate every problem.

pybtex stops at the first bad entry (or, outside strict mode, prints to stderr and may
drop entries without saying which). Here each entry is read on its own with pybtex's own
lexer, so one bad entry costs only itself, and each problem comes with the line it is on.
Nothing here imports Sphinx.

An entry starts at a line whose first non-blank character is ``@`` followed by a type and
``{`` or ``(``: a brace left open therefore swallows at most the rest of its own entry.

What happens to an entry with a problem, as BibTeX itself does where it can:

* dropped: unreadable text (``bib-syntax``), an ``@string`` used before it is defined
  (``bib-string``), a malformed name list (``bib-name``), a repeated key
  (``bib-duplicate-key``, the first entry wins);
* kept: a repeated field (``bib-duplicate-field``, the first value wins), no title or year
  (``bib-missing-field``), a ``crossref``/``entryset`` naming no entry (``bib-crossref``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import LowLevelParser, UndefinedMacro, month_names
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from pybtex.textutils import normalize_whitespace
from pybtex.utils import CaseInsensitiveDict

from ..warnings_ import Problem, Subtype
from .biblatex import entry_year

__all__ = ["CheckedBib", "read_bib_files", "read_bib_text"]

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.M)
_PERSON_FIELDS = frozenset({"author", "editor"})
# Fields a child does not take from its crossref parent: they describe the parent itself.
_NOT_INHERITED = frozenset({
    "abstract", "crossref", "doi", "entryset", "eprint", "ids", "keywords", "note", "pdf",
    "url", "title", "subtitle", "author+an", "code", "slides", "poster", "video",
})


@dataclass
class CheckedBib:
    """Entries of one or more files (first key wins), keys per file, and the problems."""

    data: BibliographyData = field(default_factory=BibliographyData)
    keys: dict[Path, list[str]] = field(default_factory=dict)
    lines: dict[str, tuple[Path, int]] = field(default_factory=dict)  # lower-case key -> where
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Raw:
    type: str
    key: str
    line: int
    fields: list[tuple[str, str, int]]  # name, value, line


class _Scanner(LowLevelParser):  # type: ignore[misc]  # pybtex has no type hints
    """pybtex's BibTeX lexer, also noting the line of each entry and each field."""

    def __init__(self, text: str, macros: CaseInsensitiveDict, first_line: int) -> None:
        super().__init__(text, macros=macros)
        self.lineno = first_line
        self.command_line = first_line
        self.field_line: int | None = None
        self.field_lines: list[int] = []
        self.in_value = False

    def parse_command(self) -> Any:
        self.command_line = self.lineno
        self.field_line = None
        self.field_lines = []
        return super().parse_command()

    def parse_field(self) -> None:
        self.eat_whitespace()
        self.field_line = self.lineno
        super().parse_field()
        if self.current_field_name:
            self.field_lines.append(self.field_line)
        self.field_line = None

    def parse_value_part(self) -> str:
        self.in_value = True
        part: str = super().parse_value_part()
        self.in_value = False
        return part


def read_bib_files(paths: Sequence[Path], encoding: str = "utf-8-sig") -> CheckedBib:
    """Read the files in order, as one bibliography (``@string`` carries over, as in BibTeX)."""
    reader = _Reader()
    for path in paths:
        try:
            text = path.read_text(encoding=encoding)
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else f"not {encoding}: {exc.reason}"
            reader.result.problems.append(
                Problem(path, 0, Subtype.BIB_FILE, f"cannot read: {reason}"))
            text = ""
        reader.read(path, text)
    return reader.finish()


def read_bib_text(text: str, path: Path = Path("refs.bib")) -> CheckedBib:
    reader = _Reader()
    reader.read(path, text)
    return reader.finish()


class _Reader:
    def __init__(self) -> None:
        self.result = CheckedBib()
        self.macros = CaseInsensitiveDict(month_names)
        self.macro_lines: dict[str, int] = {}
        self.undefined: list[tuple[Path, int, str, str]] = []  # path, line, key, macro
        self.path = Path()

    def problem(self, line: int, subtype: Subtype, message: str) -> None:
        self.result.problems.append(Problem(self.path, line, subtype, message))

    def read(self, path: Path, text: str) -> None:
        self.path = path
        self.result.keys.setdefault(path, [])
        for raw in self._commands(text):
            entry = self._entry(raw)
            if entry is not None:
                self.result.data.add_entry(raw.key, entry)
                self.result.keys[path].append(raw.key)
                self.result.lines[raw.key.lower()] = (path, raw.line)

    def finish(self) -> CheckedBib:
        for path, line, key, macro in self.undefined:
            later = self.macro_lines.get(macro.lower())
            reason = (
                f"@string '{macro}' is used before it is defined (at line {later})" if later
                else f"'{macro}' is not a defined @string (braces missing around a value?)"
            )
            self.result.problems.append(
                Problem(path, line, Subtype.BIB_STRING, f"entry '{key}': {reason}; entry skipped")
            )
        _resolve_references(self.result)
        for key, entry in self.result.data.entries.items():
            path, line = self.result.lines[key.lower()]
            self.result.problems += _missing_fields(path, line, key, entry)
        self.result.problems.sort(key=lambda problem: (str(problem.path), problem.line))
        return self.result

    # --- lexing ------------------------------------------------------------------------

    def _commands(self, text: str) -> Iterator[_Raw]:
        starts = [match.start() for match in _ENTRY_START.finditer(text)]
        for start, end in itertools.pairwise([*starts, len(text)]):
            first_line = text.count("\n", 0, start) + 1
            yield from self._chunk(text[start:end], first_line)

    def _chunk(self, chunk: str, first_line: int) -> Iterator[_Raw]:
        scanner = _Scanner(chunk, self.macros, first_line)
        found: list[tuple[_Raw, int]] = []  # with the line that closes the entry
        try:
            for command, body in scanner:
                found += [(raw, scanner.lineno) for raw in self._command(scanner, command, body)]
        except PybtexSyntaxError as error:
            self._syntax_error(scanner, error)
            return
        if found and _holds_fields(chunk[scanner.pos :]):
            raw, end = found.pop()
            self.problem(end, Subtype.BIB_SYNTAX,
                         f"entry '{raw.key}': unbalanced braces: an extra '}}' ends the entry "
                         "early and the fields after it are lost; entry skipped")
        yield from (raw for raw, _ in found)

    def _command(self, scanner: _Scanner, command: str, body: Any) -> list[_Raw]:
        kind = command.lower()
        if kind == "string":
            self.macro_lines.setdefault(str(body[0]).lower(), scanner.command_line)
            return []
        if kind == "preamble":
            return []
        key, fields = body
        values = [
            (name, normalize_whitespace("".join(parts)), line)
            for (name, parts), line in zip(fields, scanner.field_lines, strict=True)
        ]
        return [_Raw(command, key, scanner.command_line, values)]

    def _syntax_error(self, scanner: _Scanner, error: PybtexSyntaxError) -> None:
        key = scanner.current_entry_key or "?"
        if isinstance(error, UndefinedMacro):
            self.undefined.append((self.path, error.lineno, key, str(error.args[0])))
        elif isinstance(error, PrematureEOF):
            self._unclosed(scanner, key)
        else:
            self.problem(error.lineno, Subtype.BIB_SYNTAX,
                         f"entry '{key}': {error.args[0]}; entry skipped")

    def _unclosed(self, scanner: _Scanner, key: str) -> None:
        last_field = scanner.field_line or (scanner.field_lines[-1] if scanner.field_lines else 0)
        name = scanner.current_field_name or (scanner.current_fields or [("",)])[-1][0]
        if scanner.in_value and scanner.field_line:
            line, what = scanner.field_line, f"the value of '{name}' is never closed"
        elif last_field:  # a brace left open in a value swallowed the entry's end
            line, what = last_field, f"the entry is never closed (is a brace in '{name}' open?)"
        else:
            line, what = scanner.command_line, "the entry is never closed"
        self.problem(line, Subtype.BIB_SYNTAX,
                     f"entry '{key}': unbalanced braces: {what}; entry skipped")

    # --- entries -----------------------------------------------------------------------

    def _entry(self, raw: _Raw) -> Entry | None:
        known = self.result.lines.get(raw.key.lower())
        if known is not None:
            where = f"line {known[1]}" if known[0] == self.path else f"{known[0].name}:{known[1]}"
            self.problem(raw.line, Subtype.BIB_DUPLICATE_KEY,
                         f"duplicate key '{raw.key}' (first entry at {where}); entry skipped")
            return None
        entry = Entry(raw.type)
        seen: dict[str, int] = {}
        for name, value, line in raw.fields:
            lower = name.lower()
            if lower in seen:
                self.problem(line, Subtype.BIB_DUPLICATE_FIELD,
                             f"entry '{raw.key}': duplicate field '{name}' (first at line "
                             f"{seen[lower]}); the first value is used")
                continue
            seen[lower] = line
            if lower not in _PERSON_FIELDS:
                entry.fields[name] = value
                continue
            names, error = _split_names(value)
            if error:
                self.problem(line, Subtype.BIB_NAME,
                             f"entry '{raw.key}': malformed {lower} list: {error}; entry skipped")
                return None
            for person in names:
                entry.add_person(Person(person), lower)
        return entry


def _split_names(value: str) -> tuple[list[str], str]:
    """The names of a BibTeX name list, or what is wrong with it ("" when nothing is)."""
    names = split_name_list(value)
    for name in names:
        parts = split_tex_string(name, ",")
        if not name.strip("{} "):
            return [], "an empty name (a doubled or trailing 'and')"
        if any(word.lower() == "and" for word in split_tex_string(name)):
            return [], f"a stray 'and' in {name!r}"
        if len(parts) > 3:
            return [], f"too many commas in {name!r}"
        if not parts[0].strip():
            return [], f"no family name in {name!r}"
    return names, ""


def _holds_fields(rest: str) -> bool:
    """Whether text after an entry's closing brace still looks like fields (an extra ``}``)."""
    return any(
        re.search(r"\w\s*=|[{}]", line) and not line.lstrip().startswith("%")
        for line in rest.splitlines()
    )


def _resolve_references(result: CheckedBib) -> None:
    """Fill fields from ``crossref`` parents and ``@set`` members; report the missing ones."""
    entries = result.data.entries
    for key, entry in entries.items():
        path, line = result.lines[key.lower()]
        if entry.type == "set":
            members = [m.strip() for m in entry.fields.get("entryset", "").split(",") if m.strip()]
            present = [member for member in members if member in entries]
            for member in members:
                if member not in entries:
                    result.problems.append(Problem(
                        path, line, Subtype.BIB_CROSSREF,
                        f"entry '{key}': entryset names '{member}', which is not in the file",
                    ))
            if present:  # a set stands for its first member, as biblatex prints it first
                _inherit(entry, entries[present[0]], everything=True)
        parent_key = entry.fields.get("crossref", "").strip()
        if not parent_key:
            continue
        if parent_key in entries:
            _inherit(entry, entries[parent_key], everything=False)
        else:
            result.problems.append(Problem(
                path, line, Subtype.BIB_CROSSREF,
                f"entry '{key}': crossref '{parent_key}' is not in the file; "
                "the entry is shown with its own fields",
            ))
            del entry.fields["crossref"]


def _inherit(child: Entry, parent: Entry, *, everything: bool) -> None:
    for name, value in parent.fields.items():
        lower = name.lower()
        if not everything and lower in {"title", "subtitle"}:
            # BibTeX and biblatex: the parent's title is the child's book title.
            name = "booktitle" if lower == "title" else "booksubtitle"
        elif not everything and lower in _NOT_INHERITED:
            continue
        if name not in child.fields and lower not in {"entryset", "crossref"}:
            child.fields[name] = value
    for role, people in parent.persons.items():
        if role not in child.persons and (everything or role == "editor"):
            child.persons[role] = list(people)


def _missing_fields(path: Path, line: int, key: str, entry: Entry) -> list[Problem]:
    missing = []
    if not entry.fields.get("title", "").strip():
        missing.append("title")
    if entry_year(entry) is None:
        missing.append("year (or date)")
    if not missing:
        return []
    return [Problem(path, line, Subtype.BIB_MISSING_FIELD,
                       f"entry '{key}' has no {' and no '.join(missing)}; "
                       "it is shown without it")]
