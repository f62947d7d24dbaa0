"""BibTeX entries -> an Atom 1.0 feed (RFC 4287) of the publications, newest first.

Pure Python on top of pybtex: nothing here imports Sphinx. Written with the standard
library's :mod:`xml.etree.ElementTree`, never as strings: every text and attribute from
the .bib files is escaped by the serializer. feedgen would do the same for these few
elements at the cost of lxml, a compiled dependency.

What the feed claims, and what it does not:

* order: the publication list's (:class:`.style.PortfolioStyle`'s sort key, reused);
* ``updated`` (which Atom requires of every entry) is the start of the month, else of the
  year, the entry states (RFC 3339 wants a full date-time, so ``2025`` is
  ``2025-01-01T00:00:00Z``); with no stated year, the month a new-style arXiv id was
  issued in (arXiv's numbering states it); with neither, the feed's own ``updated``: the
  entry is in the feed as of then, and no date of its own is claimed. No ``published``
  is written: the .bib states a year or a month, never the day Atom's dates name;
* the feed's ``updated`` is its newest entry's; with no dated entry at all, the time the
  caller gives (the build's: ``SOURCE_DATE_EPOCH`` when set);
* ids are ``urn:uuid:`` UUIDs (version 5) of the site's name and the key, so they stay the
  same from build to build, whether or not the site has a base URL or paper pages;
* links are http(s) only (:func:`.links.entry_links`), or the caller's own pages.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from pybtex.database import Entry

from ..data.words import Translate, untranslated
from .biblatex import month_number
from .kinds import KIND_HEADINGS
from .links import arxiv_id, arxiv_year_month, entry_links
from .paper import Paper, display_name
from .style import newest_first  # the list's own order, not a copy of it

__all__ = ["ATOM_NS", "Feed", "atom_feed", "entry_id", "entry_updated"]

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Where the feed's and its entries' UUIDs live; fixed forever, or every id would change.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/sphinx-portfolio/#atom")
# What XML 1.0 cannot hold, even escaped (C0 controls but tab and newlines, lone
# surrogates, U+FFFE/U+FFFF): ElementTree would write them as they are, and the feed
# would not parse. The reader lets them through in field text; here they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Feed:
    """What the feed says of itself; hrefs are absolute, or relative to the feed's URL."""

    title: str
    author: str  # the owner
    identity: str  # names the site: the feed's and the entries' ids derive from it
    self_href: str  # the feed itself
    home_href: str  # the page that lists the publications
    fallback_updated: datetime  # the feed's date when no entry has one
    author_uri: str = ""  # the owner's web site (http(s))
    language: str = ""  # xml:lang, e.g. "en"
    generator: str = ""
    generator_version: str = ""
    translate: Translate = untranslated  # the build's words for the entries' kinds


def entry_id(identity: str, key: str) -> str:
    """The entry's Atom id: stable, and one per key (BibTeX keys ignore case)."""
    name = f"{identity}\n{key.lower()}"
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, name)}"


def entry_updated(entry: Entry | Paper) -> datetime | None:
    """The date of the entry's ``updated``, see the module's docstring; None without one."""
    paper = Paper.of(entry)  # normalised: biblatex's date = {2025-03} as year and month
    year = paper.text("year")
    if re.fullmatch(r"\d{4}", year):
        month = month_number(paper.text("month")) or 1
        return datetime(int(year), month, 1, tzinfo=UTC)
    if year or paper.text("date"):
        return None  # "to appear", a range: a year is stated, just not one to date by
    issued = arxiv_year_month(arxiv_id(paper.entry))
    return datetime(issued[0], issued[1], 1, tzinfo=UTC) if issued else None


def atom_feed(entries: Iterable[Entry | Paper], feed: Feed,
              pages: Mapping[str, str] | None = None) -> bytes:
    """The feed as UTF-8 XML; ``pages`` maps a key to the href of the paper's own page.

    An entry's ``alternate`` link (Atom requires one of an entry without content) is its
    page, else its first link (the paper, its arXiv page, ...), else the list's page.
    """
    pages = pages or {}
    papers = [Paper.of(entry) for entry in entries]
    ordered = sorted(papers, key=lambda paper: newest_first(paper.source))
    dates = {paper.key: entry_updated(paper) for paper in ordered}
    known = [date for date in dates.values() if date is not None]
    updated = max(known) if known else feed.fallback_updated

    root = ET.Element("feed", {"xmlns": ATOM_NS})
    if feed.language:
        root.set(_XML_LANG, _xml(feed.language))
    _add(root, "id", f"urn:uuid:{uuid.uuid5(_NAMESPACE, feed.identity)}")
    _add(root, "title", feed.title)
    _add(root, "updated", _rfc3339(updated))
    author = _add(root, "author")
    _add(author, "name", feed.author)
    if feed.author_uri:
        _add(author, "uri", feed.author_uri)
    _link(root, "self", feed.self_href, "application/atom+xml")
    _link(root, "alternate", feed.home_href, "text/html")
    if feed.generator:
        _add(root, "generator", feed.generator,
             {"version": feed.generator_version} if feed.generator_version else {})
    for paper in ordered:
        _entry(root, paper, feed, dates[paper.key] or updated, pages.get(paper.key, ""))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _entry(root: ET.Element, paper: Paper, feed: Feed, updated: datetime, page: str) -> None:
    element = _add(root, "entry")
    _add(element, "id", entry_id(feed.identity, paper.key))
    _add(element, "title", paper.title or paper.key)
    _add(element, "updated", _rfc3339(updated))
    for name in paper.people["author"]:
        _add(_add(element, "author"), "name", display_name(name))
    links = entry_links(paper.entry)
    alternate = page or (links[0][1] if links else feed.home_href)
    _link(element, "alternate", alternate, "text/html" if page else "")
    for label, url in links:
        if url != alternate:
            _link(element, "related", url, title=label)
    _add(element, "category", attributes={"term": paper.kind,
                                          "label": feed.translate(KIND_HEADINGS[paper.kind])})
    abstract = paper.text("abstract")
    if abstract:  # plain text; $...$ math stays as its TeX source
        _add(element, "summary", abstract, {"type": "text"})


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add(parent: ET.Element, tag: str, text: str = "",
         attributes: Mapping[str, str] | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {name: _xml(value)
                                          for name, value in (attributes or {}).items()})
    if text:
        element.text = _xml(text)
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str = "", title: str = "") -> None:
    attributes = {"rel": rel, "href": href}
    if media_type:
        attributes["type"] = media_type
    if title:
        attributes["title"] = title
    _add(parent, "link", attributes=attributes)


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
