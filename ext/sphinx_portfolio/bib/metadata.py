"""Machine-readable facts about one paper: Google Scholar ``citation_*`` tags and schema.org.

Pure Python on top of pybtex: nothing here imports Sphinx. Only what the entry states
is given; in particular a year guessed from an arXiv id is never a publication date.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from pybtex.database import Entry

from .biblatex import normalized_copy
from .kinds import publication_kind
from .latex import clean_latex
from .links import ARXIV, arxiv_id, entry_links
from .names import format_person, is_others

__all__ = ["json_ld", "json_ld_script", "meta_html"]

_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _text(entry: Entry, name: str) -> str:
    return clean_latex(entry.fields.get(name, "")).strip()


def _stated_year(entry: Entry) -> str:
    """The ``year`` field when it is a plain year; "" for "to appear", a range and the like."""
    year = _text(entry, "year")
    return year if re.fullmatch(r"\d{4}", year) else ""


def _authors(entry: Entry) -> list[str]:
    return [str(format_person(person)) for person in entry.persons.get("author", [])
            if not is_others(person)]


def _venue(entry: Entry) -> tuple[str, str]:
    """(tag name, venue) for the Scholar venue tag, or ("", "")."""
    kind = publication_kind(entry)
    if kind == "conference" and _text(entry, "booktitle"):
        return "citation_conference_title", _text(entry, "booktitle")
    if kind == "journal" and _text(entry, "journal"):
        return "citation_journal_title", _text(entry, "journal")
    return "", ""


def scholar_meta(entry: Entry) -> list[tuple[str, str]]:
    """Google Scholar's ``citation_*`` (name, content) pairs, in the order Scholar lists them."""
    entry = normalized_copy(entry)
    tags = [("citation_title", _text(entry, "title"))]
    tags += [("citation_author", name) for name in _authors(entry)]
    tags.append(("citation_publication_date", _stated_year(entry)))
    tags.append(_venue(entry))
    if publication_kind(entry) == "journal":
        tags += [("citation_volume", _text(entry, "volume")),
                 ("citation_issue", _text(entry, "number"))]
    tags.append(("citation_doi", _text(entry, "doi")))
    tags.append(("citation_arxiv_id", arxiv_id(entry)))
    pdf = dict(entry_links(entry)).get("PDF", "")
    tags.append(("citation_pdf_url", pdf))
    return [(name, content) for name, content in tags if name and content]


def json_ld(entry: Entry, url: str = "") -> dict[str, Any]:
    """A schema.org ``ScholarlyArticle`` for the entry; ``url`` is the paper page's own."""
    entry = normalized_copy(entry)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": _text(entry, "title"),
        "name": _text(entry, "title"),
        "author": [{"@type": "Person", "name": name} for name in _authors(entry)],
    }
    year = _stated_year(entry)
    if year:
        data["datePublished"] = year
    _, venue = _venue(entry)
    if venue:
        data["isPartOf"] = {"@type": "PublicationIssue" if publication_kind(entry) == "journal"
                            else "CreativeWork", "name": venue}
    abstract = _text(entry, "abstract")
    if abstract:
        data["abstract"] = abstract
    if url:
        data["url"] = url
    links = [link for _, link in entry_links(entry)]
    if links:
        data["sameAs"] = links
    identifier = arxiv_id(entry)
    if identifier:
        data["identifier"] = f"{ARXIV}:{identifier}"
    return data


def meta_html(entry: Entry, url: str = "") -> str:
    """The ``<meta>`` tags and the JSON-LD ``<script>`` for a page's ``<head>``."""
    lines = [
        f'<meta name="{name}" content="{html.escape(content, quote=True)}" />'
        for name, content in scholar_meta(entry)
    ]
    lines.append(json_ld_script(json_ld(entry, url)))
    return "\n".join(lines) + "\n"


def json_ld_script(data: dict[str, Any]) -> str:
    """``data`` as a ``<script type="application/ld+json">`` element, safe in any page.

    Inside <script> the HTML parser still reads "</script" (the end) and "<!--" (after which
    a "<script" hides the next "</script>"), so no "<" or ">" stays literal; nor "&", for
    tools that read the block as HTML text. They occur only in JSON strings, where the \\u
    escapes stand for the same characters: the JSON parses to the same data.
    """
    # One line: with ``indent`` set, json uses its pure-Python encoder, not the C one
    # (5,000 paper pages: ~1 s).
    payload = json.dumps(data, ensure_ascii=False)
    return '<script type="application/ld+json">\n' + payload.translate(_SCRIPT_SAFE) + "\n</script>"
