"""One web page per paper (``publications/<key>.html``), with Google Scholar meta tags and
what a search result or a shared link shows: a description (the abstract, else the reference)
and OpenGraph tags (title, description, ``og:type`` article, ``og:url`` with a base URL).
sphinxext-opengraph writes these for documents only, so these pages have them once: the
site-wide ones (site name, image, Twitter card) are added by ``web.findable`` like for any page.

A key that is not plain ASCII (``a/b``, ``müller2020``) names its page by a slug and a hash.

The pages come from ``html-collect-pages``, like Sphinx's general index: no source file
is written, so the PDF (built from the index's toctree) never sees them, incremental
builds need nothing special and ``-W`` has no "document not in any toctree" to report.
Titles in every bibliography link to these pages on the web and are plain text elsewhere.

The .bib files may come from publishers and co-authors, so nothing from them is trusted: a key
becomes a file name only through :func:`paper_slug`, and its text reaches the page template
only escaped (themes put ``title``, ``metatags`` and ``body`` into the page as they are).
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from pybtex.style import FormattedEntry
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from .. import _shared
from ..bib import PAPER_URI_PREFIX, clean_latex, has_equal_contribution, meta_html
from ..bib.export import paper_bibtex_filename
from ..domain import Target, portfolio_domain
from .pagecache import PaperPageCache
from .render import (
    abstract_paragraph,
    bibtex_source,
    equal_contribution_note,
    link_nodes,
    project_backlinks,
    render_math_in,
    text_with_math,
)

_BACKEND = find_plugin("pybtex.backends", "docutils")()


# A key that is its own file name, as it always was: letters, digits, "_", "." and "-", not
# starting with "." or "-" (no hidden file, no ".."), short enough for any file system.
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
# Names Windows gives to devices, whatever their extension: such a page could not be written.
_DEVICE = re.compile(r"(?i)(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?")
# Every other key is a readable slug, this separator and a hash of the key. Plain keys never
# hold "~", so no key can take another's name: not "a-b" that of "a/b", nor a crafted key that
# of "李2020". "~" is unreserved in URLs and allowed in file names everywhere.
_HASH_SEPARATOR = "~"
# Latin letters that Unicode does not decompose into an ASCII letter and an accent.
_LATIN = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
                        "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L",
                        "þ": "th", "Þ": "Th", "\u0131": "i"})
_HASH_LENGTH = 12
_SLUG_LENGTH = 60


def paper_slug(key: str) -> str:
    """The file name (no suffix) of ``key``'s page: the key itself when it is plain ASCII,
    else an ASCII slug of it and a hash (``a-b~…`` for ``a/b``, ``muller2020~…`` for
    ``müller2020``, ``2020~…`` for ``李2020``)."""
    if _PLAIN_KEY.fullmatch(key) and not _DEVICE.fullmatch(key):
        return key
    return _hashed_slug(key, _HASH_LENGTH)


def _hashed_slug(key: str, digits: int) -> str:
    """The key in ASCII (accents dropped, ``ø`` an ``o``, ``ß`` an ``ss``; any other run of
    characters but letters, digits and "_" a "-"), then ``digits`` characters of its SHA-256."""
    latin = unicodedata.normalize("NFKD", key.translate(_LATIN))
    ascii_key = latin.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_key).strip("-")[:_SLUG_LENGTH].rstrip("-")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:digits]
    return f"{slug or 'paper'}{_HASH_SEPARATOR}{digest}"


def paper_pagename(folder: str, key: str) -> str:
    return f"{folder}/{paper_slug(key)}"


def paper_pagenames(app: Sphinx) -> dict[str, str]:
    """The page name of every entry of the .bib files: distinct even where file names are
    case-insensitive, and none a document of the project.

    A short hash could still meet another (by chance, or a key crafted for it), as could a plain
    key and a document in the folder: that entry's page is named by the whole hash instead.
    """
    folder = app.config.portfolio_paper_pages
    taken = {docname.lower() for docname in app.env.found_docs}
    names: dict[str, str] = {}
    for key in bib_entries(app):
        name = paper_pagename(folder, key)
        if name.lower() in taken:
            name = f"{folder}/{_hashed_slug(key, 64)}"
        taken.add(name.lower())
        names[key] = name
    return names


def paper_pages_enabled(app: Sphinx) -> bool:
    return bool(app.config.portfolio_paper_pages) and isinstance(app.builder, StandaloneHTMLBuilder)


def link_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: entry titles link to the paper's page on the web, else are text."""
    pages = paper_pages_enabled(app)
    names = paper_pagenames(app) if pages else {}
    for ref in list(doctree.findall(nodes.reference)):
        uri = str(ref.get("refuri", ""))
        if not uri.startswith(PAPER_URI_PREFIX):
            continue
        if pages:
            key = uri.removeprefix(PAPER_URI_PREFIX)
            target = names.get(key) or paper_pagename(app.config.portfolio_paper_pages, key)
            ref["refuri"] = app.builder.get_relative_uri(docname, target)
            ref["classes"].append("portfolio-paper-link")
        else:
            ref.replace_self(ref.children)


def collect_paper_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: (pagename, context, template) for each entry of the .bib files."""
    if not paper_pages_enabled(app):
        return
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    cite = app.env.get_domain("cite")
    # The first full listing wins (a selection such as the home page's has a key prefix):
    # the dicts below keep the last citation of a key they see.
    bibliographies = cite.data["bibliographies"]
    citations = sorted(reversed(cite.data["citations"]),
                       key=lambda c: not bibliographies[c.bibliography_key].keyprefix)
    listed_on = {c.entry.key: c.bibliography_key.docname for c in citations}
    # Reuse what sphinxcontrib-bibtex formatted already; only unlisted entries cost a format.
    formatted = {c.entry.key: c.formatted_entry for c in citations}
    style = find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)()
    names = paper_pagenames(app)
    cache = PaperPageCache(app)
    domain = portfolio_domain(app.env)
    for key, entry in bib_entries(app).items():
        pagename = names[key]
        text = formatted.get(key) or style.format_entry("", entry)
        if cache.unchanged(pagename, _as_read(entry), repr(text.text), str(listed_on.get(key)),
                           repr(list(domain.citing(key)))):
            continue
        body = _page(app, entry, pagename, text, listed_on.get(key))
        where = portfolio_domain(app.env).entry_location(key)  # locates bad math
        title = nodes.inline("", "", *text_with_math(_title(entry), where))
        # The heading is not rendered as a section title: those want figure numbers, which
        # a build that writes no document has not computed.
        content = (f'<section id="paper" class="portfolio-paper">\n'
                   f'<h1>{builder.render_partial(title)["fragment"]}</h1>\n'
                   f'{builder.render_partial(body)["fragment"]}</section>')
        base = str(app.config.html_baseurl or "")
        url = f"{base.rstrip('/')}/{builder.get_target_uri(pagename)}" if base else ""
        yield pagename, {
            # Themes take ``title`` for HTML, as Sphinx's own pages give it: basic's relbar
            # writes it as it is, and furo's <title> unescapes it after dropping its tags.
            "title": html.escape(_title(entry)),
            "body": content,
            "metatags": meta_html(entry, url) + _preview_meta(app, entry, text, url),
        }, "page.html"
    cache.finish()


def _as_read(entry: Entry) -> str:
    """Every field and name of the entry, as the reader made them."""
    people = [(role, [str(person) for person in persons])
              for role, persons in entry.persons.items()]
    return repr((entry.type, sorted(entry.fields.items()), people))


#: sphinxext-opengraph's default ``ogp_description_length``.
_DESCRIPTION_LENGTH = 200


def preview_text(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters (with "…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def _preview_meta(app: Sphinx, entry: Entry, text: FormattedEntry, url: str) -> str:
    """The description and ``og:*`` tags of the paper's page, escaped (the text is the .bib's)."""
    limit = getattr(app.config, "ogp_description_length", _DESCRIPTION_LENGTH)
    limit = limit if isinstance(limit, int) and limit > 0 else _DESCRIPTION_LENGTH
    abstract = clean_latex(entry.fields.get("abstract", "")).strip()
    description = preview_text(abstract or _BACKEND.paragraph(text).astext(), limit)
    tags = [("name", "description", description), ("property", "og:title", _title(entry)),
            ("property", "og:type", "article"), ("property", "og:description", description)]
    if url:
        tags.append(("property", "og:url", url))
    return "".join(f'<meta {attribute}="{name}" content="{html.escape(content, quote=True)}" />\n'
                   for attribute, name, content in tags if content)


def _page(app: Sphinx, entry: Entry, pagename: str, text: FormattedEntry,
          listed_on: str | None) -> nodes.Element:
    builder = app.builder
    section = nodes.container()
    formatted = _BACKEND.paragraph(text)
    for ref in list(formatted.findall(nodes.reference)):  # the title would link to this page
        ref.replace_self(ref.children)
    render_math_in(formatted, portfolio_domain(app.env).entry_location(entry.key))
    section += formatted
    if has_equal_contribution(entry):
        section += equal_contribution_note()
    links = link_nodes(entry) + _project_refs(app, entry.key, pagename)
    if links:
        section += nodes.paragraph("", "", *links, classes=["portfolio-paper-links"])
    abstract = abstract_paragraph(entry, portfolio_domain(app.env).entry_location(entry.key))
    if abstract is not None:
        section += nodes.rubric("Abstract", "Abstract")
        section += abstract
    source = bibtex_source(entry)
    section += nodes.rubric("BibTeX", "BibTeX")
    section += nodes.literal_block(source, source, language="bibtex")
    if _shared.publishes_a_site(builder):  # web/feeds.py writes the file there
        download = relative_uri(builder.get_target_uri(pagename), paper_bibtex_filename(pagename))
        link = nodes.reference("", "Download the BibTeX", refuri=download)
        section += nodes.paragraph("", "", link, classes=["portfolio-paper-download"])
    if listed_on:
        uri = builder.get_relative_uri(pagename, listed_on)
        back = nodes.reference("", "All publications", refuri=uri)
        section += nodes.paragraph("", "", back, classes=["portfolio-paper-back"])
    return section


def bib_entries(app: Sphinx) -> Mapping[str, Entry]:
    """This build's entries, in the order of the .bib files (none before they are read)."""
    bibdata = app.env.get_domain("cite").data.get("bibdata")
    return bibdata.data.entries if bibdata is not None else {}


def _title(entry: Entry) -> str:
    return clean_latex(entry.fields.get("title", "")) or str(entry.key)


def _project_refs(app: Sphinx, key: str, pagename: str) -> list[nodes.Node]:
    def link(kind: str, entry_id: str, target: Target) -> nodes.Node:
        uri = app.builder.get_relative_uri(pagename, target.docname) + f"#{target.anchor}"
        return nodes.reference("", target.title, refuri=uri)

    return project_backlinks(portfolio_domain(app.env), key, link)


def setup_pages(app: Sphinx) -> None:
    app.connect("doctree-resolved", link_titles)
    app.connect("html-collect-pages", collect_paper_pages)
