"""Findable pages: canonical links, a sitemap and robots.txt, link previews (OpenGraph and
Twitter cards) with a description per page, the owner's schema.org ``Person``, a 404 page.

Each is the well-kept extension's work, set up here with settings derived from conf.py and
the profile, so a minimal conf.py gets them all and whatever conf.py sets wins:

* canonical links: Sphinx's own, from ``html_baseurl``; when conf.py leaves it unset, from
  Read the Docs' canonical URL (:mod:`.config_defaults`). No base URL, no canonical link;
* sphinx-sitemap, only with a base URL (a sitemap lists absolute URLs), listing documents
  and the paper pages; ``robots.txt`` (:mod:`.robots`) names it;
* sphinxext-opengraph for documents' ``og:*`` tags, given each page's own description
  (:mod:`.previews`); the paper pages write theirs (``publications.pages``), as it only
  reads documents, so every page has one set;
* the owner's ``Person`` JSON-LD on the home page (:mod:`.person`), without the e-mail;
* sphinx-notfound-page's 404 page, whose links work at any depth (:mod:`.notfound`).

No preview image is made unless configured. sphinxext-opengraph's social cards draw one per
page with matplotlib: on this repository's site (eight documents, a 2-3 s HTML build) importing
matplotlib took 0.85 s and the cards 0.45-0.65 s more, on every clean build (Read the Docs
builds clean), three times the half second a build may grow by. One card for the whole site
drawn with Pillow costs 0.07 s, but Pillow's only bundled font has no "é", let alone the
scripts many researchers' names are written in. So ``og:image`` is what conf.py names:
``ogp_image`` (a photo under ``_static/``, made absolute from the base URL), or social cards
with ``ogp_social_cards = {"enable": True}`` and matplotlib installed.

What the rest costs, measured on the same site (CPU time of a clean build, median of six):
nothing measurable without a base URL; about 0.1 s with one, nearly all of it
sphinx-sitemap's (it starts a multiprocessing manager for every build and sends it each
page's name).

All of it is for web servers: pages for EPUB and HTML help files get none of ours (nor a
404 page), and the other builders write none of it; they only pay for sphinx-sitemap's
manager when there is a base URL (Read the Docs' PDF job).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ... import datacache
from ..._compat.opengraph import OPENGRAPH, import_opengraph
from ..._compat.sphinx import config_as_written
from ...config import given
from .config_defaults import derive_settings
from .notfound import not_found_page
from .previews import complete_page, describe_page
from .robots import write_robots_txt

__all__ = ["setup_findable"]

NOTFOUND = "notfound.extension"


def _wants_social_cards(app: Sphinx) -> bool:
    """Whether conf.py (or ``-D``) sets ``ogp_social_cards`` without ``enable`` off: the
    setting is not registered yet, so it is read as written; anything but a mapping with
    ``"enable": False`` is sphinxext-opengraph's "on"."""
    if not given(app.config, "ogp_social_cards"):
        return False
    cards = config_as_written(app.config).get("ogp_social_cards")
    return not (isinstance(cards, dict) and cards.get("enable") is False)


def note_profile_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the home page carries the profile (``Person``, its description),
    so an edited profile.yaml rewrites it, whether or not it shows ``{profile}``."""
    if app.env.docname == app.config.root_doc:
        path = datacache.default_path(app.env, datacache.PROFILE)
        if Path(path).is_file():
            app.env.note_dependency(str(path))


def setup_findable(app: Sphinx) -> None:
    import_opengraph(social_cards=_wants_social_cards(app))
    app.setup_extension(OPENGRAPH)
    app.setup_extension(NOTFOUND)
    # after the settings' own check (100) and before the extensions read theirs (500)
    app.connect("config-inited", derive_settings, priority=300)
    app.connect("doctree-read", note_profile_dependency)
    # around sphinxext-opengraph's handler (500); after sphinx-notfound-page's (400)
    app.connect("html-page-context", describe_page, priority=450)
    app.connect("html-page-context", not_found_page, priority=450)
    app.connect("html-page-context", complete_page, priority=600)
    app.connect("build-finished", write_robots_txt)
