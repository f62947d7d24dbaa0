"""One web page per paper (``publications/<key>.html``), with Google Scholar meta tags.

The pages come from ``html-collect-pages``, like Sphinx's general index: no source file
is written, so the PDF (built from the index's toctree) never sees them, incremental
builds need nothing special and ``-W`` has no "document not in any toctree" to report.
Titles in every bibliography link to these pages on the web and are plain text elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from pybtex.style import FormattedEntry
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..bib import PAPER_URI_PREFIX, clean_latex, has_equal_contribution, meta_html
from ..domain import Target, portfolio_domain
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


def paper_pagename(folder: str, key: str) -> str:
    return f"{folder}/{re.sub(r'[^A-Za-z0-9_.-]+', '-', key)}"


def paper_pages_enabled(app: Sphinx) -> bool:
    return bool(app.config.portfolio_paper_pages) and isinstance(app.builder, StandaloneHTMLBuilder)


def link_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: entry titles link to the paper's page on the web, else are text."""
    pages = paper_pages_enabled(app)
    for ref in list(doctree.findall(nodes.reference)):
        uri = str(ref.get("refuri", ""))
        if not uri.startswith(PAPER_URI_PREFIX):
            continue
        if pages:
            target = paper_pagename(app.config.portfolio_paper_pages,
                                    uri.removeprefix(PAPER_URI_PREFIX))
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
    citations = list(reversed(cite.data["citations"]))  # reversed: the first listing wins
    listed_on = {c.entry.key: c.bibliography_key.docname for c in citations}
    # Reuse what sphinxcontrib-bibtex formatted already; only unlisted entries cost a format.
    formatted = {c.entry.key: c.formatted_entry for c in citations}
    style = find_plugin("pybtex.style.formatting", app.config.bibtex_default_style)()
    for key, entry in cite.data["bibdata"].data.entries.items():
        pagename = paper_pagename(app.config.portfolio_paper_pages, key)
        text = formatted.get(key) or style.format_entry("", entry)
        body = _page(app, entry, pagename, text, listed_on.get(key))
        title = nodes.inline("", "", *text_with_math(_title(entry)))
        # The heading is not rendered as a section title: those want figure numbers, which
        # a build that writes no document has not computed.
        html = (f'<section id="paper" class="portfolio-paper">\n'
                f'<h1>{builder.render_partial(title)["fragment"]}</h1>\n'
                f'{builder.render_partial(body)["fragment"]}</section>')
        base = str(app.config.html_baseurl or "")
        url = f"{base.rstrip('/')}/{builder.get_target_uri(pagename)}" if base else ""
        yield pagename, {
            "title": _title(entry),
            "body": html,
            "metatags": meta_html(entry, url),
        }, "page.html"


def _page(app: Sphinx, entry: Entry, pagename: str, text: FormattedEntry,
          listed_on: str | None) -> nodes.Element:
    builder = app.builder
    section = nodes.container()
    formatted = _BACKEND.paragraph(text)
    for ref in list(formatted.findall(nodes.reference)):  # the title would link to this page
        ref.replace_self(ref.children)
    render_math_in(formatted)
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
    if listed_on:
        uri = builder.get_relative_uri(pagename, listed_on)
        back = nodes.reference("", "All publications", refuri=uri)
        section += nodes.paragraph("", "", back, classes=["portfolio-paper-back"])
    return section


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
