"""Link fields -> URLs: the paper, arXiv, DOI, PDF, code, slides, poster and video links.

Pure Python on top of pybtex: nothing here imports Sphinx. Also home of the arXiv
identifier, which the style prints, the metadata states and sorting falls back on.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from pybtex.database import Entry

from .latex import clean_latex, field_text

__all__ = [
    "ARXIV", "Link", "arxiv_id", "arxiv_year_month", "entry_links", "eprint_archive", "links_of",
    "rejected_links",
]

#: How the arXiv is spelt, whatever case an entry's ``archiveprefix`` uses.
ARXIV = "arXiv"

# (field, short label) in the order a publication list shows its links.
_LINK_FIELDS: tuple[tuple[str, str], ...] = (
    ("url", "Paper"),
    ("eprint", ARXIV),
    ("doi", "DOI"),
    ("pdf", "PDF"),
    ("code", "Code"),
    ("slides", "Slides"),
    ("poster", "Poster"),
    ("video", "Video"),
)
_ARXIV_PREFIX = re.compile(r"^arxiv:", re.I)
# New-style arXiv identifiers (2007 on): YYMM.NNNN or YYMM.NNNNN, optionally versioned.
_NEW_ARXIV_ID = re.compile(r"(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}(?:v\d+)?")


def eprint_archive(entry: Entry) -> str:
    """The server ``eprint`` is on ("HAL"): :data:`ARXIV` however spelt, and by default.

    BibTeX calls it ``archiveprefix`` and biblatex ``eprinttype``; either will do.
    """
    archive = clean_latex(field_text(entry, "archiveprefix") or field_text(entry, "eprinttype"))
    return ARXIV if archive.lower() in {"", "arxiv"} else archive


def arxiv_id(entry: Entry) -> str:
    """The arXiv identifier of ``eprint`` ("2405.16002"), "" when the eprint is elsewhere."""
    eprint = clean_latex(field_text(entry, "eprint"))
    if not eprint or eprint_archive(entry) != ARXIV:
        return ""
    return _ARXIV_PREFIX.sub("", eprint)


def arxiv_year_month(identifier: str) -> tuple[int, int] | None:
    """(year, month) a new-style arXiv identifier encodes: "2405.16002" -> (2024, 5).

    ``None`` for old-style identifiers ("math/0601001") and anything else.
    """
    match = _NEW_ARXIV_ID.fullmatch(identifier)
    if match is None or not 1 <= int(match["mm"]) <= 12:
        return None
    return 2000 + int(match["yy"]), int(match["mm"])


class Link(NamedTuple):
    """One link of an entry: the field it comes from, how a CV prints it, how a button names
    it, and the URL."""

    field: str  # "eprint", "doi", ...
    label: str  # "arXiv:2405.16002": as CVs print it
    short: str  # "arXiv": a button's text
    url: str


def links_of(entry: Entry) -> list[Link]:
    """A :class:`Link` for each link field the entry has; only http(s) URLs, each once.

    The arXiv link is labelled with its id ("arXiv:2405.16002"), as CVs print it.
    """
    links: list[Link] = []
    for field, short in _LINK_FIELDS:
        url = _link_url(entry, field)
        if url and _is_web_url(url) and url not in {link.url for link in links}:
            label = f"{ARXIV}:{arxiv_id(entry)}" if field == "eprint" else short
            links.append(Link(field, label, short, url))
    return links


def entry_links(entry: Entry) -> list[tuple[str, str]]:
    """(label, url) for each link of :func:`links_of`: ("arXiv:2405.16002", "https://...")."""
    return [(link.label, link.url) for link in links_of(entry)]


def rejected_links(entry: Entry) -> list[tuple[str, str]]:
    """(field, url) for each link field that :func:`entry_links` leaves out as not http(s):
    ``javascript:``, ``data:``, ``file:``, ``//host``, a URL with a space, ... The reader
    reports each one where it is written."""
    rejected = []
    for field, _ in _LINK_FIELDS:
        url = _link_url(entry, field)
        if url and not _is_web_url(url):
            rejected.append((field, url))
    return rejected


def _link_url(entry: Entry, field: str) -> str:
    value = field_text(entry, field)
    if not value:
        return ""
    if field == "eprint":
        identifier = arxiv_id(entry)  # an eprint elsewhere has no URL we could know
        return "https://arxiv.org/abs/" + quote(identifier, safe="/") if identifier else ""
    if field == "doi" and not re.match(r"https?://", value):
        doi = re.sub(r"^doi:\s*", "", value, flags=re.I)
        return "https://doi.org/" + quote(doi, safe="/:;()")
    unwrapped = re.sub(r"^\\url\{(.*)\}$", r"\1", value)
    return re.sub(r"\\([_%&#~])", r"\1", unwrapped)  # BibTeX escapes inside URLs


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and not re.search(r"\s", url)
