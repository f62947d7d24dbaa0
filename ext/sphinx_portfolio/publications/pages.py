"""One web page per paper (``publications/<key>.html``), with Google Scholar meta tags and
what a search result or a shared link shows: a description (the abstract, else the reference)
and OpenGraph tags (title, description, ``og:type`` article, ``og:url`` with a base URL).

The page shows the title once (its heading), the authors and venue, the links as buttons,
the abstract, the BibTeX with its copy button and download, the projects that list the
paper, the other papers written with its co-authors, and a link back to its entry in the
list (``publications.html#key``): a paper with no link of its own is no dead end.
sphinxext-opengraph writes these for documents only, so these pages have them once: the
site-wide ones (site name, image, Twitter card) are added by ``web.findable`` like for any page.

A key that is not plain ASCII (``a/b``, ``müller2020``) names its page by a slug and a hash.

The pages come from ``html-collect-pages``, like Sphinx's general index: no source file
is written, so the PDF (built from the index's toctree) never sees them, incremental
builds need nothing special and ``-W`` has no "document not in any toctree" to report.
Each is written whole (beside its file, then renamed over it); one that could not be written
is an ``output`` warning, and stays due (:mod:`.pagecache`) for the next build.
Titles in every bibliography link to these pages on the web and are plain text elsewhere.

The .bib files may come from publishers and co-authors, so nothing from them is trusted: a key
becomes a file name only through :func:`paper_slug`, and its text reaches the page template
only escaped (themes put ``title``, ``metatags`` and ``body`` into the page as they are).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import logging
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pybtex_docutils
from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from pybtex.richtext import BaseText, HRef, Symbol, Text
from pybtex.style import FormattedEntry
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from .. import _shared
from .._compat.bibtex import CiteDomain
from .._compat.sphinx import local_toctree
from ..bib import (
    PAPER_URI_PREFIX,
    OwnerMatcher,
    clean_latex,
    has_equal_contribution,
    math_text,
    meta_html,
    stated_year,
    unescape_dollars,
)
from ..bib.export import paper_bibtex_filename
from ..bib.latex import ascii_folded
from ..buildstate import build_state
from ..config import conf_location
from ..domain import Target, portfolio_domain
from ..locale import _
from ..warnings_ import Subtype
from .pagecache import PaperPageCache, writes_due
from .people import CoAuthors, owner_names
from .render import (
    ACTIONS,
    PAPER_BIBTEX_PREFIX,
    abstract_paragraph,
    bibtex_block,
    equal_contribution_note,
    link_buttons,
    project_backlinks,
    render_math_in,
    text_with_math,
)

__all__ = [
    "bib_entries", "paper_pagenames", "paper_pages_enabled", "paper_slug", "preview_text",
    "setup_pages",
]

_BACKEND = pybtex_docutils.Backend()


# A key that is its own file name, as it always was: letters, digits, "_", "." and "-", not
# starting with "." or "-" (no hidden file, no ".."), short enough for any file system.
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
# Names Windows gives to devices, whatever their extension: such a page could not be written.
_DEVICE = re.compile(r"(?i)(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?")
# Every other key is a readable slug, this separator and a hash of the key. Plain keys never
# hold "~", so no key can take another's name: not "a-b" that of "a/b", nor a crafted key that
# of "李2020". "~" is unreserved in URLs and allowed in file names everywhere.
_HASH_SEPARATOR = "~"
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
    """The key in ASCII (:func:`.ascii_folded`: ``ø`` an ``o``, ``ß`` an ``ss``; any other run of
    characters but letters, digits and "_" a "-"), then ``digits`` characters of its SHA-256."""
    slug = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_folded(key))
    slug = slug.strip("-")[:_SLUG_LENGTH].rstrip("-")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:digits]
    return f"{slug or 'paper'}{_HASH_SEPARATOR}{digest}"


def paper_pagename(folder: str, key: str) -> str:
    # normalised: "./publications/talks" is the document "publications/talks"
    return posixpath.normpath(f"{folder}/{paper_slug(key)}")


def paper_pagenames(app: Sphinx) -> dict[str, str]:
    """The page name of every entry of the .bib files: distinct even where file names are
    case-insensitive, and none a document of the project.

    A short hash could still meet another (by chance, or a key crafted for it), as could a plain
    key and a document in the folder: that entry's page is named by the whole hash instead
    (:func:`check_paper_pagenames` says so).
    """
    return _paper_pagenames(app)[0]


def _paper_pagenames(app: Sphinx) -> tuple[dict[str, str], list[str]]:
    """The page names, and the keys whose own name was taken."""
    folder = app.config.portfolio_paper_pages
    taken = {docname.lower() for docname in app.env.found_docs}
    names: dict[str, str] = {}
    renamed = []
    for key in bib_entries(app):
        name = paper_pagename(folder, key)
        if name.lower() in taken:
            name = posixpath.normpath(f"{folder}/{_hashed_slug(key, 64)}")
            renamed.append(key)
        taken.add(name.lower())
        names[key] = name
    return names, renamed


def check_paper_pagenames(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: a paper whose page would take a document's name (or
    another paper's) is one warning at its entry; its page gets another name, so no page of
    the site is replaced."""
    if not paper_pages_enabled(app):
        return
    names, renamed = _paper_pagenames(app)
    state = build_state(env)
    for key in renamed:
        where = state.entry_location(key)
        location = f"{_shared.display_path(env, where[0])}:{where[1]}" if where else None
        own = paper_pagename(app.config.portfolio_paper_pages, key)
        _shared.warn(f"the page of {key!r} would be {own!r}, a page of the site (or of "
                     f"another paper): it is {names[key]!r} instead (rename the key, or set "
                     "portfolio_paper_pages)", Subtype.PAPER_PAGE, location)


def paper_pages_enabled(app: Sphinx) -> bool:
    return bool(app.config.portfolio_paper_pages) and isinstance(app.builder, StandaloneHTMLBuilder)


def link_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: entry titles link to the paper's page on the web, else are text;
    a link to a paper's ``.bib`` file (:data:`.render.PAPER_BIBTEX_PREFIX`) leads to it where
    the site publishes it, and is left out elsewhere."""
    pages = paper_pages_enabled(app)
    names = paper_pagenames(app) if pages else {}
    downloads = pages and _shared.publishes_a_site(app.builder)  # web/feeds.py writes them
    for ref in list(doctree.findall(nodes.reference)):
        uri = str(ref.get("refuri", ""))
        if uri.startswith(PAPER_URI_PREFIX):
            if pages:
                ref["refuri"] = app.builder.get_relative_uri(
                    docname, _pagename(app, names, uri.removeprefix(PAPER_URI_PREFIX)))
                ref["classes"].append("portfolio-paper-link")
            else:
                ref.replace_self(ref.children)
        elif uri.startswith(PAPER_BIBTEX_PREFIX) and ref.parent is not None:
            if downloads:
                target = _pagename(app, names, uri.removeprefix(PAPER_BIBTEX_PREFIX))
                ref["refuri"] = relative_uri(app.builder.get_target_uri(docname),
                                             paper_bibtex_filename(target))
            else:
                holder = ref.parent
                holder.remove(ref)
                if isinstance(holder, nodes.inline) and not holder.children \
                        and holder.parent is not None:  # a button of the row, now empty
                    holder.parent.remove(holder)


def _pagename(app: Sphinx, names: Mapping[str, str], key: str) -> str:
    return names.get(key) or paper_pagename(app.config.portfolio_paper_pages, key)


#: How many papers with the same co-authors a paper's page lists.
RELATED_PAPERS = 5


class _Related(NamedTuple):
    """Another paper with a co-author of this one, as its page lists it."""

    pagename: str
    title: str
    year: int | None
    where: tuple[Path, int] | None  # the entry in its .bib file: locates bad math


def collect_paper_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the page of each entry of the .bib files that is due, written
    here (:func:`_write_page`), so none is left for Sphinx to write."""
    if paper_pages_enabled(app):
        _write_paper_pages(app)
    return []


def _write_paper_pages(app: Sphinx) -> None:
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    cite = CiteDomain(app.env)
    # The first full listing wins (a selection such as the home page's has a key prefix):
    # the dicts below keep the last citation of a key they see.
    bibliographies = cite.bibliographies
    citations = sorted(reversed(cite.citations),
                       key=lambda c: not bibliographies[c.bibliography_key].keyprefix)
    listed_at = {c.entry.key: (c.bibliography_key.docname, c.citation_id) for c in citations}
    # Reuse what sphinxcontrib-bibtex formatted already; only unlisted entries cost a format.
    formatted = {c.entry.key: c.formatted_entry for c in citations}
    style = find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)()
    names = paper_pagenames(app)
    cache = PaperPageCache(app)
    domain = portfolio_domain(app.env)
    entries = bib_entries(app)
    coauthors = CoAuthors(entries, OwnerMatcher(owner_names(app.env)))
    toctree = _SharedToctree(builder)
    failed: list[tuple[str, OSError]] = []
    for key, entry in entries.items():
        pagename = names[key]
        text = formatted.get(key) or style.format_entry("", entry)
        related = [_Related(names[other], _title(entries[other]), stated_year(entries[other]),
                            build_state(app.env).entry_location(other))
                   for other in coauthors.shared(key, RELATED_PAPERS)]
        listing = listed_at.get(key)
        if cache.unchanged(pagename, _as_read(entry), repr(text.text), repr(listing),
                           repr(list(domain.citing(key))), repr(related)):
            continue
        body = _page(app, entry, pagename, text, listing, related)
        base = str(app.config.html_baseurl or "")
        url = f"{base.rstrip('/')}/{builder.get_target_uri(pagename)}" if base else ""
        problem = _write_page(builder, pagename, {
            # Themes take ``title`` for HTML, as Sphinx's own pages give it: basic's relbar
            # writes it as it is, and furo's <title> unescapes it after dropping its tags.
            "title": html.escape(unescape_dollars(_title(entry))),
            "body": (f'<section id="paper" class="portfolio-paper">\n'
                     f'{builder.render_partial(body)["fragment"]}</section>'),
            "metatags": meta_html(entry, url) + _preview_meta(app, entry, text, url),
            "toctree": toctree.for_page(pagename),
        })
        if problem is not None:
            cache.failed(pagename)  # due again: the next build writes it
            failed.append((pagename, problem))
    cache.finish()
    if failed:  # one warning for all
        _shared.warn_unwritten(
            [Path(builder.get_outfilename(name)).relative_to(builder.outdir).as_posix()
             for name, _ in failed], failed[0][1],
            conf_location(app.confdir, "paper_pages"), ("paper page", "paper pages"))


def _write_page(builder: StandaloneHTMLBuilder, pagename: str,
                context: dict[str, Any]) -> OSError | None:
    """Write the page whole, as Sphinx writes any page (its template, the theme, every
    ``html-page-context`` handler); why it could not be, else None.

    Sphinx writes a page in place, and logs a write error as a warning of its own: this
    one it writes beside its file instead (a build killed mid-page leaves the old page,
    never half of one), its error is taken out of the log and handed back here, and only a
    page written whole replaces the old one.
    """
    target = Path(builder.get_outfilename(pagename))
    part = target.with_name(f".{target.name}.part")
    try:
        # one a killed build left, or a symlink planted there: Sphinx would write through it
        part.unlink(missing_ok=True)
        with _write_error_of(part) as errors:
            builder.handle_page(pagename, context, "page.html", outfilename=part)
        if errors:
            return errors[0]
        os.replace(part, target)  # raises when Sphinx wrote nothing there
    except OSError as problem:
        return problem
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
    return None


@contextlib.contextmanager
def _write_error_of(part: Path) -> Iterator[list[OSError]]:
    """The error Sphinx's ``handle_page`` logs (and does not raise) when it cannot write
    ``part``, caught by a filter on the logger itself: before any handler (``-W``'s too)."""
    caught: list[OSError] = []

    def take(record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) == 2 and isinstance(args[1], OSError) and Path(str(args[0])) == part:
            caught.append(args[1])
            return False
        return True

    # the logger of the module that defines handle_page, named as sphinx.util.logging does
    logger = logging.getLogger(f"sphinx.{StandaloneHTMLBuilder.handle_page.__module__}")
    logger.addFilter(take)
    try:
        yield caught
    finally:
        logger.removeFilter(take)


class _SharedToctree:
    """The site's navigation as a paper page shows it, made once per folder.

    Themes render the toctree on every page (furo: the whole tree, in its sidebar), and
    Sphinx resolves and renders it again for each (~1 ms a page). A paper page is in no
    toctree, so nothing in it is marked current: pages in one folder get the same markup.
    """

    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self.builder = builder
        self.made: dict[tuple[str, str], str] = {}

    def for_page(self, pagename: str) -> Callable[..., str]:
        """The page's ``toctree()`` for its template, as Sphinx's, from the folder's cache."""
        folder = posixpath.dirname(pagename)

        def toctree(**kwargs: Any) -> str:
            made_as = (folder, repr(sorted(kwargs.items())))
            if made_as not in self.made:
                self.made[made_as] = local_toctree(self.builder, pagename, **kwargs)
            return self.made[made_as]

        return toctree


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
    reference = unescape_dollars(_BACKEND.paragraph(text).astext())  # the style's math text
    description = preview_text(abstract or reference, limit)
    tags = [("name", "description", description),
            ("property", "og:title", unescape_dollars(_title(entry))),
            ("property", "og:type", "article"), ("property", "og:description", description)]
    if url:
        tags.append(("property", "og:url", url))
    return "".join(f'<meta {attribute}="{name}" content="{html.escape(content, quote=True)}" />\n'
                   for attribute, name, content in tags if content)


def _page(app: Sphinx, entry: Entry, pagename: str, text: FormattedEntry,
          listing: tuple[str, str] | None, related: list[_Related]) -> nodes.Element:
    """The page's body, rendered at once (a render costs a docutils run of its own). The
    headings are HTML of our own: section titles want figure numbers, which a build that
    writes no document has not computed. Their text is fixed, the title's escaped."""
    builder = app.builder
    where = build_state(app.env).entry_location(entry.key)
    page = nodes.container()
    if listing:
        docname, anchor = listing
        back = nodes.reference("", _("All publications"),
                               refuri=f"{builder.get_relative_uri(pagename, docname)}#{anchor}")
        page += nodes.paragraph("", "", back, classes=["portfolio-paper-back"])
    page += _raw("<h1>")
    page += nodes.inline("", "", *text_with_math(_title(entry), where))
    page += _raw("</h1>\n")
    page.extend(_reference_without_title(text, where))
    if has_equal_contribution(entry):
        page += equal_contribution_note()
    buttons = link_buttons(entry)
    if buttons:
        page += nodes.container("", *buttons, classes=[ACTIONS])
    projects = _project_refs(app, entry.key, pagename)
    if projects:
        page += nodes.paragraph("", "", *projects, classes=["portfolio-paper-projects"])
    abstract = abstract_paragraph(entry, where)
    if abstract is not None:
        page += _raw('<h2 id="abstract">Abstract</h2>\n')
        page += abstract
    download = None
    if _shared.publishes_a_site(builder):  # web/feeds.py writes the file there
        download = relative_uri(builder.get_target_uri(pagename), paper_bibtex_filename(pagename))
    page += _raw('<h2 id="bibtex">BibTeX</h2>\n')
    page += nodes.container("", *bibtex_block(entry, download), classes=["portfolio-bibtex"])
    if related:
        page += _raw('<h2 id="related">More with these co-authors</h2>\n')
        page += _related_list(app, pagename, related)
    return page


def _raw(markup: str) -> nodes.raw:
    """Fixed HTML of ours (never text from the .bib files)."""
    return nodes.raw("", markup, format="html")


def _reference_without_title(text: FormattedEntry,
                             where: tuple[Path, int] | None) -> list[nodes.paragraph]:
    """The reference as the list shows it, less its title (the page's heading): the authors,
    then where the paper appeared, each a paragraph.

    The style writes a reference as blocks (authors, title, venue, note) between pybtex's
    ``newblock`` symbols, and links the title to this page: that block is left out. A style
    that links no title gives its whole reference.
    """
    blocks: list[list[BaseText]] = [[]]
    for part in text.text.parts:
        if isinstance(part, Symbol) and part.name == "newblock":
            blocks.append([])
        else:
            blocks[-1].append(part)
    titled = [index for index, block in enumerate(blocks) if any(map(_links_here, block))]
    if not titled:
        shown = [("portfolio-paper-reference", list(text.text.parts))]
    else:
        title = titled[0]
        before = [part for block in blocks[:title] for part in [*block, Symbol("newblock")]]
        after = [part for block in blocks[title + 1:] for part in [*block, Symbol("newblock")]]
        shown = [("portfolio-paper-authors", before[:-1]), ("portfolio-paper-venue", after[:-1])]
    paragraphs = []
    for name, parts in shown:
        if parts:
            paragraph = nodes.paragraph("", "", *Text(*parts).render(_BACKEND), classes=[name])
            for ref in list(paragraph.findall(nodes.reference)):  # would link to this page
                ref.replace_self(ref.children)
            render_math_in(paragraph, where)
            paragraphs.append(paragraph)
    return paragraphs


def _links_here(text: BaseText) -> bool:
    """Whether ``text`` is or holds the style's link to the paper's own page."""
    if isinstance(text, HRef) and str(text.url).startswith(PAPER_URI_PREFIX):
        return True
    return any(_links_here(part) for part in getattr(text, "parts", ()))


def _related_list(app: Sphinx, pagename: str, related: list[_Related]) -> nodes.bullet_list:
    listing = nodes.bullet_list(classes=["portfolio-related"])
    for paper in related:
        link = nodes.reference("", "", *text_with_math(paper.title, paper.where),
                               refuri=app.builder.get_relative_uri(pagename, paper.pagename))
        item = nodes.paragraph("", "", link)
        if paper.year is not None:
            item += nodes.Text(f" ({paper.year})")
        listing += nodes.list_item("", item)
    return listing


def bib_entries(app: Sphinx) -> Mapping[str, Entry]:
    """This build's entries, in the order of the .bib files (none before they are read)."""
    return CiteDomain(app.env).entries


def _title(entry: Entry) -> str:
    """The title as math text (:func:`.text_with_math` shows it), or the key."""
    return math_text(entry.fields.get("title", "")) or str(entry.key)


def _project_refs(app: Sphinx, key: str, pagename: str) -> list[nodes.Node]:
    def link(kind: str, entry_id: str, target: Target) -> nodes.Node:
        uri = app.builder.get_relative_uri(pagename, target.docname) + f"#{target.anchor}"
        return nodes.reference("", target.title, refuri=uri)

    return project_backlinks(portfolio_domain(app.env), key, link)


def reread_root_for_due_paper_pages(app: Sphinx, env: BuildEnvironment, added: set[str],
                                    changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``: the root document, when a paper page is due and no document is.

    A paper page is written when Sphinx writes pages; Sphinx 8.1 writes none when no
    document is out of date (9 still collects the extra pages), so a page that could not be
    written, or an edit of .bib files no page lists, stayed unpublished. Reading one page
    again makes it write (:func:`.pagecache.writes_due` says when, from a stat of each .bib
    file and the record of the pages).
    """
    if (added or changed or not isinstance(app.builder, StandaloneHTMLBuilder)
            or not app.config.portfolio_paper_pages or not writes_due(app)):
        return []
    return [app.config.root_doc] if app.config.root_doc in env.found_docs else []


def setup_pages(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_paper_pagenames)
    app.connect("doctree-resolved", link_titles)
    app.connect("html-collect-pages", collect_paper_pages)
    app.connect("env-get-outdated", reread_root_for_due_paper_pages)
