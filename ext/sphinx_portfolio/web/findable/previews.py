"""What a search result or a shared link shows of a page: its description and card tags.

sphinxext-opengraph writes ``og:*`` tags for documents. Its description is the page's text
from the top, tables, lists and the profile's contact line included ("Year Award ...",
an e-mail address); a researcher's page says what it is in its first paragraph of prose, so
that paragraph is given to it (``og:description``, and the ``<meta name="description">``
search engines show) before it runs. A page with no such paragraph (a table under a title)
is described by its title and owner, never by a table's text.

After it has run, what it leaves out or gets wrong is completed: an ``og:url`` or
``og:image`` that is not absolute (it writes them relative when there is no base URL; OpenGraph
needs absolute ones) is dropped, pages made by extensions rather than documents (the paper
pages, which write their own ``og:*`` tags) get the site-wide ones, and every page with a card
gets ``twitter:card``. The home page also carries the owner's schema.org ``Person``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx.application import Sphinx

from ... import _shared, datacache
from ...publications.pages import preview_text
from .config_defaults import base_url, owner
from .person import person_script

__all__ = ["complete_page", "describe_page", "is_web_page"]

#: sphinxext-opengraph's default length (``ogp_description_length``).
DEFAULT_LENGTH: Final = 200
#: Ancestors a paragraph of prose may have; anything else (tables, lists, admonitions,
#: footnotes, block quotes) is not what the page says it is.
_PROSE_PARENTS: Final = (nodes.document, nodes.section, nodes.container, nodes.compound)
_EN_DASH: Final = " \N{EN DASH} "
#: Text that is not prose: raw markup (MathML from a formula, HTML), comments, problems.
_NOT_TEXT: Final = (nodes.raw, nodes.Invisible, nodes.system_message)


def is_web_page(app: Sphinx) -> bool:
    """Pages meant for a web server (:func:`.writes_web_pages`): not EPUB's or an HTML help
    file's."""
    return _shared.writes_web_pages(app.builder)


def describe_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    """``html-page-context``, before sphinxext-opengraph: the description of a document.

    A ``description`` the page gives itself (MyST's ``html_meta``) is kept and used for
    ``og:description`` too; ``og:description`` in the page's metadata wins for that tag.
    """
    if doctree is None or not is_web_page(app):
        return
    metatags = str(context.get("metatags") or "")
    own = meta_content(metatags, "name", "description")
    description = own or page_description(app, pagename, doctree)
    if not description:
        return
    if own is None:
        context["metatags"] = metatags + _meta("name", "description", description)
    fields = dict(context.get("meta") or {})  # a copy: this dict is the environment's own
    if "og:description" not in fields:
        # escaped here: sphinxext-opengraph writes field values with only '"' replaced
        fields["og:description"] = html.escape(description, quote=True)
        context["meta"] = fields


def page_description(app: Sphinx, pagename: str, doctree: nodes.document) -> str:
    """The page's first paragraph of prose; the profile's summary on a home page that has
    none; else the page's title and owner."""
    limit = _length(app)
    paragraph = next(_prose(doctree), None)
    if paragraph is not None:
        return preview_text(_plain_text(paragraph), limit)
    if pagename == app.config.root_doc:
        profile = datacache.profile(app.env)
        if profile is not None:
            who = ", ".join(part for part in (profile.name, profile.position,
                                               profile.affiliation) if part)
            interests = "; ".join(profile.interests)
            summary = f"{who}. Research interests: {interests}." if interests else f"{who}."
            return preview_text(summary, limit)
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else ""
    return preview_text(_EN_DASH.join(part for part in (title, owner(app.config)) if part), limit)


def _length(app: Sphinx) -> int:
    try:
        return max(int(app.config.ogp_description_length), 1)
    except (AttributeError, TypeError, ValueError):
        return DEFAULT_LENGTH


def _prose(doctree: nodes.document) -> Iterator[nodes.paragraph]:
    """Paragraphs in sections and plain containers (the site's web-only blocks), in order:
    not the profile's lines, a data table's cells or a publication list."""
    for paragraph in doctree.findall(nodes.paragraph):
        if _ours(paragraph) or not paragraph.astext().strip():
            continue
        parent = paragraph.parent
        while isinstance(parent, _PROSE_PARENTS) and not isinstance(parent, nodes.document):
            if _ours(parent):
                break
            parent = parent.parent
        if isinstance(parent, nodes.document):
            yield paragraph


def _ours(node: nodes.Element) -> bool:
    """Made by one of our directives (``portfolio-profile``, ``portfolio-table``, ...); the
    web-only wrapper is the author's own prose."""
    classes: list[str] = node.get("classes", [])
    return any(name.startswith("portfolio-") and name != _shared.WEB_ONLY for name in classes)


def _plain_text(node: nodes.Node) -> str:
    if isinstance(node, nodes.Text):
        return str(node)
    if isinstance(node, _NOT_TEXT):
        return ""
    return "".join(_plain_text(child) for child in node.children)


def complete_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    """``html-page-context``, after sphinxext-opengraph: see the module's docstring."""
    if not is_web_page(app):
        return
    metatags = _drop_relative(str(context.get("metatags") or ""))
    given = meta_contents(metatags)  # read once: a paper page's tags are long
    if doctree is None and ("property", "og:title") in given:
        metatags += _site_tags(app)  # never a title or a card
    if ("property", "og:title") in given and ("name", "twitter:card") not in given:
        # Twitter reads the og:* tags once a page names its card; "summary" (a small
        # square image, if any) suits any picture, a portrait included.
        metatags += _meta("name", "twitter:card", "summary")
    if pagename == app.config.root_doc:
        profile = datacache.profile(app.env)
        if profile is not None:
            metatags += person_script(profile)
    context["metatags"] = metatags


def _site_tags(app: Sphinx) -> str:
    """What sphinxext-opengraph gives every document, for a page that is none: the site's
    name and image (``ogp_site_name``, ``ogp_image``, ``ogp_image_alt``, as it reads them)."""
    config = app.config
    named = config.project if config.ogp_site_name is None else config.ogp_site_name
    site_name = named if isinstance(named, str) else ""  # False: no name
    tags = _meta("property", "og:site_name", site_name) if site_name else ""
    image = str(config.ogp_image or "")
    if image and not urlsplit(image).scheme:
        root = str(config.ogp_site_url or "") or base_url(config)
        image = urljoin(root, urlsplit(image).path) if root else ""
    if image:
        tags += _meta("property", "og:image", image)
        alt = config.ogp_image_alt  # a text, None for the site's name, False for none
        alt = alt if isinstance(alt, str) else site_name if alt is None else ""
        if alt:
            tags += _meta("property", "og:image:alt", alt)
    return tags


# sphinxext-opengraph's tags, as it writes them (one a line); an image's alt goes with it.
_RELATIVE = re.compile(r'<meta property="og:(?:url|image)" content="(?![Hh][Tt][Tt][Pp][Ss]?://)'
                       r'[^"]*" />\n?')
_IMAGE_ALT = re.compile(r'<meta property="og:image:(?:alt|width|height)" content="[^"]*" />\n?')


def _drop_relative(metatags: str) -> str:
    """Without a base URL, no ``og:url`` (a relative one misleads), nor a relative image."""
    kept, dropped = _RELATIVE.subn("", metatags)
    if dropped and meta_content(kept, "property", "og:image") is None:
        kept = _IMAGE_ALT.sub("", kept)
    return kept


def _meta(attribute: str, name: str, content: str) -> str:
    return (f'<meta {attribute}="{html.escape(name, quote=True)}" '
            f'content="{html.escape(content, quote=True)}" />\n')


class _MetaFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.contents: dict[tuple[str, str], str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        found = dict(attrs)
        for attribute in ("name", "property"):
            name = found.get(attribute)
            if name is not None:
                self.contents.setdefault((attribute, name), found.get("content") or "")


def meta_contents(metatags: str) -> dict[tuple[str, str], str]:
    """The content of the first ``<meta name=...>`` or ``<meta property=...>`` of each name in
    ``metatags``, by (``"name"`` or ``"property"``, name)."""
    finder = _MetaFinder()
    finder.feed(metatags)
    finder.close()
    return finder.contents


def meta_content(metatags: str, attribute: str, name: str) -> str | None:
    """The content of the first ``<meta attribute="name">`` in ``metatags``; None if none."""
    return meta_contents(metatags).get((attribute, name))
