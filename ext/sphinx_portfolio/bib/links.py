"""Link fields -> URLs: the paper, arXiv, DOI, PDF, code, slides, poster and video links,
and al-folio's (``html``, ``arxiv``, ``supp``, ``website``, ``blog``).

Pure Python on top of pybtex: nothing here imports Sphinx. Also home of the arXiv
identifier, which the style prints, the metadata states and sorting falls back on.

A link is an http(s) URL, but for ``arxiv`` (al-folio's field for an arXiv id:
``arxiv = {2405.16002}`` links to ``https://arxiv.org/abs/2405.16002``) and for the files
al-folio serves itself. There, a value that is no address but a file name (``pdf =
{paper.pdf}``) names a file in al-folio's own folders (:data:`LOCAL_FOLDERS`):

* ``pdf``, ``supp``, ``poster`` and ``slides``: ``assets/pdf/<value>``;
* ``html``: ``assets/html/<value>``;
* ``preview`` (a thumbnail): ``assets/img/publication_preview/<value>``;

each relative to the Sphinx source folder (the one with ``conf.py``), so al-folio's
``assets/`` folder is copied beside ``conf.py`` as it is. :func:`local_files` lists them;
the web side (:mod:`sphinx_portfolio.publications.buttons`) links each one it finds, copied
to the same place in the output, and reports each one it does not. A ``preview`` names no
link of the paper but al-folio's thumbnail: one that is there is shown beside the entry's
text in the web's lists, one that is not is a warning like the others, and a web address in
it is left alone (no third-party request).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import quote, urlsplit

from pybtex.database import Entry

from .latex import clean_latex, field_text

__all__ = [
    "ARXIV", "LOCAL_FOLDERS", "LocalFile", "arxiv_id", "arxiv_year_month", "entry_links",
    "eprint_archive", "links_of", "local_files", "rejected_links",
]

#: How the arXiv is spelt, whatever case an entry's ``archiveprefix`` uses.
ARXIV = "arXiv"

# (field, short label) in the order a publication list shows its links.
_LINK_FIELDS: tuple[tuple[str, str], ...] = (
    ("url", "Paper"),
    ("html", "HTML"),  # al-folio's: the paper's web page
    ("eprint", ARXIV),
    ("arxiv", ARXIV),  # al-folio's: an arXiv id
    ("doi", "DOI"),
    ("pdf", "PDF"),
    ("supp", "Supplement"),  # al-folio's: supplementary material
    ("code", "Code"),
    ("slides", "Slides"),
    ("poster", "Poster"),
    ("video", "Video"),
    ("website", "Website"),  # al-folio's: the project's page
    ("blog", "Blog"),  # al-folio's: a post about the paper
)
#: Where al-folio keeps the file a field names without an address, relative to the site's
#: source folder (al-folio's ``_layouts/bib.liquid`` prepends these folders).
LOCAL_FOLDERS: dict[str, str] = {
    "pdf": "assets/pdf",
    "supp": "assets/pdf",
    "poster": "assets/pdf",
    "slides": "assets/pdf",
    "html": "assets/html",
    "preview": "assets/img/publication_preview",
}
_LABELS = dict(_LINK_FIELDS) | {"preview": "Preview"}
_ARXIV_PREFIX = re.compile(r"^arxiv:", re.I)
# New-style arXiv identifiers (2007 on): YYMM.NNNN or YYMM.NNNNN, optionally versioned.
_NEW_ARXIV_ID = re.compile(r"(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}(?:v\d+)?")
# Old-style ones (to 2007): archive[.SUBJECT-CLASS]/YYMMNNN ("math.GT/0309136").
_OLD_ARXIV_ID = re.compile(r"[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")
# A URL scheme ("https:", "javascript:"); a Windows drive ("C:") counts as one too.
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# What no file name in a link may hold: control characters, and what ends or escapes a path.
_NOT_IN_FILE_NAME = re.compile(r"[\x00-\x1f\x7f\\?#%]")


def eprint_archive(entry: Entry) -> str:
    """The server ``eprint`` is on ("HAL"): :data:`ARXIV` however spelt, and by default.

    BibTeX calls it ``archiveprefix`` and biblatex ``eprinttype``; either will do.
    """
    archive = clean_latex(field_text(entry, "archiveprefix") or field_text(entry, "eprinttype"))
    return ARXIV if archive.lower() in {"", "arxiv"} else archive


def arxiv_id(entry: Entry) -> str:
    """The arXiv identifier of ``eprint`` ("2405.16002"), "" when the eprint is elsewhere;
    without an eprint, that of al-folio's ``arxiv`` field when it holds one."""
    eprint = clean_latex(field_text(entry, "eprint"))
    if not eprint:
        return _alfolio_arxiv_id(entry)
    if eprint_archive(entry) != ARXIV:
        return ""
    return _ARXIV_PREFIX.sub("", eprint)


def _alfolio_arxiv_id(entry: Entry) -> str:
    """The arXiv id in al-folio's ``arxiv`` field ("2405.16002", "arXiv:2405.16002"), or ""
    for anything else: the field is free text, and an id goes into URLs and metadata."""
    identifier = _ARXIV_PREFIX.sub("", clean_latex(field_text(entry, "arxiv")).strip())
    if _NEW_ARXIV_ID.fullmatch(identifier) or _OLD_ARXIV_ID.fullmatch(identifier):
        return identifier
    return ""


#: The fields that hold an arXiv id, and how it is read from the entry.
_ARXIV_IDS: dict[str, Callable[[Entry], str]] = {"eprint": arxiv_id, "arxiv": _alfolio_arxiv_id}


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
            identifier = _ARXIV_IDS[field](entry) if field in _ARXIV_IDS else ""
            label = f"{ARXIV}:{identifier}" if identifier else short
            links.append(Link(field, label, short, url))
    return links


class LocalFile(NamedTuple):
    """A file a field names without an address (al-folio's ``pdf = {paper.pdf}``)."""

    field: str  # "pdf", "preview", ...
    label: str  # "PDF": a button's text
    name: str  # the field's value: "paper.pdf", "2024/paper.pdf"
    path: str  # where it is in the source folder and goes in the output: "assets/pdf/paper.pdf"

    @property
    def folder(self) -> str:
        """al-folio's folder for the field: "assets/pdf"."""
        return LOCAL_FOLDERS[self.field]


def local_files(entry: Entry) -> list[LocalFile]:
    """A :class:`LocalFile` for each field of :data:`LOCAL_FOLDERS` that names a file, in
    the order the links are shown (``preview`` last).

    A file name is a relative path below its folder: no address (``https:``, ``file:``,
    ``C:``), no leading ``/``, no ``..`` or empty part, no backslash, ``?``, ``#``, ``%`` or
    control character. Anything else in the field is a link or rejected
    (:func:`rejected_links`).
    """
    found = []
    for field in LOCAL_FOLDERS:
        name = _link_url(entry, field)
        if name and _is_file_name(name):
            found.append(LocalFile(field, _LABELS[field], name, f"{LOCAL_FOLDERS[field]}/{name}"))
    return found


def entry_links(entry: Entry) -> list[tuple[str, str]]:
    """(label, url) for each link of :func:`links_of`: ("arXiv:2405.16002", "https://...")."""
    return [(link.label, link.url) for link in links_of(entry)]


def rejected_links(entry: Entry) -> list[tuple[str, str]]:
    """(field, url) for each link field that :func:`entry_links` leaves out as not http(s):
    ``javascript:``, ``data:``, ``file:``, ``//host``, a URL with a space, ``../x.pdf``, an
    ``arxiv`` that is no id, ... but not a file name :func:`local_files` takes, nor a web
    address in ``preview`` (a thumbnail elsewhere, no link of the paper). The reader reports
    each one where it is written."""
    rejected = []
    for field in [*dict(_LINK_FIELDS), "preview"]:
        url = _link_url(entry, field)
        if not url or (field in LOCAL_FOLDERS and _is_file_name(url)):
            continue
        if not _is_web_url(url):
            rejected.append((field, url))
    return rejected


def _link_url(entry: Entry, field: str) -> str:
    value = field_text(entry, field)
    if not value:
        return ""
    if field in _ARXIV_IDS:
        identifier = _ARXIV_IDS[field](entry)
        if identifier:
            return "https://arxiv.org/abs/" + quote(identifier, safe="/")
        if field == "eprint":  # an eprint elsewhere has no URL we could know
            return ""
    if field == "doi" and not re.match(r"https?://", value):
        doi = re.sub(r"^doi:\s*", "", value, flags=re.I)
        return "https://doi.org/" + quote(doi, safe="/:;()")
    unwrapped = re.sub(r"^\\url\{(.*)\}$", r"\1", value)
    return re.sub(r"\\([_%&#~])", r"\1", unwrapped)  # BibTeX escapes inside URLs


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and not re.search(r"\s", url)


def _is_file_name(value: str) -> bool:
    """Whether ``value`` is a relative path that stays below the folder it is joined to."""
    if _SCHEME.match(value) or value.startswith("/") or _NOT_IN_FILE_NAME.search(value):
        return False
    return all(part.strip() and part not in {".", ".."} for part in value.split("/"))
