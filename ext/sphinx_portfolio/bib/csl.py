"""BibTeX entries -> CSL-JSON, the citation format of Zotero, Pandoc and citeproc processors.

Pure Python on top of pybtex: nothing here imports Sphinx. Written by hand with :mod:`json`:
the mapping is one small table, and no well-kept library maps pybtex entries to CSL-JSON
(citeproc-py reads CSL-JSON, it does not write it; the converters that do are JavaScript).

Only what the entry states is given: ``issued`` only for a stated year (never the year an
arXiv id suggests, which only orders lists), a ``URL`` only when it is http(s), a ``DOI``
only when it looks like one. Our own annotation fields (``keywords``, ``author+an``) stay out.
The items validate against the CSL-JSON schema (``csl-data.json``, CSL 1.0.2).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from pybtex.database import Entry

from .biblatex import TYPE_LABELS, month_number
from .links import ARXIV, arxiv_id, entry_links, eprint_archive
from .paper import Paper

__all__ = ["csl_item", "csl_json"]

# Every "<", ">" and "&" as a JSON escape (the same characters once parsed): the file is
# served as data, yet a browser that sniffs it as HTML, or a page that pastes it into a
# <script>, then meets no tag. U+2028/9 end a line in older JavaScript.
_INERT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                        "\u2028": "\\u2028", "\u2029": "\\u2029"})

# biblatex types CSL names more precisely than their BibTeX counterparts (@misc, mostly).
_BIBLATEX_TYPES = {
    "online": "webpage", "electronic": "webpage", "www": "webpage",
    "software": "software", "dataset": "dataset", "patent": "patent",
}
# CSL's word for a preprint is "article": "made widely available but not published in a
# journal". A journal article is "article-journal", a conference paper "paper-conference".
_KIND_TYPES = {"conference": "paper-conference", "journal": "article-journal",
               "preprint": "article", "thesis": "thesis"}
# BibTeX type -> CSL type, for the kinds publication_kind leaves open ("book", "other").
_BIBTEX_TYPES = {
    "book": "book", "proceedings": "book", "inbook": "chapter", "incollection": "chapter",
    "techreport": "report", "manual": "report", "booklet": "pamphlet",
    "unpublished": "manuscript", "misc": "document",
}
# Fields CSL takes as they are, BibTeX name -> CSL name.
_PLAIN = (("volume", "volume"), ("edition", "edition"), ("series", "collection-title"),
          ("address", "publisher-place"), ("isbn", "ISBN"), ("issn", "ISSN"),
          ("note", "note"), ("abstract", "abstract"))
# Types that are no part of a container: a booktitle there is no place they appeared in.
_STANDALONE = frozenset({"book", "thesis", "report"})
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)


def csl_type(entry: Entry | Paper) -> str:
    """The CSL item type of an entry."""
    paper = Paper.of(entry)
    original = paper.entry.original_type.lower()
    if original in _BIBLATEX_TYPES:
        return _BIBLATEX_TYPES[original]
    return _KIND_TYPES.get(paper.kind) or _BIBTEX_TYPES.get(paper.entry.type, "document")


def csl_item(entry: Entry | Paper) -> dict[str, Any]:
    """One CSL-JSON item: ``id`` (and ``citation-key``) is the BibTeX key."""
    paper = Paper.of(entry)
    kind = csl_type(paper)
    item: dict[str, Any] = {"id": paper.key, "citation-key": paper.key, "type": kind}
    if paper.title:
        item["title"] = paper.title
    for role, names in paper.people.items():
        if names:
            item[role] = [dict(name) for name in names]
    issued = _issued(paper)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    item.update(_container(paper, kind))
    item.update(_publisher_and_number(paper, kind))
    for field, name in _PLAIN:
        value = paper.text(field)
        if value:
            item[name] = value
    pages = paper.text("pages")
    if pages:  # CSL wants a hyphen; each style prints its own dash
        item["page"] = re.sub(r"\s*[-\u2013\u2014]+\s*", "-", pages)
    bibtex_type = paper.entry.type
    if bibtex_type in {"inbook", "incollection"} and paper.text("chapter"):
        item["chapter-number"] = paper.text("chapter")
    if bibtex_type in {"phdthesis", "mastersthesis", "techreport"}:
        item["genre"] = paper.text("type") or TYPE_LABELS[bibtex_type]
    doi = _DOI_PREFIX.sub("", paper.text("doi"))
    if _DOI.fullmatch(doi):
        item["DOI"] = doi
    url = _url(paper)
    if url:
        item["URL"] = url
    return item


def csl_json(entries: Iterable[Entry | Paper]) -> str:
    """The entries as a CSL-JSON document (an array of items, one a line), every ``<>&``
    escaped. One item a line: readable, and written by json's C encoder (which ``indent``
    turns off), which matters with thousands of entries."""
    lines = [json.dumps(csl_item(entry), ensure_ascii=False) for entry in entries]
    return ("[\n" + ",\n".join(lines) + "\n]\n").translate(_INERT)


def _issued(paper: Paper) -> list[int]:
    """[year] or [year, month] as the entry states them; [] for none ("to appear", ...)."""
    year = paper.text("year")
    if not re.fullmatch(r"\d{4}", year):
        return []
    month = month_number(paper.text("month"))
    return [int(year), month] if month else [int(year)]


def _container(paper: Paper, kind: str) -> dict[str, str]:
    """The journal, proceedings or book the item appeared in."""
    field = "journal" if paper.entry.type == "article" else "booktitle"
    container = paper.text(field)
    if not container or kind in _STANDALONE:
        return {}
    result = {"container-title": container}
    short = paper.text(f"short{field}") or paper.text("journalabbreviation")
    if short:
        result["container-title-short"] = short
    return result


def _publisher_and_number(paper: Paper, kind: str) -> dict[str, str]:
    """Who published it (a thesis' school, a report's institution, a preprint's server)
    and its number (a journal's issue, a report's number, a preprint's identifier)."""
    source = {"phdthesis": "school", "mastersthesis": "school",
              "techreport": "institution"}.get(paper.entry.type, "publisher")
    publisher = paper.text(source) or paper.text("publisher") or paper.text("organization")
    number = paper.text("number")
    if kind == "article" and paper.text("eprint"):
        # As Zotero exports a preprint: the server is its publisher, the id its number.
        archive = eprint_archive(paper.entry)
        identifier = arxiv_id(paper.entry) if archive == ARXIV else paper.text("eprint")
        publisher = publisher or archive
        number = f"{archive}:{identifier}"
    result: dict[str, str] = {}
    if publisher:
        result["publisher"] = publisher
    if number:
        result["issue" if kind == "article-journal" else "number"] = number
    return result


def _url(paper: Paper) -> str:
    """The item's own page: its ``url`` when http(s), else its arXiv abstract page."""
    for label, url in entry_links(paper.entry):
        if label == "Paper" or label.startswith(f"{ARXIV}:"):
            return url
    return ""
