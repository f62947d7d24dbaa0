"""Followable: an Atom feed of the publications, the bibliography as BibTeX and CSL-JSON.

An HTML build writes, beside its pages:

* ``publications.atom``: the publications as an Atom feed, newest first (:mod:`..bib.atom`
  says what it claims); every page's ``<head>`` links it (``rel="alternate"``), so
  browsers and feed readers find it from any page;
* ``refs.bib``: every entry as BibTeX, and ``<paper pages>/<page>.bib`` beside each
  paper's page (:func:`paper_bibtex_filename`, :func:`paper_bibtex_uri` for its link);
* ``publications.json``: every entry as a CSL-JSON item (:mod:`..bib.csl`), for Zotero,
  Pandoc and reference managers.

The .bib downloads are written from the entries (:mod:`..bib.export`), not copied from the
files: the files are sources, with comments, ``@string`` macros, crossref parents and
private notes in them, and may come from co-authors. What is published is each entry's
bibliographic fields (an allow-list), without the abstract, our annotation fields,
reference managers' fields and any link that is not http(s).

Only the web builders that publish a site write them (``html``, ``dirhtml``), and only for
a site with publications; EPUB and the help formats package their output folder,
single-page HTML has no paper pages, and every other builder has no HTML head.

Everything is made again at ``build-finished`` from this build's bibliography (read anew
on every build), so an incremental build always publishes the current .bib; a file whose
bytes did not change is not written again (deploys that copy what changed stay small), and
one that did is replaced whole (written beside it, then renamed). About a second of CPU at
5,000 entries, a few milliseconds for a real portfolio.

A no-op build skips them only when the last build that read or wrote a page finished them,
from the same inputs: a stamp in the doctree folder is removed as soon as a build reads or
writes a page, and made again once every file is written, holding a digest of what they are
made from (the .bib files as read, the settings, the profile, the paper pages' names, the
list they link). So a build killed or failed in between leaves the next one to write them
all, and so does an input that changed with no page read again (their existence alone says
nothing of their age). A file that could not be written is one ``output`` warning for all.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import posixpath
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from .. import datacache
from .._compat.bibtex import CiteDomain
from .._shared import display_path, publishes_a_site, warn, warn_unwritten
from ..bib.atom import Feed, atom_feed
from ..bib.csl import csl_json
from ..bib.export import bibtex_entry, paper_bibtex_filename
from ..bib.paper import Paper
from ..buildstate import build_state
from ..config import given
from ..files import climbs_out, write_whole
from ..locale import _, translate
from ..publications.pages import bib_entries, paper_pagenames, paper_pages_enabled
from ..warnings_ import Subtype

__all__ = ["BIBTEX", "CSL_JSON", "FEED", "paper_bibtex_filename", "paper_bibtex_uri", "setup_feeds"]

#: The files, relative to the output folder.
FEED = "publications.atom"
BIBTEX = "refs.bib"
CSL_JSON = "publications.json"
FEED_TYPE = "application/atom+xml"


def paper_bibtex_uri(app: Sphinx, pagename: str) -> str:
    """The link from the paper's page ``pagename`` to its BibTeX file, relative to the page
    (``key.bib`` under ``html``, ``../key.bib`` under ``dirhtml``). The page itself
    (``publications/``, below ``web/``) imports :func:`..bib.export.paper_bibtex_filename`
    and makes the same ``relative_uri``; EPUB has paper pages but no downloads."""
    return relative_uri(app.builder.get_target_uri(pagename), paper_bibtex_filename(pagename))


def feeds_enabled(app: Sphinx) -> bool:
    """Whether this build publishes the feed and the downloads (a site with publications)."""
    return publishes_a_site(app.builder) and bool(bib_entries(app))


def link_feed(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: nodes.document | None) -> None:
    """``html-page-context``: ``<link rel="alternate">`` to the feed, relative to the page."""
    if not feeds_enabled(app):
        return
    href = context["pathto"](FEED, resource=True)
    link = (f'<link rel="alternate" type="{FEED_TYPE}" '
            f'title="{html.escape(_feed_title(app), quote=True)}" '
            f'href="{html.escape(href, quote=True)}" />\n')
    context["metatags"] = str(context.get("metatags") or "") + link


#: Made when the files are all written for the pages as they are (in the doctree folder).
STAMP = "portfolio-feeds.stamp"


def note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: this build reads pages."""
    if docnames:
        _pages_change(app)


def note_page_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: this build writes a page."""
    _pages_change(app)


def _pages_change(app: Sphinx) -> None:
    state = build_state(app.env)
    if not state.pages_change:  # once a build: the files are stale until written again
        state.pages_change = True
        Path(app.doctreedir, STAMP).unlink(missing_ok=True)


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the feed, the BibTeX files and the CSL-JSON file.

    A build that reads and writes no page (a no-op) leaves them as they are when they are
    all there: the pages that list the papers depend on the .bib files and the profile, so
    neither changed, and Sphinx reads or writes every page when a setting changed.
    """
    if exception is not None or not feeds_enabled(app):
        return
    pages = paper_pagenames(app) if paper_pages_enabled(app) else {}
    outdir = Path(app.outdir)
    stamp = Path(app.doctreedir, STAMP)
    made_from = _made_from(app, pages)
    if not build_state(app.env).pages_change and _stamped(stamp) == made_from and all(
            (outdir / name).is_file() for name in (
                FEED, BIBTEX, CSL_JSON, *map(paper_bibtex_filename, pages.values()))):
        return
    stamp.unlink(missing_ok=True)
    entries = bib_entries(app)
    sources = {key: bibtex_entry(entry) for key, entry in entries.items()}
    papers = [Paper.of(entry) for entry in entries.values()]  # read once for both files
    files = {
        FEED: atom_feed(papers, _feed(app), {
            key: _href(app, app.builder.get_target_uri(name)) for key, name in pages.items()}),
        BIBTEX: "\n".join(sources.values()).encode(),
        CSL_JSON: csl_json(papers).encode(),
        **{paper_bibtex_filename(name): sources[key].encode() for key, name in pages.items()},
    }
    failed: list[tuple[str, OSError]] = []
    for name, data in files.items():
        problem = _write(app, name, data)
        if problem is not None:
            failed.append((name, problem))
    if failed:
        conf = display_path(app.env, Path(app.confdir, "conf.py"))
        warn_unwritten([name for name, _ in failed], failed[0][1], f"{conf}:1")
    elif all(_inside_outdir(name) for name in files):
        with contextlib.suppress(OSError):  # no stamp: the next build writes them again
            write_whole(stamp, made_from.encode())


def _made_from(app: Sphinx, pages: dict[str, str]) -> str:
    """A digest of what the files are made from, for the stamp: the .bib files as they were
    read (their paths and times), this package's version, the settings (``html_baseurl``,
    the project, the builder's links), the owner's profile, the paper pages' names and the
    page the feed links as the list; ``SOURCE_DATE_EPOCH``, which dates an undated feed."""
    bibfiles = sorted((str(path), bibfile.mtime)
                      for path, bibfile in CiteDomain(app.env).bib_files.items())
    build_info = getattr(app.builder, "build_info", None)
    extension = app.extensions.get("sphinx_portfolio")
    parts = [
        repr(bibfiles), str(extension.version) if extension else "", app.builder.name,
        str(getattr(build_info, "config_hash", "")), str(getattr(build_info, "tags_hash", "")),
        repr(datacache.profile(app.env)), repr(sorted(pages.items())), _listing_page(app),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    ]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _stamped(stamp: Path) -> str:
    """The digest the stamp holds ("" without one)."""
    try:
        return stamp.read_text("utf-8")
    except (OSError, ValueError):
        return ""


def _owner(app: Sphinx) -> str:
    profile = datacache.profile(app.env)
    if profile is not None:
        return str(profile.name)
    return str(app.config.author if given(app.config, "author") else app.config.project)


def _feed_title(app: Sphinx) -> str:
    return _("{owner} \u2013 Publications").format(owner=_owner(app))


def _feed(app: Sphinx) -> Feed:
    profile = datacache.profile(app.env)
    website = str(profile.website or "") if profile else ""
    extension = app.extensions.get("sphinx_portfolio")
    return Feed(
        title=_feed_title(app),
        author=_owner(app),
        author_uri=website if urlsplit(website).scheme in {"http", "https"} else "",
        identity=str(app.config.project),  # not the URL: ids outlive a new base URL
        self_href=_href(app, FEED),
        home_href=_href(app, app.builder.get_target_uri(_listing_page(app))),
        fallback_updated=_build_time(),
        language=str(app.config.language or ""),
        generator="sphinx-portfolio",
        generator_version=str(extension.version) if extension else "",
        translate=translate,
    )


def _href(app: Sphinx, path: str) -> str:
    """``path`` (relative to the output folder) as the feed links it: absolute under
    ``html_baseurl``, else relative to the feed, which is in the output folder's root."""
    base = str(app.config.html_baseurl or "")
    if base:
        return f"{base.rstrip('/')}/{path}"
    return path or "./"  # dirhtml's root page is "": an empty href would be the feed


def _listing_page(app: Sphinx) -> str:
    """The page with the full publication list: the one listing the most entries without a
    key prefix (a selection, such as the home page's, has one); else the root page."""
    cite = CiteDomain(app.env)
    full = {key for key, bibliography in cite.bibliographies.items()
            if not bibliography.keyprefix}
    listed = Counter(citation.bibliography_key for citation in cite.citations
                     if citation.bibliography_key in full)
    if not listed:
        return str(app.config.root_doc)
    most = max(listed.values())
    return str(min(key.docname for key, count in listed.items() if count == most))


def _build_time() -> datetime:
    """When this build ran: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(UTC)


def _inside_outdir(name: str) -> bool:
    return not climbs_out(name)


def _write(app: Sphinx, name: str, data: bytes) -> OSError | None:
    """Write ``data`` to ``name`` in the output folder unless it holds that already; never
    outside it (paper page names are safe by construction; their folder comes from conf.py).
    Why it could not be written, else None."""
    if not _inside_outdir(name):
        conf = display_path(app.env, Path(app.confdir, "conf.py"))
        warn(f"{name} is outside the output folder: not written (portfolio_paper_pages "
             f"names a folder outside it?)", Subtype.CONFIG, f"{conf}:1")
        return None  # said as a setting's problem; no stamp, though (write_feeds)
    path = Path(app.outdir, posixpath.normpath(name))
    try:
        if path.read_bytes() == data:
            return None
    except OSError:
        pass  # not there yet
    try:
        write_whole(path, data)
    except OSError as problem:
        return problem
    return None


def setup_feeds(app: Sphinx) -> None:
    app.connect("html-page-context", link_feed)
    app.connect("env-before-read-docs", note_pages_read)
    app.connect("doctree-resolved", note_page_written)
    app.connect("build-finished", write_feeds)
