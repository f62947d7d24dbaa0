"""Entries -> BibTeX to download or copy: each field's LaTeX source, verbatim, in braces.

Pure Python on top of pybtex: nothing here imports Sphinx. Not pybtex's own writer: it
encodes every value as LaTeX as if it were plain text, but a pybtex entry holds LaTeX
already, so ``\\&`` came out as ``\\\\&`` (a line break, then a stray ``&``), ``\\%`` as
``\\\\%`` (a comment that swallows the rest of the field) and a URL's ``~`` as
``\\textasciitilde``. Written verbatim, an entry reads back as it was read.

What is written is the entry as the reader made it: ``@string`` macros expanded, the
fields of a ``crossref`` or ``entryset`` parent copied in (so the link to the parent is left
out: each entry stands alone), no comments. Only bibliographic fields are written
(:data:`PUBLIC_FIELDS`, an allow-list): a reference manager's export also holds the paper's
file on the owner's disk (``file = {:/home/ada/draft.pdf:PDF}``), notes, owners, groups and
timestamps, and other site generators' fields (al-folio's ``selected``, ``preview``,
``google_scholar_id``, ...), none of which visitors should get. Left out too: the abstract
(shown on the pages and in the feed, not wanted where a paper is cited), our own annotation
fields, a link field that is not http(s) (:func:`.links.rejected_links`: a reference manager
could make it a link) or names a file of the site (al-folio's ``pdf = {paper.pdf}``,
:func:`.links.local_files`: nothing outside the site could find it), a field linking
anything but the web (``\\url{file:///...}``), and control characters (a terminal would
obey the escape sequences of a ``cat``-ed file). A key is written with the characters a
BibTeX reader could take as the end of it (``{ } , @ =``, quotes, white space, ...) made
``_``, so no reader finds another key in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pybtex.database import Entry, Person

from .links import local_files, rejected_links

__all__ = ["PUBLIC_FIELDS", "bibtex_entry", "bibtex_file", "paper_bibtex_filename"]

#: The fields a download carries: BibTeX's and biblatex's bibliographic fields and the link
#: fields the lists show. Not the abstract, our annotations (``keywords = {selected}``,
#: ``author+an``) or the links to parents whose fields the entry holds already.
PUBLIC_FIELDS = frozenset({
    # who, what, where (BibTeX)
    "address", "booktitle", "chapter", "edition", "howpublished", "institution", "journal",
    "month", "note", "number", "organization", "pages", "publisher", "school", "series",
    "title", "type", "volume", "year",
    # biblatex
    "addendum", "booksubtitle", "booktitleaddon", "date", "eid", "eventdate", "eventtitle",
    "issue", "issuetitle", "journalsubtitle", "journaltitle", "language", "location",
    "maintitle", "mainsubtitle", "origdate", "pagetotal", "pubstate", "subtitle",
    "titleaddon", "venue", "version",
    # identifiers and links (each link checked to be http(s))
    "archiveprefix", "doi", "eprint", "eprintclass", "eprinttype", "isbn", "issn",
    "primaryclass", "url", "pdf", "code", "slides", "poster", "video",
    # what ACM's and MDPI's exports add: the article's number and page count, the issue's
    # date, the PubMed id (bibliographic all: a reference manager files them)
    "articleno", "numpages", "issue_date", "article-number", "pubmedid",
})
#: ``\url{...}`` or ``\href{...}`` leading anywhere but the web, or a ``file:`` address.
_LOCAL_LINK = re.compile(r"\\(?:url|href)\s*\{\s*(?!https?://)[^}]*\}|\bfile:", re.IGNORECASE)
#: What may end a key for a BibTeX reader, or start another entry or field.
_NOT_IN_KEY = re.compile(r"""[\s{}(),@=#%"'\\~]""")
# C0 controls but tab and line feed, DEL and the C1 controls (ESC-like CSI among them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BRACE = re.compile("[{}]")


def bibtex_entry(entry: Entry) -> str:
    """One entry as BibTeX: ``@type{key,`` then one ``name = {value}`` line per field."""
    rejected = {field for field, _ in rejected_links(entry)}
    rejected |= {local.field for local in local_files(entry)}
    lines = [f"  {role} = {{{names}}}" for role, people in entry.persons.items()
             if (names := _names(people))]
    lines += [f"  {name.lower()} = {{{_clean(value)}}}" for name, value in entry.fields.items()
              if name.lower() in PUBLIC_FIELDS and name.lower() not in rejected
              and not _LOCAL_LINK.search(value) and _balanced(_clean(value))]
    key = _NOT_IN_KEY.sub("_", _clean(entry.key)) or "_"
    return f"@{entry.type}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def bibtex_file(entries: Iterable[Entry]) -> str:
    """The entries as one .bib file, in the order given, a blank line between two."""
    return "\n".join(bibtex_entry(entry) for entry in entries)


def paper_bibtex_filename(pagename: str) -> str:
    """Where a paper's BibTeX is published: beside its page, relative to the output folder
    (``publications/key.bib`` for the page ``publications/key``). Here, below both the web
    side that writes it and the paper page that links it."""
    return f"{pagename}.bib"


def _names(people: list[Person]) -> str:
    """BibTeX's "von Last, Jr, First Middle" for each person, joined by "and"; a person
    whose name is control characters only is left out ("Ada and " reads as no entry)."""
    return " and ".join(name for name in map(_name, people) if name)


def _name(person: Person) -> str:
    """The person's name, "" when nothing is left of it without its control characters."""
    last = _clean(" ".join([*person.prelast_names, *person.last_names])).strip()
    first = _clean(" ".join([*person.first_names, *person.middle_names])).strip()
    lineage = [name for name in map(_clean, person.lineage_names) if name.strip()]
    if not _has_text(last):  # "Ada \x08": what is left is the family name, not a first name
        last, first = first, ""
    if not _has_text(last):
        return ""
    parts = [last, *lineage]
    if first or lineage:  # "Doe, Jr, " keeps "Jr" a lineage, not a first name
        parts.append(first)
    return ", ".join(parts)


def _has_text(name: str) -> bool:
    """Whether a name part holds more than braces: a reader takes "{}" for no name."""
    return bool(name.strip("{} "))


def _clean(text: str) -> str:
    return _CONTROL.sub("", str(text))


def _balanced(value: str) -> bool:
    """Whether every brace closes (BibTeX counts ``\\{`` too). The reader keeps no entry
    with unbalanced braces; a value that had them would end the entry early."""
    depth = 0
    for brace in _BRACE.findall(value):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0
