"""The imported publications written as BibTeX, each checked by reading it back with our own
reader: one that does not read back is left out (and reported), never written broken."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pybtex.bibtex.utils import split_tex_string
from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError

from ..bib import clean_latex, read_bib_text
from ..bib.latex import fold_words
from ..bib.reader import MAX_FIELD_CHARS
from ..warnings_ import Subtype
from ._converters import Unique
from ._report import LossReport, preview


@dataclass
class BibEntry:
    """A publication as plain text, to be written as BibTeX."""

    where: str
    title: str
    type: str = "misc"
    authors: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # publisher, journal, abstract
    links: dict[str, str] = field(default_factory=dict)  # url, doi
    year: int | None = None
    month: int = 0
    day: int = 0  # written as biblatex's date (BibTeX's year and month cannot hold it)


# Text -> LaTeX that our reader (bib.latex) turns back into the same text. '^' stays as it
# is: the reader keeps it, and no escape of it survives the reader.
_LATEX_ESCAPES = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "%": r"\%", "&": r"\&",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "\N{NO-BREAK SPACE}": "~",
})
# Pairs LaTeX makes ligatures of ('--' -> en dash, '``' -> quotes, ',,', '!`', '<<' ...).
_LIGATURE = re.compile(r"(?<=[-`',?!<>])(?=[-`',?!<>])")
# What BibTeX (pybtex) reads as white space: all Unicode's but the no-break space, which
# is written as '~' and read back as itself.
_WHITESPACE = re.compile(r"[^\S\xa0]+")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_STOP_WORDS = frozenset({"a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from"})


def one_line(value: str) -> str:
    """Whitespace as BibTeX reads it: runs of it are one space. So no line of a value can
    start with '@' and be read as the start of an entry."""
    return _WHITESPACE.sub(" ", value).strip()


def latex_escaped(value: str) -> str:
    """Plain text as BibTeX field text, braces balanced whatever the text holds."""
    escaped = _LIGATURE.sub("{}", one_line(value).translate(_LATEX_ESCAPES))
    # BibTeX counts '\{' and '\}' as braces too: an unmatched one is balanced by a group
    # opened before it (or closed after), which our reader shows as nothing.
    depth = lowest = 0
    for char in escaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        lowest = min(lowest, depth)
    return "{" * -lowest + escaped + "}" * (depth - lowest)


def escaped_name(name: str) -> str:
    """One name of an author list. A name BibTeX would split or reject ('and' in it, more
    than two commas, nothing before its first comma) is one braced group, shown as written."""
    escaped = latex_escaped(name)
    parts = split_tex_string(escaped, ",")
    if (len(parts) > 3 or not parts[0].strip() or escaped.lower() == "others"
            or any(word.lower() == "and" for word in split_tex_string(escaped))):
        return "{" + escaped + "}"
    return escaped


def link_value(url: str) -> str:
    # braces and backslashes are percent-encoded: the same URL, and BibTeX-safe
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bib_key(entry: BibEntry, keys: Unique) -> str:
    """firstauthorlastname + year + first title word, ASCII (title word + year when
    there are no authors), made unique."""
    def folded(value: str) -> str:
        ascii_words = "".join(fold_words(value)).lower().encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]", "", ascii_words)

    family = ""
    if entry.authors:
        try:
            family = folded(clean_latex(" ".join(Person(escaped_name(entry.authors[0]))
                                                 .last_names)))
        except PybtexError:
            family = ""
    words = [folded(word) for word in fold_words(entry.title)]
    word = next((w for w in words if w and w not in _STOP_WORDS), "")
    year = str(entry.year) if entry.year else ""
    parts = [family, year, word] if family else [word, year]
    return keys("".join(parts)[:60] or "publication")


def _entry_text(key: str, entry: BibEntry, importer: LossReport) -> str | None:
    """The entry as BibTeX; None (reported) when its title is too long for a field."""
    fields: list[tuple[str, str]] = [("title", "{" + latex_escaped(entry.title) + "}")]
    if entry.authors:
        names = " and ".join(escaped_name(name) for name in entry.authors)
        fields.append(("author", "{" + names + "}"))
    for name in ("journal", "publisher"):
        if name in entry.fields:
            fields.append((name, "{" + latex_escaped(entry.fields[name]) + "}"))
    if entry.year:
        fields.append(("year", f"{{{entry.year}}}"))
    if entry.month:
        fields.append(("month", MONTHS[entry.month - 1]))
    if entry.year and entry.month and entry.day:  # the day too, where biblatex reads it
        fields.append(("date", f"{{{entry.year}-{entry.month:02d}-{entry.day:02d}}}"))
    fields += [(name, "{" + link_value(url) + "}") for name, url in entry.links.items()]
    if "abstract" in entry.fields:
        fields.append(("abstract", "{" + latex_escaped(entry.fields["abstract"]) + "}"))
    kept = []
    for name, value in fields:
        if len(value) <= MAX_FIELD_CHARS:  # our reader leaves out a longer one
            kept.append((name, value))
            continue
        too_long = f"its {name} is longer than a BibTeX field may be ({MAX_FIELD_CHARS:,})"
        if name == "title":
            importer.lost(entry.where, entry.title, f"not mapped: {too_long}")
            return None
        importer.lost(entry.where, entry.title, f"{too_long}; it is left out")
    return bib_entry_text(entry.type, key, kept)


def bib_entry_text(entry_type: str, key: str, fields: Iterable[tuple[str, str]]) -> str:
    """One BibTeX entry as the importers write it: a field a line, values as given."""
    return "\n".join([f"@{entry_type}{{{key},", *(f"  {name:<9} = {value},"
                                                   for name, value in fields), "}"])


def read_back(importer: LossReport, key: str, written: str, where: str, title: str) -> Entry | None:
    """The entry ``written`` (key ``key``) as our own reader reads it; None, reported as
    not mapped, when it does not read back cleanly."""
    check = read_bib_text(written + "\n")
    problems = [p for p in check.problems if p.subtype is not Subtype.BIB_MISSING_FIELD]
    read = check.data.entries.get(key)
    if problems or read is None:
        reason = problems[0].message if problems else "it cannot be read back"
        importer.lost(where, title, f"not mapped: {reason}")
        return None
    return read


def bib_texts(entries: list[BibEntry], importer: LossReport) -> dict[str, str]:
    """The entries as BibTeX (key -> text), each checked by reading it back with our own
    reader: one that does not read back is left out (and reported), never written broken; a
    title that reads back otherwise than written is reported."""
    keys = Unique(separator="")
    written = {}
    for entry in entries:
        key = bib_key(entry, keys)
        text = _entry_text(key, entry, importer)
        if text is None:
            continue
        read = read_back(importer, key, text, entry.where, entry.title)
        if read is None:
            continue
        shown = clean_latex(read.fields["title"])
        if shown != one_line(entry.title):  # a backslash: our reader shows \textbackslash{} wrong
            importer.lost(entry.where, entry.title, f"the title reads back as '{preview(shown)}'")
        written[key] = text
    return written
