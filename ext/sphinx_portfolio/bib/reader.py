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
  (``bib-missing-field``), a ``crossref``/``entryset`` naming no entry or leading back to the
  entry itself (``bib-crossref``, the entry keeps its own fields), a link that is not http(s)
  (``bib-url``, the link is left out), a byte that is not in the file's encoding
  (``bib-encoding``, read as U+FFFD), an ``author+an`` position past the last author
  (``bib-name``, ignored).

The input is untrusted (publishers, Google Scholar, co-authors, pull requests), so every
size is bounded (``bib-size``), far above any real bibliography but low enough that no
file can exhaust memory or time: see :data:`MAX_FILE_BYTES`, :data:`MAX_ENTRY_CHARS` and
:data:`MAX_FIELD_CHARS`.
"""

from __future__ import annotations

import collections
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
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
from .links import LOCAL_FOLDERS, rejected_links
from .names import annotation_problems

__all__ = [
    "MAX_ENTRIES",
    "MAX_FIELD_CHARS",
    "MAX_FILE_BYTES",
    "CheckedBib",
    "read_bib_files",
    "read_bib_text",
]

#: The largest .bib file read; the entries past it are left out, with one warning.
#: 8 MiB holds 5,000 entries of 1.6 KB each, abstracts included (a Google Scholar or DBLP
#: entry is 0.4-1 KB); a researcher's own bibliography is a few hundred KB at most.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: The longest entry, from its ``@`` to its closing brace: the lexer's worst case grows with
#: the square of an entry's length, and a real entry (every field full) stays under 20,000.
MAX_ENTRY_CHARS = 64_000
#: The longest field value or ``@string``, with its ``@string`` parts expanded: a real title
#: is under 300 characters, a long abstract 3,000-4,000. Bounding the expanded length is what
#: stops ``@string``s that double each other from filling memory.
MAX_FIELD_CHARS = 10_000
#: The most entries read, over all files; the rest are left out, with one warning. Every
#: entry gets its own page, and 5,000 entries take a minute to build; twice that still builds.
MAX_ENTRIES = 10_000
#: The longest entry key: keys become file names (``publications/<key>.html``).
MAX_KEY_CHARS = 200
# Lines with a byte not in the file's encoding, reported one by one; the rest in one warning
# (a whole file saved in another encoding would otherwise give a warning per accented name).
_MAX_ENCODING_WARNINGS = 10
# What an @string past MAX_FIELD_CHARS stands for: any field using it is too long as well.
_OVERSIZED = " " * (MAX_FIELD_CHARS + 1)
# surrogateescape turns each undecodable byte into one of these code points.
_BAD_BYTE = re.compile("[\udc80-\udcff]")
_ENTRY_HEAD = re.compile(r"@[ \t]*(?P<type>[A-Za-z]+)[ \t]*[{(]\s*(?P<key>[^\s,})]*)")

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.M)
_PERSON_FIELDS = frozenset({"author", "editor"})
# Fields a child does not take from its crossref parent: they describe the parent itself.
_NOT_INHERITED = frozenset({
    "abstract", "crossref", "doi", "entryset", "eprint", "ids", "keywords", "note", "pdf",
    "url", "title", "subtitle", "author+an", "code", "slides", "poster", "video",
    # al-folio's links and what it shows with one paper (a proceedings' `selected` does not
    # select its papers)
    "arxiv", "html", "supp", "website", "blog", "preview", "selected", "award", "award_name",
    "annotation", "additional_info", "bibtex_show", "google_scholar_id", "altmetric",
    "dimensions", "inspirehep_id",
})

#: What a rejected link field should have held, for its warning ("not an http(s) URL").
_LINK_KINDS: dict[str, str] = collections.defaultdict(
    lambda: "an http(s) URL",
    {"arxiv": "an arXiv id or an http(s) URL",
     **{field: f"an http(s) URL or a file name in {folder}/"
        for field, folder in LOCAL_FOLDERS.items()}})


@dataclass
class CheckedBib:
    """Entries of one or more files (first key wins), keys per file, and the problems."""

    data: BibliographyData = field(default_factory=BibliographyData)
    keys: dict[Path, list[str]] = field(default_factory=dict)
    lines: dict[str, tuple[Path, int]] = field(default_factory=dict)  # lower-case key -> where
    problems: list[Problem] = field(default_factory=list)
    # lower-case key -> lower-case field name -> line, to locate a problem at its field
    field_lines: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class _Raw:
    type: str
    key: str
    line: int
    fields: list[tuple[str, str, int]]  # name, value, line


class _Scanner(LowLevelParser):  # type: ignore[misc]  # pybtex has no type hints
    """pybtex's BibTeX lexer, also noting the line of each entry and each field, and
    bounding the length of each value (see :meth:`parse_value`)."""

    current_value: list[str]

    def __init__(self, text: str, macros: CaseInsensitiveDict, first_line: int) -> None:
        super().__init__(text, macros=macros)
        self.lineno = first_line
        self.command_line = first_line
        self.field_line: int | None = None
        self.field_lines: list[int] = []
        self.in_value = False
        self.in_string = False  # in an @string, whose name is then current_field_name
        # line, field, length (0: it uses an @string already too long)
        self.too_long: list[tuple[int, str, int]] = []

    def parse_command(self) -> Any:
        self.command_line = self.lineno
        self.field_line = None
        self.field_lines = []
        self.in_string = False
        self.too_long = []
        return super().parse_command()

    def parse_field(self) -> None:
        self.eat_whitespace()
        self.field_line = self.lineno
        super().parse_field()
        if self.current_field_name and self.current_value:  # a value too long is left out
            self.field_lines.append(self.field_line)
        self.field_line = None

    def parse_string_body(self, body_end: Any) -> None:
        # pybtex's own joins the parts whatever their length: @strings doubling each other
        # would fill memory. Here the parts are at most MAX_FIELD_CHARS long in all.
        self.in_string = True
        self.current_field_name = self.required([self.NAME]).value
        self.required([self.EQUALS])
        self.parse_value()
        self.macros[self.current_field_name] = (
            "".join(self.current_value) if self.current_value else _OVERSIZED)

    def parse_value(self) -> None:
        super().parse_value()  # the parts are only references: macros are bounded already
        length = sum(len(part) for part in self.current_value)
        if length > MAX_FIELD_CHARS:
            # An @string made of one already too long is reported once, where it began.
            inherited = any(part is _OVERSIZED for part in self.current_value)
            if not (self.in_string and inherited):
                line = self.field_line or self.command_line
                name = "" if self.in_string else str(self.current_field_name or "")
                self.too_long.append((line, name, 0 if inherited else length))
            self.current_value = []

    def parse_value_part(self) -> str:
        self.in_value = True
        part: str = super().parse_value_part()
        self.in_value = False
        return part


def read_bib_files(paths: Sequence[Path], encoding: str = "utf-8-sig") -> CheckedBib:
    """Read the files in order, as one bibliography (``@string`` carries over, as in BibTeX)."""
    reader = _Reader()
    for path in paths:
        reader.path = path
        reader.read(path, reader.load(path, encoding))
    return reader.finish()


def read_bib_text(text: str, path: Path = Path("refs.bib")) -> CheckedBib:
    """Read one file's text (already decoded), as :func:`read_bib_files` reads each file."""
    reader = _Reader()
    reader.read(path, text)
    return reader.finish()


class _Reader:
    def __init__(self) -> None:
        self.result = CheckedBib()
        self.macros = CaseInsensitiveDict(month_names)
        self.macro_lines: dict[str, int] = {}
        self.undefined: list[tuple[Path, int, str, str]] = []  # path, line, subject, macro
        self.path = Path()

    def problem(self, line: int, subtype: Subtype, message: str) -> None:
        self.result.problems.append(Problem(self.path, line, subtype, message))

    # --- files -------------------------------------------------------------------------

    def load(self, path: Path, encoding: str) -> str:
        """The text of one file, cut at :data:`MAX_FILE_BYTES`; each undecodable byte kept
        as U+FFFD, so that it costs only its own entry's text, not the whole file."""
        try:
            with path.open("rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)  # never more: the file may be huge
        except OSError as exc:
            self.problem(0, Subtype.BIB_FILE, f"cannot read: {exc.strerror or exc}")
            return ""
        try:
            text = data.decode(encoding, errors="surrogateescape")
        except LookupError:
            self.problem(0, Subtype.BIB_FILE,
                         f"cannot read: unknown encoding '{encoding}' (bibtex_encoding)")
            return ""
        except UnicodeError:  # a codec without surrogateescape (utf-16 with an odd length)
            text = data.decode(encoding, errors="replace")
        if len(data) > MAX_FILE_BYTES:
            text = self._cut(text)
        return self._replace_bad_bytes(text, encoding)

    def _cut(self, text: str) -> str:
        # Cut before the last entry that begins within the limit: it may be incomplete.
        starts = [match.start() for match in _ENTRY_START.finditer(text)]
        cut = starts[-1] if starts else 0
        self.problem(text.count("\n", 0, cut) + 1, Subtype.BIB_SIZE,
                     f"the file is larger than {MAX_FILE_BYTES // 2**20} MB, the limit: "
                     "the entries from this line on are left out")
        return text[:cut]

    def _replace_bad_bytes(self, text: str, encoding: str) -> str:
        if not _BAD_BYTE.search(text):
            return text
        lines = text.split("\n")
        bad = [number for number, line in enumerate(lines, 1) if _BAD_BYTE.search(line)]
        for number in bad[:_MAX_ENCODING_WARNINGS]:
            byte = ord(_BAD_BYTE.findall(lines[number - 1])[0]) - 0xDC00
            self.problem(number, Subtype.BIB_ENCODING,
                         f"byte 0x{byte:02x} is not {encoding} text; it is read as "
                         "'\ufffd' (is the file saved in another encoding?)")
        if len(bad) > _MAX_ENCODING_WARNINGS:
            self.problem(bad[_MAX_ENCODING_WARNINGS], Subtype.BIB_ENCODING,
                         f"{len(bad) - _MAX_ENCODING_WARNINGS} more lines, from this one on, "
                         f"have bytes that are not {encoding} text (read as '\ufffd')")
        return _BAD_BYTE.sub("\ufffd", text)

    def read(self, path: Path, text: str) -> None:
        self.path = path
        # pybtex counts a lone "\r" as a line break, the entry starts ("^") do not: one kind.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.result.keys.setdefault(path, [])
        for raw in self._commands(text):
            if len(self.result.data.entries) >= MAX_ENTRIES:
                self.problem(raw.line, Subtype.BIB_SIZE,
                             f"more than {MAX_ENTRIES:,} entries, the limit: the entries from "
                             "this line on are left out")
                return  # the rest of the file is not even lexed
            entry = self._entry(raw)
            if entry is not None:
                self.result.data.add_entry(raw.key, entry)
                self.result.keys[path].append(raw.key)
                self.result.lines[raw.key.lower()] = (path, raw.line)
                self.result.field_lines[raw.key.lower()] = {
                    name.lower(): line for name, _, line in reversed(raw.fields)}
                self._check_fields(raw.key, entry)

    def _check_fields(self, key: str, entry: Entry) -> None:
        # The entry's own fields, before crossref and @set fill in others' fields.
        lines = self.result.field_lines[key.lower()]
        line = self.result.lines[key.lower()][1]
        for name, url in rejected_links(entry):
            shown = url if len(url) <= 80 else url[:77] + "..."
            self.problem(lines.get(name, line), Subtype.BIB_URL,
                         f"entry '{key}': the {name} link {shown!r} is not {_LINK_KINDS[name]}; "
                         "it is left out")
        for reason in annotation_problems(entry):
            self.problem(lines.get("author+an", line), Subtype.BIB_NAME,
                         f"entry '{key}': author+an: {reason}; the annotation is ignored")

    def finish(self) -> CheckedBib:
        for path, line, subject, macro in self.undefined:
            later = self.macro_lines.get(macro.lower())
            reason = (
                f"@string '{macro}' is used before it is defined (at line {later})" if later
                else f"'{macro}' is not a defined @string (braces missing around a value?)"
            )
            self.result.problems.append(
                Problem(path, line, Subtype.BIB_STRING,
                    f"{subject}: {reason}; {_skipped(subject)}")
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
        line, counted = 1, 0  # lines counted up to `counted`: each character is counted once
        for start, end in itertools.pairwise([*starts, len(text)]):
            line += text.count("\n", counted, start)
            counted = start
            # At most MAX_ENTRY_CHARS are lexed (the lexer's time grows faster than the
            # length); text after a closed entry (comments) is only looked at, not lexed.
            cut = min(end, start + MAX_ENTRY_CHARS)
            yield from self._chunk(text[start:cut], line, text[cut:end])

    def _chunk(self, chunk: str, first_line: int, beyond: str = "") -> Iterator[_Raw]:
        scanner = _Scanner(chunk, self.macros, first_line)
        found: list[tuple[_Raw, int]] = []  # with the line that closes the entry
        try:
            for command, body in scanner:
                found += [(raw, scanner.lineno) for raw in self._command(scanner, command, body)]
        except PrematureEOF as error:
            if not beyond:
                self._syntax_error(scanner, error)
            else:
                self.problem(scanner.command_line, Subtype.BIB_SIZE,
                             f"{_subject(scanner)} is not closed within {MAX_ENTRY_CHARS:,} "
                             f"characters, the limit (is a brace or quote left open?); "
                             f"{_skipped(_subject(scanner))}")
            yield from (raw for raw, _ in found)  # those before it in the chunk are whole
            return
        except PybtexSyntaxError as error:
            self._syntax_error(scanner, error)
            yield from (raw for raw, _ in found)
            return
        if found and (_holds_fields(chunk[scanner.pos :]) or _holds_fields(beyond)):
            raw, end = found.pop()
            self.problem(end, Subtype.BIB_SYNTAX,
                         f"entry '{raw.key}': unbalanced braces: an extra '}}' ends the entry "
                         "early and the fields after it are lost; entry skipped")
        yield from (raw for raw, _ in found)

    def _command(self, scanner: _Scanner, command: str, body: Any) -> list[_Raw]:
        kind = command.lower()
        if kind == "string":
            self.macro_lines.setdefault(str(body[0]).lower(), scanner.command_line)
            for line, _, length in scanner.too_long:
                self.problem(line, Subtype.BIB_SIZE,
                             f"@string '{body[0]}' is {length:,} characters long with its "
                             f"@strings expanded (the limit is {MAX_FIELD_CHARS:,}); the fields "
                             "that use it are left out")
            return []
        if kind == "preamble":
            return []
        key, fields = body
        if len(key) > MAX_KEY_CHARS:
            self.problem(scanner.command_line, Subtype.BIB_SIZE,
                         f"entry '{key[:40]}...': the key is {len(key):,} characters long "
                         f"(the limit is {MAX_KEY_CHARS}); entry skipped")
            return []
        for line, name, length in scanner.too_long:
            how = f"is {length:,} characters long," if length else "uses an @string"
            self.problem(line, Subtype.BIB_SIZE,
                         f"entry '{key}': field '{name}' {how} past the limit of "
                         f"{MAX_FIELD_CHARS:,} characters (@strings expanded); the field is "
                         "left out")
        values = [
            (name, normalize_whitespace("".join(parts)), line)
            for (name, parts), line in zip(fields, scanner.field_lines, strict=True)
        ]
        return [_Raw(command, key, scanner.command_line, values)]

    def _syntax_error(self, scanner: _Scanner, error: PybtexSyntaxError) -> None:
        subject = _subject(scanner)
        if isinstance(error, UndefinedMacro):
            self.undefined.append((self.path, error.lineno, subject, str(error.args[0])))
        elif isinstance(error, PrematureEOF):
            self._unclosed(scanner, subject)
        else:
            self.problem(error.lineno, Subtype.BIB_SYNTAX,
                         f"{subject}: {error.args[0]}; {_skipped(subject)}")

    def _unclosed(self, scanner: _Scanner, subject: str) -> None:
        last_field = scanner.field_line or (scanner.field_lines[-1] if scanner.field_lines else 0)
        name = scanner.current_field_name or (scanner.current_fields or [("",)])[-1][0]
        if scanner.in_value and scanner.field_line:
            line, what = scanner.field_line, f"the value of '{name}' is never closed"
        elif last_field:  # a brace left open in a value swallowed the entry's end
            line, what = last_field, f"the entry is never closed (is a brace in '{name}' open?)"
        else:
            line, what = scanner.command_line, "the entry is never closed"
        self.problem(line, Subtype.BIB_SYNTAX,
                     f"{subject}: unbalanced braces: {what}; {_skipped(subject)}")

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


def _subject(scanner: _Scanner) -> str:
    """What a problem is about, for its message: "entry 'key'", "@string 'name'", ..."""
    if scanner.in_string:
        name = scanner.current_field_name
        return f"@string '{name}'" if name else "an @string"
    if scanner.current_entry_key:
        return f"entry '{scanner.current_entry_key}'"
    head = _ENTRY_HEAD.match(scanner.text, scanner.command_start or 0)
    if head and head["type"].lower() == "preamble":
        return "@preamble"
    return "an entry without a key" if head and not head["key"] else "entry '?'"


def _skipped(subject: str) -> str:
    if subject.startswith("@string") or subject == "an @string":
        return "the @string is skipped"
    return "entry skipped" if subject.startswith("entry") else "it is skipped"


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
    """Fill fields from ``crossref`` parents and ``@set`` members; report the missing ones
    and the cycles (an entry that leads back to itself takes nothing: BibTeX would loop)."""
    entries = result.data.entries
    # key -> [(field, target)]: where an entry takes fields from, in the order it does.
    sources: dict[str, list[tuple[str, str]]] = {}
    for key, entry in entries.items():
        path, line = result.lines[key.lower()]
        sources[key] = []
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
                sources[key].append(("entryset", entries[present[0]].key))
        parent_key = entry.fields.get("crossref", "").strip()
        if not parent_key:
            continue
        if parent_key in entries:
            sources[key].append(("crossref", entries[parent_key].key))
        else:
            result.problems.append(Problem(
                path, line, Subtype.BIB_CROSSREF,
                f"entry '{key}': crossref '{parent_key}' is not in the file; "
                "the entry is shown with its own fields",
            ))
            del entry.fields["crossref"]
    cyclic = _cyclic(sources)
    for key, entry in entries.items():
        for name, target in sources[key]:
            if key in cyclic and target in cyclic[key]:
                # At the entry's line, as a crossref naming no entry is.
                path, line = result.lines[key.lower()]
                loop = " -> ".join(f"'{k}'" for k in _loop(sources, key, cyclic[key]))
                result.problems.append(Problem(
                    path, line, Subtype.BIB_CROSSREF,
                    f"entry '{key}': {name} '{target}' leads back to the entry ({loop}); "
                    "the entry is shown with its own fields",
                ))
                if name == "crossref":  # pybtex would follow it again, round the loop
                    del entry.fields["crossref"]
            else:
                _inherit(entry, entries[target], everything=name == "entryset")


def _cyclic(sources: Mapping[str, list[tuple[str, str]]]) -> dict[str, frozenset[str]]:
    """Each entry on a cycle -> the entries of its cycle (Tarjan's strongly connected
    components, without recursion: a chain of 5,000 crossrefs must not overflow the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cyclic: dict[str, frozenset[str]] = {}
    for root in sources:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, edge = work.pop()
            if edge == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = [target for _, target in sources[node]]
            if edge < len(targets):
                work.append((node, edge + 1))
                target = targets[edge]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                members = frozenset(component)
                if len(component) > 1 or node in targets:
                    cyclic.update(dict.fromkeys(members, members))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return cyclic


def _loop(sources: Mapping[str, list[tuple[str, str]]], key: str,
          members: frozenset[str]) -> list[str]:
    """One way round the cycle from ``key`` back to it, for the message."""
    path, node = [key], key
    while True:
        node = next(target for _, target in sources[node] if target in members)
        path.append(node)
        if node == key or len(path) > len(members) + 1:
            return path
        if node in path[:-1]:  # a smaller loop inside: stop where it closes
            return path


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
